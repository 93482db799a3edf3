"""Attack round 59: a ban in one number, and the thing shown in the other.

Keywords took a word's regular inflections ("smoke", "smokes", "smoking"), and since round 58 the singular of a short
plural ("pokers" and "poker"). A plural that is not the singular plus "-s" was out of reach: "no palette knives" let "a
palette knife" through (round 58's strict xfail), and so did "no kitchen knives", "no steak knives" and six more like
them, "no butter knife" "three butter knives", "no scarves" "a wool scarf", and "no chefs knives" "a chef's knife". A
topic such as "no geese" is also read by meaning, and was refused; a thing ("palette knives": violence's word with a
word of its own) is read only where its name is written, so nothing else caught it.

Now an owner's or a moderator's word also takes its other number where its stem does not reach it, from inflect:
"knives" and "knife", "geese" and "goose", "gunmen" and "gunman", "hoodies" and "hoodie". Not a form of three letters
("dice" is not to find "die"), nor one that begins with another letter ("himself" and "themselves"), nor a Latin
singular ("opera" is not "opus"). A word of a phrase also takes a possessive, straight or curly ("chef's knife", "chef’s
knife"), and one the owner typed is any or none ("no chef's knives" finds "a chefs knife"). A helper's review found the
price: the other number can be a verb or another thing ("no wolves" refuses "wolf down a pizza", "no mice" a computer
mouse); those are strict xfails below, kept on the stricter side.

The round also found a false refusal that round 58 brought in. Its singular of a short plural was applied to the
categories' lexicons too, and "nudes" found "nude": under "no sexual content", "@ann paints a nude-colored wall" was
refused by keyword, and under "no tobacco" a letter's "rolling paper". It also took five of sexual content's near misses
and three of tobacco's negatives out of the sets the saved weights were trained on, so the weights were no longer what
training would give. A lexicon lists its words in the forms it means, so it is matched without the other number again:
its training sets are once more the ones the weights were trained on.

Last, "no shooting free throws" was read as "shooting free" (free of shooting: violence), and the free throws were lost
(the last session's note left it). A "free" that begins a thing of its own ("free throws", "free kicks", "free
samples") no longer says what the videos are to be free of. Shooting free kicks, penalties and at goal join shooting
hoops as the game's sense: "no shooting free kicks" had banned violence and let a free kick through.
"""

from __future__ import annotations

import pytest

from cameos.restriction_classifier import restriction_categories
from sora_social.content_policy.screening import term_regex
from tests.cameos.restriction_cases import assert_refused, case, check, refusal

THE_OTHER_NUMBER = [
    refusal("no palette knives", "@ann spreads paint with a palette knife", True, "palette-knife"),
    refusal("no steak knives", "@ann slices a ribeye with a steak knife", True, "steak-knife"),
    refusal("no kitchen knives", "@ann dices carrots with a kitchen knife", True, "kitchen-knife"),
    refusal("no bread knives", "@ann saws a baguette with a bread knife", True, "bread-knife"),
    refusal("no butcher knives", "@ann sharpens a butcher knife", True, "butcher-knife"),
    refusal("no fishing knives", "@ann guts a trout with a fishing knife", True, "fishing-knife"),
    refusal("no carving knives", "@ann carves the turkey with a carving knife", True, "carving-knife"),
    refusal("no cheese knives", "@ann slices brie with a cheese knife", True, "cheese-knife"),
    refusal("no oyster knives", "@ann shucks an oyster with an oyster knife", True, "oyster-knife"),
    refusal("no butter knife", "@ann lays out three butter knives on the table", True, "butter-knives"),
    refusal("no scarves", "@ann knits a wool scarf", True, "scarf"),
    # A possessive inside the phrase, typed without its apostrophe or with a phone's curly one.
    refusal("no chefs knives", "@ann chops onions with a chef's knife", True, "chefs-knife"),
    refusal("no chef's knives", "@ann chops onions with a chef’s knife", True, "chefs-knife-curly"),
]


@pytest.mark.parametrize(("restriction", "prompt", "expected"), THE_OTHER_NUMBER)
def test_a_thing_banned_in_one_number_is_refused_in_the_other(restriction, prompt, expected):
    assert_refused(restriction, prompt, expected)


@pytest.mark.parametrize(
    ("banned", "written"),
    [
        ("knives", "a knife"),
        ("knife", "two knives"),
        ("geese", "a goose"),
        ("goose", "three geese"),
        ("mice", "a mouse"),
        ("teeth", "a chipped tooth"),
        ("feet", "her left foot"),
        ("wolves", "a wolf"),
        ("leaves", "a maple leaf"),
        ("bookshelves", "a bookshelf"),
        ("children", "a child"),
        ("gunmen", "a gunman"),
        ("snowman", "two snowmen"),
        ("people", "a person"),
        ("hoodies", "a grey hoodie"),
        ("smoothies", "a smoothie"),
        ("pokers", "a fireplace poker"),
        ("chefs knives", "a chef's knife"),
        ("chefs knives", "a chef’s knife"),
        ("mens magazines", "a men's magazine"),
    ],
)
def test_a_banned_word_finds_its_other_number(banned, written):
    assert term_regex(banned).search(written), (banned, written)


