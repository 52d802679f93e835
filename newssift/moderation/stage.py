"""The moderation stage: labels with evidence spans, reasons and a policy action for each comment.

A label's score is the stronger of two sources of evidence, each with its reason:
- the trained heads (calibrated probabilities; evidence = the words that pushed the score up), and
- lexicon patterns (antisemitic tropes, threats, conspiracy narratives, insults, profanity, spam).
Then context is applied: counter-speech and negation lower hate scores (quoting hate to reject it is not hate),
idioms lower violence ("killed it"), a hate label needs a group or a person it targets, and a reply that
endorses its parent ("Exactly.") inherits the parent's labels. Spans are offsets into each comment's text.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from newssift.document import no_lone_surrogates
from newssift.encoders.prepare import PLAIN
from newssift.moderation import lexicon as lx
from newssift.moderation.encoder import encoder_scores, get_moderation_encoder
from newssift.moderation.model import ModerationModel, get_model
from newssift.moderation.normalise import Normalised, normalise
from newssift.moderation.policy import Policy, load_policy
from newssift.moderation.screen import Screened
from newssift.segment import split_sentences

LABELS = ("hate", "violence", "conspiracy", "harassment", "profanity", "spam")
_MIN_REPORTED = 0.3
# someone else's words: a slur or trope mentioned, or a threat reported, is scored at most this (at violence
# review and below hate review in the default policy; policy-default.yaml says so)
_MENTION = 0.45
# typographic apostrophes and quotes as the lexicon writes them ("we’ll" as "we'll"): one character for one, so
# every offset into the matched text is an offset into the comment. The rule matchers (_judge_one, _inherit) read
# text through it, so the bench, which calls _judge_one, matches what judge() does
_PLAIN_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_RELATIVE = re.compile(r"\b(?:who|which|that|whose)\b", re.I)


@dataclass(slots=True)
class LabelResult:
    label: str
    score: float
    spans: list[tuple[int, int]] = field(default_factory=list)
    target: str | None = None
    reason: str = ""


@dataclass(slots=True)
class Verdict:
    labels: list[LabelResult]
    action: str
    reasons: list[str]

    def scores(self) -> dict[str, float]:
        return {lab.label: lab.score for lab in self.labels}


@dataclass(slots=True)
class _Acc:
    """Evidence gathered for one label: the best score and its reason, and spans by kind of source."""

    score: float = 0.0
    reason: str = ""
    target: str | None = None
    rule_spans: list[tuple[int, int]] = field(default_factory=list)
    model_spans: list[tuple[int, int]] = field(default_factory=list)

    def offer(
        self, score: float, spans: list[tuple[int, int]], reason: str, target: str | None = None, *, model: bool = False
    ) -> None:
        if score > self.score:
            self.score, self.reason = score, reason
            if target:
                self.target = target
        if target and not self.target and score >= _MIN_REPORTED:
            self.target = target
        if score >= _MIN_REPORTED:
            bucket = self.model_spans if model else self.rule_spans
            bucket.extend(spans)  # duplicates go in `spans` (a set there): a check here costs O(n) a span

    @property
    def spans(self) -> list[tuple[int, int]]:
        # the words a rule matched explain a label best; the model's top words stand in when no rule fired
        return sorted(set(self.rule_spans or self.model_spans))


#: How far either side of a position the context rules read its sentence (characters). A longer "sentence" (a
#: comment with no punctuation) is read in this window, so that the rules' searches, made once per match, cost a
#: bounded amount each: a 20 KB comment repeating a slur took a minute when each search read the whole comment.
SENTENCE_WINDOW = 400


@functools.lru_cache(maxsize=32)
def _sentences(text: str) -> tuple[list[int], list[int]]:
    """Start and end offsets of the sentences of *text*, computed once per text."""
    spans = split_sentences(text)
    return [a for a, _b in spans], [b for _a, b in spans]


def _sentence_of(text: str, pos: int) -> tuple[int, int]:
    """The sentence around *pos* (the whole text when *pos* is in none), cut to SENTENCE_WINDOW either side."""
    starts, ends = _sentences(text)
    i = bisect.bisect_right(starts, pos) - 1
    start, end = (starts[i], ends[i]) if i >= 0 and pos < ends[i] else (0, len(text))
    return max(start, pos - SENTENCE_WINDOW), min(end, pos + SENTENCE_WINDOW)


#: lx.MENTIONED ends where the slur or trope starts, and what it matches ("was sacked for calling them") is short:
#: it is searched in the last MENTION_REACH characters of the sentence only, at a bounded cost per match.
MENTION_REACH = 160


def _mentioned(text: str, start: int, pos: int) -> bool:
    """Whether the words just before *pos* (from *start*, its sentence) name what follows as someone's words."""
    return lx.MENTIONED.search(text, max(start, pos - MENTION_REACH), pos) is not None


