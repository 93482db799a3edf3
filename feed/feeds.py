"""The two feeds as pages of visible posts: `following` (newest first) and `for_you` (ranked).

Reads only (plus the shared cache of rankings); the daily cap, wellness check-ins and accounting live in
feed.services.feed_serve. Every page is read through `posts_visible_to`, in a constant number of queries.
"""

from __future__ import annotations

import datetime
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from feed import ranking
from feed.conf import feed_setting
from feed.models import Post, Steering
from feed.selectors import items_decorate, post_items_by_id, posts_for_items, posts_visible_to
from feed.steering import steering_similarities, vectors_from_bytes
from feed.timelines import fanout_enabled, timeline_read
from sora_social.accounts.models import Follow

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
CANDIDATE_FIELDS = ("id", "author_id", "created_at", "like_count", "comment_count", "remix_count")
GLOBAL_CACHE_KEY = "feed:global:v1"


@dataclass
class FeedSlice:
    """One page: visible posts with their reason codes, and where the next page starts (None: the end)."""

    items: list[tuple[Post, str]]
    next_position: dict | None
    # The key under which this page is counted once per day (a retry of the same page is not counted again).
    page_key: str = ""


def micros(moment: datetime.datetime) -> int:
    """A time as whole microseconds since the epoch, exactly (no float rounding)."""
    return (moment - EPOCH) // datetime.timedelta(microseconds=1)


def from_micros(value: int) -> datetime.datetime:
    return EPOCH + datetime.timedelta(microseconds=int(value))


def following_authors(viewer):
    return Follow.objects.filter(follower_id=viewer.pk).values("followee_id")


# ---- following ----------------------------------------------------------------------------------------


def feed_following(viewer, *, position: dict | None, page_size: int) -> FeedSlice:
    """Posts of the people the viewer follows, newest first, by keyset on (created_at, id).

    With FEED_FANOUT the ids come from the viewer's Redis timeline; past a capped timeline's end, or without
    Redis, PostgreSQL serves the same keyset from its (created_at, id) index.
    """
    before = (int(position["c"]), int(position["i"])) if position else None
    if fanout_enabled() and (position is None or position.get("m") != "pg"):
        return _following_from_timeline(viewer, before=before, page_size=page_size)
    return _following_from_database(viewer, before=before, page_size=page_size)


def _following_from_database(viewer, *, before: tuple[int, int] | None, page_size: int) -> FeedSlice:
    visible = posts_visible_to(viewer)
    posts = visible.filter(author_id__in=following_authors(viewer))
    if before is not None:
        created = from_micros(before[0])
        posts = posts.filter(Q(created_at__lt=created) | Q(created_at=created, id__lt=before[1]))
    page = list(posts_for_items(posts).order_by("-created_at", "-id")[: page_size + 1])
    more = len(page) > page_size
    page = items_decorate(viewer, page[:page_size], visible=visible)
    next_position = {"m": "pg", "c": micros(page[-1].created_at), "i": page[-1].pk} if more and page else None
    return FeedSlice([(post, "follow") for post in page], next_position, _page_key("following", before, page))


def _following_from_timeline(viewer, *, before: tuple[int, int] | None, page_size: int) -> FeedSlice:
    visible = posts_visible_to(viewer)
    entries, continue_on_database = timeline_read(
        user_id=viewer.pk, visible_posts=lambda: visible, before=before, count=page_size
    )
    ids = [post_id for post_id, _ in entries]
    found = {}
    if ids:
        page = visible.filter(pk__in=ids, author_id__in=following_authors(viewer))
        found = {post.pk: post for post in items_decorate(viewer, list(posts_for_items(page)), visible=visible)}
    page = [found[post_id] for post_id in ids if post_id in found]
    if len(entries) >= page_size:
        next_position = {"m": "rd", "c": entries[-1][1], "i": entries[-1][0]}
    elif continue_on_database and (entries or before):
        post_id, score = entries[-1] if entries else (before[1], before[0])
        next_position = {"m": "pg", "c": score, "i": post_id}
    else:
        next_position = None
    return FeedSlice([(post, "follow") for post in page], next_position, _page_key("following", before, page))


def _page_key(kind: str, before, page: list[Post]) -> str:
    first = page[0].pk if page else 0
    return f"{kind}:{before[0] if before else 'top'}:{first}"[:64]


# ---- for you ------------------------------------------------------------------------------------------

