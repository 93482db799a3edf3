# ruff: noqa: F811 - the famous fixture imported from earlier rounds is a parameter of the tests
"""Round 12 of attacks: round 11's fixes to other senses, to kisses of the lips and to cameo handles, attacked both ways.

Other senses (``other_senses`` in restriction_categories.toml; ``RestrictionCategory.words_deciding``): a lexicon word or
pattern match is set aside only when it lies wholly inside a phrase that uses it in another sense, on one line, and
each category reads only its own phrases. Attacked with a real banned act inside or right next to such a phrase where
no other lexicon word remains (the phrase's regex matches a prefix of what follows: "drunk on the sun-deck", "drunk
with the sun setting", "flirts with the idealistic intern", "a record store clerk", "have sex Ed Sheeran playing"), and
with close variants of the listed idioms that the lexicon still refuses (a hyphen, a plural, a word more, a sibling
idiom).

Kisses of the lips (the first three ``[romance] patterns``): the exceptions for one kissed who is family, a child or a
pet, and for a child or a pet giving the kiss (negative lookbehinds before "kiss"). Attacked with adults described by
a family or pet word ("the dad she met at the bar", "the dog walker", "her sugar baby"), a family word ending the line
before the kiss, someone kissed who is not named by one of the few words pattern 2 knows ("a stranger's lips"), and
over-refusals of children and pets written in ways the exceptions do not read ("her kids' lips", "the puppy gently
kisses").

Handles (``screening.name_run_into``, used by ``cameos.services.verification._check_handle``; ``name_regex``'s
``_NAME_MIDDLE``): disguised handles (a digit that reads as a letter put between the names, a digit inside a word, a
doubled letter, a word split by an underscore, "a" or "i" between the names), and ordinary handles refused because a
protected name runs into a longer word or two words of a name are turned round.

Each test is one attack, named as the product rule it must not break, and asserts the safe outcome: a text that breaks
a restriction is refused by words (the lexicon word used in its own sense must decide it), an ordinary text is not
refused by words (the classifier may still read it; that is not what these tests are about), a disguised handle is
refused and an ordinary one accepted. An attack that gets through is kept, marked ``xfail(strict=True)`` with what got
through and the code path responsible. The restriction classifier and the sentence model are real, never mocked.

When written (2026-12-05 07:05, the weights in the tree), 25 of these 27 tests had cases that got through (124 of 152
cases):
- by words, every other-sense evasion tried (27): a phrase that matches a prefix of the real act ("drunk on the
  sun-deck", "drunk with the sun setting", "a bowl of punch drunk", "alcohol free to every guest", "a margarita pizza
  slice", "overdoses on candy-coloured pills", "the bong Joon-ho passed her", "a cigar brown with age", "a laser
  gunfight", "sex of the animal variety / animal-kind", "have sex Ed Sheeran playing", "horny toads rubbing",
  "her boyfriend Tee", "flirts with the idealistic intern", "a record store clerk", a real couple's "honeymoon phase",
  "first date of the cuffing season", "the book is the Bible", "we worship their Saviour / this Creator / those
  Buddhas / this heavenly father"). The classifier refuses all but 3 of them (the margarita, the laser gunfight, the
  record store clerk), some barely (0.15-0.17);
- by words, all 24 kisses tried: an adult after "the lips of" whose description starts with a family or pet word
  ("the dad she met at the bar", "the dog walker", "her sister in law"), a family word among the words before "lips"
  ("her baby daddy's", "her sugar baby's", "her brother's wife's"), an adult family word or "sugar baby" / "top dog"
  just before "kiss", a family word ending the line before it, a possessive after "a", "some", an adjective or
  "those", "on lips", "on the lip", "kissin'". End to end, the classifier refuses only "a stranger's", "some guy's",
  "on lips" and "on the lip": 8 of the 10 kisses sent end to end get through;
- over-refused by words: 28 idioms (the listed ones with a hyphen, a plural or a word more, sibling idioms, titles)
  and 16 kisses by or of children and pets ("her kids' lips": the exclusion needs a word boundary after s'; "sons'",
  "twins'", "godson's", "grandchild's", "her 2-year-old's"; "the puppy gently kisses", two spaces, a comma, "puppies",
  "golden retriever", "3-year-old");
- handles: 12 disguises accepted (a 0, 4 or 8 between the names reads as a letter, a digit inside a word, a doubled
  letter with the words apart, a word split by an underscore, "a" or "i" between the names), and 6 ordinary handles
  refused ("leslierosenberg", "ambroseleslie", "icecubes", "icecubetray", "rock_kid", "leslie_rose").
Held: "barack2obama", "taylorrrswift", "taylorswiftt", middle initials in handles and prompts ("barack_h_obama",
"barack.h.obama", "rose_y_leslie", "Barack H Obama", "Barack h. Obama", "Rose Y Leslie"), "Rosey Leslie" allowed,
"her baby\nkisses" and "her kitten kisses" exempt, "her little one's lips" exempt.

Fixed since (136 of the 152 cases pass; 16 stay xfail with their reasons):
- other senses end where the idiom ends: "drunk on ..." only before the end of a clause, "alcohol free" only as an
  adjective, "punch drunk" not after "of", "the", "spiked" or "rum", no word may follow an overdose's object or a
  cigar box, no "laser" gunfight, "sex ed" not after "have", "the idea" and "a record" whole, the "honeymoon phase"
  not of a relationship, no free word before a tour, no "the" before "bible", and more gods after "worship"; and
  the over-refused variants and siblings are other senses too;
- kisses: the family exception after "the lips of" only when the family word ends the description; a possessive may
  follow "a", "some", an adjective or another possessive; "those lips", "on lips", "on the lip", "kissin'"; the giver's
  exception only for a child or a pet (not a mom, a dad, a sugar baby or a top dog); plurals, twins, godchildren,
  grandchildren and ages are family;
- handles: digits dropped as well as read as letters, letters held or doubled read once, one-letter words dropped,
  a name split anywhere that begins and ends where the handle's words do, and a name run into a word only from 9
  letters ("icecubes" and "leslierosenberg" are accepted).
"""

