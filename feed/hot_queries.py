"""The feed's hot statements, compiled once per process, behind plain functions that return typed rows.

Every feed page runs these. Django building and compiling the visibility query, and PostgreSQL planning it,
cost several times what running it costs, so each is an ORM query compiled once by
`sora_social.compiled_query` and run as a prepared statement with fresh values. This module is the only
place in feed (and remix) that touches that machinery: the rest of the product calls the functions below and
gets `PostItem`s, `FeedDay`s and tuples, never ORM-path keys such as `job__video`.

Each item query is `feed.selectors.visible_posts` plus a filter, so visibility keeps one definition; tests
check that the compiled rows equal the ORM's (tests/feed/test_compiled_queries.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import NamedTuple

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import Case, Count, Exists, F, Max, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from feed.models import FeedDay, Like, Post, Steering
from feed.selectors import followees, live_posts, visible_posts
from generation.models import GenerationJob
from sora_social.accounts.models import Follow
from sora_social.compiled_query import CompiledQuery, CompiledUpdate, Param, instance_from_row, rows_together

# The keyset position of a first page: after every post.
END_OF_TIME = (datetime.datetime(9999, 1, 1, tzinfo=datetime.UTC), 0)


# ---- post items: what every read path answers with -----------------------------------------------------


@dataclass(slots=True)
class PostItem:
    """A visible post as a page shows it: the post, its author, its video, and the viewer's own state."""

    id: int
    author_id: int
    author_handle: str
    # None or empty: the handle is shown instead.
    author_display_name: str | None
    caption: str
    visibility: str
    allow_remix: bool
    # The remix parent's id (a remix), whether or not the viewer may see it; see `parent_handle`.
    parent_id: int | None
    like_count: int
    comment_count: int
    view_count: int
    remix_count: int
    created_at: datetime.datetime
    job_id: int
    prompt: str
    duration_s: int
    aspect_ratio: str
    # Stored file names (signed per viewer by the API).
    video_name: str
    poster_name: str
    # Whether the viewer liked it.
    liked: bool
    # Handles of the cameos in it; None until read (`items_decorate`).
    cameos: list[str] | None = None
    # The remix parent's author handle; None when there is no parent or it is hidden from the viewer.
    parent_handle: str | None = None
    # The remix parent's author display name (None or empty: the handle is shown instead).
    parent_display_name: str | None = None


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


def post_item(row: dict) -> PostItem:
    """The typed item of a row of `item_values` (compiled or not)."""
    return PostItem(
        id=row["id"],
        author_id=row["author_id"],
        author_handle=row["author__handle"],
        author_display_name=row["author__profile__display_name"],
        caption=row["caption"],
        visibility=row["visibility"],
        allow_remix=row["allow_remix"],
        parent_id=row["parent_id"],
        like_count=row["like_count"],
        comment_count=row["comment_count"],
        view_count=row["view_count"],
        remix_count=row["remix_count"],
        created_at=row["created_at"],
        job_id=row["job_id"],
        prompt=row["job__prompt"],
        duration_s=row["job__duration_s"],
        aspect_ratio=row["job__aspect_ratio"],
        video_name=row["job__video"],
        poster_name=row["job__poster"],
        liked=bool(row["liked"]),
        cameos=row.get("cameos"),
    )


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
    .values("id", "author__handle", "author__profile__display_name"),
    viewer_id=Param.INT,
    now=Param.DATETIME,
    ids=Param.INT_LIST,
)


def items_decorate(*, viewer_id: int, now: datetime.datetime, items: list[PostItem]) -> list[PostItem]:
    """Add to items what their own query does not give: `parent_handle` (None when the remix parent is hidden
    from the viewer) and, where it did not read them (SQLite), `cameos`. At most two queries for any number of
    items."""
    if not items:
        return items
    parent_ids = sorted({item.parent_id for item in items if item.parent_id})
    parents = (
        {
            row["id"]: (row["author__handle"], row["author__profile__display_name"])
            for row in PARENTS.rows(viewer_id=viewer_id, now=now, ids=parent_ids)
        }
        if parent_ids
        else {}
    )
    for item in items:
        item.parent_handle, item.parent_display_name = parents.get(item.parent_id, (None, None))
    if items[0].cameos is None:
        cameos: dict[int, list[str]] = {}
        for row in CAMEOS.rows(job_ids=[item.job_id for item in items]):
            cameos.setdefault(row["generationjob_id"], []).append(row["cameo__handle"])
        for item in items:
            item.cameos = cameos.get(item.job_id, [])
    return items


