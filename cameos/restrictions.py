"""Cameo owners' restriction rules ("no political content", "never say the word banana") checked against prompts.

A restriction is free text. ``parse_restriction`` reads what it bans:

- *words*: "never say (the word) X", "don't use the word X", or anything in quotes. These match as
  words only (case-insensitive, on word boundaries, plurals and -ing/-ed forms included).
- *topics*: "no X", "nothing X", "don't show me X", "never make me X", "avoid X", "keep X out of it",
  "X is off limits". A topic matches in two ways:
  - by word: the topic itself and, for common topics (politics, violence, sex, drinking, drugs,
    smoking, religion, romance, swearing, gambling, ads, horror, death, animals), a small lexicon of
    unambiguous words ("ballot", "tequila", "casino");
  - by meaning: the topic, the topic in a frame ("a video about X") and, for common topics, short
    descriptions and example scenes are embedded with the local sentence model and compared with
    the prompt and each of its clauses (``text_embedding.closeness``: the mean of a clause's two best
    cosine similarities). A score at or above ``SEMANTIC_THRESHOLD`` is a conflict.

A restriction that says what to keep ("keep it family friendly") is read as the topics it rules out.
One that cannot be read at all is reported by ``parse_restriction`` with no words and no topics, so
the app can tell its owner it is not enforced automatically.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sora_social import text_embedding
from sora_social.content_policy.screening import term_regex

# Calibrated on the pairs in tests/cameos/test_restrictions.py. Every labelled pair is right from 0.36
# to 0.42. Over the 384 pairs that no keyword decides (labelled, paraphrases, and an everyday-prompt x
# topic grid), 0.385-0.40 had the fewest errors: 3 misses and 1 false conflict.
SEMANTIC_THRESHOLD = 0.39

Match = Literal["keyword", "semantic"]


@dataclass(frozen=True)
class RestrictionConflict:
    """A prompt that breaks one of a cameo's restrictions."""

    restriction: str
    index: int  # Position of the restriction in the list given.
    how: Match  # "keyword" (a banned word appears) or "semantic" (the prompt is about the topic).
    score: float  # 1.0 for a keyword; for a semantic match, the closeness of the prompt to the topic.
    matched: str  # The word found, or the prompt clause closest to the topic.


@dataclass(frozen=True)
class ParsedRestriction:
    """What a restriction bans: words to match literally, topics to match by word and by meaning."""

    text: str
    words: tuple[str, ...]
    topics: tuple[str, ...]

    @property
    def enforceable(self) -> bool:
        """Whether anything in the restriction could be understood."""
        return bool(self.words or self.topics)


