"""For You ranking on candidates already read: scores, reasons and the diversity rule. No database access.

Candidates come as columns (one numpy array per field, one entry per post), so a first page scores its ~400
candidates in a few array operations instead of a Python loop over posts.
"""

from __future__ import annotations

import datetime
import heapq
import math
from collections import deque
from collections.abc import Iterable
from typing import NamedTuple

import numpy as np

# Where a candidate comes from, as stored in `Candidates.sources`.
SOURCES = ("follow", "circle", "global")
FOLLOW, CIRCLE, GLOBAL = range(len(SOURCES))
# How much knowing the author counts: people you follow first, then your mutuals' circles, then everyone.
SOURCE_WEIGHT = {"follow": 2.0, "circle": 1.0, "global": 0.0}
_SOURCE_WEIGHTS = np.array([SOURCE_WEIGHT[name] for name in SOURCES])
FRESHNESS_HALF_LIFE_H = 12.0
FRESHNESS_WEIGHT = 1.0
ENGAGEMENT_WEIGHT = 0.6
# Engagement saturates around this many weighted interactions (log scale).
ENGAGEMENT_SCALE = math.log1p(500)
# Steering, on similarities centred on the candidates' median (see feed.steering): a post must be this much
# closer than the typical candidate before it moves; measured on the demo corpus, on-topic posts are 0.0-0.35
# above the median and off-topic ones up to about 0.15.
STEER_FLOOR = 0.05
STEER_MORE_WEIGHT = 5.0
STEER_LESS_WEIGHT = 6.0
# A steering boost at least this big is what the item is shown for.
STEER_REASON_MIN = 0.45
POPULAR_REASON_MIN = 0.25
MAX_PER_AUTHOR_PER_PAGE = 3
# Reason codes; "follow" and "circle" sit at their source's index + 1.
REASONS = ("steering", "follow", "circle", "popular", "fresh", "recent")
_STEERING, _POPULAR, _FRESH = REASONS.index("steering"), REASONS.index("popular"), REASONS.index("fresh")


class Candidates(NamedTuple):
    """Posts that could be shown, as columns: entry i of every array is about the same post."""

    post_ids: np.ndarray  # int64
    author_ids: np.ndarray  # int64
    created_s: np.ndarray  # seconds since the epoch
    likes: np.ndarray
    comments: np.ndarray
    remixes: np.ndarray
    sources: np.ndarray  # index into SOURCES

    @classmethod
    def of(cls, posts: Iterable[tuple[int, int, datetime.datetime, int, int, int, str]]) -> Candidates:
        """From one (post id, author id, created at, likes, comments, remixes, source name) per post."""
        rows = list(posts)
        if not rows:
            return cls(*(np.zeros(0, dtype) for dtype in (np.int64, np.int64, float, float, float, float, np.int8)))
        post_ids, authors, created, likes, comments, remixes, sources = zip(*rows, strict=True)
        return cls(
            np.array(post_ids, np.int64),
            np.array(authors, np.int64),
            np.array([moment.timestamp() for moment in created]),
            np.array(likes, float),
            np.array(comments, float),
            np.array(remixes, float),
            np.array([SOURCES.index(source) for source in sources], np.int8),
        )


class Ranked(NamedTuple):
    """Candidates best first, as columns: post ids, authors, scores and the reason each is shown for."""

    post_ids: list[int]
    author_ids: list[int]
    scores: list[float]
    reasons: list[str]  # "steering", "follow", "circle", "popular", "fresh" or "recent"


