"""Cameo owners' free-text restrictions, matched against prompts by keyword and by meaning."""

import pytest

from cameos import restriction_classifier, restrictions
from cameos.restrictions import find_restriction_conflicts, parse_restriction
from sora_social import text_embedding

# The calibration set: SEMANTIC_THRESHOLD was chosen on these (and must classify every one).
LABELLED = [
    ("no political content", "@alice gives a speech at a campaign rally for the senate election", True),
    ("no political content", "@alice debates the president about taxes on live TV", True),
    ("no political content", "@alice holds a protest sign outside parliament", True),
    ("no political content", "@alice casts her ballot at the polling station", True),
    ("no political content", "@alice plays basketball in the park", False),
    ("no political content", "@alice bakes a chocolate cake in a cozy kitchen", False),
    ("no political content", "a dog surfing at sunset", False),
    ("never say the word banana", "@alice shouts 'banana!' at the zoo", True),
    ("never say the word banana", "@alice says: bananas are the best fruit", True),
    ("never say the word banana", "@alice eats an apple on a bench", False),
    ("no violence", "@alice punches a man in the face during a street fight", True),
    ("no violence", "@alice gets stabbed with a knife in an alley", True),
    ("no violence", "@alice fires a shotgun at a horde of zombies", True),
    ("no violence", "@alice hugs a puppy", False),
    ("no violence", "@alice dances at a wedding", False),
    ("no violence", "@alice plays basketball in the park", False),
    ("nothing sexual", "@alice in lingerie slowly undressing on a bed", True),
    ("nothing sexual", "@alice and @bob have sex in a hotel room", True),
    ("nothing sexual", "@alice making out passionately in bed", True),
    ("nothing sexual", "@alice reads a book in the library", False),
    ("nothing sexual", "@alice plays basketball in the park", False),
    ("don't show me drinking", "@alice drinks beer at a bar", True),
    ("don't show me drinking", "@alice gets drunk on red wine at a party", True),
    ("don't show me drinking", "@alice takes tequila shots with friends", True),
    ("don't show me drinking", "@alice runs a marathon in the rain", False),
    ("don't show me drinking", "@alice paints a mural", False),
    ("no religious content", "@alice prays in a church", True),
    ("no religious content", "@alice walks her dog", False),
    ("no smoking", "@alice lights a cigarette on the balcony", True),
    ("no smoking", "@alice vapes behind the school", True),
    ("no smoking", "@alice grills burgers at a picnic", False),
    ("no animals", "@alice rides a horse across a meadow", True),
    ("no animals", "@alice drives a car through the city", False),
    ("never show me crying", "@alice sobbing with tears running down her face", True),
    ("never show me crying", "@alice laughing at a joke", False),
    ("no horror", "@alice is chased by a monster through a haunted house", True),
    ("no horror", "@alice surfs at sunset", False),
    ("no ads or brand endorsements", "@alice holds up a can of soda and tells viewers to buy it", True),
    ("no ads or brand endorsements", "@alice climbs a mountain", False),
    ("no kissing", "@alice kisses @bob under the mistletoe", True),
    ("no kissing", "@alice shakes hands with @bob", False),
    ("keep it family friendly", "@alice strips naked in a nightclub", True),
    ("keep it family friendly", "@alice plays with kids at a playground", False),
    ("no gambling", "@alice bets all her money at a roulette table in Las Vegas", True),
    ("no gambling", "@alice plays chess with her grandfather", False),
]

