"""Terminal: a rich-formatted view. Page text is stripped of control codes and escaped for rich markup."""

from __future__ import annotations

import io
import os

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text
from rich.tree import Tree

from newssift.render import clean
from newssift.report import Report


def report_renderable(r: Report) -> Group:
    d = r.document
    head = Text()
    head.append(clean(d.title or "Untitled page"), style="bold")
    for key, value in (("url", d.url), ("site", d.site_name), ("date", d.date), ("byline", d.byline)):
        if value:
            head.append(f"\n{key}: ", style="dim")
            head.append(clean(value))
    parts: list[object] = [Panel(head, title="newssift", border_style="cyan")]
    body = Text()
    for i, p in enumerate(r.article.paragraphs):
        if i:
            body.append("\n\n")
        body.append(clean(p.text), style="bold" if p.kind == "heading" else "")
    prov = r.provenance
    if prov is not None and (prov.publisher or prov.credited):
        pt = Text()
        for role, o in [("publisher", prov.publisher), *[("credited", c) for c in prov.credited]]:
            if o is None:
                continue
            if pt:
                pt.append("\n")
            pt.append(f"{role}: ", style="dim")
            pt.append(clean(o.name or o.domain or "?"), style="bold")
            pt.append(f" ({clean(o.domain or '')})")
            if o.state_affiliated:
                pt.append(f"  state-affiliated: {clean(o.state_affiliated.country)}", style="bold red")
            for rating in o.ratings:
                pt.append(
                    f"\n   {clean(rating.scale)}: {clean(str(rating.value))} ({clean(rating.as_of)})", style="dim"
                )
        parts.append(Panel(pt, title="provenance", border_style="blue"))
    parts.append(Panel(body, title=f"article · {len(r.article.paragraphs)} paragraphs", border_style="green"))
    if r.quotes:
        qt = Text()
        for i, q in enumerate(r.quotes):
            if i:
                qt.append("\n")
            qt.append(clean(q.speaker.name), style="bold cyan")
            qt.append(f" {clean(q.cue.text)}: ", style="dim")
            qt.append(clean(q.content.text), style="" if q.direct else "italic")
        parts.append(Panel(qt, title=f"quotes · {len(r.quotes)}", border_style="cyan"))
    if r.timeline:
        tl = Text()
        for i, e in enumerate(r.timeline):
            if i:
                tl.append("\n")
            tl.append(e.date, style="bold")
            tl.append(f"  {clean(e.text)}", style="dim")
        parts.append(Panel(tl, title="timeline", border_style="white"))
    if r.boilerplate:
        bp = Text()
        for i, b in enumerate(r.boilerplate):
            if i:
                bp.append("\n")
            bp.append(f"[{b.kind}] ", style="yellow")
            bp.append(clean(" ".join(b.text.split())), style="dim")
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


def render_text(r: Report, *, width: int | None = None, color: bool | None = None) -> str:
    buf = io.StringIO()
    if color is None:
        color = False
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
