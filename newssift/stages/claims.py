"""The claims stage: quotes and their speakers, check-worthy claims and a timeline, from the article (and the
comments with ``include_comments``)."""

from __future__ import annotations

from typing import Any

from newssift.stages.base import Analysis, BaseStage, ReportBuilder


def reads_text(analysis: Analysis) -> bool:
    """Whether the page has text for the claims and techniques stages: paragraphs, or comments when they are read."""
    st = analysis.structure
    return bool(st.paragraphs or (analysis.options.include_comments and st.comments))


class ClaimsStage(BaseStage):
    name = "claims"

    def applies(self, analysis: Analysis) -> bool:
        return reads_text(analysis)

    def run(self, analysis: Analysis) -> Any:
        from newssift.claims import analyze_claims
        from newssift.pipeline import parse_page_date

        doc = analysis.document
        when = parse_page_date(doc.meta.date)
        result = analyze_claims(
            doc,
            analysis.structure,
            page_date=when,
            include_comments=analysis.options.include_comments,
            segmentation=analysis.segmentation,
        )
        analysis.warnings += result.notes  # what the stage did not read (its cap)
        if result.unplaced:
            words = ", ".join(repr(doc.text[e.start : e.end]) for e in result.unplaced[:5])
            analysis.warnings.append(
                f"page date unknown: {len(result.unplaced)} date expression(s) not placed on the timeline ({words}); "
                "give --date YYYY-MM-DD"
            )
        return result

    def report(self, analysis: Analysis, report: ReportBuilder) -> None:
        from newssift.pipeline import claims_section

        report.fields.update(claims_section(analysis.document, analysis.findings[self.name]))
