# ruff: noqa: F811 - the famous fixture imported from tests.cameos.test_attacks_round9 is a parameter of the tests
"""Round 11 of attacks: the day's three changes to owners' restrictions and to cameo handles.

Other senses (``other_senses`` in restriction_categories.toml; ``RestrictionCategory.words_deciding``): phrases in
which a lexicon word means something else ("drunk on sunshine", "office politics", "i worship this coffee") do not let
that word decide the text; the classifier still reads the whole text. Attacked both ways: a phrase that swallows a real banned word next to it
(greedy and overlapping matches, a line break inside the phrase, one category's phrase blanking another category's
word in a restriction that names both), a phrase wrapped around a real act, and everyday idioms of the same kind that
the lexicon still refuses.

Kisses of someone's lips without "on" (the second and third romance patterns): evasions in how the name, the
apostrophe, the adjectives and the family word are written, and over-refusals of a child, a pet or a stepchild.

Handles (``cameos.services.verification._check_handle``): a new cameo's handle that names a protected person is
refused with 422 handle_names_protected_person. Disguised handles, and ordinary ones that must still be accepted.

Each test is one attack, named as the product rule it must not break, and asserts the safe outcome: a text that
breaks a restriction is refused (by words where the rule is about words: a lexicon word used in its own sense must
decide the text, as ``test_another_sense_shields_only_its_own_phrase`` asks), and an ordinary text is allowed (for a
keyword over-refusal: no conflict found by keyword; the classifier may still read the text, which is not what these
tests are about). An attack that gets through is kept, marked ``xfail(strict=True)`` with what got through and the code
path responsible. The restriction classifier and the sentence model are real, never mocked.

When written (weights of 2026-12-05 06:09), 24 of these 28 tests had cases that got through (89 of 104 cases):
- by words, every other-sense swallow tried: "i worship this <word>" takes any word not in its deity list, "this book
  is the holy bible", "Oval Office politics", "drunk on the sun deck / power hour / coffee liqueur", "spiked-punch
  drunk", "overdoses on candy flipping", "a bar brawl stars @ann", "the guy who brought the pizza is my soulmate",
  "her boyfriend fit", "flirts with a record-breaking swimmer", "sex of the animal kind", a line break inside the
  phrase, and one category's other sense blanking another's word in "no religion or alcohol";
- by words, 14 kisses of the lips: a dotted handle, "Chris'", a ´ or ` apostrophe, two adjectives, a comma or a
  hyphen before "lips", "bottom lip", "each other's lips", and a family word that is not the one kissed;
- end to end (the classifier missing them too): 4 of the swallows and 10 of the kisses;
- over-refused by words: 23 idioms and 7 kisses (a dog or a baby kissing someone's lips, a stepson, a grandbaby,
  "her little girl", "her baby boy");
- handles: a protected name run into letters ("therealbarackobama", "taylorswiftofficial", "martinlutherkingjr") or
  reversed ("obama_barack") is accepted, and the ordinary "rosey_leslie" is refused.
Held: a phrase wrapped around a real act (all 8 refused by the classifier), an emoji after "i worship this", kisses in
other tenses, capitals, digit swaps and 👄, the kiss of life, a digit-swapped handle, "primrose_leslie".

Fixed since (96 of the 104 cases pass; 8 stay xfail with their reasons; the last 3 fixed after round 12):
- a lexicon word or pattern match is set aside only when it lies wholly inside an other-sense phrase on one line, and
  each category reads only its own phrases (``RestrictionCategory.words_deciding``): "Oval Office", "rum punch",
  "candy flipping", "booger sugar", a line break and a second category's word are no longer swallowed;
- "i worship this" sets aside "worship" only; "the bible" phrase takes no free word; "drunk on ..." not before "hour",
  "deck", "liqueur" and the like; "Brawl Stars" only as a game that is played; a soulmate or the love of one's life
  that is a dog or a pizza only at the start of a clause; "boyfriend fit" only before a garment; "a record" not in
  "record-breaking"; "sex of the animal" not before "kind";
- more other senses from the over-refusals (sugar drunk, a Monday hangover, an overdose of cuteness, group project
  politics, baptized by fire, a style bible, looks like the walking dead, a boyfriend tee, gory details, the honeymoon
  phase, Romance languages, a tour's first date, Livin' on a Prayer, a shootout is a lottery, Sex Pistols, margarita
  pizza, Bong Joon-ho);
- a kiss of the lips: a name with dots, s' and ´ or ` apostrophes, up to three words before "lip" or "lips", the
  exception only for the one kissed being family (not "her baby daddy", "her sister's husband", "a dad she met"), and
  none when a child or a pet gives the kiss; stepchildren and grandbabies and "her little girl" are family;
- handles: screening.name_run_into reads a name run into letters or turned round, and an initial with no full stop
  must stand apart ("rosey_leslie" is accepted).
"""

