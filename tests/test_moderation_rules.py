"""The moderation rules as data (newssift/data/moderation/rules/*.toml, loaded by newssift/moderation/lexicon.py).

Cheap: no model is loaded. The sentences below are invented for these tests, not taken from any evaluation set.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from newssift.moderation import lexicon as lx

RULES = lx.load()
NEUTRAL = "The council approved the new bus timetable on Monday after a short debate about parking."


def _entry(file: str, selector: str) -> lx.Entry:
    """``patterns.NAME``, ``fragments.NAME``, ``groups.LABEL`` or ``rules.LIST#words of the label``."""
    kind, _, key = selector.partition(".")
    key, _, label_part = key.partition("#")
    found = [
        e
        for e in RULES.entries()
        if e.file == file and e.kind == kind and e.key == key and label_part.lower() in e.label.lower()
    ]
    assert len(found) == 1, f"{file} {selector}: {len(found)} entries"
    return found[0]


def test_every_entry_has_a_label_a_reason_and_a_pattern_that_compiles() -> None:
    entries = RULES.entries()
    assert len(entries) > 100
    for e in entries:
        assert isinstance(e.data["label"], str) and e.data["label"].strip(), e.where
        assert isinstance(e.data["reason"], str) and len(e.data["reason"].strip()) >= 20, e.where
        re.compile(RULES.expand(e), re.I)  # fragments too, on their own
    for name in ("VIOLENCE", "CONSPIRACY", "HARASSMENT", "SPAM", "SPAM_WITH_LINK"):
        assert all(0 < e.data["score"] <= 1 for e in RULES.rules[name]), name


def test_every_file_has_a_description_and_every_entry_is_read() -> None:
    for path in sorted(lx.RULES_DIR.glob("*.toml")):
        with path.open("rb") as f:
            assert tomllib.load(f)["description"].strip(), path.name
    assert lx._R.unread() == []  # no entry that no code reads
    # the labels the stage compares matches with are labels of the trope list
    labels = {label for _, label in lx.ANTISEMITIC_TROPES}
    named = [lx.HOLOCAUST_DENIAL, lx.HITLER_JUSTIFIED, lx.ROTHSCHILD, lx.JEWISH_CONTROL, lx.JEWISH_CORRUPTING]
    assert {*named, lx.JEWISH_IMMIGRATION} <= labels
    assert lx.REPORTABLE == {lx.HOLOCAUST_DENIAL, lx.HITLER_JUSTIFIED}
    assert lx.NEEDS_JEWISH_TERM == {lx.JEWISH_CONTROL, lx.JEWISH_CORRUPTING, lx.JEWISH_IMMIGRATION}


# (file, entry, an invented sentence it fires on)
FIRES = [
    ("slurs.toml", "patterns.SLURS", "Nobody wants those wetbacks around here."),
    ("slurs.toml", "patterns.SLURS", "He is a total retard."),
    ("groups.toml", "groups.Muslims", "Muslims in our street opened a food bank."),
    ("groups.toml", "groups.national or ethnic group", "Somalis run the corner shop."),
    ("groups.toml", "groups.LGBTQ people", "Gay couples adopted both puppies."),
    (
        "antisemitism.toml",
        "rules.ANTISEMITIC_TROPES#control of governments",
        "The Jews control the banks and the press.",
    ),
    ("antisemitism.toml", "rules.ANTISEMITIC_TROPES#denial", "Honestly the holocaust never happened."),
    ("antisemitism.toml", "rules.ANTISEMITIC_TROPES#dual loyalty", "Their dual loyalty is obvious."),
    ("antisemitism.toml", "patterns.JEWISH_TOPIC", "The kosher bakery sells bagels."),
    ("threats.toml", "rules.VIOLENCE#calls for or threatens", "Somebody should shoot him."),
    ("threats.toml", "rules.VIOLENCE#bodily harm", "I know where you live, mate."),
    ("threats.toml", "patterns.VIOLENCE_IDIOMS", "The drummer killed it last night."),
    ("conspiracy.toml", "rules.CONSPIRACY#staged-event", "That was obviously a false flag."),
    ("conspiracy.toml", "rules.CONSPIRACY#moon landing", "The moon landing was staged in a studio."),
    ("conspiracy.toml", "patterns.CONSPIRACY_DENIED_AFTER", " are not real, obviously"),
    ("harassment.toml", "rules.HARASSMENT#insult aimed at the person addressed", "You are a complete idiot."),
    ("harassment.toml", "rules.HARASSMENT#named user", "@bob42 is a clueless troll"),
    ("profanity.toml", "patterns.PROFANITY", "What a load of bollocks."),
    ("spam.toml", "rules.SPAM#promotional", "Click here for free money!"),
    ("spam.toml", "patterns.URL", "more at https://example.org/offer now"),
    ("derogation.toml", "patterns.DEROGATION", "Glorbians are all vermin."),
    ("derogation.toml", "patterns.NEGATIVE_PREDICATE", "Send them back where they came from."),
    ("derogation.toml", "patterns.POSITIVE_PREDICATE", "Our new neighbours are welcome here."),
    ("context.toml", "patterns.COUNTER_SPEECH", "That is an antisemitic trope and you know it."),
    ("context.toml", "patterns.SELF_IDENTIFICATION", "As a Muslim I see it differently."),
    ("context.toml", "patterns.AGREEMENT", "Exactly, well put."),
]