_embeddings: OrderedDict[int, np.ndarray] = OrderedDict()
_embeddings_lock = threading.Lock()
EMBEDDING_CACHE_SIZE = 50_000


def embeddings_forget() -> None:
    """Empty this process's cache of post embeddings (tests, where a rolled-back database reuses ids)."""
    with _embeddings_lock:
        _embeddings.clear()


def _session_key(viewer_id: int, session: str) -> str:
    return f"feed:fy:{viewer_id}:{session}"


def feed_for_you(
    viewer,
    *,
    position: dict | None,
    page_size: int,
    personalized: bool,
    steering: Steering | None | Callable[[], Steering | None] = None,
) -> FeedSlice:
    """A ranked page. The first request ranks the candidates once and keeps the pages in the cache for the
    session; the cursor names the session and the page, so next pages neither repeat nor skip posts."""
    visible = posts_visible_to(viewer)
    if position is None:
        now = timezone.now()
        session_id = secrets.token_urlsafe(9)
        session = None
        page_index = 0
    else:
        session_id, page_index = str(position["s"]), int(position["p"])
        now = from_micros(int(position["t"]))
        session = cache.get(_session_key(viewer.pk, session_id))
    if session is None or session.get("personalized") != personalized:
        if callable(steering):
            steering = steering()
        pages = for_you_pages(
            viewer, now=now, page_size=page_size, personalized=personalized, steering=steering, visible=visible
        )
        session = {"personalized": personalized, "pages": pages}
        cache.set(_session_key(viewer.pk, session_id), session, feed_setting("FEED_SESSION_TTL_S"))
    pages = session["pages"]
    if page_index >= len(pages):
        return FeedSlice([], None, f"fy:{session_id}:{page_index}")
    entries = pages[page_index]
    found = post_items_by_id(viewer, [post_id for post_id, _ in entries], visible=visible)
    items = [(found[post_id], reason) for post_id, reason in entries if post_id in found]
    more = page_index + 1 < len(pages)
    next_position = {"s": session_id, "p": page_index + 1, "t": micros(now)} if more else None
    first = entries[0][0] if entries else 0
    return FeedSlice(items, next_position, f"fy:{page_index}:{first}")


def for_you_pages(
    viewer,
    *,
    now: datetime.datetime,
    page_size: int,
    personalized: bool,
    steering: Steering | None,
    visible=None,
) -> list[list[tuple[int, str]]]:
    """Candidates, ranking and diversity, as pages of (post id, reason code)."""
    candidates = for_you_candidates(viewer, now=now, personalized=personalized, visible=visible)
    if personalized:
        similarities = _steering_similarities(candidates, steering)
        ranked = ranking.rank_personalized(candidates, now=now, steering=similarities)
    else:
        ranked = ranking.rank_recent(candidates)
    pages = ranking.diverse_pages(ranked, page_size=page_size)
    return [[(item.post_id, item.reason) for item in page] for page in pages]


def _live_posts():
    """Posts not deleted, taken down or revoked: the cheap part of visibility, for picking candidate ids."""
    return Post.objects.filter(deleted_at__isnull=True, taken_down_at__isnull=True, consent_revoked_at__isnull=True)


