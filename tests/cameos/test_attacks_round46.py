"""Attack round 46 on the restriction parser (cameos/restrictions.py): the three reading rules of commit b0bd051
(round 44's bios and answers), each pushed until it loses a ban, or reads an allowance or a bio as a ban.

The rules attacked: "trader", "grower", "volunteer", "leader", "counselor", "educator", "mixologist" are titles, and a
title list may start with a bare title (``_TITLES``, ``_TITLED_FIRST`` in ``_WHO_I_AM``): "Bartender & wine lover"
is who the owner is; a thing asked and answered with an allowance ("swearing? idc", "beer? sure") is rewritten as
"swearing, idc", and "swearing idc" (no comma) too (``restriction_clauses``); the comma-"idc" allowance does not
apply after a ban verb ("hate", "cut", "nix", "ban", "ditch", "keep", "without", "remove", "drop", "lose", "stop")
before the comma (``_ALLOWED``).

Each case states the product's rule, never what the code read: the full set of categories banned (an allowance of a
whole category by its head word makes a narrower ban in it a topic; the stricter reading wins when unclear; a bio
and an allowance ban nothing), the topics named beyond a category, and texts that must not be topics (``junk``).
Cases that read wrongly are strict xfails (``gap=``), each saying whether the hole is new with b0bd051 (the parent
commit read the case right, or at least kept the ban) or older (the parent read it the same way).

Measured on 2026-12-06 against b0bd051 and its parent (with the saved classifier weights): 153 texts tried; 14 left
out as unclear to a careful reader or repeating a case kept here; 139 kept here, of which 80 got through (strict
xfails): 41 new with b0bd051, 39 older.

1. Bans that get lost (the dangerous direction): 110 cases, 58 got through, 37 of them new with b0bd051.
   - "idc" after a ban that the reader does not know as one, with no comma: "swearing idc" is now "swearing, idc",
     and the comma-"idc" allowance is blocked only by a fixed list of ban words. "ew nudity idc", "I refuse nudity
     idc", "gore makes me sick idc", "nudity is gross idc" (also in capitals), "drugs hard pass idc", "won't do
     nudity idc", "nudity makes me uncomfortable idc", "drugs are a dealbreaker idc", "gore is a hard line idc",
     "nudity ick idc", "nudity: hard pass idc" now ban nothing (16 new; 2 older: "nudity 🤢 idc" and "nudity gross
     tbh idc" banned nothing before either). "idc" or "dont care" on a line of its own, between a list of bans and
     a list of allowances, is glued to the last ban ("NO / nudity / gore / IDC / swearing" loses gore) (2 new).
   - A question answered "yes"/"yeah"/"whatever" whose question is itself the ban: "Leave drugs out? yes", "Does
     gore bother me? yeah", "Drug use? whatever. Just not on camera."; and a question after a ban in its sentence
     takes the ban with it, as the whole sentence up to the "?" is read as the thing allowed: "Please leave out
     drugs, swearing? sure", "Spare me the gore, swearing? whatever", "Drugs are a dealbreaker, swearing? idc",
     "I'd pass on drugs, swearing? idc" (7 new). "Do I mind swearing? yes", "Is gore a dealbreaker? yes", "Am I
     against drugs? yes", "Should drugs be avoided? yes", "Exclude nudity? yes", a "Restricted:" checklist answered
     "yes", and answers taken back in the next sentence ("Nudity? sure... in your dreams", "Nudity? Yes. Obviously
     banned.", "Nudity? fine. wait no.") ban nothing, as before b0bd051 (15 older).
   - Title lists that are bans: a ban word the bio rule does not know before a new title ("nope weed grower & drug
     dealer", "drop ...", "refuse ...", "veto ...", "lose ...", "remove ...", "nope sex educator & pole dancer"), a
     list of roles on the line under "Hard no:", and a bare first title that no one calls themselves ("Junkie &
     drug dealer", "Junkie, dealer", "Junkie & stoner mom", "Junkie + drunk dad") now ban nothing (12 new). "nope"
     and "nah" before old titles, and "Teacher, no naughty teacher" / "Witch, no slutty witch" were lost before too
     (4 older).
2. Allowances and bios misread as bans (the lesser direction): 29 cases, 22 got through, 4 of them new.
   - New: the ban words added to ``_ALLOWED`` inside an allowance ("drop a few f-bombs, idc", "beer, weed, with or
     without, idc", "swearing, drinking, lose the filter, idc", "beer, weed, cut loose, idc") make it a ban.
   - Older (the new rules do not reach them): answers outside the fixed list or with an emoji ("swearing? yes
     please", "sure thing", "totally fine", "idc 🤷", "eh idc", "i dont car", "idc if u want but no needles"),
     "whatever lol" before a new line, a question after a ban in its sentence ("Hard pass on drugs, swearing? idc"
     bans swearing), "Swearing: idc", "Don't care:" as a header, "no nudity, swearing idc", "Alcohol idc, drugs hard
     pass", "keep ... in" / "keep it real" / "no limits" inside an allowance (18).

After the round, the same day (none by changing an expectation). The round was written by a helper against b0bd051;
what it found outweighed what b0bd051 fixed (9 cases of round 44), so:

- Taken back: "X? idc" and "X idc" read as "X, idc", and a bare first title starting a bio. Their 37 new lost bans
  read as before b0bd051 again; 10 allowances that only they read right are strict xfails again (``TAKEN_BACK``).
- Narrowed: "drop", "lose", "without" and "cut loose" no longer keep an allowance from allowing (the 4 new false
  bans); "hate", "cut", "nix", "ban", "ditch", "keep", "remove" and "stop" still do.
- Fixed: a title list is no bio after "nope", "nah", "zero", "drop", "refuse", "veto", "lose", "remove", "exclude",
  "stop", "forget", "pass on", "hard no", "hard pass" or "not into" (``_WHO_I_AM``), which also fixes the older
  "nope drunk dad & stoner mom" and "nah drunk bartender & stoner dj"; "Hard no:", "Nope:", "Pass on:" and "Refuse:"
  head the lines under them as bans (``_HEADER``), so "Hard no:\nweed grower & drug dealer" bans drugs.

Of the 139 cases then, 56 stayed strict xfails. 20 lose a ban, all of them older than b0bd051 (questions whose
answer "yes" means a ban, answers taken back in the next sentence, "nudity 🤢 idc", a title list after a header, "Junkie + drunk
dad" reading alcohol only). 36 ban more than the owner asked, or keep a junk topic.

Later the same day: a "yes" to a question about a dislike is a ban: "Do I mind swearing? yes", "Is gore a
dealbreaker? yes", "Am I against drugs? yes", "Should drugs be avoided? yes", "Does nudity make me uncomfortable?
Yes.", "Would nudity upset me? yep", "Exclude nudity? yes" (7 older lost bans; ``_ASKED_AVERSE``). Its "no" is still
read as a ban, the stricter reading (one more strict xfail); 5 guard cases. "🤢" and "🤮" say no, as "🚫" does:
"nudity 🤢 idc" bans nudity (2 guard cases). Now 147 cases, 49 strict xfails: 12 lose a ban, all older than b0bd051;
37 ban more than the owner asked, or keep a junk topic.

Next session (2026-12-06): a yes taken back in the next breath is a no (``_ANSWER_TAKEN_BACK``): "Nudity? fine. wait
no.", "Nudity? sure.\nActually no.", "Smoking? fine. Just not in my videos." ban (3 older lost bans); only a no, "jk",
"no wait" or "scratch that" takes a yes back, not "lol" or "hmm" (7 guard cases): 154 cases, 46 strict xfails:
9 lose a ban; 37 ban more than the owner asked, or keep a junk topic. Then a yes spelled out as a ban ("Nudity? Yes.
Obviously banned.", "Drugs? Yes. Please avoid.") or said in sarcasm ("Nudity? sure... in your dreams") bans too (3 more
older lost bans, 2 guard cases). "junkie" names drugs, "naughty" (not "naughty words", "naughty list", a naughty
puppy or child) and "slutty" sexual content: "Junkie + drunk dad", "Teacher, no naughty teacher" and "Witch, no slutty
witch" ban (3 more; 4 guard cases). Then indifference after a question mark answers that question alone
(``_BARE_INDIFFERENT``): "swearing? idc", "swearing? yes please", "gore? whatever" allow; "Drugs are a dealbreaker,
swearing? idc" keeps drugs banned, since a question joined to the list before it is split off to be answered; "drugs
are off limits, idc" still bans (no question). "Just not on camera" takes a yes back too. 17 more cases read right, 1
of them a lost ban ("Nudity is a dealbreaker, beer? sure"). Now 160 cases, 23 strict xfails: 2 lose a ban (a
"Restricted:" checklist answered yes, "nudity gross tbh idc"), 21 ban more than asked or keep a junk topic.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, case, check

NEW = "new with b0bd051: "
OLDER = "older (the parent of b0bd051 read it so too): "
# A case b0bd051 read right with one of its rewrites, which were taken back (below, after the round).
TAKEN_BACK = (
    "since the rewrites of b0bd051 were taken back ('X? idc' and 'X idc' read as 'X, idc': they lost bans, this "
    "round), the allowed thing is read as a ban again"
)

# --- 1. "idc" after a ban the reader does not know as one (rules 2 and 3) ------------------------------------------
IDC_AFTER_A_BAN = [
    case(
        "ew nudity idc",
        {"sexual"},
        case_id="idc-after-ew-nudity",
        through="with b0bd051, taken back the same day: 'ew nudity idc' is rewritten 'ew nudity, idc' and 'ew' is no ban word of _ALLOWED: nothing",
    ),
    case(
        "I refuse nudity idc",
        {"sexual"},
        case_id="idc-after-i-refuse-nudity",
        through="with b0bd051, taken back the same day: 'refuse' is no ban word of _ALLOWED: 'i refuse nudity, idc' allows it, nothing read",
    ),
    case(
        "gore makes me sick idc",
        {"violence"},
        case_id="idc-after-gore-makes-me-sick",
        through="with b0bd051, taken back the same day: 'gore makes me sick, idc' is read as an allowance: nothing",
    ),
    case(
        "gore makes me sick dont care",
        {"violence"},
        case_id="dont-care-after-gore-makes-me-sick",
        through="with b0bd051, taken back the same day: 'dont care' after a thing is glued on with a comma as 'idc' is: nothing",
    ),
    case(
        "nudity makes me uncomfortable idc",
        {"sexual"},
        case_id="idc-after-makes-me-uncomfortable",
        through="with b0bd051, taken back the same day: 'nudity makes me uncomfortable, idc' is read as an allowance: nothing",
    ),
    case(
        "nudity makes me uncomfortable i don't care",
        {"sexual"},
        case_id="i-dont-care-after-makes-me-uncomfortable",
        through="with b0bd051, taken back the same day: 'i don't care' after a thing is glued on with a comma: nothing",
    ),
    case(
        "nudity is gross idc",
        {"sexual"},
        case_id="idc-after-nudity-is-gross",
        through="with b0bd051, taken back the same day: 'nudity is gross, idc' is read as an allowance: nothing",
    ),
    case(
        "NUDITY IS GROSS IDC",
        {"sexual"},
        case_id="idc-after-nudity-is-gross-capitals",
        through="with b0bd051, taken back the same day: lowercased first, read as 'nudity is gross, idc': nothing",
    ),
    case(
        "nudity is gross idc!!",
        {"sexual"},
        case_id="idc-after-nudity-is-gross-bangs",
        through="with b0bd051, taken back the same day: '!!' after 'idc' ends the clause as the end does: nothing",
    ),
    case(
        "nudity ick idc",
        {"sexual"},
        case_id="idc-after-nudity-ick",
        through="with b0bd051, taken back the same day: 'nudity ick, idc': nothing",
    ),
    case(
        "drugs hard pass idc",
        {"drugs"},
        case_id="idc-after-drugs-hard-pass",
        through="with b0bd051, taken back the same day: 'pass' is no ban word of _ALLOWED: 'drugs hard pass, idc' bans nothing",
    ),
    case(
        "nudity: hard pass idc",
        {"sexual"},
        case_id="idc-after-colon-hard-pass",
        through="with b0bd051, taken back the same day: 'nudity: hard pass, idc' bans nothing ('nudity - hard pass idc' still bans)",
    ),
    case(
        "won't do nudity idc",
        {"sexual"},
        case_id="idc-after-wont-do-nudity",
        through="with b0bd051, taken back the same day: \"won't\" is no ban word of _ALLOWED ('not' needs a word edge): nothing",
    ),
    case(
        "drugs are a dealbreaker idc",
        {"drugs"},
        case_id="idc-after-are-a-dealbreaker",
        through="with b0bd051, taken back the same day: 'dealbreaker' is no ban word of _ALLOWED: nothing",
    ),
    case(
        "gore is a hard line idc",
        {"violence"},
        case_id="idc-after-is-a-hard-line",
        through="with b0bd051, taken back the same day: 'gore is a hard line, idc': nothing",
    ),
    case(
        "swearing idc\ngore is a hard pass idc",
        {"violence"},
        case_id="idc-two-lines-allowance-then-hard-pass",
        through="with b0bd051, taken back the same day: the second line reads 'gore is a hard pass, idc', an allowance: nothing (before: both banned)",
        gap=OLDER + "as before b0bd051, whose rewrites were taken back: reads profanity, violence",
    ),
    case(
        "nudity 🤢 idc",
        {"sexual"},
        case_id="idc-after-nudity-emoji",
        through="older than b0bd051, fixed after the round (🤢 and 🤮 say no): the emoji was dropped and 'nudity, idc' allowed",
    ),
    case("gore 🤮", {"violence"}, case_id="after-disgust-emoji-after-a-thing"),
    case("🤢 nudity, swearing ok", {"sexual"}, case_id="after-disgust-emoji-before-a-thing"),
    case(
        "nudity gross tbh idc",
        {"sexual"},
        case_id="idc-after-nudity-gross-tbh",
        gap=OLDER + "'tbh' cuts like a comma: 'nudity gross, idc' allows, nothing",
    ),
    # A ban word the reader knows, or a ban the reader reads elsewise, keeps the ban.
    case("NO DRUGS IDC", {"drugs"}, case_id="kept-no-drugs-idc-capitals"),
    case("ban nudity idc", {"sexual"}, case_id="kept-ban-nudity-idc"),
    case("hate gore idc", {"violence"}, case_id="kept-hate-gore-idc"),
    case("i dont do drugs idc", {"drugs"}, case_id="kept-i-dont-do-drugs-idc"),
    case("i don't want drugs idc", {"drugs"}, case_id="kept-i-dont-want-drugs-idc"),
    case("I won't do gore idc", {"violence"}, case_id="kept-i-wont-do-gore-idc"),
    case("I can't stand nudity idc", {"sexual"}, case_id="kept-i-cant-stand-nudity-idc"),
    case("I refuse to do nudity idc", {"sexual"}, case_id="kept-i-refuse-to-do-nudity-idc"),
    case("pass on nudity idc", {"sexual"}, case_id="kept-pass-on-nudity-idc"),
    case("i'm against drugs idc", {"drugs"}, case_id="kept-im-against-drugs-idc"),
    case("gore = gross idc", {"violence"}, case_id="kept-gore-equals-gross-idc"),
    case("nudity - hard pass idc", {"sexual"}, case_id="kept-nudity-dash-hard-pass-idc"),
    case("nudity is a hard no idc", {"sexual"}, case_id="kept-nudity-is-a-hard-no-idc"),
    case("nudity is a big no for me idc", {"sexual"}, case_id="kept-nudity-big-no-for-me-idc"),
    case("absolutely zero nudity idc", {"sexual"}, case_id="kept-absolutely-zero-nudity-idc"),
    case("everything except nudity idc", {"sexual"}, case_id="kept-everything-except-nudity-idc"),
    case("anything but nudity idc", {"sexual"}, case_id="kept-anything-but-nudity-idc"),
    case("nudity idc lol no", {"sexual"}, case_id="kept-nudity-idc-lol-no"),
    case(
        "nudity is gross\nswearing idc", {"sexual"}, case_id="kept-nudity-gross-line-then-swearing-idc", gap=TAKEN_BACK
    ),
    case(
        "no drugs\nswearing idc\nno nudity",
        {"drugs", "sexual"},
        case_id="kept-swearing-idc-between-two-bans",
        gap=TAKEN_BACK,
    ),
    case("Alcohol idc\nDrugs hard pass", {"drugs"}, case_id="kept-alcohol-idc-line-drugs-hard-pass", gap=TAKEN_BACK),
]

# --- 2. "idc" on a line of its own, between bans and allowances ----------------------------------------------------
SECTIONS_ON_LINES = [
    case(
        "NO\nnudity\ngore\nIDC\nswearing",
        {"sexual", "violence"},
        case_id="lines-no-section-then-idc-section",
        gap=TAKEN_BACK,
        through="with b0bd051, taken back the same day: 'gore\\nidc' is glued into 'gore, idc', an allowance: gore is lost (before: violence read)",
    ),
    case(
        "Hard no\nnudity\ngore\ndont care\nswearing\nbeer",
        {"sexual", "violence"},
        junk=("hard", "care"),
        case_id="lines-hard-no-section-then-dont-care-section",
        through="with b0bd051, taken back the same day: 'gore\\ndont care' is glued into 'gore, dont care': gore is lost; older: 'swearing' and 'beer' under 'dont care' are banned and 'hard' is a topic",
        gap=OLDER
        + "as before b0bd051, whose rewrites were taken back: reads sexual, violence, profanity, alcohol and the topics 'hard', 'care'",
    ),
    case(
        "No:\nnudity\ngore\nDon't care:\nswearing",
        {"sexual", "violence"},
        junk=("care",),
        case_id="lines-no-colon-then-dont-care-colon",
        gap=OLDER + "'Don't care:' heads nothing: swearing is banned and 'care' a topic",
    ),
]

# --- 3. Questions answered with an allowance (rule 2) --------------------------------------------------------------
QUESTIONS_ANSWERED = [
    case(
        "Leave drugs out? yes",
        {"drugs"},
        case_id="question-leave-drugs-out-yes",
        through="with b0bd051, taken back the same day: 'yes' to a question that is a ban is read 'leave drugs out, idc': nothing (before: drugs)",
    ),
    case(
        "Does gore bother me? yeah",
        {"violence"},
        case_id="question-does-gore-bother-me-yeah",
        through="with b0bd051, taken back the same day: read 'does gore bother me, idc': nothing (before: violence)",
    ),
    case(
        "Drug use? whatever. Just not on camera.",
        {"drugs"},
        junk=("camera",),
        case_id="question-drug-use-whatever-just-not-on-camera",
        through="with b0bd051, taken back the same day: 'drug use, idc' allows drugs and 'just not on camera' leaves only the topic 'camera' (before: drugs, and the topic 'camera' too); fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)",
    ),
    case(
        "Please leave out drugs, swearing? sure",
        {"drugs"},
        case_id="question-after-leave-out-drugs-in-its-sentence",
        through="with b0bd051, taken back the same day: the whole sentence up to '?' is the thing answered: 'please leave out drugs, swearing, idc' allows both, nothing (before: drugs and profanity); fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)",
    ),
    case(
        "Spare me the gore, swearing? whatever",
        {"violence"},
        case_id="question-after-spare-me-the-gore",
        through="with b0bd051, taken back the same day: 'spare me the gore, swearing, idc' allows both: nothing (before: violence and profanity); fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)",
    ),
    case(
        "Drugs are a dealbreaker, swearing? idc",
        {"drugs"},
        case_id="question-after-drugs-are-a-dealbreaker",
        through="with b0bd051, taken back the same day: 'drugs are a dealbreaker, swearing, idc' allows both: nothing (before: drugs and profanity); fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)",
    ),
    case(
        "I'd pass on drugs, swearing? idc",
        {"drugs"},
        case_id="question-after-id-pass-on-drugs",
        through="with b0bd051, taken back the same day: 'i'd pass on drugs, swearing, idc' allows both: nothing (before: drugs and profanity); fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)",
    ),
    case(
        "Do I mind swearing? yes",
        {"profanity"},
        case_id="question-do-i-mind-swearing-yes",
        through="older than b0bd051, fixed after the round: 'yes' to 'do I mind' is read as an allowance: nothing",
    ),
    case(
        "Is gore a dealbreaker? yes",
        {"violence"},
        case_id="question-is-gore-a-dealbreaker-yes",
        through="older than b0bd051, fixed after the round: nothing",
    ),
    case(
        "Am I against drugs? yes",
        {"drugs"},
        case_id="question-am-i-against-drugs-yes",
        through="older than b0bd051, fixed after the round: nothing",
    ),
    case(
        "Should drugs be avoided? yes",
        {"drugs"},
        case_id="question-should-drugs-be-avoided-yes",
        through="older than b0bd051, fixed after the round: 'avoided' is not 'avoid': nothing",
    ),
    case(
        "Does nudity make me uncomfortable? Yes.",
        {"sexual"},
        case_id="question-does-nudity-make-me-uncomfortable-yes",
        through="older than b0bd051, fixed after the round: nothing",
    ),
    case(
        "Would nudity upset me? yep",
        {"sexual"},
        case_id="question-would-nudity-upset-me-yep",
        through="older than b0bd051, fixed after the round: nothing",
    ),
    case(
        "Exclude nudity? yes",
        {"sexual"},
        case_id="question-exclude-nudity-yes",
        through="older than b0bd051, fixed after the round: 'exclude' is no ban word of _ALLOWED: nothing",
    ),
    case(
        "Restricted:\ndrugs? yes\nnudity? yes\nswearing? no",
        # Under "Restricted:" a "yes" is restricted and a "no" is not.
        {"drugs", "sexual"},
        case_id="question-restricted-checklist-yes-yes-no",
        through=(OLDER + "the header is not read into the answers: 'yes' allows drugs and nudity, 'no' bans profanity") + "; read so when the round was written, fixed 2026-12-06 (a later session)",
    ),
    case(
        "Nudity is a dealbreaker, beer? sure",
        {"sexual"},
        case_id="question-after-nudity-is-a-dealbreaker",
        through="older than b0bd051: nothing; fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)",
    ),
    case(
        "Nudity? sure... in your dreams",
        {"sexual"},
        case_id="question-sure-in-your-dreams",
        through="older than b0bd051, fixed 2026-12-06 (_ANSWER_TAKEN_BACK): the sarcastic 'in your dreams' took nothing back: nothing",
    ),
    case(
        "Nudity? Yes. Obviously banned.",
        {"sexual"},
        case_id="question-yes-obviously-banned",
        through="older than b0bd051, fixed 2026-12-06 (_ANSWER_TAKEN_BACK): 'obviously banned' alone named nothing and 'nudity? yes' allowed: nothing",
    ),
    case(
        "Drugs? Yes. Please avoid.",
        {"drugs"},
        case_id="question-yes-please-avoid",
        through="older than b0bd051, fixed 2026-12-06 (_ANSWER_TAKEN_BACK): 'please avoid' alone named nothing: nothing",
    ),
    case(
        "Nudity? fine. wait no.",
        {"sexual"},
        junk=("wait",),
        case_id="question-fine-wait-no",
        through="older than b0bd051, fixed 2026-12-06 (_ANSWER_TAKEN_BACK): 'wait no' took nothing back: the topic 'wait' only",
    ),
    case(
        "Nudity? sure.\nActually no.",
        {"sexual"},
        junk=("actually",),
        case_id="question-sure-line-actually-no",
        through="older than b0bd051, fixed 2026-12-06 (_ANSWER_TAKEN_BACK): 'actually no' took nothing back: the topic 'actually' only",
    ),
    case(
        "Smoking? fine. Just not in my videos.",
        {"tobacco"},
        case_id="question-fine-just-not-in-my-videos",
        through="older than b0bd051, fixed 2026-12-06 (_ANSWER_TAKEN_BACK): 'just not in my videos' took nothing back: nothing",
    ),
    # A question answered with a ban, or taken back in the same breath, still bans.
    case("nudity? hard pass", {"sexual"}, case_id="kept-question-hard-pass"),
    case("Nudity? Sure. NOT.", {"sexual"}, case_id="kept-question-sure-not"),
    case("nudity? sure jk", {"sexual"}, case_id="kept-question-sure-jk"),
    case("Nudity? ok jk no", {"sexual"}, case_id="kept-question-ok-jk-no"),
    case("drugs? ok. nudity? ok no", {"sexual"}, case_id="kept-question-ok-then-ok-no"),
    case("Gore? ok... but no.", {"violence"}, case_id="kept-question-ok-but-no"),
    # The take-back rule's edges (2026-12-06): only a no, a "jk" or a "scratch that" takes a yes back.
    case("Beer? yes. jk", {"alcohol"}, case_id="kept-question-yes-line-jk"),
    case("Beer? sure. no wait, nope", {"alcohol"}, junk=("wait",), case_id="kept-question-sure-no-wait-nope"),
    case("Drugs? sure. scratch that", {"drugs"}, case_id="kept-question-sure-scratch-that"),
    case("Drugs? sure. lol", set(), case_id="kept-allow-question-sure-line-lol"),
    case("Gore? yes. avoid it", {"violence"}, case_id="kept-question-yes-line-avoid-it"),
    case("no naughty list jokes", set(), need=("naughty list",), case_id="kept-allow-naughty-list-is-no-sexual-content"),
    case("no naughty puppy videos", set(), need=("naughty puppy",), case_id="kept-naughty-puppy-is-no-sexual-content"),
    case("no naughty stuff", {"sexual"}, case_id="kept-naughty-stuff-is-sexual-content"),
    case("no junk food", set(), need=("junk food",), case_id="kept-junk-food-is-no-drug"),
    case("Swearing? yes. Love it", set(), case_id="kept-allow-question-yes-line-love-it"),
    case("Beer? yes. hmm", set(), case_id="kept-allow-question-yes-line-hmm"),
    case("Swearing? ok. Nudity? no", {"sexual"}, case_id="kept-question-ok-then-next-question-no"),
    case("Swearing? ok. Actually yes, all good", set(), case_id="kept-allow-question-ok-actually-yes"),
    case("religion?? nope idc", {"religion"}, case_id="kept-question-nope-idc"),
    case("nudity? nope. drugs? idc", {"sexual"}, case_id="kept-question-nope-then-idc", through="read as a ban since b0bd051's rewrites were taken back; fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)"),
    case("nudity? hell no. drugs? ok", {"sexual"}, case_id="kept-question-hell-no-then-ok"),
    case("Beer? sure\nWeed? sure\nNudity? nah", {"sexual"}, case_id="kept-questions-on-lines-nah-last"),
    case(
        "Beer? sure. Weed? sure. Nudity? sure. Gore? sure... kidding, no gore",
        {"violence"},
        case_id="kept-questions-sure-kidding-no-gore",
    ),
    case("Keep drugs out? yes", {"drugs"}, case_id="kept-question-keep-drugs-out-yes"),
    case("Any hard nos?\nyes\nnudity\ngore", {"sexual", "violence"}, case_id="kept-question-any-hard-nos-yes"),
    case("Anything I won't do? yes. nudity, gore", {"sexual", "violence"}, case_id="kept-question-anything-i-wont-do"),
    case("Please leave out drugs. swearing? sure", {"drugs"}, case_id="kept-leave-out-drugs-sentence-then-question"),
    case("beer? sure. weed? no. nudity idc", {"drugs"}, case_id="kept-beer-sure-weed-no-nudity-idc", gap=TAKEN_BACK),
    case("swearing?? IDC LOL", set(), case_id="kept-allow-question-idc-capitals", gap=TAKEN_BACK),
    case("swearing? all good lol", set(), case_id="kept-allow-question-all-good", gap=TAKEN_BACK),
    case("Crypto? sure. Gambling? idc", set(), case_id="kept-allow-crypto-sure-gambling-idc", through="read as a ban since b0bd051's rewrites were taken back; fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)"),
    case("weed idc", set(), case_id="kept-allow-weed-idc", gap=TAKEN_BACK),
    case("beer dont care", set(), case_id="kept-allow-beer-dont-care", gap=TAKEN_BACK),
    # After the round: a "yes" to a question that asks about a dislike bans (``_ASKED_AVERSE``); these guard it.
    case("Would I mind a beer? yes", {"alcohol"}, case_id="after-averse-question-would-i-mind-a-beer-yes"),
    case("Do I hate swearing? yep", {"profanity"}, case_id="after-averse-question-do-i-hate-swearing-yep"),
    case(
        "Is kissing a problem? sure", {"romance", "sexual"}, case_id="after-averse-question-is-kissing-a-problem-sure"
    ),
    case("Is swearing fine? yes", set(), case_id="after-plain-question-is-swearing-fine-yes"),
    case("ok with swearing? yes", set(), case_id="after-plain-question-ok-with-swearing-yes"),
    case(
        "Do I mind swearing? no",
        set(),
        case_id="after-averse-question-do-i-mind-swearing-no",
        through=(OLDER
        + "a 'no' to a question about a dislike is read as a ban, the usual (stricter) reading of 'no': profanity") + "; read so when the round was written, fixed 2026-12-06 (a later session)",
    ),
]

# --- 4. Title lists that are bans (rule 1) -------------------------------------------------------------------------
TITLE_LISTS_THAT_BAN = [
    case(
        "nope weed grower & drug dealer",
        {"drugs"},
        case_id="title-list-nope-weed-grower-drug-dealer",
        through="with b0bd051, taken back the same day: 'nope' starts a title ('nope weed grower', 'grower' now a title): a bio, nothing",
    ),
    case(
        "drop weed grower & drug dealer",
        {"drugs"},
        case_id="title-list-drop-weed-grower-drug-dealer",
        through="with b0bd051, taken back the same day: 'drop' is no ban verb of _WHO_I_AM: a bio, nothing",
    ),
    case(
        "refuse weed grower & crack dealer",
        {"drugs"},
        case_id="title-list-refuse-weed-grower-crack-dealer",
        through="with b0bd051, taken back the same day: 'refuse weed grower' is a title: a bio, nothing",
    ),
    case(
        "veto weed grower & meth dealer",
        {"drugs"},
        case_id="title-list-veto-weed-grower-meth-dealer",
        through="with b0bd051, taken back the same day: 'veto weed grower' is a title: a bio, nothing",
    ),
    case(
        "lose weed grower & drug dealer",
        {"drugs"},
        case_id="title-list-lose-weed-grower-drug-dealer",
        through="with b0bd051, taken back the same day: 'lose' is a ban word of _ALLOWED but not of _WHO_I_AM: a bio, nothing",
    ),
    case(
        "remove weed grower & drug dealer",
        {"drugs"},
        case_id="title-list-remove-weed-grower-drug-dealer",
        through="with b0bd051, taken back the same day: 'remove' is no ban verb of _WHO_I_AM: a bio, nothing",
    ),
    case(
        "nope sex educator & pole dancer",
        {"sexual"},
        case_id="title-list-nope-sex-educator-pole-dancer",
        through="with b0bd051, taken back the same day: 'nope sex educator' is a title ('educator' now one): a bio, nothing",
    ),
    case(
        "Hard no:\nweed grower & drug dealer",
        {"drugs"},
        case_id="title-list-line-after-hard-no-header",
        through="with b0bd051, taken back the same day: the line under 'Hard no:' is a title list, who the owner is: nothing",
    ),
    case(
        "Junkie & drug dealer",
        # No one gives "junkie" as who they are in their limits: these are roles, and the stricter reading wins.
        {"drugs"},
        case_id="title-list-bare-junkie-and-drug-dealer",
        through="with b0bd051, taken back the same day: a bare first title ('Junkie') now starts a title list: a bio, nothing",
    ),
    case(
        "Junkie, dealer",
        {"drugs"},
        case_id="title-list-bare-junkie-comma-dealer",
        through="with b0bd051, taken back the same day: two bare titles are a title list: a bio, nothing",
    ),
    case(
        "Junkie & stoner mom",
        {"drugs"},
        case_id="title-list-bare-junkie-and-stoner-mom",
        through="with b0bd051, taken back the same day: a bio, nothing",
    ),
    case(
        "Junkie + drunk dad",
        {"drugs", "alcohol"},
        case_id="title-list-bare-junkie-plus-drunk-dad",
        through="with b0bd051, taken back the same day: a bio, nothing (before: alcohol, 'junkie' read no drugs either); fixed 2026-12-06 ('junkie' names drugs)",
    ),
    case(
        "nope drunk dad & stoner mom",
        {"alcohol", "drugs"},
        case_id="title-list-nope-drunk-dad-stoner-mom",
        through="with b0bd051, taken back the same day: older (the parent of b0bd051 read it so too): 'nope' is no ban verb of _WHO_I_AM: a bio, nothing",
    ),
    case(
        "nah drunk bartender & stoner dj",
        {"alcohol", "drugs"},
        case_id="title-list-nah-drunk-bartender-stoner-dj",
        through="with b0bd051, taken back the same day: older (the parent of b0bd051 read it so too): 'nah' is no ban verb of _WHO_I_AM: a bio, nothing",
    ),
    case(
        "Teacher, no naughty teacher",
        {"sexual"},
        ok=("naughty teacher",),
        case_id="title-then-no-naughty-teacher",
        through="older than b0bd051, fixed 2026-12-06 ('naughty' names sexual content): 'naughty teacher' was kept as a topic only, no sexual",
    ),
    case(
        "Witch, no slutty witch",
        {"sexual"},
        ok=("slutty witch",),
        case_id="title-then-no-slutty-witch",
        through="older than b0bd051, fixed 2026-12-06 ('slutty' names sexual content): 'slutty witch' was kept as a topic only, no sexual",
    ),
    # A bare first title beside a ban: the ban stands.
    case("Bartender & no drunk dad", {"alcohol"}, case_id="kept-bartender-and-no-drunk-dad"),
    case("Mixologist & no drunk bartender", {"alcohol"}, case_id="kept-mixologist-and-no-drunk-bartender"),
    case("Nurse, no sexy nurse", {"sexual"}, case_id="kept-nurse-comma-no-sexy-nurse"),
    case("Nurse & no sexy nurse", {"sexual"}, case_id="kept-nurse-and-no-sexy-nurse"),
    case("Dancer, no exotic dancer", {"sexual"}, case_id="kept-dancer-no-exotic-dancer"),
    case("Bartender, not a drunk bartender", {"alcohol"}, case_id="kept-bartender-not-a-drunk-bartender"),
    case("Dad, no drunk dad", {"alcohol"}, case_id="kept-dad-no-drunk-dad"),
    case("Bartender & wine lover, no drunk skits", {"alcohol"}, case_id="kept-bio-comma-no-drunk-skits"),
    case("Bartender & wine lover but no drunk skits", {"alcohol"}, case_id="kept-bio-but-no-drunk-skits"),
    case("Bartender & wine lover\nno drunk skits", {"alcohol"}, case_id="kept-bio-line-no-drunk-skits"),
    case("Bartender & wine lover. no drunk skits", {"alcohol"}, case_id="kept-bio-sentence-no-drunk-skits"),
    case("volunteer firefighter & no gore", {"violence"}, case_id="kept-volunteer-firefighter-and-no-gore"),
    case("Volunteer firefighter and EMT, no gore", {"violence"}, case_id="kept-volunteer-firefighter-emt-no-gore"),
    case("Exclude: weed grower & drug dealer", {"drugs"}, case_id="kept-exclude-colon-weed-grower-drug-dealer"),
    case("without weed grower & drug dealer", {"drugs"}, case_id="kept-without-weed-grower-drug-dealer"),
    # Bios with the new titles ban nothing.
    case("Poker player & crypto trader", set(), case_id="kept-bio-poker-player-crypto-trader"),
    case("Sex educator & pole dancer", set(), case_id="kept-bio-sex-educator-pole-dancer"),
]

# --- 5. Allowances read as bans ------------------------------------------------------------------------------------
ALLOWANCES_READ_AS_BANS = [
    case(
        "drop a few f-bombs, idc",
        set(),
        case_id="allow-drop-a-few-f-bombs-idc",
        through="with b0bd051, taken back the same day: 'drop' before the comma is now a ban verb: profanity (before: nothing)",
    ),
    case(
        "beer, weed, with or without, idc",
        set(),
        case_id="allow-with-or-without-idc",
        through="with b0bd051, taken back the same day: 'without' before the comma is now a ban word: alcohol and drugs (before: nothing)",
    ),
    case(
        "swearing, drinking, lose the filter, idc",
        set(),
        case_id="allow-lose-the-filter-idc",
        through="with b0bd051, taken back the same day: 'lose' before the comma is now a ban verb: alcohol and profanity (before: nothing)",
    ),
    case(
        "beer, weed, cut loose, idc",
        set(),
        case_id="allow-cut-loose-idc",
        through="with b0bd051, taken back the same day: 'cut' before the comma is now a ban verb: alcohol and drugs (before: nothing)",
    ),
    case(
        "keep the swearing in, idc",
        set(),
        case_id="allow-keep-the-swearing-in-idc",
        gap=OLDER + "'keep ... in' is read as 'keep ... out': profanity",
    ),
    case(
        "cussing, drinking, keep it real, idc",
        set(),
        case_id="allow-keep-it-real-idc",
        gap=OLDER + "alcohol and profanity",
    ),
    case(
        "swear, drink, no limits, idc",
        set(),
        case_id="allow-no-limits-idc",
        gap=OLDER + "'no limits' is read as a ban word before the comma: alcohol and profanity",
    ),
    case(
        "swearing? yes please",
        set(),
        case_id="allow-question-yes-please",
        through="older than b0bd051: 'yes please' is no answer of the rule: profanity; fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)",
    ),
    case(
        "swearing? sure thing",
        set(),
        case_id="allow-question-sure-thing",
        through="older than b0bd051: 'sure thing' is no answer of the rule: profanity; fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)",
    ),
    case(
        "swearing? totally fine",
        set(),
        case_id="allow-question-totally-fine",
        through="older than b0bd051: 'totally fine' is no answer of the rule: profanity; fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)",
    ),
    case(
        "Swearing? idc 🤷",
        set(),
        case_id="allow-question-idc-shrug-emoji",
        through="older than b0bd051: an emoji after the answer stops the rule: profanity; fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)",
    ),
    case(
        "swearing? eh idc",
        set(),
        case_id="allow-question-eh-idc",
        through="older than b0bd051: 'eh idc' is no answer of the rule: profanity; fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)",
    ),
    case(
        "swearing? i dont car",
        set(),
        case_id="allow-question-typo-dont-car",
        gap=OLDER + "the typo 'car' is not read as 'care': profanity",
    ),
    case(
        "drugs? whatever lol\nnudity? nope lol",
        {"sexual"},
        case_id="allow-question-whatever-lol-then-line",
        through="older than b0bd051: 'lol' before a new line is cut like a comma, so 'whatever' no longer ends the line: drugs too; fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)",
    ),
    case(
        "drugs?? idc if u want but no needles",
        set(),
        need=("needles",),
        case_id="allow-question-idc-if-u-want-but-no-needles",
        gap=OLDER + "'idc if u want' is no answer of the rule: drugs, besides the topic 'needles'",
    ),
    case(
        "Hard pass on drugs, swearing? idc",
        {"drugs"},
        case_id="allow-question-after-hard-pass-on-drugs",
        through="older than b0bd051: the ban before the comma keeps the whole sentence a ban: profanity too; fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)",
    ),
    case(
        "No drugs, no nudity, swearing? idc",
        {"drugs", "sexual"},
        case_id="allow-question-after-two-bans",
        through="older than b0bd051: 'no' before the comma keeps the whole sentence a ban: profanity too; fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)",
    ),
    case(
        "Drugs and nudity are banned, swearing? idc",
        {"drugs", "sexual"},
        case_id="allow-question-after-are-banned",
        through="older than b0bd051: profanity too; fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)",
    ),
    case(
        "Alcohol idc, drugs hard pass",
        {"drugs"},
        case_id="allow-alcohol-idc-comma-drugs-hard-pass",
        gap=OLDER + "alcohol too",
    ),
    case(
        "Nudity: no. Drugs: no. Swearing: idc",
        {"sexual", "drugs"},
        case_id="allow-swearing-colon-idc",
        gap=OLDER + "'Swearing: idc' is read as a ban: profanity too",
    ),
    case(
        "no nudity, swearing idc",
        {"sexual"},
        case_id="allow-swearing-idc-after-a-ban",
        gap=OLDER + "'no nudity, swearing, idc' is one clause with 'no' before the comma: profanity too",
    ),
]


@pytest.mark.parametrize(FIELDS, IDC_AFTER_A_BAN)
def test_idc_after_a_ban(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, SECTIONS_ON_LINES)
def test_sections_on_lines(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, QUESTIONS_ANSWERED)
def test_questions_answered(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, TITLE_LISTS_THAT_BAN)
def test_title_lists_that_ban(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, ALLOWANCES_READ_AS_BANS)
def test_allowances_read_as_bans(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
