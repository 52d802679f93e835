"""The moderation stage's fast paths must change nothing but speed. The screen (newssift/moderation/screen.py)
must never skip a pattern that matches: a skipped pattern would be a silently lost label. The character n-grams
summed word by word and the token ids joined piece by piece must be what HashingVectorizer and the tokenizer give
for the whole text, or the shipped heads would read other features than they were trained on."""

from __future__ import annotations

import itertools
import re
import sys

import numpy as np
import pytest

from newssift.moderation import lexicon as lx
from newssift.moderation.screen import Screen, fold, requirement
from tests.conftest import needs_shared

# comments written to slip past a literal screen: case, the characters re.IGNORECASE folds to ASCII letters,
# typographic quotes, odd whitespace, a very long text
HOSTILE = [
    "KIKES out",
    "kıkes out",  # dotless i: re.IGNORECASE matches it to "i"
    "kİkes out",  # dotted capital I: lower() makes it two characters
    "ſlit their throats",  # long s
    "\u212aill them all",  # Kelvin sign
    "JEWS CONTROL THE MEDIA",
    "the jews\u00a0control\u2003the media",
    "“the Jews” own the banks",
    "(((they))) run everything",
    "f u c k   y o u",
    "fuuuuck you",
    "buy now!!! www.cheap-pills.ru/offer",
    "",
    " ",
    "x" * 20_000 + " jews control the banks",
]


def _texts() -> list[str]:
    from train.data import dynahate, hatexplain, isca, pan2024

    rows: list[str] = []
    for load in (hatexplain, isca, dynahate, pan2024):
        rows += [ex.text for ex in itertools.islice(load(), 2500)]
    return rows


def _registered() -> list[re.Pattern[str]]:
    return [rx for rx in lx.SCREEN.patterns]


def _check(texts: list[str]) -> int:
    """Every registered pattern that matches a text must be one the screen lets run; returns the matches seen."""
    seen = 0
    for text in texts:
        scan = lx.SCREEN(text)
        for rx in _registered():
            if rx.search(text) is not None:
                seen += 1
                assert scan.may_match(rx), (rx.pattern[:80], text[:200])
    return seen


def test_screen_never_skips_a_matching_pattern_on_hostile_text() -> None:
    assert _check(HOSTILE) >= 10


@needs_shared
def test_screen_never_skips_a_matching_pattern_on_the_shared_data() -> None:
    texts = _texts()
    assert len(texts) > 8000
    assert _check(texts) > 5000
    # and it earns its keep: most patterns are skipped on most comments
    skipped = sum(not lx.SCREEN(t).may_match(rx) for t in texts[:1000] for rx in _registered())
    assert skipped > 0.7 * 1000 * len(_registered())


def test_every_lexicon_pattern_the_stage_scans_whole_is_screened() -> None:
    """A pattern without a literal to screen on runs on every comment: the lexicon's should all have one."""
    families = [lx.ANTISEMITIC_TROPES, lx.VIOLENCE, lx.CONSPIRACY, lx.HARASSMENT, lx.SPAM]
    wanted = [e[0] for f in families for e in f] + list(lx.GROUPS.values())
    wanted += [lx.COUNTER_SPEECH, lx.SLURS, lx.JEWISH_TERM, lx.JEWISH_TOPIC, lx.NEGATIVE_PREDICATE, lx.PROFANITY]
    unscreened = [rx.pattern[:60] for rx in wanted if requirement(rx) is None]
    assert unscreened == []