# Paraphrases written after the first calibration, to watch generalization. Measured at the
# calibrated threshold: precision 0.977, recall 0.933 (3 misses, 1 false conflict listed at the end).
PARAPHRASES = [
    ("no politics", "@alice waves a flag at a presidential campaign event", True),
    ("no politics", "@alice shops for groceries", False),
    ("please no violent stuff", "@alice gets into a bloody bar brawl", True),
    ("please no violent stuff", "@alice sword fights a knight in a castle", True),
    ("please no violent stuff", "@alice rows a boat on a lake", False),
    ("no nudity", "@alice sunbathes topless on a beach", True),
    ("no nudity", "@alice wears a winter coat in the snow", False),
    ("don't make me drink alcohol", "@alice sips champagne at a wedding toast", True),
    ("don't make me drink alcohol", "@alice drinks orange juice at breakfast", False),
    ("no drugs", "@alice smokes a joint at a music festival", True),
    ("no drugs", "@alice picks strawberries on a farm", False),
    ("no swearing", "@alice yells a string of curse words at her computer", True),
    ("no swearing", "@alice whispers a secret", False),
    ("no religion", "@alice lights candles at a buddhist temple", True),
    ("no religion", "@alice lights candles for a birthday cake", False),
    ("nothing romantic", "@alice on a candlelit dinner date with @bob", True),
    ("nothing romantic", "@alice repairs a bicycle with @bob", False),
    ("no gambling", "@alice plays the slot machines", True),
    ("no gambling", "@alice plays a video game", False),
    ("no scary stuff", "@alice is attacked by a zombie in a dark forest", True),
    ("no scary stuff", "@alice picnics in a sunny meadow", False),
    ("no product placement", "@alice drinks a Pepsi and smiles at the camera showing the logo", True),
    ("no product placement", "@alice feeds ducks at the pond", False),
    ("don't show me dying", "@alice lies dead on the floor of a crime scene", True),
    ("don't show me dying", "@alice sleeps on the couch", False),
    ("never show me in a swimsuit", "@alice in a bikini at the pool", True),
    ("never show me in a swimsuit", "@alice in a business suit at the office", False),
    ("no smoking", "@alice puffs on a cigar", True),
    ("no smoking", "@alice bakes cookies", False),
    ("no sports", "@alice reads poetry", False),
    ("no political content", "@alice shakes hands with voters while running for mayor", True),
    ("no political content", "@alice argues about immigration policy on a cable news panel", True),
    ("no political content", "@alice flies a kite on a windy hill", False),
    ("no violence", "@alice slams a man's head into a wall", True),
    ("no violence", "@alice kicks an opponent unconscious in a cage match", True),
    ("no violence", "@alice kicks a soccer ball into the net", False),
    ("nothing sexual", "@alice performs a steamy striptease for @bob", True),
    ("nothing sexual", "@alice wearing a tiny see-through outfit in a suggestive pose on the bed", True),
    ("don't show me drinking", "@alice chugs from a bottle of rum on a pirate ship", True),
    ("don't show me drinking", "@alice pours a glass of milk for her son", False),
    ("no drugs", "@alice snorts white powder in a nightclub bathroom", True),
    ("no drugs", "@alice takes her vitamins at breakfast", False),
    ("no religious content", "@alice is baptized by a pastor in a river", True),
    ("no religious content", "@alice swims in a river", False),
    ("no kissing", "@alice and @bob lock lips on a park bench", True),
    ("no kissing", "@alice and @bob share a sandwich on a park bench", False),
    ("no horror", "@alice wakes up to find a bloody clown standing at the foot of her bed", True),
    ("no horror", "@alice juggles at a children's party as a clown", False),
    ("no gambling", "@alice deposits her paycheck at the bank", False),
    ("no swearing", "@alice screams obscenities at a referee", True),
    ("no swearing", "@alice cheers for the referee", False),
    ("never show me crying", "@alice breaks down in tears at a funeral", True),
    ("never show me crying", "@alice smiles at a graduation", False),
    ("no animals", "@alice feeds giraffes at the zoo", True),
    ("no animals", "@alice feeds her baby brother", False),
    ("no ads", "@alice unboxes a sponsored phone and reads the discount code", True),
    ("no ads", "@alice unboxes a birthday gift from her grandma", False),
    ("don't show me dying", "@alice takes her last breath in a hospital bed", True),
    ("don't show me dying", "@alice takes a nap in a hammock", False),
    ("no political stuff please", "@alice hands out flyers for her city council candidate", True),
    ("no political stuff please", "@alice hands out cookies at a bake sale", False),
    ("i don't want to be in anything violent", "@alice strangles a burglar in a dark hallway", True),
    ("i don't want to be in anything violent", "@alice tiptoes down a dark hallway with a flashlight", False),
    ("nothing sexual or suggestive", "@alice lies in bed wearing only a bedsheet, biting her lip at the camera", True),
    ("nothing sexual or suggestive", "@alice makes the bed in the morning", False),
    ("no alcohol", "@alice toasts marshmallows over a campfire", False),
    ("no drugs", "@alice rolls a blunt in a parked car", True),
    ("no drugs", "@alice parallel parks a car", False),
    ("no smoking", "@alice blows smoke rings from a hookah", True),
    ("no smoking", "@alice blows out birthday candles", False),
    ("keep religion out of it", "@alice reads scripture at a sunday service", True),
    ("keep religion out of it", "@alice reads a comic book on sunday", False),
    ("no romance", "@alice proposes to @bob on one knee at sunset", True),
    ("no romance", "@alice ties her shoe on one knee", False),
    ("no gambling", "@alice rolls dice at a craps table in a casino", True),
    ("no gambling", "@alice rolls dough for a pie", False),
    ("nothing scary", "@alice hears whispers in an abandoned asylum at midnight", True),
    ("nothing scary", "@alice hears birds singing in the morning", False),
    ("no ads", "@alice holds a shampoo bottle to the camera and says it changed her life, link in bio", True),
    ("no ads", "@alice washes her hair in the shower", False),
    ("don't show me dying", "@alice is shot and collapses lifeless on the street", True),
    ("don't show me dying", "@alice collapses on the couch after a long day", False),
    # Known misses of the local model: nothing in the words, and too far in meaning.
    ("no sports", "@alice scores a goal in a soccer match", True),
    ("no gambling", "@alice puts her paycheck on black at the wheel", True),
    ("no alcohol", "@alice toasts with a glass of bubbly at new year's", True),
    # Known false conflict.
    ("nothing sexual", "@alice folds laundry", False),
]

