"""Obfuscation undone before moderation (newssift/moderation/normalise.py, issue 37), spans mapped back."""

from __future__ import annotations

import random
import re
import time

import pytest

import newssift
from newssift.moderation.normalise import normalise

# ------------------------------------------------------------------------------------------------- the offset map

_PIECES = [
    *"abcdefghijklmnopqrstuvwxyzKILL", *"0134578@$!*#%_", " ", "  ", ".", "-", "\n", "'", "?",
    "\u200b", "\u200d", "\u202e", "\ufeff", "\u0336", "\u0301", "\u0301\u0302",  # invisible and combining
    "ｋ", "Ｉ", "𝐤", "ⓚ", "е", "о", "Ј", "α", "ß", "é", "ì", "👨", "…", "²",  # compatibility forms, look-alikes
    "k i l l", "f*ck", "sh!t", "n****r", "k1ll", "fuuuuck", "muder", "mruder", "www.x.com", "a@b.com", "2024",
]  # fmt: skip


def _random_text(rng: random.Random) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40)))


def test_offset_map_points_into_the_original() -> None:
    """Every character of the normalised text comes from a non-empty span of the original, in order; any span of
    the normalised text maps to a span of the original within it, in order; no letter of the original is lost."""
    rng = random.Random(37)
    for _ in range(3000):
        text = _random_text(rng)
        norm = normalise(text)
        assert norm.original == text
        if not norm.changed:
            assert norm.text == text
            assert norm.span(1, 3) == (1, 3)
            continue
        assert norm.starts is not None and norm.ends is not None
        assert len(norm.starts) == len(norm.ends) == len(norm.text)
        for i in range(len(norm.text)):
            assert 0 <= norm.starts[i] < norm.ends[i] <= len(text), (text, i)
            if i:
                assert norm.starts[i - 1] <= norm.starts[i] and norm.ends[i - 1] <= norm.ends[i], (text, i)
        covered: set[int] = set()
        for s, e in zip(norm.starts, norm.ends, strict=True):
            covered.update(range(s, e))
        assert all(i in covered for i, c in enumerate(text) if c.isascii() and c.isalpha()), text
        for _ in range(10):
            a = rng.randint(0, len(norm.text))
            b = rng.randint(a, len(norm.text))
            s, e = norm.span(a, b)
            assert 0 <= s <= e <= len(text)
            if b > a:
                assert s < e
                # the span covers the original of its first and last character
                assert (s, e) == (norm.starts[a], norm.ends[b - 1])
        assert norm.span(len(norm.text), len(norm.text)) == (len(text), len(text))


def _maps_back(text: str, word: str, original_word: str) -> None:
    norm = normalise(text)
    m = re.search(re.escape(word), norm.text)
    assert m is not None, (text, norm.text)
    s, e = norm.span(*m.span())
    assert text[s:e] == original_word, (text, norm.text, text[s:e])


# ------------------------------------------------------------------------------------------------ plain text stays

PLAIN = [
    "In 2024, 5 people paid $5 each for 3 tickets.",
    "The 5G rollout, COVID19, H1N1 and MP3 players: 1st, 2nd, 3rd and 4th.",
    "She moved to the U.S.A. in 1999 and works at www.example.com (mail: j0hn.doe@example.com).",
    "@maria thanks! That was so kind. Hmm, zzz, Brr. Henry VIII and XXXL shirts.",
    "A café in Zoë's street sells crème brûlée… ² ™ ½",
    "Niger, Nigeria and Chad met; the laughter in the refuges of the immigrant was loud.",
    "The family 👨\u200d👩\u200d👧 arrived. Москва и Αθήνα. Straße.",
    "u r a star, c u later. x-ray, e-mail, re-elect, well-known, A-level.",
    "I think it's fine, isn't it? We'll see: 10am-3pm, 4x4, a 1:0 win, #hashtag, R2D2.",
    "Kill the lights, the Shoot was great, and the massacre at the box office was a joke.",
]


@pytest.mark.parametrize("text", PLAIN)
def test_ordinary_text_is_left_as_written(text: str) -> None:
    norm = normalise(text)
    assert norm.text == text
    assert not norm.changed


def test_real_comments_are_mostly_left_as_written() -> None:
    """2,000 HateXplain posts (training data, not an evaluation split): almost none is changed."""
    data = pytest.importorskip("train.data")
    try:
        texts = [ex.text for ex in data.hatexplain()]
    except FileNotFoundError:
        pytest.skip("no HateXplain in ../shared/data")
    rng = random.Random(0)
    rng.shuffle(texts)
    changed = [t for t in texts[:2000] if normalise(t).text != t]
    assert len(changed) <= 20, changed[:5]  # 0.2% (4 of 2,000) when written


# -------------------------------------------------------------------------------------------- each obfuscation kind