@pytest.mark.parametrize(("file", "selector", "sentence"), FIRES, ids=[f"{f}:{s}" for f, s, _ in FIRES])
def test_rule_fires_on_an_invented_sentence_and_not_on_a_neutral_one(file: str, selector: str, sentence: str) -> None:
    rx = RULES.compile(_entry(file, selector))
    assert rx.search(sentence), (selector, sentence)
    assert not rx.search(NEUTRAL), (selector, NEUTRAL)


def test_every_rule_file_is_exercised_above() -> None:
    assert {f for f, _, _ in FIRES} == {p.name for p in lx.RULES_DIR.glob("*.toml")}


def test_the_loaded_names_are_the_rules_compiled() -> None:
    """The module's objects are the data's entries, in the data's order (one of each kind)."""
    assert list(lx.GROUPS) == [e.label for e in RULES.groups]
    assert [(rx.pattern, label, score) for rx, label, score in lx.VIOLENCE] == [
        (RULES.compile(e).pattern, e.label, e.data["score"]) for e in RULES.rules["VIOLENCE"]
    ]
    assert lx.SLURS.pattern == RULES.compile(RULES.patterns["SLURS"]).pattern
    assert lx.NAME_BEFORE.flags & re.I == 0 and lx.SLURS.flags & re.I
    assert lx.INSULT == RULES.expand(RULES.fragments["INSULT"])


GOOD = """description = "test"
[fragments.WORD]
label = "a word"
reason = "a test of the loader"
pattern = 'w(?:or)?d'
[patterns.P]
label = "a pattern"
reason = "a test of the loader"
pattern = ['\\b{{WORD}}', 's?\\b']
[[rules.L]]
label = "a rule"
reason = "a test of the loader"
score = 0.5
pattern = 'x'
"""


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('reason = "a test of the loader"\nscore', "score"), "needs a reason"),
        (('label = "a pattern"', 'label = ""'), "needs a label"),
        (("{{WORD}}", "{{WURD}}"), "no fragment named 'WURD'"),
        (("'x'", "'x('"), "does not compile"),
        (("score = 0.5", "score = 0.5\nweight = 1"), "unknown keys"),
        (("pattern = 'w(?:or)?d'", "pattern = 'w(?:or)?d'\nwords = ['a']"), "either pattern or words"),
    ],
)
def test_a_malformed_file_is_refused_with_the_entry_named(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    (tmp_path / "ok.toml").write_text(GOOD)
    rules = lx.load(tmp_path)
    assert rules.compile(rules.patterns["P"]).search("the word words") is not None
    (tmp_path / "ok.toml").write_text(GOOD.replace(*change, 1))
    with pytest.raises(ValueError, match=re.escape(message)) as e:
        lx.load(tmp_path)
    assert "ok.toml" in str(e.value)


def test_a_name_given_twice_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(GOOD)
    (tmp_path / "b.toml").write_text(GOOD.split("[patterns.P]")[0])
    with pytest.raises(ValueError, match=r"also defined in a\.toml"):
        lx.load(tmp_path)


def test_the_rule_files_ship_in_the_package() -> None:
    with (Path(__file__).parents[1] / "pyproject.toml").open("rb") as f:
        package_data = tomllib.load(f)["tool"]["setuptools"]["package-data"]["newssift"]
    assert "data/moderation/rules/*" in package_data
