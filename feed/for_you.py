"""The For You feed: candidates, ranking and diversity, as sessions of ranked pages of visible items.

Reads, plus the caches that keep what ranking needs: each process keeps post features and embeddings, the
cache keeps the shared global lists, each person's circle list, their ranked sessions and a ranking made ahead.
None of these decides what is shown: every page is read through `visible_posts` (feed.hot_queries). The
daily cap, check-ins and the page accounting are applied by the caller (feed.services.serving, through
feed.viewing_limits).
"""

from __future__ import annotations

import datetime
import math
import secrets
import time
from collections import Counter

import numpy as np
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from feed import ranking, tasks
from feed.conf import feed_setting
from feed.cursors import from_micros, micros
from feed.following import FeedSlice
from feed.hot_queries import PostItem, items_decorate, live_post_features, visible_items
from feed.models import Post, Steering
from feed.process_cache import GenerationalCache
from feed.selectors import followees, live_posts, posts_visible_to
from feed.steering import steering_similarities, vectors_from_bytes
from feed.timelines import fanout_enabled, timeline_read
from sora_social.accounts.models import Follow
from sora_social.celery import Queue
from sora_social.text_embedding import EMBEDDING_DIM

# What ranking reads about a post, in the order of the tuples `post_features` gives: created_at as seconds since
# the epoch and visibility as its index in VISIBILITIES, so that a page's candidates turn into numeric columns
# in one step.
FEATURE_FIELDS = ("author_id", "created_at", "like_count", "commenter_count", "remix_count", "visibility")
VISIBILITIES = tuple(Post.Visibility.values)
_PUBLIC, _PRIVATE = VISIBILITIES.index(Post.Visibility.PUBLIC), VISIBILITIES.index(Post.Visibility.PRIVATE)
# The row of a post that has no features (deleted, taken down or revoked): NaN fails every comparison.
_NO_FEATURES = (math.nan,) * len(FEATURE_FIELDS)
GLOBAL_CACHE_KEY = "feed:global:v2"


# ---- sessions ------------------------------------------------------------------------------------------

# Per process: what ranking reads about posts. Both are read again within twice FEED_FEATURES_TTL_S: features
# (counts and whether the post is still live), and embeddings, which a caption edit makes again (one kept for good
# labelled an edited post by its old caption in every process that had ranked it). Neither decides what is shown:
# every page is read through `visible_posts`.
_embeddings = GenerationalCache(size=50_000, ttl=feed_setting("FEED_FEATURES_TTL_S"))
_features = GenerationalCache(size=50_000, ttl=feed_setting("FEED_FEATURES_TTL_S"))
# The shared global lists, as this process last read them from the cache.
_global_lists: dict[str, dict] = {}


def process_caches_forget() -> None:
    """Empty this process's caches of post embeddings and features and its copy of the global lists (tests,
    where a rolled-back database reuses ids)."""
    _embeddings.clear()
    _features.clear()
    _global_lists.clear()


def _session_key(viewer_id: int, session: str) -> str:
    return f"feed:fy:{viewer_id}:{session}"


def _ready_key(viewer_id: int) -> str:
    return f"feed:fy:ready:{viewer_id}"


def for_you_ranking_store(viewer: AbstractBaseUser, *, personalized: bool, steering: Steering | None) -> None:
    """Rank a person's next first page ahead of time (a task on the `default` queue runs this after each
    first page), so opening the feed again costs what a next page costs. Kept FEED_READY_TTL_S; a change of
    steering drops it (`for_you_ranking_forget`). Visibility is still checked when each page is read."""
    now = timezone.now()
    pages = for_you_pages(
        viewer, now=now, page_size=feed_setting("FEED_PAGE_SIZE"), personalized=personalized, steering=steering
    )
    ready = {"personalized": personalized, "steering": _steering_stamp(steering), "pages": pages, "t": micros(now)}
    cache.set(_ready_key(viewer.pk), ready, feed_setting("FEED_READY_TTL_S"))


def _steering_stamp(steering: Steering | None) -> int | None:
    """Which steering a ranking was made under: pages ranked under another are ranked again, as for a change of
    `personalized`. A held session kept the old steering's pages, and the items were said to match the steering read
    now ("matches your steering: cooking" on skateboarding; tests/feed/test_feed_and_export_attacks_round3.py)."""
    return micros(steering.updated_at) if steering is not None else None


