"""Attack round 23 on the restriction parser (cameos/restrictions.py), against the rules round 22 added: a list ends
with its sentence (split at ``(?<=[.!?])\\s+``), ``_WHO_I_AM``, ``_BARE_YES`` answers, the allowances "is part of my
act" and "all you want", a sentence ending "... isn't." read as "no ...", the voice-to-text cut before a mid-sentence
"im", ``_SPELLINGS``' "high", ``_OTHER_SENSES`` and the "any X" merge.

Angle: bans lost, above all. An abbreviation's full stop ("Mr.", "Sen.", "Gov.", "Dr.", "U.S.", "i.e.", "incl.")
ends the sentence for the new split, so the name after it is read for categories only and the abbreviation becomes
a junk topic ("mr", "sen", "dr", "u s", "i e", "incl"): "Sen. Warren or Gov. DeSantis" loses politics and "Dr. Oz
style fake medicine" loses its topic. The "im" cut splits a ban from what it bans whenever the word before "im" is
not on its short list ("of me im drinking", "shows im drunk", "pretend im drunk", "post me im vaping", "film me im
naked"), and "high" is drugs only after a few verbs ("when im high", "look like im high"). ``_WHO_I_AM`` reads a
list's last piece ("dentist or vet", "Jewish and Muslim jokes") as who the owner is and drops it. An allowance in
words the parser does not know ("isn't a problem", "isn't an issue", "isn't a big deal", "isn't scary to me") falls
through to the bare category and is banned, and its answer ("Drugs are.", "Nudity is.", "Sex is.") is read on its
own; a "... isn't." sentence that starts with an allowance ("Drinking yes, getting wasted isn't.") becomes "no
drinking". A bare "ok?" glued to "Leave my family out of it" breaks the form ("... out of it yes"), and "Drinking?
All you want." leaves "drinking" alone, a ban. A concession ("even though smoking is my thing irl") counts as an
allowance and turns the ban before it into a topic, losing the category. "no gang turf wars" hides violence behind
the other sense "turf wars"; "or any spiders" merges into "creepy spiders" and is only horror. Second direction
(junk): the abbreviations above, "bartender by trade", "see ex yes", "where im shirtless", "other group", "god"
from "mocks God" and "muslim" from "Jewish and Muslim jokes".

46 cases in 5 tests: 33 got through when written (each case's ``through`` says what the parser read), 13 guards
held. All 33 are fixed: an abbreviation's full stop ("Mr.", "Sen.", "i.e.", "U.S.", "incl.") ends no sentence, and
"Sen." and "Gov." are politicians; the voice-to-text cut before "im" is only before who the owner is ("im a mom",
"im hindu", "im 14"), and "im drunk", "im high", "where im shirtless" are what is banned; a title is a reason only
when it is one thing ("dentist or vet" is a list; "Bartender by trade" a reason), and "Jewish and I ..." only with
"and I"; "X isn't a problem", "isn't scary to me", "go wild", "all you want" are allowances, and after them "Y is"
is a ban; a sentence with an allowance in it ("Drinking yes, ...", "... is my job") is not read as a denial; a bare
"ok?" answers no ban; a concession ("even though smoking is my thing") allows nothing; "turf wars" may be violence;
"any spiders" is its own item, and only "hate on X or any (other) group" reaches back; "God", "Muslim" and the
like are religion's own words, not names. One expectation was changed, with its reason: "Mr. Trump" is politics,
whose own words know Trump, without a topic.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, case, check

# --- 1. An abbreviation's full stop is no end of a sentence ---------------------------------------------------------
ABBREVIATIONS = [
    case(
        "Never show me with Mr. Trump.",
        {"politics"},
        # Written needing the topic "trump" too; politics' own words know Trump, so the category is the reading.
        junk=("mr",),
        case_id="mr-trump",
        through="read politics and the topic 'mr': the sentence split cuts at 'Mr.', so 'trump' is a sentence of its "
        "own read for categories only; should be politics and the topic trump (as 'Never show me with Trump.' reads)",
    ),
    case(
        "Nothing with Sen. Warren or Gov. DeSantis.",
        {"politics"},
        ok=("warren", "desantis"),
        junk=("sen", "gov"),
        case_id="senator-and-governor-abbreviated",
        through="read only the topic 'sen': the split at 'Sen.' and 'Gov.' leaves 'warren or gov' and 'desantis' as "
        "sentences of no form; should be politics (a senator and a governor), with no 'sen' topic",
    ),
    case(
        "No Dr. Oz style fake medicine.",
        set(),
        need=("fake medicine",),
        ok=("oz",),
        junk=("dr",),
        case_id="dr-oz-fake-medicine",
        through="read only the topic 'dr': the split at 'Dr.' leaves 'oz style fake medicine' a sentence of no form, "
        "dropped; should be the topic fake medicine (as 'No Dr Oz style fake medicine.' reads)",
    ),
    case(
        "No U.S. politics.",
        {"politics"},
        case_id="us-politics",
        through="read politics and the junk topic 'u s': 'no u.s.' is cut off 'politics' as a sentence of its own; "
        "should be politics and no topic",
    ),
    case(
        "No alcohol (i.e. beer, wine, shots) and no swearing.",
        {"alcohol", "profanity"},
        case_id="i-e-in-brackets",
        through="read alcohol, profanity and the junk topic 'i e': 'no alcohol, i.e.' is one sentence and 'i.e' an "
        "item of it; should be alcohol and profanity, no topic",
    ),
    case(
        "No nudity, incl. lingerie or swimsuits.",
        {"sexual"},
        ok=("lingerie", "swimsuit"),
        case_id="incl-abbreviated",
        through="read sexual and the junk topic 'incl': the split at 'incl.' makes it an item of 'no nudity'; should "
        "be sexual (as 'including lingerie or swimsuits' reads), no 'incl' topic",
    ),
    case("No alcohol e.g. beer or wine.", {"alcohol"}, case_id="e-g-guard"),
    case("No politics etc. or religion", {"politics", "religion"}, case_id="etc-or-guard"),
]

# --- 2. Voice-to-text: the cut before a mid-sentence "im", and "high" ---------------------------------------------
IM_MID_SENTENCE = [
    case(
        "nothing that shows im drunk",
        {"alcohol"},
        junk=("shows",),
        case_id="shows-im-drunk",
        through="read the junk topic 'shows': the 'im' cut splits 'nothing that shows' from 'im drunk', read as a "
        "reason; should be alcohol",
    ),
    case(
        "dont pretend im drunk",
        {"alcohol"},
        junk=("pretend",),
        case_id="pretend-im-drunk",
        through="read the junk topic 'pretend': cut before 'im' ('pretend' is not in the cut's lookbehinds), 'im "
        "drunk' is a reason; should be alcohol",
    ),
    case(
        "no videos of me im drinking",
        {"alcohol"},
        case_id="videos-of-me-im-drinking",
        through="read nothing: cut into 'no videos of me' (all filler) and 'im drinking' (a reason); should be alcohol",
    ),
    case(
        "dont post me im vaping",
        {"tobacco"},
        junk=("post",),
        case_id="post-me-im-vaping",
        through="read the junk topic 'post': cut before 'im', 'im vaping' is a reason; should be tobacco",
    ),
    case(
        "never film me im naked",
        {"sexual"},
        case_id="film-me-im-naked",
        through="read nothing: cut into 'never film me' and 'im naked' (a reason); should be sexual",
    ),
    case(
        "dont show me when im high",
        {"drugs"},
        junk=("when im high",),
        case_id="when-im-high",
        through="read the topic 'when im high': 'high' is drugs in _SPELLINGS only at the start or after showing/"
        "being/looking/acting/getting; should be drugs",
    ),
    case(
        "dont make it look like im high",
        {"drugs"},
        junk=("t look im high",),
        case_id="look-like-im-high",
        through="read the topic 't look im high': 'like im high' is not one of the 'high' spellings, and the form "
        "leaves the 't' of 'dont'; should be drugs",
    ),
    case(
        "nothing where im shirtless or in underwear",
        set(),
        need=("shirtless", "underwear"),
        junk=("where im shirtless",),
        case_id="where-im-shirtless",
        through="read the topic 'where im shirtless': the cut keeps 'where im' (after 'where') and the item keeps it; "
        "should be the topics shirtless and underwear",
    ),
    case("no videos where im drunk", {"alcohol"}, case_id="where-im-drunk-guard"),
    case("never show me doing drugs im a mom", {"drugs"}, case_id="drugs-im-a-mom-guard"),
]

# --- 3. Who the owner is, read where it is not ---------------------------------------------------------------------
WHO_I_AM = [
    case(
        "I have bad anxiety. No hospitals, doctors, dentist or vet.",
        set(),
        need=("hospital", "doctor", "dentist", "vet"),
        case_id="dentist-or-vet",
        through="read the topics hospitals, doctors: the piece 'dentist or vet' after a comma matches _WHO_I_AM "
        "('<word> <word> vet'), so it starts a clause that names nothing; should be four topics",
    ),
    case(
        "Hard nos: drugs, gambling, Jewish and Muslim jokes",
        {"drugs", "gambling", "religion"},
        ok=("jewish", "muslim"),
        case_id="hard-nos-jewish-and-muslim-jokes",
        through="read drugs, gambling: the piece 'jewish and muslim jokes' matches _WHO_I_AM's faith form "
        "('jewish and ...') and is dropped as who the owner is; should be drugs, gambling, religion",
    ),
    case(
        "Bartender by trade — drinking is my job, drugs aren't.",
        {"drugs"},
        junk=("bartender by trade",),
        case_id="bartender-by-trade",
        through="read drugs and the topic 'bartender by trade': the '... aren't.' rule prefixes 'no' to the whole "
        "sentence, dash and all; should be drugs and no topic (as 'Drinking is my job, drugs aren't.' reads)",
    ),
    case("Christian content is off limits", {"religion"}, case_id="christian-content-guard"),
    case("vegan and no meat jokes", set(), need=("meat",), case_id="vegan-meat-jokes-guard"),
]

# --- 4. Denials, answers and allowances ----------------------------------------------------------------------------
DENIALS_AND_ANSWERS = [
    case(
        "Alcohol isn't a problem.",
        set(),
        case_id="alcohol-isnt-a-problem",
        through="read alcohol: 'isn't a problem' is no allowance the parser knows, so the clause falls through to "
        "the bare category; should be nothing (an allowance)",
    ),
    case(
        "Swearing isn't an issue for me. Nudity is.",
        {"sexual"},
        case_id="swearing-isnt-an-issue-nudity-is",
        through="read profanity and sexual: 'isn't an issue for me' falls through to the bare category; should be "
        "sexual only",
    ),
    case(
        "Kissing isn't a big deal. Sex is.",
        {"sexual"},
        case_id="kissing-isnt-a-big-deal",
        through="read romance and sexual: 'isn't a big deal' falls through to the bare category; should be sexual",
    ),
    case(
        "Drinking isn't a problem, but drugs are.",
        {"drugs"},
        case_id="drinking-isnt-a-problem-drugs-are",
        through="read alcohol and drugs: 'drinking isn't a problem' falls through to the bare category; should be "
        "drugs",
    ),
    case(
        "Horror isn't scary to me, go wild.",
        set(),
        case_id="horror-isnt-scary-go-wild",
        through="read horror: 'isn't scary to me, go wild' is no allowance the parser knows; should be nothing",
    ),
    case(
        "Drinking yes, getting wasted isn't.",
        set(),
        need=("wasted",),
        case_id="drinking-yes-wasted-isnt",
        through="read alcohol, no topic: the '... isn't.' rule makes the whole sentence 'no drinking yes, getting "
        "wasted', so the allowance becomes a ban; should be the topic getting wasted with drinking allowed",
    ),
    case(
        "Leave my family out of it, ok?",
        set(),
        need=("family",),
        case_id="leave-family-out-ok",
        through="read nothing: _BARE_YES glues 'ok' to the clause as 'leave my family out of it yes' (a 'leave' "
        "clause is answered), which the keep/leave form no longer matches; should be the topic family",
    ),
    case(
        "I never want to see my ex. Ok?",
        set(),
        need=("ex",),
        junk=("see ex yes",),
        case_id="see-my-ex-ok",
        through="read the topic 'see ex yes': _BARE_YES appends 'yes' to a ban that starts with 'i'; should be the "
        "topic ex",
    ),
    case(
        "Drinking? All you want. Drugs? No.",
        {"drugs"},
        case_id="drinking-all-you-want",
        through="read alcohol and drugs: 'all you want' is a clause of its own, not an answer to 'drinking' "
        "(_BARE_YES does not know it), so 'drinking' alone is a ban; should be drugs",
    ),
    case(
        "No cigarettes, even though smoking is my thing irl.",
        {"tobacco"},
        ok=("cigarette",),
        case_id="cigarettes-even-though-smoking-is-my-thing",
        through="read the topic 'cigarettes', no category: the concession 'smoking is my thing irl' counts as an "
        "allowance of tobacco (_allowed_categories), so 'no cigarettes' is narrowed to a topic; should be tobacco",
    ),
    case(
        "No drinking on camera, even though alcohol is part of my life.",
        {"alcohol"},
        ok=("drinking",),
        case_id="drinking-on-camera-even-though",
        through="read the topic 'drinking on camera', no category: 'alcohol is part of my life' is read as an "
        "allowance of alcohol; should be alcohol",
    ),
    case("Politics isn't my thing.", {"politics"}, case_id="politics-isnt-my-thing-guard"),
    case("no politics. fine?", {"politics"}, case_id="no-politics-fine-guard"),
    case("Drinking is my job, drugs aren't.", {"drugs"}, case_id="drinking-is-my-job-guard"),
    case("Kissing is part of my act; sex isn't.", {"sexual"}, case_id="kissing-part-of-act-guard"),
]

# --- 5. Other senses, "any X", and names ---------------------------------------------------------------------------
SENSES_AND_NAMES = [
    case(
        "no gang turf wars",
        {"violence"},
        ok=("gang", "turf"),
        case_id="gang-turf-wars",
        through="read the topic 'gang turf wars', no category: _OTHER_SENSES takes 'turf wars' out, though gang "
        "turf wars are real violence; should be violence",
    ),
    case(
        "no creepy clowns or any spiders",
        {"horror"},
        need=("spiders",),
        junk=("creepy spiders",),
        case_id="any-spiders-merged",
        through="read horror, no topic: 'any spiders' is merged into 'creepy spiders' (horror), so harmless spiders "
        "pass; should be horror and the topic spiders (as '... or any spiders at all' reads)",
    ),
    case(
        "no hate on bts or any other group",
        set(),
        need=("hate on bts",),
        ok=("hate on",),
        junk=("other group",),
        case_id="any-other-group",
        through="read the topic 'other group': the 'any X' merge skips 'other', so every text about another group "
        "is refused; should be hate on bts or any other group",
    ),
    case(
        "nothing that mocks God",
        {"religion"},
        ok=("mock",),
        junk=("god",),
        case_id="mocks-god",
        through="read religion and the topic 'god': 'God' is a capitalised name kept as a topic; should be religion "
        "(mocking God), not every text that says god",
    ),
    case(
        "Jewish and Muslim jokes are off limits.",
        {"religion"},
        ok=("jokes",),
        junk=("muslim",),
        case_id="jewish-and-muslim-jokes-off-limits",
        through="read religion and the topic 'muslim': 'Muslim' is a capitalised name mid-sentence; should be "
        "religion, not every text that mentions a Muslim",
    ),
    case("no food fights with knives", {"violence"}, case_id="food-fight-knives-guard"),
    case("no pillow fights turning into a brawl", {"violence"}, case_id="pillow-fight-brawl-guard"),
    case(
        "no water balloons or any guns",
        {"violence"},
        need=("water balloon",),
        case_id="water-balloons-any-guns-guard",
    ),
]


@pytest.mark.parametrize(FIELDS, ABBREVIATIONS)
def test_abbreviations(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, IM_MID_SENTENCE)
def test_im_mid_sentence(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, WHO_I_AM)
def test_who_i_am(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, DENIALS_AND_ANSWERS)
def test_denials_and_answers(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, SENSES_AND_NAMES)
def test_senses_and_names(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
