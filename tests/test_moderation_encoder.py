"""The fine-tuned moderation encoder (newssift/encoders, newssift/moderation/encoder.py) inside the stage."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

import newssift
from newssift.encoders import get_encoder
from newssift.errors import NewssiftError
from newssift.moderation.encoder import calibrate, get_moderation_encoder
from newssift.moderation.stage import judge

# plain hateful comments the stage let through before the encoder (issue 37); none of them is in a training set
PLAIN_HATE = [
    "I despise gay people.",
    "Let's just eradicate those trans people.",
    "I want to end every woman's life.",
    "I don't see any difference between a dead rat and a dead Muslim.",
    "Disabled people are the worst kind of motherfuckers.",
    "That's only natural for a queer like you.",
]
# the encoder alone scores "I am a proud gay man." 0.56 (review); the stage caps a group named to identify with it
# (lx.SELF_IDENTIFICATION), which held-out data supports (see the model card)
NEUTRAL_MENTIONS = ["I am a proud gay man.", "I am Jewish.", "Muslims pray on Fridays."]


@pytest.fixture(scope="module", autouse=True)
def _encoder_installed() -> None:
    if get_moderation_encoder() is None:
        pytest.fail("newssift/data/moderation/encoder.onnx is missing: run `make train`")


@pytest.mark.parametrize("text", PLAIN_HATE)
def test_plain_hate_is_flagged(text: str) -> None:
    [v] = newssift.moderate([text])
    hate = next((lab for lab in v.labels if lab.label == "hate"), None)
    assert hate is not None and hate.score >= 0.5, v.reasons
    assert v.action in ("review", "remove")


@pytest.mark.parametrize("text", PLAIN_HATE)
def test_no_rule_flags_the_plain_hate(text: str) -> None:
    # with the encoder off, neither a rule nor the linear heads flag them: what flags them above is the encoder
    [off] = judge([text], use_encoder=False)
    rules = [lab for lab in off.labels if lab.label in ("hate", "violence") and not lab.reason.startswith("model:")]
    assert rules == [], off.reasons
    assert off.action == "allow", off.reasons


@pytest.mark.parametrize("text", NEUTRAL_MENTIONS)
def test_neutral_and_positive_mentions_stay_allowed(text: str) -> None:
    [v] = newssift.moderate([text])
    assert v.action == "allow", v.reasons


@pytest.mark.parametrize(
    "text",
    [
        "hate " * 10_000,  # 50,000 characters
        "😀🔪👳🏾🤡" * 50,
        "Привет мир 你好 مرحبا שלום hello γεια",
        "\x00\x01\x02 some text \x1b[31m\u202e\ufeff",
        "",
        " \n\t ",
    ],
)
def test_hostile_input_gets_a_verdict(text: str) -> None:
    [v] = newssift.moderate([text])
    assert v.action in ("allow", "review", "remove")


def test_example_page(example_text: str) -> None:
    r = newssift.analyze(example_text)
    c1, c2, c3, reply = r.comments
    verdicts = [c.moderation for c in (c1, c2, c3, reply)]
    assert all(v is not None for v in verdicts)
    labels = [{lab.label: lab for lab in v.labels} for v in verdicts if v is not None]
    assert [v.action for v in verdicts if v is not None][:2] == ["remove", "remove"]
    assert verdicts[3] is not None and verdicts[3].action == "remove"
    for k in (0, 1, 3):
        assert labels[k]["hate"].target == "Jewish people", labels[k]["hate"]
    assert "violence" in labels[0] and "conspiracy" in labels[1]
    assert verdicts[2] is not None and verdicts[2].action in ("review", "remove") and "conspiracy" in labels[2]


def test_calibration_puts_the_threshold_at_one_half() -> None:
    assert calibrate(0.3, 0.3) == pytest.approx(0.5)
    assert calibrate(0.0, 0.3) == 0.0 and calibrate(1.0, 0.3) == pytest.approx(1.0)
    xs = np.linspace(0, 1, 101)
    ys = [calibrate(float(x), 0.7) for x in xs]
    assert all(a <= b for a, b in itertools.pairwise(ys))


def test_encoder_is_loaded_once_and_batches_agree() -> None:
    enc = get_encoder("moderation")
    assert get_encoder("moderation") is enc
    texts = ["short", "a much longer comment about the weather and the trains today", *PLAIN_HATE]
    together = enc.predict(texts)
    alone = np.stack([enc.predict([t])[0] for t in texts])
    assert together.shape == (len(texts), len(enc.heads))
    assert np.allclose(together, alone, atol=1e-4)
    # the shipped graph has no mask (one window a run): a batch of windows of different lengths is read one by one,
    # so exactly as alone (four windows of one length would be run together, and dynamic quantisation would then
    # make their scores depend on each other: no length here is shared by four windows)
    assert "attention_mask" not in {i.name for i in enc.session.get_inputs()}
    lengths = Counter(len(w) for ws in enc.windows(texts) for w in ws)
    assert max(lengths.values()) < 4
    assert np.array_equal(enc.predict(texts, batch=4), alone)


def test_encoder_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSSIFT_MODERATION_ENCODER", "off")
    assert get_moderation_encoder() is None
    [v] = newssift.moderate([PLAIN_HATE[0]])
    assert not any(lab.label == "hate" and lab.score >= 0.5 for lab in v.labels)


def test_a_wrong_encoder_folder_is_one_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSSIFT_MODERATION_ENCODER", str(tmp_path))
    with pytest.raises(NewssiftError, match="NEWSSIFT_MODERATION_ENCODER"):
        get_moderation_encoder()


def test_hate_after_the_first_window_is_still_read() -> None:
    """The encoder reads 64 word pieces at a time: a long friendly preamble must not hide what follows (it did
    when only the first window was read: 0.875 alone, 0 after the preamble)."""
    preamble = (
        "Thank you for this article, I read it twice this morning over coffee and I think the council has done a "
        "decent job explaining the timetable for the bridge works, the ferry schedule and the detours for cyclists, "
        "which matter a lot to me and my neighbours who commute every day. "
    )
    hateful = "I would never let my daughter marry one of those people from Africa, they are not like us."
    alone, after, friendly = newssift.moderate([hateful, preamble + hateful, preamble])
    assert alone.action != "allow" and after.action != "allow"
    hate = [{lab.label: lab.score for lab in v.labels}.get("hate", 0.0) for v in (alone, after, friendly)]
    assert hate[1] >= hate[0] - 0.05 and hate[2] < 0.5


def test_a_texts_pooled_vector_is_its_most_hateful_windows() -> None:
    """A long text's vector is that of its window with the highest hate score, run alone; its scores are the
    highest of each head over the windows."""
    enc = get_encoder("moderation")
    text = "The council met to discuss the ferry timetable and the bridge works. " * 8 + PLAIN_HATE[1]
    windows = enc.windows([text])[0]
    assert len(windows) > 1
    runs = [enc._run([w]) for w in windows]
    probs, pooled = enc.predict_pooled([text])
    hate = enc.heads.index("hate")
    best = max(range(len(runs)), key=lambda k: runs[k][0][0, hate])
    assert best > 0  # the hate is not in the first window
    assert np.array_equal(pooled[0], runs[best][1][0])
    assert np.array_equal(probs[0], np.max([r[0][0] for r in runs], axis=0))


def test_the_target_head_names_a_group_the_lexicon_does_not() -> None:
    """No group word of the lexicon in the first comment (so the lexicon's target was None); the head names the
    group from the whole sentence. Where the text names a group, the lexicon's stays the target."""
    implicit, named = newssift.moderate(
        [
            "Those people who keep crossing the border illegally are vermin and should be sent back.",
            "I despise gay people.",
        ]
    )
    hate = {lab.label: lab for lab in implicit.labels}["hate"]
    assert hate.score >= 0.5 and hate.target == "immigrants"
    assert {lab.label: lab for lab in named.labels}["hate"].target == "LGBTQ people"


def test_the_target_head_abstains_below_its_threshold(tmp_path: Path) -> None:
    from newssift.moderation.encoder import TargetHead, target_head

    head = target_head(get_encoder("moderation").model_dir)
    assert isinstance(head, TargetHead) and 0.5 <= head.threshold < 1
    x = np.zeros((3, 384), dtype=np.float32)
    x[0] = head.coef[head.groups.index("women")] * 10  # far along one group's direction: sure
    x[1] = x[0] * 1e-4  # the same direction, barely: the head is unsure
    assert head.targets(x) == ["women", None, None]  # a zero vector (a graph without ``pooled``) names none
    assert target_head(tmp_path) is None  # a folder without the head's files: the lexicon's targets only


def test_the_more_recipe_triples_every_cap_and_leaves_the_uncapped_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    import train.moderation_encoder as me

    monkeypatch.setattr(me, "RECIPE", "shipped")
    assert me.recipe_caps() == me.CAPS
    me.set_recipe("more")
    more = me.recipe_caps()
    assert more.keys() == me.CAPS.keys()
    for name, cap in me.CAPS.items():
        assert more[name] == (None if cap is None else cap * me.MORE)
    assert more["dynahate"] is None and more["hatemoji"] is None  # the adversarial sets stay whole
    train, _valid = me.split_sources(["gab"])  # the training split reads the recipe's caps
    assert len(train) == me.CAPS["gab"] * me.MORE
    with pytest.raises(SystemExit):
        me.set_recipe("most")


def test_the_offensive_negatives_recipe_weighs_offensive_not_hateful_texts_in_the_hate_loss_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import train.moderation_encoder as me
    from train.data import Example

    exs = [
        Example("you are a clown", {"hate": 0, "offensive": 1}, "davidson"),  # offensive, not hateful
        Example("they are vermin", {"hate": 1, "offensive": 1}, "davidson"),
        Example("nice day", {"hate": 0, "offensive": 0}, "davidson"),
        Example("an adversarial one", {"hate": 0}, "dynahate"),
        Example("offensive, hate unknown", {"offensive": 1}, "tweeteval_offensive"),
    ]
    hate, off = me.HATE, me.HEADS.index("offensive")
    monkeypatch.setattr(me, "RECIPE", "shipped")
    _y, w = me._targets(exs)
    assert w[:, hate].tolist() == [1.0, 1.0, 1.0, me.ADVERSARIAL_WEIGHT, 0.0]
    me.set_recipe("offensive-negatives")
    y, w2 = me._targets(exs)
    weight = me.RECIPES["offensive-negatives"].offensive_negative_weight
    assert weight > 1 and w2[:, hate].tolist() == [weight, 1.0, 1.0, me.ADVERSARIAL_WEIGHT, 0.0]
    assert (w2[:, off] == w[:, off]).all() and (y[:, hate] == [0, 1, 0, 0, 0]).all()  # no other head, no label
    assert me.recipe_caps() == me.CAPS  # the same training texts as the shipped recipe


def test_more_adversarial_triples_the_caps_and_the_adversarial_weight_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import train.moderation_encoder as me
    from train.data import Example

    exs = [Example("a natural one", {"hate": 1}, "gab"), Example("an adversarial one", {"hate": 0}, "hatemoji")]
    monkeypatch.setattr(me, "RECIPE", "shipped")
    _y, w = me._targets(exs)
    me.set_recipe("more-adversarial")
    _y2, w2 = me._targets(exs)
    assert w2[:, me.HATE].tolist() == [1.0, 3 * me.ADVERSARIAL_WEIGHT] and w[:, me.HATE].tolist()[0] == 1.0
    caps = me.recipe_caps()
    assert all(caps[n] == (None if c is None else 3 * c) for n, c in me.CAPS.items())


def test_the_prior_recipe_leaves_the_hate_head_at_its_prior_and_labels_olid_s_inoffensive_tweets(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import train.moderation_encoder as me
    from train.data import Example

    exs = [Example(f"text {i}", {"hate": int(i < 2), "spam": int(i < 1)}, "davidson") for i in range(8)]
    hate, spam = me.HATE, me.HEADS.index("spam")
    monkeypatch.setattr(me, "RECIPE", "shipped")
    shipped = me._pos_weight(*me._targets(exs)).tolist()
    olid = list(me.tweeteval("offensive"))
    assert shipped[hate] == pytest.approx(3.0) and all("hate" not in ex.labels for ex in olid)  # 6 / 2 negatives
    me.set_recipe("prior")
    prior = me._pos_weight(*me._targets(exs)).tolist()
    assert prior[hate] == 1.0 and prior[spam] == shipped[spam] == pytest.approx(5.0)  # the other heads unchanged
    olid = list(me.tweeteval("offensive"))
    assert {ex.labels.get("hate") for ex in olid if not ex.labels["offensive"]} == {0}
    assert all("hate" not in ex.labels for ex in olid if ex.labels["offensive"])