def for_you_ranking_forget(viewer_id: int) -> None:
    cache.delete(_ready_key(viewer_id))


def _ready_ranking(viewer_id: int, *, personalized: bool, steering: int | None, page_size: int) -> dict | None:
    """The ranking made ahead for this person, taken (each is served once), if it fits this request."""
    if not feed_setting("FEED_RANK_AHEAD") or page_size != feed_setting("FEED_PAGE_SIZE"):
        return None
    ready = cache.get(_ready_key(viewer_id))
    if ready is None or ready["personalized"] != personalized or ready.get("steering") != steering:
        return None
    cache.delete(_ready_key(viewer_id))
    return ready


def feed_for_you(
    viewer: AbstractBaseUser,
    *,
    position: dict | None,
    page_size: int,
    personalized: bool,
    steering: Steering | None = None,
    follow_signature: str | None = None,
) -> FeedSlice:
    """A ranked page. A first request takes the ranking made ahead for the person (or ranks the candidates
    now) and keeps its pages in the cache for the session; the cursor names the session and the page, so
    next pages neither repeat nor skip posts. `follow_signature`: see `timeline_read`."""
    session = None
    stamp = _steering_stamp(steering)
    if position is None:
        session_id = secrets.token_urlsafe(9)
        page_index = 0
        ready = _ready_ranking(viewer.pk, personalized=personalized, steering=stamp, page_size=page_size)
        if ready is not None:
            now = from_micros(ready["t"])
            session = {"personalized": personalized, "steering": stamp, "pages": ready["pages"]}
            cache.set(_session_key(viewer.pk, session_id), session, feed_setting("FEED_SESSION_TTL_S"))
        else:
            now = timezone.now()
    else:
        session_id, page_index = str(position["s"]), int(position["p"])
        now = from_micros(int(position["t"]))
        session = cache.get(_session_key(viewer.pk, session_id))
    if session is None or session.get("personalized") != personalized or session.get("steering") != stamp:
        pages = for_you_pages(
            viewer,
            now=now,
            page_size=page_size,
            personalized=personalized,
            steering=steering,
            follow_signature=follow_signature,
        )
        if session is not None and position is not None:
            # Ranked again mid-session: what the session served already is left out and the new ranking is read
            # from its start, or a changed steering showed the first pages again further on (and skipped the new
            # ranking's first pages; tests/test_steering_and_watermark_mends_attacks.py).
            served = _served_ids(session["pages"], page_index, int(position.get("o", 0)))
            pages = [kept for page in pages if (kept := [entry for entry in page if entry[0] not in served])]
            page_index, position = 0, {**position, "o": 0}
        session = {"personalized": personalized, "steering": stamp, "pages": pages}
        cache.set(_session_key(viewer.pk, session_id), session, feed_setting("FEED_SESSION_TTL_S"))
    offset = int(position.get("o", 0)) if position else 0
    previous_author = position.get("a") if position else None
    items, resume = _session_page(
        viewer, session["pages"], start=(page_index, offset), previous_author=previous_author, page_size=page_size
    )
    next_position = None
    if resume is not None:
        # The last author shown travels with the cursor, so the next page does not open with them.
        last_author = items[-1][0].author_id if items else previous_author
        next_position = {"s": session_id, "p": resume[0], "t": micros(now), "a": last_author}
        if resume[1]:
            next_position["o"] = resume[1]
    first = items[0][0].id if items else 0
    return FeedSlice(items, next_position, f"fy:{page_index}:{first}")


def _served_ids(pages: list[list[tuple[int, str]]], page_index: int, offset: int) -> set[int]:
    """The posts of a session's pages before (page_index, offset): what it has served (or passed over as hidden)."""
    served = {post_id for page in pages[:page_index] for post_id, _ in page}
    if page_index < len(pages):
        served.update(post_id for post_id, _ in pages[page_index][:offset])
    return served


# Reads of a page that lost posts since it was ranked: the page, then up to two top-ups from the next posts.
PAGE_READS_MAX = 3


