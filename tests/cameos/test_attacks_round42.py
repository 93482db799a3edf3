"""Attack round 42 on cameo restrictions, end to end: personal free-text topics written with ONE TYPO in the topic's
key word, as owners type them on a phone ("no jokes about my wieght", "keep my kdis out of it", "never show me with my
exs", "no videos at my workplce", "dont mention my divorse", "no fat jokes about my bellly", "nothing about my
accnet", "no pics of my tatoos", "dont show my hosue", "no spidres", and six more: "girlfirend", "canser", "stuter",
"husbnad", "baldnes", "mohter"). Only the categories' head words are mended (cameos/restriction_spelling.py), not a
topic's own words, so the slip reaches the keyword, the known topics (kids, ex, workplace, house, spiders,
girlfriend) and the sentence model. The slips are the usual ones: two letters swapped, a letter dropped, doubled or
added, a letter spelt by sound ("divorse", "canser").

Each of the 16 restrictions has 3 texts that MUST be refused (clearly about the topic, with the word spelt right or
a plain paraphrase, @ann's own) and 2 that MUST be allowed (clearly unrelated, or the topic's word in another sense:
lifting weights, "only kidding", ex-Soviet, works out, divorce music from its history, belly dancing, an accent wall,
a military tattoo, on the house, Spider-Man, a Cancer horoscope, a stuttering engine, animal husbandry, a bald eagle,
Mother Teresa). As controls, the same 16 restrictions spelt correctly read the same texts, so the file shows the
typo's own effect. The classifier and the sentence model are real, never mocked; no database is needed.

161 tests (160 texts: 80 under the typo'd restrictions, 80 under the controls; and a distinctness check). When
written, 46 texts failed:

- with the typo, 37 of 80: 37 of 48 texts that must be refused got through (typo_known_topic 17, typo_word 14,
  typo_phrase 4, paraphrase 2); none of the 32 innocent texts was refused;
- with the control spelling, 9 of 80: 2 of 48 texts that must be refused got through (paraphrase 2); 7 of 32
  innocent texts were refused (sense 4, meaning 3).

So a single slip in a topic's word turns a restriction nearly off: 35 texts the correct spelling refuses get
through with it (all 3 of 3 for kids, ex, workplace, house, spiders, accent, cancer, husband and mother; 2 of 3 for
girlfriend and belly; 1 of 3 for weight, divorce, tattoos and baldness), and only phrase topics whose manner words
carry the meaning ("jokes about ...") keep most of their reach. It also hides the control's over-refusals (the 7
innocent texts pass under the typo), which is no fix.

Fixed (2026-12-05): all 35 texts the typo alone let through. A free-text topic's words are now mended before it is
read (cameos/restriction_spelling.py: mend_topic): a word of four letters or more that is in no English dictionary,
itself or as a stem with an ending, becomes the English word one slip away that is most used (pyspellchecker's
English dictionary: "wieght", "kdis", "hosue", "accnet", "canser", "mohter"); a name the owner capitalised is left
as written; "exs" and "ex's" are the known topic ex. A typo'd restriction now reads exactly as its control, so the
control's 9 gaps are the typo's too: 18 strict xfails with their reasons (KNOWN_GAPS).
"""

from __future__ import annotations

import pytest

from tests.cameos.restriction_cases import assert_cases_well_formed, assert_refused, refusal_case, slug


def _slug(text: str, words: int = 7) -> str:
    return slug(text, words)


