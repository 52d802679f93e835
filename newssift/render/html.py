"""HTML: the report as a page, for the reviewer's desk (``newssift serve``) and ``analyze --format html``.

Page text is hostile input. Templates autoescape, and the only markup built in Python (highlighted spans) passes
every piece of page text through :func:`markupsafe.escape`; class names come from a fixed vocabulary, never from the
page. The page needs no script: the server sends a Content-Security-Policy that forbids all of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from newssift.render import clean
from newssift.report import Comment, Report

#: Speaker colours cycle through this many CSS classes (spk-0 … spk-7).
PALETTE = 8
#: Claims at or above this check-worthiness are highlighted in the article.
CHECKWORTHY = 0.5


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlight: document offsets, CSS classes from the fixed vocabulary, a tooltip, an anchor after it."""

    start: int
    end: int
    classes: tuple[str, ...]
    title: str = ""
    badge: Markup | None = None


@dataclass(slots=True)
class _Seg:
    start: int
    end: int
    marks: list[Mark] = field(default_factory=list)


def highlight(text: str, base: int, marks: list[Mark]) -> Markup:
    """*text* (which starts at document offset *base*) with *marks* as nested-free, escaped ``<span>`` runs.

    Overlapping marks are flattened: the text is cut at every mark boundary and each piece carries the classes of
    every mark over it, so overlaps never produce broken nesting. A mark's badge is placed after its last piece.
    """
    end = base + len(text)
    inside = [m for m in marks if m.start < end and m.end > base and m.end > m.start]
    cuts = sorted({base, end, *(max(base, m.start) for m in inside), *(min(end, m.end) for m in inside)})
    out: list[str] = []
    for a, b in pairwise(cuts):
        over = [m for m in inside if m.start <= a and m.end >= b]
        piece = escape(clean(text[a - base : b - base]))
        if over:
            classes = " ".join(dict.fromkeys(c for m in over for c in m.classes))
            title = " · ".join(dict.fromkeys(m.title for m in over if m.title))
            out.append(f'<span class="{classes}" title="{escape(title)}">{piece}</span>')
        else:
            out.append(str(piece))
        out += [str(m.badge) for m in inside if m.badge is not None and m.end <= end and m.end == b]
    return Markup("".join(out))


def safe_link(url: str | None) -> str | None:
    """*url* if it is http(s) (a page can carry ``javascript:`` links); otherwise None."""
    if not url:
        return None
    try:
        return url if urlsplit(url).scheme in ("http", "https") else None
    except ValueError:
        return None


def _badge(i: int, supports: int, contradicts: int, discusses: int) -> Markup:
    return Markup(
        f'<a class="badge" href="#claim-{i}" title="independent origins: {supports} support, '
        f'{contradicts} contradict, {discusses} discuss"><span class="sup">✔ {supports}</span> '
        f'<span class="con">✖ {contradicts}</span> <span class="dis">≈ {discusses}</span></a>'
    )


def article_marks(r: Report) -> list[Mark]:
    """Quotes coloured by speaker, their cues and speaker mentions, check-worthy claims with corroboration badges,
    dated expressions, persuasion techniques."""
    speakers: dict[tuple[str, str | None], int] = {}
    marks: list[Mark] = []
    for q in r.quotes:
        k = speakers.setdefault((q.speaker.name, q.speaker.role), len(speakers)) % PALETTE
        who = q.speaker.name + (f" ({q.speaker.role})" if q.speaker.role else "")
        kind = "direct quote" if q.direct else "indirect quote"
        marks.append(Mark(q.content.start, q.content.end, ("quote", f"spk-{k}"), f"{kind}: {who}"))
        marks.append(Mark(q.cue.start, q.cue.end, ("cue",), f"cue verb of a quote by {who}"))
        marks.append(Mark(q.speaker_mention.start, q.speaker_mention.end, ("speaker", f"spk-{k}"), who))
    corroboration = {c.claim: c for c in r.corroboration}
    for i, c in enumerate(r.claims):
        if c.checkworthiness < CHECKWORTHY:
            continue
        cor = corroboration.get(i)
        badge = _badge(i, cor.supports, cor.contradicts, cor.discusses) if cor else None
        marks.append(Mark(c.start, c.end, ("claim",), f"check-worthy claim ({c.checkworthiness:.2f})", badge))
    for t in r.timeline:
        marks.append(Mark(t.start, t.end, ("when",), f"dated: {t.date}"))
    for f in r.techniques:
        marks.append(Mark(f.start, f.end, ("tech",), f"{f.label.replace('_', ' ')} {f.score:.2f}: {f.explanation}"))
    return marks


def speaker_legend(r: Report) -> list[dict[str, Any]]:
    """Speakers in order of first quote, with their colour class and quotes."""
    order: dict[tuple[str, str | None], dict[str, Any]] = {}
    for q in r.quotes:
        key = (q.speaker.name, q.speaker.role)
        entry = order.setdefault(
            key, {"name": q.speaker.name, "role": q.speaker.role, "cls": f"spk-{len(order) % PALETTE}", "quotes": []}
        )
        entry["quotes"].append(q)
    return list(order.values())


def comment_marks(c: Comment) -> list[Mark]:
    if c.moderation is None:
        return []
    return [
        Mark(s.start, s.end, ("ev", f"ev-{lab.label}"), f"{lab.label}: {lab.reason}" if lab.reason else lab.label)
        for lab in c.moderation.labels
        for s in lab.spans
    ]


@cache
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("newssift", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["clean"] = clean
    env.globals.update(highlight=highlight, safe_link=safe_link, comment_marks=comment_marks)
    return env


@cache
def stylesheet() -> str:
    return resources.files("newssift").joinpath("static/newssift.css").read_text(encoding="utf-8")


def page_context(r: Report) -> dict[str, Any]:
    return {
        "r": r,
        "marks": article_marks(r),
        "legend": speaker_legend(r),
        "checkworthy": CHECKWORTHY,
        "corroboration": {c.claim: c for c in r.corroboration},
    }


def render_template(name: str, **context: Any) -> str:
    return _env().get_template(name).render(**context)


def render_html(r: Report) -> str:
    """A standalone page (stylesheet inlined, no script, no outside resources) showing the whole report."""
    return render_template("report.html", standalone=True, css=stylesheet(), review=None, **page_context(r))