def _negated(text: str, start: int, end: int) -> bool:
    """A negation between start and end that is not itself part of a hostile phrase ("should not be allowed")."""
    negations = [m.start() for m in lx.NEGATION.finditer(text, start, end)]
    if not negations:
        return False
    hostile = [(m.start(), m.end()) for m in lx.NEGATIVE_PREDICATE.finditer(text, start, end)]
    return any(not any(a <= n < b for a, b in hostile) for n in negations)


_RELATIVE_BEFORE = re.compile(r"\b(?:who|that|which)\s+$", re.I)


def _reported(text: str, pos: int) -> bool:
    """A reporting verb before *pos* in its sentence, not in a relative clause ("the journalist who wrote this")."""
    start = _sentence_of(text, pos)[0]
    return any(
        _RELATIVE_BEFORE.search(text, max(start, r.start() - 8), r.start()) is None
        for r in lx.REPORTING_VERB.finditer(text, start, pos)
    )


_GROUPS = [(rx, name) for name, rx in lx.GROUPS.items()]


def _groups(scan: Screened) -> list[tuple[str, int, int]]:
    found = []
    for rx, name in scan.among(_GROUPS):
        found += [(lx.group_name(name, m.group(0)), m.start(), m.end()) for m in rx.finditer(scan.text)]
    return sorted(found, key=lambda g: g[1])


def _group_at(groups: list[tuple[str, int, int]], pos: int, longest: int) -> str | None:
    """The first group mention (of *groups*, sorted by start as _groups gives them; none longer than *longest*)
    that contains *pos*; found by bisection, as a comment may name thousands."""
    hi = bisect.bisect_right(groups, pos, key=lambda g: g[1])
    lo = bisect.bisect_left(groups, pos - longest, key=lambda g: g[1])
    return next((g for g, s, e in groups[lo:hi] if s <= pos < e), None)


def _names_a_group(text: str) -> bool:
    """Whether the stage also scores the text with its group names masked (see _mask_groups)."""
    return lx.names_a_group(text)


def _mask_groups(text: str) -> str:
    """The text with every group name replaced by "people": the counterfactual for identity-term bias."""
    scan = lx.SCREEN(text)
    for rx in lx.GROUPS.values():
        if scan.may_match(rx):
            masked = rx.sub("people", text)
            if masked != text:  # "people" may complete another group's name ("Jews of colour"): screen again
                text, scan = masked, lx.SCREEN(masked)
    return text


@dataclass(frozen=True, slots=True)
class _Reading:
    """One comment as every label's rules read it: the text (plain quotes), its screen (whole-text searches go
    through it: it skips patterns that cannot match), the groups it names (sorted by start) and whether it is
    counter-speech. Read once per comment and shared by the labels."""

    text: str
    scan: Screened
    groups: list[tuple[str, int, int]]
    counter: bool
    # the encoder reads emoji by their names, so an emoji can be its evidence (as emoji-names-2 finds emoji:
    # newssift/encoders/prepare.py emoji_spans, whichever preparation the encoder names)
    emoji: bool = False

    @classmethod
    def of(cls, text: str, emoji: bool = False) -> _Reading:
        scan = lx.SCREEN(text)
        return cls(text, scan, _groups(scan), scan.search(lx.COUNTER_SPEECH) is not None, emoji)

    @property
    def group_name(self) -> str | None:
        """The first group named: the target of a label that names none of its own."""
        return self.groups[0][0] if self.groups else None