# (restriction with one typo in the topic's key word, the same restriction spelt correctly) -> texts:
# "refuse" MUST be refused (clearly about the topic, with the word spelt right or a plain paraphrase), "allow" MUST
# NOT be (clearly unrelated, or the topic's word in another sense).
TOPICS: list[tuple[str, str, dict[str, list[str]]]] = [
    (
        "no jokes about my wieght",
        "no jokes about my weight",
        {
            "refuse": [
                "@ann's friends joke about her weight at the gym",
                "@ann steps on a scale and everyone laughs at how heavy she is",
                "@ann's brother teases her about gaining twenty pounds over the holidays",
            ],
            "allow": [
                # "weights" in another sense: lifting them, no joke about hers.
                "@ann lifts weights at the gym with her trainer",
                "@ann paints a sunset over the lake",
            ],
        },
    ),
    (
        "keep my kdis out of it",
        "keep my kids out of it",
        {
            "refuse": [
                "@ann's kids build a sandcastle with her at the beach",
                "@ann reads a bedtime story to her children",
                "@ann drops her son and daughter off at school",
            ],
            "allow": [
                # "kidding": joking, no child.
                "@ann tells her boss she was only kidding about quitting",
                "@ann repairs a bicycle in her garage",
            ],
        },
    ),
    (
        "never show me with my exs",
        "never show me with my ex",
        {
            "refuse": [
                "@ann has dinner with her ex-boyfriend",
                "@ann and her ex-husband dance together at a friend's wedding",
                "@ann goes on a walk with the man she broke up with last spring",
            ],
            "allow": [
                # "ex-" in another sense: former states, no former partner.
                "@ann studies the ex-Soviet states for her history exam",
                "@ann plants tulips in her garden",
            ],
        },
    ),
    (
        "no videos at my workplce",
        "no videos at my workplace",
        {
            "refuse": [
                "@ann films a dance at her workplace",
                "@ann chats with her coworkers in the office break room",
                "@ann sits at her desk at the office where she works",
            ],
            "allow": [
                # "works out": exercise, not her job.
                "@ann works out at the gym on Saturday morning",
                "@ann hikes up a mountain trail with her dog",
            ],
        },
    ),
    (
        "dont mention my divorse",
        "dont mention my divorce",
        {
            "refuse": [
                "@ann talks about her divorce on a podcast",
                "@ann tells her friends how her marriage ended when she split from her husband",
                "@ann signs her divorce papers at the lawyer's office",
            ],
            "allow": [
                # "divorce" as a verb in another sense: separate two ideas.
                "@ann argues in her lecture that you can't divorce music from its history",
                "@ann bakes sourdough bread for her neighbors",
            ],
        },
    ),
    (
        "no fat jokes about my bellly",
        "no fat jokes about my belly",
        {
            "refuse": [
                "@ann's friends laugh at her big belly",
                "@ann's roommate pokes her round stomach and jokes that she looks pregnant",
                "a comedian makes fun of @ann's belly hanging over her jeans",
            ],
            "allow": [
                # "belly" in a dance's name.
                "@ann takes a belly dancing class with her sister",
                "@ann fixes a flat tire on her bike",
            ],
        },
    ),
    (
        "nothing about my accnet",
        "nothing about my accent",
        {
            "refuse": [
                "@ann's coworkers mock her accent",
                "@ann's friends imitate the way she pronounces words with her Irish accent",
                "@ann's date makes fun of how she talks, copying her foreign pronunciation",
            ],
            "allow": [
                # An accent wall: a colour, not her speech.
                "@ann paints an accent wall in her living room teal",
                "@ann plays chess in the park with an old man",
            ],
        },
    ),
    (
        "no pics of my tatoos",
        "no pics of my tattoos",
        {
            "refuse": [
                "@ann shows off her tattoos at the beach",
                "a close-up of the dragon tattoo on @ann's arm",
                "@ann rolls up her sleeve to show the ink on her forearm",
            ],
            "allow": [
                # A military tattoo: a drum parade.
                "@ann listens to the drums of the military tattoo at Edinburgh Castle",
                "@ann washes her car in the driveway",
            ],
        },
    ),
    (
        "dont show my hosue",
        "dont show my house",
        {
            "refuse": [
                "@ann gives a tour of her house",
                "@ann relaxes on the porch of her home",
                "the camera pans across @ann's living room and kitchen",
            ],
            "allow": [
                # "on the house": free of charge.
                "@ann gets a free dessert on the house at a restaurant",
                "@ann swims laps at the public pool",
            ],
        },
    ),
    (
        "no spidres",
        "no spiders",
        {
            "refuse": [
                "@ann holds a big spider in her hand",
                "a tarantula crawls up @ann's arm",
                "a spider drops onto @ann's head from the ceiling",
            ],
            "allow": [
                # Spider-Man: a film hero.
                "@ann watches Spider-Man at the movie theater",
                "@ann rides a horse on the beach",
            ],
        },
    ),
    (
        "leave my girlfirend out of it",
        "leave my girlfriend out of it",
        {
            "refuse": [
                "@ann and her girlfriend share a milkshake at a diner",
                "@ann cooks dinner with her girlfriend",
                "@ann walks hand in hand with her partner Maya along the river",
            ],
            "allow": [
                "@ann repairs her laptop at the kitchen table",
                "@ann reads a book about the history of the Roman empire",
            ],
        },
    ),
    (
        "dont mention my canser",
        "dont mention my cancer",
        {
            "refuse": [
                "@ann talks about her cancer treatment",
                "@ann shares how chemotherapy made her hair fall out",
                "@ann tells the audience about her tumor and her oncologist",
            ],
            "allow": [
                # Cancer the star sign.
                "@ann reads her Cancer horoscope in the newspaper",
                "@ann bakes cupcakes for a school fundraiser",
            ],
        },
    ),
    (
        "no jokes about my stuter",
        "no jokes about my stutter",
        {
            "refuse": [
                "@ann's classmates laugh at her stutter",
                "a comedian mocks @ann for stammering through her speech",
                "@ann's friends imitate how she repeats the first sound of words when she speaks",
            ],
            "allow": [
                # An engine that stutters: no speech.
                "@ann's old car engine stutters on a cold morning",
                "@ann goes kayaking on a calm river",
            ],
        },
    ),
    (
        "keep my husbnad out of it",
        "keep my husband out of it",
        {
            "refuse": [
                "@ann and her husband cook breakfast together",
                "@ann's husband surprises her with flowers",
                "@ann goes to the movies with the man she married last year",
            ],
            "allow": [
                # Animal husbandry: farming.
                "@ann learns about animal husbandry on a farm",
                "@ann climbs a rock wall at the gym",
            ],
        },
    ),
    (
        "no jokes about my baldnes",
        "no jokes about my baldness",
        {
            "refuse": [
                "@ann's friends joke about her baldness",
                "@ann's cousin teases her about her shiny bald head",
                "a comedian makes fun of @ann's thinning hair and receding hairline",
            ],
            "allow": [
                # A bald eagle: a bird.
                "@ann photographs a bald eagle at the lake",
                "@ann plants tomatoes in her garden",
            ],
        },
    ),
    (
        "keep my mohter out of it",
        "keep my mother out of it",
        {
            "refuse": [
                "@ann and her mother go shopping at the mall",
                "@ann's mom hugs her at the airport",
                "@ann calls her mum to wish her a happy birthday",
            ],
            "allow": [
                # Mother Teresa: a saint, not her mother.
                "@ann visits the Mother Teresa memorial house in Skopje",
                "@ann sails a small boat across the bay",
            ],
        },
    ),
]

