"""Prompt screening: the content policy as a list of plain rules, checked before anything renders.

A rule is any object with the fields of ``ScreeningRule`` (the dataclass here, or a database row with
the same attributes). There are three kinds:

- ``term``: a word or phrase, matched case-insensitively on word boundaries. Simple inflections match
  too: "smoke" also finds "smokes" and "smoking", and irregular ones ("knives" finds "knife").
- ``pattern``: a regular expression (``regex`` module syntax, case-insensitive). It is compiled once and
  validated: it must compile, and it must not backtrack catastrophically. A pattern that still runs
  past ``PATTERN_TIMEOUT_S`` on a prompt counts as a match: the screen fails closed.
- ``category``: one or more short descriptions of the concern, separated by ";" or new lines (short
  example scenes work best). The prompt and each of its clauses are embedded with the local sentence
  model; a clause's score is the mean of its two best cosine similarities to the descriptions
  (``text_embedding.closeness``). The rule matches when the best clause reaches ``threshold``, or
  ``strict_threshold`` when a real person's cameo or a teen is involved.

Protected names (public figures) are passed separately and give the code ``public_figure``. They, the terms and
the patterns are looked for in the prompt's skeleton too (``normalize.text_skeleton``: NFKC, no zero-width
characters, case folded, TR39 look-alikes and digit-for-letter swaps undone), and a name also matches in the
inverted order "Leslie, Rose". Terms and patterns also read the prompt with its emoji written as their names
(``normalize.emoji_as_words``: "🚬" reads "cigarette"); category rules do not (see ``screen_prompt``).
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

import inflect
import regex

from sora_social import text_embedding
from sora_social.content_policy.normalize import emoji_as_words, hashtags_as_words, text_skeleton

logger = logging.getLogger(__name__)

RULE_KINDS = ("term", "pattern", "category")
PATTERN_TIMEOUT_S = 0.05
# The timeout is wall-clock time: on a busy host (30 requests on 2 cores) an innocent search can pass 50 ms.
# A search that times out is tried once more with this much before the screen fails closed.
PATTERN_RETRY_TIMEOUT_S = 0.5
MAX_PATTERN_CHARS = 1000
# Fed to every new pattern at validation: long runs that make nested quantifiers explode.
_PROBES = ("a" * 40 + "!", "a " * 40 + "!", "1" * 40 + "x", "." * 40 + "\n", "aA1_- " * 15 + "\x00")
_PROBE_TIMEOUT_S = 0.2
# A group repeated without bound whose body is itself repeated: (a+)+, (\w+\s?)*, (.*x){2,}.
# Bounded outer repeats such as (?:\w+\s){0,3} stay allowed; the probes below catch what this misses.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*(?:[+*]|\{\d*,\d*\})(?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,\})")


class RuleLike(Protocol):
    """What screening reads from a rule; a ScreeningRule or a database row with the same fields."""

    code: str
    kind: str
    value: str
    threshold: float
    strict_threshold: float
    severity: int
    enabled: bool


@dataclass(frozen=True)
class ScreeningRule:
    """One content-policy rule: a banned term, a regular expression, or a category described in words."""

    code: str  # The reason code returned to the client, e.g. "graphic_violence".
    kind: str  # "term" | "pattern" | "category"
    value: str  # The term, the regex, or the category descriptions (";"-separated).
    threshold: float = 0.5  # Category rules: similarity that blocks in normal mode.
    strict_threshold: float = 0.42  # Category rules: similarity that blocks for a real person or a teen.
    severity: int = 2  # 1 low .. 4 critical; orders violations, the worst first.
    enabled: bool = True
    description: str = ""  # Why the rule exists, for moderators (at most 300 characters).


@dataclass(frozen=True)
class Violation:
    """One rule that a prompt broke."""

    code: str
    kind: str  # "term" | "pattern" | "category" | "name"
    matched: str | None  # The text that matched (for a category: the closest clause).
    score: float  # 1.0 for exact matches; for a category, the closeness of the best clause.
    severity: int


@dataclass(frozen=True)
class ScreeningResult:
    """The verdict on one prompt: allowed, or the violations that block it (the worst first)."""

    allowed: bool
    violations: tuple[Violation, ...] = field(default_factory=tuple)

    @property
    def codes(self) -> list[str]:
        """The distinct reason codes, the worst first."""
        return list(dict.fromkeys(violation.code for violation in self.violations))

    @property
    def reason(self) -> str | None:
        """The reason code to show for a refusal, or None when allowed."""
        return self.violations[0].code if self.violations else None


# --- words ------------------------------------------------------------------------------------

_SUFFIXES = ("ings", "ing", "ers", "er", "ies", "ied", "es", "ed", "s", "ally", "al")
_LONG_ENDINGS = "e|es|s|ed|d|ing|ings|er|ers|al|ally|ic|ics|ian|ians|ism|ist|ists"


def _stem(word: str) -> str:
    """A crude English stem: enough to make plurals and -ing/-ed forms meet."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                return stem + "y"
            return stem
    if word.endswith("e") and len(word) >= 5:
        return word[:-1]
    return word


