"""Typos in a restriction, mended before it is read: "no politcs, no voilence, no alchohol".

An owner types a restriction on a phone, often in a hurry. A category's word misspelt by one letter ("relegion",
"swaring", "brnads") was read as a free-text topic of that misspelling (attack round 38), which refuses almost
nothing. A word is mended to one of the words owners name categories and allowances with (``HEAD_WORDS``) when:

- it is one slip from exactly one of them: a letter dropped, added or doubled, two letters swapped, or a letter
  typed for the key beside it or a vowel for another vowel ("nudaty", "snoking"), keeping the first letter;
  "camino" is no slip for "casino", nor "bettina" for "betting";
- both words have at least five letters: shorter words are one slip from too many others ("sax", "fne");
- it is no word of English, Spanish, Portuguese, Italian, French, German or Dutch (``KNOWN_WORDS_FILE``): "horrid",
  "gamboling", "sexton", "texting" (a form of "text", one letter from "sexting"), "cocina", "granja", "roulotte" and
  "casini" are words, and stay as written.

Only head words are mended to, not the categories' whole lexicons: a lexicon holds drinks, drugs and slang from many
languages, and a name or a foreign word one slip from one of them ("martino", "carvalho", "gunma") was mended into a
category (attack round 39).

A text checked against restrictions is read with such typos mended too, and with a word run into a category's word
split in two ("chugsbeer": ``unglued_word``), each as one more of its readings.

The known words come from the dictionaries that ship with pyspellchecker (a development requirement): the words one
slip from a head word are kept in ``restriction_spelling_known.txt``, so a process neither loads 220 MB of
dictionaries nor needs the package. ``python manage.py build_restriction_spelling`` writes the file, and a test
fails when it is stale (the head words changed and it was not rebuilt).
"""

from __future__ import annotations

import hashlib
import re
from functools import cache, lru_cache
from pathlib import Path

from sora_social.accounts.validators import handle_skeleton

# The words an owner uses to name a category or to allow or forbid, in the forms they are typed.
HEAD_WORDS = frozenset(
    """alcohol alcoholic drinking drunk liquor booze beers vodka whiskey whisky tequila champagne politics political
    politician politicians election elections campaign president cigarette cigarettes cigars smoking smokers vaping
    vapes tobacco nicotine hookah violence violent fighting fights weapons blood bloody killing murder religion
    religious church prayer praying swearing swear swears cursing profanity profane language horror scary creepy
    romance romantic kissing dating brands brand branding sponsor sponsored sponsors sponsorship advertising adverts
    advertisement advertisements commercials gambling betting casino casinos poker lottery nudity naked sexual
    sexually drugs cocaine marijuana cannabis heroin overdose steroids motherfucker fucking fucker dickhead asshole
    bullshit bitch wholesome commercial allowed alright acceptable""".split()
)
KNOWN_WORDS_FILE = Path(__file__).with_name("restriction_spelling_known.txt")
# The dictionaries of the languages owners mix into English most, as pyspellchecker names them.
DICTIONARY_LANGUAGES = ("en", "es", "pt", "it", "fr", "de", "nl")
_MIN_LETTERS = 5
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_WORD = re.compile(r"[A-Za-z]+")
_LONE_WORD = re.compile(r"(?<![\w@])[A-Za-z]+(?![\w@])")
_HELD = re.compile(r"([a-z])\1{2,}")
# Words used less than this (pyspellchecker's frequencies) are not what a slip meant: "vandas" 3e-8, "baldness" 1.7e-7.
_RARE = 1e-7
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = frozenset("aeiouy")
# English words with an ending that the dictionary lists only as their stem: "texting" is "text" + "ing".
_ENDINGS = (
    ("ing", ("", "e")),
    ("ed", ("", "e")),
    ("s", ("",)),
    ("es", ("",)),
    ("ies", ("y",)),
    ("er", ("", "e")),
    ("ers", ("", "e")),
)
# The words that allow or forbid, as thumbs type them: too short to mend by slips ("fne" is one from "one" too), or
# real words ("alow").
_RULE_WORD_TYPOS = {
    "fne": "fine",
    "fien": "fine",
    "finee": "fine",
    "fiine": "fine",
    "finne": "fine",
    "fime": "fine",
    "okk": "ok",
    "okey": "okay",
    "oaky": "okay",
    "okaay": "okay",
    "alowed": "allowed",
    "allwoed": "allowed",
    "alloed": "allowed",
    "nto": "not",
    "nevr": "never",
    "nver": "never",
    "neevr": "never",
}
# "is nit ok": a nit is a louse's egg anywhere else.
_NIT_BEFORE_ALLOWING = re.compile(r"(?i)\bnit(?=\s+(?:ok|okay|fine|allowed|cool|good)\b)")
# Rules typed without spaces: "nodrugs", "zeropolitics", "keepitpg".
_GLUED_BAN = re.compile(r"(no|zero|never|anti)([a-z]{4,})")
_GLUED_KEEP = re.compile(r"keepit(pg|pg13|clean|g|familyfriendly)")


