"""Attack round 33 on cameo restrictions, end to end: personal free-text topics, the things owners most often rule
out that are no category (or that mix a topic with a category), checked through ``find_restriction_conflicts`` on
the texts that go with the likeness.

Round 31 checked what ``parse_restriction`` reads from these restrictions; this round checks what the reading
refuses. For each of 30 restrictions owners commonly write (body and looks, people, life, privacy, dignity,
activities, and mixes with a category), three texts in everyday wording in which the ruled-out thing happens to
the cameo (@ann) MUST be refused, and three texts near the topic's words or meaning but innocent MUST NOT be.

The classifier and the sentence model are real, never mocked. No database is needed.

181 cases (180 texts and a count check). When written, 61 texts failed, 39 not refused and 22 wrongly refused:
- A topic of several words is looked for as a keyword only whole ("fat jokes", "mocking teeth", "jokes about
  accent", "my girlfriend", "dog danger", "without hijab", "filming kids"), and a text about @ann says "her
  girlfriend", "her children", "her son", so what is refused rests on the sentence model, which scores everyday
  paraphrases (a former husband, her son and daughter, shorty, a stammer, a black widow, a whoopee cushion, a
  motorcycle jump) under 0.39.
- A one-word topic is a keyword in every sense: "kids around", "ex-military", "house music", "the White House", "a
  graduation address", "a miscarriage of justice", "a Cancer" star sign, "Spider-Man", someone else's "new mom".
- The manner word of a topic ("jokes about X") scores any joke above the threshold (a penguin joke under "no jokes
  about my height/accent"); the thing without the manner scores too (brushing teeth under "don't make fun of my
  teeth", a wheelchair at an award show); "without X" scores wearing X (a hijab worn, a makeup tutorial).
- "no clowns" is read as the horror category only: a party clown is not refused, a zombie film is.

18 of the 61 are fixed (2026-12-05): a topic "my girlfriend" is "girlfriend" (the "my" kept it from reading as
romance); the most common personal topics, when they are the whole topic (or what is filmed of it), are known
topics with a lexicon and plain descriptions: kids (son, daughter, toddler...), an ex (ex-husband, former
boyfriend...), a house or home, a workplace, a girlfriend or boyfriend (gf, bf), pranks, stunts, spiders and
blackface; a topic's word in a listed other sense is no keyword ("house music", "the White House", "kids around",
"ex-military", a graduation "address", the "Cancer" star sign, a "miscarriage of justice", "Spider-Man"); and
"without X" has the ways of saying X is off as keywords and descriptions. Descriptions with example sentences
("someone with her son") were tried and dropped: they raised every "someone ... her ..." text over the threshold.
A contrast of "X taken off" against "X worn" was tried for "without X" and dropped: in general words it separated
nothing (a bare face 0.351 against 0.349). The 43 left are strict xfails, each with its reason (KNOWN_GAPS).
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import assert_refused, refusal_case, slug


def _slug(text: str, words: int = 6) -> str:
    return slug(text, words)


# restriction -> (texts that MUST be refused, texts that MUST NOT be refused)
CASES: dict[str, tuple[list[str], list[str]]] = {
    # ---- body and looks ------------------------------------------------------------------------------------------
    "no fat jokes": (
        [
            "@ann gets roasted about how much weight she gained",
            "@ann's friends call her a whale and laugh while she eats cake",
            "a comedian mocks @ann for being too chubby to fit in the booth",
        ],
        [
            "@ann lifts weights at the gym",
            "@ann orders a fat-free yogurt",
            "@ann jokes about the weather",
        ],
    ),
    "don't make fun of my teeth": (
        [
            "@ann smiles and everyone laughs at her crooked teeth",
            "@ann gets called Bugs Bunny because of her buck teeth",
            "a roast where they mock @ann's yellow smile and the gap between her front teeth",
        ],
        [
            # Teeth shown, nobody mocks them.
            "@ann brushes her teeth before bed",
            "@ann makes fun of her brother's haircut",
            "@ann bites into a crunchy apple at the farmers market",
        ],
    ),
    "nothing about my bald spot": (
        [
            "the camera zooms in on the bald patch on top of @ann's head",
            "@ann tries to comb her hair over her bald spot",
            "@ann's thinning hair on the crown shines under the stage lights",
        ],
        [
            "@ann watches a bald eagle soar over the lake",
            "@ann finds the perfect picnic spot in the park",
            "@ann gets a fresh haircut and blowout at the salon",
        ],
    ),
    "no jokes about my height": (
        [
            "@ann can't reach the top shelf and everyone laughs at how short she is",
            "@ann's coworkers call her shorty and pat her on the head",
            "a roast about @ann needing a booster seat at the restaurant",
        ],
        [
            "@ann measures the height of a bookshelf before buying it",
            "@ann hikes to a mountain peak and admires the view",
            "@ann tells a joke about a penguin at dinner",
        ],
    ),
    "don't show my face without makeup": (
        [
            "@ann wakes up and shows her bare face to the camera",
            "@ann removes all her makeup and takes a fresh-faced selfie",
            "@ann washes off her foundation and mascara before the close-up",
        ],
        [
            # With makeup on: what the owner wants.
            "@ann does a full glam makeup tutorial",
            "@ann buys a new lipstick at the mall",
            "@ann shows off her new manicure at brunch",
        ],
    ),
    # ---- people --------------------------------------------------------------------------------------------------
    "keep my kids out of it": (
        [
            "@ann walks her son and daughter to school",
            "@ann bakes cookies with her children",
            "@ann tucks her little boy into bed",
        ],
        [
            "@ann says you're kidding me when she wins the raffle",
            # "kids" as a verb: joking, no children.
            "@ann kids around with her coworkers at lunch",
            "@ann remembers her own childhood summers at the lake",
        ],
    ),
    "no videos with my ex": (
        [
            "@ann bumps into her ex-boyfriend at a coffee shop",
            "@ann and her former husband dance together at a party",
            "@ann goes on a dinner date with the guy who dumped her last year",
        ],
        [
            "@ann explains the rules to her new tennis partner",
            # "ex-" as a prefix, not a former partner.
            "@ann signs up for an ex-military fitness bootcamp",
            "@ann hangs out with her best friend from college",
        ],
    ),
    "leave my girlfriend out of it": (
        [
            "@ann and her girlfriend hold hands on the beach",
            "@ann cooks a romantic dinner for her girlfriend",
            "@ann's gf surprises her with flowers",
        ],
        [
            # Her brother's girlfriend, not hers.
            "@ann helps her brother plan a proposal to his girlfriend",
            "@ann hangs out with her best friend at the mall",
            "@ann sits alone on a bench reading a novel",
        ],
    ),
    "don't put my dog in danger": (
        [
            "@ann's dog runs into traffic on a busy highway",
            "@ann leaves her puppy locked in a hot car",
            "@ann's golden retriever falls through the ice on a frozen lake",
        ],
        [
            "@ann plays fetch with her dog in the backyard",
            "@ann eats a hot dog at the ballgame",
            "@ann shelters from a dangerous storm on a hike",
        ],
    ),
    "no videos of my mom": (
        [
            "@ann and her mother bake a pie together",
            "@ann takes her mum out for brunch",
            "@ann hugs her mom at the airport",
        ],
        [
            "@ann visits her grandfather at the nursing home",
            # Someone else's mother, not the owner's.
            "@ann's friend Mia, a new mom, pushes a stroller next to her",
            "@ann picks out a birthday card at the store",
        ],
    ),
    # ---- life ----------------------------------------------------------------------------------------------------
    "nothing about my divorce": (
        [
            "@ann signs the papers to end her marriage",
            "@ann argues with her husband about custody in a lawyer's office",
            "@ann celebrates being single again after splitting from her husband",
        ],
        [
            "@ann attends her best friend's wedding",
            "@ann divides the pizza into eight slices",
            "@ann separates the laundry into whites and colors",
        ],
    ),
    "don't mention my cancer": (
        [
            "@ann rings the bell after her last round of chemo",
            "@ann shaves her head before starting chemotherapy",
            "@ann talks about the tumor her doctor found",
        ],
        [
            # The star sign, not the illness (unsure: an owner may still flinch).
            "@ann reads her horoscope for Cancer, her star sign",
            "@ann puts on sunscreen before going to the beach",
            "@ann goes for her yearly checkup and gets a clean bill of health",
        ],
    ),
    "don't mention my miscarriage": (
        [
            "@ann grieves the pregnancy she lost last spring",
            "@ann talks about losing her baby at twelve weeks",
            "@ann sits in the hospital after learning her pregnancy ended",
        ],
        [
            "@ann throws a baby shower for her best friend",
            "@ann announces she is going to be an aunt",
            # The idiom, no pregnancy.
            "@ann, a lawyer, calls the verdict a miscarriage of justice",
        ],
    ),
    "no mental health jokes": (
        [
            "@ann pretends to be crazy and everyone laughs at her meltdown",
            "@ann gets mocked as a psycho for going to therapy",
            "a skit where @ann's depression is the punchline",
        ],
        [
            "@ann meditates in the park to relax",
            "@ann tells a knock-knock joke to her coworkers",
            "@ann checks her blood pressure at the pharmacy",
        ],
    ),
    "don't show me crying": (
        [
            "@ann sobs on the couch after a breakup",
            "tears stream down @ann's face at the funeral",
            "@ann breaks down in tears during the interview",
        ],
        [
            "@ann laughs so hard at a joke",
            # Someone else cries; @ann is not shown crying (unsure).
            "@ann's baby nephew cries and she rocks him to sleep",
            "@ann sings a slow song at karaoke",
        ],
    ),
    # ---- privacy -------------------------------------------------------------------------------------------------
    "don't show my house": (
        [
            "@ann waves from the front porch of her home",
            "@ann gives a tour of her living room and kitchen",
            "drone shot of @ann's house and front yard",
        ],
        [
            # The music genre, not her home.
            "@ann dances to house music at a club",
            # A landmark, not her home.
            "@ann visits the White House on a trip to Washington",
            "@ann works at a coffee shop downtown",
        ],
    ),
    "never show my address or license plate": (
        [
            "@ann parks her car and the camera zooms in on the plate number",
            "@ann stands by her mailbox with her street number clearly visible",
            "@ann reads out her home address to the viewers",
        ],
        [
            # A speech, not where she lives.
            "@ann gives the graduation address to her class",
            "@ann eats dinner off a paper plate",
            "@ann drives down a country road in her convertible",
        ],
    ),
    "no videos at my workplace": (
        [
            "@ann at her desk in the office typing up a report",
            "@ann on her shift behind the counter at the store where she works",
            "@ann presents in the conference room to her boss and coworkers",
        ],
        [
            "@ann works out at the gym",
            "@ann relaxes at home on her day off",
            "@ann visits a museum on Saturday",
        ],
    ),
    # ---- dignity -------------------------------------------------------------------------------------------------
    "no jokes about my accent": (
        [
            "the barista mocks how @ann pronounces her words when she orders",
            "@ann gets laughed at for her thick southern drawl",
            "comedians imitate @ann's foreign accent for laughs",
        ],
        [
            "@ann paints an accent wall in her bedroom",
            "@ann learns Spanish phrases on a language app",
            "@ann tells a joke about penguins",
        ],
    ),
    "no blackface": (
        [
            "@ann paints her face dark brown to dress up as a Black rapper",
            "@ann in minstrel makeup with big painted red lips",
            "@ann darkens her skin with shoe polish for a costume party",
        ],
        [
            "@ann applies a black charcoal face mask during her skincare routine",
            "@ann gets her face painted like a tiger at the fair",
            "@ann dresses up as a witch for Halloween",
        ],
    ),
    "don't misgender me": (
        [
            "the narrator keeps calling @ann he and mister",
            "@ann is introduced as this guy and my man in the video",
            "the caption refers to @ann with he/him pronouns",
        ],
        [
            "@ann introduces herself and says she uses she/her pronouns",
            "@ann reveals the gender of her baby at a party",
            "@ann is introduced as Ms. Ann at the conference",
        ],
    ),
    "no jokes about my stutter": (
        [
            "@ann gets stuck on p-p-p-pizza and her friends crack up",
            "@ann tries to order and everyone laughs as she stammers",
            "a comedian imitates @ann's stammer for laughs",
        ],
        [
            "@ann gives a confident speech at a wedding",
            "@ann's car engine stutters on a cold morning",
            "@ann tells a pun at dinner",
        ],
    ),
    "no jokes about my wheelchair": (
        [
            "@ann's friends laugh as her wheelchair gets stuck on the curb",
            "a comedian roasts @ann for rolling everywhere instead of walking",
            "@ann is mocked because she can't get up the stairs to the party in her chair",
        ],
        [
            # The wheelchair shown with dignity; the ban is on jokes (unsure).
            "@ann rolls her wheelchair onto the stage to accept an award",
            "@ann pushes a shopping cart through the grocery store",
            "@ann tells jokes at an open mic night",
        ],
    ),
    # ---- activities ----------------------------------------------------------------------------------------------
    "no pranks": (
        [
            "@ann's friends pour a bucket of ice water on her while she sleeps",
            "@ann finds a fake spider in her lunchbox that her coworker hid and screams",
            "someone slips a whoopee cushion onto @ann's chair",
        ],
        [
            "@ann plays a board game with her friends",
            "@ann surprises her mom with a birthday cake",
            "@ann performs a card trick for her friends",
        ],
    ),
    "no stunts": (
        [
            "@ann jumps a motorcycle over a row of buses",
            "@ann does a backflip off a rooftop onto a mattress",
            "@ann hangs from a helicopter ladder over the city",
        ],
        [
            "@ann watches an action movie at the cinema",
            "@ann stretches before a morning jog",
            "@ann rides her bike to work",
        ],
    ),
    "no spiders": (
        [
            "a tarantula crawls up @ann's arm",
            "@ann wakes up in a web with eight-legged creatures crawling everywhere",
            "@ann finds a huge black widow in her shoe",
        ],
        [
            # A superhero film, no spider (unsure: the poster has one).
            "@ann watches a Spider-Man movie",
            "@ann catches a butterfly in a net",
            "@ann watches ants carry crumbs across the patio",
        ],
    ),
    "no clowns": (
        [
            "@ann gets chased by a clown at the circus",
            # A friendly clown is still a clown.
            "@ann dresses as a clown with a red nose and big shoes",
            "a clown makes balloon animals for @ann at a birthday party",
        ],
        [
            # Being silly, no clown.
            "@ann clowns around with her friends",
            # Horror, but no clown: the owner banned clowns, not horror.
            "@ann watches a zombie movie at home",
            "@ann juggles oranges in the kitchen",
        ],
    ),
    # ---- mixes ---------------------------------------------------------------------------------------------------
    "I always wear hijab. Never show me without it": (
        [
            "@ann lets her long hair down at the beach",
            "@ann takes off her headscarf and shakes out her hair",
            "@ann with her hair uncovered at a pool party",
        ],
        [
            # With the hijab on: what the owner wants.
            "@ann wears her hijab to a job interview",
            "@ann shops for a new silk headscarf at the market",
            "@ann ties a colorful hijab and poses for a selfie",
        ],
    ),
    "Kids: no filming them": (
        [
            "@ann records her toddler's first steps",
            "@ann and her two boys build a sandcastle",
            "@ann films her daughter's dance recital",
        ],
        [
            "@ann films a cooking tutorial in her kitchen",
            "@ann films the sunset from her balcony",
            "@ann shoots a vlog about her morning routine",
        ],
    ),
    "I smoke, don't show it": (
        [
            "@ann lights a cigarette on her balcony",
            "@ann takes a drag and blows smoke rings",
            "@ann steps outside on her break for a smoke",
        ],
        [
            "@ann roasts marshmallows over a smoky campfire",
            "@ann puts out a small kitchen fire with an extinguisher",
            "@ann blows out the candles on her birthday cake",
        ],
    ),
}


# What still gets through, by case id (strict xfails: the suite says when one is fixed).
_GAP_REASONS = {
    "paraphrase": (
        "GOT THROUGH: an everyday paraphrase with none of the topic's words (nor its known topic's lexicon) scores "
        "under the topics' 0.39 with the sentence model (cameos/restrictions.py:_topic_conflicts): a topic is its "
        "words and their meaning, and this meaning is too far from them"
    ),
    "sense": (
        "GOT THROUGH (refused): the topic's word or meaning in another sense, close enough for the sentence model "
        "(0.39 and over), or a keyword in a sense _TOPIC_WORD_SENSES does not list"
    ),
    "manner": (
        "GOT THROUGH (refused): the manner word of a topic ('jokes about X', 'mocking X') or the thing without the "
        "manner scores over 0.39 alone; a topic is embedded whole, not as the manner and the thing together"
    ),
    "without": (
        "GOT THROUGH: the sentence model reads 'without X' as about X, so the topic refuses X worn and misses X "
        "taken off in other words (a headscarf, hair let down); kept the stricter way (cameos/restrictions.py:"
        "_WITHOUT says why)"
    ),
    "clowns": (
        "GOT THROUGH: 'clowns' is one of horror's words (restriction_categories.toml), so 'no clowns' is the horror "
        "category: a party clown is no horror to the classifier, and a zombie film is"
    ),
    "traded": (
        "GOT THROUGH: fixed here, then given back in round 35: the words and description that caught it ('black "
        "widow', 'darkening one's skin') refused a Black Widow film and a Black woman's own foundation there"
    ),
    "pronouns": (
        "GOT THROUGH: misgendering is said in pronouns and titles, which the product cannot check without the "
        "owner's own, and it does not store them"
    ),
}
KNOWN_GAPS = {
    "no-blackface/refuse/darkens-her-skin-with-shoe-polish": "traded",
    "no-spiders/refuse/finds-a-huge-black-widow-in": "traded",
    "no-fat-jokes/refuse/s-friends-call-her-a-whale": "paraphrase",
    "no-fat-jokes/allow/orders-a-fat-free-yogurt": "manner",
    "don-t-make-fun-of/allow/brushes-her-teeth-before-bed": "manner",
    "no-jokes-about-my-height/refuse/s-coworkers-call-her-shorty-and": "paraphrase",
    "no-jokes-about-my-height/refuse/a-roast-about-needing-a-booster": "paraphrase",
    "no-jokes-about-my-height/allow/tells-a-joke-about-a-penguin": "manner",
    "don-t-show-my-face/allow/does-a-full-glam-makeup-tutorial": "without",
    "keep-my-kids-out-of/allow/kids-around-with-her-coworkers-at": "sense",
    "leave-my-girlfriend-out-of/allow/helps-her-brother-plan-a-proposal": "sense",
    "don-t-put-my-dog/refuse/s-dog-runs-into-traffic-on": "paraphrase",
    "don-t-put-my-dog/refuse/leaves-her-puppy-locked-in-a": "paraphrase",
    "don-t-put-my-dog/refuse/s-golden-retriever-falls-through-the": "paraphrase",
    "no-videos-of-my-mom/allow/s-friend-mia-a-new-mom": "sense",
    "don-t-mention-my-cancer/allow/reads-her-horoscope-for-cancer-her": "sense",
    "don-t-mention-my-miscarriage/allow/a-lawyer-calls-the-verdict-a": "sense",
    "no-mental-health-jokes/refuse/pretends-to-be-crazy-and-everyone": "paraphrase",
    "don-t-show-me-crying/allow/s-baby-nephew-cries-and-she": "sense",
    "never-show-my-address-or/refuse/stands-by-her-mailbox-with-her": "paraphrase",
    "never-show-my-address-or/allow/gives-the-graduation-address-to-her": "sense",
    "no-jokes-about-my-accent/refuse/the-barista-mocks-how-pronounces-her": "paraphrase",
    "no-jokes-about-my-accent/refuse/gets-laughed-at-for-her-thick": "paraphrase",
    "no-jokes-about-my-accent/allow/tells-a-joke-about-penguins": "manner",
    "no-blackface/allow/applies-a-black-charcoal-face-mask": "sense",
    "don-t-misgender-me/refuse/the-narrator-keeps-calling-he-and": "pronouns",
    "don-t-misgender-me/refuse/is-introduced-as-this-guy-and": "pronouns",
    "don-t-misgender-me/refuse/the-caption-refers-to-with-he": "pronouns",
    "no-jokes-about-my-stutter/refuse/gets-stuck-on-p-p-p": "paraphrase",
    "no-jokes-about-my-stutter/allow/s-car-engine-stutters-on-a": "manner",
    "no-jokes-about-my-wheelchair/allow/rolls-her-wheelchair-onto-the-stage": "manner",
    "no-jokes-about-my-wheelchair/allow/tells-jokes-at-an-open-mic": "manner",
    "no-pranks/refuse/s-friends-pour-a-bucket-of": "paraphrase",
    "no-stunts/refuse/jumps-a-motorcycle-over-a-row": "paraphrase",
    "no-stunts/refuse/hangs-from-a-helicopter-ladder-over": "paraphrase",
    "no-spiders/allow/watches-a-spider-man-movie": "sense",
    "no-clowns/refuse/dresses-as-a-clown-with-a": "clowns",
    "no-clowns/refuse/a-clown-makes-balloon-animals-for": "clowns",
    # "no-clowns/allow/watches-a-zombie-movie-at-home" read right from the retraining of 2026-12-06 (sixth round of
    # training texts): the horror machine no longer scores watching a zombie film at home in the category.
    "i-always-wear-hijab-never/refuse/lets-her-long-hair-down-at": "without",
    "i-always-wear-hijab-never/refuse/takes-off-her-headscarf-and-shakes": "without",
    "i-always-wear-hijab-never/refuse/with-her-hair-uncovered-at-a": "without",
    "i-always-wear-hijab-never/allow/wears-her-hijab-to-a-job": "without",
    "i-always-wear-hijab-never/allow/ties-a-colorful-hijab-and-poses": "without",
    "kids-no-filming-them/refuse/and-her-two-boys-build-a": "paraphrase",
}


def _params():
    for restriction, (refused, allowed) in CASES.items():
        for expected, texts in ((True, refused), (False, allowed)):
            for text in texts:
                case_id = f"{_slug(restriction, 5)}/{'refuse' if expected else 'allow'}/{_slug(text)}"
                yield refusal_case(restriction, text, expected, case_id, KNOWN_GAPS, _GAP_REASONS)


@pytest.mark.parametrize(("restriction", "text", "expected"), list(_params()))
def test_a_personal_restriction_refuses_what_it_rules_out_and_nothing_innocent(restriction, text, expected):
    assert_refused(restriction, text, expected)


def test_every_restriction_has_three_texts_each_way():
    assert len(CASES) == 30
    for refused, allowed in CASES.values():
        assert len(refused) == 3 and len(allowed) == 3
        assert all("@ann" in text for text in [*refused, *allowed])