KINDS = [
    # (written, normalised, a word of the normalised text, what it was written as)
    ("I hate j3ws", "I hate jews", "jews", "j3ws"),
    ("N1GG3RS go home", "NIGGERS go home", "NIGGERS", "N1GG3RS"),
    ("what a b!tch", "what a bitch", "bitch", "b!tch"),
    ("I will k i l l you", "I will kill you", "kill", "k i l l"),
    ("k.i.l.l them", "kill them", "kill", "k.i.l.l"),
    ("k-i-l-l them", "kill them", "kill", "k-i-l-l"),
    ("you are a f a g", "you are a fag", "fag", "f a g"),
    ("fuuuuuck this", "fuck this", "fuck", "fuuuuuck"),
    ("Jeeeeews again", "Jews again", "Jews", "Jeeeeews"),
    ("shut the f*ck up", "shut the fuck up", "fuck", "f*ck"),
    ("f**k off", "fuck off", "fuck", "f**k"),
    ("you n****r", "you nigger", "nigger", "n****r"),
    ("what a$$hole", "what asshole", "asshole", "a$$hole"),
    ("kick his @ss", "kick his ass", "ass", "@ss"),
    ("they should be murderd", "they should be murdered", "murdered", "murderd"),
    ("we will mruder them", "we will murder them", "murder", "mruder"),
    ("filthy mulsims", "filthy muslims", "muslims", "mulsims"),
    ("nìgger", "nigger", "nigger", "nìgger"),
    ("ｋｉｌｌ them", "kill them", "kill", "ｋｉｌｌ"),
    ("𝐤𝐢𝐥𝐥 them", "kill them", "kill", "𝐤𝐢𝐥𝐥"),
    ("ⓚⓘⓛⓛ them", "kill them", "kill", "ⓚⓘⓛⓛ"),
    ("Јеws are", "Jews are", "Jews", "Јеws"),  # Cyrillic Ј and е
    ("ѕһіt", "shit", "shit", "ѕһіt"),  # all Cyrillic look-alikes, spelling a listed word
    ("ki\u200bll the je\u200dws", "kill the jews", "jews", "je\u200dws"),
    ("\u202ekill\u202c them", "kill them", "kill", "kill"),
    ("k̶i̶l̶l̶ them", "kill them", "kill", "k̶i̶l̶l̶"),
]


@pytest.mark.parametrize(("written", "normalised", "word", "original"), KINDS)
def test_each_kind_is_undone_and_maps_back(written: str, normalised: str, word: str, original: str) -> None:
    assert normalise(written).text == normalised
    _maps_back(written, word, original)


def test_normalising_is_linear() -> None:
    """Long comments of every kind cost about as much per character as short ones (no quadratic regex)."""

    def cost(text: str) -> float:
        best = float("inf")
        for _ in range(5):
            started = time.process_time()
            normalise(text)
            best = min(best, time.process_time() - started)
        return best

    # four times the text: about 4x the time when linear, 16x when quadratic; 8x leaves room for a loaded machine
    # (a full test run once measured 6.1x for "x.y-z_w*", which alone costs 3.9-4.1x)
    for unit in ["k i l l ", "a.", "x.y-z_w*", "@a", "a.b@", "f*ck ", "k1ll ", "\u200bk", "k\u0336", "јеws ", "aaaa"]:
        small, large = cost(unit * (2500 // len(unit))), cost(unit * (10000 // len(unit)))
        assert large <= 8 * max(small, 0.002), (unit, small, large)


# ------------------------------------------------------------------------------------------------ through moderate()

END_TO_END = [
    # (plain, obfuscated, the obfuscated word the evidence must cover)
    ("Get lost, you faggot.", "Get lost, you f*ggot.", "f*ggot"),
    ("Jews are vermin.", "Ј\u200bеws are vermin.", "Ј\u200bеws"),
    ("Send those niggers back.", "Send those n1gg3rs back.", "n1gg3rs"),
    ("The refugees are parasites.", "The refugees are p a r a s i t e s.", "p a r a s i t e s"),
]


@pytest.mark.parametrize(("plain", "obfuscated", "word"), END_TO_END)
def test_obfuscated_hate_is_judged_as_its_plain_spelling(plain: str, obfuscated: str, word: str) -> None:
    as_plain, as_obfuscated = newssift.moderate([plain, obfuscated])
    assert as_plain.action == as_obfuscated.action == "remove"
    hate = {lab.label: lab for lab in as_obfuscated.labels}["hate"]
    assert {lab.label: lab.score for lab in as_plain.labels}["hate"] == hate.score
    start = obfuscated.index(word)
    assert any(s.start == start and s.end == start + len(word) for s in hate.spans), [
        obfuscated[s.start : s.end] for s in hate.spans
    ]
    assert all(0 <= s.start < s.end <= len(obfuscated) for lab in as_obfuscated.labels for s in lab.spans)
