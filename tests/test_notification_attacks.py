"""Attacks on notifications (2026-12-07): the stored list (GET /api/v1/notifications/, POST .../read/), what the
services that call `notification_create` write there, and the push's spool. An attacker tries to make someone
receive notifications without bound, to be told of (or keep being shown) someone across a block or a ban, and to
break the API's error contract. Each attack asserts the secure behaviour; one that gets through is a strict xfail.

Got through, all mended the same day (the tests were strict xfails until then):
- Follow/unfollow loop: 25 rounds of POST+DELETE /users/{h}/follow/ by one person stored (and pushed) 25 `followed`
  notifications to the followee; no de-duplication (a like is told once), no throttle on follows
  (test_following_and_unfollowing_in_a_loop_does_not_flood_the_followee). Hole: `accounts.services.user_follow`
  notifies on every created Follow row.
- A teen granting and revoking the same person 20 times sent the linked parent 20 `grant_approval` notifications
  (test_a_teen_granting_and_revoking_in_a_loop_does_not_flood_the_parent). Hole: `cameos.services.consent.
  grant_create` notifies on every new grant row; `grant_delete` deletes the row, so the next one is new again.
- A teen switching a cameo only_me -> mutuals -> only_me 10 times sent the parent 10 `mutuals_wait_for_parent`
  notifications for one cameo (test_a_teen_switching_a_cameo_to_mutuals_and_back_in_a_loop_does_not_flood_the_parent).
  Hole: `cameos.services.consent._tell_parent_mutuals_wait`.
- A block hides nothing already stored: after Alice blocks Bob, her list still shows his 3 notifications (liked,
  commented, followed), naming him, unread (test_blocking_someone_hides_their_earlier_notifications_from_me); after
  Bob blocks Alice, the same 3 keep naming him to her, while his profile answers her as nobody's
  (test_someone_who_blocked_me_is_no_longer_named_in_my_notifications). Hole: `notifications.api.views.
  NotificationListApi.get` lists every row of the recipient, whoever the actor is now.
- A like or a comment whose `access_post` passed just before the author's block committed is written and notifies
  the author (1 `liked`, 1 `commented` from the person she had just blocked; pushed too): reactions take no
  relationship lock, unlike a follow, and nothing re-checks the block when the notification is written
  (test_a_reaction_landing_just_after_the_author_blocked_its_writer_does_not_notify_the_author[like, comment]).
  Hole: `feed.services.reactions.post_like` / `comment_create`, and `notifications.services.notification_create`.
- A banned or deactivated member's like and comment stop counting (0 and 0) and their profile is nobody's, yet the
  author's list names them on 3 notifications
  (test_a_banned_or_deactivated_members_notifications_no_longer_name_them[banned, deactivated]). Hole: as above,
  the list view.
- On the embedded default every pushed notification (moderation reasons, handles, ids) is written under
  var/realtime/events/ as a 0644 file in a 0755 folder for 60 s: readable by any local account
  (test_the_spool_of_pushed_notifications_is_readable_by_the_app_only). Hole: `notifications.relay.spool_event`.

How they were mended:
- `notification_create(once_unread_by=...)`: while an unread notification of the same kind, actor and news (the data
  keys named) waits, a second is neither stored nor pushed, and the unread one takes the new data (a grant asked
  again has a new id). Used for follows, a parent's grant approvals and mutuals notices.
- News from one person to another (`notifications.selectors.SOCIAL_KINDS`: liked, commented, followed, remixed) from
  someone the recipient no longer sees (blocked either way, banned, closed; `accounts.selectors.people_no_longer_seen`,
  registered from accounts since notifications sit below it) is not stored when written, which closes the race, and
  not listed (`notifications_of`). Safety and consent notices (a parent's, held comments, cast in a video) are.
- The spool folder is made 0700 and each event file 0600, whatever the umask.

Held (passing):
- A comment flood is held to the comment rate: of 65 comments, 60 were accepted (60 `commented` notifications),
  the other 5 answered 429 (the test now runs the same at 12 an hour, 17 comments, to keep the suite short).
- A deleted account's notifications name nobody (actor null, the handle nowhere in the list).
- POST .../read/ with `ids: []` marks nothing (not "all").
- Mark-read with ids of the wrong type (string, number, object, null, bool, NUL, float, 0, -1, 2^63, 10^400, a
  5,000-digit string), 501 ids, an array, string or `null` body, truncated, non-UTF-8, 5,000-deep or
  duplicate-key JSON, or text/plain: a 4xx in the API's shape, nothing marked.
- The list with a page size of 10^30, -5, 0, "abc", a NUL, or a NUL/long `unread`: 200 with at most 50 of one's own
  items (or a 400 in shape); a cursor with a NUL, a NUL position or a text position is a 400 (invalid_cursor or
  bad_request); 20,000 characters of base64 read as the first page; a cursor with a 20-digit offset pages nothing.

Looked at and not written (covered elsewhere or by design): marking another's ids and forged cursors
(test_realtime_and_face_search_attacks), a socket after logout or a ban (the consumer re-asks the session per event,
tests/accounts/test_account_attacks_round4.py), like/unlike/like (told once, tests/feed/test_posts.py), a private
remix and a held comment (test_information_leak_attacks), VIDEO_WITHDRAWN's reason (the same for a block and a
revocation, ibid.), payloads carry ids and never media URLs (test_steering_and_lineage_attacks). The socket carries
the same `data` as the list (both from `payloads.notification_data`).
"""

