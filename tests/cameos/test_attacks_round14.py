"""Round 14 of attacks: the words of the last lexicon line of [tobacco], [violence], [gambling], [horror], [romance]
and [sexual] in cameos/restriction_lexicon_more.toml, never attacked before.

Words attacked (matched by ``sora_social.content_policy.screening.term_regex`` through
``RestrictionCategory.words_deciding``): tobacco brands and products (Macanudo, Sampoerna, Sobranie,
heat-not-burn, gutkha), violence phrases (fatally shot, riddled with bullets, bullet to the head, bait dog, zombie
knife, firebombed), sexual words (strip tease, skin flick, hookup app, stripogram), romance phrases (smitten with
her/him, catching/caught feelings, lovesick), gambling brands and terms (Sky Bet, ESPN Bet, Hard Rock Bet, puck line,
against the spread, GGPoker, Cash4Life) and horror monsters (Siren Head, Momo challenge, El Cucuy, tokoloshe).
Attacked both ways: ordinary texts that one of these words refuses anyway (a name, a place, a league or a comic of
that name; another word that term_regex's inflections reach; the same letters in another sense), and the words'
own forms the lexicon misses (a hyphen or a space in a compound, a plural, a common spelling).

Each test is one attack, named as the product rule it must not break, and asserts the safe outcome: a text in the
category is refused by words, an ordinary text is not refused by words (the classifier may still read it; that is
not what these tests are about). An attack that gets through is kept, marked ``xfail(strict=True)`` with what got
through and the code path responsible. The restriction classifier and the sentence model are real, never mocked.

Two things in term_regex (``_word_pattern``) reach most of the over-refusals below: every word of a phrase takes
the inflection suffixes (-s, -es, -ed, -ing, -er, -ers, ...) on a stem that may drop a final letter ("head" takes
"header", "tease" becomes "teas" and takes "teaser", "flick" takes "flickers", "catch" takes "catcher"), and a word
ending in an inflection-like "-ally" is cut back to its stem ("fatally" also matches "fat" and "fats").

When written (the weights in the tree), all 4 tests had cases that got through (35 of 35 cases):
- over-refused by words, all 25 tried: names (the Macanudo comic strip, Sampoerna University, the Sobranie in
  Skopje, the Sky Bet Championship, "ESPN bets big", "the Hard Rock bets big", Puck's lines in A Midsummer Night's
  Dream, El Cucuy the radio host), other words that term_regex's inflections reach ("a fat shot of espresso", "fats
  shot up in price", "a bullet to the header", "the comic strip teases", "strip teaser", "skin flickers", "the
  catcher feels", "caught feeling the paintings", "sirens heading") and the same letters in another sense ("heat not
  burn the garlic", "riddled with bullet points", "bait dogs into the agility tunnel", "the campground hookup app",
  "smitten with her new puppy", "smitten with him, her first grandson", "against the spread of flu", "the 50-momo
  challenge");
- swallowed by words, all 10 forms tried ("gutka", "zombie knives", "fire-bombed", "stripagram", "hook-up app",
  "love-sick", "SkyBet", "GG Poker", "Cash 4 Life", "tikoloshe").

Fixed since (33 of the 35 cases pass; 2 stay xfail with their reasons): the 23 words that reached ordinary texts are
out of the lexicon and left to the classifier (Macanudo, Sampoerna, Sobranie, Sky Bet, ESPN Bet, Hard Rock Bet, puck
line, El Cucuy, fatally shot, bullet to the head, strip tease, skin flick, catching and caught feelings, Siren Head,
heat-not-burn, riddled with bullets, bait dog, hookup app, smitten with her and him, against the spread, Momo
challenge), and the missed forms are words of their own (zombie knives, fire-bombed, stripagram, love-sick, SkyBet,
GG Poker, Cash 4 Life, tikoloshe).
"""

import pytest

from tests.cameos.test_attacks_round11 import refused_by_words, swallowed

# ==== 1. over-refusal: a new word as a name, a place, a league or a comic ========================================


@pytest.mark.parametrize(
    ("restriction", "text"),
    [
        pytest.param(
            "no smoking",
            "@ann reads the Macanudo comic strip by Liniers over breakfast",
        ),
        pytest.param(
            "no smoking",
            "@ann enrolls at Sampoerna University in Jakarta",
        ),
        pytest.param(
            "no smoking",
            "@ann tours the Sobranie building in Skopje",
        ),
        pytest.param(
            "no gambling",
            "@ann watches Leeds play in the Sky Bet Championship",
        ),
        pytest.param(
            "no gambling",
            "ESPN bets big on streaming, the headline says",
        ),
        pytest.param(
            "no gambling",
            "the Hard Rock bets big on a new Vegas tower",
        ),
        pytest.param(
            "no gambling",
            "@ann rehearses her Puck lines for A Midsummer Night's Dream",
        ),
        pytest.param(
            "nothing scary",
            "@ann listens to El Cucuy on the morning radio show",
        ),
    ],
)
def test_a_name_or_a_place_spelled_like_a_new_word_is_not_refused_by_words(restriction, text):
    assert not refused_by_words([restriction], text)