EVERYDAY = [
    "a dog surfing at sunset",
    "@alice plays basketball in the park",
    "@alice bakes bread",
    "@bob and @alice build a sandcastle on the beach",
    "@alice rides a bike through Paris",
    "@alice sings karaoke with friends",
    "@alice teaches a math class",
    "@bob skateboards down a hill",
    "@alice opens birthday presents",
    "a robot makes pancakes",
    "@alice jumps into a swimming pool",
    "@alice and @bob play tennis",
    "fireworks over a city skyline",
    "@alice does yoga on a mountain top",
    "@alice juggles oranges at a market",
    "@alice wins a race and celebrates",
    "@bob falls off a trampoline",
    "a pirate ship sails through a storm",
    "@alice gives a presentation at work",
]
EVERYDAY_TOPICS = [
    "no political content",
    "no violence",
    "nothing sexual",
    "no drinking",
    "no drugs",
    "no smoking",
    "no religious content",
    "no kissing",
    "no swearing",
    "no gambling",
    "no ads",
    "no horror",
    "no death",
    "never show me crying",
    "no animals",
]


@pytest.fixture(scope="module")
def warm_cache() -> None:
    """Embed every prompt clause and topic description of this module in a few big batches."""
    prompts = [prompt for _, prompt, _ in LABELLED + PARAPHRASES] + EVERYDAY
    restriction_texts = [text for text, _, _ in LABELLED + PARAPHRASES] + EVERYDAY_TOPICS
    texts = [clause for prompt in prompts for clause in text_embedding.prompt_clauses(prompt)]
    for restriction in restriction_texts:
        for topic in parse_restriction(restriction).topics:
            texts.extend(restrictions.topic_descriptions(topic))
    text_embedding.embed_texts(list(dict.fromkeys(texts)))


def _confusion(cases):
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    wrong = []
    for restriction, prompt, conflicting in cases:
        found = bool(find_restriction_conflicts([restriction], prompt))
        key = ("t" if found == conflicting else "f") + ("p" if found else "n")
        counts[key] += 1
        if found != conflicting:
            wrong.append((restriction, prompt, conflicting))
    return counts, wrong


