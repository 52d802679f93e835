"""The techniques stage: persuasion techniques in the article (and the comments with ``include_comments``)."""

from __future__ import annotations

from typing import Any

from newssift.stages.base import Analysis, BaseStage, ReportBuilder
from newssift.stages.claims import reads_text


class TechniquesStage(BaseStage):
    name = "techniques"

    def applies(self, analysis: Analysis) -> bool:
        return reads_text(analysis)

    def run(self, analysis: Analysis) -> Any:
        from newssift.techniques import analyze_techniques

        result = analyze_techniques(
            analysis.document,
            analysis.structure,
            include_comments=analysis.options.include_comments,
            segmentation=analysis.segmentation,
        )
        analysis.warnings += result.notes
        return result

    def report(self, analysis: Analysis, report: ReportBuilder) -> None:
        from newssift.pipeline import techniques_section

        report.fields.update(techniques_section(analysis.document, analysis.findings[self.name]))
