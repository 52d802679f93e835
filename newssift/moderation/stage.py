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

from newssift.moderation import lexicon as lx
from newssift.moderation.encoder import encoder_scores, get_moderation_encoder
from newssift.moderation.model import ModerationModel, get_model
from newssift.moderation.normalise import Normalised, normalise
from newssift.moderation.policy import Policy, load_policy
from newssift.moderation.screen import Screened

LABELS = ("hate", "violence", "conspiracy", "harassment", "profanity", "spam")
_MIN_REPORTED = 0.3
# someone else's words: a slur or trope mentioned, or a threat reported, is scored at most this (at violence
# review and below hate review in the default policy; policy-default.yaml says so)
_MENTION = 0.45
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
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
    spans = [m.span() for m in _SENTENCE.finditer(text)]
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


def _judge_one(
    text: str,
    probs: dict[str, float],
    masked: dict[str, float] | None,
    model: ModerationModel,
    enc: dict[str, float] | None = None,
) -> dict[str, _Acc]:
    """The evidence for each label. ``probs`` are the linear heads' scores (``masked``: of the text with its group
    names replaced); ``enc``, where given, the encoder's calibrated scores, which replace the heads' for the labels
    the encoder has (see newssift/moderation/encoder.py)."""
    text = text.translate(_PLAIN_QUOTES)
    acc = {label: _Acc() for label in LABELS}
    scan = lx.SCREEN(text)  # whole-text searches below go through it: it skips patterns that cannot match
    groups = _groups(scan)
    counter = scan.search(lx.COUNTER_SPEECH) is not None
    group_name = groups[0][0] if groups else None

    # --- hate: tropes and slurs (rules), then the heads
    jewish_term = scan.search(lx.JEWISH_TERM) is not None
    mentioned = False  # a slur or trope named as someone else's words (lx.MENTIONED)
    for rx, reason in scan.among(lx.ANTISEMITIC_TROPES):
        if reason in lx.NEEDS_JEWISH_TERM and not jewish_term:
            continue
        for m in rx.finditer(text):
            # the denial and Hitler patterns contain their own negation ("never happened", "didn't go far
            # enough") and denial its own "is a lie": look before them for negation, and outside denial for
            # counter-speech
            start = _sentence_of(text, m.start())[0]
            denial = reason == lx.HOLOCAUST_DENIAL
            end = m.start() if reason in lx.REPORTABLE else m.end()
            outside = (c for c in lx.COUNTER_SPEECH.finditer(text) if c.end() <= m.start() or c.start() >= m.end())
            rejected = counter and (not denial or next(outside, None) is not None)
            # denial and praise of Hitler are also reported ("23% said they believed the Holocaust was a myth"); a
            # reporting verb before them in the sentence makes them someone else's words (quotation marks do not:
            # they are as often scare quotes)
            reported = reason in lx.REPORTABLE and lx.REPORTING_VERB.search(text, start, m.start()) is not None
            if rejected or reported or _negated(text, start, end):
                continue
            if reason == lx.ROTHSCHILD and lx.proper_name(text, m.start()):
                continue  # a member of the family named ("David Rothschild said"), not the trope
            if _mentioned(text, start, m.start()):
                # named as what someone says or calls others ("accused Jews of dual loyalty", "called her a
                # zionazi"): a moderator should see it; it is not the commenter's own claim
                acc["hate"].offer(_MENTION, [(m.start(), m.end())], f"mentioned: {reason}", "Jewish people")
                mentioned = True
                continue
            acc["hate"].offer(0.92, [(m.start(), m.end())], reason, "Jewish people")
    for name, g_start, g_end in groups:
        d = lx.DEROGATION.match(text, g_end)
        if d is None or counter or not lx.CLAUSE_SUBJECT.search(text[max(0, g_start - 20) : g_start]):
            continue  # the group must be what the clause is about, not an object ("people who hid Jews were ...")
        # a negation in the sentence rejects it ("... are greedy, because they are not"), except inside the term
        # ("not human") and in a relative clause that goes on to say more ("savages who will never ...")
        s_start, s_end = _sentence_of(text, g_start)
        rel = _RELATIVE.search(text, d.end("term"), max(s_end, d.end()))
        tail_end = rel.start() if rel else max(s_end, d.end())
        if _negated(text, s_start, d.start("term")) or _negated(text, d.end("term"), tail_end):
            continue
        if lx.REPORTED_SPEECH.search(text, s_start, g_start):
            continue  # reported or quoted words of someone else ("the imam preaches 'Jews are ...'")
        why = f"derogatory generalisation about {name}: '{d.group('term')}'"
        acc["hate"].offer(0.85, [(g_start, g_end), (d.start("term"), d.end("term"))], why, name)
    longest = max((e - s for _g, s, e in groups), default=0)
    for m in scan.finditer(lx.SLURS):
        if counter or lx.proper_name(text, m.start()):
            continue  # counter-speech, or a name ("Senator Coons", "the island of Lesbos")
        target = _group_at(groups, m.start(), longest) or group_name
        if _mentioned(text, _sentence_of(text, m.start())[0], m.start()):
            # "calling them kikes", "sacked for saying 'clear the kikes'": the slur is mentioned, not used
            acc["hate"].offer(_MENTION, [(m.start(), m.end())], f"mentioned slur: '{m.group(0)}'", target)
            mentioned = True
            continue
        acc["hate"].offer(0.88, [(m.start(), m.end())], f"slur: '{m.group(0)}'", target)
    if enc is not None:
        _encoder_hate(acc["hate"], text, enc, groups, scan, model, mentioned)
    else:
        _heads_hate(acc["hate"], text, probs, masked, model, groups, scan, mentioned)

    # --- violence
    idiom = scan.search(lx.VIOLENCE_IDIOMS) is not None
    for rx, reason, score in scan.among(lx.VIOLENCE):
        for m in rx.finditer(text):
            near = (max(0, m.start() - 10), m.end() + 10)
            if lx.VIOLENCE_IDIOMS.search(text, *near) or _negated(text, m.start(), m.end()):
                continue
            if _reported(text, m.start()):
                # someone else's threat reported ("he said, 'somebody ought to put a bullet in her'"): a human
                # should see it, but it is not the commenter's own call
                acc["violence"].offer(min(score, _MENTION), [(m.start(), m.end())], f"reported: {reason}", group_name)
                continue
            acc["violence"].offer(score, [(m.start(), m.end())], reason, group_name)
    if enc is not None:
        p_violence = enc.get("violence", 0.0)  # idioms and reports of violence were learned from data
    else:
        p_violence = probs.get("violence", 0.0) * (0.4 if idiom else 1.0)
        if scan.search(lx.REPORTED_VIOLENCE):
            p_violence *= 0.6  # a report of violence that happened ("killed twelve", "police said") is not a call
    if p_violence >= _MIN_REPORTED:
        why = "model: threatening or inciting language"
        acc["violence"].offer(p_violence, model.evidence(text, "violence"), why, group_name, model=True)

    # --- conspiracy
    for rx, reason, score in scan.among(lx.CONSPIRACY):
        for m in rx.finditer(text):
            start, end = _sentence_of(text, m.start())
            if counter or lx.CONSPIRACY_REPORTED.search(text, start, m.start()):
                continue
            if lx.NAMED_AS_MYTH.match(text, m.end()):
                continue  # "the chemtrails myth persists"
            if lx.CONSPIRACY_DENIED_BEFORE.search(text, start, m.start()) or lx.CONSPIRACY_DENIED_AFTER.match(
                text, m.end()
            ):
                continue  # "there are no lizard people", "chemtrails are not real"
            if lx.CONSPIRACY_REBUTTED.search(text, m.end(), end):
                continue  # "claims that the election was rigged ... were rejected by every court"
            if lx.NARRATIVE_DENIED.search(text, m.start(), m.end()):
                continue  # "5G masts do not spread viruses"
            acc["conspiracy"].offer(score, [(m.start(), m.end())], reason)
    p_consp = (
        enc.get("conspiracy", 0.0) if enc is not None else probs.get("conspiracy", 0.0) * (0.4 if counter else 1.0)
    )
    if p_consp >= _MIN_REPORTED:
        acc["conspiracy"].offer(p_consp, model.evidence(text, "conspiracy"), "model: conspiracy narrative", model=True)

    # --- harassment, profanity, spam
    for rx, reason, score in scan.among(lx.HARASSMENT):
        for m in rx.finditer(text):
            if _negated(text, m.start(), m.end()):
                continue
            acc["harassment"].offer(score, [(m.start(), m.end())], reason)
    p_harass = max(probs.get("harassment", 0.0), enc.get("offensive", 0.0) if enc is not None else 0.0)
    if p_harass >= _MIN_REPORTED and acc["harassment"].score > 0:
        acc["harassment"].offer(
            p_harass, model.evidence(text, "harassment"), "model: abuse aimed at a person", model=True
        )
    prof = [(m.start(), m.end()) for m in scan.finditer(lx.PROFANITY)]
    if prof:
        acc["profanity"].offer(0.9, prof, "profane words")
    urls = [(m.start(), m.end()) for m in scan.finditer(lx.URL)]
    for rx, reason, score in [*scan.among(lx.SPAM), *(scan.among(lx.SPAM_WITH_LINK) if urls else [])]:
        for m in rx.finditer(text):
            acc["spam"].offer(min(1.0, score + (0.2 if urls else 0.0)), [(m.start(), m.end()), *urls], reason)
    if len(urls) >= 3:
        acc["spam"].offer(0.65, urls, "many links")
    if enc is not None and enc.get("spam", 0.0) >= _MIN_REPORTED:
        acc["spam"].offer(enc["spam"], urls, "model: spam", model=True)
    return acc