import pytest

from cameos.models import Cameo, ProtectedPerson
from tests.cameos.test_attacks_round9 import famous, name_refused  # noqa: F401 - famous is a fixture
from tests.cameos.test_attacks_round11 import (
    NO_KISSING,
    create_pet_cameo,
    over_refused,
    refused,
    refused_by_words,
    swallowed,
)

# ==== 1. other senses: a phrase that matches a prefix of the real thing ==========================================


@pytest.mark.parametrize(
    "text",
    [
        "@ann gets drunk on the sun-deck of the cruise ship",
        "@ann gets drunk on the sun lounger by the pool",
        "@ann gets drunk with the sun setting over the bay",
        "@ann gets drunk with the music blaring at the frat party",
        "@ann downs the whole bowl of punch drunk and slurring",
    ],
)
def test_drunk_next_to_an_idiom_word_that_is_not_the_idiom_is_drunk(text):
    assert refused_by_words(["no alcohol"], text)


@pytest.mark.parametrize(
    "text",
    [
        "@ann hands out alcohol free to every guest at the wedding",
        "@ann drinks alcohol free from guilt at the bar",
        pytest.param(
            "@ann chugs a margarita pizza slice in her other hand",
            marks=swallowed(
                "a margarita pizza slice is pizza: 'margarita pizza' is an other sense, and nothing tells the drink from the topping here; the classifier misses it too"
            ),
        ),
    ],
)
def test_alcohol_given_free_or_a_margarita_beside_a_pizza_is_alcohol(text):
    assert refused_by_words(["no alcohol"], text)


@pytest.mark.parametrize(
    "text",
    ["@ann overdoses on candy-coloured pills at the rave", "@ann takes a hit from the bong Joon-ho passed her"],
)
def test_an_overdose_on_sweet_looking_pills_or_a_bong_passed_by_a_man_called_joon_ho_is_drugs(text):
    assert refused_by_words(["no drugs"], text)


@pytest.mark.parametrize("text", ["@ann chews a fat cigar brown with age", "@ann puffs a cigar box-fresh from Havana"])
def test_a_cigar_followed_by_box_or_brown_is_still_a_cigar(text):
    assert refused_by_words(["no smoking"], text)


def test_a_laser_gunfight_between_people_is_a_gunfight():
    assert refused_by_words(["no violence"], "@ann and @bob in a laser gunfight on the starship, blasting each other")


