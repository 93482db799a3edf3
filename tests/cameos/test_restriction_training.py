"""Training the restriction classifier: categories train side by side, and each threshold is read at its rate.

Two small made-up categories stand in for the real ones (training those takes minutes); every everyday text is a
negative for both, as in the real recipe.
"""

import re

import numpy as np
import pytest

from cameos import restriction_classifier
from cameos.restriction_classifier import RestrictionCategory, assemble_classifier, train_categories

TEA = RestrictionCategory(
    key="tea",
    label="Tea",
    definition="Drinking or brewing tea.",
    recognise=re.compile(r"\btea\b"),
    lexicon=(),
    patterns=(),
    examples=(
        "@ann brews a pot of green tea",
        "@bo sips chamomile before bed",
        "a cup of earl grey with milk",
        "@cy pours oolong for her grandmother",
        "matcha whisked in a bowl",
        "@di dunks a biscuit in her builder's brew",
        "iced peach tea on the porch",
        "@ed steeps jasmine pearls in a glass pot",
        "chai with cardamom at the train station",
        "@flo hosts an afternoon tea with scones",
    ),
    near_misses=(
        "@ann brews a pot of coffee",
        "@bo sips hot chocolate before bed",
        "a cup of broth with noodles",
        "@cy pours lemonade for her grandmother",
        "a teapot-shaped cookie jar on the shelf",
        "@di dunks a biscuit in her milk",
        "iced coffee on the porch",
        "@ed waters the tea roses in the garden",
    ),
)
RAIN = RestrictionCategory(
    key="rain",
    label="Rain",
    definition="Rain and storms.",
    recognise=re.compile(r"\brain\b"),
    lexicon=(),
    patterns=(),
    examples=(
        "@ann runs through a downpour",
        "thunderstorm over the city at night",
        "@bo splashes in puddles as it pours",
        "heavy rain drums on the tin roof",
        "@cy waits out a monsoon under an awning",
        "drizzle on the windscreen",
        "@di opens her umbrella as the sky opens up",
        "a storm floods the street",
    ),
    near_misses=(
        "@ann runs through a sprinkler",
        "a rainbow-coloured cake",
        "@bo splashes in the pool",
        "a shower curtain with a cloud print",
        "@cy buys a raincoat for her dog online",
    ),
)
CATEGORIES = {"tea": TEA, "rain": RAIN}


@pytest.fixture(scope="module")
def trained():
    return train_categories(CATEGORIES, jobs=2)


def test_categories_trained_side_by_side_are_the_ones_trained_one_by_one(trained):
    _, texts_of, vectors_of, side_by_side = trained
    _, _, _, one_by_one = train_categories(CATEGORIES, jobs=1)

    for key in CATEGORIES:
        assert np.array_equal(side_by_side[key].support, one_by_one[key].support)
        assert np.allclose(side_by_side[key].dual, one_by_one[key].dual)
        assert np.allclose(side_by_side[key].held_out_negatives, one_by_one[key].held_out_negatives)


def test_the_held_out_negatives_are_the_near_misses_one_value_each_and_sorted(trained):
    _, _, _, machines = trained

    for key, category in CATEGORIES.items():
        negatives = machines[key].held_out_negatives
        assert len(negatives) == len(category.near_misses)
        assert np.all(np.diff(negatives) >= 0)


def test_a_threshold_lets_through_at_most_its_rate_of_the_held_out_near_misses(trained, monkeypatch):
    categories, texts_of, vectors_of, machines = trained
    negatives = machines["tea"].held_out_negatives

    strict = assemble_classifier(categories, texts_of, vectors_of, machines, {"tea": 0.0})
    loose = assemble_classifier(categories, texts_of, vectors_of, machines, {"tea": 0.5})

    assert (negatives >= strict.thresholds[0]).sum() == 0
    assert (negatives >= loose.thresholds[0]).sum() <= len(negatives) // 2
    assert loose.thresholds[0] < strict.thresholds[0]
    # A category with no rate of its own takes the recipe's.
    monkeypatch.setattr(restriction_classifier, "CATEGORY_FALSE_POSITIVE_RATES", {"tea": 0.5})
    default = assemble_classifier(categories, texts_of, vectors_of, machines)
    assert default.thresholds[0] == loose.thresholds[0]
    assert default.thresholds[1] == machines["rain"].threshold(restriction_classifier.TRAINING_FALSE_POSITIVE_RATE)


def test_the_trained_classifier_reads_its_own_examples_as_in_the_category(trained):
    classifier = assemble_classifier(*trained)
    from sora_social import text_embedding

    scores = classifier.scores(text_embedding.embed_texts([text_embedding.embedding_form(t) for t in TEA.examples]))

    assert (scores[:, 0] >= 0).mean() >= 0.8
