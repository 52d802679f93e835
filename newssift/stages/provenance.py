"""The provenance stage: the page's publisher and the outlets it credits, with what the registry knows of them."""

from __future__ import annotations

from typing import Any

from newssift.stages.base import Analysis, BaseStage, ReportBuilder


class ProvenanceStage(BaseStage):
    name = "provenance"

    def run(self, analysis: Analysis) -> Any:
        from newssift.provenance import analyze_provenance

        return analyze_provenance(analysis.document, analysis.structure)

    def report(self, analysis: Analysis, report: ReportBuilder) -> None:
        from newssift.pipeline import provenance_section

        report.fields["provenance"] = provenance_section(analysis.findings[self.name])
