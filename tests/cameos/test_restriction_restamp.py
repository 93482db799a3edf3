"""The restriction classifier's weights are renewed without an hour of training only when what its machines are fitted
on did not change (``manage.py train_restriction_classifier --restamp``)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from cameos import restriction_classifier
from cameos.management.commands import train_restriction_classifier as command
from cameos.restriction_classifier import CategoryClassifier, restriction_categories, training_sets_hash
from sora_social import text_embedding

EVERYDAY = ("@ana waters the tomatoes", "@ana folds the laundry and hums")


@pytest.fixture
def two_categories(monkeypatch):
    """Two real categories cut down to a few texts each, and a short everyday list, so a hash takes no time."""
    monkeypatch.setattr(restriction_classifier, "everyday_texts", lambda: EVERYDAY)
    real = restriction_categories()
    return {
        "alcohol": dataclasses.replace(
            real["alcohol"],
            examples=("@ana downs three shots of tequila",),
            near_misses=("@ana orders a ginger ale at the diner", "@ana polishes the glasses behind the counter"),
        ),
        "gambling": dataclasses.replace(
            real["gambling"],
            examples=("@ana bets her paycheck on roulette",),
            near_misses=("@ana deals cards for a game of go fish",),
        ),
    }


def with_words(categories, key, *words):
    category = categories[key]
    return {**categories, key: dataclasses.replace(category, lexicon=(*category.lexicon, *words))}


def test_the_training_sets_hash_moves_only_when_a_training_set_does(two_categories):
    as_they_are = training_sets_hash(two_categories)
    assert training_sets_hash(two_categories) == as_they_are
    # A word no negative contains decides nothing the machines learn from: the same machines.
    assert training_sets_hash(with_words(two_categories, "alcohol", "moonshine jug")) == as_they_are
    # A word a near miss contains takes that near miss out of alcohol's negatives: other machines.
    assert training_sets_hash(with_words(two_categories, "alcohol", "ginger ale")) != as_they_are
    # So does a word that puts another category's text in this one ("roulette" in alcohol would take gambling's
    # example out of alcohol's negatives), and a new text.
    assert training_sets_hash(with_words(two_categories, "alcohol", "roulette")) != as_they_are
    more = {
        **two_categories,
        "gambling": dataclasses.replace(
            two_categories["gambling"], examples=("@ana bets on a horse", "@ana plays slots")
        ),
    }
    assert training_sets_hash(more) != as_they_are


def tiny_weights(*, data_hash: str, sets_hash: str) -> CategoryClassifier:
    keys = tuple(restriction_categories())
    return CategoryClassifier(
        keys=keys,
        vectors=np.ones((1, text_embedding.EMBEDDING_DIM), dtype=np.float32),
        offsets=np.zeros(len(keys) + 1, dtype=np.int64),
        indices=np.zeros(0, dtype=np.int32),
        dual=np.zeros(0, dtype=np.float32),
        intercept=np.arange(len(keys), dtype=np.float32),
        gamma=np.ones(len(keys), dtype=np.float32),
        thresholds=np.full(len(keys), 0.25, dtype=np.float32),
        data_hash=data_hash,
        sets_hash=sets_hash,
    )


@pytest.fixture
def weights_file(monkeypatch, tmp_path):
    path = tmp_path / "weights.npz"
    monkeypatch.setattr(command, "WEIGHTS_FILE", path)
    monkeypatch.setattr(command, "training_data_hash", lambda: "data now")
    return path


def test_restamp_renews_the_data_hash_when_the_training_sets_are_unchanged(monkeypatch, weights_file):
    tiny_weights(data_hash="data then", sets_hash="sets").save(weights_file)
    monkeypatch.setattr(command, "training_sets_hash", lambda: "sets")
    call_command("train_restriction_classifier", "--restamp")
    renewed = CategoryClassifier.load(weights_file)
    assert renewed.data_hash == "data now"
    assert renewed.sets_hash == "sets"
    assert np.array_equal(renewed.intercept, np.arange(len(renewed.keys)))
    assert np.array_equal(renewed.thresholds, np.full(len(renewed.keys), 0.25, dtype=np.float32))


def test_restamp_refuses_when_a_training_set_changed(monkeypatch, weights_file):
    tiny_weights(data_hash="data then", sets_hash="sets").save(weights_file)
    monkeypatch.setattr(command, "training_sets_hash", lambda: "other sets")
    with pytest.raises(CommandError, match="train them again"):
        call_command("train_restriction_classifier", "--restamp")
    assert CategoryClassifier.load(weights_file).data_hash == "data then"


def test_restamp_refuses_weights_that_record_no_training_sets_and_are_stale(monkeypatch, weights_file):
    tiny_weights(data_hash="data then", sets_hash="").save(weights_file)
    monkeypatch.setattr(command, "training_sets_hash", lambda: "sets")
    with pytest.raises(CommandError):
        call_command("train_restriction_classifier", "--restamp")
    assert CategoryClassifier.load(weights_file).data_hash == "data then"


def test_restamp_records_the_training_sets_of_current_weights_that_lack_them(monkeypatch, weights_file):
    tiny_weights(data_hash="data now", sets_hash="").save(weights_file)
    monkeypatch.setattr(command, "training_sets_hash", lambda: "sets")
    call_command("train_restriction_classifier", "--restamp")
    recorded = CategoryClassifier.load(weights_file)
    assert (recorded.data_hash, recorded.sets_hash) == ("data now", "sets")


def test_the_saved_weights_record_the_training_sets_they_were_fitted_on():
    # Computing the real hash takes a minute and a half; that it matches is checked by --restamp itself. Here only that
    # the saved weights carry one, so that the next edit of a word can be restamped.
    assert len(CategoryClassifier.load().sets_hash) == 64
