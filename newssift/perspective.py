"""Perspective API (``commentanalyzer v1alpha1``) on newssift's moderation stage, so a Perspective client works
against ``newssift serve`` once its base URL is changed.

- ``POST /v1alpha1/comments:analyze``: every field of AnalyzeCommentRequest (camelCase or snake_case, as Google's
  JSON mapping accepts), every field of AnalyzeCommentResponse; span offsets count UTF-16 code units.
- ``POST /v1alpha1/comments:suggestscore``: checked and answered as Perspective does; kept (one JSON line each)
  only where the operator gives a suggestions file.
- ``GET /$discovery/rest?version=v1alpha1`` (and ``/discovery/v1/apis/commentanalyzer/v1alpha1/rest``): the
  discovery document, whose ``rootUrl`` is this server, so googleapiclient-based clients build against it.
- ``?key=`` (or the ``X-Goog-Api-Key`` header) is accepted; it is checked only where the operator gives key files.

Errors are Google error objects worded as Perspective words them. docs/perspective.md has the attribute mapping
and what differs from Perspective. The endpoints are the router of :mod:`newssift.api.perspective`.
"""

from __future__ import annotations

import hmac
import html
import itertools
import json
import logging
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Request

from newssift.api.body import MAX_COMMENT_BYTES, moderation_thread
from newssift.errors import InputError
from newssift.moderation.policy import Policy
from newssift.moderation.stage import Verdict, judge
from newssift.segment import split_sentences

_log = logging.getLogger("newssift.perspective")
MAX_SPAN_PIECES = 64  # span scores of at most this many pieces of one comment
_PROTO = "type.googleapis.com/google.commentanalyzer.v1alpha1"
_ERROR_TYPE = f"{_PROTO}.Error"
_STATUS = {400: "INVALID_ARGUMENT", 403: "PERMISSION_DENIED", 404: "NOT_FOUND"}

PRODUCTION = ("TOXICITY", "SEVERE_TOXICITY", "IDENTITY_ATTACK", "INSULT", "PROFANITY", "THREAT")
EXPERIMENTAL = (*(f"{a}_EXPERIMENTAL" for a in PRODUCTION), "SEXUALLY_EXPLICIT", "FLIRTATION")
NYT = (
    "ATTACK_ON_AUTHOR",
    "ATTACK_ON_COMMENTER",
    "INCOHERENT",
    "INFLAMMATORY",
    "LIKELY_TO_REJECT",
    "OBSCENE",
    "SPAM",
    "UNSUBSTANTIAL",
)
BRIDGING = tuple(
    f"{a}_EXPERIMENTAL"
    for a in ("AFFINITY", "COMPASSION", "CURIOSITY", "NUANCE", "PERSONAL_STORY", "REASONING", "RESPECT")
)
KNOWN_ATTRIBUTES = PRODUCTION + EXPERIMENTAL + NYT + BRIDGING
SUPPORTED_LANGUAGES = ("en",)


def _toxicity(s: dict[str, float]) -> float:
    return max(s.get("hate", 0.0), s.get("violence", 0.0), s.get("harassment", 0.0), 0.7 * s.get("profanity", 0.0))


def _severe(s: dict[str, float]) -> float:
    hate, violence = s.get("hate", 0.0), s.get("violence", 0.0)
    return max(hate if hate >= 0.8 else 0.6 * hate, violence if violence >= 0.8 else 0.6 * violence)


def _label(name: str) -> Callable[[dict[str, float]], float]:
    return lambda s: s.get(name, 0.0)


_PRODUCTION_SCORERS: dict[str, Callable[[dict[str, float]], float]] = {
    "TOXICITY": _toxicity,
    "SEVERE_TOXICITY": _severe,
    "IDENTITY_ATTACK": _label("hate"),
    "INSULT": _label("harassment"),
    "PROFANITY": _label("profanity"),
    "THREAT": _label("violence"),
}
# Perspective's attributes newssift scores, from its labels (docs/perspective.md); any other known attribute is
# answered "does not support request languages", as Perspective answers an attribute it cannot score in a language
SCORERS: dict[str, Callable[[dict[str, float]], float]] = {
    **_PRODUCTION_SCORERS,
    **{f"{a}_EXPERIMENTAL": f for a, f in _PRODUCTION_SCORERS.items()},
    "OBSCENE": _label("profanity"),
    "SPAM": _label("spam"),
}