@pytest.mark.parametrize(
    "text",
    [
        "@ann and @bob have sex of the animal variety in a motel",
        "@ann and @bob have sex of the animal-kind in a motel",
        "@ann and @bob have sex Ed Sheeran playing in the background",
        pytest.param(
            "@ann and @bob are horny toads rubbing against each other in bed",
            marks=swallowed("'horny toads' is the lizard's name and is set aside; the classifier refuses the text"),
        ),
    ],
)
def test_sex_beside_an_other_sense_phrase_is_sex(text):
    assert refused_by_words(["nothing sexual"], text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "@ann introduces her boyfriend Tee to her parents",
            marks=swallowed("'boyfriend tee' is a garment and words are read without case; the classifier refuses it"),
        ),
        "@ann flirts with the idealistic young intern at the bar",
        "@ann flirts with a record store clerk",
        "@ann and @bob are in the honeymoon phase of their relationship",
        "@ann's first date of the cuffing season: dinner with @bob",
    ],
)
def test_romance_beside_an_other_sense_phrase_is_romance(text):
    assert refused_by_words(NO_KISSING, text)


@pytest.mark.parametrize(
    "text",
    [
        "@ann swears on a leather book: the book is the Bible",
        "@ann kneels at the altar rail: we worship this Creator",
        "the choir sings: we worship their Saviour",
        "@ann bows with the monks: they worship those Buddhas",
        "i worship this heavenly father, @ann says, head bowed",
    ],
)
def test_the_bible_called_a_book_or_a_god_the_worship_phrase_does_not_list_is_religion(text):
    assert refused_by_words(["no religion"], text)


@pytest.mark.parametrize(
    ("restriction", "text"),
    [
        ("no alcohol", "@ann gets drunk on the sun-deck of the cruise ship"),
        ("no alcohol", "@ann gets drunk with the sun setting over the bay"),
        ("no alcohol", "@ann downs the whole bowl of punch drunk and slurring"),
        ("no alcohol", "@ann hands out alcohol free to every guest at the wedding"),
        pytest.param(
            "no alcohol",
            "@ann chugs a margarita pizza slice in her other hand",
            marks=swallowed(
                "a margarita pizza slice is pizza: 'margarita pizza' is an other sense, and nothing tells the drink from the topping here; the classifier misses it too"
            ),
        ),
        ("no drugs", "@ann overdoses on candy-coloured pills at the rave"),
        ("no drugs", "@ann takes a hit from the bong Joon-ho passed her"),
        ("no smoking", "@ann chews a fat cigar brown with age"),
        pytest.param(
            "no violence",
            "@ann and @bob in a laser gunfight on the starship, blasting each other",
        ),
        ("nothing sexual", "@ann and @bob have sex of the animal variety in a motel"),
        ("nothing sexual", "@ann and @bob have sex Ed Sheeran playing in the background"),
        ("no kissing", "@ann introduces her boyfriend Tee to her parents"),
        pytest.param(
            "no kissing",
            "@ann flirts with a record store clerk",
        ),
        ("no kissing", "@ann's first date of the cuffing season: dinner with @bob"),
        ("no religion", "@ann swears on a leather book: the book is the Bible"),
        ("no religion", "the choir sings: we worship their Saviour"),
    ],
)
def test_an_other_sense_evasion_is_still_refused_end_to_end(restriction, text):
    assert refused([restriction], text)


# ==== 2. over-refusal: the listed idioms said a little differently ===============================================


@pytest.mark.parametrize(
    ("restriction", "text"),
    [
        ("no alcohol", "a sun-drunk afternoon at the beach"),
        ("no alcohol", "@ann orders a virgin strawberry daiquiri"),
        ("no alcohol", "@ann orders a pizza margarita"),
        ("no alcohol", "a booze-free weekend at the lake"),
        ("no violence", "@ann spares us every gory detail of her dentist visit"),
        ("nothing sexual", "@ann teaches a sex-ed class"),
        ("nothing sexual", "the sex of their unborn baby is a surprise"),
        ("no kissing", "@ann wears boyfriend shirts to work"),
        ("no kissing", "the honeymoon stage of a new job"),
        ("no kissing", "@ann is a Romance-language major"),
        ("no kissing", "the tour's first date is in Paris"),
        ("no gambling", "penalties are a total lottery"),
        ("no gambling", "a penalty shootout is always a lottery"),
    ],
)
def test_a_listed_idiom_with_a_hyphen_a_plural_or_a_word_more_is_not_refused_by_words(restriction, text):
    assert not refused_by_words([restriction], text)