def visible_items(
    viewer_id: int, ids: list[int], *, now: datetime.datetime, following_only: bool = False
) -> dict[int, PostItem]:
    """The visible ones among these posts, as undecorated items by id (one query)."""
    if not ids:
        return {}
    rows = ITEMS_BY_ID.rows(following_only, viewer_id=viewer_id, now=now, ids=ids)
    return {row["id"]: post_item(row) for row in rows}


def post_items_by_id(
    viewer: AbstractBaseUser, ids: list[int], *, now: datetime.datetime | None = None, following_only: bool = False
) -> dict[int, PostItem]:
    """The visible ones among these posts (optionally only those of people the viewer follows), as decorated
    items by id; hidden ones are simply absent. Three queries at most."""
    if not ids:
        return {}
    now = now or timezone.now()
    items = list(visible_items(viewer.pk, ids, now=now, following_only=following_only).values())
    return {item.id: item for item in items_decorate(viewer_id=viewer.pk, now=now, items=items)}


def newest_post_items(
    viewer: AbstractBaseUser,
    *,
    limit: int,
    before: tuple[datetime.datetime, int] | None = None,
    author_handle: str | None = None,
    following_only: bool = False,
) -> list[PostItem]:
    """Up to `limit` newest visible posts (older than `before`, optionally one author's or only of the people
    the viewer follows), as decorated items: one indexed keyset page, three queries at most."""
    now = timezone.now()
    created, post_id = before or END_OF_TIME
    values = {"viewer_id": viewer.pk, "now": now, "before_created": created, "before_id": post_id}
    if author_handle is None:
        rows = NEWEST.rows((limit, following_only), **values)
    else:
        rows = NEWEST_BY_AUTHOR.rows((limit, following_only), **values, author=author_handle)
    return items_decorate(viewer_id=viewer.pk, now=now, items=[post_item(row) for row in rows])


# ---- what ranking reads ----------------------------------------------------------------------------------


class PostKey(NamedTuple):
    """A post's place in a newest-first list."""

    id: int
    created_at: datetime.datetime


def _large_authors_query(*, viewer_id, authors, before_created, before_id, variant):
    return (
        live_posts()
        .filter(author_id__in_array=authors)
        .filter(author_id__in=followees(viewer_id))
        .exclude(visibility=Post.Visibility.PRIVATE)
        .filter(Q(created_at__lt=before_created) | Q(created_at=before_created, id__lt=before_id))
        .order_by("-created_at", "-id")
        .values("id", "created_at")[:variant]
    )


LARGE_AUTHOR_POSTS = CompiledQuery(
    _large_authors_query,
    viewer_id=Param.INT,
    authors=Param.INT_LIST,
    before_created=Param.DATETIME,
    before_id=Param.INT,
)


def large_author_posts(
    *, viewer_id: int, authors: list[int], before: tuple[datetime.datetime, int] | None, count: int
) -> list[PostKey]:
    """The newest live, non-private posts by these authors whom the viewer follows, older than `before`
    (visibility is checked when the page is read)."""
    created, post_id = before or END_OF_TIME
    rows = LARGE_AUTHOR_POSTS.rows(count, viewer_id=viewer_id, authors=authors, before_created=created, before_id=post_id)
    return [PostKey(row["id"], row["created_at"]) for row in rows]


class PostFeatures(NamedTuple):
    """What ranking reads about a live post."""

    id: int
    author_id: int
    created_at: datetime.datetime
    like_count: int
    commenter_count: int
    remix_count: int
    visibility: str


FEATURES = CompiledQuery(
    lambda *, ids, variant: live_posts().filter(pk__in_array=ids).order_by().values(*PostFeatures._fields),
    ids=Param.INT_LIST,
)


def live_post_features(post_ids: list[int]) -> list[PostFeatures]:
    """The features of those among these posts that are live (one query by primary key)."""
    return [PostFeatures(**row) for row in FEATURES.rows(ids=post_ids)]


# ---- the viewer's own state, read on every feed page -------------------------------------------------------

FOLLOW_SIGNATURE = CompiledQuery(
    lambda *, user_id, variant: Follow.objects.filter(follower_id=user_id)
    .values("follower_id")
    .annotate(n=Count("id"), m=Max("id")),
    user_id=Param.INT,
)


def _follow_signature_from_rows(rows: list[dict]) -> str:
    return f"{rows[0]['n']}:{rows[0]['m']}" if rows else "0:0"


def follow_signature(user_id: int) -> str:
    """Changes whenever the person follows or unfollows someone (one indexed query, run on every timeline
    read)."""
    return _follow_signature_from_rows(FOLLOW_SIGNATURE.rows(user_id=user_id))


