"""Attack round 51 on the restriction parser (cameos/restrictions.py): the three rules added today, each pushed until
it loses a ban or reads a ban the owner did not ask for.

The rules attacked: the romance ``recognise`` regex (cameos/restriction_categories.toml) reads "bf", "bfs", "gf",
"gfs" and "bae" as naming romance ("no bf/gf type vids" bans romance and sexual content); after a question about a
dislike was answered, a thing followed by a yes ("but drugs yes", "drugs yeah", "gore i do") answers the same question
of that thing and bans it (``_SAID_YES_OF``, used where ``asked_averse`` is set); and "hell yes", "heck yes", "oh
yes", "absolutely yes", "definitely yeah" are bare yeses (``_BARE_YES``).

The angle: the new words in the spellings the regex does not hold ("b/f", "g/f", "baes", "baeee", "bfgf", "my bf"
as the person a video is with), and in the senses that are not romance ("GF" gluten-free, "bf" boldface or best
friend, "Bae" a surname); the thing and its yes in other shapes (a comma, a dash or a colon between them, three words
or two things before the yes, a word after it, "yes to drugs", a second thing after a first, a yes after a cut-short
question answered no, "when it comes to politics, yes"), and a yes after an allowance that is no question about a
dislike; the emphatic yes in the forms the list does not hold ("hell yea", "fuck yes", "yes absolutely", "hell, yes")
and at the start of a clause ("hell yes to swearing"); and "hell" itself as a swear word.

Each case states the product's rule, never what the code read: the full set of categories a careful human reads as
banned (romance always comes with sexual), the topics named beyond a category, and no stray topic; when the reading is
unclear, the stricter one (the ban) wins. Cases that read wrongly are strict xfails (``gap=``), each saying what the
parser read instead.

Written 2026-12-06 against the working tree of the day (with the saved classifier weights): 60 cases, of which 26 got
through (strict xfails) and 34 read right (guards).

1. Bans that get lost (the dangerous direction): 13.
   - Romance words (4): "no b/f or g/f skits" (the topics "b-f" and "g-f skits"), "no baes" (the topic "base"), "no
     bfgf content" (the topic "bfgf") and "no content with my bf" (the topic "bf") ban no romance.
   - A thing and a yes after a question about a dislike (7): "Do I mind swearing? no, but drugs, yes" and "... but
     drugs: yes" (read "drugs is fine") lose drugs; "... but illegal hard drugs yes" (three words) loses drugs; "...
     but drugs and gore yes" loses both; "... no. gore yes, drugs yes" loses drugs (only the first thing after the
     allowance is read); "Do I mind swearing? no. Kissing? no. gore yes" loses gore (the clause before it is a ban, not
     an allowance); "... no. But when it comes to politics, yes" loses politics.
   - "hell" as a swear word (2): "no words like hell" and "no hell or damn" ban no profanity (topics only).
2. Allowances and stray topics read as bans (the lesser direction): 13.
   - Romance words (5): "no GF recipes" and "no gf/df food reviews" (gluten-free), "no bf or italics in captions"
     (boldface), "no Bae Suzy impressions" and "My name is Jisoo Bae, no drugs" (a surname) ban romance and sexual
     content; "no GF recipes" and "no Bae Suzy impressions" also keep no topic.
   - A thing and a yes (3): "... but drugs yes definitely" leaves the topic "definitely"; "... but yes to drugs" bans
     swearing too; "Do I mind swearing? no. Do I swear a lot? yeah" bans swearing.
   - Emphatic yeses (5): "Swearing? hell yea", "fuck yes", "yes absolutely" and "hell, yes" ban swearing, and "hell yes
     to swearing, no drugs" bans swearing beside drugs.

Fixed the same day: "b/f", "g/f" and "bfgf" name romance, and "gf" before a food word (recipes, pizza, flour...) does
not ("no GF recipes"); a thing and its yes may be two or three words ("illegal hard drugs yes", "drugs and gore yes"),
may follow another ("gore yes, drugs yes"), and may be split by a comma ("but drugs, yes"); "words like hell" names
profanity. "no content with my bf" reads the person, as "no content with my boyfriend" does (round 33),
not romance: its case says why. Later that day "Kissing? no. gore yes" was fixed too (a thing and a yes after a no read as a ban). 17 stay strict xfails:
5 lose a ban ("no baes", "drugs: yes", "when it comes to politics, yes", "no hell or damn", and the word "hell" kept as
no topic beside profanity), 12 over-read ("gf/df" and
"bf or italics", split before the food or font word is seen, "Bae" the surname, the emphatic yeses, and others).
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, case, check

ROMANCE = {"romance", "sexual"}

# --- 1. "bf", "gf", "bae" name romance (the romance recognise regex) --------------------------------------------------
ROMANCE_WORDS = [
    # Guards: the rule's own case, capitals and dots, a possessive, a best friend forever, an allowance beside a ban,
    # the owner's partner mentioned beside another ban, and gluten-free and best friend said plainly.
    case("no bf/gf type vids", ROMANCE, case_id="guard-romance-bf-gf-type-vids"),
    case("No BF content", ROMANCE, case_id="guard-romance-bf-caps"),
    case("no Gf stuff", ROMANCE, ok=("gf",), case_id="guard-romance-gf-mixed-case"),
    case("no g.f. jokes", ROMANCE, case_id="guard-romance-g-dot-f-dot"),
    case("nothing with bae's ex", ROMANCE, case_id="guard-romance-baes-possessive"),
    case("no bff content", set(), need=("bff",), case_id="guard-romance-bff-is-a-friend"),
    case("bf/gf skits are fine, no drugs", {"drugs"}, case_id="guard-romance-bf-gf-fine-no-drugs"),
    case("My bf is in some of my cameos, no nudity", {"sexual"}, case_id="guard-romance-my-bf-mentioned"),
    case(
        "I'm GF so no food challenges with bread",
        set(),
        need=("food challenges",),
        case_id="guard-romance-im-gf-gluten-free",
    ),
    case(
        "no pranks on my bf (best friend)",
        set(),
        need=("pranks",),
        ok=("best friend",),
        case_id="guard-romance-bf-best-friend-spelled-out",
    ),
    # The words in spellings the regex does not hold: the ban is lost.
    case(
        "no b/f or g/f skits",
        ROMANCE,
        ok=("b-f", "g-f", "skits"),
        case_id="romance-b-slash-f-g-slash-f",
        through="read when the round was written: nothing banned: 'b/f' and 'g/f' are read as the topics 'b-f' and 'g-f skits'; fixed the same day",
    ),
    case(
        "no baes",
        ROMANCE,
        case_id="romance-baes-plural",
        gap="nothing banned: 'baes' is read as the topic 'base'",
    ),
    case(
        "no bfgf content",
        ROMANCE,
        ok=("bfgf",),
        case_id="romance-bfgf-run-together",
        through="read when the round was written: nothing banned: 'bfgf' is read as a topic; fixed the same day",
    ),
    # "my bf" is a person the owner names, read as "my boyfriend" is (round 33): videos with him are banned, a topic
    # whose lexicon is the cameo's own ("her bf"). The helper who wrote the round read it as romance, the stricter way;
    # the person reading is kept, as for "no content with my boyfriend".
    case(
        "no content with my bf",
        set(),
        need=("bf",),
        case_id="romance-content-with-my-bf",
    ),
    # The words in senses that are not romance: gluten-free, boldface, a surname, a best friend.
    case(
        "no GF recipes",
        set(),
        need=("recipes",),
        case_id="romance-gf-gluten-free-recipes",
        through="read when the round was written: romance and sexual: 'GF' is read as girlfriend, and no topic of recipes is kept; fixed the same day",
    ),
    case(
        "no gf/df food reviews",
        set(),
        need=("food reviews",),
        case_id="romance-gf-df-gluten-dairy-free",
        gap="romance and sexual: gluten-free 'gf' is read as girlfriend",
    ),
    case(
        "no bf or italics in captions",
        set(),
        need=("italics",),
        ok=("bf", "bold"),
        case_id="romance-bf-boldface",
        gap="romance and sexual: boldface 'bf' is read as boyfriend",
    ),
    case(
        "no Bae Suzy impressions",
        set(),
        need=("suzy",),
        case_id="romance-bae-suzy-surname",
        gap="romance and sexual: the surname 'Bae' is read as a partner, and no topic of the impressions is kept",
    ),
    case(
        "My name is Jisoo Bae, no drugs",
        {"drugs"},
        case_id="romance-own-surname-bae",
        gap="drugs, but romance and sexual too: the owner's own surname 'Bae' is read as a partner",
    ),
]

# --- 2. A thing and a yes after a question about a dislike bans it (_SAID_YES_OF) -------------------------------------
SAID_YES_OF = [
    # Guards: the rule's own shapes, two words, capitals, "yup", "yeah I do", two things asked, another question of a
    # dislike, "not at all" and a cut-short question with "tho".
    case("Do I mind swearing? no, but drugs yes", {"drugs"}, case_id="guard-yes-of-but-drugs-yes"),
    case("Do I mind swearing? no. gore I do", {"violence"}, case_id="guard-yes-of-gore-i-do"),
    case("Do I mind swearing? no, but hard drugs yes", {"drugs"}, case_id="guard-yes-of-hard-drugs-two-words"),
    case("Do I mind swearing? no, but drugs yup", {"drugs"}, case_id="guard-yes-of-drugs-yup"),
    case("Do I mind swearing? no, but drugs yeah I do", {"drugs"}, case_id="guard-yes-of-drugs-yeah-i-do"),
    case("Do I mind swearing or drugs? no. gore yes", {"violence"}, case_id="guard-yes-of-two-things-asked"),
    case("Would I mind swearing? no. nudity yeah", {"sexual"}, case_id="guard-yes-of-would-i-mind"),
    case("Do I mind swearing? Not at all, but politics yes", {"politics"}, case_id="guard-yes-of-not-at-all"),
    case("Do I mind swearing? no... drugs tho? yes", {"drugs"}, case_id="guard-yes-of-cut-short-tho"),
    # Guards: a yes after an allowance that is no question about a dislike allows, and an enthusiastic yes after the
    # don't-mind is no ban.
    case("Swearing is fine, drugs yes", set(), case_id="guard-yes-of-after-fine"),
    case("Swearing? idc. drugs yes", set(), case_id="guard-yes-of-after-idc"),
    case("Do I mind swearing? no. Am I ok with drugs? yes", set(), case_id="guard-yes-of-ok-with-question-after"),
    case("Do I mind swearing? no, I love it. f-bombs yes!!", set(), case_id="guard-yes-of-i-love-it-f-bombs"),
    # The thing and its yes in other shapes: the ban is lost.
    case(
        "Do I mind swearing? no, but drugs, yes",
        {"drugs"},
        case_id="yes-of-comma-before-yes",
        through="read when the round was written: nothing banned: with a comma before the yes, drugs are allowed ('drugs yes'); fixed the same day",
    ),
    case(
        "Do I mind swearing? no, but drugs: yes",
        {"drugs"},
        case_id="yes-of-colon-before-yes",
        gap="nothing banned: 'drugs: yes' is read as 'drugs is fine'",
    ),
    case(
        "Do I mind swearing? no, but illegal hard drugs yes",
        {"drugs"},
        case_id="yes-of-three-words",
        through="read when the round was written: nothing banned: three words before the yes are no thing of the rule, and are allowed; fixed the same day",
    ),
    case(
        "Do I mind swearing? no, but drugs and gore yes",
        {"drugs", "violence"},
        case_id="yes-of-two-things",
        through="read when the round was written: nothing banned: 'drugs and gore yes' is read as an allowance of both; fixed the same day",
    ),
    case(
        "Do I mind swearing? no. gore yes, drugs yes",
        {"drugs", "violence"},
        case_id="yes-of-second-thing-after-first",
        through="read when the round was written: violence only: the second thing follows a ban, not an allowance, and drugs are allowed; fixed the same day",
    ),
    # A cut-short question after a question about a dislike asks the same; its no is unclear, so it bans (the stricter
    # reading), and the thing and its yes after it answer the same question too.
    case(
        "Do I mind swearing? no. Kissing? no. gore yes",
        {"romance", "sexual", "violence"},
        case_id="yes-of-after-a-cut-short-no",
        through="read when the round was written: romance and sexual only: after 'kissing = no' the gore yes is read as an allowance; fixed in a later session of 2026-12-06",
    ),
    case(
        "Do I mind swearing? no. But when it comes to politics, yes",
        {"politics"},
        case_id="yes-of-when-it-comes-to",
        gap="nothing banned: 'when it comes to politics yes' is read as an allowance",
    ),
    # Words around the thing and the yes: stray topics and the allowed swearing banned.
    case(
        "Do I mind swearing? no, but drugs yes definitely",
        {"drugs"},
        case_id="yes-of-word-after-yes",
        gap="drugs banned, but 'definitely' is read as a banned topic",
    ),
    case(
        "Do I mind swearing? no, but yes to drugs",
        {"drugs"},
        case_id="yes-of-yes-to-drugs",
        gap="profanity too: 'no, but yes to drugs' is read as the answer to swearing ('no swearing, to drugs')",
    ),
    case(
        "Do I mind swearing? no. Do I swear a lot? yeah",
        set(),
        case_id="yes-of-do-i-swear-a-lot",
        gap="profanity: 'do i swear a lot' is read as a ban of swearing",
    ),
]

# --- 3. "hell yes", "oh yes", "absolutely yes" are bare yeses (_BARE_YES) ---------------------------------------------
EMPHATIC_YES = [
    # Guards: the rule's own cases, capitals, two emphases, a dislike answered "hell yes" or "oh yes", a checklist
    # under a ban header, a remembered "oh yes", and an emphatic no beside it.
    case("Swearing? hell yes", set(), case_id="guard-emphatic-swearing-hell-yes"),
    case(
        "Do I mind swearing? nope. But slurs? hell yes",
        # Swearing allowed by its head word: slurs are a narrower ban inside profanity, a topic (round 29).
        set(),
        need=("slurs",),
        case_id="guard-emphatic-slurs-hell-yes",
    ),
    case("Swearing? HELL YES", set(), case_id="guard-emphatic-caps"),
    case("Swearing? oh hell yeah", set(), case_id="guard-emphatic-oh-hell-yeah"),
    case("Do I mind swearing? hell yes", {"profanity"}, case_id="guard-emphatic-mind-hell-yes"),
    case("Is gore a dealbreaker? oh yes", {"violence"}, case_id="guard-emphatic-dealbreaker-oh-yes"),
    case("Kissing? oh yes. Nudity? oh hell no", {"sexual"}, case_id="guard-emphatic-oh-yes-oh-hell-no"),
    case("Restricted:\ndrugs? hell yes", {"drugs"}, case_id="guard-emphatic-checklist-hell-yes"),
    case("No swearing. Oh yes, and no drugs", {"profanity", "drugs"}, case_id="guard-emphatic-oh-yes-remembered"),
    # "hell" as a swear word: inside a ban, and a "hell yes" excepted from one.
    case("no swearing (hell yes is fine)", {"profanity"}, case_id="guard-emphatic-hell-yes-excepted"),
    case("no swearing, not even hell", {"profanity"}, need=("hell",), case_id="guard-emphatic-not-even-hell"),
    # The emphatic yes in forms the list does not hold: the allowance read as a ban.
    case(
        "Swearing? hell yea",
        set(),
        case_id="emphatic-hell-yea",
        gap="profanity: 'hell yea' is no bare yes, so swearing is banned",
    ),
    case(
        "Swearing? fuck yes",
        set(),
        case_id="emphatic-fuck-yes",
        gap="profanity: 'fuck yes' is no bare yes, so swearing is banned",
    ),
    case(
        "Swearing? yes absolutely",
        set(),
        case_id="emphatic-yes-absolutely",
        gap="profanity: 'yes absolutely' is no bare yes, so swearing is banned",
    ),
    case(
        "Swearing? hell, yes",
        set(),
        case_id="emphatic-hell-comma-yes",
        gap="profanity: 'hell' and 'yes' are read apart, so swearing is banned",
    ),
    case(
        "hell yes to swearing, no drugs",
        {"drugs"},
        case_id="emphatic-hell-yes-to-swearing",
        gap="profanity too: 'hell yes' at the start is read apart from 'to swearing', which is banned",
    ),
    # "hell" as the swear word banned: no profanity read.
    case(
        "no words like hell",
        {"profanity"},
        need=("hell",),
        case_id="emphatic-no-words-like-hell",
        gap="profanity is banned, but the word 'hell' itself is kept as no topic (the swearing category may not read a mild 'hell')",
    ),
    case(
        "no hell or damn",
        {"profanity"},
        ok=("hell", "damn"),
        case_id="emphatic-no-hell-or-damn",
        gap="nothing banned: only the topics 'hell' and 'damn' (naming profanity by 'damn' also named it for a quoted \"damn\", round 34's single word)",
    ),
]


@pytest.mark.parametrize(FIELDS, ROMANCE_WORDS)
def test_bf_gf_bae_name_romance(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, SAID_YES_OF)
def test_a_thing_and_a_yes_after_a_dislike_question_bans(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, EMPHATIC_YES)
def test_emphatic_yes_is_a_bare_yes(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
