"""Attack round 24 on the restriction parser (cameos/restrictions.py): whole answers to "What should never appear
with your cameo?" that mix, in one text, what the earlier rounds tried one at a time: a reason (who the owner is),
an allowance of one thing, bans of its neighbours and a sign-off; lists on lines under a header, emoji, voice-to-text
with no punctuation, typos, non-native English and capitals.

Angle: new personas whose job or history allows one thing and bans the thing next to it: a youth soccer coach, a
flight attendant, a tattoo artist, a nun, a rapper (swearing allowed), a wine influencer and a sommelier (alcohol
allowed, drunkenness and drugs banned), dispensary workers in a legal state (weed allowed, hard drugs banned, read
with the decided rule that an allowance of a whole category needs its head word, so "weed is fine" leaves drugs
banned), horror fans (horror allowed, real gore banned), boxing coaches (boxing allowed, street fights banned: contact
sports are not violence), dating coaches (romance and flirting allowed, sexual content banned), a crypto skeptic, a
vegan activist, a widow and a widower, recovering gamblers and a person with a stalker (no location, no home, no car
plates). Each case asserts the full set of categories a careful reader derives (PG = {sexual, violence, drugs,
profanity}; ruling out romance rules out sexual), the topics named, no junk topic, and the quoted words.

What got through: bans lost ("no airline logos" loses brands; "NO fake emergencies" after "please:", "gang signs"
after "What I don't want:", "no real addresses" after "PLEASE:", and "my car or license plate, my kids' school" all
vanish; "getting wasted, puking" under "Hard no:" lose their topics); allowances broken ("so swear all you want"
after "Cussing is part of my music", "horror content is fine!!", "scary stuff ... are all fine", "flirting, dates and
romance are fine, that's literally my content", "Alcohol = fine", "drinking on camera is ok", "alcohol is obviously
fine" before "sloppy drunk", and a "✅" line under a "rules:" header all still ban what they allow); who the owner is
read as a category ("Vegan activist" is politics, "Wine influencer" and "I sell it" are brands, "it kills the vibe"
is violence, "never make me promote Bitcoin" is brands despite "Other sponsors are ok"); and reasons or sign-offs
glued to a topic ("energy drinks coach mike", "clowns i hate clowns", "real i have restraining order against").

45 cases in 5 tests: 20 got through when written (each ``got_through`` case says what the parser read), 25 guards
held. All 20 are fixed: items before an allowance or an "= absolutely NOT" in their sentence share it ("so
flirting, dates and romance are fine"; "Drunk driving, blackout drinking, or underage drinking = absolutely NOT");
an emoji right after who the owner is ("Wine influencer 🍷", "Sommelier here 🍷") is decoration; "please:" leads a
rule; "What I don't want:" and "Hard no:" head lists; a possessive item may be two words ("my kids' school", "my
car or license plate"); logos and products are no brand of their own beside another category ("other tobacco
products"), and "airline logos" are brands; "X is part of my music", "is my favorite genre", "are all fine",
"Alcohol = fine" are allowances; "I sell it", "I review wines for a living", "it kills the vibe" are reasons; a
header's "no" reaches only the first piece of each line; "i hate clowns" and "i have a restraining order" start
clauses; a sign-off with a name ("thanks coach mike") is no part of an item; "real" beside other items is a
qualifier.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, PG, case, check


def got_through(what: str, text: str, categories: set[str], **kwargs):
    """A case that got through when the round was written: ``what`` says what the parser read then and what it
    should read. All are fixed."""
    return case(text, categories, **kwargs)


# --- 1. Jobs with a uniform, a team or a shop: a youth soccer coach, a flight attendant, a tattoo artist ---------------
JOBS = [
    case(
        "Youth soccer coach here ⚽ I coach U10 girls so keep it PG. No beer, no betting on games, and nothing with the kids' faces or names.",
        PG | {"alcohol", "gambling"},
        need=("kids",),
        ok=("faces", "names"),
        case_id="soccer-coach-pg-beer-betting-kids",
    ),
    got_through(
        "glued the sign-off to the ban: topic 'energy drinks coach mike'; should be profanity, violence and the topic energy drinks",
        "coach of a under 12 team parents follow my page so no cursing no fighting and no energy drinks either thanks coach mike",
        {"profanity", "violence"},
        need=("energy drinks",),
        junk=("thanks coach mike", "coach mike", "energy drinks coach mike"),
        case_id="soccer-coach-voice-energy-drinks",
    ),
    got_through(
        "read the allowed line '✅ celebrating goals, dancing, silly stuff' as bans under the header: topics 'celebrating goals', 'dancing', 'silly'; should be gambling, violence, tobacco and only the topic yelling at refs",
        "Coach rules for my cameo:\n🚫 betting on youth games\n🚫 yelling at refs or fighting\n🚫 vaping\n✅ celebrating goals, dancing, silly stuff",
        {"gambling", "violence", "tobacco"},
        need=("yelling",),
        ok=("refs",),
        junk=("celebrating goals", "dancing", "silly stuff"),
        case_id="soccer-coach-rules-emoji-lines",
    ),
    case(
        "Youth soccer coach. Please no alcohol or smoking, no fights between parents, no swearing at refs. Celebrations and trash talk between friends are fine.",
        {"alcohol", "tobacco", "violence", "profanity"},
        ok=("refs", "parents"),
        junk=("trash talk between friends", "celebrations"),
        case_id="soccer-coach-trash-talk-fine",
    ),
    got_through(
        "read 'no airline logos' as the topic 'airline' and lost brands; should be brands (logos) and alcohol, topics uniforms and plane crashes",
        "I'm a flight attendant and my airline has strict social media rules. Please no uniforms, no airline logos, no drinking (even mini bottles), and nothing about plane crashes.",
        {"brands", "alcohol"},
        need=("uniform", "plane crash"),
        ok=("airline", "mini bottles"),
        case_id="flight-attendant-uniform-logos-crashes",
    ),
    case(
        "I am working as flight attendant. Not want video of me drunk on plane or smoking in toilet. Also no fake passenger fights please.",
        {"alcohol", "tobacco", "violence"},
        ok=("plane", "toilet", "passenger"),
        junk=("flight attendant", "working as flight attendant"),
        case_id="flight-attendant-non-native",
    ),
    got_through(
        "lost 'NO fake emergencies' after 'please:' (no topic at all); should be PG + brands and the topic fake emergencies",
        "Flight attendant ✈️. Keep it family friendly and please: NO fake emergencies, no passengers getting punched, no airline brand names.",
        PG | {"brands"},
        need=("emergenc",),
        ok=("airline", "passenger"),
        case_id="flight-attendant-family-friendly-emergencies",
    ),
    got_through(
        "lost 'gang signs' in the list after 'What I don't want:' (no topic); should be drugs, violence and the topic gang signs",
        "Tattoo artist 🖋️ tattoos and piercings are totally fine, that's my life. What I don't want: drug needles, gang signs, or blood and gore.",
        {"drugs", "violence"},
        need=("gang sign",),
        ok=("needle",),
        junk=("tattoos", "piercings", "tattoo artist"),
        case_id="tattoo-artist-header-gang-signs",
    ),
    case(
        "i do tattoos for a living so ink is fine lol but NO racist or hate symbols, no swastikas, and dont put my shop name or logo in anything",
        {"brands"},
        need=("swastika", "racist"),
        ok=("hate symbol", "shop name"),
        junk=("ink", "tattoos"),
        case_id="tattoo-artist-hate-symbols-shop-logo",
    ),
]

# --- 2. Faith and grief: a nun, a widow and a widower ------------------------------------------------------------------
FAITH_AND_GRIEF = [
    case(
        "I am a Catholic sister (nun). Please do not show me with men in a romantic way, no drinking, no gambling, and nothing mocking the Church or Our Lady. God bless you.",
        {"romance", "sexual", "alcohol", "gambling", "religion"},
        ok=("men", "our lady", "church"),
        junk=("nun", "catholic sister", "god bless you"),
        case_id="nun-romance-drinking-mocking-church",
    ),
    case(
        "Sister Mary Agnes here. No nun costumes on anyone else, no swearing and no violence. Thank you and peace be with you.",
        {"profanity", "violence"},
        need=("nun costume",),
        junk=("peace be with you", "sister mary agnes here", "sister mary agnes"),
        case_id="nun-sister-costumes-peace",
    ),
    case(
        "i am a nun so please no alcohol no cigarettes and nothing immodest no bikinis or lingerie and no making fun of prayer",
        {"alcohol", "tobacco", "sexual", "religion"},
        ok=("immodest", "bikini"),
        junk=("nun", "i am a nun"),
        case_id="nun-voice-immodest-prayer",
    ),
    case(
        "My husband passed away in March. Please no weddings, no funerals, no romantic stuff with anyone, and no jokes about death or widows.",
        {"romance", "sexual"},
        need=("funeral", "death"),
        ok=("widow",),
        junk=("march", "husband"),
        case_id="widow-weddings-funerals-death-jokes",
    ),
    case(
        "I lost my husband last year to car accident. Do not put me in car crash or ambulance video, no hospital, no dating content pls 🙏",
        {"romance", "sexual"},
        need=("car crash", "ambulance", "hospital"),
        junk=("car accident", "husband"),
        case_id="widow-car-accident-non-native",
    ),
    case(
        "Since my wife died I can't handle certain things: no hospitals, no cancer storylines, no love songs or couples kissing. Everything else is ok ❤️",
        {"romance", "sexual"},
        need=("hospital", "cancer"),
        ok=("love songs",),
        junk=("certain things", "everything else"),
        case_id="widower-cancer-everything-else-ok",
    ),
]

# --- 3. One thing allowed, its neighbour banned: rapper, wine, dispensary, horror fan, boxing, dating coach ------------
ALLOW_ONE_BAN_ANOTHER = [
    got_through(
        "banned profanity the owner allowed ('Cussing is part of my music so swear all you want'); should be violence and drugs only",
        "Rapper. Cussing is part of my music so swear all you want. But no guns and no drug dealing skits.",
        {"violence", "drugs"},
        junk=("rapper", "music"),
        case_id="rapper-swear-all-you-want-guns-dealing",
    ),
    case(
        "I RAP SO EXPLICIT LYRICS ARE FINE. NO GANG SIGNS, NO POLICE SHOOTINGS, NO POLITICS.",
        {"violence", "politics"},
        need=("gang sign",),
        ok=("police",),
        case_id="rapper-caps-explicit-lyrics-fine",
    ),
    case(
        "Swearing is fine I'm a rapper 🎤 but nothing with my mom in it, no snitch jokes, no politicians",
        {"politics"},
        need=("mom", "snitch"),
        junk=("rapper",),
        case_id="rapper-mom-snitch-politicians",
    ),
    got_through(
        "read alcohol (from 'sloppy drunk', though 'alcohol is obviously fine') and brands (the reason 'Wine influencer'); should be drugs and the topics sloppy drunk / drunk driving",
        "Wine influencer 🍷 so alcohol is obviously fine! But never show me sloppy drunk, drunk driving, or anything with drugs.",
        {"drugs"},
        need=("drunk",),
        junk=("wine influencer",),
        case_id="wine-influencer-sloppy-drunk-drugs",
    ),
    got_through(
        "read alcohol though 'drinking on camera is ok', and lost the topics 'getting wasted' and 'puking'; should be drugs and the topics wasted and puking",
        "I review wines for a living, drinking on camera is ok. Hard no: getting wasted, puking, weed, pills.",
        {"drugs"},
        need=("wasted", "puking"),
        ok=("weed", "pills"),
        case_id="wine-reviewer-hard-no-wasted-weed",
    ),
    got_through(
        "'Alcohol = fine' not read as an allowance and '... = absolutely NOT' read as the whole alcohol category, the topics lost; should be tobacco and the topics drunk driving, blackout drinking, underage drinking",
        "Sommelier here 🍷 Alcohol = fine. Drunk driving, blackout drinking, or underage drinking = absolutely NOT. Also no smoking, I hate it.",
        {"tobacco"},
        need=("drunk driving", "blackout", "underage"),
        junk=("sommelier",),
        case_id="sommelier-equals-absolutely-not",
    ),
    case(
        "I work at a dispensary in Colorado, weed is legal here and it's fine to show. NOT ok: cocaine, meth, pills, needles, or anything with minors.",
        {"drugs"},
        need=("minors",),
        ok=("cocaine", "meth", "pills", "needles"),
        junk=("colorado", "dispensary"),
        case_id="dispensary-weed-fine-hard-drugs-not",
    ),
    case(
        "budtender here 🌿 cannabis content is cool with me but no hard drugs, no smoking cigarettes, no driving high",
        {"drugs", "tobacco"},
        ok=("hard drugs", "driving high", "cigarettes"),
        junk=("budtender", "cannabis content"),
        case_id="budtender-cannabis-cool-hard-drugs",
    ),
    got_through(
        "read brands from 'I sell it lol' (the owner's job, a reason); should be drugs and profanity",
        "Dispensary worker in a legal state. Weed is fine, I sell it lol. Fentanyl, heroin, coke = hard NO. Also no swearing.",
        {"drugs", "profanity"},
        ok=("fentanyl", "heroin", "coke"),
        junk=("i sell it", "weed"),
        case_id="dispensary-equals-hard-no-swearing",
    ),
    got_through(
        "banned horror the owner allowed ('Huge horror fan so scary stuff, ghosts, zombies are all fine'); should be violence only",
        "Huge horror fan so scary stuff, ghosts, zombies are all fine 👻. No real gore though, no animal cruelty, and no self-harm.",
        {"violence"},
        ok=("animal cruelty", "self-harm", "self harm", "gore"),
        junk=("ghosts", "zombies", "scary stuff"),
        case_id="horror-fan-real-gore-animal-cruelty",
    ),
    got_through(
        "glued the reason to the ban: topic 'clowns i hate clowns'; should be violence and the topic clowns",
        "horror movies are fine by me so jump scares are ok but i dont want real blood or anybody actually getting hurt and no clowns i hate clowns",
        {"violence"},
        need=("clown",),
        ok=("blood", "hurt"),
        junk=("jump scares", "clowns i hate clowns"),
        case_id="horror-fan-voice-clowns",
    ),
    got_through(
        "banned horror the owner allowed ('horror content is fine!!'); should be violence and the topics crime footage, dead animals",
        "Horror is my favorite genre so horror content is fine!! But no real-life violence, no real crime footage and nothing with dead animals.",
        {"violence"},
        need=("crime", "dead animals"),
        case_id="horror-genre-real-crime-dead-animals",
    ),
    case(
        "Boxing coach 🥊 sparring and boxing in the ring are fine. No street fights, no knives or guns, no bloody faces.",
        {"violence"},
        ok=("street fights", "bloody faces"),
        junk=("sparring", "boxing"),
        case_id="boxing-coach-street-fights-knives",
    ),
    case(
        "I teach boxing to teens. Gloves on = fine. Bare knuckle, street brawls, bullying = NO. Also no betting on fights.",
        {"violence", "gambling"},
        need=("bullying",),
        ok=("bare knuckle", "street brawls"),
        junk=("gloves on",),
        case_id="boxing-teens-equals-no-betting",
    ),
    case(
        "boxing is my job so boxing matches ok. what's not ok: guns, fights outside the gym, gambling on fights, trash talk with slurs",
        {"violence", "gambling", "profanity"},
        ok=("fights outside the gym", "trash talk"),
        junk=("boxing matches",),
        case_id="boxing-whats-not-ok-slurs",
    ),
    got_through(
        "banned romance the owner allowed ('flirting, dates and romance are fine, that's literally my content'); should be sexual only",
        "Dating coach 💕 so flirting, dates and romance are fine, that's literally my content. Nothing sexual, no nudes, no hookup apps.",
        {"sexual"},
        ok=("hookup",),
        junk=("dating coach", "flirting", "dates"),
        case_id="dating-coach-flirting-fine-hookup-apps",
    ),
    case(
        "im a datin coach, kissing ok, holding hands ok, no sex stuff, no cheating storylines, dont show me with my ex",
        {"sexual"},
        need=("cheating", "ex"),
        junk=("holding hands", "datin coach"),
        case_id="dating-coach-typos-cheating-ex",
    ),
    got_through(
        "read violence from the reason 'it kills the vibe'; should be sexual and politics",
        "DATING COACH. Romance and flirting: YES. Sexual content, thirst traps, or anything explicit: NO. Also no politics, it kills the vibe.",
        {"sexual", "politics"},
        junk=("dating coach", "it kills the vibe"),
        case_id="dating-coach-caps-yes-no",
    ),
]

# --- 4. Causes and recovery: a crypto skeptic, a vegan activist, a recovering gambler ----------------------------------
CAUSES_AND_RECOVERY = [
    case(
        "No crypto, no NFTs, no 'to the moon' pump videos. Bitcoin bros can find someone else 🙄",
        set(),
        need=("crypto", "nft"),
        ok=("pump", "to the moon"),
        junk=("bitcoin bros can find someone else",),
        words={"to the moon"},
        case_id="crypto-skeptic-quoted-to-the-moon",
    ),
    case(
        "No ads for crypto exchanges, forex trading or NFT drops. Regular brand deals are fine tho.",
        set(),
        need=("crypto", "forex", "nft"),
        junk=("regular brand deals",),
        case_id="crypto-skeptic-ads-brand-deals-fine",
    ),
    got_through(
        "read brands from 'never make me promote Bitcoin' though 'Other sponsors are ok'; should be no category, the topics bitcoin, dogecoin and the word 'passive income'",
        'Crypto skeptic 😂 never make me promote Bitcoin, Dogecoin, or any "passive income" scheme. Other sponsors are ok.',
        set(),
        need=("bitcoin", "dogecoin"),
        ok=("passive income", "scheme"),
        junk=("crypto skeptic", "other sponsors"),
        words={"passive income"},
        case_id="crypto-skeptic-passive-income-quoted",
    ),
    got_through(
        "read politics from who the owner is ('Vegan activist'); should be no category, only the topics",
        "Vegan activist 🌱. Please never show me eating meat, dairy, eggs or wearing leather/fur. No hunting or fishing either, and no circus or zoo animals.",
        set(),
        need=("meat", "dairy", "eggs", "leather", "fur", "hunting", "fishing", "circus", "zoo"),
        junk=("vegan activist",),
        case_id="vegan-activist-meat-leather-zoo",
    ),
    case(
        "im vegan so no meat no cheese no milk and no brands like mcdonalds or kfc thanks",
        {"brands"},
        need=("meat", "cheese", "milk"),
        ok=("mcdonalds", "kfc"),
        junk=("vegan",),
        case_id="vegan-voice-brands-like-mcdonalds",
    ),
    case(
        "7 years clean from gambling. No casinos, no sports betting apps, no poker nights, no scratch cards, not even for a joke. Drinking is ok.",
        {"gambling"},
        ok=("apps",),
        junk=("drinking",),
        case_id="recovering-gambler-drinking-ok",
    ),
    case(
        "Recovering gambling addict, so obviously no gambling. Board games are fine but NO loot boxes, crypto trading or fantasy football for money.",
        {"gambling"},
        need=("loot box", "crypto"),
        ok=("fantasy football",),
        junk=("board games",),
        case_id="recovering-gambler-loot-boxes",
    ),
    case(
        "I am in recovery for gambling addiction. no casino, no apuestas, no lottery tickets. alcohol also no please, it is my trigger too",
        {"gambling", "alcohol"},
        ok=("apuestas",),
        junk=("it is my trigger too", "trigger"),
        case_id="recovering-gambler-spanish-trigger",
    ),
]

# --- 5. Safety: a person with a stalker (no location, no home, no car plates) ------------------------------------------
SAFETY = [
    got_through(
        "lost 'my car or license plate, my kids' school' (topics only street, house); should also have car, license plate and kids' school",
        "I have a stalker. Never show my street, my house, my car or license plate, my kids' school, or any landmark that shows where I live. No 'live location' stuff.",
        set(),
        need=("street", "house", "car", "license plate", "school"),
        ok=("landmark", "live location"),
        junk=("stalker",),
        words={"live location"},
        case_id="stalker-street-house-plate-quoted",
    ),
    got_through(
        "read the reason as the junk topic 'real i have restraining order against'; should be the topics home, gym, car plates, location tags (and at most 'anywhere real')",
        "please dont put me at my home or my gym or anywhere real i have a restraining order against someone and no car plates no location tags thank you",
        set(),
        need=("home", "gym", "car plates", "location tags"),
        ok=("anywhere real",),
        junk=("restraining order",),
        case_id="stalker-voice-restraining-order",
    ),
    case(
        "SAFETY RULES:\n- no real locations\n- no house numbers or street signs\n- no license plates\n- no showing my daughter",
        set(),
        need=("real locations", "house numbers", "street signs", "license plates", "daughter"),
        case_id="stalker-safety-rules-lines",
    ),
    got_through(
        "lost 'no real addresses' after 'PLEASE:'; should have the topic real addresses beside check-ins, car, work",
        "Someone is stalking me so PLEASE: no real addresses, no check-ins, no footage of my car (plate is visible), nothing filmed near my work. Fun stuff is fine!",
        set(),
        need=("addresses", "check-in", "car", "work"),
        ok=("plate",),
        junk=("fun stuff", "stalking"),
        case_id="stalker-caps-check-ins-work",
    ),
]


@pytest.mark.parametrize(FIELDS, JOBS)
def test_jobs(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, FAITH_AND_GRIEF)
def test_faith_and_grief(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, ALLOW_ONE_BAN_ANOTHER)
def test_allow_one_ban_another(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, CAUSES_AND_RECOVERY)
def test_causes_and_recovery(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, SAFETY)
def test_safety(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
