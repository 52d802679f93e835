"""The moderation stage: a verdict for each comment (the first MAX_MODERATED_COMMENTS) under the checked policy."""

from __future__ import annotations

from typing import Any

from newssift.stages.base import Analysis, BaseStage, ReportBuilder


class ModerationStage(BaseStage):
    name = "moderation"

    def applies(self, analysis: Analysis) -> bool:
        return bool(analysis.structure.comments)

    def run(self, analysis: Analysis) -> Any:
        from newssift import pipeline  # its MAX_MODERATED_COMMENTS, read at the call

        verdicts, notes = pipeline.moderate_comments(analysis.document, analysis.structure, analysis.policy)
        analysis.warnings += notes
        return verdicts

    def report(self, analysis: Analysis, report: ReportBuilder) -> None:
        report.moderation = analysis.findings[self.name]
