"""The report model: schema, span integrity, renderers on hostile text."""

from __future__ import annotations

import json

import jsonschema
import pytest
from pydantic import ValidationError

import newssift
from newssift.render import clean, render
from newssift.report import Report, json_schema
from tests.conftest import EXAMPLES, ROOT


def test_published_schema_is_current() -> None:
    published = json.loads((ROOT / "schema" / "newssift.report-1.schema.json").read_text(encoding="utf-8"))
    assert published == json.loads(json.dumps(json_schema())), "run `make schema` and commit the result"


@pytest.mark.parametrize("name", ["harbour-bridge-closure.html", "school-meals-vote.txt"])
def test_reports_validate_against_schema(name: str) -> None:
    data = newssift.analyze(EXAMPLES / name).model_dump(mode="json")
    assert data["schema"] == "newssift.report/1"
    jsonschema.validate(data, json_schema())
    assert Report.model_validate(data).model_dump(mode="json") == data  # round trip


def test_span_that_does_not_match_text_is_rejected() -> None:
    data = newssift.analyze(EXAMPLES / "school-meals-vote.txt").model_dump(mode="json")
    data["article"]["paragraphs"][0]["end"] += 5
    with pytest.raises(ValidationError, match=r"does not match document\.text"):
        Report.model_validate(data)


def test_reply_to_unknown_comment_is_rejected() -> None:
    data = newssift.analyze(EXAMPLES / "school-meals-vote.txt").model_dump(mode="json")
    data["comments"][0]["parent"] = "no-such-comment"
    with pytest.raises(ValidationError, match="unknown comment"):
        Report.model_validate(data)


def test_clean_strips_terminal_and_bidi_controls() -> None:
    assert clean("a\x1b[2Jb\u202ec\x07d\ne") == "a[2Jbcd\ne"


def test_renderers_escape_page_text() -> None:
    text = "Title\n\nA paragraph with <script>alert(1)</script> and \x1b]0;pwned\x07 and [red]markup[/red].\n"
    r = newssift.analyze(text)
    md = render(r, "md")
    assert "<script>" not in md and "&lt;script&gt;" in md
    term = render(r, "text")
    assert "\x1b" not in term and "\x07" not in term
    assert "[red]markup[/red]" in term  # shown literally, not interpreted as rich markup