from __future__ import annotations

import base64
import json
import os
import stat
from urllib.parse import urlencode

import pytest

from sora_social.notifications.models import Notification
from sora_social.notifications.services import notification_create
from tests.cameos.parental import linked
from tests.feed.conftest import make_draft, publish  # noqa: F401 - fixtures
from tests.moderation.world import make_moderator

NOTIFICATIONS = "/api/v1/notifications/"
MARK_READ = "/api/v1/notifications/read/"
ERROR_SHAPE = {"code", "message", "fields"}


def listed(client, **query) -> list[dict]:
    response = client.get(NOTIFICATIONS, {"page_size": 50, **query})
    assert response.status_code == 200, response.content
    return response.json()["items"]


def from_whom(items: list[dict]) -> list[str | None]:
    return [item["actor"] for item in items]


def assert_api_error(response, status: int) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:300])
    body = response.json()
    assert ERROR_SHAPE <= body.keys(), body
    return body


# ---- amplification: how many rows one person can make another receive ------------------------------------------


@pytest.mark.django_db
def test_following_and_unfollowing_in_a_loop_does_not_flood_the_followee(make_user, client_for):
    alice, bob = make_user("alice_nf"), make_user("bob_nf")
    client = client_for(bob)

    for _ in range(25):
        assert client.post(f"/api/v1/users/{alice.handle}/follow/").status_code == 204
        assert client.delete(f"/api/v1/users/{alice.handle}/follow/").status_code == 204

    # Alice was followed by one person: she hears about it once (as a like, unliked and liked again, is told once).
    rows = Notification.objects.filter(recipient=alice, kind=Notification.Kind.FOLLOWED, actor=bob).count()
    assert rows <= 1, rows


@pytest.mark.django_db
def test_a_comment_flood_is_held_to_the_comment_rate(make_user, client_for, publish, monkeypatch):  # noqa: F811
    from feed.api.views import CommentThrottle

    monkeypatch.setattr(CommentThrottle, "timer", lambda self: 1_800_000_000.0)  # mid-window: no edge in the burst
    monkeypatch.setattr(CommentThrottle, "rate", "12/hour", raising=False)  # a burst a fifth as long as the deployed rate
    rate = CommentThrottle().num_requests
    alice, bob = make_user("alice_cf"), make_user("bob_cf")
    post = publish(alice)
    client = client_for(bob)

    statuses = [
        client.post(f"/api/v1/posts/{post.pk}/comments/", {"body": f"nice {n}"}, format="json").status_code
        for n in range(rate + 5)
    ]

    told = Notification.objects.filter(recipient=alice, kind=Notification.Kind.COMMENTED).count()
    assert statuses.count(201) == rate and set(statuses[rate:]) == {429}, statuses
    assert told == rate


@pytest.mark.django_db
def test_a_teen_granting_and_revoking_in_a_loop_does_not_flood_the_parent(make_user, make_cameo, client_for):
    teen, parent, friend = make_user("teen_gf", age=15), make_user("parent_gf", age=45), make_user("friend_gf")
    linked(client_for, teen, parent)
    cameo = make_cameo(teen, handle="teen_gf_cam", level="approved")
    client = client_for(teen)

    for _ in range(20):
        created = client.post(f"/api/v1/cameos/{cameo.pk}/grants/", {"handle": friend.handle}, format="json")
        assert created.status_code == 201, created.content
        assert client.delete(f"/api/v1/cameos/{cameo.pk}/grants/{friend.handle}/").status_code == 204

    # One request to approve the same person, asked and withdrawn over and over, is one thing for the parent to judge.
    asked = Notification.objects.filter(recipient=parent, kind=Notification.Kind.GRANT_APPROVAL).count()
    assert asked <= 1, asked


