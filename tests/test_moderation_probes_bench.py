"""bench/moderation_skin_tone.py and bench/moderation_neutral_mentions.py: the tone spread is read per text and a
change of verdict counted once; the neutral mentions are news sentences the encoder neither trained on nor chose
thresholds with."""

from __future__ import annotations

from bench.moderation_skin_tone import MODIFIER, TONES, spread


def test_the_spread_is_per_text_and_a_change_of_verdict_counts_once() -> None:
    scores = {t: [0.2, 0.4] for t in TONES} | {"none": [0.2, 0.6]}
    scores["dark"] = [0.7, 0.4]  # the first text crosses 0.5 with the dark tone alone
    s = spread(scores)
    assert s["mean_spread"] == 0.25 and s["largest_spread"] == 0.5
    assert s["texts_whose_verdict_at_0.5_changes_with_the_tone"] == 1
    assert s["the_same_with_no_tone_as_a_sixth"] == 2  # the second crosses only without a tone
    assert s["mean_by_tone"]["dark"] == 0.55


def test_every_tone_is_a_modifier() -> None:
    assert all(MODIFIER.fullmatch(m) for m in TONES.values()) and len(set(TONES.values())) == 5


def test_the_neutral_mentions_are_unseen_by_the_encoder_and_name_a_group() -> None:
    """Against the news sample the whole training set draws (a sampler seeded once for every source in order)."""
    import train.moderation_encoder as me
    from bench.moderation_neutral_mentions import unseen_sentences
    from train.data import Example, names_group, news_sentences

    train, valid = me.split_sources()
    news = [ex.text for ex in train if ex.source == "news"]
    naming = {ex.text for ex in news_sentences() if names_group(ex.text)}
    unseen = unseen_sentences()
    assert len(news) == me.CAPS["news"] and not set(news) & set(unseen)
    assert not {ex.text for ex in valid} & set(unseen)
    assert set(unseen) == {t for t in naming - set(news) if not me.in_validation(Example(t, {}, "news"))}
    assert len(unseen) == 2254  # 2,324 name a group; 70 of the shipped recipe's 1,000 do
