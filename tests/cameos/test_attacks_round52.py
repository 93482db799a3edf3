"""Attack round 52 on the restriction parser (cameos/restrictions.py): restrictions as young people really type them
in an app.

The trigger: "pls no couple stuff with me 🙏 i have a gf so no dating, kissing, flirting or bf/gf type vids" read
"bf" and "gf vids" as free-text topics, not romance (fixed in round 51's romance words). The angle: lowercase, no
punctuation, run-ons, emoji between clauses (🙏 🚫 ❌ 💀 😭 ✅), abbreviations and filler ("pls", "w", "w/", "bc",
"cuz", "tbh", "ngl", "fr", "irl", "rn", "lol", "lmao", "type vids", "n stuff", "and all that", "or whatever"), reasons
mixed in ("i have a gf", "my mom follows me", "im muslim", "im sober", "my boss watches", "my mom would kill me"),
bans said as "dont put me in", "keep me out of", "i dont do", "not into", "pass on", "nah to", "❌ kissing",
"kissing 🚫", "___ is a no for me", and categories named by slang: for romance ("situationship", "shipping me",
"rizz", "simping", "cheating storylines"), for sexual content ("sus", "twerking", "body count", "of" for OnlyFans,
"🍑", "gyatt", "corn"), for violence and horror ("ppl getting jumped", "beatdowns", "throwing hands", "kms", "ppl
getting shot", "backrooms", "scraps"), for substances, gambling and brands ("xans", "lean", "nic", "dabs", "carts",
"getting lit", "loot boxes", "draftkings promos"), and allowances said in slang ("is whatever", "idgaf about", "dont
bother me").

Each case states the product's rule, never what the code read: the full set of categories a careful human reads as
banned (romance always comes with sexual), the topics named beyond a category (``need``), the topics that may also be
read (``ok``), and no stray topic; when the reading is unclear, the stricter one (the ban) wins. Cases that read wrongly
are strict xfails (``gap=``), each saying what the parser read instead.

Written against the working tree of the day (with the saved classifier weights): see the count at the end.

What got through:

1. Bans that get lost (the dangerous direction): 26.
   - Romance slang (5): "no situationship vids", "no shipping me w anyone", "no rizz stuff", "no simping content" and
     "no cheating storylines i have a bf" ban no romance (topics only).
   - Sexual slang (8): "no sus content fr", "no twerking vids pls", "no body count talk", "no gyatt stuff" and "no
     corn lol" ban no sexual content (topics only); "lmao no twerking", "no of type content lol" and "no 🍑 content"
     read nothing at all, not even a topic.
   - Violence and horror slang (7): "dont put me in ppl getting jumped vids", "no one getting jumped", "no
     beatdowns", "no ppl throwing hands", "no kms jokes" and "no ppl getting shot" ban no violence, and "no backrooms
     stuff" bans no horror (topics only).
   - Substances, gambling and brands (6): "no xans or lean" and "no dabs or carts" ban no drugs, "no nic" bans no
     tobacco, "no getting lit" bans neither alcohol nor drugs, "no loot boxes" bans no gambling (topics only), and
     "no draftkings promos" bans brands but not gambling.
2. Bans read that the owner did not write (the lesser direction): 9.
   - A reason's "would kill me" read as a violence ban (4): "no kissing 🙏 my gf would kill me 💀", "pls no romance
     my wife would kill me lol", "no weed my mom would kill me 💀" and "no smoking my coach would kill me" (while "my
     mom would literally kill me" reads right).
   - Allowances in slang read as bans (4): "kissing is whatever but no nsfw" bans romance; "cussing is whatever but no
     nsfw" and "idgaf about cussing but no gore" ban profanity; "cussing dont bother me but no smoking" bans
     profanity and keeps the stray topic "bother".
   - "no scraps or fights" reads gambling beside violence.

Of 70 cases, 35 got through (strict xfails: 26 lost bans, 9 over-reads) and 35 read right (guards).

Fixed the same day: a reason run on after a ban with no comma ("no weed my mom would kill me", "no kissing 🙏 my gf
would kill me 💀", "no weed bc my mom would kill me") is a clause of its own, and "my <anyone> would kill me" is a
reason, not a ban of violence (the 4 over-reads above); a laugh or a hedge before a ban ("lmao no twerking", "ngl no
pranks") no longer hides it, so "lmao no twerking" reads the topic like "no twerking" does. 31 stay strict xfails.

What reading the slang as categories did (tried the same day, not kept): adding the slang words to the categories'
``recognise`` regexes made 22 of the 26 lost-ban cases read their category, but a word that names a category is no
longer kept as a topic, and most of these words are in no category's lexicon. Under "no twerking", "no loot boxes", "no
rizz stuff", "no simping content", "no backrooms stuff", "no gyatt stuff", "no kms jokes", "no beatdowns" and "no
getting lit", a prompt doing exactly that ("@ann twerks on a table at the party", "@ann buys ten loot boxes") was then
allowed: 11 of the 17 prompts below passed, where the topic reading refuses all 17 (by the word, or by meaning at 0.55
to 0.72). Names were read too: "no nic" (tobacco) would have lost a friend called Nic, and "no corn" sexual content. So
these cases stay strict xfails: the parse does not read the category, but what the owner banned is refused, which
``test_slang_bans_read_as_topics_refuse_what_they_name`` holds. Reading such a word as its category would need the
topic kept beside it.

Built in round 53 (``test_attacks_round53.py``): a category's ``slang`` regex (restriction_categories.toml) names it
while the topic is kept, so 24 of the 26 lost bans now read their category and keep their topic, "no 🍑 content"
reads sexual content as "no 🍆 stuff" does, and the 17 prompts are still refused. Four of the over-reads are mended
there too: "X is whatever" and "idgaf about X" allow X, and "cussing dont bother me" is one clause. "no scraps or fights" no
longer reads gambling (its "craps" is a whole word). One case stays a strict xfail: "no of type content lol" (a lost ban).
"""

