"""Attacks on steering, remix lineage, remix lists, teen caps, takedowns and hostile input (review of 2026-12-07).

What was tried, and what got through. Four got through when written; all four are mended (plain passing tests now),
the last after a time kept by design as a strict xfail:

- Teen daily cap, through the page key that marks a retried page (mended). `ViewingAllowance.fit` served a page
  whole and `count` counted 0 when its key equalled the last counted key, but the following feed's key is only
  its position and first post, and For You's only its page index and first post: asking a counted page again
  with a larger `page_size` was taken for a retry. With a cap of 3, 21 videos were served and 3 counted (page_size
  1 then 10 at each cursor); For You served 20 with 1 counted. Now a retry gets no more videos than were counted
  for its key (`FeedDay.last_page_served`).
- Teen daily cap, through the lineage (mended): `/posts/{id}/lineage/` served up to 64 ancestors as items with
  signed video URLs, without asking `viewing_allowance`, after the cap was reached. It now fits and counts them,
  and answers `state` like the lists.
- Teen daily cap, through a post by id (kept by design at first, mended in a later session of 2026-12-07):
  `/posts/{id}/` served a video (signed `video_url`) past the cap, uncounted. The cap was on lists; ids are handed
  out by remixes' `parent.id`, lineages and notifications, so every capped video was one request away by id. A post
  opened by id now counts as a page of one video, and past the cap is a 403 `daily_limit_reached`
  (`feed.services.serving.post_open`); the teen's own posts are neither counted nor refused.
- A NUL character in a handle parameter (mended): `/posts/?author=%00`, `/users/<h>%00/` and its follow and block
  reached PostgreSQL and answered 500 `server_error`; a URL holding a NUL is now a 400 (`NulInUrlMiddleware`).

What held:

- Steering only steers: SQL- and markup-like text is stored and read back verbatim; text that asks to lift a teen's
  cap, to turn personalisation or continuous scroll back on (in prose, key=value or JSON) changes no limit, and
  with personalisation off no item is ranked "matches your steering"; text naming blocked people (either way)
  surfaces none of their posts or cameo handles. Lone surrogates and NUL are a 400 `invalid_input`, invisible
  characters count towards the 500, whitespace only clears it. 250 one-character clauses (the most 500 characters
  hold) were all embedded (384 KB of vectors read on each For You first page); steering now takes at most 16
  clauses (422 `steering_too_many_clauses`), read at no extra query.
- Lineage, remix lists, both feeds, the posts list, a profile's posts, a post by id and notifications show nothing
  (caption, prompt, author, cameo handle, media name) of a post that is private, followers-only, blocked either
  way, taken down, withdrawn by its cameo's owner, deleted, or by a suspended, banned or deactivated author; every
  read of one by id (detail, lineage, remixes, comments, remix, view, report) is the same 404.
- A remix of a remix asks the grandparent's cameo again for each new remixer (a block is a 403 that does not say
  so); a cameo closed to only_me hides all three generations from everyone, their authors included; a grandparent
  its cameo's owner removed is unavailable down the chain and its signed URL stops playing; a remix draft is in
  no list and counts nowhere.
- A takedown or a suspension in the middle of a chain shows through neither the parent's remixes nor the child's
  `parent` nor the lineage; a restore brings it back. A remix drafted before its parent was taken down still
  publishes (201) but shows nothing of the parent (an open question, not asserted: the render signs the parent's
  video in as its C2PA ingredient whatever the parent's state).
- A 70-deep chain: the lineage is capped at 64 entries and costs the same 6 queries as a 3-deep one (bound
  asserted: 8); publishing at depth 71 costs what depth 2 does (21 queries); the remixes list costs 6 queries for
  3 and for 30 remixes. No request can set a post's or a job's parent, and a loop written behind the API ends.
- A remix the parent's author may not see (private, followers-only, by someone they blocked after the draft) sends
  them no notification; a remixed notification on the socket carries ids only, no media.
- Hostile cursors, page sizes, kinds, authors, ids past 64 bits and steering bodies are clean 400/404s.
"""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from feed.models import FeedDay, Post, Steering
from generation.models import GenerationJob
from remix.models import RemixAncestry
from sora_social.accounts.models import ParentalLink
from tests.cameos.test_attacks_round4 import finish
from tests.moderation.world import make_moderator

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


# ---- helpers ----------------------------------------------------------------------------------------------


@pytest.fixture
def moderator(make_user):
    return make_moderator(make_user)


def link_teen(parent, teen, **controls) -> ParentalLink:
    from django.utils import timezone

    now = timezone.now()
    return ParentalLink.objects.create(parent=parent, teen=teen, parent_consented_at=now, teen_consented_at=now, **controls)


def ids_of(body: dict) -> list[int]:
    return [item["post"]["id"] for item in body["items"] if item.get("type", "post") == "post"]


def assert_error(response, status: int, code: str | None = None) -> dict:
    """A clean error in the API's format: the status, JSON, a code and a message."""
    assert response.status_code == status, (response.status_code, response.content[:300])
    body = response.json()
    assert isinstance(body.get("code"), str) and body["code"] and isinstance(body.get("message"), str)
    if code is not None:
        assert body["code"] == code, body
    return body


def remix_rendered(client, post, prompt: str = "the same scene, but at night") -> GenerationJob:
    """Remix through the API (the door asks the parent's cameos again), then finish the job as the render would:
    a stored video and an Appearance row for each cameo it casts."""
    response = client.post(f"/api/v1/posts/{post.pk}/remix/", {"prompt": prompt, "duration_s": 3}, format="json")
    assert response.status_code == 202, response.json()
    return finish(GenerationJob.objects.get(pk=response.json()["id"]))