def _judge_one(
    text: str,
    probs: dict[str, float],
    masked: dict[str, float] | None,
    model: ModerationModel,
    enc: dict[str, float] | None = None,
    enc_target: str | None = None,
    reads_emoji: bool = False,
) -> dict[str, _Acc]:
    """The evidence for each label. ``probs`` are the linear heads' scores (``masked``: of the text with its group
    names replaced); ``enc``, where given, the encoder's calibrated scores, which replace the heads' for the labels
    the encoder has (see newssift/moderation/encoder.py), ``enc_target`` the group its target head names, and
    ``reads_emoji`` whether the encoder reads emoji by name (newssift/encoders/prepare.py)."""
    r = _Reading.of(text.translate(_PLAIN_QUOTES), reads_emoji)
    acc = {label: _Acc() for label in LABELS}
    _hate(acc["hate"], r, probs, masked, model, enc, enc_target)
    _violence(acc["violence"], r, probs, model, enc)
    _conspiracy(acc["conspiracy"], r, probs, model, enc)
    _harassment(acc["harassment"], r, probs, model, enc)
    _profanity(acc["profanity"], r)
    _spam(acc["spam"], r, enc)
    return acc


# --- hate: tropes, derogatory generalisations and slurs (rules), then the heads or the encoder


def _hate(
    a: _Acc,
    r: _Reading,
    probs: dict[str, float],
    masked: dict[str, float] | None,
    model: ModerationModel,
    enc: dict[str, float] | None,
    enc_target: str | None = None,
) -> None:
    mentioned = _rule_hate(a, r)
    if enc is not None:
        _encoder_hate(a, r, enc, model, mentioned, enc_target)
    else:
        _heads_hate(a, r, probs, masked, model, mentioned)


def _rule_hate(a: _Acc, r: _Reading) -> bool:
    """The hate rules' evidence; whether a slur or trope was named as someone else's words (lx.MENTIONED)."""
    trope_mentioned = _trope_hate(a, r)
    _derogation_hate(a, r)
    slur_mentioned = _slur_hate(a, r)
    return trope_mentioned or slur_mentioned


def _use_or_mention(
    a: _Acc, text: str, start: int, m: re.Match[str], score: float, reason: str, mention: str, target: str | None
) -> bool:
    """Offer the slur or trope *m* (in the sentence from *start*) as used, at *score*, or, where the words before it
    name it as what someone says or calls others, as mentioned, at _MENTION with the reason *mention*. Whether it
    was mentioned."""
    if _mentioned(text, start, m.start()):
        a.offer(_MENTION, [(m.start(), m.end())], mention, target)
        return True
    a.offer(score, [(m.start(), m.end())], reason, target)
    return False


def _trope_hate(a: _Acc, r: _Reading) -> bool:
    """Antisemitic tropes; whether one was only mentioned ("accused Jews of dual loyalty", "called her a zionazi":
    a moderator should see it; it is not the commenter's own claim)."""
    text = r.text
    jewish_term = r.scan.search(lx.JEWISH_TERM) is not None
    mentioned = False
    for rx, reason in r.scan.among(lx.ANTISEMITIC_TROPES):
        if reason in lx.NEEDS_JEWISH_TERM and not jewish_term:
            continue
        for m in rx.finditer(text):
            start = _sentence_of(text, m.start())[0]
            if _trope_set_aside(r, m, reason, start):
                continue
            if _use_or_mention(a, text, start, m, 0.92, reason, f"mentioned: {reason}", "Jewish people"):
                mentioned = True
    return mentioned