def _heads_hate(
    a: _Acc,
    text: str,
    probs: dict[str, float],
    masked: dict[str, float] | None,
    model: ModerationModel,
    groups: list[tuple[str, int, int]],
    scan: Screened,
    mentioned: bool,
) -> None:
    """The linear heads' hate score, capped by the context rules (used when the encoder is off)."""
    counter = scan.search(lx.COUNTER_SPEECH) is not None
    group_name = groups[0][0] if groups else None
    p_hate = probs.get("hate", 0.0)
    p_anti = probs.get("antisemitism", 0.0)
    jewish = any(g == "Jewish people" for g, _s, _e in groups)
    # no group named, but Israel, the Holocaust or Hitler: the target is implied, and the antisemitism head (trained
    # on ISCA's tweets about Jews and Israel) alone may carry the score; the hate head still needs a target
    topic = not groups and scan.search(lx.JEWISH_TOPIC) is not None
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
    if counter:
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
    if model_hate >= _MIN_REPORTED:
        head = "antisemitism" if (jewish or topic) and p_anti > p_hate else "hate"
        spans = model.evidence(text, head) + [(s, e) for g, s, e in groups][:2]
        # the antisemitism head, trained to tell antisemitic posts from others about Jews, names the target when
        # it is confident, even where another group is named first
        target = "Jewish people" if head == "antisemitism" or ((jewish or topic) and p_anti >= 0.5) else group_name
        why = "model: antisemitic content" if head == "antisemitism" else "model: hateful content about a group"
        a.offer(model_hate, sorted(set(spans)), why, target, model=True)