def perspective_scores(v: Verdict) -> dict[str, float]:
    """newssift labels as every Perspective attribute it scores."""
    s = v.scores()
    return {attr: min(1.0, max(0.0, f(s))) for attr, f in SCORERS.items()}


class PerspectiveError(Exception):
    """An error answered as a Google API error object: ``{"error": {"code", "message", "status", "details"}}``."""

    def __init__(self, code: int, message: str, error_type: str | None = None, **detail: Any) -> None:
        super().__init__(message)
        self.code, self.message = code, message
        self.details: list[dict[str, Any]] = []
        if error_type:
            self.details.append({"@type": _ERROR_TYPE, "errorType": error_type, **detail})

    def body(self) -> dict[str, Any]:
        err: dict[str, Any] = {"code": self.code, "message": self.message, "status": _STATUS.get(self.code, "UNKNOWN")}
        if self.details:
            err["details"] = self.details
        return {"error": err}


def _invalid(path: str, kind: str, value: Any) -> PerspectiveError:
    shown = json.dumps(value, ensure_ascii=False)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return PerspectiveError(400, f"Invalid value at '{path}' ({kind}), {shown}")


# ---- the request, read as Google's JSON mapping reads it ----------------------------------------------------------


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower()


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p[:1].upper() + p[1:] for p in rest)


def _message(value: Any, path: str, kind: str, fields: Iterable[str]) -> dict[str, Any]:
    """A JSON object read as the proto message *kind*: keys in camelCase or snake_case; an unknown key is a 400."""
    if not isinstance(value, dict):
        if not path:
            raise PerspectiveError(
                400, 'Invalid JSON payload received. Unknown name "": Root element must be a message.'
            )
        raise _invalid(path, f"{_PROTO}.{kind}", value)
    allowed, out = set(fields), {}
    for key, v in value.items():
        name = _camel(key)
        if name not in allowed:
            where = f" at '{path}'" if path else ""
            message = f'Invalid JSON payload received. Unknown name "{key}"{where}: Cannot find field.'
            raise PerspectiveError(400, message)
        if v is not None:
            out[name] = v
    return out


def _join(path: str, name: str) -> str:
    return f"{path}.{_snake(name)}" if path else _snake(name)


def _string(msg: dict[str, Any], name: str, path: str) -> str | None:
    value = msg.get(name)
    if value is not None and not isinstance(value, str):
        raise _invalid(_join(path, name), "TYPE_STRING", value)
    return value


def _bool(msg: dict[str, Any], name: str, path: str = "") -> bool:
    """A proto bool: true or false (the strings "true" and "false" too, as Google's parser takes them)."""
    value = msg.get(name, False)
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise _invalid(_join(path, name), "TYPE_BOOL", value)


def _strings(msg: dict[str, Any], name: str) -> list[str]:
    value = msg.get(name, [])
    if not isinstance(value, list):
        raise _invalid(_snake(name), "TYPE_STRING", value)
    for i, v in enumerate(value):
        if not isinstance(v, str):
            raise _invalid(f"{_snake(name)}[{i}]", "TYPE_STRING", v)
    return value


@dataclass(slots=True)
class Text:
    """A TextEntry: the text as sent, the text scored (tags and entities of HTML resolved), and where each character
    of the scored text sits in the text as sent."""

    raw: str
    plain: str
    starts: list[int]
    ends: list[int]

    @classmethod
    def plain_text(cls, raw: str) -> Text:
        return cls(raw, raw, list(range(len(raw))), list(range(1, len(raw) + 1)))


