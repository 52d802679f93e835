"""Who said what: attributions (speaker, cue, content, direct or not, venue) from a spaCy parse, with the
speakers resolved to one entity across the text ("Kremlin spokesman Dmitry Peskov", "Peskov", "the official",
"the Kremlin spokesman", "he" are one person).

Every token that has a would-be source in the parse (``source_of``) is scored by an attribution classifier
trained on PolNeAR; the pairs it is unsure of are rescored by a small fine-tuned transformer (``encoder.py``), and
a cue classifier marks the extent of each accepted cue (``cues.py``); the source phrase, content and venue are
read from the parse around it.

Offsets are characters of the text the paragraphs were taken from (the Document text).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from newssift.claims.cues import CueModel, get_cue_model, sentence_features, source_features
from newssift.claims.encoder import AttributionEncoder, get_encoder

# quotation marks: double ones (two apostrophes or backticks are one double mark, as in "''Today'' show"), and
# single ones that open before a word or close after one; an apostrophe inside a word is not a mark
_QUOTES = re.compile(r"''|``|[\"“”„«»]|(?<!\w)[‘’'](?=\s|\w)|(?<=[\w.,!?;:…])[’'](?!\w)")
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = re.compile(r"[‘'](?=[^\W\d])")
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_GENERIC = {
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "leader",
    "source",
    "aide",
    "envoy",
    "negotiator",
    "diplomat",
    "chancellor",
    "premier",
    "secretary",
    "adviser",
    "advisor",
}
_SPEAKER_DEPS = {"nsubj", "nsubjpass"}
# verbs whose object holds the attitude ("the remark angered some Democrats"): the object is the source
_EXPERIENCER_VERBS = {
    "anger",
    "alarm",
    "rattle",
    "unsettle",
    "horrify",
    "infuriate",
    "exasperate",
    "frustrate",
    "trouble",
    "bother",
    "irritate",
    "offend",
    "embolden",
    "upset",
    "dismay",
    "outrage",
    "enrage",
    "annoy",
    "frighten",
    "scare",
    "spook",
    "disturb",
}
_POLLS = {"poll", "survey", "study"}  # "... leads in a CNN national poll": the poll is the source
_NAME_POS = {"PROPN"}


@dataclass(slots=True)
class Entity:
    name: str
    role: str | None = None
    kind: str = "PERSON"
    mentions: list[tuple[int, int]] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)  # surname, full name, role head nouns


@dataclass(slots=True)
class Quote:
    speaker: int  # index into entities
    speaker_span: tuple[int, int]
    cue: tuple[int, int]
    content: tuple[int, int]
    direct: bool
    venue: tuple[int, int] | None = None


def _span_of(tokens: list[Any], offset: int) -> tuple[int, int]:
    return tokens[0].idx + offset, tokens[-1].idx + len(tokens[-1].text) + offset


def _noun_phrase(tok: Any) -> list[Any]:
    """The speaker phrase: the subject head with its modifiers, appositions and possessors, not relative clauses."""
    keep = {
        "compound",
        "amod",
        "det",
        "poss",
        "case",
        "appos",
        "nmod",
        "flat",
        "nummod",
        "prep",
        "pobj",
        "punct",
        "cc",
        "conj",
    }
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for child in t.children:
            if (child.dep_ in keep and child.dep_ not in ("punct",)) or (child.dep_ == "punct" and child.text in "'’"):
                if child.dep_ == "prep" and child.text.lower() not in ("of",):
                    continue
                out.append(child)
                stack.append(child)
    out.sort(key=lambda t: t.i)
    # trim leading/trailing punctuation and conjunctions
    while out and out[0].is_punct:
        out.pop(0)
    while out and (out[-1].is_punct or out[-1].dep_ == "cc"):
        out.pop()
    return out


_DASHES = {"—", "–", "--", "-", "―"}
_QUOTE_TOKENS = {'"', "“", "”", "‘", "’", "'", "''", "``", "«", "»", "„"}
_FOCUS = {"even"}


def _source_phrase(tok: Any, cue: Any, fallback: list[Any], nested: frozenset[int] = frozenset()) -> list[Any]:
    """The source's span as PolNeAR draws it: the whole phrase the source token heads, appositions and relative
    clauses included ("Schiff, 56, who has served on the committee for a decade,"), with the comma that closes an
    apposition, and "42%" whole. Not a leading "even", nor the cue itself or a clause holding it (a misparse), nor
    a dateline or other words the parse hangs before a dash ("WASHINGTON -- President Obama"), nor a time ("Trump
    on Tuesday"), nor a relative clause that holds an attribution of its own (``nested``: the token indices of the
    sentence's accepted predicates): in "Reid, who endorsed Clinton in February, said ..." the source of "said" is
    "Reid", and "who" that of "endorsed"."""
    tok = _source_token(tok, cue)
    a, b = _source_stretch(tok, _source_indices(tok, cue, nested))
    toks = _trim_source([t for t in tok.doc[a : b + 1] if not t.is_space])
    if toks:
        _add_closing_comma(toks, tok, cue)
    return toks or fallback


def _source_token(tok: Any, cue: Any) -> Any:
    """The token heading the source phrase: the source token, or the "clause" it is the subject of where the parse
    makes the source's noun phrase a ccomp of the cue (the misparse ``_misparsed_subject`` reads), but not a
    relative clause ("Sanders, who sits ..., said")."""
    if tok.dep_ == "nsubj" and tok.head.dep_ == "ccomp" and tok.head.head.i == cue.i and tok.head.i < cue.i:
        if not any(c.tag_ in ("WP", "WDT") for c in tok.head.children):
            return tok.head
    return tok


def _source_indices(tok: Any, cue: Any, nested: frozenset[int]) -> set[int]:
    """Indices of the tokens of the phrase ``tok`` heads that belong to the source: not the cue or a child's
    subtree holding it, not a relative clause with an attribution of its own, not a time ("on Tuesday")."""
    inner = {t.i for t in tok.subtree}
    if cue.i in inner:
        for child in tok.children:
            if cue in child.subtree:
                inner -= {t.i for t in child.subtree}
        inner.discard(cue.i)
    for t in tok.subtree:
        if t.i not in inner:
            continue
        if t.dep_ == "relcl" and any(u.i in nested for u in t.subtree):
            inner -= {u.i for u in t.subtree}
        elif t.dep_ == "prep" and t.head.i == tok.i and any(c.ent_type_ in ("DATE", "TIME") for c in t.children):
            inner -= {u.i for u in t.subtree}  # "Trump on Tuesday": when, not who
    return inner


def _source_stretch(tok: Any, inner: set[int]) -> tuple[int, int]:
    """First and last token index of the contiguous stretch of ``inner`` around the source token, with a
    percent sign after a number, and starting after a dash the parse hangs a dateline on."""
    a = b = tok.i
    while a - 1 in inner:
        a -= 1
    while b + 1 in inner:
        b += 1
    doc = tok.doc
    if tok.like_num and b + 1 < len(doc) and doc[b + 1].text in ("%", "percent"):
        b += 1  # "42%": the parse may make the number the subject and hang the sign on the verb
    dash = max((t.i for t in doc[a : tok.i] if t.text in _DASHES and t.whitespace_), default=None)
    if dash is not None:
        a = dash + 1
    return a, b


def _trim_source(toks: list[Any]) -> list[Any]:
    """A source phrase without punctuation or a focus particle at its ends, nor a lone quotation mark there."""
    while toks and ((toks[0].is_punct and toks[0].text not in "(\"“‘'") or toks[0].lower_ in _FOCUS):
        toks = toks[1:]  # "even some of his admirers": a focus particle is not part of the source
    while toks and ((toks[-1].is_punct and toks[-1].text not in ")\"”’'") or toks[-1].dep_ == "cc"):
        toks = toks[:-1]
    # a quotation mark at either end stays only when the phrase holds its pair ("“Meet the Press” host Chuck
    # Todd"); alone, it belongs to a quotation beside the source
    marks = [t for t in toks if t.text in _QUOTE_TOKENS]
    if len(marks) == 1 and marks[0] in (toks[0], toks[-1]):
        toks = [t for t in toks if t is not marks[0]]
    return toks


def _add_closing_comma(toks: list[Any], tok: Any, cue: Any) -> None:
    """Append the comma that closes an apposition in the source phrase ``toks`` (headed by ``tok``): before the
    cue, or after a source that follows it ("said Cornell Belcher, a Democratic pollster, referring to ...")."""
    doc = tok.doc
    after = toks[-1].i + 1
    if (
        after < len(doc)
        and doc[after].text == ","
        and (after < cue.i or cue.i < tok.i)
        and any(t.text == "," for t in toks)
    ):
        toks.append(doc[after])


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Quoted stretches (between paired quotation marks) in text[start:end], marks included. Double marks pair
    with double marks; a single mark opens only where no double quotation is open and before a word, and a
    single closing mark with nothing open is an apostrophe ("the Rogans' turn"). Nested quotations are inside
    the outer one's span; a quotation left open at the end is not a span."""
    spans: list[tuple[int, int]] = []
    double: int | None = None  # where the open double quotation starts
    single: int | None = None
    for m in _QUOTES.finditer(text, start, end):
        a, mark = m.start(), m.group()
        if mark[0] in '"“”„«»`' or mark == "''":
            if double is None:
                if mark not in _DOUBLE_CLOSE:
                    double, single = a, None
            elif a > double + 1:
                spans.append((double, m.end()))
                double = None
        elif double is None:
            if single is None:
                if _SINGLE_OPEN.match(text, a):  # _QUOTES matched it after a non-word character
                    single = a
            elif a > single + 1 and not _SINGLE_OPEN.match(text, a):
                spans.append((single, m.end()))
                single = None
    return spans


def _content_from_clause(verb: Any, offset: int, speaker: Any = None) -> tuple[int, int] | None:
    """The reported clause of a cue verb (not one that holds the speaker: a misparse, ``_misparsed_subject``)."""
    lemma = verb.lemma_.lower()
    if lemma in ("call", "describe", "accuse", "blame", "charge"):
        # "called this another sign ...", "accused Kiev of bringing the process to a deadlock"
        parts = [
            c
            for c in verb.children
            if c.dep_ in ("dobj", "oprd") or (c.dep_ == "prep" and c.lower_ in ("of", "for", "as"))
        ]
        if parts:
            toks = sorted((t for c in parts for t in c.subtree), key=lambda t: t.i)
            return _span_of(toks, offset)
        return None
    for child in verb.children:
        if speaker is not None and child.left_edge.i <= speaker.i <= child.right_edge.i:
            continue
        if child.dep_ == "ccomp" and child.i != verb.i and child.pos_ in ("VERB", "AUX"):
            toks = sorted(child.subtree, key=lambda t: t.i)
            while toks and toks[0].lower_ == "that":
                toks = toks[1:]
            toks = _trim_punct(toks)
            if toks:
                return _span_of(toks, offset)
    return None


_VENUE_WORDS = {
    "interview",
    "statement",
    "tv",
    "show",
    "broadcast",
    "telegram",
    "twitter",
    "podcast",
    "channel",
    "press",
}
_MEDIA = _VENUE_WORDS | {
    "newspaper",
    "radio",
    "program",
    "programme",
    "station",
    "magazine",
    "agency",
    "outlet",
    "television",
    "broadcaster",
    "paper",
    "daily",
    "network",
    "website",
    "blog",
}
_TITLE_TAIL = re.compile(r"[^’'\"”]{0,80}[’'\"”](?:\s+on\s+[^.,;:\n]{1,60})?")


def _extend_venue(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A venue cut inside a quoted title (spaCy splits "‘Moscow. Kremlin. Putin.’" into sentences): extend it
    to the closing mark and the "on ... channel" that follows."""
    a, b = span
    piece = text[a:b]
    opens = sum(piece.count(c) for c in '‘“"')
    closes = sum(piece.count(c) for c in "’”")
    if opens > closes:
        m = _TITLE_TAIL.match(text, b)
        if m:
            return a, m.end()
    return a, b


def _venue(verb: Any, offset: int) -> tuple[int, int] | None:
    """'told the TV show X on Y channel', 'said in an interview with Z', 'wrote on Telegram'."""
    if verb.lemma_ == "tell":
        objs = [c for c in verb.children if c.dep_ in ("dobj", "dative", "obj")]
        # "told the TV show ...", "told Reuters": a medium is a venue; "told reporters" names an audience
        objs = [o for o in objs if any(t.lower_ in _MEDIA or t.ent_type_ in ("ORG", "WORK_OF_ART") for t in o.subtree)]
        if objs:
            toks = sorted(objs[0].subtree, key=lambda t: t.i)
            preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "in") and c.i > objs[0].i]
            for p in preps:
                toks += sorted(p.subtree, key=lambda t: t.i)
            toks.sort(key=lambda t: t.i)
            return _span_of(toks, offset)
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "on") and any(g.lower_ in _VENUE_WORDS for g in c.subtree):
            return _span_of(sorted(c.subtree, key=lambda t: t.i), offset)
    return None


def _written(text: str, off: int, first: Any, last: Any | None = None) -> str:
    """The text from token ``first`` to ``last`` (or ``first`` alone) as the page writes it: a headline is parsed
    in sentence case (``nlp.parse_pieces``), so a token's own text may differ in case. ``off`` is where the
    tokens' Doc starts in ``text``."""
    end = last if last is not None else first
    return text[off + first.idx : off + end.idx + len(end.text)]


def _joined(text: str, off: int, tokens: list[Any]) -> str:
    """Tokens' text as the page writes it, a space only where the page has whitespace ("city's", not "city 's")."""
    return "".join(_written(text, off, t) + (" " if t.whitespace_ else "") for t in tokens).strip()


def _role(phrase: list[Any], name_start: Any, text: str, off: int) -> str | None:
    """The words before a person's name in the speaker phrase ("Kremlin spokesman" Dmitry Peskov), as written."""
    before = [t for t in phrase if t.i < name_start.i and not (t.dep_ == "det" and t.i == phrase[0].i)]
    while before and before[-1].is_punct:
        before.pop()
    if not before:
        return None
    return _written(text, off, before[0], before[-1])


class SpeakerIndex:
    """Entities mentioned as speakers, and the resolution of later mentions to them."""

    def __init__(self) -> None:
        self.entities: list[Entity] = []
        self.last: int | None = None  # the most recent speaker (salience for "he", "the official")

    def _find(self, key: str) -> int | None:
        for i, e in enumerate(self.entities):
            if key in e.keys:
                return i
        return None

    def resolve(self, phrase: list[Any], text_of: str, off: int, span: tuple[int, int], people: list[Any]) -> int:
        """Entity index for a speaker phrase (tokens of a Doc that starts at ``off`` in ``text_of``), creating the
        entity when new; names and roles as the text writes them."""
        names = [t for t in phrase if t.pos_ in _NAME_POS and t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "")]
        person = [t for t in names if t.ent_type_ == "PERSON"]
        lower = [t.lower_ for t in phrase]
        if person:
            idx = self._person(phrase, person, text_of, off, people)
        elif len(phrase) == 1 and lower[0] in _PRONOUNS and self.last is not None:
            idx = self.last
        else:
            idx = self._description(phrase, lower, text_of, off, span)
        self.entities[idx].mentions.append(span)
        if self.entities[idx].kind == "PERSON":
            self.last = idx
        return idx

    def _person(self, phrase: list[Any], person: list[Any], text_of: str, off: int, people: list[Any]) -> int:
        """A speaker named as a person (``person``: the name's tokens): the entity known by that full name or
        surname, its role filled in when still unknown, else a new entity under the longest form of the name."""
        full = _joined(text_of, off, person)
        surname = person[-1].lower_
        idx = self._find(full.lower())
        if idx is None:
            idx = self._find(surname)
        if idx is None:
            for ent in people:  # a longer form named earlier ("Dmitry Peskov" for "Peskov")
                if ent.text.split()[-1].lower() == surname and len(ent.text) > len(full):
                    full = ent.text
                    break
            role = _role(phrase, person[0], text_of, off)
            self.entities.append(Entity(full, role, "PERSON", [], {full.lower(), surname}))
            idx = len(self.entities) - 1
            if role:
                _add_role(self.entities[idx], role)
        elif self.entities[idx].role is None:
            role = _role(phrase, person[0], text_of, off)
            if role:
                _add_role(self.entities[idx], role)
        return idx

    def _description(self, phrase: list[Any], lower: list[str], text_of: str, off: int, span: tuple[int, int]) -> int:
        """A speaker not named as a person: for a generic role ("the Kremlin spokesman", "the official") the
        entity it refers to; else the entity under the phrase's own words (an organisation, "the poll"), new or
        met before."""
        head_word = _head_word(phrase)
        idx = None
        if head_word in _GENERIC or any(w in _GENERIC for w in lower):
            idx = self._generic_referent(head_word)
        if idx is None:
            words = [t for t in phrase if not (t.dep_ == "det" and t.i == phrase[0].i)]
            name = _joined(text_of, off, words) or text_of[span[0] : span[1]]
            kind = next((t.ent_type_ for t in phrase if t.ent_type_), "NOUN")
            idx = self._find(name.lower())
            if idx is None:
                self.entities.append(Entity(name, None, kind, [], {name.lower()}))
                idx = len(self.entities) - 1
        return idx

    def _generic_referent(self, head_word: str) -> int | None:
        """The entity a generic role refers to: the last speaker if its role shares the head noun, else the first
        entity whose role does (for "official", any entity with a role); else, for "official", the last speaker."""
        for i in ([self.last] if self.last is not None else []) + list(range(len(self.entities))):
            ent = self.entities[i]
            if ent.role and (head_word in ent.keys or head_word == "official"):
                return i
        if head_word == "official" and self.last is not None:
            return self.last
        return None


def _add_role(ent: Entity, role: str) -> None:
    """Give a person entity its role; the role and its head noun become keys ("spokesman" finds Peskov)."""
    ent.role = role
    ent.keys |= {role.lower(), role.split()[-1].lower()}


def _head_word(phrase: list[Any]) -> str:
    """The head noun of a phrase, lower case ("spokesman" in "the Russian president's spokesman")."""
    head = phrase[-1] if phrase else None
    for t in phrase:
        if t.dep_ in ("nsubj", "nsubjpass", "pobj") or t.head not in phrase:
            head = t
    return head.lower_ if head is not None else ""


_COMPLEMENTS = {"dobj", "xcomp", "ccomp", "prep", "attr", "oprd", "advcl", "dative", "acomp", "npadvmod"}


def _content_fallback(cue: Any, speaker: Any, sent: Any, offset: int) -> tuple[int, int] | None:
    """Content of a cue with no reported clause: its complements ("called for an investigation", "asked about
    the emails"), or, for a cue set in parenthesis ("..., he said, ..."), the rest of the sentence."""
    parts = [
        c
        for c in cue.children
        if c.dep_ in _COMPLEMENTS and c.i > cue.i and c.i != speaker.i and speaker not in c.subtree
    ]
    if parts:
        toks = sorted((t for c in parts for t in c.subtree), key=lambda t: t.i)
    elif cue.dep_ == "parataxis":
        toks = [t for t in sent if t not in cue.subtree]
    else:
        # "The Post has learned [the rest of the sentence]": what is left once the source and the cue are taken out
        toks = [t for t in sent if t.i != cue.i and t not in speaker.subtree and t.dep_ not in ("aux", "neg")]
    toks = _trim_punct(toks)
    return _span_of(toks, offset) if toks else None


def _trim_punct(toks: list[Any]) -> list[Any]:
    """Tokens without surrounding spaces and punctuation, quotation marks kept."""
    toks = [t for t in toks if not t.is_space]
    while toks and toks[0].is_punct and toks[0].text not in "“\"‘'":
        toks = toks[1:]
    while toks and toks[-1].is_punct and toks[-1].text not in "”\"’'":
        toks = toks[:-1]
    return toks


@dataclass(slots=True)
class _Sentence:
    """A parsed sentence with its attribution candidates and their probabilities (``_score``)."""

    sent: Any
    off: int
    qspans: list[tuple[int, int]]
    toks: list[Any]
    feats: list[list[str]]
    cands: list[tuple[Any, Any, list[str]]]
    probs: list[float] = field(default_factory=list)
    accept: list[bool] = field(default_factory=list)


def _score(sentences: list[_Sentence], text: str, model: CueModel, encoder: AttributionEncoder | None) -> None:
    """Each candidate's probability of being an attribution and whether it is accepted: the attribution
    classifier's, or where the classifier is unsure the encoder's (``encoder.py``), each at its own threshold."""
    rows: list[tuple[int, tuple[int, int], tuple[int, int], float]] = []
    probs = iter(model.attribution_proba([c[2] for s in sentences for c in s.cands]).tolist())
    for i, s in enumerate(sentences):
        s.probs = [next(probs) for _c in s.cands]
        s.accept = [p >= model.attribution_threshold for p in s.probs]
        a = s.sent.start_char
        for (t, src, _f), p in zip(s.cands, s.probs, strict=True):
            rows.append((i, (t.idx - a, t.idx - a + len(t.text)), (src.idx - a, src.idx - a + len(src.text)), p))
    if encoder is None or not rows:
        return
    texts = [text[s.off + s.sent.start_char : s.off + s.sent.end_char] for s in sentences]
    rescored = iter(encoder.rescore(texts, rows))
    for s in sentences:
        for j in range(len(s.probs)):
            q = next(rescored)
            if q is not None:
                s.probs[j], s.accept[j] = q, q >= encoder.threshold


def _attributions(s: _Sentence, model: CueModel) -> list[tuple[Any, list[Any], Any]]:
    """The attributions of a sentence as (predicate, cue tokens, source head): every candidate (``source_of``)
    that ``_score`` accepts; its cue is the run of adjacent tokens the cue
    classifier marks around it ("has said", "according to"), or the token alone."""
    if not any(s.accept):
        return []
    marked = {t.i for t, p in zip(s.toks, model.proba(s.feats), strict=True) if p >= model.threshold and not t.is_punct}
    out: dict[tuple[int, int], tuple[float, Any, list[Any], Any]] = {}
    for (t, src, _f), p, ok in zip(s.cands, s.probs, s.accept, strict=True):
        if not ok:
            continue
        a = b = t.i
        if t.i in marked:
            while a - 1 in marked:
                a -= 1
            while b + 1 in marked:
                b += 1
        if t.lower_ == "according":
            b = max(b, t.i + 1)
        key = (a, b)  # two predicates in one cue run: the likelier one
        if key not in out or p > out[key][0]:
            out[key] = (float(p), t, [u for u in t.doc[a : b + 1] if not u.is_punct], src)
    return [(t, cue, src) for _p, t, cue, src in sorted(out.values(), key=lambda x: x[1].i)]


def sentence_quotes(paragraph_quotes: list[tuple[int, int]], sent: Any, off: int) -> list[tuple[int, int]]:
    """The quotations of a paragraph that overlap one of its sentences (a quotation may span sentences). The
    quotations ``_quote_spans`` finds do not overlap and come in text order, so those are a run found by binary
    search (a scan of the paragraph's quotations for every sentence was quadratic in a long paragraph)."""
    start, end = sent.start_char + off, sent.end_char + off
    return paragraph_quotes[slice(*overlapping(paragraph_quotes, start, end))]


def overlapping(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The index range of the ``spans`` that overlap [start, end), found by binary search: the spans must not
    overlap one another and come in text order (quotations, sentences). An empty [start, start) range gives the
    spans that hold ``start`` strictly inside."""
    return bisect_right(spans, start, key=lambda q: q[1]), bisect_left(spans, end, key=lambda q: q[0])


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` lies in one of ``spans`` (not overlapping, in text order: quotations)."""
    lo, hi = overlapping(spans, pos, pos + 1)
    return lo < hi


def pair_candidates(
    toks: list[Any], feats: list[list[str]], paragraph_quotes: list[tuple[int, int]], off: int
) -> list[tuple[Any, Any, list[str]]]:
    """(predicate, source head, pair features) for every token of a sentence that has a would-be source, the
    rows the attribution classifier scores here and is trained on (``train/attribution.py``)."""
    out = []
    for t, f in zip(toks, feats, strict=True):
        src = source_of(t, paragraph_quotes, off)
        if src is not None:
            out.append((t, src, f + source_features(t, src)))
    return out


def source_of(tok: Any, qspans: list[tuple[int, int]], off: int) -> Any | None:
    """The would-be source head of a token for the attribution classifier (``_speaker_of``), or None. ``qspans``
    are the quotations of the token's paragraph (a quotation may run over several sentences). A subject
    inside a quotation that the token stands outside of is the quotation's own word, not the speaker: in
    "“Full panic mode,” said Leslie Wimes" the parse may make "mode" the subject; the name after the verb is taken
    instead, or no source."""
    if tok.is_punct or (tok.lower_ == "to" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "according"):
        return None  # "according to" is scored once, at "according"

    def quoted(t: Any) -> bool:
        return _inside(qspans, t.idx + off)

    if tok.lower_ == "in" and tok.dep_ == "prep":
        src = next((c for c in tok.children if c.dep_ == "pobj" and c.lemma_.lower() in _POLLS), None)
    else:
        src = _speaker_of(tok)
        if tok.pos_ == "VERB" and tok.lemma_.lower() in _EXPERIENCER_VERBS:
            src = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN", "PRON")), src)
    if src is not None:
        src = _past_dateline(src, tok)
    if src is not None and quoted(src) and not quoted(tok):
        # another subject outside the quotation ("“..., nothing you can do folks,” Trump said"), else a name after
        # the verb
        subjects = [c for c in tok.children if c.dep_ in _SPEAKER_DEPS and not quoted(c)]
        src = (
            subjects[-1]
            if subjects
            else next(
                (
                    c
                    for c in tok.children
                    if c.i > tok.i
                    and c.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "dative", "appos")
                    and c.pos_ in ("PROPN", "NOUN", "PRON")
                    and not quoted(c)
                ),
                None,
            )
        )
    if src is None and tok.tag_ in ("VBD", "VBZ", "VBP") and tok.dep_ in ("ROOT", "ccomp", "parataxis"):
        src = _misparsed_subject(tok, quoted)
    return src


def _misparsed_subject(verb: Any, quoted: Callable[[Any], bool]) -> Any | None:
    """The subject of a finite verb the parse left without one: the subject of a clause before the verb that the
    parse hangs on it ("Jeffrey Salkin, a Hollywood, Fla., rabbi helping ..., said": "Salkin" is the subject of
    "rabbi"), or a name just before it that the parse made an apposition ("..., former president Bill Clinton
    said")."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in verb.children):
        return None
    for c in verb.children:
        if c.dep_ == "ccomp" and c.i < verb.i:
            subj = next((s for s in c.children if s.dep_ == "nsubj" and s.i < c.i), None)
            if subj is not None and subj.pos_ in ("PROPN", "NOUN") and not quoted(subj):
                return subj
    prev = verb.doc[verb.i - 1] if verb.i > verb.sent.start else None
    if prev is not None and prev.pos_ == "PROPN" and prev.dep_ in ("appos", "conj") and not quoted(prev):
        return prev
    return None


def _dateline_end(sent: Any) -> int | None:
    """Index of the first token after a dateline that opens the sentence ("WASHINGTON (AP) —", "DES MOINES,
    Iowa —", "Washington (AFP) –"): capitalised words, with one in capitals, up to a spaced dash."""
    for t in sent[:10]:
        if t.text in _DASHES and t.whitespace_ and t.i > sent.start:
            words = [w for w in sent.doc[sent.start : t.i] if w.is_alpha]
            if words and all(w.text[0].isupper() for w in words) and any(w.is_upper for w in words):
                return t.i + 1
            return None
    return None


def _past_dateline(src: Any, pred: Any) -> Any | None:
    """A would-be source inside a dateline (the parse makes "WASHINGTON" the subject of "WASHINGTON (AP) —
    President Obama said"): the head of the noun phrase after the dash instead, or no source."""
    end = _dateline_end(pred.sent)
    if end is None or src.i >= end or pred.i < end:
        return src
    return next(
        (
            t
            for t in pred.doc[end : pred.i]
            if t.pos_ in ("PROPN", "NOUN", "PRON") and (t.head.i < end or t.head.i == pred.i or t.head.i == t.i)
        ),
        None,
    )


def _speaker_of(head: Any) -> Any | None:
    """The token heading the source of a cue: the subject of a cue verb (or of the clause a participle, a
    conjoined verb or a gerund after a preposition hangs on), a passive's agent, the noun a participle set off by
    a comma describes, the object of "according to", the possessor or agent of a cue noun."""
    if head.lower_ == "according" and head.i + 1 < len(head.doc) and head.doc[head.i + 1].lower_ == "to":
        return next((c for c in head.doc[head.i + 1].children if c.dep_ == "pobj"), None)
    subj = _subject(head)
    if subj is not None:
        return subj
    if head.pos_ in ("VERB", "AUX"):
        return _verb_speaker(head)
    if head.pos_ in ("NOUN", "PROPN"):
        return _noun_speaker(head)
    return None


def _subject(head: Any) -> Any | None:
    """The cue's own subject, or for a passive the agent ("the proposals have been applauded by Wall Street
    critics": the critics) when it has one."""
    subj = [c for c in head.children if c.dep_ in _SPEAKER_DEPS]
    if subj and subj[0].dep_ == "nsubjpass":
        agent = next((c for c in head.children if c.dep_ == "agent"), None)
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
        if pobj is not None:
            return pobj
    if subj:
        return subj[0]
    return None


def _verb_speaker(head: Any) -> Any | None:
    """The source of a cue verb without a subject: the noun a participle set off by a comma describes, else the
    subject of the clause it hangs on."""
    if (
        head.dep_ == "acl"
        and head.tag_ == "VBG"
        and head.head.pos_ in ("NOUN", "PROPN", "PRON")
        and head.i > 0
        and head.doc[head.i - 1].text == ","
    ):
        # "Sanders, suggesting that ...": the noun a participle set off by a comma describes ("another sign
        # suggesting that ..." restricts its noun instead)
        return head.head
    return _governor_subject(head)


def _governor_subject(head: Any) -> Any | None:
    """The subject of the clause a subjectless cue verb hangs on, up to three steps up the parse: through a
    preposition it is the object of, or an adverbial clause, open complement or conjunct."""
    gov = head
    for _ in range(3):
        if gov.dep_ == "pcomp" and gov.head.dep_ == "prep" and gov.head.head.i != gov.head.i:
            gov = gov.head.head  # "opened his speech by remembering ...", "before sketching out ..."
        elif gov.dep_ in ("advcl", "xcomp", "conj") and gov.head.i != gov.i:
            # "..., saying that ...", "refused to say", "said A and added B", "went on to say": the subject of
            # the clause the cue hangs on
            gov = gov.head
        else:
            break
        gov_subj = next((c for c in gov.children if c.dep_ in _SPEAKER_DEPS), None)
        if gov_subj is not None:
            reporter = _reporter(head, gov)
            return reporter if reporter is not None else gov_subj
    return None


def _reporter(head: Any, gov: Any) -> Any | None:
    """Where the parse hangs a cue on a reported clause ("Carson said he plans ..., insisting that ...", "Ms. Khan
    said Mr. Trump was ignorant and criticized him"), the cue's speaker is the reporting verb's subject."""
    if head.dep_ in ("advcl", "conj") and gov.dep_ == "ccomp" and gov.head.i != gov.i:
        return next((c for c in gov.head.children if c.dep_ == "nsubj"), None)
    return None


def _noun_speaker(head: Any) -> Any | None:
    """The source of a cue noun: its possessor ("Trump's statement"), the object of "by" or "from" after it ("a
    statement by the campaign"), or the subject of the verb it is the object of ("the campaign issued a
    statement")."""
    poss = next((c for c in head.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "from"):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    if head.dep_ in ("dobj", "pobj", "attr"):
        gov = head.head if head.dep_ != "pobj" else head.head.head
        return next((c for c in gov.children if c.dep_ in _SPEAKER_DEPS), None)
    return None


_NOT_SPEAKERS = {
    "note",
    "update",
    "updated",
    "editor",
    "editor's",
    "editor’s",
    "related",
    "watch",
    "video",
    "photo",
    "photos",
    "read",
    "see",
    "also",
    "correction",
    "disclosure",
    "listen",
    "subscribe",
    "follow",
    "share",
    "advertisement",
    "image",
    "caption",
    "credit",
    "file",
    "more",
    "tags",
    "topics",
    # headline kickers ("EXCLUSIVE: ...", "BOOM: Trump just ...")
    "breaking",
    "exclusive",
    "byline",
    "look",
    "boom",
    "opinion",
    "analysis",
    "editorial",
    "live",
    "just",
    "in",
    "busted",
    "bombshell",
    # contact and form fields ("Twitter: @Milbank.", "EMAIL: ...", "Name: ... Age: ...")
    "twitter",
    "email",
    "e-mail",
    "name",
    "age",
}


def _speaker_label(doc: Any, text: str, off: int) -> tuple[list[Any], Any] | None:
    """A paragraph that opens with a speaker's label and a colon ("WALLACE: Let's start ...", "Q: ...",
    "Bernie Sanders: ..."): the label's tokens and the colon. Capitals are read from ``text`` (the paragraph
    starts at ``off``), as a headline is parsed in sentence case (``nlp.parse_pieces``)."""
    colon = next((t for t in doc[:7] if t.text == ":"), None)
    if colon is None or colon.i == 0 or colon.i + 1 >= len(doc):
        return None
    label = [t for t in doc[: colon.i] if not t.is_space]
    while label and label[0].is_punct:  # an opening quotation mark before "WALLACE:"
        label = label[1:]
    words = [t for t in label if not t.is_punct]
    written = [_written(text, off, t) for t in words]
    if not words or not all(w[0].isupper() for w in written) or any(t.lower_ in _NOT_SPEAKERS for t in words):
        return None
    if not any(t.pos_ in ("PROPN", "NOUN", "ADJ") or w.isupper() for t, w in zip(words, written, strict=True)):
        return None
    if words[0].pos_ == "DET" or (len(words) > 1 and any(t.pos_ in ("VERB", "AUX", "ADP") for t in words)):
        return None  # a headline's own words ("The Latest: ...", "Carly Fiorina Endorses Ted Cruz: ...")
    if not any(t.is_alpha for t in doc[colon.i + 1 :]):
        return None  # a tally ("Clinton: 547.")
    return label, colon


@dataclass(slots=True)
class _Paragraph:
    """A parsed paragraph: its Doc, where it starts in the text, and its quotations in text order
    (``_quote_spans``) with their ends, for binary search."""

    doc: Any
    off: int
    quotes: list[tuple[int, int]]
    quote_ends: list[int]


def _read_sentences(docs: list[tuple[Any, int]], text: str) -> tuple[list[_Sentence], list[_Paragraph]]:
    """Every sentence with its quotations, token features and attribution candidates (``pair_candidates``), and
    every paragraph with its quotations."""
    sentences: list[_Sentence] = []
    paragraphs: list[_Paragraph] = []
    for doc, off in docs:
        paragraph_quotes = _quote_spans(text, off, off + len(doc.text))
        paragraphs.append(_Paragraph(doc, off, paragraph_quotes, [b for _a, b in paragraph_quotes]))
        for sent in doc.sents:
            qspans = sentence_quotes(paragraph_quotes, sent, off)
            toks, feats = sentence_features(sent, qspans, off)
            cands = pair_candidates(toks, feats, paragraph_quotes, off)
            sentences.append(_Sentence(sent, off, qspans, toks, feats, cands))
    return sentences, paragraphs


def _quoted_content(
    tok: Any, speaker: Any, cue: tuple[int, int], qspans: list[tuple[int, int]], off: int
) -> tuple[tuple[int, int] | None, bool]:
    """The content of a cue from its reported clause or the sentence's quotations, and whether it is a direct
    quote; (None, False) when neither gives one."""
    content = _content_from_clause(tok, off, speaker) if tok.lower_ != "according" else None
    outside = [q for q in qspans if not (q[0] <= cue[0] < q[1])]
    if content is not None:
        # a clause that lies within one quotation is that quotation: a direct quote
        holder = next((q for q in outside if q[0] <= content[0] + 1 and content[1] <= q[1]), None)
        if holder is None:
            return content, False
        # a quote split around its cue ("“A,” she said, “B.”"): one content from A to B
        after = [q for q in outside if q[0] > cue[1]]
        if holder[1] <= cue[0] and after:
            return (holder[0], after[0][1]), True
        return holder, True
    if outside:
        # "“A,” Peskov said, “B.”" or a quote introduced by a colon: the quotations are the content
        return (min(q[0] for q in outside), max(q[1] for q in outside)), True
    return None, False


def _content_before(sent: Any, para: _Paragraph) -> tuple[tuple[int, int] | None, bool]:
    """The content of a cue that has none in its own sentence, and whether it is a direct quote: "“...,” he said."
    after a quotation that ended a sentence or more before takes the closest quotation just before this sentence;
    else a bare "he said." reports the sentence before it."""
    s_start = sent.start_char + para.off
    # the paragraph's quotations that close before the sentence (not a scan of the paragraph from its start for
    # every sentence: that was quadratic in a long paragraph)
    prior = [q for q in para.quotes[: bisect_right(para.quote_ends, s_start)] if s_start - q[1] <= 3]
    if prior:
        return prior[-1], True
    if len([t for t in sent if not t.is_punct]) <= 8 and sent.start > 0:
        prev = para.doc[sent.start - 1].sent
        return _span_of([t for t in prev if not t.is_space] or list(prev), para.off), False
    return None, False


def _according_content(tok: Any, speaker: Any, sent: Any, off: int) -> tuple[int, int] | None:
    """The content of "according to X": the words of its sentence before "according", else those after "according
    to" that are not the source's phrase nor hang on "to"."""
    rest = [t for t in sent if t.i > tok.i + 1 and t.head.i != tok.i + 1 and t not in speaker.subtree]
    before = [t for t in sent if t.i < tok.i and not t.is_punct]
    toks = _trim_punct(before or rest)
    return _span_of(toks, off) if toks else None


def _content(
    tok: Any, speaker: Any, cue: tuple[int, int], sent: Any, qspans: list[tuple[int, int]], para: _Paragraph
) -> tuple[tuple[int, int], bool] | None:
    """The content of an attribution and whether it is a direct quote: from the reported clause or the
    quotations (``_quoted_content``), else before the sentence (``_content_before``, not for "according to"),
    else the rest of the sentence (``_according_content``) or the cue's complements (``_content_fallback``);
    None when there is none."""
    according = tok.lower_ == "according"
    content, direct = _quoted_content(tok, speaker, cue, qspans, para.off)
    if content is None and not according:
        content, direct = _content_before(sent, para)
    if content is None:
        if according:
            content = _according_content(tok, speaker, sent, para.off)
        else:
            content = _content_fallback(tok, speaker, sent, para.off)
    return None if content is None else (content, direct)


class _QuoteReader:
    """The quotes of one text, read paragraph by paragraph in text order, their speakers resolved as they come
    ("he" is the last person named)."""

    def __init__(self, text: str, people: list[Any]) -> None:
        self.text = text
        self.people = people  # the PERSON entities of every paragraph: the longer forms of names
        self.index = SpeakerIndex()
        self.quotes: list[Quote] = []

    def labelled(self, para: _Paragraph) -> None:
        """A paragraph that opens with a speaker's label ("WALLACE: ..."): the rest of it is a direct quote."""
        doc, off = para.doc, para.off
        labelled = _speaker_label(doc, self.text, off)
        if labelled is None:
            return
        label, colon = labelled
        rest = _trim_punct(list(doc[colon.i + 1 :]))
        if rest:
            sp = _span_of(label, off)
            ent = self.index.resolve(label, self.text, off, sp, self.people)
            self.quotes.append(Quote(ent, sp, _span_of([colon], off), _span_of(rest, off), True))

    def sentence(self, sent: Any, scored: _Sentence, para: _Paragraph, cues: CueModel) -> None:
        """The attributions of a sentence (``_attributions``)."""
        found = _attributions(scored, cues)
        nested = frozenset(t.i for t, _c, _s in found)
        for tok, cue_toks, speaker_tok in found:
            self._attribution(tok, cue_toks, speaker_tok, sent, scored.qspans, para, nested)

    def _attribution(
        self,
        tok: Any,
        cue_toks: list[Any],
        speaker_tok: Any,
        sent: Any,
        qspans: list[tuple[int, int]],
        para: _Paragraph,
        nested: frozenset[int],
    ) -> None:
        """The quote of an accepted attribution (predicate ``tok``), unless its cue is inside a quotation, or it
        has no content or no speaker phrase."""
        off = para.off
        cue = _span_of(sorted(cue_toks, key=lambda t: t.i), off)
        if any(q[0] <= cue[0] < q[1] for q in qspans):
            return  # a cue verb inside a quotation is quoted speech, not an attribution
        read = _content(tok, speaker_tok, cue, sent, qspans, para)
        if read is None:
            return
        content, direct = read
        phrase = _noun_phrase(speaker_tok)
        if not phrase:
            return
        sp = _span_of(_source_phrase(speaker_tok, tok, phrase, nested), off)
        ent = self.index.resolve(phrase, self.text, off, sp, self.people)
        venue = _venue(tok, off)
        self.quotes.append(Quote(ent, sp, cue, content, direct, _extend_venue(self.text, venue) if venue else None))


def extract_quotes(docs: list[tuple[Any, int]], text: str, *, rescore: bool = True) -> tuple[list[Entity], list[Quote]]:
    """Attributions in parsed paragraphs (spaCy Doc, offset of the paragraph in *text*). ``rescore=False`` leaves
    the attribution classifier's decisions as they are (no encoder: what ``bench/polnear.py`` compares with)."""
    cues = get_cue_model()
    people = [ent for doc, _off in docs for ent in doc.ents if ent.label_ == "PERSON"]
    sentences, paragraphs = _read_sentences(docs, text)
    _score(sentences, text, cues, get_encoder() if rescore else None)
    reader = _QuoteReader(text, people)
    scored = iter(sentences)
    for para in paragraphs:
        reader.labelled(para)
        for sent in para.doc.sents:
            reader.sentence(sent, next(scored), para, cues)
    return reader.index.entities, reader.quotes
