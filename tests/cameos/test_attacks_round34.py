"""Attack round 34 on the restriction parser (cameos/restrictions.py): the rules round 32 added (commit dfe8449),
attacked mainly for over-reach, with a few near variants they still miss.

- A subject before a colon (``_headed_rule``): heads that are no subject ("Pet peeve:", "Bottom line:", "My
  rules:"), rules that ban the subject in words the rule lists do not hold ("not my thing", "zero tolerance",
  "absolutely not, ever", "off the table", "not even cartoons"), rules that allow it ("love it", "not a problem"),
  an allowance with a narrower ban after it ("Swearing: fine, no slurs", "Drinking: ok but not drunk"), a header
  whose rule keeps it mild ("Drinking: keep it light"), two headers on one line, a Q/A pair, and colons that head
  nothing (times, URLs, emoticons).
- "it"/"them"/"her"/"him" filled from what the owner has, keeps, loves, or allowed (``_kept_that_way``): an
  allowed category whose pronoun is then narrowed ("Smoking is fine, keep it off my kids"), "he" and "leave her
  out", "keep" catching "I keep my private life private", "my boyfriend" losing its "my" when filled in.
- Bracketed asides (``_REMARK``, ``_ASIDE``): "(my rule)", "(no offense to anyone)", "(asthma)", "(kids)".
- "no need to X" read as a ban: "no need to be so serious".
- Religion's names (``_FAITH_NAMES``, and "christ" in the category's recognise pattern): Christmas as a season, a
  sweater, a party, a name ("Christina"); the Easter bunny, which is as secular as the egg hunt round 32 let go.
- Allowances before "unless" (``_GO_AHEAD``): "easy going", "pretty chill", "game for anything", "anything goes".
- The forms "X should not be in it", "Keeping it out of my workplace is great", "keep my house clean", a soda
  "drinker".

Each case asserts the full set of categories a careful reader derives (PG = {sexual, violence, drugs, profanity};
ruling out romance rules out sexual). A plain category ban expects no topic at all, so a stray topic fails it.
Judgement calls are commented beside their case.

116 cases in 7 tests; 68 got through when written. All are fixed (2026-12-05): a line's head is read sentence by
sentence and its first piece decides (banned: "not even cartoons", "off the table", "zero tolerance", "not my thing";
allowed: "love it", "not a problem"; limited: "keep it light" for drinking, "keep it respectful" for religion; where:
"not around kids"), and what follows it is read after ("Swearing: fine, no slurs"); two heads on one line are two;
"Likes:" and "Dislikes:" heads allow and ban; a head that is no subject ("Pet peeve", "Q", "Seriously") heads nothing,
and only a subject (a category, "my X", a known topic) fills a bare "no jokes"; pronouns ("her", "he", "any") reach
back to what was said, kept private or allowed, and "Smoking is fine, keep it off my kids" is smoking around kids;
asides of health, rules and audience are reasons; "Christmas" and "Christina" are no religion by their letters
(round 32's "no Christmas jokes" was changed to a topic on purpose: Christmas is mostly trees and presents);
"unless" after "down for anything", "easy going", "pretty chill" bans what follows; "Diet Coke" is a soda.
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import FIELDS, case, check

# === 1. A subject before a colon ==================================================================================
HEADERS = [
    # Colons that head nothing: a time, a URL, emoticons, a question and its answer.
    case("at 10:30 no politics", {"politics"}, case_id="hdr-time-no-politics"),
    case("https://x.com no ads", {"brands"}, case_id="hdr-url-no-ads"),
    case(":) no drugs", {"drugs"}, case_id="hdr-smiley-no-drugs"),
    case(":( no gore", {"violence"}, case_id="hdr-frown-no-gore"),
    case("Q: can you use me for ads? A: no", {"brands"}, case_id="hdr-q-ads-a-no"),
    # The answer allows what the question asked about.
    case("Q: Politics?\nA: fine", set(), case_id="hdr-q-politics-a-fine"),
    # Judgement: "Mom:" heads the line as "Kids:" does ("Kids: no" keeps the kids out); it is not the mom speaking.
    case("Mom: no", set(), need=("mom",), case_id="hdr-mom-no"),
    case("Me: ok with kissing, not with sex", {"sexual"}, case_id="hdr-me-kissing-ok-not-sex"),
    case("Bible: no jokes", {"religion"}, case_id="hdr-bible-no-jokes"),
    case("Alcohol: fine. Drugs: nope.", {"drugs"}, case_id="hdr-alcohol-fine-drugs-nope"),
    # Two headers on one line, split by a comma: the second is a header too, and "fine" is no topic.
    case("Alcohol: fine, Drugs: nope", {"drugs"}, case_id="hdr-two-on-one-line-comma"),
    case("Kissing: keep it sweet", {"sexual"}, case_id="hdr-kissing-keep-it-sweet"),
    case("Sex: nope", {"sexual"}, case_id="hdr-sex-nope"),
    # Judgement: as "Horror: keep it fun" (round 32): a manner of horror, no ban.
    case("Horror: keep it light", set(), case_id="hdr-horror-keep-it-light"),
    # Light horror is allowed; gore is what is out.
    case("Horror: keep it light, no gore", {"violence"}, case_id="hdr-horror-light-no-gore"),
    case("Violence: not ok, not even cartoons", {"violence"}, case_id="hdr-violence-not-ok-not-even-cartoons"),
    case("Violence: not even cartoons", {"violence"}, case_id="hdr-violence-not-even-cartoons"),
    case("Gore: not even a little", {"violence"}, case_id="hdr-gore-not-even-a-little"),
    case("Gambling: off the table", {"gambling"}, case_id="hdr-gambling-off-the-table"),
    case("Drugs: zero tolerance", {"drugs"}, case_id="hdr-drugs-zero-tolerance"),
    case("Drugs: absolutely not, ever", {"drugs"}, case_id="hdr-drugs-absolutely-not-ever"),
    case("Smoking: never did, never will", {"tobacco"}, case_id="hdr-smoking-never-did-never-will"),
    # Judgement: "not my thing", "not a fan" are dislikes, and README reads "Not a fan of swearing" as a ban.
    case("Politics: not my thing", {"politics"}, case_id="hdr-politics-not-my-thing"),
    case("Religion: not a fan", {"religion"}, case_id="hdr-religion-not-a-fan"),
    case("Drinking: I don't, so no", {"alcohol"}, case_id="hdr-drinking-i-dont-so-no"),
    # Allowances under a subject ban nothing.
    case("Horror: love it", set(), case_id="hdr-horror-love-it"),
    case("Gore: love it", set(), case_id="hdr-gore-love-it"),
    case("Alcohol: not a problem", set(), case_id="hdr-alcohol-not-a-problem"),
    case("Likes: horror. Dislikes: gore", {"violence"}, case_id="hdr-likes-horror-dislikes-gore"),
    # README: an allowance of a whole category by its head word makes a narrower ban in it a topic.
    case("Swearing: fine, no slurs", set(), need=("slur",), case_id="hdr-swearing-fine-no-slurs"),
    case("Drinking: ok but not drunk", set(), need=("drunk",), case_id="hdr-drinking-ok-not-drunk"),
    # Judgement: "keep it light" under drinking is light drinking, so getting drunk is out (``_HEAD_KEPT_MILD`` lists
    # "light" and maps alcohol to "getting drunk", but ``_HEAD_ALLOWED`` takes "keep it light" first).
    case("Drinking: keep it light", set(), need=("drunk",), case_id="hdr-drinking-keep-it-light"),
    # Judgement: religion is allowed when respectful, as "Religion is fine, no mocking it" reads (a topic).
    case(
        "Religion: keep it respectful",
        set(),
        need=("religio",),
        ok=("mock", "respect", "disrespect"),
        case_id="hdr-religion-keep-it-respectful",
    ),
    # Judgement: swearing is allowed except around kids; a topic "kids" alone refuses every video with a child.
    case(
        "Swearing: not around kids",
        set(),
        need=("kids",),
        ok=("swear", "around"),
        junk=("kids",),
        case_id="hdr-swearing-not-around-kids",
    ),
    case(
        "Pranks: no jokes about my family",
        set(),
        need=("family",),
        ok=("jokes", "prank"),
        case_id="hdr-pranks-no-jokes-about-family",
    ),
    # Judgement: harmless pranks are allowed; hurting someone in a prank is the ban, no violence category as a whole.
    case("Pranks: keep them harmless", set(), ok=("prank", "harm"), case_id="hdr-pranks-keep-them-harmless"),
    case("Pranks: nope, not on my kids", set(), need=("prank",), ok=("kids",), case_id="hdr-pranks-nope-not-on-kids"),
    case(
        "Kids: fine, just no faces",
        set(),
        need=("kids",),
        ok=("faces", "face"),
        junk=("faces",),
        case_id="hdr-kids-fine-no-faces",
    ),
    case(
        "Kids: never, not even their hands",
        set(),
        need=("kids",),
        ok=("hands",),
        junk=("their hands",),
        case_id="hdr-kids-never-not-even-hands",
    ),
    # Heads that are no subject: the bare ban reads alone ("jokes"), not "jokes about <head>".
    case(
        "Pet peeve: no jokes", set(), need=("jokes",), junk=("jokes about pet peeve",), case_id="hdr-pet-peeve-no-jokes"
    ),
    case("Last thing: no jokes", set(), need=("jokes",), junk=("jokes about last",), case_id="hdr-last-thing-no-jokes"),
    case(
        "Quick note: no memes",
        set(),
        need=("memes",),
        junk=("memes about quick note",),
        case_id="hdr-quick-note-no-memes",
    ),
    case("In short: no memes", set(), need=("memes",), junk=("memes about short",), case_id="hdr-in-short-no-memes"),
    case(
        "Seriously: no jokes", set(), need=("jokes",), junk=("jokes about seriously",), case_id="hdr-seriously-no-jokes"
    ),
    case("My rules: no jokes", set(), need=("jokes",), case_id="hdr-my-rules-no-jokes"),
]

# === 2. A pronoun filled from what the owner has, keeps, loves or allowed ========================================
PRONOUNS = [
    case(
        "Pranks are fine, no making it mean",
        set(),
        need=("mean",),
        ok=("prank", "making"),
        case_id="it-pranks-fine-not-mean",
    ),
    # "her" after "I have a dog" is the dog (the owner writes "my" of themselves).
    case(
        "I have a dog, no jokes about her weight",
        set(),
        need=("weight",),
        ok=("dog", "jokes"),
        case_id="it-dog-no-jokes-her-weight",
    ),
    case(
        "I have a dog. Don't make fun of her",
        set(),
        need=("dog",),
        ok=("mock", "fun"),
        case_id="it-dog-dont-make-fun-of-her",
    ),
    case("I love my mom. Don't make her cry", set(), need=("mom",), ok=("cry",), case_id="it-mom-dont-make-her-cry"),
    case(
        "I love my mom. Don't make me cry",
        set(),
        need=("cry",),
        junk=("mom cry", "mom"),
        case_id="it-mom-dont-make-me-cry",
    ),
    case("I love my mom. Leave her out of it", set(), need=("mom",), case_id="it-mom-leave-her-out"),
    case("I have a son. He is off limits", set(), need=("son",), junk=("he",), case_id="it-son-he-is-off-limits"),
    # Round 33: "my boyfriend" is a person, not romance; filling "him" must not lose that.
    case("I love my boyfriend, keep him out of it", set(), need=("boyfriend",), case_id="it-boyfriend-keep-him-out"),
    # The allowed category stays allowed; the narrower ban is a topic (README), not the whole category.
    case(
        "Smoking is fine, keep it off my kids",
        set(),
        need=("kids",),
        ok=("smok",),
        case_id="it-smoking-fine-keep-it-off-kids",
    ),
    case(
        "Drinking is fine, keep it away from kids",
        set(),
        need=("kids",),
        ok=("drink",),
        case_id="it-drinking-fine-away-from-kids",
    ),
    case(
        "Swearing is fine, keep it out of songs",
        set(),
        need=("song",),
        ok=("swear",),
        case_id="it-swearing-fine-out-of-songs",
    ),
    # The kids are allowed; the bath is not, and "bath" alone refuses every bath video of the owner.
    case(
        "My kids are fine in videos, never show them in the bath",
        set(),
        need=("kids",),
        ok=("bath",),
        junk=("bath",),
        case_id="it-kids-fine-not-in-bath",
    ),
    # "keep" was added to ``_I_WEAR``: "I keep X private" keeps X, not "X private".
    case(
        "I keep my private life private, no videos about it",
        set(),
        need=("private life",),
        ok=("videos",),
        junk=("private life private",),
        case_id="it-keep-private-life-private",
    ),
    case(
        "I keep my weight a secret, no jokes about it",
        set(),
        need=("weight",),
        ok=("jokes",),
        junk=("jokes about weight secret", "weight secret"),
        case_id="it-keep-weight-a-secret",
    ),
    case(
        "I have a lot of tattoos, don't show them",
        set(),
        need=("tattoos",),
        junk=("lot tattoos",),
        case_id="it-lot-of-tattoos-dont-show",
    ),
    case(
        "I raise goats, they're fine to show, no jokes about them",
        set(),
        need=("goats",),
        ok=("jokes",),
        junk=("jokes about",),
        case_id="it-goats-fine-no-jokes-about-them",
    ),
    # Judgement: "it" is being a mom (the clause just before), not the kids; "jokes about" with no object is junk.
    case(
        "I love my kids. It's hard being a mom, no jokes about it",
        set(),
        need=("mom",),
        ok=("jokes", "being", "hard", "motherhood"),
        junk=("jokes about",),
        case_id="it-being-a-mom-no-jokes-about-it",
    ),
    # Judgement: no children added to the owner's videos; "give" is junk.
    case(
        "I have no kids, don't give me any",
        set(),
        need=("kids",),
        junk=("give",),
        case_id="it-no-kids-dont-give-me-any",
    ),
    case("I keep bees. No jokes about them", set(), need=("bees",), ok=("jokes",), case_id="it-keep-bees-no-jokes"),
    # Controls: "it" is the video, not what the owner loves or owns.
    case("I love my dad. Don't make it political", {"politics"}, case_id="it-love-dad-not-political-control"),
    case("I own a gun, don't make it violent", {"violence"}, case_id="it-own-gun-not-violent-control"),
]

# === 3. Bracketed asides ==========================================================================================
ASIDES = [
    case("no politics (seriously)", {"politics"}, case_id="aside-seriously"),
    case("no drugs (no really)", {"drugs"}, case_id="aside-no-really"),
    case("no gore (I mean it)", {"violence"}, case_id="aside-i-mean-it"),
    case("no swearing (my rule)", {"profanity"}, case_id="aside-my-rule"),
    case("no politics (no offense to anyone)", {"politics"}, case_id="aside-no-offense-to-anyone"),
    # Round 32 dropped "(allergic)" as a reason; a condition is a reason the same way.
    case("no smoking (asthma)", {"tobacco"}, case_id="aside-asthma"),
    # Judgement: who watches is a reason (README: "no pranks, kids watch my stuff"); "(kids)" is that, said short.
    case("no swearing (kids)", {"profanity"}, case_id="aside-kids"),
    case(
        "no bars (quit drinking last year, no alcohol)",
        {"alcohol"},
        ok=("bars", "bar"),
        case_id="aside-quit-drinking-no-alcohol",
    ),
    case("no pranks (my kids watch)", set(), need=("prank",), junk=("kids",), case_id="aside-my-kids-watch"),
]

# === 4. "no need to X" ============================================================================================
NO_NEED = [
    # "Lighten up": nothing banned; "be" is junk.
    case("no need to be so serious", set(), junk=("be", "serious", "so serious"), case_id="need-be-so-serious"),
    case("no need to tag anyone", set(), case_id="need-tag-anyone"),
    case("no need to show blood", {"violence"}, case_id="need-show-blood"),
    case("no need to get political", {"politics"}, case_id="need-get-political"),
    case("no need to thank me, just no drugs", {"drugs"}, case_id="need-thank-me-no-drugs"),
    case("no need to be rude", set(), need=("rude",), case_id="need-be-rude"),
]

# === 5. Religion's names ==========================================================================================
FAITH = [
    # Judgement: a Christmas ad is an ad in season, not the holiday observed as such; brands covers it whole.
    case("no Christmas ads", {"brands"}, ok=("christmas",), case_id="faith-christmas-ads"),
    case("no Diwali ads", {"brands"}, ok=("diwali",), case_id="faith-diwali-ads"),
    # As round 32's "Easter egg hunt": the bunny is Easter's secular side, as Santa is Christmas's.
    case(
        "no Easter bunny jokes",
        set(),
        need=("easter bunny",),
        ok=("jokes",),
        case_id="faith-easter-bunny-jokes",
    ),
    case("no Santa jokes", set(), need=("santa",), ok=("jokes",), case_id="faith-santa-jokes"),
    case("no Eid recipes", set(), need=("eid",), ok=("recipes",), case_id="faith-eid-recipes"),
    case("no Hanukkah jokes", {"religion"}, ok=("hanukkah",), case_id="faith-hanukkah-jokes-control"),
    case(
        "no ugly Christmas sweater contests",
        set(),
        need=("sweater",),
        ok=("christmas", "ugly", "contest"),
        case_id="faith-christmas-sweater-contests",
    ),
    # The drinking is what is banned; the Christmas party is only where.
    case("no Christmas party drinking", {"alcohol"}, ok=("christmas",), case_id="faith-christmas-party-drinking"),
    case("no Christmas gambling", {"gambling"}, ok=("christmas",), case_id="faith-christmas-gambling"),
    case(
        "no Christmas jokes about Jesus",
        {"religion"},
        ok=("christmas jokes",),
        junk=("christmas jesus",),
        case_id="faith-christmas-jokes-about-jesus",
    ),
    # "Christina" is a name, not Christ.
    case(
        "no Christina Aguilera songs",
        set(),
        need=("christina aguilera",),
        ok=("songs",),
        case_id="faith-christina-aguilera",
    ),
    # Judgement: "no Easter" reads a topic "easter" (a symbol unmocked is no religion ban); "no Christmas" should read
    # the same way: the whole religion category refuses church and prayer the owner did not ban, and misses a tree.
    case("no Christmas", set(), need=("christmas",), case_id="faith-no-christmas"),
    case("no Easter", set(), need=("easter",), case_id="faith-no-easter-control"),
]

# === 6. Allowances before "unless" ================================================================================
GO_AHEAD = [
    case("I'm down for anything unless it's sexual", {"sexual"}, case_id="unless-down-for-anything-sexual"),
    case(
        "I'm down for anything unless it involves my kids",
        set(),
        need=("kids",),
        junk=("involves kids",),
        case_id="unless-down-for-anything-kids",
    ),
    case("easy going unless it's about my ex", set(), need=("ex",), case_id="unless-easy-going-ex"),
    case("easy going unless it gets political", {"politics"}, case_id="unless-easy-going-political"),
    case("pretty chill, unless it's political", {"politics"}, case_id="unless-pretty-chill-political"),
    case(
        "I'm game for anything unless it's gross",
        set(),
        need=("gross",),
        junk=("it's gross",),
        case_id="unless-game-for-anything-gross",
    ),
    case(
        "Anything goes unless it's about my kids",
        set(),
        need=("kids",),
        junk=("it's about kids",),
        case_id="unless-anything-goes-kids",
    ),
    case("I'm chill unless there's drugs", {"drugs"}, case_id="unless-chill-drugs"),
]

# === 7. Forms and words ===========================================================================================
FORMS = [
    case("My kids should not be in it", set(), need=("kids",), case_id="form-kids-should-not-be-in-it"),
    case("Keeping it out of politics please", {"politics"}, case_id="form-keeping-it-out-of-politics-please"),
    case(
        "Keeping it out of my workplace is great",
        set(),
        need=("workplace",),
        case_id="form-keeping-it-out-of-workplace",
    ),
    case("Keeping it clean", {"sexual", "violence", "drugs", "profanity"}, case_id="form-keeping-it-clean"),
    # A house kept clean is a tidy house, not "keep it clean".
    case(
        "I keep my house clean, no jokes about mess",
        set(),
        need=("mess",),
        ok=("jokes",),
        case_id="form-keep-my-house-clean",
    ),
    # README: "keep it clean" after a ban restates it.
    case("I'm keeping it clean these days, so no swearing", {"profanity"}, case_id="form-keeping-it-clean-no-swearing"),
    case("no heavy drinker jokes", {"alcohol"}, case_id="form-heavy-drinker-jokes"),
    # Diet Coke is a soda (alcohol's definition leaves soda out), as coffee and tea drinkers are no drinkers.
    case(
        "no Diet Coke drinker jokes",
        set(),
        need=("diet coke",),
        ok=("drinker", "jokes"),
        case_id="form-diet-coke-drinker-jokes",
    ),
    case("no blue lives matter stuff", {"politics"}, case_id="form-blue-lives-matter"),
    case("black lives matter is fine, no trolling", set(), need=("troll",), case_id="form-blm-fine-no-trolling"),
    case("my life matters, no dangerous stunts", set(), need=("stunts",), case_id="form-my-life-matters-no-stunts"),
    case("no kinds or types of drugs", {"drugs"}, case_id="form-kinds-or-types-of-drugs"),
    case("Alcohol must not be shown", {"alcohol"}, case_id="form-alcohol-must-not-be-shown"),
    case('The word "damn" must not be said', set(), words={"damn"}, case_id="form-word-damn-must-not-be-said"),
]


@pytest.mark.parametrize(FIELDS, HEADERS)
def test_headers(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, PRONOUNS)
def test_pronouns(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, ASIDES)
def test_asides(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, NO_NEED)
def test_no_need(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, FAITH)
def test_faith(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, GO_AHEAD)
def test_go_ahead(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)


@pytest.mark.parametrize(FIELDS, FORMS)
def test_forms(text, categories, need, ok, junk, words):
    check(text, categories, need, ok, junk, words)