import pytest

from cameos.models import Cameo
from cameos.restrictions import find_restriction_conflicts
from tests.cameos.test_attacks_round9 import famous  # noqa: F401 - a fixture
from tests.cameos.test_cameo_api import pet_png

NO_KISSING = ["no kissing"]


def refused(restrictions: list[str], text: str) -> bool:
    return bool(find_restriction_conflicts(restrictions, text))


def refused_by_words(restrictions: list[str], text: str) -> bool:
    return any(conflict.how == "keyword" for conflict in find_restriction_conflicts(restrictions, text))


def swallowed(what: str) -> pytest.MarkDecorator:
    """An attack that gets through: a text that breaks the restriction is not refused as it must be."""
    return pytest.mark.xfail(strict=True, reason=f"GOT THROUGH: {what}")


def over_refused(what: str) -> pytest.MarkDecorator:
    """An ordinary text refused by words: the other side's attack, which gets through too."""
    return pytest.mark.xfail(strict=True, reason=f"GOT THROUGH (over-refusal): {what}")


# ==== 1. other senses: a phrase must not swallow the real word next to it =========================================

# When written, the religion phrase "(i|we|...) worship (this|that|...) <word>" set the word after "this" aside too,
# unless it was in a short list of deities and places of worship. It now sets aside "worship" only.


@pytest.mark.parametrize(
    "text",
    [
        "@ann kneels and whispers: i worship this rosary",
        "we worship this imam",
        "@ann in the chapel: i worship this crucifix",
        pytest.param(
            "the villagers chant: we worship this golden calf",
            marks=swallowed(
                "no word of it is in religion's lexicon, so it is left to the classifier, which refuses it (the 'i worship this' phrase now sets aside only 'worship', never what is worshipped)"
            ),
        ),
    ],
)
def test_i_worship_this_never_shields_a_word_of_the_faith_or_a_god_it_does_not_list(text):
    assert refused_by_words(["no religion"], text)


def test_an_emoji_after_i_worship_this_leaves_worship_a_word_of_religion():
    # Held: the text as written has no word after "this" for the phrase to take, so "worship" is still read there.
    assert refused_by_words(["no religion"], "@ann at the altar: i worship this ✝️")
    assert refused_by_words(["no religion"], "i worship this 📿 every night")


def test_the_holy_bible_is_religion_even_when_it_is_called_a_book():
    assert refused_by_words(["no religion"], "@ann holds up a black book: this book is the holy bible")


def test_office_politics_does_not_swallow_the_oval_office():
    assert refused_by_words(["no politics"], "@ann explains Oval Office politics to the press")


@pytest.mark.parametrize(
    "text",
    [
        "@ann gets drunk on the sun deck of the cruise ship",  # "drunk on the sun" ends at a word boundary
        "@ann gets drunk on power hour with her roommates",  # power hour: a shot a minute for an hour
        "@ann is drunk on coffee liqueur",
    ],
)
def test_drunk_on_a_place_a_drinking_game_or_a_liqueur_is_drunk(text):
    assert refused_by_words(["no alcohol"], text)


@pytest.mark.parametrize(
    "text", ["@ann is spiked-punch drunk at the frat party", "@ann is rum punch drunk by noon on the beach"]
)
def test_punch_drunk_does_not_swallow_a_spiked_or_rum_punch(text):
    assert refused_by_words(["no alcohol"], text)


@pytest.mark.parametrize(
    "text", ["@ann overdoses on candy flipping at the rave", "@ann's booger sugar overdose in the club bathroom"]
)
def test_a_sugar_overdose_does_not_swallow_drug_slang(text):
    assert refused_by_words(["no drugs"], text)


def test_brawl_stars_the_game_does_not_shield_a_brawl_that_stars_someone():
    assert refused_by_words(["no violence"], "a bloody bar brawl stars @ann and @bob")