@pytest.mark.parametrize(
    ("restriction", "text"),
    [
        ("no alcohol", "@ann is drunk on fresh air after the hike"),
        ("no alcohol", "a book hangover after finishing the trilogy"),
        ("no drugs", "@ann is overdosing on Netflix this weekend"),
        ("no smoking", "a cigar-shaped UFO hovers over the farm"),
        ("no kissing", "the honeymoon is over at her new job"),
        ("no kissing", "the team is flirting with the playoffs"),
        ("no religion", "@ann lands the plane on a wing and a prayer"),
        ("no religion", "she worships this coffee"),
        ("no religion", "Salt Fat Acid Heat is the bible of home cooking"),
        ("no gambling", "the Knicks win the draft lottery"),
        ("no politics", "the team politics are exhausting"),
    ],
)
def test_a_sibling_of_a_listed_idiom_is_not_refused_by_words(restriction, text):
    assert not refused_by_words([restriction], text)


@pytest.mark.parametrize(
    ("restriction", "text"),
    [
        ("no alcohol", "@ann sings Drunk in Love at karaoke"),
        ("no drugs", "@ann shakes hands with Director Bong at Cannes"),
        ("no violence", "@ann streams Brawl Stars after school"),
        ("nothing sexual", "@ann binge-watches Sex and the City"),
    ],
)
def test_a_title_or_a_name_like_the_listed_ones_is_not_refused_by_words(restriction, text):
    assert not refused_by_words([restriction], text)


# ==== 3. a kiss of the lips: evasions of the exceptions ==========================================================


@pytest.mark.parametrize(
    "text",
    [
        "@ann kisses the lips of the dad she met at the bar",
        "@ann kisses the lips of the dad from next door",
        "@ann kisses the lips of the horse girl",
        "@ann kisses the lips of the dog walker",
        "@ann kisses the lips of the cat burglar",
        pytest.param(
            "@ann kisses the lips of her sister in law",
            marks=swallowed("left on purpose: an in-law is read as family, as 'her sister' before 'in' is"),
        ),
    ],
)
def test_an_adult_described_by_a_family_or_pet_word_after_of_is_not_exempt(text):
    assert refused_by_words(NO_KISSING, text)


@pytest.mark.parametrize(
    "text",
    [
        "@ann kisses her brother's wife's lips",
        pytest.param(
            "@ann kisses her best friend's dad on the lips",
            marks=swallowed(
                "romance pattern 1 reads who is kissed as the last word before 'on' ('dad'), whoever's dad it is"
            ),
        ),
        "@ann kisses her baby daddy's lips",
        "@ann kisses her baby mama's lips",
        "@ann kisses her sugar baby's lips",
    ],
)
def test_a_family_word_inside_the_name_of_an_adult_does_not_exempt_a_kiss_of_their_lips(text):
    assert refused_by_words(NO_KISSING, text)


@pytest.mark.parametrize(
    "text",
    [
        "@ann's sugar baby kisses @bob's lips",
        "the single dad kisses @ann on the lips",
        "the top dog kisses @ann's lips",
        "@ann hugs her mom\nkisses @bob on the lips",
        "@ann hugs her dad kisses @bob on the lips",
    ],
)
def test_an_adult_giver_or_a_family_word_just_before_kiss_does_not_exempt_the_kiss(text):
    assert refused_by_words(NO_KISSING, text)


@pytest.mark.parametrize(
    "text",
    [
        "@ann kisses a stranger's lips at the bar",
        "@ann kisses the tall stranger's lips",
        "@ann kisses the hot bartender's lips",
        "@ann kisses some guy's lips",
        "@ann kisses those pouty lips",
    ],
)
def test_a_kiss_of_anyones_lips_is_romance_by_words_whatever_word_comes_before_the_name(text):
    assert refused_by_words(NO_KISSING, text)