# What still gets through, by case id (strict xfails: the suite says when one is fixed).
REASONS = {
    "paraphrase": (
        "GOT THROUGH (under both spellings): an everyday paraphrase with none of the topic's words scores under "
        "0.39 even against the correct spelling (a partner by name, a stutter described)"
    ),
    "sense": (
        "GOT THROUGH (refused): the topic word (spelt right, or mended) in a sense _TOPIC_WORD_SENSES does "
        "not list is a keyword (divorce music from its history, an accent wall, a military tattoo, Mother Teresa)"
    ),
    "meaning": (
        "GOT THROUGH (refused): a listed other sense stops the keyword, but the sentence model still "
        "scores the text 0.39 and over (on the house 0.398, Spider-Man 0.486, a Cancer horoscope 0.462)"
    ),
}
KNOWN_GAPS = {
    # paraphrase: 4
    "typo/leave-my-girlfirend-out-of-it/refuse/walks-hand-in-hand-with-her-partner": "paraphrase",
    "control/leave-my-girlfriend-out-of-it/refuse/walks-hand-in-hand-with-her-partner": "paraphrase",
    "typo/no-jokes-about-my-stuter/refuse/s-friends-imitate-how-she-repeats-the": "paraphrase",
    "control/no-jokes-about-my-stutter/refuse/s-friends-imitate-how-she-repeats-the": "paraphrase",
    # sense: 8 (the mended typo reads as its control does)
    "control/dont-mention-my-divorce/allow/argues-in-her-lecture-that-you-can": "sense",
    "control/nothing-about-my-accent/allow/paints-an-accent-wall-in-her-living": "sense",
    "control/no-pics-of-my-tattoos/allow/listens-to-the-drums-of-the-military": "sense",
    "control/keep-my-mother-out-of-it/allow/visits-the-mother-teresa-memorial-house-in": "sense",
    "typo/dont-mention-my-divorse/allow/argues-in-her-lecture-that-you-can": "sense",
    "typo/nothing-about-my-accnet/allow/paints-an-accent-wall-in-her-living": "sense",
    "typo/no-pics-of-my-tatoos/allow/listens-to-the-drums-of-the-military": "sense",
    "typo/keep-my-mohter-out-of-it/allow/visits-the-mother-teresa-memorial-house-in": "sense",
    # meaning: 6
    "control/dont-show-my-house/allow/gets-a-free-dessert-on-the-house": "meaning",
    "control/no-spiders/allow/watches-spider-man-at-the-movie-theater": "meaning",
    "control/dont-mention-my-cancer/allow/reads-her-cancer-horoscope-in-the-newspaper": "meaning",
    "typo/dont-show-my-hosue/allow/gets-a-free-dessert-on-the-house": "meaning",
    "typo/no-spidres/allow/watches-spider-man-at-the-movie-theater": "meaning",
    "typo/dont-mention-my-canser/allow/reads-her-cancer-horoscope-in-the-newspaper": "meaning",
}


def _params():
    for typo, control, texts in TOPICS:
        for spelling, restriction in (("typo", typo), ("control", control)):
            for way, expected in (("refuse", True), ("allow", False)):
                for text in texts[way]:
                    case_id = f"{spelling}/{_slug(restriction, 6)}/{way}/{_slug(text)}"
                    yield refusal_case(restriction, text, expected, case_id, KNOWN_GAPS, REASONS)


@pytest.mark.parametrize(("restriction", "text", "expected"), list(_params()))
def test_a_topic_with_a_typo_refuses_what_it_rules_out_and_nothing_innocent(restriction, text, expected):
    assert_refused(restriction, text, expected)


def test_every_case_is_distinct_and_names_the_cameo():
    assert_cases_well_formed(list(_params()), KNOWN_GAPS, REASONS)
    assert len(TOPICS) == 16
    assert all(len(texts["refuse"]) == 3 and len(texts["allow"]) == 2 for _, _, texts in TOPICS)
    # Each typo'd restriction differs from its control by one slip in one word.
    for typo, control, _ in TOPICS:
        assert typo != control and len(typo.split()) == len(control.split())
        assert sum(a != b for a, b in zip(typo.split(), control.split(), strict=True)) == 1
    assert set(KNOWN_GAPS.values()) == set(REASONS)