_TEXT_TYPE = f"{_PROTO}.TextEntry.TextType"
_HTML_TOKEN = re.compile(
    r"<(?:!--|/?[A-Za-z!?][^<>]*>)|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?"
)
_RAW_TEXT = re.compile(r"<(script|style)\b", re.I)
_BLOCK = re.compile(r"<\s*/?\s*(?:p|br|div|li|tr|h[1-6]|blockquote)\b", re.I)


def _html_tokens(raw: str) -> Iterator[tuple[int, int, str]]:
    """The markup of *raw*, each as (start, end, the text it stands for), in one pass: a comment, script or style
    left open runs to the end, as a browser reads it, so no input makes this scan the text more than twice."""
    lowered = raw.lower()
    pos = 0
    while m := _HTML_TOKEN.search(raw, pos):
        token, end = m.group(0), m.end()
        if token.startswith("&"):
            yield m.start(), end, html.unescape(token)
            pos = end
            continue
        if token == "<!--":
            close = raw.find("-->", end)
            end = len(raw) if close < 0 else close + 3
        elif raw_text := _RAW_TEXT.match(token):
            close = lowered.find(f"</{raw_text.group(1).lower()}", end)
            end = len(raw) if close < 0 else (raw.find(">", close) + 1 or len(raw))
        yield m.start(), end, "\n" if _BLOCK.match(token) else ""
        pos = end


def html_text(raw: str) -> Text:
    """The text of an HTML comment (tags, comments, scripts and styles dropped, block tags a line break, entities
    resolved), with where in *raw* each of its characters starts and ends."""
    out = Text(raw, "", [], [])
    plain: list[str] = []
    pos = 0
    for start, end, text in _html_tokens(raw):
        plain.append(raw[pos:start])
        out.starts.extend(range(pos, start))
        out.ends.extend(range(pos + 1, start + 1))
        plain.append(text)
        out.starts.extend([start] * len(text))
        out.ends.extend([end] * len(text))
        pos = end
    plain.append(raw[pos:])
    out.starts.extend(range(pos, len(raw)))
    out.ends.extend(range(pos + 1, len(raw) + 1))
    out.plain = "".join(plain)
    return out


def _text_entry(value: Any, path: str) -> Text:
    msg = _message(value, path, "TextEntry", ("text", "type"))
    text = _string(msg, "text", path) or ""
    kind = msg.get("type", "TEXT_TYPE_UNSPECIFIED")
    if kind not in ("TEXT_TYPE_UNSPECIFIED", "PLAIN_TEXT", "HTML"):
        raise _invalid(f"{path}.type", _TEXT_TYPE, kind)
    size = len(text.encode("utf-8"))
    if size > MAX_COMMENT_BYTES:
        what = "Comment" if path == "comment" else "Context"
        raise PerspectiveError(
            400,
            f"{what} text was too many bytes. Value ({size}) exceeded limit ({MAX_COMMENT_BYTES}).",
            "COMMENT_TOO_LONG",
        )
    return html_text(text) if kind == "HTML" else Text.plain_text(text)


def _comment(data: dict[str, Any]) -> Text:
    if "comment" not in data:
        raise PerspectiveError(400, "Comment must be non-empty.", "COMMENT_EMPTY")
    text = _text_entry(data["comment"], "comment")
    if not text.plain.strip():
        raise PerspectiveError(400, "Comment must be non-empty.", "COMMENT_EMPTY")
    return text


