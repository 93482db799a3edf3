"""Compiled queries (sora_social.compiled_query) answer exactly what the ORM answers, on SQLite and PostgreSQL; and
the typed rows feed.hot_queries gives are those rows."""

import datetime

import pytest
from django.db import DatabaseError, transaction
from django.db.models import BigIntegerField, Value
from django.db.models.functions import Cast
from django.utils import timezone

from cameos.models import Appearance
from feed import hot_queries
from feed.hot_queries import END_OF_TIME, ITEMS_BY_ID, NEWEST, item_values
from feed.models import Like, Post
from feed.selectors import visible_posts
from sora_social.accounts.models import Block
from sora_social.compiled_query import CompiledQuery, Param, rows_together

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def world(make_user, make_cameo, publish, follow):
    """People and posts that exercise every visibility rule: audiences, a follow, blocks both ways, a suspension,
    a takedown, a deletion and a revoked consent."""
    viewer, friend, stranger, blocked, blocker, suspended = (
        make_user(name) for name in ("viewer", "friend", "stranger", "blocked", "blocker", "suspended")
    )
    follow(viewer, friend)
    Block.objects.create(blocker=viewer, blocked=blocked)
    Block.objects.create(blocker=blocker, blocked=viewer)
    posts = []
    for age, author in enumerate([friend, stranger, blocked, blocker, suspended, viewer]):
        for visibility in ("public", "followers", "private"):
            posts.append(publish(author, visibility=visibility, age=(age * 3 + len(posts) % 3) * HOUR))
    suspended.suspended_until = timezone.now() + HOUR
    suspended.save(update_fields=["suspended_until"])
    now = timezone.now()
    # posts: three (public, followers, private) each by friend, stranger, blocked, blocker, suspended, viewer.
    Post.objects.filter(pk=posts[1].pk).update(taken_down_at=now)
    Post.objects.filter(pk=posts[15].pk).update(deleted_at=now)
    # The cameo in the viewer's followers-only post withdrew consent (read from the cameo side).
    Appearance.objects.create(
        cameo=make_cameo(make_user("cast")), job=posts[16].job, creator=viewer, consent_version=1, revoked_at=now
    )
    # The viewer liked the stranger's public post.
    Like.objects.create(user=viewer, post=posts[3])
    return viewer, posts


def orm_item_rows(posts, *, viewer_id):
    """What a compiled item query must give: the rows the ORM itself gives for the same item queryset."""
    return list(item_values(posts, viewer_id=viewer_id))


def test_items_by_id_are_the_orm_rows_for_any_viewer(world, make_user):
    viewer, posts = world
    now = timezone.now()
    ids = [post.pk for post in posts]
    for person in (viewer, make_user("outsider")):
        expected = orm_item_rows(visible_posts(viewer_id=person.pk, now=now).filter(pk__in=ids).order_by("id"), viewer_id=person.pk)
        rows = sorted(ITEMS_BY_ID.rows(False, viewer_id=person.pk, now=now, ids=ids), key=lambda row: row["id"])
        assert rows == expected
        assert {row["id"] for row in rows if row["liked"]} == ({posts[3].pk} if person == viewer else set())
    # The friend's public post (the followers-only one was taken down), the stranger's public one, and the
    # viewer's own private one (their public one is deleted, their followers-only one revoked).
    visible = {row["id"] for row in ITEMS_BY_ID.rows(False, viewer_id=viewer.pk, now=now, ids=ids)}
    assert visible == {posts[0].pk, posts[3].pk, posts[17].pk}


def test_a_keyset_page_is_the_orm_page(world):
    viewer, posts = world
    now = timezone.now()
    orm = orm_item_rows(visible_posts(viewer_id=viewer.pk, now=now).order_by("-created_at", "-id"), viewer_id=viewer.pk)
    first = NEWEST.rows((3, False), viewer_id=viewer.pk, now=now, before_created=END_OF_TIME[0], before_id=END_OF_TIME[1])
    assert first == orm[:3]
    last = first[-1]
    second = NEWEST.rows((3, False), viewer_id=viewer.pk, now=now, before_created=last["created_at"], before_id=last["id"])
    assert second == orm[3:6]


def test_an_empty_id_list_finds_nothing(world):
    viewer, _ = world
    assert ITEMS_BY_ID.rows(False, viewer_id=viewer.pk, now=timezone.now(), ids=[]) == []


def test_a_parameter_the_query_does_not_use_is_refused_at_compile_time():
    unused = CompiledQuery(lambda *, author_id, variant: Post.objects.values("id"), author_id=Param.INT)
    with pytest.raises(ValueError, match="author_id"):
        unused.rows(author_id=1)


def test_values_are_checked_against_the_declared_parameters():
    query = CompiledQuery(lambda *, author_id, variant: Post.objects.filter(author_id=author_id).values("id"), author_id=Param.INT)
    with pytest.raises(TypeError):
        query.rows(author=1)
    assert query.rows(author_id=123456) == []


def test_compiled_queries_count_like_any_other_query(world, django_assert_num_queries):
    viewer, posts = world
    with django_assert_num_queries(1) as captured:
        ITEMS_BY_ID.rows(False, viewer_id=viewer.pk, now=timezone.now(), ids=[posts[0].pk])
    assert "feed_post" in captured.captured_queries[0]["sql"]