_NOUNS = inflect.engine()


def _irregular_forms(word: str, regular: str) -> list[str]:
    """The word's other number when its stem does not reach it: "knives" and "knife", "geese" and "goose", "gunmen"
    and "gunman" (a ban on the plural must refuse the one, attack round 59).

    Both forms need four letters or more: "dice" is not to find "die", nor "men" "man". The two must begin with the same
    letter, which keeps inflect's pronouns out ("himself" and "themselves"). A plain "-s" or "-es" the stem leaves out
    is left out here too: inflect writes one for any word, and for words like "speed" or "order" that is a verb's form
    ("the car speeds past"). Nor a Latin singular of a word in "-a": "opera" is not to find "opus", nor "media" "medium".
    """
    other = _NOUNS.singular_noun(word) or _NOUNS.plural_noun(word)
    if word.endswith("a") and other != _NOUNS.plural_noun(word):
        return []
    if (
        not other
        or not other.isalpha()
        or len(other) < 4
        or len(word) < 4
        or other[0] != word[0]
        or re.fullmatch(regular, other)
        or any(longer == shorter + ending for longer, shorter in ((other, word), (word, other)) for ending in ("s", "es"))
    ):
        return []
    return [other]


def _word_pattern(word: str, every_form: bool) -> str:
    """A regex for one word and its simple inflections (plural, -ing, -ed, -er, -al), and with ``every_form`` its
    singular or plural where the stem misses it."""
    word = word.lower()
    if not word.isalpha():
        return re.escape(word)
    stem = _stem(word)
    if len(stem) < 4:
        # Short words stem badly ("bar" would find "barely"); take the plural only. A plural cut to a stem that is no
        # word ("pokers" to "pok", "sales" to "sal") takes its singular too ("poker", "sale").
        singular = (
            f"|{re.escape(word[:-1])}"
            if every_form and len(word) >= 4 and word.endswith("s") and not word.endswith("ss")
            else ""
        )
        regular = f"(?:{re.escape(word)}|{re.escape(stem)}(?:s|es)?{singular})"
    elif stem.endswith("y"):
        base = re.escape(stem[:-1])
        # "hoodies" stems to "hoody": a ban on "hoodies" is to find "a hoodie" too (a plural's only: "Indy" is not "indie").
        singular_ie = "ie|" if every_form and word.endswith("ies") else ""
        regular = f"{base}(?:y|ys|{singular_ie}ies|ied|ying|yer|yers)"
    else:
        last = stem[-1]
        # running -> "runn": take the doubled consonant off and allow it back.
        if len(stem) >= 5 and stem[-2] == last and last not in "aeiouls":
            stem = stem[:-1]
        doubled = f"{re.escape(last)}?" if last not in "aeiou" else ""
        regular = f"{re.escape(stem)}{doubled}(?:{_LONG_ENDINGS})?"
    irregular = _irregular_forms(word, regular) if every_form else []
    return f"(?:{regular}|{'|'.join(map(re.escape, irregular))})" if irregular else regular


# A possessive after a word of a phrase: "chefs knives" is to find "a chef's knife" (and "chef’s", as phones type it).
_POSSESSIVE = "(?:['’]s?)?"
_WRITTEN_POSSESSIVE = re.compile(r"([a-z]+)'s?")
_CONTRACTIONS = frozenset("it's let's that's what's he's she's there's here's who's where's how's".split())