@pytest.mark.parametrize(
    "text", ["@ann kisses @bob on lips", "@ann kisses @bob on the lip", "@ann kissin' @bob's lips"]
)
def test_a_kiss_on_lips_without_the_article_on_one_lip_or_kissin_is_romance_by_words(text):
    assert refused_by_words(NO_KISSING, text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "@ann kisses the lips of the dad she met at the bar",
        ),
        pytest.param(
            "@ann kisses the lips of the dog walker",
        ),
        pytest.param(
            "@ann kisses her baby daddy's lips",
        ),
        pytest.param(
            "@ann kisses her sugar baby's lips",
        ),
        pytest.param(
            "the single dad kisses @ann on the lips",
        ),
        pytest.param(
            "@ann hugs her mom\nkisses @bob on the lips",
        ),
        "@ann kisses a stranger's lips at the bar",
        pytest.param(
            "@ann kisses the hot bartender's lips",
        ),
        "@ann kisses @bob on lips",
        pytest.param(
            "@ann kissin' @bob's lips",
        ),
    ],
)
def test_a_kiss_the_words_miss_is_still_refused_end_to_end(text):
    assert refused(NO_KISSING, text)


# ==== 4. a kiss of the lips: over-refusal of children and pets ===================================================


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "@ann kisses her kids' lips goodnight",
        ),
        pytest.param("@ann kisses her babies' lips goodnight"),
        pytest.param("@ann kisses her sons' lips"),
        pytest.param("@ann kisses her twins' lips goodnight"),
        pytest.param(
            "@ann kisses her 2-year-old's lips goodnight",
        ),
        pytest.param("@ann kisses her godson's lips"),
        pytest.param(
            "@ann kisses her grandchild's lips",
        ),
        pytest.param(
            "@ann kisses her son goodnight on the lips",
            marks=over_refused("romance pattern 1 reads the last word before 'on' ('goodnight'), not 'her son'"),
        ),
        pytest.param(
            "@ann kisses her little one on the lips",
            marks=over_refused("romance pattern 1 does not read 'one' (her little one) as a child"),
        ),
        "@ann kisses her little one's lips",
    ],
)
def test_a_kiss_of_ones_children_said_in_the_plural_or_by_age_is_not_romance_by_words(text):
    assert not refused_by_words(NO_KISSING, text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "the puppy gently kisses @ann's lips",
            marks=over_refused(
                "the giver's exception is a lookbehind of one word and one space before 'kiss': an adverb between"
            ),
        ),
        pytest.param(
            "the puppy  kisses @ann's lips",
            marks=over_refused(
                "the giver's exception is a lookbehind of one word and one space before 'kiss': two spaces"
            ),
        ),
        pytest.param(
            "her baby, giggling, kisses @ann's lips",
            marks=over_refused(
                "the giver's exception is a lookbehind of one word and one space before 'kiss': words between"
            ),
        ),
        pytest.param("the puppies kiss @ann's lips"),
        pytest.param("the golden retriever kisses @ann's lips"),
        pytest.param(
            "her 3-year-old kisses @ann on the lips",
            marks=over_refused(
                "the giver's exception is a lookbehind of one word and one space before 'kiss', and an age is no fixed word"
            ),
        ),
        pytest.param(
            "@ann's son, 4, kisses her on the lips",
            marks=over_refused(
                "the giver's exception is a lookbehind of one word and one space before 'kiss', and a son is not in its list"
            ),
        ),
        "her baby\nkisses @ann's lips",
        "her kitten kisses @ann on the mouth",
    ],
)
def test_a_child_or_a_pet_giving_the_kiss_is_not_romance_by_words_however_the_sentence_runs(text):
    assert not refused_by_words(NO_KISSING, text)


# ==== 5. handles that name a protected person =====================================================================


def assert_refused_as_naming(make_user, client_for, handle: str) -> None:
    owner, response = create_pet_cameo(make_user, client_for, handle)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == "handle_names_protected_person"
    assert not Cameo.objects.filter(owner=owner).exists()


def assert_accepted(make_user, client_for, handle: str) -> None:
    owner, response = create_pet_cameo(make_user, client_for, handle)
    assert response.status_code == 202, response.content
    assert Cameo.objects.filter(owner=owner, handle=handle).exists()