@cache
def _neighbours(letter: str) -> frozenset[str]:
    """The keys beside a letter on a QWERTY keyboard, in its row and the rows above and below."""
    for row_number, row in enumerate(_KEYBOARD_ROWS):
        if letter in row:
            column = row.index(letter)
            near = set()
            for other in _KEYBOARD_ROWS[max(0, row_number - 1) : row_number + 2]:
                near.update(other[max(0, column - 1) : column + 2])
            return frozenset(near - {letter})
    return frozenset()


def slips_of(word: str) -> set[str]:
    """Every way of typing a word with one slip that keeps its first letter (see the module's docstring)."""
    splits = [(word[:index], word[index:]) for index in range(1, len(word) + 1)]
    dropped = {left + right[1:] for left, right in splits if right}
    swapped = {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    added = {left + letter + right for left, right in splits for letter in _LETTERS}
    changed = {
        left + letter + right[1:]
        for left, right in splits
        if right
        for letter in _neighbours(right[0]) | (_VOWELS - {right[0]} if right[0] in _VOWELS else set())
    }
    return (dropped | swapped | added | changed) - {word}


def _targets_hash() -> str:
    return hashlib.sha256(" ".join(sorted(HEAD_WORDS)).encode()).hexdigest()[:16]


def build_known_words() -> list[str]:
    """The dictionary words one slip from a head word, read from pyspellchecker's dictionaries (about 1 s and
    220 MB while it runs). Run by ``manage.py build_restriction_spelling`` and by the test that checks the file."""
    from spellchecker import SpellChecker

    candidates = {slip for target in HEAD_WORDS for slip in slips_of(target) if len(slip) >= _MIN_LETTERS}
    candidates -= HEAD_WORDS
    known: set[str] = set()
    for language in DICTIONARY_LANGUAGES:
        dictionary = SpellChecker(language=language, distance=1)
        known |= {word for word in candidates if word in dictionary}
        if language == "en":
            known |= {word for word in candidates if _english_form(word, dictionary)}
        del dictionary
    return sorted(known)


def _english_form(word: str, english) -> bool:
    """Whether a word is an English stem with an ending ("texting", "vlogging")."""
    for ending, restores in _ENDINGS:
        if not word.endswith(ending):
            continue
        stem = word[: -len(ending)]
        if ending.startswith("er") and len(stem) < 5:
            continue  # "canser" is no "cans" + "er"
        # "vlogging": a consonant doubled before the ending.
        stems = [stem + restore for restore in restores] + (
            [stem[:-1]] if len(stem) > 3 and stem[-1] == stem[-2] else []
        )
        if any(len(candidate) >= 3 and candidate in english for candidate in stems):
            return True
    return False


def known_words_file_text(words: list[str]) -> str:
    header = (
        "# Words of English, Spanish, Portuguese, Italian, French, German and Dutch one slip from a head word of\n"
        "# cameos/restriction_spelling.py: they are never mended. Written by `python manage.py\n"
        "# build_restriction_spelling` from pyspellchecker's dictionaries; do not edit.\n"
        f"# head words: {_targets_hash()}\n"
    )
    return header + "\n".join(words) + "\n"


@cache
def known_words() -> frozenset[str]:
    lines = KNOWN_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


@cache
def typo_table() -> dict[str, str]:
    """Each slip of a head word that is no known word, and the one head word it is a slip of. Built once per process
    (settings.MODELS_BY_PROCESS), about 0.3 s: mending is then a lookup."""
    known = known_words()
    table: dict[str, str] = {}
    ambiguous: set[str] = set()
    for target in sorted(HEAD_WORDS):
        for slip in slips_of(target):
            if len(slip) < _MIN_LETTERS or slip in known or slip in HEAD_WORDS:
                continue
            if slip in table and table[slip] != target:
                ambiguous.add(slip)
            table[slip] = target
    for slip in ambiguous:
        del table[slip]
    return table


@lru_cache(maxsize=8192)
def mended_word(word: str, rule_words: bool = True) -> str:
    """The word a lower-case typo stands for, or the word itself. ``rule_words`` mends the short words of a rule and
    rules typed without spaces too ("nto", "nodrugs"): a restriction's, not a prompt's."""
    if word in _RULE_WORD_TYPOS:
        return _RULE_WORD_TYPOS[word] if rule_words else word
    if len(word) < _MIN_LETTERS or word in HEAD_WORDS:
        return word
    mended = typo_table().get(word)
    if mended:
        return mended
    if word in known_words() or not rule_words:
        return word
    kept = _GLUED_KEEP.fullmatch(word)
    if kept:
        return "keep it " + kept.group(1).replace("familyfriendly", "family friendly")
    glued = _GLUED_BAN.fullmatch(word)
    if glued and mended_word(glued.group(2)) in HEAD_WORDS:
        return f"{glued.group(1)} {mended_word(glued.group(2))}"
    return word


@cache
def _english():
    """pyspellchecker's English dictionary, for the words of free-text topics: 160,000 words, about 40 MB and 0.15 s
    to load (settings.MODELS_BY_PROCESS loads it at start-up)."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)


def load_english() -> None:
    _english()


@lru_cache(maxsize=8192)
def mended_topic_word(word: str) -> str:
    """A free-text topic's word with one slip, as the English word it most likely is ("wieght", "hosue", "accnet",
    "mohter": attack round 42). A topic's words are its keywords, and a misspelt one matched no text, nor did the
    sentence model find a lone misspelt word close to anything. Words of four letters or more only, and only one
    that is in no dictionary, itself or as a stem with an ending."""
    typed, word = word, _HELD.sub(r"\1\1", word)  # "bellly": a letter held down
    if len(word) < 4 or not word.isalpha() or word in known_words() or word in HEAD_WORDS or word in _lexicon_words():
        return typed
    english = _english()
    if word in english or _english_form(word, english):
        return word  # as typed, or with a held letter let go
    mended = english.correction(word)
    # The word meant is a word people use: "vendas" is no "vandas", "sponcon" no "sponson".
    if mended and english.word_usage_frequency(mended) < _RARE:
        return typed
    # A slip of the thumb, not a word the dictionary lacks: never a letter taken away ("meth", "crypto", "juul",
    # "twerking" and "martino" are words, not "met", "crypt", "jul", "tweaking" and "martin" with a letter too many),
    # the same first letter, and a key beside the one meant or a vowel for a vowel ("zaza" is no "zara").
    if not mended or len(mended) < len(word) or mended[0] != word[0] or not _a_likely_slip(word, mended):
        return typed
    return mended


@cache
def _lexicon_words() -> frozenset[str]:
    """Every single word of the categories' lexicons, brands included: slang and names a dictionary lacks ("zaza",
    "juul", "gutka") are words of their own."""
    from cameos.restriction_classifier import restriction_categories

    return frozenset(
        word.lower()
        for category in restriction_categories().values()
        for phrase in category.lexicon
        for word in re.findall(r"[A-Za-z]+", phrase)
    )


def _usage(word: str, english) -> float:
    """How often a word is used, or its stem if it has an ending ("chugs" is as common as "chug")."""
    stems = [word] + [word[: -len(ending)] for ending in ("s", "es", "ed", "ing") if word.endswith(ending)]
    return max(english.word_usage_frequency(stem) for stem in stems if len(stem) >= _HALF_MIN_LETTERS)


@lru_cache(maxsize=8192)
def _names_a_category(word: str) -> bool:
    """Whether a word alone is one an owner names a category by ("beer", "weed", "gun"): a category's ``recognise``."""
    from cameos.restriction_classifier import restriction_categories

    return any(category.recognise.fullmatch(word) for category in restriction_categories().values())


