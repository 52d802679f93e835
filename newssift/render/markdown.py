"""Markdown: a readable report for issues, notes and chat. Page text is escaped (Markdown and inline HTML)."""

from __future__ import annotations

import re

from newssift.render import clean
from newssift.report import Outlet, Report

_MD_INLINE = re.compile(r"([\\`*_\[\]|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])", re.M)


def md_escape(text: str) -> str:
    """Escape page text for Markdown: inline markup, inline HTML, and block markers at line starts."""
    text = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(_escape_marker, text)


def _escape_marker(m: re.Match[str]) -> str:
    lead, marker = m.group(1), m.group(2)
    if marker[0].isdigit():  # "1." -> "1\." (a backslash before a digit is no escape in Markdown)
        return lead + marker[:-1] + "\\" + marker[-1]
    return lead + "\\" + marker


def _quote(text: str) -> str:
    return "\n".join("> " + md_escape(line.strip()) if line.strip() else ">" for line in text.strip().split("\n"))


def render_markdown(r: Report) -> str:
    d = r.document
    out: list[str] = [f"# {md_escape(d.title or 'Untitled page')}", ""]
    facts = [
        ("URL", d.url),
        ("Site", d.site_name),
        ("Date", d.date),
        ("Byline", d.byline),
        ("Source", f"{d.source_type}, {d.length:,} characters"),
    ]
    for key, value in facts:
        if value:
            out.append(f"- **{key}:** {md_escape(value)}")
    out += _provenance_md(r)
    out += ["", f"## Article ({len(r.article.paragraphs)} paragraphs)", ""]
    for p in r.article.paragraphs:
        out += [("### " + md_escape(p.text)) if p.kind == "heading" else md_escape(p.text), ""]
    if r.boilerplate:
        out += [f"## Publisher boilerplate ({len(r.boilerplate)})", ""]
        for b in r.boilerplate:
            out.append(f"- *{b.kind}*: {md_escape(' '.join(b.text.split()))}")
        out.append("")
    out += _claims_md(r)
    out += _techniques_md(r)
    if r.comments:
        out += [f"## Comments ({len(r.comments)})", ""]
        for c in r.comments:
            who = " · ".join(md_escape(x) for x in (c.author, c.date) if x)
            reply = f" (reply to {md_escape(c.parent)})" if c.parent else ""
            out.append(f"**#{md_escape(c.id)}**{reply}{' — ' + who if who else ''}")
            out.append("")
            if c.moderation is not None:
                out.append(f"{'  ' * c.depth}*Moderation:* **{c.moderation.action}**")
                for lab in c.moderation.labels:
                    target = f" → {md_escape(lab.target)}" if lab.target else ""
                    words = "; ".join(md_escape(r.document.text[s.start : s.end]) for s in lab.spans[:4])
                    evidence = f" — evidence: “{words}”" if words else ""
                    out.append(
                        f"{'  ' * c.depth}- {lab.label} {lab.score:.2f}{target}: {md_escape(lab.reason)}{evidence}"
                    )
                out.append("")
            indent = "  " * c.depth
            out += [indent + line for line in _quote(c.text).split("\n")]
            out.append("")
    if r.warnings:
        out += ["## Warnings", ""] + [f"- {md_escape(w)}" for w in r.warnings] + [""]
    out.append(f"<sub>{r.schema_} · newssift {r.generator.version}</sub>")
    return "\n".join(out) + "\n"


def _outlet_md(role: str, o: Outlet, text: str) -> list[str]:
    lines = [f"- **{role}:** {md_escape(o.name or o.domain or '?')} ({md_escape(o.domain or 'no domain')})"]
    said = "; ".join(md_escape(text[e.start : e.end]) for e in o.evidence[:3])
    if o.how:
        lines.append(f"  - from: {md_escape(', '.join(o.how))}{' — “' + said + '”' if said else ''}")
    if o.state_affiliated:
        a = o.state_affiliated
        lines.append(
            f"  - state-affiliated ({md_escape(a.country)}, as of {md_escape(a.as_of)}): {md_escape(a.citation)}"
        )
    for rating in o.ratings:
        lines.append(f"  - {md_escape(rating.scale)}: **{md_escape(str(rating.value))}** ({md_escape(rating.as_of)})")
    return lines


