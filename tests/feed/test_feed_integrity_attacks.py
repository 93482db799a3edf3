"""Attacks on feed integrity and teens' feed limits (review of 2026-12-07).

What was tried: getting past a teen's daily cap on videos and "continuous scroll off" through requests at once, page
keys taken for retries, a parent's change in the middle of a session, odd page sizes and every paged list (For You,
following, /posts/, one author's posts, a post's remixes, a lineage); forging, replaying and moving cursors between
people, lists and authors; inflating views and likes (repeats, at once, the author's own, through a block or on a
hidden post) and whether counts drive ranking so that one person pushes a post to everyone; posts hidden (ten ways)
after a cursor was handed out, on PostgreSQL and on Redis timelines; someone else's steering.

Got through: 5 cases, all mended the same day (their tests pass now).
- Requests at once at the cap (test_lists_asked_at_once_at_the_cap_serve_no_more_videos_than_the_cap, PostgreSQL
  threads): `feed.viewing_limits.viewing_allowance` read today's `FeedDay` without a lock and
  `hot_queries.feed_day_count` added each page afterwards whatever the total, so each of N requests at once was
  allowed the whole remaining cap. Four authors' lists asked at once served (and counted) 12 videos on a cap of 3.
  Mended: a capped viewer's day is read again under its row lock, held to the end of the request's transaction.
- A new For You session taken for a retry (test_a_new_for_you_session_that_opens_with_the_same_post_is_not_a_retry):
  For You keyed a page "fy:<page index>:<first post>", not by its session. A new session that opened with the same
  top post (a followed person's newest) was served as a retry of the counted page: up to `last_page_served` videos,
  counted 0. After following three people, the teen's second first page held 7 new videos: 16 seen on a cap of 10,
  9 counted. Mended: a page is a retry only when it holds the same videos (`viewing_limits.page_identity`: where it
  starts and a digest of every id on it, for every list).
- The same through the following feed (test_a_following_first_page_that_opens_with_the_same_post_is_not_a_retry):
  its key was "<position>:<first post>"; following someone whose posts are older than the top one changed the rest of
  the first page, not its key: 9 seen on a cap of 6, 5 counted. Mended as above.
- One person's comments pushed a post to everyone (test_one_persons_comments_do_not_make_a_post_popular_for_everyone):
  ranking weighed `comment_count` (x2), raised by every comment, the author's own included; 30 comments by the author
  on her own post (half the hourly comment rate) made it "popular now" above a fresher post in every stranger's For
  You. Mended: ranking reads `Post.commenter_count`, the people other than the author whose comments count. (The
  author's own like still counts, once.)
- Likes of banned accounts (test_likes_of_banned_accounts_do_not_keep_a_post_popular): `like_count` was not lowered
  when likers were banned, and ranking and the global "popular" list read it: a banned ring of 20 kept its post
  "popular now" above a fresher one. Mended: a change of a member's standing recounts the likes of the posts they
  liked (`feed.services.reactions.post_likes_recount`), as their comments (tests/feed/test_comment_counts.py).

Held (passing):
- A parent lowering the cap below what the teen saw today stops every list and every cursor the teen holds
  (`daily_limit_reached`, no items, no cursor), and a lineage shows its entries with `item: null`
  (test_a_parent_lowering_the_cap_stops_every_list_and_every_cursor_the_teen_holds).
- Continuous scroll turned off mid-session stops every held cursor of the five paged lists, a forged (unsigned DRF)
  remix-list cursor too; a first page then offers no next cursor
  (test_continuous_scroll_turned_off_stops_every_cursor_the_teen_holds_forged_ones_too).
- page_size 0, negative, 51 and 10^23 on every list serve a teen no more than the cap, and answer 200
  (test_a_teens_odd_page_sizes_serve_no_more_than_the_cap).
- Cursors are bound to their person, list and author (spelt as given): someone else's, another author's, another
  list's, another feed kind's, a tampered, an oversized and an expired cursor are each a 400 `invalid_cursor`
  (test_cursors_are_bound_to_their_person_their_list_and_their_author).
- Posts hidden after a cursor was handed out (taken down, deleted, made private, followers-only after an unfollow,
  blocked either way, author suspended, banned or deactivated, cameo withdrawn) are on no later page of For You (its
  cached ranked session), following, /posts/, the author's posts or the remixes list, while the lists go on with
  other posts (test_posts_hidden_after_a_cursor_was_handed_out_are_on_no_later_page), and with Redis timelines
  (test_posts_hidden_after_a_cursor_are_on_no_later_page_of_a_redis_timeline).
- Views count once a viewer a day, never the author's own; a view through a block either way, of a followers-only
  post by a non-follower or of a taken-down post is the 404 of a missing post, counted nowhere
  (test_views_count_once_a_day_never_the_authors_and_never_through_a_block_or_a_hidden_post). Likes of a post one may
  not see are the same 404 (test_liking_a_post_one_may_not_see_is_a_404_and_counts_nothing).
- Eight likes and eight views at once by one person count once; twelve likes and unlikes at once, three rounds, leave
  `like_count` equal to the rows (test_one_person_liking_and_viewing_at_once_counts_once,
  test_likes_and_unlikes_at_once_leave_the_count_equal_to_the_likes, PostgreSQL threads).
- Someone else's steering does not move my For You, nor label anything in it
  (test_someone_elses_steering_does_not_move_my_for_you).

Looked at and not written as holes (documented or by design): a post by id (`/posts/{id}/`) was not capped, and
the feed cap counted the server's day, so a teen could see a cap before midnight and another after it (both mended
in a later session of 2026-12-07: tests/feed/test_steering_and_lineage_attacks.py, tests/test_todays_changes_attacks.py);
with continuous scroll off a first page may hold 50 videos (page_size
1-50) and every list's first page (each author's posts, each remix list, each lineage) is a first page; views are
counted once a day per viewer, and ranking never reads them (`for_you.FEATURE_FIELDS`), so views move no post. An open
question, not asserted: a teen cameo owner's `/cameos/{id}/appearances/` lists signed videos of their likeness outside
the cap (their oversight of their own face).
"""