_QUOTED = re.compile(r"[\"“”‘’]([^\"“”‘’]+)[\"“”‘’]|(?<!\w)'([^']+)'(?!\w)")
_NEG = r"(?:never|don'?t|dont|do\s+not|doesn'?t|does\s+not|not|no\s+one\s+should|nobody\s+should|please\s+don'?t)"
_SAY_WORD = re.compile(
    rf"^(?:{_NEG}\s+)?(?:ever\s+)?(?:make\s+me\s+|let\s+me\s+|have\s+me\s+)?"
    r"(?:say|says|saying|use|utter|write|spell|sing|speak|swear)\s+"
    r"(?:the\s+|any\s+)?(?:words?|phrases?|terms?|names?)\s*:?\s+(?P<x>.+)$"
    rf"|^(?:{_NEG}\s+)(?:ever\s+)?(?:make\s+me\s+|let\s+me\s+|have\s+me\s+)?(?:say|says|utter|speak)\s+(?P<y>.+)$"
)
_TOPIC_FORMS = [
    re.compile(r"^(?:absolutely\s+|strictly\s+)?(?:no|nothing|none\s+of|zero|ban|banned)\s+(?P<x>.+)$"),
    re.compile(
        rf"^{_NEG}\s+(?:ever\s+)?(?:want\s+(?:to\s+)?)?"
        r"(?:show|put|make|depict|film|have|let|use|include|feature|portray|involve|mention|place|cast|"
        r"see|be|do|appear|get)?\s*"
        r"(?:me|my\s+cameo|my\s+face|my\s+likeness|myself|i)?\s*"
        r"(?:be|appear)?\s*(?:in|doing|being|with|as|near|around|into|on)?\s*(?P<x>.+)$"
    ),
    re.compile(
        r"^(?:avoid|without|stay\s+away\s+from|keep\s+(?:me|it|my\s+cameo)\s+(?:away\s+from|out\s+of))\s+(?P<x>.+)$"
    ),
    re.compile(
        r"^i\s+(?:don'?t|do\s+not|never)\s+want\s+(?:to\s+(?:be|appear)\s+)?(?:(?:in|with|near|doing)\s+)?(?P<x>.+)$"
    ),
    re.compile(
        r"^(?:keep|leave)\s+(?P<x>.+?)\s+(?:out(?:\s+of\s+(?:it|this|that|them|my\s+\w+|\w*\s*videos?))?|away(?:\s+from\s+me)?)$"
    ),
    re.compile(
        r"^(?P<x>.+?)\s+(?:is|are)\s+(?:not\s+allowed|forbidden|off[\s-]+limits|banned|prohibited|a\s+no[\s-]go)$"
    ),
]
# "Keep it family friendly" names what to keep; read it as what it rules out.
_POSITIVE_FORMS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (
        re.compile(
            r"\b(?:family[\s-]+friendly|kid[\s-]+friendly|wholesome|clean\s+content|pg|g[\s-]+rated|safe\s+for\s+work|sfw)\b"
        ),
        ("sexual", "violence", "drugs", "swearing"),
    ),
]
_LIST_SPLIT = re.compile(r"\s*(?:,|;|/|\bor\b|\band\b|\bnor\b|&)\s*")
_FILLER = frozenset(
    """a an the any anything something anyone anybody someone of me my myself to in with at all ever
    please content contents stuff things thing videos video clips scenes scene themes theme topics topic
    related kind kinds sort type types whatsoever references reference jokes situations imagery
    depictions ones""".split()
)


# Common topics, recognised by a regex on the topic's words. Each brings short descriptions and a few
# example scenes (so a one-word topic meets the many ways a prompt can touch it: prompts embed closer
# to scenes than to bare words), and a lexicon of unambiguous words that count as keyword hits ("no
# political content" is broken by "ballot" even when the model misses it).
@dataclass(frozen=True)
class _KnownTopic:
    recognise: re.Pattern[str]
    descriptions: tuple[str, ...]
    lexicon: tuple[str, ...]


def _known(recognise: str, descriptions: str, examples: tuple[str, ...], lexicon: str) -> _KnownTopic:
    """A common topic: comma-separated descriptions, example scenes (embedded too) and a lexicon."""
    return _KnownTopic(
        re.compile(recognise),
        (*(part.strip() for part in descriptions.split(",")), *examples),
        tuple(part.strip() for part in lexicon.split(",")),
    )


