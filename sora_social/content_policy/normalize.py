"""Text normalisation for the content policy: the one place that decides when two spellings are the same text.

People who want a protected name or a handle past a screen spell it in ways a reader still recognises:
full-width or mathematical letters, a Cyrillic "о" for a Latin "o", a zero-width space between letters,
"R0se" for "Rose", "L e s l i e", or "Leslie, Rose". Two forms are made here:

- ``text_fold`` / ``fold_with_offsets``: Unicode NFKC, format characters (category Cf: zero-width spaces and
  joiners, direction marks, the byte-order mark) and invisible fillers dropped, case folded. This is the form
  handles are read in (``generation.mentions``): it turns "＠Ａｌｉｃｅ" into "@alice", and nothing more, so a
  handle such as "bob2024" keeps its digits.
- ``text_skeleton``: the fold, then every character that is confusable with an ASCII letter or digit replaced by
  it (Unicode TR39 confusables, from the ``confusable-homoglyphs`` data), accents removed, digits and symbols
  used for letters inside words folded (0→o, 1→l, 3→e, 4→a, 5→s, 7→t, 8→b, @→a, $→s, |→l, !→i, ¡→i; not a
  number of three digits or more that ends a word: "Obama2008"), letters drawn as emoji and small capitals read as
  letters ("🅲🅸🅶", "🇨 🇮 🇬", "ʀᴏsᴇ"), parenthesized letters ("⒯⒜⒴") read as letters, the trademark signs and
  variation selectors dropped, a word hyphenated across a line break joined, letters spelled out one by one
  joined up ("c  i  g", "c,i,g", one a line), a letter held three times or more read once ("smoooking"), and runs
  of white space made one space.
  Screening compares skeletons: the text's with the protected name's (``name_regex``). A skeleton is for matching
  only; never show or store it.

Lone numbers are left alone ("4 cats on a sofa" keeps its 4): only a digit in a word with a letter in it is a
letter in disguise.
"""

from __future__ import annotations

import functools
import unicodedata

import regex
from confusable_homoglyphs.confusables import confusables_data

# Letters that draw nothing and are not category Cf, used to pad names invisibly (Hangul fillers, braille blank,
# the combining grapheme joiner).
_INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f")
# Curly apostrophes become the ASCII one, so "Obama’s" is read like "Obama's".
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'"})
# A digit standing for a letter inside a word. "1" could be an l or an i: the name patterns treat l and i as one,
# and a reader of words asks for both skeletons (text_skeleton's one_as), so "k1ss" is read as "kiss" too.
_DIGIT_LETTERS = {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b"}
# Three or more digits ending a word are a number run into it ("Obama1999", "#TaylorSwift2024"), not letters. Two
# may be letters ("Lesl13").
_TRAILING_NUMBER = regex.compile(r"\p{N}{3,}$")
# A symbol standing for a letter, only where a letter or digit follows it (so "hello!" and "c++" stay), and for
# "@" only after a letter and before a letter or the word's end (a leading "@" starts a mention, and "bob@example"
# is harmless either way; "Obam@" is Obama).
_SYMBOL_LETTERS = {"@": "a", "$": "s", "|": "l", "!": "i", "+": "t", "\u00a1": "i", "€": "e", "¢": "c", "(": "c"}
# Read as a letter beside any letter ("Ros€", "L€sli€"), not only inside a word: no word holds them otherwise.
_LETTER_SIGNS = frozenset("€¢")
_WORDISH = regex.compile(r"[\p{L}\p{N}@$|!+\u00a1€¢(]+")
# Every dash is a hyphen to the name patterns: "Taylor–Swift", "Rose‐Leslie" (U+2010).
_DASHES = regex.compile(r"[\p{Pd}\u2212]")
# Variation selectors ask for a glyph's text or emoji style and draw nothing themselves, but they are combining
# class 0 marks, not format characters: "Tay\ufe0flor" kept one and read as two words.
_VARIATION_SELECTORS = frozenset([*map(chr, range(0xFE00, 0xFE10)), *map(chr, range(0xE0100, 0xE01F0))])
# Read before NFKC, which would turn them into something else: parenthesized letters ("⒜" into "(a)", whose
# brackets split a name) and the trademark and service-mark signs ("™" into the letters "tm", run into the name
# before it).
_BEFORE_NFKC = str.maketrans(
    {**{chr(0x249C + offset): chr(ord("a") + offset) for offset in range(26)}, "\u2122": " ", "\u2120": " "}
)
# A word hyphenated across a line break ("Tay-\nlor", "Tay –\nlor") is one word.
_HYPHENATED_LINE_BREAK = regex.compile(r"(?<=\p{L})\h*[-\u2010-\u2014\u2212\ufe63]\h*\r?\n\s*(?=\p{L})")
# Three or more single letters or digits, each followed by up to three spaces, line breaks, dots, commas, slashes,
# dashes, bullets, colons or emoji: "L e s l i e", "r.o.s.e", "c,i,g,a,r", "c  i  g", one letter a line, "c🔥i🔥g",
# "R•o•s•e", "R:o:s:e".
_SPELLED_OUT_GAP = r"(?:[\s.,/\-_*·•‧∙⋅‣⁃:;~=]|\p{Extended_Pictographic}[\uFE0F\u200D\p{Emoji_Modifier}]*){1,3}"
_SPELLED_OUT = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?:[\p{{L}}\p{{N}}]{_SPELLED_OUT_GAP}){{2,}}[\p{{L}}\p{{N}}](?![\p{{L}}\p{{N}}])"
)
# A letter held for effect ("smoooookiiiing"): three or more in a row are read as one. No English word has three.
_HELD_LETTER = regex.compile(r"(\p{L})\1{2,}")
# Letters drawn as emoji, which neither NFKC nor TR39 maps: squared, negative circled and negative squared Latin
# capitals ("🅲🅸🅶"), and regional indicators ("🇨 🇮 🇬"; a pair of them is a flag, read here as its two letters).
# Plus the few Latin letters with a stroke, which have no decomposition to drop an accent from.
_LETTER_EMOJI = {
    **{chr(start + offset): chr(ord("a") + offset) for start in (0x1F130, 0x1F150, 0x1F170, 0x1F1E6) for offset in range(26)},
    **{"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ŧ": "t", "ƀ": "b", "ɨ": "i", "ʉ": "u"},
    # Small capitals ("ʀᴏsᴇ") and letters with a hook, stroke, tail and the like ("Ƭ", "ɾ", "ɭ", "Ꞩ"), which NFKC
    # leaves and TR39 gives no ASCII prototype for: read by their Unicode names.
    **{
        chr(code): found.group(1).lower()
        for code in (*range(0x0180, 0x02B0), *range(0x1D00, 0x1DC0), *range(0x2C60, 0x2C80), *range(0xA720, 0xA800))
        if (
            found := regex.fullmatch(
                r"LATIN (?:LETTER SMALL CAPITAL|(?:SMALL|CAPITAL) LETTER) ([A-Z])(?: WITH .*)?",
                unicodedata.name(chr(code), ""),
            )
        )
    },
}
_SPACES = regex.compile(r"\s+")