@pytest.mark.parametrize(
    ("text", "words", "categories", "topics"),
    [
        ("Never say the word banana.", ("banana",), (), ()),
        ("don't say the words pineapple or mango", ("pineapple", "mango"), (), ()),
        ('I never want to hear "YOLO"', ("yolo",), (), ()),
        ("no political content", (), ("politics",), ()),
        ("Nothing sexual", (), ("sexual",), ()),
        ("don't show me drinking", (), ("alcohol",), ()),
        ("Please, no drugs, alcohol or smoking!", (), ("drugs", "alcohol", "tobacco"), ()),
        ("do not put me in anything political", (), ("politics",), ()),
        ("keep religion out of it", (), ("religion",), ()),
        ("horror is off limits", (), ("horror",), ()),
        ("no ads or brand deals", (), ("brands",), ()),
        ("no cursing please", (), ("profanity",), ()),
        ("nsfw", (), ("sexual",), ()),
        # Ruling out romance rules out sexual content too; ruling out sex leaves a kiss allowed.
        ("no kissing or romance", (), ("romance", "sexual"), ()),
        ("avoid references to my ex", (), (), ("ex",)),
        ("never show me crying", (), (), ("crying",)),
        ("keep it family friendly", (), ("sexual", "violence", "drugs", "profanity"), ()),
        ("make me look tall", (), (), ()),
        # A clause after the list is read on its own: a reason or a restatement names nothing to rule out...
        ("no weed or pills, not even as a joke", (), ("drugs",), ()),
        ("no romance, keep me single in these videos", (), ("romance", "sexual"), ()),
        ("no ads please, I'm not a walking billboard", (), ("brands",), ()),
        ("no swearing, my grandma watches these", (), ("profanity",), ()),
        ("no creepy clowns or ghosts, they freak me out", (), ("horror",), ()),
        # Who watches is a reason though no starter word begins it; a product named after the list is an item.
        ("no pranks, students follow me", (), (), ("pranks",)),
        ("no gambling, kids watch", (), ("gambling",), ()),
        ("no ads, apple watch", (), ("brands",), ("apple watch",)),
        # A list numbered on one line; "18+" names sexual content; a "no" emoji before a word is "no", after one it
        # is dropped ("dares no" is no topic).
        ("no top 10 lists 2. no pranks", (), (), ("top 10 lists", "pranks")),
        ("no 18+ stuff", (), ("sexual",), ()),
        ("no pranks or dares 🙅‍♀️", (), (), ("pranks", "dares")),
        ("🚫 politics 🚫 dares", (), ("politics",), ("dares",)),
        # An allowance of everything, then "but": the rest is the ban.
        ("fine with anything but no politics", (), ("politics",), ()),
        ("please no sponsored posts, thx", (), ("brands",), ()),
        # ...a second rule is a rule, and a list goes on after a comma.
        ("no politics. also no gambling", (), ("politics", "gambling"), ()),
        ("no drugs, i also don't want alcohol", (), ("drugs", "alcohol"), ()),
        ("no crying - not even in the background", (), (), ("crying",)),
        ("no sports, not even golf", (), (), ("sports", "golf")),
        ("no drugs, alcohol or crying", (), ("drugs", "alcohol"), ("crying",)),
        ("I really don't want to be shown crying", (), (), ("crying",)),
        # A reason names nothing; a rule in the first person is still a rule.
        ("I'm Muslim, no pork", (), (), ("pork",)),
        ("I'm not into pranks", (), (), ("pranks",)),
        ("I don't do pranks, no politics", (), ("politics",), ("pranks",)),
        # A list item is read in the sense of its neighbours: these parties are political ones.
        ("no elections, parties or politicians", (), ("politics",), ()),
        ("no parties", (), (), ("parties",)),
        # Words people use for a category name it.
        ("no cigs, ciggies or zyns", (), ("tobacco",), ()),
        ("no smut, no edibles", (), ("sexual", "drugs"), ()),
        ("no getting wasted", (), ("alcohol",), ()),
        ("no hitting anyone", (), ("violence",), ()),
        ("no sponcon", (), ("brands",), ()),
        ("keep it p.g.", (), ("sexual", "violence", "drugs", "profanity"), ()),
        # "Say bad words" names a category; "say the word politics" names a word.
        ("don't make me say bad words", (), ("profanity",), ()),
        ("never say the word politics", ("politics",), (), ()),
        # A quote is a word wherever it stands, and the rest of its clause is still read.
        ('no politics and never say "moist"', ("moist",), ("politics",), ()),
        ('never say "hello, world" or banana', ("hello, world", "banana"), (), ()),
    ],
)
def test_restrictions_are_read_as_words_categories_or_topics(text, words, categories, topics):
    parsed = parse_restriction(text)

    assert parsed.words == words
    assert parsed.categories == categories
    assert parsed.topics == topics
    assert parsed.enforceable == bool(words or categories or topics)


