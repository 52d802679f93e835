"""The corroboration stage: the page's check-worthy claims against a corpus folder (``options.corpus``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from newssift.stages.base import Analysis, BaseStage, ReportBuilder

if TYPE_CHECKING:
    from newssift.pipeline import Options


class CorroborationStage(BaseStage):
    name = "corroboration"
    requires = ("claims", "provenance")

    def wanted(self, options: Options) -> bool:
        return options.corpus is not None

    def run(self, analysis: Analysis) -> Any:
        from newssift.pipeline import claims_section, corroboration_section

        doc, corpus = analysis.document, analysis.options.corpus
        assert corpus is not None  # wanted() asks for one
        section = claims_section(doc, analysis.findings["claims"])
        return corroboration_section(
            doc,
            analysis.structure,
            analysis.findings["provenance"],
            section["claims"],
            Path(corpus),
            section["timeline"],
            section["quotes"],
        )

    def report(self, analysis: Analysis, report: ReportBuilder) -> None:
        report.fields["corroboration"] = analysis.findings[self.name]
