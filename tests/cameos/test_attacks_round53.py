"""Attack round 53 on the restriction parser (cameos/restrictions.py): the categories' ``slang`` regexes
(restriction_categories.toml), new today. A topic of a ban whose lower-cased text matches a category's slang bans that
category and keeps the topic ("no twerking vids pls": sexual content and the topic "twerking vids"), except where the
slang word is written as a name ("no Nic in my videos"), where the owner allows the category elsewhere ("alcohol is
fine"), and in clauses of no known ban form ("twerking is whatever, no drinking"). Also new: "nah to X", "nope to X",
"big nah on X" are bans, and 🍑 in a restriction is sexual content.

The angles: (1) over-reads: slang words in their other senses inside a ban ("lean meat", "shipping delays", "getting
shot by a photographer", "getting stomped in ranked", "simping for brands", "dabs of glitter"), slang in allowances
("twerking is fine"), in reasons ("bc my ex was a simp"), and names ("Nic"); (2) lost bans: the slang's variants and
spellings the regexes miss ("rizzin", "shippin", "gyatts", "getting turnt up", "ship me w"), the same words in the other
ban forms ("twerking 🚫", "nope to", "big nah on", "keep me out of", "are a no", lists), and more widely known slang per
category ("catching hands", "getting merked", "sewerslide", "sneaky links", "freaky", "talking stage", "puff bars",
"xanax bars", "loot crates", "stake streams", "bet365", "fnaf"); (3) end to end with find_restriction_conflicts: a
prompt doing the slang thing, a prompt in the category without the slang word, and prompts unrelated to it.

Each case states the product's rule, never what the code read: the full set of categories a careful human reads as
banned (romance always comes with sexual), the topics named beyond a category (``need``), the topics that may also be
read (``ok``), and no stray topic; when the reading is unclear, the stricter one (the ban) wins. Cases that read wrongly
are strict xfails (``gap=``), each saying what the parser read instead.

Written against the working tree of the day (with the saved classifier weights).

What got through, in the parse (71 cases: 32 strict xfails, 39 guards):

1. Bans that get lost (the dangerous direction): 23.
   - Drugs and tobacco read as alcohol by "bars" (2): "no xanax bars" bans alcohol, not drugs; "no puff bars"
     (disposable vapes) bans alcohol, not tobacco.
   - Alcohol (1): "no getting turnt up" is a topic only (the slang regex refuses "up" after "turnt").
   - Violence (5): "no catching hands", "no squaring up", "no getting bodied" and "no sewerslide jokes" are topics
     only; "no getting merked" is the topic "getting marked" (mended to another word), no violence.
   - Romance (7): "no sneaky links", "no talking stage stuff", "no ship edits", "no ship me w anyone" (the "me" the
     slang needs is cut from the topic), "no shippin me w anyone" (searched before "shippin" is spelled out), "no
     rizzin" and "no cheating scenes" ("scenes" is cut before the slang is searched) ban no romance.
   - Sexual content (4): "no freaky stuff", "no smash or pass", "no gyatts" and "no sussy stuff" are topics only.
   - Gambling and horror (4): "no loot crates" and "no stake streams" ban no gambling, "no bet365 ads" bans brands but
     not gambling (as draftkings does), "no fnaf" bans no horror.
2. Bans read that the owner did not write (the lesser direction): 9.
   - Slang in its other sense (5): "no getting shot by a photographer" and "no getting stomped in ranked" ban
     violence; "no simping for brands" and "no simp for the Lakers" ban romance and sexual content; "no dabs of glitter
     on my face" bans drugs.
   - Reasons (3): "no drinking bc my ex was a simp" bans romance and sexual content; "no smoking, my uncle got jumped
     outside a bar" bans alcohol (its "got jumped" is rightly not read); "no weed, lean meat is my diet" keeps the
     stray topic "lean meat is diet".
   - "no gyat" reads sexual content but keeps the topic "goat" (the slang word mended to another word).

End to end (37 prompts: 19 strict xfails, 18 guards):

1. Lost (12): "no catching hands" allows a street fight, "no puff bars" a vape, "no xanax bars" popping a pill, "no
   sneaky links" a hookup, "no getting merked" a shootout, "no getting turnt up" getting drunk, "no freaky stuff" a
   steamy bedroom scene, "no ship me w anyone" a couple holding hands, "no loot crates" a mystery crate for a skin, "no
   fnaf" an animatronic killer, "no talking stage stuff" texting a crush, "no simping for brands" gushing over a brand.
2. Over-reads (7): "no getting shot by a photographer" refuses a western gunfight, "no getting stomped in ranked" a
   street fight, "no simping for brands" a date, "no drinking bc my ex was a simp" a romantic date, "no puff bars" a
   beer at a bar, "no catching hands" catching a baseball, "no carts at the mall" a thc cart.

Of 108 cases, 51 got through (strict xfails: 35 lost bans, 16 over-reads) and 57 read right (guards). The slang
feature's own rules hold: names ("no Nic in my videos", "keep Nic out of my vids"), allowances ("alcohol is fine but
no getting lit" bans drugs only, "gambling is fine but no loot boxes" is the topic only), clauses of no ban form
("twerking is whatever, no drinking") and the new ban forms ("nope to", "big nah on", "nah to") all read right.

Fixed the same day (37 of the 51; each such case says ``through=``):

- The slang regexes know the missed slang and variants: "catching hands", "squaring up", "getting bodied/merked",
  "sewerslide", "talking stage", "sneaky links" (romance), "ship edits", "ship me", "shippin", "rizzin", "freaky",
  "gyatts", "sussy", "loot crates", "stake streams", "bet365", "fnaf", "getting turnt up", "puff bars" (tobacco) and
  "xanax bars" (drugs).
- Alcohol's "bar" is not a pill's or a vape's ("xanax bars", which the spelling table reads "pills bars", "puff bars").
- A slang word is never mended as a slip ("gyat" was "goat", "getting merked" was "getting marked").
- Not read: "getting shot by a photographer", "dabs of glitter", and slang in a reason after "bc", "because" or "since"
  ("no drinking bc my ex was a simp").

12 stay strict xfails (14 the same day; round 54 fixed one, and a later session "no smash or pass", whose bare "smash"
is now sexual content's slang):

- Lost (3): "no cheating scenes" (its "scenes" is cut before the slang
  is read, and "cheating" alone is poker's and esports' too: tried and not kept, it read romance in three earlier
  rounds' card and game cheating); end to end, "no loot crates" allows a mystery crate, since the classifier does not
  read it as gambling (nor under "no gambling"), and "no sneaky links" allowed sneaking out to hook up with a stranger
  until round 54 (sexual content's patterns); "no simping for brands" allows gushing over a brand.
- Over-reads (9): "getting stomped in ranked" (violence, twice), "simping for brands" and "simp for the Lakers"
  (romance; twice for brands), a reason's "bar" ("my uncle got jumped outside a bar") and a reason kept as a stray topic
  ("lean meat is my diet"), both as before the slang; end to end, "catching hands" refuses catching a baseball and
  "carts at the mall" a thc cart, by the topic's meaning.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, assert_refused, case, check

ROMANCE = {"romance", "sexual"}

# --- 1. Over-reads: slang in its other senses, in names, allowances and reasons ---------------------------------------
OVER_READS = [
    # Guards: the other sense of a slang word read as a topic only, names, allowances and reasons.
    case("no lean meat", set(), need=("lean meat",), case_id="guard-over-lean-meat"),
    case("no shipping delays", set(), need=("shipping delays",), case_id="guard-over-shipping-delays"),
    case("no corn dogs", set(), need=("corn dogs",), case_id="guard-over-corn-dogs"),
    case("no dabbing dance", set(), need=("dabbing",), case_id="guard-over-dabbing-dance"),
    case("no carts at the mall", set(), need=("carts",), case_id="guard-over-carts-at-the-mall"),
    case("no perks", set(), need=("perks",), case_id="guard-over-perks-not-percs"),
    case("no sus links", set(), need=("sus links",), case_id="guard-over-sus-links-are-scams"),
    case(
        "no getting lit up by stage lights", set(), need=("stage lights",), case_id="guard-over-lit-up-by-stage-lights"
    ),
    case("no body count in war games", {"violence"}, ok=("body count",), case_id="guard-over-body-count-war-games"),
    case("no Nic in my videos", set(), need=("nic",), case_id="guard-over-nic-a-name"),
    case("keep Nic out of my vids", set(), need=("nic",), case_id="guard-over-keep-nic-out-a-name"),
    case("twerking is fine but no nudity", {"sexual"}, case_id="guard-over-twerking-is-fine-no-nudity"),
    case("twerking is whatever, no drinking", {"alcohol"}, case_id="guard-over-twerking-is-whatever-no-drinking"),
    case("im ok w loot boxes, no casinos", {"gambling"}, case_id="guard-over-ok-w-loot-boxes-no-casinos"),
    case("rizz is whatever but no politics", {"politics"}, case_id="guard-over-rizz-is-whatever-no-politics"),
    case(
        "gambling is fine but no loot boxes", set(), need=("loot boxes",), case_id="guard-over-gambling-fine-loot-boxes"
    ),
    case(
        "alcohol is fine but no getting lit",
        {"drugs"},
        need=("getting lit",),
        case_id="guard-over-alcohol-fine-no-getting-lit",
    ),
    case("no drinking bc i got jumped once", {"alcohol"}, case_id="guard-over-reason-got-jumped-once"),
    case("no weed, my bro sips lean tho", {"drugs"}, case_id="guard-over-reason-bro-sips-lean"),
    case("no cussing, i only post twerking vids", {"profanity"}, case_id="guard-over-i-only-post-twerking-vids"),
    case("twerking dont bother me but no nsfw", {"sexual"}, case_id="guard-over-twerking-dont-bother-me"),
    # Slang in its other sense read as its category.
    case(
        "no getting shot by a photographer",
        set(),
        need=("photographer",),
        case_id="over-getting-shot-by-a-photographer",
        through="read when the round was written: violence: a photo shoot's 'getting shot' is read as shooting; fixed the same day",
    ),
    case(
        "no getting stomped in ranked",
        set(),
        need=("stomped",),
        case_id="over-getting-stomped-in-ranked",
        gap="violence: losing badly in a ranked game ('getting stomped') is read as a beating",
    ),
    case(
        "no simping for brands",
        {"brands"},
        ok=("simping",),
        case_id="over-simping-for-brands",
        gap="romance and sexual content too: fawning over brands ('simping') is read as romance",
    ),
    case(
        "no simp for the Lakers",
        set(),
        need=("lakers",),
        case_id="over-simp-for-the-lakers",
        gap="romance and sexual content: being a fan of a team ('simp for') is read as romance",
    ),
    case(
        "no dabs of glitter on my face",
        set(),
        need=("glitter",),
        case_id="over-dabs-of-glitter",
        through="read when the round was written: drugs: 'dabs' of glitter are read as cannabis concentrate; fixed the same day",
    ),
    # Slang in reasons and allowances.
    case(
        "no drinking bc my ex was a simp",
        {"alcohol"},
        case_id="over-reason-ex-was-a-simp",
        through="read when the round was written: romance and sexual content too: the reason's 'simp' is read as a ban; fixed the same day",
    ),
    case(
        "no smoking, my uncle got jumped outside a bar",
        {"tobacco"},
        case_id="over-reason-uncle-jumped-outside-a-bar",
        gap="alcohol too: the reason's 'bar' is read as a ban (its 'got jumped' is rightly not)",
    ),
    case(
        "no weed, lean meat is my diet",
        {"drugs"},
        case_id="over-reason-lean-meat-is-my-diet",
        gap="drugs, but the stray topic 'lean meat is diet': the reason is read as a ban in the list",
    ),
    case(
        "no gyat",
        {"sexual"},
        ok=("gyat",),
        case_id="over-gyat-mended-to-goat",
        through="read when the round was written: sexual content, but the topic 'goat': the slang word is mended to another word; fixed the same day",
    ),
]

# --- 2. Lost bans: variants the regexes miss, other ban forms, and more slang -----------------------------------------
LOST_BANS = [
    # Guards: the slang in the other ban forms, lists, and its variants that are read.
    case("twerking 🚫", {"sexual"}, ok=("twerking",), case_id="guard-lost-twerking-no-entry-emoji"),
    case("twerking is a no for me", {"sexual"}, ok=("twerking",), case_id="guard-lost-twerking-is-a-no-for-me"),
    case("i dont do twerking", {"sexual"}, ok=("twerking",), case_id="guard-lost-i-dont-do-twerking"),
    case("nope to rizz stuff", ROMANCE, ok=("rizz",), case_id="guard-lost-nope-to-rizz-stuff"),
    case("big nah on loot boxes", {"gambling"}, ok=("loot boxes",), case_id="guard-lost-big-nah-on-loot-boxes"),
    case("nah to gyatt stuff", {"sexual"}, ok=("gyatt",), case_id="guard-lost-nah-to-gyatt-stuff"),
    case("keep me out of loot boxes", {"gambling"}, ok=("loot boxes",), case_id="guard-lost-keep-me-out-of-loot-boxes"),
    case(
        "no rizz, twerking or sus stuff",
        ROMANCE,
        ok=("rizz", "twerking", "sus"),
        case_id="guard-lost-list-rizz-twerking-sus",
    ),
    case(
        "twerking, rizz and loot boxes are a no",
        {"gambling", *ROMANCE},
        ok=("twerking", "rizz", "loot boxes"),
        case_id="guard-lost-list-are-a-no",
    ),
    case("no twerks", {"sexual"}, ok=("twerks",), case_id="guard-lost-twerks"),
    case("no rizzing", ROMANCE, ok=("rizzing",), case_id="guard-lost-rizzing"),
    case("no simps", ROMANCE, ok=("simps",), case_id="guard-lost-simps"),
    case("no lootboxes", {"gambling"}, ok=("lootboxes",), case_id="guard-lost-lootboxes-one-word"),
    case("no jumping ppl", {"violence"}, ok=("jumping",), case_id="guard-lost-jumping-ppl"),
    case("no beat downs", {"violence"}, ok=("beat downs",), case_id="guard-lost-beat-downs"),
    case("no kys", {"violence"}, ok=("kys",), case_id="guard-lost-kys"),
    case(
        "i dont want to be in vids where ppl get jumped",
        {"violence"},
        ok=("jumped",),
        case_id="guard-lost-vids-where-ppl-get-jumped",
    ),
    case("no vape carts", {"drugs", "tobacco"}, ok=("carts",), case_id="guard-lost-vape-carts"),
    # Substances: "bars" read as the bar.
    case(
        "no xanax bars",
        {"drugs"},
        ok=("xanax", "bars"),
        case_id="lost-xanax-bars",
        through="read when the round was written: alcohol instead of drugs: 'bars' is read as the bar; fixed the same day",
    ),
    case(
        "no puff bars",
        {"tobacco"},
        ok=("puff bars",),
        case_id="lost-puff-bars-vapes",
        through="read when the round was written: alcohol instead of tobacco: the disposable vapes are read as bars; fixed the same day",
    ),
    case(
        "no getting turnt up",
        {"alcohol"},
        ok=("turnt",),
        case_id="lost-getting-turnt-up",
        through="read when the round was written: nothing banned: only the topic 'getting turnt up' (the slang refuses 'up' after 'turnt'); fixed the same day",
    ),
    # Violence.
    case(
        "no catching hands",
        {"violence"},
        ok=("catching hands",),
        case_id="lost-catching-hands",
        through="read when the round was written: nothing banned: only the topic 'catching hands'; fixed the same day",
    ),
    case(
        "no squaring up",
        {"violence"},
        ok=("squaring up",),
        case_id="lost-squaring-up",
        through="read when the round was written: nothing banned: only the topic 'squaring up'; fixed the same day",
    ),
    case(
        "no getting merked",
        {"violence"},
        ok=("merked",),
        case_id="lost-getting-merked",
        through="read when the round was written: nothing banned, and the topic 'getting marked': the slang word is mended to another word; fixed the same day",
    ),
    case(
        "no getting bodied",
        {"violence"},
        ok=("bodied",),
        case_id="lost-getting-bodied",
        through="read when the round was written: nothing banned: only the topic 'getting bodied'; fixed the same day",
    ),
    case(
        "no sewerslide jokes",
        {"violence"},
        ok=("sewerslide",),
        case_id="lost-sewerslide-jokes-self-harm",
        through="read when the round was written: nothing banned: only the topic 'sewerslide jokes' (algospeak for suicide); fixed the same day",
    ),
    # Romance and sexual content.
    case(
        "no sneaky links",
        ROMANCE,
        ok=("sneaky links",),
        case_id="lost-sneaky-links",
        through="read when the round was written: nothing banned: only the topic 'sneaky links' (secret hookups); fixed the same day",
    ),
    case(
        "no talking stage stuff",
        ROMANCE,
        ok=("talking stage",),
        case_id="lost-talking-stage-stuff",
        through="read when the round was written: nothing banned: only the topic 'talking stage'; fixed the same day",
    ),
    case(
        "no ship edits",
        ROMANCE,
        ok=("ship",),
        case_id="lost-ship-edits",
        through="read when the round was written: nothing banned: only the topic 'ship edits'; fixed the same day",
    ),
    case(
        "no ship me w anyone",
        ROMANCE,
        ok=("ship",),
        case_id="lost-ship-me-w-anyone",
        through="read when the round was written: nothing banned: only the topic 'ship' (the 'me' that the slang needs is cut from the topic); fixed the same day",
    ),
    case(
        "no shippin me w anyone",
        ROMANCE,
        ok=("shippin",),
        case_id="lost-shippin-me-w-anyone",
        through="read when the round was written: nothing banned: only the topic 'shipping' (the slang is searched before 'shippin' is spelled out); fixed the same day",
    ),
    case(
        "no rizzin",
        ROMANCE,
        ok=("rizzin",),
        case_id="lost-rizzin",
        through="read when the round was written: nothing banned: only the topic 'rizzin' (the slang knows 'rizzing', not 'rizzin'); fixed the same day",
    ),
    case(
        "no cheating scenes",
        ROMANCE,
        ok=("cheating",),
        case_id="lost-cheating-scenes",
        gap=(
            "nothing banned: only the topic 'cheating' ('scenes' is cut before the slang is searched; 'cheating' alone "
            "was tried as romance's slang and not kept: it read romance in rounds 22, 29 and 37's poker, blackjack and "
            "esports cheating)"
        ),
    ),
    case(
        "no freaky stuff",
        {"sexual"},
        ok=("freaky",),
        case_id="lost-freaky-stuff",
        through="read when the round was written: nothing banned: only the topic 'freaky'; fixed the same day",
    ),
    case(
        "no smash or pass",
        {"sexual"},
        ok=("smash", "pass"),
        case_id="lost-smash-or-pass",
        through=(
            "read when the round was written: nothing banned: only the topics 'smash' and 'pass'; fixed 2026-12-06 "
            "(evening): a bare 'smash' is sexual content's slang"
        ),
    ),
    case(
        "no gyatts",
        {"sexual"},
        ok=("gyatts",),
        case_id="lost-gyatts",
        through="read when the round was written: nothing banned: only the topic 'gyatts' (the slang knows 'gyatt', not its plural); fixed the same day",
    ),
    case(
        "no sussy stuff",
        {"sexual"},
        ok=("sussy",),
        case_id="lost-sussy-stuff",
        through="read when the round was written: nothing banned: only the topic 'sussy'; fixed the same day",
    ),
    # Gambling and horror.
    case(
        "no loot crates",
        {"gambling"},
        ok=("loot crates",),
        case_id="lost-loot-crates",
        through="read when the round was written: nothing banned: only the topic 'loot crates'; fixed the same day",
    ),
    case(
        "no stake streams",
        {"gambling"},
        ok=("stake",),
        case_id="lost-stake-streams",
        through="read when the round was written: nothing banned: only the topic 'stake streams' (the crypto casino's streams); fixed the same day",
    ),
    case(
        "no bet365 ads",
        {"brands", "gambling"},
        ok=("bet365",),
        case_id="lost-bet365-ads",
        through="read when the round was written: brands only: the betting site bans no gambling (as draftkings does); fixed the same day",
    ),
    case(
        "no fnaf",
        {"horror"},
        ok=("fnaf",),
        case_id="lost-fnaf",
        through="read when the round was written: nothing banned: only the topic 'fnaf' (Five Nights at Freddy's); fixed the same day",
    ),
]


@pytest.mark.parametrize(FIELDS, OVER_READS)
def test_slang_over_reads(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, LOST_BANS)
def test_slang_lost_bans(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


# --- 3. End to end: what a slang ban refuses --------------------------------------------------------------------------
def refusal(restriction: str, prompt: str, expected: bool, case_id: str, gap: str = "", through: str = ""):
    """One prompt under one restriction; ``gap`` marks a strict xfail, ``through`` says what a fixed case read when
    the round was written."""
    marks = [pytest.mark.xfail(strict=True, reason=f"GOT THROUGH: {gap}")] if gap else []
    return pytest.param(restriction, prompt, expected, id=case_id, marks=marks)


END_TO_END = [
    # Guards: the slang thing done, the category without the slang word, and unrelated prompts.
    refusal("no twerking", "@ann gives @bob a lap dance", True, "guard-e2e-twerking-refuses-lap-dance"),
    refusal("no twerking", "@ann bakes a cake", False, "guard-e2e-twerking-allows-cake"),
    refusal("no loot boxes", "@ann bets her paycheck at a casino", True, "guard-e2e-loot-boxes-refuses-casino"),
    refusal("no loot boxes", "@ann bakes a cake", False, "guard-e2e-loot-boxes-allows-cake"),
    refusal("no xans or lean", "@ann smokes a joint behind the school", True, "guard-e2e-xans-lean-refuses-joint"),
    refusal("no xans or lean", "@ann walks her dog in the park", False, "guard-e2e-xans-lean-allows-dog-walk"),
    refusal("no nic", "@ann smokes a cigar on the porch", True, "guard-e2e-nic-refuses-cigar"),
    refusal("no Nic in my videos", "@ann vapes in her car", False, "guard-e2e-nic-a-name-allows-vape"),
    refusal("no Nic in my videos", "@ann hangs out with Nic at the mall", True, "guard-e2e-nic-a-name-refuses-nic"),
    refusal("no situationship vids", "@ann kisses @bob goodnight", True, "guard-e2e-situationship-refuses-kiss"),
    refusal("no kms jokes", "@ann plays chess in the park", False, "guard-e2e-kms-allows-chess"),
    refusal("no getting lit", "@ann smokes weed with friends", True, "guard-e2e-getting-lit-refuses-weed"),
    refusal(
        "alcohol is fine but no getting lit",
        "@ann has a glass of wine at dinner",
        False,
        "guard-e2e-alcohol-fine-allows-wine",
    ),
    refusal("no 🍑 content", "@ann poses in lingerie", True, "guard-e2e-peach-refuses-lingerie"),
    refusal("no 🍑 content", "@ann eats a peach", False, "guard-e2e-peach-allows-eating-a-peach"),
    refusal("twerking is whatever, no drinking", "@ann twerks in her living room", False, "guard-e2e-twerking-allowed"),
    refusal("no lean meat", "@ann smokes weed", False, "guard-e2e-lean-meat-allows-weed"),
    refusal(
        "no getting lit up by stage lights",
        "@ann takes tequila shots at a bar",
        False,
        "guard-e2e-stage-lights-allows-tequila",
    ),
    # Lost bans: what the owner banned is allowed.
    refusal(
        "no catching hands",
        "@ann punches @bob in a street fight",
        True,
        "e2e-catching-hands-street-fight",
        through="read when the round was written: allowed: 'catching hands' is a topic only, and a street fight is not near it; fixed the same day",
    ),
    refusal(
        "no puff bars",
        "@ann hits a vape in her car",
        True,
        "e2e-puff-bars-vape",
        through="read when the round was written: allowed: 'puff bars' is read as alcohol, so vaping is not banned; fixed the same day",
    ),
    refusal(
        "no xanax bars",
        "@ann pops a pill at a party",
        True,
        "e2e-xanax-bars-pill",
        through="read when the round was written: allowed: 'xanax bars' is read as alcohol; fixed the same day",
    ),
    refusal(
        "no sneaky links",
        "@ann sneaks out at night to hook up with a stranger",
        True,
        "e2e-sneaky-links-hookup",
        through=(
            "read when the round was written: allowed: 'sneaky links' is a topic only, and the hookup is not near it; "
            "then romance and sexual content, but the classifier did not read this hookup as sexual (nor under "
            "'nothing sexual'); fixed in round 54 (sexual content's patterns read hooking up with a person)"
        ),
    ),
    refusal(
        "no getting merked",
        "@ann gets killed in a shootout",
        True,
        "e2e-getting-merked-shootout",
        through="read when the round was written: allowed: the topic is 'getting marked', no violence; fixed the same day",
    ),
    refusal(
        "no getting turnt up",
        "@ann gets drunk at a party",
        True,
        "e2e-turnt-up-drunk",
        through="read when the round was written: allowed: 'getting turnt up' is a topic only; fixed the same day",
    ),
    refusal(
        "no freaky stuff",
        "@ann in a steamy bedroom scene",
        True,
        "e2e-freaky-steamy-bedroom",
        through="read when the round was written: allowed: 'freaky' is a topic only; fixed the same day",
    ),
    refusal(
        "no ship me w anyone",
        "@ann and @bob as a cute couple holding hands",
        True,
        "e2e-ship-me-couple",
        through="read when the round was written: allowed: the topic is 'ship', no romance; fixed the same day",
    ),
    refusal(
        "no loot crates",
        "@ann opens a mystery crate hoping for a rare skin",
        True,
        "e2e-loot-crates-mystery-crate",
        gap=(
            "allowed: 'loot crates' was a topic only; now it reads gambling too, but the classifier does not read a "
            "mystery crate as gambling (nor under 'no gambling'), and the topic is not near it"
        ),
    ),
    refusal(
        "no fnaf",
        "@ann hides from an animatronic killer at night",
        True,
        "e2e-fnaf-animatronic-killer",
        through="read when the round was written: allowed: 'fnaf' is a topic only; fixed the same day",
    ),
    refusal(
        "no talking stage stuff",
        "@ann texts her crush all night",
        True,
        "e2e-talking-stage-texting-crush",
        through="read when the round was written: allowed: 'talking stage' is a topic only; fixed the same day",
    ),
    refusal(
        "no simping for brands",
        "@ann gushes over her favorite sneaker brand",
        True,
        "e2e-simping-for-brands-gushing",
        gap="allowed: brands is read, but gushing over a brand is not refused",
    ),
    # Over-reads: what the owner did not ban is refused.
    refusal(
        "no getting shot by a photographer",
        "@ann in a western gunfight",
        False,
        "e2e-photographer-gunfight",
        through="read when the round was written: refused: 'getting shot' by a photographer is read as violence; fixed the same day",
    ),
    refusal(
        "no getting stomped in ranked",
        "@ann gets punched in a street fight",
        False,
        "e2e-stomped-in-ranked-street-fight",
        gap="refused: losing in ranked is read as violence",
    ),
    refusal(
        "no simping for brands",
        "@ann kisses @bob on a date",
        False,
        "e2e-simping-for-brands-date",
        gap="refused: 'simping' for brands is read as romance",
    ),
    refusal(
        "no drinking bc my ex was a simp",
        "@ann and @bob on a romantic date",
        False,
        "e2e-reason-simp-romantic-date",
        through="read when the round was written: refused: the reason's 'simp' is read as a romance ban; fixed the same day",
    ),
    refusal(
        "no puff bars",
        "@ann orders a beer at a bar",
        False,
        "e2e-puff-bars-beer",
        through="read when the round was written: refused: 'puff bars' is read as alcohol; fixed the same day",
    ),
    refusal(
        "no catching hands",
        "@ann catches a baseball",
        False,
        "e2e-catching-hands-baseball",
        gap="refused: the topic 'catching hands' is near catching a baseball",
    ),
    refusal(
        "no carts at the mall",
        "@ann hits a thc cart",
        False,
        "e2e-carts-at-the-mall-thc-cart",
        gap="refused: the topic 'carts mall' is near a thc cart (the lesser direction)",
    ),
]


def test_end_to_end_cases_well_formed():
    ids = [param.id for param in END_TO_END]
    assert len(ids) == len(set(ids))
    assert all("@ann" in param.values[1] for param in END_TO_END)


@pytest.mark.parametrize(("restriction", "prompt", "expected"), END_TO_END)
def test_slang_bans_end_to_end(restriction, prompt, expected):
    assert_refused(restriction, prompt, expected)