def _session_page(
    viewer, pages: list[list[tuple[int, str]]], *, start: tuple[int, int], previous_author, page_size: int
) -> tuple[list[tuple[PostItem, str]], tuple[int, int] | None]:
    """One page of a ranked session, from `start` (page, offset) on, and where the next page starts.

    Normally this is exactly the ranked page, read in one query through `visible_posts`. A post hidden since
    it was ranked (taken down, revoked, blocked, its author suspended) is left out and the page is filled
    from the posts ranked after it; a post that would then break the diversity rule (its author just shown,
    or already N times on this page) is left out too, so the rule holds on every page served.
    """
    page_index, offset = start
    if page_index >= len(pages):
        return [], None
    # As many posts as the ranked page holds: the diversity rule may have made it shorter than page_size.
    wanted = min(page_size, len(pages[page_index]))
    remaining = [
        (index, position, entry)
        for index in range(page_index, len(pages))
        for position, entry in enumerate(pages[index])
        if index > page_index or position >= offset
    ]
    now = timezone.now()
    visible: dict[int, PostItem | None] = {}
    shown: list[tuple[PostItem, str]] = []
    per_author: Counter[int] = Counter()
    cursor = reads = 0
    while cursor < len(remaining) and len(shown) < wanted:
        post_id, reason = remaining[cursor][2]
        if post_id not in visible:
            if reads == PAGE_READS_MAX:
                break
            # The first read is the page itself; a top-up reads a few more than it needs.
            want = wanted - len(shown) + (4 if reads else 0)
            batch = [entry[0] for _, _, entry in remaining[cursor : cursor + want]]
            found = visible_items(viewer.pk, batch, now=now)
            visible.update({batch_id: found.get(batch_id) for batch_id in batch})
            reads += 1
        cursor += 1
        item = visible[post_id]
        if item is None:
            continue
        author = item.author_id
        if author == previous_author or per_author[author] >= ranking.MAX_PER_AUTHOR_PER_PAGE:
            continue
        shown.append((item, reason))
        per_author[author] += 1
        previous_author = author
    items_decorate(viewer_id=viewer.pk, now=now, items=[item for item, _ in shown])
    resume = remaining[cursor][:2] if cursor < len(remaining) else None
    return shown, resume


def for_you_pages(
    viewer,
    *,
    now: datetime.datetime,
    page_size: int,
    personalized: bool,
    steering: Steering | None,
    follow_signature: str | None = None,
) -> list[list[tuple[int, str]]]:
    """Candidates, ranking and diversity, as pages of (post id, reason code)."""
    candidates = for_you_candidates(viewer, now=now, personalized=personalized, follow_signature=follow_signature)
    if personalized:
        more, less = _steering_similarities(candidates.post_ids, steering)
        ranked = ranking.rank_personalized(candidates, now=now, more=more, less=less)
    else:
        ranked = ranking.rank_recent(candidates)
    return ranking.diverse_pages(ranked, page_size=page_size)


def post_features(post_ids: list[int]) -> dict[int, tuple | None]:
    """What ranking reads about these posts, as tuples in FEATURE_FIELDS order (None: deleted, taken down or
    revoked), from this process's cache (read again within twice FEED_FEATURES_TTL_S); the rest in one query
    by primary key."""
    found: dict[int, tuple | None] = _features.get_many(post_ids)
    missing = [post_id for post_id in post_ids if post_id not in found]
    if missing:
        fresh: dict[int, tuple | None] = dict.fromkeys(missing)
        fresh.update(
            (
                row.id,
                (
                    row.author_id,
                    row.created_at.timestamp(),
                    row.like_count,
                    row.commenter_count,
                    row.remix_count,
                    VISIBILITIES.index(row.visibility),
                ),
            )
            for row in live_post_features(missing)
        )
        _features.put_many(fresh)
        found.update(fresh)
    return found


