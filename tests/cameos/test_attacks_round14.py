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
"""

import pytest

from tests.cameos.test_attacks_round11 import over_refused, refused_by_words, swallowed

# ==== 1. over-refusal: a new word as a name, a place, a league or a comic ========================================


@pytest.mark.parametrize(
    ("restriction", "text"),
    [
        pytest.param(
            "no smoking",
            "@ann reads the Macanudo comic strip by Liniers over breakfast",
            marks=over_refused(
                "'Macanudo' (a cigar brand) is also Liniers' Argentine comic strip and Spanish slang for great; "
                "[tobacco] lexicon, matched whole by term_regex"
            ),
        ),
        pytest.param(
            "no smoking",
            "@ann enrolls at Sampoerna University in Jakarta",
            marks=over_refused(
                "'Sampoerna' (a kretek maker) is also a university and a foundation in Jakarta; [tobacco] lexicon"
            ),
        ),
        pytest.param(
            "no smoking",
            "@ann tours the Sobranie building in Skopje",
            marks=over_refused(
                "'Sobranie' (a cigarette brand) is the parliament of North Macedonia; [tobacco] lexicon"
            ),
        ),
        pytest.param(
            "no gambling",
            "@ann watches Leeds play in the Sky Bet Championship",
            marks=over_refused(
                "'Sky Bet' is the title sponsor in the name of the English Football League (Sky Bet Championship, "
                "League One, League Two); [gambling] lexicon, no other sense for the league"
            ),
        ),
        pytest.param(
            "no gambling",
            "ESPN bets big on streaming, the headline says",
            marks=over_refused(
                "'ESPN Bet' lets 'bet' take -s: 'ESPN bets big' is business news; [gambling] lexicon via term_regex"
            ),
        ),
        pytest.param(
            "no gambling",
            "the Hard Rock bets big on a new Vegas tower",
            marks=over_refused(
                "'Hard Rock Bet' lets 'bet' take -s: the Hard Rock company 'bets big' on a hotel; [gambling] lexicon "
                "via term_regex"
            ),
        ),
        pytest.param(
            "no gambling",
            "@ann rehearses her Puck lines for A Midsummer Night's Dream",
            marks=over_refused(
                "'puck line' lets 'line' take -s: Puck's lines in Shakespeare; [gambling] lexicon via term_regex"
            ),
        ),
        pytest.param(
            "nothing scary",
            "@ann listens to El Cucuy on the morning radio show",
            marks=over_refused(
                "'El Cucuy' (a bogeyman) is also the Latin radio host 'El Cucuy de la Mañana'; [horror] lexicon"
            ),
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
            marks=over_refused(
                "'fatally shot': term_regex cuts 'fatally' to (?:fatally|fat(?:s|es)?), so 'fat shot' of espresso "
                "matches; [violence] lexicon, _word_pattern treating -ally as an inflection"
            ),
        ),
        pytest.param(
            "no violence",
            "@ann's chef says healthy fats shot up in price this year",
            marks=over_refused(
                "'fatally shot' read as 'fats shot' (fatally -> fat(?:s|es)?): prices shot up; [violence] lexicon, "
                "_word_pattern"
            ),
        ),
        pytest.param(
            "no violence",
            "@ann adds a bullet to the header of her resume",
            marks=over_refused(
                "'bullet to the head' lets 'head' take -er: a bullet point in a header; [violence] lexicon via "
                "term_regex (the same hole as round 13's 'headings')"
            ),
        ),
        pytest.param(
            "nothing sexual",
            "the comic strip teases next week's ending",
            marks=over_refused(
                "'strip tease' is stemmed to teass?(...): a comic strip 'teases' matches; [sexual] lexicon via "
                "term_regex"
            ),
        ),
        pytest.param(
            "nothing sexual",
            "the Sunday comic strip teaser shows the dog in a hat",
            marks=over_refused(
                "'strip tease' stemmed to 'teas' + -er: a comic 'strip teaser' matches; [sexual] lexicon via term_regex"
            ),
        ),
        pytest.param(
            "nothing sexual",
            "@ann's new Fortnite skin flickers in the lobby",
            marks=over_refused(
                "'skin flick' lets 'flick' take -ers: a game skin 'flickers'; [sexual] lexicon via term_regex"
            ),
        ),
        pytest.param(
            "no romance",
            "the catcher feels the heat in the ninth inning",
            marks=over_refused(
                "'catching feelings' is catchh?(...) + feell?(...): 'catcher feels' in baseball matches; [romance] "
                "lexicon via term_regex"
            ),
        ),
        pytest.param(
            "no romance",
            "@ann got caught feeling the paintings at the museum",
            marks=over_refused(
                "'caught feelings' lets 'feel' take -ing: caught touching the paintings; [romance] lexicon via "
                "term_regex"
            ),
        ),
        pytest.param(
            "nothing scary",
            "@ann hears police sirens heading down Main Street",
            marks=over_refused(
                "'Siren Head' lets 'siren' take -s and 'head' take -ing: police 'sirens heading' down a street; "
                "[horror] lexicon via term_regex"
            ),
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
            marks=over_refused(
                "'heat-not-burn' (a tobacco device class) is cooking advice without its commas; [tobacco] lexicon, "
                "term_regex joins its words with [\\s\\-_]+"
            ),
        ),
        pytest.param(
            "no violence",
            "@ann's manager sends an email riddled with bullet points",
            marks=over_refused(
                "'riddled with bullets' lets 'bullets' be bullett?(...), so 'riddled with bullet' (points) matches; "
                "[violence] lexicon via term_regex"
            ),
        ),
        pytest.param(
            "no violence",
            "the trainer uses treats to bait dogs into the agility tunnel",
            marks=over_refused(
                "'bait dog' (a dogfighting victim) lets 'dog' take -s: luring dogs with treats; [violence] lexicon"
            ),
        ),
        pytest.param(
            "nothing sexual",
            "@bob opens the campground hookup app to reserve a power site",
            marks=over_refused(
                "'hookup app' is also an RV site's power/water hookup app; [sexual] lexicon, no other sense"
            ),
        ),
        pytest.param(
            "no romance",
            "@ann is smitten with her new puppy",
            marks=over_refused(
                "'smitten with her' is any 'her' subject smitten with a pet; [romance] lexicon, the phrase has no "
                "object check"
            ),
        ),
        pytest.param(
            "no romance",
            "Grandma is totally smitten with him, her first grandson",
            marks=over_refused("'smitten with him' said of a grandmother and a baby; [romance] lexicon"),
        ),
        pytest.param(
            "no gambling",
            "masks protect against the spread of flu",
            marks=over_refused(
                "'against the spread' (a betting line) is the everyday 'against the spread of' a disease or fire; "
                "[gambling] lexicon, no other sense"
            ),
        ),
        pytest.param(
            "nothing scary",
            "@ann takes on the 50-momo challenge at the Nepali restaurant",
            marks=over_refused(
                "'Momo challenge' (a hoax) is also a momo dumpling eating challenge; [horror] lexicon, no other sense"
            ),
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
                "drop the h; [tobacco]"
            ),
        ),
        pytest.param(
            "no violence",
            "zombie knives are now banned in the UK, says @ann",
            marks=swallowed(
                "'zombie knives', the plural: 'zombie knife' gives kniff?(...) and no -ves plural; [violence] lexicon"
            ),
        ),
        pytest.param(
            "no violence",
            "@ann films the warehouse that was fire-bombed overnight",
            marks=swallowed(
                "'fire-bombed' with a hyphen: 'firebombed' is one word, term_regex puts [\\s\\-_]+ only between "
                "words of a term; [violence] lexicon"
            ),
        ),
        pytest.param(
            "nothing sexual",
            "@ann hires a stripagram for the bachelorette",
            marks=swallowed(
                "'stripagram', the common spelling of 'stripogram': only the -o- form is listed; [sexual] lexicon"
            ),
        ),
        pytest.param(
            "nothing sexual",
            "@bob downloads a hook-up app to meet someone tonight",
            marks=swallowed(
                "'hook-up app' with a hyphen: 'hookup' is one word in the lexicon, so no [\\s\\-_]+ inside it; [sexual]"
            ),
        ),
        pytest.param(
            "no romance",
            "@ann is love-sick over @bob",
            marks=swallowed(
                "'love-sick' with a hyphen: 'lovesick' is one word in the lexicon, so no [\\s\\-_]+ inside it; "
                "[romance]"
            ),
        ),
        pytest.param(
            "no gambling",
            "@ann downloads the SkyBet app",
            marks=swallowed(
                "'SkyBet' written as one word: 'Sky Bet' needs [\\s\\-_]+ between its words; [gambling] lexicon"
            ),
        ),
        pytest.param(
            "no gambling",
            "@ann plays on GG Poker",
            marks=swallowed("'GG Poker' with a space: 'GGPoker' is one word in the lexicon; [gambling]"),
        ),
        pytest.param(
            "no gambling",
            "@ann buys a Cash 4 Life ticket",
            marks=swallowed(
                "'Cash 4 Life' with spaces: 'Cash4Life' is one word, (?<!\\w)cash4life(?!\\w); [gambling] lexicon"
            ),
        ),
        pytest.param(
            "nothing scary",
            "@ann tells the story of the tikoloshe under the bed",
            marks=swallowed(
                "'tikoloshe', a common spelling of 'tokoloshe': only the -o- form is listed; [horror] lexicon"
            ),
        ),
    ],
)
def test_a_new_words_own_form_is_refused_by_words(restriction, text):
    assert refused_by_words([restriction], text)
