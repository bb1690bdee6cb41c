"""The curated situation words: they name real topics in both languages and teach the model the words
businesses use for their situation."""
from __future__ import annotations

import csv

import pytest

from classifier.features import ModelOptions
from classifier.text import fold
from classifier.topics import LEXICON, directory_examples, read_lexicon
from seeds.demo import TOPICS_CSV


def test_the_lexicon_gives_every_topic_danish_and_english_words_and_nothing_else():
    with TOPICS_CSV.open(encoding="utf-8") as fh:
        topics = {row["id"] for row in csv.DictReader(fh)}
    with LEXICON.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {(row["topic"], row["language"]) for row in rows} == {(t, lang) for t in topics for lang in ("da", "en")}
    # A word listed under two topics would teach nothing but confusion.
    phrases = [fold(p) for words in read_lexicon().values() for p in words]
    assert len(phrases) == len(set(phrases))


def test_lexicon_words_become_light_pseudo_examples_of_their_topic(directory_topics):
    plain = directory_examples(directory_topics, [])
    with_words = directory_examples(directory_topics, [], lexicon_weight=0.3)
    added = [ex for ex in with_words if ex.source == "lexicon"]
    assert not [ex for ex in plain if ex.source == "lexicon"]
    assert {ex.primary for ex in added} == {t.id for t in directory_topics}
    assert {ex.weight for ex in added} == {0.3}
    assert any(ex.text == "sygemeldt" and ex.primary == "sickness-absence" for ex in added)


def test_a_missing_lexicon_file_means_no_words(tmp_path):
    assert read_lexicon(tmp_path / "none.csv") == {}


def test_the_default_model_learns_from_the_lexicon():
    assert ModelOptions().lexicon_weight > 0


@pytest.mark.parametrize("text, topic", [
    ("Vores lagermand melder sig syg næsten hver fredag. Kan jobcentret hjælpe os med en samtale?", "sickness-absence"),
    ("One of our drivers keeps calling in sick after weekends. Can the job centre help us?", "sickness-absence"),
    ("Is there any grant we could apply for to cut the energy use of our bakery ovens?", "funding"),
    ("Findes der en pulje vi kan søge, så vi kan skifte oliefyret ud med en varmepumpe?", "funding"),
    # Once a known miss: "tilskud" leaned to support for adult apprentices before the seeds had more grants.
    ("Kan vi søge tilskud til at skifte vores gamle oliefyr ud med en varmepumpe i butikken?", "funding"),
])
def test_situation_words_reach_their_topic(trained_model, text, topic):
    assert trained_model.classify(text).lead == topic
