"""Prompts and captions for demo and benchmark corpora: a few topics people steer by, many phrasings each.

Texts are built from templates so a corpus of any size has a realistic spread of topics, and the set of
distinct texts stays small enough to embed once (seed_demo embeds each distinct text a single time).
"""

from __future__ import annotations

import random

TOPICS: dict[str, dict[str, list[str]]] = {
    "sports": {
        "subjects": ["a basketball player", "a skateboarder", "a soccer team", "a surfer", "a sprinter", "a tennis player", "a boxer", "a snowboarder"],
        "actions": ["dunks in slow motion", "lands a kickflip", "scores a last-minute goal", "rides a huge wave", "wins a photo finish", "serves an ace", "trains at dawn", "carves down a mountain"],
        "places": ["in a packed stadium", "at the skate park", "on a rainy pitch", "off the coast", "on a running track", "on a clay court", "in an old gym", "on fresh powder"],
        "captions": ["game day energy", "what a finish", "training never stops", "sports highlight of the week", "can't believe that shot", "match point"],
    },
    "anime": {
        "subjects": ["an anime girl with silver hair", "a giant mecha robot", "a ninja in anime style", "a magical girl", "a spiky-haired anime hero", "a cute anime cat spirit"],
        "actions": ["powers up with glowing energy", "battles a dragon", "transforms in a burst of light", "runs through cherry blossoms", "shouts a special attack", "floats above the city"],
        "places": ["in a neon Tokyo street", "over a cel-shaded ocean", "in a hand-drawn forest", "on a school rooftop", "in a shonen tournament arena"],
        "captions": ["anime opening vibes", "studio style animation test", "my favourite anime moment", "manga panel come to life", "isekai energy"],
    },
    "cooking": {
        "subjects": ["a chef", "a grandmother", "a street food vendor", "a home cook", "a pastry chef"],
        "actions": ["flips a pancake", "slices fresh sushi", "kneads pizza dough", "plates a fancy dessert", "stirs a bubbling curry", "grills skewers"],
        "places": ["in a busy restaurant kitchen", "at a night market", "in a cozy farmhouse kitchen", "on a food truck", "in a patisserie"],
        "captions": ["recipe in the comments", "so hungry now", "comfort food", "dinner is served", "the crunch though"],
    },
    "nature": {
        "subjects": ["a herd of elephants", "a fox", "a waterfall", "a humpback whale", "an eagle", "a field of wildflowers"],
        "actions": ["crosses a river", "hunts in the snow", "thunders down a cliff", "breaches at sunset", "soars over the valley", "sways in the wind"],
        "places": ["on the savanna", "in a pine forest", "in the rainforest", "in the Arctic sea", "above the canyon", "in an alpine meadow"],
        "captions": ["nature is healing", "planet earth moment", "so peaceful", "wildlife at its best", "golden hour in the wild"],
    },
    "music": {
        "subjects": ["a guitarist", "a jazz trio", "a DJ", "a violinist", "a choir", "a drummer"],
        "actions": ["plays a fiery solo", "jams late at night", "drops the beat", "performs a sonata", "sings in harmony", "plays a drum fill"],
        "places": ["on a festival stage", "in a smoky club", "at a rooftop party", "in a concert hall", "in a cathedral", "in a garage"],
        "captions": ["turn the volume up", "live music forever", "that solo though", "concert night", "new track preview"],
    },
    "pets": {
        "subjects": ["a golden retriever puppy", "a tabby cat", "a parrot", "a hamster", "a corgi", "a kitten"],
        "actions": ["chases a ball", "knocks a glass off the table", "says hello", "runs in a wheel", "zooms around the yard", "pounces on a toy"],
        "places": ["in the living room", "in the backyard", "at the beach", "on the sofa", "at the dog park"],
        "captions": ["my best friend", "pet tax", "so cute", "zoomies", "good boy"],
    },
    "comedy": {
        "subjects": ["a clumsy waiter", "two friends", "a stand-up comedian", "a confused tourist", "an office worker"],
        "actions": ["slips on a banana peel", "pranks each other", "tells a terrible joke", "gets lost with a giant map", "fights the printer"],
        "places": ["in a fancy restaurant", "at a sleepover", "on a comedy stage", "in a busy square", "in a boring office"],
        "captions": ["I can't stop laughing", "this is so me", "comedy gold", "wait for it", "relatable"],
    },
    "travel": {
        "subjects": ["a backpacker", "a hot air balloon", "a night train", "a sailboat", "a cyclist"],
        "actions": ["watches the sunrise", "drifts over the valley", "winds through the mountains", "sails past an island", "rides along the coast"],
        "places": ["in Cappadocia", "in the Swiss Alps", "in the Greek islands", "in Patagonia", "on the Amalfi coast"],
        "captions": ["wanderlust", "add this to your list", "travel diaries", "take me back", "best trip ever"],
    },
}
STYLES = ["cinematic", "realistic", "animated", "vintage film", "dreamy", "documentary"]


def topic_text(topic: str, rng: random.Random) -> tuple[str, str]:
    """A (prompt, caption) pair about a topic."""
    parts = TOPICS[topic]
    prompt = (
        f"{rng.choice(parts['subjects'])} {rng.choice(parts['actions'])} {rng.choice(parts['places'])}, "
        f"{rng.choice(STYLES)} style"
    )
    return prompt, rng.choice(parts["captions"])


def corpus_texts(count: int, *, seed: int = 7) -> list[tuple[str, str, str]]:
    """`count` (topic, prompt, caption) triples, topics evenly mixed in a shuffled order."""
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
    topics = list(TOPICS)
    rows = [(topics[i % len(topics)], *topic_text(topics[i % len(topics)], rng)) for i in range(count)]
    rng.shuffle(rows)
    return rows
