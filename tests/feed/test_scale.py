"""Scale paths: fan-out on write into Redis timelines (FEED_FANOUT), and keyset pagination on PostgreSQL."""

import datetime
import uuid

import pytest
from django.db import connection

from feed.cursors import cursor_decode
from feed.models import Post
from tests.feed.conftest import feed_pages, page_ids, result_ids

pytestmark = pytest.mark.django_db
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def fanout(settings, require_redis):
    """Fan-out on, with a key prefix of this test's own; its keys are removed afterwards."""
    from feed.timelines import redis_client

    prefix = f"test:feed:{uuid.uuid4().hex}:"
    settings.FEED_FANOUT = True
    settings.FEED_REDIS_PREFIX = prefix
    yield redis_client()
    keys = list(redis_client().scan_iter(match=f"{prefix}*"))
    if keys:
        redis_client().delete(*keys)


def _timeline(client, user) -> list[int]:
    from django.conf import settings

    return [int(member) for member in client.zrevrange(f"{settings.FEED_REDIS_PREFIX}tl:{user.pk}", 0, -1)]


def test_fan_out_puts_new_posts_in_active_followers_timelines_only(
    fanout, make_user, client_for, publish, follow, django_capture_on_commit_callbacks
):
    reader, idle, alice = make_user("reader"), make_user("idle"), make_user("alice")
    follow(reader, alice)
    follow(idle, alice)
    older = publish(alice, age=2 * HOUR)
    # The reader opens the feed (and becomes active); the idle follower never does.
    first = client_for(reader).get("/api/v1/feed/", {"kind": "following"})
    assert result_ids(first) == [older.pk]

    with django_capture_on_commit_callbacks(execute=True):
        new = publish(alice)

    assert _timeline(fanout, reader) == [new.pk, older.pk]
    assert _timeline(fanout, idle) == []
    response = client_for(reader).get("/api/v1/feed/", {"kind": "following", "page_size": 1})
    assert result_ids(response) == [new.pk]
    position = cursor_decode(response.json()["next_cursor"], viewer_id=reader.pk, kind="following")
    assert position["m"] == "rd"  # served from the Redis timeline


def test_timelines_are_capped_and_paging_past_them_continues_on_the_database(
    fanout, settings, make_user, client_for, publish, follow, django_capture_on_commit_callbacks
):
    settings.FEED_TIMELINE_MAX = 4
    reader, alice = make_user("reader"), make_user("alice")
    follow(reader, alice)
    client = client_for(reader)
    client.get("/api/v1/feed/", {"kind": "following"})
    with django_capture_on_commit_callbacks(execute=True):
        posts = [publish(alice, age=datetime.timedelta(minutes=10 * (9 - i))) for i in range(9)]

    assert len(_timeline(fanout, reader)) == 4
    pages = feed_pages(client, "following", page_size=3)
    sources = [
        cursor_decode(body["next_cursor"], viewer_id=reader.pk, kind="following")["m"] for body in pages[:-1]
    ]

    assert page_ids(pages) == [post.pk for post in reversed(posts)]
    assert "rd" in sources and "pg" in sources


def test_a_timeline_follows_follow_changes_and_hides_what_is_no_longer_visible(
    fanout, make_user, client_for, publish, follow
):
    from feed.services.posts import post_take_down
    from sora_social.accounts.services import user_unfollow

    reader, alice, bob = make_user("reader"), make_user("alice"), make_user("bob")
    follow(reader, alice)
    alices = publish(alice, age=HOUR)
    bobs = publish(bob, age=2 * HOUR)
    client = client_for(reader)
    assert result_ids(client.get("/api/v1/feed/", {"kind": "following"})) == [alices.pk]

    follow(reader, bob)  # no hook needed: the follow signature changed, so the timeline is rebuilt
    assert result_ids(client.get("/api/v1/feed/", {"kind": "following"})) == [alices.pk, bobs.pk]
    post_take_down(post=alices, moderator=bob, reason="test")
    assert result_ids(client.get("/api/v1/feed/", {"kind": "following"})) == [bobs.pk]
    user_unfollow(follower=reader, followee=bob)
    assert result_ids(client.get("/api/v1/feed/", {"kind": "following"})) == []