def rank_personalized(
    candidates: Candidates,
    *,
    now: datetime.datetime,
    more: np.ndarray | None = None,
    less: np.ndarray | None = None,
) -> Ranked:
    """People you know first, plus freshness, engagement and steering; best first.

    score = SOURCE_WEIGHT + freshness (halving every FRESHNESS_HALF_LIFE_H) + engagement (log of weighted
    likes, comments and remixes, capped) + steering boost (positive for posts like what was asked for, negative
    for posts like what was asked less of). `more` and `less` are each candidate's centred similarity to the
    steering's "more" and "less" clauses (feed.steering.steering_similarities); NaN (no embedding, or no
    clause of that kind) moves nothing. Equal scores: the newer post (higher id) first.
    """
    age_h = np.maximum(0.0, (now.timestamp() - candidates.created_s) / 3600.0)
    fresh = FRESHNESS_WEIGHT * np.exp(-math.log(2) * age_h / FRESHNESS_HALF_LIFE_H)
    weighted = candidates.likes + 2 * candidates.comments + 3 * candidates.remixes
    engaged = ENGAGEMENT_WEIGHT * np.minimum(1.5, np.log1p(weighted) / ENGAGEMENT_SCALE)
    boost = np.zeros(len(candidates.post_ids))
    if more is not None:
        boost += STEER_MORE_WEIGHT * np.nan_to_num(np.maximum(0.0, more - STEER_FLOOR))
    if less is not None:
        boost -= STEER_LESS_WEIGHT * np.nan_to_num(np.maximum(0.0, less - STEER_FLOOR))
    score = _SOURCE_WEIGHTS[candidates.sources] + fresh + engaged + boost
    known_reason = np.where(engaged >= POPULAR_REASON_MIN, _POPULAR, _FRESH)
    known_reason = np.where(candidates.sources == GLOBAL, known_reason, candidates.sources + 1)
    reason = np.where(boost >= STEER_REASON_MIN, _STEERING, known_reason)
    order = np.lexsort((-candidates.post_ids, -score))
    return _ranked(candidates, order, score, reason)


def rank_recent(candidates: Candidates) -> Ranked:
    """Non-personalized: newest first, with only "you follow" or "recent" as the reason."""
    order = np.lexsort((-candidates.post_ids, -candidates.created_s))
    reason = np.where(candidates.sources == FOLLOW, REASONS.index("follow"), REASONS.index("recent"))
    return _ranked(candidates, order, candidates.created_s, reason)


def _ranked(candidates: Candidates, order: np.ndarray, score: np.ndarray, reason: np.ndarray) -> Ranked:
    return Ranked(
        candidates.post_ids[order].tolist(),
        candidates.author_ids[order].tolist(),
        score[order].tolist(),
        [REASONS[code] for code in reason[order].tolist()],
    )


def diverse_pages(
    ranked: Ranked, *, page_size: int, max_per_author: int = MAX_PER_AUTHOR_PER_PAGE
) -> list[list[tuple[int, str]]]:
    """Cut a ranking into pages of (post id, reason): no author twice in a row (across pages too) and at most
    N per page.

    Greedy: each slot takes the best remaining post that keeps both rules; a post that would break them waits
    for a later slot or page. Posts that can never be placed (one author left) end the feed. Each author's
    posts queue by rank and a heap holds the authors by their best waiting post, so a slot costs
    O(log authors).
    """
    queues: dict[int, deque[int]] = {}
    for position, author in enumerate(ranked.author_ids):
        queues.setdefault(author, deque()).append(position)
    heap = [(queue[0], author) for author, queue in queues.items()]
    heapq.heapify(heap)
    pages: list[list[tuple[int, str]]] = []
    previous_author: int | None = None
    while heap:
        page: list[tuple[int, str]] = []
        per_author: dict[int, int] = {}
        full_for_this_page: list[tuple[int, int]] = []
        while len(page) < page_size and heap:
            chosen = heap[0][1]
            if chosen != previous_author and per_author.get(chosen, 0) < max_per_author:
                # The best waiting post keeps both rules (the usual case): its author's next post takes its
                # place in the heap.
                queue = queues[chosen]
                position = queue.popleft()
                if queue:
                    heapq.heapreplace(heap, (queue[0], chosen))
                else:
                    heapq.heappop(heap)
            else:
                taken = _best_allowed(heap, per_author, previous_author, max_per_author, full_for_this_page)
                if taken is None:
                    break
                chosen = taken[1]
                queue = queues[chosen]
                position = queue.popleft()
                if queue:
                    heapq.heappush(heap, (queue[0], chosen))
            page.append((ranked.post_ids[position], ranked.reasons[position]))
            per_author[chosen] = per_author.get(chosen, 0) + 1
            previous_author = chosen
        for entry in full_for_this_page:
            heapq.heappush(heap, entry)
        if not page:
            break
        pages.append(page)
    return pages


def _best_allowed(heap, per_author, previous_author, max_per_author, full_for_this_page) -> tuple[int, int] | None:
    """Pop authors off the heap until one may come next on this page; those full for the page wait in
    `full_for_this_page`, the author just shown goes back on the heap. None: no author may come next."""
    just_shown = None
    taken = None
    while heap:
        entry = heapq.heappop(heap)
        if per_author.get(entry[1], 0) >= max_per_author:
            full_for_this_page.append(entry)
        elif entry[1] == previous_author:
            just_shown = entry
        else:
            taken = entry
            break
    if just_shown is not None:
        heapq.heappush(heap, just_shown)
    return taken