@pytest.mark.django_db
def test_a_teen_switching_a_cameo_to_mutuals_and_back_in_a_loop_does_not_flood_the_parent(
    make_user, make_cameo, client_for
):
    teen, parent = make_user("teen_lf", age=15), make_user("parent_lf", age=45)
    linked(client_for, teen, parent)
    cameo = make_cameo(teen, handle="teen_lf_cam", level="only_me")
    client = client_for(teen)

    for _ in range(10):
        for level in ("mutuals", "only_me"):
            changed = client.patch(f"/api/v1/cameos/{cameo.pk}/", {"level": level}, format="json")
            assert changed.status_code == 200, changed.content

    waits = Notification.objects.filter(recipient=parent, kind=Notification.Kind.PARENTAL_LINK, data__change="mutuals_wait_for_parent")
    assert waits.count() <= 1, waits.count()


# ---- blocks: a notification from someone on the other side of a block ---------------------------------------------


def _bob_likes_comments_and_follows(client_for, alice, bob, post) -> None:
    bob_client = client_for(bob)
    assert bob_client.post(f"/api/v1/posts/{post.pk}/like/").status_code == 200
    assert bob_client.post(f"/api/v1/posts/{post.pk}/comments/", {"body": "hi there"}, format="json").status_code == 201
    assert bob_client.post(f"/api/v1/users/{alice.handle}/follow/").status_code == 204


@pytest.mark.django_db
def test_blocking_someone_hides_their_earlier_notifications_from_me(make_user, client_for, publish):  # noqa: F811
    alice, bob = make_user("alice_bk"), make_user("bob_bk")
    post = publish(alice)
    _bob_likes_comments_and_follows(client_for, alice, bob, post)
    assert from_whom(listed(client_for(alice))) == ["bob_bk"] * 3

    assert client_for(alice).post(f"/api/v1/users/{bob.handle}/block/").status_code == 204

    # Bob is nobody to Alice now (his profile, his posts, his comment under her post): her list stops naming him,
    # and his notifications are not left unread for her to open.
    assert client_for(alice).get(f"/api/v1/users/{bob.handle}/").status_code == 404
    assert "bob_bk" not in from_whom(listed(client_for(alice)))
    assert listed(client_for(alice), unread="true") == []


@pytest.mark.django_db
def test_someone_who_blocked_me_is_no_longer_named_in_my_notifications(make_user, client_for, publish):  # noqa: F811
    alice, bob = make_user("alice_bb"), make_user("bob_bb")
    post = publish(alice)
    _bob_likes_comments_and_follows(client_for, alice, bob, post)

    assert client_for(bob).post(f"/api/v1/users/{alice.handle}/block/").status_code == 204

    # Someone who blocked me looks like nobody everywhere (profile, follow, posts: test_information_leak_attacks).
    assert client_for(alice).get(f"/api/v1/users/{bob.handle}/").status_code == 404
    assert "bob_bb" not in from_whom(listed(client_for(alice)))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("what", ["like", "comment"])
def test_a_reaction_landing_just_after_the_author_blocked_its_writer_does_not_notify_the_author(
    require_postgres, make_user, client_for, publish, in_another_request, monkeypatch, what  # noqa: F811
):
    from feed.services import reactions
    from sora_social.accounts.services import user_block

    alice, bob = make_user("alice_rc"), make_user("bob_rc")
    post = publish(alice)
    real_access_post = reactions.access_post
    blocks = []

    def access_then_alice_blocks(**kwargs):
        found = real_access_post(**kwargs)
        if not blocks:
            blocks.append(in_another_request(lambda: user_block(blocker=alice, blocked=bob)))
            blocks[0].join(timeout=1.0)  # Alice's block gets every chance to commit first
        return found

    monkeypatch.setattr(reactions, "access_post", access_then_alice_blocks)
    refusal = None
    try:
        if what == "like":
            reactions.post_like(post_id=post.pk, user=bob)
        else:
            reactions.comment_create(post_id=post.pk, author=bob, body="hello alice")
    except reactions.PostError as exc:  # a refusal is the secure outcome too
        refusal = exc
    blocks[0].join(timeout=30)

    # Whatever became of the reaction, Alice, who blocked Bob before it was written, is not told of it.
    assert not blocks[0].is_alive()
    assert refusal is None or refusal.status in (403, 404)
    late = Notification.objects.filter(recipient=alice, actor=bob).values_list("kind", flat=True)
    assert list(late) == []


