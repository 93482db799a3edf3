"""Reads about posts. `posts_visible_to` is THE definition of who may see a post; every read path uses it."""

from __future__ import annotations

import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from feed.models import Comment, Like, Post, Steering
from generation.models import GenerationJob
from sora_social.accounts.models import Block, Follow
from sora_social.compiled_query import CompiledQuery, Param, instance_from_row

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


def followees(viewer_id: int) -> QuerySet:
    """Ids of the people the viewer follows, as a subquery."""
    return Follow.objects.filter(follower_id=viewer_id).values("followee_id")


def visible_posts(*, viewer_id: int, now: datetime.datetime) -> QuerySet[Post]:
    """Every post the viewer may see at `now`.

    Hidden: deleted posts, posts a moderator took down, posts whose cameo consent was withdrawn, posts of
    authors who are banned, deactivated or suspended now, posts of people blocked either way, followers-only
    posts of people the viewer does not follow, and private posts of others.
    """
    author = OuterRef("author_id")
    viewer_follows_author = Exists(Follow.objects.filter(follower_id=viewer_id, followee_id=author))
    live = Post.objects.filter(
        deleted_at__isnull=True,
        taken_down_at__isnull=True,
        consent_revoked_at__isnull=True,
        author__is_active=True,
        author__banned_at__isnull=True,
    ).filter(Q(author__suspended_until__isnull=True) | Q(author__suspended_until__lte=now))
    return without_blocks(live, viewer_id=viewer_id).filter(
        Q(author_id=viewer_id)
        | Q(visibility=Post.Visibility.PUBLIC)
        | (Q(visibility=Post.Visibility.FOLLOWERS) & Q(viewer_follows_author))
    )


def posts_visible_to(viewer: AbstractBaseUser) -> QuerySet[Post]:
    """Every post the viewer may see right now: THE definition of visibility (see `visible_posts`)."""
    return visible_posts(viewer_id=viewer.pk, now=timezone.now())


def post_visible_to(*, post_id: int, viewer: AbstractBaseUser) -> Post | None:
    """One post if the viewer may see it; None for a missing and a hidden post alike."""
    return posts_visible_to(viewer).filter(pk=post_id).select_related("job", "author").defer(*HEAVY_FIELDS).first()


# ---- items: what every read path answers with --------------------------------------------------------
#
# Items are read as `.values()` rows through compiled queries (sora_social.compiled_query): building and
# compiling the visibility query costs more than running it, and model instances for three joined tables
# cost more again. Every query below is `visible_posts` plus a filter, so visibility keeps one definition.

ITEM_FIELDS = (
    "id",
    "author_id",
    "caption",
    "visibility",
    "allow_remix",
    "parent_id",
    "like_count",
    "comment_count",
    "view_count",
    "remix_count",
    "created_at",
    "author__handle",
    "author__profile__display_name",
    "job_id",
    "job__prompt",
    "job__duration_s",
    "job__aspect_ratio",
    "job__video",
    "job__poster",
)


def item_values(posts: QuerySet[Post], *, viewer_id: int) -> QuerySet:
    """Posts as item rows: ITEM_FIELDS, whether the viewer liked each and, on PostgreSQL, the handles of the
    cameos in each (`items_decorate` reads those in a query of their own elsewhere). Each is a subquery of the
    same statement: under load every round trip to the database waits its turn for a core."""
    annotations = {"liked": Exists(Like.objects.filter(user_id=viewer_id, post_id=OuterRef("pk")))}
    if connections[posts.db].vendor == "postgresql":
        in_job = GenerationJob.cameos.through.objects.filter(generationjob_id=OuterRef("job_id"))
        annotations["cameos"] = ArraySubquery(in_job.order_by("cameo_id").values("cameo__handle"))
    return posts.annotate(**annotations).values(*ITEM_FIELDS, *annotations)


def _items_by_id_query(*, viewer_id, now, ids, variant):
    """variant: only posts of people the viewer follows."""
    posts = visible_posts(viewer_id=viewer_id, now=now).filter(pk__in_array=ids)
    if variant:
        posts = posts.filter(author_id__in=followees(viewer_id))
    return item_values(posts.order_by(), viewer_id=viewer_id)


ITEMS_BY_ID = CompiledQuery(_items_by_id_query, viewer_id=Param.INT, now=Param.DATETIME, ids=Param.INT_LIST)


def _newest_query(*, viewer_id, now, before_created, before_id, variant, author=None):
    """Newest visible posts older than the keyset position (created_at, id). variant = (limit, only people the
    viewer follows); a first page starts from a position after every post (END_OF_TIME)."""
    limit, following_only = variant
    posts = visible_posts(viewer_id=viewer_id, now=now).filter(
        Q(created_at__lt=before_created) | Q(created_at=before_created, id__lt=before_id)
    )
    if author is not None:
        posts = posts.filter(author__handle=author)
    if following_only:
        posts = posts.filter(author_id__in=followees(viewer_id))
    return item_values(posts.order_by("-created_at", "-id"), viewer_id=viewer_id)[:limit]