def _trope_set_aside(r: _Reading, m: re.Match[str], reason: str, start: int) -> bool:
    """Whether the trope *m* (in the sentence from *start*) is rejected, reported, negated or a name."""
    text = r.text
    # the denial and Hitler patterns contain their own negation ("never happened", "didn't go far enough") and
    # denial its own "is a lie": look before them for negation, and outside denial for counter-speech
    denial = reason == lx.HOLOCAUST_DENIAL
    end = m.start() if reason in lx.REPORTABLE else m.end()
    outside = (c for c in lx.COUNTER_SPEECH.finditer(text) if c.end() <= m.start() or c.start() >= m.end())
    rejected = r.counter and (not denial or next(outside, None) is not None)
    # denial and praise of Hitler are also reported ("23% said they believed the Holocaust was a myth"); a reporting
    # verb before them in the sentence makes them someone else's words (quotation marks do not: they are as often
    # scare quotes)
    reported = reason in lx.REPORTABLE and lx.REPORTING_VERB.search(text, start, m.start()) is not None
    if rejected or reported or _negated(text, start, end):
        return True
    # a member of the family named ("David Rothschild said"), not the trope
    return reason == lx.ROTHSCHILD and lx.proper_name(text, m.start())


def _derogation_hate(a: _Acc, r: _Reading) -> None:
    """A group, as what its clause is about, followed by a derogatory term ("Jews are vermin")."""
    if r.counter:
        return
    text = r.text
    for name, g_start, g_end in r.groups:
        d = lx.DEROGATION.match(text, g_end)
        if d is None or not lx.CLAUSE_SUBJECT.search(text[max(0, g_start - 20) : g_start]):
            continue  # the group must be what the clause is about, not an object ("people who hid Jews were ...")
        if _derogation_set_aside(text, g_start, d):
            continue
        why = f"derogatory generalisation about {name}: '{d.group('term')}'"
        a.offer(0.85, [(g_start, g_end), (d.start("term"), d.end("term"))], why, name)


def _derogation_set_aside(text: str, g_start: int, d: re.Match[str]) -> bool:
    """Whether the derogation *d* of the group named at *g_start* is negated or someone else's words."""
    # a negation in the sentence rejects it ("... are greedy, because they are not"), except inside the term ("not
    # human") and in a relative clause that goes on to say more ("savages who will never ...")
    s_start, s_end = _sentence_of(text, g_start)
    rel = _RELATIVE.search(text, d.end("term"), max(s_end, d.end()))
    tail_end = rel.start() if rel else max(s_end, d.end())
    if _negated(text, s_start, d.start("term")) or _negated(text, d.end("term"), tail_end):
        return True
    # reported or quoted words of someone else ("the imam preaches 'Jews are ...'")
    return lx.REPORTED_SPEECH.search(text, s_start, g_start) is not None


def _slur_hate(a: _Acc, r: _Reading) -> bool:
    """Slurs, aimed at the group they name or sit in, else the first group named; whether one was only mentioned
    ("calling them kikes", "sacked for saying 'clear the kikes'": the slur is mentioned, not used)."""
    if r.counter:
        return False
    text = r.text
    longest = max((e - s for _g, s, e in r.groups), default=0)
    mentioned = False
    for m in r.scan.finditer(lx.SLURS):
        if lx.proper_name(text, m.start()):
            continue  # a name ("Senator Coons", "the island of Lesbos")
        target = _group_at(r.groups, m.start(), longest) or r.group_name
        start = _sentence_of(text, m.start())[0]
        slur = m.group(0)
        if _use_or_mention(a, text, start, m, 0.88, f"slur: '{slur}'", f"mentioned slur: '{slur}'", target):
            mentioned = True
    return mentioned


