"""What an encoder's text goes through before its tokenizer reads it: named in the model folder's encoder.json
(``"input"``), so that a model is always read the way it was trained.

- ``"plain"`` (a model folder without the key): the text as it is.
- ``"emoji-names-2"``: as ``"emoji-names"`` below, with its two known defects mended: only an entity that ends in
  a semicolon is decoded (a URL's "&copy=2" stays as written), and a typographic mark below U+2300 ("©", "®", "™",
  "‼", the arrows) is left as it is unless U+FE0F asks for it as an emoji: in running text these are marks, not
  pictures, and the tokenizer has most of them ("©", "®", "™", "↔"; not "‼"). Issue 37, ninth session.
- ``"emoji-names"`` (the eighth session's candidate, kept to read it as it was trained): HTML entities decoded
  ("&#128514;" is the emoji it encodes), then each emoji, a whole sequence with its skin tone, ZWJ parts or flag
  letters, replaced by its CLDR short name as words, from the ``emoji`` package: "🔪" -> " kitchen knife ",
  "🏳️‍🌈" -> " rainbow flag ". all-MiniLM-L6-v2's WordPiece vocabulary (bert-base-uncased's) has no emoji and
  reads every one as ``[UNK]``, so without this "I 💖 gay people" and "I 🔪 gay people" are one input; the names
  are words it has embeddings for. Issue 37; the decision to train with it is in docs/benchmarks.md ("emoji the
  encoder can see").

The prepared text is read by the model only: the stage's evidence spans are found on the text it gave the encoder
(by the linear heads' words and the lexicon), so they point into the comment as written; where the encoder reads
emoji by name, an emoji is a candidate for evidence as its name's words are (``emoji_spans``).
``"emoji-names"``'s known defects (the model card's "Emoji the encoder can see"): ``html.unescape`` also decodes
entity names without a semicolon ("&copy=2" in a URL), and the ``emoji`` package names ordinary marks ("®", "™").
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache
from html.entities import html5

#: the preparations a model folder can name, and what a folder that names none gets
PLAIN = "plain"
EMOJI_NAMES = "emoji-names"
EMOJI_NAMES_2 = "emoji-names-2"

#: an HTML character reference with its semicolon: decimal, hexadecimal or a name (a name is decoded only if HTML5
#: names it whole: "&copyright;" stays as written, where html.unescape would read its "&copy" prefix)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|([A-Za-z][A-Za-z0-9]{1,31}));")
#: the skin-tone modifiers U+1F3FB-U+1F3FF, and their words in an emoji's name ("... medium-dark skin tone",
#: "..., light skin tone, dark skin tone")
_SKIN_TONE = re.compile("[\U0001f3fb-\U0001f3ff]")
_TONE_WORDS = re.compile(r",?\s*\b(?:medium-light|medium-dark|light|medium|dark) skin tone\b")
#: below this code point the ``emoji`` package's single characters are typographic marks and arrows (©, ®, ™, ‼, ⁉,
#: ℹ, ↔ ...), emoji only when U+FE0F follows them
_MARKS_BELOW = 0x2300


def plain(text: str) -> str:
    return text


def _name(_chars: str, data: dict[str, str]) -> str:
    name = str(data.get("en", "")).strip(":").replace("_", " ")
    return f" {name} "


def emoji_names(text: str) -> str:
    """*text* with HTML entities decoded and every emoji replaced by its name in words (see the module)."""
    if "&" in text:
        text = html.unescape(text)
    if text.isascii():
        return text
    import emoji

    return str(emoji.replace_emoji(text, replace=_name))


def _is_mark(chars: str) -> bool:
    """A typographic mark or arrow the ``emoji`` package also lists (©, ®, ™ ...): text, not a picture."""
    return len(chars) == 1 and ord(chars) < _MARKS_BELOW


def _name_2(chars: str, data: dict[str, str]) -> str:
    return chars if _is_mark(chars) else _name(chars, data)


def _reference(m: re.Match[str]) -> str:
    name = m.group(1)
    if name is None:
        return html.unescape(m.group(0))  # numeric: html.unescape also reads an invalid code point as U+FFFD
    return html5.get(f"{name};", m.group(0))


def emoji_names_2(text: str) -> str:
    """*text* with its HTML character references (with their semicolons) decoded and every emoji but a typographic
    mark replaced by its name in words (see the module)."""
    if "&" in text:
        text = _ENTITY.sub(_reference, text)
    if text.isascii():
        return text
    import emoji

    return str(emoji.replace_emoji(text, replace=_name_2))


@lru_cache(maxsize=64)
def emoji_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """Each emoji of *text* that ``emoji-names-2`` names, as (start, end, its name in words without a skin tone):
    where the stage's evidence can point when its encoder reads emoji by name, weighed by the words of its name. The
    skin tone is left out of the name (a modifier alone is no span): it says nothing about what the emoji means, and
    its words ("dark") would weigh as if they did. An emoji written as an HTML entity is not found here (the span
    would be the entity's characters). Cached: the stage asks once per label of a comment."""
    if text.isascii():
        return ()
    import emoji

    spans = []
    for found in emoji.emoji_list(text):
        chars = str(found["emoji"])
        if not _SKIN_TONE.sub("", chars) or _is_mark(chars):
            continue  # a skin-tone modifier alone, or a mark
        name = _TONE_WORDS.sub("", _name(chars, emoji.EMOJI_DATA.get(chars, {}))).strip(" ,:")
        if name:
            spans.append((int(found["match_start"]), int(found["match_end"]), name))
    return tuple(spans)


PREPARATIONS: dict[str, Callable[[str], str]] = {
    PLAIN: plain,
    EMOJI_NAMES: emoji_names,
    EMOJI_NAMES_2: emoji_names_2,
}


#: what each preparation does, in a sentence for a model card (train/moderation_encoder.py)
DESCRIPTIONS: dict[str, str] = {
    PLAIN: "the text as it is",
    EMOJI_NAMES: "HTML entities decoded (html.unescape) and each emoji replaced by its CLDR name in words",
    EMOJI_NAMES_2: "HTML character references with their semicolon decoded (a name only when HTML5 names it whole), "
    "each emoji replaced by its CLDR name in words, typographic marks below U+2300 (©, ®, ™, arrows) left as they are",
}


def preparation(name: str | None) -> Callable[[str], str]:
    """The preparation a model folder names (None: ``plain``); an unknown name is an error, not a silent plain."""
    from newssift.errors import NewssiftError

    key = name or PLAIN
    if key not in PREPARATIONS:
        raise NewssiftError(f"encoder input preparation {key!r} is unknown (known: {', '.join(PREPARATIONS)})")
    return PREPARATIONS[key]