def _encoder_hate(
    a: _Acc,
    text: str,
    enc: dict[str, float],
    groups: list[tuple[str, int, int]],
    scan: Screened,
    model: ModerationModel,
    mentioned: bool,
) -> None:
    """The encoder's hate score. No masking or "hate needs a target" rule caps it; what the encoder has not learned
    well from the data it was trained on is damped by the context the lexicon recognises: counter-speech, slurs or
    tropes only mentioned, and a group named only to identify with it ("I am Jewish"); not negation ("I don't see
    any difference between a dead rat and a dead Muslim") nor praise words ("the worst kind of ..."), which cost
    more on held-out data than they gained (the model card has the figures). Evidence: the words the hate head's
    unigram weights rank first, and the first group names."""
    jewish = any(g == "Jewish people" for g, _s, _e in groups)
    topic = not groups and scan.search(lx.JEWISH_TOPIC) is not None
    # the antisemitism head was trained on texts about Jews and Israel only: it counts where they are the topic
    p_hate, p_anti = enc.get("hate", 0.0), (enc.get("antisemitism", 0.0) if jewish or topic else 0.0)
    score = _encoder_context(max(p_hate, p_anti), a, text, groups, scan, mentioned, topic)
    if score < _MIN_REPORTED:
        return
    anti = p_anti >= 0.5
    target = "Jewish people" if anti else (groups[0][0] if groups else None)
    spans = model.evidence(text, "antisemitism" if anti else "hate") + [(s, e) for _g, s, e in groups][:2]
    why = "model: antisemitic content" if anti else "model: hateful content about a group"
    a.offer(score, sorted(set(spans)), why, target, model=True)


def _encoder_context(
    score: float,
    a: _Acc,
    text: str,
    groups: list[tuple[str, int, int]],
    scan: Screened,
    mentioned: bool,
    topic: bool,
) -> float:
    """The encoder's hate score damped by the context the lexicon reads (see _encoder_hate)."""
    if mentioned and a.score <= _MENTION:
        score = min(score, _MENTION)  # the only slurs or tropes are someone else's words
    if scan.search(lx.COUNTER_SPEECH) is not None:
        return score * 0.3
    if a.score == 0 and not topic and scan.search(lx.NEGATIVE_PREDICATE) is None:
        if scan.search(lx.SELF_IDENTIFICATION):
            return min(score, 0.25)  # "I am Jewish"
    return score


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
    norms = [normalise(t) for t in texts]
    texts = [n.text for n in norms]
    probs = model.predict(texts)
    encoder = get_moderation_encoder() if use_encoder else None
    enc = encoder_scores(texts, encoder) if encoder is not None else None
    masked = _masked_probs(texts, probs, model) if enc is None else {}
    verdicts: list[Verdict] = []
    for i, text in enumerate(texts):
        probs_i = {h: float(p[i]) for h, p in probs.items()}
        acc = _judge_one(text, probs_i, masked.get(i), model, enc[i] if enc is not None else None)
        parent = parents[i] if parents is not None else None
        earlier = earlier_parents[i] if earlier_parents is not None else None
        if parent is not None and 0 <= parent < i:
            _inherit(acc, verdicts[parent], text)
        elif parent is None and earlier is not None:
            _inherit(acc, earlier, text)
        _map_back(acc, norms[i])
        verdicts.append(_verdict(acc, policy))
    return verdicts