def for_you_candidates(
    viewer, *, now: datetime.datetime, personalized: bool, follow_signature: str | None = None
) -> ranking.Candidates:
    """People I follow, then (personalized) my mutuals' circles, then global fresh and popular posts.

    Candidate ids come from cheap indexed queries (the follow timeline in Redis when fan-out is on, the shared
    global list from the cache); what ranking needs about them comes from the per-process feature cache
    (`post_features`). Visibility is checked when each page is read. Five queries at most, whatever the
    data size; usually one (the follow signature).
    """
    follow_window = now - datetime.timedelta(days=feed_setting("FEED_FOLLOW_WINDOW_DAYS"))
    if fanout_enabled():
        entries = timeline_read(
            user_id=viewer.pk,
            visible_posts=lambda: posts_visible_to(viewer),
            before=None,
            count=feed_setting("FEED_FOLLOW_CANDIDATES"),
            signature=follow_signature,
        ).entries
        follow_ids = [post_id for post_id, _ in entries]
    else:
        follow_ids = list(
            live_posts()
            .filter(author_id__in=followees(viewer.pk), created_at__gte=follow_window, created_at__lte=now)
            .order_by("-created_at", "-id")
            .values_list("id", flat=True)[: feed_setting("FEED_FOLLOW_CANDIDATES")]
        )
    circle_ids = circle_candidate_ids(viewer, now=now) if personalized else []
    shared = global_candidate_ids()
    global_ids = shared["fresh"] + shared["popular"] if personalized else shared["fresh"]

    source: dict[int, int] = {}
    for ids, code in ((global_ids, ranking.GLOBAL), (circle_ids, ranking.CIRCLE), (follow_ids, ranking.FOLLOW)):
        source.update(dict.fromkeys(ids, code))  # later lists win: follow over circle over global
    features = post_features(list(source))
    rows = np.array([features[post_id] or _NO_FEATURES for post_id in source], float)
    author, created, likes, comments, remixes, visibility = rows.reshape(-1, len(FEATURE_FIELDS)).T
    sources = np.fromiter(source.values(), np.int8, len(source))
    # A cheap first cut on the posts' own fields, so that pages rarely lose posts when they are read. It decides
    # nothing about visibility: every page is read through `visible_posts`, which alone does. Circle and global
    # posts are of people the viewer does not follow: only public ones can be shown.
    worth = (author != viewer.pk) & (created <= now.timestamp())
    worth &= np.where(
        sources == ranking.FOLLOW,
        (created >= follow_window.timestamp()) & (visibility != _PRIVATE),
        visibility == _PUBLIC,
    )
    return ranking.Candidates(
        np.fromiter(source, np.int64, len(source))[worth],
        author[worth].astype(np.int64),
        created[worth],
        likes[worth],
        comments[worth],
        remixes[worth],
        sources[worth],
    )


def circle_candidate_ids(viewer, *, now: datetime.datetime) -> list[int]:
    """Recent posts of the people my mutuals follow (not of those I follow), newest first.

    The costliest candidate query (two hops through the follow graph, ~10 ms), so a person's list is kept:
    fresh for FEED_CIRCLE_CACHE_S, then served while a `default` task recomputes it (kept four times as
    long, so only someone back after a long pause waits for it). Candidates only propose ids: every page
    still checks visibility when it is read.
    """
    cached = cache.get(_circle_key(viewer.pk))
    if cached is None:
        return circle_candidates_refresh(viewer.pk, now=now)["ids"]
    if cached["at"] + feed_setting("FEED_CIRCLE_CACHE_S") < time.time() and cache.add(
        _circle_key(viewer.pk) + ":refresh", 1, 60
    ):
        viewer_id = viewer.pk
        transaction.on_commit(lambda: tasks.feed_circle_refresh_task.apply_async(args=[viewer_id], queue=Queue.DEFAULT))
    return cached["ids"]


def _circle_key(user_id: int) -> str:
    return f"feed:circle:v2:{user_id}"


def circle_candidates_refresh(user_id: int, *, now: datetime.datetime) -> dict:
    """Compute a person's circle candidates now and keep them (see circle_candidate_ids)."""
    mutuals = (
        Follow.objects.filter(follower_id=user_id)
        .filter(Exists(Follow.objects.filter(follower_id=OuterRef("followee_id"), followee_id=user_id)))
        .values("followee_id")
    )
    circle_authors = Follow.objects.filter(follower_id__in=mutuals).values("followee_id")
    circle_window = now - datetime.timedelta(days=feed_setting("FEED_CIRCLE_WINDOW_DAYS"))
    ids = list(
        live_posts()
        .filter(author_id__in=circle_authors, created_at__gte=circle_window, created_at__lte=now)
        .exclude(author_id__in=followees(user_id))
        .order_by("-created_at", "-id")
        .values_list("id", flat=True)[: feed_setting("FEED_CIRCLE_CANDIDATES")]
    )
    circle = {"at": time.time(), "ids": ids}
    cache.set(_circle_key(user_id), circle, 4 * feed_setting("FEED_CIRCLE_CACHE_S"))
    cache.delete(_circle_key(user_id) + ":refresh")
    return circle