@pytest.mark.parametrize(
    ("restriction", "text"),
    [
        ("no ads please, I'm not a walking billboard", "@sam drives past a huge billboard on the highway at night"),
        ("no swearing, keep my mouth clean", "@sam at the dentist getting a cleaning"),
        ("no weed or pills, not even as a joke", "@sam tells a joke at an open mic and the crowd laughs"),
    ],
)
def test_the_reason_an_owner_gives_is_not_a_topic_that_refuses_texts_near_it(warm_cache, restriction, text):
    # Each of these was refused when the reason was read as one more item of the list: a free-text topic
    # ("I'm not walking billboard") that a text about a billboard came close to in meaning.
    assert not parse_restriction(restriction).topics
    assert not find_restriction_conflicts([restriction], text)


def test_an_owner_who_rules_out_romance_is_not_put_in_a_sex_scene():
    scene = "@alice and @bob tear each other's clothes off and fall into bed"

    assert find_restriction_conflicts(["no kissing or romance"], scene)
    assert find_restriction_conflicts(["nothing sexual"], scene)
    assert not find_restriction_conflicts(["nothing sexual"], "@alice and @bob share a sweet first kiss on the porch")


def test_keywords_match_whole_words_with_plurals_and_any_case():
    rules = ["never say the word banana"]

    assert find_restriction_conflicts(rules, "@alice yells BANANAS at the crowd")[0].matched == "BANANAS"
    assert find_restriction_conflicts(rules, "@alice holds a banana-shaped phone")[0].how == "keyword"
    assert find_restriction_conflicts(rules, "@alice sings along to Bananarama") == []
    assert find_restriction_conflicts(["no kissing"], "@bob smooches a frog")[0].matched == "smooches"
    # "Drinking" names the alcohol category: soda is not in it, a pint of stout is.
    assert find_restriction_conflicts(["don't show me drinking"], "@bob drinks soda") == []
    assert find_restriction_conflicts(["don't show me drinking"], "@bob drinks a pint of guinness")


@pytest.mark.parametrize(
    "text",
    [
        "comment: what a dipsh*t move",
        '@ben finds a scuff on his new sneakers and screams "are you sh*tting me"',
        "caption: f*ckface strikes again",
        "@tara giving the middle finger to her alarm clock",
        "@ann giving a two-handed middle finger salute to the rain",
        "@bo holds up both middle fingers at the traffic jam",
        "@cy flips the camera off and walks away",
        "comment: idgaf what anyone thinks",
    ],
)
def test_starred_swear_words_inside_words_and_the_middle_finger_are_profanity_by_words_alone(text):
    # Decided before the model is asked: the words are what the definition names.
    match = find_restriction_conflicts(["no swearing"], text)

    assert match and match[0].how == "keyword"


@pytest.mark.parametrize(
    "text",
    [
        "**pizza night** with the kids, *sigh*, 5*3 slices each",
        "@ann broke her middle finger at volleyball practice",
        "@ann holds her middle finger under cold water after burning it",
        "@bo flips off the lights and goes to bed",
    ],
)
def test_stars_and_a_hurt_middle_finger_are_not_profanity_by_words(text):
    profanity = restriction_classifier.restriction_categories()["profanity"]

    assert not restriction_classifier._decided_by_words(profanity, text)


@pytest.mark.parametrize("text", ["caption: wyd tonight? 🍆🍑💦", "comment: 🍑💦", "comment: 👅 🍆 when"])
def test_two_different_sexting_emoji_side_by_side_are_sexual_content_by_words_alone(text):
    match = find_restriction_conflicts(["nothing sexual"], text)

    assert match and match[0].how == "keyword"


@pytest.mark.parametrize("text", ["🍑🍑 peach season", "💦💦 so hot today", "peach cobbler 🍑 with ice cream 🍦", "🍆 parm"])
def test_one_fruit_emoji_or_the_same_twice_is_not_sexual_content_by_words(text):
    sexual = restriction_classifier.restriction_categories()["sexual"]

    assert not restriction_classifier._decided_by_words(sexual, text)


