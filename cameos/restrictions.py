"""Cameo owners' restrictions ("no political content", "never say the word banana") checked against every text
that goes with their likeness: a prompt and its dialogue, a caption, a remix's prompt, a comment.

A restriction is free text. ``parse_restriction`` reads what it bans:

- *words*: "never say (the word) X", "don't use the word X", or anything in quoted. These match as words
  only (case-insensitive, on word boundaries, plurals and -ing/-ed forms included).
- *categories*: a topic ("no X", "nothing X", "don't show me X", "avoid X", "keep X out of it", "X is off
  limits", or just "X") that names one of the written categories (politics, alcohol, drugs, tobacco,
  violence, sexual, romance, brands, religion, gambling, profanity, horror: ``restriction_categories.toml``,
  with each one's definition). A text breaks a category by one of its lexicon's unambiguous words
  ("ballot", "tequila"), unless the word is inside one of the category's other senses ("drunk on sunshine"),
  or when the trained classifier (``restriction_classifier``) reads the text, or one of its clauses or
  dialogue lines, as in the category.
- *free-text topics*: any other topic ("never show me crying"). It matches by word (the topic itself) and
  by meaning: the topic and the topic in a frame ("a video about X") are embedded with the local sentence
  model and compared with the text and each of its clauses (``text_embedding.closeness``: the mean of a
  clause's two best cosine similarities). A score at or above ``SEMANTIC_THRESHOLD`` is a conflict.

A restriction that says what to keep ("keep it family friendly") is read as the categories it rules out.
One that cannot be read at all is reported by ``parse_restriction`` as not enforceable, so the app can
tell its owner it is not enforced automatically.

Every text is also read as its screening skeleton (look-alike letters, digit swaps and invisible characters
undone), by keyword and, when the skeleton differs from the text beyond case, by meaning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from cameos.restriction_classifier import (
    categories_named_by,
    category_classifier,
    category_scores,
    restriction_categories,
)
from sora_social import text_embedding
from sora_social.content_policy.normalize import emoji_as_words, hashtags_as_words, text_skeleton
from sora_social.content_policy.screening import term_regex

# For free-text topics only (categories have their trained classifier). Calibrated, before the categories
# existed, on the pairs in tests/cameos/test_restrictions.py. Every labelled pair is right from 0.36
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
    """What a restriction bans: words to match literally, categories (restriction_categories.toml) read by the
    trained classifier, and free-text topics matched by word and by closeness of meaning."""

    text: str
    words: tuple[str, ...]
    categories: tuple[str, ...]
    topics: tuple[str, ...]

    @property
    def enforceable(self) -> bool:
        """Whether anything in the restriction could be understood."""
        return bool(self.words or self.categories or self.topics)


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
        ("sexual", "violence", "drugs", "profanity"),
    ),
]
_LIST_SPLIT = re.compile(r"\s*(?:,|;|/|\bor\b|\band\b|\bnor\b|&)\s*")
_FILLER = frozenset(
    """a an the any anything something anyone anybody someone of me my myself to in with at all ever
    please content contents stuff things thing videos video clips scenes scene themes theme topics topic
    related kind kinds sort type types whatsoever references reference jokes situations imagery
    depictions ones""".split()
)


# Topics that are not restriction categories (restriction_categories.toml) but common enough to deserve more
# than their bare name: short descriptions and example scenes to embed (a prompt embeds closer to a scene than
# to a bare word) and a lexicon of unambiguous words that count as keyword hits.
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
    """Read the words, categories and free-text topics a restriction bans."""
    cleaned = _clean(text)
    quoted = [first or second for first, second in _QUOTED.findall(text)]
    if quoted:
        return ParsedRestriction(text, tuple(_clean(word) for word in quoted if _clean(word)), (), ())
    said = _SAY_WORD.match(cleaned)
    if said:
        return ParsedRestriction(text, tuple(_topic_items(said.group("x") or said.group("y"))), (), ())
    for form in _TOPIC_FORMS:
        found = form.match(cleaned)
        if found:
            return _with_categories(text, _topic_items(found.group("x")))
    implied: list[str] = []
    for form, categories in _POSITIVE_FORMS:
        if form.search(cleaned):
            implied.extend(categories)
    if implied:
        return ParsedRestriction(text, (), tuple(dict.fromkeys(implied)), ())
    # No form we know ("politics pls", "nsfw"): a restriction that names a category still means it.
    return _with_categories(text, [cleaned], only_categories=True)


def _with_categories(text: str, topics: list[str], *, only_categories: bool = False) -> ParsedRestriction:
    """Topics that name a category become that category; the rest stay free-text topics."""
    categories: list[str] = []
    free: list[str] = []
    for topic in topics:
        named = categories_named_by(topic)
        if named:
            categories.extend(named)
        elif not only_categories:
            free.append(topic)
    return ParsedRestriction(text, (), tuple(dict.fromkeys(categories)), tuple(free))


def topic_descriptions(topic: str) -> list[str]:
    """The texts embedded for a free-text topic: itself, itself in a frame, and a known topic's descriptions."""
    descriptions = [topic, _TOPIC_FRAME.format(topic)]
    for known in _KNOWN_TOPICS:
        if known.recognise.search(topic):
            descriptions.extend(known.descriptions)
    return list(dict.fromkeys(descriptions))