def global_candidate_ids() -> dict[str, list[int]]:
    """The newest public posts and the most liked recent ones, for everyone.

    Beat recomputes them every FEED_GLOBAL_CACHE_S / 2 (`global_candidates_refresh`), off the request path: the
    popular list sorts every public post of the last days by likes (31 ms for 28k posts here, growing with
    them). Without beat, once they are older than FEED_GLOBAL_CACHE_S one request recomputes them while the
    others keep using the previous lists (kept ten times as long), so an expiry never makes every concurrent
    request recompute. Each process keeps a copy while it is fresh."""
    local = _global_lists.get("shared")
    if local is not None and local["computed_at"] + feed_setting("FEED_GLOBAL_CACHE_S") > time.time():
        return local  # this process's copy, while it is fresh: no cache read on most first pages
    shared = cache.get(GLOBAL_CACHE_KEY)
    if shared is not None and (
        shared["computed_at"] + feed_setting("FEED_GLOBAL_CACHE_S") > time.time()
        or not cache.add(GLOBAL_CACHE_KEY + ":lock", 1, 30)
    ):
        _global_lists["shared"] = shared
        return shared
    shared = global_candidates_refresh()
    cache.delete(GLOBAL_CACHE_KEY + ":lock")
    return shared


def global_candidates_refresh() -> dict:
    """Compute the shared global lists now and keep them in the cache (and this process)."""
    now = timezone.now()
    live = live_posts().filter(visibility=Post.Visibility.PUBLIC)
    count = feed_setting("FEED_GLOBAL_CANDIDATES")
    window = now - datetime.timedelta(days=feed_setting("FEED_GLOBAL_WINDOW_DAYS"))
    shared = {
        "computed_at": time.time(),
        "fresh": list(live.order_by("-created_at", "-id").values_list("id", flat=True)[:count]),
        "popular": list(
            live.filter(created_at__gte=window).order_by("-like_count", "-id").values_list("id", flat=True)[:count]
        ),
    }
    cache.set(GLOBAL_CACHE_KEY, shared, 10 * feed_setting("FEED_GLOBAL_CACHE_S"))
    _global_lists["shared"] = shared
    return shared


def _steering_similarities(
    post_ids: np.ndarray, steering: Steering | None
) -> tuple[np.ndarray | None, np.ndarray | None]:
    """Each post's centred similarity to the steering's "more" and "less" clauses (see
    feed.steering.steering_similarities), NaN for a post with no embedding yet; None: no such clauses."""
    if steering is None or not len(post_ids):
        return None, None
    more = vectors_from_bytes(steering.more_vectors)
    less = vectors_from_bytes(steering.less_vectors)
    if more is None and less is None:
        return None, None
    ids = post_ids.tolist()
    vectors = post_embeddings(ids)
    embedded = [row for row, post_id in enumerate(ids) if post_id in vectors]
    if not embedded:
        return None, None
    matrix = np.concatenate([vectors[ids[row]] for row in embedded]).reshape(len(embedded), -1)
    similarities = []
    for found in steering_similarities(matrix, more=more, less=less):
        if found is None:
            similarities.append(None)
            continue
        aligned = np.full(len(ids), np.nan)
        aligned[embedded] = found
        similarities.append(aligned)
    return similarities[0], similarities[1]


def post_embeddings(post_ids: list[int]) -> dict[int, np.ndarray]:
    """Embeddings of posts (those computed so far), from a per-process cache read again within twice
    FEED_FEATURES_TTL_S (a caption edit embeds a post again)."""
    found: dict[int, np.ndarray] = _embeddings.get_many(post_ids)
    missing = [post_id for post_id in post_ids if post_id not in found]
    if missing:
        rows = Post.objects.filter(pk__in=missing, embedding__isnull=False).values_list("id", "embedding")
        fresh = {
            post_id: np.frombuffer(bytes(blob), dtype=np.float32)
            for post_id, blob in rows
            if blob and len(blob) == EMBEDDING_DIM * 4
        }
        found.update(fresh)
        _embeddings.put_many(fresh)
    return found