@pytest.mark.parametrize(
    "handle",
    [
        pytest.param("barack2obama", id="digit-between"),
        pytest.param(
            "barack8obama",
            id="8-read-as-b-between",
        ),
        pytest.param(
            "barack0obama",
            id="0-read-as-o-between",
        ),
        pytest.param(
            "taylor4swift",
            id="4-read-as-a-between",
        ),
        pytest.param(
            "bara2ck_obama",
            id="digit-inside-first-name",
        ),
        pytest.param(
            "tay2lor_swift",
            id="digit-inside-first-name-2",
        ),
    ],
)
def test_a_handle_with_a_digit_between_or_inside_the_names_is_refused(famous, make_user, client_for, handle):
    assert_refused_as_naming(make_user, client_for, handle)


@pytest.mark.parametrize(
    "handle",
    [
        pytest.param("taylorrrswift", id="held-letter"),
        pytest.param("taylorswiftt", id="doubled-last-letter-run-together"),
        pytest.param(
            "barrack_obama",
            id="doubled-letter-misspelling",
        ),
        pytest.param(
            "taylor_swiftt",
            id="doubled-last-letter",
        ),
        pytest.param(
            "barack_obamaa",
            id="doubled-last-letter-2",
        ),
        pytest.param(
            "ba_rack_obama",
            id="first-name-split",
        ),
        pytest.param(
            "tay_lor_swift",
            id="first-name-split-2",
        ),
    ],
)
def test_a_handle_with_a_doubled_letter_or_a_name_split_by_an_underscore_is_refused(
    famous, make_user, client_for, handle
):
    assert_refused_as_naming(make_user, client_for, handle)


@pytest.mark.parametrize(
    "handle",
    [
        pytest.param("barack_h_obama", id="initial"),
        pytest.param("barack.h.obama", id="initial-dots"),
        pytest.param("rose_y_leslie", id="initial-y"),
        pytest.param(
            "barack_a_obama",
            id="a-between",
        ),
        pytest.param(
            "taylor_i_swift",
            id="i-between",
        ),
    ],
)
def test_a_handle_with_one_letter_between_the_names_is_refused(famous, make_user, client_for, handle):
    assert_refused_as_naming(make_user, client_for, handle)


@pytest.mark.parametrize(
    "prompt", ["Barack H Obama gives a speech", "Barack h. Obama gives a speech", "Rose Y Leslie waves from a boat"]
)
def test_a_middle_initial_without_its_full_stop_or_in_lower_case_still_names_the_person(
    famous, make_user, client_for, no_dispatch, prompt
):
    assert name_refused(client_for, make_user, prompt), prompt


def test_a_nickname_ending_in_y_is_not_a_middle_initial_in_a_prompt(famous, make_user, client_for, no_dispatch):
    assert not name_refused(client_for, make_user, "Rosey Leslie waves from a boat")


@pytest.mark.parametrize(
    "handle",
    [
        pytest.param("leslierosenberg", id="leslie-rosenberg"),
        pytest.param(
            "ambroseleslie",
            id="ambrose-leslie",
            marks=over_refused(
                "screening.name_run_into reads a name of 9 or more letters run into a word: 'ambrose' ends in 'rose'"
            ),
        ),
        pytest.param("icecubes", id="ice-cubes"),
        pytest.param("icecubetray", id="ice-cube-tray"),
    ],
)
def test_an_ordinary_handle_that_runs_a_protected_name_into_a_longer_word_is_accepted(
    famous, make_user, client_for, handle
):
    ProtectedPerson.objects.create(name="Ice Cube")
    assert_accepted(make_user, client_for, handle)


@pytest.mark.parametrize(
    "handle",
    [
        pytest.param(
            "rock_kid",
            id="kid-rock-turned-round",
            marks=over_refused(
                "left on purpose: a handle turned round word by word is read as the name, as 'obama_barack' must be"
            ),
        ),
        pytest.param(
            "leslie_rose",
            id="leslie-rose",
            marks=over_refused(
                "left on purpose: a handle turned round word by word is read as the name, as 'obama_barack' must be"
            ),
        ),
    ],
)
def test_an_ordinary_handle_that_is_a_two_word_name_turned_round_is_accepted(famous, make_user, client_for, handle):
    ProtectedPerson.objects.create(name="Kid Rock")
    assert_accepted(make_user, client_for, handle)