STEERING = CompiledQuery(
    lambda *, user_id, variant: (
        Steering.objects.filter(user_id=user_id).order_by().values(*(f.attname for f in Steering._meta.concrete_fields))
    ),
    user_id=Param.INT,
)


def _steering_from_rows(rows: list[dict]) -> Steering | None:
    return instance_from_row(Steering, rows[0]) if rows else None


def steering_of(user_id: int) -> Steering | None:
    """The person's steering (read on every For You first page)."""
    return _steering_from_rows(STEERING.rows(user_id=user_id))


FEED_DAY_FIELDS = tuple(field.attname for field in FeedDay._meta.concrete_fields)
FEED_DAY = CompiledQuery(
    lambda *, user_id, day, variant: FeedDay.objects.filter(user_id=user_id, day=day).order_by().values(*FEED_DAY_FIELDS),
    user_id=Param.INT,
    day=Param.DATE,
)


class ViewerReads(NamedTuple):
    # Today's feed day (created if missing).
    day: FeedDay
    # None when not read, or when the person has none.
    steering: Steering | None
    # See feed.timelines.timeline_read; None when not read.
    follow_signature: str | None


def viewer_reads(user_id: int, *, with_steering: bool = False, with_follow_signature: bool = False) -> ViewerReads:
    """Today's feed day and, if asked, the person's steering and follow signature: independent reads, made in
    one round trip."""
    today = timezone.localdate()
    reads = [FEED_DAY.bind(user_id=user_id, day=today)]
    if with_steering:
        reads.append(STEERING.bind(user_id=user_id))
    if with_follow_signature:
        reads.append(FOLLOW_SIGNATURE.bind(user_id=user_id))
    day_rows, *rest = rows_together(*reads)
    if day_rows:
        day = instance_from_row(FeedDay, day_rows[0])
    else:
        # A new day carries the last page counted, so a page asked again across midnight is still a retry (it was
        # counted twice, tests/test_later_changes_attacks.py). Once a day per person.
        last_page = (
            FeedDay.objects.filter(user_id=user_id, day__lt=today)
            .order_by("-day")
            .values("last_page_key", "last_page_served")
            .first()
        )
        day, _ = FeedDay.objects.get_or_create(user_id=user_id, day=today, defaults=last_page or {})
    steering = _steering_from_rows(rest.pop(0)) if with_steering else None
    signature = _follow_signature_from_rows(rest.pop(0)) if with_follow_signature else None
    return ViewerReads(day, steering, signature)


def _page_count_update(*, day_id, variant, page_key, served, active, now, checkin_videos=None, checkin_seconds=None):
    marks = {}
    if checkin_videos is not None:
        marks = {"checkin_videos_mark": checkin_videos, "checkin_seconds_mark": checkin_seconds}
    changes = {
        # Decided in the database too, so two concurrent retries of one page still count it once.
        "videos_served": Case(When(last_page_key=page_key, then=F("videos_served")), default=F("videos_served") + served),
        "last_page_served": Case(When(last_page_key=page_key, then=F("last_page_served")), default=Value(served)),
        "active_seconds": F("active_seconds") + active,
        "last_request_at": now,
        "last_page_key": page_key,
        **marks,
    }
    return FeedDay.objects.filter(pk=day_id), changes


_PAGE_COUNT_PARAMS = {"day_id": Param.INT, "page_key": Param.STR, "served": Param.INT, "active": Param.INT, "now": Param.DATETIME}
PAGE_COUNT = CompiledUpdate(_page_count_update, **_PAGE_COUNT_PARAMS)
# A check-in also moves the marks the next one is counted from.
PAGE_COUNT_WITH_CHECK_IN = CompiledUpdate(
    _page_count_update, **_PAGE_COUNT_PARAMS, checkin_videos=Param.INT, checkin_seconds=Param.INT
)


def feed_day_count(
    *,
    day_id: int,
    page_key: str,
    served: int,
    active: int,
    now: datetime.datetime,
    check_in_marks: tuple[int, int] | None = None,
) -> None:
    """Count a page on a feed day: `served` videos (not again for a retry of the page last counted), `active`
    seconds, and, with `check_in_marks` (videos, seconds), where the next wellness check-in is counted from."""
    counted = {"day_id": day_id, "page_key": page_key, "served": served, "active": active, "now": now}
    if check_in_marks is None:
        PAGE_COUNT.update(**counted)
    else:
        PAGE_COUNT_WITH_CHECK_IN.update(**counted, checkin_videos=check_in_marks[0], checkin_seconds=check_in_marks[1])
