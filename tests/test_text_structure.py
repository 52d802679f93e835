"""Plain-text pages of several shapes, written for these tests (not the canonical example)."""

from __future__ import annotations

import textwrap

import newssift
from newssift.report import Report
from tests.conftest import EXAMPLES
from tests.helpers import assert_linear, line_roles


def _analyze(text: str) -> Report:
    return newssift.analyze(textwrap.dedent(text).lstrip("\n"))


def _assert_every_line_once(r: Report) -> None:
    for line, roles in line_roles(r):
        assert len(roles) == 1 and "<none>" not in roles, (line, roles)


WIRE_STORY = """
Flooding closes rail line between two northern cities
By Helga Brandt

Heavy rain overnight flooded the tracks near the river crossing, and the operator said trains would not run
before Monday. Replacement buses will leave every thirty minutes from the main station forecourt.

"The water has to go down before we can inspect the embankment," a spokeswoman for the rail operator said.
She added that engineers had been on site since dawn.

About 40,000 passengers use the line on a normal weekday, according to the regional transport authority.

Share this article: Facebook | Twitter | Email

© 2024 Northern Wire Service. All rights reserved.
"""


def test_title_byline_wrapped_paragraphs_and_closing_lines() -> None:
    r = _analyze(WIRE_STORY)
    assert r.article.title is not None and r.article.title.text.startswith("Flooding closes rail line")
    assert r.document.byline == "By Helga Brandt"
    assert len(r.article.paragraphs) == 3  # hard-wrapped paragraphs are one paragraph each
    assert r.article.paragraphs[0].text.endswith("main station forecourt.")
    assert {b.kind for b in r.boilerplate} == {"share_prompt", "copyright"}
    assert r.comments == []
    _assert_every_line_once(r)


NUMBERED_WITH_DASH_REPLIES = """
Library opening hours to be cut on Sundays

The city library will close at 1 pm on Sundays from next month, the culture committee decided on Tuesday,
citing a shortfall of two full-time posts. Weekday hours are not affected by the change.

Comments

1. Sunday afternoon is the only time I can take the kids.
   Is there a petition?

2. Two posts is not much. Surely volunteers could cover it.

   - Volunteers cannot run the lending desk under the current contract, that is the problem.

   - The union would not accept it anyway.

3. Finally some honesty about the budget.
"""


def test_numbered_comments_with_dash_replies_after_a_header() -> None:
    r = _analyze(NUMBERED_WITH_DASH_REPLIES)
    assert len(r.article.paragraphs) == 1
    ids = [c.id for c in r.comments]
    parents = [c.parent for c in r.comments]
    assert len(r.comments) == 5
    assert parents == [None, None, ids[1], ids[1], None]
    assert r.comments[0].text.endswith("Is there a petition?")
    assert r.comments[2].text.startswith("Volunteers cannot run")
    assert any(b.kind == "comments_header" and b.text == "Comments" for b in r.boilerplate)
    _assert_every_line_once(r)


SAYS_COMMENTS_WITH_INDENTED_REPLIES = """
New cycle lane opens on Harbour Road

The two-kilometre lane, separated from traffic by a kerb, opened on Saturday after eight months of works.

2 Comments

Mira says:
Much safer for the school run. Thank you to whoever pushed for it.

Bernd Krause says:
It took away forty parking spaces and nobody asked the shops.

    Mira says:
    The consultation ran for six weeks last spring, it was in this paper.

        Bernd Krause says:
        Six weeks in the middle of the holidays.
"""


def test_says_headers_and_indentation_give_the_thread() -> None:
    r = _analyze(SAYS_COMMENTS_WITH_INDENTED_REPLIES)
    assert [c.author for c in r.comments] == ["Mira", "Bernd Krause", "Mira", "Bernd Krause"]
    c1, c2, c3, c4 = r.comments
    assert (c1.parent, c2.parent, c3.parent, c4.parent) == (None, None, c2.id, c3.id)
    assert [c.depth for c in r.comments] == [0, 0, 1, 2]
    assert c3.text == "The consultation ran for six weeks last spring, it was in this paper."
    _assert_every_line_once(r)


ARTICLE_WITH_NUMBERED_LIST = """
Five things to know before the tax deadline

The deadline for online returns is 31 January. Here is what the revenue office advises.

1. Gather your payslips and bank interest statements first.
2. Check that your address on record is current.
3. Claim the home-office allowance if you worked from home.

Late returns carry a fixed penalty of 100 pounds, rising after three months.
"""


def test_numbered_list_inside_an_article_is_not_comments() -> None:
    r = _analyze(ARTICLE_WITH_NUMBERED_LIST)
    assert r.comments == []
    texts = [p.text for p in r.article.paragraphs]
    assert any(t.startswith("1. Gather your payslips") for t in texts)
    assert texts[-1].startswith("Late returns carry")
    _assert_every_line_once(r)


def test_plain_paragraphs_with_no_structure() -> None:
    r = _analyze("Just one sentence someone pasted, with no title and no comments.")
    assert r.comments == [] and r.boilerplate == []
    assert [p.text for p in r.article.paragraphs] == [
        "Just one sentence someone pasted, with no title and no comments."
    ]


def test_windows_newlines_and_tabs() -> None:
    text = "Title of the page\r\nBy A. Writer\r\n\r\nFirst paragraph of the story.\r\n\r\n\t1.\tA comment.\r\n"
    text += "\r\nComments are closed.\r\n"
    r = newssift.analyze(text)
    assert r.document.byline == "By A. Writer"
    assert "\r" not in r.document.text
    assert [c.text for c in r.comments] == ["A comment."]
    assert r.boilerplate[-1].kind == "comments_closed"


def test_dateline_gives_the_date_and_ambiguous_dates_are_not_guessed() -> None:
    from newssift.structure.text import parse_date

    r = newssift.analyze(EXAMPLES / "school-meals-vote.txt")
    assert r.document.date == "2025-10-09"
    assert any(b.kind == "dateline" for b in r.boilerplate)
    assert parse_date("Updated March 3rd, 2024 at 10:00") == "2024-03-03"
    assert parse_date("Posted 2022-07-03T09:00") == "2022-07-03"
    assert parse_date("Published 03/04/2025") is None
    assert parse_date("Published 31 February 2025") is None


def test_hostile_shapes_stay_linear() -> None:
    # thousands of "1." lines, and thousands of "Comments" headers: both once took quadratic time. Up to 20,000
    # and 10,000 of them, every one a comment with its own id, and 4x the lines cost at most 6x the CPU time (a
    # ratio, not a wall-clock limit: a quadratic step makes it 16x)
    def numbered(n: int) -> None:
        r = newssift.analyze("Title line\n\nIntro paragraph of the page.\n\n" + "  1. x\n" * n)
        assert len(r.comments) == n and len({c.id for c in r.comments}) == n

    def headers(n: int) -> None:
        r = newssift.analyze("Story text.\n\n" + "Comments\n\nsome text\n\n" * n)
        assert len(r.comments) == n

    assert_linear(numbered, 5_000, bound=6.0)
    assert_linear(headers, 2_500, bound=6.0)


def test_list_at_the_end_of_an_article_is_not_a_slogan() -> None:
    r = newssift.analyze("Title\n\nA paragraph of the article that ends with a list.\n\n- apples\n- pears\n- plums\n")
    assert r.boilerplate == []
    assert [p.kind for p in r.article.paragraphs][-3:] == ["list_item"] * 3