@cache
def _one_word_lexicon() -> frozenset[str]:
    """The categories' lexicon entries of one word ("meth" is; "party" of "party drugs" is not): a word that decides a
    category alone, so a glued word is split for it however rarely it is used."""
    from cameos.restriction_classifier import restriction_categories

    return frozenset(
        phrase.lower()
        for category in restriction_categories().values()
        for phrase in category.lexicon
        if re.fullmatch(r"[A-Za-z]+", phrase)
    )


def _a_likely_slip(word: str, meant: str) -> bool:
    """Whether a letter typed for another is a slip: one of the same length differs by a key beside it or a vowel
    for a vowel; an added or swapped letter always is."""
    if len(word) != len(meant):
        return True
    differ = [(typed, wanted) for typed, wanted in zip(word, meant, strict=True) if typed != wanted]
    if len(differ) != 1:
        return True  # two letters swapped
    typed, wanted = differ[0]
    return typed in _neighbours(wanted) or (typed in _VOWELS and wanted in _VOWELS)


def mend_topic(topic: str, as_written: frozenset[str] = frozenset()) -> str:
    """A free-text topic with its words' slips mended, except words the owner wrote with a capital or in capitals
    ("Kiran", "Merlo", "ADHD") and words run into digits, "_" or "@" ("@martino_22")."""
    return _LONE_WORD.sub(
        lambda found: found.group(0) if found.group(0) in as_written else mended_topic_word(found.group(0)), topic
    )


