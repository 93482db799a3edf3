"""The feeds: following and For You, reasons, diversity, signed cursors, constant queries, teen limits and
wellness check-ins."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from feed.models import FeedDay, Post, WellnessCheckIn
from tests.feed.conftest import feed_pages, result_ids

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def feed(client, kind="for_you", **params):
    return client.get("/api/v1/feed/", {"kind": kind, **params})


def test_following_is_the_people_i_follow_newest_first(make_user, client_for, publish, follow):
    me, alice, bob, stranger = make_user("me"), make_user("alice"), make_user("bob"), make_user("stranger")
    follow(me, alice)
    follow(me, bob)
    old = publish(alice, age=3 * HOUR)
    new = publish(bob, age=1 * HOUR)
    middle = publish(alice, age=2 * HOUR)
    publish(stranger)
    publish(me)

    response = feed(client_for(me), "following")

    assert response.status_code == 200
    assert result_ids(response) == [new.pk, middle.pk, old.pk]
    assert {item["reason"] for item in response.json()["items"]} == {"you follow @alice", "you follow @bob"}


def test_following_pages_with_a_signed_cursor_that_cannot_be_forged_or_reused(make_user, client_for, publish, follow):
    me, other, alice = make_user("me"), make_user("other"), make_user("alice")
    follow(me, alice)
    follow(other, alice)
    posts = [publish(alice, age=i * HOUR) for i in range(7)]
    client = client_for(me)

    pages, cursor = [], None
    while True:
        body = feed(client, "following", page_size=3, **({"cursor": cursor} if cursor else {})).json()
        pages.append([item["post"]["id"] for item in body["items"]])
        cursor = body["next_cursor"]
        if cursor is None:
            break

    assert [len(page) for page in pages] == [3, 3, 1]
    assert sum(pages, []) == [post.pk for post in posts]
    first_cursor = feed(client, "following", page_size=3).json()["next_cursor"]
    forged = feed(client, "following", cursor=first_cursor[:-4] + "AAAA")
    garbage = feed(client, "following", cursor="not-a-cursor")
    someone_elses = feed(client_for(other), "following", cursor=first_cursor)
    other_kind = feed(client, "for_you", cursor=first_cursor)
    for response in (forged, garbage, someone_elses, other_kind):
        assert response.status_code == 400
        assert response.json()["code"] == "invalid_cursor"


def test_an_unknown_feed_kind_is_a_400(make_user, client_for):
    response = feed(client_for(make_user("me")), "trending")
    assert response.status_code == 400 and response.json()["code"] == "feed_kind_invalid"


def test_for_you_ranks_people_i_know_first_then_circles_then_popular(make_user, client_for, publish, follow):
    # Given: I follow alice; bob and I are mutuals and bob follows carol (my mutual's circle); dave is a stranger.
    me, alice, bob, carol, dave = (make_user(h) for h in ("me", "alice", "bob", "carol", "dave"))
    follow(me, alice)
    follow(me, bob)
    follow(bob, me)
    follow(bob, carol)
    stranger_popular = publish(dave, likes=400, age=HOUR)
    circle = publish(carol, age=2 * HOUR)
    followed = publish(alice, age=5 * HOUR)
    stranger_plain = publish(make_user("erin"), age=20 * HOUR)

    response = feed(client_for(me), "for_you")

    items = response.json()["items"]
    order = [item["post"]["id"] for item in items]
    assert order[:3] == [followed.pk, circle.pk, stranger_popular.pk]
    assert order.index(stranger_popular.pk) < order.index(stranger_plain.pk)
    reasons = {item["post"]["id"]: item["reason"] for item in items}
    assert reasons[followed.pk] == "you follow @alice"
    assert reasons[circle.pk] == "popular with people you follow"
    assert reasons[stranger_popular.pk] == "popular now"
    first = items[0]
    assert set(first) >= {"post", "author", "counts", "liked", "parent", "parent_unavailable", "reason"}


def test_for_you_never_shows_an_author_twice_in_a_row_nor_more_than_three_a_page(make_user, client_for, publish, follow):
    me = make_user("me")
    prolific, others = make_user("prolific"), [make_user(f"other{i}") for i in range(4)]
    follow(me, prolific)
    for i in range(9):
        publish(prolific, age=i * datetime.timedelta(minutes=5))
    for i, other in enumerate(others):
        publish(other, age=(10 + i) * HOUR)

    client = client_for(me)
    pages = [body["items"] for body in feed_pages(client, "for_you", page_size=6)]

    authors = [[item["author"]["handle"] for item in page] for page in pages]
    flat = sum(authors, [])
    assert all(a != b for a, b in zip(flat, flat[1:], strict=False))
    assert all(page.count("prolific") <= 3 for page in authors)
    ids = [item["post"]["id"] for page in pages for item in page]
    assert len(ids) == len(set(ids))  # next pages neither repeat nor skip
    assert authors[0][0] == "prolific"


def _count_queries(client, **params) -> int:
    from django.core.cache import cache

    from feed.for_you import process_caches_forget

    # Measured with the shared global candidate list to rebuild and no post features cached: the worst case.
    cache.clear()
    process_caches_forget()
    with CaptureQueriesContext(connection) as context:
        assert feed(client, **params).status_code == 200
    return len(context)


@pytest.mark.parametrize("kind", ["for_you", "following"])
def test_a_feed_page_costs_the_same_queries_whatever_the_page_and_data_size(
    kind, make_user, client_for, publish, follow, django_assert_max_num_queries, settings
):
    # The pages below add up to more videos than a check-in's interval, which would add an item to a page.
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    me = make_user("me")
    authors = [make_user(f"author{i}") for i in range(6)]
    for author in authors[:4]:
        follow(me, author)
    follow(me, authors[0])
    follow(authors[0], me)
    follow(authors[0], authors[5])
    for author in authors:
        original = publish(author, age=30 * HOUR)
        publish(author, age=HOUR, parent=original)  # pages hold remixes: their parents' visibility is read
    client = client_for(me)
    feed(client, kind=kind)  # the day's first request also creates the day's counter row

    small = _count_queries(client, kind=kind, page_size=2)
    for round_ in range(4):
        for index, author in enumerate(authors):
            parent = Post.objects.filter(author=author).first()
            publish(author, age=(round_ + 2) * HOUR, parent=parent if index % 2 else None)
    large = _count_queries(client, kind=kind, page_size=20)

    assert small == large
    with django_assert_max_num_queries(14):
        body = feed(client, kind=kind, page_size=10).json()
    assert len(body["items"]) == 10
    with django_assert_max_num_queries(10):
        assert feed(client, kind=kind, page_size=10, cursor=body["next_cursor"]).status_code == 200


def _link_teen(parent, teen, **controls):
    from django.utils import timezone

    from sora_social.accounts.models import ParentalLink

    now = timezone.now()
    return ParentalLink.objects.create(parent=parent, teen=teen, parent_consented_at=now, teen_consented_at=now, **controls)


def test_a_teen_gets_a_clear_daily_limit_state_not_an_empty_page(make_user, client_for, publish, follow):
    teen, parent, alice = make_user("teen", age=15), make_user("parent"), make_user("alice")
    _link_teen(parent, teen, daily_feed_videos_cap=5)
    follow(teen, alice)
    for i in range(8):
        publish(alice, age=i * HOUR)
    client = client_for(teen)

    first = feed(client, "following", page_size=4).json()
    retried = feed(client, "following", page_size=4).json()  # a retry of the same page counts once
    second = feed(client, "following", page_size=4, cursor=first["next_cursor"]).json()
    third = feed(client, "following", page_size=4, cursor=second["next_cursor"] or first["next_cursor"]).json()

    assert len(first["items"]) == 4 and len(retried["items"]) == 4
    assert len(second["items"]) == 1  # only what is left of the cap
    assert third["state"] == "daily_limit_reached"
    assert third["items"] == [] and third["message"]
    assert third["limits"]["daily_feed_videos"] == 5 and third["limits"]["videos_today"] == 5
    assert feed(client, "for_you").json()["state"] == "daily_limit_reached"
    assert FeedDay.objects.get(user=teen).videos_served == 5


def test_continuous_scroll_off_gives_one_page_then_a_stop(make_user, client_for, publish, follow):
    teen, parent, alice = make_user("teen", age=15), make_user("parent"), make_user("alice")
    link = _link_teen(parent, teen)
    follow(teen, alice)
    for i in range(6):
        publish(alice, age=i * HOUR)
    cursor = feed(client_for(teen), "following", page_size=3).json()["next_cursor"]
    assert cursor is not None
    link.continuous_scroll = False
    link.save(update_fields=["continuous_scroll"])

    first = feed(client_for(teen), "following", page_size=3).json()
    later = feed(client_for(teen), "following", page_size=3, cursor=cursor).json()

    assert len(first["items"]) == 3 and first["next_cursor"] is None
    assert first["limits"]["continuous_scroll"] is False
    assert later["state"] == "continuous_scroll_off" and later["items"] == []


def test_a_teens_cap_counts_every_list_of_videos_and_none_is_a_way_around_it(make_user, client_for, publish, follow):
    # Given: a teen whose parent set a cap of 5 videos a day, following alice, who has 8 posts and 3 remixes of one
    teen, parent, alice = make_user("teen", age=15), make_user("parent"), make_user("alice")
    _link_teen(parent, teen, daily_feed_videos_cap=5)
    follow(teen, alice)
    posts = [publish(alice, age=(i + 1) * HOUR) for i in range(8)]
    for _ in range(3):
        publish(alice, parent=posts[0])
    client = client_for(teen)

    # When the teen browses alice's posts, a post's remixes, and then the feed
    by_alice = client.get("/api/v1/posts/", {"author": "alice", "page_size": 3}).json()
    retried = client.get("/api/v1/posts/", {"author": "alice", "page_size": 3}).json()
    remixes = client.get(f"/api/v1/posts/{posts[0].pk}/remixes/").json()
    after = client.get("/api/v1/posts/", {"author": "alice", "cursor": by_alice["next_cursor"]}).json()

    # Then they all count towards the same 5 videos (a retried page once), and past them every list stops
    assert len(by_alice["items"]) == len(retried["items"]) == 3
    assert len(remixes["items"]) == 2 and remixes["next_cursor"] is None  # what was left of the cap
    assert FeedDay.objects.get(user=teen).videos_served == 5
    assert after["state"] == "daily_limit_reached" and after["items"] == [] and after["message"]
    assert client.get(f"/api/v1/posts/{posts[0].pk}/remixes/").json()["state"] == "daily_limit_reached"
    assert feed(client, "following").json()["state"] == "daily_limit_reached"


def test_a_post_opened_by_its_link_counts_as_one_video_and_past_the_cap_is_refused(
    make_user, client_for, publish, django_assert_max_num_queries
):
    # Given: a teen with a cap of 2 videos a day, alice's three posts, and one of the teen's own
    teen, parent, alice = make_user("teen", age=15), make_user("parent"), make_user("alice")
    _link_teen(parent, teen, daily_feed_videos_cap=2)
    first, second, third = (publish(alice, age=(i + 1) * HOUR) for i in range(3))
    own = publish(teen)
    client = client_for(teen)

    # When the teen opens alice's posts by their links, the first one twice in a row (a retry)
    opened = [client.get(f"/api/v1/posts/{post.pk}/") for post in (first, first, second)]

    # Then each post counts once, as a page of one video would
    assert [r.status_code for r in opened] == [200, 200, 200]
    assert all(r.json()["post"]["video_url"] for r in opened)
    assert FeedDay.objects.get(user=teen).videos_served == 2
    # and past the cap a link is refused in the API's error format, as every list stops
    refused = client.get(f"/api/v1/posts/{third.pk}/")
    assert refused.status_code == 403 and refused.json()["code"] == "daily_limit_reached" and refused.json()["message"]
    assert client.get("/api/v1/posts/").json()["state"] == "daily_limit_reached"
    # while the teen's own video stays theirs to see, uncounted
    assert client.get(f"/api/v1/posts/{own.pk}/").json()["post"]["video_url"]
    assert FeedDay.objects.get(user=teen).videos_served == 2
    # A post nobody may see is the same 404 as before, cap or no cap.
    assert client.get("/api/v1/posts/999999/").status_code == 404
    # An adult opens posts freely: nothing is counted, and a post costs a few queries.
    adult = client_for(make_user("adult"))
    with django_assert_max_num_queries(8):
        assert adult.get(f"/api/v1/posts/{third.pk}/").status_code == 200
    assert not FeedDay.objects.filter(user__handle="adult").exists()


def test_a_teens_cap_counts_the_last_24_hours_not_the_servers_day(make_user, client_for, publish, follow, clock):
    # Given: a teen with a cap of 2, at 23:50 UTC (mid-afternoon in the Americas), and four posts to see
    evening = datetime.datetime(2026, 6, 1, 23, 50, tzinfo=datetime.UTC)
    clock(evening)
    teen, parent, alice = make_user("teen", age=15), make_user("parent"), make_user("alice")
    _link_teen(parent, teen, daily_feed_videos_cap=2)
    follow(teen, alice)
    for i in range(4):
        publish(alice, age=(i + 1) * HOUR)
    client = client_for(teen)
    assert len(feed(client, "following", page_size=2).json()["items"]) == 2

    # When the server's day turns, twenty minutes later, the two videos still count
    clock(evening + datetime.timedelta(minutes=20))
    after_midnight = feed(client, "following").json()
    assert after_midnight["state"] == "daily_limit_reached" and after_midnight["items"] == []
    assert after_midnight["limits"]["videos_today"] == 2
    # and the feed says when they stop counting: 25 hours after the hour they were seen in
    opens = datetime.datetime(2026, 6, 3, 0, 0, tzinfo=datetime.UTC)
    assert after_midnight["limits"]["resets_at"] in (opens.isoformat(), opens.isoformat().replace("+00:00", "Z"))

    # Then: almost a day later they still count; once their hour has left the window the feed opens again
    clock(opens - datetime.timedelta(seconds=1))
    assert feed(client, "following").json()["state"] == "daily_limit_reached"
    clock(opens)
    reopened = feed(client, "following", page_size=2).json()
    assert reopened["state"] == "ok" and len(reopened["items"]) == 2


def test_with_continuous_scroll_off_every_list_of_videos_is_one_page(make_user, client_for, publish):
    teen, parent, alice = make_user("teen", age=15), make_user("parent"), make_user("alice")
    _link_teen(parent, teen, continuous_scroll=False)
    posts = [publish(alice, age=(i + 1) * HOUR) for i in range(4)]
    for _ in range(3):
        publish(alice, parent=posts[0])
    client = client_for(teen)

    first = client.get("/api/v1/posts/", {"page_size": 2}).json()
    remixes = client.get(f"/api/v1/posts/{posts[0].pk}/remixes/", {"page_size": 2}).json()

    assert len(first["items"]) == 2 and first["next_cursor"] is None
    assert len(remixes["items"]) == 2 and remixes["next_cursor"] is None
    # A cursor kept from before the setting changed does not get around it either.
    adult_cursor = client_for(make_user("adult")).get("/api/v1/posts/", {"page_size": 2}).json()["next_cursor"]
    assert adult_cursor is not None
    assert client.get("/api/v1/posts/", {"cursor": adult_cursor}).status_code == 400  # cursors are per viewer


def test_people_without_limits_browse_freely_and_nothing_is_counted(make_user, client_for, publish):
    alice, bob = make_user("alice"), make_user("bob")
    for i in range(3):
        publish(alice, age=(i + 1) * HOUR)

    body = client_for(bob).get("/api/v1/posts/", {"page_size": 2}).json()

    assert body["state"] == "ok" and len(body["items"]) == 2 and body["next_cursor"]
    assert not FeedDay.objects.filter(user=bob).exists()


def test_personalized_off_is_following_plus_global_recent_newest_first(make_user, client_for, publish, follow):
    teen, parent = make_user("teen", age=15), make_user("parent")
    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    _link_teen(parent, teen, personalized_feed=False)
    follow(teen, bob)
    follow(bob, teen)
    follow(bob, carol)  # carol is in a mutual's circle: not a personalized source any more
    followed_old = publish(bob, age=10 * HOUR)
    popular_old = publish(alice, likes=500, age=8 * HOUR)
    recent = publish(carol, age=HOUR)

    body = feed(client_for(teen), "for_you").json()

    assert [item["post"]["id"] for item in body["items"]] == [recent.pk, popular_old.pk, followed_old.pk]
    reasons = [item["reason"] for item in body["items"]]
    assert reasons == ["recent", "recent", "you follow @bob"]
    assert body["limits"]["personalized"] is False


def test_a_wellness_check_in_comes_after_n_videos_and_answers_stay_private(
    settings, make_user, client_for, publish, follow
):
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 5
    me, alice, bob = make_user("me"), make_user("alice"), make_user("bob")
    follow(me, alice)
    for i in range(12):
        publish(alice, age=i * HOUR)
    client = client_for(me)

    first = feed(client, "following", page_size=4).json()
    second = feed(client, "following", page_size=4, cursor=first["next_cursor"]).json()
    third = feed(client, "following", page_size=4, cursor=second["next_cursor"]).json()

    kinds = [[item["type"] for item in page["items"]] for page in (first, second, third)]
    assert "wellness_check" not in kinds[0]
    assert kinds[1][0] == "wellness_check" and kinds[1].count("wellness_check") == 1
    assert "wellness_check" not in kinds[2]
    check_in = second["items"][0]["check_in"]
    assert check_in["reason"] == "videos" and check_in["videos_today"] == 8
    assert "bad" in check_in["answers"]

    order_before = result_ids(feed(client, "for_you"))
    answer = client.post("/api/v1/wellness/", {"mood": "bad", "note": "tired"}, format="json")
    assert answer.status_code == 201 and answer.json()["videos_today"] >= 8
    assert client.post("/api/v1/wellness/", {"mood": "ecstatic"}, format="json").status_code == 400
    # Private: bob sees only his own (none); the answer never changes what the feed ranks.
    assert client_for(bob).get("/api/v1/wellness/").json()["items"] == []
    assert [c["mood"] for c in client.get("/api/v1/wellness/").json()["items"]] == ["bad"]
    assert result_ids(feed(client, "for_you")) == order_before
    assert WellnessCheckIn.objects.count() == 1


def test_a_check_in_due_while_scrolling_posts_waits_for_the_next_feed_page(
    settings, make_user, client_for, publish, follow
):
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 3
    teen, alice = make_user("teen", age=15), make_user("alice")
    follow(teen, alice)
    for i in range(8):
        publish(alice, age=i * HOUR)
    client = client_for(teen)

    posts = client.get("/api/v1/posts/", {"page_size": 4}).json()  # four videos: a check-in falls due here...
    assert [item["post"]["id"] for item in posts["items"]] and "check_in" not in posts["items"][0]
    page = feed(client, "following", page_size=1).json()  # ...and is asked on the next feed page, not lost

    assert [item["type"] for item in page["items"]] == ["wellness_check", "post"]
    assert page["items"][0]["check_in"]["videos_today"] == 5


def test_a_wellness_check_in_comes_after_m_minutes(settings, make_user, client_for, publish, follow):
    from django.utils import timezone

    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    settings.WELLNESS_CHECK_EVERY_MINUTES = 10
    me, alice = make_user("me"), make_user("alice")
    follow(me, alice)
    publish(alice)
    client = client_for(me)
    assert feed(client, "following").json()["items"][0]["type"] == "post"
    # Nine and a half minutes of scrolling in gaps under five minutes each, then one more request.
    FeedDay.objects.filter(user=me).update(
        active_seconds=9 * 60, last_request_at=timezone.now() - datetime.timedelta(minutes=2)
    )

    body = feed(client, "following").json()

    assert body["items"][0]["type"] == "wellness_check"
    assert body["items"][0]["check_in"]["reason"] == "minutes"
    assert body["items"][0]["check_in"]["minutes_today"] >= 10


def test_steering_text_over_500_characters_is_refused(make_user, client_for):
    response = client_for(make_user("me")).put("/api/v1/feed/steering/", {"text": "sports " * 80}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "invalid_input"
    assert [error["code"] for error in response.json()["fields"]["text"]] == ["max_length"]


def test_opening_for_you_again_serves_the_ranking_made_ahead_with_visibility_checked_now(
    settings, make_user, client_for, publish, follow, django_capture_on_commit_callbacks, monkeypatch
):
    from feed import for_you
    from feed.services.posts import post_take_down

    settings.FEED_RANK_AHEAD = True
    reader, alice, bob = make_user("reader"), make_user("alice"), make_user("bob")
    follow(reader, alice)
    posts = [publish(alice, age=i * HOUR) for i in range(3)] + [publish(bob, age=i * HOUR) for i in range(3)]
    client = client_for(reader)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.get("/api/v1/feed/", {"kind": "for_you"})  # ... and the next ranking is made ahead
    ranked_ahead = result_ids(first)
    assert sorted(ranked_ahead) == sorted(post.pk for post in posts)

    post_take_down(post=posts[0], moderator=bob, reason="test")
    rankings = []
    monkeypatch.setattr(for_you, "for_you_pages", lambda *args, **kwargs: rankings.append(1) or [])
    again = client.get("/api/v1/feed/", {"kind": "for_you"})

    assert rankings == []  # nothing was ranked on the request path
    assert result_ids(again) == [post_id for post_id in ranked_ahead if post_id != posts[0].pk]


def test_changing_steering_drops_the_ranking_made_ahead(
    settings, make_user, client_for, publish, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    settings.FEED_RANK_AHEAD = True
    reader, alice = make_user("reader"), make_user("alice")
    publish(alice)
    client = client_for(reader)
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/api/v1/feed/", {"kind": "for_you"})
    assert cache.get(f"feed:fy:ready:{reader.pk}") is not None

    assert client.put("/api/v1/feed/steering/", {"text": "more cooking"}, format="json").status_code == 200

    assert cache.get(f"feed:fy:ready:{reader.pk}") is None


def _scroll_for_you(client, page_size, first=None):
    """Every page of one For You session, as lists of (post id, author handle)."""
    pages = feed_pages(client, "for_you", page_size=page_size, first=first)
    return [[(item["post"]["id"], item["author"]["handle"]) for item in body["items"]] for body in pages]


def test_a_post_hidden_after_ranking_is_not_shown_and_its_page_is_filled_from_the_next(
    make_user, client_for, publish, follow
):
    # Given: I follow five people with three posts each, and a For You session of pages of 5 is open.
    me = make_user("me")
    authors = [make_user(f"author{i}") for i in range(5)]
    for index, author in enumerate(authors):
        follow(me, author)
        for n in range(3):
            publish(author, age=(index + 5 * n) * HOUR)
    client = client_for(me)
    first = feed(client, "for_you", page_size=5).json()
    ranked_next = feed(client, "for_you", page_size=5, cursor=first["next_cursor"]).json()
    hidden = ranked_next["items"][1]["post"]["id"]

    # When: one post of the second page is taken down before that page is read (same session, same cursor).
    Post.objects.filter(pk=hidden).update(taken_down_at=datetime.datetime.now(datetime.UTC))
    pages = _scroll_for_you(client, 5, first=first)

    # Then: it is not shown, the second page is still full, and the session neither repeats nor skips a post.
    ids = [post_id for page in pages for post_id, _ in page]
    assert hidden not in ids
    assert [len(page) for page in pages[:2]] == [5, 5]
    assert len(ids) == len(set(ids))
    assert set(ids) == set(Post.objects.exclude(pk=hidden).values_list("pk", flat=True))
    handles = [handle for page in pages for _, handle in page]
    assert all(a != b for a, b in zip(handles, handles[1:], strict=False))
    assert all(max(map([h for _, h in page].count, [h for _, h in page])) <= 3 for page in pages)


def test_posts_of_someone_i_blocked_are_never_shown_though_their_features_are_cached(
    make_user, client_for, publish, follow
):
    from sora_social.accounts.services import user_block

    me, popular = make_user("me"), make_user("popular")
    others = [make_user(f"other{i}") for i in range(4)]
    for n in range(4):
        publish(popular, likes=300, age=n * HOUR)
    for index, other in enumerate(others):
        publish(other, age=(index + 1) * HOUR)
    client = client_for(me)
    assert "popular" in {handle for page in _scroll_for_you(client, 3) for _, handle in page}

    user_block(blocker=me, blocked=popular)
    pages = _scroll_for_you(client, 3)

    assert "popular" not in {handle for page in pages for _, handle in page}
    assert sorted(post_id for page in pages for post_id, _ in page) == sorted(
        Post.objects.filter(author__in=others).values_list("pk", flat=True)
    )
    assert [len(page) for page in pages] == [3, 1]


def test_post_features_are_read_once_then_served_from_the_process_cache(
    make_user, publish, django_assert_num_queries
):
    from feed.for_you import FEATURE_FIELDS, post_features

    posts = [publish(make_user(f"author{i}"), likes=i) for i in range(3)]
    ids = [post.pk for post in posts]
    Post.objects.filter(pk=ids[0]).update(deleted_at=datetime.datetime.now(datetime.UTC))

    with django_assert_num_queries(1):
        first = post_features(ids)
    with django_assert_num_queries(0):
        again = post_features(ids)

    assert first == again
    assert first[ids[0]] is None  # deleted: never ranked
    features = dict(zip(FEATURE_FIELDS, first[ids[2]], strict=True))
    assert features["like_count"] == 2 and features["author_id"] == posts[2].author_id
    assert features["created_at"] == posts[2].created_at.timestamp()


def test_beat_refreshes_the_shared_lists_so_a_first_page_never_sorts_every_post(
    make_user, client_for, publish, django_assert_num_queries
):
    from django.conf import settings

    from feed.for_you import global_candidate_ids
    from feed.tasks import feed_global_candidates_task

    schedule = settings.CELERY_BEAT_SCHEDULE["refresh-feed-global-candidates"]
    assert schedule["task"] == feed_global_candidates_task.name and schedule["schedule"] <= 30
    popular = publish(make_user("popular"), likes=50)
    fresh = publish(make_user("fresh"))

    assert feed_global_candidates_task.apply().get() == 4

    with django_assert_num_queries(0):
        shared = global_candidate_ids()
    assert shared["fresh"] == [fresh.pk, popular.pk]
    assert shared["popular"][0] == popular.pk


def test_a_stale_circle_list_is_served_while_a_task_recomputes_it(
    make_user, publish, follow, django_capture_on_commit_callbacks
):
    from django.core.cache import cache
    from django.utils import timezone

    from feed.for_you import _circle_key, circle_candidate_ids

    me, bob, carol = make_user("me"), make_user("bob"), make_user("carol")
    follow(me, bob)
    follow(bob, me)
    follow(bob, carol)  # carol is in my mutual's circle
    first = publish(carol, age=2 * HOUR)
    assert circle_candidate_ids(me, now=timezone.now()) == [first.pk]  # nothing kept yet: computed now

    second = publish(carol, age=HOUR)
    kept = cache.get(_circle_key(me.pk))
    assert circle_candidate_ids(me, now=timezone.now()) == [first.pk]  # fresh: kept as it is
    cache.set(_circle_key(me.pk), {**kept, "at": kept["at"] - 3600})

    with django_capture_on_commit_callbacks(execute=True) as queued:
        stale = circle_candidate_ids(me, now=timezone.now())
        circle_candidate_ids(me, now=timezone.now())  # a second request while it refreshes queues nothing

    assert stale == [first.pk]
    assert len(queued) == 1
    assert circle_candidate_ids(me, now=timezone.now()) == [second.pk, first.pk]
