"""Comment moderation: the example page, the API, the CLI, policies and the regression cases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import newssift
from newssift.errors import InputError
from newssift.moderation.policy import load_policy, parse_policy
from tests.conftest import needs_shared
from tests.moderation_cases import CASES_FILE, load_cases, run_cases


def _labels(c: newssift.report.Comment) -> dict[str, newssift.report.ModerationLabel]:  # type: ignore[name-defined]
    assert c.moderation is not None
    return {lab.label: lab for lab in c.moderation.labels if lab.score >= 0.5}


def _scores(text: str) -> dict[str, float]:
    """The label scores newssift.moderate gives one comment (a label counts at 0.5 or more, as in the suites)."""
    [verdict] = newssift.moderate([text])
    return {lab.label: lab.score for lab in verdict.labels}


def test_example_page_verdicts(example_text: str) -> None:
    r = newssift.analyze(example_text)
    c1, c2, c3, reply = r.comments
    assert [c.moderation.action for c in (c1, c2, reply)] == ["remove"] * 3  # type: ignore[union-attr]
    l1, l2, l3 = _labels(c1), _labels(c2), _labels(c3)
    assert l1["hate"].target == "Jewish people" and "violence" in l1
    assert "hate" in l2 and "conspiracy" in l2
    assert c3.moderation is not None and c3.moderation.action in ("review", "remove") and "conspiracy" in l3
    # evidence spans index document.text and lie inside their comment
    t = r.document.text
    spans = [t[s.start : s.end] for s in l1["violence"].spans]
    assert any("strikes" in s and "places where" in s for s in spans)
    assert any("Zionist political lobby" in t[s.start : s.end] for s in l1["hate"].spans)
    assert all(c1.start <= s.start < s.end <= c1.end for lab in l1.values() for s in lab.spans)
    assert c1.moderation is not None and c1.moderation.reasons and c1.moderation.policy == "newssift-default"


def test_article_paragraphs_are_not_moderated(example_text: str) -> None:
    data = newssift.analyze(example_text).model_dump(mode="json")
    assert all("moderation" not in p for p in data["article"]["paragraphs"])
    assert newssift.analyze(example_text, moderate=False).comments[0].moderation is None


def test_moderate_api_and_thread_context() -> None:
    out = newssift.moderate(
        ["Jews are vermin and should be thrown out.", "Exactly. Couldn't agree more.", "Exactly. Couldn't agree more."],
        parents=[None, 0, None],
    )
    assert out[0].action == "remove"
    assert out[1].action in ("review", "remove") and any(lab.label == "hate" for lab in out[1].labels)
    assert out[2].action == "allow"  # the same words, with no parent in view
    hate = next(lab for lab in out[0].labels if lab.label == "hate")
    assert hate.target == "Jewish people"
    text = "Jews are vermin and should be thrown out."
    assert any(text[s.start : s.end] in ("Jews", "vermin") for s in hate.spans)


#: The cases each set of tests/data/moderation-cases.jsonl failed when last measured, by functionality: 2026-12-06,
#: with the fine-tuned encoder (newssift/data/moderation/encoder.onnx) and its context caps (stage._encoder_context).
#: Suite 232/273 (273 with the linear heads alone, whose masking caps were written against these very sets); holdouts
#: 1-14: 54/58, 76/80, 61/64, 56/58, 67/72, 68/72, 55/72, 69/72, 61/72, 69/72, 61/72, 22/24, 24/24, 12/24. Most
#: failures of the sets tuned on are negated hate, positive statements and neutral mentions of a group that the
#: encoder reads as hate (the model card's limits): these sets were written here and the old rules were tuned on them,
#: so the encoder was chosen on held-out data written by others (DynaHate test, HatemojiBuild test), where it is far
#: better (bench/moderation_encoder.py). Every set is a regression check, none a measure of progress (each case's
#: provenance says whether its set was read or tuned on): holdouts 7, 9, 11 and 14, read in part or not at all, are
#: held at their 2026-12-06 counts too. The guard allows ONE failure more per set than measured: the stage is
#: deterministic, so a second new failure is a regression, not noise. When a change fixes a case, lower its count.
MEASURED_FAILURES: dict[str, dict[str, int]] = {
    "suite": {
        "conspiracy narratives are conspiracy": 1,
        "counter-speech that quotes hate to reject it is not hate": 1,
        "criticism of Israel's government and Jewish life mentions are not antisemitic": 1,
        "negated hate is not hate": 15,
        "neutral identity mentions are not hate": 4,
        "positive statements about groups are not hate": 11,
        "reclaimed terms are not hate": 3,
        "sources and ordinary links are not spam": 4,
        "violent words in idioms or reports are not violence": 1,
    },
    "holdout1": {"identity, positive, negated and counter-speech: not hate": 4},
    "holdout2": {
        "identity mentions, praise, negation and counter-speech: not hate": 2,
        "spam vs ordinary links": 1,
        "violent words that are not threats: not violence": 1,
    },
    "holdout3": {
        "criticism, doubt and reporting: not conspiracy": 1,
        "identity mentions, praise, negation and counter-speech: not hate": 1,
        "spam vs ordinary links": 1,
    },
    "holdout4": {"identity mentions, praise, negation and counter-speech: not hate": 1, "spam vs ordinary links": 1},
    "holdout5": {
        "conspiracy narratives: conspiracy": 1,
        "identity mentions, praise, negation and counter-speech: not hate": 2,
        "spam vs ordinary links": 1,
        "violent words that are not threats: not violence": 1,
    },
    "holdout6": {"identity mentions, praise, negation and counter-speech: not hate": 4},
    "holdout7": {
        "antisemitic tropes and denial: hate against Jewish people": 2,
        "conspiracy narratives: conspiracy": 3,
        "criticism, doubt and reporting: not conspiracy": 1,
        "identity mentions, praise, negation and counter-speech: not hate": 3,
        "insults at a person vs disagreement": 3,
        "spam vs ordinary links": 1,
        "threats and incitement: violence": 3,
        "violent words that are not threats: not violence": 1,
    },
    "holdout8": {"identity mentions, praise, negation and counter-speech: not hate": 3},
    "holdout9": {
        "antisemitic tropes and denial: hate against Jewish people": 1,
        "conspiracy narratives: conspiracy": 4,
        "identity mentions, praise, negation and counter-speech: not hate": 2,
        "spam vs ordinary links": 2,
        "violent words that are not threats: not violence": 2,
    },
    "holdout10": {
        "conspiracy narratives: conspiracy": 1,
        "identity mentions, praise, negation and counter-speech: not hate": 2,
    },
    "holdout11": {
        "conspiracy narratives: conspiracy": 3,
        "identity mentions, praise, negation and counter-speech: not hate": 2,
        "insults at a person vs disagreement": 1,
        "spam vs ordinary links": 1,
        "threats and incitement: violence": 3,
        "violent words that are not threats: not violence": 1,
    },
    "holdout12": {"conspiracy narratives asserted: conspiracy": 2},
    "holdout13": {},
    "holdout14": {"conspiracy narratives asserted: conspiracy": 12},
}
NEW_FAILURES_ALLOWED = 1
#: Cases per set in the file: a case lost or added by mistake fails test_moderation_cases_file_is_whole.
CASES_PER_SET = {
    "suite": 273,
    "holdout1": 58,
    "holdout2": 80,
    "holdout3": 64,
    "holdout4": 58,
    "holdout5": 72,
    "holdout6": 72,
    "holdout7": 72,
    "holdout8": 72,
    "holdout9": 72,
    "holdout10": 72,
    "holdout11": 72,
    "holdout12": 24,
    "holdout13": 24,
    "holdout14": 24,
}
CASES = load_cases()


def test_moderation_cases_file_is_whole() -> None:
    """Every set is there with its number of cases, every row has the fields tests/data/README.md names, and every
    functionality MEASURED_FAILURES counts exists in its set (a renamed one would silently count as zero)."""
    assert {name: sum(len(group) for group in funcs.values()) for name, funcs in CASES.items()} == CASES_PER_SET
    assert set(MEASURED_FAILURES) == set(CASES)
    for name, known in MEASURED_FAILURES.items():
        assert set(known) <= set(CASES[name]), name
        assert all(n <= len(CASES[name][func]) for func, n in known.items()), name
    rows = [json.loads(line) for line in CASES_FILE.read_text(encoding="utf-8").splitlines()]
    required = {"set", "functionality", "text", "label", "expected", "provenance"}
    assert all(required <= row.keys() and row["provenance"] for row in rows)
    assert all(len({row["provenance"] for row in rows if row["set"] == name}) == 1 for name in CASES)


@pytest.mark.parametrize("name", list(CASES_PER_SET))
def test_moderation_cases_hold_their_measured_failures(name: str) -> None:
    """Each set fails at most its measured cases per functionality, plus NEW_FAILURES_ALLOWED in all."""
    results = run_cases(CASES[name])
    known = MEASURED_FAILURES[name]
    failures = {group: fails for group, (_ok, _n, fails) in results.items() if fails}
    new = {group: len(fails) - known.get(group, 0) for group, fails in failures.items()}
    assert sum(max(0, n) for n in new.values()) <= NEW_FAILURES_ALLOWED, (name, failures)


def test_policy_file_changes_actions(tmp_path: Path) -> None:
    strict = tmp_path / "strict.yaml"
    strict.write_text("name: strict\nlabels:\n  profanity: {remove: 0.5, review: 0.3}\n", encoding="utf-8")
    text = ["This fucking weather."]
    assert newssift.moderate(text)[0].action == "allow"
    result = newssift.moderate(text, policy=strict)[0]
    assert result.action == "remove" and result.policy == "strict"


@pytest.mark.parametrize(
    ("yaml_text", "needle"),
    [
        ("labels: [1, 2]", "mapping"),
        ("labels:\n  toxicity: {remove: 0.5}", "unknown label"),
        ("labels:\n  hate: {remove: 2}", "from 0 to 1"),
        ("labels:\n  hate: {remove: 0.4, review: 0.6}", "above the remove"),
        ("labels:\n  hate: {delete: 0.4}", "takes"),
    ],
)
def test_bad_policies_are_refused_clearly(tmp_path: Path, yaml_text: str, needle: str) -> None:
    p = tmp_path / "p.yaml"
    p.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(InputError, match=needle):
        load_policy(p)


def test_default_policy_is_documented_and_valid() -> None:
    policy = load_policy()
    assert policy.name == "newssift-default"
    assert policy.thresholds["conspiracy"].remove is None  # never removed on its own
    assert parse_policy({"labels": {}}).action({"hate": 0.99}) == ("allow", [])
    # the default policy is one object for the whole process: nobody can change it for everyone else
    with pytest.raises(TypeError):
        policy.thresholds["hate"] = policy.thresholds["spam"]  # type: ignore[index]
    assert load_policy().thresholds["hate"].remove is not None


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ}
    env.pop("NEWSSIFT_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "newssift", *args], input=stdin, capture_output=True, timeout=120, env=env
    )


def test_cli_moderate_lines_and_jsonl(tmp_path: Path) -> None:
    proc = _cli("moderate", "-", stdin=b"Thanks for the article.\nYou are a pathetic idiot.\n")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["id"] for r in rows] == ["1", "2"] and rows[0]["action"] == "allow"
    assert any(lab["label"] == "harassment" for lab in rows[1]["labels"])
    jsonl = tmp_path / "thread.jsonl"
    jsonl.write_text(
        '{"id": "a", "text": "Muslims are a disease that must be wiped out."}\n'
        '{"id": "b", "parent": "a", "text": "Yes! Finally someone says it."}\n',
        encoding="utf-8",
    )
    rows = [json.loads(line) for line in _cli("moderate", str(jsonl)).stdout.decode().splitlines()]
    assert rows[0]["action"] == "remove" and rows[1]["parent"] == "a" and rows[1]["action"] != "allow"


def test_cli_moderate_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "ok"}\n{"id": 2, "txt": "no text field"}\n', encoding="utf-8")
    for proc, needle in (
        (_cli("moderate", str(bad)), "line 2"),
        (_cli("moderate", str(tmp_path / "missing.txt")), "no such file"),
        (_cli("moderate", "-", stdin=b"\n\n"), "no comments"),
    ):
        err = proc.stderr.decode()
        assert proc.returncode != 0 and "Traceback" not in err and needle in err


_THREAD = [
    ("a", None, "Muslims are a disease that must be wiped out."),
    ("b", "a", "Yes! Finally someone says it."),
    ("c", None, "The council meeting is on Thursday."),
    ("d", "a", "Exactly, they are vermin."),
    ("e", "c", "Thanks, I will be there."),
    ("f", "b", "Agreed 100%."),
    ("g", None, "Jews control the banks and the media."),
    ("h", "g", "So true."),
]


def test_a_stream_judged_batch_by_batch_equals_one_call() -> None:
    """Replies whose parent sits in an earlier batch are judged with it in view, exactly as in one call."""
    from newssift.moderation import Comment, StreamMemo, moderate_stream

    index = {cid: i for i, (cid, _p, _t) in enumerate(_THREAD)}
    whole = newssift.moderate([t for *_x, t in _THREAD], parents=[index.get(p) if p else None for _c, p, _t in _THREAD])
    comments = [Comment(cid, text, parent) for cid, parent, text in _THREAD]
    for size_ in (1, 2, 3, 500):
        memo = StreamMemo()
        streamed = list(moderate_stream(iter(comments), batch_size=size_, memo=memo))
        assert [c.id for c, _m in streamed] == [c.id for c in comments]
        assert [m.model_dump() for _c, m in streamed] == [m.model_dump() for m in whole], size_
        assert memo.comments == len(_THREAD) and not memo.unknown_parents and not memo.duplicate_ids
    # the thread matters: "Yes! Finally someone says it." inherits from its parent, two batches later too
    assert whole[1].action != "allow" and whole[5].action != "allow"
    alone = newssift.moderate(["Yes! Finally someone says it."])
    assert alone[0].action == "allow"


def test_a_reply_sees_the_latest_comment_with_its_parents_id_in_any_batch() -> None:
    """An id given twice: a later reply is judged with the latest comment of that id, as in one call, even when
    that comment has nothing to pass on and the earlier one had."""
    from newssift.moderation import Comment, moderate_stream

    thread = [
        Comment("a", "Muslims are a disease that must be wiped out."),
        Comment("a", "Thanks for the article."),
        Comment("b", "Yes! Finally someone says it.", parent="a"),
    ]
    whole = newssift.moderate([c.text for c in thread], parents=[None, None, 1])
    assert whole[2].action == "allow"
    for size_ in (1, 2, 3):
        streamed = [m for _c, m in moderate_stream(thread, batch_size=size_)]
        assert [m.model_dump() for m in streamed] == [m.model_dump() for m in whole], size_


def test_a_failing_source_still_yields_what_came_before() -> None:
    from newssift.moderation import Comment, moderate_stream

    def source():  # type: ignore[no-untyped-def]
        yield Comment("1", "Thanks for the article.")
        yield Comment("2", "You are a pathetic idiot.")
        raise InputError("line 3 is not valid JSON")

    got = []
    with pytest.raises(InputError, match="line 3"):
        for comment, _result in moderate_stream(source(), batch_size=500):
            got.append(comment.id)
    assert got == ["1", "2"]


def test_cli_moderate_streams_and_reports_what_it_could_not_use(tmp_path: Path) -> None:
    lines = [json.dumps({"id": c, "parent": p, "text": t}) for c, p, t in _THREAD]
    lines += [
        json.dumps({"id": "x", "parent": "nowhere", "text": "Who are you answering?"}),
        json.dumps({"id": "c", "text": "An id given twice."}),
    ]
    thread = tmp_path / "thread.jsonl"
    thread.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = _cli("moderate", str(thread))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [r["id"] for r in rows] == [c for c, _p, _t in _THREAD] + ["x", "c"]
    err = proc.stderr.decode()
    assert "1 comments reply to a parent that does not come before them" in err and ": x" in err
    assert "1 comments reuse an id" in err
    # a malformed line stops the run with its number, after the comments before it were written
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join([*lines[:3], "{not json", *lines[3:]]) + "\n", encoding="utf-8")
    proc = _cli("moderate", str(broken), "--out", str(tmp_path / "out.jsonl"))
    err = proc.stderr.decode()
    assert proc.returncode != 0 and "Traceback" not in err
    assert "line 4 is not valid JSON" in err and "the 3 comments before it were moderated and written" in err
    written = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in written] == ["a", "b", "c"]
    # plain lines: the id is the line number, blank lines included in the count
    proc = _cli("moderate", "-", stdin=b"First.\n\nThird line.\n")
    assert [json.loads(line)["id"] for line in proc.stdout.decode().splitlines()] == ["1", "3"]
    # one comment over the line limit is refused by its number, without reading it whole
    proc = _cli("moderate", "-", stdin=b"fine\n" + b"x" * (1024 * 1024 + 10) + b"\n")
    err = proc.stderr.decode()
    assert proc.returncode != 0 and "line 2 is longer than 1024 KiB" in err and "Traceback" not in err


def test_missing_model_directory_is_a_clear_error(tmp_path: Path) -> None:
    env = {**os.environ, "NEWSSIFT_MODERATION_MODEL": str(tmp_path)}
    env.pop("NEWSSIFT_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "newssift", "moderate", "-"], input=b"hello\n", capture_output=True, timeout=60, env=env
    )
    err = proc.stderr.decode()
    assert proc.returncode != 0 and "Traceback" not in err and "make train" in err


@needs_shared
def test_isca_tweets_are_read_as_a_reader_saw_them() -> None:
    """The ISCA export writes line breaks as a literal backslash-n and keeps HTML entities; the training loader
    restores both, so "...Palestine.\\nJews kill..." holds the word "Jews" for the lexicons and features."""
    from train.data import isca

    texts = [ex.text for ex in isca()]
    assert len(texts) > 6000
    assert not any("\\n" in t for t in texts)
    assert not any("&amp;" in t or "&gt;" in t for t in texts)
    assert sum(" & " in t for t in texts) > 100  # the entities became the characters they stand for


def test_evidence_weights_match_the_hashed_features() -> None:
    """unigram_weights computes each word's column without HashingVectorizer.transform: it must give the same
    weights as that transform does, for every head, including words whose lowercase form tokenises differently."""
    import numpy as np
    import scipy.sparse as sp

    from newssift.moderation.model import get_model

    model = get_model()
    fz = model.featurizer
    words = ["jews", "vermin", "globalist", "naïve", "x_y", "i̇stanbul", "don't", "a", "zionazis", "ǆ", "7th"]
    for col in range(model.coef.shape[1]):
        weights = model.coef[:, col]
        expected = np.asarray(sp.csr_matrix(fz.words.transform(words)) @ weights[: fz.words.n_features]).ravel()
        assert np.allclose(fz.unigram_weights(words, weights), expected, atol=1e-6)
    assert np.any(fz.unigram_weights(words, model.coef[:, 0]) != 0)


def test_trie_pattern_matches_exactly_its_words() -> None:
    import re

    from newssift.moderation.lexicon import _trie

    words = ["arabs", "a", "ab", "abc", "turks", "indians", "in"]
    rx = re.compile(_trie(words))
    assert all(rx.fullmatch(w) for w in words)
    assert not any(rx.fullmatch(w) for w in ["arab", "abcd", "turk", "ind", "", "indianss", "b"])


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # a slur's spelling as part of a name, a place or an idiom
        ("Senator Chris Coons said the vote would be close.", "hate"),
        ("Thousands of refugees landed on the Greek island of Lesbos last summer.", "hate"),
        ("David Rothschild compared the prediction markets with the polls.", "hate"),
        ("The defence found a chink in the armour of the prosecution's case.", "hate"),
        # policy talk, and a conspiracy narrative described rather than asserted
        ("To make the deal work he would have to eliminate all of the tariffs.", "violence"),
        ("The documentary asks why so many people believe the moon landings were faked.", "conspiracy"),
        ("Nobody will be more loyal to Israel than this president, he told donors.", "hate"),
        ("Her low approval ratings hurt her husband's campaign.", "violence"),
        pytest.param(  # the call for destruction negated
            "Israel will not disappear, whatever its enemies hope.",
            "hate",
            marks=pytest.mark.xfail(strict=True, reason="the encoder (2026-12-06) reads it as hate 0.79: negation"),
        ),
    ],
)
def test_names_idioms_and_described_beliefs_are_not_flagged(text: str, label: str) -> None:
    assert _scores(text).get(label, 0.0) < 0.5


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Filthy Kikes everywhere, they should all leave.", "hate"),  # a capitalised slur is still a slur
        ("The Rothschilds control the banks and every government.", "hate"),
        ("Auschwitz was a labour camp and nobody was gassed there.", "hate"),  # denial with no group named
        ("Hitler didn't go far enough.", "hate"),  # a negation inside the phrase, not of it
        ("Somebody should burn down that mosque tonight.", "violence"),
        ("We’ll find where you live.", "violence"),  # a typographic apostrophe, and "we'll" (a bug until 2026-12-03)
        ("I'll strangle him if he comes back.", "violence"),
        ("Israel must be wiped off the face of the earth.", "hate"),  # IHRA example 7
        ("Six million Jews were never systematically slaughtered.", "hate"),  # denial with its own "never"
        ("Jews are killing Palestinian children every day.", "hate"),  # IHRA example 11: collective blame
    ],
)
def test_capitalised_slurs_and_denial_without_a_group_are_flagged(text: str, label: str) -> None:
    assert _scores(text).get(label, 0.0) >= 0.5


def test_a_reported_threat_goes_to_review_not_removal() -> None:
    reported, own, relative = newssift.moderate(
        [
            'He told the caller, "somebody ought to put a bullet in her skull", the prosecutor said.',
            "Somebody ought to put a bullet in her skull.",
            "The journalist who wrote this deserves a bullet.",  # "wrote" in a relative clause reports nothing
        ]
    )
    assert reported.action == "review" and own.action == "remove"
    assert any(lab.label == "violence" and lab.reason.startswith("reported:") for lab in reported.labels)
    assert any(lab.label == "violence" and lab.score >= 0.5 for lab in relative.labels)


@pytest.mark.parametrize(
    ("text", "mentioned"),
    [
        ("My grandfather's neighbours called us kikes for years.", True),
        ('The diplomat was sacked for saying "clear the kikes from Odessa".', True),
        ("She was accused of spreading the dual loyalty smear against Jews.", True),
        ("He accused American Jews of dual loyalty in a speech last week.", True),
        ("Being called a zionazi by strangers is my Monday now.", True),
        ("I call them kikes because that is what they are.", False),  # the commenter's own use
        ("I am a fan of calling gays faggots, honestly.", False),
        ("Poland says no to muzzie invasion.", False),  # a slur after "says" outside quotation marks is used
    ],
)
def test_a_mentioned_slur_or_trope_is_labelled_but_not_removed(text: str, mentioned: bool) -> None:
    """A slur or trope named as what someone else said or called others keeps a hate label with a reason
    that says so, below the default policy's review threshold; the commenter's own use is still hate."""
    (verdict,) = newssift.moderate([text])
    hate = next((lab for lab in verdict.labels if lab.label == "hate"), None)
    if mentioned:
        assert hate is not None and hate.score < 0.5 and hate.reason.startswith("mentioned"), verdict.labels
        assert verdict.action == "allow"
    else:
        assert hate is not None and hate.score >= 0.5 and not hate.reason.startswith("mentioned"), verdict.labels


@pytest.mark.parametrize(
    "text",
    [
        # the believer says who silenced the claim: not a rebuttal
        "The election was stolen by rigged voting machines and the lawsuits were dismissed by corrupt judges.",
        "Chemtrails are real, but anyone who says so gets dismissed as a nutter.",
        "9/11 was an inside job and every whistleblower was discredited by the media.",
        "The moon landing was faked in a studio, but the evidence is hidden by NASA.",
        "9/11 was an inside job, and no serious person doubts it.",
        # "contrary to what ..." opens assertions as often as debunks
        "Contrary to what the media tells you, the vaccines are full of microchips.",
        # a negation that does not govern the narrative
        pytest.param(
            "There are no coincidences, the elites planned the pandemic.",
            marks=pytest.mark.xfail(strict=True, reason="the encoder (2026-12-06) scores conspiracy below 0.5 here"),
        ),
        "Nobody is talking about how the vaccines are designed to sterilise us.",
    ],
)
def test_conspiracy_asserted_beside_a_denial_or_dismissal_stays_conspiracy(text: str) -> None:
    assert _scores(text).get("conspiracy", 0.0) >= 0.5


@pytest.mark.parametrize(
    ("text", "spam"),
    [
        # commerce words in everyday speech: 249 of 39,298 news sentences were spam at 0.7 when these words alone counted
        ("I won't buy their cookies after what the CEO said.", False),
        ("Companies move factories abroad for cheap labour.", False),
        ("The casino closed last year and 3,000 jobs went with it.", False),
        ("I make $20 an hour after 27 years, how is that fair?", False),
        ("Pensioners get a discount on the bus, which the council wants to end.", False),
        # selling shapes, and the same words beside a link
        ("Buy cheap followers today, best prices!", True),
        ("Make $5,000 a week from home, DM me for details.", True),
        ("Best online casino bonus, sign up and get 200 free spins.", True),
        ("Click https://cash.example.biz to start earning.", True),
        ("Huge discount on sneakers: http://kicks-outlet.example.top", True),
    ],
)
def test_commerce_words_are_spam_only_in_a_selling_shape_or_beside_a_link(text: str, spam: bool) -> None:
    assert (_scores(text).get("spam", 0.0) >= 0.5) == spam


@pytest.mark.parametrize(
    "text",
    [
        "They started the fire on purpose, police said.",
        "The teenagers admitted they started the fire on purpose.",
        "They released the prisoners deliberately to ease overcrowding.",
        "They crashed the car on purpose to collect the insurance money.",
        "They started the fire deliberately to destroy the evidence.",
        "They spread the rumour deliberately to hurt his campaign.",
    ],
)
def test_harm_done_on_purpose_is_not_a_conspiracy_theory(text: str) -> None:
    """The collective-harm rule needs a purpose against the public ("to keep us docile"), not just "on purpose"."""
    assert _scores(text).get("conspiracy", 0.0) < 0.5
