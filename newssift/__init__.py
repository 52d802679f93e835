"""newssift: lateral reading and moderation of news pages.

>>> import newssift
>>> report = newssift.analyze("page.html")            # a path, a URL, or the page content itself
>>> [p.text for p in report.article.paragraphs]
>>> report.model_dump(mode="json")                    # the same JSON as `newssift analyze page.html`
>>> newssift.classify_stance([("claim", "passage")])  # ['agree' | 'disagree' | 'discuss' | 'unrelated']
>>> newssift.find_techniques("The so-called experts lie.").spans  # persuasion techniques in any text
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Options",
    "Report",
    "Span",
    "__version__",
    "analyze",
    "classify_stance",
    "find_techniques",
    "lookup_source",
    "moderate",
    "same_origin",
]

if TYPE_CHECKING:
    from newssift.corroborate.stance import classify_stance
    from newssift.document import Document, Span
    from newssift.moderation import moderate
    from newssift.pipeline import Options, analyze
    from newssift.provenance import lookup_source, same_origin
    from newssift.report import Report
    from newssift.techniques import find_techniques


def __getattr__(name: str) -> Any:
    # lazy: `import newssift` stays cheap; trafilatura and friends load on first use
    if name in ("analyze", "Options"):
        from newssift import pipeline

        return getattr(pipeline, name)
    if name in ("lookup_source", "same_origin"):
        from newssift import provenance

        return getattr(provenance, name)
    if name == "classify_stance":
        from newssift.corroborate.stance import classify_stance

        return classify_stance
    if name == "find_techniques":
        from newssift.techniques import find_techniques

        return find_techniques
    if name == "moderate":
        from newssift.moderation import moderate

        return moderate
    if name == "Report":
        from newssift.report import Report

        return Report
    if name in ("Document", "Span"):
        from newssift import document

        return getattr(document, name)
    raise AttributeError(f"module 'newssift' has no attribute {name!r}")
