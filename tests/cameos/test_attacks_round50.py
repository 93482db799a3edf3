"""Attack round 50 on the restriction parser (cameos/restrictions.py): the five rules of the last three commits
(80700946, b4bb8ed, 228b053), which round 49 did not attack, each pushed until it loses a ban or reads a ban the owner
did not ask for.

The rules attacked: a question about a dislike ("Do I mind swearing?", "Is gore a dealbreaker?", "Should drugs be
avoided?") is allowed only by an answer that says the owner does not mind (``_DONT_MIND_ANSWER``); a checklist under a
ban's header ("Restricted:\\ndrugs? y", "drugs: yes"), its questions on the header's own line included
(``_checklist_answer``, ``_questions_under_a_ban_header``); a no that let a thing be, taken back by a yes in the next
breath ("no, wait, yes"), bans it (``_YES_AFTER_ALL``, ``let_be``); a bare no after titles that name categories bans
them all back to the start of the sentence (``_join_titles_before``); and card, casino, poker and blackjack dealers are
gambling, not drugs (the ``recognise`` regexes of drugs and gambling).

The angle: the answers around these rules that the rules' word lists do not hold. The "don't mind" said as "not one
bit", "no :)", "hell no I don't", and "not for me" said of the thing itself ("Do I mind drugs? not for me"); a ban
answer with a word after it ("no doubt", "not a fan"); the take-back said as "correction: yes", "sorry, yes", "I mean
yes", "yes please", "yeah I do", "jk it is", and a yes that confirms the no ("no. yes, swear away", "no, actually yeah
that's fine") or a no that takes back a yes ("yes... actually no, go for it"); a checklist with colons after a
"swearing: no", "yes!", "yes please", "yes (never)", trailing comments, and "Restricted: none", "n/a", "none lol"; a
title list asked as a question ("... bartender? no"), an exception after it, and the owner's own job in it; and a
dealer "of cards".

Each case states the product's rule, never what the code read: the full set of categories a careful human reads as
banned, the topics named beyond a category, and no stray topic; when the reading is unclear, the stricter one (the ban)
wins. Cases that read wrongly are strict xfails (``gap=``), each saying what the parser read instead.

Written 2026-12-06 against 228b053 (with the saved classifier weights): 56 cases, of which 29 got through (strict
xfails) and 27 read right (guards).

1. Bans that get lost (the dangerous direction): 16.
   - Questions about a dislike (2): "Do I mind drugs? not for me" and "Exclude nudity? not for me" allow what was
     asked ("not for me" said of the thing is taken for "not a dealbreaker for me").
   - A no taken back (7): "Do I mind swearing? no, wait, yes please", "... no, wait, yeah I do", "... no. correction:
     yes", "... no, sorry, yes", "... no, I mean yes", "Is gore a dealbreaker? no. jk it is" and "Restricted:\\ndrugs?
     n. jk y" keep the no.
   - Checklists under a ban header (5): "Restricted:\\nswearing: no\\ndrugs: yes" loses drugs and "...drugs:
     yes\\nswearing: no\\ngore: yes" loses gore (a "swearing: no" ends the checklist); "Restricted:\\ndrugs: yes!" and
     "Restricted:\\ndrugs: yes please" ban nothing; "Restricted:\\ndrugs: yes (never)\\nswearing: nah" loses drugs (and
     bans swearing).
   - Titles (1): "Crack dealer, exotic dancer, bartender? no" loses drugs.
   - Dealers (1): "no dealer of cards" reads drugs, not gambling.
2. Allowances and stray topics read as bans (the lesser direction): 13.
   - Questions about a dislike (4): "no doubt" and "not a fan" leave the topics "doubt" and "fan"; "Do I mind swearing?
     no :)" and "hell no I don't" ban swearing.
   - Take-backs (4): "no, wait, I mean no" leaves the topic "i mean"; "no, actually yeah that's fine", "no. yes, swear
     away" and "yes... actually no, go for it" ban swearing.
   - Checklists (3): "swearing? nah, curse away" bans swearing; "Restricted: n/a" and "Hard no: none lol" leave the
     topics "n-a" and "none".
   - Titles (2): "... bartender - NO (except bartender)" bans alcohol; "Exotic dancer by night, crack dealer - NO"
     leaves the owner's job as the topic "exotic dancer by night".

Fixed after the round, the same day (none by changing an expectation; ``through=`` keeps what was read): 12 of the 16
lost bans. "not for me" allows only what "Is X an issue?" asks; a take-back may say "yes please", "yeah I do", "I mean
yes", "jk it is", "y", with "sorry" before it; a checklist's "swearing: no" no longer ends it, and "drugs: yes!" and
"drugs: yes please" ban. Then "bartender? no" (the no a sentence of its own) joins the titles of the sentence before,
and a dealer of cards is gambling. 15 stayed strict xfails: 2 lost a ban ("correction: yes", "drugs: yes (never)"), 13
over-read. On 2026-12-06 (a later session) "correction: yes" was fixed: 14 stay.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, case, check

# --- 1. A question about a dislike: only a "don't mind" allows it (_DONT_MIND_ANSWER) -------------------------------
ASKED_AVERSE = [
    # Guards: the no with a laugh or a ban beside it, an emphatic no, and an indifference with a ban after it.
    case("Do I mind swearing? no lol", set(), case_id="guard-averse-no-lol"),
    case("Exclude nudity? nope", set(), case_id="guard-averse-exclude-nope"),
    case("Is gore a dealbreaker? not for me, but nudity is", {"sexual"}, case_id="guard-averse-not-for-me-but-nudity"),
    case("Do I mind smoking? idc, but no drugs", {"drugs"}, case_id="guard-averse-idc-but-no-drugs"),
    case("Do I mind swearing? NO WAY", {"profanity"}, case_id="guard-averse-no-way-caps"),
    case("Is swearing a problem? no. slurs are though", {"profanity"}, case_id="guard-averse-no-slurs-are-though"),
    # "not for me" said of the thing itself is the owner's wish that it not be there: the stricter reading.
    case(
        "Do I mind drugs? not for me",
        {"drugs"},
        case_id="averse-mind-not-for-me",
        through="read when the round was written: nothing banned: 'not for me' is a don't-mind answer, so drugs are allowed ('drugs yes'); fixed the same day",
    ),
    case(
        "Exclude nudity? not for me",
        {"sexual"},
        case_id="averse-exclude-not-for-me",
        through="read when the round was written: nothing banned: 'not for me' is a don't-mind answer, so nudity is allowed ('nudity yes'); fixed the same day",
    ),
    # A ban answer that starts with "no" and goes on: the word after it is no topic.
    case(
        "Should drugs be avoided? no doubt",
        {"drugs"},
        case_id="averse-avoided-no-doubt",
        gap="drugs banned, but 'doubt' is read as a banned topic",
    ),
    case(
        "Do I mind swearing? not a fan",
        {"profanity"},
        case_id="averse-not-a-fan",
        gap="swearing banned, but 'fan' is read as a banned topic",
    ),
    # The don't-mind said with a smiley or with "I don't" after it.
    case(
        "Do I mind swearing? no :)",
        set(),
        case_id="averse-no-smiley",
        gap="profanity: the smiley keeps 'no :)' from being a don't-mind answer, so swearing is banned",
    ),
    case(
        "Do I mind swearing? hell no I don't",
        set(),
        case_id="averse-hell-no-i-dont",
        gap="profanity: 'hell no I don't' is no don't-mind answer, so swearing is banned",
    ),
]

# --- 2. A no that let a thing be, taken back by a yes (_YES_AFTER_ALL, let_be) -----------------------------------
TAKEN_BACK = [
    # Guards: the take-back the rule knows, a yes that allows, a yes to another question, and two questions.
    case("Do I mind swearing? nope. jk yes", {"profanity"}, case_id="guard-takeback-nope-jk-yes"),
    case("Do I mind swearing? no. scratch that, yes", {"profanity"}, case_id="guard-takeback-scratch-that-yes"),
    case("Do I mind swearing? no, wait, yes it's fine", set(), case_id="guard-takeback-yes-its-fine"),
    # Round 49 read "Do I mind swearing? No. Drugs? Yes." as a ban of drugs (the question cut short asks the same) and
    # this round as an allowance of kissing: the two rounds disagree, so the reading is unclear, and the stricter one
    # (the ban) is the product's rule. Changed from set() the same day, when the cut-short question was read so.
    case(
        "Do I mind swearing? no. Kissing? yes", {"romance", "sexual"}, case_id="guard-takeback-yes-to-another-question"
    ),
    case(
        "Do I mind swearing? no. Do I mind gore? no, wait, yes",
        {"violence"},
        case_id="guard-takeback-second-question-only",
    ),
    # The yes of the take-back said in other words: the ban after all.
    case(
        "Do I mind swearing? no, wait, yes please",
        {"profanity"},
        case_id="takeback-yes-please",
        through="read when the round was written: nothing banned: 'yes please' is no yes of _YES_AFTER_ALL, and the no stands ('swearing yes'); fixed the same day",
    ),
    case(
        "Do I mind swearing? no, wait, yeah I do",
        {"profanity"},
        case_id="takeback-yeah-i-do",
        through="read when the round was written: nothing banned: 'yeah I do' is no yes of _YES_AFTER_ALL, and the no stands; fixed the same day",
    ),
    case(
        "Do I mind swearing? no. correction: yes",
        {"profanity"},
        case_id="takeback-correction-yes",
        through="read when the round was written: nothing banned: 'correction:' is no hesitation the rule knows, and the no stands; fixed 2026-12-06 ('correction:' heads no subject)",
    ),
    case(
        "Do I mind swearing? no, sorry, yes",
        {"profanity"},
        case_id="takeback-sorry-yes",
        through="read when the round was written: nothing banned: 'sorry' is no hesitation the rule knows, and the no stands; fixed the same day",
    ),
    case(
        "Do I mind swearing? no, I mean yes",
        {"profanity"},
        case_id="takeback-i-mean-yes",
        through="read when the round was written: nothing banned: 'I mean' is no hesitation the rule knows, and the no stands; fixed the same day",
    ),
    case(
        "Is gore a dealbreaker? no. jk it is",
        {"violence"},
        case_id="takeback-jk-it-is",
        through="read when the round was written: nothing banned: 'jk it is' (no yes word) does not take the no back; fixed the same day",
    ),
    case(
        "Restricted:\ndrugs? n. jk y",
        {"drugs"},
        case_id="takeback-checklist-n-jk-y",
        through="read when the round was written: nothing banned: 'y' is a checklist yes but no yes of _YES_AFTER_ALL, and the 'n' stands; fixed the same day",
    ),
    # A no said again, or a yes that confirms the no: the allowance stands.
    case(
        "Do I mind swearing? no, wait, I mean no",
        set(),
        case_id="takeback-i-mean-no",
        gap="swearing allowed, but 'i mean' is read as a banned topic",
    ),
    case(
        "Do I mind swearing? no, actually yeah that's fine",
        set(),
        case_id="takeback-yeah-thats-fine",
        gap="profanity: 'actually yeah' is taken for the take-back, though 'that's fine' says the yes allows",
    ),
    case(
        "Do I mind swearing? no. yes, swear away",
        set(),
        case_id="takeback-yes-swear-away",
        gap="profanity: the 'yes' is taken for the take-back, though 'swear away' says it allows",
    ),
    # A yes taken back by a no that allows: the owner ends on "go for it".
    case(
        "Do I mind swearing? yes... actually no, go for it",
        set(),
        case_id="takeback-of-a-ban-go-for-it",
        gap="profanity: only a no is taken back, so the first 'yes' stands as the ban",
    ),
]

# --- 3. A checklist under a ban's header (_checklist_answer, _questions_under_a_ban_header) ------------------------
CHECKLIST = [
    # Guards: y/n with a comment, answers with reasons, ofc/duh/nah, and "none".
    case("Restricted:\ndrugs? y (obviously)\nswearing? n", {"drugs"}, case_id="guard-checklist-y-obviously-n"),
    case("Restricted:\nDrugs? Y\nGore? N\nNudity? Y", {"drugs", "sexual"}, case_id="guard-checklist-caps-y-n-y"),
    case(
        "Restricted:\ndrugs? yes - I've been sober 5 yrs\nswearing? no, I curse a lot",
        {"drugs"},
        case_id="guard-checklist-answers-with-reasons",
    ),
    case(
        "Restricted:\ngambling? ofc\npolitics? duh\nreligion? nah",
        {"gambling", "politics"},
        case_id="guard-checklist-ofc-duh-nah",
    ),
    case("Restricted: none", set(), case_id="guard-checklist-restricted-none"),
    case("Restricted: none. No drugs though", {"drugs"}, case_id="guard-checklist-none-but-no-drugs"),
    # "swearing: no" stays a ban (the stricter reading), and the colon answers after it are still the checklist.
    case(
        "Restricted:\nswearing: no\ndrugs: yes",
        {"drugs", "profanity"},
        case_id="checklist-colon-yes-after-colon-no",
        through="read when the round was written: profanity only: 'swearing: no' ends the checklist, so 'drugs: yes' allows drugs; fixed the same day",
    ),
    case(
        "Restricted:\ndrugs: yes\nswearing: no\ngore: yes",
        {"drugs", "profanity", "violence"},
        case_id="checklist-colon-third-yes",
        through="read when the round was written: drugs and profanity: 'swearing: no' ends the checklist, so 'gore: yes' allows gore; fixed the same day",
    ),
    case(
        "Restricted:\ndrugs: yes!",
        {"drugs"},
        case_id="checklist-colon-yes-bang",
        through="read when the round was written: nothing banned: 'drugs: yes!' is not made a question, and reads as drugs allowed; fixed the same day",
    ),
    case(
        "Restricted:\ndrugs: yes please",
        {"drugs"},
        case_id="checklist-colon-yes-please",
        through="read when the round was written: nothing banned: 'drugs: yes please' is not made a question, and reads as drugs allowed; fixed the same day",
    ),
    case(
        "Restricted:\ndrugs: yes (never)\nswearing: nah",
        {"drugs"},
        case_id="checklist-colon-yes-comment",
        gap="profanity, not drugs: 'drugs: yes (never)' reads as allowed and 'swearing: nah' as a ban",
    ),
    # A no with a comment that says it allows; "none" said otherwise.
    case(
        "Restricted:\ndrugs? yes, obviously\nswearing? nah, curse away",
        {"drugs"},
        case_id="checklist-nah-curse-away",
        gap="drugs and profanity: 'nah, curse away' is no checklist answer, so swearing is banned unanswered",
    ),
    case(
        "Restricted: n/a",
        set(),
        case_id="checklist-restricted-n-a",
        gap="nothing banned, but 'n-a' is read as a banned topic",
    ),
    case(
        "Hard no: none lol",
        set(),
        case_id="checklist-hard-no-none-lol",
        gap="nothing banned, but 'none' is read as a banned topic",
    ),
]

# --- 4. Titles before a bare no (_join_titles_before) -----------------------------------------------------------------
TITLES = [
    # Guards: the no in other words and after a colon, the owner's own job in another sentence or said as such, and
    # titles no category names.
    case(
        "Crack dealer, exotic dancer, bartender - nope",
        {"alcohol", "drugs", "sexual"},
        case_id="guard-titles-nope",
    ),
    case(
        "Crack dealer, exotic dancer, bartender: no",
        {"alcohol", "drugs", "sexual"},
        case_id="guard-titles-colon-no",
    ),
    case(
        "Bartender here. Crack dealer, exotic dancer - NO",
        {"drugs", "sexual"},
        case_id="guard-titles-own-job-sentence-before",
    ),
    case("I'm a bartender, crack dealer - NO", {"drugs"}, case_id="guard-titles-im-a-bartender"),
    case(
        "Cop, soldier, bartender - NO",
        {"alcohol"},
        need=("cop", "soldier"),
        case_id="guard-titles-no-category-named",
    ),
    case(
        "Hitman, bookie, priest - NO",
        {"gambling", "religion", "violence"},
        case_id="guard-titles-hitman-bookie-priest",
    ),
    # The titles asked as one question and answered "no": all of them are banned.
    case(
        "Crack dealer, exotic dancer, bartender? no",
        {"alcohol", "drugs", "sexual"},
        case_id="titles-asked-answered-no",
        through="read when the round was written: alcohol and sexual: the crack dealer is lost (no drugs); fixed the same day",
    ),
    # An exception after the no, and the owner's own job in the same sentence.
    case(
        "Crack dealer, exotic dancer, bartender - NO (except bartender)",
        {"drugs", "sexual"},
        case_id="titles-except-bartender",
        gap="alcohol too: the bartender the owner excepted is banned",
    ),
    case(
        "Exotic dancer by night, crack dealer - NO",
        {"drugs"},
        case_id="titles-own-job-by-night",
        gap="drugs, but the owner's own job is read as the banned topic 'exotic dancer by night'",
    ),
]

# --- 5. Dealers of cards are gambling (the drugs and gambling recognise regexes) --------------------------------------
DEALERS = [
    # Guards: the owner's own dealing job before a ban, both dealers, and a card dealer allowed.
    case("Blackjack dealer here, no drugs", {"drugs"}, case_id="guard-dealer-blackjack-here-no-drugs"),
    case("I'm a casino dealer. No drugs.", {"drugs"}, case_id="guard-dealer-casino-own-job"),
    case("No card dealers or drug dealers", {"drugs", "gambling"}, case_id="guard-dealer-card-and-drug"),
    case("No crack dealer, card dealer ok", {"drugs"}, case_id="guard-dealer-card-dealer-ok"),
    case(
        "no dealer of cards",
        {"gambling"},
        case_id="dealer-of-cards",
        through="read when the round was written: drugs, not gambling: 'dealer of cards' is a dealer with no card before it; fixed the same day",
    ),
]


@pytest.mark.parametrize(FIELDS, ASKED_AVERSE)
def test_only_a_dont_mind_answer_allows_a_dislike(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, TAKEN_BACK)
def test_a_no_taken_back_by_a_yes_bans(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, CHECKLIST)
def test_checklist_under_a_ban_header(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, TITLES)
def test_titles_before_a_bare_no_join_the_ban(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, DEALERS)
def test_dealers_of_cards_are_gambling(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
