"""Attack round 22 on the restriction parser (cameos/restrictions.py): whole answers to "What should never appear
with your cameo?" from owners whose job, faith, history or act shapes what they allow and what they ban.

Angle: personas round 20 did not use, in mixed registers (polite paragraphs, terse lists, angry caps, voice-to-text
with no punctuation, typos, emoji, text-speak): a nurse and doctors, lawyers, a cop and firefighters, veterans (one
with PTSD), therapists, school principals, K-pop fan teens, grandmothers, stand-up comics who allow edgy humor and
swearing but ban specific things, LGBTQ+ creators, fitness coaches, realtors, Hindu, Jewish, Sikh and Latter-day
Saint owners, people with PTSD or a death in the family, an adult creator who allows suggestive content but not
explicit, gamers who allow violent games but not real violence, chefs (alcohol in cooking is fine), bartenders and
poker pros (gambling is fine, drugs are not). Each case asserts the full set of categories a careful reader derives
(with the product's decided readings: ruling out romance rules out sexual content, "wholesome"/"keep it PG" is
sexual+violence+drugs+profanity, an allowance of a whole category needs its head word, a name keeps the category of
the words around it), the topics the owner named, no junk topic, and the banned words when quoted.

What got through clusters in: the owner's own title or reason read as a category ("Firefighter." is violence by
its "fight", "my church friends watch these" is religion, "im hindu" and "Jewish and I keep kosher" are religion,
"edgy humor is my whole brand" is brands and, with "swear all you want", profanity; a 😘 sign-off is romance);
allowances the parser does not know as allowances ("Cards, casinos, betting — all fine", "= all good", "that's
fine" after a reason, "Profanity is part of my act, so that's fine"), which then ban what the owner allowed; a ban
merged into the allowance before it ("Call of Duty ... clips are fine. Real violence, blood or gore isn't." loses
violence, "What's not fine: racist jokes..." after "swearing are FINE" loses everything, "Tasteful thirst traps ok.
Never: full nudity, ..." swallows the bans); forms it does not read ("STOP PUTTING ME IN ...", "no fireworks no
gunshots" in one breath with "w ptsd" before it, "anything with minors" after a list); words a category does not
know ("high in my scrubs", "overdoses", "inappropriate language", "endorsing", "cigerettes", "nekkid", "taking the
Lord's name in vain"); a category read from a word in another sense ("stan wars", "fights at the bar" when alcohol
is allowed); and junk topics ("before" from "before and after pics" and "before/after", "jokes" beside a quoted
word, "group" from "any group", "hindu" from "Hindu gods", "semper fi", "shabbat shalom", "hospitals thank you").

50 cases in 5 tests: 30 got through when written (each case's ``through`` says what the parser read, what it
should read, and where), 20 guards held. All 30 are fixed: a list does not go on past the end of its sentence; who
the owner is ("Firefighter.", "18+ creator", "Jewish and I keep kosher") is a reason; "that's fine", "all fine",
"= all good" answer the clause before; "X is part of my act", "swear all you want" and "obviously fine" are
allowances; a sentence that ends by denying ("... or gore isn't.") bans what it names; "What's not fine:", "Only
hard nos:", "Never:", "hard no on", "neither is" and "stop putting me in" are rule forms; ", and anything with ..."
goes on with the list; voice-to-text cuts at "please no", "my ... watch" and "im"; words people use ("high",
"overdoses", "inappropriate language", "endorsing", "cigerettes", "nekkid", "taking the Lord's name in vain");
words in another sense ("firefighter", "stan wars") and an allowed category beside another ("fights at the bar")
name nothing more; "before and after" is one thing; a quoted word before "jokes" is the ban; "any group" after
"hate on bts" is hate on any group (one expectation changed, with its reason); "mocking Hindu gods" is religion
without the topic "hindu"; "Semper Fi", "Shabbat shalom" and a closing 😘 are sign-offs.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, case, check

# --- 1. Owners with a job: medicine, law, first responders, the military, therapy, schools, real estate, fitness ---
JOBS = [
    case(
        "ER nurse here. No fake medical advice, no supplement ads, and nothing with me drunk or high in my scrubs.",
        {"alcohol", "drugs", "brands"},
        need=("medical advice",),
        ok=("high", "scrubs"),
        case_id="er-nurse-drunk-or-high-in-scrubs",
        through="read alcohol and brands with the topic 'high scrubs': drugs lost, 'high' is drugs only as 'get/being "
        "high' in the drugs recognise pattern, so 'drunk or high' splits into alcohol and a free topic; should be "
        "alcohol, drugs, brands",
    ),
    case(
        "I'm a physician and my patients find my videos. Don't make me prescribe anything, endorse products, or "
        "joke about overdoses.",
        {"brands", "drugs"},
        need=("prescrib",),
        ok=("overdose",),
        case_id="physician-prescribe-endorse-overdoses",
        through="read brands with topics 'prescribe', 'joke about overdoses': drugs lost, no drugs word knows "
        "'overdose' (categories_named_by); should be brands and drugs",
    ),
    case(
        "I'M A NURSE. STOP PUTTING ME IN FAKE VACCINE VIDEOS. NO NEEDLES, NO PATIENTS, NO HOSPITAL BEDS.",
        set(),
        need=("vaccine", "needle", "patient", "hospital"),
        case_id="nurse-caps-stop-putting-me-in",
        through="read topics 'needles', 'patients', 'hospital beds' only: the ban 'stop putting me in fake vaccine "
        "videos' is lost, no _TOPIC_FORMS reads 'stop putting me in', so the clause falls to categories only; "
        "should keep the topic 'fake vaccine videos'",
    ),
    case(
        "Attorney. I cannot appear to give legal advice or endorse any candidate or product. No political ads.",
        {"politics", "brands"},
        need=("legal advice",),
        case_id="attorney-legal-advice-endorse-guard",
    ),
    case(
        "Firefighter. Do not show me starting fires, playing with fireworks, or smoking — we see what that does.",
        {"tobacco"},
        need=("fires", "fireworks"),
        case_id="firefighter-title-reads-violence",
        through="read tobacco and violence: the title 'Firefighter.' alone falls to the categories-only reading and "
        "the violence pattern 'fight' finds 'firefighter'; should be tobacco with topics starting fires, fireworks",
    ),
    case(
        "Firefighter here, no smoking or vaping please",
        {"tobacco"},
        case_id="firefighter-here-guard",
    ),
    case(
        "Im a police officer so I cant be shown doing drugs, taking bribes, or at protests. No uniform stuff either",
        {"drugs", "politics"},
        need=("bribe", "uniform"),
        case_id="police-officer-cant-be-shown-guard",
    ),
    case(
        "combat vet w ptsd please no fireworks no gunshots no explosions no helicopter sounds thank you",
        {"violence"},
        need=("fireworks", "explosion", "helicopter"),
        ok=("gunshot",),
        case_id="combat-vet-voice-to-text-ptsd",
        through="read violence and no topics: fireworks, explosions and helicopter sounds are lost; the breath opens "
        "with a reason that has no reason word ('combat vet w ptsd'), so _reason_then_ban does not cut before 'no', "
        "the one clause matches no form and falls to categories only (violence from 'combat'/'gunshots'); should be "
        "violence with topics fireworks, explosions, helicopter sounds",
    ),
    case(
        "Marine veteran. I'm fine with war movies, just don't put me in uniform or make me salute, and nothing "
        "disrespecting the fallen.",
        set(),
        need=("uniform", "salute", "fallen"),
        case_id="marine-war-movies-fine-guard",
    ),
    case(
        "Vietnam vet. No fireworks. No helicopters. No war jokes. Semper Fi",
        {"violence"},
        need=("fireworks", "helicopter"),
        junk=("semper fi",),
        case_id="vietnam-vet-semper-fi-sign-off",
        through="read the topic 'semper fi': the Marine sign-off continues the list of 'no war jokes' (no starter "
        "word, not in _SIGN_OFF) and refuses texts near it; should be violence with fireworks, helicopters only",
    ),
    case(
        "I'm a licensed therapist. Please don't use my likeness to diagnose anyone, talk about suicide or self-harm, "
        "or give mental health advice.",
        {"violence"},
        need=("diagnos", "suicide", "mental health advice"),
        case_id="therapist-polite-guard",
    ),
    case(
        "I'm a therapist. Swearing is fine. But no mental illness jokes and no making fun of therapy.",
        set(),
        need=("mental illness", "therapy"),
        case_id="therapist-swearing-fine-guard",
    ),
    case(
        "Principal at Lincoln Middle. My rules: no vaping, no fighting, no bullying, no cheating on tests, no "
        "inappropriate language. Please and thank you.",
        {"tobacco", "violence", "profanity"},
        need=("bullying", "cheating"),
        ok=("inappropriate language",),
        case_id="principal-rules-inappropriate-language",
        through="read tobacco and violence with the topic 'inappropriate language': profanity lost, the profanity "
        "pattern knows 'bad/strong/rude ... language' but not 'inappropriate language'; should add profanity",
    ),
    case(
        "Licensed realtor in Texas. I can't be shown making promises about home prices or investment returns, or "
        "endorsing any lender. No politics.",
        {"politics", "brands"},
        need=("home prices", "investment"),
        ok=("lender",),
        case_id="realtor-endorsing-any-lender",
        through="read politics with the topic 'endorsing lender': brands lost, the brands pattern 'endorse' does not "
        "match 'endorsing' (the e is dropped); should be politics and brands",
    ),
    case(
        "Fitness coach 💪 No before/after body transformations, no steroids or other drugs, no alcohol. Protein "
        "shakes ✅",
        {"drugs", "alcohol"},
        need=("transformation",),
        ok=("steroids", "before/after", "before and after"),
        junk=("before",),
        case_id="fitness-before-after-slash",
        through="read the topic 'before' (and 'after body transformations'): _LIST_SPLIT cuts 'before/after' at the "
        "slash, and the topic 'before' refuses every text with the word; should keep 'before/after body "
        "transformations' whole",
    ),
]

# --- 2. Faith and identity: Hindu, Jewish, Sikh, Latter-day Saint, Baptist, LGBTQ+ ---------------------------------
FAITH_AND_IDENTITY = [
    case(
        "I'm Hindu, so please no beef, no mocking Hindu gods or festivals, and nothing disrespecting cows 🐄",
        {"religion"},
        need=("beef", "festival", "cows"),
        junk=("hindu",),
        case_id="hindu-mocking-gods-name-topic",
        through="read religion with the junk topic 'hindu': 'Hindu' is a capitalised name (_capitalised_names) and "
        "_name_in keeps it as a topic, so every text that says Hindu is refused; should be religion with beef, "
        "festivals, cows",
    ),
    case(
        "please dont show me eating beef im hindu and also no drinking",
        {"alcohol"},
        need=("beef",),
        case_id="hindu-voice-to-text-eating-beef",
        through="read alcohol and religion, no topic: 'and also no' does not cut a clause (_INLINE_CLAUSE needs "
        "'and no'), so 'eating beef im hindu' is one item with the reason glued on, 'hindu' makes it religion and the "
        "beef ban is lost; should be alcohol with the topic eating beef",
    ),
    case(
        "Jewish and I keep kosher. No pork or shellfish, no Holocaust jokes, nothing with Nazi imagery. Shabbat shalom",
        set(),
        need=("pork", "shellfish", "holocaust", "nazi"),
        junk=("shabbat shalom",),
        case_id="jewish-keep-kosher-shabbat-shalom",
        through="read religion and the topic 'shabbat shalom': the reason 'Jewish and I keep kosher' falls to the "
        "categories-only reading ('jewish' is religion), and the sign-off continues the last list; should be no "
        "category, topics pork, shellfish, holocaust jokes, nazi imagery",
    ),
    case(
        "Sikh here. never show me without my turban, cutting my hair or beard, smoking or drinking. Do not make fun of "
        "the kirpan.",
        {"tobacco", "alcohol"},
        need=("turban", "hair", "kirpan"),
        ok=("beard",),
        case_id="sikh-turban-hair-guard",
    ),
    case(
        "LDS member — no coffee, no tea, no alcohol, no tobacco, and please don't mock the temple or missionaries.",
        {"alcohol", "tobacco", "religion"},
        need=("coffee", "tea", "missionar"),
        case_id="lds-word-of-wisdom-guard",
    ),
    case(
        "I am 78 years old and a Baptist. I don't want to be in anything with drinking, gambling or taking the "
        "Lord's name in vain.",
        {"alcohol", "gambling", "profanity"},
        ok=("lord's name",),
        case_id="baptist-grandma-lords-name-in-vain",
        through='read alcohol and gambling with the topic "taking lord\'s name vain": profanity lost, no profanity '
        "word knows taking the Lord's name in vain (swearing by God's name); should add profanity",
    ),
    case(
        "Queer creator here 🏳️‍🌈 No homophobic or transphobic jokes, no slurs, nothing mocking pride. Kissing my "
        "boyfriend is fine.",
        {"profanity"},
        need=("homophobic", "transphobic", "pride"),
        case_id="queer-creator-kissing-fine-guard",
    ),
    case(
        "as a trans woman: no deadnaming, no before and after pics, no jokes about my body",
        set(),
        need=("deadnam", "body"),
        ok=("after pics", "before and after"),
        junk=("before",),
        case_id="trans-before-and-after-pics",
        through="read the topic 'before' beside 'after pics': _LIST_SPLIT cuts 'before and after pics' at 'and', "
        "and the topic 'before' refuses every text with the word; should keep 'before and after pics' whole",
    ),
    case(
        "trans creator. no misgendering, no deadnaming, and NO 'trap' jokes",
        set(),
        need=("misgender", "deadnam"),
        junk=("jokes",),
        words={"trap"},
        case_id="trans-quoted-trap-jokes",
        through="read the word 'trap' and the topic 'jokes': with the quote taken out, what is left of the item is "
        "'jokes', a topic that refuses every joke; should be the word trap only (and the two topics)",
    ),
]

# --- 3. The young and the old: K-pop fan teens, grandmothers, a school principal on the phone ------------------------
YOUNG_AND_OLD = [
    case(
        "pls dont put me w/ any idol dating rumors or shipping me w anyone 😭😭 also no hate on bts or any group!!",
        {"romance", "sexual"},
        need=("shipping", "bts"),
        # Written with only "hate on bts" allowed as a topic. "or any group" reads as hate on any group, on purpose.
        ok=("hate on",),
        junk=("group",),
        case_id="kpop-teen-any-group",
        through="read the junk topic 'group': 'no hate on bts or any group' is split at 'or' and 'any group' loses "
        "'any' as filler, so every text with a group is refused; should be one topic (hate on bts or any group)",
    ),
    case(
        "NO FANWARS NO SASAENG STUFF NO KISSING im 15",
        {"romance", "sexual"},
        need=("fanwar", "sasaeng"),
        case_id="kpop-teen-caps-guard",
    ),
    case(
        "K-pop stan here ✨ no solo stan wars, no hate comments about other idols, and no romance with idols pls",
        {"romance", "sexual"},
        need=("stan wars", "idols"),
        case_id="kpop-stan-wars",
        through="read violence from 'solo stan wars' (the pattern \\bwars?\\b), and lost the topic: fan wars are "
        "online arguments, not combat; should be romance (and sexual) with topics stan wars, hate comments",
    ),
    case(
        "no alchol or cigerettes or kissing!!! im only 14 🥺",
        {"alcohol", "tobacco", "romance", "sexual"},
        ok=("cigerettes",),
        case_id="teen-typo-cigerettes",
        through="read alcohol and romance with the topic 'cigerettes': tobacco lost, _SPELLINGS mends 'alchol' but no "
        "tobacco word knows the misspelling 'cigerettes'; should add tobacco",
    ),
    case(
        "Hello dear, this is Grandma Rose. I don't want any cussing or naked people or those scary zombie things in my "
        "videos. My grandson set this up for me. Love, Nana",
        {"profanity", "sexual", "horror"},
        case_id="grandma-rose-polite-guard",
    ),
    case(
        "no smoking no drinking and no bad words my church friends watch these",
        {"tobacco", "alcohol", "profanity"},
        case_id="grandma-church-friends-watch",
        through="read religion too: 'my church friends watch these' is glued to 'no bad words' (no cut before an "
        "audience inside a piece), so 'church' names religion; should be tobacco, alcohol, profanity",
    ),
    case(
        "Nana here!! no cussin no nekkid stuff n no politics pls 😘",
        {"profanity", "sexual", "politics"},
        ok=("nekkid",),
        case_id="nana-nekkid-kiss-emoji",
        through="read romance from the 😘 sign-off ('face blowing a kiss' names romance), and sexual only through "
        "romance; 'nekkid' (naked) is the topic 'nekkid n'; should be profanity, sexual, politics, no romance",
    ),
]

# --- 4. Allowed in their line of work: comics, an adult creator, gamers, chefs, bartenders, poker pros ---------------
ALLOWANCES = [
    case(
        "Stand-up comic so dark humor and swearing are FINE. What's not fine: racist jokes, jokes about my kids, and "
        "anything mocking disabled people.",
        set(),
        need=("racist", "kids", "disabled"),
        case_id="standup-whats-not-fine-header",
        through="read nothing at all: a ':' cuts only at the end of a line, so \"what's not fine: racist jokes, "
        "jokes about my kids\" stays inside the allowance 'dark humor and swearing are fine', and the clause "
        "'anything mocking disabled people' matches no form and names no category; should be the topics racist "
        "jokes, jokes about my kids, mocking disabled people",
    ),
    case(
        "I'm a comedian — roast me all you want, cursing is fine. Just no politics and no religion jokes, I keep my act "
        "out of that.",
        {"politics", "religion"},
        case_id="comedian-roast-me-guard",
    ),
    case(
        "edgy humor is my whole brand, swear all you want. Only hard nos: jokes about my late mother, and anything "
        "with kids in it.",
        set(),
        need=("mother", "kids"),
        case_id="comic-whole-brand-swear-all-you-want",
        through="read brands and profanity, no topic: 'edgy humor is my whole brand, swear all you want' is one clause "
        "of no form, so the categories-only reading takes brands from 'brand' and profanity from 'swear'; 'only "
        "hard nos: ...' matches no form (the leading 'only' is not dropped) and 'anything with kids in it' is no "
        "form either, so both bans are lost; should be no category, topics jokes about my late mother, kids",
    ),
    case(
        "Comedian. Profanity is part of my act, so that's fine. But no jokes about cancer, my divorce, or my kids.",
        set(),
        need=("cancer", "divorce", "kids"),
        case_id="comedian-profanity-part-of-act",
        through="read profanity: 'comedian, profanity is part of my act' is one clause of no form (the 'so that's "
        "fine' after it is cut off as a clause of its own), so the categories-only reading bans the profanity the "
        "owner allowed; should be no category, topics jokes about cancer, divorce, kids",
    ),
    case(
        "Spicy/suggestive stuff is ok with me. Nudity and explicit sex are NOT.",
        {"sexual"},
        case_id="adult-creator-suggestive-ok-guard",
    ),
    case(
        "18+ creator. Tasteful thirst traps ok. Never: full nudity, sex acts, anything with minors or anyone looking "
        "underage.",
        {"sexual"},
        need=("minors", "underage"),
        case_id="adult-creator-never-list-minors",
        through="read sexual (only from the reason '18+ creator') and no topic: 'never: full nudity, sex acts' is "
        "glued to the allowance 'tasteful thirst traps ok', and 'anything with minors or anyone looking underage' "
        "is dropped; should be sexual with topics minors, looking underage",
    ),
    case(
        "gamer so fps/violent video games are totally fine, but no real-life violence, no school shooting stuff, no "
        "real guns",
        set(),
        need=("real-life violence", "school shooting", "guns"),
        case_id="gamer-violent-games-fine-guard",
    ),
    case(
        "Call of Duty and Fortnite clips are fine. Real violence, blood or gore isn't.",
        {"violence"},
        junk=("call of duty", "duty", "fortnite"),
        ok=("real violence",),
        case_id="gamer-call-of-duty-fine-real-violence-isnt",
        through="read topics 'blood', 'gore' and no violence: 'Real violence' (no starter word) continues the "
        "allowance 'call of duty and fortnite clips are fine' across the full stop, so _allowed_categories finds "
        "the head word 'violence' in an allowance and 'blood or gore' become topics; the allowance is of games, "
        "not violence, so should be violence",
    ),
    case(
        "Chef. Alcohol in cooking is fine (wine sauces, flambé etc). No drinking on camera, no drunk chef bits.",
        set(),
        need=("drinking", "drunk"),
        case_id="chef-alcohol-in-cooking-guard",
    ),
    case(
        "Chef here. Cooking with wine or beer is fine, it's part of the job. No getting drunk, no drugs, no knife "
        "fights.",
        {"alcohol", "drugs", "violence"},
        case_id="chef-wine-beer-no-head-word-guard",
    ),
    case(
        "Bartender 🍸 alcohol is obviously fine. No drugs, no drunk driving, no fights at the bar.",
        {"drugs", "violence"},
        need=("drunk driving",),
        case_id="bartender-fights-at-the-bar",
        through="read alcohol too: 'fights at the bar' names violence and alcohol ('bar'), and since violence is not "
        "allowed the item keeps both, banning the alcohol the owner allowed; should be drugs and violence",
    ),
    case(
        "I bartend so alcohol's fine but no drugs, no fights, and don't make me look like I'm over-serving",
        {"drugs", "violence"},
        need=("over-serving",),
        case_id="bartender-alcohols-fine-guard",
    ),
    case(
        "Poker pro. Cards, casinos, betting — all fine, that's my life. Drugs and pills are NOT fine, neither is "
        "anything about cheating.",
        {"drugs"},
        need=("cheating",),
        case_id="poker-pro-all-fine-cheating",
        through="read drugs and gambling, no topic: the dash cuts 'all fine' off 'poker pro, cards, casinos, betting', "
        "which the categories-only reading takes for gambling, the owner's living; 'neither is anything about "
        "cheating' is glued to 'drugs and pills are not fine' and lost; should be drugs with the topic cheating",
    ),
    case(
        "poker/blackjack/sports betting = all good. hard no on drugs, cocaine jokes, or anything showing me high",
        {"drugs"},
        case_id="poker-equals-all-good",
        through="read drugs and gambling: 'hard no on drugs' continues the piece ('hard' is no starter), the "
        "clause 'poker/blackjack/sports betting = all good, hard no on drugs' matches no form ('= all good' is no "
        "allowance, only '= no' is, _SAID_NO), and the categories-only reading takes gambling; should be drugs only",
    ),
    case(
        "Gambling is literally my job so that's fine. Drugs are NOT. Neither is booze, I'm sober.",
        {"drugs", "alcohol"},
        case_id="gambler-literally-my-job-thats-fine",
        through="read gambling, drugs, alcohol: 'gambling is literally my job' is no allowance and 'so that's fine' "
        "is read on its own, so gambling is banned; should be drugs and alcohol",
    ),
]

# --- 5. Grief and trauma: PTSD, violence survivors, a death in the family -------------------------------------------
GRIEF_AND_TRAUMA = [
    case(
        "I have PTSD from a car accident. No car crashes, no sirens, no hospital scenes. Please.",
        set(),
        need=("car crash", "siren", "hospital"),
        case_id="ptsd-car-accident-guard",
    ),
    case(
        "DV survivor. NO domestic violence, no yelling, no someone grabbing me.",
        {"violence"},
        need=("yelling", "grabbing"),
        case_id="dv-survivor-guard",
    ),
    case(
        "my mom passed away in march so please nothing with funerals or caskets or people dying or hospitals thank you",
        set(),
        need=("funeral", "casket", "dying", "hospital"),
        junk=("hospitals thank you",),
        case_id="mom-passed-voice-to-text-thank-you",
        through="read the topic 'hospitals thank you': the sign-off with no comma stays glued to the last item "
        "(_ITEM_TAIL drops 'thanks' but not 'thank you'); should be the topic hospitals",
    ),
    case(
        "lost my son to an overdose. absolutely no drug jokes, no pills, no one passing out",
        {"drugs"},
        need=("passing out",),
        case_id="son-overdose-guard",
    ),
]


@pytest.mark.parametrize(FIELDS, JOBS)
def test_owners_with_a_job(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, FAITH_AND_IDENTITY)
def test_faith_and_identity(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, YOUNG_AND_OLD)
def test_young_and_old(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, ALLOWANCES)
def test_allowed_in_their_line_of_work(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, GRIEF_AND_TRAUMA)
def test_grief_and_trauma(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