def test_the_redis_path_costs_constant_queries(fanout, make_user, client_for, publish, follow, django_assert_max_num_queries):
    reader = make_user("reader")
    authors = [make_user(f"a{i}") for i in range(5)]
    for author in authors:
        follow(reader, author)
        for hours in range(4):
            publish(author, age=hours * HOUR)
    client = client_for(reader)
    client.get("/api/v1/feed/", {"kind": "following"})
    # Day counter, follow signature (read together), the page, its cameos (a query of their own on SQLite only),
    # the counter update, and the request's savepoint.
    with django_assert_max_num_queries(8):
        body = client.get("/api/v1/feed/", {"kind": "following", "page_size": 15}).json()
    assert len(body["items"]) == 15


def test_keyset_pagination_uses_the_created_at_index_on_postgresql(require_postgres, make_user, publish, follow):
    from feed.selectors import followees, posts_visible_to

    reader, alice = make_user("reader"), make_user("alice")
    follow(reader, alice)
    last = publish(alice)
    page = (
        posts_visible_to(reader)
        .filter(author_id__in=followees(reader.pk), created_at__lte=last.created_at, id__lt=last.pk)
        .order_by("-created_at", "-id")[:20]
    )
    with connection.cursor() as cursor:
        # On a tiny table PostgreSQL would scan it whole; this asks whether an index serves the keyset.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = page.explain()
    assert "feed_post_" in plan and "Index" in plan
    assert Post.objects.count() == 1


def test_authors_too_large_to_fan_out_are_merged_in_at_read_time(
    fanout, settings, make_user, client_for, publish, follow, django_capture_on_commit_callbacks
):
    settings.FEED_FANOUT_MAX_FOLLOWERS = 1
    reader, fan, star, alice = make_user("reader"), make_user("fan"), make_user("star"), make_user("alice")
    follow(reader, star)
    follow(fan, star)  # two followers: past the limit, so star's posts are never fanned out
    follow(reader, alice)
    client = client_for(reader)
    client.get("/api/v1/feed/", {"kind": "following"})  # the reader is active and has a timeline

    with django_capture_on_commit_callbacks(execute=True):
        posts = [
            publish(star, age=4 * HOUR),
            publish(alice, age=3 * HOUR),
            publish(star, age=2 * HOUR),
            publish(alice, age=1 * HOUR),
        ]

    assert _timeline(fanout, reader) == [posts[3].pk, posts[1].pk]  # alice's only
    assert page_ids(feed_pages(client, "following", page_size=1)) == [post.pk for post in reversed(posts)]
    # Someone who does not follow star gets none of star's posts merged in.
    outsider = make_user("outsider")
    follow(outsider, alice)
    assert result_ids(client_for(outsider).get("/api/v1/feed/", {"kind": "following"})) == [posts[3].pk, posts[1].pk]


@pytest.mark.parametrize("protocol", [2, 3])
def test_timelines_read_the_same_over_either_redis_protocol(fanout, monkeypatch, protocol, make_user, client_for, publish, follow):
    """Timeline entries are read as a raw reply (feed.timelines._queue_entries): flat in RESP2, pairs in RESP3."""
    import redis
    from django.conf import settings

    from feed import timelines

    monkeypatch.setattr(timelines, "_client", redis.Redis.from_url(settings.REDIS_URL, protocol=protocol))
    reader, alice, bob = make_user("reader"), make_user("alice"), make_user("bob")
    follow(reader, alice)
    follow(reader, bob)
    posts = [publish(author, age=hours * HOUR) for hours, author in enumerate([alice, bob, alice, bob, alice])]
    # The first read builds the timeline from PostgreSQL and reads it again; the next pages page through it.
    pages = feed_pages(client_for(reader), "following", page_size=2)
    assert page_ids(pages) == [post.pk for post in posts]
    modes = [cursor_decode(body["next_cursor"], viewer_id=reader.pk, kind="following")["m"] for body in pages[:-1]]
    assert modes == ["rd", "rd"]  # the next pages came from the Redis timeline
    assert _timeline(fanout, reader) == [post.pk for post in posts]

