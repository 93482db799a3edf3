"""Serving lists of videos: a feed page (For You or following) and a page of the newest posts, each with the
viewer's limits applied (feed.viewing_limits) and wellness check-ins on the feed."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.db import transaction

from feed import for_you, tasks  # modules, not their names: tasks imports services back (see feed/tasks.py)
from feed.conf import feed_setting
from feed.cursors import cursor_decode, cursor_encode, from_micros, micros
from feed.following import FeedSlice, feed_following
from feed.hot_queries import PostItem, newest_post_items, post_items_by_id, steering_of, viewer_reads
from feed.selectors import PostError, post_not_found
from feed.timelines import fanout_enabled
from feed.viewing_limits import viewing_allowance
from sora_social.accounts.limits import limits_for
from sora_social.accounts.models import User
from sora_social.celery import Queue

FEED_KINDS = ("for_you", "following")
POSTS_PAGE_SIZE = 20
POSTS_MAX_PAGE_SIZE = 50


@dataclass
class FeedPage:
    """What the feed endpoint answers: a state, items, a next cursor, and the limits in force."""

    kind: str
    state: str  # "ok", "daily_limit_reached" or "continuous_scroll_off"
    items: list[tuple[PostItem, str]] = field(default_factory=list)
    next_cursor: str | None = None
    check_in: dict | None = None
    limits: dict = field(default_factory=dict)
    message: str = ""
    # What the person asked for more of, for items shown because they match it ("matches your steering: x").
    steering_label: str = ""


def feed_serve(
    *, viewer: AbstractBaseUser, kind: str, cursor: str | None = None, page_size: int | None = None
) -> FeedPage:
    """One feed page for a viewer, with their limits applied (feed.viewing_limits, numbers from `limits_for`):

    - a daily cap on videos served: past it, the state is `daily_limit_reached` (not an empty page);
    - continuous scroll off: one page, then `continuous_scroll_off`;
    - personalized ranking off: For You is the people they follow plus global recent posts, newest first.
    A wellness check-in item comes every WELLNESS_CHECK_EVERY_VIDEOS videos or _MINUTES minutes a day.
    """
    if kind not in FEED_KINDS:
        # A malformed query parameter, so 400 like any request that does not match its documented shape.
        raise PostError("feed_kind_invalid", "The feed kind is for_you or following.", 400)
    page_size = max(1, min(page_size or feed_setting("FEED_PAGE_SIZE"), feed_setting("FEED_MAX_PAGE_SIZE")))
    position = cursor_decode(cursor, viewer_id=viewer.pk, kind=kind) if cursor else None
    limits = limits_for(viewer)
    # Read with the feed day: the steering for For You (a first page ranks with it, a next page may label
    # items with it), and the follow signature that checks the Redis timeline `following` and For You's first
    # pages read.
    reads = viewer_reads(
        viewer.pk,
        with_steering=kind == "for_you" and limits.personalized_feed,
        with_follow_signature=fanout_enabled() and (kind == "following" or position is None),
    )
    allowance = viewing_allowance(viewer, next_page=position is not None, limits=limits, day=reads.day)
    page = FeedPage(kind=kind, state=allowance.state, limits=allowance.limits_payload())
    if allowance.state != "ok":
        page.message = allowance.message
        return page

    if kind == "following":
        chunk: FeedSlice = feed_following(
            viewer, position=position, page_size=page_size, follow_signature=reads.follow_signature
        )
    else:
        chunk = for_you.feed_for_you(
            viewer,
            position=position,
            page_size=page_size,
            personalized=limits.personalized_feed,
            steering=reads.steering,
            follow_signature=reads.follow_signature,
        )
    if kind == "for_you" and position is None:
        _schedule_rank_ahead(viewer)
    page_key = f"{kind}:{chunk.page_key}"[:64]
    if any(reason == "steering" for _, reason in chunk.items) and reads.steering:
        page.steering_label = reads.steering.more_label
    page.items = allowance.fit(chunk.items, page_key=page_key)
    if chunk.next_position is not None and allowance.offers_next_page():
        page.next_cursor = cursor_encode(viewer_id=viewer.pk, kind=kind, **chunk.next_position)
    page.check_in = allowance.count(served=len(page.items), page_key=page_key)
    # Read again after the count: what this page served, and for a capped viewer when it stops counting.
    page.limits = allowance.limits_payload()
    return page


def _rank_ahead_pending_key(user_id: int) -> str:
    return f"feed:fy:ahead:{user_id}"


def _schedule_rank_ahead(viewer: AbstractBaseUser) -> None:
    """Once the page is committed, rank the person's next first page on the `default` queue (one pending
    task per person)."""
    if not feed_setting("FEED_RANK_AHEAD") or not cache.add(_rank_ahead_pending_key(viewer.pk), 1, 60):
        return
    transaction.on_commit(lambda: tasks.for_you_rank_ahead_task.apply_async(args=[viewer.pk], queue=Queue.DEFAULT))


def for_you_rank_ahead(*, user_id: int) -> bool:
    """Rank a person's next For You first page ahead of time (see feed.for_you.for_you_ranking_store)."""
    cache.delete(_rank_ahead_pending_key(user_id))
    viewer = User.objects.filter(pk=user_id, is_active=True, banned_at__isnull=True).first()
    if viewer is None:
        return False
    personalized = limits_for(viewer).personalized_feed
    steering = steering_of(viewer.pk) if personalized else None
    for_you.for_you_ranking_store(viewer, personalized=personalized, steering=steering)
    return True


