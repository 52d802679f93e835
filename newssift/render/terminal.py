"""Terminal: a rich-formatted view. Page text is stripped of control codes and added as plain rich Text, so
markup-like brackets in it are shown, never interpreted."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from typing import TypeVar

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text
from rich.tree import Tree

from newssift.render import clean
from newssift.report import (
    Boilerplate,
    Corroboration,
    Outlet,
    Paragraph,
    Quote,
    Report,
    TechniqueFinding,
    TimelineEntry,
)

T = TypeVar("T")


def _joined(items: Iterable[T], write: Callable[[Text, T], None], sep: str = "\n") -> Text:
    """One Text with each item written by *write*, items separated by *sep*."""
    out = Text()
    for i, item in enumerate(items):
        if i:
            out.append(sep)
        write(out, item)
    return out


def _outlet(t: Text, entry: tuple[str, Outlet]) -> None:
    role, o = entry
    t.append(f"{role}: ", style="dim")
    t.append(clean(o.name or o.domain or "?"), style="bold")
    t.append(f" ({clean(o.domain or '')})")
    if o.state_affiliated:
        t.append(f"  state-affiliated: {clean(o.state_affiliated.country)}", style="bold red")
    for rating in o.ratings:
        t.append(f"\n   {clean(rating.scale)}: {clean(str(rating.value))} ({clean(rating.as_of)})", style="dim")


def _paragraph(t: Text, p: Paragraph) -> None:
    t.append(clean(p.text), style="bold" if p.kind == "heading" else "")


def _quote(t: Text, q: Quote) -> None:
    t.append(clean(q.speaker.name), style="bold cyan")
    t.append(f" {clean(q.cue.text)}: ", style="dim")
    t.append(clean(q.content.text), style="" if q.direct else "italic")


def _dated(t: Text, e: TimelineEntry) -> None:
    t.append(e.date, style="bold")
    t.append(f"  {clean(e.text)}", style="dim")


def _corroborated(t: Text, row: tuple[str, Corroboration]) -> None:
    claim, c = row
    t.append(clean(claim))
    t.append(f"\n  {c.supports} support", style="bold green" if c.supports else "dim")
    t.append(f" · {c.contradicts} contradict", style="bold red" if c.contradicts else "dim")
    t.append(f" · {c.discusses} discuss", style="dim")
    if c.attribution:
        t.append(f"\n  attribution to {clean(c.attribution.speaker)}: ", style="dim")
        t.append(c.attribution.status, style={"confirmed": "green", "disputed": "red"}.get(c.attribution.status, "dim"))
    shown: set[str] = set()
    for e in c.evidence:  # each counted origin's deciding passage (listed first for its origin)
        if (e.cites or e.origin) in shown:
            continue
        shown.add(e.cites or e.origin)
        t.append(
            f"\n   {e.stance:8s} {e.confidence:.2f} ", style={"agree": "green", "disagree": "red"}.get(e.stance, "dim")
        )
        t.append(clean(e.outlet), style="bold")
        t.append(f"  {clean(' '.join(e.passage.text.split())[:160])}", style="dim")
    for e in c.other_date:
        t.append(f"\n   {e.set_apart or 'other date'}: ", style="dim")
        t.append(f"{clean(e.outlet)} · {clean(e.date or '')}", style="dim")


def _technique(t: Text, f: TechniqueFinding) -> None:
    t.append(f"{f.label.replace('_', ' ')} {f.score:.2f} ", style="bold yellow")
    t.append(f"“{clean(f.text)}”")
    t.append(f"\n  {clean(f.explanation)}", style="dim")


def _boilerplate(t: Text, b: Boilerplate) -> None:
    t.append(f"[{b.kind}] ", style="yellow")
    t.append(clean(" ".join(b.text.split())), style="dim")


def report_renderable(r: Report) -> Group:
    d = r.document
    head = Text()
    head.append(clean(d.title or "Untitled page"), style="bold")
    for key, value in (("url", d.url), ("site", d.site_name), ("date", d.date), ("byline", d.byline)):
        if value:
            head.append(f"\n{key}: ", style="dim")
            head.append(clean(value))
    parts: list[object] = [Panel(head, title="newssift", border_style="cyan")]
    body = _joined(r.article.paragraphs, _paragraph, "\n\n")
    prov = r.provenance
    if prov is not None and (prov.publisher or prov.credited):
        outlets = ([("publisher", prov.publisher)] if prov.publisher else []) + [("credited", c) for c in prov.credited]
        parts.append(Panel(_joined(outlets, _outlet), title="provenance", border_style="blue"))
    parts.append(Panel(body, title=f"article · {len(r.article.paragraphs)} paragraphs", border_style="green"))
    if r.quotes:
        parts.append(Panel(_joined(r.quotes, _quote), title=f"quotes · {len(r.quotes)}", border_style="cyan"))
    if r.corroboration:
        rows = [(r.claims[c.claim].text, c) for c in r.corroboration]
        parts.append(Panel(_joined(rows, _corroborated, "\n\n"), title="corroboration", border_style="green"))
    if r.timeline:
        parts.append(Panel(_joined(r.timeline, _dated), title="timeline", border_style="white"))
    if r.techniques and r.technique_summary is not None:
        s = r.technique_summary
        n = len(r.techniques)
        title = f"persuasion techniques · {n} span{'' if n == 1 else 's'} in {s.words:,} words"
        parts.append(Panel(_joined(r.techniques, _technique), title=title, border_style="yellow"))
    if r.boilerplate:
        bp = _joined(r.boilerplate, _boilerplate)
        parts.append(Panel(bp, title=f"boilerplate · {len(r.boilerplate)}", border_style="yellow"))
    if r.comments:
        tree = Tree(f"comments · {len(r.comments)}")
        nodes: dict[str, Tree] = {}
        for c in r.comments:
            label = Text()
            label.append(f"#{clean(c.id)}", style="bold magenta")
            who = " · ".join(clean(x) for x in (c.author, c.date) if x)
            if who:
                label.append(f"  {who}", style="dim")
            if c.moderation is not None:
                style = {"remove": "bold white on red", "review": "bold black on yellow"}.get(
                    c.moderation.action, "green"
                )
                label.append("  ")
                label.append(f" {c.moderation.action} ", style=style)
                for lab in c.moderation.labels:
                    target = f"→{clean(lab.target)}" if lab.target else ""
                    label.append(f" {lab.label} {lab.score:.2f}{target}", style="yellow" if lab.score >= 0.5 else "dim")
            label.append("\n" + clean(c.text))
            parent = nodes.get(c.parent) if c.parent else None
            nodes[c.id] = (parent or tree).add(label)
        parts.append(Panel(tree, border_style="magenta"))
    for w in r.warnings:
        parts.append(Text(f"warning: {clean(w)}", style="red"))
    return Group(*parts)  # type: ignore[arg-type]


def render_text(r: Report, *, width: int | None = None, color: bool = False) -> str:
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width or int(os.environ.get("COLUMNS", "100")),
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
        markup=False,
    )
    console.print(report_renderable(r))
    return buf.getvalue()
