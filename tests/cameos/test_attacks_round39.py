"""Attack round 39 on the restriction parser (cameos/restrictions.py), aimed at its new typo mender
(cameos/restriction_spelling.py, ``mend_typos``), which mends a category's word misspelt by one slip before the
restriction is read.

Angle, in two halves.

False mends: words that must stay as written, but are no English word and sit one slip from a word the mender knows
(its targets are 700-odd category words, many of them foreign swear words, drinks and holy words). Names at a
sentence's start, after another capitalised word, or typed in lower case ("Luca Pastore", "Merlo", "martino",
"richard scarry", "rabbie burns", "ana carvalho"); places ("gunma", "killin"); the Spanish, Portuguese, Italian,
French and Malay words people mix into English ("cocina", "granja", "vaina", "exacto", "cuero", "mezcla", "vendas",
"storie", "rabbia", "roulotte", "grotte", "argile", "selamat datang", "nominare"); slang ("killin it"); a handle
("@martino_22"), a hashtag ("#cocina"), and quoted words, which are banned as written. For each the reading a careful
human makes: usually a topic of that word and no category.

Misses: typos of category words one slip away that the mender leaves alone: five-letter words ("drugz", "boose",
"naekd", "scray", "vapez"), a word one slip from two targets ("alcoholc"), words and inflections the targets lack
("gamblres", "smoekrs", "sponser", "advrets", "brnad", "langauge", "swaer"); typos in the words of an allowance
("alowed", "allwoed", "acceptible", "alrigth", "finne", "oaky", "fime", the homophone "aloud") and of a ban ("nto",
"nit", "nevr", "dnot", "wihtout", "nothign", "prohibted", "bo"); SHOUTED and Title Case typos; capitalised category
words after a lower-case word, which the name rule keeps ("no Politcs or Relegion", "I dont want Voilence"); typos
beside slashes, ampersands and emoji, which the name rule's look-behind reads through. Double slips are out of scope.

Each case asserts the full set of categories a careful reader derives (on the decided readings, as in round 38:
PG = {sexual, violence, drugs, profanity}; ruling out romance rules out sexual; allowances are not bans; the stricter
reading wins when unclear), the topics named, and no junk topic. A misspelt category word read as its category
expects no topic (``need=()``), as in round 38. Judgement calls are commented beside their case.

81 cases in 7 tests; 56 got through when written. Expectations are as first written; after the first run 14
cases that passed and added little were dropped, "no gamblres or betting apps" lost its "betting apps" (which carried
the case), 4 cases were added ("alrigth", "nto", "nit", "nevr"), and 3 false mends hidden by the substring check
("merlo" inside "merlot", "gunma" inside "gunman", "argile" inside "argileh") gained the mangled topic as junk.

False mends and guards (27 of 34 got through, 26 of them mends): the mender rewrites names, places and foreign words
into category words and the reader then bans the category or keeps a mangled topic. Categories gained: "martino" and
"@martino_22" (martini: alcohol, or the topic "collabs martini_22"), "ana carvalho" (caralho: profanity), "richard
scarry" (horror), "Casini brothers" (gambling), "gunma" and "killin" (violence), "cocina" and "granja" (cocaina,
ganja: drugs), "Exacto" (exacta: gambling), "cuero" (culero: profanity), "roulotte" (gambling), "grotte" (garotte:
violence), "selamat datang" (dating: romance and sexual). Topics mangled: "Luca Pastor", "merlot family drama", "rabbi
burns recitals", "Vicar family" (dropped), "gunman trip vlogs", "mezcal remixes", "vedas", "stogie", "rabbi", "argileh
face masks", "#cocaina reels", and "nominare" glued-split into "no minaret people captions". Quoted words stay as
written (all pass); "no political vaina" passes only because the reader ignores the "vagina" it is mended to. Not
mends: "POTUS"/"SCOTUS" read no politics.

Misses (29 of 47 got through): five-letter typos are never mended ("drugz", also SHOUTED and in Title Case, "boose",
"naekd", "scray", "vapez"); inflections and words outside the targets ("smoekrs", "sponser", "advrets", "brnad",
"langauge", "swaer"); capitalised typos after a lower-case word, or after "/", "&" or an emoji, are kept as names
("no Politcs or Relegion", "I dont want Voilence", "please no Nudaty" keeps a topic, "no drugs / Voilence", "no drugs
& Relegion", "no drinking 🍷 Relegion too"). Allowance typos flip to bans: "alowed" ("alow" is in the dictionary, so
"alowed" counts as English), "finne", "oaky", "fime", "aloud"; and "acceptible" and "alrigth" are mended to
"acceptable" and "alright", which the reader does not take as allowances at all (the correctly spelt controls fail
too). Ban typos flip to allowances: "swearing is nto ok", "drinking is nit okay", "gambling is nevr ok" read nothing.
Ban-word typos beside a category word ("dnot", "wihtout", "nothign", "prohibted", "bo") pass, because the reader bans
a named category anyway.

53 of the 56 are fixed (2026-12-05), none by changing an expectation; 3 stay as strict xfails, each with its reason
(a surname, a place without its g, Malay). The mender now mends only to the words owners name categories and
allowances with (its ``HEAD_WORDS``), not to the categories' whole lexicons, which hold drinks, drugs and slang of
many languages; a word of English, Spanish, Portuguese, Italian, French, German or Dutch is never mended (the words
one slip from a head word are listed from pyspellchecker's dictionaries); a substitution must be a key beside the
one meant or a vowel for a vowel; five-letter words are mended too, and a capital no longer marks a name. Typos of
the short rule words ("alowed", "finne", "oaky", "fime", "nto", "nit ok", "nevr") are a table; "acceptable",
"alright" and "is aloud" allow; "POTUS" is politics.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, PG, case, check

# --- 1. Names: at a sentence's start, after another capital, in lower case, in a handle -------------------------------
NAMES = [
    case(
        "Bettina, Kiran and Renzo are off limits",
        # The brief's own names, capitalised at the start: three people the owner will not appear with.
        set(),
        need=("bettina", "kiran", "renzo"),
        case_id="name-bettina-kiran-renzo-at-start",
    ),
    case(
        "Nothing about Luca Pastore",
        # "Pastore" follows a capitalised word, so the name rule does not hold it: it must not become "Pastor".
        set(),
        need=("pastore",),
        case_id="name-luca-pastore-after-capital",
    ),
    case(
        "Love you all. Merlo family drama is off limits",
        # A surname at a sentence's start (after a full stop): not the wine.
        set(),
        need=("merlo",),
        ok=("family", "drama"),
        junk=("merlot family drama", "merlot"),  # "merlo" is inside "merlot": the wine must not be the topic
        case_id="name-merlo-at-sentence-start",
    ),
    case(
        "no collabs with my ex martino",
        # A name typed in lower case, one vowel from "martini".
        set(),
        need=("martino",),
        ok=("collab", "ex"),
        case_id="name-lowercase-martino",
    ),
    case(
        "nothing with ana carvalho",
        # A very common Portuguese surname, one letter from "caralho": no profanity.
        set(),
        need=("carvalho",),
        ok=("ana",),
        case_id="name-lowercase-carvalho",
    ),
    case(
        "no parodies of richard scarry books",
        # The children's author, typed in lower case: not horror.
        set(),
        need=("scarry",),
        ok=("parod", "richard", "books"),
        case_id="name-lowercase-richard-scarry",
        gap="a surname one slip from a head word ('scarry', 'scary') is mended: the mender knows no names, and a capital does not tell a name from a word written with one for weight ('I dont want Voilence')",
    ),
    case(
        "no rabbie burns recitals",
        # Robert Burns, as Scots call him: not a rabbi.
        set(),
        need=("rabbie",),
        ok=("burns", "recital"),
        case_id="name-lowercase-rabbie-burns",
    ),
    case(
        "Vicari family stuff stays private, no ads",
        # A surname at the start, one letter from "vicar".
        {"brands"},
        need=("vicari",),
        ok=("family", "stuff"),
        case_id="name-vicari-at-start-no-ads",
    ),
    case(
        "no collabs with @martino_22",
        # A handle: the letters in it are a name, not a cocktail.
        set(),
        need=("martino",),
        ok=("collab",),
        case_id="handle-martino-22",
    ),
    case(
        "Casini brothers are off limits",
        # An Italian surname (and Italian for "messes") at the start: not casinos.
        set(),
        need=("casini",),
        ok=("brothers",),
        case_id="name-casini-brothers-at-start",
    ),
]

# --- 2. Places -----------------------------------------------------------------------------------------------------
PLACES = [
    case(
        "nothing filmed in gunma",
        # A Japanese prefecture typed in lower case, one letter from "gunman".
        set(),
        need=("gunma",),
        ok=("filmed",),
        case_id="place-lowercase-gunma",
    ),
    case(
        "no videos filmed in killin",
        # A Scottish village, one letter from "killing".
        set(),
        need=("killin",),
        ok=("videos", "filmed"),
        case_id="place-lowercase-killin",
        gap="a dropped g is put back before anything else ('drinkin', 'killin'); a place named like a word without its g reads as that word",
    ),
    case(
        "Gunma trip vlogs are off limits",
        # The same prefecture at a sentence's start.
        set(),
        need=("gunma",),
        ok=("trip", "vlog"),
        junk=("gunman trip vlogs", "gunman"),  # "gunma" is inside "gunman"
        case_id="place-gunma-at-start",
    ),
]

# --- 3. Foreign words mixed in ----------------------------------------------------------------------------------------
FOREIGN = [
    case(
        "no videos of my cocina, its a mess",
        # Spanish "kitchen", one letter from the lexicon's "cocaina". "its a mess" is the reason.
        set(),
        need=("cocina",),
        ok=("videos",),
        junk=("its a mess", "a mess"),
        case_id="spanish-cocina-kitchen",
    ),
    case(
        "no filming at my abuela's granja",
        # Spanish "farm", one letter from "ganja".
        set(),
        need=("granja",),
        ok=("filming", "abuela"),
        case_id="spanish-granja-farm",
    ),
    case(
        "no political vaina",
        # Caribbean Spanish "vaina" = stuff, thing: "no political stuff". One letter from "vagina": no sexual.
        {"politics"},
        ok=("vaina",),
        case_id="spanish-vaina-stuff",
    ),
    case(
        "Exacto, no drinking and no smoking",
        # Spanish "exactly" as an opener, one letter from the bet "exacta": no gambling.
        {"alcohol", "tobacco"},
        junk=("exacto", "exacta"),
        case_id="spanish-exacto-opener",
    ),
    case(
        "no cuero or fur outfits",
        # Spanish "leather", one letter from "culero": no profanity.
        set(),
        need=("cuero", "fur"),
        ok=("outfits",),
        case_id="spanish-cuero-leather",
    ),
    case(
        "no mezcla remixes of my voice",
        # Spanish "mix", two letters swapped from "mezcal": no alcohol.
        set(),
        need=("mezcla",),
        ok=("remix", "voice"),
        case_id="spanish-mezcla-mix",
    ),
    case(
        "no vendas or promo codes",
        # Portuguese "sales", one letter from "vedas": no religion. Judgement: sales pitches and promo codes are
        # advertising, so brands; "vendas" may stay a topic.
        {"brands"},
        ok=("vendas", "promo"),
        case_id="portuguese-vendas-sales",
    ),
    case(
        "no reposting my storie on other accounts",
        # Italian "stories" (Instagram's in Italian), one letter from "stogie": no tobacco.
        set(),
        need=("storie",),
        ok=("repost", "accounts"),
        case_id="italian-storie-stories",
    ),
    case(
        "no rabbia, no drama",
        # Italian "rage": angry rants and drama are the ban, not rabbis.
        set(),
        need=("rabbia", "drama"),
        case_id="italian-rabbia-rage",
    ),
    case(
        "no videos inside our roulotte",
        # French and Italian "caravan", one letter from "roulette": no gambling.
        set(),
        need=("roulotte",),
        ok=("videos",),
        case_id="french-roulotte-caravan",
    ),
    case(
        "no grotte or cave diving clips",
        # French and Italian "cave", one letter from "garotte": no violence.
        set(),
        need=("grotte", "cave diving"),
        ok=("clips",),
        case_id="french-grotte-cave",
        gap="a word of another language one slip from a common English word is mended to it when the topic names no category: only the English dictionary is loaded at run time ('grotte' reads 'grotto', 'nominare' 'nominate'; round 42's topic mending)",
    ),
    case(
        "no argile face masks",
        # French "clay", one letter from the water pipe "argileh": no tobacco.
        set(),
        need=("argile",),
        ok=("face", "mask"),
        junk=("argileh face masks", "argileh"),  # "argile" is inside "argileh"
        case_id="french-argile-clay",
    ),
    case(
        "selamat datang! no politics pls",
        # Malay and Indonesian "welcome", one vowel from "dating": a greeting, no romance.
        {"politics"},
        junk=("selamat datang", "selamat dating", "datang", "dating"),
        case_id="malay-selamat-datang-greeting",
        gap="Malay and Indonesian have no dictionary in pyspellchecker, so 'datang' is no known word and is one slip from 'dating'",
    ),
    case(
        "no nominare people in captions",
        # Italian "to name (people)" glued with "no": must not be read as "no minaret", no religion. Judgement: the
        # owner bans naming people in captions; a topic about naming or captions.
        set(),
        need=("nominare",),
        ok=("people", "captions"),
        case_id="italian-nominare-glued-no",
        gap="a word of another language one slip from a common English word is mended to it when the topic names no category: only the English dictionary is loaded at run time ('grotte' reads 'grotto', 'nominare' 'nominate'; round 42's topic mending)",
    ),
    case(
        "politics nahi chahiye, daaru chalega",
        # Hinglish: "politics is not wanted, booze will do". Judgement: a ban of politics and an allowance of alcohol;
        # the allowance is no topic. (Not a mend: the mender leaves all these words alone.)
        {"politics"},
        junk=("daaru chalega", "chalega", "daaru"),
        case_id="hinglish-nahi-chahiye-chalega",
    ),
]

# --- 4. Slang, apps, games, abbreviations, hashtags, quotes -----------------------------------------------------------
SLANG_AND_MARKS = [
    case(
        "we killin it lol, just no swearing",
        # "killin it" is doing great: no violence.
        {"profanity"},
        junk=("killin it", "killing it", "we killin it lol", "we killing it lol"),
        case_id="slang-killin-it",
    ),
    case(
        "no valorant or fortnite clips",
        # Game names no dictionary has; nothing a category holds (no gore asked about).
        set(),
        need=("valorant", "fortnite"),
        ok=("clips",),
        case_id="games-valorant-fortnite",
    ),
    case(
        "no #cocina reels",
        # A hashtag of the Spanish "kitchen": reels tagged so, not cocaine.
        set(),
        need=("cocina",),
        ok=("reels",),
        case_id="hashtag-cocina",
    ),
    case(
        "NO POTUS OR SCOTUS JOKES",
        # Abbreviations in capitals: the President and the Supreme Court are politics. (Not a mend; a guard that a
        # shouted abbreviation is read, not mangled.)
        {"politics"},
        ok=("potus", "scotus", "jokes"),
        case_id="abbrev-shouted-potus-scotus",
    ),
    case(
        'never say "cocina" or "vaina"',
        # Quoted words are banned as written: no mending, no category.
        set(),
        words={"cocina", "vaina"},
        case_id="quoted-cocina-vaina",
    ),
    case(
        'never say "politcs"',
        # A quoted typo is a word to ban as written, not mended, and the saying ban names no category.
        set(),
        words={"politcs"},
        case_id="quoted-typo-politcs-as-written",
    ),
]

# --- 5. Misses: one-slip typos the mender leaves alone ----------------------------------------------------------------
MISSED_TYPOS = [
    case("no drugz", {"drugs"}, case_id="miss-drugz-five-letters"),
    case("no boose", {"alcohol"}, case_id="miss-boose-five-letters"),
    case("no naekd pics", {"sexual"}, ok=("pics",), case_id="miss-naekd-five-letters"),
    case("no scray stuff", {"horror"}, case_id="miss-scray-five-letters"),
    case(
        "no vapez",
        {"tobacco"},
        ok=("vape",),  # narrower than tobacco: may stay a topic
        case_id="miss-vapez-five-letters",
    ),
    case(
        "no alcoholc drinks",
        # One slip from "alcoholic", which is also one letter from "alcohol": two targets, so it is left alone.
        {"alcohol"},
        ok=("drinks",),
        case_id="miss-alcoholc-two-targets",
    ),
    case(
        "no gamblres",
        # "gamblers" with two letters swapped: "gamblers" is no target.
        {"gambling"},
        case_id="miss-gamblres-inflection",
    ),
    case(
        "no smoekrs in my vids",
        # "smokers" with two letters swapped.
        {"tobacco"},
        case_id="miss-smoekrs-inflection",
    ),
    case("no sponser deals", {"brands"}, case_id="miss-sponser-deals"),
    case("no advrets", {"brands"}, case_id="miss-advrets-swapped"),
    case("no brnad deals", {"brands"}, case_id="miss-brnad-deals"),
    case(
        "no bad langauge",
        # "language" with two letters swapped: "bad language" is profanity.
        {"profanity"},
        case_id="miss-bad-langauge",
    ),
    case("no swaer words", {"profanity"}, case_id="miss-swaer-words"),
]

# --- 6. Misses: typos in the words of an allowance and of a ban -------------------------------------------------------
MISSED_RULE_WORDS = [
    case("swearing is alowed", set(), case_id="allow-alowed"),
    case("drinking is allwoed but no drugs", {"drugs"}, case_id="allow-allwoed-ban-drugs"),
    case("mild violence is acceptible", set(), case_id="allow-acceptible"),
    case("swearing is finne", set(), case_id="allow-finne"),
    case("politics r oaky with me, no gambling", {"gambling"}, case_id="allow-oaky-ban-gambling"),
    case("drinking is fime, no smoking", {"tobacco"}, case_id="allow-fime-m-for-n"),
    case(
        "swearing is aloud lol",
        # Judgement: the homophone of "allowed", as often typed; "aloud" is a word, so not a typo by the mender's
        # rules, but a careful reader reads an allowance, not a ban of swearing out loud.
        set(),
        case_id="allow-aloud-homophone",
    ),
    case("swearing is alrigth", set(), case_id="allow-alrigth"),
    case("swearing is not alowed", {"profanity"}, case_id="ban-not-alowed"),
    case(
        "swearing is nto ok",
        # "not" with two letters swapped: left unread, the rule flips to an allowance.
        {"profanity"},
        case_id="ban-nto-ok",
    ),
    case("drinking is nit okay", {"alcohol"}, case_id="ban-nit-okay-i-beside-o"),
    case("gambling is nevr ok", {"gambling"}, case_id="ban-nevr-ok"),
    case("alcohol isnt allwoed", {"alcohol"}, case_id="ban-isnt-allwoed"),
    case("dnot put me in anything with drugs", {"drugs"}, case_id="ban-dnot"),
    case("wihtout any swearing pls", {"profanity"}, case_id="ban-wihtout"),
    case("nothign political", {"politics"}, case_id="ban-nothign"),
    case("gambling is prohibted", {"gambling"}, case_id="ban-prohibted"),
    case(
        "bo drinking, bo smoking",
        # Judgement: b beside n, typed twice: "no drinking, no smoking", the stricter reading.
        {"alcohol", "tobacco"},
        case_id="ban-bo-for-no",
    ),
    case("nopolitcs", {"politics"}, case_id="ban-glued-nopolitcs"),
]

# --- 7. Misses: capitals, punctuation and emoji ---------------------------------------------------------------------
MISSED_CASE_AND_MARKS = [
    case("NO POLITCS!!!", {"politics"}, case_id="shout-politcs"),
    case("ABSOLUTELY NO ALCHOHOL OR DRUGZ", {"alcohol", "drugs"}, case_id="shout-alchohol-drugz"),
    case("NO SWAERING", {"profanity"}, case_id="shout-swaering"),
    case("NEVER ANY GAMBLNG", {"gambling"}, case_id="shout-gamblng"),
    case("No Alchohol Or Drugz", {"alcohol", "drugs"}, case_id="title-alchohol-drugz"),
    case("No Politcs, No Relegion", {"politics", "religion"}, case_id="title-politcs-relegion"),
    case("Keep It Pg, No Voilence", PG, case_id="title-keep-it-pg-voilence"),
    case(
        "no Politcs or Relegion",
        # Category words capitalised after a lower-case "no": the name rule keeps them as names, but no one is
        # called Politcs.
        {"politics", "religion"},
        case_id="capital-after-lower-politcs-relegion",
    ),
    case("I dont want Voilence", {"violence"}, case_id="capital-after-lower-want-voilence"),
    case("please no Nudaty", {"sexual"}, case_id="capital-after-lower-nudaty"),
    case("no drugs / Voilence / Politcs", {"drugs", "violence", "politics"}, case_id="slashes-capital-voilence"),
    case("no drugs & Relegion", {"drugs", "religion"}, case_id="ampersand-capital-relegion"),
    case("no drinking 🍷 Relegion too 🙅", {"alcohol", "religion"}, case_id="emoji-then-capital-relegion"),
    case("🚫politcs🚫relegion🚫", {"politics", "religion"}, case_id="emoji-bans-politcs-relegion"),
    case("no politcs.no relegion.no swaring", {"politics", "religion", "profanity"}, case_id="full-stops-no-spaces"),
]


@pytest.mark.parametrize(FIELDS, NAMES)
def test_names(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, PLACES)
def test_places(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, FOREIGN)
def test_foreign_words(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, SLANG_AND_MARKS)
def test_slang_and_marks(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, MISSED_TYPOS)
def test_missed_typos(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, MISSED_RULE_WORDS)
def test_missed_rule_words(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, MISSED_CASE_AND_MARKS)
def test_missed_case_and_marks(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