_KNOWN_TOPICS: list[_KnownTopic] = [
    _known(
        r"politic|election|government|campaign|partisan|\bvot",
        "politics, elections, politicians, a campaign rally, government, a protest, voting",
        (
            "a political campaign rally with cheering supporters",
            "people vote in an election",
            "a politician debates on television",
            "protesters march against the government",
            "a heated argument about politics",
        ),
        "politics, political, politician, election, ballot, polling station, senate, senator, congress, "
        "parliament, president, prime minister, campaign rally, protest, voting, democrat, republican, "
        "government, candidate, mayor, governor, city council",
    ),
    _known(
        r"violen|fight|gore|blood|brutal|weapon|\bguns?\b",
        "violence, fighting, punching, stabbing, shooting, blood, hurting people",
        (
            "someone punches a man in the face",
            "a brutal fight with blood",
            "someone is stabbed with a knife",
            "someone shoots people with a gun",
            "someone beats up a stranger",
        ),
        "violence, violent, punch, stab, stabbing, gun, shotgun, rifle, pistol, handgun, knife fight, "
        "brawl, blood, bloody, murder, assault, beat up, gore, weapon",
    ),
    _known(
        r"sex|nud|naked|nsfw|explicit|lewd|erotic|porn|racy|suggestive|adult",
        "sexual content, nudity, undressing, erotic, making out, lingerie, seductive",
        (
            "a sexual scene",
            "someone undresses seductively",
            "a naked person",
            "a couple having sex",
            "someone poses in lingerie",
        ),
        "sex, sexy, sexual, nude, naked, nudity, lingerie, striptease, erotic, porn, undress, topless, "
        "making out, seductive",
    ),
    _known(
        r"drink|alcohol|booze|beer|wine|drunk|liquor",
        "drinking alcohol, beer, wine, getting drunk, cocktails at a bar, taking shots",
        (
            "someone drinks beer at a bar",
            "someone gets drunk at a party",
            "someone takes shots of liquor",
            "someone drinks wine",
        ),
        "alcohol, beer, wine, vodka, tequila, whiskey, champagne, cocktail, drunk, booze, liquor, hangover",
    ),
    _known(
        r"drug|weed|marijuana|cannabis|narcotic|getting\s+high",
        "illegal drugs, smoking weed, getting high, cocaine, pills",
        (
            "someone takes illegal drugs",
            "someone smokes weed",
            "someone snorts cocaine",
            "someone gets high at a party",
        ),
        "drugs, cocaine, heroin, weed, marijuana, cannabis, meth, getting high, stoned, smoke a joint, blunt",
    ),
    _known(
        r"smok|cigar|vap|tobacco",
        "smoking cigarettes, vaping, tobacco, a cigar",
        ("someone smokes a cigarette", "someone vapes", "someone smokes a cigar"),
        "smoking, cigarette, cigar, vape, tobacco",
    ),
    _known(
        r"religio|church|\bgods?\b|faith|pray|spiritual",
        "religion, church, praying, god, worship, a temple or mosque",
        ("someone prays in a church", "a religious ceremony", "people worship god in a temple"),
        "religion, religious, church, mosque, synagogue, temple, pray, prayer, bible, quran, worship, priest, "
        "monk, buddhist, christian, muslim, jewish, hindu, scripture, sermon, pastor",
    ),
    _known(
        r"kiss|romanc|romantic|dating|making\s+out|love\s+scene",
        "kissing, romance, a date, a love scene, making out",
        ("two people kiss", "a romantic date", "a couple making out passionately"),
        "kiss, making out, smooch, romance, romantic, marriage proposal, proposes",
    ),
    _known(
        r"swear|profan|curs|cuss|foul|bad\s+words|obscen",
        "swearing, profanity, curse words, foul language",
        ("someone swears and curses", "someone yells profanity", "someone uses foul language"),
        "swear, swearing, curse word, cuss, profanity, obscene, f-word",
    ),
    _known(
        r"gambl|casino|betting|poker",
        "gambling, a casino, betting money, poker, slot machines",
        (
            "someone gambles in a casino",
            "betting money on a game of chance",
            "pulling the lever of a slot machine in a casino",
        ),
        "gambling, casino, poker, roulette, blackjack, slot machine, betting",
    ),
    _known(
        r"\bads?\b|advert|brand|endorse|commercial|sponsor|promot|product\s+placement",
        "advertising, a brand endorsement, promoting a product, a commercial, sponsored content",
        (
            "someone advertises a product to the camera",
            "a commercial for a brand",
            "someone promotes a sponsored product",
        ),
        "advert, advertisement, commercial, sponsor, sponsored, endorse, endorsement, logo, brand, "
        "product placement, link in bio, discount code",
    ),
    _known(
        r"horror|scary|creepy|frighten|monster",
        "horror, something scary, monsters, a haunted house, a frightening scene",
        ("a scary horror scene", "someone is chased by a monster", "a terrifying ghost in a haunted house"),
        "horror, zombie, monster, ghost, haunted, demon, slasher, creepy",
    ),
    _known(
        r"death|dead|dying|\bdie\b|funeral|\bkill",
        "death, dying, a dead body, a funeral, being killed",
        ("someone dies", "a dead body on the floor", "a funeral for someone who died"),
        "death, dead, dies, dying, corpse, funeral, killed, murder, coffin",
    ),
    _known(
        r"animal|\bpets?\b|wildlife",
        "animals, a dog, a cat, a horse, birds, wildlife, pets",
        ("an animal", "someone with a dog or a cat", "wild animals at a zoo", "someone rides a horse"),
        "animal, pet, dog, puppy, cat, kitten, horse, bird, cow, pig, wildlife",
    ),
]
# Every topic is also embedded in this frame: a bare word embeds poorly against a sentence.
_TOPIC_FRAME = "a video about {}"


_POLITE = re.compile(r"^(?:please|pls|kindly|seriously|just|absolutely|strictly)\b[\s,]*")