def test_keyword_restrictions_never_load_the_model(monkeypatch):
    def refuse(_texts):
        raise AssertionError("the model was used for a word-only restriction")

    monkeypatch.setattr(text_embedding, "embed_texts", refuse)

    assert find_restriction_conflicts(["never say the word banana", "make me look tall"], "a quiet walk") == []


def test_conflicts_name_the_broken_restriction_by_index(warm_cache):
    rules = ["no political content", "never say the word banana", "no violence"]

    conflicts = find_restriction_conflicts(rules, "@alice eats a banana at a campaign rally")

    assert [(conflict.index, conflict.restriction) for conflict in conflicts] == [
        (0, "no political content"),
        (1, "never say the word banana"),
    ]
    assert conflicts[1].how == "keyword" and conflicts[1].score == 1.0


def test_semantic_conflicts_report_the_closest_clause(warm_cache):
    conflicts = find_restriction_conflicts(
        ["never show me crying"], "@alice walks into the kitchen, and sobs with tears running down her face"
    )

    assert len(conflicts) == 1
    assert conflicts[0].how == "semantic"
    assert conflicts[0].score >= restrictions.SEMANTIC_THRESHOLD
    assert "tears" in conflicts[0].matched


def test_every_labelled_pair_is_classified_correctly(warm_cache):
    counts, wrong = _confusion(LABELLED)

    assert wrong == []
    assert counts["tp"] == 25 and counts["tn"] == 20


def test_paraphrases_keep_high_precision_and_recall(warm_cache):
    counts, wrong = _confusion(PARAPHRASES)

    precision = counts["tp"] / (counts["tp"] + counts["fp"])
    recall = counts["tp"] / (counts["tp"] + counts["fn"])
    assert precision >= 0.95, wrong
    assert recall >= 0.9, wrong


def test_everyday_prompts_break_no_common_restriction(warm_cache):
    false_conflicts = [
        (restriction, prompt)
        for prompt in EVERYDAY
        for restriction in EVERYDAY_TOPICS
        if find_restriction_conflicts([restriction], prompt) and not (restriction == "no animals" and "dog" in prompt)
    ]

    assert false_conflicts == []
    # A dog is an animal: the one expected conflict in this grid.
    assert find_restriction_conflicts(["no animals"], "a dog surfing at sunset")


@pytest.mark.parametrize(
    "text",
    [
        "she kisses @bob on the lips",
        "@ann kisses her husband softly on the mouth",
        "a long kiss on the lips at the station",
        "@ann and @bob at the game on the kiss cam",
        "@ann kisses her son's teacher on the lips",
        "@ann plants one on @bob's mouth",
        "@ann and @bob make out behind the bleachers",
        "they made out in the car",
        "@ann snogs @bob at the bus stop",
        "@ann 💋 @bob",
        "@ann kisses @bob's lips",
        "she kisses his soft lips",
        "@ann kissing the lips of her date",
    ],
)
def test_a_kiss_on_the_lips_and_the_kiss_cam_are_romance_by_words_alone(text):
    match = find_restriction_conflicts(["no kissing"], text)

    assert match and match[0].how == "keyword"


@pytest.mark.parametrize(
    "text",
    [
        "@ann kisses her baby on the lips",
        "@ann kisses the dog on the mouth",
        "kisses her little son on the lips at bedtime",
        "a kiss on the cheek for grandma",
        "@bo puts lip balm on her lips",
        "kisses her son softly on the lips",
        "plants one on the baby's mouth",
        "I can't make out the sign from here",
        "a bowl made out of wood",
        "he makes out a check to the landlord",
        "@ann kisses her baby's lips",
        "kisses the puppy's mouth",
        "kissing the lips of her newborn",
    ],
)
def test_a_kiss_for_a_child_or_a_pet_and_lip_balm_are_not_romance_by_words(text):
    romance = restriction_classifier.restriction_categories()["romance"]

    assert not restriction_classifier._decided_by_words(romance, text)


