"""Stock phrases of persuasion, as patterns: for techniques the training data has few examples of, a rule
explains itself better than a weak model. Each pattern names its technique and says what it matched.

The lists follow the SemEval-2020 Task 11 annotation guidelines' definitions and examples (Da San Martino et
al. 2019); they are kept short on purpose: a pattern must be right nearly every time it fires in news text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newssift.techniques.spans import STOP, words


@dataclass(frozen=True, slots=True)
class Pattern:
    technique: str
    regex: re.Pattern[str]
    cue: str  # what a match is, for the explanation


def _p(technique: str, cue: str, *alternatives: str) -> Pattern:
    return Pattern(technique, re.compile(r"(?i)\b(?:" + "|".join(alternatives) + r")\b"), cue)


PATTERNS: tuple[Pattern, ...] = (
    _p(
        "whataboutism",
        "a 'what about …' turn to the other side's conduct",
        r"(?:but |and )?what about (?:the |their |his |her |when )?\w+",
        r"where (?:were|was) (?:you|they|he|she|the \w+) when",
    ),
    _p(
        "thought_terminating_cliche",
        "a stock phrase that closes the question",
        r"it is what it is",
        r"it's what it is",
        r"enough said",
        r"end of story",
        r"(?:that's|that is) just the way it is",
        r"let that sink in",
        r"do your own research",
        r"you can't argue with (?:that|facts)",
        r"nuff said",
        r"everything happens for a reason",
    ),
    _p(
        "glittering_generalities",
        "a virtue phrase the audience approves of, offered instead of reasons",
        r"common sense",
        r"family values",
        r"freedom-loving",
        r"peace-loving",
        r"god-given",
        r"law-abiding (?:citizens|people|americans)",
        r"the will of the people",
        r"the right side of history",
    ),
    _p(
        "black_and_white",
        "two options offered as the only ones",
        r"(?:either|you're either|you are either) with us or against us",
        r"there (?:are|is) only (?:two|one) (?:options?|choices?|ways?|genders?|sides?)",
        r"the only (?:option|choice|solution|way out) (?:is|left)",
    ),
    _p(
        "doubt",
        "a word that questions credibility without evidence",
        r"so-called",
        r"self-proclaimed",
        r"self-styled",
    ),
    _p(
        "flag_waving",
        "an appeal to national or group pride",
        r"(?:our|this) (?:great |glorious |beloved )?(?:nation|homeland|motherland|fatherland)",
        r"true (?:patriots?|americans|russians|britons|ukrainians)",
        r"real (?:patriots?|americans)",
        r"national pride",
        r"make america great again",
    ),
    _p(
        "bandwagon",
        "an appeal to what 'everyone' thinks or does",
        r"everyone knows",
        r"everybody knows",
        r"everyone agrees",
        r"millions of (?:people|americans|citizens) (?:agree|know|can't be wrong)",
    ),
    _p(
        "appeal_to_authority",
        "a claim resting on unnamed experts",
        r"(?:all |most |many )?(?:experts|scientists|doctors) (?:agree|say|have shown|confirm)",
        r"studies (?:show|prove|have shown)",
    ),
    _p(
        "reductio_ad_hitlerum",
        "a comparison with the Nazis or Hitler",
        r"(?:just |exactly )?like (?:the )?(?:nazis|hitler|the third reich|the gestapo)",
        r"(?:worse|no better) than (?:the )?(?:nazis|hitler)",
    ),
)

#: a phrase repeated this often in one article is reported as Repetition (two words: 4 times, three or more: 3)
REPEAT_MIN = {2: 4, 3: 3}
MAX_MARKED = 50  # occurrences of one repeated phrase marked as spans


def pattern_spans(text: str, regions: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """(start, end, technique, cue) for every pattern match inside the regions."""
    out = []
    for a, b in regions:
        for p in PATTERNS:
            for m in p.regex.finditer(text, a, b):
                out.append((m.start(), m.end(), p.technique, f"{p.cue}: “{m.group(0)}”"))
    return out


def repetitions(text: str, regions: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """Phrases of 2–3 content-bearing words that recur across the article, each occurrence a span.

    A phrase counts when it starts and ends on a content word and holds no capitalised name only (a speaker's
    name recurring is reporting, not repetition); the longest repeated phrase wins where several overlap.
    """
    occurrences: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for a, b in regions:
        toks = words(text, a, b)
        low = [text[s:e].lower() for s, e in toks]
        for n in (3, 2):
            for i in range(len(toks) - n + 1):
                gram = tuple(low[i : i + n])
                if gram[0] in STOP or gram[-1] in STOP or not all(w.isalpha() for w in gram):
                    continue
                if all(text[toks[i + j][0]].isupper() for j in range(n)):
                    continue
                if any(re.search(r"[.!?;:,\n]", text[toks[i + j][1] : toks[i + j + 1][0]]) for j in range(n - 1)):
                    continue
                occurrences.setdefault(gram, []).append((toks[i][0], toks[i + n - 1][1]))
    taken = bytearray(max((b for _a, b in regions), default=0))  # characters already in a reported phrase
    out: list[tuple[int, int, str, str]] = []
    ranked = sorted(occurrences.items(), key=lambda kv: (-len(kv[0]), -len(kv[1])))
    for gram, spans in ranked:
        need = REPEAT_MIN[min(len(gram), 3)]
        if len(spans) < need:
            continue
        free: list[tuple[int, int]] = []
        for s, e in spans:  # in text order: an occurrence overlapping the last one kept ("war war war") is skipped
            if (not free or s >= free[-1][1]) and not any(taken[s:e]):
                free.append((s, e))
        if len(free) < need:
            continue
        for s, e in free:
            taken[s:e] = b"\x01" * (e - s)
        shown = free[:MAX_MARKED]
        more = f" (the first {MAX_MARKED} marked)" if len(free) > MAX_MARKED else ""
        out += [
            (s, e, "repetition", f"“{' '.join(gram)}” occurs {len(free)} times in the text{more}") for s, e in shown
        ]
    return out
