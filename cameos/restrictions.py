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

A restriction is read clause by clause (``restriction_clauses``): "no drugs, alcohol or smoking" is one list,
"no ads, I'm not a walking billboard" a rule and a reason. Reasons, allowances ("alcohol is fine"), manners
("not even as a joke") and sign-offs ("for real") name nothing, so they never become free-text topics that refuse
texts near their words. A restriction that says what to keep ("keep it family friendly") is read as the categories
it rules out. One that cannot be read at all is reported by ``parse_restriction`` as not enforceable, so the app can
tell its owner it is not enforced automatically.

Every text is also read as its screening skeleton (look-alike letters, digit swaps and invisible characters
undone), by keyword and, when the skeleton differs from the text beyond case, by meaning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
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
    r"(?:the\s+|any\s+|these\s+|those\s+|the\s+following\s+|any\s+of\s+these\s+)?(?:words?|phrases?|terms?|names?)"
    r"(?:\s+like)?\s*:?\s+(?P<x>.+)$"
    rf"|^(?:{_NEG}\s+)(?:ever\s+)?(?:make\s+me\s+|let\s+me\s+|have\s+me\s+)?(?:say|says|utter|speak)\s+(?P<y>.+)$"
)
# "Say bad words", "say anything political", "say the n word": a kind of thing to say, not the words themselves.
_SAID_IN_GENERAL = re.compile(
    r"\b(?:words?|language|stuff|things|anything|something|slurs?|terms|phrases|profanity|swears?|swearing|"
    r"cuss(?:ing|es)?|curses|cursing|insults?)\b"
)
_TOPIC_FORMS = [
    re.compile(r"^(?:i'm\s+|im\s+|i\s+am\s+)?not\s+(?:ok|okay|fine|cool|comfortable|down)\s+with\s+(?P<x>.+)$"),
    re.compile(r"^i\s+(?:hate|can'?t\s+stand|don'?t\s+like|do\s+not\s+like|dislike|despise)\s+(?P<x>.+)$"),
    re.compile(
        r"^(?:i'm|im|i\s+am)\s+(?:not\s+(?:into|a\s+fan\s+of|comfortable\s+with|down\s+for|here\s+for)|against|done\s+with)"
        r"\s+(?P<x>.+)$"
    ),
    re.compile(
        r"^(?P<x>.+?)\s+(?:(?:is|are)\s+(?:not\s+(?:ok|okay|fine|allowed|cool)|a\s+(?:hard\s+|big\s+)?no)"
        r"|(?:isn'?t|aren'?t)\s+(?:ok|okay|fine|allowed|cool))(?:\s+either|\s+for\s+me)?$"
    ),
    re.compile(r"^(?:absolutely\s+|strictly\s+)?(?:no|nothing|none\s+of|zero|ban|banned)\s+(?P<x>.+)$"),
    re.compile(
        rf"^{_NEG}\s+(?:ever\s+)?(?:want\s+(?:to\s+)?)?"
        r"(?:show|put|make|depict|film|have|let|use|include|feature|portray|involve|mention|place|cast|"
        r"see|be|do|appear|get)?\s*"
        r"(?:me|my\s+cameo|my\s+face|my\s+likeness|myself|i)?\s*"
        r"(?:be|appear)?\s*(?:in|doing|being|with|as|near|around|into|on|for)?\s*(?P<x>.+)$"
    ),
    re.compile(
        r"^(?:avoid|without|stay\s+away\s+from|keep\s+(?:me|it|my\s+cameo)\s+(?:away\s+from|out\s+of))\s+(?P<x>.+)$"
    ),
    re.compile(
        r"^i\s+(?:(?:also|really|just|seriously|definitely|absolutely)\s+)?(?:don'?t|do\s+not|never)\s+want\s+(?:to\s+(?:be|appear)\s+)?(?:(?:shown|seen|filmed|depicted|used)\s+)?(?:(?:in|with|near|doing)\s+)?(?P<x>.+)$"
    ),
    re.compile(
        r"^i\s+(?:won'?t|will\s+not|refuse\s+to|never|don'?t|do\s+not)\s+(?:do|be\s+in|appear\s+in|be\s+part\s+of|film|allow)"
        r"\s+(?P<x>.+)$"
    ),
    re.compile(
        r"^(?:you|u|they|creators?|people|others|nobody|no\s+one)\s+(?:can'?t|cannot|can\s+not|may\s+not|must\s+not|"
        r"shouldn'?t|should\s+not|won'?t|are\s+not\s+allowed\s+to)\s+(?:show|put|make|use|have|depict|film|cast|see)?\s*"
        r"(?:me|my\s+cameo|my\s+face|my\s+likeness)?\s*(?:be|appear)?\s*(?:in|doing|being|with|as|near|into|on|for)?\s*(?P<x>.+)$"
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
            r"\b(?:family[\s-]+friendly|kid[\s-]+friendly|wholesome|clean\s+content|pg|p\.g|g[\s-]+rated|safe\s+for\s+work|sfw)\b"
        ),
        ("sexual", "violence", "drugs", "profanity"),
    ),
]
_LIST_SPLIT = re.compile(r"\s*(?:,|;|/|\bor\b|\band\b|\bnor\b|&)\s*")
_FILLER = frozenset(
    """a an the any anything something anyone anybody someone of me my myself to in with at all ever
    please content contents stuff things thing videos video clips scenes scene themes theme topics topic
    related kind kinds sort type types whatsoever references reference situations imagery
    depictions ones pls plz even thx thanks ty tysm lol lmao tbh too either also whatever etc like that this those
    similar such them it""".split()
)
# A restriction often goes on after its list with a clause of its own: a reason ("I scare easy", "I'm not a
# billboard"), a restatement ("keep me single in these") or a second rule ("nothing nicotine"). Read as more items
# of the list, each became a free-text topic and refused texts close to its words in meaning: "keep me single in
# these" refused texts about single life. A piece after a comma or a full stop that starts like a clause is read
# as a restriction of its own; one that does not ("no drugs, alcohol or smoking") stays part of the list.
_CLAUSE_PIECES = re.compile(r"\s*\n\s*|\s*(?:[,.]+|\s-+)\s+|\s*[;!?–—]+\s*")
_CLAUSE_STARTERS = frozenset(
    """keep leave i i'm im i'd id i've ive i'll me my mine not never no nothing none don't dont do does doesn't
    doesnt it it's its this that these those just only because cause cuz since so but we you u make let avoid
    without stay also plus if unless as they he she bc lol thx thanks thank ty tysm ok okay for period though
    although except everything anything sorry""".split()
)
# A piece that starts with "my" or "me" and one more word (or a list of such) is a list item ("..., my wife or my
# house"); a longer one is a clause ("my grandma watches these").
_POSSESSIVE_ITEM = re.compile(r"^(?:my|me)\s+\S+(?:\s+(?:or|and|nor|&)\s+(?:my\s+)?\S+)*$")
# What the owner allows ("alcohol is fine") and sign-offs ("for real", "thank you", "period") name nothing to rule out.
_ALLOWED = re.compile(
    r"\b(?:is|are|'s|'re)\s+(?:totally\s+|perfectly\s+)?(?:fine|ok|okay|allowed|cool|good)\b"
    r"|^(?:i'm\s+|im\s+|i\s+am\s+)?(?:totally\s+)?(?:ok|okay|fine|cool|down)\s+with\b|^anything\s+goes\b"
)
# "Everything is fine except politics": what follows "except" is the ban. After a ban ("no drinking except at
# weddings") an exception is not modelled: the ban stands whole, the stricter reading.
_ALLOW_EVERYTHING = re.compile(r"^(?:everything|anything|all|the\s+rest)\b.*\b(?:fine|ok|okay|good|goes|allowed)\b")
# A clause that gives the owner's reason ("I'm Muslim", "as a Christian", "I work in politics") names no ban, even
# when a category's word is in it.
_REASON = re.compile(
    r"^(?:i'm|im|i\s+am|i\s+was|i've|ive|i\s+have|i\s+work|i\s+used\s+to|as\s+an?|because|cause|cuz|bc|since|"
    r"my\s+(?:job|work|religion|faith|boss|parents?|mom|dad|kids?|family|grandma|husband|wife))\b"
    r"|\breasons?$"
)
# Who sees the videos is a reason too, though it starts with no starter word: "no pranks, kids watch my stuff",
# "nothing gory, students follow me". Such a piece after a comma is a clause, not one more item of the list.
_AUDIENCE_NOUNS = (
    r"kids|children|teens|minors|students|pupils|family|parents|people|coworkers|co-workers|colleagues|clients|"
    r"customers|followers|fans|viewers|grandparents|grandkids|nieces|nephews|everyone|everybody"
)
_AUDIENCE = re.compile(
    r"^(?!.*\b(?:who|that|which|where)\b)(?:[\w'-]+\s+){0,2}"
    rf"(?:(?:{_AUDIENCE_NOUNS})\s+(?:watch|see|follow|view|read|use|are\s+watching|are\s+on\s+here)(?:es|s)?\b"
    r"|[\w'-]+\s+(?:watch|see|follow|view|read)(?:es|s)?\s+(?:my|me|this|these|it|us|our|them|everything)\b)"
)
_SIGN_OFF = re.compile(
    r"^(?:for\s+real|fr|thank\s+you(?:\s+so\s+much)?|thanks(?:\s+so\s+much)?|period|full\s+stop|i\s+mean\s+it|got\s+it|"
    r"understood|respectfully|seriously|ok|okay|k|so\s+on|the\s+like|whatnot|more|etcetera|sorry|end\s+of\s+story|"
    r"no\s+exceptions?|no\s+ifs,?\s+ands,?\s+or\s+buts|at\s+all|ever|no\s+matter\s+what|thank\s+u)$"
)
# How, not what: "not even as a joke", "even in the background". Such a clause names nothing to rule out.
_MANNER = re.compile(
    r"^(?:not\s+)?(?:even\s+)?(?:(?:as|in|for|on|at)\s+(?:a\s+|an\s+|the\s+)?"
    r"(?:jokes?|prank|bit|gag|meme|skit|parody|satire|fun|laughs?|background|fiction|cartoons?|costume|dream)s?"
    r"|jokingly|ironically|once|implied|hinted|subtly|a\s+little|slightly|remotely|kind\s+of|sort\s+of|off[\s-]?screen"
    r"|(?:a|one)\s+(?:sip|drop|puff|drag|hit|bite|taste|little\s+bit|tiny\s+bit))"
    r"(?:\s+(?:either|too|pls|please|thanks|thx))?$"
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


# Inside a piece, a clause starts at "but", "so", "except"... ("no violence but guns are fine", "I'm vegan so no
# meat") and at "and" or "or" before a new rule ('never say "hello" and no politics').
_INLINE_CLAUSE = re.compile(
    r"\s+(?=(?:but|though|although|except|unless|so|because|cause|cuz|since)\s)"
    r"|\s+(?:and|or|&)\s+(?=(?:no|nothing|never|don't|dont|do\s+not|avoid|keep|not)\s)"
)
# What is left of a clause whose quote was taken out, when it only said to say or hear it ("I never want to hear").
_SAYING_END = re.compile(
    r"(?:^|\s*\b(?:and|or|but)\s+|^)(?:i\s+)?(?:never|don'?t|do\s+not|not)?\s*(?:(?:want|like)\s+to\s+)?(?:ever\s+)?"
    r"(?:make\s+me\s+|let\s+me\s+)?(?:say|says|saying|hear|use|write|utter|mention|spell|sing)"
    r"(?:\s+(?:the|any)\s+(?:words?|phrases?))?(?:\s+like)?\s*:?$"
)
_COURTESY = re.compile(r"^(?:(?:please|pls|plz|kindly|oh|and)\b[\s,]*)+")
_POLITE = re.compile(r"^(?:please|pls|kindly|seriously|just|absolutely|strictly|also|plus|and|oh|so|but)\b[\s,]*")


def _clean(text: str) -> str:
    """Lower-case, one space, no end punctuation, no leading "please"."""
    cleaned = re.sub(r"\s+", " ", _straight_apostrophes(text).strip().lower()).strip(" .!?")
    while _POLITE.match(cleaned):
        cleaned = _POLITE.sub("", cleaned, count=1)
    return cleaned


def _straight_apostrophes(text: str) -> str:
    """Phone keyboards type "don’t": an apostrophe inside a word is an apostrophe, not the end of a quote."""
    return re.sub(r"(?<=\w)[’‘`](?=\w)", "'", text)


def _topic_items(phrase: str) -> list[str]:
    """Split "drugs, alcohol or smoking" into items, dropping filler words, allowances and sign-offs."""
    items = []
    for item in _LIST_SPLIT.split(phrase):
        if _ALLOWED.search(item) or _SIGN_OFF.match(item.strip()):
            continue
        words = [word for word in re.findall(r"[\w'&-]+", item) if word not in _FILLER]
        if words:
            items.append(" ".join(words))
    return items


# Every check reads the cameo's restrictions again; an owner has a handful, and they seldom change.
@lru_cache(maxsize=4096)
def parse_restriction(text: str) -> ParsedRestriction:
    """Read the words, categories and free-text topics a restriction bans, clause by clause."""
    straight = _restriction_emoji_as_words(_straight_apostrophes(text))
    straight = re.sub(r"(?<=\s)(?:'n'?|n')(?=\s)", "and", straight)  # "drugs 'n' alcohol"
    quoted: list[str] = []

    def hold_quote(found: re.Match[str]) -> str:
        quoted.append(found.group(1) or found.group(2))
        return f" {_HELD}{len(quoted) - 1}{_HELD} "

    # Quoted words are taken out first, so that a comma inside a quote does not cut a clause. They are held by a
    # private-use character no one types, so a restriction's own text cannot stand for a quote.
    unquoted = _QUOTED.sub(hold_quote, straight.replace(_HELD, ""))
    words: list[str] = []
    categories: list[str] = []
    topics: list[str] = []
    previous = ""
    for clause in restriction_clauses(unquoted):
        clause, previous = _exception_read(clause, previous), clause
        held = [quoted[int(number)] for number in _HELD_QUOTE.findall(clause)]
        rest = _clean(_HELD_QUOTE.sub(" ", clause))
        if held:
            # "I never want to hear "YOLO"": the quote is the word; the rest of the clause only says so, unless it
            # names more words to say ('never say "hello, world" or banana') or is a rule of its own ('no politics
            # and never say "moist"'). Scare quotes around a category's word name it too ('no "political" content').
            words.extend(_clean(word) for word in held if _clean(word))
            saying = bool(_SAYING_END.search(rest) or _SAY_WORD.match(rest))
            if not saying:
                categories.extend(key for word in held for key in categories_named_by(word))
            rest = _SAYING_END.sub("", rest)
            said = _SAY_WORD.match(rest)
            if said:
                words.extend(_topic_items(said.group("x") or said.group("y")))
                continue
        clause_words, clause_categories, clause_topics = _parse_clause(rest) if rest else ([], [], [])
        words.extend(clause_words)
        categories.extend(clause_categories)
        topics.extend(clause_topics)
    return ParsedRestriction(
        text, tuple(dict.fromkeys(words)), tuple(dict.fromkeys(categories)), tuple(dict.fromkeys(topics))
    )


_HELD = "\ue000"
_HELD_QUOTE = re.compile(rf"{_HELD}(\d+){_HELD}")


def _exception_read(clause: str, previous: str) -> str:
    """An "except" or "unless" clause: the ban after "everything is fine" ("... except politics" is "no politics"),
    and nothing after a ban ("no drinking except at weddings" keeps the whole ban: exceptions are not modelled)."""
    found = re.match(r"^(?:except(?:\s+for)?|unless)\s+(?P<rest>.+)$", clause)
    if not found:
        return clause
    return f"no {found.group('rest')}" if _ALLOW_EVERYTHING.search(previous) else ""


# Emoji whose names do not name their category ("water pistol", "no one under eighteen").
_RESTRICTION_EMOJI = {"🔫": "guns", "🔞": "adult content", "🤬": "swearing", "🍆": "sexual", "🖕": "middle finger"}


def _restriction_emoji_as_words(text: str) -> str:
    """A restriction's emoji as the words of the category they name ("no 🚬 or 🍺"); any other emoji ("🙏") is
    dropped, so it does not end up inside a free-text topic."""
    if emoji_as_words(text) == text:
        return text
    import emoji

    def named(chars: str, data: dict) -> str:
        name = _RESTRICTION_EMOJI.get(chars) or data["en"].strip(":").replace("_", " ")
        return f" {name} " if categories_named_by(name) else " "

    return emoji.replace_emoji(text, replace=named)


def restriction_clauses(text: str) -> list[str]:
    """A restriction cut into the clauses that are read one by one, each cleaned: "no fighting or gore, I don't want
    my face hurting anyone" is two; "no drugs, alcohol or smoking" is one list, and so is "no kids, my wife or my
    house"; "no politics" and "no pranks" on two lines are two."""
    clauses: list[str] = []
    pieces = _CLAUSE_PIECES.split(_straight_apostrophes(text).strip().lower())
    for raw in (part for piece in pieces for part in _INLINE_CLAUSE.split(piece)):
        piece = _clean(raw)
        if not piece:
            continue
        # The starter is read before _clean drops a leading "just" or "also" ("just comedy" is what the owner wants),
        # but after "please" and "and" ("please keep my cameo clean" is a clause; "and religion" continues the list).
        first = _COURTESY.sub("", re.sub(r"\s+", " ", raw.strip())).split(" ", 1)[0]
        continues_list = (first not in _CLAUSE_STARTERS or _POSSESSIVE_ITEM.match(piece)) and not _AUDIENCE.match(piece)
        if clauses and continues_list:
            clauses[-1] = f"{clauses[-1]}, {piece}"
        else:
            clauses.append(piece)
    return clauses


def _parse_clause(clause: str) -> tuple[list[str], list[str], list[str]]:
    """The words, categories and free-text topics one clause of a restriction rules out."""
    if _MANNER.match(clause) or _SIGN_OFF.match(clause):
        return [], [], []
    said = _SAY_WORD.match(clause)
    if said:
        spoken = said.group("x") or said.group("y")
        # "Don't make me say bad words" names a category; "never say god damn" and "never say the word politics"
        # name words, which is all the owner asked.
        named = categories_named_by(spoken) if said.group("y") and _SAID_IN_GENERAL.search(spoken) else []
        return ([], named, []) if named else (_topic_items(spoken), [], [])
    for form in _TOPIC_FORMS:
        found = form.match(clause)
        if found:
            items = [item for item in _topic_items(found.group("x")) if not (_MANNER.match(item) or _REASON.search(item))]
            categories, free = _with_categories(items)
            return [], categories, [item for item in free if not _in_the_sense_of(item, categories)]
    if _ALLOWED.search(clause) or _REASON.search(clause) or _AUDIENCE.match(clause):
        return [], [], []
    implied = [category for form, named in _POSITIVE_FORMS if form.search(clause) for category in named]
    if implied:
        return [], implied, []
    # No form we know ("politics pls", "nsfw", "I scare easy"): a clause that names a category still means it.
    categories, _free = _with_categories([clause], only_categories=True)
    return [], categories, []


def _in_the_sense_of(item: str, categories: list[str]) -> bool:
    """Whether a list item that names no category on its own is one of its neighbours' things, as their
    definitions word it after a word of the category: "parties" in "no elections, parties or politicians" is
    politics' "political parties", not a free-text topic that refuses a birthday party."""
    words = item.split()
    if not categories or len(words) > 2:
        return False
    every = restriction_categories()
    for key in categories:
        # What the definition includes, not what it leaves out ("coffee or tea" is not alcohol's), and only as the
        # category's own kind of it: "political parties", not the "animals" of violence's "people or animals".
        included = re.findall(r"[\w'-]+", every[key].definition.lower().split("not included", 1)[0])
        for at in range(1, len(included) - len(words) + 1):
            if all(included[at + offset] in _word_forms(word) for offset, word in enumerate(words)):
                if key in categories_named_by(included[at - 1]):
                    return True
    return False


def _word_forms(word: str) -> set[str]:
    forms = {word, word + "s", word.removesuffix("s")}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
    return forms


def _with_categories(topics: list[str], *, only_categories: bool = False) -> tuple[list[str], list[str]]:
    """Topics that name a category become that category; the rest stay free-text topics."""
    categories: list[str] = []
    free: list[str] = []
    for topic in topics:
        named = categories_named_by(topic)
        if named:
            categories.extend(named)
        elif not only_categories:
            free.append(topic)
    return categories, free


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