@functools.lru_cache(maxsize=2048)
def term_regex(term: str, *, every_form: bool = True) -> re.Pattern[str]:
    """A case-insensitive, word-bounded regex for a term or phrase, inflections included (``term_pattern``)."""
    return re.compile(term_pattern(term, every_form=every_form), re.IGNORECASE)


def term_pattern(term: str, *, every_form: bool = True) -> str:
    """The regex, as text, for a term or phrase and its inflections.

    ``every_form`` also takes a word's singular or plural where its stem does not reach it ("pokers" and "poker",
    "knives" and "knife", "hoodies" and "hoodie") and a possessive inside a phrase ("chef's knife"): what an owner or a
    moderator bans in one form is banned in the others. A category's lexicon is matched without it
    (restriction_classifier): it lists its words in the forms it means, and "nudes" is there while "nude" is not, since
    a nude-coloured wall is not sexual content.
    """
    # A phone's curly apostrophe is the straight one: "chef’s knives" is one word and a possessive, not "chef" and "s".
    words = re.findall(r"[\w'&]+", term.lower().replace("’", "'") if every_form else term.lower())
    if not words:
        raise ValueError(f"Empty term: {term!r}")
    if every_form:
        # A possessive the owner typed ("chef's knives", "butcher's") is any possessive, or none; a contraction stays.
        words = [
            found.group(1) if (found := _WRITTEN_POSSESSIVE.fullmatch(word)) and word not in _CONTRACTIONS else word
            for word in words
        ]
    possessive = _POSSESSIVE if every_form else ""
    body = r"[\s\-_]+".join(_word_pattern(word, every_form) + possessive for word in words)
    return rf"(?<!\w){body}(?!\w)"


# How a name's letters may be drawn in a skeleton: "1", "|", "!" and a capital I all stand for l or i, and TR39
# lists "rn" for m and "vv" for w.
_NAME_LETTERS = {"i": "[il]", "l": "[il]", "m": "(?:m|rn)", "w": "(?:w|vv)"}
# Between the words of a name: nothing ("RoseLeslie", or a zero-width space), or up to three spaces and joining
# marks ("Rose_Leslie", "Rose.Leslie", "Rose - Leslie"). Not a comma or a full stop before a space: "a red rose.
# Leslie waters it" is two sentences, not a name.
_NAME_GAP = r"(?:\s|[_\-·*~/\\]|\.(?!\s)){0,3}"
# A middle initial between a name's words: a letter with its full stop ("Barack H. Obama", "Obama, H. Barack"), or
# one without it that is not a word of its own: "a rose a Leslie planted" holds no initial.
_NAME_INITIAL = r"(?:[a-z]\.|[b-hj-z])"
# Between a name's words in order, an initial without its full stop must also stand apart from the words around it:
# "rosey_leslie" is not Rose Y. Leslie (attack round 11).
_NAME_GAP_SOME = r"(?:\s|[_\-·*~/\\]|\.(?!\s)){1,3}"
# A whole middle name ("Barack Hussein Obama") is matched only as one of the person's aliases: any word between a
# name's words refused "Taylor loves Swift cars" and "Michael loves Jordan sneakers".
_NAME_MIDDLE = rf"(?:{_NAME_GAP}[a-z]\.{_NAME_GAP}|{_NAME_GAP_SOME}[b-hj-z]{_NAME_GAP_SOME}|{_NAME_GAP})"
_DIGITS_ENDING_A_WORD = regex.compile(r"(?<=\p{L})\p{N}+(?![\p{L}\p{N}])")


def _name_word(word: str) -> str:
    return "".join(_NAME_LETTERS.get(char, regex.escape(char)) for char in word)