from __future__ import annotations

import pytest

from cameos.restrictions import find_restriction_conflicts
from tests.cameos.restriction_cases import FIELDS, PG, case, check

ROMANCE = {"romance", "sexual"}

# --- 1. Romance as it is typed: couple stuff, bf/gf, kissing, and romance slang ---------------------------------------
ROMANCE_SLANG = [
    # Guards: the bug's own text, its shapes with emoji and reasons, the ban phrasings of the angle, and an allowance
    # of kissing beside a ban of nsfw.
    case(
        "pls no couple stuff with me 🙏 i have a gf so no dating, kissing, flirting or bf/gf type vids",
        ROMANCE,
        case_id="guard-romance-the-bug-couple-stuff-bf-gf-type-vids",
    ),
    case("no couple type vids i have a gf", ROMANCE, case_id="guard-romance-couple-type-vids-reason-gf"),
    case("❌ kissing ❌ nsfw", ROMANCE, case_id="guard-romance-cross-emoji-kissing-nsfw"),
    case("kissing is a no for me i have a gf", ROMANCE, case_id="guard-romance-kissing-is-a-no-for-me"),
    case("pass on kissing", ROMANCE, case_id="guard-romance-pass-on-kissing"),
    case("i dont do kissing scenes or anything nsfw", ROMANCE, case_id="guard-romance-i-dont-do-kissing-nsfw"),
    case("no flirting w me 😭 im married", ROMANCE, case_id="guard-romance-flirting-w-me-im-married"),
    case("no making out 😭 my parents follow me", ROMANCE, case_id="guard-romance-making-out-parents-follow"),
    case("no rizz videos or dating stuff", ROMANCE, ok=("rizz",), case_id="guard-romance-rizz-beside-dating"),
    case("im down for kissing vids but no nsfw", {"sexual"}, case_id="guard-romance-down-for-kissing-no-nsfw"),
    # Romance slang: the ban is lost.
    case(
        "no situationship vids",
        ROMANCE,
        ok=("situationship",),
        case_id="romance-situationship-vids",
        through="read when the round was written: nothing banned: only the topic 'situationship vids'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no shipping me w anyone",
        ROMANCE,
        ok=("shipping",),
        case_id="romance-shipping-me-w-anyone",
        through="read when the round was written: nothing banned: only the topic 'shipping'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no rizz stuff",
        ROMANCE,
        ok=("rizz",),
        case_id="romance-rizz-stuff",
        through="read when the round was written: nothing banned: only the topic 'rizz'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no simping content",
        ROMANCE,
        ok=("simping",),
        case_id="romance-simping-content",
        through="read when the round was written: nothing banned: only the topic 'simping'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no cheating storylines i have a bf",
        ROMANCE,
        ok=("cheating",),
        case_id="romance-cheating-storylines-reason-bf",
        through="read when the round was written: nothing banned: only the topic 'cheating storylines'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    # Reasons and allowances read as bans.
    case(
        "no kissing 🙏 my gf would kill me 💀",
        ROMANCE,
        case_id="romance-kissing-gf-would-kill-me",
        through="read when the round was written: romance and sexual, but violence too: the reason 'my gf would kill me' is read as a ban; fixed the same day (a reason run on with no comma is a clause of its own)",
    ),
    case(
        "pls no romance my wife would kill me lol",
        ROMANCE,
        case_id="romance-wife-would-kill-me",
        through="read when the round was written: romance and sexual, but violence too: the reason 'my wife would kill me' is read as a ban; fixed the same day (a reason run on with no comma is a clause of its own)",
    ),
    case(
        "kissing is whatever but no nsfw",
        {"sexual"},
        case_id="romance-kissing-is-whatever-allowance",
        through="read when the round was written: romance too: 'kissing is whatever' (it is fine) is read as a ban; fixed in round 53 ('is whatever' said of a thing allows it)",
    ),
]

# --- 2. Sexual content by slang: smut, thirst traps, lewd, spicy, and the words that are not read ----------------------
SEXUAL_SLANG = [
    # Guards: the slang the categories hold, with emoji, reasons and filler, and "spicy" as food.
    case("no smut pls", {"sexual"}, case_id="guard-sexual-smut-pls"),
    case("no thirst traps 🙏 my mom follows me", {"sexual"}, case_id="guard-sexual-thirst-traps-mom-follows"),
    case("nothing lewd or spicy lol", {"sexual"}, case_id="guard-sexual-lewd-or-spicy-lol"),
    case("nah to thirst traps and all that", {"sexual"}, case_id="guard-sexual-nah-to-thirst-traps"),
    case("no 🍆 stuff", {"sexual"}, case_id="guard-sexual-eggplant-emoji"),
    case("no spicy food challenges", set(), need=("spicy food",), case_id="guard-sexual-spicy-food-is-food"),
    # Slang for sexual content: the ban is lost.
    case(
        "no sus content fr",
        {"sexual"},
        ok=("sus",),
        case_id="sexual-sus-content-fr",
        through="read when the round was written: nothing banned: only the topic 'sus'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no twerking vids pls",
        {"sexual"},
        ok=("twerking",),
        case_id="sexual-twerking-vids-pls",
        through="read when the round was written: nothing banned: only the topic 'twerking vids'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "lmao no twerking",
        {"sexual"},
        ok=("twerking",),
        case_id="sexual-lmao-no-twerking",
        through="read when the round was written: the topic 'twerking' only (when the round was written, nothing at all: the 'lmao' before the no hid it; fixed the same day); fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no body count talk",
        {"sexual"},
        ok=("body count",),
        case_id="sexual-body-count-talk",
        through="read when the round was written: nothing banned: only the topic 'body count talk'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no of type content lol",
        {"sexual"},
        ok=("of", "onlyfans"),
        case_id="sexual-of-type-content",
        gap="nothing at all: 'of' (OnlyFans) is read as a stop word, no category and no topic",
    ),
    case(
        "no 🍑 content",
        {"sexual"},
        ok=("🍑", "peach"),
        case_id="sexual-peach-emoji",
        through="read when the round was written: nothing at all: no category and no topic; fixed in round 53 (the peach emoji now reads as sexual content, as the eggplant does)",
    ),
    case(
        "no gyatt stuff",
        {"sexual"},
        ok=("gyatt",),
        case_id="sexual-gyatt-stuff",
        through="read when the round was written: nothing banned: only the topic 'gyatt'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no corn lol",
        {"sexual"},
        ok=("corn",),
        case_id="sexual-corn-algospeak",
        through="read when the round was written: nothing banned: only the topic 'corn' (algospeak for porn; the stricter reading wins); fixed in round 53 (slang bans its category and keeps the topic)",
    ),
]

# --- 3. Violence and horror by slang ----------------------------------------------------------------------------------
VIOLENCE_HORROR_SLANG = [
    # Guards: gore, jumpscares, creepypasta, beat up, unalive, in the angle's phrasings.
    case("nah to gore n stuff", {"violence"}, case_id="guard-violence-nah-to-gore-n-stuff"),
    case("no gore pls i throw up at blood", {"violence"}, case_id="guard-violence-gore-throw-up-at-blood"),
    case("no unalive jokes", {"violence"}, case_id="guard-violence-unalive-jokes"),
    case("jumpscares 🚫", {"horror"}, case_id="guard-horror-jumpscares-no-entry-emoji"),
    case(
        "creepypasta is a no for me i get nightmares",
        {"horror"},
        case_id="guard-horror-creepypasta-is-a-no-nightmares",
    ),
    case(
        "no smut no gore no jumpscares 💀",
        {"sexual", "violence", "horror"},
        case_id="guard-run-on-smut-gore-jumpscares",
    ),
    # Slang for violence and horror: the ban is lost.
    case(
        "dont put me in ppl getting jumped vids",
        {"violence"},
        ok=("jumped",),
        case_id="violence-dont-put-me-in-ppl-getting-jumped",
        through="read when the round was written: nothing banned: only the topic 'ppl getting jumped vids'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no one getting jumped",
        {"violence"},
        ok=("jumped",),
        case_id="violence-no-one-getting-jumped",
        through="read when the round was written: nothing banned: only the topic 'one getting jumped'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no beatdowns",
        {"violence"},
        ok=("beatdowns",),
        case_id="violence-beatdowns",
        through="read when the round was written: nothing banned: only the topic 'beatdowns'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no ppl throwing hands",
        {"violence"},
        ok=("throwing hands",),
        case_id="violence-ppl-throwing-hands",
        through="read when the round was written: nothing banned: only the topic 'ppl throwing hands'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no kms jokes",
        {"violence"},
        ok=("kms",),
        case_id="violence-kms-jokes-self-harm",
        through="read when the round was written: nothing banned: only the topic 'kms jokes' (kill myself, self-harm); fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no ppl getting shot",
        {"violence"},
        ok=("shot",),
        case_id="violence-ppl-getting-shot",
        through="read when the round was written: nothing banned: only the topic 'ppl getting shot'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no backrooms stuff",
        {"horror"},
        ok=("backrooms",),
        case_id="horror-backrooms-stuff",
        through="read when the round was written: nothing banned: only the topic 'backrooms'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no scraps or fights",
        {"violence"},
        ok=("scraps",),
        case_id="violence-scraps-or-fights",
        through="read when the round was written: violence, but gambling too: 'scraps' (fights) is read as gambling; fixed in round 53 (gambling's 'craps' is a whole word)",
    ),
]

# --- 4. Substances, gambling, brands and politics by slang -------------------------------------------------------------
SUBSTANCES_GAMBLING_BRANDS = [
    # Guards: booze, weed, vapes, cigs, parlays, spon, #ad, "politics n stuff", "keep it pg", in the angle's phrasings.
    case("keep me out of booze n stuff im sober", {"alcohol"}, case_id="guard-alcohol-keep-me-out-of-booze-sober"),
    case(
        "im muslim so no booze no pork no dating",
        {"alcohol", *ROMANCE},
        need=("pork",),
        case_id="guard-run-on-muslim-booze-pork-dating",
    ),
    case("weed 🚫 vapes 🚫 cigs 🚫", {"drugs", "tobacco"}, case_id="guard-drugs-tobacco-weed-vapes-cigs-emoji"),
    case("not into betting or parlays", {"gambling"}, case_id="guard-gambling-not-into-betting-parlays"),
    case("no spon or #ad stuff", {"brands"}, case_id="guard-brands-spon-or-hashtag-ad"),
    case("politics n stuff is a no for me", {"politics"}, case_id="guard-politics-n-stuff-is-a-no"),
    case("keep it pg pls 🙏", PG, case_id="guard-pg-keep-it-pg-pls"),
    case(
        "no kissing no drinking no cussing pls 🙏 my mom follows me",
        {"alcohol", "profanity", *ROMANCE},
        case_id="guard-run-on-kissing-drinking-cussing",
    ),
    # Slang for substances, gambling and brands: the ban is lost.
    case(
        "no xans or lean",
        {"drugs"},
        ok=("xans", "lean"),
        case_id="drugs-xans-or-lean",
        through="read when the round was written: nothing banned: only the topics 'xans' and 'lean'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no dabs or carts",
        {"drugs"},
        ok=("dabs", "carts"),
        case_id="drugs-dabs-or-carts",
        through="read when the round was written: nothing banned: only the topics 'dabs' and 'carts'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no nic",
        {"tobacco"},
        ok=("nic",),
        case_id="tobacco-nic",
        through="read when the round was written: nothing banned: only the topic 'nic'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no getting lit",
        {"alcohol", "drugs"},
        ok=("lit",),
        case_id="alcohol-drugs-getting-lit",
        through="read when the round was written: nothing banned: only the topic 'getting lit' (drunk or high; the stricter reading bans both); fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no loot boxes",
        {"gambling"},
        ok=("loot boxes",),
        case_id="gambling-loot-boxes",
        through="read when the round was written: nothing banned: only the topic 'loot boxes'; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
    case(
        "no draftkings promos",
        {"brands", "gambling"},
        ok=("draftkings",),
        case_id="gambling-draftkings-promos",
        through="read when the round was written: brands only: the betting app DraftKings bans no gambling; fixed in round 53 (slang bans its category and keeps the topic)",
    ),
]

# --- 5. Reasons and allowances mixed in --------------------------------------------------------------------------------
REASONS_AND_ALLOWANCES = [
    # Guards: reasons that name a category or a religion, "literally kill me", and allowances said in slang.
    case("no drinking my dad is an alcoholic", {"alcohol"}, case_id="guard-reason-dad-is-an-alcoholic"),
    # A ban whose object is what someone would think is one ban, not a ban and a reason run on (the run-on rule only
    # splits off what someone would do to the owner).
    case("nothing my church would frown on", {"religion"}, case_id="guard-ban-of-what-my-church-would-frown-on"),
    # Who would see is tied to what comes before it by "where" or "that": one clause, not a junk topic "where" and a
    # reason (seen beside this round, mended in round 53). It bans no category; its topic says who would see.
    case(
        "no videos where my mom would see them",
        set(),
        ok=("mom would see",),
        junk=("where",),
        case_id="guard-where-my-mom-would-see-is-one-clause",
    ),
    case("nothing that my boss would see", set(), ok=("boss would see",), case_id="guard-that-my-boss-would-see-is-one-clause"),
    case("no cussing bc im christian", {"profanity"}, case_id="guard-reason-bc-im-christian"),
    case(
        "no weed stuff 😭 my mom would literally kill me",
        {"drugs"},
        case_id="guard-reason-mom-would-literally-kill-me",
    ),
    case("no dating stuff i would rather die 💀", ROMANCE, case_id="guard-reason-would-rather-die"),
    case("im chill w cussing but no drugs", {"drugs"}, case_id="guard-allow-chill-w-cussing"),
    # A reason's "would kill me" read as a violence ban, and allowances in slang read as bans.
    case(
        "no weed my mom would kill me 💀",
        {"drugs"},
        case_id="reason-weed-mom-would-kill-me",
        through="read when the round was written: drugs, but violence too: the reason 'my mom would kill me' is read as a ban; fixed the same day (a reason run on with no comma is a clause of its own)",
    ),
    case(
        "no smoking my coach would kill me",
        {"tobacco"},
        case_id="reason-smoking-coach-would-kill-me",
        through="read when the round was written: tobacco, but violence too: the reason 'my coach would kill me' is read as a ban; fixed the same day (a reason run on with no comma is a clause of its own)",
    ),
    case(
        "cussing is whatever but no nsfw",
        {"sexual"},
        case_id="allow-cussing-is-whatever",
        through="read when the round was written: profanity too: 'cussing is whatever' (it is fine) is read as a ban; fixed in round 53 ('is whatever' said of a thing allows it)",
    ),
    case(
        "idgaf about cussing but no gore",
        {"violence"},
        case_id="allow-idgaf-about-cussing",
        through="read when the round was written: profanity too: 'idgaf about cussing' (the owner does not care) is read as a ban; fixed in round 53 ('idgaf about' allows as 'idc about' does)",
    ),
    case(
        "cussing dont bother me but no smoking",
        {"tobacco"},
        case_id="allow-cussing-dont-bother-me",
        through="read when the round was written: profanity too, and the stray topic 'bother': 'cussing' is split from 'dont bother me' and read as a ban; fixed in round 53 (an allowance's own 'dont' cuts no clause)",
    ),
]


@pytest.mark.parametrize(FIELDS, ROMANCE_SLANG)
def test_romance_as_typed_in_the_app(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, SEXUAL_SLANG)
def test_sexual_content_by_slang(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, VIOLENCE_HORROR_SLANG)
def test_violence_and_horror_by_slang(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, SUBSTANCES_GAMBLING_BRANDS)
def test_substances_gambling_brands_by_slang(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, REASONS_AND_ALLOWANCES)
def test_reasons_and_allowances_mixed_in(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


# What each slang ban read as a topic refuses: the thing it names, done in the prompt (see the docstring's last part).
SLANG_BANS_ENFORCED = [
    ("no twerking", "@ann twerks on a table at the party"),
    ("no twerking", "@ann twerking in the kitchen"),
    ("no loot boxes", "@ann opens loot boxes in her favorite game hoping for a rare skin"),
    ("no loot boxes", "@ann buys ten loot boxes"),
    ("no xans", "@ann pops xans before class"),
    ("no situationship vids", "@ann and @bob in a situationship, texting at 2am"),
    ("no rizz stuff", "@ann rizzes up a stranger at the mall"),
    ("no simping content", "@ann simps hard for the barista"),
    ("no backrooms stuff", "@ann wanders the endless yellow backrooms"),
    ("no ppl getting jumped", "@ann gets jumped outside school"),
    ("no body count talk", "@ann brags about her body count"),
    ("no gyatt stuff", "@bob yells gyatt at @ann walking by"),
    ("no kms jokes", "@ann says kms after failing the test"),
    ("no beatdowns", "@ann gives @bob a beatdown"),
    ("no dabs or carts", "@ann hits a cart behind the gym"),
    ("no getting lit", "@ann gets lit at the party"),
    ("no draftkings promos", "@ann promotes DraftKings with a promo code"),
]


@pytest.mark.parametrize(("restriction", "prompt"), SLANG_BANS_ENFORCED)
def test_slang_bans_read_as_topics_refuse_what_they_name(restriction, prompt):
    assert find_restriction_conflicts([restriction], prompt), (restriction, prompt)
