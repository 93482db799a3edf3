"""Attack round 20 on the restriction parser (cameos/restrictions.py): whole restrictions as people fill in the
"What should never appear with your cameo?" box, not one-liners.

Angle: 1-4 sentences each, mixed registers (polite, terse, angry caps, teen text-speak, non-native English,
voice-to-text with no punctuation, lists on lines, emoji), written by people with a reason: a teacher, a pastor
and a youth pastor, a recovering alcoholic, addict and gambler, influencers with a brand deal who ban their
sponsor's competitors, a politician's staffer and a poll worker, parents of minors and teens themselves, Muslims,
a Christian, a vegan, a nurse and athletes. Each case asserts the full set of categories a careful reader derives,
that every free-text topic is a real thing the owner ruled out (and that the ones they named are there), and the
banned words where the owner quoted one.

What got through clusters in: a reason that opens the sentence ("As a teacher I can't be shown...", "As a hijabi
I don't want...", "I am not wanting...") swallowing the ban; a sign-off or reason with no starter word glued to a
list ("God bless", "Very thank you", "lol my parents would kill me", "— even jokes"); competitor brands read as
categories by their words ("drinking Monster" is alcohol and horror, "Coke products only" is drugs) while the
brand itself is lost; allowances ignored by a later item ("alcohol is fine ... no other liquor brands", "Drinking
is fine but ... drunk", "kissing ... but nothing beyond that"); the owner's faith read as a ban on religion
("Christian here", "against my faith"); and junk topics from long voice-to-text clauses ("i do not want my kids to
see that", "i dont want my cameo doing it either", "w/").

48 cases in 6 tests: 22 got through when written (each case's `through` says what it read and where), 26 guards
held. All 22 are fixed: "As a teacher I can't be shown...", "Pastor here. Please don't..." and "Christian here ✝️
no ..." are a reason and then a rule, and "I can't be shown X" is a rule form; "I am not wanting" and "Not want"
read as "I don't want", and "my face in videos with" leads no item; "If I see..." is no audience; "nothing beyond
that" after an allowance of kissing is sexual content; "um", "uh", "lol" and a mid-sentence "period" are dropped or
cut a clause, and "w/" is "with"; a header ending in ":" ("Things I don't want:") makes each line after it a ban; a
capitalised name inside an item that names a category only by the words around it is that name ("drinking Pepsi",
"Monster", "Under Armour logos"), unless a category's own words know it (Budweiser); a sponsor's rivals ("any other
soda brand") are dropped; "X only" is an allowance; an allowance of a whole category by its head word ("alcohol is
fine", "drinking is fine") makes a narrower ban in it a topic ("drunk"); "God bless", "very thank you" and "even
jokes" name nothing; "against my faith" is a reason; an emoji that names no category cuts a clause; "I do not
want my kids to see that" is a reason; a quoted word keeps its "oh".
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, PG, case, check

# --- 1. Owners with a job: teachers, clergy, staffers, nurses, athletes --------------------------------------------
JOBS = [
    case(
        "Hi! I'm a middle school teacher and my students follow me, so please nothing with alcohol, vaping or "
        "swearing. Thanks so much!",
        {"alcohol", "tobacco", "profanity"},
        case_id="teacher-students-follow-polite",
    ),
    case(
        "As a teacher I can't be shown drinking, smoking or swearing.",
        {"alcohol", "tobacco", "profanity"},
        case_id="as-a-teacher-cant-be-shown",
        through="read nothing (all three bans LOST): _REASON matches 'as a' and _reason_then_ban cuts a reason only "
        "before no/nothing/never/don't, so 'as a teacher i can't be shown drinking, smoking or swearing' is one "
        "reason clause that _parse_clause drops; should be alcohol, tobacco, profanity",
    ),
    case(
        "Pastor here. Please don't put me in anything sexual, no drinking, no casinos or betting. God bless 🙏",
        {"sexual", "alcohol", "gambling"},
        case_id="pastor-god-bless-signoff",
        through="read religion too: the sign-off '. God bless' starts with no _CLAUSE_STARTERS word, so "
        "restriction_clauses glues it to the list ('no casinos or betting, god bless') and the item 'god bless' "
        "names religion (\\bgods?\\b); _SIGN_OFF has no 'god bless'. Should be sexual, alcohol, gambling",
    ),
    case(
        "I'm a youth pastor so nothing crude, nothing suggestive, no partying/drinking, and please don't make me "
        "say 'oh my god'.",
        {"profanity", "sexual", "alcohol"},
        ok=("partying",),
        words={"oh my god"},
        case_id="youth-pastor-quoted-oh-my-god",
        through="banned word read as 'my god', not 'oh my god': parse_restriction runs the quote through _clean, "
        "whose _POLITE strips a leading 'oh', so the owner's phrase becomes a broader one that refuses "
        "'my god is good'; should be the quoted 'oh my god'",
    ),
    case(
        "I work for a state senator so I can't be in anything political — no campaigns, no candidates, no protest "
        "stuff, no takes on elections. Also nothing that looks like an endorsement of a product.",
        {"politics", "brands"},
        case_id="senator-staffer-long",
    ),
    case(
        "Staff for Rep. Alvarez. Don't depict me at rallies, voting, wearing campaign gear, or saying anything about "
        "Democrats or Republicans.",
        {"politics"},
        case_id="rep-staffer-depict",
    ),
    case(
        "Please keep my face away from anything to do with the election. I'm a poll worker and have to stay neutral.",
        {"politics"},
        case_id="poll-worker-neutral",
    ),
    case(
        "DO NOT PUT ME IN ANY VIDEO WITH ALCOHOL DRUGS OR SEX. I AM A NURSE AND I WILL LOSE MY LICENSE.",
        {"alcohol", "drugs", "sexual"},
        case_id="nurse-all-caps",
    ),
    case(
        "Pro cyclist. I get drug tested so nothing with drugs, pills, steroids or doping — even jokes. Energy drinks "
        "are fine.",
        {"drugs"},
        ok=("steroids", "doping"),
        case_id="cyclist-even-jokes",
        through="read the topic 'jokes' (refuses every joke): the piece after ' — ' ('even jokes') starts with no "
        "clause starter, so restriction_clauses continues the list with it, and _MANNER knows only 'even as a "
        "joke'; 'even' is filler. Should be drugs with topics steroids, doping",
    ),
    case(
        "I'm an Olympic swimmer — please don't show me doing anything dangerous or illegal, and no betting content "
        "since that breaks our integrity rules.",
        {"gambling"},
        ok=("dangerous", "illegal"),
        case_id="olympic-swimmer-integrity",
    ),
]


@pytest.mark.parametrize(FIELDS, JOBS)
def test_owners_with_a_job(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


# --- 2. Faith and diet: Muslims, Christians, vegans -----------------------------------------------------------------
FAITH = [
    case(
        "I am Muslim, so no alcohol, no pork, no gambling and please nothing with dating or girlfriends.",
        {"alcohol", "gambling", "romance", "sexual"},
        need=("pork",),
        case_id="muslim-list",
    ),
    case(
        "As a hijabi I don't want to be shown without my hijab, in revealing clothes, or at parties with drinking.",
        {"alcohol"},
        need=("hijab", "revealing clothes"),
        ok=("parties",),
        case_id="hijabi-as-a-reason-first",
        through="read nothing (alcohol and both topics LOST): 'as a hijabi i don't want ...' matches _REASON ('as a') "
        "and _reason_then_ban will not cut before 'i don't' ((?<!\\bi) lookbehind), so the whole sentence is a "
        "reason; should be alcohol with topics without my hijab, revealing clothes",
    ),
    case(
        "Nothing that goes against my faith (no alcohol, pork, gambling, immodest clothing).",
        {"alcohol", "gambling"},
        need=("pork", "immodest clothing"),
        case_id="against-my-faith",
        through="read religion too: the item 'goes against my faith' names religion ('faith' in its recognise); "
        "_REASON_START drops only items that start with 'my faith'. The owner's faith is the reason, not a ban on "
        "religious content: should be alcohol, gambling with topics pork, immodest clothing",
    ),
    case(
        "Christian here ✝️ no demons, occult or witchcraft stuff, and no cursing or taking the Lord's name in vain.",
        {"horror", "profanity"},
        ok=("witchcraft", "lord's name"),
        case_id="christian-here-emoji-then-ban",
        through="read religion too: _WHO_I_AM reads 'christian here' only as a whole clause, the ✝️ is dropped "
        "leaving no break, and _reason_then_ban cuts at 'no' only after a _REASON/_AUDIENCE/allowance, so "
        "'christian here no demons' is one item naming religion (\\bchrist); should be horror, profanity",
    ),
    case(
        "vegan for 10 yrs. dont put me eating meat, cheese or eggs or wearing leather/fur",
        set(),
        need=("meat", "cheese", "eggs", "leather", "fur"),
        case_id="vegan-no-caps",
    ),
    case(
        "Please not use my face for politic or religion things. Also not for alcohol or cigarette. Thank you very "
        "much.",
        {"politics", "religion", "alcohol", "tobacco"},
        case_id="non-native-politic-religion",
    ),
]


@pytest.mark.parametrize(FIELDS, FAITH)
def test_faith_and_diet(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


# --- 3. Parents of minors, and teens ------------------------------------------------------------------------------
FAMILY = [
    case(
        "my kids are 8 and 10 and they see my videos. NO swearing, NO scary stuff, NO guns. thank you!!",
        {"profanity", "horror", "violence"},
        case_id="parent-kids-8-and-10",
    ),
    case(
        "This account is for my daughter who is 14. Nothing romantic, no kissing, no boyfriends, nothing sexual "
        "obviously, and no makeup ads.",
        {"romance", "sexual", "brands"},
        case_id="daughter-14",
    ),
    case(
        "He's 12. Nothing violent, nothing scary, no bad language, and he is NOT to be shown dating anyone.",
        {"violence", "horror", "profanity", "romance", "sexual"},
        case_id="son-12-not-to-be-shown-dating",
    ),
    case(
        "Keep it PG please, I'm a children's librarian.",
        PG,
        case_id="pg-childrens-librarian",
    ),
    case(
        "Family friendly only! My grandkids follow me. And no politics, I get enough of that at Thanksgiving.",
        PG | {"politics"},
        case_id="family-friendly-grandkids-thanksgiving",
    ),
    case(
        "pls no cringe romance stuff or kissing ppl 😭 also no vapes lol my parents would kill me",
        {"romance", "sexual", "tobacco"},
        case_id="teen-parents-would-kill-me",
        through="read violence too: 'lol my parents would kill me' is glued to the item 'vapes' (no punctuation; "
        "_reason_then_ban and _INLINE_CLAUSE do not cut before a reason mid-clause), and the item names violence "
        "(\\bkill); should be romance, sexual, tobacco",
    ),
    case(
        "no kissing boys!!! my dad will literally murder me 💀",
        {"romance", "sexual"},
        case_id="teen-dad-will-murder-me",
    ),
    case(
        "I don't mind kissing scenes but nothing beyond that",
        {"sexual"},
        case_id="kissing-fine-nothing-beyond",
        through="read the topic 'beyond' and no category (sexual LOST): only _CONTRAST ('anything more is not') "
        "knows _FURTHER/_GOES_FURTHER; 'nothing beyond that' after the allowance goes through the 'nothing X' form "
        "and leaves 'beyond'; should be sexual",
    ),
]


@pytest.mark.parametrize(FIELDS, FAMILY)
def test_parents_and_teens(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


# --- 4. Brand deals: the sponsor's competitors are banned, the sponsor is not --------------------------------------
BRAND_DEALS = [
    case(
        "Exclusive with Nike!! no Adidas, Puma, Reebok or Under Armour logos anywhere",
        set(),
        need=("adidas", "puma", "reebok", "under armour"),
        case_id="nike-exclusive-competitor-logos",
        through="read brands and lost 'under armour': the item 'under armour logos anywhere' names brands "
        "(\\blogos?\\b) in _with_categories and is no topic, so brands refuses the owner's own Nike deal and Under "
        "Armour is not banned; should be topics adidas, puma, reebok, under armour and no category",
    ),
    case(
        "I'm a Coca-Cola ambassador. Don't show me drinking Pepsi or any other soda brand!! Coke products only",
        # Written expecting no category. Decided since (round 21): the words around a name the categories do not
        # know keep their category, the stricter reading, because "drinking Corona" is beer; Pepsi is a topic too.
        {"alcohol"},
        need=("pepsi",),
        ok=("soda",),
        case_id="coca-cola-ambassador-pepsi",
        through="read alcohol, brands and drugs and lost Pepsi: the item 'drinking pepsi' names alcohol "
        "(\\bdrink), 'other soda brand' names brands, and 'coke products only' (no clause starter after '!!') is "
        "glued to the list and names drugs (\\bcoke\\b); should be the topic pepsi (soda) and no category",
    ),
    case(
        "Signed with Red Bull. Never show me drinking Monster or Celsius.",
        # As above: "drinking" keeps alcohol; "Monster" is no horror here, since "drinking" is around it.
        {"alcohol"},
        need=("monster", "celsius"),
        case_id="red-bull-monster-energy",
        through="read alcohol and horror and lost Monster: the item 'drinking monster' names alcohol (\\bdrink) and "
        "horror (monster) in _with_categories; an energy drink brand is neither; should be topics monster, celsius",
    ),
    case(
        "I'm sponsored by a tequila brand so alcohol is fine, but no drugs and no other liquor brands please",
        {"drugs"},
        ok=("liquor",),
        case_id="tequila-sponsor-other-liquor-brands",
        through="read alcohol and brands too: the item 'other liquor brands' names alcohol and brands in "
        "_with_categories although the clause before says 'alcohol is fine', so the owner's own sponsored tequila "
        "is refused; should be drugs (a topic for other liquor brands at most)",
    ),
]


@pytest.mark.parametrize(FIELDS, BRAND_DEALS)
def test_brand_deals(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


# --- 5. Recovery: alcohol, drugs, gambling, smoking -----------------------------------------------------------------
RECOVERY = [
    case(
        "I'm 6 years sober. Please don't show me drinking, in bars, or holding a beer. Not even as a joke.",
        {"alcohol"},
        case_id="sober-6-years",
    ),
    case(
        "I'm in recovery (NA). Please no weed, no pills, no partying scenes where people are using. Alcohol is ok.",
        {"drugs"},
        ok=("partying",),
        case_id="recovery-na-alcohol-ok",
    ),
    case(
        "recovering gambler. no casinos, no sports betting, no poker, no scratchers, no fantasy sports apps, none "
        "of it",
        {"gambling"},
        ok=("fantasy sports",),
        case_id="recovering-gambler",
    ),
    case(
        "Beer and wine are totally fine lol. Hard drugs are not.",
        {"drugs"},
        case_id="beer-wine-fine-hard-drugs-not",
    ),
    case(
        "Drinking is fine but I don't want to be shown drunk or throwing up.",
        set(),
        need=("drunk",),
        ok=("throwing up",),
        case_id="drinking-fine-not-drunk",
        through="read alcohol (refuses the drinking the owner allowed) and lost 'drunk' as a topic: _with_categories "
        "makes 'drunk' the alcohol category though 'drinking is fine' comes first; like _GOES_FURTHER's 'getting "
        "drunk', it should be the topic drunk (and throwing up), no category",
    ),
    case(
        "do not show me drinking alcohol period I have been sober for five years and I do not want my kids to see that",
        {"alcohol"},
        case_id="voice-to-text-period-kids-see",
        through="read the junk topic 'i do not want kids see': voice-to-text has no break, 'period' mid-sentence "
        "cuts nothing, and _LIST_SPLIT splits the 'do not show me' item at 'and', making the reason an item; "
        "should be alcohol and no topic",
    ),
]


@pytest.mark.parametrize(FIELDS, RECOVERY)
def test_recovery(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


# --- 6. Registers: voice-to-text, non-native, lists on lines, emoji, anger -----------------------------------------
REGISTERS = [
    case(
        "please dont make me do anything with guns or blood or fighting my mom watches all my videos and she would "
        "freak out also no cussing",
        {"violence", "profanity"},
        case_id="voice-to-text-mom-watches",
    ),
    case(
        "um yeah so basically no horror movies and uh nothing with spiders",
        {"horror"},
        need=("spiders",),
        case_id="voice-to-text-um-spiders",
        through="lost spiders: 'basically no horror movies and uh nothing with spiders' matches no _TOPIC_FORMS "
        "('basically' is not in _POLITE, and 'uh' stops _INLINE_CLAUSE's 'and nothing'), so the only-categories "
        "fallback in _parse_clause keeps horror and drops the topic spiders",
    ),
    case(
        "i dont do politics or religion on my page and i dont want my cameo doing it either",
        {"politics", "religion"},
        case_id="dont-do-politics-cameo-either",
        through="read the junk topic 'i dont want cameo doing': _INLINE_CLAUSE cuts at 'and' only before "
        "no/nothing/never/don't, not 'and i dont', so _LIST_SPLIT makes the second half an item of 'i dont do'; "
        "should be politics, religion and no topic",
    ),
    case(
        "I'm cool with most stuff but not gore or anything w/ needles",
        {"violence"},
        need=("needles",),
        case_id="cool-with-most-w-slash-needles",
        through="read the junk topic 'w': _LIST_SPLIT splits at '/' so 'anything w/ needles' leaves 'anything w' "
        "(an item 'w' that refuses texts with a 'w'); should be violence with the topic needles",
    ),
    case(
        "Not want my face in the videos of sexy or nakedness. Also not the violence. Very thank you",
        {"sexual", "violence"},
        case_id="non-native-very-thank-you",
        through="read the junk topic 'very thank you': '. Very thank you' starts with no clause starter, so "
        "restriction_clauses continues 'not the violence' with it and _SIGN_OFF knows only 'thank you'; should be "
        "sexual, violence and no topic",
    ),
    case(
        "I am not wanting my face in videos with weapons or war. Also no the nazi things.",
        {"violence"},
        need=("nazi",),
        case_id="non-native-not-wanting-weapons",
        through="lost violence: 'i am not wanting ...' matches _REASON ('i am') and no _TOPIC_FORMS ('not wanting' "
        "is not a form), so the whole clause is dropped as a reason; should be violence with the topic nazi",
    ),
    case(
        "por favor no alcohol ni cigarros, tampoco politica. gracias",
        {"alcohol", "tobacco", "politics"},
        case_id="spanish-english-tampoco",
    ),
    case(
        "no drinking no smoking no swearing and nothing where I'm kissing someone because I'm married",
        {"alcohol", "tobacco", "profanity", "romance", "sexual"},
        case_id="no-punctuation-married",
    ),
    case(
        "Hello, I'd appreciate it if my cameo wasn't used for any political messaging or anything to do with "
        "firearms. I'm happy with most other things.",
        {"politics", "violence"},
        case_id="polite-appreciate-it-if",
    ),
    case(
        "Hard limits:\n- politics\n- religion\n- anything sexual\n- gambling/betting apps",
        {"politics", "religion", "sexual", "gambling"},
        case_id="hard-limits-dash-list",
    ),
    case(
        "Things I don't want:\n1) me smoking or vaping\n2) me holding a gun\n3) me in a swimsuit or underwear",
        {"tobacco", "violence"},
        need=("swimsuit", "underwear"),
        case_id="numbered-list-swimsuit",
        through="lost swimsuit and underwear: the header 'things i don't want:' is no form, so each numbered line "
        "('me in a swimsuit or underwear') is a clause that matches no _TOPIC_FORMS and goes to the "
        "only-categories fallback in _parse_clause, which keeps tobacco/violence and drops the free-text items",
    ),
    case(
        "🚫🍺 🚫🚬 🚫💊 keep it chill ✌️",
        {"alcohol", "tobacco", "drugs"},
        case_id="emoji-only-no-beer-cig-pill",
    ),
    case(
        "no 🍑🍆 stuff, no 💉💊, no 🤬 pls 🙏",
        {"sexual", "drugs", "profanity"},
        case_id="emoji-peach-eggplant-pills-swearing",
    ),
    case(
        "I've had people put my face in disgusting stuff. NO porn, NO nudes, NO 'thirst traps'. If I see my face "
        "next to a gun I'm reporting you.",
        {"sexual", "violence"},
        words={"thirst traps"},
        case_id="angry-reporting-you-gun",
        through="lost violence: _AUDIENCE's '[\\w'-]+ see my' branch reads 'if i see my face next to a gun' as "
        "who watches, so _parse_clause returns nothing before its only-categories fallback could read 'gun'; "
        "should be sexual, violence",
    ),
]


@pytest.mark.parametrize(FIELDS, REGISTERS)
def test_registers(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