@functools.lru_cache(maxsize=2048)
def name_regex(name: str) -> regex.Pattern:
    """A word-bounded regex for a person's name, to search a ``text_skeleton`` with.

    The name is made a skeleton too, so accents, case and look-alike letters meet. Its words match in order, or
    in the inverted order of an index ("Leslie, Rose"; "King, Martin Luther"), where the comma is what says the
    words were turned round: "a swift taylor" is not Taylor Swift. All the words are needed, so a first name
    alone never matches a two-word name.
    """
    words = regex.findall(r"[\p{L}\p{N}]+", text_skeleton(name))
    if not words:
        raise ValueError("Empty protected name")
    parts = [_name_word(word) for word in words]
    # A middle name may be its initial ("Martin L. King"), and in order a middle initial may be added ("Barack H.
    # Obama").
    if len(parts) > 2:
        middle = [f"(?:{part}|{_name_word(word[0])}\\.?)" for part, word in zip(parts[1:-1], words[1:-1], strict=True)]
        parts = [parts[0], *middle, parts[-1]]
    in_order = _NAME_MIDDLE
    orders = [in_order.join(parts)]
    for split in range(1, len(parts)):
        orders.append(f"{_NAME_GAP.join(parts[split:])}\\s?,\\s?(?:{_NAME_INITIAL}\\s?)?{in_order.join(parts[:split])}")
    body = "|".join(f"(?:{order})" for order in orders)
    # A number may follow the name ("Obama2008", "#TaylorSwift2024"): a year is not more of the name. An "s" may not:
    # a possessive without its apostrophe ("Rose Leslies") is also a plural or a verb ("ice cubes", "Chris rocks").
    return regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{body})(?!\p{{L}})", regex.VERSION0)


# What may stand between a name's words, read as a space by more readings of the prompt (attack round 4 on names and
# the review of 2026-12-07): an emoji or a flag ("Taylor🎤Swift", "Barack🇺🇸Obama": a flag is two letters to the
# skeleton), and a run of symbols or punctuation ("Taylor•Swift", "Taylor+Swift", which the skeleton reads as a "t",
# "Taylor★Swift", "Barack・Obama", "Taylor:Swift", "Taylor|Swift"), except what the name patterns already read between
# a name's words ("_", "-", ".") and apostrophes. A symbol that stands for a letter ("Tay|or", "Ro$e") is read as that
# letter by the skeleton readings; this one is read beside them.
_NAME_BREAK = regex.compile(
    # A symbol or a bullet wherever it stands; other punctuation only inside a run of letters ("Taylor:Swift"), not
    # as a sentence's ("Taylor, swift as ever, runs"); never an at sign ("rose.leslie@example.com" is an address).
    r"(?:(?![_'\u2019\u2018\u02bc\uff07`\u00b4\u201b\u02bb.\-@])\p{S}|[•‧・∙⋅·])+"
    r"|(?<=\S)(?:(?![_'\u2019\u2018\u02bc\uff07`\u00b4\u201b\u02bb.\-@])\p{P}|\.{2,})+(?=\S)"
)
# An apostrophe inside a name ("Conan O'Brien", "Lupita Nyong'o", "O`Brien", the okina "Oʻbrien"): the name's
# skeleton splits the name at it.
_APOSTROPHE_IN_A_WORD = regex.compile(r"(?<=\p{L})['\u2019\u2018\u02bc\uff07`\u00b4\u201b\u02bb](?=\p{L})")
# A word's capitals, where a name was run into others without a hashtag: "TaylorSwiftEras".
_CAMEL_CASE_BREAK = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})")
# Between the words as typed, in the camel-case reading: a mark no name may span, so the name must lie inside one
# word ("TaylorSwiftEras"), never run from one word into the capitals of the next ("Taylor SwiftUI" is a first name
# and a programming framework).
_TYPED_WORD_BREAK = regex.compile(r"\s+")
# A lone "a" or "I" before letters spelled out one by one, which the skeleton would join to them ("dressed as a
# T a y l o r S w i f t", "a T-a-y-l-o-r" read as "ataylorswift").
_WORD_BEFORE_SPELLED_OUT = regex.compile(
    r"(?<=^|[\p{L}\p{N}]{2}\W*\s)[aAI]\s+(?=(?:[\p{L}\p{N}][\s._\-]{1,3}){2,}[\p{L}\p{N}](?![\p{L}\p{N}]))"
)


def _name_words_apart(prompt: str) -> list[str]:
    """More readings for the name screen: the prompt with what may hold a name's words apart made a space (emoji,
    symbols, punctuation; full-width forms first made plain) and its apostrophes inside words dropped; and, when a
    word has capitals inside it, that word's capitals as word breaks."""
    import emoji  # lazy: as in normalize.emoji_as_words

    text = _APOSTROPHE_IN_A_WORD.sub("", prompt)
    text = unicodedata.normalize("NFKC", text)
    text = emoji.replace_emoji(text, replace=" ") if emoji.emoji_count(text) else text
    text = _WORD_BEFORE_SPELLED_OUT.sub("", text)
    readings = [_NAME_BREAK.sub(" ", text)]
    if _CAMEL_CASE_BREAK.search(prompt):
        readings.append(_CAMEL_CASE_BREAK.sub(" ", _TYPED_WORD_BREAK.sub(" ; ", prompt)))
    return readings