# ==== 2. over-refusal: another word that a new word's inflections reach ===========================================


@pytest.mark.parametrize(
    ("restriction", "text"),
    [
        pytest.param(
            "no violence",
            "@ann orders a fat shot of espresso in her latte",
        ),
        pytest.param(
            "no violence",
            "@ann's chef says healthy fats shot up in price this year",
        ),
        pytest.param(
            "no violence",
            "@ann adds a bullet to the header of her resume",
        ),
        pytest.param(
            "nothing sexual",
            "the comic strip teases next week's ending",
        ),
        pytest.param(
            "nothing sexual",
            "the Sunday comic strip teaser shows the dog in a hat",
        ),
        pytest.param(
            "nothing sexual",
            "@ann's new Fortnite skin flickers in the lobby",
        ),
        pytest.param(
            "no romance",
            "the catcher feels the heat in the ninth inning",
        ),
        pytest.param(
            "no romance",
            "@ann got caught feeling the paintings at the museum",
        ),
        pytest.param(
            "nothing scary",
            "@ann hears police sirens heading down Main Street",
        ),
    ],
)
def test_another_word_that_a_new_words_inflections_reach_is_not_refused_by_words(restriction, text):
    assert not refused_by_words([restriction], text)


# ==== 3. over-refusal: an everyday phrase with a new word's letters in another sense ===============================


@pytest.mark.parametrize(
    ("restriction", "text"),
    [
        pytest.param(
            "no smoking",
            "you want to heat not burn the garlic in the pan",
        ),
        pytest.param(
            "no violence",
            "@ann's manager sends an email riddled with bullet points",
        ),
        pytest.param(
            "no violence",
            "the trainer uses treats to bait dogs into the agility tunnel",
        ),
        pytest.param(
            "nothing sexual",
            "@bob opens the campground hookup app to reserve a power site",
        ),
        pytest.param(
            "no romance",
            "@ann is smitten with her new puppy",
        ),
        pytest.param(
            "no romance",
            "Grandma is totally smitten with him, her first grandson",
        ),
        pytest.param(
            "no gambling",
            "masks protect against the spread of flu",
        ),
        pytest.param(
            "nothing scary",
            "@ann takes on the 50-momo challenge at the Nepali restaurant",
        ),
    ],
)
def test_an_everyday_phrase_with_a_new_words_letters_in_another_sense_is_not_refused_by_words(restriction, text):
    assert not refused_by_words([restriction], text)


# ==== 4. evasion: a new word's own form that the lexicon misses ====================================================


@pytest.mark.parametrize(
    ("restriction", "text"),
    [
        pytest.param(
            "no smoking",
            "@ann gets a gutka pouch from the paan shop",
            marks=swallowed(
                "'gutka', the common spelling of 'gutkha': the lexicon has only 'gutkha' and term_regex does not "
                "drop the h; [tobacco]. Left on purpose: a gutka is also a Sikh prayer book"
            ),
        ),
        pytest.param(
            "no violence",
            "zombie knives are now banned in the UK, says @ann",
        ),
        pytest.param(
            "no violence",
            "@ann films the warehouse that was fire-bombed overnight",
        ),
        pytest.param(
            "nothing sexual",
            "@ann hires a stripagram for the bachelorette",
        ),
        pytest.param(
            "nothing sexual",
            "@bob downloads a hook-up app to meet someone tonight",
            marks=swallowed(
                "'hook-up app' with a hyphen: 'hookup' is one word in the lexicon, so no [\\s\\-_]+ inside it; [sexual]. "
                "Since then 'hookup app' is out of the lexicon too (a campground's power-hookup app), left to the classifier"
            ),
        ),
        pytest.param(
            "no romance",
            "@ann is love-sick over @bob",
        ),
        pytest.param(
            "no gambling",
            "@ann downloads the SkyBet app",
        ),
        pytest.param(
            "no gambling",
            "@ann plays on GG Poker",
        ),
        pytest.param(
            "no gambling",
            "@ann buys a Cash 4 Life ticket",
        ),
        pytest.param(
            "nothing scary",
            "@ann tells the story of the tikoloshe under the bed",
        ),
    ],
)
def test_a_new_words_own_form_is_refused_by_words(restriction, text):
    assert refused_by_words([restriction], text)
