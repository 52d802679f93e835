"""The stage protocol, the analysis a stage reads and adds to, and the registry ``analyze()`` runs in one loop.

A stage is a named component (like a spaCy pipe): it declares the stages it needs (``requires``), says whether
the options ask for it (``wanted``) and whether the page gives it anything to read (``applies``), adds its
findings to the :class:`Analysis` (``run``: what it returns is kept as ``analysis.findings[name]``) and puts them
in the report (``report``). Structure is not a stage: every stage reads the Document and its Structure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from newssift.errors import InputError

if TYPE_CHECKING:
    from newssift.document import Document
    from newssift.ingest import RawPage
    from newssift.moderation.policy import Policy
    from newssift.pipeline import Options
    from newssift.report import Moderation, Report
    from newssift.segment import Segmentation
    from newssift.structure.model import Structure

#: Names no stage may take: the steps analyze_raw() reports around the stages.
RESERVED = frozenset({"structure", "report"})


@dataclass
class Analysis:
    """One page under analysis: the Document, its Structure, the options, and what each stage found so far."""

    raw: RawPage
    options: Options
    document: Document
    structure: Structure
    policy: Policy | None = None  # the moderation policy named by options.policy, checked (None: the default one)
    findings: dict[str, Any] = field(default_factory=dict)  # by stage name, in the order the stages ran
    warnings: list[str] = field(default_factory=list)  # what a stage did not read, for the report's warnings
    report: Report | None = None  # set when the report is built, after the last stage

    @cached_property
    def segmentation(self) -> Segmentation:
        """The document's sentences, split once per region and read by every stage (``newssift.segment``)."""
        from newssift.segment import Segmentation

        return Segmentation(self.document.text)

    def ran(self, name: str) -> bool:
        """Whether the stage *name* ran on this page (it was enabled, wanted and had something to read)."""
        return name in self.findings


@dataclass
class ReportBuilder:
    """What the stages put in the report before it is built: top-level report fields by name (``quotes``,
    ``provenance``, ``techniques``...), each comment's moderation verdict, in comment order, and the sections of
    stages of one's own by stage name (``extensions``: the report's ``extensions``; JSON values)."""

    fields: dict[str, Any] = field(default_factory=dict)
    moderation: list[Moderation | None] | None = None
    extensions: dict[str, Any] = field(default_factory=dict)


@runtime_checkable
class Stage(Protocol):
    """A pipeline stage. :class:`BaseStage` gives the optional parts their defaults."""

    name: str
    requires: tuple[str, ...]  # stages that must run first; a stage whose requirement found nothing is skipped

    def wanted(self, options: Options) -> bool:
        """Whether *options* ask for this stage (corroboration: only with a corpus). Disabling is separate."""
        ...

    def applies(self, analysis: Analysis) -> bool:
        """Whether the page gives the stage anything to read (moderation: comments)."""
        ...

    def run(self, analysis: Analysis) -> Any:
        """Find; the result is kept as ``analysis.findings[self.name]``. Notes go to ``analysis.warnings``."""
        ...

    def report(self, analysis: Analysis, report: ReportBuilder) -> None:
        """Put ``analysis.findings[self.name]`` in the report."""
        ...


class BaseStage:
    """Defaults for a stage: it needs nothing, is always wanted, always applies and reports nothing."""

    name: str = ""
    requires: tuple[str, ...] = ()

    def wanted(self, options: Options) -> bool:
        return True

    def applies(self, analysis: Analysis) -> bool:
        return True

    def run(self, analysis: Analysis) -> Any:
        raise NotImplementedError

    def report(self, analysis: Analysis, report: ReportBuilder) -> None:
        return None


_REGISTRY: dict[str, Stage] = {}


def register_stage(stage: Any, *, replace: bool = False) -> Any:
    """Register *stage* (an instance, or a class made with no arguments: usable as a class decorator) after the
    stages registered before it; it runs after its requirements whatever the order. Returns *stage*."""
    instance = stage() if isinstance(stage, type) else stage
    if not isinstance(instance, Stage):
        raise TypeError(f"{stage!r} is not a stage: it needs name, requires, wanted, applies, run and report")
    name = instance.name
    if not name or not isinstance(name, str):
        raise ValueError(f"{stage!r} has no name")
    if name in RESERVED:
        raise ValueError(f"{name!r} is not a stage name: analyze() reports that step itself")
    if name in _REGISTRY and not replace:
        raise ValueError(f"a stage named {name!r} is registered already (replace=True replaces it)")
    _REGISTRY[name] = instance
    return stage


def unregister_stage(name: str) -> None:
    """Remove the stage *name* (KeyError when there is none)."""
    del _REGISTRY[name]


def stage_names() -> tuple[str, ...]:
    """The registered stages' names, in the order they run."""
    return tuple(s.name for s in registered_stages())


def registered_stages() -> tuple[Stage, ...]:
    """The registered stages in the order they run: registration order, each after the stages it requires."""
    placed: list[Stage] = []
    done: set[str] = set()
    pending = list(_REGISTRY.values())
    while pending:
        for s in pending:
            missing = [r for r in s.requires if r not in _REGISTRY]
            if missing:
                raise InputError(f"the {s.name} stage needs the {missing[0]} stage, which is not registered")
            if all(r in done for r in s.requires):
                placed.append(s)
                done.add(s.name)
                pending.remove(s)
                break
        else:
            raise InputError(f"the stages {', '.join(s.name for s in pending)} require each other in a cycle")
    return tuple(placed)


def enabled_stages(options: Options, disabled: Iterable[str]) -> tuple[Stage, ...]:
    """The stages to run under *options*, in order: not disabled and wanted. InputError (one line) for a disabled
    name that is no stage, and for a stage that needs one that is disabled or not asked for."""
    off = set(disabled)
    stages = registered_stages()
    names = {s.name for s in stages}
    unknown = sorted(off - names)
    if unknown:
        raise InputError(f"no stage named {unknown[0]!r} to disable (stages: {', '.join(sorted(names))})")
    on = [s for s in stages if s.name not in off and s.wanted(options)]
    running = {s.name for s in on}
    for s in on:
        for r in s.requires:
            if r not in running:
                why = "disabled" if r in off else "not asked for by the options"
                raise InputError(f"the {s.name} stage needs the {r} stage, which is {why}")
    return tuple(on)
