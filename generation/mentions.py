"""Finding @handle mentions of cameos in a prompt.

A mention is read in the prompt's fold (``content_policy.normalize.fold_with_offsets``: NFKC, zero-width
characters dropped, case folded), so "＠Alice", "﹫alice" and "@ａｌｉｃｅ" all name @alice: cameo handles are stored
in lowercase ASCII. A look-alike letter from another script ("@аlice" with a Cyrillic а) is read as the ASCII
letter it is drawn like, so the cameo the person sees in their prompt is the one that is cast and asked for
consent. A mention whose handle still is not lowercase ASCII names no cameo, and is kept as written so that the
request can be refused naming it (``unknown_cameo``) rather than quietly casting nobody, or a shorter handle.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import regex

from sora_social.content_policy.normalize import ascii_lookalike, fold_with_offsets

# A mention in canonical text (a stored prompt, where ``mentions_canonical`` wrote every mention as @handle):
# "@" not preceded by a word character (so e-mail addresses are not mentions), except one of a script written
# without spaces. The full-width and small at signs
# are here too, for captions, which are stored as written.
# Scripts written without spaces between words: Japanese, Chinese, Korean and Thai put a mention straight after a
# word ("猫と@aliceが踊る"), so a letter of theirs before an "@" does not make it an e-mail address.
# The prolonged sound mark "ー" ("コーヒー@alice") is of no one script, so it is named.
_UNSPACED = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\u30fc\uff70"
MENTION = regex.compile(
    rf"(?<!(?![{_UNSPACED}])[\w@＠﹫])[@＠﹫]([A-Za-z0-9_](?:[A-Za-z0-9_.]{{0,28}}[A-Za-z0-9_])?)"
)
HANDLE = re.compile(r"[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?")
# In the fold, a mention runs over letters, digits, marks, "_" and ".", but stops at scripts written without
# spaces, so "@aliceが踊る" mentions @alice. Longer than a handle can be, or with letters that have no ASCII
# look-alike, it is an unknown handle, never a shorter one ("@josé" is not @jos). It starts at an "@" that does
# not follow a word (an e-mail address, "josé@x" with its accent as a combining mark); a combining mark on
# nothing ("\u0301@alice") does not make a word, so that mention is read, as MENTION and every reader sees it.
_FOLDED_MENTION = regex.compile(
    rf"(?<!(?![{_UNSPACED}])[\p{{L}}\p{{N}}_@]\p{{M}}*)@((?:(?![{_UNSPACED}])[\p{{L}}\p{{N}}\p{{M}}_.])+)"
)


@dataclass(frozen=True)
class Mention:
    """One @mention: the handle it names, and where it is in the prompt as written."""

    handle: str  # lowercase ASCII when it can name a cameo; otherwise the folded text, for the error message
    start: int
    end: int

    @property
    def valid(self) -> bool:
        """Whether the handle is one a cameo could have."""
        return HANDLE.fullmatch(self.handle) is not None


def _handle_from_fold(token: str) -> str:
    """The lowercase ASCII handle a folded mention spells, or the token itself when it spells none."""
    if token.isascii():
        return token
    letters = []
    for char in unicodedata.normalize("NFC", token):
        if unicodedata.combining(char):
            continue
        lookalike = ascii_lookalike(char)
        if lookalike is None or not (lookalike.isalnum() or lookalike in "_."):
            return token
        letters.append(lookalike)
    return "".join(letters)


def mentions_find(prompt: str) -> list[Mention]:
    """Every @mention in the prompt, in order, with its span in the prompt as written."""
    folded, origins = fold_with_offsets(prompt)
    found = []
    for match in _FOLDED_MENTION.finditer(folded):
        # A sentence may end right after a handle: "with @alice."
        token = match.group(1).rstrip(".")
        if not token:
            continue
        end = match.start(1) + len(token)
        found.append(Mention(_handle_from_fold(token), origins[match.start()], origins[end - 1] + 1))
    return found


def mentioned_handles(prompt: str) -> list[str]:
    """Distinct handles in order of first mention (lowercase ASCII, or as folded when no cameo can have them)."""
    return list(dict.fromkeys(mention.handle for mention in mentions_find(prompt)))


def mentions_canonical(prompt: str) -> str:
    """The prompt with every mention that names a possible handle written as plain "@handle".

    Stored prompts are canonical, so the renderer, the feed's steering and remixes find the cameos in them with
    a plain ASCII pattern (``MENTION``), whatever at sign or letters the person typed.
    """
    pieces = []
    last = 0
    for mention in mentions_find(prompt):
        if not mention.valid:
            continue
        pieces.append(prompt[last : mention.start])
        pieces.append(f"@{mention.handle}")
        last = mention.end
    pieces.append(prompt[last:])
    return "".join(pieces)