@pytest.mark.parametrize(
    "text",
    ["the guy who brought the pizza is my soulmate", "the barista who made my coffee is the love of my life"],
)
def test_a_person_is_a_soulmate_even_if_the_sentence_mentions_pizza_or_coffee(text):
    assert refused_by_words(NO_KISSING, text)


def test_boyfriend_clothes_do_not_shield_a_boyfriend_who_fits():
    assert refused_by_words(NO_KISSING, "@ann and her boyfriend fit perfectly together in the hammock, cuddling")


def test_flirting_with_a_record_holder_is_still_flirting():
    assert refused_by_words(NO_KISSING, "@ann flirts with a record-breaking swimmer at the pool party")


def test_the_sex_of_an_animal_does_not_shield_sex_of_the_animal_kind():
    assert refused_by_words(["nothing sexual"], "@ann and @bob have sex of the animal kind in a motel")


@pytest.mark.parametrize(
    ("restriction", "text"),
    [
        ("nothing sexual", "@ann and @bob have sex\nEd Sheeran plays on the speaker"),
        ("no politics", "a day at the office\npolitics: @ann on why Dan deserves a second term"),
        ("no smoking", "@ann puffs on a cigar\nbox of matches on the table"),
    ],
)
def test_an_other_sense_phrase_does_not_run_across_a_line_break(restriction, text):
    assert refused_by_words([restriction], text)


@pytest.mark.parametrize(
    ("restriction", "text"),
    [
        ("no religion or alcohol", "@ann raises her glass: i worship this tequila"),
        ("no religion or politics", "@ann waves a flag: we worship this senator"),
        ("no religion, drugs or alcohol", "@ann at the party: i worship this bong"),
        ("no religion or alcohol", "@ann kneels before a statue of the virgin mary"),
    ],
)
def test_one_categorys_other_sense_does_not_shield_another_categorys_word(restriction, text):
    assert refused_by_words([restriction], text)


# ==== 2. other senses wrapped around the real thing ===============================================================


@pytest.mark.parametrize(
    ("restriction", "text"),
    [
        ("no horror", "a game of werewolf turns real: @ann transforms under the full moon and hunts her friends"),
        ("no horror", "@ann and @bob, faces rotting: we are the walking dead and we are hungry for brains"),
        ("no gambling", "@ann buys ten tickets for the People's Postcode Lottery and waits for the draw"),
        ("no ads", "@ann smiles at the camera: want to order now? operators are standing by, call today"),
        ("no alcohol", "@ann orders a virgin mojito and tips rum from her hip flask into it"),
        ("no alcohol", "@ann swears she is no alcoholic while chugging from a flask at 9am"),
        ("nothing sexual", "a hands-on sex ed lesson: @ann and @bob undress each other in the back seat"),
        ("no religion", "i worship this one true god, @ann says, kneeling with her hands pressed together"),
    ],
)
def test_an_other_sense_phrase_wrapped_around_the_real_thing_is_still_refused(restriction, text):
    assert refused([restriction], text)


@pytest.mark.parametrize(
    ("restriction", "text"),
    [
        ("no alcohol", "@ann gets drunk on power hour with her roommates"),
        ("no kissing", "the guy who brought the pizza is my soulmate"),
        ("no kissing", "the barista who made my coffee is the love of my life"),
        ("no kissing", "@ann flirts with a record-breaking swimmer at the pool party"),
        ("no kissing", "@ann kisses Chris' lips"),
        ("no kissing", "@ann kisses @bob´s lips"),
        ("no kissing", "@ann kisses his soft warm lips"),
        ("no kissing", "@ann kisses @bob's cherry-red lips"),
        ("no kissing", "@ann kisses @bob's bottom lip"),
        ("no kissing", "@ann kisses the soft pink lips of @bob"),
        ("no kissing", "@ann kisses the lips of her baby daddy"),
        ("no kissing", "@ann kissing the lips of her sister's husband"),
        ("no kissing", "@ann kisses the lips of a dad she met at the bar"),
        ("no kissing", "@ann kisses her son's teacher's lips"),
    ],
)
def test_a_text_the_words_miss_is_still_refused_end_to_end(restriction, text):
    assert refused([restriction], text)


# ==== 3. over-refusal: everyday idioms of the same kind ===========================================================


