"""Attack round 32 on the restriction parser (cameos/restrictions.py): the rules the last commit (rounds 30 and 31)
added, attacked mainly for over-reach, plus near variants they still miss.

Over-reach: a subject before a colon ("Politics: I don't mind it", "Swearing: keep it in", "Smoking: no issue")
turned into a ban of itself; a header that is no subject ("Note:", "Heads up:", "Me:") glued onto the bare ban
("jokes about note"); "it" after "I love X" or "I drink X" filled into an allowance ("I love horror. Make it as
scary as you like", "I vape. It's fine to show it") or into a word that only looks like a category ("I drink
coffee" read as drinking alcohol); bracketed asides kept as topics ("(we're Mormon)", "(no offense)", "(allergic)");
religious symbols matched inside other words ("cross-training", "habit tracker", "monk fruit", "veil of secrecy",
"Red Cross"); "drinker" read as alcohol whatever is drunk ("coffee drinker"); "butts" in "crack jokes about my
butt" read as tobacco; "boyfriend jeans" read as romance; "Leaving the swearing in would be great" read as a ban.

Under-reach: near variants still missed: a header's subject lost when its ban has no pronoun or has two colons
("Kids: no jokes or videos", "My kids: no videos: ever", "Kids: don't show their faces"); "I drink. Not on camera
though", "I smoke. Not in videos please"; "it"/"them"/"her" after "I love my wife", "I keep chickens"; allowances
before "unless"/"except" in longer sentences ("I'm easy going about most stuff unless ...", "it's all good with
me except ...", "it's fine by me unless ..."); "no need to show my kids" as a polite ban; "Keeping it clean would
be appreciated", "Keeping it out of politics is great"; "the word 'moist' must not be used"; "all lives matter".

Each case asserts the full set of categories a careful reader derives (PG = {sexual, violence, drugs, profanity};
ruling out romance rules out sexual). A plain category ban expects no topic at all, so a stray topic fails it.
Judgement calls are commented beside their case.

116 cases in 7 tests; 67 got through when written.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, PG, case, check

# Topics that refuse innocent texts: filler, the owner, the medium, the manner.
FILLER = ("jokes", "joke", "me", "my", "stuff", "videos", "video", "make fun", "fun", "content", "anything", "memes")

# === (a) OVER-REACH ===============================================================================================

# --- 1. A subject before a colon ----------------------------------------------------------------------------------
HEADERS = [
    # Headers that are no subject: the ban after them reads alone.
    case("Note: no politics", {"politics"}, case_id="hdr-note-no-politics"),
    case("Update 2024: no vaping", {"tobacco"}, case_id="hdr-update-2024-no-vaping"),
    case("IMPORTANT: never show my face with alcohol", {"alcohol"}, case_id="hdr-important-never-alcohol"),
    case("Rule #1: no nudity", {"sexual"}, case_id="hdr-rule-1-no-nudity"),
    case("Re: ads, no thanks", {"brands"}, case_id="hdr-re-ads-no-thanks"),
    case("Me: no pranks", set(), need=("prank",), junk=FILLER, case_id="hdr-me-no-pranks"),
    # Judgement: "Note:" heads nothing, so the ban is on jokes as a whole, as a bare "no jokes" reads (a topic
    # "jokes"); "jokes about note" refuses nothing the owner meant.
    case("Note: no jokes", set(), need=("jokes",), junk=("jokes about note",), case_id="hdr-note-no-jokes"),
    case("Heads up: no memes", set(), need=("memes",), junk=("memes about heads up",), case_id="hdr-heads-up-no-memes"),
    # "Me:" is the owner: "jokes about me" or "jokes" are fine; "jokes about" (lost object) is junk.
    case("Me: no jokes", set(), need=("jokes",), junk=("jokes about",), case_id="hdr-me-no-jokes"),
    # A header's subject kept when the ban has its own pronoun-less object or two colons.
    case(
        "Kids: don't show their faces",
        set(),
        need=("kids",),
        ok=("faces", "face"),
        junk=("their faces",),
        case_id="hdr-kids-dont-show-their-faces",
    ),
    case("My kids: no videos: ever", set(), need=("kids",), ok=("videos",), case_id="hdr-my-kids-no-videos-ever"),
    case(
        "Kids: no jokes or videos",
        set(),
        need=("kids",),
        ok=("jokes", "videos"),
        junk=FILLER,
        case_id="hdr-kids-no-jokes-or-videos",
    ),
    # Both bare bans are about religion; "jokes" and "memes" alone refuse every joke and meme.
    case(
        "Religion: no jokes, no memes",
        {"religion"},
        ok=("religio",),
        junk=FILLER,
        case_id="hdr-religion-no-jokes-no-memes",
    ),
    case("Me: I don't do pranks", set(), need=("prank",), junk=FILLER, case_id="hdr-me-i-dont-do-pranks"),
    # A header whose line is an allowance bans nothing.
    case("Politics: I don't mind it", set(), case_id="hdr-politics-i-dont-mind-it"),
    case("Religion: don't care", set(), case_id="hdr-religion-dont-care"),
    case("Swearing: don't care", set(), case_id="hdr-swearing-dont-care"),
    case("Drinking: don't mind it", set(), case_id="hdr-drinking-dont-mind-it"),
    case("Politics: don't hold back", set(), case_id="hdr-politics-dont-hold-back"),
    case("Smoking: no issue", set(), case_id="hdr-smoking-no-issue"),
    case("Swearing: keep it in", set(), case_id="hdr-swearing-keep-it-in"),
    # Judgement: "keep it fun" is a manner, not a ban of the horror it heads.
    case("Horror: keep it fun", set(), case_id="hdr-horror-keep-it-fun"),
    # "my brand" is the owner's personal brand (round 30); "keep it on message" names nothing to check.
    case("My brand: keep it on message", set(), case_id="hdr-my-brand-on-message"),
    case("Gambling: avoid at all costs", {"gambling"}, case_id="hdr-gambling-avoid-at-all-costs"),
    # Judgement: horror is the subject the rule limits, not what it bans; gore is out, horror stays.
    case("Horror: nothing too gory", {"violence"}, case_id="hdr-horror-nothing-too-gory"),
    # Judgement: "keep it sweet" keeps romance and rules out its sexual side.
    case("Romance: keep it sweet", {"sexual"}, case_id="hdr-romance-keep-it-sweet"),
    # Controls: colons in times and ratios, two colons, a pronoun filled.
    case("Rules: no politics: none at all", {"politics"}, case_id="hdr-two-colons-control"),
    case("Ratio 16:9 only, no horror", {"horror"}, case_id="hdr-ratio-control"),
    case("Dinner at 7:30, no alcohol", {"alcohol"}, case_id="hdr-time-control"),
    case(
        "Kids: no filming them after 8:30",
        set(),
        need=("kids",),
        ok=("filming", "after", "8"),
        case_id="hdr-kids-after-830-control",
    ),
    # Mocking a verse of scripture mocks a religion; "it" is the verse the owner allowed quoting.
    case("Bible verse John 3:16 is fine, no mocking it", {"religion"}, case_id="hdr-bible-verse-no-mocking-it"),
]

# --- 2. "it"/"them" after what the owner loves, wears, keeps or does ---------------------------------------------
OWNER_DOES = [
    case("I love horror. Don't make it gory", {"violence"}, case_id="it-love-horror-not-gory"),
    case(
        "I wear glasses, no jokes about them",
        set(),
        need=("glasses",),
        ok=("jokes",),
        junk=FILLER,
        case_id="it-glasses-no-jokes-about-them",
    ),
    case("I love my kids. Keep them out of it", set(), need=("kids",), case_id="it-love-kids-keep-them-out"),
    case("I smoke cigars. Don't show it", {"tobacco"}, case_id="it-smoke-cigars-dont-show"),
    case("I drink. Not on camera though", {"alcohol"}, case_id="it-i-drink-not-on-camera-though"),
    case("I smoke. Not in videos please", {"tobacco"}, case_id="it-i-smoke-not-in-videos-please"),
    case("I play poker for fun, it's fine", set(), case_id="it-play-poker-its-fine"),
    case("I talk about politics, go ahead", set(), case_id="it-talk-politics-go-ahead"),
    # Coffee and tea are not alcohol (its definition); "drink" here is no drinking of alcohol.
    case("I drink coffee a lot. Don't show it", set(), need=("coffee",), case_id="it-drink-coffee-dont-show"),
    case(
        "I drink tea. Not on camera though",
        set(),
        need=("tea",),
        junk=("camera",),
        case_id="it-drink-tea-not-on-camera",
    ),
    # Allowances with "it" in them ban nothing.
    case("I vape. It's fine to show it", set(), case_id="it-vape-fine-to-show"),
    case("I love horror. Make it as scary as you like", set(), case_id="it-love-horror-as-scary-as-you-like"),
    # "her" is the wife, as "them" is the kids.
    case("I love my wife. Keep her out of it", set(), need=("wife",), case_id="it-love-wife-keep-her-out"),
    case("I keep chickens, never show them", set(), need=("chickens",), case_id="it-keep-chickens-never-show"),
    # Judgement: partying is no category (a party is not drinking); "a lot" is how often, not part of the thing.
    case(
        "I party a lot, don't show it",
        set(),
        need=("party",),
        ok=("partying",),
        junk=("partying lot", "lot"),
        case_id="it-party-a-lot-dont-show",
    ),
    # Judgement: "it" is the owner's cursing; don't make it worse = no (more) swearing, the stricter reading.
    case("I curse a lot, don't make it worse", {"profanity"}, case_id="it-curse-a-lot-dont-make-worse"),
    # Judgement: the owner loves politics; "boring" is no thing to check, and a topic holding "politics" refuses the
    # political videos they welcome.
    case("I love politics. Don't make it boring", set(), case_id="it-love-politics-not-boring"),
    case("I carry a rosary. Don't mock it", {"religion"}, case_id="it-carry-rosary-dont-mock"),
]

# --- 3. Bracketed asides ------------------------------------------------------------------------------------------
ASIDES = [
    case("no clowns (I'm serious)", {"horror"}, case_id="aside-clowns-im-serious"),
    case("no politics (long story)", {"politics"}, case_id="aside-politics-long-story"),
    case("no spiders (it's a phobia)", set(), need=("spiders",), case_id="aside-spiders-phobia"),
    # "they scare me" is a reason, not a ban on horror.
    case("no snakes (they scare me)", set(), need=("snakes",), case_id="aside-snakes-scare-me"),
    case("no swearing (my mom watches)", {"profanity"}, case_id="aside-swearing-mom-watches"),
    case("no drinking (lol)", {"alcohol"}, case_id="aside-drinking-lol"),
    # Judgement: the owner's faith is the reason (README: "I'm Muslim" names nothing); pork jokes do not mock Islam.
    case("no pork jokes (we're Muslim)", set(), need=("pork",), ok=("jokes",), case_id="aside-pork-jokes-muslim"),
    case("no religion jokes (no offense)", {"religion"}, case_id="aside-religion-jokes-no-offense"),
    case("no alcohol (we're Mormon)", {"alcohol"}, case_id="aside-alcohol-were-mormon"),
    case("no vaping (quit last year)", {"tobacco"}, case_id="aside-vaping-quit-last-year"),
    case("no dogs (allergic)", set(), need=("dogs",), junk=("allergic",), case_id="aside-dogs-allergic"),
]

# --- 4. Partners, and religion's symbols inside other words ----------------------------------------------------------
PARTNERS_AND_SYMBOLS = [
    case("no videos with my boyfriend kissing me", {"romance", "sexual"}, ok=("boyfriend",), case_id="bf-kissing-me"),
    # Judgement: content about a girlfriend is couple content: romance, the stricter reading.
    case("no girlfriend content", {"romance", "sexual"}, ok=("girlfriend",), case_id="gf-content"),
    # Boyfriend jeans are a cut of jeans (the romance category's own other_senses example).
    case("no boyfriend jeans", set(), need=("boyfriend jeans",), case_id="bf-jeans"),
    # Judgement: "boyfriend pranks" are a couple genre, and no "my" makes the boyfriend one person of the owner's
    # (round 31's "my boyfriend"): the stricter reading, romance (decided 2026-12-05; the helper expected a topic).
    case("no boyfriend pranks", {"romance", "sexual"}, case_id="bf-pranks"),
    case("no nun jokes", {"religion"}, ok=("nun",), case_id="sym-nun-jokes"),
    case("no Lent jokes", {"religion"}, ok=("lent",), case_id="sym-lent-jokes"),
    # Judgement: Christmas is a Christian holiday and jokes mock it: religion, the stricter reading; a topic
    # "christmas" alone would refuse every Christmas tree the owner did not ban. Christmas is mostly trees, presents
    # and sweaters, so "Christmas" names no religion (round 34, decided 2026-12-05; the helper here expected religion):
    # the topic "christmas jokes" is what is read.
    case(
        "no Christmas jokes",
        set(),
        need=("christmas jokes",),
        junk=("christmas",),
        case_id="sym-christmas-jokes",
    ),
    # Judgement: an egg hunt is the secular side of Easter, not the holiday "observed as such".
    case("no Easter egg hunt memes", set(), need=("egg hunt",), ok=("easter", "memes"), case_id="sym-easter-egg-hunt"),
    case(
        "no jokes about my cross-training",
        set(),
        need=("cross",),
        ok=("training", "jokes"),
        case_id="sym-cross-training",
    ),
    case(
        "no jokes about cross-country running",
        set(),
        need=("cross",),
        ok=("country", "running", "jokes"),
        case_id="sym-cross-country",
    ),
    case("no double cross jokes", set(), need=("double cross",), ok=("jokes",), case_id="sym-double-cross"),
    case(
        "no jokes about my red cross volunteering",
        set(),
        need=("red cross",),
        ok=("volunteering", "jokes"),
        case_id="sym-red-cross",
    ),
    case("no habit tracker memes", set(), need=("habit tracker",), ok=("memes",), case_id="sym-habit-tracker"),
    case(
        "no jokes about my crossword habit",
        set(),
        need=("crossword",),
        ok=("habit", "jokes"),
        case_id="sym-crossword-habit",
    ),
    case("no veil of secrecy jokes", set(), need=("secrecy",), ok=("veil", "jokes"), case_id="sym-veil-of-secrecy"),
    case("no monk fruit jokes", set(), need=("monk fruit",), ok=("jokes",), case_id="sym-monk-fruit"),
    case("no jokes about the cross I wear", {"religion"}, ok=("cross",), case_id="sym-cross-i-wear-control"),
]

# --- 5. Words read as meant ---------------------------------------------------------------------------------------
WORDS = [
    # What is drunk decides: coffee and tea are not alcohol.
    case("no coffee drinker jokes", set(), need=("coffee",), ok=("drinker", "jokes"), case_id="coffee-drinker-jokes"),
    case("no tea drinker memes", set(), need=("tea",), ok=("drinker", "memes"), case_id="tea-drinker-memes"),
    case("no coffee drinkers", set(), need=("coffee",), ok=("drinker",), case_id="coffee-drinkers"),
    case("no b-word", {"profanity"}, case_id="b-word"),
    case("no B-roll", set(), need=("b-roll",), case_id="b-roll"),
    case("no D-Day jokes", set(), need=("d-day",), case_id="d-day-jokes"),
    case("no C-section jokes", set(), need=("c-section",), case_id="c-section-jokes"),
    case("no crack house", {"drugs"}, case_id="crack-house"),
    case("no crack of dawn wakeups", set(), need=("dawn",), ok=("crack", "wake"), case_id="crack-of-dawn"),
    # A butt crack is no cigarette butt.
    case("no crack jokes about my butt", set(), need=("butt",), ok=("crack", "jokes"), case_id="crack-jokes-butt"),
    case("no BLM protests", {"politics"}, case_id="blm-protests"),
    # "All Lives Matter" is a political slogan, as "#BlackLivesMatter" is; "lives matter" alone is junk.
    case(
        "no all lives matter stuff",
        {"politics"},
        ok=("all lives matter",),
        junk=("lives matter",),
        case_id="all-lives-matter-stuff",
    ),
    case("no wine lovers content", {"alcohol"}, ok=("wine",), case_id="wine-lovers-content"),
    case("no cat lovers memes", set(), need=("cat lovers",), ok=("memes",), case_id="cat-lovers-memes"),
    case(
        "no freedom fighters or terrorists",
        {"politics", "violence"},
        ok=("terrorist",),
        case_id="freedom-fighters-or-terrorists",
    ),
]

# === (b) UNDER-REACH ==============================================================================================
ALLOWANCES = [
    case(
        "I'm easy going about most stuff unless it gets political",
        {"politics"},
        case_id="easy-going-unless-political",
    ),
    case("it's all good with me except anything sexual", {"sexual"}, case_id="all-good-with-me-except-sexual"),
    case(
        "I don't mind pranks unless they involve my kids",
        set(),
        need=("kids",),
        ok=("prank",),
        case_id="dont-mind-pranks-unless-kids",
    ),
    case("it's fine by me unless there's blood", {"violence"}, case_id="fine-by-me-unless-blood"),
    case(
        "I don't mind being roasted as long as there's no swearing",
        {"profanity"},
        case_id="dont-mind-roasted-as-long-as-no-swearing",
    ),
    case("all welcome here, except drugs and alcohol", {"drugs", "alcohol"}, case_id="all-welcome-here-except"),
    # Judgement: "no need to be mean" asks for no meanness (the ban "no need to be nice" is not); "need be mean" is
    # junk.
    case("no need to be mean", set(), need=("mean",), junk=("need be mean",), case_id="no-need-to-be-mean"),
    # Judgement: showing the kids is what the owner does not want, said politely.
    case("no need to show my kids", set(), need=("kids",), junk=("need show kids",), case_id="no-need-to-show-kids"),
    # Judgement: "mention" was added for "no need to mention me" (credit); mentioning an ex is a polite ban.
    case("no need to mention my ex", set(), need=("ex",), case_id="no-need-to-mention-my-ex"),
    case("no need to ask, just no politics", {"politics"}, case_id="no-need-to-ask-no-politics-control"),
    case("no need to be polite, swear away", set(), case_id="no-need-polite-swear-away"),
]

SCOPE_AND_FORMS = [
    case("no weed in any shape or form", {"drugs"}, case_id="weed-any-shape-or-form"),
    case("no shapes or forms of gambling", {"gambling"}, case_id="shapes-or-forms-of-gambling"),
    case("Keeping it clean would be appreciated", PG, case_id="keeping-it-clean-appreciated"),
    case("Keeping it out of politics is great", {"politics"}, case_id="keeping-it-out-of-politics-great"),
    case("Keeping my kids out of it is great", set(), need=("kids",), case_id="keeping-kids-out-great"),
    # Leaving something in is an allowance.
    case("Leaving the swearing in would be great", set(), case_id="leaving-swearing-in-great"),
    case('the word "moist" must not be used', set(), words={"moist"}, case_id="word-moist-must-not-be-used"),
    case("My kids must not be shown", set(), need=("kids",), case_id="kids-must-not-be-shown"),
    # README: an allowance of a whole category by its head word makes a narrower ban in it a topic.
    case(
        "Swearing can be used, slurs must not be",
        set(),
        need=("slurs",),
        case_id="swearing-can-slurs-must-not",
    ),
    case("I don't have to be in every video", set(), case_id="dont-have-to-be-in-every-video"),
    case("I don't need to be part of any ads", {"brands"}, case_id="dont-need-part-of-ads"),
    case("The X-Men are fine, no politics", {"politics"}, case_id="x-men-fine-no-politics"),
    case("no T-shirts with political slogans", {"politics"}, ok=("t-shirt",), case_id="t-shirts-political-slogans"),
]


@pytest.mark.parametrize(FIELDS, HEADERS)
def test_headers(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, OWNER_DOES)
def test_owner_does(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, ASIDES)
def test_asides(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, PARTNERS_AND_SYMBOLS)
def test_partners_and_symbols(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, WORDS)
def test_words(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, ALLOWANCES)
def test_allowances(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, SCOPE_AND_FORMS)
def test_scope_and_forms(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
