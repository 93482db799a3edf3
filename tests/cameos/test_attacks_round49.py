"""Attack round 49 on the restriction parser (cameos/restrictions.py): the five newest reading rules of c02ea3a, which
round 48 did not attack, each pushed until it loses a ban or reads a ban the owner did not ask for.

The rules attacked: a question about a dislike ("Do I mind swearing?", "Is gore a dealbreaker?", "Should drugs be
avoided?", "Exclude nudity?") answered "no" or with indifference allows what was asked, and a "yes" bans it
(``_ASKED_AVERSE`` and the ``averse`` branch of ``restriction_clauses``); a question under a ban's header
("Restricted:\\ndrugs? yes\\nswearing? no") is decided by its answer, and one left unanswered is banned
(``asked_under_ban``, ``_ban_unanswered``); every title that names a category, back to the start of its sentence, joins
a "= NO" (``_title_names_a_category``, ``sentence_start``); what the owner does with how often ("I drink socially",
"I'm a smoker"), then "not on here", is banned (``_AS_OFTEN`` and the "I'm a smoker" rewrite); and each item of a list
in a ban clause the parser reads by its fallback ("Dont: crack dealer & exotic dancer") is read for its category (the
end of ``_parse_clause``).

The angle: what an owner really writes around these rules. A "yes" with manners to a question about a dislike ("yes
please", "yes pls", "sure thing"), "rather not", a "no" taken back ("no, wait, yes", "no. jk yes I do"), a second
question cut short ("Is gore? yes", "Drugs? Yes.", "but drugs yes", "But slurs? hell yes"), "no way!", and the "no"
said in other words ("no problem", "not at all", "nope, swear away") or "you bet"; under "Restricted:", "Hard no:",
"Not allowed:" and "Dealbreakers:", answers taken back, three questions on one line, a question on the header's own
line, "drugs: yes" with a colon, "Is drugs ok? no", an emoji answer, "y"/"n", "idc", "ofc", "nah", "fine", and a
question that is no item of the list ("Questions? DM me"); titles before "- NO" and "= 🚫", a card dealer and a
casino dealer (a dealer of cards, not of drugs), and the owner's own title ("Mom of 3", "I'm a nurse"); how often said
as "rarely", "a little", "chain smoker", "weekend drinker", two things done each with its own how often, and "I'm a
drinker not a fighter"; and lists after "Dont:" joined by "n", ending in "lol", holding a title no category names, or
an item allowed in the same breath.

Each case states the product's rule, never what the code read: the full set of categories a careful human reads as
banned, the topics named beyond a category, and no stray topic; when the reading is unclear, the stricter one (the ban)
wins. Cases that read wrongly are strict xfails (``gap=``), each saying what the parser read instead.

Written 2026-12-06 against c02ea3a (with the saved classifier weights): 80 cases, of which 43 got through (strict
xfails) and 37 read right (guards).

1. Bans that get lost (the dangerous direction): 28.
   - Questions about a dislike (11): "Should drugs be avoided? yes please", "Exclude nudity? yes pls" and "Should drugs
     be avoided? sure thing" allow what was asked ("yes please" is taken for indifference); "Do I mind nudity? rather
     not" allows nudity; "Do I mind swearing? no, wait, yes" and "Do I mind swearing? no. jk yes I do" allow swearing;
     "Is swearing a problem? no. Is gore? yes", "Do I mind swearing? no - but drugs yes" and "Do I mind swearing? No.
     Drugs? Yes." allow the second thing; "Do I mind swearing? nope. But slurs? hell yes" loses slurs (and bans
     swearing); "Do I mind nudity? no way!" (a judgement call) allows nudity.
   - Questions under a ban header (6): "Restricted:\\ndrugs? no... actually yes" and "Restricted:\\ndrugs?
     yes\\nswearing? no, wait yes" keep the first answer; "Restricted:\\ndrugs? yes, nudity? yes, swearing? no" loses
     nudity; "Restricted: drugs? yes, swearing? no" loses drugs (a topic "drugs yes"); "Restricted:\\ndrugs:
     yes\\nswearing: no" reads "drugs is fine"; "Restricted:\\nIs drugs ok? no\\nswearing? no" bans nothing.
   - Titles before "= NO" (3): "Crack dealer, exotic dancer, bartender - NO" and "... = 🚫" lose drugs; "Card dealer,
     stripper = NO" reads drugs, not gambling.
   - What the owner does, with how often (5): "I drink rarely, ...", "I drink a little, ..." (each "but not on here")
     ban nothing; "I drink socially and smoke occasionally, but not on here" loses alcohol; "I'm a chain smoker but not
     on here" and "I'm a weekend drinker but not on here" ban nothing.
   - Lists after a ban (3): "Dont: crack dealer n exotic dancer" and "Dont: crack dealer & exotic dancer lol" lose
     sexual; "Dont: crack dealer & nurse" loses the nurse.
2. Allowances and stray topics read as bans (the lesser direction): 15.
   - "Is swearing a problem? no problem", "Is swearing an issue? not at all" and "Do I mind swearing? nope, swear away"
     ban swearing; "Is nudity a dealbreaker? you bet" reads gambling (4).
   - Under a ban header (6): "swearing? idc", "swearing? nah", "swearing? n" and "do I mind swearing? no" ban swearing,
     "kissing? fine" bans kissing, and "ofc", "nah", "y", "n", "duh", "fine", "allowed" and "Questions? DM me" become
     topics.
   - "Casino dealer, stripper = NO" reads drugs; "Mom of 3, stripper = NO" the topic "mom 3" (2).
   - "I'm a drinker not a fighter" reads alcohol and violence (1).
   - "Dont: exotic dancer & poker dealer" reads drugs; "Dont: drug dealer & bartender ok" alcohol (2).

Fixed after the round, the same day (none by changing an expectation; ``through=`` keeps what was read): 25 of the 43,
17 of them lost bans.
- A question about a dislike is allowed only by an answer that says the owner does not mind (``_DONT_MIND_ANSWER``:
  "no", "nope", "hell no", "not at all", "not for me", "no problem", "idc"); "yes please", "sure thing", "rather not"
  and "no way!" ban it.
- A checklist under a ban's header: the questions on the header's own line are asked under it, a colon answer "drugs:
  yes" is "drugs? yes" (a "swearing: no" stays a ban, the stricter reading), "y", "ofc" and "duh" are yeses, "n",
  "nah" and "idc" let it be, and an answer gets no "no" of the header put before it; "Is drugs ok? no" is answered as
  asked (``_checklist_answer``, ``_questions_under_a_ban_header``).
- A card, casino, poker or blackjack dealer is gambling, not drugs.
- "rarely", "a little", "a bit" and the like are how often; "chain smoker" and "weekend drinker" are smokers and
  drinkers; two things done, each with its own how often, are both banned; "I'm a drinker not a fighter" is no ban.
- A ban list after "Dont:" is split at "n", and a trailing "lol" is no part of its last item.
- Then "- NO" and "= 🚫" after titles: a bare no after a title that names a category joins the titles before it.
- Then a no that let a thing be, taken back by a yes in the next breath ("no, wait, yes", "no. jk yes I do", "no...
  actually yes"), bans it (``_YES_AFTER_ALL``).
- Then a question cut short after a question about a dislike asks the same ("Is gore? yes", "Drugs? Yes." ban), the
  stricter reading (``_QUESTION_CUT_SHORT``; round 50 had read "Kissing? yes" there as an allowance).
10 stayed strict xfails: 3 lost a ban ("but drugs yes", "But slurs? hell yes", "Dont: crack dealer & nurse"), 7
over-read. On 2026-12-06 (a later session) "but drugs yes" and "hell yes" were fixed: 8 stay.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, case, check

# --- 1. A question about a dislike: its "no" allows, its "yes" bans (rule A: _ASKED_AVERSE) --------------------------
ASKED_AVERSE = [
    # Guards: the yes said in words, the no with a ban beside it, and two questions each answered.
    case("Do I mind swearing? yes I do", {"profanity"}, case_id="guard-averse-yes-i-do"),
    case("Do I mind gore? hell yes", {"violence"}, case_id="guard-averse-hell-yes"),
    case("Is gore a dealbreaker? absolutely", {"violence"}, case_id="guard-averse-dealbreaker-absolutely"),
    case("Is nudity a dealbreaker? sadly yes", {"sexual"}, case_id="guard-averse-dealbreaker-sadly-yes"),
    case("Do I mind nudity? I'd rather not", {"sexual"}, case_id="guard-averse-id-rather-not"),
    case("Do I mind drugs? hell no, go wild", set(), case_id="guard-averse-hell-no-go-wild"),
    case("Is swearing an issue? not for me", set(), case_id="guard-averse-issue-not-for-me"),
    case("Is gore a dealbreaker? no, but nudity is", {"sexual"}, case_id="guard-averse-no-but-nudity-is"),
    case(
        "Do I mind swearing? no. Do I mind nudity? yes",
        {"sexual"},
        case_id="guard-averse-two-questions-each-answered",
    ),
    case(
        "Should swearing be avoided? nah, but keep drugs out",
        {"drugs"},
        case_id="guard-averse-avoided-nah-keep-drugs-out",
    ),
    # A yes with manners is a yes: what was asked to be avoided or excluded is banned.
    case(
        "Should drugs be avoided? yes please",
        {"drugs"},
        case_id="averse-avoided-yes-please",
        through="read when the round was written: nothing banned: 'yes please' is taken for indifference ('idc'), which allows what was asked ('drugs yes'); fixed the same day",
    ),
    case(
        "Exclude nudity? yes pls",
        {"sexual"},
        case_id="averse-exclude-yes-pls",
        through="read when the round was written: nothing banned: 'yes pls' is taken for indifference, so nudity is allowed ('nudity yes'); fixed the same day",
    ),
    case(
        "Should drugs be avoided? sure thing",
        {"drugs"},
        case_id="averse-avoided-sure-thing",
        through="read when the round was written: nothing banned: 'sure thing' is taken for indifference, so drugs are allowed ('drugs yes'); fixed the same day",
    ),
    # "rather not" to "do I mind" is the owner's wish that it not be there.
    case(
        "Do I mind nudity? rather not",
        {"sexual"},
        case_id="averse-rather-not",
        through="read when the round was written: nothing banned: 'rather not' is a bare no ('_BARE_NO'), which allows what was asked ('nudity yes'); fixed the same day",
    ),
    # The "no" taken back in the next breath.
    case(
        "Do I mind swearing? no, wait, yes",
        {"profanity"},
        case_id="averse-no-wait-yes",
        through="read when the round was written: nothing banned: the no allows swearing, and the 'yes' after 'wait' confirms the allowance ('swearing yes yes'); fixed the same day",
    ),
    case(
        "Do I mind swearing? no. jk yes I do",
        {"profanity"},
        case_id="averse-no-jk-yes-i-do",
        through="read when the round was written: nothing banned: swearing is allowed by the no, and 'jk yes I do' becomes the clause 'no yes i', read as nothing; fixed the same day",
    ),
    # A second question cut short asks the same thing of something else.
    case(
        "Is swearing a problem? no. Is gore? yes",
        {"violence"},
        case_id="averse-second-question-cut-short",
        through="read when the round was written: nothing banned: 'Is gore? yes' is read as an allowance ('is gore yes'), not as 'is gore a problem? yes'; fixed the same day",
    ),
    case(
        "Do I mind swearing? no - but drugs yes",
        {"drugs"},
        case_id="averse-no-but-drugs-yes",
        through="read when the round was written: nothing banned: 'but drugs yes' after the no is read as an allowance of drugs ('drugs yes'); fixed 2026-12-06 (_SAID_YES_OF)",
    ),
    case(
        "Do I mind swearing? No. Drugs? Yes.",
        {"drugs"},
        case_id="averse-second-bare-question-yes",
        through="read when the round was written: nothing banned: 'Drugs? Yes.' is read as its own question, an allowance, not as 'do I mind drugs? yes'; fixed the same day",
    ),
    case(
        "Do I mind swearing? nope. But slurs? hell yes",
        set(),
        need=("slurs",),
        case_id="averse-but-slurs-hell-yes",
        through="read when the round was written: profanity, and slurs lost: 'hell yes' answers nothing, and 'slurs?' alone is read as the category profanity, not as the topic a ban of slurs is; fixed 2026-12-06 ('hell yes' is a bare yes)",
    ),
    # "no way!" may be "no way do I mind", or a refusal: unclear, so the ban wins.
    case(
        "Do I mind nudity? no way!",
        {"sexual"},
        case_id="averse-no-way",
        through="read when the round was written: nothing banned (a judgement call): 'no way' is a bare no, which allows what was asked ('nudity yes'); fixed the same day",
    ),
    # The no said in other words allows what was asked.
    case(
        "Is swearing a problem? no problem",
        set(),
        case_id="averse-no-problem",
        through="read when the round was written: profanity: 'no problem' is a bare yes ('_BARE_YES'), and a yes to 'is it a problem' bans it; fixed the same day",
    ),
    case(
        "Is swearing an issue? not at all",
        set(),
        case_id="averse-not-at-all",
        through="read when the round was written: profanity: 'not at all' is no bare no; the question is left as a clause that names swearing; fixed the same day",
    ),
    case(
        "Do I mind swearing? nope, swear away",
        set(),
        case_id="averse-nope-swear-away",
        gap="profanity: swearing is allowed by the no, then 'swear away' is read as a ban of swearing",
    ),
    case(
        "Is nudity a dealbreaker? you bet",
        {"sexual"},
        case_id="averse-you-bet",
        gap="sexual and gambling: 'you bet' is no yes the parser knows, and 'bet' is read as betting",
    ),
]

# --- 2. A question under a ban's header is decided by its answer (rule B: asked_under_ban, _ban_unanswered) ----------
UNDER_A_BAN = [
    # Guards: other headers, list marks, answers on their own lines, unanswered questions, and an allowance's header.
    case("Hard no:\ndrugs? yes\nswearing? no", {"drugs"}, case_id="guard-under-hard-no"),
    case("Restricted:\n- drugs? yes\n- swearing? no", {"drugs"}, case_id="guard-under-restricted-dashes"),
    case("Restricted:\ndrugs?\nnudity? no", {"drugs"}, case_id="guard-under-unanswered-then-no"),
    case("Restricted:\ndrugs?\nswearing? no\ngore?", {"drugs", "violence"}, case_id="guard-under-unanswered-both-ends"),
    case("Restricted:\nSwearing?\nNo\nDrugs?\nYes", {"drugs"}, case_id="guard-under-answers-on-own-lines"),
    case("Restricted:\nalcohol? yes (I'm sober)\nswearing? no", {"alcohol"}, case_id="guard-under-yes-with-aside"),
    case(
        "Restricted:\ndrugs? yes\nswearing? no, but no slurs",
        {"drugs"},
        need=("slurs",),
        case_id="guard-under-no-but-no-slurs",
    ),
    case("Fine with:\ndrugs? no\nswearing? yes", {"drugs"}, case_id="guard-under-fine-with-no"),
    # Lost bans: an answer taken back, several questions on one line, a colon for the question mark, a question of
    # another shape.
    case(
        "Restricted:\ndrugs? no... actually yes",
        {"drugs"},
        case_id="under-no-actually-yes",
        through="read when the round was written: nothing banned: the no lets drugs be ('drugs yes'), and 'actually yes' after it is read as nothing; fixed the same day",
    ),
    case(
        "Restricted:\ndrugs? yes\nswearing? no, wait yes",
        {"drugs", "profanity"},
        case_id="under-no-wait-yes",
        through="read when the round was written: drugs only: the no lets swearing be, and 'wait yes' after it is read as nothing; fixed the same day",
    ),
    case(
        "Restricted:\ndrugs? yes, nudity? yes, swearing? no",
        {"drugs", "sexual"},
        case_id="under-three-questions-one-line",
        through=(
            "read when the round was written: "
            + "drugs and profanity: on one line only the first question is under the header; 'nudity? yes' is an allowance "
            "and 'swearing? no' a ban" + "; fixed the same day"
        ),
    ),
    case(
        "Restricted: drugs? yes, swearing? no",
        {"drugs"},
        case_id="under-question-on-header-line",
        through="read when the round was written: profanity, and the topic 'drugs yes': on the header's own line the question is no question under it; fixed the same day",
    ),
    case(
        "Restricted:\ndrugs: yes\nswearing: no",
        {"drugs", "profanity"},
        case_id="under-colon-answers",
        through="read when the round was written: profanity only: 'drugs: yes' is read as 'drugs is fine', an allowance, not as restricted; fixed the same day",
    ),
    case(
        "Restricted:\nIs drugs ok? no\nswearing? no",
        {"drugs"},
        case_id="under-is-it-ok-no",
        through="read when the round was written: nothing banned: under the header the no to 'is drugs ok' lets it be ('is drugs ok yes'); fixed the same day",
    ),
    # Over-reads: the "no" said otherwise, indifference, a question that is no item of the list.
    case(
        "Restricted:\ndrugs? yes please\nswearing? idc",
        {"drugs"},
        case_id="under-idc",
        through="read when the round was written: drugs and profanity: under the header 'idc' counts as a yes, and a yes there is the ban ('no swearing'); fixed the same day",
    ),
    case(
        "Hard no:\nnudity? ofc\nswearing? nah",
        {"sexual"},
        case_id="under-ofc-nah",
        through=(
            "read when the round was written: "
            + "sexual and profanity, and the topics 'ofc' and 'nah': an answer other than a bare yes or no gets the header's "
            "'no' put before it ('no nah'), so it answers nothing; the question is banned as unanswered, the answer a topic"
            + "; fixed the same day"
        ),
    ),
    case(
        "Restricted:\ndrugs? y\nswearing? n",
        {"drugs"},
        case_id="under-y-n",
        through=(
            "read when the round was written: "
            + "drugs and profanity, and the topics 'y' and 'n': the header's 'no' is put before each letter ('no n'), "
            "so 'swearing?' is banned as unanswered" + "; fixed the same day"
        ),
    ),
    case(
        "Not allowed:\ndrugs? duh\nkissing? fine",
        {"drugs"},
        case_id="under-not-allowed-kissing-fine",
        gap="drugs, romance and sexual, and the topics 'allowed', 'duh' and 'fine': 'fine' under the header is banned "
        "as an item, and kissing with it",
    ),
    case(
        "Restricted:\ndrugs? yes\n\nQuestions? DM me",
        {"drugs"},
        case_id="under-questions-dm-me",
        gap="drugs, and the topics 'questions' and 'dm': a question after the list is banned as one of its items",
    ),
    case(
        "Restricted:\ndo I mind swearing? no",
        set(),
        case_id="under-do-i-mind-no",
        gap="profanity: under the header the no lets 'do I mind swearing' be ('swearing yes'), and the header's ban is "
        "put before it ('no swearing yes')",
    ),
]

# --- 3. Titles before "= NO" join the ban (rule C: _title_names_a_category, sentence_start) --------------------------
TITLES_BEFORE_NO = [
    # Guards: a category beside a title, the owner's title in its own clause or sentence, an allowance before.
    case("Bartender, drugs = no", {"alcohol", "drugs"}, case_id="guard-titles-bartender-drugs"),
    case("Nurse, stripper = no", {"sexual"}, ok=("nurse",), case_id="guard-titles-nurse-stripper"),
    case("I'm a nurse, stripper = no", {"sexual"}, case_id="guard-titles-im-a-nurse"),
    case(
        "I'm a bartender. Drug dealer, stripper = NO",
        {"drugs", "sexual"},
        case_id="guard-titles-owner-in-sentence-before",
    ),
    case(
        "Crack dealer / exotic dancer / bartender = NO",
        {"alcohol", "drugs", "sexual"},
        case_id="guard-titles-slashes",
    ),
    case("Bartender is fine, crack dealer = NO", {"drugs"}, case_id="guard-titles-allowed-before"),
    case(
        "No politics. Bartender, stripper = NO",
        {"alcohol", "politics", "sexual"},
        case_id="guard-titles-after-a-ban-sentence",
    ),
    # Lost bans: "- NO" and an emoji for "= NO" keep only the titles after the first; a dealer of cards.
    case(
        "Crack dealer, exotic dancer, bartender - NO",
        {"alcohol", "drugs", "sexual"},
        case_id="titles-dash-no",
        through="read when the round was written: alcohol and sexual: with '- NO' the first title is cut off as a clause of its own, a bio; fixed the same day",
    ),
    case(
        "crack dealer, exotic dancer, bartender = 🚫",
        {"alcohol", "drugs", "sexual"},
        case_id="titles-equals-emoji",
        through="read when the round was written: alcohol and sexual: '= 🚫' is no '= NO', so the first title is cut off as a clause of its own, a bio; fixed the same day",
    ),
    case(
        "Card dealer, stripper = NO",
        {"gambling", "sexual"},
        case_id="titles-card-dealer",
        through="read when the round was written: drugs and sexual: a card dealer is read as a drug dealer, and gambling is lost; fixed the same day",
    ),
    # Over-reads: a dealer of a casino is no drug dealer; the owner's own title is no banned thing.
    case(
        "Casino dealer, stripper = NO",
        {"gambling", "sexual"},
        case_id="titles-casino-dealer",
        through="read when the round was written: drugs, gambling and sexual: 'dealer' is read as a drug dealer beside the casino; fixed the same day",
    ),
    case(
        "Mom of 3, stripper = NO",
        {"sexual"},
        case_id="titles-mom-of-3",
        gap="sexual, and the topic 'mom 3': the owner's own title is joined to the ban",
    ),
]

# --- 4. What the owner does, with how often, then "not on here" (rule D: _AS_OFTEN, the "I'm a smoker" rewrite) -------
AS_OFTEN = [
    # Guards: how often the rule knows, the owner's title with how often, and the owner's doing alone or allowed.
    case("I drink on weekends but not in my videos", {"alcohol"}, case_id="guard-often-weekends-not-in-videos"),
    case("I smoke weed occasionally. Not on camera", {"drugs"}, case_id="guard-often-weed-occasionally"),
    case("I'm a daily vaper. Not on here tho", {"tobacco"}, case_id="guard-often-daily-vaper"),
    case("I'm a smoker but not a drinker, no drinking", {"alcohol"}, case_id="guard-often-smoker-not-drinker"),
    case("I'm a social drinker lol", set(), case_id="guard-often-social-drinker-lol"),
    case("I'm a social drinker, so drinking is fine", set(), case_id="guard-often-social-drinker-fine"),
    case("I'm a big gambler, so no betting ads", {"brands", "gambling"}, case_id="guard-often-big-gambler-no-ads"),
    # Lost bans: how often in words the rule does not hold, two things done each with its own how often, and the
    # owner's title with a word before it the rewrite does not hold.
    case(
        "I drink rarely, but not on here",
        {"alcohol"},
        case_id="often-rarely",
        through="read when the round was written: nothing banned, the topic 'rarely': 'rarely' is no word of how often, so it is read as what is drunk; fixed the same day",
    ),
    case(
        "I drink a little, but not on here",
        {"alcohol"},
        case_id="often-a-little",
        through="read when the round was written: nothing banned: 'a little' is no word of how often, so it is read as what is drunk ('no a little'); fixed the same day",
    ),
    case(
        "I drink socially and smoke occasionally, but not on here",
        {"alcohol", "tobacco"},
        case_id="often-two-things-each-how-often",
        through="read when the round was written: tobacco, and the topic 'socially': the how often after the first verb is read as what is drunk; fixed the same day",
    ),
    case(
        "I'm a chain smoker but not on here",
        {"tobacco"},
        case_id="often-chain-smoker",
        through="read when the round was written: nothing banned, the topic 'here': 'chain' is no word the 'I'm a smoker' rewrite holds; fixed the same day",
    ),
    case(
        "I'm a weekend drinker but not on here",
        {"alcohol"},
        case_id="often-weekend-drinker",
        through="read when the round was written: nothing banned, the topic 'here': 'weekend' is no word the 'I'm a drinker' rewrite holds; fixed the same day",
    ),
    # Over-read: "a drinker not a fighter" is who the owner is, no ban.
    case(
        "I'm a drinker not a fighter",
        set(),
        case_id="often-drinker-not-a-fighter",
        through="read when the round was written: alcohol and violence: 'I drink not a fighter' is read as a ban of both; fixed the same day",
    ),
]

# --- 5. Each item of a list in a ban clause read by the fallback (rule E: the end of _parse_clause) ------------------
FALLBACK_LIST = [
    # Guards: "and" in the list, other ban words, an item allowed beside the list, the owner's title after it.
    case(
        "Dont: crack dealer, exotic dancer and bartender",
        {"alcohol", "drugs", "sexual"},
        case_id="guard-fallback-and-bartender",
    ),
    case("Avoid: hitman & bookie", {"gambling", "violence"}, case_id="guard-fallback-avoid-hitman-bookie"),
    case(
        "Dont: crack dealer & exotic dancer (bartender is fine)",
        {"drugs", "sexual"},
        case_id="guard-fallback-aside-allows-bartender",
    ),
    case(
        "Dont: crack dealer & exotic dancer. Bartender & bouncer are fine",
        {"drugs", "sexual"},
        case_id="guard-fallback-next-sentence-allows",
    ),
    case("Dont: senator & stripper", {"politics", "sexual"}, case_id="guard-fallback-senator-stripper"),
    # Lost bans: "n" for "and", a "lol" after the last item, a title no category names.
    case(
        "Dont: crack dealer n exotic dancer",
        {"drugs", "sexual"},
        case_id="fallback-n-for-and",
        through="read when the round was written: drugs only: 'n' parts no items, so 'exotic dancer' is never read alone; fixed the same day",
    ),
    case(
        "Dont: crack dealer & exotic dancer lol",
        {"drugs", "sexual"},
        case_id="fallback-lol-after-last-item",
        through="read when the round was written: drugs only: 'exotic dancer lol' names no category; fixed the same day",
    ),
    case(
        "Dont: crack dealer & nurse",
        {"drugs"},
        need=("nurse",),
        case_id="fallback-title-no-category-names",
        gap="drugs, and the nurse lost: the fallback reads categories only, so an item no category names is dropped",
    ),
    # Over-reads: a dealer of cards is no drug dealer; an item allowed in the same breath.
    case(
        "Dont: exotic dancer & poker dealer",
        {"gambling", "sexual"},
        case_id="fallback-poker-dealer",
        through="read when the round was written: drugs, gambling and sexual: 'dealer' is read as a drug dealer beside the poker; fixed the same day",
    ),
    case(
        "Dont: drug dealer & bartender ok",
        {"drugs"},
        case_id="fallback-item-allowed-in-list",
        gap="alcohol and drugs: 'bartender ok' is read as one more banned item",
    ),
]


@pytest.mark.parametrize(FIELDS, ASKED_AVERSE)
def test_no_to_a_question_about_a_dislike_allows_and_yes_bans(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, UNDER_A_BAN)
def test_question_under_a_ban_header_is_decided_by_its_answer(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, TITLES_BEFORE_NO)
def test_titles_before_equals_no_join_the_ban(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, AS_OFTEN)
def test_what_i_do_with_how_often_but_not_on_here(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, FALLBACK_LIST)
def test_each_item_of_a_ban_list_is_read(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
