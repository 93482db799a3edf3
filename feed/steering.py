"""Steering in plain language: "show me creative sports videos, less anime" → what to show more and less of.

The text is cut into clauses. A clause that starts with "less", "fewer", "no", "not", "without", "avoid",
"stop showing" or "don't show" asks for less of what follows; every other clause asks for more. Each clause is
embedded with the local MiniLM model; a post's boost is its best similarity to a "more" clause minus its best
similarity to a "less" clause (see feed.ranking.rank_personalized).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from generation.mentions import MENTION
from sora_social.text_embedding import EMBEDDING_DIM, embed_texts

MAX_STEERING_CHARS = 500
# Each clause is a vector embedded once and read with every For You first page: 500 characters held 250 one-character
# clauses (384 KB a page) before this cap. A person steers with a handful of wishes.
MAX_STEERING_CLAUSES = 16
_CLAUSES = re.compile(r"[,;.!?\n]+|\s+(?:but|and also|also|plus)\s+", re.IGNORECASE)
_LESS = re.compile(
    r"^(?:(?:please\s+)?(?:show\s+(?:me\s+)?)?(?:less|fewer)|no\s+more|no|not|never|without|avoid|hide|skip|"
    r"stop\s+showing(?:\s+me)?|(?:don'?t|do\s+not)\s+show(?:\s+me)?)\b\s*(?:of\s+)?",
    re.IGNORECASE,
)
_MORE_LEAD = re.compile(
    r"^(?:(?:please\s+)?(?:show\s+me|show|give\s+me|i\s+want(?:\s+to\s+see)?|i\s+like|i\s+love|more(?:\s+of)?|"
    r"lots\s+of|some)\b\s*)+",
    re.IGNORECASE,
)
# Words that say nothing about the topic; left out of the labels shown in reasons.
_FILLER = {"videos", "video", "clips", "clip", "stuff", "content", "things", "posts", "more", "please", "me", "some", "the", "a", "an"}


@dataclass(frozen=True)
class SteeringClauses:
    """What the text asks more of and less of, as short phrases."""

    more: tuple[str, ...]
    less: tuple[str, ...]

    def label(self, phrases: tuple[str, ...]) -> str:
        words = [w for phrase in phrases for w in phrase.split() if w.lower() not in _FILLER]
        return " ".join(words)[:120]


def steering_parse(text: str) -> SteeringClauses:
    """Split steering text into "more" and "less" phrases."""
    more: list[str] = []
    less: list[str] = []
    for raw in _CLAUSES.split(text or ""):
        clause = " ".join(raw.split())
        if not clause:
            continue
        stripped = _LESS.sub("", clause, count=1)
        if stripped != clause:
            if stripped:
                less.append(stripped)
            continue
        wanted = _MORE_LEAD.sub("", clause, count=1).strip() or clause
        more.append(wanted)
    return SteeringClauses(tuple(dict.fromkeys(more)), tuple(dict.fromkeys(less)))


def vectors_to_bytes(vectors: np.ndarray) -> bytes | None:
    if vectors.size == 0:
        return None
    return np.ascontiguousarray(vectors, dtype=np.float32).tobytes()


def vectors_from_bytes(blob: bytes | memoryview | None) -> np.ndarray | None:
    if not blob:
        return None
    return np.frombuffer(bytes(blob), dtype=np.float32).reshape(-1, EMBEDDING_DIM)


def steering_embed(clauses: SteeringClauses) -> tuple[bytes | None, bytes | None]:
    """The "more" and "less" clause vectors, as stored bytes."""
    phrases = [*clauses.more, *clauses.less]
    if not phrases:
        return None, None
    vectors = embed_texts(phrases)
    split = len(clauses.more)
    return vectors_to_bytes(vectors[:split]), vectors_to_bytes(vectors[split:])


def steering_similarities(
    vectors: np.ndarray, *, more: np.ndarray | None, less: np.ndarray | None
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Each post's best similarity to a "more" clause and to a "less" clause (None: no clause of that kind),
    one post per row of `vectors`, centred on the median over these posts: MiniLM gives unrelated texts a
    baseline similarity that varies with the clause (0.05 to 0.2), so what counts is how much closer a post is
    than the typical candidate."""
    if not len(vectors):
        return None, None
    best_more = _centred((vectors @ more.T).max(axis=1)) if more is not None else None
    best_less = _centred((vectors @ less.T).max(axis=1)) if less is not None else None
    return best_more, best_less


def _centred(similarities: np.ndarray) -> np.ndarray:
    return similarities - float(np.median(similarities))


def post_embedding_text(*, prompt: str, caption: str) -> str:
    """What a post is about, for its embedding: the prompt with @handles as "someone", then the caption."""
    return f"{MENTION.sub('someone', prompt or '')}. {caption or ''}".strip(" .")