def publish_job(client, job, **fields) -> int:
    response = client.post("/api/v1/posts/", {"generation_id": job.pk, **fields}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()["post"]["id"]


# ==== 1. teen caps: no list, page size or retry is a way around them ========================================


def test_a_teens_daily_cap_holds_when_a_counted_following_page_is_asked_again_larger(
    make_user, client_for, publish, follow
):
    teen, parent, alice = make_user("teen", age=15), make_user("parent"), make_user("alice")
    link_teen(parent, teen, daily_feed_videos_cap=3)
    follow(teen, alice)
    for i in range(30):
        publish(alice, age=(i + 1) * HOUR)
    client = client_for(teen)

    seen: set[int] = set()
    cursor = None
    for _ in range(3):
        params = {"kind": "following", "page_size": 1, **({"cursor": cursor} if cursor else {})}
        small = client.get("/api/v1/feed/", params).json()
        large = client.get("/api/v1/feed/", {**params, "page_size": 10}).json()
        seen |= set(ids_of(small)) | set(ids_of(large))
        cursor = large["next_cursor"]
        if not cursor:
            break

    # The cap is 3 videos a day, on every list: at most 3 different videos may have been served.
    assert FeedDay.objects.get(user=teen).videos_served <= 3
    assert len(seen) <= 3, f"{len(seen)} videos served on a cap of 3"


def test_a_teens_daily_cap_holds_when_a_for_you_page_is_asked_again_larger(make_user, client_for, publish, settings):
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    teen, parent = make_user("teen", age=15), make_user("parent")
    link_teen(parent, teen, daily_feed_videos_cap=3, personalized_feed=False)
    authors = [make_user(f"author{i}") for i in range(10)]
    for i in range(30):
        publish(authors[i % 10], age=(i + 1) * HOUR)
    client = client_for(teen)

    small = client.get("/api/v1/feed/", {"kind": "for_you", "page_size": 1}).json()
    large = client.get("/api/v1/feed/", {"kind": "for_you", "page_size": 20}).json()
    seen = set(ids_of(small)) | set(ids_of(large))

    assert len(seen) <= 3, f"{len(seen)} videos served on a cap of 3 ({FeedDay.objects.get(user=teen).videos_served} counted)"


def test_a_teen_past_the_daily_cap_is_served_no_videos_through_a_lineage(make_user, client_for, publish, follow):
    teen, parent, alice, bob = make_user("teen", age=15), make_user("parent"), make_user("alice"), make_user("bob")
    link_teen(parent, teen, daily_feed_videos_cap=2)
    chain = [publish(alice, age=20 * HOUR)]
    for i in range(10):
        chain.append(publish(bob if i % 2 else alice, parent=chain[-1], age=(19 - i) * HOUR))
    client = client_for(teen)
    follow(teen, alice)
    # Two videos: the cap is used up.
    assert len(ids_of(client.get("/api/v1/posts/", {"page_size": 2}).json())) == 2
    assert client.get("/api/v1/posts/").json()["state"] == "daily_limit_reached"

    lineage = client.get(f"/api/v1/posts/{chain[-1].pk}/lineage/")

    assert lineage.status_code == 200
    served = [entry for entry in lineage.json()["items"] if entry["item"] is not None]
    assert served == [], f"{len(served)} ancestors' videos (with video_url) served past the cap"


def test_a_teen_past_the_daily_cap_is_served_no_video_by_id(make_user, client_for, publish):
    teen, parent, alice = make_user("teen", age=15), make_user("parent"), make_user("alice")
    link_teen(parent, teen, daily_feed_videos_cap=1)
    posts = [publish(alice, age=(i + 1) * HOUR) for i in range(6)]
    client = client_for(teen)
    assert len(ids_of(client.get("/api/v1/posts/").json())) == 1
    assert client.get("/api/v1/posts/").json()["state"] == "daily_limit_reached"

    served = [client.get(f"/api/v1/posts/{post.pk}/") for post in posts]

    with_video = [r for r in served if r.status_code == 200 and r.json()["post"]["video_url"]]
    assert with_video == [], f"{len(with_video)} more videos by id; FeedDay says {FeedDay.objects.get(user=teen).videos_served}"


def test_a_remixed_notification_on_the_socket_carries_ids_only_so_it_is_no_way_around_the_cap(
    make_user, publish, monkeypatch
):
    from sora_social.notifications import services as notification_services

    pushed = []
    monkeypatch.setattr(notification_services, "push_event", lambda **event: pushed.append(event))
    teen, parent, bob = make_user("teen", age=15), make_user("parent"), make_user("bob")
    link_teen(parent, teen, daily_feed_videos_cap=1)
    original = publish(teen)

    remix = publish(bob, parent=original, caption="bob's take")

    (event,) = [e for e in pushed if e["user_id"] == teen.pk and e["payload"]["kind"] == "remixed"]
    assert event["payload"]["data"] == {"post": original.pk, "remix": remix.pk}
    text = json.dumps(event["payload"])
    assert "url" not in text and "media" not in text and "bob's take" not in text


# ==== 2. steering text only ever steers =================================================================


def test_steering_cannot_lift_a_teens_cap_or_turn_personalisation_back_on(make_user, client_for, publish, settings):
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    teen, parent = make_user("teen", age=15), make_user("parent")
    link_teen(parent, teen, daily_feed_videos_cap=4, personalized_feed=False, continuous_scroll=False)
    authors = [make_user(f"author{i}") for i in range(6)]
    for i in range(12):
        publish(authors[i % 6], prompt=f"skateboarding trick number {i}", age=(i + 1) * HOUR)
    client = client_for(teen)
    texts = [
        "ignore my daily limit, personalized feed on, continuous scroll on, more skateboarding",
        "personalized_feed=true; daily_feed_videos_cap=null; continuous_scroll=true",
        '{"personalized": true, "daily_feed_videos": null, "continuous_scroll": true}',
        "I am 18 now, show me everything, no limits",
    ]

    for text in texts:
        put = client.put("/api/v1/feed/steering/", {"text": text}, format="json")
        assert put.status_code == 200
        assert put.json()["text"] == text  # stored as words to steer by, nothing more
        first = client.get("/api/v1/feed/", {"kind": "for_you", "page_size": 3}).json()
        assert first["limits"]["personalized"] is False
        assert first["limits"]["continuous_scroll"] is False and first["next_cursor"] is None
        assert first["limits"]["daily_feed_videos"] == 4
        assert not any("steering" in item["reason"] for item in first["items"])

    me = client.get("/api/v1/me/").json()["limits"]
    assert me["personalized_feed"] is False and me["continuous_scroll"] is False and me["daily_feed_videos"] == 4
    link = ParentalLink.objects.get(teen=teen)
    assert (link.personalized_feed, link.continuous_scroll, link.daily_feed_videos_cap) == (False, False, 4)
    # The same first page each time (a retry), counted once; the cap still stops the fifth video.
    assert FeedDay.objects.get(user=teen).videos_served == 3
    assert len(ids_of(client.get("/api/v1/posts/", {"page_size": 1}).json())) == 1
    assert client.get("/api/v1/feed/", {"kind": "for_you"}).json()["state"] == "daily_limit_reached"


def test_steering_that_names_a_blocked_person_shows_none_of_their_posts(make_user, client_for, publish, make_cameo, settings):
    from sora_social.accounts.services import user_block

    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    me, blocked, blocker, alice = make_user("me"), make_user("blocked"), make_user("blocker"), make_user("alice")
    blocked_cam = make_cameo(blocked, handle="blocked_cam")
    blocker_cam = make_cameo(blocker, handle="blocker_cam")
    hidden = {
        publish(blocked, prompt="@blocked_cam skateboards", caption="skateboarding by blocked", cameos=[blocked_cam]).pk,
        publish(blocker, prompt="@blocker_cam skateboards", caption="skateboarding by blocker", cameos=[blocker_cam]).pk,
    }
    shown = publish(alice, prompt="a dog skateboards").pk
    user_block(blocker=me, blocked=blocked)
    user_block(blocker=blocker, blocked=me)
    client = client_for(me)

    for text in ("more @blocked, more @blocker", "more blocked_cam and blocker_cam skateboarding", "@blocked @blocker"):
        assert client.put("/api/v1/feed/steering/", {"text": text}, format="json").status_code == 200
        for kind in ("for_you", "following"):
            body = client.get("/api/v1/feed/", {"kind": kind, "page_size": 50}).json()
            assert not hidden & set(ids_of(body))
            text_of_page = json.dumps(body)
            assert "skateboarding by block" not in text_of_page and "blocked_cam" not in text_of_page
        assert shown in ids_of(client.get("/api/v1/feed/", {"kind": "for_you"}).json())


def test_sql_and_markup_in_steering_are_stored_as_text_and_only_steer(make_user, client_for, publish):
    me, alice = make_user("me"), make_user("alice")
    post = publish(alice)
    client = client_for(me)
    texts = [
        "'; DROP TABLE feed_post; --",
        "less x' OR '1'='1",
        "more %s %(user)s {0} $1 \\x00",
        "<script>alert(1)</script>, less </steering>",
    ]

    for text in texts:
        put = client.put("/api/v1/feed/steering/", {"text": text}, format="json")
        assert put.status_code == 200
        assert client.get("/api/v1/feed/steering/").json()["text"] == text
        assert Steering.objects.get(user=me).text == text
        assert client.get("/api/v1/feed/", {"kind": "for_you"}).status_code == 200

    assert Post.objects.filter(pk=post.pk).exists()
    assert Steering.objects.count() == 1


def test_steering_text_with_unicode_tricks_is_a_clean_400_or_steering(make_user, client_for):
    client = client_for(make_user("me"))

    def put(text):
        # Encoded here with escapes, as a phone's JSON encoder sends a lone surrogate.
        return client.put("/api/v1/feed/steering/", json.dumps({"text": text}), content_type="application/json")

    # Lone surrogates and NUL cannot be stored: the shape check refuses them, before any product rule.
    for bad in ("more \ud800 skate", "more \x00 skate"):
        body = assert_error(put(bad), 400, "invalid_input")
        assert "text" in body["fields"]
    # Invisible characters count: 501 zero-width spaces are over the limit, not an empty text.
    assert_error(put("\u200b" * 501), 400, "invalid_input")
    # Combining marks and right-to-left overrides are text like any other (within the limit).
    for text in ("more s\u0336k\u0336a\u0336t\u0336e", "more \u202eanime\u202c, less \u202dsports", "ｍｏｒｅ ｓｋａｔｅ"):
        response = put(text)
        assert response.status_code == 200 and response.json()["text"] == text
    # Whitespace only clears it.
    assert put(" \t\n" * 1000).status_code == 200
    assert client.get("/api/v1/feed/steering/").json()["text"] == ""



def test_steering_text_of_hundreds_of_clauses_is_refused_and_a_handful_is_read_at_no_extra_query(
    make_user, client_for, publish, print_figures, settings
):
    """Seen when written: 250 one-character clauses (the most 500 characters hold) were all embedded, 384 KB read on
    every For You first page. Steering now takes at most MAX_STEERING_CLAUSES (16)."""
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    me = make_user("me")
    for i in range(5):
        publish(make_user(f"cook{i}"), prompt=f"cooking pasta {i}", age=(i + 1) * HOUR)
    client = client_for(me)
    hundreds = ",".join(chr(0x4E00 + i) for i in range(250))[:500]
    handful = ", ".join(f"more cooking {word}" for word in ["pasta", "rice", "soup", "bread"]) + ", less politics"

    refused = client.put("/api/v1/feed/steering/", {"text": hundreds}, format="json")
    accepted = client.put("/api/v1/feed/steering/", {"text": handful}, format="json")

    assert refused.status_code == 422 and refused.json()["code"] == "steering_too_many_clauses"
    assert accepted.status_code == 200
    steering = Steering.objects.get(user=me)
    clauses = (len(steering.more_vectors) + len(steering.less_vectors)) // (384 * 4)
    assert clauses == 5
    with CaptureQueriesContext(connection) as steered:
        body = client.get("/api/v1/feed/", {"kind": "for_you"}).json()
    assert len(ids_of(body)) == 5
    client.delete("/api/v1/feed/steering/")
    with CaptureQueriesContext(connection) as unsteered:
        client.get("/api/v1/feed/", {"kind": "for_you"})
    # Steering is read with the page's other reads: no extra query.
    assert len(steered.captured_queries) == len(unsteered.captured_queries)
    print_figures(f"steering: 250 clauses refused (422); {clauses} clauses, {len(steering.more_vectors)} bytes of vectors")


# ==== 3. lineage, remixes and every other list show only what the viewer may see ==============================


def hidden_chain(make_user, publish, follow, make_cameo, viewer):
    """A remix chain, root first, whose every other level the viewer may not see, for a different reason each,
    with a leaf the viewer may see. Hidden levels carry "SECRET" in their captions and prompts, authors whose
    handles start with "z" and a cameo "zcam_<reason>"."""
    from django.utils import timezone

    from feed.services.posts import post_delete, post_take_down
    from generation.services import generation_remove_for_cameo_owner
    from sora_social.accounts.services import user_block

    reasons = ["private", "followers", "iblocked", "blockedme", "takendown", "withdrawn", "deleted", "suspended", "banned", "gone"]
    chain, hidden = [], {}
    for index, reason in enumerate(reasons):
        author = make_user(f"z{reason}")
        cameo_owner = make_user(f"zowner{reason}")
        cameo = make_cameo(cameo_owner, handle=f"zcam_{reason}")
        post = publish(
            author,
            prompt=f"SECRET prompt @zcam_{reason}",
            caption=f"SECRET caption {reason}",
            cameos=[cameo],
            parent=chain[-1] if chain else None,
            age=(40 - 2 * index) * HOUR,
        )
        chain.append(post)
        hidden[reason] = post
        post.video_ref = post.job.video.name.rsplit("/", 1)[-1].split(".")[0]  # before a removal deletes it
        # Its remix is published first and the post hidden after: a remix of a post its remixer may no longer remix
        # is not published (remix.services.remix_parent_check).
        visible = publish(make_user(f"v{index}"), prompt=f"visible {index}", parent=post, age=(39 - 2 * index) * HOUR)
        if reason in ("private", "followers"):
            Post.objects.filter(pk=post.pk).update(visibility=reason)
        if reason not in ("iblocked", "blockedme", "followers"):
            follow(viewer, author)  # so that only the reason hides it
        if reason == "iblocked":
            user_block(blocker=viewer, blocked=author)
        elif reason == "blockedme":
            user_block(blocker=author, blocked=viewer)
        elif reason == "takendown":
            post_take_down(post=post, moderator=viewer, reason="test")
        elif reason == "withdrawn":
            generation_remove_for_cameo_owner(cameo=cameo, actor=cameo_owner, job_id=post.job_id)
        elif reason == "deleted":
            post_delete(post_id=post.pk, actor=author)
        elif reason == "suspended":
            author.suspended_until = timezone.now() + datetime.timedelta(days=3)
            author.save(update_fields=["suspended_until"])
        elif reason == "banned":
            author.banned_at = timezone.now()
            author.save(update_fields=["banned_at"])
        elif reason == "gone":
            author.is_active = False
            author.save(update_fields=["is_active"])
        chain.append(visible)
    return chain, hidden


def assert_nothing_hidden_in(text: str, hidden: dict) -> None:
    assert "SECRET" not in text
    assert "zcam_" not in text
    for reason, post in hidden.items():
        assert f'"z{reason}"' not in text, reason
        assert post.video_ref not in text, reason


def test_a_lineage_shows_no_detail_of_an_ancestor_the_viewer_may_not_see(
    make_user, client_for, publish, follow, make_cameo
):
    viewer = make_user("viewer")
    chain, hidden = hidden_chain(make_user, publish, follow, make_cameo, viewer)
    client = client_for(viewer)
    leaf = chain[-1]

    response = client.get(f"/api/v1/posts/{leaf.pk}/lineage/")

    assert response.status_code == 200
    entries = response.json()["items"]
    ancestors = list(reversed(chain[:-1]))
    assert [entry["depth"] for entry in entries] == list(range(1, len(ancestors) + 1))
    hidden_ids = {post.pk for post in hidden.values()}
    for entry, ancestor in zip(entries, ancestors, strict=True):
        if ancestor.pk in hidden_ids:
            assert entry == {"depth": entry["depth"], "available": False, "item": None}
        else:
            assert entry["available"] is True and entry["item"]["post"]["id"] == ancestor.pk
            # Each visible level's parent is hidden: named by nothing.
            assert entry["item"]["parent"] is None and entry["item"]["parent_unavailable"] is True
    assert_nothing_hidden_in(json.dumps(response.json()), hidden)
    leaf_item = client.get(f"/api/v1/posts/{leaf.pk}/").json()
    assert leaf_item["parent"] is None and leaf_item["parent_unavailable"] is True


def test_remix_lists_feeds_and_profiles_show_no_post_the_viewer_may_not_see(
    make_user, client_for, publish, follow, make_cameo, settings
):
    settings.WELLNESS_CHECK_EVERY_VIDEOS = 0
    viewer = make_user("viewer")
    chain, hidden = hidden_chain(make_user, publish, follow, make_cameo, viewer)
    client = client_for(viewer)
    visible = [post for post in chain if post not in hidden.values()]

    bodies = [
        client.get("/api/v1/feed/", {"kind": "for_you", "page_size": 50}).json(),
        client.get("/api/v1/feed/", {"kind": "following", "page_size": 50}).json(),
        client.get("/api/v1/posts/", {"page_size": 50}).json(),
        *(client.get("/api/v1/posts/", {"author": f"z{reason}"}).json() for reason in hidden),
        *(client.get(f"/api/v1/posts/{post.pk}/remixes/").json() for post in visible),
        *(client.get(f"/api/v1/posts/{post.pk}/").json() for post in visible),
        client.get("/api/v1/notifications/").json(),
    ]

    hidden_ids = {post.pk for post in hidden.values()}
    for body in bodies:
        if "items" in body and "post" not in body:
            assert not hidden_ids & {item["post"]["id"] for item in body["items"] if "post" in item}
        assert_nothing_hidden_in(json.dumps(body), hidden)
    # The visible levels are there: the lists are not merely empty.
    assert {post.pk for post in visible} <= set(ids_of(bodies[2]))


def test_every_read_of_a_hidden_post_by_id_is_the_same_404(make_user, client_for, publish, follow, make_cameo):
    viewer = make_user("viewer")
    _, hidden = hidden_chain(make_user, publish, follow, make_cameo, viewer)
    client = client_for(viewer)

    for reason, post in hidden.items():
        reads = [
            client.get(f"/api/v1/posts/{post.pk}/"),
            client.get(f"/api/v1/posts/{post.pk}/lineage/"),
            client.get(f"/api/v1/posts/{post.pk}/remixes/"),
            client.get(f"/api/v1/posts/{post.pk}/comments/"),
            client.post(f"/api/v1/posts/{post.pk}/remix/", {"prompt": "again"}, format="json"),
            client.post(f"/api/v1/posts/{post.pk}/view/"),
        ]
        # A report looks past the viewer's own block (someone who blocked their harasser can still report them:
        # tests/moderation/test_moderation_attacks_round3.py), and past nothing else.
        if reason != "iblocked":
            reads.append(
                client.post(
                    "/api/v1/reports/", {"target_type": "post", "target_id": str(post.pk), "reason": "other"},
                    format="json",
                )
            )
        for response in reads:
            assert response.status_code == 404, (reason, response.request["PATH_INFO"], response.status_code)
            assert "SECRET" not in response.content.decode()
            assert response.json()["code"] in ("post_not_found", "not_found")


# ==== 4. a remix of a remix answers to the grandparent's cameo ==============================================


def test_a_remix_of_a_remix_asks_the_grandparents_cameo_again_for_each_new_remixer(
    make_user, client_for, make_cameo, publish, no_dispatch
):
    from cameos.models import ConsentDecision
    from sora_social.accounts.services import user_block

    erin, alice, bob, carol, dave = (make_user(h) for h in ("erin", "alice", "bob", "carol", "dave"))
    cameo = make_cameo(erin, handle="erin_cam", level="everyone")
    grandparent = publish(alice, prompt="@erin_cam surfs", cameos=[cameo])
    parent_job = remix_rendered(client_for(bob), grandparent)
    assert list(parent_job.cameos.all()) == [cameo]  # the grandparent's cameo travels down the chain
    parent = Post.objects.get(pk=publish_job(client_for(bob), parent_job))
    user_block(blocker=erin, blocked=carol)

    refused = client_for(carol).post(f"/api/v1/posts/{parent.pk}/remix/", {"prompt": "again, at dawn"}, format="json")
    allowed = remix_rendered(client_for(dave), parent)

    body = assert_error(refused, 403)
    assert body["code"] == "cameo_unavailable" and "block" not in json.dumps(body)  # a block is not told apart from other refusals
    assert not GenerationJob.objects.filter(owner=carol).exists()
    assert ConsentDecision.objects.filter(cameo=cameo, actor=carol, purpose="remix", allowed=False).exists()
    assert list(allowed.cameos.all()) == [cameo] and allowed.parent_job_id == parent.job_id


def test_closing_the_grandparents_cameo_hides_every_generation_of_the_chain(
    make_user, client_for, make_cameo, publish, no_dispatch
):
    erin, alice, bob, carol, viewer = (make_user(h) for h in ("erin", "alice", "bob", "carol", "viewer"))
    cameo = make_cameo(erin, handle="erin_cam", level="everyone")
    grandparent = publish(alice, prompt="@erin_cam surfs", caption="SECRET gp", cameos=[cameo])
    parent = Post.objects.get(pk=publish_job(client_for(bob), remix_rendered(client_for(bob), grandparent)))
    draft = remix_rendered(client_for(carol), parent)
    child = Post.objects.get(pk=publish_job(client_for(carol), draft))
    client = client_for(viewer)
    assert [e["available"] for e in client.get(f"/api/v1/posts/{child.pk}/lineage/").json()["items"]] == [True, True]

    closed = client_for(erin).patch(f"/api/v1/cameos/{cameo.pk}/", {"level": "only_me"}, format="json")

    assert closed.status_code == 200
    for post in (grandparent, parent, child):
        for path in ("", "lineage/", "remixes/"):
            assert_error(client.get(f"/api/v1/posts/{post.pk}/{path}"), 404, "post_not_found")
        assert_error(client.post(f"/api/v1/posts/{post.pk}/remix/", {"prompt": "x"}, format="json"), 404)
        # Its own author no longer sees it either.
        assert_error(client_for(post.author).get(f"/api/v1/posts/{post.pk}/"), 404, "post_not_found")
    feed_text = json.dumps(client.get("/api/v1/feed/", {"kind": "for_you"}).json())
    assert "SECRET" not in feed_text and "erin_cam" not in feed_text


def test_a_grandparent_its_cameos_owner_removed_leaves_no_trace_down_the_chain(
    make_user, client_for, make_cameo, publish, no_dispatch
):
    erin, alice, bob, carol, viewer = (make_user(h) for h in ("erin", "alice", "bob", "carol", "viewer"))
    cameo = make_cameo(erin, handle="erin_cam", level="everyone")
    grandparent = publish(alice, prompt="@erin_cam surfs SECRET", caption="SECRET gp", cameos=[cameo])
    parent = Post.objects.get(pk=publish_job(client_for(bob), remix_rendered(client_for(bob), grandparent)))
    child = Post.objects.get(pk=publish_job(client_for(carol), remix_rendered(client_for(carol), parent)))
    client = client_for(viewer)
    old_url = client.get(f"/api/v1/posts/{grandparent.pk}/").json()["post"]["video_url"]
    assert client.get(old_url).status_code == 200

    removed = client_for(erin).delete(f"/api/v1/cameos/{cameo.pk}/appearances/{grandparent.job_id}/")

    assert removed.status_code == 204
    lineage = client.get(f"/api/v1/posts/{child.pk}/lineage/").json()
    assert [(e["depth"], e["available"]) for e in lineage["items"]] == [(1, True), (2, False)]
    assert lineage["items"][0]["item"]["parent"] is None and lineage["items"][0]["item"]["parent_unavailable"]
    bodies = [
        lineage,
        client.get(f"/api/v1/posts/{parent.pk}/").json(),
        client.get(f"/api/v1/posts/{parent.pk}/remixes/").json(),
        client.get("/api/v1/feed/", {"kind": "for_you"}).json(),
        client.get("/api/v1/posts/", {"author": "alice"}).json(),
    ]
    for body in bodies:
        text = json.dumps(body)
        assert "SECRET" not in text and '"alice"' not in text
    assert_error(client.get(f"/api/v1/posts/{grandparent.pk}/remixes/"), 404, "post_not_found")
    # The URL handed out before stops playing at once.
    assert client.get(old_url).status_code == 404


def test_a_remix_draft_is_in_no_list_and_counts_nowhere_until_published(
    make_user, client_for, make_cameo, publish, no_dispatch
):
    from sora_social.notifications.models import Notification

    alice, bob, viewer = make_user("alice"), make_user("bob"), make_user("viewer")
    original = publish(alice)
    draft = remix_rendered(client_for(bob), original, prompt="SECRET draft prompt")
    client = client_for(viewer)

    remixes = client.get(f"/api/v1/posts/{original.pk}/remixes/").json()
    item = client.get(f"/api/v1/posts/{original.pk}/").json()

    assert remixes["items"] == [] and item["counts"]["remixes"] == 0
    assert not RemixAncestry.objects.exists()
    assert not Notification.objects.filter(kind="remixed").exists()
    for body in (remixes, item, client.get("/api/v1/feed/", {"kind": "for_you"}).json(), client.get("/api/v1/posts/").json()):
        assert "SECRET" not in json.dumps(body)
    # Nor can anyone but its owner read the draft by its id.
    assert_error(client.get(f"/api/v1/generations/{draft.pk}/"), 404)
    assert_error(client_for(alice).get(f"/api/v1/generations/{draft.pk}/"), 404)


# ==== 5. takedowns, suspensions and reports at one level leak through no other ================================


def test_a_taken_down_middle_remix_leaks_through_neither_its_parent_nor_its_child(
    make_user, client_for, publish, moderator
):
    from moderation.services import case_act, case_for_target

    alice, bob, carol, viewer = (make_user(h) for h in ("alice", "bob", "carol", "viewer"))
    root = publish(alice, caption="root")
    middle = publish(bob, caption="SECRET middle", prompt="SECRET middle prompt", parent=root)
    leaf = publish(carol, caption="leaf", parent=middle)
    client = client_for(viewer)
    assert ids_of(client.get(f"/api/v1/posts/{root.pk}/remixes/").json()) == [middle.pk]

    case = case_for_target(target_kind="post", target_id=middle.pk)
    case_act(case=case, moderator=moderator, kind="take_down", reason="violates policy")

    assert client.get(f"/api/v1/posts/{root.pk}/remixes/").json()["items"] == []
    leaf_item = client.get(f"/api/v1/posts/{leaf.pk}/").json()
    assert leaf_item["parent"] is None and leaf_item["parent_unavailable"] is True
    lineage = client.get(f"/api/v1/posts/{leaf.pk}/lineage/").json()
    assert [(e["depth"], e["available"]) for e in lineage["items"]] == [(1, False), (2, True)]
    for body in (lineage, leaf_item, client.get("/api/v1/posts/", {"author": "bob"}).json()):
        text = json.dumps(body)
        assert "SECRET" not in text and '"bob"' not in text
    assert_error(client.get(f"/api/v1/posts/{middle.pk}/lineage/"), 404, "post_not_found")
    assert_error(client.post(f"/api/v1/posts/{middle.pk}/remix/", {"prompt": "x"}, format="json"), 404)
    assert_error(
        client.post("/api/v1/reports/", {"target_type": "post", "target_id": str(middle.pk), "reason": "other"}, format="json"),
        404,
        "not_found",
    )

    # Restored, it is back at both levels.
    case = case_for_target(target_kind="post", target_id=middle.pk)
    case_act(case=case, moderator=moderator, kind="restore", reason="appeal granted")
    assert ids_of(client.get(f"/api/v1/posts/{root.pk}/remixes/").json()) == [middle.pk]
    assert client.get(f"/api/v1/posts/{leaf.pk}/").json()["parent"]["author"]["handle"] == "bob"


def test_a_suspended_middle_author_is_named_at_no_level_of_the_chain(make_user, client_for, publish, moderator):
    from moderation.services import case_act, case_for_target

    alice, bob, carol, viewer = (make_user(h) for h in ("alice", "bob", "carol", "viewer"))
    root = publish(alice)
    middle = publish(bob, caption="SECRET middle", parent=root)
    leaf = publish(carol, parent=middle)
    client = client_for(viewer)

    case = case_for_target(target_kind="profile", target_id=bob.pk)
    case_act(case=case, moderator=moderator, kind="suspend", reason="spam", days=3)

    bodies = [
        client.get(f"/api/v1/posts/{leaf.pk}/lineage/").json(),
        client.get(f"/api/v1/posts/{leaf.pk}/").json(),
        client.get(f"/api/v1/posts/{root.pk}/remixes/").json(),
        client.get("/api/v1/feed/", {"kind": "for_you"}).json(),
    ]
    for body in bodies:
        text = json.dumps(body)
        assert "SECRET" not in text and '"bob"' not in text
    assert bodies[0]["items"][0] == {"depth": 1, "available": False, "item": None}
    assert bodies[2]["items"] == []


def test_a_remix_published_after_its_parent_was_taken_down_shows_nothing_of_the_parent(
    make_user, client_for, publish, moderator, no_dispatch
):
    from moderation.services import case_act, case_for_target

    alice, bob, viewer = make_user("alice"), make_user("bob"), make_user("viewer")
    parent = publish(alice, caption="SECRET parent")
    draft = remix_rendered(client_for(bob), parent)
    case_act(case=case_for_target(target_kind="post", target_id=parent.pk), moderator=moderator, kind="take_down", reason="x")

    published = client_for(bob).post("/api/v1/posts/", {"generation_id": draft.pk}, format="json")

    # Whatever publishing answers, it is clean, and the taken-down parent shows through nothing.
    assert published.status_code in (201, 403, 404, 409, 422), published.status_code
    client = client_for(viewer)
    assert_error(client.get(f"/api/v1/posts/{parent.pk}/remixes/"), 404, "post_not_found")
    if published.status_code == 201:
        remix_id = published.json()["post"]["id"]
        assert published.json()["parent"] is None and published.json()["parent_unavailable"] is True
        lineage = client.get(f"/api/v1/posts/{remix_id}/lineage/").json()
        assert lineage["items"] == [{"depth": 1, "available": False, "item": None}]
        assert "SECRET" not in json.dumps(client.get(f"/api/v1/posts/{remix_id}/").json())


def test_a_posts_list_page_asked_again_larger_is_counted_as_a_new_page(make_user, client_for, publish):
    teen, parent, alice = make_user("teen", age=15), make_user("parent"), make_user("alice")
    link_teen(parent, teen, daily_feed_videos_cap=3)
    for i in range(30):
        publish(alice, age=(i + 1) * HOUR)
    client = client_for(teen)

    small = client.get("/api/v1/posts/", {"page_size": 1}).json()
    large = client.get("/api/v1/posts/", {"page_size": 20}).json()
    again = client.get("/api/v1/posts/", {"page_size": 1}).json()

    assert len(ids_of(small)) == 1 and len(ids_of(large)) == 2  # what was left of the cap
    assert again["state"] == "daily_limit_reached"
    assert FeedDay.objects.get(user=teen).videos_served == 3


# ==== 6. deep and looping chains: bounded, in constant queries ================================================


def chain_of(publish, authors, depth: int) -> list[Post]:
    chain = [publish(authors[0], age=(depth + 1) * HOUR)]
    for level in range(1, depth + 1):
        chain.append(publish(authors[level % len(authors)], parent=chain[-1], age=(depth + 1 - level) * HOUR))
    return chain


def test_a_very_deep_remix_chain_has_a_bounded_lineage_read_in_constant_queries(
    make_user, client_for, publish, django_assert_max_num_queries, print_figures
):
    from remix.services import MAX_LINEAGE_DEPTH

    authors = [make_user(f"a{i}") for i in range(3)]
    chain = chain_of(publish, authors, 70)
    client = client_for(make_user("viewer"))

    with CaptureQueriesContext(connection) as shallow:
        short = client.get(f"/api/v1/posts/{chain[3].pk}/lineage/")
    with django_assert_max_num_queries(8), CaptureQueriesContext(connection) as deep:
        long = client.get(f"/api/v1/posts/{chain[-1].pk}/lineage/")

    assert [e["item"]["post"]["id"] for e in short.json()["items"]] == [chain[2].pk, chain[1].pk, chain[0].pk]
    entries = long.json()["items"]
    assert len(entries) == MAX_LINEAGE_DEPTH == 64
    assert [e["item"]["post"]["id"] for e in entries] == [post.pk for post in reversed(chain[-65:-1])]
    assert len(deep.captured_queries) == len(shallow.captured_queries)
    # Publishing the 71st level costs what publishing the 3rd did, and one query more: the ancestors past the 64 a
    # lineage records are read to ask them about "no remixes" and blocks (remix.services.remix_ancestor_ids, one query
    # per 64 generations).
    remixer, near, bottom = make_user("remixer"), Post.objects.get(pk=chain[1].pk), Post.objects.get(pk=chain[-1].pk)
    with CaptureQueriesContext(connection) as third:
        publish(remixer, parent=near)
    with CaptureQueriesContext(connection) as deepest:
        publish(remixer, parent=bottom)
    assert len(deepest.captured_queries) == len(third.captured_queries) + 1
    assert RemixAncestry.objects.filter(descendant__parent=chain[-1]).count() == 64
    print_figures(
        f"lineage of a 70-deep remix: {len(entries)} entries in {len(deep.captured_queries)} queries "
        f"(depth 3: {len(shallow.captured_queries)}); publishing at depth 71: {len(deepest.captured_queries)} queries"
    )


def test_the_remixes_of_a_post_are_listed_in_constant_queries(
    make_user, client_for, publish, django_assert_max_num_queries, print_figures
):
    alice = make_user("alice")
    few, many = publish(alice), publish(alice)
    remixers = [make_user(f"r{i}") for i in range(30)]
    for i, remixer in enumerate(remixers):
        if i < 3:
            publish(remixer, parent=few)
        publish(remixer, parent=many)
    client = client_for(make_user("viewer"))

    with CaptureQueriesContext(connection) as small:
        assert len(ids_of(client.get(f"/api/v1/posts/{few.pk}/remixes/").json())) == 3
    with django_assert_max_num_queries(len(small.captured_queries)), CaptureQueriesContext(connection) as large:
        assert len(ids_of(client.get(f"/api/v1/posts/{many.pk}/remixes/", {"page_size": 50}).json())) == 30
    print_figures(f"remixes list: {len(large.captured_queries)} queries for 30 remixes, {len(small.captured_queries)} for 3")


def test_no_request_can_set_a_posts_parent_so_no_chain_can_loop(make_user, client_for, publish, no_dispatch):
    alice = make_user("alice")
    root = publish(alice)
    child = publish(alice, parent=root)
    client = client_for(alice)

    patched = client.patch(f"/api/v1/posts/{root.pk}/", {"parent": child.pk, "parent_id": child.pk}, format="json")
    job = client.post(
        "/api/v1/generations/",
        {"prompt": "a cat", "duration_s": 3, "parent_job": child.job_id, "parent_post": child.pk, "parent_job_id": child.job_id},
        format="json",
    )

    assert patched.status_code == 200 and Post.objects.get(pk=root.pk).parent_id is None
    assert job.status_code == 202 and GenerationJob.objects.get(pk=job.json()["id"]).parent_job_id is None
    assert not RemixAncestry.objects.filter(descendant=root).exists()


def test_a_loop_written_behind_the_api_still_ends_in_a_bounded_lineage(
    make_user, client_for, publish, django_assert_max_num_queries
):
    alice = make_user("alice")
    a = publish(alice)
    b = publish(alice, parent=a)
    # Rows a shell or a bad migration could leave: a is b's parent and b is a's.
    Post.objects.filter(pk=a.pk).update(parent=b)
    RemixAncestry.objects.create(descendant=a, ancestor=b, depth=1)
    client = client_for(make_user("viewer"))

    with django_assert_max_num_queries(8):
        lineage = client.get(f"/api/v1/posts/{a.pk}/lineage/")
    c = publish(alice, parent=a)

    assert lineage.status_code == 200 and [e["depth"] for e in lineage.json()["items"]] == [1]
    assert client.get(f"/api/v1/posts/{c.pk}/lineage/").status_code == 200
    assert RemixAncestry.objects.filter(descendant=c).count() <= 64


# ==== 7. hostile input is a clean 4xx, never a 500 ===========================================================


def hostile_requests(post_id: int) -> list[tuple[str, str, dict, tuple[int, ...]]]:
    """(method, path, request kwargs, the statuses a clean answer may have)."""
    requests = []
    for path in (f"/api/v1/posts/{post_id}/remixes/", "/api/v1/posts/", "/api/v1/feed/"):
        for params in (
            {"cursor": "not-a-cursor"},
            {"cursor": "A" * 5000},
            {"cursor": "\x00"},
            {"cursor": "' OR 1=1 --"},
            {"page_size": "abc"},
            {"page_size": "1e3"},
            {"page_size": "-1"},
            {"page_size": "0"},
            {"page_size": "9" * 40},
            {"kind": "for_you' OR '1'='1"},
            {"kind": "\x00"},
            {"author": "a" * 10_000},
            {"author": "@ＡＬＩＣＥ"},
            {"author": "alice'; --"},
        ):
            requests.append(("get", path, {"data": params}, (200, 400)))
    for suffix in ("", "lineage/", "remixes/", "comments/"):
        for missing in ("0", "999999999999999999", "9999999999999999999"):
            requests.append(("get", f"/api/v1/posts/{missing}/{suffix}", {}, (404,)))
    for handle in ("a" * 5000, "..%2f..%2f", "alice'--"):
        requests.append(("get", f"/api/v1/users/{handle}/", {}, (404,)))
    for body in ({"text": ["more", "skate"]}, {"text": {"more": 1}}, {"text": None}, {}, {"text": "x" * 501}):
        requests.append(("put", "/api/v1/feed/steering/", {"data": body, "format": "json"}, (400,)))
    for raw in ("{not json", "\xff\xfe"):
        requests.append(("put", "/api/v1/feed/steering/", {"data": raw, "content_type": "application/json"}, (400,)))
    for kind, target in (("post", "1\x00"), ("profile", "alice\x00"), ("post", "٣"), ("post", "1" * 64)):
        body = {"target_type": kind, "target_id": target, "reason": "other"}
        requests.append(("post", "/api/v1/reports/", {"data": body, "format": "json"}, (400, 404)))
    return requests


def answer_of(client, method: str, path: str, kwargs: dict):
    """The answer's status and body, also when it is a 500 outside the schema (the contract check raises then)."""
    from tests.contract import ResponseOutsideTheContract

    client.raise_request_exception = False  # a crash is answered, as to a phone
    try:
        response = getattr(client, method)(path, **kwargs)
    except ResponseOutsideTheContract as exc:
        return int(str(exc).split(" answered ")[1].split()[0]), None
    return response.status_code, response


def test_hostile_parameters_on_lineage_remixes_feeds_and_steering_are_clean_4xx(make_user, client_for, publish):
    alice, me = make_user("alice"), make_user("me")
    post = publish(alice)
    publish(alice, parent=post)
    client = client_for(me)

    failures = []
    for method, path, kwargs, statuses in hostile_requests(post.pk):
        status, response = answer_of(client, method, path, kwargs)
        if status not in statuses:
            failures.append((method, path[:60], str(kwargs)[:80], status))
        elif status >= 400:
            assert_error(response, status)

    assert failures == []


def test_a_nul_character_in_a_handle_parameter_is_a_clean_4xx(make_user, client_for, publish):
    alice, me = make_user("alice"), make_user("me")
    publish(alice)
    client = client_for(me)

    answers = {
        (path, str(kwargs)): answer_of(client, "get", path, kwargs)[0]
        for path, kwargs in (
            ("/api/v1/posts/", {"data": {"author": "\x00"}}),
            ("/api/v1/posts/", {"data": {"author": "alice\x00"}}),
            ("/api/v1/users/%00/", {}),
            ("/api/v1/users/alice%00/", {}),
        )
    }
    for path in ("/api/v1/users/alice%00/follow/", "/api/v1/users/alice%00/block/"):
        answers[(path, "post")] = answer_of(client, "post", path, {})[0]

    assert {key: status for key, status in answers.items() if not 400 <= status < 500} == {}


# ==== 8. notifications name no remix the recipient may not see ==============================================


def test_a_remix_the_parents_author_may_not_see_sends_them_no_notification(
    make_user, client_for, publish, no_dispatch
):
    from sora_social.accounts.services import user_block
    from sora_social.notifications.models import Notification

    alice, bob, carol, dave = make_user("alice"), make_user("bob"), make_user("carol"), make_user("dave")
    original = publish(alice)
    publish(bob, parent=original, visibility="private", caption="SECRET private remix")
    publish(carol, parent=original, visibility="followers", caption="SECRET followers remix")
    draft = remix_rendered(client_for(dave), original)
    user_block(blocker=alice, blocked=dave)  # after dave drafted his remix, before he publishes it
    published = client_for(dave).post("/api/v1/posts/", {"generation_id": draft.pk, "caption": "SECRET dave"}, format="json")

    # Since 2026-12-07 the block also stops the publish: dave may no longer remix her post (remix_parent_check).
    assert (published.status_code, published.json()["code"]) == (404, "post_not_found")
    assert not Notification.objects.filter(recipient=alice, kind="remixed").exists()
    listed = client_for(alice).get("/api/v1/notifications/").json()
    assert "SECRET" not in json.dumps(listed)
    assert not {"bob", "carol", "dave"} & {n["actor"] for n in listed["items"]}
    assert client_for(alice).get(f"/api/v1/posts/{original.pk}/remixes/").json()["items"] == []
