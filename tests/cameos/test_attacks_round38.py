"""Attack round 38 on the restriction parser (cameos/restrictions.py): answers to "What should never appear with
your cameo?" as people really type them on a phone or say them to one.

Angle: misspellings and fat-finger typos of the categories' own words ("alchohol", "acohol", "politcs",
"polotics", "ciggarettes", "vapeing", "sexaul", "nudaty", "voilence", "gamblin", "relegion", "profanaty",
"swaring", "horor", "romace", "brnads", "tobbaco", "advertisments", "religous"); autocorrect's substitutions
("alcoholic", "smocking", "ducking"); dictation transcripts (no punctuation, run-on bans, "comma", "period", "full
stop" and "new line" spoken as words, "um", "hey Siri", "please and thank you"); missing spaces ("nopolitics",
"no-alcohol-ever", "no alcohol,no drugs"); letters held down ("nooo drinkinggg", "NOOOO POLITICSSSS"); text-speak
and algospeak ("n0 b00ze", "pls no weed thx", "no smokin", "seggs", "unalive", "plz no voilence thnx"). Then
guards: a typo inside an allowance must not turn it into a ban ("swearing is fne", "alchohol is ok", "politcs r fine
by me"), and words one letter away from a category's word, or holding its letters, that mean something else
("gamboling lambs", "horrid weather", "sax solos", "polite", "Voilà", "sexton", "Essex", "sexagenarian",
"Brandon", "brandy", "potluck", "sweating", "relegation", "profits").

Each case asserts the full set of categories a careful reader derives, on the project's decided readings (PG =
{sexual, violence, drugs, profanity}; ruling out romance rules out sexual; an allowance of a whole category by its
head word makes a narrower ban in it a topic, an allowance of one thing leaves the ban whole; an exception to a ban
keeps the ban whole; allowances are not bans; the stricter reading wins when unclear), the topics named beyond a
category, and no junk topic. A misspelt category word read as its category expects no topic at all (``need=()``,
``ok=()``), as a plain category ban does in round 26: the misspelling is the category's word, not a topic beside
it; a word narrower than its category may stay a topic (``ok``). Judgement calls are commented beside their case.

79 cases in 7 tests; 33 got through when written (one expectation was mended after the first run, with its
reason beside it: "i hate rain" is a rule by the README, not a reason). Misspelt category words are kept as topics
and lose their category: "acohol", "aclohol", "politcs", "polotics", "ciggarettes", "voilence", "relegion",
"swaring", "horor", "romace", "brnads", "relig", "pr0n", and fat fingers "snoking", "vaoing"; in a list only the
one the parser already knows ("alchohol") is read, so "No alchohol, no politcs, no relegion, no swaring" loses three
bans; "ciggerettes" and "sponsered posts" stay stray topics beside their category. Autocorrect and algospeak:
"smocking", "seggs" (twice) and "unalive" read no category. Glued and text-speak: "nodrugs" after "nopolitics" and
"keepitpg" read nothing, and "plz no voilence thnx" reads nothing at all. Typos inside allowances: "swearing is fne"
bans profanity, "drinkng is fine but no getting drunk" bans alcohol whole, "politcs r fine by me, no horor tho" and
"no voilence but sword fihgts r fine" lose the ban. Guards broken: "sexton" reads religion and sexual,
"sexagenarian" sexual, "no brandy or rum" reads brands (not alcohol), "thats about it" becomes a topic. Judgement
call that failed: a bare "no pot" beside "potluck" stays a topic (the helper expected drugs).

All 33 are fixed (2026-12-05), none by changing an expectation. Misspellings of the words owners name categories
with are mended before a restriction is read (cameos/restriction_spelling.py; round 39 attacked that mender and
narrowed it); "ciggerettes" is a spelling of cigarettes; "seggs", "unalive", "pron" and "relig" are spellings of
their words; alone, "pot" is cannabis and "smocking" is smoking; "fne" and "finee" allow, and "r fine", "are my
fav" and "is acceptable" are allowances; "sexton", "sextant" and "sexagenarian" name nothing, and "brandy" is
liquor; "my uncle is ..." is a reason; "that's about it" is a sign-off.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, PG, case, check

# --- 1. Misspelt category words, one ban each ---------------------------------------------------------------------
MISSPELLINGS = [
    case("no acohol", {"alcohol"}, case_id="acohol-dropped-l"),
    case("no aclohol", {"alcohol"}, case_id="aclohol-transposed"),
    case("No politcs", {"politics"}, case_id="politcs-dropped-i"),
    case("no polotics pls", {"politics"}, case_id="polotics-vowel-swap"),
    case("no ciggarettes", {"tobacco"}, case_id="ciggarettes-doubled-g"),
    case(
        "no ciggerettes or vapeing",
        {"tobacco"},
        ok=("vap",),  # vaping is narrower than tobacco: may stay a topic
        case_id="ciggerettes-vapeing",
    ),
    case("nothing sexaul", {"sexual"}, case_id="sexaul-transposed"),
    case("no nudaty", {"sexual"}, case_id="nudaty-vowel-swap"),
    case("no voilence", {"violence"}, case_id="voilence-transposed"),
    case("no gamblin", {"gambling"}, case_id="gamblin-dropped-g"),
    case("no relegion", {"religion"}, case_id="relegion"),
    case("no profanaty", {"profanity"}, case_id="profanaty"),
    case("no swaring", {"profanity"}, case_id="swaring-dropped-e"),
    case("no horor", {"horror"}, case_id="horor-dropped-r"),
    case("no romace", {"romance", "sexual"}, case_id="romace-dropped-n"),
    case("no brnads", {"brands"}, case_id="brnads-transposed"),
    case("no advertisments or sponsered posts", {"brands"}, case_id="advertisments-sponsered"),
    case(
        "No alchohol, no politcs, no relegion, no swaring",
        {"alcohol", "politics", "religion", "profanity"},
        case_id="four-misspelt-in-a-list",
    ),
]

# --- 2. Autocorrect's substitutions ----------------------------------------------------------------------------------
AUTOCORRECT = [
    case("no alcoholic", {"alcohol"}, case_id="autocorrect-no-alcoholic"),
    case(
        "no smocking",
        # Judgement: smocking is an embroidery stitch, but nobody bans a stitch from their likeness; in this box it
        # is autocorrect's "smoking", and the stricter reading wins. It may stay a topic as well.
        {"tobacco"},
        ok=("smocking",),
        case_id="autocorrect-smocking",
    ),
    case(
        "no snoking or vaoing",
        # Fat fingers: n beside m, o beside p. Judgement: read as smoking and vaping, the stricter reading.
        {"tobacco"},
        ok=("vap",),
        case_id="fat-finger-snoking-vaoing",
    ),
    case(
        "no ducking politics",
        # Autocorrect's "ducking" is the owner's own swear word as an intensifier: a ban of politics only, and
        # neither "ducking" nor "ducking politics" is a topic.
        {"politics"},
        junk=("ducking", "ducking politics"),
        case_id="autocorrect-ducking-intensifier-politics",
    ),
    case(
        "no ducking swearing",
        {"profanity"},
        junk=("ducking",),
        case_id="autocorrect-ducking-swearing",
    ),
    case(
        "no voting stuff",
        # "voting" is a real word and is politics, whatever the owner's thumb meant.
        {"politics"},
        case_id="no-voting-stuff",
    ),
    case(
        "no seggs",
        # Algospeak for sex, typed to get past filters.
        {"sexual"},
        case_id="algospeak-seggs",
    ),
    case(
        "no unalive jokes",
        # Judgement: "unalive" is algospeak for killing (or suicide); killing is hurting people, so violence, the
        # stricter reading. It may stay a topic.
        {"violence"},
        ok=("unalive",),
        case_id="algospeak-unalive-jokes",
    ),
]

# --- 3. Dictation: no punctuation, spoken punctuation, fillers ------------------------------------------------------
DICTATION = [
    case(
        "no drinking no smoking no politics please and thank you",
        {"alcohol", "tobacco", "politics"},
        junk=("please and thank you", "thank you"),
        case_id="dictated-run-on-please-and-thank-you",
    ),
    case(
        "no swearing comma no violence comma and no religion period",
        {"profanity", "violence", "religion"},
        junk=("comma", "period", "religion period"),
        case_id="dictated-spoken-comma-period",
    ),
    case(
        "no politics new line no religion new line no gambling",
        {"politics", "religion", "gambling"},
        junk=("new line",),
        case_id="dictated-new-line",
    ),
    case(
        "um no politics uh no religion and um yeah no swearing I guess",
        {"politics", "religion", "profanity"},
        junk=("um", "uh", "i guess", "yeah"),
        case_id="dictated-um-uh-i-guess",
    ),
    case(
        "hey Siri no drinking no smoking",
        {"alcohol", "tobacco"},
        junk=("hey siri", "siri"),
        case_id="dictated-hey-siri",
    ),
    case(
        "please dont show me drinking or smoking or doing drugs and also no gambling and no kissing stuff thanks",
        {"alcohol", "tobacco", "drugs", "gambling", "romance", "sexual"},
        junk=("thanks",),
        case_id="dictated-long-or-chain-kissing-thanks",
    ),
    case(
        "dont put me in anything with alcohol because my mom watches my stuff and also no violence",
        # Who watches is a reason (README).
        {"alcohol", "violence"},
        junk=("my mom watches my stuff", "mom"),
        case_id="dictated-because-mom-watches",
    ),
    case(
        "so basically just no politics and no religion and thats about it",
        {"politics", "religion"},
        junk=("thats about it",),
        case_id="dictated-basically-thats-about-it",
    ),
    case(
        "keep it PG period",
        PG,
        junk=("period",),
        case_id="dictated-keep-it-pg-period",
    ),
]

# --- 4. Missing spaces and hyphens; letters held down -----------------------------------------------------------------
SPACING_AND_HELD_LETTERS = [
    case("nopolitics", {"politics"}, case_id="glued-nopolitics"),
    case("nopolitics nodrugs", {"politics", "drugs"}, case_id="glued-nopolitics-nodrugs"),
    case("no-alcohol-ever", {"alcohol"}, case_id="hyphenated-no-alcohol-ever"),
    case("no alcohol,no drugs,no smoking", {"alcohol", "drugs", "tobacco"}, case_id="no-space-after-commas"),
    case("no swearingor violence", {"profanity", "violence"}, case_id="glued-swearingor"),
    case("keepitpg", PG, case_id="glued-keepitpg"),
    case("nooo drinkinggg", {"alcohol"}, case_id="held-nooo-drinkinggg"),
    case("NOOOO POLITICSSSS", {"politics"}, case_id="held-caps-politicssss"),
    case("no gamblinggg or bettinggg", {"gambling"}, case_id="held-gamblinggg-bettinggg"),
    case("no swearrrring", {"profanity"}, case_id="held-swearrrring"),
    case("no weeeeed", {"drugs"}, ok=("weed",), case_id="held-weeeeed"),
]

# --- 5. Text-speak -------------------------------------------------------------------------------------------------
TEXT_SPEAK = [
    case("n0 b00ze", {"alcohol"}, case_id="leet-n0-b00ze"),
    case("pls no weed thx", {"drugs"}, ok=("weed",), junk=("thx",), case_id="pls-no-weed-thx"),
    case("no smokin", {"tobacco"}, case_id="smokin"),
    case("no swearin or cussin", {"profanity"}, case_id="swearin-or-cussin"),
    case("no pr0n", {"sexual"}, case_id="leet-pr0n"),
    case("no ciggies n vapes", {"tobacco"}, ok=("vape",), case_id="ciggies-n-vapes"),
    case("plz no voilence thnx", {"violence"}, junk=("thnx",), case_id="plz-voilence-thnx"),
    case("no f bombs ty", {"profanity"}, junk=("ty",), case_id="f-bombs-ty"),
    case("no gamblng", {"gambling"}, case_id="gamblng-dropped-vowel"),
    case("no relig stuff pls", {"religion"}, case_id="relig-clipped"),
]

# --- 6. Typos inside allowances, exceptions and allowances beside bans ---------------------------------------------------
TYPO_ALLOWANCES = [
    case("swearing is fne", set(), case_id="allow-swearing-is-fne"),
    case("alchohol is ok", set(), case_id="allow-alchohol-is-ok"),
    case("alchohol is ok but no drugs", {"drugs"}, case_id="allow-alchohol-ban-drugs"),
    case("vapeing is finee", set(), case_id="allow-vapeing-finee"),
    case("politcs r fine by me, no horor tho", {"horror"}, case_id="allow-politcs-ban-horor"),
    case(
        "drinkng is fine but no getting drunk",
        # An allowance of the whole category by its head word makes the narrower ban a topic.
        set(),
        need=("drunk",),
        case_id="allow-drinkng-ban-drunk-topic",
    ),
    case(
        "no voilence but sword fihgts r fine",
        # An allowance of one thing leaves the ban whole.
        {"violence"},
        junk=("sword fihgts", "sword fights"),
        case_id="ban-voilence-allow-sword-fihgts",
    ),
    case(
        "no alchohol except champaign at weddings",
        # An exception to a ban keeps the ban whole; "champaign" is champagne misspelt.
        {"alcohol"},
        case_id="ban-alchohol-except-champaign",
    ),
    case(
        "horor movies are my fav, no gore tho",
        # Gore is violence's ("blood and gore"), not horror's: the horror allowance does not touch it.
        {"violence"},
        junk=("horor movies",),
        case_id="allow-horor-ban-gore",
    ),
]

# --- 7. Guards: a word one letter away from, or holding the letters of, a category's word --------------------------------
GUARDS = [
    case(
        "lambs gamboling in a field = fine. no sports betting",
        {"gambling"},
        ok=("sports betting",),  # narrower than gambling: may stay a topic
        junk=("lambs gamboling in a field",),
        case_id="guard-gamboling-lambs-fine-sports-betting",
    ),
    case(
        "no horrid weather clips, i hate rain",
        # "horrid" is very unpleasant, not scary: no horror. "I hate X" is a rule (README), so rain may be a topic;
        # (mended after the first run: the helper had written "i hate rain" as a reason, against the decided reading;
        # the case still guards "horrid").
        set(),
        need=("weather",),
        ok=("clips", "horrid", "rain"),
        case_id="guard-horrid-weather",
    ),
    case(
        "no sax solos, they're too loud",
        # Judgement: "sax" is a saxophone, a real word, not a typo of "sex" (a and e are not neighbours on a
        # keyboard, and autocorrect would not change "sex"): a topic, no category.
        set(),
        need=("sax",),
        ok=("solos",),
        junk=("they're too loud",),
        case_id="guard-sax-solos",
    ),
    case(
        "sax solos are fine, no seggs",
        {"sexual"},
        junk=("sax solos",),
        case_id="guard-sax-allowed-seggs-banned",
    ),
    case(
        "im a polite person so no rude pranks",
        # "polite" is who the owner is; the ban is pranks.
        set(),
        need=("prank",),
        ok=("rude",),
        junk=("polite person",),
        case_id="guard-polite-rude-pranks",
    ),
    case("Voilà, my only rule: no drugs", {"drugs"}, case_id="guard-voila-no-drugs"),
    case(
        "my uncle is the church sexton lol. no nudity",
        # Who the uncle is, no ban: neither religion nor sexual by "sexton".
        {"sexual"},
        junk=("church sexton", "sexton", "my uncle is the church sexton"),
        case_id="guard-sexton-no-nudity",
    ),
    case("im from Essex, no drinking", {"alcohol"}, junk=("essex",), case_id="guard-essex-no-drinking"),
    case(
        "sexagenarian and proud, no swearing",
        {"profanity"},
        junk=("sexagenarian", "sexagenarian and proud"),
        case_id="guard-sexagenarian-no-swearing",
    ),
    case(
        "my son brandon is in some of my vids thats fine, no ads pls",
        {"brands"},
        junk=("brandon", "my son brandon"),
        case_id="guard-brandon-fine-no-ads",
    ),
    case(
        "no brandy or rum",
        {"alcohol"},
        ok=("brandy", "rum"),  # narrower than alcohol: may stay topics
        case_id="guard-brandy-is-alcohol-not-brands",
    ),
    case(
        "potluck dinners are fine, no pot",
        # Judgement: a bare "no pot" in this box is cannabis, not a cooking pot: drugs, the stricter reading, and the
        # potluck allowance beside it names nothing.
        {"drugs"},
        ok=("pot",),
        junk=("potluck dinners", "potluck"),
        case_id="guard-potluck-fine-no-pot",
    ),
    case(
        "no sweating or messy hair",
        # One letter from "swearing": vanity, no profanity.
        set(),
        need=("sweat", "hair"),
        case_id="guard-sweating-messy-hair",
    ),
    case(
        "no relegation jokes im a Leeds fan",
        # One letter group from "religion": football, no religion. Who the owner is, no topic.
        set(),
        need=("relegation",),
        junk=("leeds fan", "im a leeds fan"),
        case_id="guard-relegation-jokes",
    ),
]


@pytest.mark.parametrize(FIELDS, MISSPELLINGS)
def test_misspellings(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, AUTOCORRECT)
def test_autocorrect(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, DICTATION)
def test_dictation(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, SPACING_AND_HELD_LETTERS)
def test_spacing_and_held_letters(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, TEXT_SPEAK)
def test_text_speak(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, TYPO_ALLOWANCES)
def test_typo_allowances(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, GUARDS)
def test_guards(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