def _provenance_md(r: Report) -> list[str]:
    p = r.provenance
    if p is None or (p.publisher is None and not p.credited):
        return []
    out = ["", "## Provenance", ""]
    if p.publisher:
        out += _outlet_md("Publisher", p.publisher, r.document.text)
    for c in p.credited:
        out += _outlet_md("Credited origin", c, r.document.text)
    return out


def _claims_md(r: Report) -> list[str]:
    out: list[str] = []
    if r.quotes:
        out += [f"## Quotes ({len(r.quotes)})", ""]
        for q in r.quotes:
            role = f" ({md_escape(q.speaker.role)})" if q.speaker.role else ""
            kind = "direct" if q.direct else "indirect"
            venue = f" — venue: {md_escape(q.venue.text)}" if q.venue else ""
            out.append(
                f"- **{md_escape(q.speaker.name)}**{role}, *{md_escape(q.cue.text)}* ({kind}): "
                f"{md_escape(q.content.text)}{venue}"
            )
        out.append("")
    worthy = sorted((c for c in r.claims if c.checkworthiness >= 0.5), key=lambda c: -c.checkworthiness)
    if worthy:
        out += [f"## Check-worthy claims ({len(worthy)} of {len(r.claims)} sentences)", ""]
        for c in worthy[:15]:
            out.append(f"- {c.checkworthiness:.2f} — {md_escape(c.text)}")
        out.append("")
    if r.corroboration:
        out += ["## Corroboration (independent origins in the corpus)", ""]
        for cor in r.corroboration:
            out.append(
                f"- “{md_escape(r.claims[cor.claim].text)}” — **{cor.supports} support, {cor.contradicts} contradict, "
                f"{cor.discusses} discuss**"
                + (f" ({cor.excluded_own} passages of the page's own origin left out)" if cor.excluded_own else "")
            )
            if cor.attribution:
                a = cor.attribution
                out.append(
                    f"  - Attribution to {md_escape(a.speaker)}: **{a.status}**"
                    + (f"; reported saying it by {md_escape(', '.join(a.confirmed_by))}" if a.confirmed_by else "")
                    + (f"; reported denying it by {md_escape(', '.join(a.disputed_by))}" if a.disputed_by else "")
                )
            for ev in cor.evidence:  # every counted origin; the stance's confidence, not the retrieval score
                where = " · ".join(md_escape(x) for x in (ev.outlet, ev.date) if x)
                words = md_escape(" ".join(ev.passage.text.split())[:300])
                note = (
                    " (reports the speaker denying it)"
                    if ev.speaker_denies
                    else (" (reports the speaker saying it)" if ev.reports_speaker else "")
                )
                origin = md_escape(ev.origin) + (f", citing {md_escape(ev.cites)}" if ev.cites else "")
                out.append(f"  - *{ev.stance}* (confidence {ev.confidence:.2f}){note} — {where} "
                           f"(origin {origin}): {words}")  # fmt: skip
            if cor.not_listed:
                out.append(f"  - ({cor.not_listed} more passages of these origins not listed)")
            if cor.other_date:
                out.append(f"  - Listed apart, not counted — dated outside the claim's time ({cor.time} ± 3 days):")
            for ev in cor.other_date:
                where = " · ".join(md_escape(x) for x in (ev.outlet, ev.date) if x)
                words = md_escape(" ".join(ev.passage.text.split())[:300])
                out.append(f"    - *{ev.set_apart}* — {where} (origin {md_escape(ev.origin)}): {words}")
        out.append("")
    if r.timeline:
        out += ["## Timeline", ""]
        for e in r.timeline:
            qual = f" ({e.qualifier})" if e.qualifier else ""
            out.append(f"- **{e.date}**{qual} — “{md_escape(e.text)}”")
        out.append("")
    return out


def _techniques_md(r: Report) -> list[str]:
    s = r.technique_summary
    if s is None:
        return []
    n = len(r.techniques)
    out = [f"## Persuasion techniques ({n} span{'' if n == 1 else 's'} in {s.words:,} words)", ""]
    if s.counts:
        rates = ", ".join(
            f"{label.replace('_', ' ')} {n} ({s.per_1000_words[label]:.1f}/1k words)"
            for label, n in sorted(s.counts.items(), key=lambda kv: -kv[1])
        )
        out += [f"*Per technique:* {rates}", ""]
    for t in r.techniques:
        out.append(
            f"- **{t.label.replace('_', ' ')}** {t.score:.2f} — “{md_escape(t.text)}” — {md_escape(t.explanation)}"
        )
    if r.techniques:
        out.append("")
    return out