def _context_parent(value: Any) -> Text | None:
    """The text a comment replies to, from ``context``: ``articleAndParentComment.parentComment``, or the last
    non-empty of ``entries`` (the article is read and checked but not scored; Perspective's models do not use it)."""
    if value is None:
        return None
    ctx = _message(value, "context", "Context", ("entries", "articleAndParentComment"))
    if "entries" in ctx and "articleAndParentComment" in ctx:
        raise PerspectiveError(
            400, "Context can have either entries or article_and_parent_comment, but both were populated."
        )
    if "articleAndParentComment" in ctx:
        path = "context.article_and_parent_comment"
        pair = _message(ctx["articleAndParentComment"], path, "ArticleAndParentComment", ("article", "parentComment"))
        if "article" in pair:
            _text_entry(pair["article"], f"{path}.article")
        parent = _text_entry(pair["parentComment"], f"{path}.parent_comment") if "parentComment" in pair else None
        return parent if parent and parent.plain.strip() else None
    entries = ctx.get("entries", [])
    if not isinstance(entries, list):
        raise _invalid("context.entries", f"{_PROTO}.TextEntry", entries)
    texts = [_text_entry(e, f"context.entries[{i}]") for i, e in enumerate(entries)]
    return next((t for t in reversed(texts) if t.plain.strip()), None)


@dataclass(slots=True)
class Requested:
    threshold: float | None = None


_SCORE_TYPE = f"{_PROTO}.ScoreType"
SCORE_TYPES = ("SCORE_TYPE_UNSPECIFIED", "PROBABILITY", "STD_DEV_SCORE", "PERCENTILE", "RAW")


def _attribute_parameters(name: str, value: Any) -> Requested:
    path = f"requested_attributes[{name}]"
    params = _message({} if value is None else value, path, "AttributeParameters", ("scoreType", "scoreThreshold"))
    score_type = params.get("scoreType", "PROBABILITY")
    if score_type not in SCORE_TYPES:
        raise _invalid(f"{path}.score_type", _SCORE_TYPE, score_type)
    if score_type not in ("SCORE_TYPE_UNSPECIFIED", "PROBABILITY"):
        raise PerspectiveError(400, f"Requested score type {score_type} is not supported by attribute {name}")
    threshold = params.get("scoreThreshold")
    if threshold is not None and (isinstance(threshold, bool) or not isinstance(threshold, (int, float))):
        raise _invalid(f"{path}.score_threshold", "TYPE_FLOAT", threshold)
    try:
        return Requested(None if threshold is None else float(threshold))
    except OverflowError:  # an integer of hundreds of digits: no float holds it
        raise _invalid(f"{path}.score_threshold", "TYPE_FLOAT", threshold) from None


def _requested(data: dict[str, Any]) -> dict[str, Requested]:
    value = data.get("requestedAttributes")
    if not value:
        raise PerspectiveError(400, "Missing requested_attributes")
    if not isinstance(value, dict):
        raise _invalid("requested_attributes", f"{_PROTO}.AttributeParameters", value)
    unknown = [a for a in value if a not in KNOWN_ATTRIBUTES]
    if unknown:
        raise PerspectiveError(400, f"Unknown requested attribute: {unknown[0]}")
    return {name: _attribute_parameters(name, params) for name, params in value.items()}


_ANALYZE_FIELDS = (
    "comment",
    "context",
    "requestedAttributes",
    "spanAnnotations",
    "languages",
    "doNotStore",
    "clientToken",
    "sessionId",
    "communityId",
    "dropUnsupportedAttributes",
)


@dataclass(slots=True)
class AnalyzeRequest:
    comment: Text
    parent: Text | None
    attributes: dict[str, Requested]
    languages: list[str]
    span_annotations: bool
    drop_unsupported: bool
    client_token: str | None
    do_not_store: bool = True


def parse_analyze(body: Any) -> AnalyzeRequest:
    data = _message(body, "", "AnalyzeCommentRequest", _ANALYZE_FIELDS)
    for name in ("sessionId", "communityId"):
        _string(data, name, "")
    return AnalyzeRequest(
        comment=_comment(data),
        parent=_context_parent(data.get("context")),
        attributes=_requested(data),
        languages=_strings(data, "languages"),
        span_annotations=_bool(data, "spanAnnotations"),
        drop_unsupported=_bool(data, "dropUnsupportedAttributes"),
        client_token=_string(data, "clientToken", ""),
        do_not_store=_bool(data, "doNotStore"),
    )


# ---- languages ----------------------------------------------------------------------------------------------------