def _heads_hate(
    a: _Acc,
    r: _Reading,
    probs: dict[str, float],
    masked: dict[str, float] | None,
    model: ModerationModel,
    mentioned: bool,
) -> None:
    """The linear heads' hate score, capped by the context rules (used when the encoder is off)."""
    text, scan, groups = r.text, r.scan, r.groups
    p_hate = probs.get("hate", 0.0)
    p_anti = probs.get("antisemitism", 0.0)
    jewish = any(g == "Jewish people" for g, _s, _e in groups)
    # no group named, but Israel, the Holocaust or Hitler: the target is implied, and the antisemitism head (trained
    # on ISCA's tweets about Jews and Israel) alone may carry the score; the hate head still needs a target
    topic = not groups and scan.search(lx.JEWISH_TOPIC) is not None
    model_hate = _heads_context(a, r, p_hate, p_anti, jewish, topic, masked, mentioned)
    if model_hate >= _MIN_REPORTED:
        head = "antisemitism" if (jewish or topic) and p_anti > p_hate else "hate"
        spans = model.evidence(text, head) + [(s, e) for g, s, e in groups][:2]
        # the antisemitism head, trained to tell antisemitic posts from others about Jews, names the target when
        # it is confident, even where another group is named first
        target = "Jewish people" if head == "antisemitism" or ((jewish or topic) and p_anti >= 0.5) else r.group_name
        why = "model: antisemitic content" if head == "antisemitism" else "model: hateful content about a group"
        a.offer(model_hate, sorted(set(spans)), why, target, model=True)


def _heads_context(
    a: _Acc,
    r: _Reading,
    p_hate: float,
    p_anti: float,
    jewish: bool,
    topic: bool,
    masked: dict[str, float] | None,
    mentioned: bool,
) -> float:
    """The heads' hate score (*p_hate*, and *p_anti* where Jewish people are named or the topic) capped by the
    context rules: masking, mention, counter-speech, negation and a target."""
    text, scan, groups = r.text, r.scan, r.groups
    model_hate = max(p_hate, p_anti if jewish else 0.0)
    if topic:
        model_hate = max(min(p_hate, 0.25), p_anti)
    if masked is not None:
        # with the group names replaced by "people", does the text still read as hateful? If not, the score
        # came from naming a group, not from what is said about it ("I am Jewish", "Muslims pray on Friday")
        model_hate = min(model_hate, masked.get("hate", 0.0) + 0.25)
    if mentioned and a.score <= _MENTION:
        # the only slurs or tropes are mentioned, not used: the heads, which read the words alone, are held to the
        # mention's level
        model_hate = min(model_hate, _MENTION)
    if r.counter:
        model_hate *= 0.3
    elif groups and all(_negated(text, *_sentence_of(text, s)) for _g, s, _e in groups):
        model_hate *= 0.5  # every sentence naming a group is negated ("Muslims are not terrorists")
    if a.score == 0 and not groups and not topic:
        model_hate = min(model_hate, 0.25)  # hate needs a target
    elif a.score == 0 and not topic and scan.search(lx.NEGATIVE_PREDICATE) is None:
        # nothing hostile said in words the lexicon knows: the score must survive masking the group names whole
        model_hate = min(model_hate, masked.get("hate", 0.0) if masked is not None else 0.25)
        if scan.search(lx.POSITIVE_PREDICATE) or scan.search(lx.SELF_IDENTIFICATION):
            model_hate = min(model_hate, 0.25)
    return model_hate


def _encoder_hate(
    a: _Acc, r: _Reading, enc: dict[str, float], model: ModerationModel, mentioned: bool, head_target: str | None
) -> None:
    """The encoder's hate score. No masking or "hate needs a target" rule caps it; what the encoder has not learned
    well from the data it was trained on is damped by the context the lexicon recognises: counter-speech, slurs or
    tropes only mentioned, and a group named only to identify with it ("I am Jewish"); not negation ("I don't see
    any difference between a dead rat and a dead Muslim") nor praise words ("the worst kind of ..."), which cost
    more on held-out data than they gained (the model card has the figures). Evidence: the words the hate head's
    unigram weights rank first, and the first group names. The target: the first group the text names, else the
    one the encoder's target head names ("those people who keep crossing the border illegally are vermin" names
    no group the lexicon lists)."""
    groups = r.groups
    jewish = any(g == "Jewish people" for g, _s, _e in groups)
    topic = not groups and r.scan.search(lx.JEWISH_TOPIC) is not None
    # the antisemitism head was trained on texts about Jews and Israel only: it counts where they are the topic
    p_hate, p_anti = enc.get("hate", 0.0), (enc.get("antisemitism", 0.0) if jewish or topic else 0.0)
    score = _encoder_context(max(p_hate, p_anti), a, r, mentioned, topic)
    if score < _MIN_REPORTED:
        return
    anti = p_anti >= 0.5
    target = "Jewish people" if anti else (r.group_name or head_target)
    spans = (
        model.evidence(r.text, "antisemitism" if anti else "hate", emoji=r.emoji) + [(s, e) for _g, s, e in groups][:2]
    )
    why = "model: antisemitic content" if anti else "model: hateful content about a group"
    a.offer(score, sorted(set(spans)), why, target, model=True)


