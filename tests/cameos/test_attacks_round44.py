"""Attack round 44 on the restriction parser (cameos/restrictions.py): the five reading rules round 41 added
(commit facdc13), each pushed until it reads a ban as an allowance or a bio, or still reads an allowance or a bio as
a ban.

The rules attacked: "nothing (you make) will bother me" / "nothing bothers me" bans nothing (``_NOTHING_BOTHERS``);
"X, Y, whatever, I don't care" (and "idc", "I don't mind", "couldn't care less") after a comma allows the list before
it (``_ALLOWED``); two or more titles joined by "and", "&", "+" or "," are who the owner is (``_WHO_I_AM``:
``_TITLED``, ``_TITLED_TOO``), "Nail tech & tattoo lover" among them; an aside that the owner does it off camera,
"(i do irl but not on here)", is dropped (``_DONE_ELSEWHERE``).

Each case states the product's rule, never what the code read: the full set of categories banned (ruling out romance
rules out sexual; an allowance of a whole category by its head word makes a narrower ban in it a topic; the stricter
reading wins when unclear; a bio and an allowance ban nothing), the topics named beyond a category, and texts that
must not be topics (``junk``). Cases that still read wrongly are strict xfails with their reason (``gap=``); cases
that got through when the round was written and are fixed say what was read then (``through=``).

Measured on 2026-12-05 against facdc13 (with the saved classifier weights):

1. Bans that get lost (the dangerous direction): 49 tried, 32 got through.
   - Title lists that are bans: a ban verb the reader does not know as one, before two titles, made the whole piece
     a bio: "skip drunk dad & stoner mom", "cut ...", "hate ...", "skip sexy nurse & naughty teacher" read nothing
     (6 cases, new with round 41; the single title "skip drunk dad" read nothing before it). Fixed.
     A title list as an item after "no gore," was read as a bio (new with round 41). Fixed. As its own sentence after
     "Hard no on these roles." it still is (new with round 41), and "Crack dealer, exotic dancer." after "Hard pass on
     these." too; a title list before "= NO", after "Things I won't play:" or "Dont:", or before ", no" loses a
     category (these 5 read so before round 41 too). Left as xfails.
   - "I don't care" after a list that is itself banned: "nudity, gore, drugs are off limits, idc", "nudity and gore
     are banned, idc", "nudity, gore = hard no, idc", "drugs off limits, whatever, idc", "drugs not allowed, idc" read
     nothing at all (5, new with round 41). Fixed. "idc what else", "idc how artsy" and "idc how you spin it" after a
     ban are kept as junk topics (4). Left.
   - "Nothing bothers me" before a ban: "nothing really bothers me but please no nudity" kept "really bothers" as a
     topic (fixed); after "lol jk", before "if theres", "besides" and "like ... do" it leaves a junk topic (4, left).
   - The off-camera aside: after "I vape", "i smoke weed", "I curse a lot" the aside was the only thing that made
     them a ban, and dropping it bans nothing (3, left: "I do X" is read as a reason, before round 41 too); "(i do
     both irl but not on here)" kept "here" (fixed); the same words without brackets keep "here" (left).
2. Allowances and bios still misread: 18 tried, 14 got through.
   - Title lists whose first title has no title word ("Crypto trader and poker player", "Cannabis grower &
     budtender", "Campaign volunteer & political activist", "Youth pastor and worship leader", "Drug counselor &
     nurse") or whose titles name the category ("Bartender & wine lover", "Sommelier, wine educator & dad") ban it
     (7, left; fixed on 2026-12-06).
   - "idc about swearing", "couldn't care less about beer" without "I" banned what they allow (3). Fixed. "swearing?
     idc", "swearing idc, nudity no", "dont care about cursing or beer lol" still ban it, and "Wedding DJ and
     bartender no drunk skits" (no comma) reads romance and sexual (4, left).

Fixed after the round (same day), none by changing an expectation: 17 of the 46 that got through, 14 in the first
direction and 3 in the second (``through=`` says what was read). 29 stay strict xfails (``gap=``), 18 in the first
direction and 11 in the second. The fixes: a ban verb ("skip", "cut", "hate", "nix", "ban", "ditch", "avoid",
"please") starts no title (``_WHO_I_AM``); "I don't care" after a comma allows nothing when a ban word or "=" comes
before a comma (``_ALLOWED``); "idc about", "dont care about", "couldn't care less about" allow as "I don't care
about" does (``_ALLOWED``); "nothing really bothers me" bans nothing (``_NOTHING_BOTHERS``); "(i do both irl but not
on here)" is an aside done elsewhere (``_DONE_ELSEWHERE``); titles joined by "and", "&" or "+" after a ban in its
sentence go on with the ban (``restriction_clauses``).

Fixed on 2026-12-06, none by changing an expectation: 8 more, all junk topics of the first direction. A short "idc
what else", "don't care how artsy" or "idc how you spin it" with no ban of its own is an aside, in a list or as a
clause (``_DONT_CARE_ASIDE``); after "nothing bothers me," the rest is read as a clause of its own ("jk no nudity",
"gore though"; ``_NOTHING_BOTHERS_THEN``); "nothing bothers me if theres" is an allowance whose condition follows;
"nothing bothers me besides racism" and "nothing offends me like racist jokes do" ban what does (``_NOTHING_BOTHERS_BUT``).
21 stay strict xfails, 10 in the first direction and 11 in the second.

Fixed on 2026-12-06 (second session), none by changing an expectation: 5 of the 7 bios above. "trader", "grower",
"volunteer", "leader", "counselor", "educator" (and "mixologist") are titles. Trying a fix of the answers found two
lost bans: "hate drugs, idc" and "cut the drugs, whatever, idc" banned nothing, as only "no", "avoid", "skip" and the
like before the comma kept a ban; "hate", "cut" (not "cut loose"), "nix", "ban", "ditch", "keep", "remove" and "stop"
do now (``_ALLOWED``). Three more rules were tried and taken back the same day, when round 46
(tests/cameos/test_attacks_round46.py) found that they lost bans: a bare first title starting a bio ("Bartender & wine
lover"), "X? idc" read as "X, idc", and "X idc" read as "X, idc". 11 guard cases check that a ban beside such titles,
a question answered "no" and an emphatic "idc" still ban. 17 stay strict xfails, 10 in the first direction and 7 in
the second.

Later the same day: "naughty" and "slutty" name sexual content in a restriction, so "naughty nurse and slutty witch
costumes, no" bans it (it kept them as topics only). And "idc", "whatever" or "yes please" after a question mark
answer that question alone ("swearing? idc" allows swearing; tests/cameos/test_attacks_round46.py). 15 stay strict
xfails: 8 lose a ban, 7 ban more than asked.

2026-12-06, a later session: the 8 lost bans are fixed, none by changing an expectation (``through=`` keeps what was
read). A sentence "Hard no on these roles." heads the one after it as a colon would; a clause that starts as a ban
reads each item of its list ("Dont: crack dealer & exotic dancer": the dancer is named by a lexicon word alone); a
title that names a category before "= NO" is one more banned item ("Drug dealer, pimp & stripper = NO"); and "I vape
(i do irl but not on here)" bans what the owner does. 7 stay strict xfails, all reading more than asked.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, case, check

# --- 1. Title lists that are bans (rules 3 and 4) ------------------------------------------------------------------
TITLE_LISTS_THAT_BAN = [
    case(
        "skip drunk dad & stoner mom",
        {"alcohol", "drugs"},
        case_id="title-list-skip-drunk-dad-stoner-mom",
        through="nothing: 'skip drunk dad' was a title",
    ),
    case(
        "cut drunk dad & stoner mom",
        {"alcohol", "drugs"},
        case_id="title-list-cut-drunk-dad-stoner-mom",
        through="nothing",
    ),
    case(
        "hate drunk dad & stoner mom",
        {"alcohol", "drugs"},
        case_id="title-list-hate-drunk-dad-stoner-mom",
        through="nothing",
    ),
    case("nix drunk dad and stoner mom lol", {"alcohol", "drugs"}, case_id="kept-nix-drunk-dad-and-stoner-mom-lol"),
    case(
        "skip sexy nurse & naughty teacher",
        {"sexual"},
        case_id="title-list-skip-sexy-nurse-naughty-teacher",
        through="nothing",
    ),
    case(
        "skip drunk nurse and stoner teacher",
        {"alcohol", "drugs"},
        case_id="title-list-skip-drunk-nurse-stoner-teacher",
        through="nothing",
    ),
    case(
        "skip sexy nurse, naughty teacher, slutty witch",
        {"sexual"},
        case_id="title-list-skip-three-costume-roles",
        through="nothing",
    ),
    case(
        "Hard no on these roles. Sexy nurse & naughty teacher.",
        # The second sentence is what "these roles" points at; "these roles" is no topic.
        {"sexual"},
        ok=("nurse", "teacher"),
        junk=("these roles", "these"),
        case_id="title-list-sentence-after-hard-no-on-these-roles",
        through="read when the round was written: 'Sexy nurse & naughty teacher' as its own sentence is a title list, who the owner is; 'these roles' a topic; fixed 2026-12-06 (a later session)",
    ),
    case(
        "no gore, pole dancer & lap dancer",
        {"violence", "sexual"},
        ok=("pole dancer", "lap dancer"),
        case_id="title-list-after-a-ban-pole-and-lap-dancer",
        through="violence: 'pole dancer & lap dancer' after 'no gore,' was a title list, who the owner is",
    ),
    case(
        "Hard pass on these. Crack dealer, exotic dancer.",
        {"drugs", "sexual"},
        ok=("crack dealer", "exotic dancer"),
        junk=("these",),
        case_id="title-list-sentence-after-hard-pass-on-these",
        through="read when the round was written: 'Crack dealer, exotic dancer.' is read as who the owner is, and 'these' is a topic; fixed 2026-12-06 (a later session)",
    ),
    case(
        "Drug dealer, pimp & stripper = NO",
        {"drugs", "sexual"},
        ok=("pimp", "drug dealer", "stripper"),
        case_id="title-list-drug-dealer-pimp-stripper-equals-no",
        through="read when the round was written: 'Drug dealer' before '= NO' names no drugs; fixed 2026-12-06 (a later session)",
    ),
    case(
        "Things I won't play: crack dealer & exotic dancer",
        {"drugs", "sexual"},
        ok=("crack dealer", "exotic dancer"),
        case_id="title-list-things-i-wont-play-header",
        through="read when the round was written: 'exotic dancer' after the header names no sexual ('exotic dancer' alone after it does); fixed 2026-12-06 (a later session)",
    ),
    case(
        "Dont: crack dealer & exotic dancer",
        {"drugs", "sexual"},
        ok=("crack dealer", "exotic dancer"),
        case_id="title-list-dont-header",
        through="read when the round was written: 'exotic dancer' after 'Dont:' names no sexual; fixed 2026-12-06 (a later session)",
    ),
    case(
        "naughty nurse and slutty witch costumes, no",
        {"sexual"},
        ok=("naughty nurse", "slutty witch", "costumes"),
        case_id="title-list-naughty-nurse-slutty-witch-costumes-no",
        through="fixed 2026-12-06 ('naughty' and 'slutty' name sexual content): 'naughty nurse' and 'slutty witch costumes' were kept as topics only, no sexual",
    ),
    # Titles beside a ban: the ban stands.
    case("Nurse and mom, no gore", {"violence"}, case_id="kept-nurse-and-mom-no-gore"),
    case("Nurse & mom and no gore", {"violence"}, case_id="kept-nurse-and-mom-and-no-gore"),
    case("tattoo lover and no smoking", {"tobacco"}, case_id="kept-tattoo-lover-and-no-smoking"),
    case("Nail tech & tattoo lover, no swearing", {"profanity"}, case_id="kept-nail-tech-tattoo-lover-no-swearing"),
    case(
        "drunk bartender & stoner dj = no",
        {"alcohol", "drugs"},
        ok=("bartender", "dj"),
        case_id="kept-drunk-bartender-stoner-dj-equals-no",
    ),
    case(
        "Wedding DJ and part-time bartender, no drunk stuff",
        {"alcohol"},
        case_id="kept-wedding-dj-bartender-no-drunk-stuff",
    ),
    case(
        "Off limits: crack dealer & exotic dancer",
        {"drugs", "sexual"},
        ok=("crack dealer", "exotic dancer"),
        case_id="kept-off-limits-crack-dealer-exotic-dancer",
    ),
]

# --- 2. "I don't care" after a ban (rule 2) ------------------------------------------------------------------------
I_DONT_CARE_AFTER_A_BAN = [
    case(
        "nudity, gore, drugs are off limits, idc",
        {"sexual", "violence", "drugs"},
        case_id="idc-after-off-limits-list",
        through="nothing: the list before ', idc' was allowed whole",
    ),
    case(
        "nudity and gore are banned, idc",
        {"sexual", "violence"},
        case_id="idc-after-are-banned",
        through="nothing",
    ),
    case(
        "nudity, gore = hard no, idc",
        {"sexual", "violence"},
        case_id="idc-after-equals-hard-no",
        through="nothing",
    ),
    case(
        "drugs off limits, whatever, idc",
        {"drugs"},
        case_id="idc-whatever-after-off-limits",
        through="nothing",
    ),
    case("drugs not allowed, idc", {"drugs"}, case_id="idc-after-not-allowed", through="nothing"),
    case(
        "no weed, no booze, idc what else",
        {"drugs", "alcohol"},
        junk=("idc what else", "what else"),
        case_id="idc-what-else-after-bans",
        through="the topic 'idc what else'",
    ),
    case(
        "no weed, no booze, dont care what else",
        {"drugs", "alcohol"},
        junk=("care what else", "what else", "dont care what else"),
        case_id="dont-care-what-else-after-bans",
        through="the topic 'care what else'",
    ),
    case(
        "nudity, gore, idc how artsy, NO",
        {"sexual", "violence"},
        junk=("idc how artsy", "how artsy"),
        case_id="idc-how-artsy-inside-a-ban-list",
        through="the topic 'idc how artsy'",
    ),
    case(
        "Hard nos: nudity, gore, drugs, idc how you spin it",
        {"sexual", "violence", "drugs"},
        junk=("idc how you spin", "idc how you spin it"),
        case_id="idc-how-you-spin-it-after-hard-nos",
        through="the topic 'idc how you spin'",
    ),
    case(
        "no nudity, no swearing, I don't care how artsy",
        {"sexual", "profanity"},
        ok=("artsy",),
        case_id="kept-no-nudity-no-swearing-dont-care-how-artsy",
    ),
    case("no weed no booze idc", {"drugs", "alcohol"}, case_id="kept-no-weed-no-booze-idc-no-commas"),
    # An aside with a ban of its own is no aside (2026-12-06).
    case(
        "idc what you make as long as there is no nudity",
        {"sexual"},
        case_id="kept-idc-what-you-make-as-long-as-no-nudity",
    ),
    case("idc what else but no gore", {"violence"}, case_id="kept-idc-what-else-but-no-gore"),
    case("cursing, beer, idc, NO NUDITY", {"sexual"}, case_id="kept-cursing-beer-idc-then-no-nudity"),
    # An allowance of swearing by its head word leaves slurs a topic.
    case(
        "I don't mind swearing but no slurs",
        set(),
        need=("slurs",),
        case_id="kept-dont-mind-swearing-but-no-slurs",
    ),
]

# --- 3. "Nothing bothers me" beside a ban (rule 1) -----------------------------------------------------------------
NOTHING_BOTHERS_ME_BESIDE_A_BAN = [
    case("nothing bothers me more than nudity", {"sexual"}, case_id="kept-nothing-bothers-me-more-than-nudity"),
    case("nothing bothers me except gore", {"violence"}, case_id="kept-nothing-bothers-me-except-gore"),
    case(
        "nothing sexual will bother me... jk no sexual stuff",
        {"sexual"},
        case_id="kept-nothing-sexual-will-bother-me-jk",
    ),
    case("nothing bothers me but politics", {"politics"}, case_id="kept-nothing-bothers-me-but-politics"),
    case(
        "nothing really bothers me but please no nudity",
        {"sexual"},
        junk=("really bothers", "bothers"),
        case_id="bothers-really-but-no-nudity",
        through="sexual and the topic 'really bothers'",
    ),
    case(
        "nothing bothers me lol jk no nudity",
        {"sexual"},
        junk=("bothers",),
        case_id="bothers-lol-jk-no-nudity",
        through="sexual and the topic 'bothers'",
    ),
    case(
        "nothing bothers me if theres no nudity",
        {"sexual"},
        junk=("bothers if theres", "bothers"),
        case_id="bothers-if-theres-no-nudity",
        through="sexual and the topic 'bothers if theres'",
    ),
    case(
        "nothing bothers me besides racism",
        set(),
        need=("racism",),
        junk=("bothers besides racism",),
        case_id="bothers-besides-racism",
        through="the topic 'bothers besides racism'",
    ),
    case(
        "nothing offends me like racist jokes do",
        set(),
        need=("racist",),
        junk=("offends racist jokes do",),
        case_id="offends-me-like-racist-jokes-do",
        through="the topic 'offends racist jokes do'",
    ),
    # What the fixes of 2026-12-06 must keep: a thing named after "nothing bothers me," is still banned.
    case("nothing bothers me, gore though", {"violence"}, case_id="kept-nothing-bothers-me-gore-though"),
    case("nothing bothers me, just no nudity", {"sexual"}, case_id="kept-nothing-bothers-me-just-no-nudity"),
    case("nothing bothers me, politics is fine", set(), case_id="kept-nothing-bothers-me-politics-is-fine"),
    case("nothing offends me except slurs", {"profanity"}, case_id="kept-nothing-offends-me-except-slurs"),
]

# --- 4. The off-camera aside (rule 5) ------------------------------------------------------------------------------
DONE_ELSEWHERE = [
    case(
        "no drinking (i do irl but not on here) or drunk skits",
        {"alcohol"},
        junk=("here",),
        case_id="kept-aside-between-two-bans",
    ),
    case(
        "I vape (i do irl but not on here)",
        # "not on here" about what the owner does is the ban.
        {"tobacco"},
        junk=("here",),
        case_id="aside-after-i-vape",
        through="read when the round was written: 'I vape' is a reason and the aside is dropped: no tobacco; fixed 2026-12-06 (a later session)",
    ),
    case(
        "i smoke weed (i do it irl but not on camera)",
        {"drugs"},
        junk=("camera",),
        case_id="aside-after-i-smoke-weed",
        through="read when the round was written: 'i smoke weed' is a reason and the aside is dropped: no drugs; fixed 2026-12-06 (a later session)",
    ),
    case(
        "I curse a lot (i do irl but not on here)",
        {"profanity"},
        junk=("here",),
        case_id="aside-after-i-curse-a-lot",
        through="read when the round was written: 'I curse a lot' is a reason and the aside is dropped: no profanity; fixed 2026-12-06 (a later session)",
    ),
    case(
        "no cussing or drinking (i do both irl but not on here)",
        {"profanity", "alcohol"},
        junk=("here",),
        case_id="aside-i-do-both-irl",
        through="profanity, alcohol and the topic 'here'",
    ),
    case(
        "smoking, i do irl but not on here",
        {"tobacco"},
        junk=("here",),
        case_id="aside-unbracketed-after-smoking",
        gap="without brackets 'not on here' is the topic 'here'",
    ),
]

# --- 5. Bios and allowances still read as bans ---------------------------------------------------------------------
ALLOWANCES_AND_BIOS = [
    case(
        "Crypto trader and poker player",
        set(),
        case_id="bio-crypto-trader-and-poker-player",
        through="gambling: 'trader' was no title",
    ),
    case(
        "Cannabis grower & budtender",
        set(),
        case_id="bio-cannabis-grower-and-budtender",
        through="drugs: 'grower' was no title",
    ),
    case(
        "Campaign volunteer & political activist",
        set(),
        case_id="bio-campaign-volunteer-political-activist",
        through="politics: 'volunteer' was no title",
    ),
    case(
        "Youth pastor and worship leader",
        set(),
        case_id="bio-youth-pastor-worship-leader",
        through="religion: 'leader' was no title",
    ),
    case(
        "Bartender & wine lover",
        set(),
        case_id="bio-bartender-and-wine-lover",
        gap="a bare first title ('Bartender') is no _TITLED, and 'wine lover' names alcohol. A bare first title was let start a bio on 2026-12-06 and taken back the same day: round 46 found 'Junkie & drug dealer' and 'Junkie, dealer' lost their ban with it",
    ),
    case(
        "Sommelier, wine educator & dad",
        set(),
        case_id="bio-sommelier-wine-educator-dad",
        gap="a bare first title ('Sommelier') is no _TITLED ('educator' is a title since 2026-12-06): alcohol",
    ),
    case(
        "Drug counselor & nurse",
        set(),
        case_id="bio-drug-counselor-and-nurse",
        through="drugs: 'counselor' was no title",
    ),
    case(
        "swearing? idc",
        set(),
        case_id="allow-swearing-question-idc",
        through="'idc' answering a question is no allowance: profanity. Reading 'X? idc' as 'X, idc' was tried on 2026-12-06 and taken back the same day: round 46 found it read 'Leave drugs out? yes' and 'Drugs are a dealbreaker, swearing? idc' as allowing drugs; fixed 2026-12-06 (a yes, 'idc' or 'whatever' after a question mark answers that question alone: _BARE_INDIFFERENT)",
    ),
    case(
        "dont care about cursing or beer lol",
        set(),
        case_id="allow-dont-care-about-cursing-or-beer",
        gap="'dont care about' at the start is read as a ban: alcohol and profanity",
    ),
    case(
        "swearing idc, nudity no",
        {"sexual"},
        case_id="allow-swearing-idc-nudity-no",
        gap="'swearing idc' (idc after the thing) is read as a ban: profanity. Reading it as 'swearing, idc' was tried on 2026-12-06 and taken back the same day: round 46 found it read 'nudity is gross idc' as allowing nudity",
    ),
    case(
        "idc about swearing. no nudity",
        {"sexual"},
        case_id="allow-idc-about-swearing-then-no-nudity",
        through="profanity and sexual",
    ),
    case(
        "No gambling, couldn't care less about beer",
        {"gambling"},
        case_id="allow-couldnt-care-less-about-beer",
        through="gambling and alcohol",
    ),
    case(
        "no nudity, idc about swearing",
        {"sexual"},
        case_id="allow-no-nudity-idc-about-swearing",
        through="sexual and profanity",
    ),
    case(
        "Wedding DJ and bartender no drunk skits",
        {"alcohol"},
        case_id="allow-wedding-dj-and-bartender-no-comma-ban",
        gap="without a comma before the ban the titles are read with it: romance and sexual",
    ),
    case("Bartender + mixologist", set(), case_id="kept-bio-bartender-plus-mixologist"),
    case("Poker player & blackjack dealer", set(), case_id="kept-bio-poker-player-blackjack-dealer"),
    case("Weed farmer & budtender 🌿 go crazy", set(), case_id="kept-bio-weed-farmer-budtender-go-crazy"),
    case("Exotic dancer & bartender, go wild", set(), case_id="kept-bio-exotic-dancer-bartender-go-wild"),
    # 2026-12-06: the new titles and a bare first title start no bio where a ban is.
    case("no drug dealer & weed grower", {"drugs"}, case_id="kept-ban-no-drug-dealer-weed-grower"),
    case(
        "no crypto trader or poker player stuff",
        {"gambling"},
        need=("crypto trader",),
        case_id="kept-ban-no-trader-or-poker-player",
    ),
    case("skip worship leader & youth pastor", {"religion"}, case_id="kept-ban-skip-worship-leader-youth-pastor"),
    case("Bartender & no alcohol", {"alcohol"}, case_id="kept-ban-bartender-and-no-alcohol"),
    case("Counselor, no drugs pls", {"drugs"}, case_id="kept-ban-counselor-no-drugs"),
    case("Nurse & no gore", {"violence"}, case_id="kept-ban-nurse-and-no-gore"),
    case("here & no politics", {"politics"}, case_id="kept-ban-here-and-no-politics"),
    # A question answered with a ban still bans.
    case("nudity? no", {"sexual"}, case_id="kept-ban-question-answered-no"),
    case("no gore? ok", {"violence"}, case_id="kept-ban-no-gore-question-ok"),
    case(
        "politics? hard no. swearing? idc lol",
        {"politics"},
        case_id="question-hard-no-then-question-idc",
        gap="'swearing? idc' is read as a ban, as in allow-swearing-question-idc: profanity too",
    ),
    # "idc" after a thing with no comma is read as after a comma; an emphatic "idc" after a ban keeps it.
    case("no nudity idc", {"sexual"}, case_id="kept-ban-no-nudity-idc"),
    case("keep drugs out idc", {"drugs"}, case_id="kept-ban-keep-drugs-out-idc"),
    # Found while fixing the above: a ban verb other than "no", "avoid" or "skip" before ", idc" lost its ban.
    case("hate drugs, idc", {"drugs"}, case_id="ban-hate-drugs-comma-idc", through="nothing"),
    case("cut the drugs, whatever, idc", {"drugs"}, case_id="ban-cut-the-drugs-whatever-idc", through="nothing"),
]


@pytest.mark.parametrize(FIELDS, TITLE_LISTS_THAT_BAN)
def test_title_lists_that_ban(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, I_DONT_CARE_AFTER_A_BAN)
def test_i_dont_care_after_a_ban(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, NOTHING_BOTHERS_ME_BESIDE_A_BAN)
def test_nothing_bothers_me_beside_a_ban(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, DONE_ELSEWHERE)
def test_done_elsewhere(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, ALLOWANCES_AND_BIOS)
def test_allowances_and_bios(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