def _clean(text: str) -> str:
    """Lower-case, one space, no end punctuation, no leading "please"."""
    cleaned = re.sub(r"\s+", " ", text.strip().lower()).strip(" .!?")
    while _POLITE.match(cleaned):
        cleaned = _POLITE.sub("", cleaned, count=1)
    return cleaned


def _topic_items(phrase: str) -> list[str]:
    """Split "drugs, alcohol or smoking" into items, dropping filler words."""
    items = []
    for item in _LIST_SPLIT.split(phrase):
        words = [word for word in re.findall(r"[\w'&-]+", item) if word not in _FILLER]
        if words:
            items.append(" ".join(words))
    return items


def parse_restriction(text: str) -> ParsedRestriction:
    """Read the words and topics a free-text restriction bans."""
    cleaned = _clean(text)
    quoted = [first or second for first, second in _QUOTED.findall(text)]
    if quoted:
        return ParsedRestriction(text, tuple(_clean(word) for word in quoted if _clean(word)), ())
    said = _SAY_WORD.match(cleaned)
    if said:
        return ParsedRestriction(text, tuple(_topic_items(said.group("x") or said.group("y"))), ())
    for form in _TOPIC_FORMS:
        found = form.match(cleaned)
        if found:
            return ParsedRestriction(text, (), tuple(_topic_items(found.group("x"))))
    topics: list[str] = []
    for form, implied in _POSITIVE_FORMS:
        if form.search(cleaned):
            topics.extend(implied)
    return ParsedRestriction(text, (), tuple(dict.fromkeys(topics)))


def topic_descriptions(topic: str) -> list[str]:
    """The texts embedded for a topic: itself, itself in a frame, and a common topic's descriptions."""
    descriptions = [topic, _TOPIC_FRAME.format(topic)]
    for known in _KNOWN_TOPICS:
        if known.recognise.search(topic):
            descriptions.extend(known.descriptions)
    return list(dict.fromkeys(descriptions))


def topic_words(topic: str) -> list[str]:
    """The words that break a topic as keywords: the topic itself and a common topic's lexicon."""
    words = [topic]
    for known in _KNOWN_TOPICS:
        if known.recognise.search(topic):
            words.extend(known.lexicon)
    return list(dict.fromkeys(words))


def _keyword_conflict(index: int, restriction: str, words: Sequence[str], prompt: str) -> RestrictionConflict | None:
    for word in words:
        found = term_regex(word).search(prompt)
        if found:
            return RestrictionConflict(restriction, index, "keyword", 1.0, found.group(0))
    return None


def find_restriction_conflicts(
    restrictions: Sequence[str], prompt: str, *, threshold: float = SEMANTIC_THRESHOLD
) -> list[RestrictionConflict]:
    """The restrictions (by index) that a prompt breaks, at most one conflict each, keywords first."""
    conflicts: dict[int, RestrictionConflict] = {}
    semantic: list[tuple[int, str, list[str]]] = []
    for index, restriction in enumerate(restrictions):
        parsed = parse_restriction(restriction)
        words = [*parsed.words, *(word for topic in parsed.topics for word in topic_words(topic))]
        conflict = _keyword_conflict(index, restriction, words, prompt)
        if conflict is not None:
            conflicts[index] = conflict
        else:
            # Scored topic by topic: "drugs or alcohol" is broken by either one.
            semantic.extend((index, restriction, topic_descriptions(topic)) for topic in parsed.topics)
    if semantic:
        clauses = text_embedding.prompt_clauses(prompt)
        flat = [text for _, _, descriptions in semantic for text in descriptions]
        if clauses:
            vectors = text_embedding.embed_texts([*clauses, *flat])
            clause_vectors, description_vectors = vectors[: len(clauses)], vectors[len(clauses) :]
            start = 0
            for index, restriction, descriptions in semantic:
                score, clause_index = text_embedding.closeness(
                    clause_vectors, description_vectors[start : start + len(descriptions)]
                )
                start += len(descriptions)
                if score >= threshold and score > (conflicts[index].score if index in conflicts else 0.0):
                    conflicts[index] = RestrictionConflict(
                        restriction, index, "semantic", round(score, 4), clauses[clause_index]
                    )
    return [conflicts[index] for index in sorted(conflicts)]
