"""What an encoder's text goes through before its tokenizer (newssift/encoders/prepare.py): emoji named in words,
read the way the model folder says it was trained, the same in training (train/moderation_encoder.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import newssift
from newssift.encoders import MAX_WINDOWS, PREPARED_CHARS, Encoder, get_encoder
from newssift.encoders.prepare import EMOJI_NAMES, EMOJI_NAMES_2, emoji_names, emoji_names_2, emoji_spans, preparation
from newssift.errors import NewssiftError


def test_each_emoji_becomes_its_name_in_words() -> None:
    assert emoji_names("I 🔪 gay people").split() == ["I", "kitchen", "knife", "gay", "people"]
    assert emoji_names("I 💖 gay people").split() == ["I", "sparkling", "heart", "gay", "people"]
    # a sequence is one emoji: skin tone, ZWJ parts and flags stay together
    assert "person wearing turban medium-dark skin tone" in emoji_names("some 👳🏾")
    assert emoji_names("🏳️‍🌈 people").split() == ["rainbow", "flag", "people"]
    assert emoji_names("👩‍❤️‍💋‍👩").split() == ["kiss", "woman", "woman"]


def test_entities_are_decoded_and_other_text_is_left_alone() -> None:
    assert emoji_names("lol &#128514; &amp; more").split() == ["lol", "face", "with", "tears", "of", "joy", "&", "more"]
    for text in ("plain text", "café naïve – “quoted” 日本語", ""):
        assert emoji_names(text) == text


def test_an_unknown_preparation_is_one_clear_error() -> None:
    assert preparation(None)("I 🔪 you") == "I 🔪 you"
    with pytest.raises(NewssiftError, match="unknown"):
        preparation("emoji-pictures")


def _folder(tmp_path: Path, text_input: str | None) -> Path:
    """The shipped encoder's folder (graph, target head) with an encoder.json naming *text_input* (None: naming no
    preparation), whatever the shipped one names."""
    shipped = get_encoder("moderation").model_dir
    tmp_path.mkdir(exist_ok=True)
    for f in shipped.iterdir():
        if f.name != "encoder.json" and not (tmp_path / f.name).exists():
            (tmp_path / f.name).symlink_to(f)
    meta = json.loads((shipped / "encoder.json").read_text(encoding="utf-8"))
    meta.pop("input", None)
    if text_input is not None:
        meta["input"] = text_input
    (tmp_path / "encoder.json").write_text(json.dumps(meta), encoding="utf-8")
    return tmp_path


def test_the_encoder_reads_text_as_its_folder_says_it_was_trained(tmp_path: Path) -> None:
    knife, heart = "I 🔪 gay people", "I 💖 gay people"
    plain = Encoder(_folder(tmp_path / "plain", None))
    assert plain.text_input == "plain"  # a folder that names no preparation: the text as it is
    assert plain.windows([knife]) == plain.windows([heart])  # both emoji are [UNK]: one input
    named = Encoder(_folder(tmp_path, EMOJI_NAMES))
    assert named.text_input == EMOJI_NAMES and named.windows([knife]) != named.windows([heart])
    assert Encoder(plain.model_dir, text_input=EMOJI_NAMES).windows([knife]) == named.windows([knife])
    with pytest.raises(NewssiftError, match="unknown"):
        Encoder(_folder(tmp_path / "bad", "pictures"))


def test_training_tokenises_as_the_exported_model_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import train.moderation_encoder as me

    monkeypatch.setattr(me, "RECIPE", "emoji")
    named = Encoder(_folder(tmp_path, me.RECIPES["emoji"].text_input))
    texts = ["you cunts are 🅿️r🅾️ 👩‍❤️‍💋‍👩", "lol &#128514;", "no emoji at all"]
    assert [e.ids for e in me.tokenizer().encode_batch(texts)] == [w[0] for w in named.windows(texts)]
    monkeypatch.setattr(me, "RECIPE", "shipped")
    assert me.tokenizer().encode("I 🔪 you").tokens == ["[CLS]", "i", "[UNK]", "you", "[SEP]"]


def test_a_comment_of_only_emoji_is_read_within_the_window_cap(tmp_path: Path) -> None:
    named = Encoder(_folder(tmp_path, EMOJI_NAMES))
    text = "🏳️‍🌈👳🏾🔪" * 10_000
    read: list[int] = []
    inner = named.tokenizer

    class Spy:
        def encode_batch(self, texts: list[str]) -> object:
            read.extend(len(t) for t in texts)
            return inner.encode_batch(texts)

    named.tokenizer = Spy()
    [windows] = named.windows([text])
    assert read == [PREPARED_CHARS] and len(windows) == MAX_WINDOWS  # cut before and after it is prepared
    named.tokenizer = inner
    [probs] = named.predict([text])
    assert ((probs >= 0) & (probs <= 1)).all()


def test_the_second_preparation_decodes_only_whole_references_and_leaves_marks() -> None:
    # what the first one got wrong: a URL's "&copy=2" read as "copyright =2", "®" and "™" named as pictures
    assert emoji_names("a.com/?x=1&copy=2") == "a.com/?x=1 copyright =2"
    assert emoji_names_2("a.com/?x=1&copy=2") == "a.com/?x=1&copy=2"
    # only a whole HTML5 name is decoded: html.unescape would read "&copyright;" as "©right;"
    for text in ("AT&T &amp", "Foo® Bar™ © 2024 ↔ ‼", "&bogus; stays", "&copyright; &amplifier; &notit;"):
        assert emoji_names_2(text) == text
    assert emoji_names_2("lol &#128514; &#x1F602; &amp; &lt;b&gt;").split() == (
        ["lol"] + ["face", "with", "tears", "of", "joy"] * 2 + ["&", "<b>"]
    )
    # U+FE0F asks for the picture; emoji above the marks are named as before
    assert emoji_names_2("\u00a9\ufe0f").split() == ["copyright"]
    for text in ("I 🔪 gay people", "some 👳🏾", "🏳️‍🌈 people", "❤ you"):
        assert emoji_names_2(text) == emoji_names(text)
    assert preparation(EMOJI_NAMES_2) is emoji_names_2


def test_emoji_spans_point_at_the_emoji_as_written() -> None:
    text = "Foo® says 🏳️‍🌈 and 👳🏾!"
    spans = emoji_spans(text)
    assert [(text[s:e], name) for s, e, name in spans] == [
        ("🏳️‍🌈", "rainbow flag"),
        ("👳🏾", "person wearing turban"),  # the whole sequence, named without its skin tone
    ]
    assert emoji_spans("plain ascii") == ()
    # two skin tones: the whole sequence keeps its name, without the tones' words
    assert emoji_spans("🫱🏻‍🫲🏿") == ((0, 5, "handshake"),)


def test_an_emoji_is_evidence_as_its_name_weighs_without_its_skin_tone(monkeypatch: pytest.MonkeyPatch) -> None:
    from newssift.moderation.model import get_model

    model = get_model()
    weights = {"knife": 2.0, "kill": 1.0, "dark": 5.0, "skin": 5.0, "tone": 5.0}  # stub weights: no retrain moves them
    monkeypatch.setattr(model, "_unigram", [{} for _ in model.heads])
    monkeypatch.setattr(
        model.featurizer, "unigram_weights", lambda vocab, _col: np.array([weights.get(w, -1.0) for w in vocab])
    )
    text = "I will kill you 🔪 👍🏿 😂🏾"

    def chosen(emoji: bool) -> list[str]:
        return [text[s:e] for s, e in model.evidence(text, "violence", emoji=emoji)]

    assert chosen(emoji=False) == ["kill"]
    # the knife's name ("kitchen knife") outweighs "kill"; the thumbs up is named without "dark skin tone", and a
    # skin-tone modifier alone is no span
    assert chosen(emoji=True) == ["kill", "🔪"]
    assert emoji_spans("ok 👍🏿")[0][2] == "thumbs up"


def test_the_stage_points_at_an_emoji_only_where_its_encoder_reads_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    comment = "I will 🔪 you and your family tonight, watch your back"
    at = (comment.index("🔪"), comment.index("🔪") + 1)
    monkeypatch.setenv("NEWSSIFT_MODERATION_ENCODER", str(_folder(tmp_path / "plain", None)))
    [plain] = newssift.moderate([comment])
    monkeypatch.setenv("NEWSSIFT_MODERATION_ENCODER", str(_folder(tmp_path / "named", EMOJI_NAMES_2)))
    [named] = newssift.moderate([comment])
    assert named.labels and plain.labels  # the comment is flagged either way (a threat)
    assert any(at in [(s.start, s.end) for s in lab.spans] for lab in named.labels)
    assert all(at not in [(s.start, s.end) for s in lab.spans] for lab in plain.labels)