# ---- banned and deleted actors --------------------------------------------------------------------------------------


def _ban(make_user, bob) -> None:
    from moderation import services as moderation

    moderator = make_moderator(make_user, handle="zq_mod_bn")
    moderation.user_ban(
        case=moderation.case_for_target(target_kind="profile", target_id=bob.pk), moderator=moderator, reason="spam"
    )


def _deactivate(make_user, bob) -> None:
    bob.is_active = False
    bob.save(update_fields=["is_active"])


@pytest.mark.django_db
@pytest.mark.parametrize("gone", [_ban, _deactivate], ids=["banned", "deactivated"])
def test_a_banned_or_deactivated_members_notifications_no_longer_name_them(make_user, client_for, publish, gone):  # noqa: F811
    alice, bob = make_user("alice_bn"), make_user("bob_bn")
    post = publish(alice)
    _bob_likes_comments_and_follows(client_for, alice, bob, post)

    gone(make_user, bob)

    # His like and comment stopped counting and showing, his profile is nobody's: the list follows.
    detail = client_for(alice).get(f"/api/v1/posts/{post.pk}/").json()
    assert detail["counts"]["likes"] == 0 and detail["counts"]["comments"] == 0, detail["counts"]
    assert "bob_bn" not in from_whom(listed(client_for(alice)))


@pytest.mark.django_db
def test_a_deleted_accounts_notifications_name_nobody(make_user, client_for, publish):  # noqa: F811
    alice, bob = make_user("alice_dl"), make_user("bob_dl")
    post = publish(alice)
    _bob_likes_comments_and_follows(client_for, alice, bob, post)

    bob.delete()

    items = listed(client_for(alice))
    assert from_whom(items) in ([None] * 3, [])
    assert "bob_dl" not in json.dumps(items)


# ---- whose notifications: marking read ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_empty_list_of_ids_marks_nothing_read_not_everything(make_user, client_for):
    alice, bob = make_user("alice_mr"), make_user("bob_mr")
    for _ in range(3):
        notification_create(recipient=alice, kind=Notification.Kind.FOLLOWED, actor=bob)

    response = client_for(alice).post(MARK_READ, {"ids": []}, format="json")

    assert (response.status_code, response.json()) == (200, {"marked_read": 0})
    assert len(listed(client_for(alice), unread="true")) == 3


