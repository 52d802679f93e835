"""The batch output's tables, as Arrow schemas: one row per page (with the whole report nested as a struct, its type
derived from the report's own JSON Schema), and flat tables of comments, quotes, claims and persuasion techniques
for quick queries."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pyarrow as pa

from newssift.report import Report

LABELS = ("hate", "violence", "conspiracy", "harassment", "profanity", "spam")


# ------------------------------------------------------------------------------------------- JSON Schema → Arrow


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = defs[node["$ref"].split("/")[-1]]
    return node


def _variants(node: dict[str, Any], defs: dict[str, Any]) -> list[dict[str, Any]]:
    return [_resolve(v, defs) for v in node.get("anyOf", []) if v.get("type") != "null"]


def _arrow(node: dict[str, Any], defs: dict[str, Any]) -> pa.DataType:
    node = _resolve(node, defs)
    if "anyOf" in node:
        options = _variants(node, defs)
        return _arrow(options[0], defs) if len(options) == 1 else pa.string()  # a mixed union is kept as JSON text
    kind = node.get("type")
    if kind == "object":
        props = node.get("properties")
        if not props:
            return pa.string()
        return pa.struct([pa.field(name, _arrow(sub, defs)) for name, sub in props.items()])
    if kind == "array":
        return pa.list_(_arrow(node.get("items", {}), defs))
    return {"integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_()}.get(str(kind), pa.string())


def _conform(value: Any, node: dict[str, Any], defs: dict[str, Any]) -> Any:
    """*value* shaped for the Arrow type of *node*: mixed unions and free-form objects become JSON text."""
    if value is None:
        return None
    node = _resolve(node, defs)
    if "anyOf" in node:
        options = _variants(node, defs)
        if len(options) == 1:
            return _conform(value, options[0], defs)
        return value if isinstance(value, str) else json.dumps(value)
    kind = node.get("type")
    if kind == "object":
        props = node.get("properties")
        if not props:
            return json.dumps(value)
        return {name: _conform(value.get(name), sub, defs) for name, sub in props.items()}
    if kind == "array":
        return [_conform(v, node.get("items", {}), defs) for v in value]
    return value


@cache
def _report_schema() -> tuple[dict[str, Any], dict[str, Any]]:
    schema = Report.model_json_schema(by_alias=True, mode="serialization")
    return schema, schema.get("$defs", {})


@cache
def report_type() -> pa.DataType:
    schema, defs = _report_schema()
    return _arrow(schema, defs)


def report_struct(r: Report) -> dict[str, Any]:
    schema, defs = _report_schema()
    return _conform(r.model_dump(mode="json", by_alias=True), schema, defs)


# ------------------------------------------------------------------------------------------- tables

_WHERE = [
    pa.field("key", pa.string(), nullable=False),
    pa.field("source", pa.string()),
    pa.field("url", pa.string()),
    pa.field("publisher", pa.string()),
]

PAGES = pa.schema(
    [
        *_WHERE,
        pa.field("publisher_domain", pa.string()),
        pa.field("credited", pa.list_(pa.string())),
        pa.field("state_affiliated", pa.list_(pa.string())),
        pa.field("title", pa.string()),
        pa.field("date", pa.string()),
        pa.field("words", pa.int64()),
        pa.field("paragraphs", pa.int64()),
        pa.field("comments", pa.int64()),
        pa.field("comments_removed", pa.int64()),
        pa.field("comments_review", pa.int64()),
        pa.field("quotes", pa.int64()),
        pa.field("claims", pa.int64()),
        pa.field("techniques", pa.int64()),
        pa.field("warnings", pa.list_(pa.string())),
        pa.field("report", report_type()),
    ]
)

COMMENTS = pa.schema(
    [
        *_WHERE,
        pa.field("comment_id", pa.string()),
        pa.field("parent", pa.string()),
        pa.field("depth", pa.int64()),
        pa.field("author", pa.string()),
        pa.field("date", pa.string()),
        pa.field("text", pa.string()),
        pa.field("action", pa.string()),
        pa.field("labels", pa.list_(pa.string())),
        *[pa.field(label, pa.float64()) for label in LABELS],
        pa.field("target", pa.string()),
    ]
)

QUOTES = pa.schema(
    [
        *_WHERE,
        pa.field("quote_index", pa.int64()),  # in report.quotes: a page that repeats a quote has a row for each
        pa.field("start", pa.int64()),  # the content's offsets in report.document.text
        pa.field("end", pa.int64()),
        pa.field("speaker", pa.string()),
        pa.field("role", pa.string()),
        pa.field("speaker_kind", pa.string()),
        pa.field("cue", pa.string()),
        pa.field("content", pa.string()),
        pa.field("direct", pa.bool_()),
        pa.field("venue", pa.string()),
    ]
)

CLAIMS = pa.schema(
    [
        *_WHERE,
        pa.field("claim_index", pa.int64()),
        pa.field("text", pa.string()),
        pa.field("checkworthiness", pa.float64()),
        pa.field("speaker", pa.string()),
    ]
)

TECHNIQUES = pa.schema(
    [
        *_WHERE,
        pa.field("label", pa.string()),
        pa.field("start", pa.int64()),
        pa.field("end", pa.int64()),
        pa.field("text", pa.string()),
        pa.field("score", pa.float64()),
        pa.field("found_by", pa.string()),
    ]
)

TABLES: dict[str, pa.Schema] = {
    "pages": PAGES,
    "comments": COMMENTS,
    "quotes": QUOTES,
    "claims": CLAIMS,
    "techniques": TECHNIQUES,
}


def rows(key: str, source: str, r: Report) -> dict[str, list[dict[str, Any]]]:
    """The rows one report adds to each table."""
    prov = r.provenance
    pub = prov.publisher if prov else None
    outlets = ([pub] if pub else []) + (prov.credited if prov else [])
    where = {"key": key, "source": source, "url": r.document.url, "publisher": pub.name if pub else None}
    actions = [c.moderation.action for c in r.comments if c.moderation]
    page = {
        **where,
        "publisher_domain": pub.domain if pub else None,
        "credited": [o.name or o.domain or "" for o in (prov.credited if prov else [])],
        "state_affiliated": sorted({o.state_affiliated.country for o in outlets if o.state_affiliated}),
        "title": r.document.title,
        "date": r.document.date,
        "words": sum(len(p.text.split()) for p in r.article.paragraphs),
        "paragraphs": len(r.article.paragraphs),
        "comments": len(r.comments),
        "comments_removed": actions.count("remove"),
        "comments_review": actions.count("review"),
        "quotes": len(r.quotes),
        "claims": len(r.claims),
        "techniques": len(r.techniques),
        "warnings": list(r.warnings),
        "report": report_struct(r),
    }
    comments = []
    for c in r.comments:
        labels = c.moderation.labels if c.moderation else []
        scores: dict[str, float] = {lab.label: lab.score for lab in labels}
        target = next((lab.target for lab in labels if lab.target), None)
        comments.append(
            {
                **where,
                "comment_id": c.id,
                "parent": c.parent,
                "depth": c.depth,
                "author": c.author,
                "date": c.date,
                "text": c.text,
                "action": c.moderation.action if c.moderation else None,
                "labels": [lab.label for lab in labels],
                **{label: float(scores.get(label, 0.0)) for label in LABELS},
                "target": target,
            }
        )
    quotes = [
        {
            **where,
            "quote_index": i,
            "start": q.content.start,
            "end": q.content.end,
            "speaker": q.speaker.name,
            "role": q.speaker.role,
            "speaker_kind": q.speaker.kind,
            "cue": q.cue.text,
            "content": q.content.text,
            "direct": q.direct,
            "venue": q.venue.text if q.venue else None,
        }
        for i, q in enumerate(r.quotes)
    ]
    claims = [
        {
            **where,
            "claim_index": i,
            "text": c.text,
            "checkworthiness": c.checkworthiness,
            "speaker": r.quotes[c.quote].speaker.name if c.quote is not None else None,
        }
        for i, c in enumerate(r.claims)
    ]
    techniques = [
        {**where, "label": t.label, "start": t.start, "end": t.end, "text": t.text, "score": t.score,
         "found_by": t.source}
        for t in r.techniques
    ]  # fmt: skip
    return {"pages": [page], "comments": comments, "quotes": quotes, "claims": claims, "techniques": techniques}