def test_fold_matches_what_ignorecase_equates_with_ascii_letters() -> None:
    """Every character re.IGNORECASE matches to an ASCII letter folds to that letter, as one character."""
    letters = [(a, re.compile(a, re.I)) for a in "abcdefghijklmnopqrstuvwxyz"]
    any_letter = re.compile("[a-z]", re.I)
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if 0xD800 <= code <= 0xDFFF or c.isascii() or not any_letter.fullmatch(c):
            continue
        same = [a for a, rx in letters if rx.fullmatch(c)]
        assert same and fold(c) == same[0], (hex(code), same, fold(c))
    # lower-casing changes no other character's length, so literals stay adjacent
    long = [
        hex(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF and len(fold(chr(code))) != 1
    ]
    assert long == []


@pytest.mark.parametrize(
    ("pattern", "matches", "required"),
    [
        (r"\bkikes?\b", "KIKES", "kike"),
        (r"(?<!not )\bbad\b", "so bad", "bad"),
        (r"[^a]bc", "xbc", "bc"),
        (r"f+u+c+k+", "ffuuucckk", "fu"),
        (r"\b(?:jews?|zionists?)\s+(?:control|own)\b", "Zionists own", None),
        (r"https?://\S+", "http://x", "http"),
    ],
)
def test_requirement_is_found_in_every_match(pattern: str, matches: str, required: str | None) -> None:
    rx = re.compile(pattern, re.I)
    req = requirement(rx)
    assert req is not None and rx.search(matches)
    assert any(lit in fold(matches) for lit in req)
    if required:
        assert any(required in lit or lit in required for lit in req)


def test_a_pattern_without_a_literal_always_runs() -> None:
    free = re.compile(r"\w+@\w+|\d{5}")
    optional = re.compile(r"foo|\w+")
    assert requirement(free) is None and requirement(optional) is None
    screen = Screen([free, optional, re.compile(r"zebra")])
    scan = screen("a@b 12345")
    assert scan.may_match(free) and scan.may_match(optional)
    assert scan.may_match(re.compile(r"unregistered zebra"))  # a pattern the screen never saw runs
    assert not scan.may_match(screen.patterns[0])  # "zebra" is absent
    assert screen("ZEBRA crossing").may_match(screen.patterns[0])
    assert scan.search(screen.patterns[0]) is None and list(scan.finditer(screen.patterns[0])) == []
    assert [e[1] for e in scan.among([(screen.patterns[0], "z"), (free, "f")])] == ["f"]


@needs_shared
def test_char_ngrams_equal_hashing_vectorizer(monkeypatch: pytest.MonkeyPatch) -> None:
    from newssift.encoders import static as features
    from newssift.moderation.model import get_model

    fz = get_model().featurizer
    texts = _texts()[:4000] + HOSTILE + ["日本語のテキスト", "tab\tand\nnewline  twice", "a", "ǅemal İzmir ſ"]
    expected = fz.chars.transform(texts)
    assert abs(fz.char_ngrams(texts) - expected).max() == 0
    assert abs(fz.char_ngrams(texts) - expected).max() == 0  # from the cache
    monkeypatch.setattr(features, "_CACHE", 50)  # the cache cleared between batches
    for i in range(0, len(texts), 300):
        part = texts[i : i + 300]
        assert abs(fz.char_ngrams(part) - fz.chars.transform(part)).max() == 0
    assert fz.char_ngrams([]).shape == (0, features.N_FEATURES)
    assert np.all(fz.char_ngrams(["", "  "]).toarray() == 0)


def test_evidence_is_the_same_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    from newssift.encoders import static as features
    from newssift.moderation.model import get_model

    model = get_model()
    texts = [h for h in HOSTILE if h.strip()] + ["Muslims are vermin and should be deported", "I will kill you"]
    for head in model.heads:
        for cache in model._unigram:
            cache.clear()
        first = [model.evidence(t, head) for t in texts]
        assert [model.evidence(t, head) for t in texts] == first
        monkeypatch.setattr(features, "_CACHE", 3)
        assert [model.evidence(t, head) for t in texts] == first
        monkeypatch.undo()
    assert any(model.evidence(t, "hate") for t in texts)


@needs_shared
def test_token_ids_equal_the_tokenizer_on_whole_texts(monkeypatch: pytest.MonkeyPatch) -> None:
    from newssift.encoders import static as features
    from newssift.moderation.model import get_model

    fz = get_model().featurizer
    odd = ["ab\x1ccd ef\x85gh", "e\u0301 \u0301a", "\u200bhidden\u200b word", "word " * 400, "don't—stop!!", "日本語"]
    texts = [t[: features.MAX_CHARS] for t in _texts()[:4000] + HOSTILE + odd]
    expected = [e.ids for e in fz.tokenizer.encode_batch(texts, add_special_tokens=False)]
    assert max(map(len, expected)) == features.MAX_TOKENS  # truncation is exercised
    assert [ids.tolist() for ids in fz.token_ids(texts)] == expected
    assert [ids.tolist() for ids in fz.token_ids(texts)] == expected  # from the cache
    monkeypatch.setattr(features, "_CACHE", 50)
    assert [ids.tolist() for i in range(0, len(texts), 300) for ids in fz.token_ids(texts[i : i + 300])] == expected