# Words after a name that are not the name: "Martin Luther King Jr." runs together as "martinlutherking".
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# A name run into other letters inside one word is only read as the name from this many letters: "icecubes" and
# "kidrockets" hold short names by chance, "therealbarackobama" does not.
_RUN_IN_MIN_LETTERS = 9


def _handle_words(text: str) -> list[list[str]]:
    """A handle's words as a name screen reads them: on its skeletons, and again with its digits dropped rather than
    read as letters ("barack8obama") and with its one-letter words dropped ("taylor_i_swift"), letters held or doubled
    once ("barrack_obama")."""
    readings = {text_skeleton(text), text_skeleton(text, one_as="i"), text_skeleton(regex.sub(r"\p{N}", "", text))}
    words = [[_single_letters(word) for word in regex.findall(r"\p{L}+", reading)] for reading in readings]
    return words + [[word for word in reading if len(word) > 1] for reading in words]


def _single_letters(word: str) -> str:
    return regex.sub(r"(\p{L})\1+", r"\1", word)


def name_run_into(text: str, names: list[str]) -> str | None:
    """The first name of two or more words that a handle spells with no spaces between them, where name_regex's
    word boundaries never fall: the words in order or turned round, word by word ("obama_barack"), in order split
    anywhere else ("ba_rack_obama"), or in order run into other letters inside one word when long enough
    ("therealbarackobama", "taylorswiftofficial"). A name whose first word only ends a longer word is not the name
    ("primrose_leslie"). In prose the same search would find names across words, so it is not for prose."""
    readings = _handle_words(text)
    for name in names:
        words = [_single_letters(w) for w in regex.findall(r"\p{L}+", text_skeleton(name)) if w not in _NAME_SUFFIXES]
        if len(words) < 2:
            continue
        run = "".join(words)
        for reading in readings:
            turned = (words[split:] + words[:split] for split in range(len(words)))
            if any(reading[start : start + len(order)] == order for order in turned for start in range(len(reading))):
                return name
            if len(run) >= _RUN_IN_MIN_LETTERS and any(run in word for word in reading):
                return name
            # Split anywhere, but beginning and ending where the handle's words do.
            joined, starts = "", {0}
            for word in reading:
                joined += word
                starts.add(len(joined))
            at = joined.find(run)
            while at != -1:
                if at in starts and at + len(run) in starts:
                    return name
                at = joined.find(run, at + 1)
    return None


# --- rules --------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=512)
def compile_pattern(pattern: str) -> regex.Pattern:
    """Compile a pattern rule once, refusing broken or catastrophically backtracking expressions."""
    if not pattern or len(pattern) > MAX_PATTERN_CHARS:
        raise ValueError(f"A pattern must have 1 to {MAX_PATTERN_CHARS} characters")
    try:
        compiled = regex.compile(pattern, regex.IGNORECASE | regex.VERSION0)
    except regex.error as error:
        raise ValueError(f"Invalid pattern {pattern!r}: {error}") from error
    if _NESTED_QUANTIFIER.search(pattern):
        raise ValueError(f"Pattern {pattern!r} nests quantifiers, which can backtrack without end")
    for probe in _PROBES:
        try:
            compiled.search(probe, timeout=_PROBE_TIMEOUT_S)
        except TimeoutError as error:
            raise ValueError(f"Pattern {pattern!r} backtracks catastrophically on {probe[:12]!r}...") from error
    return compiled


def _category_descriptions(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n]+", value) if part.strip()]


def validate_rule(rule: RuleLike) -> None:
    """Raise ValueError with a clear message when a rule cannot be used (for admin forms and loading)."""
    if rule.kind not in RULE_KINDS:
        raise ValueError(f"Rule {rule.code!r}: kind must be one of {RULE_KINDS}, not {rule.kind!r}")
    if not rule.code:
        raise ValueError("A rule needs a reason code")
    if not (rule.value or "").strip():
        raise ValueError(f"Rule {rule.code!r}: empty value")
    if rule.kind == "pattern":
        compile_pattern(rule.value)
    elif rule.kind == "term":
        term_regex(rule.value)
    else:
        if not _category_descriptions(rule.value):
            raise ValueError(f"Rule {rule.code!r}: no category description")
        if not (0.0 < rule.strict_threshold <= rule.threshold <= 1.0):
            raise ValueError(
                f"Rule {rule.code!r}: need 0 < strict_threshold <= threshold <= 1, "
                f"got {rule.strict_threshold} and {rule.threshold}"
            )