_NEWEST_PARAMS = {"viewer_id": Param.INT, "now": Param.DATETIME, "before_created": Param.DATETIME, "before_id": Param.INT}
NEWEST = CompiledQuery(_newest_query, **_NEWEST_PARAMS)
NEWEST_BY_AUTHOR = CompiledQuery(_newest_query, **_NEWEST_PARAMS, author=Param.STR)

CAMEOS = CompiledQuery(
    lambda *, job_ids, variant: GenerationJob.cameos.through.objects.filter(generationjob_id__in_array=job_ids)
    .order_by("cameo_id")
    .values("generationjob_id", "cameo__handle"),
    job_ids=Param.INT_LIST,
)

PARENTS = CompiledQuery(
    lambda *, viewer_id, now, ids, variant: visible_posts(viewer_id=viewer_id, now=now)
    .filter(pk__in_array=ids)
    .order_by()
    .values("id", "author__handle"),
    viewer_id=Param.INT,
    now=Param.DATETIME,
    ids=Param.INT_LIST,
)

# The keyset position of a first page: after every post.
END_OF_TIME = (datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC), 0)


def items_decorate(*, viewer_id: int, now: datetime.datetime, rows: list[dict]) -> list[dict]:
    """Add to item rows (`item_values`) what their own query does not give: `parent_handle` (None when the remix
    parent is hidden from the viewer) and, where it did not read them (SQLite), `cameos` (handles). At most two
    queries for any number of rows."""
    if not rows:
        return rows
    parent_ids = sorted({row["parent_id"] for row in rows if row["parent_id"]})
    parents = (
        {row["id"]: row["author__handle"] for row in PARENTS.rows(viewer_id=viewer_id, now=now, ids=parent_ids)}
        if parent_ids
        else {}
    )
    for row in rows:
        row["parent_handle"] = parents.get(row["parent_id"])
    if "cameos" not in rows[0]:
        cameos: dict[int, list[str]] = {}
        for row in CAMEOS.rows(job_ids=[row["job_id"] for row in rows]):
            cameos.setdefault(row["generationjob_id"], []).append(row["cameo__handle"])
        for row in rows:
            row["cameos"] = cameos.get(row["job_id"], [])
    return rows


def visible_item_rows(
    viewer_id: int, ids: list[int], *, now: datetime.datetime, following_only: bool = False
) -> dict[int, dict]:
    """The visible ones among these posts, as undecorated item rows by id (one query)."""
    if not ids:
        return {}
    return {row["id"]: row for row in ITEMS_BY_ID.rows(following_only, viewer_id=viewer_id, now=now, ids=ids)}


def post_items_by_id(
    viewer: AbstractBaseUser, ids: list[int], *, now: datetime.datetime | None = None, following_only: bool = False
) -> dict[int, dict]:
    """The visible ones among these posts (optionally only those of people the viewer follows), as decorated
    item rows by id; hidden ones are simply absent. Three queries at most."""
    if not ids:
        return {}
    now = now or timezone.now()
    rows = list(visible_item_rows(viewer.pk, ids, now=now, following_only=following_only).values())
    return {row["id"]: row for row in items_decorate(viewer_id=viewer.pk, now=now, rows=rows)}


def newest_post_items(
    viewer: AbstractBaseUser,
    *,
    limit: int,
    before: tuple[datetime.datetime, int] | None = None,
    author_handle: str | None = None,
    following_only: bool = False,
) -> list[dict]:
    """Up to `limit` newest visible posts (older than `before`, optionally one author's or only of the people
    the viewer follows), as decorated item rows: one indexed keyset page, three queries at most."""
    now = timezone.now()
    created, post_id = before or END_OF_TIME
    values = {"viewer_id": viewer.pk, "now": now, "before_created": created, "before_id": post_id}
    if author_handle is None:
        rows = NEWEST.rows((limit, following_only), **values)
    else:
        rows = NEWEST_BY_AUTHOR.rows((limit, following_only), **values, author=author_handle)
    return items_decorate(viewer_id=viewer.pk, now=now, rows=rows)


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


STEERING = CompiledQuery(
    lambda *, user_id, variant: (
        Steering.objects.filter(user_id=user_id).order_by().values(*(f.attname for f in Steering._meta.concrete_fields))
    ),
    user_id=Param.INT,
)


def steering_of(user: AbstractBaseUser) -> Steering | None:
    """The person's steering (read on every For You first page, so compiled)."""
    return steering_from_rows(STEERING.rows(user_id=user.pk))


def steering_from_rows(rows: list[dict]) -> Steering | None:
    """The Steering that rows of STEERING (bound and run by the caller, e.g. with other reads) found, if any."""
    return instance_from_row(Steering, rows[0]) if rows else None