@pytest.mark.parametrize(
    ("banned", "written", "why"),
    [
        ("dice", "laughing so hard she could die", "a three-letter form is another word"),
        ("men", "a man on the bus", "a three-letter form is another word"),
        ("himself", "they enjoy themselves", "inflect's pronouns begin with another letter"),
        ("speed", "the car speeds past", "a plain -s the stem leaves out is a verb's form"),
        ("order", "she orders a salad", "a plain -s the stem leaves out is a verb's form"),
    ],
)
def test_a_banned_word_does_not_find_another_word(banned, written, why):
    assert not term_regex(banned).search(written), why


@pytest.mark.parametrize(
    ("restriction", "prompt"),
    [
        ("no sexual content", "@ann paints a nude-colored wall in her living room"),
        ("no sexual content", "@ann tries on nude-toned heels at the mall"),
        ("no tobacco", "@ann licks the rolling paper shut on a letter she folded"),
    ],
)
def test_a_categorys_lexicon_word_is_not_read_in_its_other_number(restriction, prompt):
    # "nudes" and "rolling papers" are the lexicon's words; "nude" and "rolling paper" are not.
    assert not term_regex("nudes", every_form=False).search(prompt)
    assert_refused(restriction, prompt, False)


def test_a_lexicon_word_still_refuses_the_form_it_lists():
    assert_refused("no sexual content", "@ann sends nudes to a stranger", True)


def test_a_near_miss_in_the_other_number_stays_a_negative_the_classifier_learns_from():
    # Round 58's singulars had taken eight texts out of two categories' training sets behind the weights' back; the
    # saved weights' training-sets hash (train_restriction_classifier --restamp) matches again.
    sexual = restriction_categories()["sexual"]
    assert sexual.words_deciding("someone paints a nude-colored wall in her living room") is None
    assert sexual.words_deciding("someone sends nudes") is not None


@pytest.mark.parametrize(
    ("text", "categories", "need", "ok", "junk", "words"),
    [
        case("no shooting free throws", set(), need=("free throws",), case_id="free-throws", through="violence"),
        case("no shooting free kicks", set(), need=("free kicks",), case_id="free-kicks", through="violence"),
        # Guards: what the videos are to be free of is still ruled out.
        case("keep it drug free", {"drugs"}, case_id="guard-drug-free"),
        case("I want my videos violence free", {"violence"}, case_id="guard-violence-free"),
        case("alcohol-free videos only", {"alcohol"}, case_id="guard-alcohol-free-videos"),
    ],
)
def test_a_free_that_begins_a_thing_is_not_free_of(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(
    ("restriction", "prompt", "expected"),
    [
        refusal("no shooting free throws", "@ann shoots free throws at the gym", True, "free-throws-shot"),
        refusal("no shooting free throws", "@ann sinks a free throw to win the game", True, "free-throw-sunk"),
        refusal("no shooting free kicks", "@ann curls a free kick into the top corner", True, "free-kick-curled"),
        refusal("no shooting penalties", "@ann takes a penalty kick in the final", True, "penalty-kick"),
        refusal("no shooting at goal", "@ann shoots at goal from thirty yards", True, "shot-at-goal"),
        refusal("keep it drug free", "@ann rolls a joint at a party", True, "guard-drug-free-joint"),
        refusal("no shooting", "@ann fires a rifle into a crowd", True, "guard-rifle"),
    ],
)
def test_a_shot_in_a_game_banned_is_refused(restriction, prompt, expected):
    assert_refused(restriction, prompt, expected)


def over_refused(restriction: str, prompt: str, case_id: str):
    return pytest.param(
        restriction,
        prompt,
        id=case_id,
        marks=pytest.mark.xfail(strict=True, reason="REFUSED: the other number is also a verb or another thing"),
    )


@pytest.mark.parametrize(
    ("restriction", "prompt"),
    [
        # The price of the other number, found by a helper's review: the stricter direction, kept and written down.
        over_refused("no wolves", "@ann and her brother wolf down a whole pizza", "wolf-down"),
        over_refused("no scarves", "@ann and her sister scarf down two bowls of noodles", "scarf-down"),
        over_refused("no loaves", "@ann loafs on the couch all Sunday", "loaf-around"),
        over_refused("no mice", "@ann clicks her mouse to open the file", "computer-mouse"),
    ],
)
def test_the_other_number_in_another_sense_is_allowed(restriction, prompt):
    assert_refused(restriction, prompt, False)
