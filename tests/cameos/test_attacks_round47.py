"""Attack round 47 on the restriction parser (cameos/restrictions.py): the four reading rules added today, each pushed
until it loses a ban or reads a ban the owner did not ask for.

The rules attacked: a yes taken back in the next breath is a no ("Nudity? fine. wait no.", "Smoking? fine. Just not
in my videos.", "Beer? yes. jk"), and so is a yes spelled out as a ban ("Drugs? Yes. Please avoid.") or said in
sarcasm ("sure... in your dreams") (``_ANSWER_TAKEN_BACK``); indifference after a question mark answers that question
alone as an allowance ("swearing? idc", "gore? whatever"), and without one it is no answer (``_BARE_INDIFFERENT``); a
question joined to the list before it is split off when answered yes ("Drugs are a dealbreaker, swearing? idc" bans
drugs only: ``joined_question`` and the ``pieces`` loop of ``restriction_clauses``); "junkie", "junky", "crackhead",
"cokehead" and "pothead" name drugs, and "naughty" (not naughty words, a naughty list, a naughty kid or pet) and
"slutty" sexual content (the ``recognise`` patterns of restriction_categories.toml).

The angle: what an owner really writes around these rules. Take-backs with a comma, on their own line, repeated or in
words the rule does not list ("Wait, NO.", "Actually, never.", "nope nope nope", "psych", "not on camera though",
"not on cam", "Please don't.", "Avoid at all costs.", "when pigs fly"); take-backs that are not ("wait no problem",
"No wait, that's fine", "No filter."); several questions in a row with mixed answers, answers on new lines, capitals
and emoji; indifference to a question that is itself about a dislike ("Do I mind gore? idc"), or in words the rule
does not list ("whatever lol", "w/e", "couldn't care less", 🤷); a list asked as one question ("Swearing, drinking?
idc"); rhetorical questions and questions to the viewer; and innocent or disguised uses of the new words ("junky
filters", "Gym junkie & proud", "naughty stepsister", "naughty-list", "my naughty toddler", "slutty brownies",
"sl*tty", "tweaker").

Each case states the product's rule, never what the code read: the full set of categories a careful human reads as
banned (an allowance of a whole category by its head word makes a narrower ban in it a topic; the stricter reading
wins when unclear, as in "no gore? idc"; "keep it clean" beside a ban of one of the four restates that ban, as the
README says), the topics named beyond a category, and no stray topic. Cases that read wrongly are strict xfails
(``gap=``), each saying what the parser read instead.

Written 2026-12-06 against the working tree (today's uncommitted rules, with the saved classifier weights): 118
cases, of which 59 got through (strict xfails) and 59 read right (guards).

1. Bans that get lost (the dangerous direction): 28.
   - Take-backs the rule does not see (20): "Nudity? fine. Wait, NO." (and on lines: "Wait.\nNo.", "Wait, no")
     bans nothing and reads "wait" as a topic, since the comma or the line cuts "wait" off as a clause that the
     "no" then answers; "Actually, never.", "nope nope nope", "jkjk no", "psych", "NOT happening", "idc, still no";
     "not on camera though", "not on camera pls", "not on cam", "not in videos of me"; a ban spelled out in other
     words ("Do not include.", "Please don't.", "Avoid at all costs.", "off limits obviously"); sarcasm the rule
     does not list ("Said no one ever.", "when pigs fly", "over my dead body").
   - A joined question answered "lol idc": "Drugs are a dealbreaker, swearing? lol idc" bans nothing (1).
   - The new words (7): "I'm not a junkie, don't make me look like one" bans nothing; "tweaker" names no drugs;
     "naughty stepsister" and "naughty stepmom" are cut as the naughty step (no word edge after "step"); "nothing
     naughty with my kids" reads "naughty kids" and bans no sexual content; "sl*tty" names nothing; "no
     naughty-words" bans sexual content, not profanity.
2. Allowances and stray topics read as bans (the lesser direction): 31.
   - Indifference or "nope" to a question about a dislike is read as a ban (4: "Do I mind gore? idc", "Is gore a
     dealbreaker? idc", "Should drugs be avoided? idc", "Do I care about swearing? Nope."); indifference the rule
     does not know (4: "whatever lol", "w/e", "couldn't care less", 🤷); a list asked as one question gives its
     yes to the last item only and bans the rest (4: "Swearing, drinking? idc", "Alcohol, tobacco? fine", "Beer,
     wine, cocktails? all fine"); a joined question answered in words the rule does not list, or after an emoji ban
     (3).
   - Take-backs that are not: "No wait, that's fine" bans swearing; "No filter.", "Not a problem.", "Not my
     favorite tho" become topics (4).
   - The ban is kept but a stray word becomes a topic (6): "wait" (twice), "both", "are you kidding", "care for",
     "halloween" (all Halloween content, from "No slutty Halloween costumes").
   - The new words (6): "No junky filters", "Gym junkie & proud" read drugs; "naughty-list" (hyphen), "naughty or
     nice list", "my naughty toddler" and "slutty brownies" (an allowed dessert) read sexual content.

Fixed after the round, the same day (none by changing an expectation; ``through=`` keeps what was read): 30 of the 59.
- A hesitation after a yes ("wait", "actually", "hold on") says nothing yet, so the no after it, past a comma or a
  line, takes the yes back (``_HESITATION``); "nope nope nope", "jkjk", "psych", "not happening", "still no", "said
  no one ever", "when pigs fly", "over my dead body", "please don't", "do not include", "avoid at all costs", "off
  limits obviously", and "not on camera though", "not on cam", "not in videos of me" take it back too
  (``_ANSWER_TAKEN_BACK``); "No wait, that's fine" allows.
- "lol" after a question mark no longer cuts like a comma: "Drugs are a dealbreaker, swearing? lol idc" bans drugs.
- "tweaker" names drugs; "junky" (cheap) no longer does, nor "gym", "news", "adrenaline" and like junkies; "naughty
  step" needs its word edge (not "stepsister"), and "naughty-words", "naughty-list", a naughty toddler or baby read as
  they should.
Now 29 strict xfails: 3 lose a ban ("I'm not a junkie, don't make me look like one", "nothing naughty with my kids",
"sl*tty"), 26 read more than the owner asked or keep a stray topic.

The 3 lost bans are fixed in a later session the same day: "don't make me look like one" after "I'm not a X" bans X;
filler dropped between two words no longer joins them into a phrase that names nothing ("naughty kids") when the
words as written named a category; and a starred word is read against a longer vocabulary ("sl*tty", "h**kers"). 26
stay strict xfails, none of them a lost ban (tests/cameos/test_attacks_round48.py attacks these rules).
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, case, check

# --- 1. A yes taken back in the next breath (rule 1: _ANSWER_TAKEN_BACK) -------------------------------------------
TAKEN_BACK = [
    case(
        "Nudity? fine. Wait, NO.",
        {"sexual"},
        case_id="taken-back-wait-comma-no",
        through="read when the round was written: nothing banned, 'wait' a topic: the comma makes 'wait' a piece of its own, answered 'no' ('wait = no'); 'wait no.' without the comma bans; fixed the same day",
    ),
    case(
        "Nudity? fine.\n\nWait.\nNo.",
        {"sexual"},
        case_id="taken-back-wait-and-no-on-lines",
        through="read when the round was written: nothing banned, 'wait' a topic: 'wait' on its own line is a clause, and the 'no' below answers it; fixed the same day",
    ),
    case(
        "Nudity? fine.\nWait, no",
        {"sexual"},
        case_id="taken-back-wait-comma-no-next-line",
        through="read when the round was written: nothing banned, 'wait' a topic ('wait = no'); fixed the same day",
    ),
    case(
        "Nudity? fine. Actually, never.",
        {"sexual"},
        case_id="taken-back-actually-comma-never",
        through="read when the round was written: nothing banned, 'actually' a topic: 'actually' cut off by its comma is answered 'never'; fixed the same day",
    ),
    case(
        "Nudity? sure. nope nope nope",
        {"sexual"},
        case_id="taken-back-nope-nope-nope",
        through="read when the round was written: nothing banned, 'nope nope' a topic: only one 'nope' takes a yes back; fixed the same day",
    ),
    case(
        "Gore? sure. jkjk no",
        {"violence"},
        case_id="taken-back-jkjk-no",
        through="read when the round was written: nothing banned, 'jkjk' a topic: 'jkjk' is no 'jk'; fixed the same day",
    ),
    case(
        "Gore? sure. psych",
        {"violence"},
        case_id="taken-back-psych",
        through="read when the round was written: nothing: 'psych' takes nothing back; fixed the same day",
    ),
    case(
        "Gore? whatever. NOT happening.",
        {"violence"},
        case_id="taken-back-not-happening",
        through="read when the round was written: nothing banned, 'happening' a topic: 'not happening' is no take-back; fixed the same day",
    ),
    case(
        "Nudity? idc, still no",
        {"sexual"},
        case_id="taken-back-idc-still-no",
        through="read when the round was written: nothing banned, 'still' a topic: 'still no' is neither a bare no nor a take-back; fixed the same day",
    ),
    case(
        "Drugs? sure, not on camera though",
        {"drugs"},
        case_id="taken-back-not-on-camera-though",
        through="read when the round was written: nothing banned, 'camera' a topic: 'though' after 'not on camera' stops the take-back; fixed the same day",
    ),
    case(
        "Drug use? whatever. Just not on camera pls",
        {"drugs"},
        case_id="taken-back-not-on-camera-pls",
        through="read when the round was written: nothing banned, 'camera' a topic: 'pls' after 'not on camera' stops the take-back; fixed the same day",
    ),
    case(
        "Beer? yes. Just not on cam.",
        {"alcohol"},
        case_id="taken-back-not-on-cam",
        through="read when the round was written: nothing banned, 'cam' a topic: 'cam' is no 'camera'; fixed the same day",
    ),
    case(
        "Smoking? fine. Just not in videos of me",
        {"tobacco"},
        case_id="taken-back-not-in-videos-of-me",
        through="read when the round was written: nothing: 'not in videos of me' is no take-back ('not in my videos' is); fixed the same day",
    ),
    case(
        "Drugs? Yes. Do not include.",
        {"drugs"},
        case_id="spelled-out-do-not-include",
        through="read when the round was written: nothing banned, 'include' a topic: 'do not include' is no ban spelled out; fixed the same day",
    ),
    case(
        "Drugs? Yes. Please don't.",
        {"drugs"},
        case_id="spelled-out-please-dont",
        through='read when the round was written: nothing: "please don\'t" is no ban spelled out; fixed the same day',
    ),
    case(
        "Drugs? Yes. Avoid at all costs.",
        {"drugs"},
        case_id="spelled-out-avoid-at-all-costs",
        through="read when the round was written: nothing banned, 'costs' a topic: only a bare 'avoid (it)' spells a ban out; fixed the same day",
    ),
    case(
        "Drugs? yes. off limits obviously",
        {"drugs"},
        case_id="spelled-out-off-limits-obviously",
        through="read when the round was written: nothing: 'obviously' after 'off limits' stops the rule ('obviously off limits' bans); fixed the same day",
    ),
    case(
        "Nudity? sure. Said no one ever.",
        {"sexual"},
        case_id="sarcasm-said-no-one-ever",
        through="read when the round was written: nothing: 'said no one ever' is no sarcasm the rule knows; fixed the same day",
    ),
    case(
        "Nudity? sure, when pigs fly",
        {"sexual"},
        case_id="sarcasm-when-pigs-fly",
        through="read when the round was written: nothing: 'when pigs fly' is no sarcasm the rule knows; fixed the same day",
    ),
    case(
        "Nudity? Sure, over my dead body.",
        {"sexual"},
        case_id="sarcasm-over-my-dead-body",
        through="read when the round was written: nothing: 'over my dead body' is no sarcasm the rule knows; fixed the same day",
    ),
    # Guards: take-backs that are taken back, and ones that are not take-backs.
    case("Nudity? ok. actually no, not ok", {"sexual"}, case_id="guard-taken-back-actually-no-not-ok"),
    case("Nudity? sure lol jk", {"sexual"}, case_id="guard-taken-back-lol-jk-same-sentence"),
    case("Nudity? fine. On second thought, nope.", {"sexual"}, case_id="guard-taken-back-second-thought-nope"),
    case("Nudity? sure. haha no", {"sexual"}, case_id="guard-taken-back-haha-no"),
    case("NUDITY? FINE. WAIT NO.", {"sexual"}, case_id="guard-taken-back-wait-no-capitals"),
    case("Nudity?\nsure\njk\nNO", {"sexual"}, case_id="guard-taken-back-on-lines"),
    case("Drugs? sure... as if", {"drugs"}, case_id="guard-sarcasm-as-if"),
    case("Smoking? Fine by me. Not in my videos tho.", {"tobacco"}, case_id="guard-not-in-my-videos-tho"),
    case("Weed? sure. lol", set(), case_id="guard-lol-takes-nothing-back"),
    case("Wine? yep. hmm", set(), case_id="guard-hmm-takes-nothing-back"),
    case("Nudity? fine. wait no problem", set(), case_id="guard-wait-no-problem-allows"),
    case("Nudity? sure. actually no worries", set(), case_id="guard-actually-no-worries-allows"),
    case("Nudity? sure. no wait it's fine", set(), case_id="guard-no-wait-its-fine-allows"),
    case("Swearing? sure.\nNo worries.", set(), case_id="guard-no-worries-next-line-allows"),
    case("Swearing? sure. Just not the n word", set(), need=("n word",), case_id="guard-just-not-the-n-word-topic"),
    # Allowances the take-back reads as bans.
    case(
        "Swearing? yes. No wait, that's fine",
        set(),
        case_id="allow-no-wait-thats-fine",
        through="read when the round was written: profanity: 'no wait' takes the yes back, and the 'that's fine' after it does not give it again; fixed the same day",
    ),
    case(
        "Swearing? yes! No filter.",
        set(),
        case_id="allow-yes-no-filter",
        gap="the topic 'filter': 'no filter' after an allowance is read as a ban",
    ),
    case(
        "Swearing? Yes. Not a problem.",
        set(),
        case_id="allow-yes-not-a-problem",
        gap="the topic 'problem': 'not a problem' is read as a ban",
    ),
    case(
        "Beer? sure. Not my favorite tho",
        set(),
        case_id="allow-sure-not-my-favorite",
        gap="the topic 'favorite': 'not my favorite tho' is read as a ban",
    ),
]

# --- 2. Indifference after a question mark (rule 2: _BARE_INDIFFERENT) --------------------------------------------
INDIFFERENT_AFTER_A_QUESTION = [
    case(
        "Swearing? fine. Nudity? wait no.",
        {"sexual"},
        case_id="second-question-wait-no",
        gap="sexual, but 'wait' a topic: 'wait no' after a question that is not answered yes is no bare no",
    ),
    case(
        "Swearing is fine. Nudity? wait, no.",
        {"sexual"},
        case_id="question-after-allowance-wait-comma-no",
        gap="sexual, but 'wait' a topic ('wait = no')",
    ),
    case(
        "Nudity? Gore? Both no.",
        {"sexual", "violence"},
        case_id="two-questions-both-no",
        gap="sexual and violence, but 'both' a topic",
    ),
    case(
        "Drugs? Are you kidding? No.",
        {"drugs"},
        case_id="question-are-you-kidding-no",
        gap="drugs, but 'are you kidding' a topic: the 'no' answers 'are you kidding'",
    ),
    case(
        "Nudity? Don't care for it.",
        {"sexual"},
        case_id="question-dont-care-for-it",
        gap="sexual, but 'care for' a topic",
    ),
    # Guards.
    case("No drugs. swearing? idc", {"drugs"}, case_id="guard-ban-sentence-then-question-idc"),
    case("Drugs? No. Swearing? idc", {"drugs"}, case_id="guard-question-no-then-question-idc"),
    case(
        "Nudity? Gore? Drugs? All no. Swearing? idc",
        {"sexual", "violence", "drugs"},
        case_id="guard-three-questions-all-no-then-idc",
    ),
    case(
        "Nudity? Gore? Nope and nope. Swearing? idc",
        {"sexual", "violence"},
        case_id="guard-two-questions-nope-and-nope",
    ),
    case("Swearing? idc. Gore? no thx", {"violence"}, case_id="guard-idc-then-no-thx"),
    case("swearing? idc. nudity? i do care.", {"sexual"}, case_id="guard-idc-then-i-do-care"),
    case("swearing? don't mind. nudity? DO mind.", {"sexual"}, case_id="guard-dont-mind-then-do-mind"),
    case("Drugs? whatever you do, don't.", {"drugs"}, case_id="guard-whatever-you-do-dont"),
    case("Nudity? i dont care what you think, no", {"sexual"}, case_id="guard-i-dont-care-what-you-think-no"),
    case("Nudity? idc if it's artistic, NO.", {"sexual"}, case_id="guard-idc-if-artistic-no"),
    case("nudity? whatever, NO", {"sexual"}, case_id="guard-whatever-comma-no"),
    # "no gore? idc" is unclear (a ban with "idc" after, or "no gore?" answered "idc"): the stricter reading.
    case("no gore? idc", {"violence"}, case_id="guard-no-gore-question-idc"),
    case("Drugs? idk, probably not", {"drugs"}, case_id="guard-idk-probably-not"),
    case("nudity is off limits, idc", {"sexual"}, case_id="guard-off-limits-idc-no-question"),
    case("Swearing?\nidc\nNudity?\nno", {"sexual"}, case_id="guard-questions-answers-on-lines"),
    case("Nudity? NO. Swearing? eh idc. Drugs? 🚫", {"sexual", "drugs"}, case_id="guard-questions-emoji-no"),
    case("Swearing? ✅ Nudity? ❌", {"sexual"}, case_id="guard-questions-check-and-cross"),
    case("swearing? IDC!!", set(), case_id="guard-idc-capitals-bangs"),
    case("Is gore ok? no. Is swearing ok? idc", {"violence"}, case_id="guard-is-ok-no-then-idc"),
    case("you think I'd allow nudity? lol no", {"sexual"}, case_id="guard-viewer-question-lol-no"),
    case("Why would anyone want gore? Not me.", {"violence"}, case_id="guard-rhetorical-not-me"),
    case("Drugs? Are you kidding me?", {"drugs"}, case_id="guard-rhetorical-are-you-kidding-me"),
    # Allowances read as bans: indifference to a question about a dislike, and indifference the rule does not know.
    case(
        "Do I mind gore? idc",
        set(),
        case_id="allow-do-i-mind-gore-idc",
        through=("violence: 'idc' is read as a yes to 'do I mind', a ban (_ASKED_AVERSE)") + "; read so when the round was written, fixed 2026-12-06 (a later session)",
    ),
    case(
        "Is gore a dealbreaker? idc",
        set(),
        case_id="allow-is-gore-a-dealbreaker-idc",
        through=("violence: 'idc' is read as a yes to 'is it a dealbreaker'") + "; read so when the round was written, fixed 2026-12-06 (a later session)",
    ),
    case(
        "Should drugs be avoided? idc",
        set(),
        case_id="allow-should-drugs-be-avoided-idc",
        through=("drugs: 'idc' is read as a yes to 'should they be avoided'") + "; read so when the round was written, fixed 2026-12-06 (a later session)",
    ),
    case(
        "Do I care about swearing? Nope.",
        set(),
        case_id="allow-do-i-care-about-swearing-nope",
        through=("profanity: 'nope' to 'do I care about' is read as a ban") + "; read so when the round was written, fixed 2026-12-06 (a later session)",
    ),
    case(
        "gore? whatever lol",
        set(),
        case_id="allow-whatever-lol",
        gap="violence: 'lol' after 'whatever' is no indifference the rule knows",
    ),
    case(
        "swearing? w/e",
        set(),
        case_id="allow-w-slash-e",
        gap="profanity: 'w/e' is rewritten 'with e'",
    ),
    case(
        "swearing? couldn't care less",
        set(),
        case_id="allow-couldnt-care-less",
        gap='profanity: "couldn\'t care less" is no indifference the rule knows',
    ),
    case(
        "Swearing? 🤷",
        set(),
        case_id="allow-shrug-emoji",
        gap="profanity: the shrug is no answer",
    ),
]

# --- 3. A question joined to the list before it (rule 3: joined_question) -----------------------------------------
JOINED_QUESTIONS = [
    case(
        "Drugs are a dealbreaker, swearing? lol idc",
        {"drugs"},
        case_id="joined-question-lol-idc",
        through="read when the round was written: nothing: read as one clause 'drugs are a dealbreaker, swearing, idc', an allowance of both; fixed the same day",
    ),
    # Guards.
    case("No drugs, swearing? sure, gore? no", {"drugs", "violence"}, case_id="guard-joined-yes-then-no"),
    case(
        "No drugs, no nudity, swearing? idc, gore? nope",
        {"drugs", "sexual", "violence"},
        case_id="guard-joined-idc-then-nope",
    ),
    case("No drugs, swearing?\nidc", {"drugs"}, case_id="guard-joined-answer-next-line"),
    case(
        "Drugs are a dealbreaker, so is nudity, swearing? idc",
        {"drugs", "sexual"},
        case_id="guard-joined-so-is-nudity",
    ),
    case("Drugs are a dealbreaker, swearing? idc 🤷", {"drugs"}, case_id="guard-joined-idc-shrug"),
    case("Drugs are a dealbreaker, swearing and drinking? idc", {"drugs"}, case_id="guard-joined-two-things-asked"),
    case(
        "No nudity or gore, drinking? sure, smoking? no",
        {"sexual", "violence", "tobacco"},
        case_id="guard-joined-sure-then-no",
    ),
    case(
        "No gore, swearing? fine but no slurs", {"violence"}, need=("slurs",), case_id="guard-joined-fine-but-no-slurs"
    ),
    case(
        "no drugs, swearing? whatever. just kidding, no swearing either",
        {"drugs", "profanity"},
        case_id="guard-joined-whatever-just-kidding",
    ),
    # Allowances read as bans: a list asked as one question is split at its last item.
    case(
        "Swearing, drinking? idc. Drugs? no",
        {"drugs"},
        case_id="allow-list-asked-swearing-drinking-idc",
        gap="drugs and profanity: the yes is given to 'drinking' alone, and 'swearing' is left as a ban",
    ),
    case(
        "Alcohol, tobacco? fine. Drugs? no.",
        {"drugs"},
        case_id="allow-list-asked-alcohol-tobacco-fine",
        gap="alcohol and drugs: the yes is given to 'tobacco' alone",
    ),
    case(
        "Beer, wine, cocktails? all fine",
        set(),
        case_id="allow-list-asked-all-fine",
        gap="alcohol: 'all fine' is given to 'cocktails' alone, 'beer, wine' is left as a ban",
    ),
    case(
        "Nudity, gore, drugs? Nah. Swearing, drinking? Sure.",
        {"sexual", "violence", "drugs"},
        case_id="allow-list-asked-after-list-refused",
        gap="profanity too: 'sure' is given to 'drinking' alone",
    ),
    case(
        "No drugs, swearing? whatever lol",
        {"drugs"},
        case_id="allow-joined-whatever-lol",
        gap="drugs and profanity: 'whatever lol' is no answer the rule knows",
    ),
    case(
        "No drugs, swearing? hmm idc",
        {"drugs"},
        case_id="allow-joined-hmm-idc",
        gap="drugs and profanity: 'hmm idc' is no answer the rule knows ('eh idc' is)",
    ),
    case(
        "nudity ❌ swearing? idc",
        {"sexual"},
        case_id="allow-cross-emoji-then-question-idc",
        gap="sexual and profanity: 'nudity ❌ swearing' is one clause, the 'idc' answers none of it",
    ),
]

# --- 4. Names of drug users, "naughty" and "slutty" (rule 4) -------------------------------------------------------
NAMES_AND_NAUGHTY = [
    case(
        "I'm not a junkie, don't make me look like one",
        {"drugs"},
        case_id="not-a-junkie-dont-make-me-look-like-one",
        through="read when the round was written: nothing banned, 'look one' a topic: \"I'm not a junkie\" is who the owner is, and 'one' is not read as a junkie; fixed 2026-12-06 (a later session)",
    ),
    case(
        "no tweaker jokes",
        {"drugs"},
        case_id="no-tweaker-jokes",
        through="read when the round was written: the topic 'tweaker jokes' only: 'tweaker' (a meth user) names no drugs, as 'junkie' now does; fixed the same day",
    ),
    case(
        "no naughty stepsister videos",
        {"sexual"},
        case_id="naughty-stepsister",
        through="read when the round was written: the topic 'naughty stepsister' only: 'naughty step' (the naughty step of a child) is cut without a word edge; fixed the same day",
    ),
    case(
        "no naughty stepmom stuff",
        {"sexual"},
        case_id="naughty-stepmom",
        through="read when the round was written: the topic 'naughty stepmom' only: as 'naughty stepsister'; fixed the same day",
    ),
    case(
        "nothing naughty with my kids",
        {"sexual"},
        case_id="nothing-naughty-with-my-kids",
        through="read when the round was written: the topic 'naughty kids' only: 'with my' is dropped and 'naughty kids' is a naughty kid; fixed 2026-12-06 (a later session)",
    ),
    case(
        "no sl*tty outfits",
        {"sexual"},
        case_id="starred-slutty",
        through="read when the round was written: the topic 'sltty outfits' only: the star is dropped, 'sltty' names nothing; fixed 2026-12-06 (a later session)",
    ),
    # "Keep it clean" after or before a ban of one of the four restates that ban (README), so sexual content only.
    case("keep it clean, nothing naughty", {"sexual"}, case_id="guard-keep-it-clean-nothing-naughty"),
    # Guards.
    case("no stoners, no junkies, no crackheads", {"drugs"}, case_id="guard-stoners-junkies-crackheads"),
    case("don't make me a pothead", {"drugs"}, case_id="guard-dont-make-me-a-pothead"),
    case("Recovering junkie, keep drugs out", {"drugs"}, case_id="guard-recovering-junkie-keep-drugs-out"),
    case("Adrenaline junkie, no gore", {"violence"}, case_id="guard-adrenaline-junkie-no-gore"),
    case("I'm a sneaker junkie", set(), case_id="guard-sneaker-junkie-bio"),
    case("no junk mail skits", set(), need=("junk mail",), case_id="guard-junk-mail-skits"),
    case("junkies? no. junk food? sure", {"drugs"}, case_id="guard-junkies-no-junk-food-sure"),
    case("no naughty kids pranks", set(), need=("pranks",), case_id="guard-naughty-kids-pranks"),
    case("Nurse here, no naughty nurse costumes", {"sexual"}, case_id="guard-nurse-no-naughty-nurse"),
    case("Nothing naughty 😉", {"sexual"}, case_id="guard-nothing-naughty-wink"),
    case("Naughty words ok, nothing naughty otherwise", {"sexual"}, case_id="guard-naughty-words-ok-nothing-naughty"),
    case("No politics. Naughty or nice skits are fine", {"politics"}, case_id="guard-naughty-or-nice-allowed"),
    # Innocent uses read as bans.
    case(
        "No junky filters",
        set(),
        need=("filters",),
        case_id="junky-filters",
        through="read when the round was written: drugs, no topic: 'junky' (shoddy) is read as a junkie; fixed the same day",
    ),
    case(
        "Gym junkie & proud",
        set(),
        case_id="gym-junkie-and-proud",
        through="read when the round was written: drugs: 'junkie & proud' is no title list, and 'junkie' names drugs; fixed the same day",
    ),
    case(
        "no naughty-words",
        {"profanity"},
        case_id="naughty-hyphen-words",
        through="read when the round was written: sexual, not profanity: the hyphen keeps 'naughty-words' from being 'naughty words'; fixed the same day",
    ),
    case(
        "no naughty-list pranks",
        set(),
        need=("pranks",),
        case_id="naughty-hyphen-list-pranks",
        through="read when the round was written: sexual, no topic: the hyphen keeps 'naughty-list' from being the naughty list; fixed the same day",
    ),
    case(
        "no naughty or nice list pranks",
        set(),
        need=("pranks",),
        case_id="naughty-or-nice-list-pranks",
        gap="sexual, and the topic 'nice list pranks': 'naughty or' is read as naughty content",
    ),
    case(
        "No videos of my naughty toddler",
        set(),
        need=("toddler",),
        case_id="my-naughty-toddler",
        through="read when the round was written: sexual, no topic: a toddler is none of the kids the rule lists; fixed the same day",
    ),
    case(
        "Slutty brownies recipe videos welcome. No alcohol.",
        {"alcohol"},
        case_id="slutty-brownies-welcome",
        gap="alcohol and sexual: 'slutty brownies' (a dessert), allowed, is read as a ban",
    ),
    case(
        "No slutty Halloween costumes",
        {"sexual"},
        ok=("costume",),
        case_id="slutty-halloween-costumes",
        gap="sexual and the topic 'halloween': all Halloween content is banned with it",
    ),
]


@pytest.mark.parametrize(FIELDS, TAKEN_BACK)
def test_taken_back(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, INDIFFERENT_AFTER_A_QUESTION)
def test_indifferent_after_a_question(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, JOINED_QUESTIONS)
def test_joined_questions(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, NAMES_AND_NAUGHTY)
def test_names_and_naughty(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