@functools.cache
def _ascii_confusables() -> dict[str, str]:
    """Each non-ASCII character that TR39 lists as confusable with ASCII letters or digits, mapped to them.

    The library keeps the pairs of confusables.txt in both directions; for a non-ASCII character, an ASCII
    letter-or-digit partner is always the prototype it is drawn like ("о" → "o", "ɑ" → "a", "ı" → "i").
    """
    mapping: dict[str, str] = {}
    for char, partners in confusables_data.items():
        if len(char) != 1 or char.isascii():
            continue
        for partner in partners:
            # RTL partners come wrapped in left-to-right marks.
            glyphs = partner["c"].strip("\u200e\u200f")
            if glyphs.isascii() and glyphs.isalnum():
                mapping[char] = glyphs.lower()
                break
    return mapping


# Characters Unicode says a renderer may draw as nothing (Default_Ignorable_Code_Point), beyond the format ones: the
# Khmer inherent vowels U+17B4 and U+17B5 and the Mongolian variation selectors held a name apart or cut a handle
# short, unseen (attack round 4 on names).
_DRAWS_NOTHING = regex.compile(r"[\p{Default_Ignorable_Code_Point}\p{Cf}]")


def _draws_nothing(char: str) -> bool:
    return char in _INVISIBLE or char in _VARIATION_SELECTORS or _DRAWS_NOTHING.match(char) is not None


