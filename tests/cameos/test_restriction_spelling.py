"""Typos of a restriction's head words are mended before it is read (cameos/restriction_spelling.py): the slips a
thumb makes, never a word of a language people mix in, never a quoted word."""

from __future__ import annotations

import pytest

from cameos.restriction_spelling import (
    HEAD_WORDS,
    KNOWN_WORDS_FILE,
    build_known_words,
    known_words_file_text,
    mend_typos,
    mended_word,
    slips_of,
    unglue_words,
    unglued_word,
)
from cameos.restrictions import parse_restriction


def test_the_known_words_file_is_built_from_the_dictionaries_and_the_head_words_of_now():
    # Stale when a head word was added and `manage.py build_restriction_spelling` was not run: a word of some
    # language one slip from the new head word would then be mended into it.
    assert KNOWN_WORDS_FILE.read_text(encoding="utf-8") == known_words_file_text(build_known_words())


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("politcs", "politics"),  # a letter dropped
        ("relegion", "religion"),  # a vowel for a vowel
        ("voilence", "violence"),  # two letters swapped
        ("snoking", "smoking"),  # the key beside it
        ("ciggarettes", "cigarettes"),  # a letter doubled
        ("drugz", "drugs"),  # five letters, z beside s
    ],
)
def test_one_slip_of_a_head_word_is_mended_to_it(typed, meant):
    assert mended_word(typed) == meant


@pytest.mark.parametrize(
    "word",
    [
        "camino",  # m for s is no slip: the keys are far apart
        "bettina",  # a for g, likewise
        "gamboling",  # English
        "casini",  # Italian, one slip from "casino"
        "texting",  # "text" + "ing", one letter from "sexting"
        "sax",  # too short to tell
    ],
)
def test_a_word_that_is_no_slip_or_is_a_word_of_its_own_stays_as_written(word):
    assert mended_word(word) == word


def test_a_slip_of_two_head_words_is_left_alone():
    # "electiond" is one slip from "election" and from "elections": neither is the one meant for sure.
    assert {"election", "elections"} <= {word for word in HEAD_WORDS if "electiond" in slips_of(word)}
    assert mended_word("electiond") == "electiond"


def test_a_slip_keeps_the_first_letter():
    assert all(slip[0] == "v" for slip in slips_of("violence"))
    assert mended_word("fiolence") == "fiolence"


def test_capitals_are_kept_as_typed():
    assert mend_typos("NO POLITCS, No Relegion, no voilence") == "NO POLITICS, No Religion, no violence"


def test_a_quoted_word_is_banned_as_the_owner_wrote_it():
    parsed = parse_restriction('never make me say "politcs"')
    assert parsed.words == ("politcs",)
    assert "politics" not in parsed.categories


@pytest.mark.parametrize(
    ("restriction", "categories"),
    [
        ("nodrugs, nopolitics", {"drugs", "politics"}),
        ("keepitpg", {"sexual", "violence", "drugs", "profanity"}),
        ("swearing is nto ok", {"profanity"}),  # a slip in the word that forbids
        ("swearing is fne", set()),  # and in the word that allows
        ("drinkng is fine but no gamblin", {"gambling"}),
    ],
)
def test_rules_typed_with_slips_read_as_rules(restriction, categories):
    assert set(parse_restriction(restriction).categories) == categories


def test_a_long_restriction_is_mended_word_by_word():
    text = "no politcs " * 2000
    assert mend_typos(text) == "no politics " * 2000


@pytest.mark.parametrize(
    ("restriction", "topic"),
    [
        ("no jokes about my wieght", "jokes about weight"),  # two letters swapped
        ("keep my kdis out of it", "kids"),
        ("dont show my hosue", "house"),
        ("no fat jokes about my bellly", "fat jokes about belly"),  # a letter held down
        ("leave my girlfirend out of it", "girlfriend"),  # still the owner's partner, not romance
    ],
)
def test_a_topics_slips_are_mended_to_the_english_word_meant(restriction, topic):
    parsed = parse_restriction(restriction)
    assert parsed.topics == (topic,) and not parsed.categories, parsed


@pytest.mark.parametrize(
    ("restriction", "topic"),
    [
        ("no zaza", None),  # slang of a category's lexicon: drugs, not "zara"
        ("nothing about my ADHD", "adhd"),  # written in capitals: as written, not "add"
        ("no collabs with @martino_22", "collabs martino_22"),  # run into digits: a handle, not "martini"
        ("no meth", None),  # a letter is never taken away: not "met"
        ("no crypto scams", "crypto scams"),  # nor "crypt"
        ("no vendas", "vendas"),  # "vandas" is too rare a word for a slip to mean
        ("no videos filmed in gunma", "filmed gunma"),  # a mend may not make a topic a category's (gunman)
    ],
)
def test_a_topics_words_that_are_no_slips_stay_as_written(restriction, topic):
    parsed = parse_restriction(restriction)
    assert (parsed.topics[0] if parsed.topics else None) == topic, parsed


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("chugsbeer", "chugs beer"),  # the other half may be a rarer form of a common verb
        ("smokesweed", "smokes weed"),
        ("sipswhiskey", "sips whiskey"),
        ("cooksmeth", "cooks meth"),  # a one-word lexicon entry, though no dictionary word
        ("sendsnudes", "sends nudes"),
    ],
)
def test_a_word_glued_to_a_categorys_word_is_also_read_as_two_words(typed, read):
    assert unglued_word(typed) == read
    assert unglue_words(f"@ann {typed} at noon") == f"@ann {read} at noon"


@pytest.mark.parametrize(
    "word",
    [
        "weedkiller",  # a word of its own
        "potluck",
        "hashtag",  # no half names a category
        "annabelle",  # a name
        "Penistone",  # written with a capital: a place, not a glued word
        "Winehouse",
        "nunchucks",  # "nun" is too short a half: it hides in too many words
        "kissaten",  # "aten" is too rare a word to be a half
        "beer",  # too short to be two words
    ],
)
def test_a_word_that_is_not_two_words_glued_stays_as_written(word):
    assert unglued_word(word) == word


def test_a_handle_or_a_word_run_into_digits_is_never_split():
    text = "@smokesweed waves, and so does bob_smokesweed and smokesweed42"
    assert unglue_words(text) == text


def test_typos_are_mended_without_splitting_words():
    # Splitting is a reading of its own, on the text as written: a capital must still mark a name.
    assert mend_typos("no chugsbeer") == "no chugsbeer"
    assert mend_typos("@ann chugsbeer", rule_words=False) == "@ann chugsbeer"
