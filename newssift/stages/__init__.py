"""Pipeline stages: the protocol, the registry, and the built-in stages (registered on import, in this order).

A stage of one's own is a class with a name, registered once::

    from newssift.stages import BaseStage, register_stage

    @register_stage
    class WordCount(BaseStage):
        name = "word_count"

        def run(self, analysis):
            return len(analysis.document.text.split())

``newssift.analyze(page, disable=["techniques"])`` switches a stage off; see docs/stages.md.
"""

from __future__ import annotations

from newssift.stages.base import (
    RESERVED,
    Analysis,
    BaseStage,
    ReportBuilder,
    Stage,
    enabled_stages,
    register_stage,
    registered_stages,
    stage_names,
    unregister_stage,
)
from newssift.stages.claims import ClaimsStage
from newssift.stages.corroboration import CorroborationStage
from newssift.stages.moderation import ModerationStage
from newssift.stages.provenance import ProvenanceStage
from newssift.stages.techniques import TechniquesStage

#: The built-in stages, in the order they run (each after the stages it requires).
BUILTIN = (ModerationStage, ClaimsStage, TechniquesStage, ProvenanceStage, CorroborationStage)
for _stage in BUILTIN:
    register_stage(_stage)

__all__ = [
    "BUILTIN",
    "RESERVED",
    "Analysis",
    "BaseStage",
    "ClaimsStage",
    "CorroborationStage",
    "ModerationStage",
    "ProvenanceStage",
    "ReportBuilder",
    "Stage",
    "TechniquesStage",
    "enabled_stages",
    "register_stage",
    "registered_stages",
    "stage_names",
    "unregister_stage",
]