@pytest.mark.parametrize(
    ("category", "other_sense", "literal"),
    [
        ("alcohol", "caption: drunk on sunshine and good vibes only", "@ann is drunk at the party"),
        ("alcohol", "the sugar hangover after my birthday", "@ann nurses a hangover after the pub crawl"),
        ("politics", "the office politics in this skit are too real", "@ann talks politics at the rally"),
        ("religion", "this recipe is my bible now", "@ann reads the bible in church"),
        ("religion", "i worship this coffee, no notes", "we worship the lord on sunday"),
        ("religion", "my first week at work was a baptism of fire", "the baptism of @ann's nephew"),
        ("gambling", "bro hit the genetic lottery fr", "@ann buys a lottery ticket"),
        ("romance", "my dog is my soulmate", "@bob is my soulmate"),
        ("romance", "@ann in boyfriend jeans and a tee", "@ann's boyfriend waves from the car"),
        ("romance", "@ann flirts with disaster on the ice", "@ann flirts with the barista"),
        ("horror", "we play the card game werewolf at summer camp", "@ann plays a werewolf in a horror short"),
        ("horror", "after finals week I'm the walking dead", "a zombie from the walking dead"),
        ("brands", "are you ready to order now?", "order now with code SAVE10"),
        ("violence", "@ann and @bob have a water gun fight", "a gunfight in the saloon"),
        ("sexual", "revealing the sex of the baby with blue balloons", "a sex scene in a motel"),
        ("drugs", "overdosed on sugar at the party", "overdosed on heroin in the alley"),
        ("alcohol", "@ann orders a virgin mojito, she's driving", "@ann orders a mojito at the bar"),
        ("alcohol", "a toast with non-alcoholic cider", "@ann's uncle is an alcoholic"),
        ("tobacco", "@ann builds a guitar from a cigar box", "@ann smokes a cigar on the porch"),
        ("sexual", "the school nurse's sex ed video", "@ann and @bob have sex"),
        ("religion", "@ann films a praying mantis on a leaf", "@ann kneels in prayer at the altar"),
    ],
)
def test_a_lexicon_word_in_another_sense_does_not_decide_the_text(category, other_sense, literal):
    written = restriction_classifier.restriction_categories()[category]

    assert not restriction_classifier._decided_by_words(written, other_sense)
    assert restriction_classifier._decided_by_words(written, literal)


@pytest.mark.parametrize(
    ("restriction", "text"),
    [
        ("no alcohol", "drunk on sunshine and three shots of vodka"),
        ("no alcohol", "drunk on sunshine, then drunk at the bar"),
        ("no alcohol", "drunk on sunshine and v0dka"),
        ("no politics", "office politics at the senate vote"),
        ("no gambling", "the genetic lottery and a lottery ticket"),
        ("no religion", "i worship this god"),
        ("no religion", "we worship this prophet"),
        ("no horror", "@ann plays a werewolf at the game of thrones party"),
        ("no alcohol", "a virgin mojito and a shot of tequila"),
    ],
)
def test_another_sense_shields_only_its_own_phrase(restriction, text):
    conflicts = find_restriction_conflicts([restriction], text)

    assert conflicts and conflicts[0].how == "keyword"


@pytest.mark.parametrize(
    ("category", "text"),
    [
        ("violence", "@theo murdered that karaoke song"),
        ("violence", "that dunk was violent, the rim is still shaking"),
        ("violence", "that was a massacre, 10-0 at air hockey"),
        ("violence", "@sadie shoots her shot and asks her crush to the dance"),
        ("violence", "@kim shoots her a text after class"),
        ("horror", "full zombie mode before my first coffee"),
        ("horror", "@ana tells her customer service horror story"),
        ("horror", "lowkey terrified of my driving test"),
        ("profanity", "@june pinches her nephew's cheeks"),
    ],
)
def test_words_people_say_of_everyday_things_are_not_a_category_by_words_alone(category, text):
    # A lexicon word must essentially never appear in an innocent text; these are read by the classifier instead.
    assert not restriction_classifier._decided_by_words(restriction_classifier.restriction_categories()[category], text)


@pytest.mark.parametrize(
    ("category", "text"),
    [
        ("violence", "@rex shoots her dead in the parking lot"),
        ("violence", "he shoots him point-blank"),
        ("horror", "@lo watches Terrifier 2 at midnight"),
        ("profanity", "pinche tráfico, llevo una hora aquí"),
    ],
)
def test_what_those_words_left_the_lexicon_for_is_still_matched_exactly(category, text):
    assert restriction_classifier._decided_by_words(restriction_classifier.restriction_categories()[category], text)
