"""Renderers: json, markdown, terminal and HTML views of one Report. Page text is hostile input: every renderer
escapes it for its medium and strips control characters, so a page cannot inject markup or terminal codes."""

from __future__ import annotations

import re

from newssift.report import Report

FORMATS = ("json", "md", "text", "html")

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean(text: str) -> str:
    """Text with control characters (ANSI escapes, bidi overrides) removed; newlines and tabs kept."""
    return _CONTROL.sub("", text)


def render(report: Report, fmt: str) -> str:
    if fmt == "json":
        from newssift.render.json import render_json

        return render_json(report)
    if fmt == "md":
        from newssift.render.markdown import render_markdown

        return render_markdown(report)
    if fmt == "text":
        from newssift.render.terminal import render_text

        return render_text(report)
    if fmt == "html":
        from newssift.render.html import render_html

        return render_html(report)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
