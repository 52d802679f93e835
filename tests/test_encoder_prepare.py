"""What an encoder's text goes through before its tokenizer (newssift/encoders/prepare.py): emoji named in words,
read the way the model folder says it was trained, the same in training (train/moderation_encoder.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newssift.encoders import MAX_WINDOWS, PREPARED_CHARS, Encoder, get_encoder
from newssift.encoders.prepare import EMOJI_NAMES, emoji_names, preparation
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


def _folder(tmp_path: Path, text_input: str) -> Path:
    """The shipped encoder's graph with an encoder.json naming *text_input*."""
    shipped = get_encoder("moderation").model_dir
    (tmp_path / "encoder.onnx").symlink_to(shipped / "encoder.onnx")
    meta = json.loads((shipped / "encoder.json").read_text(encoding="utf-8"))
    (tmp_path / "encoder.json").write_text(json.dumps({**meta, "input": text_input}), encoding="utf-8")
    return tmp_path


def test_the_encoder_reads_text_as_its_folder_says_it_was_trained(tmp_path: Path) -> None:
    knife, heart = "I 🔪 gay people", "I 💖 gay people"
    plain = Encoder(get_encoder("moderation").model_dir)
    assert plain.text_input == "plain"  # a folder that names no preparation: the text as it is
    assert plain.windows([knife]) == plain.windows([heart])  # both emoji are [UNK]: one input
    named = Encoder(_folder(tmp_path, EMOJI_NAMES))
    assert named.text_input == EMOJI_NAMES and named.windows([knife]) != named.windows([heart])
    assert Encoder(plain.model_dir, text_input=EMOJI_NAMES).windows([knife]) == named.windows([knife])
    bad = tmp_path / "bad"
    bad.mkdir()
    with pytest.raises(NewssiftError, match="unknown"):
        Encoder(_folder(bad, "pictures"))


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
