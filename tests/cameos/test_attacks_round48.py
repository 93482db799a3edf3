"""Attack round 48 on the restriction parser (cameos/restrictions.py): the seven reading rules added today, each pushed
until it loses a ban or reads a ban the owner did not ask for.

The rules attacked: a starred word is read as the word of a longer vocabulary, and a starred swear word stays a swear
word (``_STARRED_VOCABULARY``); "hooker(s)", "pimp(s)", "whore(s)", "boobs/boobies" and "tits/titties" name sexual
content and "road rage" violence (the ``recognise`` patterns of restriction_categories.toml); filler dropped between
two words does not make "naughty kids" of "nothing naughty with my kids" (``_topic_items``); "I'm not a X, don't make
me look like one" bans X (``_SHOWN_AS_ONE``); what the owner says they do, then "not on here", is banned, and beside
a ban the aside only restates it (``_DONE_ELSEWHERE``, ``_NOT_SHOWN``); a list under a ban header ("Hard pass on
these. Crack dealer, exotic dancer.", "Dont: crack dealer & exotic dancer", "Drug dealer, pimp & stripper = NO") bans
each item's category; and what "stays out" is banned.

The angle: what an owner really writes around these rules. Starred words the vocabulary does not hold, or holds in
another shape ("p*mps", "t*tties", "b**bies", "st*ners", "c*ca*ne", "s**t talk", "a** jokes", "g*y jokes"), and a
starred swear word said for emphasis ("no ****ing politics"); the new words singular, hyphenated or as a verb ("boob
jokes", "road-rage", "whoring") and their innocent senses (Pimp My Ride, blue tits, a rugby hooker, the owner's own
road rage); naughty after the child it is said of; "I'm no junkie", "make me out to be one", "don't want to look like
one", a dash and a "lol", and "I'm not a saint"; "not on cam", "not on my cameos", "I'm a smoker (...)", "irl only",
"never on here", "but not on here please", two verbs before one "not on here", and "I don't vape irl, but on here
it's fine"; ban headers with a count, "all of", a comma or after the owner's own title, "Roles I won't play.", three
titles before "= NO", "Don't care:", and the owner's title before "= NO" ("Wedding DJ here", "Bartender by night");
"Politics: stays out", what "stays in" beside what stays out, and "I stay out of it".

Each case states the product's rule, never what the code read: the full set of categories a careful human reads as
banned, the topics named beyond a category, and no stray topic. Cases that read wrongly are strict xfails (``gap=``),
each saying what the parser read instead.

Written 2026-12-06 against the working tree (today's uncommitted rules, with the saved classifier weights): 91
cases, of which 46 got through (strict xfails) and 45 read right (guards).

1. Bans that get lost (the dangerous direction): 29.
   - Starred words (8): "no p*mps" reads profanity, not sexual; "no t*tties" the topic "tries"; "no b**bies" the
     topic "babies"; "no st*ners" and "no c*ca*ne" nothing of drugs; "no s**t talk" the topic "slut talk", not
     profanity; "no a** jokes" brands, not profanity; "no g*y jokes" profanity, and the topic is lost.
   - The new words (3): "no boob jokes", "no road-rage skits" become topics only; "no whoring" reads profanity.
   - "look like one" (4): "I'm no junkie, ...", "I'm not an alcoholic, don't make me out to be one", "I'm not a
     junkie - don't make me look like one lol", "I'm not a drunk and don't want to look like one" ban nothing.
   - "not on here" (7): "I smoke cigs but not on cam", "I drink, but not on my cameos", "I'm a smoker (i do irl but
     not on here)", "I vape (irl only, not on here)", "I vape, but not on here please", "I vape but never on here"
     ban nothing; "I drink and vape, but not on here" bans tobacco only.
   - Lists under a ban header (6): "Roles I won't play. ...", "Hard pass on these 2. ...", "Hard pass on all of
     these. ...", "Nurse here. Hard no on these. ..." ban nothing; "Hard pass on these, crack dealer, exotic dancer"
     bans drugs only; "Crack dealer, exotic dancer, bartender = NO" bans alcohol only.
   - "stays out" (1): "Politics: stays OUT of my videos" bans nothing.
2. Allowances and stray topics read as bans (the lesser direction): 17.
   - "no ****ing politics" reads tobacco ("smoking") and "no f***ing politics" profanity (2); "no pimp my ride
     parodies", "Rugby hooker by trade" and "I get road rage lol" read sexual or violence (3); "no calling my kids
     naughty" and "punishing my kids for being naughty" read sexual (2); "I'm not a saint, ..." reads religion, and
     "look one", "look i do" become topics (3); "I don't vape irl, but on here it's fine" reads tobacco (1); "Don't
     care: swearing, drinking" reads both, "Wedding DJ here, politics = NO" romance and sexual, and "Bartender by
     night, drugs = NO" the topic "bartender by night" (3); "Swearing stays in." and "Swearing can stay" read
     profanity, and "I stay out of it" the topic "i" (3).

Fixed after the round, the same day (none by changing an expectation; ``through=`` keeps what was read): 28 of the 29
lost bans.
- Starred words: the vocabulary holds pimps, titties, boobies, stoners, crackheads, pornstar, sexting, rape, suicide
  and gay; a word with stars in two places is one word ("c*ca*ne"); a starred word whose shape a swear word fits is
  that swear word first ("s**t", "a**"); stars and an ending alone ("****ing") are a swear word, not "smoking".
- "boob", "titty", "whoring" and "road-rage" (or "roadrage") name their categories.
- "I'm no junkie", "make me out to be one", "don't want to look like one", a trailing "lol".
- "not on cam", "on my cameos", "never on here", "irl only, not on here", "not on here, please"; "I'm a smoker" (a
  drinker, vaper, gambler, stoner) is read as "I smoke"; "I drink and vape, but not on here" bans both.
- A ban of "these" heads the next sentence also with a count, "all of", a comma or a semicolon, after the owner's
  title, on the next line, and as "These are a hard no." or "Roles I won't play."; "Politics: stays out" is no
  profile line.
And the last: "Crack dealer, exotic dancer, bartender = NO" joins every title that names a category, back to the start
of its sentence, to the ban (only the title just before "= NO" was). "no ****ing politics" now reads politics and
profanity, as "no f***ing politics" does (an over-read that stays a strict xfail). 17 strict xfails in all, every one
an over-read.

Section 8 holds 15 more lost bans the round found but left out of its list ("no h*rny stuff", "no cr*ckheads", "I
drink socially, but not on here", "These are a hard no. ..."), each fixed the same day, and 2 readings that must
stay: 108 cases in all.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, case, check

# --- 1. A starred word is read as a word of the vocabulary (rule 1: _STARRED_VOCABULARY) ----------------------------
STARRED = [
    # Guards: starred words the vocabulary holds, starred swear words, and stars that hide nothing.
    case("no sl*tty outfits", {"sexual"}, case_id="guard-starred-slutty-outfits"),
    case("no h**kers", {"sexual"}, case_id="guard-starred-hookers"),
    case("no c*caine", {"drugs"}, case_id="guard-starred-cocaine"),
    case("no sh*t talking", {"profanity"}, case_id="guard-starred-swear-stays-a-swear"),
    case("no *spoilers*", set(), need=("spoilers",), case_id="guard-stars-around-a-word-are-emphasis"),
    case("no sh*pping hauls", set(), need=("shopping hauls",), case_id="guard-starred-innocent-word-shopping"),
    case("sl*tty is fine lol, no gore", {"violence"}, case_id="guard-starred-word-allowed"),
    # Starred words the vocabulary does not hold: the ban is lost.
    case(
        "no p*mps",
        {"sexual"},
        case_id="starred-pimps",
        through=(
            "read when the round was written: "
            + "profanity, not sexual: 'pimps' is no word of the vocabulary, so 'p*mps' (one letter before the star) is "
            "taken for a swear word" + "; fixed the same day"
        ),
    ),
    case(
        "no t*tties",
        {"sexual"},
        case_id="starred-titties",
        through="read when the round was written: nothing banned, the topic 'tries': 'titties' is no word of the vocabulary, and 'ttties' is spelled as 'tries'; fixed the same day",
    ),
    case(
        "no b**bies",
        {"sexual"},
        case_id="starred-boobies",
        through=(
            "read when the round was written: "
            + "nothing banned, the topic 'babies': 'boobies' is no word of the vocabulary ('boobs' is), and 'bbies' is "
            "spelled as 'babies'" + "; fixed the same day"
        ),
    ),
    case(
        "no st*ners",
        {"drugs"},
        case_id="starred-stoners",
        through="read when the round was written: nothing banned, the topic 'stners': the vocabulary holds 'stoned', not 'stoner(s)'; fixed the same day",
    ),
    case(
        "no c*ca*ne",
        {"drugs"},
        case_id="starred-cocaine-two-stars",
        through="read when the round was written: nothing banned, the topic 'c ca ne': two starred letters in one word are cut at the second star; fixed the same day",
    ),
    case(
        "no s**t talk",
        {"profanity"},
        case_id="starred-swear-shit-talk",
        through="read when the round was written: nothing banned, the topic 'slut talk': 's**t' is read as the vocabulary's 'slut', not as the swear word; fixed the same day",
    ),
    case(
        "no a** jokes",
        {"profanity"},
        case_id="starred-swear-ass-jokes",
        through="read when the round was written: brands, not profanity: 'a**' is read as the vocabulary's 'ads'; fixed the same day",
    ),
    case(
        "no g*y jokes",
        set(),
        need=("gay jokes",),
        case_id="starred-gay-jokes",
        through="read when the round was written: profanity, and the topic 'gay jokes' is lost: 'g*y' is taken for a swear word; fixed the same day",
    ),
    # A starred swear word said for emphasis bans nothing of its own ("no damn politics" bans politics only).
    case(
        "no ****ing politics",
        {"politics"},
        case_id="starred-emphasis-four-stars-ing",
        gap="politics and profanity: '****ing' is read as a swear word (read as the vocabulary's 'smoking', tobacco, when the round was written)",
    ),
    case(
        "no f***ing politics",
        {"politics"},
        case_id="starred-emphasis-f-ing",
        gap="politics and profanity: 'f***ing' becomes 'swear words', a ban of its own ('no fucking politics' bans "
        "politics only)",
    ),
]

# --- 2. New words of sexual content and violence (rule 2: the recognise patterns) ----------------------------------
NEW_WORDS = [
    # Guards.
    case("no hookers, no pimps", {"sexual"}, case_id="guard-hookers-pimps"),
    case("Pimp my ride skits are fine, no gore", {"violence"}, case_id="guard-pimp-my-ride-allowed"),
    case("Blue tits at my feeder are fine, no gore", {"violence"}, case_id="guard-blue-tits-birds"),
    case("Rugby hooker here, no politics", {"politics"}, case_id="guard-rugby-hooker-here"),
    case("no road trips", set(), need=("road trips",), case_id="guard-no-road-trips"),
    case("no tit for tat revenge pranks", set(), need=("tit for tat",), case_id="guard-tit-for-tat"),
    # The words in forms the patterns do not take: the ban is lost.
    case(
        "no boob jokes",
        {"sexual"},
        case_id="boob-singular",
        through="read when the round was written: the topic 'boob jokes' only: the pattern takes 'boobs' and 'boobies', not 'boob'; fixed the same day",
    ),
    case(
        "no road-rage skits",
        {"violence"},
        case_id="road-rage-hyphen",
        through="read when the round was written: the topic 'road-rage skits' only: the pattern needs a space between 'road' and 'rage'; fixed the same day",
    ),
    case(
        "no whoring",
        {"sexual"},
        case_id="whoring",
        through="read when the round was written: profanity, not sexual: the pattern takes 'whore(s)', not 'whoring'; fixed the same day",
    ),
    # Innocent uses read as bans.
    case(
        "no pimp my ride parodies",
        set(),
        need=("pimp my ride",),
        case_id="pimp-my-ride-parodies",
        gap="sexual, no topic: 'pimp' in the show's name is read as a pimp",
    ),
    case(
        "Rugby hooker by trade, no politics",
        {"politics"},
        case_id="rugby-hooker-by-trade",
        gap="politics and sexual: the owner's rugby position, said with 'by trade', is read as a ban of hookers",
    ),
    case(
        "I get road rage lol, no politics",
        {"politics"},
        case_id="i-get-road-rage",
        gap="politics and violence: what the owner says of themself is read as a ban of road rage",
    ),
]

# --- 3. Filler dropped between two words (rule 3: _topic_items) -----------------------------------------------------
FILLER_BETWEEN = [
    # Guards.
    case("nothing naughty with the kids", {"sexual"}, case_id="guard-naughty-with-the-kids"),
    case("nothing naughty in front of my kids", {"sexual"}, case_id="guard-naughty-in-front-of-my-kids"),
    case("nothing naughty w/ my kids", {"sexual"}, case_id="guard-naughty-w-slash-my-kids"),
    case("no pranks with my kids", set(), need=("pranks",), case_id="guard-pranks-with-my-kids"),
    case("no yelling at the naughty kids", set(), need=("yelling",), case_id="guard-yelling-at-the-naughty-kids"),
    # A child called naughty after the word for it is still a child who misbehaves.
    case(
        "no calling my kids naughty",
        set(),
        need=("calling",),
        case_id="calling-my-kids-naughty",
        gap="sexual, no topic: 'naughty' after 'kids' is read as naughty content",
    ),
    case(
        "Don't show me punishing my kids for being naughty",
        set(),
        need=("punishing",),
        case_id="punishing-my-kids-for-being-naughty",
        gap="sexual, no topic: 'for being naughty' is read as naughty content",
    ),
]

# --- 4. "I'm not a X, don't make me look like one" (rule 4: _SHOWN_AS_ONE) -------------------------------------------
SHOWN_AS_ONE = [
    # Guards.
    case("I'm not a junkie. Don't make me look like one.", {"drugs"}, case_id="guard-not-a-junkie-sentences"),
    case("I am not a drunk, do not portray me as one", {"alcohol"}, case_id="guard-not-a-drunk-portray-as-one"),
    case("I'm not a gambler, don't make me look like one", {"gambling"}, case_id="guard-not-a-gambler"),
    case(
        "I'm not a junkie, don't make me look like one. Beer is fine.",
        {"drugs"},
        case_id="guard-not-a-junkie-beer-fine",
    ),
    case(
        "I'm not a morning person, don't make me look like one",
        set(),
        ok=("morning person",),
        case_id="guard-not-a-morning-person",
    ),
    case("I'm not a prude, don't make me look like one", set(), ok=("prude",), case_id="guard-not-a-prude"),
    # The same said in other words: the ban is lost.
    case(
        "I'm no junkie, don't make me look like one",
        {"drugs"},
        case_id="im-no-junkie",
        through=(
            "read when the round was written: "
            + "nothing banned, the topic 'look one': \"I'm no X\" is not \"I'm not a X\""
            + "; fixed the same day"
        ),
    ),
    case(
        "I'm not an alcoholic, don't make me out to be one",
        {"alcohol"},
        case_id="dont-make-me-out-to-be-one",
        through="read when the round was written: nothing banned, the topic 'out be one': 'make me out to be one' is no form the rule knows; fixed the same day",
    ),
    case(
        "I'm not a junkie - don't make me look like one lol",
        {"drugs"},
        case_id="not-a-junkie-dash-lol",
        through="read when the round was written: nothing banned, the topic 'look one': the dash and the 'lol' after 'one' stop the rule; fixed the same day",
    ),
    case(
        "I'm not a drunk and don't want to look like one",
        {"alcohol"},
        case_id="dont-want-to-look-like-one",
        through=(
            "read when the round was written: "
            + "nothing banned, the topic 'look one': \"don't want to look like one\" is no form the rule knows"
            + "; fixed the same day"
        ),
    ),
    # What the owner is not, read as a ban of a category, or a stray topic kept.
    case(
        "I'm not a saint, don't make me look like one",
        set(),
        ok=("saint",),
        case_id="not-a-saint",
        gap="religion: a saint (a very good person) is read as religion",
    ),
    case(
        "Not a junkie, don't make me look like one",
        {"drugs"},
        case_id="not-a-junkie-without-im",
        gap="drugs, but 'look one' a topic too",
    ),
    case(
        "I don't drink, don't make me look like I do",
        {"alcohol"},
        case_id="dont-make-me-look-like-i-do",
        gap="alcohol, but 'look i do' a topic too",
    ),
]

# --- 5. What the owner does, but not on here (rule 5: _DONE_ELSEWHERE, _NOT_SHOWN) ----------------------------------
DONE_ELSEWHERE = [
    # Guards.
    case("I vape irl but not on here", {"tobacco"}, case_id="guard-vape-irl-but-not-on-here"),
    case("I swear a lot (i do irl but not on here)", {"profanity"}, case_id="guard-swear-a-lot-aside"),
    case("I smoke weed (i do irl, just not on camera)", {"drugs"}, case_id="guard-smoke-weed-aside"),
    case(
        "No vaping (I do irl but not on here), no politics",
        {"tobacco", "politics"},
        case_id="guard-ban-beside-aside-then-ban",
    ),
    case("I vape and drink, but not on here", {"tobacco", "alcohol"}, case_id="guard-vape-and-drink-not-on-here"),
    case("I vape (i do irl and on here too)", set(), case_id="guard-vape-irl-and-on-here-too"),
    case("Vaping is fine, I do it irl", set(), case_id="guard-vaping-fine-i-do-it-irl"),
    # The same said in other words: the ban is lost.
    case(
        "I smoke cigs but not on cam",
        {"tobacco"},
        case_id="smoke-cigs-not-on-cam",
        through="read when the round was written: nothing banned, the topic 'cam': 'on cam' is no 'on camera' here; fixed the same day",
    ),
    case(
        "I drink, but not on my cameos",
        {"alcohol"},
        case_id="drink-not-on-my-cameos",
        through="read when the round was written: nothing banned, the topic 'cameos': 'on my cameos' is no 'in my cameos'; fixed the same day",
    ),
    case(
        "I'm a smoker (i do irl but not on here)",
        {"tobacco"},
        case_id="im-a-smoker-aside",
        through=(
            "read when the round was written: "
            + 'nothing: "I\'m a smoker" is who the owner is, and the aside is dropped as a remark'
            + "; fixed the same day"
        ),
    ),
    case(
        "I vape (irl only, not on here)",
        {"tobacco"},
        case_id="vape-aside-irl-only",
        through="read when the round was written: nothing banned, the topic 'here': the aside in other words is no aside the rule knows; fixed the same day",
    ),
    case(
        "I vape, but not on here please",
        {"tobacco"},
        case_id="vape-not-on-here-please",
        through="read when the round was written: nothing banned, the topic 'here': the comma before 'please' cuts 'not on here, please' off from the rule; fixed the same day",
    ),
    case(
        "I vape but never on here",
        {"tobacco"},
        case_id="vape-but-never-on-here",
        through="read when the round was written: nothing banned, the topic 'here': 'never on here' is no 'not on here'; fixed the same day",
    ),
    case(
        "I drink and vape, but not on here",
        {"alcohol", "tobacco"},
        case_id="drink-and-vape-not-on-here",
        through="read when the round was written: tobacco only: the clause is rewritten 'no and vape', and 'drink' is lost; fixed the same day",
    ),
    # Read more than the owner said.
    case(
        "I don't vape irl, but on here it's fine",
        set(),
        case_id="dont-vape-irl-but-on-here-fine",
        gap="tobacco: what the owner does not do is read as a ban, and 'on here it's fine' allows nothing",
    ),
]

# --- 6. Lists under a ban header (rule 6) ---------------------------------------------------------------------------
LISTS_UNDER_A_BAN = [
    # Guards.
    case("Nope on these. Drug dealer. Stripper.", {"drugs", "sexual"}, case_id="guard-nope-on-these-sentences"),
    case(
        "I won't play these roles. Crack dealer, exotic dancer.",
        {"drugs", "sexual"},
        case_id="guard-i-wont-play-these-roles",
    ),
    case("Avoid: crack dealer & exotic dancer", {"drugs", "sexual"}, case_id="guard-avoid-colon-titles"),
    case("Drug dealer, pimp & stripper: NO", {"drugs", "sexual"}, case_id="guard-titles-colon-no"),
    case("politics nahi chahiye, daaru chalega", {"politics"}, case_id="guard-hinglish-daaru-allowed"),
    case("Nurse here. Hard no on these: gore, politics", {"violence", "politics"}, case_id="guard-nurse-here-header"),
    case("Bartender by night. Hard pass on these: gore.", {"violence"}, case_id="guard-bartender-by-night-header"),
    case("Exotic dancer here, drugs = NO", {"drugs"}, case_id="guard-exotic-dancer-here-equals-no"),
    # A ban header the rule does not know, or one cut off: the list is lost.
    case(
        "Roles I won't play. Crack dealer, exotic dancer.",
        {"drugs", "sexual"},
        case_id="roles-i-wont-play-sentence",
        through="read when the round was written: nothing: 'Roles I won't play.' heads nothing, and the titles are read as who the owner is; fixed the same day",
    ),
    case(
        "Hard pass on these 2. Crack dealer, exotic dancer.",
        {"drugs", "sexual"},
        case_id="hard-pass-on-these-two",
        through=(
            "read when the round was written: "
            + "nothing banned, the topic 'these': a count after 'these' stops the header, and the titles are read as who "
            "the owner is" + "; fixed the same day"
        ),
    ),
    case(
        "Hard pass on all of these. Crack dealer, exotic dancer.",
        {"drugs", "sexual"},
        case_id="hard-pass-on-all-of-these",
        through="read when the round was written: nothing banned, the topic 'these': 'all of these' stops the header; fixed the same day",
    ),
    case(
        "Nurse here. Hard no on these. Crack dealer, exotic dancer.",
        {"drugs", "sexual"},
        case_id="nurse-here-then-header-sentence",
        through=(
            "read when the round was written: "
            + "nothing banned, the topic 'these': after the owner's title the header sentence starts no line, so it heads "
            "nothing" + "; fixed the same day"
        ),
    ),
    case(
        "Hard pass on these, crack dealer, exotic dancer",
        {"drugs", "sexual"},
        case_id="header-with-comma",
        through="read when the round was written: drugs only, and the topic 'these': a comma after the header is no colon, and 'exotic dancer' is lost; fixed the same day",
    ),
    case(
        "Crack dealer, exotic dancer, bartender = NO",
        {"drugs", "sexual", "alcohol"},
        case_id="three-titles-equals-no",
        through=(
            "read when the round was written: "
            + "alcohol only: 'crack dealer' and 'exotic dancer' are left as who the owner is; only the title beside '= NO' "
            "is banned" + "; fixed the same day"
        ),
    ),
    # Read more than the owner said.
    case(
        "Don't care: swearing, drinking",
        set(),
        case_id="dont-care-colon-list",
        gap='alcohol and profanity: "Don\'t care:" is read as the head of a ban',
    ),
    case(
        "Wedding DJ here, politics = NO",
        {"politics"},
        case_id="wedding-dj-here-equals-no",
        gap="politics, romance and sexual: the owner's title ('here') is joined to the list before '= NO'",
    ),
    case(
        "Bartender by night, drugs = NO",
        {"drugs"},
        case_id="bartender-by-night-equals-no",
        gap="drugs, but 'bartender by night' a topic: the owner's title is joined to the list before '= NO'",
    ),
]

# --- 7. What stays out is banned (rule 7: the "stays out" topic form) -----------------------------------------------
STAYS_OUT = [
    # Guards.
    case("politics stays out of it", {"politics"}, case_id="guard-politics-stays-out-of-it"),
    case("Politics? Stays out.", {"politics"}, case_id="guard-question-stays-out"),
    case("politics and religion stay out", {"politics", "religion"}, case_id="guard-two-stay-out"),
    case("Politics and religion. Those stay out.", {"politics", "religion"}, case_id="guard-those-stay-out"),
    case("my shop's name stays out of it", {"brands"}, case_id="guard-shop-name-stays-out"),
    case("Swearing is fine, my ex stays out of it", set(), need=("ex",), case_id="guard-swearing-fine-ex-stays-out"),
    # The ban lost.
    case(
        "Politics: stays OUT of my videos",
        {"politics"},
        case_id="politics-colon-stays-out",
        through="read when the round was written: nothing: with a colon between the thing and 'stays out' the whole restriction is read as no clause; fixed the same day",
    ),
    # Read more than the owner said.
    case(
        "Swearing stays in. Politics stays out.",
        {"politics"},
        case_id="swearing-stays-in-politics-stays-out",
        gap="politics and profanity: what stays in is read as a ban too",
    ),
    case(
        "Swearing can stay, politics stays out",
        {"politics"},
        case_id="swearing-can-stay-politics-stays-out",
        gap="politics and profanity: what may stay is read as a ban",
    ),
    case(
        "I stay out of it, no politics",
        {"politics"},
        case_id="i-stay-out-of-it",
        gap="politics, but 'i' a topic: the owner keeping out of it is read as a ban of 'I'",
    ),
]


@pytest.mark.parametrize(FIELDS, STARRED)
def test_starred_word_is_read_as_the_word(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, NEW_WORDS)
def test_hookers_pimps_boobs_and_road_rage(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, FILLER_BETWEEN)
def test_filler_dropped_between_words_keeps_what_they_named(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, SHOWN_AS_ONE)
def test_not_a_x_dont_make_me_look_like_one(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, DONE_ELSEWHERE)
def test_what_i_do_but_not_on_here(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, LISTS_UNDER_A_BAN)
def test_list_under_a_ban_header(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, STAYS_OUT)
def test_what_stays_out_is_banned(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


# --- 8. Lost bans the round found but left out of its list, checked after the fixes ----------------------------------
# Each lost its ban when the round was written (what was read is in ``through``); these are guards now, beside the
# readings that must stay.
FOUND_BESIDE = [
    case("no h*rny stuff", {"sexual"}, case_id="beside-starred-horny", through="profanity"),
    case("no t*tty jokes", {"sexual"}, case_id="beside-starred-titty", through="profanity"),
    case("no p*rnstar jokes", {"sexual"}, case_id="beside-starred-pornstar", through="the topic 'prnstar jokes'"),
    case("no s*xting", {"sexual"}, case_id="beside-starred-sexting", through="the topic 'sxting'"),
    case("no cr*ckheads", {"drugs"}, case_id="beside-starred-crackheads", through="the topic 'crckheads'"),
    case("no cr*p", {"profanity"}, case_id="beside-starred-crap", through="the topic 'crp'"),
    case("no tw*t", {"profanity"}, case_id="beside-starred-twat", through="the topic 'twt'"),
    case("no r*pe jokes", set(), need=("rape jokes",), case_id="beside-starred-rape-jokes", through="profanity"),
    case("no s**cide jokes", set(), need=("suicide jokes",), case_id="beside-starred-suicide", through="'scide jokes'"),
    case("no titty jokes", {"sexual"}, case_id="beside-titty-unstarred", through="the topic 'titty jokes'"),
    case("no roadrage", {"violence"}, case_id="beside-roadrage-glued", through="the topic 'roadrage'"),
    case(
        "I drink socially, but not on here",
        {"alcohol"},
        junk=("socially",),
        case_id="beside-drink-socially-not-on-here",
        through="nothing",
    ),
    case("I vape, but not on here lol", {"tobacco"}, case_id="beside-vape-not-on-here-lol", through="nothing"),
    case(
        "These are a hard no. Crack dealer, exotic dancer.",
        {"drugs", "sexual"},
        case_id="beside-these-are-a-hard-no",
        through="nothing",
    ),
    case(
        "Hard pass on these; crack dealer, exotic dancer",
        {"drugs", "sexual"},
        junk=("these",),
        case_id="beside-header-with-semicolon",
        through="drugs only",
    ),
    # What must stay: an adverb of how often is no thing, and an owner who does a thing without a "not on here" bans
    # nothing.
    case("I drink socially", set(), case_id="beside-drink-socially-alone"),
    case("I'm a smoker, love my menthols", set(), ok=("menthols",), case_id="beside-smoker-alone"),
]


@pytest.mark.parametrize(FIELDS, FOUND_BESIDE)
def test_lost_bans_found_beside_the_round(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