def warm_up_enabled_rules() -> int:
    """Compile the enabled rules and embed their category descriptions now, at a process's start
    (settings.MODELS_BY_PROCESS), so the first screened prompt does not pay for it; returns how many rules.

    Measured (bench/bench_first_request.py's setup, in process): the first generation took 176-180 ms against a
    median of 21 ms; with the descriptions embedded at start 98-103 ms, and the rest was mostly compiling the
    rules' patterns. A database that is down or not migrated yet only leaves the work to the first request.
    """
    # lazy: selectors import the models, which a screening-only caller (tests, tools) may not need.
    from django.db import DatabaseError, connection

    from sora_social.content_policy.selectors import screening_rules

    try:
        rules = screening_rules()
    except DatabaseError as error:
        logger.warning("content rules not warmed at start-up: %s", error)
        return 0
    finally:
        # Requests run on other threads with connections of their own; this one would only sit idle.
        if not connection.in_atomic_block:
            connection.close()
    descriptions = []
    for rule in rules:
        try:
            validate_rule(rule)
        except ValueError:
            continue  # the admin refuses such a rule; screening raises on it, here there is nothing to prepare
        if rule.kind not in ("pattern", "term"):
            descriptions.extend(_category_descriptions(rule.value))
    if descriptions:
        text_embedding.embed_texts(descriptions)
    return len(rules)


def _match_pattern(rule: RuleLike, prompt: str) -> Violation | None:
    compiled = compile_pattern(rule.value)
    try:
        try:
            found = compiled.search(prompt, timeout=PATTERN_TIMEOUT_S)
        except TimeoutError:
            found = compiled.search(prompt, timeout=PATTERN_RETRY_TIMEOUT_S)
    except TimeoutError:
        # Validation should have stopped this pattern; if one slips through, refuse rather than pass.
        logger.warning("Screening pattern for %s timed out; failing closed", rule.code)
        return Violation(rule.code, "pattern", None, 1.0, rule.severity)
    if found is None:
        return None
    return Violation(rule.code, "pattern", found.group(0), 1.0, rule.severity)


def _match_term(rule: RuleLike, prompt: str) -> Violation | None:
    found = term_regex(rule.value).search(prompt)
    if found is None:
        return None
    return Violation(rule.code, "term", found.group(0), 1.0, rule.severity)


def _match_categories(rules: list[RuleLike], prompt: str, *, strict: bool) -> list[Violation]:
    clauses = text_embedding.prompt_clauses(prompt)
    if not clauses or not rules:
        return []
    descriptions = [_category_descriptions(rule.value) for rule in rules]
    flat = [text for texts in descriptions for text in texts]
    # One batch for everything; descriptions come from the cache after the first prompt.
    vectors = text_embedding.embed_texts([*clauses, *flat])
    clause_vectors, description_vectors = vectors[: len(clauses)], vectors[len(clauses) :]
    violations = []
    start = 0
    for rule, texts in zip(rules, descriptions, strict=True):
        score, clause_index = text_embedding.closeness(clause_vectors, description_vectors[start : start + len(texts)])
        start += len(texts)
        limit = rule.strict_threshold if strict else rule.threshold
        if score >= limit:
            violations.append(Violation(rule.code, "category", clauses[clause_index], round(score, 4), rule.severity))
    return violations