def _encoder_context(score: float, a: _Acc, r: _Reading, mentioned: bool, topic: bool) -> float:
    """The encoder's hate score damped by the context the lexicon reads (see _encoder_hate)."""
    if mentioned and a.score <= _MENTION:
        score = min(score, _MENTION)  # the only slurs or tropes are someone else's words
    if r.counter:
        return score * 0.3
    if a.score == 0 and not topic and r.scan.search(lx.NEGATIVE_PREDICATE) is None:
        if r.scan.search(lx.SELF_IDENTIFICATION):
            return min(score, 0.25)  # "I am Jewish"
    return score


# --- violence


def _violence(
    a: _Acc, r: _Reading, probs: dict[str, float], model: ModerationModel, enc: dict[str, float] | None
) -> None:
    text = r.text
    for rx, reason, score in r.scan.among(lx.VIOLENCE):
        for m in rx.finditer(text):
            near = (max(0, m.start() - 10), m.end() + 10)
            if lx.VIOLENCE_IDIOMS.search(text, *near) or _negated(text, m.start(), m.end()):
                continue
            if _reported(text, m.start()):
                # someone else's threat reported ("he said, 'somebody ought to put a bullet in her'"): a human
                # should see it, but it is not the commenter's own call
                a.offer(min(score, _MENTION), [(m.start(), m.end())], f"reported: {reason}", r.group_name)
                continue
            a.offer(score, [(m.start(), m.end())], reason, r.group_name)
    p_violence = _model_violence(r, probs, enc)
    if p_violence >= _MIN_REPORTED:
        why = "model: threatening or inciting language"
        a.offer(p_violence, model.evidence(text, "violence", emoji=r.emoji), why, r.group_name, model=True)


def _model_violence(r: _Reading, probs: dict[str, float], enc: dict[str, float] | None) -> float:
    if enc is not None:
        return enc.get("violence", 0.0)  # idioms and reports of violence were learned from data
    idiom = r.scan.search(lx.VIOLENCE_IDIOMS) is not None
    p_violence = probs.get("violence", 0.0) * (0.4 if idiom else 1.0)
    if r.scan.search(lx.REPORTED_VIOLENCE):
        p_violence *= 0.6  # a report of violence that happened ("killed twelve", "police said") is not a call
    return p_violence


# --- conspiracy


def _conspiracy(
    a: _Acc, r: _Reading, probs: dict[str, float], model: ModerationModel, enc: dict[str, float] | None
) -> None:
    text = r.text
    if not r.counter:
        for rx, reason, score in r.scan.among(lx.CONSPIRACY):
            for m in rx.finditer(text):
                if not _conspiracy_set_aside(text, m):
                    a.offer(score, [(m.start(), m.end())], reason)
    p_consp = (
        enc.get("conspiracy", 0.0) if enc is not None else probs.get("conspiracy", 0.0) * (0.4 if r.counter else 1.0)
    )
    if p_consp >= _MIN_REPORTED:
        a.offer(p_consp, model.evidence(text, "conspiracy", emoji=r.emoji), "model: conspiracy narrative", model=True)


