"""Reads about remixes and lineage, always through feed's definition of visibility (feed.selectors)."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q, QuerySet
from django.utils import timezone

from feed.hot_queries import PostItem, post_items_by_id
from feed.models import Post
from feed.selectors import live_posts, posts_visible_to
from remix.models import RemixAncestry


def counted_remixes() -> QuerySet[Post]:
    """What a post's `remix_count` counts: the remixes of it that anyone may see, blocks aside (a count is one number
    for everyone, as comments' is). Public, live (not deleted, not taken down, no cameo withdrawn), by a member who is
    active, not banned and not suspended now. A private or followers-only remix counted told everyone who saw the
    parent of a post they may not see, and so did a hidden one (round 2 on remixes: taken down, removed by its cameo's
    owner, its author banned, deactivated or deleted; then suspended). A suspension that ends by itself is counted
    again by the hourly sweep (remix.services.remix_counts_recount_after_suspensions)."""
    return live_posts().filter(
        Q(author__suspended_until__isnull=True) | Q(author__suspended_until__lte=timezone.now()),
        parent__isnull=False,
        visibility=Post.Visibility.PUBLIC,
        author__is_active=True,
        author__banned_at__isnull=True,
    )


def remixes_of(*, post: Post, viewer: AbstractBaseUser) -> QuerySet[Post]:
    """The published remixes of a post that the viewer may see (a page of them becomes items through
    feed.hot_queries.post_items_by_id)."""
    return posts_visible_to(viewer).filter(parent_id=post.pk).only("id", "created_at")


def lineage_of(*, post: Post, viewer: AbstractBaseUser) -> list[tuple[int, PostItem | None]]:
    """The ancestors of a post, nearest first, as (depth, item); a post the viewer may not see is None.

    A constant number of queries whatever the depth: the ancestry, then the visible ancestors as items.
    """
    ancestry = list(RemixAncestry.objects.filter(descendant_id=post.pk).order_by("depth").values_list("ancestor_id", "depth"))
    visible = post_items_by_id(viewer, [ancestor_id for ancestor_id, _ in ancestry])
    return [(depth, visible.get(ancestor_id)) for ancestor_id, depth in ancestry]
