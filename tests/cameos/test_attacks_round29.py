"""Attack round 29 on the restriction parser (cameos/restrictions.py): whole answers to "What should never appear
with your cameo?" written as people write them on a phone: two to five sentences, mixed punctuation, typos, lists on
lines, a reason, an allowance of one thing beside bans of its neighbours, and a sign-off.

Angle: 25 personas the earlier whole-answer rounds (20, 22, 24) did not write, two answers each: a pediatric dentist,
a city council member, a youth pastor (round 20 had one line from a youth pastor; these allow worship and ban what is
next to it), a competitive eSports player, a poker streamer who bans everything else, a craft brewer, a budtender in
a legal state, a cigar shop owner, an MMA fighter (fighting allowed, weapons banned), a true-crime podcaster (horror
and crime fine, real victims not), a romance novelist (romance fine, explicit not), a stand-up comic who swears but
bans slurs, a kids' party magician, a Muslim modest-fashion model, an Orthodox Jewish father, a returned Latter-day
Saint missionary, a sober-curious wellness coach, a union organizer (politics allowed, party endorsements not), a
sports bettor turned anti-gambling advocate, a domestic violence survivor, a cancer survivor, a deaf creator, a
wheelchair user, a grandma learning the app and a 16-year-old whose parent helps write it. Then guards: whole answers
that allow everything or only say who the owner is ("I'm a craft brewer, anything goes!").

Each case asserts the full set of categories a careful reader derives, on the project's decided readings (PG =
{sexual, violence, drugs, profanity}; ruling out romance rules out sexual; an allowance of a whole category by its
head word makes a narrower ban in it a topic, an allowance of one thing leaves the ban whole; an exception to a ban
keeps the ban whole; a capitalised name keeps the category of the words around it), the topics named beyond a
category, no junk topic, and the quoted words. Judgement calls are commented beside their case.

62 cases in 7 tests; 24 got through when written (27, less 3 expectations the helper mended): "no political attack
ads" read violence and brands; "my constituents watch", "(parents freak out)", "(gross)", "(still adjusting lol)"
and "(people confuse it with my cigars)" became topics or categories; "Not fine: romance, ..." lost romance; who the
owner is or what they do read as a category ("I play poker on stream", "I talk about murders every week", "I write
romance novels", "I curse constantly", "I model modest wear for brands", "MMA fighter."); "blood spraying" read
religion ("spraying" holds "pray") and "punching down" violence; "inspiration porn" read sexual; "diet pills" drugs;
"Word of Wisdom stuff: no coffee" lost coffee; "Never show me without it" read the topic "without"; "all good with
me" and "all welcome" allowed nothing; the owner's own logo or shop name was no advertising.

All are fixed (2026-12-05): an aside in brackets that starts like a remark is dropped; who watches includes
constituents, patients, a congregation; what the owner does ("I play", "I host", "I write", "I curse") is a reason
and more titles say who they are; "spray", "punching down", "inspiration porn", "diet pills", "attack ads" and
"party logos" read as meant; a header before a ban on its own line heads nothing; a preposition alone is no thing,
and "it" after "I always wear hijab" is the hijab; "all good", "all welcome" are allowances; "my brewery's logo" and
"my shop's name" are the owner's own advertising. Four expectations were changed on purpose, each with its reason
beside it: a Halloween costume reads horror (the stricter reading), religion's words at a topic's head name it
only when mocked, and "crime-scene" and "music-video" are kept whole as one word each.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, PG, case, check

# --- 1. Jobs with an audience: a pediatric dentist, a city council member, a youth pastor, a kids' party magician -----
AUDIENCE_JOBS = [
    case(
        "Pediatric dentist here 🦷 my patients' parents follow me so keep it family friendly. No candy or soda ads, "
        "no smoking, and please nothing making fun of kids' teeth. Thanks!",
        PG | {"brands", "tobacco"},
        need=("teeth",),
        # "candy or soda ads" are advertising; the things advertised may stay as topics.
        ok=("candy", "soda", "kids"),
        junk=("pediatric dentist", "thanks"),
        case_id="dentist-family-friendly-candy-ads-teeth",
    ),
    case(
        "im a kids dentist. dont show me eating tons of sugar or with rotten teeth lol, no vaping, no chewing "
        "tobacco. Also no fake dental advice!!",
        {"tobacco"},
        need=("sugar", "rotten teeth", "dental advice"),
        ok=("chewing",),
        junk=("kids dentist",),
        case_id="dentist-voice-sugar-rotten-teeth-advice",
    ),
    case(
        "City council member for District 4. I can't appear in anything that looks like campaigning or endorsing "
        "candidates, and no political attack ads. Also no alcohol, I have to be careful. Thank you.",
        # "political attack ads" are politics (campaign ads), not a ban of all advertising.
        {"politics", "alcohol"},
        ok=("campaign", "endors", "candidate", "attack ads"),
        junk=("district 4", "city council member", "careful"),
        case_id="council-member-campaigning-attack-ads-alcohol",
    ),
    case(
        "Councilwoman here. Local stuff like potholes and parks is fine!! But no election content, no party logos, "
        "no fake quotes from me about how I voted. No cursing pls my constituents watch.",
        # "party logos" are political symbols, so politics; a party logo is no commercial brand.
        {"politics", "profanity"},
        ok=("fake quotes", "party logos", "voted"),
        junk=("potholes", "parks", "local stuff", "constituents"),
        case_id="council-member-potholes-fine-fake-quotes",
    ),
    case(
        "Youth pastor 🙏 religious content is totally fine, worship and prayer videos are my life! But no mocking "
        "Jesus or the Bible, no drinking, no dating stuff with students. Blessings!",
        # "religious content is fine" allows religion by its head word, so the mocking is a topic of it.
        {"alcohol", "romance", "sexual"},
        need=("mock",),
        ok=("jesus", "bible", "students"),
        junk=("blessings", "worship", "prayer"),
        case_id="youth-pastor-religious-fine-mocking-jesus",
    ),
    case(
        "youth pastor here, i work with middle schoolers so keep it clean!! no swearing no violence no sexual stuff "
        "no drugs or vapes. also not in a halloween costume plz",
        # A Halloween costume is no horror of itself, but "halloween" is one of horror's words, and a likeness is used
        # only as far as its owner consented: the stricter reading, horror (decided 2026-12-05; the topic goes with it).
        PG | {"tobacco", "horror"},
        junk=("middle schoolers",),
        case_id="youth-pastor-keep-it-clean-halloween-costume",
    ),
    case(
        "Kids party magician 🎩🐇 My audience is 4-10 year olds so keep everything family friendly. No scary clowns, "
        "no alcohol, and please don't reveal how my tricks work!",
        PG | {"alcohol", "horror"},
        need=("trick",),
        ok=("clown",),
        junk=("kids party magician",),
        case_id="magician-family-friendly-scary-clowns-tricks",
    ),
    case(
        "i do magic shows for birthday parties. no knives or sawing people in half (parents freak out), no smoking, "
        "no swear words, and dont make the bunny get hurt",
        {"violence", "tobacco", "profanity"},
        ok=("sawing", "bunny", "knives", "people in half"),
        junk=("parents freak out", "birthday parties", "magic shows"),
        case_id="magician-voice-sawing-in-half-bunny",
    ),
]

# --- 2. A living in one category, bans beside it: eSports, poker, brewer, budtender, cigars, MMA ----------------------
ONE_CATEGORY_IS_THE_JOB = [
    case(
        "Pro Valorant player 🎮 in-game shooting is fine, it's literally my job. But no real guns, no skin gambling "
        "sites, and no toxic trash talk with slurs.",
        # "in-game shooting" is one thing, not violence by its head word: "no real guns" keeps violence whole.
        {"violence", "gambling", "profanity"},
        ok=("real guns", "skin", "trash talk", "slurs"),
        junk=("in-game shooting", "valorant"),
        case_id="esports-in-game-shooting-fine-real-guns",
    ),
    case(
        "esports player (league of legends). dont make me rage quit or smash my keyboard, dont show me "
        "cheating/using hacks, no betting on matches. Swearing is ok we all do it",
        # Smashing a keyboard hurts no person or animal: no violence.
        {"gambling"},
        need=("rage", "keyboard", "cheat"),
        ok=("hacks",),
        junk=("league of legends", "swearing"),
        case_id="esports-rage-quit-keyboard-cheating-swearing-ok",
    ),
    case(
        "Gambling is fine (I stream poker for a living). Everything else is a no: politics, religion, drugs, booze, "
        "cigs, nudity, cursing, violence, horror.",
        {"politics", "religion", "drugs", "alcohol", "tobacco", "sexual", "profanity", "violence", "horror"},
        junk=("poker", "stream poker for a living"),
        case_id="poker-streamer-everything-else-is-a-no",
    ),
    case(
        "I play poker on stream so cards, chips, betting = all fine. Not fine: romance, scary stuff, fights, and "
        "brands except PokerStars.",
        # "brands except PokerStars": an exception to a ban is not modelled, the ban stands whole.
        {"romance", "sexual", "horror", "violence", "brands"},
        ok=("pokerstars",),
        junk=("cards", "chips", "betting"),
        case_id="poker-streamer-not-fine-brands-except-pokerstars",
    ),
    case(
        "Craft brewer 🍺 alcohol is fine obviously, I make beer! Just no drunk driving, no underage drinking, and no "
        "trashing other breweries. Cheers",
        set(),
        need=("drunk driving", "underage", "breweries"),
        junk=("craft brewer", "cheers", "beer"),
        case_id="brewer-alcohol-fine-drunk-driving-underage",
    ),
    case(
        "I own a small brewery. Beer is fine but I dont want to be shown wasted or puking, no weed, no hard liquor "
        "shots. And don't use my brewery's logo anywhere",
        # "Beer is fine" allows one thing, not alcohol by its head word (round 22's chef): wasted and shots keep
        # alcohol whole, the stricter reading. The owner's own logo is brands, as round 24's "shop name or logo".
        {"alcohol", "drugs", "brands"},
        ok=("wasted", "puking", "liquor", "shots", "brewery", "logo"),
        junk=("beer", "small brewery"),
        case_id="brewer-beer-fine-wasted-liquor-logo",
    ),
    case(
        "budtender here, weed is legal in my state and I'm fine being shown around it. Please no pills, no coke, no "
        "smoking cigarettes (gross), and no dispensary logos",
        # "weed is fine" is no allowance of drugs by its head word (round 24): pills and coke are drugs.
        {"drugs", "tobacco", "brands"},
        ok=("pills", "coke", "dispensary", "cigarettes"),
        junk=("weed", "gross", "budtender"),
        case_id="budtender-weed-legal-pills-coke-logos",
    ),
    case(
        "I work at a dispensary. Cannabis content: fine. Hard drugs, vapes and alcohol: not fine. Nothing that makes "
        "stoners look dumb either lol",
        {"drugs", "tobacco", "alcohol"},
        # Drugs are banned whole ("Cannabis content: fine" is no head word), so stoners made to look dumb are in it.
        ok=("hard drugs", "vapes", "stoner"),
        junk=("cannabis content", "dispensary"),
        case_id="budtender-colon-fine-not-fine-stoners",
    ),
    case(
        "I own a cigar shop so cigars and pipe tobacco are fine to show. No cigarettes or vaping though (not my "
        "thing), no drugs, no drinking and driving.",
        # "cigars and pipe tobacco are fine" allows things, not tobacco as a whole: cigarettes keep tobacco.
        # "drinking and driving" with no allowance of alcohol is alcohol, the stricter reading.
        {"tobacco", "drugs", "alcohol"},
        ok=("cigarettes", "driving"),
        junk=("cigars", "pipe tobacco", "cigar shop", "not my thing"),
        case_id="cigar-shop-cigars-fine-cigarettes-not",
    ),
    case(
        "Cigar lounge owner. Tobacco is fine, I sell it. Please no weed (people confuse it with my cigars), no fake "
        "health warnings, and don't show my shop's name. thx",
        {"drugs", "brands"},
        need=("health warning",),
        ok=("shop",),
        junk=("cigars", "i sell it", "people confuse it with my cigars", "cigar lounge owner"),
        case_id="cigar-lounge-tobacco-fine-weed-shop-name",
    ),
    case(
        "MMA fighter 🥊 fighting is fine, that's my sport. No weapons though: no guns, no knives, nothing with blood "
        "spraying everywhere. And no trash talk about my family.",
        # "fighting is fine" is no allowance of violence by its head word: weapons keep violence whole.
        {"violence"},
        need=("family",),
        ok=("weapons", "guns", "knives", "blood", "trash talk"),
        junk=("mma fighter", "fighting", "sport"),
        case_id="mma-fighting-fine-weapons-family",
    ),
    case(
        "I'm a pro MMA fighter so cage fights and sparring are totally ok. NOT ok: guns, knives, bats, street fights "
        "or anyone getting jumped. No betting on my fights either",
        {"violence", "gambling"},
        ok=("guns", "knives", "bats", "street fights", "jumped"),
        junk=("cage fights", "sparring"),
        case_id="mma-cage-fights-ok-bats-jumped-betting",
    ),
]

# --- 3. Allowed genre, banned neighbour: true crime, romance novelist, stand-up comic, wellness, union organizer -------
GENRE_AND_NEIGHBOUR = [
    case(
        "True crime podcaster 🎙️ horror and crime stories are fine, I talk about murders every week. What's NOT "
        "fine: using real victims' names or faces, mocking victims, or anything about the Gabby Petito case.",
        set(),
        need=("victim", "gabby petito"),
        ok=("names", "faces", "case"),
        junk=("murders", "crime stories", "true crime podcaster"),
        case_id="true-crime-real-victims-gabby-petito",
    ),
    case(
        "i host a true crime podcast so creepy/dark stuff is ok. pls dont use real crime scene photos, real 911 "
        "calls, or make jokes about actual victims or their families",
        # Crime scene photos and 911 calls are named things, not the violence category: the owner allows dark
        # content and bans real material about real people.
        set(),
        need=("crime-scene", "911", "victims"),  # "crime-scene": kept whole, or "scene" is dropped as filler
        ok=("families", "photos", "calls"),
        junk=("creepy", "dark stuff", "true crime podcast"),
        case_id="true-crime-crime-scene-911-calls",
    ),
    case(
        "Romance novelist 📚💕 Romance, kissing, love confessions, all fine! But nothing explicit: no sex scenes, no "
        "nudity, no lingerie shots. Also please no cheating plots, I hate those.",
        {"sexual"},
        need=("cheating",),
        junk=("kissing", "love confessions", "romance novelist", "i hate those"),
        case_id="romance-novelist-nothing-explicit-cheating",
    ),
    case(
        "I write romance novels so swoony stuff is fine!! Steamy is NOT. keep it closed door, no bedroom scenes, "
        "nothing 18+. and don't show my book covers, my publisher would freak",
        # The owner's own book covers are a named thing, not an ad ban.
        {"sexual"},
        need=("book cover",),
        ok=("closed door", "steamy"),
        junk=("swoony stuff", "romance novels", "publisher would freak", "my publisher would freak"),
        case_id="romance-novelist-steamy-not-book-covers",
    ),
    case(
        "Stand-up comic. Swearing is fine, I curse constantly 🤬. But no slurs of any kind, no punching down at "
        "disabled people, and no jokes about my ex-wife.",
        # Swearing allowed by its head word: slurs are a narrower ban inside profanity, a topic. "Punching down" is
        # a comic's idiom, no violence.
        set(),
        need=("slur", "disabled", "ex-wife"),
        ok=("punching down",),
        junk=("stand-up comic", "swearing"),
        case_id="comic-swearing-fine-slurs-punching-down",
    ),
    case(
        "comedian here, f bombs are fine lol. the n word and any other slurs are not. no homophobic bits, no politics",
        # "f bombs are fine" allows one thing, not profanity by its head word: "the n word" names profanity (the
        # README), so the ban is read whole, the stricter reading.
        {"profanity", "politics"},
        need=("homophobic",),
        ok=("n word", "slurs"),
        junk=("f bombs", "comedian"),
        case_id="comic-f-bombs-fine-n-word-not",
    ),
    case(
        "Wellness coach, sober curious 🌿 mocktails are great, but no alcohol, no hangover jokes, no diet pills or "
        "detox tea ads. Good vibes only ✨",
        {"alcohol", "brands"},
        ok=("diet pills", "detox tea", "hangover"),
        junk=("mocktails", "good vibes only", "wellness coach"),
        case_id="wellness-sober-curious-detox-tea-ads",
    ),
    case(
        "I coach mindful drinking so I'm not anti-alcohol, a glass of wine is ok. But no binge drinking, no shots, no "
        "drinking games, no weed gummies. Thanks!",
        # Judgement: "not anti-alcohol" allows alcohol by its head word, so binge drinking, shots and drinking games
        # are narrower bans inside it, topics.
        {"drugs"},
        need=("binge", "shots", "drinking games"),
        ok=("weed gummies",),
        junk=("glass of wine", "mindful drinking"),
        case_id="wellness-not-anti-alcohol-binge-shots",
    ),
    case(
        "Politics is fine, I'm a union organizer and strikes are my life. But don't show me endorsing any party or "
        "candidate, and no company ads or logos.",
        # Politics allowed by its head word: endorsing a party is a narrower ban in it, a topic.
        {"brands"},
        need=("endors",),
        ok=("party", "candidate"),
        junk=("strikes", "union organizer"),
        case_id="union-politics-fine-party-endorsement",
    ),
    case(
        "union organizer here. ok to show me at rallies and picket lines. NOT ok: me endorsing democrats or "
        "republicans, union busting lawyers, or scabs crossing the line being beaten up",
        # Rallies and picket lines are allowed things, not politics by its head word: endorsing democrats keeps
        # politics whole.
        {"politics", "violence"},
        need=("union bust",),
        ok=("scabs", "endors", "democrat", "republican", "lawyers"),
        junk=("rallies", "picket lines"),
        case_id="union-rallies-ok-endorsing-democrats-scabs",
    ),
]

# --- 4. Faith and modesty: a modest-fashion model, an Orthodox Jewish father, a returned missionary --------------------
FAITH = [
    case(
        "Modest fashion model 🧕 I always wear hijab. Never show me without it, no tight or revealing outfits, no "
        "swimwear. No alcohol, no pork, no dating content. JazakAllah khair",
        {"alcohol", "romance", "sexual"},
        need=("hijab", "pork"),
        ok=("tight", "revealing", "swimwear", "outfits"),
        junk=("jazakallah khair", "modest fashion model"),
        case_id="modest-model-hijab-swimwear-pork",
    ),
    case(
        "I model modest wear for brands so brand content is fine. But as a Muslim: no music videos with dancing, no "
        "men touching me, no alcohol or gambling, nothing mocking Islam",
        # Brand content is allowed; mocking Islam is religion (round 22's Hindu gods).
        {"alcohol", "gambling", "religion"},
        need=("music-video", "touching"),  # "music-video": kept whole, or "videos" is dropped as filler
        ok=("dancing", "men"),
        junk=("brand content", "modest wear", "muslim", "islam"),
        case_id="modest-model-brands-fine-mocking-islam",
    ),
    case(
        "Orthodox Jewish dad of 5. Please no videos of me working or on my phone on Shabbat, nothing with pork or "
        "shellfish, no immodest women. Thank you!",
        # Observance is a topic, not a ban of religion (round 22's kosher owner): religion's own words at a topic's
        # head name it only when mocked. "Immodest women" is a topic, no sexual content named.
        set(),
        need=("shabbat", "pork", "shellfish", "immodest"),
        ok=("working", "phone", "women"),
        junk=("orthodox jewish dad", "thank you"),
        case_id="orthodox-father-shabbat-shellfish-immodest",
    ),
    case(
        "frum father here. no mixing with women (no hugging, no dancing with women), no non kosher food, no making "
        "fun of my kippah or payos. keep it clean please",
        # Making fun of a kippah is mocking a religious symbol: religion, as round 22's "mocking Hindu gods".
        PG | {"religion"},
        need=("women", "kosher"),
        ok=("payos", "hugging", "dancing", "mixing", "kippah"),
        junk=("frum father",),
        case_id="orthodox-father-mixing-kippah-keep-it-clean",
    ),
    case(
        "RM (served in Brazil 🇧🇷). Word of Wisdom stuff: no coffee, no alcohol, no tobacco. Also nothing making fun "
        "of missionaries or the church, and no swearing please!",
        {"alcohol", "tobacco", "religion", "profanity"},
        need=("coffee",),
        ok=("missionar", "church"),
        junk=("brazil", "word of wisdom", "rm"),
        case_id="rm-word-of-wisdom-header",
    ),
    case(
        "Just got home from my mission!! No making out or dating stuff (still adjusting lol), no coffee or energy "
        "drinks, no swearing. Everything else is fine!",
        {"romance", "sexual", "profanity"},
        need=("coffee", "energy drinks"),
        junk=("mission", "still adjusting", "everything else"),
        case_id="rm-home-from-mission-making-out-coffee",
    ),
]

# --- 5. Recovery and survival: an anti-gambling advocate, a DV survivor, a cancer survivor ----------------------------
SURVIVORS = [
    case(
        "Former sports bettor, lost everything, now I speak against gambling apps. So obviously: no betting, no "
        "parlays, no DraftKings or FanDuel, no casino trips. Sports themselves are fine!",
        {"gambling"},
        ok=("draftkings", "fanduel", "parlays", "casino trips"),
        junk=("sports", "lost everything", "former sports bettor"),
        case_id="ex-bettor-draftkings-fanduel-sports-fine",
    ),
    case(
        "i used to bet on every game and now i help people quit. no sportsbooks, no odds on screen, no promo codes "
        "for betting sites, and dont make me look like im relapsing. thank u",
        {"gambling", "brands"},
        need=("relaps",),
        ok=("odds", "promo codes", "betting sites", "sportsbooks"),
        junk=("thank u", "help people quit"),
        case_id="ex-bettor-sportsbooks-promo-codes-relapsing",
    ),
    case(
        "Domestic violence survivor. Please no yelling at me, no one raising a fist or a hand near me, no slamming "
        "doors. I'm healing 💜",
        {"violence"},
        need=("yelling", "slamming door"),
        ok=("fist", "hand"),
        junk=("healing", "domestic violence survivor"),
        case_id="dv-survivor-yelling-fist-slamming-doors",
    ),
    case(
        "survivor of DV. no violence against women at all, not even slapstick. no choking, no grabbing wrists, no "
        "jealous husband jokes. thank you for respecting this",
        {"violence"},
        need=("jealous husband",),
        ok=("choking", "grabbing", "women", "slapstick"),
        junk=("thank you for respecting this", "respecting this"),
        case_id="dv-survivor-slapstick-jealous-husband",
    ),
    case(
        "Cancer survivor (3 yrs clear 🎗️). Please no hospital scenes, no bald jokes, no chemo stuff, and no smoking — "
        "it's literally what gave my dad cancer.",
        {"tobacco"},
        need=("hospital", "bald", "chemo"),
        junk=("cancer", "dad cancer", "3 yrs clear", "literally what gave my dad cancer"),
        case_id="cancer-survivor-bald-chemo-smoking-reason",
    ),
    case(
        "i beat breast cancer last year. no jokes about my body or my scars, no vaping or cigs, no fake cancer cures "
        "or supplement ads. everything else is fine!",
        {"tobacco", "brands"},
        need=("body", "scars", "cancer cure"),
        ok=("supplement",),
        junk=("breast cancer", "everything else"),
        case_id="cancer-survivor-scars-cures-supplement-ads",
    ),
]

# --- 6. Disability and age: a deaf creator, a wheelchair user, a grandma, a 16-year-old and a parent ------------------
DISABILITY_AND_AGE = [
    case(
        "Deaf creator 🤟 ASL is my language. Please never mock sign language or make my hands do fake signs, and no "
        "'what did you say?' jokes. Music is fine lol",
        set(),
        need=("sign language", "fake signs"),
        ok=("hands",),
        junk=("music", "asl", "deaf creator", "jokes"),
        words={"what did you say"},
        case_id="deaf-creator-fake-signs-quoted",
    ),
    case(
        "deaf here. dont make me talk with a fake voice, no mocking deaf people or hearing aids, no profanity in ASL "
        "either. thanks",
        {"profanity"},
        need=("fake voice", "deaf", "hearing aid"),
        junk=("deaf here", "thanks"),
        case_id="deaf-creator-fake-voice-hearing-aids",
    ),
    case(
        "Wheelchair user ♿ Please never show me 'miraculously' walking or standing up, no inspiration porn, and no "
        "jokes about my chair. I'm fine with sports and dancing in my chair!",
        # "Inspiration porn" is a disability-rights term (disabled people shown to inspire), no sexual content.
        # The scare-quoted "miraculously" is a word, as the README decides for any quote.
        set(),
        need=("walking", "inspiration porn", "chair"),
        ok=("standing",),
        junk=("sports", "dancing"),
        words={"miraculously"},
        case_id="wheelchair-miraculously-inspiration-porn",
    ),
    case(
        "i use a wheelchair. no videos of me falling out of it or being pushed down stairs, no fake healing by a "
        "preacher, no parking spot fights. Everything else is cool",
        # Judgement: a faith healing by a preacher is a religious ceremony, so religion, the stricter reading (a
        # name or word keeps the category the words around it name).
        {"violence", "religion"},
        need=("falling",),
        ok=("pushed", "stairs", "parking", "preacher", "healing"),
        junk=("everything else",),
        case_id="wheelchair-pushed-down-stairs-fake-healing",
    ),
    case(
        "Hello this is Grandma Pat, my grandson set this up for me. I do not want to be in anything with swearing or "
        "naked people. Also no gambling. Love, Pat",
        {"profanity", "sexual", "gambling"},
        junk=("love, pat", "love pat", "grandma pat", "pat", "grandson"),
        case_id="grandma-pat-grandson-set-up-love-pat",
    ),
    case(
        "how do i do this. ok. NO DRINKING NO CUSSING NO S*X and nothing where I fall down and break a hip ha ha. "
        "Thank you dear",
        {"alcohol", "profanity", "sexual"},
        need=("fall",),
        ok=("hip",),
        junk=("thank you dear", "how do i do this", "ha ha"),
        case_id="grandma-caps-starred-sex-break-a-hip",
    ),
    case(
        "Im 16 and my mom is helping me write this. No dating or kissing, no vaping, no drinking, no swearing. "
        "Nothing that makes me look older than I am. - Jess & Mom",
        {"romance", "sexual", "tobacco", "alcohol", "profanity"},
        need=("older",),
        junk=("jess & mom", "jess and mom", "mom", "16"),
        case_id="teen-16-mom-helping-jess-and-mom",
    ),
    case(
        "(parent writing for my 16 yr old son) He's a minor so nothing sexual, no alcohol/weed/vapes, no fights, no "
        "showing his school or jersey number. He's fine with pranks and gaming stuff.",
        {"sexual", "alcohol", "drugs", "tobacco", "violence"},
        need=("school", "jersey"),
        junk=("pranks", "gaming stuff", "minor", "parent writing for my 16 yr old son"),
        case_id="teen-parent-writing-school-jersey",
    ),
]

# --- 7. Guards: the whole answer allows everything or only says who the owner is ------------------------------------
GUARDS = [
    case("I'm a craft brewer, anything goes!", set(), case_id="guard-craft-brewer-anything-goes"),
    case("Just have fun with it", set(), case_id="guard-just-have-fun-with-it"),
    case(
        "Kids' party magician here! Anything goes, surprise me 🎩",
        set(),
        case_id="guard-magician-surprise-me",
    ),
    case(
        "Poker streamer 🃏 gambling, drinking, swearing, all fine. No restrictions!",
        set(),
        case_id="guard-poker-streamer-all-fine-no-restrictions",
    ),
    case(
        "Retired grandma, 74. Do whatever you like with my cameo, I think it's a hoot!",
        set(),
        case_id="guard-grandma-do-whatever-hoot",
    ),
    case("MMA fighter. Nothing's off limits, go wild.", set(), case_id="guard-mma-nothing-off-limits"),
    case(
        "Stand-up comic, swearing and dark humor are fine. I trust you guys.",
        set(),
        case_id="guard-comic-swearing-dark-humor-fine",
    ),
    case(
        "I'm deaf and I use ASL 🤟 that's just who I am, have fun!",
        set(),
        case_id="guard-deaf-who-i-am-have-fun",
    ),
    case("Wheelchair user, happy to be in anything! ♿😊", set(), case_id="guard-wheelchair-happy-anything"),
    case(
        "Cannabis budtender in Oregon. Weed, booze, whatever, all good with me.",
        set(),
        case_id="guard-budtender-weed-booze-all-good",
    ),
    case(
        "Union organizer. Politics is totally fine by me, go for it.",
        set(),
        case_id="guard-union-politics-fine-go-for-it",
    ),
    case(
        "True crime podcaster 🎙️ horror, crime, creepy stuff all welcome",
        set(),
        case_id="guard-true-crime-all-welcome",
    ),
]


@pytest.mark.parametrize(FIELDS, AUDIENCE_JOBS)
def test_audience_jobs(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, ONE_CATEGORY_IS_THE_JOB)
def test_one_category_is_the_job(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, GENRE_AND_NEIGHBOUR)
def test_genre_and_neighbour(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, FAITH)
def test_faith(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, SURVIVORS)
def test_survivors(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, DISABILITY_AND_AGE)
def test_disability_and_age(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, GUARDS)
def test_guards(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