# ---- the error contract ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        {"ids": "1"},
        {"ids": 1},
        {"ids": {"a": 1}},
        {"ids": [None]},
        {"ids": [True]},
        {"ids": ["1\x00"]},
        {"ids": [1.5]},
        {"ids": [0]},
        {"ids": [-1]},
        {"ids": [2**63]},
        {"ids": [10**400]},
        {"ids": ["9" * 5000]},
        {"ids": list(range(1, 502))},
        [1, 2],
        "read",
    ],
    ids=[
        "string", "number", "object", "null-id", "bool-id", "nul-byte", "float", "zero", "negative", "2^63",
        "10^400", "5000-digit-string", "501-ids", "array-body", "string-body",
    ],
)
def test_a_malformed_mark_read_is_a_400_in_the_apis_shape(make_user, client_for, body):
    alice = make_user("alice_ec")
    notification_create(recipient=alice, kind=Notification.Kind.FOLLOWED)

    response = client_for(alice).post(MARK_READ, body, format="json")

    assert_api_error(response, 400)
    assert Notification.objects.filter(recipient=alice, read_at__isnull=True).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "raw, content_type",
    [
        (b'{"ids": [1', "application/json"),
        (b"\xff\xfe\x00garbage", "application/json"),
        (b'{"ids": [1]}', "text/plain"),
        (b'{"ids": ' + b"[" * 5000 + b"]" * 5000 + b"}", "application/json"),
        (b"null", "application/json"),
        (b'{"ids": [1], "ids": "x"}', "application/json"),
    ],
    ids=["truncated-json", "not-utf8", "wrong-content-type", "deeply-nested", "json-null", "duplicate-key"],
)
def test_a_mark_read_body_that_is_not_json_is_a_4xx_in_the_apis_shape(make_user, client_for, raw, content_type):
    alice = make_user("alice_raw")
    notification_create(recipient=alice, kind=Notification.Kind.FOLLOWED)

    response = client_for(alice).generic("POST", MARK_READ, raw, content_type=content_type)

    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    assert ERROR_SHAPE <= response.json().keys()
    assert Notification.objects.filter(recipient=alice, read_at__isnull=True).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"page_size": str(10**30)},
        {"page_size": "-5"},
        {"page_size": "0"},
        {"page_size": "abc"},
        {"page_size": "1\x00"},
        {"unread": "\x00"},
        {"unread": "true" * 2000},
    ],
    ids=["huge-page", "negative-page", "zero-page", "text-page", "nul-page", "nul-unread", "long-unread"],
)
def test_odd_list_parameters_answer_a_page_of_ones_own_not_a_500(make_user, client_for, query):
    alice, bob = make_user("alice_lp"), make_user("bob_lp")
    mine = [notification_create(recipient=alice, kind=Notification.Kind.FOLLOWED, actor=bob) for _ in range(3)]
    for _ in range(60):
        notification_create(recipient=bob, kind=Notification.Kind.FOLLOWED, actor=alice)

    response = client_for(alice).get(NOTIFICATIONS, query)

    assert response.status_code in (200, 400), (response.status_code, response.content[:300])
    if response.status_code == 200:
        items = response.json()["items"]
        assert {item["id"] for item in items} <= {n.pk for n in mine}
        assert len(items) <= 50
    else:
        assert ERROR_SHAPE <= response.json().keys()


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", ["\x00", "A" * 20000, "cD0lMDA=", "cj0xJnA9bm90LWEtdGltZQ=="], ids=["nul", "20k", "nul-position", "text-position"])
def test_a_broken_cursor_is_a_400_in_the_apis_shape(make_user, client_for, cursor):
    alice = make_user("alice_cu")
    notification_create(recipient=alice, kind=Notification.Kind.FOLLOWED)

    response = client_for(alice).get(NOTIFICATIONS, {"cursor": cursor})

    # invalid_cursor, or bad_request for a NUL the middleware refuses before any view; a cursor that decodes to no
    # position at all is read as the first page (of one's own).
    if cursor == "A" * 20000 and response.status_code == 200:
        assert {item["actor"] for item in response.json()["items"]} == {None}
        return
    assert assert_api_error(response, 400)["code"] in {"invalid_cursor", "bad_request"}


@pytest.mark.django_db
def test_a_cursor_with_an_enormous_offset_pages_nothing_of_anyone_elses(make_user, client_for):
    alice, bob = make_user("alice_co"), make_user("bob_co")
    notification_create(recipient=alice, kind=Notification.Kind.FOLLOWED, actor=bob)
    notification_create(recipient=bob, kind=Notification.Kind.FOLLOWED, actor=alice)
    raw = urlencode({"o": "9" * 20, "r": 0, "p": "2026-01-01T00:00:00+00:00"})
    cursor = base64.b64encode(raw.encode()).decode()

    response = client_for(alice).get(NOTIFICATIONS, {"cursor": cursor})

    assert response.status_code in (200, 400), (response.status_code, response.content[:300])
    if response.status_code == 200:
        assert response.json()["items"] == []
    else:
        assert_api_error(response, 400)


# ---- the socket's spool on the embedded default ---------------------------------------------------------------------


def test_the_spool_of_pushed_notifications_is_readable_by_the_app_only(settings, tmp_path):
    from sora_social.notifications import relay

    settings.REALTIME_SPOOL_DIR = tmp_path / "spool"
    message = {"type": "user.event", "event": "notification", "payload": {"kind": "moderation", "data": {"reason": "x"}}}

    previous = os.umask(0o022)  # the usual umask of a service account
    try:
        relay.spool_event(group="user.1", message=message)
    finally:
        os.umask(previous)

    files = [entry for entry in os.scandir(settings.REALTIME_SPOOL_DIR) if entry.name.endswith(".json")]
    assert len(files) == 1
    modes = {
        "folder": stat.S_IMODE(os.stat(settings.REALTIME_SPOOL_DIR).st_mode),
        "file": stat.S_IMODE(os.stat(files[0].path).st_mode),
    }
    # Every person's notifications pass through here: other local accounts must not read them.
    assert not modes["file"] & 0o077 and not modes["folder"] & 0o077, {k: oct(v) for k, v in modes.items()}
