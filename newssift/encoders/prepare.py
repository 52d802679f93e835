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

#: the preparations a model folder can name, and what a folder that names none gets
PLAIN = "plain"
EMOJI_NAMES = "emoji-names"
EMOJI_NAMES_2 = "emoji-names-2"

#: an HTML character reference with its semicolon: decimal, hexadecimal or a name (html.unescape decides whether the
#: name is one; an unknown name stays as written)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
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


def _name_2(chars: str, data: dict[str, str]) -> str:
    if len(chars) == 1 and ord(chars) < _MARKS_BELOW:
        return chars
    return _name(chars, data)


def emoji_names_2(text: str) -> str:
    """*text* with its HTML character references (with their semicolons) decoded and every emoji but a typographic
    mark replaced by its name in words (see the module)."""
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    if text.isascii():
        return text
    import emoji

    return str(emoji.replace_emoji(text, replace=_name_2))


def emoji_spans(text: str) -> list[tuple[int, int, str]]:
    """Each emoji of *text* that ``emoji-names-2`` names, as (start, end, its name in words): where the stage's
    evidence can point when its encoder reads emoji by name. An emoji written as an HTML entity is not found here
    (the span would be the entity's characters)."""
    if text.isascii():
        return []
    import emoji

    spans = []
    for found in emoji.emoji_list(text):
        chars = str(found["emoji"])
        if len(chars) == 1 and ord(chars) < _MARKS_BELOW:
            continue
        name = _name(chars, emoji.EMOJI_DATA.get(chars, {})).strip()
        if name:
            spans.append((int(found["match_start"]), int(found["match_end"]), name))
    return spans


PREPARATIONS: dict[str, Callable[[str], str]] = {
    PLAIN: plain,
    EMOJI_NAMES: emoji_names,
    EMOJI_NAMES_2: emoji_names_2,
}


def preparation(name: str | None) -> Callable[[str], str]:
    """The preparation a model folder names (None: ``plain``); an unknown name is an error, not a silent plain."""
    from newssift.errors import NewssiftError

    key = name or PLAIN
    if key not in PREPARATIONS:
        raise NewssiftError(f"encoder input preparation {key!r} is unknown (known: {', '.join(PREPARATIONS)})")
    return PREPARATIONS[key]