# The half of a glued word that names a category ("beer", "weed", "gun") is a common word, used at least this often
# (pyspellchecker's frequencies), unless it is a one-word entry of a lexicon ("meth", "nudes"), which decides alone.
_COMMON = 1e-6
_GLUED_MIN_LETTERS = 7
_HALF_MIN_LETTERS = 3
# A category's half has four letters or more: "nun", "gin", "gun" and "sex" hide in too many words a dictionary lacks
# ("nunchucks"; attack round 43).
_CATEGORY_HALF_MIN_LETTERS = 4
# The other half of three letters is a common word ("ate", "got", "hot"), used at least this often.
_COMMON_SHORT = 1e-5


@lru_cache(maxsize=8192)
def unglued_word(word: str) -> str:
    """A word that is two words run together, one of them a category's word ("chugsbeer", "smokesweed",
    "cooksmeth": attack rounds 40 and 43), as the two words; any other word as it is. Only a lower-case word that no
    dictionary knows is split, in two halves: a word of four letters or more that decides a category (a one-word
    lexicon entry) or names one and is commonly used, and an English word. "weedkiller" and "potluck" are words of
    their own, a capitalised word is a name ("Penistone", "Winehouse"), and "hashtag" has no such half."""
    lowered = word.lower()
    if len(word) < _GLUED_MIN_LETTERS or not word.isalpha() or word != lowered or lowered in known_words():
        return word
    english = _english()
    if lowered in english or _english_form(lowered, english) or lowered in _lexicon_words():
        return word
    best: tuple[float, str] | None = None
    for cut in range(_HALF_MIN_LETTERS, len(lowered) - _HALF_MIN_LETTERS + 1):
        left, right = lowered[:cut], lowered[cut:]
        for half, other in ((left, right), (right, left)):
            strength = _category_half_strength(half, english)
            if strength and _other_half(other, english) and (best is None or strength > best[0]):
                best = (strength, f"{left} {right}")
    return best[1] if best else word


