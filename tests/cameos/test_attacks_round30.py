"""Attack round 30 on the restriction parser (cameos/restrictions.py): the rules added on 2026-12-05 to fix rounds
25 to 29, attacked mainly for over-reach, plus near variants they still miss.

Over-reach: ordinary restrictions the new rules misread. An aside in brackets that starts like a remark ("that's",
"people", "just", "obviously", "we", "you", "i mean", "don't ask") dropped with the real item inside it; what the
owner does ("I bet", "I swear", "I smoke", "I drink", "I play", "I talk about") read as a reason when the same
sentence bans it; more titles ("lover", "user", "member", "dad") making a list item who the owner is; a header
before a ban on one line ("Kids: no filming them") cut off from the "them" it heads; "all good", "all welcome",
"great" and "cool" allowances swallowing a ban ("No alcohol at all cool?"); the owner's own business ("my
company's name", "my logo", "my brand") read as advertising where nothing is advertised; scope ("any shape or
form", "any horror scenes") eating a real item; "no need to" allowances read as bans ("no need to tag me", "no need
to keep it clean"); "chips and dip", "A/B" and hyphen handling leaving junk ("-dip", "t-shirts" losing "with
logos"); and words a category reads in another sense ("heart attack", "root beer", "glue guns", "sex ed").

Under-reach: near variants of the day's fixes still missed: "unless" after "It's fine", "I don't mind", "I'm easy";
"anything that isn't X is fine by me / totally fine with me"; "feel free to use me unless ..."; "it" after "I wear"
in "taking it off", "make fun of it", "no jokes about it", and after "I smoke" or "I never wear makeup"; religion's
own things mocked ("pope", "Diwali", "Eid", a turban, a hijab); "drinker", "crack user", "s-words",
"#BlackLivesMatter", "#thirsttrap"; "my business name must not be used".

Each case asserts the full set of categories a careful reader derives (PG = {sexual, violence, drugs, profanity};
ruling out romance rules out sexual). A plain category ban expects no topic at all, so a stray topic fails it.
Judgement calls are commented beside their case.

98 cases in 9 tests; 85 got through when written. All are fixed (2026-12-05): a bracketed aside is dropped only as
a remark ("(don't ask)", "(gross)") or as what people or the owner do with no ban and no category in it; "we don't
do X" and "that goes for X too" are rules; what the owner does ("I smoke", "I drink wine") followed by "don't show
it" or "not on camera" bans it, and "it" after what they wear, keep or do is that thing; "I bet you" and "I swear if"
are idioms; titles do not cut a list that names a category ("drug user"); a subject before a colon fills its ban
("Kids: no filming them", "Religion: no jokes"); the owner's own business is advertising only as the whole item;
"all welcome", "it's all good", "I'm easy", "I don't mind" before "unless"/"except" allow the rest; "no need to ask,
tag, credit, be nice" allow; "at all cool?" is a question; scope ("in any shape or form") and media pairs ("TV/film")
are no things; "T-shirts" is no name; religious symbols and holidays mocked are religion; "drinker", "crack user",
"s-words", "#BlackLivesMatter", "#thirsttrap", "freedom fighter" and "wine lover" read as meant. Three expectations
were changed on purpose (each says why beside it): "my logo tattoo" and "my company's name" read brands, and "I
talk about religion, but don't mock it" reads religion, the stricter readings.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, case, check

# === (a) OVER-REACH ===============================================================================================

# --- 1. An aside in brackets that holds a real item ----------------------------------------------------------------
ASIDES = [
    # "that's political" says which content: the ban is on political content.
    case("no content (that's political)", {"politics"}, case_id="aside-content-thats-political"),
    case("no videos (that show me drinking)", {"alcohol"}, case_id="aside-videos-that-show-me-drinking"),
    # Jokes that mock a faith are the religion definition's "mocking ... a religion".
    case("no jokes (that mock my faith)", {"religion"}, ok=("jokes",), case_id="aside-jokes-that-mock-my-faith"),
    case(
        "no pictures (my kids or my wife)",
        set(),
        need=("kids", "wife"),
        ok=("pictures",),
        case_id="aside-pictures-my-kids-or-my-wife",
    ),
    # "(don't ask)" is a remark; its "ask" is no topic.
    case("no clowns (don't ask)", {"horror"}, case_id="aside-clowns-dont-ask"),
    case("anything goes (just no politics)", {"politics"}, case_id="aside-anything-goes-just-no-politics"),
    case("Comedy is fine (obviously no drugs)", {"drugs"}, case_id="aside-comedy-fine-obviously-no-drugs"),
    case("Comedy's fine (we don't do religion here)", {"religion"}, case_id="aside-we-dont-do-religion"),
    case(
        "roast me all you want (you can't show me drinking)",
        {"alcohol"},
        case_id="aside-roast-me-you-cant-show-me-drinking",
    ),
    # Judgement: the bracket says what kind of parties; drinking and smoking are banned, "parties" may stay a topic.
    case(
        "no parties (people drinking or smoking)",
        {"alcohol", "tobacco"},
        ok=("parties",),
        case_id="aside-parties-people-drinking-or-smoking",
    ),
    case("no smoking (that goes for weed too)", {"tobacco", "drugs"}, case_id="aside-smoking-that-goes-for-weed"),
    # "Keep it light" alone names no category (it is not "keep it clean"); the bracket bans gore.
    case("keep it light (I hate gore)", {"violence"}, case_id="aside-keep-it-light-i-hate-gore"),
    # Controls: a remark in brackets, and a real item in brackets, read right.
    case("no jokes (about my weight)", set(), need=("weight",), ok=("jokes",), case_id="aside-jokes-about-my-weight"),
    case("no drinking (i'm in recovery), no drugs", {"alcohol", "drugs"}, case_id="aside-in-recovery-control"),
]

# --- 2. What the owner does, in a sentence that bans it ------------------------------------------------------------
OWNER_DOES = [
    # "I bet" is "I'm sure", not betting; the rule is "don't [add politics]".
    case("I bet you'll want to add politics, don't", {"politics"}, case_id="i-bet-youll-add-politics-dont"),
    # "I swear" is an oath, not swearing; the rule is about porn.
    case("I swear if you put me in porn I'll sue", {"sexual"}, case_id="i-swear-if-porn-ill-sue"),
    # "it" is smoking: the owner smokes, and bans being shown doing it.
    case("I smoke, don't show it", {"tobacco"}, case_id="i-smoke-dont-show-it"),
    # The camera is where it must not appear, not a topic (a topic "camera" would refuse every camera).
    case("I drink wine, but not on camera", {"alcohol"}, case_id="i-drink-wine-not-on-camera"),
    case("I play poker but not in videos", {"gambling"}, case_id="i-play-poker-not-in-videos"),
    # Judgement: "using" is using drugs; talking about drugs is the owner's work, being shown using is the ban. The
    # stricter reading is the category (showing drug use is its core), and "using" alone is junk.
    case(
        "I talk about drugs on my show, but don't show me using",
        {"drugs"},
        case_id="i-talk-about-drugs-dont-show-me-using",
    ),
    # Judgement: the owner's religious talk is allowed, mocking it is not. "I talk about religion" is what the owner
    # does (a reason), not an allowance by the head word, so "don't mock it" (it: religion) bans religion whole, the
    # stricter reading (decided 2026-12-05; the helper expected a topic about mocking religion). "mock" alone lost
    # what is mocked.
    case(
        "I talk about religion a lot, but don't mock it",
        {"religion"},
        case_id="i-talk-about-religion-dont-mock-it",
    ),
    case("I play nice, so no violence", {"violence"}, case_id="i-play-nice-so-no-violence-control"),
]

# --- 3. Titles that make a list item who the owner is ---------------------------------------------------------------
TITLES = [
    # "lover" here is a fan of wine, not romance.
    case("no wine lover memes", {"alcohol"}, ok=("memes", "wine lover"), case_id="wine-lover-memes"),
    case(
        "Not fine: deadbeat dad, drug user",
        {"drugs"},
        need=("deadbeat dad",),
        case_id="not-fine-deadbeat-dad-drug-user",
    ),
    # Judgement: "gang member" is left a topic (gangs are not only violence); the drug user is drugs.
    case(
        "Dealbreakers: gang member, drug user",
        {"drugs"},
        need=("gang member",),
        case_id="dealbreakers-gang-member-drug-user",
    ),
    case(
        "no playing a thief, a drug user",
        {"drugs"},
        need=("thief",),
        ok=("playing",),
        case_id="no-playing-thief-drug-user",
    ),
    # Judgement: a freedom fighter is an armed fighter for a political cause: violence, and politics too.
    case("no freedom fighter stuff", {"politics", "violence"}, case_id="freedom-fighter-stuff"),
    case("no drug user jokes", {"drugs"}, case_id="drug-user-jokes-control"),
    case("no deadbeat dad jokes", set(), need=("deadbeat dad",), case_id="deadbeat-dad-jokes-control"),
]

# --- 4. Allowances ("all good", "welcome", "great", "cool") and headers ----------------------------------------------
ALLOWANCES_AND_HEADERS = [
    case("all welcome except drugs", {"drugs"}, case_id="all-welcome-except-drugs"),
    case("it's all good unless it's political", {"politics"}, case_id="all-good-unless-political"),
    # "cool?" / "good?" ask the reader to agree; they allow nothing.
    case("No alcohol at all cool?", {"alcohol"}, case_id="no-alcohol-at-all-cool"),
    case("no nudity at all good?", {"sexual"}, case_id="no-nudity-at-all-good"),
    case("Keeping politics out of it is great", {"politics"}, case_id="keeping-politics-out-is-great"),
    # The README's rule: an allowance of a whole category by its head word makes a narrower ban in it a topic.
    case("Swearing is all good, no slurs though", set(), need=("slurs",), case_id="swearing-all-good-no-slurs"),
    case("Not fine with: drinking", {"alcohol"}, case_id="not-fine-with-colon-drinking"),
    case("Not fine - drinking", {"alcohol"}, case_id="not-fine-dash-drinking"),
    # A header before a ban on one line: "them" is the kids.
    case("Kids: no filming them", set(), need=("kids",), ok=("filming",), case_id="kids-header-no-filming-them"),
    case("My kids: no videos", set(), need=("kids",), ok=("videos",), case_id="my-kids-header-no-videos"),
    case("My children: keep them out of it", set(), need=("children",), case_id="my-children-header-keep-out"),
    # Jokes about the owner's faith are mocking a religion.
    case("My faith: no jokes about it", {"religion"}, ok=("jokes", "faith"), case_id="my-faith-header-no-jokes"),
    # The jokes are about religion; a bare topic "jokes" would refuse every joke.
    case("Religion: no jokes", {"religion"}, ok=("religio",), junk=("jokes",), case_id="religion-header-no-jokes"),
    # Content with an ex is no romance on its own (round 20's "no content about my ex" is a topic); "him" is no topic.
    case("My ex: no content with him", set(), need=("ex",), junk=("him",), case_id="my-ex-header-no-content-with-him"),
    case("Rules: no politics", {"politics"}, case_id="rules-header-control"),
]

# --- 5. The owner's own business, where nothing is advertised ------------------------------------------------------
OWN_BUSINESS = [
    # Judgement: a tattoo of a logo is a tattoo, but "logo" is advertising's word: the stricter reading, brands
    # (decided 2026-12-05; the helper expected a topic). The owner can allow ads and ban "logo tattoo" by its topic.
    case("don't show my logo tattoo", {"brands"}, case_id="my-logo-tattoo"),
    # Jokes about a name mock it, but "company" is advertising's word: brands, the stricter reading (decided
    # 2026-12-05; the helper expected a topic).
    case(
        "no jokes about my company's name",
        {"brands"},
        ok=("jokes", "company", "name"),
        case_id="jokes-about-my-company-name",
    ),
    case(
        "don't mispronounce my salon's name",
        set(),
        need=("name",),
        ok=("mispronounc", "salon"),
        case_id="mispronounce-my-salon-name",
    ),
    # "my brand" is the owner's personal brand (a reason), not advertising.
    case(
        "my brand is all about positivity, no negativity",
        set(),
        need=("negativity",),
        case_id="my-brand-positivity-no-negativity",
    ),
    # Near variant of round 24's "don't use my shop's name": the owner's business name used is their advertising.
    case("my business name must not be used", {"brands"}, case_id="my-business-name-must-not-be-used"),
    case(
        "my brand is wholesome, keep it clean",
        {"sexual", "violence", "drugs", "profanity"},
        case_id="my-brand-clean-control",
    ),
]

# --- 6. Religion's own words mocked, and "it" after what the owner wears -------------------------------------------
RELIGION_AND_IT = [
    case("no jokes about the pope", {"religion"}, ok=("pope",), case_id="jokes-about-the-pope"),
    case("no Diwali memes", {"religion"}, ok=("diwali",), case_id="diwali-memes"),
    case("no Eid jokes", {"religion"}, ok=("eid",), case_id="eid-jokes"),
    # Judgement: a turban and a hijab are worn for faith; making fun of them mocks a religion.
    case("no making fun of my turban", {"religion"}, ok=("turban",), case_id="making-fun-of-my-turban"),
    case("don't disrespect my hijab", {"religion"}, ok=("hijab",), case_id="disrespect-my-hijab"),
    case("nothing during Ramadan", set(), need=("ramadan",), case_id="nothing-during-ramadan-control"),
    # A ring the owner always wears is a thing to keep, not romance.
    case(
        "I always wear my wedding ring. Never show me without it",
        set(),
        need=("wedding ring",),
        case_id="always-wear-wedding-ring",
    ),
    case(
        "I wear a hijab. Never show me taking it off",
        set(),
        need=("hijab",),
        ok=("taking", "take"),
        case_id="hijab-never-taking-it-off",
    ),
    case(
        "I always wear a turban. Don't make fun of it",
        {"religion"},
        ok=("turban", "fun"),
        case_id="turban-dont-make-fun-of-it",
    ),
    # Judgement: the cross is a religious symbol the owner wears; jokes about it mock a religion.
    case("I wear a cross. No jokes about it", {"religion"}, ok=("cross", "jokes"), case_id="cross-no-jokes-about-it"),
    case("I never wear makeup. Don't show me with it", set(), need=("makeup",), case_id="never-wear-makeup-with-it"),
    # Judgement: "it" is the dog, as round 29 read "it" as what is worn: a topic naming the dog.
    case("I love my dog. Never show me without it", set(), need=("dog",), case_id="love-my-dog-without-it"),
]

# --- 7. Scope, junk from one-thing phrases, and words in another sense --------------------------------------------
SCOPE_AND_SENSES = [
    case("no drinking in any shape or form", {"alcohol"}, case_id="drinking-any-shape-or-form"),
    case("no gambling in any way, shape or form", {"gambling"}, case_id="gambling-any-way-shape-or-form"),
    # "any horror scenes" is a thing, not how much of the politics.
    case("no politics, or any horror scenes", {"politics", "horror"}, case_id="politics-or-any-horror-scenes"),
    case("no swearing or any sex scenes", {"profanity", "sexual"}, case_id="swearing-or-any-sex-scenes"),
    case("no heart attack jokes", set(), need=("heart attack",), case_id="heart-attack-jokes"),
    case("no panic attack jokes", set(), need=("panic attack",), case_id="panic-attack-jokes"),
    # One thing, with no broken halves ("chips-", "-dip party").
    case(
        "no chips and dip at the party",
        set(),
        need=("chips",),
        ok=("dip", "party"),
        junk=("chips-", "-dip party", "-dip"),
        case_id="chips-and-dip-at-the-party",
    ),
    # As "no shirts with logos" reads: logos shown are advertising, and "t-shirts" alone would refuse every T-shirt.
    case("no T-shirts with logos", {"brands"}, ok=("t-shirt",), junk=("t-shirts",), case_id="t-shirts-with-logos"),
    # "TV/film violence" is violence on screen; "tv" alone would refuse every TV.
    case("no TV/film violence", {"violence"}, junk=("tv",), case_id="tv-film-violence"),
    # The alcohol definition leaves out soda: root beer is a soda.
    case("no root beer", set(), need=("root beer",), case_id="root-beer"),
    case("no glue guns", set(), need=("glue gun",), case_id="glue-guns"),
    case("no killer heels", set(), need=("killer heels",), case_id="killer-heels"),
    case("no poker face", set(), need=("poker face",), case_id="poker-face"),
    # Judgement: the sexual definition leaves out "medical or biology lessons about the body".
    case("no sex ed", set(), need=("sex ed",), case_id="sex-ed"),
]

# --- 8. "no need to ...": allowed sense ----------------------------------------------------------------------------
NO_NEED = [
    case("no need to ask me first", set(), case_id="no-need-to-ask-me-first"),
    case("no need to tag me", set(), case_id="no-need-to-tag-me"),
    case("no need to credit me", set(), case_id="no-need-to-credit-me"),
    # Cleanliness said not to be needed (as "no need to keep it PG" already reads).
    case("no need to keep it clean", set(), case_id="no-need-to-keep-it-clean"),
    case("no need to be nice to me, but no slurs", {"profanity"}, case_id="no-need-to-be-nice-but-no-slurs"),
    case("no need to keep it PG", set(), case_id="no-need-to-keep-it-pg-control"),
]

# === (b) UNDER-REACH ==============================================================================================
UNDER_REACH = [
    case("feel free to use me unless it shows me drinking", {"alcohol"}, case_id="feel-free-to-use-me-unless-drinking"),
    case("anything that isn't political is fine by me", {"politics"}, case_id="anything-not-political-fine-by-me"),
    case(
        "Honestly anything that doesn't involve politics is totally fine with me",
        {"politics"},
        case_id="honestly-anything-without-politics-fine-with-me",
    ),
    case(
        "Anything that doesn't show me drinking is fine with me",
        {"alcohol"},
        case_id="anything-not-showing-drinking-fine-with-me",
    ),
    case("It's fine unless it's political", {"politics"}, case_id="its-fine-unless-political"),
    case("I don't mind unless it's political", {"politics"}, case_id="dont-mind-unless-political"),
    case("I'm easy, unless it's political", {"politics"}, case_id="im-easy-unless-political"),
    case("I'm down unless it's horror", {"horror"}, case_id="im-down-unless-horror"),
    # Judgement: the condition names nothing a reader can check; "mom would hate" is no topic.
    case("Sure, unless my mom would hate it", set(), case_id="sure-unless-mom-would-hate-it"),
    # Judgement: ads need the owner's say first, so ads are out by default; "then ask first" is no topic.
    case("Go ahead unless it's for an ad, then ask me first", {"brands"}, case_id="go-ahead-unless-ad-ask-first"),
    # Judgement: "I don't need to be in X" is a polite "keep me out of X".
    case("I don't need to be in anything political", {"politics"}, case_id="dont-need-to-be-in-political"),
    case("Please don't make me a heavy drinker", {"alcohol"}, ok=("heavy drinker",), case_id="heavy-drinker"),
    case("no crack user stereotypes", {"drugs"}, ok=("stereotypes", "crack user"), case_id="crack-user-stereotypes"),
    # "s-word" is the starred-out shit, as "f-bombs" reads.
    case("no s-words", {"profanity"}, case_id="s-words"),
    case("no #BlackLivesMatter stuff", {"politics"}, ok=("blacklivesmatter",), case_id="hashtag-black-lives-matter"),
    case("no #thirsttrap", {"sexual"}, ok=("thirst",), case_id="hashtag-thirsttrap"),
]


@pytest.mark.parametrize(FIELDS, ASIDES)
def test_asides(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, OWNER_DOES)
def test_owner_does(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, TITLES)
def test_titles(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, ALLOWANCES_AND_HEADERS)
def test_allowances_and_headers(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, OWN_BUSINESS)
def test_own_business(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, RELIGION_AND_IT)
def test_religion_and_it(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, SCOPE_AND_SENSES)
def test_scope_and_senses(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, NO_NEED)
def test_no_need(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, UNDER_REACH)
def test_under_reach(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