def topic_words(topic: str) -> list[str]:
    """The words that break a free-text topic as keywords: the topic itself and a known topic's lexicon."""
    words = [topic]
    for known in _KNOWN_TOPICS:
        if known.recognise.search(topic):
            words.extend(known.lexicon)
    return list(dict.fromkeys(words))


def _keyword_conflict(
    index: int, restriction: str, parsed: ParsedRestriction, texts: Sequence[str]
) -> RestrictionConflict | None:
    """The restriction's own words ("never say banana") and its free-text topics' words are looked for as written;
    its categories' words and patterns by each category, which knows the phrases that use them in another sense."""
    categories = restriction_categories()
    own_words = list(dict.fromkeys([*parsed.words, *(word for topic in parsed.topics for word in topic_words(topic))]))
    for text in texts:
        for word in own_words:
            found = term_regex(word).search(text)
            if found:
                return RestrictionConflict(restriction, index, "keyword", 1.0, found.group(0))
        for key in parsed.categories:
            found_text = categories[key].words_deciding(text)
            if found_text is not None:
                return RestrictionConflict(restriction, index, "keyword", 1.0, found_text)
    return None


def _readings(prompt: str) -> list[str]:
    """The text as written, as its screening skeletons, with its emoji as words ("🚬🚬🚬" says cigarette to
    every reader, and so it does here), and with its hashtags as words ("#KissCam" as "Kiss Cam")."""
    return list(
        dict.fromkeys(
            [
                prompt,
                text_skeleton(prompt),
                text_skeleton(prompt, one_as="i"),
                emoji_as_words(prompt),
                hashtags_as_words(prompt),
            ]
        )
    )


def clauses_read_for_meaning(prompt: str, readings: Sequence[str] | None = None) -> list[str]:
    """The clauses find_restriction_conflicts embeds for a text: those of every reading that differs from the text
    beyond case ("V0te for Dan" is read as "vote for dan" too). A batch job embeds these first, in one go."""
    clauses: list[str] = []
    for reading in readings if readings is not None else _readings(prompt):
        if reading is prompt or reading != prompt.casefold():
            clauses.extend(text_embedding.prompt_clauses(reading))
    return list(dict.fromkeys(clauses))


def find_restriction_conflicts(
    restrictions: Sequence[str], prompt: str, *, threshold: float = SEMANTIC_THRESHOLD
) -> list[RestrictionConflict]:
    """The restrictions (by index) that a text breaks, at most one conflict each, keywords first.

    The text is read as written and as its screening skeleton (``text_skeleton``: look-alike letters, digit
    swaps and invisible characters undone), so "b00ze" or a Cyrillic "е" does not hide a banned word; a "1" in a
    word is read both as an l and as an i ("k1ss").
    """
    parsed_list = [parse_restriction(restriction) for restriction in restrictions]
    if not any(parsed.enforceable for parsed in parsed_list):
        return []
    readings = _readings(prompt)
    conflicts: dict[int, RestrictionConflict] = {}
    semantic: list[tuple[int, str, list[str]]] = []
    by_category: list[tuple[int, str, str]] = []
    for index, (restriction, parsed) in enumerate(zip(restrictions, parsed_list, strict=True)):
        conflict = _keyword_conflict(index, restriction, parsed, readings)
        if conflict is not None:
            conflicts[index] = conflict
            continue
        by_category.extend((index, restriction, key) for key in parsed.categories)
        # Scored topic by topic: "drugs or alcohol" is broken by either one.
        semantic.extend((index, restriction, topic_descriptions(topic)) for topic in parsed.topics)
    clauses = clauses_read_for_meaning(prompt, readings) if semantic or by_category else []
    if not clauses:
        return [conflicts[index] for index in sorted(conflicts)]
    if by_category:
        _category_conflicts(by_category, clauses, conflicts)
    if semantic:
        _topic_conflicts(semantic, clauses, conflicts, threshold)
    return [conflicts[index] for index in sorted(conflicts)]


def _category_conflicts(
    by_category: list[tuple[int, str, str]], clauses: list[str], conflicts: dict[int, RestrictionConflict]
) -> None:
    keys = category_classifier().keys
    scores = category_scores(clauses)  # clauses x categories; >= 0 is in the category
    for index, restriction, key in by_category:
        column = keys.index(key)
        clause_index = int(scores[:, column].argmax())
        score = float(scores[clause_index, column])
        if score >= 0.0 and index not in conflicts:
            conflicts[index] = RestrictionConflict(restriction, index, "semantic", round(score, 4), clauses[clause_index])


def _topic_conflicts(
    semantic: list[tuple[int, str, list[str]]],
    clauses: list[str],
    conflicts: dict[int, RestrictionConflict],
    threshold: float,
) -> None:
    flat = [text for _, _, descriptions in semantic for text in descriptions]
    vectors = text_embedding.embed_texts([*clauses, *flat])
    clause_vectors, description_vectors = vectors[: len(clauses)], vectors[len(clauses) :]
    start = 0
    for index, restriction, descriptions in semantic:
        score, clause_index = text_embedding.closeness(
            clause_vectors, description_vectors[start : start + len(descriptions)]
        )
        start += len(descriptions)
        if score >= threshold and score > (conflicts[index].score if index in conflicts else 0.0):
            conflicts[index] = RestrictionConflict(restriction, index, "semantic", round(score, 4), clauses[clause_index])