def _category_half_strength(half: str, english) -> float:
    """How surely a glued word's half is a category's word: 1 for a one-word lexicon entry, its usage for a word that
    names a category and is commonly used, 0 for any other."""
    if len(half) < _CATEGORY_HALF_MIN_LETTERS:
        return 0.0
    if half in _one_word_lexicon():
        return 1.0
    if (half in HEAD_WORDS or _names_a_category(half)) and half in english:
        usage = english.word_usage_frequency(half)
        return usage if usage >= _COMMON else 0.0
    return 0.0


def _other_half(word: str, english) -> bool:
    """Whether the rest of a glued word is an English word: not a rare one, and one of three letters only if common
    ("ate", "got"; "ani" of "bongani", a name, is not)."""
    usage = _usage(word, english)
    return usage >= _RARE and (len(word) > _HALF_MIN_LETTERS or usage >= _COMMON_SHORT)


def unglue_words(text: str) -> str:
    """The text with its glued words split (``unglued_word``), read as written, so a capital still marks a name; a
    handle's word and one run into digits or "_" are left whole ("@smokesweed", "bob_smokesweed")."""
    return _LONE_WORD.sub(lambda found: unglued_word(found.group(0)), text)


def mend_typos(text: str, *, rule_words: bool = True) -> str:
    """The text with its typos of the head words mended, the rest as written (capitals kept). A restriction is read
    this way; so is a text checked against restrictions, as one more of its readings ("@ann sips wisky"), without
    ``rule_words``."""

    def mend(found: re.Match[str]) -> str:
        word = found.group(0)
        mended = mended_word(word.lower(), rule_words)
        if mended == word.lower():
            return word
        return (
            mended.upper() if word.isupper() and len(word) > 1 else mended.capitalize() if word[0].isupper() else mended
        )

    return _WORD.sub(mend, _NIT_BEFORE_ALLOWING.sub("not", text) if rule_words else text)


# A word that may hold letters drawn with other letters or digits: "rn" for m, "vv" for w, or a digit among letters.
# Not a handle: a handle is matched as the handle screen matches it (restrictions._keyword_conflict).
_LOOK_ALIKE_WORD = re.compile(r"(?<![\w@])[a-z0-9]*(?:rn|vv|[a-z][0-9]|[0-9][a-z])[a-z0-9]*(?![\w@])")
# A number with an ending, its zeros perhaps typed as o's: "9oth", "6oth", "90s", "2nd", "5k", "4am".
_NUMBER_WITH_ENDING = re.compile(r"[0-9][0-9o]*(?:st|nd|rd|th|s|k|m|am|pm|x|d|h|p)")


@lru_cache(maxsize=8192)
def _look_alike_word(word: str) -> str:
    """A word drawn with look-alike letters ("rnoist", "vvine", "9oat") as the word it shows, when that is a word and
    the word as typed is none; any other word as it is ("corn", "savvy" and "b2b" are words, or no word shows)."""
    # A number with an ending, or a model name of a letter or two ("A6s", "i9", "K9"), is no letters in disguise.
    if _NUMBER_WITH_ENDING.fullmatch(word) or (
        any(char.isdigit() for char in word) and sum(char.isalpha() for char in word) < _HALF_MIN_LETTERS
    ):
        return word
    english = _english()
    if word in known_words() or word in english or _english_form(word, english) or word in _lexicon_words():
        return word
    shown = handle_skeleton(word)
    if shown == word or len(shown) < _HALF_MIN_LETTERS:
        return word
    if shown in HEAD_WORDS or shown in _lexicon_words() or english.word_usage_frequency(shown) >= _RARE:
        return shown
    return word


def look_alike_words(text: str) -> str:
    """The text (a lower-case skeleton: ``text_skeleton``) with letters drawn by look-alikes read as the letters the
    handle screen reads them as (``handle_skeleton``: "rn" as m, "vv" as w, 9, 6 and 2 as g, b and z), in a word that
    is none as typed and shows one so read: "corn", "turn", "savvy" and "9oth" stay. Attack round 3 on names:
    "drinks vvine", "orders a rnojito" and "says 9oat" got past restrictions that refused them spelt plainly."""
    return _LOOK_ALIKE_WORD.sub(lambda found: _look_alike_word(found.group(0)), text)
