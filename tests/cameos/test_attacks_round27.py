"""Attack round 27 on the restriction parser (cameos/restrictions.py): sentence shapes and negation, in
restrictions of one to three sentences.

Angle: the many ways owners say "no" without the word "no" in front of the category: "neither X nor Y", "not X and
not Y", "without X", "anything but X", "nothing to do with X", "X is off limits", "X are a no-go", "I won't do X",
"I refuse to be in X", "never with X", "I'm against X", "X? Absolutely not.", "Don't you dare ..."; double negatives
and polite indirection ("I wouldn't want to be shown drinking", "it would be great if there was no swearing", "I'd
rather you didn't put me near a casino"); questions and conditionals ("Can we keep it free of politics?", "If it has
guns, count me out"); third person and formal wording ("My likeness must not be used for political purposes",
"Prohibited: gambling, tobacco", "Not permitted - violence"); scope phrases that keep a ban whole ("no alcohol in
any video", "no smoking, ever", "no violence, not even cartoon violence"); contrasts of an allowance and a ban
("Comedy is fine but no politics", "Pranks are OK. Gambling is not."); and long sentences with a reason ("Because I
work for the government I can't be in anything political"). Guards: a negation that bans nothing ("I don't care
about politics, go ahead", "no problem with alcohol", "nothing off limits", "no need to avoid romance").

Each case asserts the full set of categories a careful reader derives (PG = {sexual, violence, drugs, profanity};
ruling out romance rules out sexual). A plain category ban expects no topic at all, so any stray topic (a reason, a
scope phrase, a manner) fails it.

156 cases in 8 tests (130 bans, 26 guards); 56 got through when written. Bans lost: a reason opened by "Because",
"Since" or "My job means" with no comma before the rule drops the whole sentence ("Because I'm a nurse I can't be
shown drunk or high" reads nothing); "unless" after an allowance ("Go ahead unless it's political", "Sure, unless
there's swearing") and a relative clause inside an allowance ("Anything that isn't political is fine", "Anything
without swearing is fine", "Everything except swearing is fine") read nothing; "not really a fan of X", "Only clean
language" and "I'm not political, keep it that way" read nothing. Junk topics: "permitted" from "Not permitted -
X", "none", "context", "left"/"right", "blurred", "don't", "face", "dancing are great". Extra categories: "strict
policy" is politics, "Due to religious reasons" is religion, "Okay: drinking" is alcohol, "promotes gambling" is
brands. Guards broken: most negated allowances ban what they allow ("No problem with alcohol", "I don't care about
politics, go ahead", "No need to avoid romance", "Alcohol isn't off limits", "Swearing is not forbidden", "It doesn't
have to be family friendly" reads PG), and "Nothing off limits", "No restrictions" read junk topics.

All 56 are fixed (2026-12-05): a reason opened by its own word ("because", "since", "due to", "my job means") and a
rule after it with no comma are two clauses, unless a colon heads a list; "unless" around "go ahead", "sure",
"do what you want" or "I'm okay with it" bans what follows it; "anything that isn't X is fine" and "I'm fine with
anything that doesn't involve X" ban X; "not really a fan of X" and "Only clean language" are rules, and "keep it
that way" after "I'm not X" bans X; allowances that start like bans ("No problem with X", "Not bothered by X",
"No need to avoid X", "Don't hold back on X", "X isn't off limits", "It doesn't have to be X") ban nothing; a header
before a dash heads what follows; "none", "go wild", "so please don't" and "please don't use my face" are
sign-offs; scope words ("any context", "left or right") and manners ("blurred") are no things; an employer's
"policy" is no politics, "due to religious reasons" no religion, and "promotes gambling" no advertising.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, PG, case, check

# --- 1. Negation forms: neither/nor, not X and not Y, without, anything but, off limits, no-go, won't, refuse ------
NEGATION_FORMS = [
    case("Neither politics nor religion, please.", {"politics", "religion"}, case_id="neither-politics-nor-religion"),
    case(
        "I want neither alcohol nor tobacco in my videos.",
        {"alcohol", "tobacco"},
        case_id="want-neither-alcohol-nor-tobacco",
    ),
    case(
        "Neither gambling nor anything scary.",
        {"gambling", "horror"},
        case_id="neither-gambling-nor-anything-scary",
    ),
    case("No drinking or smoking.", {"alcohol", "tobacco"}, case_id="no-drinking-or-smoking"),
    case("No guns or gore.", {"violence"}, case_id="no-guns-or-gore"),
    case("Not politics and not religion.", {"politics", "religion"}, case_id="not-politics-and-not-religion"),
    case(
        "Not swearing, and not nudity either.",
        {"profanity", "sexual"},
        case_id="not-swearing-and-not-nudity-either",
    ),
    case(
        "Put me in whatever you like, just without alcohol.",
        {"alcohol"},
        case_id="whatever-just-without-alcohol",
    ),
    case("Only videos without swearing.", {"profanity"}, case_id="only-videos-without-swearing"),
    case("Anything but politics.", {"politics"}, case_id="anything-but-politics"),
    case(
        "Anything but horror, I scare easily.",
        {"horror"},
        junk=("i scare easily", "scare easily"),
        case_id="anything-but-horror-scare-easily",
    ),
    case("Nothing to do with gambling.", {"gambling"}, case_id="nothing-to-do-with-gambling"),
    case(
        "I want nothing to do with religion or politics.",
        {"religion", "politics"},
        case_id="want-nothing-to-do-with-religion-or-politics",
    ),
    case("Alcohol is off limits.", {"alcohol"}, case_id="alcohol-off-limits"),
    case("Drugs and vaping are off-limits.", {"drugs", "tobacco"}, case_id="drugs-and-vaping-off-limits-hyphen"),
    case("Horror videos are a no-go.", {"horror"}, case_id="horror-videos-no-go"),
    case("Sponsored posts are a no-go for me.", {"brands"}, case_id="sponsored-posts-no-go-for-me"),
    case("I won't do political videos.", {"politics"}, case_id="wont-do-political-videos"),
    case("I refuse to be in anything violent.", {"violence"}, case_id="refuse-to-be-in-anything-violent"),
    case("I refuse to be in a casino video.", {"gambling"}, case_id="refuse-to-be-in-casino-video"),
    case("Never with alcohol.", {"alcohol"}, case_id="never-with-alcohol"),
    # "in my hand" is the item's tail, no part of it (README: "An item's tail is no part of it").
    case("Never with a cigarette in my hand.", {"tobacco"}, case_id="never-with-cigarette-in-hand"),
    case("I'm against gambling.", {"gambling"}, case_id="im-against-gambling"),
    case("I'm against any kind of violence.", {"violence"}, case_id="im-against-any-kind-of-violence"),
    case("Politics? Absolutely not.", {"politics"}, case_id="politics-question-absolutely-not"),
    case("Swearing? Absolutely not.", {"profanity"}, case_id="swearing-question-absolutely-not"),
    case("Don't you dare put me in a horror video.", {"horror"}, case_id="dont-you-dare-horror"),
    case(
        "Not a fan of swearing, so please don't.",
        {"profanity"},
        junk=("don't", "don t", "dont"),
        case_id="not-a-fan-of-swearing-please-dont",
    ),
    # Judgement: "promotes gambling" is promoting betting, which gambling's own definition covers; no product or
    # company is named, so advertising as a whole is not banned.
    case("Nothing which promotes gambling.", {"gambling"}, case_id="nothing-which-promotes-gambling"),
    # Judgement: "keep it that way" turns who the owner is into a rule about the videos; the stricter reading.
    case("I'm not political, keep it that way.", {"politics"}, case_id="im-not-political-keep-it-that-way"),
]

# --- 2. Double negatives and polite indirection ------------------------------------------------------------------
POLITE = [
    case("I wouldn't want to be shown drinking.", {"alcohol"}, case_id="wouldnt-want-shown-drinking"),
    case("It would be great if there was no swearing.", {"profanity"}, case_id="would-be-great-no-swearing"),
    case("I'd appreciate it if you kept politics out.", {"politics"}, case_id="appreciate-kept-politics-out"),
    case("Could you not make me say slurs?", {"profanity"}, case_id="could-you-not-make-me-say-slurs"),
    case("I'd rather you didn't put me near a casino.", {"gambling"}, case_id="rather-you-didnt-casino"),
    case(
        "I would prefer not to be in anything romantic.",
        {"romance", "sexual"},
        case_id="prefer-not-anything-romantic",
    ),
    case(
        "It's not that I'm a prude, but I'd rather not do nude stuff.",
        {"sexual"},
        junk=("prude", "i m a prude", "im a prude"),
        case_id="not-a-prude-rather-not-nude",
    ),
    case("Please refrain from showing me smoking.", {"tobacco"}, case_id="refrain-from-showing-smoking"),
    case("If possible, leave religion out of it.", {"religion"}, case_id="if-possible-leave-religion-out"),
    case(
        "I'd be grateful if my cameo never promoted products.",
        {"brands"},
        case_id="grateful-never-promoted-products",
    ),
    case("I don't really want to be shown in a bar.", {"alcohol"}, case_id="dont-really-want-bar"),
    case("I'm not comfortable with violence.", {"violence"}, case_id="not-comfortable-with-violence"),
    # A double negative: "it wouldn't be okay" is "X is not ok", a rule.
    case("It wouldn't be okay to show me gambling.", {"gambling"}, case_id="wouldnt-be-okay-gambling"),
    case("I'd hate to see myself in horror stuff.", {"horror"}, case_id="hate-to-see-myself-horror"),
    case(
        "I'd really prefer it if nobody made me curse.",
        {"profanity"},
        case_id="prefer-if-nobody-made-me-curse",
    ),
    case(
        "I'm not really a fan of politics in my videos.",
        {"politics"},
        case_id="not-really-a-fan-of-politics",
    ),
    # "clean language" is language without swearing: profanity only, not the PG reading of "keep it clean".
    case("Only clean language please.", {"profanity"}, case_id="only-clean-language-please"),
]

# --- 3. Questions and conditionals -------------------------------------------------------------------------------
QUESTIONS_AND_CONDITIONALS = [
    case("Can we keep it free of politics?", {"politics"}, case_id="keep-it-free-of-politics-question"),
    case("If it has guns, count me out.", {"violence"}, case_id="if-guns-count-me-out"),
    case("If there's alcohol, no thanks.", {"alcohol"}, case_id="if-alcohol-no-thanks"),
    case("If it involves betting, I'm out.", {"gambling"}, case_id="if-betting-im-out"),
    case("Any swearing? Then don't use me.", {"profanity"}, case_id="any-swearing-then-dont-use-me"),
    # "my face" is the owner's likeness itself, the thing being restricted, not a topic.
    case(
        "If the video has nudity in it, please don't use my face.",
        {"sexual"},
        case_id="if-nudity-dont-use-my-face",
    ),
    case(
        "Can you make sure there's no smoking or vaping?",
        {"tobacco"},
        case_id="make-sure-no-smoking-or-vaping",
    ),
    case("Would you mind keeping drugs out of it?", {"drugs"}, case_id="would-you-mind-keeping-drugs-out"),
    case("When there's kissing, leave me out.", {"romance", "sexual"}, case_id="when-kissing-leave-me-out"),
    case("Is it scary? Then don't put me in it.", {"horror"}, case_id="is-it-scary-then-dont"),
    case("Unless it's violent, go ahead.", {"violence"}, case_id="unless-violent-go-ahead"),
    case("Go ahead unless it's political.", {"politics"}, case_id="go-ahead-unless-political"),
    case("Do what you want unless it involves drugs.", {"drugs"}, case_id="do-what-you-want-unless-drugs"),
    case("Sure, unless there's swearing.", {"profanity"}, case_id="sure-unless-swearing"),
    case(
        "I'm okay with it unless it involves religion.",
        {"religion"},
        case_id="okay-with-it-unless-religion",
    ),
    case("As long as nobody is smoking, it's fine.", {"tobacco"}, case_id="as-long-as-nobody-smoking"),
]

# --- 4. Third person and formal wording --------------------------------------------------------------------------
FORMAL = [
    case(
        "My likeness must not be used for political purposes.",
        {"politics"},
        case_id="likeness-must-not-political-purposes",
    ),
    case(
        "The creator may not depict me consuming alcohol.",
        {"alcohol"},
        case_id="creator-may-not-depict-alcohol",
    ),
    case("Prohibited: gambling, tobacco", {"gambling", "tobacco"}, case_id="prohibited-header-gambling-tobacco"),
    case("Restrictions: no nudity", {"sexual"}, case_id="restrictions-header-no-nudity"),
    case("Not permitted - violence", {"violence"}, case_id="not-permitted-dash-violence"),
    case(
        "Use of my likeness in connection with religious content is not permitted.",
        {"religion"},
        case_id="religious-content-not-permitted",
    ),
    case(
        "The user shall not depict the owner using profanity.",
        {"profanity"},
        case_id="user-shall-not-depict-profanity",
    ),
    case(
        "This cameo may not be used in advertising or sponsored content.",
        {"brands"},
        case_id="may-not-be-used-advertising",
    ),
    case("Forbidden: horror, gore.", {"horror", "violence"}, case_id="forbidden-header-horror-gore"),
    case(
        "Users are prohibited from showing me with drugs or alcohol.",
        {"drugs", "alcohol"},
        case_id="users-prohibited-drugs-alcohol",
    ),
    case(
        "Under no circumstances should my cameo appear in sexual content.",
        {"sexual"},
        case_id="under-no-circumstances-sexual",
    ),
    case(
        "Not allowed: smoking, drinking, swearing.",
        {"tobacco", "alcohol", "profanity"},
        case_id="not-allowed-header-three",
    ),
    case("He does not consent to romantic scenes.", {"romance", "sexual"}, case_id="he-does-not-consent-romantic"),
    case(
        "Not permitted - violence, drugs",
        {"violence", "drugs"},
        junk=("permitted",),
        case_id="not-permitted-dash-violence-drugs",
    ),
]

# --- 5. Scope phrases that keep the ban whole --------------------------------------------------------------------
SCOPE = [
    case("no alcohol in any video", {"alcohol"}, case_id="no-alcohol-in-any-video"),
    case("no swearing at all", {"profanity"}, case_id="no-swearing-at-all"),
    case("no smoking, ever", {"tobacco"}, case_id="no-smoking-ever"),
    case("no politics of any kind", {"politics"}, case_id="no-politics-of-any-kind"),
    case("no religion in any form", {"religion"}, case_id="no-religion-in-any-form"),
    # "cartoon violence" restates the ban ("not even ..." is a manner, README); no topic needed.
    case(
        "no violence, not even cartoon violence",
        {"violence"},
        case_id="no-violence-not-even-cartoon",
    ),
    case("Absolutely zero drugs, not even as a joke.", {"drugs"}, case_id="zero-drugs-not-even-joke"),
    case("No horror, not even a little.", {"horror"}, case_id="no-horror-not-even-a-little"),
    case("No ads, no matter what.", {"brands"}, case_id="no-ads-no-matter-what"),
    case("No romance under any circumstances.", {"romance", "sexual"}, case_id="no-romance-any-circumstances"),
    case("Never any nudity, not even implied.", {"sexual"}, case_id="never-any-nudity-not-even-implied"),
    case("Absolutely no religion, none.", {"religion"}, junk=("none",), case_id="no-religion-none"),
    case(
        "No drinking in any scene, any video, any context.",
        {"alcohol"},
        junk=("context", "any context"),
        case_id="no-drinking-any-scene-video-context",
    ),
    # "left or right" says the ban covers both sides; it names no topic of its own.
    case(
        "No politics of any sort, left or right.",
        {"politics"},
        junk=("left", "right"),
        case_id="no-politics-any-sort-left-or-right",
    ),
    case(
        "No nudity, even implied or blurred.",
        {"sexual"},
        junk=("blurred", "implied"),
        case_id="no-nudity-even-implied-or-blurred",
    ),
]

# --- 6. Contrasts: an allowance beside a ban ---------------------------------------------------------------------
CONTRASTS = [
    case("Comedy is fine but no politics", {"politics"}, junk=("comedy",), case_id="comedy-fine-but-no-politics"),
    case(
        "Do whatever you want, just no sex stuff",
        {"sexual"},
        case_id="whatever-you-want-just-no-sex-stuff",
    ),
    case("Use me for anything, except ads", {"brands"}, case_id="anything-except-ads"),
    case("I'm cool with most things. Not drugs though.", {"drugs"}, case_id="cool-with-most-not-drugs-though"),
    case("Pranks are OK. Gambling is not.", {"gambling"}, junk=("pranks",), case_id="pranks-ok-gambling-is-not"),
    case(
        "Dancing videos are great, swearing isn't.",
        {"profanity"},
        junk=("dancing videos", "dancing"),
        case_id="dancing-great-swearing-isnt",
    ),
    case(
        "Sure, make me a superhero. Just don't make me a smoker.",
        {"tobacco"},
        junk=("superhero",),
        case_id="superhero-sure-not-smoker",
    ),
    case("Roasts are fine, slurs aren't.", {"profanity"}, junk=("roasts",), case_id="roasts-fine-slurs-arent"),
    case(
        "Go wild with costumes, but keep alcohol out.",
        {"alcohol"},
        junk=("costumes",),
        case_id="go-wild-costumes-keep-alcohol-out",
    ),
    # "real" beside a category is a qualifier (round 24); the allowance of horror leaves violence banned whole.
    case(
        "Horror is my favorite genre, but no real violence.",
        {"violence"},
        case_id="horror-favorite-but-no-real-violence",
    ),
    case("Everything's fine except religion.", {"religion"}, case_id="everythings-fine-except-religion"),
    case(
        "Music videos, skits, whatever. Just not gambling.",
        {"gambling"},
        junk=("music videos", "skits"),
        case_id="skits-whatever-just-not-gambling",
    ),
    # The README's decision: an exception to a ban is not modelled and the ban stands whole.
    case(
        "Fine with most stuff, but no drinking except at weddings.",
        {"alcohol"},
        case_id="fine-most-no-drinking-except-weddings",
    ),
    case(
        "I'm fine with anything that doesn't involve politics.",
        {"politics"},
        case_id="fine-with-anything-that-doesnt-involve-politics",
    ),
    case("Anything that isn't political is fine.", {"politics"}, case_id="anything-that-isnt-political-is-fine"),
    case("Whatever doesn't involve gambling is ok.", {"gambling"}, case_id="whatever-doesnt-involve-gambling-ok"),
    case("Anything without swearing is fine.", {"profanity"}, case_id="anything-without-swearing-is-fine"),
    # README: "everything is fine except politics" bans politics.
    case("Everything except swearing is fine.", {"profanity"}, case_id="everything-except-swearing-is-fine"),
    case("Not okay: smoking. Okay: drinking.", {"tobacco"}, case_id="not-okay-smoking-okay-drinking"),
]

# --- 7. Long sentences with a reason -----------------------------------------------------------------------------
REASONS = [
    case(
        "Because I work for the government I can't be in anything political",
        {"politics"},
        junk=("government",),
        case_id="work-for-government-nothing-political",
    ),
    # "very religious" is the reason, not a ban on religion.
    case(
        "My family is very religious so nothing sexual or romantic",
        {"sexual", "romance"},
        case_id="family-religious-nothing-sexual-romantic",
    ),
    case(
        "Since I'm in recovery, I can't be shown with alcohol or drugs of any kind.",
        {"alcohol", "drugs"},
        junk=("recovery",),
        case_id="in-recovery-alcohol-drugs-any-kind",
    ),
    case(
        "I'm a pastor, so please never show me cursing or gambling.",
        {"profanity", "gambling"},
        junk=("pastor",),
        case_id="pastor-never-cursing-gambling",
    ),
    case(
        "As a school teacher I don't want to appear in anything violent or scary.",
        {"violence", "horror"},
        junk=("school teacher", "teacher"),
        case_id="teacher-nothing-violent-or-scary",
    ),
    # "policy" here is the employer's rule, not government policy: politics is not named.
    case(
        "My employer has a strict policy about endorsements, so no sponsored content.",
        {"brands"},
        junk=("employer", "strict policy"),
        case_id="employer-policy-no-sponsored",
    ),
    case(
        "I lost my brother to an overdose, so nothing with drugs, please.",
        {"drugs"},
        junk=("brother",),
        case_id="brother-overdose-nothing-drugs",
    ),
    case(
        "My dad was a gambler and it wrecked our family, so no casinos, no betting.",
        {"gambling"},
        junk=("dad", "family"),
        case_id="dad-gambler-no-casinos-betting",
    ),
    # "Muslim" is a reason; pork names no category and stays a topic.
    case(
        "I'm Muslim, so no alcohol and no pork.",
        {"alcohol"},
        need=("pork",),
        case_id="muslim-no-alcohol-no-pork",
    ),
    case("Since I run a kids' channel, keep it PG.", PG, junk=("kids channel", "kids"), case_id="kids-channel-pg"),
    case(
        "I coach kids and their parents watch, so no swearing and no smoking.",
        {"profanity", "tobacco"},
        junk=("parents", "kids"),
        case_id="coach-parents-watch-no-swearing-smoking",
    ),
    case(
        "Because of my job in law enforcement I can't be seen with weed or anything illegal.",
        {"drugs"},
        ok=("illegal",),
        junk=("law enforcement",),
        case_id="law-enforcement-weed-illegal",
    ),
    case(
        "Because I'm a nurse I can't be shown drunk or high.",
        {"alcohol", "drugs"},
        junk=("nurse",),
        case_id="because-nurse-no-comma-drunk-or-high",
    ),
    case(
        "Since I work with kids I can't do anything violent.",
        {"violence"},
        junk=("kids",),
        case_id="since-work-with-kids-no-comma-violent",
    ),
    case("My job means I can't be shown drinking.", {"alcohol"}, case_id="my-job-means-cant-drinking"),
    # "my faith" is the reason: religion is not banned.
    case(
        "Because of my faith I won't do anything with alcohol.",
        {"alcohol"},
        case_id="because-of-faith-no-comma-alcohol",
    ),
    case(
        "Because of my contract I can't appear in ads.",
        {"brands"},
        junk=("contract",),
        case_id="because-of-contract-no-comma-ads",
    ),
    case(
        "Because I'm a teacher I don't want anything sexual",
        {"sexual"},
        junk=("teacher",),
        case_id="because-teacher-no-comma-sexual",
    ),
    # README: "religious reasons" is a reason and names nothing.
    case(
        "Due to religious reasons nothing with alcohol.",
        {"alcohol"},
        case_id="due-to-religious-reasons-alcohol",
    ),
]

# --- 8. Guards: a negation that bans nothing ---------------------------------------------------------------------
GUARDS = [
    case("I don't care about politics, go ahead", set(), case_id="guard-dont-care-politics-go-ahead"),
    case("I'm not strict about swearing.", set(), case_id="guard-not-strict-swearing"),
    case("No problem with alcohol.", set(), case_id="guard-no-problem-alcohol"),
    case("Nothing off limits.", set(), case_id="guard-nothing-off-limits"),
    case("I don't mind horror.", set(), case_id="guard-dont-mind-horror"),
    case("No need to avoid romance.", set(), case_id="guard-no-need-avoid-romance"),
    case("No problem with alcohol, but no drugs.", {"drugs"}, case_id="guard-no-problem-alcohol-but-drugs"),
    case("I don't mind horror but no gore.", {"violence"}, case_id="guard-dont-mind-horror-no-gore"),
    case("Not bothered by swearing. No politics though.", {"politics"}, case_id="guard-not-bothered-swearing"),
    case("No objection to gambling scenes.", set(), case_id="guard-no-objection-gambling"),
    case("I have no issue with smoking in a video.", set(), case_id="guard-no-issue-smoking"),
    case("Nothing is off limits except religion.", {"religion"}, case_id="guard-nothing-off-limits-except-religion"),
    case("Romance doesn't bother me, sexual stuff does.", {"sexual"}, case_id="guard-romance-doesnt-bother"),
    case("Never had a problem with drinking on camera.", set(), case_id="guard-never-had-problem-drinking"),
    case("Don't hold back on the horror, I love it.", set(), case_id="guard-dont-hold-back-horror"),
    case("No restrictions, go wild.", set(), case_id="guard-no-restrictions-go-wild"),
    case("Not against brand deals at all.", set(), case_id="guard-not-against-brand-deals"),
    case("Don't worry about politics.", set(), case_id="guard-dont-worry-about-politics"),
    case("Alcohol isn't off limits.", set(), case_id="guard-alcohol-isnt-off-limits"),
    case("Romance is not a no-go.", set(), case_id="guard-romance-not-a-no-go"),
    case("Smoking isn't a dealbreaker.", set(), case_id="guard-smoking-not-dealbreaker"),
    case("No need to keep it PG.", set(), case_id="guard-no-need-to-keep-it-pg"),
    case("It doesn't have to be family friendly.", set(), case_id="guard-doesnt-have-to-be-family-friendly"),
    case("Not afraid of horror.", set(), case_id="guard-not-afraid-of-horror"),
    case("Swearing is not forbidden.", set(), case_id="guard-swearing-not-forbidden"),
    case("I wouldn't mind a horror video.", set(), case_id="guard-wouldnt-mind-horror-video"),
]


@pytest.mark.parametrize(FIELDS, NEGATION_FORMS)
def test_negation_forms(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, POLITE)
def test_polite_indirection(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, QUESTIONS_AND_CONDITIONALS)
def test_questions_and_conditionals(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, FORMAL)
def test_formal_and_third_person(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, SCOPE)
def test_scope_keeps_ban_whole(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, CONTRASTS)
def test_contrasts(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, REASONS)
def test_reasons(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, GUARDS)
def test_guards(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
