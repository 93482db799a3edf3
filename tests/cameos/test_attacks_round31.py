"""Attack round 31 on the restriction parser (cameos/restrictions.py): personal free-text topics, the things owners
most often rule out that are no category. Their body and looks (weight, baldness, teeth, height, scars, acne), their
family and people (kids, an ex, a mother, a husband, a dog), their life (a divorce, a miscarriage, cancer, a job,
ADHD, mental health, crying), their privacy (house, location tags, address, license plate, school, workplace),
their identity and dignity (accent, blackface, racist stereotypes, disability, deadnaming, misgendering, religion
mocked, fake apologies and confessions, endorsements) and activities (pranks, dancing, singing, stunts, extreme
sports, danger, cooking, fake crying, ASMR, mukbang, deepfake porn, spiders, clowns).

Each case asserts the topics a careful reader keeps: ``need`` the key words that must be inside some topic, ``ok``
what else a good topic may hold, ``junk`` topics that must not be read (a topic "jokes", "me", "videos" or "make fun"
refuses innocent texts; one that loses its key word refuses nothing it should), and the categories: usually none,
and where a topic names a category by the project's decided words (README, "How a restriction is read"; the
``recognise`` patterns and definitions in cameos/restriction_categories.toml), that category. Judgement calls carry
a comment beside the case.

107 cases in 7 tests. When written, 14 got through: "make fun of my X" glues "fun" to the topic ("fun teeth", "fun
nose", "fun lisp", "fun voice"); "fake videos with/of my X" keeps "fake" and drops "videos", changing the meaning
("fake husband", "fake kids"); the verb or filler of a rule is glued on ("about body", "involving daughter", "shows
where i live", "about job walmart"); a partner kept out of a video or a joke reads romance and sexual with no topic
("keep my girlfriend out of it", "no jokes about my boyfriend", "don't show my wedding ring"); and jokes about a
hijab read no religion (while a kippah does, round 29).

All 14 are fixed (2026-12-05): "make fun of" is "mocking"; a kind of thing before what it is about ("stuff about",
"content involving", "fake videos of", "that shows") is dropped; "where I live" keeps its "where"; "my girlfriend",
"my boyfriend" and a wedding ring are a person and a ring, not romance; a religious symbol mocked is religion.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, PG, case, check

# Topics that refuse innocent texts: filler, the owner, the medium, the manner.
FILLER = ("jokes", "joke", "me", "my", "stuff", "videos", "video", "make fun", "fun", "content", "anything", "memes")

# --- 1. Body and looks -----------------------------------------------------------------------------------------------
BODY = [
    case("no fat jokes", set(), need=("fat",), ok=("jokes",), junk=FILLER, case_id="body-fat-jokes"),
    case("no jokes about my weight", set(), need=("weight",), ok=("jokes",), junk=FILLER, case_id="body-weight"),
    case(
        "nothing about my bald spot",
        set(),
        need=("bald",),
        ok=("spot",),
        junk=(*FILLER, "spot"),
        case_id="body-bald-spot",
    ),
    # "make fun of" is the manner: "fun teeth" glues its "fun" to the topic and means fun teeth, not mockery.
    case(
        "don't make fun of my teeth",
        set(),
        need=("teeth",),
        ok=("make fun",),
        junk=(*FILLER, "fun teeth"),
        case_id="body-teeth-make-fun",
    ),
    case("no height jokes", set(), need=("height",), ok=("jokes",), junk=FILLER, case_id="body-height-jokes"),
    case("don't show my scar", set(), need=("scar",), junk=FILLER, case_id="body-scar"),
    case("no memes about my acne", set(), need=("acne",), ok=("memes",), junk=FILLER, case_id="body-acne-memes"),
    case(
        "please no jokes about my weight or my height",
        set(),
        need=("weight", "height"),
        ok=("jokes",),
        junk=FILLER,
        case_id="body-weight-or-height",
    ),
    case(
        "don't make fun of my nose",
        set(),
        need=("nose",),
        ok=("make fun",),
        junk=(*FILLER, "fun nose"),
        case_id="body-nose",
    ),
    case(
        "don't make fun of my lisp",
        set(),
        need=("lisp",),
        ok=("make fun",),
        junk=(*FILLER, "fun lisp"),
        case_id="body-lisp",
    ),
    case(
        "stop making fun of my voice",
        set(),
        need=("voice",),
        ok=("making fun", "make fun"),
        junk=(*FILLER, "fun voice"),
        case_id="body-voice-making-fun",
    ),
    # "stuff about" is filler, as "nothing about my divorce" reads "divorce".
    case(
        "no stuff about my body", set(), need=("body",), junk=(*FILLER, "about body"), case_id="body-stuff-about-body"
    ),
    case(
        "no videos of me without makeup",
        set(),
        need=("makeup",),
        ok=("without",),
        junk=(*FILLER, "without"),
        case_id="body-without-makeup",
    ),
    case(
        "don't show my stretch marks",
        set(),
        need=("stretch marks",),
        junk=(*FILLER, "stretch", "marks"),
        case_id="body-stretch-marks",
    ),
    # "being short" is the thing; a bare topic "short" would refuse "shorts" and "short film" by its word.
    case(
        "no jokes about me being short",
        set(),
        need=("short",),
        ok=("being",),
        junk=(*FILLER, "being"),
        case_id="body-being-short",
    ),
    case(
        "no fat shaming", set(), need=("fat",), ok=("shaming",), junk=(*FILLER, "shaming"), case_id="body-fat-shaming"
    ),
    case(
        "No mocking my weight loss journey",
        set(),
        need=("weight loss",),
        ok=("journey", "mock"),
        junk=(*FILLER, "journey", "mocking"),
        case_id="body-weight-loss-journey",
    ),
    case("don't show my tattoos", set(), need=("tattoo",), junk=FILLER, case_id="body-tattoos"),
]

# --- 2. Family and people ---------------------------------------------------------------------------------------------
PEOPLE = [
    case("don't show my kids", set(), need=("kids",), junk=FILLER, case_id="people-kids"),
    # "my ex" is in romance's recognise pattern, but an ex kept out of a video is no ban on romance (round 23's "I
    # never want to see my ex" and round 24's "dont show me with my ex" read no romance).
    case(
        "leave my ex out of it", set(), need=("ex",), junk=(*FILLER, "it", "out of it"), case_id="people-leave-ex-out"
    ),
    case("nothing with my mom", set(), need=("mom",), junk=FILLER, case_id="people-mom"),
    # A husband is no romance word (recognise), and a fake video with him is not said to be romantic.
    case(
        "no fake videos with my husband",
        set(),
        need=("husband",),
        ok=("fake",),
        # "fake husband" would mean a man posing as her husband; every video here is fake, so the ban is the husband.
        junk=(*FILLER, "fake videos", "fake", "fake husband"),
        case_id="people-fake-videos-husband",
    ),
    # The dog in danger is the ban, not the dog: a bare topic "dog" refuses every video with a dog.
    case(
        "don't put my dog in danger",
        set(),
        need=("danger",),
        ok=("dog",),
        junk=(*FILLER, "dog"),
        case_id="people-dog-in-danger",
    ),
    case(
        "don't show my kids or my wife",
        set(),
        need=("kids", "wife"),
        junk=FILLER,
        case_id="people-kids-or-wife",
    ),
    case(
        "no fake videos of my kids",
        set(),
        need=("kids",),
        ok=("fake videos",),
        junk=(*FILLER, "fake", "fake kids"),  # "fake kids" are dolls or actors, not the owner's children
        case_id="people-fake-videos-kids",
    ),
    # Judgement: a joke about a boyfriend is no romantic scene (as "my ex"), so no romance.
    case(
        "no jokes about my boyfriend",
        set(),
        need=("boyfriend",),
        ok=("jokes",),
        junk=FILLER,
        case_id="people-boyfriend-jokes",
    ),
    case(
        "no content involving my daughter",
        set(),
        need=("daughter",),
        junk=(*FILLER, "involving daughter"),
        case_id="people-involving-daughter",
    ),
    case(
        "nothing with my parents please", set(), need=("parents",), junk=(*FILLER, "please"), case_id="people-parents"
    ),
    case(
        "nothing about my late father",
        set(),
        need=("father",),
        ok=("late",),
        junk=(*FILLER, "late"),
        case_id="people-late-father",
    ),
    case(
        "no jokes about my ex-husband",
        set(),
        need=("ex-husband",),
        ok=("jokes",),
        junk=(*FILLER, "husband"),
        case_id="people-ex-husband",
    ),
    # Judgement: "girlfriend" is a romance word, but keeping one person out is not a ban on romance (as "my ex").
    case(
        "keep my girlfriend out of it",
        set(),
        need=("girlfriend",),
        junk=(*FILLER, "it"),
        case_id="people-girlfriend-out",
    ),
    case(
        "no videos at my kids' daycare",
        set(),
        need=("daycare",),
        ok=("kids",),
        junk=FILLER,
        case_id="people-kids-daycare",
    ),
]

# --- 3. Life --------------------------------------------------------------------------------------------------------
LIFE = [
    case("nothing about my divorce", set(), need=("divorce",), junk=FILLER, case_id="life-divorce"),
    case(
        "no jokes about my miscarriage",
        set(),
        need=("miscarriage",),
        ok=("jokes",),
        junk=FILLER,
        case_id="life-miscarriage",
    ),
    case(
        "don't mention my cancer",
        set(),
        need=("cancer",),
        ok=("mention",),
        junk=(*FILLER, "mention"),
        case_id="life-cancer",
    ),
    # The owner's job is the topic; "walmart" alone would refuse a shopping trip, which is allowed, but the stricter
    # reading of a name is tolerated here (no category: nothing promotes Walmart).
    case(
        "no videos about my job at Walmart",
        set(),
        need=("job",),
        ok=("walmart",),
        junk=(*FILLER, "about job walmart"),  # "videos about" is filler as "nothing about" is
        case_id="life-job-at-walmart",
    ),
    case("nothing about my ADHD", set(), need=("adhd",), junk=FILLER, case_id="life-adhd"),
    case(
        "no mental health jokes",
        set(),
        need=("mental health",),
        ok=("jokes",),
        junk=(*FILLER, "mental", "health"),
        case_id="life-mental-health",
    ),
    case("don't show me crying", set(), need=("crying",), junk=FILLER, case_id="life-crying"),
    # "\bsober" in alcohol's pattern does not reach "sobriety"; jokes about a sobriety are no ban on alcohol.
    case("no jokes about my sobriety", set(), need=("sobriety",), ok=("jokes",), junk=FILLER, case_id="life-sobriety"),
    case(
        "nothing about my eating disorder",
        set(),
        need=("eating disorder",),
        junk=(*FILLER, "eating", "disorder"),
        case_id="life-eating-disorder",
    ),
    case("nothing about my autism", set(), need=("autism",), junk=FILLER, case_id="life-autism"),
    case("no jokes about my stutter", set(), need=("stutter",), ok=("jokes",), junk=FILLER, case_id="life-stutter"),
    # Self-harm is hurting a person: violence (round 22's therapist).
    case("no self harm content", {"violence"}, ok=("self harm",), junk=FILLER, case_id="life-self-harm"),
    case("no therapy content", set(), need=("therapy",), junk=FILLER, case_id="life-therapy"),
    case(
        "no fake pregnancy announcements",
        set(),
        need=("pregnan",),
        ok=("announcement", "fake"),
        junk=(*FILLER, "fake", "announcements"),
        case_id="life-fake-pregnancy",
    ),
]

# --- 4. Privacy -----------------------------------------------------------------------------------------------------
PRIVACY = [
    case("don't show my house", set(), need=("house",), junk=FILLER, case_id="privacy-house"),
    case(
        "no location tags",
        set(),
        need=("location",),
        ok=("tags",),
        junk=(*FILLER, "tags"),
        case_id="privacy-location-tags",
    ),
    case(
        "never show my address or license plate",
        set(),
        need=("address", "license plate"),
        junk=(*FILLER, "license", "plate"),
        case_id="privacy-address-license-plate",
    ),
    case("no videos at my school", set(), need=("school",), junk=FILLER, case_id="privacy-school"),
    case("don't show my workplace", set(), need=("workplace",), junk=FILLER, case_id="privacy-workplace"),
    case(
        "nothing that shows where I live",
        set(),
        need=("where i live",),
        junk=(*FILLER, "shows where i live"),  # "that shows" is the verb of the rule, not the thing
        case_id="privacy-where-i-live",
    ),
    case("don't show my car", set(), need=("car",), junk=FILLER, case_id="privacy-car"),
    case(
        "no footage inside my apartment",
        set(),
        need=("apartment",),
        ok=("footage", "inside"),
        junk=(*FILLER, "footage"),
        case_id="privacy-apartment",
    ),
    case(
        "never show my phone number or email",
        set(),
        need=("phone number", "email"),
        junk=(*FILLER, "phone", "number"),
        case_id="privacy-phone-email",
    ),
    case(
        "don't show my work uniform",
        set(),
        need=("uniform",),
        ok=("work",),
        junk=(*FILLER, "work"),
        case_id="privacy-work-uniform",
    ),
    # Judgement: a ring shown is no romance (its "wedding" is in romance's pattern; the owner hides a marital status).
    case(
        "don't show my wedding ring",
        set(),
        need=("ring",),
        ok=("wedding",),
        junk=(*FILLER, "wedding"),
        case_id="privacy-wedding-ring",
    ),
]

# --- 5. Identity and dignity ------------------------------------------------------------------------------------------
IDENTITY = [
    case("no jokes about my accent", set(), need=("accent",), ok=("jokes",), junk=FILLER, case_id="identity-accent"),
    case(
        "no jokes about my accent or my country",
        set(),
        need=("accent", "country"),
        ok=("jokes",),
        junk=FILLER,
        case_id="identity-accent-or-country",
    ),
    case("no blackface", set(), need=("blackface",), junk=FILLER, case_id="identity-blackface"),
    case(
        "no racist stereotypes",
        set(),
        need=("racist",),
        ok=("stereotype",),
        junk=(*FILLER, "stereotypes"),
        case_id="identity-racist-stereotypes",
    ),
    case(
        "no Asian stereotypes",
        set(),
        need=("asian",),
        ok=("stereotype",),
        junk=(*FILLER, "stereotypes"),
        case_id="identity-asian-stereotypes",
    ),
    case(
        "nothing mocking my disability",
        set(),
        need=("disabilit",),
        ok=("mock",),
        junk=(*FILLER, "mocking"),
        case_id="identity-disability",
    ),
    case(
        "no jokes about my wheelchair",
        set(),
        need=("wheelchair",),
        ok=("jokes",),
        junk=FILLER,
        case_id="identity-wheelchair",
    ),
    case("no deadnaming", set(), need=("deadnam",), junk=FILLER, case_id="identity-deadnaming"),
    case("don't misgender me", set(), need=("misgender",), junk=FILLER, case_id="identity-misgender"),
    case("no gay jokes", set(), need=("gay",), ok=("jokes",), junk=FILLER, case_id="identity-gay-jokes"),
    # Religion's words name it at a topic's head only when mocked (README); jokes about a religion mock it, and the
    # definition holds "mocking ... a religion". So religion; a topic "religion" beside it is tolerated.
    case("no jokes about my religion", {"religion"}, ok=("religion",), junk=FILLER, case_id="identity-religion-jokes"),
    # Making fun of a religious symbol is religion (round 29's kippah); the hijab may stay a topic.
    case("no jokes about my hijab", {"religion"}, ok=("hijab",), junk=FILLER, case_id="identity-hijab-jokes"),
    case(
        "no fake apologies",
        set(),
        need=("apolog",),
        ok=("fake",),
        junk=(*FILLER, "fake"),
        case_id="identity-fake-apologies",
    ),
    case(
        "no fake confessions",
        set(),
        need=("confession",),
        ok=("fake",),
        junk=(*FILLER, "fake"),
        case_id="identity-fake-confessions",
    ),
    case(
        "no fake confessions to crimes",
        set(),
        need=("confession",),
        ok=("fake", "crimes"),
        junk=(*FILLER, "fake", "crimes"),
        case_id="identity-fake-confessions-crimes",
    ),
    # Endorsement is brands by its definition ("Advertising and endorsement"); words not asserted: "make me say"
    # with an unquoted phrase may or may not be read as words.
    case(
        "don't make me say I endorse anything",
        {"brands"},
        ok=("endorse",),
        junk=(*FILLER, "say"),
        case_id="identity-endorse-anything",
    ),
    case("don't make me look dumb", set(), need=("dumb",), junk=(*FILLER, "look"), case_id="identity-look-dumb"),
    case(
        "don't make me look drunk",
        {"alcohol"},
        ok=("drunk",),
        junk=(*FILLER, "look"),
        case_id="identity-look-drunk-guard",
    ),
    case(
        "no fake arrest videos",
        set(),
        need=("arrest",),
        ok=("fake",),
        junk=(*FILLER, "fake"),
        case_id="identity-fake-arrest",
    ),
    case("don't show me in handcuffs", set(), need=("handcuffs",), junk=FILLER, case_id="identity-handcuffs"),
    case("no videos of me begging", set(), need=("begging",), junk=FILLER, case_id="identity-begging"),
    case(
        "don't make me look homophobic",
        set(),
        need=("homophob",),
        junk=(*FILLER, "look"),
        case_id="identity-look-homophobic",
    ),
]

# --- 6. Activities --------------------------------------------------------------------------------------------------
ACTIVITIES = [
    case("no pranks", set(), need=("prank",), junk=FILLER, case_id="act-pranks"),
    case("no dancing", set(), need=("dancing",), junk=FILLER, case_id="act-dancing"),
    case("no singing", set(), need=("singing",), junk=FILLER, case_id="act-singing"),
    case("no stunts", set(), need=("stunt",), junk=FILLER, case_id="act-stunts"),
    # "extreme" is the key word: a bare topic "sports" would refuse every game of catch.
    case(
        "no extreme sports",
        set(),
        need=("extreme",),
        ok=("sports",),
        junk=(*FILLER, "sports"),
        case_id="act-extreme-sports",
    ),
    # Danger is no violence: nobody is hurt by another.
    case("nothing dangerous", set(), need=("dangerous",), junk=FILLER, case_id="act-nothing-dangerous"),
    case("no cooking videos", set(), need=("cooking",), junk=FILLER, case_id="act-cooking-videos"),
    case("no fake crying", set(), need=("crying",), ok=("fake",), junk=(*FILLER, "fake"), case_id="act-fake-crying"),
    case("no ASMR", set(), need=("asmr",), junk=FILLER, case_id="act-asmr"),
    case("no mukbang", set(), need=("mukbang",), junk=FILLER, case_id="act-mukbang"),
    # Porn is sexual; a bare topic "deepfake" would refuse every video on an app of AI videos of a likeness.
    case(
        "no deepfake porn",
        {"sexual"},
        ok=("deepfake porn",),
        junk=(*FILLER, "deepfake", "deepfakes"),
        case_id="act-deepfake-porn",
    ),
    # Spiders are in no category's words or definition (round 20's "nothing with spiders").
    case("no spiders", set(), need=("spiders",), junk=FILLER, case_id="act-spiders"),
    # Clowns are horror by its definition ("creepy dolls and clowns") and pattern; a topic "clowns" is tolerated.
    case("no clowns", {"horror"}, ok=("clowns",), junk=FILLER, case_id="act-clowns"),
    case("no snakes or spiders", set(), need=("snakes", "spiders"), junk=FILLER, case_id="act-snakes-or-spiders"),
    case(
        "no skydiving or bungee jumping",
        set(),
        need=("skydiving", "bungee"),
        ok=("jumping",),
        junk=(*FILLER, "jumping"),
        case_id="act-skydiving-bungee",
    ),
    case("no tiktok dances", set(), need=("danc",), ok=("tiktok",), junk=FILLER, case_id="act-tiktok-dances"),
    case("no lip syncing", set(), need=("lip sync",), junk=(*FILLER, "lip"), case_id="act-lip-syncing"),
    case(
        "no pranks on strangers",
        set(),
        need=("prank",),
        ok=("strangers",),
        junk=(*FILLER, "strangers"),
        case_id="act-pranks-on-strangers",
    ),
    case(
        "no swimming in the ocean, I can't swim",
        set(),
        need=("swimming",),
        ok=("ocean",),
        junk=(*FILLER, "i can't swim", "can't swim", "swim"),
        case_id="act-swimming-reason",
    ),
    case("no challenges", set(), need=("challenges",), junk=FILLER, case_id="act-challenges"),
    # Fake reviews that push a product are brands by its definition ("reviews that push people to buy").
    case(
        "no fake product reviews",
        {"brands"},
        ok=("review", "product", "fake"),
        junk=(*FILLER, "fake"),
        case_id="act-fake-product-reviews",
    ),
]

# --- 7. Mixed with categories ---------------------------------------------------------------------------------------
MIXED = [
    case(
        "no fat jokes and no politics",
        {"politics"},
        need=("fat",),
        ok=("jokes",),
        junk=FILLER,
        case_id="mix-fat-politics",
    ),
    case(
        "no drinking, no jokes about my weight",
        {"alcohol"},
        need=("weight",),
        ok=("jokes",),
        junk=FILLER,
        case_id="mix-drinking-weight",
    ),
    case(
        "no horror, no clowns, no spiders",
        {"horror"},
        need=("spiders",),
        ok=("clowns",),
        junk=FILLER,
        case_id="mix-horror-clowns-spiders",
    ),
    case("keep it PG and don't show my kids", PG, need=("kids",), junk=FILLER, case_id="mix-pg-kids"),
    case(
        "no swearing and no jokes about my stutter",
        {"profanity"},
        need=("stutter",),
        ok=("jokes",),
        junk=FILLER,
        case_id="mix-swearing-stutter",
    ),
    case(
        "No ads. No pranks. Don't show my house or my kids.",
        {"brands"},
        need=("prank", "house", "kids"),
        junk=FILLER,
        case_id="mix-ads-pranks-house-kids",
    ),
    case(
        "no sexual stuff, no deadnaming, no jokes about my body",
        {"sexual"},
        need=("deadnam", "body"),
        ok=("jokes",),
        junk=FILLER,
        case_id="mix-sexual-deadnaming-body",
    ),
]


@pytest.mark.parametrize(FIELDS, BODY)
def test_body_and_looks(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, PEOPLE)
def test_family_and_people(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, LIFE)
def test_life(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, PRIVACY)
def test_privacy(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, IDENTITY)
def test_identity_and_dignity(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, ACTIVITIES)
def test_activities(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, MIXED)
def test_mixed_with_categories(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