_STOPWORDS = {
    "en": "the and is are you your to of it that this not with for was have be on what they he she we",
    "de": "der die das und ist nicht ich du sie ein eine zu mit den dem auch sich auf für von wir bist sind",
    "fr": "le les et est une des pas que je tu il vous dans pour sur avec qui ce sont nous",
    "es": "el los las y es que un una no por con para se lo como pero su eres muy",
    "it": "il lo gli e è che di un una non per con sono mi ti ma anche questo sei",
    "pt": "o os e é que um uma não por com para do da em você são isso",
    "nl": "het een en is niet ik je dat van op te zijn met voor ook maar jij",
}
_STOP = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_SCRIPTS = (
    ("CYRILLIC", "ru"),
    ("ARABIC", "ar"),
    ("HIRAGANA", "ja"),
    ("KATAKANA", "ja"),
    ("HANGUL", "ko"),
    ("CJK", "zh"),
    ("DEVANAGARI", "hi"),
    ("GREEK", "el"),
    ("HEBREW", "he"),
)
_WORD = re.compile(r"[^\W\d_]+")


def detect_languages(text: str) -> list[str]:
    """The comment's likely languages, most likely first: a count of each language's commonest words (and, for
    other scripts, the script of most letters). Not a classifier: it tells English from text that is plainly not
    English, so a German comment is refused as Perspective refuses a language, rather than scored as English."""
    letters = [c for c in text[:4000] if c.isalpha()]
    scripts: dict[str, int] = {}
    for c in letters:
        name = unicodedata.name(c, "")
        lang = next((lang for prefix, lang in _SCRIPTS if name.startswith(prefix)), None)
        if lang:
            scripts[lang] = scripts.get(lang, 0) + 1
    if scripts and max(scripts.values()) * 2 > len(letters):
        return sorted(scripts, key=lambda lang: -scripts[lang])
    words = [w.lower() for w in _WORD.findall(text[:4000])]
    hits = {lang: sum(w in stop for w in words) for lang, stop in _STOP.items()}
    found = sorted((lang for lang, n in hits.items() if n), key=lambda lang: (-hits[lang], lang != "en"))
    return found or ["en"]


def _supported_language(lang: str) -> bool:
    return lang.lower().replace("_", "-").split("-")[0] in SUPPORTED_LANGUAGES


def _scored_attributes(req: AnalyzeRequest, detected: list[str]) -> list[str]:
    """The requested attributes newssift scores in the comment's languages; an attribute it cannot score is an
    error worded as Perspective's for a language an attribute does not support, or dropped where the request asks
    (``dropUnsupportedAttributes``)."""
    languages = req.languages or detected[:1]
    language_ok = all(_supported_language(lang) for lang in languages)
    kept = []
    for attr in req.attributes:
        if language_ok and attr in SCORERS:
            kept.append(attr)
        elif not req.drop_unsupported:
            key = "requestedLanguages" if req.languages else "detectedLanguages"
            raise PerspectiveError(
                400,
                f"Attribute {attr} does not support request languages: {','.join(languages)}",
                "LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE",
                languageNotSupportedByAttributeError={key: languages, "attribute": attr},
            )
    return kept


# ---- scores and spans ---------------------------------------------------------------------------------------------


def span_pieces(text: str) -> list[tuple[int, int]]:
    """The pieces of a comment that get span scores: its sentences, or, past MAX_SPAN_PIECES of them, that many runs
    of consecutive sentences (each piece is judged like a comment, so their number bounds the cost)."""
    sents = split_sentences(text)
    # each sentence with the space (or markup) after it, up to the next one, as Perspective's pieces cover the text
    pieces = [(a, nxt) for (a, _b), (nxt, _c) in itertools.pairwise(sents)]
    if sents:
        a, b = sents[-1]
        pieces.append((a, len(text) if not text[b:].strip() else b))
    if len(pieces) <= MAX_SPAN_PIECES:
        return pieces
    step = len(pieces) / MAX_SPAN_PIECES
    cuts = [round(i * step) for i in range(MAX_SPAN_PIECES + 1)]
    return [(pieces[a][0], pieces[b - 1][1]) for a, b in itertools.pairwise(cuts) if b > a]