from __future__ import annotations

import datetime
import threading

import pytest
from django.utils import timezone

from feed.for_you import process_caches_forget
from feed.models import FeedDay, Post
from sora_social.accounts.models import ParentalLink
from tests.feed.test_scale import fanout  # noqa: F401 - fixture
from tests.generation.test_generation_attacks_round2 import race

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
MINUTE = datetime.timedelta(minutes=1)


# ---- helpers ----------------------------------------------------------------------------------------------


def link_teen(parent, teen, **controls) -> ParentalLink:
    now = timezone.now()
    return ParentalLink.objects.create(parent=parent, teen=teen, parent_consented_at=now, teen_consented_at=now, **controls)


def ids_of(body: dict) -> list[int]:
    return [item["post"]["id"] for item in body["items"] if item.get("type", "post") == "post"]


def api_client(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def gate(parties: int, timeout: float = 8):
    """A meeting point for `parties` threads that gives up (and lets each go on) when the code under test serialises
    them, so a fixed implementation passes instead of hanging."""
    barrier = threading.Barrier(parties)

    def wait() -> None:
        try:
            barrier.wait(timeout=timeout)
        except threading.BrokenBarrierError:
            pass

    return wait


# ==== teen caps: requests at once, and pages taken for retries ============================================================================================


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_lists_asked_at_once_at_the_cap_serve_no_more_videos_than_the_cap(
    require_postgres, make_user, publish, monkeypatch, settings
):
    from feed import viewing_limits

    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    teen, parent = make_user("teen", age=15), make_user("parent")
    link_teen(parent, teen, daily_feed_videos_cap=3)
    authors = [make_user(f"author{i}") for i in range(4)]
    for author in authors:
        for age in range(3):
            publish(author, age=(age + 1) * HOUR)
    FeedDay.objects.create(user=teen, day=timezone.localdate())
    read = viewing_limits.viewer_reads
    all_have_read = gate(len(authors))

    def read_together(*args, **kwargs):
        reads = read(*args, **kwargs)
        all_have_read()
        return reads

    monkeypatch.setattr(viewing_limits, "viewer_reads", read_together)

    bodies = race(
        len(authors),
        lambda i: api_client(teen).get("/api/v1/posts/", {"author": f"author{i}", "page_size": 3}).json(),
    )

    served = {post_id for body in bodies for post_id in ids_of(body)}
    counted = FeedDay.objects.get(user=teen).videos_served
    assert len(served) <= 3, f"{len(served)} different videos served at once on a cap of 3, {counted} counted"
    assert counted <= 3


def test_a_new_for_you_session_that_opens_with_the_same_post_is_not_a_retry(
    make_user, client_for, publish, follow, settings
):
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    teen, parent, alice = make_user("teen", age=15), make_user("parent"), make_user("alice")
    link_teen(parent, teen, daily_feed_videos_cap=10)
    follow(teen, alice)
    top = publish(alice, age=MINUTE)
    for i in range(8):
        publish(make_user(f"stranger{i}"), age=(i + 1) * HOUR)
    later = [make_user(f"later{i}") for i in range(3)]
    for i, person in enumerate(later):
        for j in range(3):
            publish(person, age=(20 + 3 * i + j) * HOUR)
    client = client_for(teen)

    first = client.get("/api/v1/feed/", {"kind": "for_you", "page_size": 9}).json()
    assert ids_of(first)[0] == top.pk and len(ids_of(first)) == 9
    for person in later:  # the teen's own lever: following people re-ranks the next session
        follow(teen, person)
    again = client.get("/api/v1/feed/", {"kind": "for_you", "page_size": 9}).json()

    seen = set(ids_of(first)) | set(ids_of(again))
    assert len(seen) <= 10, f"{len(seen)} different videos served on a cap of 10, {FeedDay.objects.get(user=teen).videos_served} counted"


def test_a_following_first_page_that_opens_with_the_same_post_is_not_a_retry(
    make_user, client_for, publish, follow, settings
):
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    teen, parent, alice, bob = make_user("teen", age=15), make_user("parent"), make_user("alice"), make_user("bob")
    link_teen(parent, teen, daily_feed_videos_cap=6)
    follow(teen, alice)
    top = publish(alice, age=MINUTE)
    for i in range(4):
        publish(alice, age=(10 + i) * HOUR)
    for i in range(4):
        publish(bob, age=(1 + i) * HOUR)  # older than alice's newest, newer than the rest of hers
    client = client_for(teen)

    first = client.get("/api/v1/feed/", {"kind": "following", "page_size": 5}).json()
    assert ids_of(first)[0] == top.pk and len(ids_of(first)) == 5
    follow(teen, bob)
    again = client.get("/api/v1/feed/", {"kind": "following", "page_size": 5}).json()

    seen = set(ids_of(first)) | set(ids_of(again))
    counted = FeedDay.objects.get(user=teen).videos_served
    assert len(seen) <= 6, f"{len(seen)} different videos served on a cap of 6, {counted} counted"


# ==== counts that drive ranking ===================================================================================


def test_one_persons_comments_do_not_make_a_post_popular_for_everyone(make_user, client_for, publish, settings):
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    mallory, nora, viewer = make_user("mallory"), make_user("nora"), make_user("viewer")
    pushed = publish(mallory, age=3 * HOUR)
    fresher = publish(nora, age=1 * HOUR)
    client = client_for(viewer)
    before = client.get("/api/v1/feed/", {"kind": "for_you"}).json()
    assert ids_of(before)[:2] == [fresher.pk, pushed.pk]

    author = client_for(mallory)
    for i in range(30):
        assert author.post(f"/api/v1/posts/{pushed.pk}/comments/", {"body": f"so good {i}"}, format="json").status_code == 201
    process_caches_forget()  # as a minute later: each process reads a post's counts again within FEED_FEATURES_TTL_S

    after = client_for(make_user("newcomer")).get("/api/v1/feed/", {"kind": "for_you"}).json()
    reasons = {item["post"]["id"]: item["reason"] for item in after["items"]}
    assert ids_of(after)[:2] == [fresher.pk, pushed.pk]
    assert reasons[pushed.pk] != "popular now"


def test_likes_of_banned_accounts_do_not_keep_a_post_popular(make_user, client_for, publish, settings):
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    spammer, nora = make_user("spammer"), make_user("nora")
    pushed = publish(spammer, age=3 * HOUR)
    fresher = publish(nora, age=1 * HOUR)
    assert ids_of(client_for(make_user("early")).get("/api/v1/feed/", {"kind": "for_you"}).json())[:2] == [
        fresher.pk,
        pushed.pk,
    ]
    process_caches_forget()
    ring = [make_user(f"puppet{i}") for i in range(20)]
    for puppet in ring:
        assert client_for(puppet).post(f"/api/v1/posts/{pushed.pk}/like/").status_code == 200
    for puppet in ring:
        puppet.banned_at = timezone.now()
        puppet.save(update_fields=["banned_at"])
    process_caches_forget()

    body = client_for(make_user("viewer")).get("/api/v1/feed/", {"kind": "for_you"}).json()
    reasons = {item["post"]["id"]: item["reason"] for item in body["items"]}
    assert Post.objects.get(pk=pushed.pk).like_count == 0  # all 20 likers are banned: recounted on the ban
    assert ids_of(body)[:2] == [fresher.pk, pushed.pk]
    assert reasons[pushed.pk] != "popular now"


# ==== parents' changes and hostile paging ===================================================================


def test_a_parent_lowering_the_cap_stops_every_list_and_every_cursor_the_teen_holds(
    make_user, client_for, publish, follow, settings
):
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    teen, parent, alice = make_user("teen", age=15), make_user("parent"), make_user("alice")
    link = link_teen(parent, teen, daily_feed_videos_cap=20)
    follow(teen, alice)
    root = publish(make_user("rooter"), age=30 * HOUR)
    remixes = [publish(alice, parent=root, age=(i + 1) * HOUR) for i in range(6)]
    client = client_for(teen)
    cursors = {
        "for_you": client.get("/api/v1/feed/", {"kind": "for_you", "page_size": 2}).json()["next_cursor"],
        "following": client.get("/api/v1/feed/", {"kind": "following", "page_size": 2}).json()["next_cursor"],
        "posts": client.get("/api/v1/posts/", {"page_size": 2}).json()["next_cursor"],
        "remixes": client.get(f"/api/v1/posts/{root.pk}/remixes/", {"page_size": 2}).json()["next_cursor"],
    }
    assert all(cursors.values()), cursors
    assert FeedDay.objects.get(user=teen).videos_served == 8

    changed = client_for(parent).patch(f"/api/v1/parental/links/{link.pk}/", {"daily_feed_videos_cap": 5}, format="json")
    assert changed.status_code == 200, changed.json()

    answers = [
        client.get("/api/v1/feed/", {"kind": "for_you", "cursor": cursors["for_you"]}),
        client.get("/api/v1/feed/", {"kind": "following", "cursor": cursors["following"]}),
        client.get("/api/v1/posts/", {"cursor": cursors["posts"], "page_size": 50}),
        client.get(f"/api/v1/posts/{root.pk}/remixes/", {"cursor": cursors["remixes"]}),
        client.get("/api/v1/feed/", {"kind": "for_you", "page_size": 50}),
        client.get("/api/v1/posts/", {"author": "alice"}),
        client.get(f"/api/v1/posts/{root.pk}/remixes/"),
    ]
    for response in answers:
        assert response.status_code == 200
        body = response.json()
        assert (body["state"], body["items"], body["next_cursor"]) == ("daily_limit_reached", [], None), body
    lineage = client.get(f"/api/v1/posts/{remixes[0].pk}/lineage/").json()
    assert lineage["state"] == "daily_limit_reached" and [e["item"] for e in lineage["items"]] == [None]
    assert FeedDay.objects.get(user=teen).videos_served == 8


def test_continuous_scroll_turned_off_stops_every_cursor_the_teen_holds_forged_ones_too(
    make_user, client_for, publish, follow, settings
):
    import base64

    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    teen, parent, alice = make_user("teen", age=15), make_user("parent"), make_user("alice")
    link = link_teen(parent, teen)
    follow(teen, alice)
    root = publish(make_user("rooter"), age=30 * HOUR)
    for i in range(6):
        publish(alice, parent=root, age=(i + 1) * HOUR)
    client = client_for(teen)
    held = [
        ("/api/v1/feed/", {"kind": "for_you", "page_size": 2}),
        ("/api/v1/feed/", {"kind": "following", "page_size": 2}),
        ("/api/v1/posts/", {"page_size": 2}),
        ("/api/v1/posts/", {"author": "alice", "page_size": 2}),
        (f"/api/v1/posts/{root.pk}/remixes/", {"page_size": 2}),
    ]
    cursors = [client.get(path, params).json()["next_cursor"] for path, params in held]
    assert all(cursors)

    changed = client_for(parent).patch(f"/api/v1/parental/links/{link.pk}/", {"continuous_scroll": False}, format="json")
    assert changed.status_code == 200, changed.json()
    forged_remix_cursor = base64.b64encode(b"o=2&p=2999-01-01+00%3A00%3A00%2B00%3A00").decode()

    for (path, params), cursor in [*zip(held, cursors, strict=True), (held[-1], forged_remix_cursor)]:
        body = client.get(path, {**params, "cursor": cursor, "page_size": 50}).json()
        assert (body["state"], body["items"], body["next_cursor"]) == ("continuous_scroll_off", [], None), (path, body)
    for path, params in held:  # a first page is one page, whatever its size, with nothing to scroll on to
        body = client.get(path, {**params, "page_size": 3}).json()
        assert body["state"] == "ok" and len(ids_of(body)) == 3 and body["next_cursor"] is None, (path, body)


@pytest.mark.parametrize("page_size", ["0", "-1", "-50", "51", "99999999999999999999999"])
def test_a_teens_odd_page_sizes_serve_no_more_than_the_cap(make_user, client_for, publish, follow, settings, page_size):
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    teen, parent, alice = make_user("teen", age=15), make_user("parent"), make_user("alice")
    link_teen(parent, teen, daily_feed_videos_cap=3)
    follow(teen, alice)
    root = publish(make_user("rooter"), age=30 * HOUR)
    for i in range(8):
        publish(alice, parent=root, age=(i + 1) * HOUR)
    client = client_for(teen)

    seen: set[int] = set()
    for path, params in [
        ("/api/v1/feed/", {"kind": "for_you"}),
        ("/api/v1/feed/", {"kind": "following"}),
        ("/api/v1/posts/", {}),
        ("/api/v1/posts/", {"author": "alice"}),
        (f"/api/v1/posts/{root.pk}/remixes/", {}),
    ]:
        response = client.get(path, {**params, "page_size": page_size})
        assert response.status_code == 200, response.json()
        seen |= set(ids_of(response.json()))

    assert 1 <= len(seen) <= 3
    assert FeedDay.objects.get(user=teen).videos_served <= 3


def test_cursors_are_bound_to_their_person_their_list_and_their_author(make_user, client_for, publish, settings):
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    alice, bob, mallory = make_user("alice"), make_user("bob"), make_user("mallory")
    for i in range(4):
        publish(alice, age=(i + 1) * HOUR)
        publish(bob, age=(i + 1) * HOUR + MINUTE)
    mine = client_for(mallory)
    theirs = client_for(make_user("victim"))
    posts_cursor = theirs.get("/api/v1/posts/", {"page_size": 1}).json()["next_cursor"]
    alice_cursor = mine.get("/api/v1/posts/", {"author": "alice", "page_size": 1}).json()["next_cursor"]
    following_cursor = mine.get("/api/v1/posts/", {"page_size": 1}).json()["next_cursor"]
    for_you_cursor = mine.get("/api/v1/feed/", {"kind": "for_you", "page_size": 1}).json()["next_cursor"]
    tampered = for_you_cursor[:-3] + ("AAA" if not for_you_cursor.endswith("AAA") else "BBB")

    refused = [
        mine.get("/api/v1/posts/", {"cursor": posts_cursor}),  # someone else's
        mine.get("/api/v1/posts/", {"author": "bob", "cursor": alice_cursor}),  # another author's
        mine.get("/api/v1/posts/", {"author": "ALICE", "cursor": alice_cursor}),  # the same author spelt otherwise
        mine.get("/api/v1/posts/", {"cursor": alice_cursor}),  # from one author's list to everyone's
        mine.get("/api/v1/feed/", {"kind": "following", "cursor": following_cursor}),  # the posts list's on the feed
        mine.get("/api/v1/feed/", {"kind": "following", "cursor": for_you_cursor}),  # another feed's
        mine.get("/api/v1/feed/", {"kind": "for_you", "cursor": tampered}),
        mine.get("/api/v1/posts/", {"cursor": "x" * 5000}),
    ]
    for response in refused:
        assert response.status_code == 400 and response.json()["code"] == "invalid_cursor", response.json()

    settings.FEED_CURSOR_MAX_AGE_S = -1  # every cursor handed out is now past its age
    expired = mine.get("/api/v1/feed/", {"kind": "for_you", "cursor": for_you_cursor})
    assert expired.status_code == 400 and expired.json()["code"] == "invalid_cursor"


# ==== hidden posts through every list and every cursor handed out before they were hidden ========================


HIDE_REASONS = ["takendown", "deleted", "private", "unfollowed", "iblocked", "blockedme", "suspended", "banned",
                "deactivated", "withdrawn"]


def _hide(reason, *, viewer, author, posts, cameo):
    from feed.services.posts import post_delete, post_take_down, post_update
    from generation.services import generation_remove_for_cameo_owner
    from sora_social.accounts.services import user_block, user_unfollow

    if reason == "takendown":
        for post in posts:
            post_take_down(post=post, moderator=viewer, reason="test")
    elif reason == "deleted":
        for post in posts:
            post_delete(post_id=post.pk, actor=author)
    elif reason == "private":
        for post in posts:
            post_update(post_id=post.pk, actor=author, visibility="private")
    elif reason == "unfollowed":  # the posts are followers-only
        user_unfollow(follower=viewer, followee=author)
    elif reason == "iblocked":
        user_block(blocker=viewer, blocked=author)
    elif reason == "blockedme":
        user_block(blocker=author, blocked=viewer)
    elif reason == "suspended":
        author.suspended_until = timezone.now() + datetime.timedelta(days=3)
        author.save(update_fields=["suspended_until"])
    elif reason == "banned":
        author.banned_at = timezone.now()
        author.save(update_fields=["banned_at"])
    elif reason == "deactivated":
        author.is_active = False
        author.save(update_fields=["is_active"])
    elif reason == "withdrawn":
        for post in posts:
            generation_remove_for_cameo_owner(cameo=cameo, actor=cameo.owner, job_id=post.job_id)


def _hidden_after_the_cursors(make_user, client_for, publish, follow, make_cameo, reason):
    viewer, zed, yan = make_user("viewer"), make_user("zed"), make_user("yan")
    cameo = make_cameo(make_user("camowner"), handle="zedcam")
    root = publish(make_user("rooter"), age=30 * HOUR)
    visibility = "followers" if reason == "unfollowed" else "public"
    zeds = [publish(zed, parent=root, cameos=[cameo], visibility=visibility, age=(2 * i + 1) * HOUR) for i in range(5)]
    yans = [publish(yan, parent=root, age=(2 * i + 2) * HOUR) for i in range(5)]
    follow(viewer, zed)
    follow(viewer, yan)
    client = client_for(viewer)
    lists = [
        ("/api/v1/feed/", {"kind": "for_you", "page_size": 2}),
        ("/api/v1/feed/", {"kind": "following", "page_size": 2}),
        ("/api/v1/posts/", {"page_size": 2}),
        ("/api/v1/posts/", {"author": "zed", "page_size": 2}),
        (f"/api/v1/posts/{root.pk}/remixes/", {"page_size": 2}),
    ]
    cursors = [client.get(path, params).json()["next_cursor"] for path, params in lists]
    assert all(cursors)

    _hide(reason, viewer=viewer, author=zed, posts=zeds, cameo=cameo)

    later: dict[str, list[int]] = {}
    for (path, params), cursor in zip(lists, cursors, strict=True):
        name = f"{path}{params.get('kind', params.get('author', ''))}"
        later[name] = []
        while cursor:
            response = client.get(path, {**params, "cursor": cursor})
            assert response.status_code == 200, (name, response.json())
            later[name] += ids_of(response.json())
            cursor = response.json()["next_cursor"]
    hidden = {post.pk for post in zeds}
    for name, ids in later.items():
        assert not hidden & set(ids), (name, reason)
    # The lists went on: the other author's posts are still served on the later pages.
    assert set(later["/api/v1/feed/following"]) & {post.pk for post in yans}
    assert set(later["/api/v1/posts/"]) & {post.pk for post in yans}


@pytest.mark.parametrize("reason", HIDE_REASONS)
def test_posts_hidden_after_a_cursor_was_handed_out_are_on_no_later_page(
    make_user, client_for, publish, follow, make_cameo, settings, reason
):
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    _hidden_after_the_cursors(make_user, client_for, publish, follow, make_cameo, reason)


@pytest.mark.redis
@pytest.mark.parametrize("reason", ["unfollowed", "iblocked", "blockedme", "takendown", "withdrawn"])
def test_posts_hidden_after_a_cursor_are_on_no_later_page_of_a_redis_timeline(
    fanout, make_user, client_for, publish, follow, make_cameo, settings, reason  # noqa: F811 - fixture
):
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    _hidden_after_the_cursors(make_user, client_for, publish, follow, make_cameo, reason)


# ==== views and likes ===========================================================================================


def test_views_count_once_a_day_never_the_authors_and_never_through_a_block_or_a_hidden_post(
    make_user, client_for, publish, follow
):
    from feed.services.posts import post_take_down
    from sora_social.accounts.services import user_block

    alice, fan, blocked, blocker = make_user("alice"), make_user("fan"), make_user("blocked"), make_user("blocker")
    post = publish(alice)
    followers_only = publish(alice, visibility="followers")
    taken = publish(alice)
    post_take_down(post=taken, moderator=fan, reason="test")
    user_block(blocker=alice, blocked=blocked)
    user_block(blocker=blocker, blocked=alice)

    first = client_for(fan).post(f"/api/v1/posts/{post.pk}/view/").json()
    again = [client_for(fan).post(f"/api/v1/posts/{post.pk}/view/").json() for _ in range(5)]
    own = [client_for(alice).post(f"/api/v1/posts/{post.pk}/view/").json() for _ in range(3)]
    refused = [
        client_for(blocked).post(f"/api/v1/posts/{post.pk}/view/"),
        client_for(blocker).post(f"/api/v1/posts/{post.pk}/view/"),
        client_for(fan).post(f"/api/v1/posts/{followers_only.pk}/view/"),
        client_for(fan).post(f"/api/v1/posts/{taken.pk}/view/"),
    ]

    assert first == {"counted": True, "view_count": 1}
    assert again == [{"counted": False, "view_count": 1}] * 5
    assert own == [{"counted": False, "view_count": 1}] * 3
    for response in refused:
        assert response.status_code == 404 and response.json()["code"] == "post_not_found"
    assert list(Post.objects.filter(author=alice).order_by("pk").values_list("view_count", flat=True)) == [1, 0, 0]


def test_liking_a_post_one_may_not_see_is_a_404_and_counts_nothing(make_user, client_for, publish):
    from feed.models import Like
    from feed.services.posts import post_take_down
    from sora_social.accounts.services import user_block

    alice, mallory = make_user("alice"), make_user("mallory")
    followers_only = publish(alice, visibility="followers")
    private = publish(alice, visibility="private")
    taken = publish(alice)
    post_take_down(post=taken, moderator=alice, reason="test")
    blocking = publish(make_user("bea"))
    user_block(blocker=blocking.author, blocked=mallory)
    client = client_for(mallory)

    for post in (followers_only, private, taken, blocking):
        response = client.post(f"/api/v1/posts/{post.pk}/like/")
        assert response.status_code == 404 and response.json()["code"] == "post_not_found"
    assert not Like.objects.filter(user=mallory).exists()
    assert set(Post.objects.values_list("like_count", flat=True)) == {0}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_person_liking_and_viewing_at_once_counts_once(require_postgres, make_user, publish):
    from feed.models import Like, PostView

    alice, fan = make_user("alice"), make_user("fan")
    post = publish(alice)

    likes = race(8, lambda _: api_client(fan).post(f"/api/v1/posts/{post.pk}/like/"))
    views = race(8, lambda _: api_client(fan).post(f"/api/v1/posts/{post.pk}/view/"))

    assert {response.status_code for response in likes + views} == {200}
    assert sorted(response.json()["counted"] for response in views) == [False] * 7 + [True]
    post.refresh_from_db()
    assert (post.like_count, post.view_count) == (1, 1)
    assert Like.objects.filter(post=post).count() == 1 and PostView.objects.filter(post=post).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_likes_and_unlikes_at_once_leave_the_count_equal_to_the_likes(require_postgres, make_user, publish):
    from feed.models import Like

    post = publish(make_user("alice"))
    fans = [make_user(f"fan{i}") for i in range(4)]

    def attempt(index: int):
        client = api_client(fans[index % len(fans)])
        if index % 2:
            return client.delete(f"/api/v1/posts/{post.pk}/like/")
        return client.post(f"/api/v1/posts/{post.pk}/like/")

    for _ in range(3):
        responses = race(12, attempt)
        assert {response.status_code for response in responses} == {200}
        post.refresh_from_db()
        assert post.like_count == Like.objects.filter(post=post).count()


# ==== steering ==================================================================================================


def test_someone_elses_steering_does_not_move_my_for_you(make_user, client_for, publish, settings):
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    prompts = ["a chef plates a risotto", "a goalkeeper saves a penalty", "a cat naps on a radiator",
               "a street band plays jazz", "pasta dough rolled by hand", "a skateboarder lands a kickflip"]
    from feed.services.background import post_embed

    for i, prompt in enumerate(prompts):
        post_embed(post_id=publish(make_user(f"maker{i}"), prompt=prompt, age=(i + 1) * HOUR).pk)
    bob, alice = make_user("bob"), make_user("alice")
    before = client_for(bob).get("/api/v1/feed/", {"kind": "for_you"}).json()

    steered = client_for(alice).put("/api/v1/feed/steering/", {"text": "more cooking, no sports"}, format="json")
    assert steered.status_code == 200 and steered.json()["more"] == "cooking"
    hers = client_for(alice).get("/api/v1/feed/", {"kind": "for_you"}).json()
    after = client_for(bob).get("/api/v1/feed/", {"kind": "for_you"}).json()

    def shown(body):
        return [(item["post"]["id"], item["reason"]) for item in body["items"]]

    assert shown(after) == shown(before)
    assert "steering" not in str(after)
    assert ids_of(hers) != ids_of(before)  # hers did move: the steering was read
