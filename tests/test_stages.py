"""The stage protocol (issue 34): analyze() runs the registered stages in one loop; a stage of one's own is a new
file plus a registration, with no edit to newssift/pipeline.py; ``disable=[...]`` switches stages off by name."""

from __future__ import annotations

import importlib
import json
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import newssift
from newssift import ingest
from newssift.errors import InputError, NewssiftError
from newssift.pipeline import STAGES, Options, analyze_raw, check_options, run_stages
from newssift.report import Report
from newssift.stages import Analysis, BaseStage, ReportBuilder, base, register_stage, stage_names, unregister_stage

PAGE = (
    "Library hours cut\n\nThe council voted on Tuesday to close the central library on Mondays, the mayor said.\n\n"
    "Opening hours on the other days are unchanged, a spokeswoman for the library said.\n"
)
#: the built-in stages that load models: off where a test does not need them
HEAVY = ("moderation", "claims", "techniques")


@pytest.fixture(autouse=True)
def registry(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test registers on a copy of the registry: the built-in stages, and nothing a test left behind."""
    monkeypatch.setattr(base, "_REGISTRY", dict(base._REGISTRY))
    yield


class WordCount(BaseStage):
    name = "word_count"

    def run(self, analysis: Analysis) -> int:
        t = analysis.document.text
        return sum(len(t[p.start : p.end].split()) for p in analysis.structure.paragraphs)

    def report(self, analysis: Analysis, report: ReportBuilder) -> None:
        analysis.warnings.append(f"word_count: {analysis.findings[self.name]} words")


class LongWords(BaseStage):
    name = "long_words"
    requires = ("word_count",)

    def run(self, analysis: Analysis) -> float:
        words = analysis.document.text.split()
        return sum(len(w) > 6 for w in words) / analysis.findings["word_count"]


def _words(page: str) -> int:
    return sum(len(p.split()) for p in page.split("\n\n")[1:])


def test_the_built_in_stages_are_registered_in_the_order_of_the_progress_steps() -> None:
    assert stage_names() == STAGES[1:-1]


def test_a_stage_in_a_file_of_its_own_joins_the_pipeline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    module = tmp_path / "my_word_count.py"
    module.write_text(
        textwrap.dedent("""
        from newssift.stages import BaseStage, register_stage


        @register_stage
        class WordCount(BaseStage):
            name = "word_count"

            def run(self, analysis):
                t = analysis.document.text
                return sum(len(t[p.start : p.end].split()) for p in analysis.structure.paragraphs)

            def report(self, analysis, report):
                analysis.warnings.append(f"word_count: {analysis.findings[self.name]} words")
        """),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.import_module("my_word_count")  # the registration: importing the file
    assert stage_names()[-1] == "word_count"

    steps: list[str] = []
    analysis = run_stages(ingest.from_text(PAGE), Options(disable=HEAVY), progress=steps.append)
    assert steps == ["structure", "provenance", "word_count", "report"]
    assert analysis.findings["word_count"] == _words(PAGE) > 0
    assert analysis.report is not None and f"word_count: {_words(PAGE)} words" in analysis.report.warnings
    report = newssift.analyze(PAGE, disable=HEAVY)  # the Python API runs it too
    assert report.warnings == analysis.report.warnings


def test_disable_switches_a_stage_off_by_name() -> None:
    register_stage(WordCount)
    on = run_stages(ingest.from_text(PAGE), Options(disable=HEAVY))
    off = run_stages(ingest.from_text(PAGE), Options(disable=(*HEAVY, "word_count")))
    assert on.ran("word_count") and not off.ran("word_count")
    assert off.report is not None and not any(w.startswith("word_count") for w in off.report.warnings)
    assert off.report.provenance is not None  # the other stages ran
    no_provenance = newssift.analyze(PAGE, disable=[*HEAVY, "provenance"])
    assert no_provenance.provenance is None


def test_the_old_booleans_disable_the_stages_of_their_names() -> None:
    assert Options(moderate=False, claims=False, techniques=False).disabled == set(HEAVY)
    old = newssift.analyze(PAGE, moderate=False, claims=False, techniques=False)
    new = newssift.analyze(PAGE, disable=list(HEAVY))
    assert old.model_dump_json() == new.model_dump_json()
    assert newssift.analyze(PAGE, options=Options(disable=HEAVY)).model_dump_json() == new.model_dump_json()
    with pytest.raises(TypeError, match="not both"):
        newssift.analyze(PAGE, options=Options(), moderate=False)


def test_techniques_can_be_disabled_by_name() -> None:
    on = newssift.analyze(PAGE, disable=["moderation", "claims"])
    off = newssift.analyze(PAGE, disable=["moderation", "claims", "techniques"])
    assert on.technique_summary is not None and off.technique_summary is None


def test_a_stage_whose_requirement_is_disabled_is_refused_before_the_page_is_read() -> None:
    register_stage(LongWords)  # registered before what it needs: it still runs after it
    register_stage(WordCount)
    assert stage_names()[-2:] == ("word_count", "long_words")
    analysis = run_stages(ingest.from_text(PAGE), Options(disable=HEAVY))
    assert 0 < analysis.findings["long_words"] < 1
    with pytest.raises(InputError, match="the long_words stage needs the word_count stage, which is disabled"):
        check_options(Options(disable=(*HEAVY, "word_count")))
    with pytest.raises(InputError, match="which is disabled"):
        analyze_raw(ingest.from_text(PAGE), Options(disable=(*HEAVY, "word_count")))
    # both off: nothing to refuse
    assert not run_stages(ingest.from_text(PAGE), Options(disable=(*HEAVY, "word_count", "long_words"))).findings.get(
        "long_words"
    )


def test_a_stage_whose_requirement_found_nothing_to_read_is_skipped() -> None:
    class CommentStats(BaseStage):
        name = "comment_stats"
        requires = ("moderation",)

        def run(self, analysis: Analysis) -> Any:
            return len(analysis.findings["moderation"])

    register_stage(CommentStats)
    steps: list[str] = []
    analysis = run_stages(ingest.from_text(PAGE), Options(disable=("claims", "techniques")), progress=steps.append)
    assert not analysis.ran("moderation") and not analysis.ran("comment_stats")  # the page has no comments
    assert steps == ["structure", "provenance", "report"]


def test_corroboration_without_claims_keeps_its_message() -> None:
    with pytest.raises(InputError, match="--corpus cannot be used with --no-claims"):
        check_options(Options(corpus="corpus", claims=False))
    with pytest.raises(InputError, match="the corroboration stage needs the claims stage, which is disabled"):
        check_options(Options(corpus="corpus", disable=("claims",)))
    check_options(Options(disable=("claims",)))  # no corpus: corroboration is not asked for


def test_stage_names_are_checked() -> None:
    with pytest.raises(InputError, match="no stage named 'tecniques'"):
        check_options(Options(disable=("tecniques",)))
    with pytest.raises(ValueError, match="registered already"):
        register_stage(WordCount())
        register_stage(WordCount())
    register_stage(WordCount, replace=True)
    unregister_stage("word_count")
    assert "word_count" not in stage_names()

    class Report(BaseStage):
        name = "report"

    with pytest.raises(ValueError, match="not a stage name"):
        register_stage(Report)
    with pytest.raises(TypeError, match="is not a stage"):
        register_stage(object())

    class Orphan(BaseStage):
        name = "orphan"
        requires = ("nowhere",)

    register_stage(Orphan)
    with pytest.raises(InputError, match="the orphan stage needs the nowhere stage, which is not registered"):
        check_options(Options())


class Readability(BaseStage):
    """A stage of one's own with a report section: words per sentence of the document's segmentation."""

    name = "readability"

    def run(self, analysis: Analysis) -> dict[str, float]:
        paragraphs = [(p.start, p.end) for p in analysis.structure.paragraphs]
        sentences = list(analysis.segmentation.sentences_of(paragraphs))
        words = sum(len(analysis.document.text[a:b].split()) for a, b in sentences)
        return {"sentences": len(sentences), "words_per_sentence": round(words / len(sentences), 2)}

    def report(self, analysis: Analysis, report: ReportBuilder) -> None:
        report.extensions[self.name] = analysis.findings[self.name]


def test_a_stage_of_ones_own_adds_a_report_section() -> None:
    register_stage(Readability)
    report = newssift.analyze(PAGE, disable=HEAVY)
    # two paragraphs (the title is not one) of one sentence each, of 15 and 14 words
    assert report.extensions == {"readability": {"sentences": 2, "words_per_sentence": 14.5}}
    data = json.loads(report.model_dump_json(by_alias=True))
    assert data["extensions"]["readability"]["sentences"] == 2
    assert Report.model_validate_json(report.model_dump_json(by_alias=True)) == report
    assert newssift.analyze(PAGE, disable=(*HEAVY, "readability")).extensions == {}


def test_a_report_section_that_is_not_json_is_refused_by_name() -> None:
    class Broken(Readability):
        name = "broken_section"

        def report(self, analysis: Analysis, report: ReportBuilder) -> None:
            report.extensions[self.name] = {"words": {"a", "b"}}

    register_stage(Broken)
    with pytest.raises(NewssiftError, match="'broken_section' is not a JSON value"):
        newssift.analyze(PAGE, disable=HEAVY)