def _conspiracy_set_aside(text: str, m: re.Match[str]) -> bool:
    """Whether the narrative *m* is reported, named as a myth, denied or rebutted."""
    start, end = _sentence_of(text, m.start())
    return (
        lx.CONSPIRACY_REPORTED.search(text, start, m.start()) is not None
        or lx.NAMED_AS_MYTH.match(text, m.end()) is not None  # "the chemtrails myth persists"
        # "there are no lizard people", "chemtrails are not real"
        or lx.CONSPIRACY_DENIED_BEFORE.search(text, start, m.start()) is not None
        or lx.CONSPIRACY_DENIED_AFTER.match(text, m.end()) is not None
        # "claims that the election was rigged ... were rejected by every court"
        or lx.CONSPIRACY_REBUTTED.search(text, m.end(), end) is not None
        or lx.NARRATIVE_DENIED.search(text, m.start(), m.end()) is not None  # "5G masts do not spread viruses"
    )


# --- harassment, profanity, spam


def _harassment(
    a: _Acc, r: _Reading, probs: dict[str, float], model: ModerationModel, enc: dict[str, float] | None
) -> None:
    text = r.text
    for rx, reason, score in r.scan.among(lx.HARASSMENT):
        for m in rx.finditer(text):
            if not _negated(text, m.start(), m.end()):
                a.offer(score, [(m.start(), m.end())], reason)
    p_harass = max(probs.get("harassment", 0.0), enc.get("offensive", 0.0) if enc is not None else 0.0)
    if p_harass >= _MIN_REPORTED and a.score > 0:
        a.offer(
            p_harass, model.evidence(text, "harassment", emoji=r.emoji), "model: abuse aimed at a person", model=True
        )


def _profanity(a: _Acc, r: _Reading) -> None:
    prof = [(m.start(), m.end()) for m in r.scan.finditer(lx.PROFANITY)]
    if prof:
        a.offer(0.9, prof, "profane words")


def _spam(a: _Acc, r: _Reading, enc: dict[str, float] | None) -> None:
    urls = [(m.start(), m.end()) for m in r.scan.finditer(lx.URL)]
    for rx, reason, score in [*r.scan.among(lx.SPAM), *(r.scan.among(lx.SPAM_WITH_LINK) if urls else [])]:
        for m in rx.finditer(r.text):
            a.offer(min(1.0, score + (0.2 if urls else 0.0)), [(m.start(), m.end()), *urls], reason)
    if len(urls) >= 3:
        a.offer(0.65, urls, "many links")
    if enc is not None and enc.get("spam", 0.0) >= _MIN_REPORTED:
        a.offer(enc["spam"], urls, "model: spam", model=True)


_INHERITED = ("hate", "violence", "conspiracy")  # labels a reply that endorses its parent takes from it


def _inherit(reply: dict[str, _Acc], parent: Verdict, text: str) -> None:
    """A reply that endorses its parent inherits the parent's labels; 'they' in a reply refers to its target."""
    text = text.translate(_PLAIN_QUOTES)
    m = lx.AGREEMENT.match(text)
    if m and lx.COUNTER_SPEECH.search(text) is None:
        for lab in parent.labels:
            if lab.label in _INHERITED and lab.score >= 0.5:
                reply[lab.label].offer(
                    round(lab.score * 0.85, 4),
                    [(m.start(), m.end())],
                    f"endorses the comment it replies to ({lab.reason})",
                    lab.target,
                )
    parent_target = next((lab.target for lab in parent.labels if lab.target), None)
    if parent_target and lx.THEY.search(text):
        for label in ("hate", "violence"):
            if reply[label].score > 0 and reply[label].target is None:
                reply[label].target = parent_target


def can_pass_on(verdict: Verdict) -> bool:
    """Whether a reply could take anything from *verdict* in _inherit: a label it may inherit, or a target."""
    return any(lab.target or (lab.label in _INHERITED and lab.score >= 0.5) for lab in verdict.labels)