@dataclass
class PostsPage:
    """A page of the newest posts: a state (see feed.viewing_limits.LIST_STATES), items, a next cursor."""

    state: str
    message: str = ""
    items: list[PostItem] = field(default_factory=list)
    next_cursor: str | None = None


def posts_list(
    *, viewer: AbstractBaseUser, author: str | None = None, cursor: str | None = None, page_size: int | None = None
) -> PostsPage:
    """The newest posts the viewer may see (optionally one @handle's): one indexed keyset page. A teen's daily
    cap and continuous-scroll setting apply here as on the feed."""
    size = max(1, min(page_size or POSTS_PAGE_SIZE, POSTS_MAX_PAGE_SIZE))
    handle = author.lstrip("@").lower() if author else None
    kind = f"posts:{author or ''}"
    before = None
    if cursor:
        position = cursor_decode(cursor, viewer_id=viewer.pk, kind=kind)
        before = (from_micros(int(position["c"])), int(position["i"]))
    allowance = viewing_allowance(viewer, next_page=before is not None)
    if allowance.state != "ok":
        return PostsPage(allowance.state, allowance.message)
    items = newest_post_items(viewer, limit=size + 1, before=before, author_handle=handle)
    next_cursor = None
    if len(items) > size:
        items = items[:size]
        next_cursor = cursor_encode(viewer_id=viewer.pk, kind=kind, c=micros(items[-1].created_at), i=items[-1].id)
    if items:
        page_key = f"posts:{handle or ''}:{items[0].id}-{items[-1].id}"
        items = allowance.fit(items, page_key=page_key)
        allowance.count(served=len(items), page_key=page_key, shows_check_in=False)
    if not allowance.offers_next_page():
        next_cursor = None
    return PostsPage("ok", "", items, next_cursor)


def post_open(*, viewer: AbstractBaseUser, post_id: int) -> PostItem:
    """One post, opened by its id (a shared link, a notification), counted against a teen's daily cap like a page of
    one video. Past the cap it is refused with `daily_limit_reached`, or every link was a way around the cap. The
    viewer's own posts are theirs to see at any count, and are not counted."""
    item = post_items_by_id(viewer, [post_id]).get(post_id)
    if item is None:
        raise post_not_found()
    if item.author_id == viewer.pk:
        return item
    allowance = viewing_allowance(viewer, next_page=False)
    if allowance.state == "daily_limit_reached":
        raise PostError("daily_limit_reached", allowance.message, 403)
    page_key = f"post:{item.id}"
    if allowance.fit([item], page_key=page_key):
        allowance.count(served=1, page_key=page_key, shows_check_in=False)
    return item