def for_you_candidates(
    viewer, *, now: datetime.datetime, personalized: bool, visible=None
) -> list[ranking.Candidate]:
    """People I follow, then (personalized) my mutuals' circles, then global fresh and popular posts.

    Candidate ids come from cheap indexed queries (the follow timeline in Redis when fan-out is on, the shared
    global list from the cache); then one query through `posts_visible_to` keeps the visible ones and reads
    what ranking needs. Four queries at most, whatever the data size.
    """
    visible = posts_visible_to(viewer) if visible is None else visible
    follow_window = now - datetime.timedelta(days=feed_setting("FEED_FOLLOW_WINDOW_DAYS"))
    follows = following_authors(viewer)
    if fanout_enabled():
        entries, _ = timeline_read(
            user_id=viewer.pk,
            visible_posts=lambda: visible,
            before=None,
            count=feed_setting("FEED_FOLLOW_CANDIDATES"),
        )
        follow_ids = [post_id for post_id, _ in entries]
    else:
        follow_ids = list(
            _live_posts()
            .filter(author_id__in=follows, created_at__gte=follow_window, created_at__lte=now)
            .order_by("-created_at", "-id")
            .values_list("id", flat=True)[: feed_setting("FEED_FOLLOW_CANDIDATES")]
        )
    circle_ids: list[int] = []
    if personalized:
        mutuals = (
            Follow.objects.filter(follower_id=viewer.pk)
            .filter(Exists(Follow.objects.filter(follower_id=OuterRef("followee_id"), followee_id=viewer.pk)))
            .values("followee_id")
        )
        circle_authors = Follow.objects.filter(follower_id__in=mutuals).values("followee_id")
        circle_window = now - datetime.timedelta(days=feed_setting("FEED_CIRCLE_WINDOW_DAYS"))
        circle_ids = list(
            _live_posts()
            .filter(author_id__in=circle_authors, created_at__gte=circle_window, created_at__lte=now)
            .exclude(author_id__in=follows)
            .order_by("-created_at", "-id")
            .values_list("id", flat=True)[: feed_setting("FEED_CIRCLE_CANDIDATES")]
        )
    shared = global_candidate_ids()
    global_ids = shared["fresh"] + shared["popular"] if personalized else shared["fresh"]

    source: dict[int, str] = {}
    for ids, name in ((global_ids, "global"), (circle_ids, "circle"), (follow_ids, "follow")):
        source.update(dict.fromkeys(ids, name))  # later lists win: follow over circle over global
    rows = (
        visible.exclude(author_id=viewer.pk)
        .filter(pk__in=list(source), created_at__lte=now)
        .values_list(*CANDIDATE_FIELDS)
    )
    candidates = []
    for post_id, author_id, created_at, likes, comments, remixes in rows:
        kind = source[post_id]
        if kind == "follow" and created_at < follow_window:
            continue
        candidates.append(ranking.Candidate(post_id, author_id, created_at, likes, comments, remixes, kind))
    return candidates


def global_candidate_ids() -> dict[str, list[int]]:
    """The newest public posts and the most liked recent ones, for everyone; cached for FEED_GLOBAL_CACHE_S."""
    shared = cache.get(GLOBAL_CACHE_KEY)
    if shared is not None:
        return shared
    now = timezone.now()
    live = Post.objects.filter(
        visibility=Post.Visibility.PUBLIC,
        deleted_at__isnull=True,
        taken_down_at__isnull=True,
        consent_revoked_at__isnull=True,
    )
    count = feed_setting("FEED_GLOBAL_CANDIDATES")
    window = now - datetime.timedelta(days=feed_setting("FEED_GLOBAL_WINDOW_DAYS"))
    shared = {
        "fresh": list(live.order_by("-created_at", "-id").values_list("id", flat=True)[:count]),
        "popular": list(
            live.filter(created_at__gte=window).order_by("-like_count", "-id").values_list("id", flat=True)[:count]
        ),
    }
    cache.set(GLOBAL_CACHE_KEY, shared, feed_setting("FEED_GLOBAL_CACHE_S"))
    return shared


def _steering_similarities(candidates: list[ranking.Candidate], steering: Steering | None) -> dict:
    if steering is None or not candidates:
        return {}
    more = vectors_from_bytes(steering.more_vectors)
    less = vectors_from_bytes(steering.less_vectors)
    if more is None and less is None:
        return {}
    vectors = post_embeddings([candidate.post_id for candidate in candidates])
    return steering_similarities(vectors, more=more, less=less)


def post_embeddings(post_ids: list[int]) -> dict[int, np.ndarray]:
    """Embeddings of posts (those computed so far), from a per-process cache: they never change once set."""
    from sora_social.text_embedding import EMBEDDING_DIM

    found: dict[int, np.ndarray] = {}
    with _embeddings_lock:
        for post_id in post_ids:
            vector = _embeddings.get(post_id)
            if vector is not None:
                found[post_id] = vector
    missing = [post_id for post_id in post_ids if post_id not in found]
    if missing:
        rows = Post.objects.filter(pk__in=missing, embedding__isnull=False).values_list("id", "embedding")
        fresh = {
            post_id: np.frombuffer(bytes(blob), dtype=np.float32)
            for post_id, blob in rows
            if blob and len(blob) == EMBEDDING_DIM * 4
        }
        found.update(fresh)
        with _embeddings_lock:
            _embeddings.update(fresh)
            while len(_embeddings) > EMBEDDING_CACHE_SIZE:
                _embeddings.popitem(last=False)
    return found