def _map_back(acc: dict[str, _Acc], norm: Normalised) -> None:
    """The evidence spans, found in the normalised text, as spans of the comment as written."""
    if norm.changed:
        for a in acc.values():
            a.rule_spans = norm.spans(a.rule_spans)
            a.model_spans = norm.spans(a.model_spans)


def _verdict(acc: dict[str, _Acc], policy: Policy) -> Verdict:
    labels = [
        LabelResult(name, round(a.score, 4), a.spans, a.target if name in ("hate", "violence") else None, a.reason)
        for name, a in acc.items()
        if a.score >= _MIN_REPORTED
    ]
    labels.sort(key=lambda lab: -lab.score)
    action, deciding = policy.action({lab.label: lab.score for lab in labels})
    reasons = [f"{lab.label} {lab.score:.2f}: {lab.reason}" for lab in labels if lab.label in deciding]
    reasons += [f"{lab.label} {lab.score:.2f}: {lab.reason}" for lab in labels if lab.label not in deciding]
    return Verdict(labels, action, reasons)


def _masked_probs(
    texts: list[str], probs: dict[str, np.ndarray], model: ModerationModel
) -> dict[int, dict[str, float]]:
    """The heads' scores of the texts that name a group, with the names replaced by "people". The masked
    counterfactual can only lower a hate score, so it is needed only where a head is high enough to be reported."""
    none = np.zeros(len(texts))  # a model directory without one of these heads (NEWSSIFT_MODERATION_MODEL)
    high = np.maximum(probs.get("hate", none), probs.get("antisemitism", none)) >= _MIN_REPORTED
    with_groups = [i for i, t in enumerate(texts) if high[i] and _names_a_group(t)]
    masked_probs = model.predict([_mask_groups(texts[i]) for i in with_groups])
    return {i: {h: float(p[k]) for h, p in masked_probs.items()} for k, i in enumerate(with_groups)}


def judge(
    texts: Sequence[str],
    parents: Sequence[int | None] | None = None,
    *,
    policy: Policy | None = None,
    model: ModerationModel | None = None,
    earlier_parents: Sequence[Verdict | None] | None = None,
    use_encoder: bool = True,
) -> list[Verdict]:
    """Verdicts for *texts*; ``parents[i]`` is the index of the text that text i replies to (earlier in the list).
    ``earlier_parents[i]``, where given, is the verdict of text i's parent judged in an earlier call (a stream
    judged batch by batch); it is used where ``parents[i]`` is None. ``use_encoder=False`` (or
    NEWSSIFT_MODERATION_ENCODER=off) judges with the linear heads and the rules alone.

    The heads, the encoder and the rules read each text normalised (newssift/moderation/normalise.py: leetspeak,
    spaced, repeated, masked or misspelled letters, homoglyphs and invisible characters undone); the spans of the
    verdicts are mapped back into the texts as given."""
    policy = policy or load_policy()
    model = model or get_model()
    norms = [normalise(no_lone_surrogates(t)) for t in texts]
    texts = [n.text for n in norms]
    probs = model.predict(texts)
    encoder = get_moderation_encoder() if use_encoder else None
    enc, enc_targets = encoder_scores(texts, encoder) if encoder is not None else (None, [None] * len(texts))
    masked = _masked_probs(texts, probs, model) if enc is None else {}
    reads_emoji = encoder is not None and encoder.text_input != PLAIN
    verdicts: list[Verdict] = []
    for i, text in enumerate(texts):
        probs_i = {h: float(p[i]) for h, p in probs.items()}
        enc_i = enc[i] if enc is not None else None
        acc = _judge_one(text, probs_i, masked.get(i), model, enc_i, enc_targets[i], reads_emoji)
        parent = parents[i] if parents is not None else None
        earlier = earlier_parents[i] if earlier_parents is not None else None
        if parent is not None and 0 <= parent < i:
            _inherit(acc, verdicts[parent], text)
        elif parent is None and earlier is not None:
            _inherit(acc, earlier, text)
        _map_back(acc, norms[i])
        verdicts.append(_verdict(acc, policy))
    return verdicts