def _fold_char(char: str) -> str:
    """One character, NFKC and case folded; "" for characters that draw nothing."""
    if _draws_nothing(char):
        return ""
    return unicodedata.normalize("NFKC", char).casefold()


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text_fold(text)`` and, for each of its characters, the index in ``text`` it came from.

    Character by character, so a match in the folded text can be mapped back to the text the person wrote.
    """
    if text.isascii():
        # ASCII has no format characters or compatibility forms; casefold is lower here (the common path).
        return text.lower(), list(range(len(text)))
    folded: list[str] = []
    origins: list[int] = []
    for index, char in enumerate(text):
        for out in _fold_char(char):
            folded.append(out)
            origins.append(index)
    return "".join(folded), origins


def text_fold(text: str) -> str:
    """NFKC, format characters and invisible fillers dropped, case folded: the form handles are read in."""
    return fold_with_offsets(text)[0]


def ascii_lookalike(char: str) -> str | None:
    """The ASCII letters or digits a character is drawn like, per TR39 (accents dropped); None if none."""
    if char.isascii():
        return char.lower()
    confusable = _ascii_confusables().get(char)
    if confusable is not None:
        return confusable
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not _a_mark_on_a_letter(c))
    if base and base.isascii():
        return base.lower()
    return None


def _confusable_to_ascii(text: str) -> str:
    """Fold, with each character drawn like ASCII letters or digits replaced by them, and accents dropped."""
    mapping = _ascii_confusables()
    out: list[str] = []
    for char in text.translate(_BEFORE_NFKC):
        if _draws_nothing(char):
            continue
        for form in unicodedata.normalize("NFKC", char):
            # Looked up before case folding too: some scripts fold away from the form confusables.txt lists
            # (Cherokee small letters fold to capitals).
            folded = form.casefold()
            out.append(mapping.get(form) or mapping.get(folded) or folded)
    decomposed = unicodedata.normalize("NFD", "".join(out))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not _a_mark_on_a_letter(c)))


def _a_mark_on_a_letter(char: str) -> bool:
    """An accent or a mark drawn around a letter: enclosing marks ("T⃝a⃝y⃝", U+20DD) have combining class 0, so
    ``unicodedata.combining`` alone kept them inside a name (attack round 4 on names)."""
    return bool(unicodedata.combining(char)) or unicodedata.category(char) == "Me"


def _unswap_word(word: str, one_as: str) -> str:
    """Digits and symbols inside a word that has a letter, read as the letters they stand for."""
    if not any(char.isalpha() for char in word):
        return word
    number = _TRAILING_NUMBER.search(word)
    if number:
        return _unswap_word(word[: number.start()], one_as) + number.group(0)
    out = []
    for index, char in enumerate(word):
        if char in _DIGIT_LETTERS:
            out.append(one_as if char == "1" else _DIGIT_LETTERS[char])
            continue
        if char in _SYMBOL_LETTERS:
            after = word[index + 1] if index + 1 < len(word) else ""
            before = word[index - 1] if index else ""
            if char in _LETTER_SIGNS:
                inside = before.isalpha() or after.isalpha()
            elif char == "(":
                # "Bara(k", not "(hello" nor "f(x)".
                inside = before.isalpha() and after.isalpha()
            else:
                inside = after.isalnum() and (char != "@" or before.isalnum())
                inside = inside or (char == "@" and before.isalpha() and not after)
            out.append(_SYMBOL_LETTERS[char] if inside else char)
            continue
        out.append(char)
    return "".join(out)


def text_skeleton(text: str, *, one_as: str = "l") -> str:
    """The form screening compares names in: folded, confusables and accents to ASCII, swaps undone. A "1" inside a
    word is read as ``one_as``.

    >>> text_skeleton("R0se\u200b L e s l i e")
    'rose leslie'
    >>> text_skeleton("k1ss c4m", one_as="i")
    'kiss cam'
    """
    skeleton = _confusable_to_ascii(_HYPHENATED_LINE_BREAK.sub("", text).translate(_APOSTROPHES))
    skeleton = "".join(_LETTER_EMOJI.get(char, char) for char in skeleton)
    skeleton = _DASHES.sub("-", skeleton)
    skeleton = _WORDISH.sub(lambda match: _unswap_word(match.group(0), one_as), skeleton)
    skeleton = _SPELLED_OUT.sub(lambda match: regex.sub(_SPELLED_OUT_GAP, "", match.group(0)), skeleton)
    skeleton = _HELD_LETTER.sub(r"\1", skeleton)
    return _SPACES.sub(" ", skeleton).strip()


def emoji_as_words(text: str) -> str:
    """The text with each emoji written as its name ("🚬" -> "cigarette", "😭" -> "loudly crying face"), so that a
    check that reads words or meaning reads what the emoji say. Text without emoji comes back unchanged.

    >>> emoji_as_words("@ann 🚬🚬")
    '@ann cigarette cigarette'
    """
    import emoji  # lazy: only texts that hold an emoji need the table

    if not emoji.emoji_count(text):
        return text
    named = emoji.replace_emoji(text, replace=lambda _chars, data: f" {data['en'].strip(':').replace('_', ' ')} ")
    return _SPACES.sub(" ", named).strip()


# A hashtag's words run together and marked by capitals or underscores: "#KissCam", "#smoke_break", "#Vote2028".
_HASHTAG = regex.compile(r"#([\p{L}\p{N}_]+)")
_HASHTAG_WORD_BREAK = regex.compile(r"_+|(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})|(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})")


def hashtags_as_words(text: str) -> str:
    """The text with each hashtag written as the words it runs together, so a reader of meaning sees them: the
    sentence model reads "#KissCam" as one unknown token, and "kiss cam" as a kiss. Other text comes back unchanged.

    >>> hashtags_as_words("@ann at the game #KissCam #smoke_break")
    '@ann at the game Kiss Cam smoke break'
    """
    if "#" not in text:
        return text
    return _HASHTAG.sub(lambda match: " ".join(part for part in _HASHTAG_WORD_BREAK.split(match.group(1)) if part), text)
