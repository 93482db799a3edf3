"""Per-user `following` timelines in Redis sorted sets, filled by fan-out on write (behind FEED_FANOUT).

- A timeline is `{prefix}tl:{user_id}`: member = post id, score = the post's created_at in microseconds,
  capped to FEED_TIMELINE_MAX newest entries and expiring after FEED_ACTIVE_DAYS without a read.
- `{prefix}active` scores each reader by the time of their last read; only active people get fan-out.
- `{prefix}tlmeta:{user_id}` holds the follow signature the timeline was built for. When the person's follows
  changed (count or newest follow id), the timeline is rebuilt from PostgreSQL on the next read, so follows and
  unfollows need no hook into the accounts app.
- `{prefix}large` is the set of authors with more followers than FEED_FANOUT_MAX_FOLLOWERS; their posts are not
  fanned out but merged into each reader's page at read time.
Redis only ever holds ids: every page is still read through `posts_visible_to`, so a takedown, a revocation,
a block or a deletion hides a post at once even though its id stays in some timelines.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import NamedTuple

import redis
from django.conf import settings
from django.db.models import QuerySet

from feed.conf import feed_setting
from feed.cursors import micros
from feed.hot_queries import follow_signature
from feed.models import Post
from sora_social.accounts.models import Follow

_client = None
_client_lock = threading.Lock()


def fanout_enabled() -> bool:
    """FEED_FANOUT is a project setting (sora_social/settings/product.py, from the environment); it needs Redis."""
    return bool(settings.FEED_FANOUT and settings.REDIS_URL)


def redis_client():
    """One Redis connection pool per process, for REDIS_URL."""
    global _client
    if _client is None:
        with _client_lock:
            if _client is None:
                _client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2)
    return _client


def _key(*parts) -> str:
    return feed_setting("FEED_REDIS_PREFIX") + ":".join(str(part) for part in parts)


def timeline_rebuild(*, user_id: int, signature: str, visible_posts: Callable[[], QuerySet[Post]]) -> int:
    """Fill a timeline from PostgreSQL: the newest posts of the people this person follows."""
    limit = feed_setting("FEED_TIMELINE_MAX")
    rows = list(
        visible_posts()
        .filter(author_id__in=Follow.objects.filter(follower_id=user_id).values("followee_id"))
        .order_by("-created_at", "-id")
        .values_list("id", "created_at")[:limit]
    )
    ttl = feed_setting("FEED_ACTIVE_DAYS") * 86400
    pipe = redis_client().pipeline(transaction=True)
    pipe.delete(_key("tl", user_id))
    if rows:
        pipe.zadd(_key("tl", user_id), {str(post_id): micros(created) for post_id, created in rows})
        pipe.expire(_key("tl", user_id), ttl)
    pipe.hset(_key("tlmeta", user_id), mapping={"sig": signature})
    pipe.expire(_key("tlmeta", user_id), ttl)
    pipe.execute()
    return len(rows)


class TimelineRead(NamedTuple):
    # Up to `count` (post id, score) entries, newest first.
    entries: list[tuple[int, int]]
    # The timeline ended because it is capped: the caller continues on PostgreSQL.
    continue_on_database: bool
    # Authors with more followers than FEED_FANOUT_MAX_FOLLOWERS: their posts are not fanned out, and
    # `following` merges them in at read time (a handful of people, one small Redis set).
    large_authors: list[int]


def timeline_read(
    *,
    user_id: int,
    visible_posts: Callable[[], QuerySet[Post]],
    before: tuple[int, int] | None,
    count: int,
    signature: str | None = None,
) -> TimelineRead:
    """Up to `count` entries older than `before` and the large authors, in one round trip to Redis (plus one
    query for the follow signature, unless the caller read it already: `signature`). Rebuilds a stale timeline
    first, from `visible_posts()` (called only then), and reads it again.
    """
    client = redis_client()
    pipe = client.pipeline(transaction=False)
    pipe.zadd(_key("active"), {str(user_id): time.time()})
    pipe.hgetall(_key("tlmeta", user_id))
    pipe.zcard(_key("tl", user_id))
    pipe.smembers(_key("large"))
    _queue_entries(pipe, user_id=user_id, before=before, count=count)
    _, meta, size, large, raw = pipe.execute()
    if signature is None:
        signature = follow_signature(user_id)
    if meta.get(b"sig", b"").decode() != signature:
        size = timeline_rebuild(user_id=user_id, signature=signature, visible_posts=visible_posts)
        pipe = client.pipeline(transaction=False)
        _queue_entries(pipe, user_id=user_id, before=before, count=count)
        (raw,) = pipe.execute()
    pairs = _score_pairs(raw)
    entries: list[tuple[int, int]] = []
    for member, score in pairs:
        post_id, score = int(member), int(float(score))
        if before is not None and score == before[0] and post_id >= before[1]:
            continue
        entries.append((post_id, score))
    exhausted = len(pairs) < count + 4
    # A timeline at its cap may have dropped older posts; past its end, PostgreSQL continues.
    capped = size >= feed_setting("FEED_TIMELINE_MAX")
    return TimelineRead(entries[:count], exhausted and capped, sorted(int(member) for member in large))


def _score_pairs(raw: list) -> list:
    """(member, score) pairs of a raw sorted-set reply: [[member, score], ...] in RESP3, flat in RESP2. Scores
    are whole microseconds below 2**53, so exact as floats."""
    if raw and isinstance(raw[0], list | tuple):
        return raw
    return list(zip(raw[::2], raw[1::2], strict=True))


def _queue_entries(pipe, *, user_id: int, before: tuple[int, int] | None, count: int) -> None:
    """Queue the read of a timeline's entries at or below `before`'s score: a few more than `count`, since those
    with the cursor's exact score are filtered out. Sent as a raw command, so redis-py returns the reply as it
    was parsed: its `zrevrangebyscore(withscores=True)` turns each score into text and back into a float to
    keep an old reply shape, which took 1.2 ms for 200 entries."""
    high = "+inf" if before is None else before[0]
    pipe.execute_command(
        "ZREVRANGEBYSCORE", _key("tl", user_id), high, "-inf", "WITHSCORES", "LIMIT", 0, count + 4
    )


def fan_out(*, post: Post) -> int:
    """Push a new post into the timelines of the author's active followers; returns how many got it.

    An author past FEED_FANOUT_MAX_FOLLOWERS is marked large instead (and unmarked once back under it)."""
    if post.visibility == Post.Visibility.PRIVATE:
        return 0
    followers = list(Follow.objects.filter(followee_id=post.author_id).values_list("follower_id", flat=True))
    client = redis_client()
    if len(followers) > feed_setting("FEED_FANOUT_MAX_FOLLOWERS"):
        client.sadd(_key("large"), str(post.author_id))
        return 0
    client.srem(_key("large"), str(post.author_id))
    if not followers:
        return 0
    cutoff = time.time() - feed_setting("FEED_ACTIVE_DAYS") * 86400
    active: list[int] = []
    for start in range(0, len(followers), 1000):
        chunk = followers[start : start + 1000]
        scores = client.zmscore(_key("active"), [str(user_id) for user_id in chunk])
        active.extend(user_id for user_id, seen in zip(chunk, scores, strict=True) if seen and seen >= cutoff)
    limit = feed_setting("FEED_TIMELINE_MAX")
    score = micros(post.created_at)
    ttl = feed_setting("FEED_ACTIVE_DAYS") * 86400
    for start in range(0, len(active), 500):
        pipe = client.pipeline(transaction=False)
        for user_id in active[start : start + 500]:
            key = _key("tl", user_id)
            pipe.zadd(key, {str(post.pk): score})
            pipe.zremrangebyrank(key, 0, -(limit + 1))
            pipe.expire(key, ttl)
        pipe.execute()
    return len(active)


def timelines_forget(*, user_ids: list[int]) -> None:
    """Drop timelines (tests, and a person who deleted their account)."""
    client = redis_client()
    keys = [_key("tl", user_id) for user_id in user_ids] + [_key("tlmeta", user_id) for user_id in user_ids]
    if keys:
        client.delete(*keys)
    client.zrem(_key("active"), *[str(user_id) for user_id in user_ids])