def utf16_offset(text: str, index: int) -> int:
    """The offset of code point *index* of *text* in UTF-16 code units (what JavaScript and Perspective count)."""
    return index + sum(1 for c in text[:index] if ord(c) > 0xFFFF)


def _raw_span(text: Text, a: int, b: int) -> tuple[int, int]:
    """Span [a, b) of the scored text as UTF-16 offsets into the text as sent."""
    begin = text.starts[a] if a < len(text.starts) else len(text.raw)
    end = text.ends[b - 1] if b > 0 else 0
    return utf16_offset(text.raw, begin), utf16_offset(text.raw, end)


def _score(value: float) -> dict[str, Any]:
    return {"value": round(value, 6), "type": "PROBABILITY"}


async def _verdicts(req: AnalyzeRequest, policy: Policy) -> tuple[Verdict, list[tuple[int, int, Verdict]]]:
    text = req.comment.plain
    if req.parent is None:
        whole = (await moderation_thread(judge, [text], policy=policy))[0]
    else:  # the comment replies to its parent: judged with it in view, as /v1/moderate does
        whole = (await moderation_thread(judge, [req.parent.plain, text], [None, 0], policy=policy))[1]
    pieces = span_pieces(text) if req.span_annotations else []
    if len(pieces) <= 1:
        return whole, [(0, len(text), whole)]
    verdicts = await moderation_thread(judge, [text[a:b] for a, b in pieces], policy=policy)
    return whole, [(a, b, v) for (a, b), v in zip(pieces, verdicts, strict=True)]


def _attribute_scores(
    req: AnalyzeRequest, attrs: list[str], whole: Verdict, pieces: list[tuple[int, int, Verdict]]
) -> dict[str, Any]:
    summary = perspective_scores(whole)
    spans = [(*_raw_span(req.comment, a, b), perspective_scores(v)) for a, b, v in pieces]
    out: dict[str, Any] = {}
    for attr in attrs:
        floor = req.attributes[attr].threshold
        if floor is not None and summary[attr] < floor:
            continue  # Perspective leaves out a score below the request's scoreThreshold
        entry: dict[str, Any] = {}
        if req.span_annotations:
            entry["spanScores"] = [
                {"begin": b, "end": e, "score": _score(sc[attr])}
                for b, e, sc in spans
                if floor is None or sc[attr] >= floor
            ]
        entry["summaryScore"] = _score(summary[attr])
        out[attr] = entry
    return out


async def analyze(body: Any, policy: Policy) -> dict[str, Any]:
    req = parse_analyze(body)
    detected = detect_languages(req.comment.plain)
    attrs = _scored_attributes(req, detected)
    out: dict[str, Any] = {}
    if attrs:
        whole, pieces = await _verdicts(req, policy)
        out = _attribute_scores(req, attrs, whole, pieces)
    response: dict[str, Any] = {
        "attributeScores": out,
        "languages": req.languages or detected[:1],
        "detectedLanguages": detected,
    }
    if req.client_token is not None:
        response["clientToken"] = req.client_token
    return response


# ---- suggestscore -------------------------------------------------------------------------------------------------


def _suggested_score(value: Any, path: str) -> None:
    score = _message(value, path, "Score", ("value", "type"))
    if "value" not in score:
        raise PerspectiveError(400, f"Score must be explicitly set: '{path}.value' is missing.")
    v = score["value"]
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise _invalid(f"{path}.value", "TYPE_FLOAT", v)
    if score.get("type", "PROBABILITY") not in SCORE_TYPES:
        raise _invalid(f"{path}.type", _SCORE_TYPE, score["type"])