def screen_prompt(
    prompt: str,
    *,
    rules: Iterable[RuleLike],
    real_person: bool = False,
    teen: bool = False,
    protected_names: Iterable[str] = (),
) -> ScreeningResult:
    """Check a prompt against the enabled rules and the protected names; strict when a real person or teen is in it."""
    violations: list[Violation] = []
    # Names, terms and patterns are also looked for in the skeleton, where "R0se L\u200be\u200bslie" and a
    # Cyrillic "о" read as plain letters. Categories read the prompt as written: the model understands it.
    skeleton = text_skeleton(prompt)
    # Terms and patterns also read the prompt with its emoji written as their names, so a moderator's term
    # "cigarette" also refuses "🚬🚬". Category rules do not: emoji names are odd English to the sentence model.
    # Measured 2026-12-04 on each of 1,678 emoji appended to an everyday prompt and screened strictly, the
    # named reading found no violation the words had not, and added false ones: 1 in "@ann cooking pasta in
    # the kitchen <emoji>" (🤯 "exploding head" as graphic violence) and 11 in "@ann dancing in the kitchen
    # <emoji>" (🎲 "game die" as violence; 🇹🇩 "Chad" and ♣️ "club suit" as sexual content).
    named = emoji_as_words(prompt)
    # Names are looked for in the hashtags' words too ("#TaylorSwiftEras" runs a name into another word), and with
    # the digits that end a word cut off: "TaylorSwift89" is the name and a number, where the skeleton reads "89"
    # as letters (a "Lesl13" in it is letters, and the skeleton reading finds that).
    name_readings = list(
        dict.fromkeys(
            [
                skeleton,
                text_skeleton(hashtags_as_words(prompt)),
                text_skeleton(_DIGITS_ENDING_A_WORD.sub(" ", prompt)),
                *(text_skeleton(reading) for reading in _name_words_apart(prompt)),
            ]
        )
    )
    for name in protected_names:
        if name and regex.search(r"[\p{L}\p{N}]", name):  # a name of only marks names nobody
            pattern = name_regex(name.strip())
            found = next(filter(None, (pattern.search(reading) for reading in name_readings)), None)
            if found:
                violations.append(Violation("public_figure", "name", found.group(0), 1.0, 3))
    categories: list[RuleLike] = []
    for rule in rules:
        if not rule.enabled:
            continue
        validate_rule(rule)
        if rule.kind == "term":
            violation = _match_term(rule, prompt) or _match_term(rule, skeleton) or _match_term(rule, named)
        elif rule.kind == "pattern":
            violation = _match_pattern(rule, prompt)
            if violation is None and skeleton != prompt.lower():
                violation = _match_pattern(rule, skeleton)
            if violation is None and named != prompt:
                violation = _match_pattern(rule, named)
        else:
            categories.append(rule)
            continue
        if violation is not None:
            violations.append(violation)
    # The model is only loaded when a category rule is enabled.
    violations.extend(_match_categories(categories, prompt, strict=real_person or teen))
    violations.sort(key=lambda violation: (-violation.severity, -violation.score))
    return ScreeningResult(allowed=not violations, violations=tuple(violations))


# --- the starting policy -----------------------------------------------------------------------

_MINOR_WORDS = r"(?:child|children|kid|kids|minor|minors|underage|under-age|toddler|preteen|pre-teen|schoolgirl|schoolboy|little (?:girl|boy)|\d{1,2}[- ]?(?:yo|y/o|years?[- ]old))"
_SEXUAL_WORDS = r"(?:sex|sexy|sexual|sexually|nude|nudes|naked|topless|undress\w*|erotic|porn\w*|lingerie|seductive\w*|strip\w*|fondl\w*|molest\w*|intercourse)"