@pytest.mark.parametrize(
    ("restriction", "text"),
    [
        ("no alcohol", "@ann is drunk on adrenaline after the rollercoaster"),
        ("no alcohol", "the kids are sugar drunk after the birthday cake"),
        ("no alcohol", "a Monday hangover after the long weekend"),
        ("no drugs", "an overdose of cuteness: three kittens in a basket"),
        ("no politics", "the group project politics are exhausting"),
        ("no religion", "@ann got baptized by fire on her first day as a line cook"),
        ("no religion", "Vogue is my style bible"),
        pytest.param(
            "no horror",
            "we played werewolf at the sleepover",
            marks=over_refused(
                "left on purpose: 'playing werewolf' may be the party game or acting as one; only 'a game of werewolf' or 'the card game werewolf' is set aside"
            ),
        ),
        ("no horror", "@ann looks like the walking dead after finals week"),
        ("no kissing", "@ann wears a boyfriend tee and sneakers"),
        pytest.param(
            "no kissing",
            "@ann flirts with a 4.0 GPA this semester",
            marks=over_refused("no other sense for flirting with a number; left to the lexicon"),
        ),
    ],
)
def test_the_same_idiom_said_a_little_differently_is_not_refused_by_words(restriction, text):
    assert not refused_by_words([restriction], text)


@pytest.mark.parametrize(
    ("restriction", "text"),
    [
        ("no violence", "@ann tells her friends the gory details of her first date"),
        ("no kissing", "the honeymoon phase of a new job"),
        pytest.param(
            "no kissing",
            "this video is a love letter to Tokyo's street food",
            marks=over_refused(
                "'a love letter to' a place or a food has no other_senses entry: a love letter to a person is romance, and telling the two apart by words is left for now"
            ),
        ),
        ("no kissing", "@ann teaches a class on Romance languages"),
        ("no kissing", "the first date of the tour is in Paris"),
        ("no religion", "@ann sings Livin' on a Prayer at karaoke"),
        ("no gambling", "the penalty shootout is a lottery"),
        ("nothing sexual", "@ann wears a Sex Pistols t-shirt at the punk show"),
        ("no alcohol", "@ann eats a margarita pizza on the balcony"),
        ("no drugs", "@ann accepts an award from Bong Joon-ho"),
    ],
)
def test_everyday_idioms_with_a_lexicon_word_are_not_refused_by_words(restriction, text):
    assert not refused_by_words([restriction], text)


@pytest.mark.parametrize("text", ["drunk on sunsh1ne at the beach", "drunk on sunѕhine at the beach"])
@over_refused(
    "the other sense is blanked in every reading, but the text as written keeps its look-alike "
    "('sunsh1ne', a Cyrillic 'ѕ'), so the phrase is not found there and 'drunk' is refused in that reading"
)
def test_an_idiom_written_with_a_look_alike_letter_is_still_an_idiom(text):
    assert not refused_by_words(["no alcohol"], text)


# ==== 4. a kiss of someone's lips, without "on" ===================================================================


def test_other_tenses_capitals_and_digit_swaps_do_not_hide_a_kiss_of_the_lips():
    # Held: the patterns take every tense and any case, the skeleton undoes the digits, and 👄 is read as "mouth".
    for text in (
        "@ann will kiss @bob's lips",
        "@ann KISSED @BOB'S LIPS",
        "@ann k1sses @bob's l1ps",
        "@ann kisses @bob full on the lips",
        "@ann kisses their mouth",
        "@ann kisses @bob's 👄",
    ):
        assert refused_by_words(NO_KISSING, text), text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("@ann kisses @bob_smith's lips", id="underscore"),
        pytest.param("@ann kisses @bobʼs lips", id="modifier-apostrophe"),
        # Got through when written; fixed: a name may hold dots, end in s' and take ´ or ` for its apostrophe.
        pytest.param("@ann kisses @bob.smith's lips", id="dot"),
        pytest.param("@ann kisses Chris' lips", id="s-apostrophe"),
        pytest.param("@ann kisses @bob´s lips", id="acute-accent"),
        pytest.param("@ann kisses @bob`s lips", id="backtick"),
    ],
)
def test_a_kiss_of_someones_lips_is_romance_by_words_however_the_name_is_written(text):
    assert refused_by_words(NO_KISSING, text)