def _suggested_attribute(name: str, value: Any, length: int) -> None:
    path = f"attribute_scores[{name}]"
    scores = _message(value, path, "AttributeScores", ("summaryScore", "spanScores"))
    if not scores:
        raise PerspectiveError(400, f"AttributeScores for {name} must not be empty.")
    if "summaryScore" in scores:
        _suggested_score(scores["summaryScore"], f"{path}.summary_score")
    spans = scores.get("spanScores", [])
    if not isinstance(spans, list):
        raise _invalid(f"{path}.span_scores", f"{_PROTO}.SpanScore", spans)
    for i, span in enumerate(spans):
        where = f"{path}.span_scores[{i}]"
        s = _message(span, where, "SpanScore", ("begin", "end", "score"))
        begin, end = s.get("begin"), s.get("end")
        if not isinstance(begin, int) or not isinstance(end, int) or isinstance(begin, bool) or isinstance(end, bool):
            raise PerspectiveError(400, f"SpanScore objects must have begin and end fields set ('{where}').")
        if not 0 <= begin <= end <= length:
            raise PerspectiveError(400, f"Span [{begin}, {end}) at '{where}' is outside the comment.")
        _suggested_score(s.get("score"), f"{where}.score")


#: the suggestions file stops growing at this size (clients need no key unless --api-key-file is set, so anyone
#: could otherwise fill the disk); suggestions past it are answered and not kept, and the server log says so
MAX_SUGGESTIONS_BYTES = 256 * 1024 * 1024


def _keep_suggestion(log: Path, record: dict[str, Any]) -> None:
    line = json.dumps(record, ensure_ascii=False) + "\n"
    try:
        size = log.stat().st_size if log.exists() else 0
        if size + len(line.encode("utf-8")) > MAX_SUGGESTIONS_BYTES:
            _log.warning("suggestions file %s is full (%d bytes): suggestion not kept", log, size)
            return
        with log.open("a", encoding="utf-8") as fh:
            fh.write(line)
    except OSError as exc:
        _log.error("cannot keep a suggestion in %s: %s", log, exc)


def suggest_score(body: Any, log: Path | None) -> dict[str, Any]:
    fields = ("comment", "context", "attributeScores", "languages", "communityId", "clientToken", "sessionId")
    data = _message(body, "", "SuggestCommentScoreRequest", fields)
    comment = _comment(data)
    _context_parent(data.get("context"))
    scores = data.get("attributeScores")
    if not scores or not isinstance(scores, dict):
        raise PerspectiveError(400, "attribute_scores must not be empty.")
    for name, value in scores.items():
        _suggested_attribute(name, value, utf16_offset(comment.raw, len(comment.raw)))
    languages = _strings(data, "languages")
    token = _string(data, "clientToken", "")
    for name in ("communityId", "sessionId"):
        _string(data, name, "")
    if log is not None:  # kept only where the operator asked (newssift serve --suggestions-file)
        _keep_suggestion(log, {"received": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **data})
    response: dict[str, Any] = {"detectedLanguages": detect_languages(comment.plain)}
    if languages:
        response["requestedLanguages"] = languages
    if token is not None:
        response["clientToken"] = token
    return response


# ---- keys ---------------------------------------------------------------------------------------------------------


def load_api_keys(path: Path) -> frozenset[str]:
    """The keys in *path*, one a line (blank lines and ``#`` comments skipped); a file without one is an error."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"--api-key-file {path}: {exc.strerror or exc}") from None
    keys = frozenset(k for k in (line.split("#", 1)[0].strip() for line in lines) if k)
    if not keys:
        raise InputError(f"--api-key-file {path}: no keys in it (one a line)")
    return keys


def check_key(request: Request, keys: frozenset[str] | None) -> None:
    """With *keys*, the request's ``?key=`` (or ``X-Goog-Api-Key``) must be one of them, as Google checks one."""
    if keys is None:
        return
    given = request.query_params.get("key") or request.headers.get("x-goog-api-key")
    if not given:
        raise PerspectiveError(403, "The request is missing a valid API key.")
    if not any(hmac.compare_digest(given.encode(), k.encode()) for k in keys):
        err = PerspectiveError(400, "API key not valid. Please pass a valid API key.")
        err.details = [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID"}]
        raise err