# The starting policy. Category thresholds were calibrated on tests/moderation/test_screening.py's prompts
# (clearly violating, borderline, and 40 everyday ones, most with an @cameo): the strict threshold sits
# above every everyday prompt's score, the normal one above the borderline ones.
DEFAULT_RULES: list[ScreeningRule] = [
    # Sexual content involving minors: a minor word and a sexual word within 300 characters.
    ScreeningRule(
        code="sexual_minors",
        kind="pattern",
        value=rf"\b{_MINOR_WORDS}\b[\s\S]{{0,300}}?\b{_SEXUAL_WORDS}\b|\b{_SEXUAL_WORDS}\b[\s\S]{{0,300}}?\b{_MINOR_WORDS}\b",
        severity=4,
        description="A word for a child or a teen and a sexual word within 300 characters of each other.",
    ),
    # Sexual content: explicit words, then the meaning.
    *(
        ScreeningRule(code="sexual_content", kind="term", value=term, severity=3, description="Explicit sexual word.")
        for term in ("porn", "nude", "naked", "nsfw", "hentai", "orgy", "striptease")
    ),
    ScreeningRule(
        code="sexual_content",
        kind="category",
        value="sexual content; a couple having sex in bed; someone strips naked; a lap dance at a strip club; "
        "a pornographic scene; someone exposes their naked body; an erotic, seductive undressing",
        threshold=0.53,
        strict_threshold=0.44,
        severity=3,
        description="Sexual scenes and nudity, by meaning. Strict mode also stops suggestive scenes of real people.",
    ),
    # Graphic violence: gore and killing, not sport or slapstick.
    *(
        ScreeningRule(code="graphic_violence", kind="term", value=term, severity=3, description="Gore word.")
        for term in ("gore", "decapitate", "behead", "dismember", "mass shooting")
    ),
    ScreeningRule(
        code="graphic_violence",
        kind="category",
        value="graphic violence with blood and gore; a person being brutally killed; someone is tortured; "
        "a gunman opens fire on a crowd of people; someone is stabbed to death; a mutilated dead body; "
        "a head blown apart by a gunshot",
        threshold=0.5,
        strict_threshold=0.42,
        severity=3,
        description="Gore, killing and torture, by meaning; sport, slapstick and fantasy fights pass.",
    ),
    # Self-harm and suicide.
    ScreeningRule(code="self_harm", kind="term", value="suicide", severity=4, description="Suicide, named."),
    ScreeningRule(
        code="self_harm",
        kind="pattern",
        value=r"\b(?:kill(?:s|ing|ed)?|hurt(?:s|ing)?|cut(?:s|ting)?|harm(?:s|ing)?|hang(?:s|ing|ed)?)\s+"
        r"(?:my|him|her|them|your|one)sel(?:f|ves)\b"
        r"|\b(?:slit|slash|cut)(?:s|ting|ted)?\s+(?:my|his|her|their|your)\s+wrists?\b",
        severity=4,
        description="Killing, hurting or hanging oneself; cutting one's wrists.",
    ),
    ScreeningRule(
        code="self_harm",
        kind="category",
        value="self harm; suicide; someone cuts their wrists with a blade; someone kills themselves; "
        "someone ends their own life; someone overdoses on pills on purpose; someone hangs themselves",
        threshold=0.48,
        strict_threshold=0.43,
        severity=4,
        description="Suicide and self-harm, by meaning.",
    ),
    # Hate: attacks on people for who they are, and extremist propaganda.
    ScreeningRule(code="hate", kind="term", value="swastika", severity=3, description="Nazi symbol."),
    ScreeningRule(
        code="hate",
        kind="pattern",
        value=r"\b(?:heil\s+hitler|white\s+power|ethnic\s+cleansing)\b",
        severity=3,
        description="Extremist slogans.",
    ),
    ScreeningRule(
        code="hate",
        kind="category",
        value="hateful racist content; hate speech against immigrants, black people, jews or muslims; "
        "hateful homophobic speech saying gay people are sick or evil; nazi propaganda; "
        "mocking people for their race or religion; saying an ethnic group is subhuman vermin",
        threshold=0.36,
        # Political speech with a real person scored 0.33-0.34 ("gives a speech at a rally"); stay above it.
        strict_threshold=0.355,
        severity=3,
        description="Attacks on people for their race, religion, origin or sexuality, by meaning.",
    ),
    # Instructions for weapons: a how-to word near a make-word near a weapon, then the meaning.
    ScreeningRule(
        code="weapons_instructions",
        kind="pattern",
        value=r"\b(?:how\s+to|instructions?|steps?|guide|tutorial|recipe)\b.{0,40}?\b(?:make|build|assemble|"
        r"3d[- ]?print|manufacture|cook)\w*\b.{0,40}?\b(?:bomb|explosive|pipe\s*bomb|napalm|molotov|"
        r"gun|firearm|rifle|silencer|suppressor|grenade|nerve\s+agent|ricin)s?\b",
        severity=4,
        description="A how-to word, then a making word, then a weapon, each within 40 characters.",
    ),
    ScreeningRule(
        code="weapons_instructions",
        kind="category",
        value="step by step instructions for making a bomb; how to build a homemade explosive device; "
        "a tutorial on making poison gas; how to convert a gun to fully automatic; "
        "instructions for making an untraceable gun",
        threshold=0.48,
        strict_threshold=0.4,
        severity=4,
        description="Instructions for bombs, poison gas or illegal guns, by meaning.",
    ),
]
