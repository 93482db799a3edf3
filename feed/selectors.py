"""Reads about posts. `posts_visible_to` is THE definition of who may see a post; every read path uses it."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects
from django.utils import timezone

from cameos.models import Cameo
from feed.models import Comment, Like, Post, Steering
from sora_social.accounts.models import Block, Follow

# Columns a page never needs: the embedding (1.5 KB a post) and the job's bookkeeping.
HEAVY_FIELDS = (
    "embedding",
    "job__render_metrics",
    "job__state_times",
    "job__consent_pins",
    "job__manifest_label",
)


def without_blocks(queryset: QuerySet, *, viewer_id: int, author_field: str = "author_id") -> QuerySet:
    """Drop rows whose author and the viewer blocked each other, in either direction (two indexed NOT EXISTS)."""
    author = OuterRef(author_field)
    return queryset.exclude(Exists(Block.objects.filter(blocker_id=viewer_id, blocked_id=author))).exclude(
        Exists(Block.objects.filter(blocker_id=author, blocked_id=viewer_id))
    )


def posts_visible_to(viewer: AbstractBaseUser) -> QuerySet[Post]:
    """Every post the viewer may see right now.

    Hidden: deleted posts, posts a moderator took down, posts whose cameo consent was withdrawn, posts of
    authors who are banned, deactivated or suspended now, posts of people blocked either way, followers-only
    posts of people the viewer does not follow, and private posts of others.
    """
    author = OuterRef("author_id")
    viewer_follows_author = Exists(Follow.objects.filter(follower_id=viewer.pk, followee_id=author))
    live = Post.objects.filter(
        deleted_at__isnull=True,
        taken_down_at__isnull=True,
        consent_revoked_at__isnull=True,
        author__is_active=True,
        author__banned_at__isnull=True,
    ).filter(Q(author__suspended_until__isnull=True) | Q(author__suspended_until__lte=timezone.now()))
    return (
        without_blocks(live, viewer_id=viewer.pk)
        .filter(
            Q(author_id=viewer.pk)
            | Q(visibility=Post.Visibility.PUBLIC)
            | (Q(visibility=Post.Visibility.FOLLOWERS) & Q(viewer_follows_author))
        )
    )


def post_visible_to(*, post_id: int, viewer: AbstractBaseUser) -> Post | None:
    """One post if the viewer may see it; None for a missing and a hidden post alike."""
    return posts_visible_to(viewer).filter(pk=post_id).select_related("job", "author").defer(*HEAVY_FIELDS).first()


def posts_for_items(queryset: QuerySet[Post]) -> QuerySet[Post]:
    """Visible posts with the rows an item shows joined in (author and profile, job). Few joins on purpose:
    PostgreSQL's planning time grows fast with each joined table, and it dominates a 20-row page."""
    return queryset.select_related("author__profile", "job").defer(*HEAVY_FIELDS)


def items_decorate(viewer: AbstractBaseUser, posts: list[Post], *, visible: QuerySet[Post] | None = None) -> list[Post]:
    """Add the viewer's state to posts already read: `liked`, `parent_handle` (None when the remix parent is
    hidden from the viewer), and the cameos.

    At most three queries for any number of posts, each bounded by the page's ids. (Written as EXISTS
    annotations on the page query, PostgreSQL may hash the whole visible-posts set once per request, because
    it plans the subquery for the unlimited row count.)
    """
    if not posts:
        return posts
    ids = [post.pk for post in posts]
    liked = set(Like.objects.filter(user_id=viewer.pk, post_id__in=ids).values_list("post_id", flat=True))
    parent_ids = {post.parent_id for post in posts if post.parent_id}
    visible_parents = (
        dict((visible if visible is not None else posts_visible_to(viewer)).filter(pk__in=parent_ids).values_list("pk", "author__handle"))
        if parent_ids
        else {}
    )
    prefetch_related_objects(posts, Prefetch("job__cameos", queryset=Cameo.objects.only("id", "handle").order_by("id")))
    for post in posts:
        post.liked = post.pk in liked
        post.parent_handle = visible_parents.get(post.parent_id)
    return posts


def post_items_by_id(
    viewer: AbstractBaseUser, ids: list[int], *, visible: QuerySet[Post] | None = None
) -> dict[int, Post]:
    """The visible ones among these posts, as items, by id (hidden ones are simply absent).

    `visible` is `posts_visible_to(viewer)` when the caller already built it (building it costs more than
    running it on a page of ids).
    """
    if not ids:
        return {}
    visible = posts_visible_to(viewer) if visible is None else visible
    posts = list(posts_for_items(visible.filter(pk__in=ids)))
    return {post.pk: post for post in items_decorate(viewer, posts, visible=visible)}


def comments_of(*, post: Post, viewer: AbstractBaseUser) -> QuerySet[Comment]:
    """Comments on a post the viewer can see, without deleted ones and those of people hidden from the viewer."""
    comments = Comment.objects.filter(
        post=post,
        deleted_at__isnull=True,
        taken_down_at__isnull=True,
        author__is_active=True,
        author__banned_at__isnull=True,
    )
    return without_blocks(comments, viewer_id=viewer.pk).select_related("author__profile")


def steering_of(user: AbstractBaseUser) -> Steering | None:
    return Steering.objects.filter(user_id=user.pk).first()
