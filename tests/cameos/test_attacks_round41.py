"""Attack round 41 on the restriction parser (cameos/restrictions.py): whole answers to "What should never appear
with your cameo?" (each at most 200 characters) written as people type them on a phone: mixed punctuation, typos in
about a third (one slip in a word: "overdsoe", "politcal", "commerical", "scray", "romatic", "relgious", "horor",
"partys", "steriods", "vietnamse", "trespasing", "swaering", "wholsome", "drinkning", "sexaul", "politcs"), emoji,
lower case, run-ons, a reason, an allowance of one thing beside bans of its neighbours, lists and a sign-off.

Angle: 25 personas no earlier whole-answer round (20, 22, 24, 29, 37) wrote, two answers each: a paramedic, a stunt
performer, a pyrotechnician, an air traffic controller, a rodeo rider, a rideshare driver, an ice cream truck driver,
a crab fisherman, a marine biologist, a rabbi, a pastor's kid, a Buddhist monk, a tarot reader, a climate activist, a
crypto trader, a bodybuilder, a nail tech, a roller derby skater, a skateboarder, a teen mom (18 and 19), a daycare
owner, a puppeteer, an ASL interpreter, a wedding DJ and a cosplay photographer. Then 12 guards: whole answers that
allow everything or only say who the owner is ("Rodeo clown 🤡 anything goes, make it funny!").

Each case asserts the full set of categories a careful reader derives, on the project's decided readings (PG =
{sexual, violence, drugs, profanity}, also for "wholesome" and "keep it clean" when none of the four is banned
already; ruling out romance rules out sexual; an allowance of a whole category by its head word makes a narrower ban
in it a topic, an allowance of one thing leaves the ban whole; an exception to a ban keeps the ban whole; a sponsor's
rivals are dropped; the stricter reading wins when unclear; allowances are not bans; reasons and sign-offs name
nothing), the topics named beyond a category, no junk topic, and the quoted words. Judgement calls are commented
beside their case; three comments (road rage twice, "ex-couple drama") were written out after the first run, with
the expectations as first written. No expectation was changed.

62 cases in 8 tests; 32 got through when written (23 clear, 9 that fail only on a judgement call, marked J).
Bans lost, violence:
- pyrotechnician-fireworks-fine-burned-bomb-drunk-fuses: "people getting burned", "homemade bomb" read as topics only.
- marine-biologist-finning-whaling-dolphins-straw-deals: shark finning and whale hunting (hurting animals) read topics.
- daycare-parents-follow-scary-spanking-yelling: "spanking ... kids" read the topic "spanking", no violence.
- stuntwoman-without-pads-kids-copy-crash-bodies-sexy: "car chase crashes w bodies" no violence (J), and the reason
  "kids copy that" read as the topic "kids copy".
- fireworks-tech-july-fine-flag-burning-roman-candles-smoking (J): roman candles pointed at people, no violence.
- uber-driver-drunk-passengers-plate-app-logo (J): "road rage" a topic, no violence.
- ice-cream-man-selling-but-ice-cream-weed-scray-clown (J): "road rage" a topic, no violence.
- lyft-driver-kidnapping-skits-hookups-weed-smoke: "weed smoke" read tobacco as well as drugs (clear), and
  "kidnapping skits" no violence (J).
Bans lost, other categories:
- paramedic-gore-reason-car-wrecks-overdsoe-typo: the typo "overdsoe" is kept as a topic, no drugs.
- rodeo-girl-beer-commerical-typo-pinup-stomped: "commerical" loses brands (clear), "cowgirl pinup" no sexual (J).
- climate-volunteer-politicians-partys-typo-meat-fireworks: "partys" beside politicians kept as the topic "partys".
- daycare-owner-kids-building-nap-time-wine-wholsome-typo: "keep it wholsome" is not mended: PG lost.
- wedding-dj-champagne-fine-fights-kissing-lyrics-business-name: "my business name stays out of it too" no brands.
- teen-mom-voice-dating-baby-daddy-swaering-typo-ok: the show "16 and Pregnant" cut into the topics "16" and
  "pregnant memes".
- bodybuilder-natty-steroids-supplement-sponsor-fat-shaming (J): steroids and SARMs read as topics, no drugs.
- bodybuilder-trunks-fine-thirst-trap-protein-ads-steriods (J): "steriods" a topic, no drugs.
- rabbi-voice-antisemitic-satire-kiddush-romatic-typo (J): "antisemitic stuff even as satire" a topic, no religion.
- pastors-kid-church-logos-mocking-prayer-cussing-fine (J): "no church logos or name" no brands, and a bare topic
  "name".
- asl-interpreter-gibberish-deaf-middle-finger-swearing-in-asl (J): "swearing in ASL is fine" taken as allowing all
  profanity, so the middle finger is only a topic.
- tarot-reader-spiritual-fine-demon-summoning-grieving (J): "spiritual stuff is fine" does not allow religion, and
  "devil worship" reads religion.
Who the owner is, reasons and asides read as bans:
- buddhist-monk-alcohol-meat-touching-women-may-you-be-well: "Buddhist monk (ordained 2019)" reads religion.
- wedding-dj-voice-keep-it-clean-politcs-typo-ex-couple-twerking: "i dj weddings" reads romance (and "ex-couple
  drama" too), so "keep it clean" restates sexual only and PG's violence, drugs and profanity are lost.
- pro-skater-sponsor-rival-brands-gore-trespasing-typo: "sponsored by a board company" and the rivals' brands read
  brands, and "(legal stuff)" the topic "legal".
- atc-voice-politcal-typo-endorsing-bottle-to-throttle: the aside "(12 hr bottle to throttle lol)" a topic.
- crab-fisher-injuries-blood-cussing-aside-beer-ads: the aside "(i do irl but not on here)" the topic "here".
- cosplay-photographer-upskirt-lewd-edits-credit-my-work: "creepshot" reads horror ("creep").
Guards (6 of 12 got through):
- guard-paramedic-seen-it-all-go-for-it: "Nothing you make will bother me" the topic "you make will bother".
- guard-rodeo-clown-anything-goes: "Rodeo clown" reads horror.
- guard-tarot-witch-no-limits-spooky-welcome: "spooky stuff welcome" reads horror, "no limits" the topic "limits".
- guard-skater-swearing-beer-whatever: "Swearing, beer, whatever, I don't care" reads alcohol and profanity.
- guard-wedding-dj-bartender-no-restrictions: "Wedding DJ" reads romance and sexual; "no restrictions, party on!"
  the topics "restrictions" and "party on".
- guard-nail-tech-go-wild-no-rules: "tattoo lover" reads romance and sexual.

8 of the 32 are fixed (2026-12-05), none by changing an expectation: typos of "overdose", "commercial", "steroids"
and "wholesome" are mended (they are head words now); spanking, kidnapping, bombs, people getting burned, shark
finning and whale hunting name violence; steroids and SARMs name drugs; "clown", "DJ", "witch", "reader", "tech",
"skater" and "monk" are titles. 24 stay strict xfails with their reasons beside them (``gap=``), 9 of them judgement
calls.

5 more are fixed later that day (2026-12-05, evening), none by changing an expectation: "nothing (you make) will bother me" allows everything; "I don't
care" (and "idc", "I don't mind", "couldn't care less") after a list allows it; two titles joined by "and", "&" or
"+" are who the owner is; an aside that the owner does it off camera ("(i do irl but not on here)") is no topic. A
ninth test says each fix in other words, beside the reading that must stay (18 cases). 19 stay strict xfails.

3 more are fixed on 2026-12-06 (a later session): "road rage" names violence, and "my business name stays out of it
too" bans the owner's own business advertising ("X stays out" bans X). 16 stay strict xfails.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, PG, case, check

# --- 1. Emergencies and hazards: a paramedic, a stunt performer, a pyrotechnician, an air traffic controller --------
EMERGENCY_AND_HAZARD = [
    case(
        "Paramedic 🚑 i see enough real gore at work so NO blood, no car wrecks w bodies, no overdsoe scenes. "
        "ambulance memes and dark humor r fine lol",
        # Typo: "overdsoe" is an overdose, drugs (the reader may keep it a topic too). The reason holds "gore" but is
        # no ban; the ban says blood anyway. Judgement: bodies in a car wreck are hurt people, violence (stricter).
        {"violence", "drugs"},
        ok=("car wreck", "bodies", "overdsoe", "overdose", "scenes"),
        junk=("ambulance memes", "dark humor", "paramedic", "i see enough real gore at work", "see enough real gore"),
        case_id="paramedic-gore-reason-car-wrecks-overdsoe-typo",
    ),
    case(
        "off duty medic here. dont show me drunk in uniform or smoking outside the ER, no fake CPR tutorials (ppl "
        "actually copy them), no fights. thx",
        # "(ppl actually copy them)" is who watches, a reason.
        {"alcohol", "tobacco", "violence"},
        need=("cpr",),
        ok=("tutorials", "fake", "uniform", "outside the er"),
        junk=("off duty medic", "ppl actually copy them", "thx", "medic"),
        case_id="paramedic-voice-drunk-in-uniform-cpr-tutorials",
    ),
    case(
        "Stunt performer 🎬 fake fights, falls and fire gags are fine, that's my job!! But no real injuries, no guns "
        "pointed at real ppl, no drunk stunts. Safety 1st",
        # Judgement: "fake fights" is one thing (staged fights), not violence by its head word, so the ban on guns
        # pointed at people keeps violence whole (round 37's foam-sword fights). Drunk stunts: alcohol.
        {"violence", "alcohol"},
        ok=("injuries", "guns", "ppl", "stunts", "real"),
        junk=("fake fights", "falls", "fire gags", "safety 1st", "stunt performer", "that's my job"),
        case_id="stunt-performer-fake-fights-fine-guns-drunk-stunts",
    ),
    case(
        "stuntwoman. dont show me doing stunts w/o pads like it's easy, kids copy that. no car chase crashes w bodies, "
        "no sexy stunt girl stuff. thx 🔥",
        # "kids copy that" is who watches (a reason). Crashes with bodies in them: violence, the stricter reading.
        {"violence", "sexual"},
        need=("pads",),
        ok=("stunts", "car chase", "crashes", "bodies", "easy"),
        junk=("stuntwoman", "kids copy that", "thx", "kids"),
        case_id="stuntwoman-without-pads-kids-copy-crash-bodies-sexy",
        gap="the reason 'kids copy that' is read as the topic 'kids copy', and 'car chase crashes w bodies' names no violence",
    ),
    case(
        "licensed pyrotechnician 🎆 fireworks, explosions & fire are fine, its my job! no people getting burned, no "
        "homemade bomb stuff, no drunk lighting fuses. stay safe",
        # People burned are hurt people; a homemade bomb is a weapon: violence.
        {"violence", "alcohol"},
        ok=("burned", "bomb", "fuses", "homemade", "lighting", "people"),
        junk=("fireworks", "explosions", "fire", "stay safe", "licensed pyrotechnician", "its my job"),
        case_id="pyrotechnician-fireworks-fine-burned-bomb-drunk-fuses",
    ),
    case(
        "fireworks tech. 4th of July stuff is fine but no political flag burning, no pointing roman candles at ppl, "
        "no smoking near the fireworks (yes ppl do it)",
        # Judgement: "smoking near the fireworks" is people smoking (tobacco), not firework smoke, which the
        # definition leaves out. Roman candles pointed at people are a weapon pointed at people: violence.
        {"politics", "violence", "tobacco"},
        ok=("flag burning", "roman candles", "ppl", "near the fireworks", "pointing"),
        junk=("4th of july", "fireworks tech", "yes ppl do it", "fireworks", "4th of july stuff"),
        case_id="fireworks-tech-july-fine-flag-burning-roman-candles-smoking",
        gap="roman candles pointed at people name no violence (a judgement call)",
    ),
    case(
        "ATC (air traffic controller) ✈️ no plane crash content, no 'mayday' pranks, nothing showing me asleep or "
        "high on shift. Pilot jokes fine. Over and out",
        # A plane crash is a topic, as in round 37's flight instructor. "high on shift" is getting high: drugs.
        {"drugs"},
        need=("plane crash", "asleep"),
        ok=("pranks", "shift", "content"),
        junk=("pilot jokes", "over and out", "atc", "air traffic controller"),
        words={"mayday"},
        case_id="atc-plane-crash-mayday-asleep-or-high",
    ),
    case(
        "air traffic controller, gov employee so NOTHING politcal or endorsing products, no alcohol (12 hr bottle to "
        "throttle lol), no fake radio calls. thanks",
        # Typo: "politcal". "gov employee" is the reason, and the aside in brackets a restatement.
        {"politics", "brands", "alcohol"},
        need=("radio calls",),
        ok=("fake",),
        junk=(
            "gov employee",
            "thanks",
            "12 hr bottle to throttle",
            "bottle to throttle",
            "air traffic controller",
            "12 hr bottle to throttle lol",
        ),
        case_id="atc-voice-politcal-typo-endorsing-bottle-to-throttle",
        gap="the aside '(12 hr bottle to throttle lol)' becomes a topic",
    ),
]

# --- 2. Ranch, road and sea: a rodeo rider, a rideshare driver, an ice cream truck driver, a fisherman, a marine
# biologist ---------------------------------------------------------------------------------------------------------
RANCH_ROAD_AND_SEA = [
    case(
        "Bull rider 🤠 Rodeo and getting thrown is fine, thats the sport! No animal abuse tho, no spurring horses "
        "bloody, no chewing tobacco ads (sponsors hate it). Yeehaw",
        # Animal abuse and bloody horses: violence. Chewing tobacco ads: tobacco and brands. "(sponsors hate it)" is a
        # reason, "Yeehaw" a sign-off.
        {"violence", "tobacco", "brands"},
        ok=("spurring", "horses", "animal abuse"),
        junk=("rodeo", "getting thrown", "sponsors hate it", "yeehaw", "bull rider", "thats the sport"),
        case_id="bull-rider-thrown-fine-animal-abuse-chew-ads-yeehaw",
    ),
    case(
        "rodeo girl, barrel racing since i was 6. no beer commerical with me in it, no cowgirl pinup stuff, no gettin "
        "hurt/stomped by bulls. country music = fine",
        # Typo: "commerical". A beer commercial is alcohol and brands. Judgement: pinup posing is sexualised posing,
        # sexual (the stricter reading). Being hurt by a bull is a person hurt: violence (round 37's "mauled").
        {"alcohol", "brands", "sexual", "violence"},
        ok=("pinup", "cowgirl", "stomped", "bulls", "gettin hurt", "commerical"),
        junk=("country music", "rodeo girl", "barrel racing", "barrel racing since i was 6"),
        case_id="rodeo-girl-beer-commerical-typo-pinup-stomped",
        gap="'cowgirl pinup' names no sexual content (a judgement call)",
    ),
    case(
        "Uber driver 🚗 pls no drunk passengers puking in my car, no road rage, no showing my plate or the app logo. "
        "Weird passenger stories are fine tho lol",
        # The app's logo shown is a company's logo: brands (the stricter reading). "Uber driver" is who the owner is.
        # Judgement: road rage is aggression at other drivers, threats and fights: violence, the stricter reading
        # (a topic may stay beside it).
        {"alcohol", "violence", "brands"},
        need=("plate",),
        ok=("puking", "passengers", "car", "road rage", "logo", "app"),
        junk=("weird passenger stories", "uber driver", "uber", "passenger stories"),
        case_id="uber-driver-drunk-passengers-plate-app-logo",
        through="read when the round was written: 'road rage' is a topic, not violence (a judgement call); fixed 2026-12-06 (a later session)",
    ),
    case(
        "i drive lyft nights. no fake kidnapping skits, no hookups in the backseat, no weed smoke in the car, no 1 "
        "star review rants w swearing. tips appreciated 😂",
        # Judgement: a kidnapping takes someone by force: violence (stricter). Weed smoke is drugs, not tobacco. The
        # rants are banned for their swearing: profanity (the topic may stay).
        {"violence", "sexual", "drugs", "profanity"},
        ok=("kidnapping", "backseat", "review", "rants", "car", "skits"),
        junk=("tips appreciated", "drive lyft nights", "lyft", "i drive lyft nights"),
        case_id="lyft-driver-kidnapping-skits-hookups-weed-smoke",
        gap="'weed smoke in the car' reads tobacco besides drugs",
    ),
    case(
        "I drive an ice cream truck 🍦 so kids are my customers: keep it family friendly, no kidnapper van jokes, no "
        "cigarettes. Brain freeze memes are fine!",
        # Family friendly is PG; a kidnapper is violence anyway, and the van may stay a topic.
        PG | {"tobacco"},
        ok=("van", "kidnapper"),
        junk=("brain freeze memes", "ice cream truck", "kids are my customers", "kids", "drive an ice cream truck"),
        case_id="ice-cream-truck-family-friendly-kidnapper-van",
    ),
    case(
        "ice cream man here. dont show me selling anything but ice cream, no 'special ice cream' weed jokes, no road "
        "rage, no scray clown truck stuff. ty!!",
        # An exception to a ban keeps the ban whole: selling (brands). Typo: "scray" (five letters, mended since
        # round 39). The quoted phrase is a word. Judgement: road rage is violence, as in the Uber driver's case.
        {"brands", "drugs", "violence", "horror"},
        ok=("clown", "road rage", "weed jokes", "selling", "truck"),
        junk=("ice cream man", "ty", "ice cream", "anything but ice cream"),
        words={"special ice cream"},
        case_id="ice-cream-man-selling-but-ice-cream-weed-scray-clown",
        through="read when the round was written: 'road rage' is a topic, not violence (a judgement call); fixed 2026-12-06 (a later session)",
    ),
    case(
        "Commercial fisherman, Bering Sea 🎣 gutting fish is fine. no boat sinking/drowning scenes, no fights on deck, "
        "no drinking on the boat. My crew's faces stay out",
        # "X stays out" bans X. "Commercial fisherman" says who the owner is (no advertising).
        {"violence", "alcohol"},
        need=("drown", "crew"),
        ok=("boat", "sinking", "deck", "faces", "scenes"),
        junk=("gutting fish", "commercial fisherman", "bering sea", "commercial fisherman, bering sea"),
        case_id="fisherman-bering-sea-sinking-fights-crew-faces",
    ),
    case(
        "i fish crab in alaska. no deadliest catch style injuries w blood, no cussing at greenhorns lol (i do irl but "
        "not on here), no beer ads. seasickness memes ok",
        {"violence", "profanity", "alcohol", "brands"},
        ok=("deadliest catch", "injuries", "greenhorns"),
        junk=("seasickness memes", "i do irl but not on here", "fish crab in alaska", "alaska", "i fish crab"),
        case_id="crab-fisher-injuries-blood-cussing-aside-beer-ads",
    ),
    case(
        "Marine biologist 🐋 No shark finning or whale hunting, no touching/riding dolphins, no plastic straw brand "
        "deals lol. Science memes welcome!",
        # Finning sharks and hunting whales hurt animals: violence. A brand deal is advertising.
        {"violence", "brands"},
        need=("dolphin",),
        ok=("touching", "riding", "shark finning", "whale hunting", "plastic straw"),
        junk=("science memes", "marine biologist"),
        case_id="marine-biologist-finning-whaling-dolphins-straw-deals",
    ),
    case(
        "i study octopuses 🐙 no seafood eating videos pls (esp octopus), no fishing gore, no sexualizing me in a "
        "wetsuit. politics of ocean policy is fine",
        # Politics is allowed by its head word.
        {"violence", "sexual"},
        need=("seafood",),
        ok=("octopus", "eating", "wetsuit", "fishing"),
        junk=("politics", "ocean policy", "study octopuses", "politics of ocean policy", "i study octopuses"),
        case_id="octopus-researcher-seafood-fishing-gore-ocean-politics-fine",
    ),
]

# --- 3. Faith and spirit: a rabbi, a pastor's kid, a Buddhist monk, a tarot reader ------------------------------------
FAITH_AND_SPIRIT = [
    case(
        "Rabbi, Conservative shul. No mocking Judaism or the Holocaust, no pork or shellfish eating, nothing on "
        "Shabbat (Fri sunset-Sat). Jokes about my beard are fine 😄",
        # Mocking a religion is religion. Judgement: "nothing on Shabbat" asks for no videos set on the Sabbath; a
        # topic (the stricter reading keeps it), with the bracketed hours as part of it or dropped.
        {"religion"},
        need=("holocaust", "pork", "shellfish"),
        ok=("shabbat", "eating", "sunset", "fri", "mocking"),
        junk=("conservative shul", "beard", "rabbi", "jokes about my beard", "shul"),
        case_id="rabbi-mocking-judaism-holocaust-pork-shabbat",
    ),
    case(
        "im a rabbi, pls no antisemitic stuff even as satire, no showing me drinkin anything but kiddush wine, no "
        "romatic scenes. Purim costumes fine!",
        # Judgement: antisemitism mocks Jews and Judaism: religion (stricter; a topic may stay). An exception to a
        # ban keeps it whole: alcohol. Typo: "romatic" (romance, which rules out sexual).
        {"religion", "alcohol", "romance", "sexual"},
        ok=("antisemitic", "satire", "kiddush", "scenes"),
        junk=("purim costumes", "purim", "rabbi", "im a rabbi"),
        case_id="rabbi-voice-antisemitic-satire-kiddush-romatic-typo",
        gap="'antisemitic stuff even as satire' is a topic, not religion (a judgement call)",
    ),
    case(
        "PK (pastor's kid) lol. my dad's church cant be in anything so no church logos or name, no mocking prayer. "
        "cussing is fine tho im an adult 🙃",
        # Judgement: the church's logo or name shown is a logo shown (brands, the stricter reading, as round 37's
        # "family business logo"); mocking prayer is religion. Cussing is allowed by its head word.
        {"brands", "religion"},
        ok=("church", "dad", "logos", "name"),
        junk=("pk", "pastor's kid", "cussing", "im an adult", "pk (pastor's kid)"),
        case_id="pastors-kid-church-logos-mocking-prayer-cussing-fine",
        gap="'no church logos or name' reads no brands and leaves the bare topic 'name' (a judgement call)",
    ),
    case(
        "pastors kid but NOT relgious myself. no bible verses in my mouth, no worship music, no purity ring jokes. "
        "alcohol is fine im 23, just no drunk stuff",
        # Typo: "relgious", in who the owner is (no ban). Alcohol is allowed by its head word, so "drunk" is a
        # narrower topic in it, and alcohol is not banned.
        {"religion"},
        need=("purity ring",),
        ok=("drunk", "jokes", "verses", "mouth"),
        junk=("pastors kid", "not relgious myself", "not religious myself", "alcohol", "im 23"),
        case_id="pastors-kid-relgious-typo-bible-verses-alcohol-fine-drunk",
    ),
    case(
        "Buddhist monk (ordained 2019) 🙏 no alcohol, no meat eating, no touching women or romance. Meditation "
        "content fine. May you be well",
        {"alcohol", "romance", "sexual"},
        need=("meat",),
        ok=("eating", "touching women", "women"),
        junk=("meditation content", "may you be well", "buddhist monk", "ordained 2019", "meditation"),
        case_id="buddhist-monk-alcohol-meat-touching-women-may-you-be-well",
        gap="'Buddhist monk (ordained 2019)', who the owner is with an aside, reads religion",
    ),
    case(
        "im a monk so pls no mocking the Buddha or using buddha statues as decor jokes, no violence even fake, no "
        "gambling. laughter is good 😊",
        # A religious symbol mocked is religion (round 31).
        {"religion", "violence", "gambling"},
        ok=("statues", "decor", "buddha"),
        junk=("laughter is good", "monk", "im a monk", "laughter"),
        case_id="monk-mocking-buddha-statues-decor-violence-even-fake",
    ),
    case(
        "Tarot reader 🔮 spiritual stuff is fine obviously! but no devil worship/demon summoning, no scamming grieving "
        "people, no fake death predictions. Blessed be ✨",
        # Religion is allowed ("spiritual"). Judgement: demon summoning is the definition's demons: horror (devil
        # worship may be a topic beside it). "Blessed be" is a sign-off.
        {"horror"},
        need=("grieving", "death prediction"),
        ok=("devil worship", "demon", "scamming", "fake"),
        junk=("spiritual stuff", "blessed be", "tarot reader"),
        case_id="tarot-reader-spiritual-fine-demon-summoning-grieving",
        gap="'spiritual stuff is fine' does not allow religion, so 'devil worship' reads religion (a judgement call)",
    ),
    case(
        "i read tarot + astrology for a living. no mocking witches or pagans, no horor movie witch stuff, no 'psychic "
        "hotline' ads with me. crystals and candles are fine",
        # Mocking pagans is religion. Typo: "horor" (five letters). The quoted phrase is a word, and the ads brands.
        {"religion", "horror", "brands"},
        ok=("witches", "mocking"),
        junk=("crystals", "candles", "tarot", "astrology", "read tarot + astrology for a living"),
        words={"psychic hotline"},
        case_id="tarot-astrology-pagans-horor-typo-psychic-hotline",
    ),
]

# --- 4. Causes and money: a climate activist, a crypto trader --------------------------------------------------------
CAUSES_AND_MONEY = [
    case(
        "Climate activist 🌍 protests are my life so politics is fine! But no oil company ads, no fast fashion hauls, "
        "no private jet flexing, no fake 'climate hoax' quotes",
        # Politics is allowed by its head word. Hauls push people to buy: brands (a topic may stay).
        {"brands"},
        need=("private jet",),
        ok=("fast fashion", "hauls", "oil", "flexing", "quotes", "fake"),
        junk=("protests", "politics", "climate activist", "protests are my life"),
        words={"climate hoax"},
        case_id="climate-activist-politics-fine-oil-ads-private-jet-hoax",
    ),
    case(
        "climate org volunteer. keep me away from anything about specific politicians or partys (we're nonpartisan), "
        "no meat eating, no burning stuff/fireworks. thanks!!",
        # Typo: "partys" beside politicians (political parties). "(we're nonpartisan)" is a reason.
        {"politics"},
        need=("meat", "fireworks"),
        ok=("burning", "eating"),
        junk=("climate org volunteer", "we're nonpartisan", "thanks", "nonpartisan"),
        case_id="climate-volunteer-politicians-partys-typo-meat-fireworks",
        gap="'partys' beside 'politicians' stays a topic: the topic mender leaves words a category's topic holds",
    ),
    case(
        "Full-time crypto trader 📈 never use me to shill coins or NFTs, no 'guaranteed 100x' promos, no scam "
        "giveaways. Lambo memes are fine lmao. NFA",
        # Judgement: trading coins is no betting on chance in the definition's sense: no gambling. "NFA" (not
        # financial advice) is a sign-off.
        {"brands"},
        need=("giveaway",),
        ok=("coins", "nfts", "scam"),
        junk=("lambo memes", "nfa", "crypto trader", "full-time crypto trader"),
        words={"guaranteed 100x"},
        case_id="crypto-trader-shill-coins-guaranteed-100x-nfa",
    ),
    case(
        "i trade crypto for a living, so no gambling/casino sponsorships, no making me say my wallet address or seed "
        "phrase, nothing about my losses lol",
        # Judgement: "gambling/casino sponsorships" promotes gambling: gambling and brands, the stricter reading.
        {"gambling", "brands"},
        need=("wallet", "seed phrase", "losses"),
        junk=("trade crypto", "crypto", "i trade crypto for a living", "trade crypto for a living"),
        case_id="crypto-voice-casino-sponsorships-seed-phrase-losses",
    ),
]

# --- 5. Bodies and boards: a bodybuilder, a nail tech, a roller derby skater, a skateboarder --------------------------
BODIES_AND_BOARDS = [
    case(
        "Natty bodybuilder 💪 NO steroid/sarms jokes or implying I juice, no supplement sponsor stuff, no fat shaming. "
        "Gym bro humor and flexing are fine",
        # Judgement: steroids and SARMs used to build muscle are misused drugs: drugs, the stricter reading.
        {"drugs", "brands"},
        need=("fat shaming",),
        ok=("steroid", "sarms", "juice", "implying", "supplement"),
        junk=("gym bro humor", "flexing", "natty bodybuilder", "natty"),
        case_id="bodybuilder-natty-steroids-supplement-sponsor-fat-shaming",
    ),
    case(
        "competitive bodybuilder. stage photos in trunks are fine, but nothing sexual or thirst trap-y, no protein "
        "powder ads, no eating junk food lol. no steriods!!!",
        # Typo: "steriods" (steroids: drugs, as above).
        {"sexual", "brands", "drugs"},
        need=("junk food",),
        ok=("thirst trap", "protein powder", "eating", "steriods"),
        junk=("stage photos", "trunks", "competitive bodybuilder", "stage photos in trunks"),
        case_id="bodybuilder-trunks-fine-thirst-trap-protein-ads-steriods",
    ),
    case(
        "nail tech 💅 long acrylics are fine lol. no fungus/gross nail close ups, no nail salon brand promos unless its "
        "MY salon, no gossip about clients",
        # An exception to a ban keeps the ban whole: brands.
        {"brands"},
        need=("fungus", "gossip"),
        ok=("close ups", "clients", "nail", "gross"),
        junk=("long acrylics", "nail tech", "my salon", "salon"),
        case_id="nail-tech-fungus-brand-promos-unless-my-salon",
    ),
    case(
        "Nail tech & salon owner. No bloody cuticle videos, no making fun of my accent or my vietnamse family, no sexy "
        "hand model stuff. Nail art memes r cute!",
        # Judgement: blood is in violence's definition ("blood and gore"): violence, the stricter reading, though a
        # cut cuticle is no fight. Typo: "vietnamse", a topic as typed.
        {"violence", "sexual"},
        need=("accent", "vietnam"),
        ok=("cuticle", "hand model", "making fun", "family"),
        junk=("nail art memes", "nail tech", "salon owner", "nail tech & salon owner"),
        case_id="nail-tech-bloody-cuticles-accent-vietnamse-typo",
    ),
    case(
        "Roller derby jammer 🛼 hits & falls on the track are fine, it's a contact sport! No real fights off track, "
        "no alchohol sponsors, no mocking my derby name",
        # "alchohol" is a common misspelling the reader knows. Alcohol sponsors promote alcohol: alcohol and brands.
        {"violence", "alcohol", "brands"},
        need=("derby name",),
        ok=("off track", "mocking"),
        junk=("hits", "falls", "roller derby jammer", "contact sport", "hits & falls on the track"),
        case_id="derby-jammer-hits-fine-fights-alchohol-sponsors",
    ),
    case(
        "derby girl 💀 bruises r fine. no bloody injuries, no cheap shots to the head, no vaping. our league is "
        "queer af so no homophobic slurs",
        # A cheap shot is an illegal hit (violence), not a drink: no alcohol. Slurs are profanity. "queer af" says
        # who the league is.
        {"violence", "tobacco", "profanity"},
        ok=("cheap shots", "head", "injuries", "homophobic"),
        junk=("bruises", "derby girl", "our league is queer af", "queer", "league"),
        case_id="derby-girl-bruises-fine-cheap-shots-vaping-slurs",
    ),
    case(
        "skater since 12 🛹 bails and slams r fine thats skating lol. no fights w security, no smoking weed at the "
        "park, no energy drink sponsor stuff. sk8 or die",
        # Smoking weed is drugs, not tobacco. "sk8 or die" is a sign-off, no violence.
        {"violence", "drugs", "brands"},
        ok=("security", "park", "energy drink"),
        junk=("bails", "slams", "sk8 or die", "skater since 12", "skating", "die"),
        case_id="skater-bails-fine-fights-weed-energy-sponsor-sk8-or-die",
    ),
    case(
        "pro skateboarder, sponsored by a board company so no other skate brands visible. no broken bone gore, no "
        "trespasing clips (legal stuff). vans are fine",
        # Decided (README): a sponsored owner's ban on rivals is no ban on all advertising, and "any other ... brand"
        # is dropped: no brands. Typo: "trespasing", a topic as typed. Gore: violence.
        {"violence"},
        need=("trespas",),
        ok=("broken bone", "clips"),
        junk=(
            "vans",
            "pro skateboarder",
            "board company",
            "legal stuff",
            "skate brands",
            "other skate brands",
            "other skate brands visible",
        ),
        case_id="pro-skater-sponsor-rival-brands-gore-trespasing-typo",
        gap="'sponsored by a board company' reads brands, and the aside '(legal stuff)' becomes a topic",
    ),
]

# --- 6. Kids and family: a teen mom, a daycare owner, a puppeteer, an ASL interpreter --------------------------------
KIDS_AND_FAMILY = [
    case(
        "19, mom of a 2yo 💕 pls NEVER show my son's face, no teen pregnancy jokes, no partying/drinking, no vapes. "
        "im trying to be a good example. ty",
        # Partying beside drinking is drinking's: alcohol (a topic may stay).
        {"alcohol", "tobacco"},
        need=("son", "pregnancy"),
        ok=("face", "partying", "jokes"),
        junk=("im trying to be a good example", "ty", "mom of a 2yo", "19", "good example"),
        case_id="teen-mom-sons-face-pregnancy-jokes-partying-vapes",
    ),
    case(
        "teen mom (im 18 now). no dating/hookup stuff, no baby daddy drama, no 16 and Pregnant memes, swaering is ok i "
        "guess just not around my baby",
        # Typo: "swaering". Swearing is allowed by its head word; "not around my baby" narrows it, a topic at most.
        # Dating is romance, which rules out sexual; the hookup is sexual anyway.
        {"romance", "sexual"},
        need=("baby daddy", "16 and pregnant"),
        ok=("drama", "memes", "baby", "hookup"),
        junk=("teen mom", "im 18 now", "swearing", "swaering"),
        case_id="teen-mom-voice-dating-baby-daddy-swaering-typo-ok",
        gap="the show '16 and Pregnant' is cut at 'and' into the topics '16' and 'pregnant memes'",
    ),
    case(
        "I run a home daycare 🧸 parents follow me so: nothing scary, no bad words, no spanking or yelling at kids, no "
        "alcohol even as a joke. Silly dances = fine",
        # Spanking is hitting a child: violence. "parents follow me" is who watches.
        {"horror", "profanity", "violence", "alcohol"},
        need=("yelling",),
        ok=("kids", "spanking"),
        junk=("silly dances", "parents follow me", "home daycare", "i run a home daycare"),
        case_id="daycare-parents-follow-scary-spanking-yelling",
    ),
    case(
        "daycare owner. never show the kids or my building, no 'nap time' jokes w wine, keep it wholsome pls 🙏 "
        "cartoons fine",
        # Typo: "wholsome". Wholesome is PG (round 22). The quoted phrase is a word; its jokes with wine are alcohol.
        PG | {"alcohol"},
        need=("kids", "building"),
        ok=("jokes",),
        junk=("cartoons", "daycare owner"),
        words={"nap time"},
        case_id="daycare-owner-kids-building-nap-time-wine-wholsome-typo",
    ),
    case(
        "Puppeteer 🧸 my puppets are for kids so keep them away from anything sexual, no swearing puppet bits, no "
        "creepy possessed puppet horror. Silly voices fine!",
        {"sexual", "profanity", "horror"},
        ok=("puppet",),
        junk=("silly voices", "puppeteer", "kids", "my puppets are for kids"),
        case_id="puppeteer-puppets-for-kids-sexual-swearing-possessed",
    ),
    case(
        "i do puppet shows at libraries. dont put my puppets in political skits, no puppet violence like "
        "punching/stabbing, no drinkning. Avenue Q vibes are fine lol",
        # Typo: "drinkning" (a letter added). Avenue Q is allowed, one named thing; the bans stand.
        {"politics", "violence", "alcohol"},
        ok=("puppet", "skits", "punching", "stabbing"),
        junk=("avenue q", "avenue q vibes", "puppet shows at libraries", "libraries"),
        case_id="puppeteer-libraries-political-punching-drinkning-typo",
    ),
    case(
        "ASL interpreter 🤟 no fake sign language gibberish, no mocking Deaf people, no middle finger signs lol. "
        "swearing in ASL is fine tho it's real language",
        # Judgement: the allowance is swearing in ASL, a narrowing of swearing, beside a ban of the middle finger,
        # the definition's obscene gesture. Unclear, so the stricter reading: profanity (a topic may stay).
        {"profanity"},
        need=("gibberish", "deaf"),
        ok=("middle finger", "mocking", "sign language", "signs"),
        junk=("asl interpreter", "real language", "swearing in asl"),
        case_id="asl-interpreter-gibberish-deaf-middle-finger-swearing-in-asl",
        gap="'swearing in ASL is fine' allows all profanity, so the middle finger stays a topic (a judgement call)",
    ),
    case(
        "sign lang interpreter for hospitals + courts. no fake medical news, no showing me signing at political "
        "rallies, nothing sexaul. Deaf jokes by Deaf ppl are fine",
        # Typo: "sexaul".
        {"politics", "sexual"},
        need=("medical news",),
        ok=("signing", "rallies", "fake"),
        junk=("deaf jokes", "deaf ppl", "hospitals", "courts", "sign lang interpreter", "hospitals + courts"),
        case_id="sign-interpreter-medical-news-rallies-sexaul-typo",
    ),
]

# --- 7. Parties and pictures: a wedding DJ, a cosplay photographer ---------------------------------------------------
PARTIES_AND_PICTURES = [
    case(
        "Wedding DJ 🎧 dancing, toasts, champagne all fine! No groomsmen fights, no brides kissing ME lol, no explicit "
        "lyrics. my business name stays out of it too",
        # Champagne is allowed, one drink. "X stays out" bans X, and the owner's business name is their own
        # advertising (brands, round 37). Kissing is romance, which rules out sexual.
        {"violence", "romance", "sexual", "profanity", "brands"},
        ok=("groomsmen", "brides", "business"),
        junk=("dancing", "toasts", "champagne", "wedding dj"),
        case_id="wedding-dj-champagne-fine-fights-kissing-lyrics-business-name",
        through="read when the round was written: 'my business name stays out of it too' reads no brands and no topic; fixed 2026-12-06 (a later session)",
    ),
    case(
        "i dj weddings + quinceañeras so keep it clean!! no politcs, no ex-couple drama, no twerking on tables. The "
        "Cha Cha Slide is always ok 😂",
        # "keep it clean" where none of the four is banned already is PG. Typo: "politcs". The allowed song is a name.
        # Judgement: "ex-couple drama" is a quarrel between exes, not romantic love (no kissing, dating or
        # affection): a topic, so nothing of the four is banned before "keep it clean", and "i dj weddings" says who
        # the owner is.
        PG | {"politics"},
        ok=("ex-couple", "drama", "twerking", "tables"),
        junk=("cha cha slide", "the cha cha slide", "quinceañeras", "weddings", "dj weddings"),
        case_id="wedding-dj-voice-keep-it-clean-politcs-typo-ex-couple-twerking",
        gap="'i dj weddings' reads romance, so 'keep it clean' only restates it and PG is lost; 'ex-couple drama' reads romance",
    ),
    case(
        "Cosplay photographer 📸 con content is fine! but no upskirt/creepshot stuff, no lewd edits of my models, no "
        "fighting with con security. Please credit my work 🙏",
        # "Please credit my work" is a request to the maker, nothing that must not appear.
        {"sexual", "violence"},
        ok=("upskirt", "creepshot", "edits", "models", "con security"),
        junk=("con content", "cosplay photographer", "credit my work", "please credit my work"),
        case_id="cosplay-photographer-upskirt-lewd-edits-credit-my-work",
        gap="'creepshot' reads horror from 'creep'",
    ),
    case(
        "i shoot cosplay at cons. no watermark removal memes lol, no gore makeup (blood freaks me out), no posing me w "
        "minors in anything romantic. horror cosplays ok",
        # Horror is allowed by its head word, but gore is violence. Romance read whole is stricter than romance with
        # minors (round 37), and it rules out sexual.
        {"violence", "romance", "sexual"},
        need=("watermark",),
        ok=("minors", "gore makeup", "posing", "memes", "removal"),
        junk=("horror cosplays", "blood freaks me out", "shoot cosplay at cons", "cons"),
        case_id="cosplay-shooter-watermark-gore-makeup-minors-romantic",
    ),
]

# --- 8. Guards: the whole answer allows everything or only says who the owner is ------------------------------------
GUARDS = [
    case(
        "Paramedic, seen it all. Nothing you make will bother me, go for it 🚑",
        set(),
        case_id="guard-paramedic-seen-it-all-go-for-it",
    ),
    case("Rodeo clown 🤡 anything goes, make it funny!", set(), case_id="guard-rodeo-clown-anything-goes"),
    case(
        "Tarot reader & witch 🔮 no limits, spooky stuff welcome",
        set(),
        case_id="guard-tarot-witch-no-limits-spooky-welcome",
        gap="'spooky stuff welcome' after a title and an emoji reads horror, and 'no limits' a topic",
    ),
    case(
        "Skater, 22. Swearing, beer, whatever, I don't care ✌️",
        set(),
        case_id="guard-skater-swearing-beer-whatever",
    ),
    case(
        "Bodybuilder and proud sinner lol, use me however you want 💪",
        set(),
        case_id="guard-bodybuilder-proud-sinner-use-me",
    ),
    case("Crypto trader. Shill, meme, roast me, all good 🚀", set(), case_id="guard-crypto-shill-roast-all-good"),
    case(
        "Stunt double for action movies. Fights, guns, crashes, I'm cool with all of it",
        set(),
        case_id="guard-stunt-double-fights-guns-cool-with-all",
    ),
    case(
        "Wedding DJ and part-time bartender 🍸 no restrictions, party on!",
        set(),
        case_id="guard-wedding-dj-bartender-no-restrictions",
    ),
    case(
        "Fisherman from Gloucester. Nothing's off limits, wicked funny stuff only lol",
        set(),
        case_id="guard-fisherman-gloucester-nothing-off-limits",
    ),
    case(
        "Rabbi's wife and mom of 5 😅 honestly anything is fine by me!",
        set(),
        case_id="guard-rabbis-wife-anything-fine",
    ),
    case(
        "Nail tech & tattoo lover. Go wild, no rules 💅",
        set(),
        case_id="guard-nail-tech-go-wild-no-rules",
    ),
    case("19 yo mom, im chill with whatever u make, love yall 💕", set(), case_id="guard-teen-mom-chill-love-yall"),
]


# --- 9. The five reading bugs fixed after the round, each said in other words, beside the reading that must stay ------
FIXED_IN_OTHER_WORDS = [
    # "Nothing ... will bother me" allows everything; "nothing with X will bother me" is no such statement.
    case("ER nurse, nothing u post could offend me lol", set(), case_id="fixed-er-nurse-nothing-could-offend-me"),
    case(
        "Stand-up comic. Nothing bothers me except politics, go wild",
        {"politics"},
        case_id="fixed-comic-nothing-bothers-me-except-politics",
    ),
    case(
        "Nothing you make will bother me, but no nudity",
        {"sexual"},
        case_id="fixed-nothing-will-bother-me-but-no-nudity",
    ),
    case(
        "nothing with drugs will bother me... no drugs",
        {"drugs"},
        ok=("drugs",),
        case_id="kept-nothing-with-drugs-will-bother-me-no-drugs",
    ),
    # "X, Y, whatever, I don't care" allows the list; "I don't care about X but no Y" still bans Y, and a ban that
    # ends "I don't care" is emphatic.
    case("Skater. Drinking, cursing, idc ✌️", set(), case_id="fixed-skater-drinking-cursing-idc"),
    case(
        "weed, gambling memes, whatever, i couldn't care less",
        set(),
        case_id="fixed-weed-gambling-memes-couldnt-care-less",
    ),
    case(
        "I don't care about brands but no politics",
        {"politics"},
        case_id="kept-dont-care-about-brands-but-no-politics",
    ),
    case(
        "swearing, beer, i don't mind, but no drunk driving",
        {"alcohol"},
        ok=("drunk driving", "drinking"),
        case_id="kept-swearing-beer-dont-mind-but-no-drunk-driving",
    ),
    case("NO nudity i dont care how artsy it is", {"sexual"}, ok=("artsy",), case_id="kept-no-nudity-i-dont-care-how-artsy"),
    # Two titles are who the owner is; the bans beside them still stand.
    case(
        "Wedding planner + part-time DJ. do whatever u want",
        set(),
        case_id="fixed-wedding-planner-plus-dj-do-whatever",
    ),
    case("Wedding DJ & bartender, anything goes", set(), case_id="fixed-wedding-dj-and-bartender-anything-goes"),
    case(
        "Wedding DJ and bartender. no kissing, no drunk guests",
        {"romance", "sexual", "alcohol"},
        ok=("guests",),
        case_id="kept-wedding-dj-and-bartender-no-kissing-drunk-guests",
    ),
    case(
        "no pics of my kids, mom and dad",
        set(),
        need=("kids", "mom", "dad"),
        case_id="kept-no-pics-of-my-kids-mom-and-dad",
    ),
    # "X lover" in a bio is no romance; lovers banned are.
    case("Proud dog mom & tattoo lover, go wild", set(), case_id="fixed-dog-mom-and-tattoo-lover-go-wild"),
    case(
        "Nail tech & tattoo lover. no secret lovers or lovers' quarrels",
        {"romance", "sexual"},
        ok=("lovers",),
        case_id="kept-tattoo-lover-no-secret-lovers-or-quarrels",
    ),
    # An aside that the owner does it off camera says the ban again; an aside with a ban of its own is read.
    case(
        "no cussing at fans (i say it at home, just not on camera), no beer ads",
        {"profanity", "alcohol", "brands"},
        ok=("fans",),
        junk=("camera", "home"),
        case_id="fixed-cussing-aside-say-it-at-home-not-on-camera",
    ),
    case(
        "no swearing (i do it a lot lol but not in my videos) and no vaping",
        {"profanity", "tobacco"},
        junk=("videos", "my videos"),
        case_id="fixed-swearing-aside-do-it-a-lot-not-in-videos",
    ),
    case(
        "no drinking (i do irl but no beer ads)",
        {"alcohol", "brands"},
        case_id="kept-drinking-aside-with-a-ban-of-its-own",
    ),
]


@pytest.mark.parametrize(FIELDS, EMERGENCY_AND_HAZARD)
def test_emergency_and_hazard(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, RANCH_ROAD_AND_SEA)
def test_ranch_road_and_sea(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, FAITH_AND_SPIRIT)
def test_faith_and_spirit(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, CAUSES_AND_MONEY)
def test_causes_and_money(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, BODIES_AND_BOARDS)
def test_bodies_and_boards(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, KIDS_AND_FAMILY)
def test_kids_and_family(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, PARTIES_AND_PICTURES)
def test_parties_and_pictures(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, GUARDS)
def test_guards(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, FIXED_IN_OTHER_WORDS)
def test_fixed_in_other_words(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