@pytest.mark.parametrize(
    "text",
    [
        "@ann kisses his soft warm lips",
        pytest.param(
            "@ann kisses @bob's soft, pink lips",
            marks=swallowed(
                "romance pattern 2 takes up to three words before 'lips' but no comma between them; the classifier refuses it"
            ),
        ),
        "@ann kisses @bob's cherry-red lips",
        "@ann kisses @bob's bottom lip",
        "@ann kisses the soft pink lips of @bob",
        "@ann and @bob kiss each other's lips",
    ],
)
def test_a_kiss_of_the_lips_is_romance_by_words_with_any_words_before_lips(text):
    assert refused_by_words(NO_KISSING, text)


@pytest.mark.parametrize(
    "text",
    [
        "@ann kisses the lips of her baby daddy",
        "@ann kissing the lips of her sister's husband",
        "@ann kisses the lips of a dad she met at the bar",
        "@ann kisses her son's teacher's lips",
    ],
)
def test_a_family_word_that_is_not_the_one_kissed_does_not_exempt_the_kiss(text):
    assert refused_by_words(NO_KISSING, text)


@pytest.mark.parametrize(
    "text", ["the dog kisses @ann's lips", "the puppy kisses @ann's mouth", "her baby kisses @ann's lips"]
)
def test_a_child_or_a_pet_kissing_an_adults_lips_is_not_romance_by_words(text):
    assert not refused_by_words(NO_KISSING, text)


@pytest.mark.parametrize(
    "text",
    [
        "@ann kisses her stepson's lips",
        "@ann kisses her grandbaby's lips",
        "@ann kissing the lips of her little girl",
        pytest.param(
            "@ann kisses her baby boy on the lips at bedtime",
            marks=over_refused(
                "romance pattern 1 reads who is kissed as the last word before 'on' ('boy'), and 'boy' alone is not in the family list: 'her boy' may be a son or a boyfriend"
            ),
        ),
    ],
)
def test_a_kiss_for_a_stepchild_a_grandbaby_or_a_little_girl_is_not_romance_by_words(text):
    assert not refused_by_words(NO_KISSING, text)


def test_the_kiss_of_life_and_touching_a_childs_lips_are_not_romance_by_words():
    # Held.
    for text in (
        "the paramedic gives him the kiss of life, mouth to mouth",
        "@ann kisses her fingertips and touches her son's lips",
        "@ann puts lip balm on her lips before kissing her daughter goodnight",
    ):
        assert not refused_by_words(NO_KISSING, text), text


# ==== 5. handles that name a protected person ====================================================================


def create_pet_cameo(make_user, client_for, handle: str):
    owner = make_user("owner_o")
    return owner, client_for(owner).post(
        "/api/v1/cameos/", {"kind": "pet", "handle": handle, "media": pet_png()}, format="multipart"
    )


@pytest.mark.parametrize(
    "handle",
    [
        pytest.param("barack0bama_44", id="digit-swap-and-number"),
        # Got through when written (name_regex is word-bounded); fixed: screening.name_run_into reads a handle's
        # letters run together, in order or turned round.
        pytest.param("therealbarackobama", id="letters-before"),
        pytest.param("taylorswiftofficial", id="letters-after"),
        pytest.param("martinlutherkingjr", id="suffix-jr"),
        pytest.param("obama_barack", id="reversed"),
    ],
)
def test_a_handle_that_names_a_protected_person_in_disguise_is_refused(famous, make_user, client_for, handle):
    owner, response = create_pet_cameo(make_user, client_for, handle)

    assert response.status_code == 422, response.content
    assert response.json()["code"] == "handle_names_protected_person"
    assert not Cameo.objects.filter(owner=owner).exists()


@pytest.mark.parametrize(
    "handle",
    [
        pytest.param("primrose_leslie", id="name-inside-a-word"),
        # Over-refused when written (a letter joined to a first name read as a middle initial, "Rose Y. Leslie");
        # fixed: an initial without its full stop must stand apart from the words around it.
        pytest.param("rosey_leslie", id="nickname-ending-in-y"),
    ],
)
def test_an_ordinary_handle_near_a_protected_name_is_accepted(famous, make_user, client_for, handle):
    owner, response = create_pet_cameo(make_user, client_for, handle)

    assert response.status_code == 202, response.content
    assert Cameo.objects.filter(owner=owner, handle=handle).exists()