def test_timestamps_come_back_as_the_orm_gives_them(world):
    from django.db import connection

    from sora_social.compiled_query import uses_connection_time_zone

    viewer, posts = world
    row = ITEMS_BY_ID.rows(False, viewer_id=viewer.pk, now=timezone.now(), ids=[posts[0].pk])[0]
    orm = Post.objects.values_list("created_at", flat=True).get(pk=posts[0].pk)
    assert row["created_at"] == orm
    assert row["created_at"].tzinfo is orm.tzinfo is datetime.UTC
    if connection.vendor == "postgresql":
        # psycopg's C loader reads them there (Django's own is pure Python): only right when the session is UTC.
        assert uses_connection_time_zone(connection)


def _day_counted(*, day_id, variant, page_key, served):
    from django.db.models import Case, F, When

    from feed.models import FeedDay

    changes = {
        "videos_served": Case(When(last_page_key=page_key, then=F("videos_served")), default=F("videos_served") + served),
        "last_page_key": page_key,
    }
    return FeedDay.objects.filter(pk=day_id), changes


def test_a_compiled_update_changes_rows_as_the_orm_update_would(make_user):
    from feed.models import FeedDay
    from sora_social.compiled_query import CompiledUpdate

    counted = CompiledUpdate(_day_counted, day_id=Param.INT, page_key=Param.STR, served=Param.INT)
    day = FeedDay.objects.create(user=make_user("me"), day=datetime.date(2026, 11, 23))

    assert counted.update(day_id=day.pk, page_key="page-1", served=20) == 1
    assert counted.update(day_id=day.pk, page_key="page-1", served=20) == 1  # a retry: not counted again
    assert counted.update(day_id=day.pk, page_key="page-2", served=7) == 1
    assert counted.update(day_id=day.pk + 1000, page_key="page-3", served=7) == 0

    day.refresh_from_db()
    assert (day.videos_served, day.last_page_key) == (27, "page-2")


def test_a_day_is_read_by_date_and_a_joined_update_is_refused(make_user):
    from feed.models import FeedDay
    from sora_social.compiled_query import CompiledUpdate

    me = make_user("me")
    FeedDay.objects.create(user=me, day=datetime.date(2026, 11, 22), videos_served=3)
    FeedDay.objects.create(user=me, day=datetime.date(2026, 11, 23), videos_served=5)
    by_day = CompiledQuery(
        lambda *, user_id, day, variant: FeedDay.objects.filter(user_id=user_id, day=day).values("videos_served"),
        user_id=Param.INT,
        day=Param.DATE,
    )
    assert by_day.rows(user_id=me.pk, day=datetime.date(2026, 11, 23)) == [{"videos_served": 5}]

    joined = CompiledUpdate(
        lambda *, handle, variant: (FeedDay.objects.filter(user__handle=handle), {"videos_served": 0}), handle=Param.STR
    )
    with pytest.raises(TypeError, match="joins"):
        joined.update(handle="me")


def test_reads_together_give_what_each_gives_alone(world):
    viewer, posts = world
    now = timezone.now()
    ids = [post.pk for post in posts]
    items = ITEMS_BY_ID.bind(False, viewer_id=viewer.pk, now=now, ids=ids)
    page = NEWEST.bind((3, False), viewer_id=viewer.pk, now=now, before_created=END_OF_TIME[0], before_id=END_OF_TIME[1])
    nothing = ITEMS_BY_ID.bind(False, viewer_id=viewer.pk, now=now, ids=[])
    assert rows_together(items, page, nothing) == [items.rows(), page.rows(), []]
    assert rows_together() == []


def test_on_postgresql_reads_together_go_in_one_pipeline(world, require_postgres, monkeypatch, django_assert_num_queries):
    import psycopg

    viewer, posts = world
    pipelines = []
    pipeline = psycopg.Connection.pipeline
    monkeypatch.setattr(psycopg.Connection, "pipeline", lambda self: pipelines.append(self) or pipeline(self))
    now = timezone.now()
    with django_assert_num_queries(2):
        first, second = rows_together(
            ITEMS_BY_ID.bind(False, viewer_id=viewer.pk, now=now, ids=[posts[0].pk]),
            ITEMS_BY_ID.bind(False, viewer_id=viewer.pk, now=now, ids=[posts[3].pk]),
        )
    assert [row["id"] for row in first + second] == [posts[0].pk, posts[3].pk]
    assert len(pipelines) == 1


def test_a_failing_read_among_reads_together_raises_djangos_database_error(world, require_postgres):
    viewer, posts = world
    broken = CompiledQuery(
        lambda *, text, variant: Post.objects.filter(id=Cast(Value(text), BigIntegerField())).values("id"), text=Param.STR
    )
    items = ITEMS_BY_ID.bind(False, viewer_id=viewer.pk, now=timezone.now(), ids=[posts[0].pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        rows_together(items, broken.bind(text="not a number"))
    # The transaction it broke was rolled back; the connection reads again.
    assert rows_together(items, broken.bind(text=str(posts[0].pk)))[1] == [{"id": posts[0].pk}]


def test_the_typed_items_are_the_compiled_rows(world, make_user):
    viewer, posts = world
    now = timezone.now()
    ids = [post.pk for post in posts]
    for person in (viewer, make_user("outsider")):
        orm = orm_item_rows(visible_posts(viewer_id=person.pk, now=now).filter(pk__in=ids), viewer_id=person.pk)
        items = hot_queries.visible_items(person.pk, ids, now=now)
        assert items == {row["id"]: hot_queries.post_item(row) for row in orm}
        for row in orm:
            item = items[row["id"]]
            assert (item.video_name, item.poster_name, item.prompt, item.author_handle) == (
                row["job__video"],
                row["job__poster"],
                row["job__prompt"],
                row["author__handle"],
            )
            assert item.liked is row["liked"]
