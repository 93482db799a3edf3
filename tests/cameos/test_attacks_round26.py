"""Attack round 26 on the restriction parser (cameos/restrictions.py): how the words of a ban are written.

Angle: short restrictions (one line, sometimes two) whose difficulty is in word forms and punctuation, not in
sentence structure: separators between banned things (slashes, "&", "+", "and/or", " / ", "|", hyphen lists);
hashtags ("#nopolitics", "no #politics"), ALL CAPS, repeated letters ("nooo alcohol", "NO. ALCOHOL."), spaced and
starred letters; parentheses and abbreviations ("(incl. vaping)", "e.g.", "etc.", "i.e.", "w/", "w/o", "bc", "pls",
"thx", "idk"); adjective and other forms of the categories' words ("political", "partisan", "sexualized", "NSFW",
"18+", "gory", "spooky", "boozy", "druggy", "sportsbook", "product placement", "f-bombs", "potty mouth"); slang
("brewskis", "ganja", "zaza", "lean", "molly", "ciggies", "juul", "dip", "PDA", "snogging", "thirst traps",
"parlay"); British, Australian and Indian words ("fags", "pissed", "bevvies", "punting", "pokies", "durries",
"gutka", "daaru"); and emoji ("no 🍺", "🚫🍷", "🙅‍♀️ 🎰", "no 🔞"). Guards: the same words meaning something else
or naming nothing ("no shots of my feet", "no high-angle shots", "no drafts", "no smoky eye makeup", "no bloody
swearing") must not ban a category.

Each case asserts the full set of categories a careful reader derives (PG = {sexual, violence, drugs, profanity};
ruling out romance rules out sexual), the topics named beyond a category, no junk topic. A plain category ban
expects no topic at all (``need=()``, ``ok=()``), so a stray topic fails; a slang word narrower than its category
may stay a topic (``ok``). Judgement calls are commented beside their case.

What got through when written (32 of 122 cases; 104 bans in 8 tests and 18 guards): hashtags past the first
("#NoAlcohol #NoDrugs" loses drugs) and a camel-case hashtag of a phrase ("#KeepItPG" reads nothing); spelled-out,
spaced, hyphenated, starred and leet words ("no p o l i t i c s", "N O  D R U G S", "no p-o-r-n", "no s*x, no
dr*gs", "s3x", "booooze"); slang and regional words kept as topics without their category ("druggy", "zaza", "alc",
"dip or chew", "fags", "punting", "piss-ups", "pokies", "goon", "gutka", "bhang", "daaru"); "❌💉" reads nothing;
a reason glued to a topic ("idk just feels wrong"); handles ("monsterenergy" read as horror, "draftkings" lost).
Guards broken: camera "shots" are alcohol, "punchlines" and "shooting hoops" violence, "smoky eye" tobacco, "the
sex of my baby" sexual, "drunk-on-love" alcohol, British "bloody" adds violence, and "stick to the script" becomes
a topic.

All 32 are fixed (2026-12-05): hashtags are read as their words ("#NoAlcohol #NoDrugs", "#KeepItPG", "#nodrugs"),
letters spaced or hyphenated out are one word, a starred letter is filled from the categories' words ("s*x"), a
letter held down is one letter twice at most ("booooze"), a topic is read in its screening skeleton too ("s3x");
a category's unambiguous word at a topic's head names it ("zaza", "pokies", "draftkings"); regional and slang words
are mended in code ("alc", "druggy", "fags", "punting", "piss-ups", "gutka", "bhang", "daaru", "dip", "chew"); "💉"
is drug needles; camera shots, "punchlines", "shooting hoops", "smoky eye", "the sex of my baby", "drunk on love",
"Monster Energy" and the British "bloody" before a ban are other senses; "idk", "tbh" and "imo" cut a clause, and
"stick to the script" starts one. One expectation was changed on purpose: "goon" stays a topic (see its case).
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, PG, case, check

# --- 1. Separators: slashes, "&", "+", "and/or", " / ", "|", hyphen lists -----------------------------------------
SEPARATORS = [
    case("no drugs/alcohol", {"drugs", "alcohol"}, case_id="slash-drugs-alcohol"),
    case("no sex/nudity", {"sexual"}, case_id="slash-sex-nudity"),
    case("no sex&violence", {"sexual", "violence"}, case_id="ampersand-no-spaces-sex-violence"),
    case("no booze + no smokes", {"alcohol", "tobacco"}, case_id="plus-booze-smokes"),
    case("no swearing and/or violence", {"profanity", "violence"}, case_id="and-or-swearing-violence"),
    case("no politics | religion | gambling", {"politics", "religion", "gambling"}, case_id="pipe-three-categories"),
    case("no alcohol - drugs - tobacco", {"alcohol", "drugs", "tobacco"}, case_id="hyphen-list-three"),
    case(
        "no alcohol/drugs/smoking/vaping",
        {"alcohol", "drugs", "tobacco"},
        ok=("vaping",),  # vaping is narrower than tobacco: may stay a topic
        case_id="slash-four-alcohol-drugs-smoking-vaping",
    ),
    case("No horror/gore", {"horror", "violence"}, case_id="slash-horror-gore"),
    case(
        "no weed/shrooms/molly",
        {"drugs"},
        ok=("weed", "shrooms", "molly"),  # named drugs: narrower than the category
        case_id="slash-weed-shrooms-molly",
    ),
    case("Politics / Religion / Alcohol = NO", {"politics", "religion", "alcohol"}, case_id="spaced-slash-equals-no"),
]

# --- 2. Hashtags, ALL CAPS, repeated, spaced and starred letters ------------------------------------------------
SPELLING = [
    case("#nopolitics", {"politics"}, case_id="hashtag-nopolitics"),
    case("#NoAlcohol #NoDrugs", {"alcohol", "drugs"}, case_id="hashtag-camel-noalcohol-nodrugs"),
    case("no #politics", {"politics"}, case_id="hashtag-after-no"),
    case("no #ad #sponsored", {"brands"}, case_id="hashtag-ad-sponsored"),
    case("#KeepItPG", PG, case_id="hashtag-keepitpg"),
    case("NO ALCOHOL. NO DRUGS. NO EXCEPTIONS.", {"alcohol", "drugs"}, case_id="caps-no-exceptions"),
    case("nooo alcohol", {"alcohol"}, case_id="repeated-nooo-alcohol"),
    case("NO. ALCOHOL.", {"alcohol"}, case_id="caps-full-stops-no-alcohol"),
    case("no booooze", {"alcohol"}, case_id="repeated-booooze"),
    case("noooo swearinggg", {"profanity"}, case_id="repeated-swearinggg"),
    case("no p o l i t i c s", {"politics"}, case_id="spaced-letters-politics"),
    case("N O  D R U G S", {"drugs"}, case_id="spaced-caps-drugs"),
    case("no p-o-r-n", {"sexual"}, case_id="hyphen-spelled-porn"),
    case("no s3x or nudity", {"sexual"}, case_id="leet-s3x"),
    case("no s*x, no dr*gs", {"sexual", "drugs"}, case_id="starred-sex-drugs"),
    # Handles written without "@". The README reads a name in an item that names a category only by the words
    # around it as a topic of that name ("Under Armour logos"), and "tag" names no category, so: two topics, no
    # brands; "monster" inside a handle is no horror.
    case(
        "don't tag redbull or monsterenergy",
        set(),
        need=("redbull", "monsterenergy"),
        case_id="handles-redbull-monsterenergy",
    ),
    # judgement: DraftKings is gambling's own lexicon word, so the name keeps its category (as "drinking Corona"
    # is alcohol); "shoutouts" is read as no brands ban of its own, by the same Under Armour rule.
    case(
        "no shoutouts to draftkings",
        {"gambling"},
        ok=("draftkings", "shoutouts"),
        case_id="handle-shoutouts-draftkings",
    ),
]

# --- 3. Parentheses and abbreviations --------------------------------------------------------------------------
ABBREVIATIONS = [
    case("no smoking (incl. vaping)", {"tobacco"}, ok=("vaping",), case_id="paren-incl-vaping"),
    case(
        "no tobacco (e.g. cigs, vapes, dip)",
        {"tobacco"},
        ok=("cig", "vape", "dip"),
        case_id="paren-eg-cigs-vapes-dip",
    ),
    case("no drinking etc.", {"alcohol"}, junk=("etc",), case_id="etc-drinking"),
    case("no vids w/ weed pls", {"drugs"}, ok=("weed",), case_id="w-slash-weed-pls"),
    case(
        "no gambling, i.e. no casinos or sports betting",
        {"gambling"},
        case_id="ie-casinos-sports-betting",
    ),
    case("no religious stuff bc im atheist", {"religion"}, case_id="bc-religious-atheist"),
    case("no alcohol plz, idk it just feels wrong", {"alcohol"}, case_id="plz-idk-alcohol"),
    case(
        "nothing political w/o asking me first", {"politics"}, case_id="w-o-political"
    ),  # an exception to a ban is not modelled
    case(
        "no sports betting apps (DraftKings, FanDuel etc.)",
        {"gambling"},
        ok=("draftkings", "fanduel", "DraftKings", "FanDuel"),
        case_id="paren-draftkings-fanduel",
    ),
    case("no alc or drugs", {"alcohol", "drugs"}, case_id="abbrev-alc"),  # "alc" is the common short form of alcohol
    case(
        "no ads (e.g. no promo codes, no 'link in bio')",
        {"brands"},
        words=None,  # the quoted phrase names brands; whether it is also a word is not asserted
        ok=("link in bio",),
        case_id="paren-eg-promo-codes-quoted",
    ),
]

# --- 4. Adjective and other forms of the categories' words ------------------------------------------------------
FORMS = [
    case("nothing politically charged", {"politics"}, case_id="form-politically-charged"),
    case("no partisan content", {"politics"}, case_id="form-partisan"),
    case("don't sexualize me", {"sexual"}, case_id="form-sexualize"),
    case("NSFW = no", {"sexual"}, case_id="form-nsfw-equals-no"),
    case(
        "no 18+ stuff", {"sexual"}, case_id="form-18-plus"
    ),  # 18+ most often means sexual content, as recognise reads it
    case(
        "nothing explicit", {"sexual"}, case_id="form-explicit"
    ),  # judgement: "explicit" alone is sexual; explicit language would be profanity
    case("nothing lewd or raunchy", {"sexual"}, case_id="form-lewd-raunchy"),
    case("no gore", {"violence"}, case_id="form-gore"),
    case("nothing gory or bloody", {"violence"}, case_id="form-gory-bloody"),
    case("nothing scary, creepy or spooky", {"horror"}, case_id="form-scary-creepy-spooky"),
    case("no jumpscares", {"horror"}, case_id="form-jumpscares"),
    case("nothing boozy", {"alcohol"}, case_id="form-boozy"),
    case("no alcoholic drinks", {"alcohol"}, case_id="form-alcoholic-drinks"),
    case("nothing druggy", {"drugs"}, case_id="form-druggy"),
    case("don't make me look stoned or high", {"drugs"}, case_id="form-stoned-high"),
    case("no sportsbook promos", {"gambling", "brands"}, case_id="form-sportsbook-promos"),
    case("no product placement or logos", {"brands"}, case_id="form-product-placement-logos"),
    case("no f-bombs", {"profanity"}, case_id="form-f-bombs"),
    case("no potty mouth", {"profanity"}, case_id="form-potty-mouth"),
    case(
        "nothing vulgar", {"profanity"}, case_id="form-vulgar"
    ),  # judgement: vulgar is crude language first (recognise: profanity)
]

# --- 5. Slang -----------------------------------------------------------------------------------------------------
SLANG = [
    case("no brewskis", {"alcohol"}, case_id="slang-brewskis"),
    case("no shots or beer pong", {"alcohol"}, case_id="slang-shots-beer-pong"),
    case("no ganja or dope", {"drugs"}, ok=("ganja",), case_id="slang-ganja-dope"),
    case("no weed, no 420 stuff", {"drugs"}, ok=("weed",), case_id="slang-weed-420"),
    case("no zaza", {"drugs"}, ok=("zaza",), case_id="slang-zaza"),  # zaza: weed slang
    case(
        "no lean, molly or coke", {"drugs"}, ok=("lean", "molly", "coke"), case_id="slang-lean-molly-coke"
    ),  # beside molly, coke is cocaine
    case("no smokes or ciggies", {"tobacco"}, case_id="slang-smokes-ciggies"),
    case("no vape, no juul", {"tobacco"}, ok=("vape", "juul"), case_id="slang-vape-juul"),
    case(
        "no dip or chew", {"tobacco"}, ok=("dip", "chew"), case_id="slang-dip-chew"
    ),  # judgement: US smokeless tobacco
    case("no hookups", {"sexual"}, case_id="slang-hookups"),  # judgement: casual sex, sexual only (recognise: sexual)
    case("no smooching or PDA", {"romance", "sexual"}, case_id="slang-smooching-pda"),
    case("no thirst traps", {"sexual"}, case_id="slang-thirst-traps"),
    case("no parlays", {"gambling"}, case_id="slang-parlays"),
    case("no bongs or blunts", {"drugs"}, ok=("bongs", "blunts"), case_id="slang-bongs-blunts"),
    case("no cussin", {"profanity"}, case_id="slang-cussin"),
]

# --- 6. British, Australian and Indian words ---------------------------------------------------------------------
REGIONAL = [
    # judgement: "fags" is also a slur, but beside booze and "mate" it is British for cigarettes
    case("no fags or booze mate", {"tobacco", "alcohol"}, ok=("fags",), case_id="uk-fags-booze"),
    case("no getting pissed down the pub", {"alcohol"}, case_id="uk-pissed-down-the-pub"),
    case("no bevvies", {"alcohol"}, case_id="uk-bevvies"),
    case("no punting on the horses", {"gambling"}, case_id="uk-punting-horses"),
    case("no snogging", {"romance", "sexual"}, case_id="uk-snogging"),
    case("no piss-ups", {"alcohol"}, case_id="uk-piss-ups"),
    case("no swearing or colourful language", {"profanity"}, case_id="uk-colourful-language"),
    case("no sweary words pls", {"profanity"}, case_id="uk-sweary-words"),
    case("no pokies", {"gambling"}, case_id="au-pokies"),  # Australian slot machines
    case(
        "no durries or goon", {"tobacco"}, ok=("goon",), case_id="au-durries-goon"
    ),  # goon is cheap cask wine in Australia and a thug elsewhere: decided (2026-12-05) to keep it a topic of its own,
    # not alcohol; beside durries (tobacco) nothing says which. The topic still refuses a text that says "goon".
    case(
        "no gutka or paan",
        {"tobacco"},
        ok=("paan",),  # judgement: gutka is chewing tobacco; paan may or may not hold tobacco
        case_id="in-gutka-paan",
    ),
    case("no bhang, no daaru", {"drugs", "alcohol"}, ok=("bhang", "daaru"), case_id="in-bhang-daaru"),
]

# --- 7. Emoji -----------------------------------------------------------------------------------------------------
EMOJI = [
    case("no 🍺", {"alcohol"}, case_id="emoji-no-beer"),
    case("🚫🍷", {"alcohol"}, case_id="emoji-prohibited-wine"),
    case("no 🚬", {"tobacco"}, case_id="emoji-no-cigarette"),
    case("🙅‍♀️ 🎰", {"gambling"}, case_id="emoji-gesture-no-slot-machine"),
    # judgement: a crossed-out syringe is read as drug injection (the stricter reading); it could also mean
    # vaccines or a fear of needles, so a needle/syringe topic is accepted beside the category
    case("❌💉", {"drugs"}, ok=("needle", "syringe"), case_id="emoji-cross-syringe"),
    case("no 🔞", {"sexual"}, case_id="emoji-no-18"),
    case("no 🍆🍑", {"sexual"}, case_id="emoji-eggplant-peach"),
    case("no 🔫 or 🔪", {"violence"}, case_id="emoji-gun-knife"),
    case("🚫💊", {"drugs"}, case_id="emoji-pill"),  # judgement: pills in a ban are drugs (recognise: \bpills?\b)
    case("no 🤬", {"profanity"}, case_id="emoji-cursing-face"),
    case("no 👻🧟", {"horror"}, case_id="emoji-ghost-zombie"),
    case("no 🗳️ stuff", {"politics"}, case_id="emoji-ballot-box"),
]

# --- 8. Two lines: the forms above, one ban a line ---------------------------------------------------------------
TWO_LINES = [
    case(
        "No booze.\nNo smokes/vapes either.",
        {"alcohol", "tobacco"},
        ok=("vapes",),
        case_id="two-lines-booze-smokes-vapes",
    ),
    case("NSFW = NO\nGore = NO", {"sexual", "violence"}, case_id="two-lines-nsfw-gore-equals-no"),
    case(
        "nothing sexualized + no PDA\nno swearing/cursing pls",
        {"sexual", "romance", "profanity"},
        case_id="two-lines-sexualized-pda-swearing",
    ),
    case("#NoSwearing\n#NoGambling", {"profanity", "gambling"}, case_id="two-lines-hashtags"),
    case(
        "no weed/420 stuff\nno 🍺 either thx",
        {"drugs", "alcohol"},
        ok=("weed",),
        case_id="two-lines-weed-420-beer-emoji",
    ),
    case(
        "no brewskis or bevvies\nno ciggies, no durries",
        {"alcohol", "tobacco"},
        case_id="two-lines-slang-alcohol-tobacco",
    ),
]

# --- 9. Guards: the same words meaning something else, or naming nothing ----------------------------------------
GUARDS = [
    case("no shots of my feet", set(), need=("feet",), ok=("shots",), case_id="guard-shots-of-feet"),
    case("no high-angle shots", set(), need=("high-angle",), ok=("shots",), case_id="guard-high-angle-shots"),
    case("no drafts, only final edits", set(), ok=("drafts",), case_id="guard-drafts"),
    # judgement: a dislike may be read as a ban on the topic or as nothing; either way no category
    case("I'm not a fan of pineapple pizza", set(), ok=("pineapple pizza",), case_id="guard-not-a-fan-pineapple-pizza"),
    case("no sad music", set(), need=("sad music",), case_id="guard-sad-music"),
    case("no dogs", set(), need=("dogs",), case_id="guard-dogs"),
    case("no bar charts or graphs", set(), need=("bar charts",), ok=("graphs",), case_id="guard-bar-charts"),
    case(
        "no jazz hands or spirit fingers", set(), need=("jazz hands", "spirit fingers"), case_id="guard-spirit-fingers"
    ),
    case("no punchlines about my weight", set(), need=("weight",), ok=("punchlines",), case_id="guard-punchlines"),
    # British intensifier, no blood: swearing is banned, violence is not (the word "bloody" is itself a mild swear)
    case("no bloody swearing", {"profanity"}, case_id="guard-uk-bloody-intensifier"),
    case("no high heels", set(), need=("high heels",), case_id="guard-high-heels"),
    case("no smoky eye makeup", set(), need=("smoky eye",), case_id="guard-smoky-eye"),
    case("no pot plants in the background", set(), need=("pot plants",), case_id="guard-pot-plants"),
    case("don't reveal the sex of my baby", set(), ok=("baby", "sex of my baby"), case_id="guard-sex-of-baby"),
    # "stick to the script" is an instruction that names nothing (README: "anything goes but be respectful")
    case("no ad-libbing, stick to the script", set(), ok=("ad-lib",), case_id="guard-ad-libbing"),
    case(
        "no drunk-on-love captions",
        set(),
        ok=("captions", "drunk-on-love", "drunk on love"),
        case_id="guard-drunk-on-love",
    ),
    case("no high fives", set(), need=("high fives",), case_id="guard-high-fives"),
    case("no shooting hoops, I'm bad at basketball", set(), need=("hoops",), case_id="guard-shooting-hoops"),
]


@pytest.mark.parametrize(FIELDS, SEPARATORS)
def test_separators(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, SPELLING)
def test_spelling(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, ABBREVIATIONS)
def test_abbreviations(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, FORMS)
def test_forms(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, SLANG)
def test_slang(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, REGIONAL)
def test_regional(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, EMOJI)
def test_emoji(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, TWO_LINES)
def test_two_lines(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, GUARDS)
def test_guards(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
