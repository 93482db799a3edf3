"""The `following` feed: posts of the people the viewer follows, newest first, as pages of visible items.

Reads only. With FEED_FANOUT the ids come from the viewer's Redis timeline (feed.timelines); past a capped
timeline's end, or without Redis, PostgreSQL serves the same keyset from its (created_at, id) index. Every
page is read through `visible_posts` (feed.hot_queries); the daily cap and the page accounting are applied by
the caller (feed.services.serving, through feed.viewing_limits).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser

from feed.cursors import from_micros, micros
from feed.hot_queries import PostItem, large_author_posts, newest_post_items, post_items_by_id
from feed.selectors import posts_visible_to
from feed.timelines import fanout_enabled, timeline_read


@dataclass
class FeedSlice:
    """One page: visible posts with their reason codes, and where the next page starts (None: the end)."""

    items: list[tuple[PostItem, str]]
    next_position: dict | None
    # The key under which this page is counted once per day (a retry of the same page is not counted again).
    page_key: str = ""


def feed_following(
    viewer: AbstractBaseUser, *, position: dict | None, page_size: int, follow_signature: str | None = None
) -> FeedSlice:
    """Posts of the people the viewer follows, newest first, by keyset on (created_at, id).

    `follow_signature`: see `feed.timelines.timeline_read`.
    """
    before = (int(position["c"]), int(position["i"])) if position else None
    if fanout_enabled() and (position is None or position.get("m") != "pg"):
        return _following_from_timeline(viewer, before=before, page_size=page_size, signature=follow_signature)
    return _following_from_database(viewer, before=before, page_size=page_size)


def _following_from_database(viewer, *, before: tuple[int, int] | None, page_size: int) -> FeedSlice:
    position = (from_micros(before[0]), before[1]) if before else None
    page = newest_post_items(viewer, limit=page_size + 1, before=position, following_only=True)
    more = len(page) > page_size
    page = page[:page_size]
    next_position = {"m": "pg", "c": micros(page[-1].created_at), "i": page[-1].id} if more and page else None
    return FeedSlice([(item, "follow") for item in page], next_position, _page_key("following", before, page))


def _following_from_timeline(
    viewer, *, before: tuple[int, int] | None, page_size: int, signature: str | None
) -> FeedSlice:
    entries, continue_on_database, large = timeline_read(
        user_id=viewer.pk,
        visible_posts=lambda: posts_visible_to(viewer),
        before=before,
        count=page_size,
        signature=signature,
    )
    timeline_full = len(entries) >= page_size
    page_full = timeline_full
    if large:
        # Posts of followed authors too large to fan out, from PostgreSQL by the same keyset, merged in.
        merged = dict(_large_author_entries(viewer, authors=large, before=before, count=page_size))
        merged.update(entries)  # a post fanned out before its author grew large is in both
        entries = sorted(merged.items(), key=lambda entry: (entry[1], entry[0]), reverse=True)
        page_full = len(entries) >= page_size
        entries = entries[:page_size]
    ids = [post_id for post_id, _ in entries]
    found = post_items_by_id(viewer, ids, following_only=True)
    page = [found[post_id] for post_id in ids if post_id in found]
    if timeline_full:
        next_position = {"m": "rd", "c": entries[-1][1], "i": entries[-1][0]}
    elif continue_on_database and (entries or before):
        # The capped timeline ended: PostgreSQL continues (for everyone followed, large authors included).
        post_id, score = entries[-1] if entries else (before[1], before[0])
        next_position = {"m": "pg", "c": score, "i": post_id}
    elif page_full:
        next_position = {"m": "rd", "c": entries[-1][1], "i": entries[-1][0]}
    else:
        next_position = None
    return FeedSlice([(item, "follow") for item in page], next_position, _page_key("following", before, page))


def _large_author_entries(viewer, *, authors: list[int], before: tuple[int, int] | None, count: int) -> list[tuple[int, int]]:
    """(post id, score) of the newest posts by the large authors the viewer follows, older than `before`."""
    position = (from_micros(before[0]), before[1]) if before else None
    keys = large_author_posts(viewer_id=viewer.pk, authors=authors, before=position, count=count)
    return [(key.id, micros(key.created_at)) for key in keys]


def _page_key(kind: str, before, page: list[PostItem]) -> str:
    first = page[0].id if page else 0
    return f"{kind}:{before[0] if before else 'top'}:{first}"[:64]
