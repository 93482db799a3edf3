"""Attacks on realtime (/ws/events/, notifications) and on find my face (2026-12-07).

Tried: opening the socket with no token, a forged one (header and ?session_token=), an expired or logged-out
session, 5,000 characters of garbage, SQL, a handle, a NUL; the token only in a cookie or as a subprotocol; a
token from a foreign, "null", look-alike or file:// Origin; joining another person's group or forging a server
event from the client; odd, malformed, deeply nested, binary and flooding frames; a like's event reaching others;
marking another person's notifications read by guessed ids; forged cursors on the notification list. Find my face:
searching a video of a registered stranger as an oracle, other people's cameo ids, probing to dodge the rate, what
`made_here` names of someone else's video as it becomes private, followers-only, blocked or deleted, whether a
face or the upload is kept, and an upload of enormous frames. Everything runs against the real ASGI application
(origin check, router, consumer, channels_redis with REDIS_URL) or the DRF test client, with real face analysis.

Got through: 4 cases, all mended the same day (their tests pass now).
- A NUL in ?session_token= reached the session query; PostgreSQL refused it and the consumer raised DataError in
  connect(): a 500 on the handshake and a traceback, where the API answers 401
  (test_a_session_token_holding_a_nul_is_refused_at_the_handshake_not_a_crash). Mended: such a token is no token
  (`session_token_from_scope`), closed with 4401.
- A signed-in client's frame that is not JSON text crashed the consumer: malformed JSON (JSONDecodeError), JSON
  nested 100,000 deep (RecursionError), any binary frame (ValueError): channels' AsyncJsonWebsocketConsumer
  decodes with no guard (test_a_frame_that_is_not_json_text_is_refused_cleanly_not_a_crash, 3 parameters). Mended:
  `EventsConsumer.receive` closes with 1003 for a binary frame and 1007 for text that is not JSON.
- Pings were not limited: 200 pings in a burst cost 200 session lookups (two queries each) and got 200 pongs
  (test_a_ping_flood_does_not_cost_a_session_lookup_per_frame). Mended: one ping answered every 5 s
  (`PING_INTERVAL_S`), the others dropped unread.
- Find my face measured bytes and seconds, never pixels: an 85 KB MOV of one 8192x8192 frame was accepted (202) and
  decoded whole in the request and on the media worker
  (test_a_video_of_enormous_frames_is_refused_before_it_is_decoded). Mended: `sora_social.media_probe` refuses frames
  over 4K (4096 a side, 4096x2304 pixels) from the track header before decoding, 422 `frame_too_large`, for
  verification clips too.

Held (passing):
- No token, a forged one (header or query), an expired or logged-out session, garbage, SQL or a handle as the
  token: refused before accept with 4401, no greeting.
- The token as a session cookie (also from the site's own Origin) or as a subprotocol opens nothing: the socket
  has no cookie authentication, so a cross-site page has nothing to ride on.
- A valid token from https://evil.example, "null", testserver.evil.example, eviltestserver or file:// is refused;
  the same token from the site's Origin or with no Origin (a phone) is let in.
- Subscribe/group_add/user.event/user_event/websocket.connect messages from a client dispatch nothing, and another
  person's group's events never reach the socket. Unknown types, arrays, numbers, null, "PING", a 100 KB type:
  ignored, the socket keeps answering pings.
- A like is pushed to the post's author only: neither the liker's nor a bystander's socket hears of it.
- Marking read by another person's (sequential, guessable) ids marks nothing of theirs, alone or mixed with one's
  own; forged DRF cursors (far future, reversed, offset) page only one's own notifications; garbage or a year-9999
  cursor is a 400 invalid_cursor.
- Find my face is no oracle: a video of Joe answers the same, field for field, whether Joe's face is registered or
  not; his handle appears nowhere; the rows keep times and one distance, no encoding; the upload is gone.
- Probing someone else's or a missing cameo id (the same 404) or one's own cameo awaiting review (409) spends one's
  own rate: the real search after them is a 429, nothing stored or queued.
- `made_here` names someone else's post and generation only while the searcher may see the video: private,
  followers-only (not following), the author's block and a deleted post (a draft again) all give ids null, and
  otherwise it tells only what the public POST /provenance/verify/ tells anyone.

By design (README) or looked at and not written as holes: the token may ride in the query string (README, for
clients without headers), so it can land in access logs; notification ids are global sequential integers (every id in the API is); a held comment's notification names its writer to the cameo's owner even across a block
(README, restrictions); the origin check ignores scheme and port for ALLOWED_HOSTS entries without a scheme (the
socket has no cookie auth, so it is defence in depth only). Seen on the way, not security: find my face's
`made_here.created_at` ended in "+00:00" (written with isoformat() into `FaceSearch.provenance`), where README says
every timestamp ends in "Z" and the provenance lookup's does; mended the same day (the `made_here` test compares
the two answers exactly).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import io
import json
from urllib.parse import urlencode

import av
import numpy as np
import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.contrib.sessions.backends.base import SessionBase
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.test import Client
from django.utils import timezone

from cameos.models import Cameo
from generation.api.face_search import FaceSearchThrottle
from generation.models import FaceSearch
from sora_social.asgi import application
from sora_social.notifications import consumers
from sora_social.notifications.models import Notification
from sora_social.notifications.realtime import user_group_name
from sora_social.notifications.services import notification_create
from tests.feed.conftest import make_draft, publish  # noqa: F401 - fixtures
from tests.generation.test_find_my_face import (  # noqa: F401 - fixtures
    clips,
    encodings,
    search,
    searches,
    stored_uploads,
    upload,
    verified_cameo,
)
from tests.moderation.world import published_post

LOGIN = "/_allauth/app/v1/auth/login"
PASSWORD = "a-long-enough-pass-123"


# ---- helpers ------------------------------------------------------------------------------------------------------


def sign_in(handle: str) -> str:
    response = Client().post(LOGIN, {"username": handle, "password": PASSWORD}, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()["meta"]["session_token"]


@pytest.fixture
def member(make_user):
    """A member signed in through allauth: (user, session token)."""

    def make(handle: str):
        user = make_user(handle, password=PASSWORD)
        return user, sign_in(handle)

    return make


def run(scenario):
    """Run an async scenario against the real ASGI application (sora_social.asgi: origin check, router, consumer).
    Database work of the consumer runs on asgiref's shared thread, whose connection is closed afterwards."""
    try:
        return async_to_sync(scenario)()
    finally:
        async_to_sync(sync_to_async(connections.close_all))()


async def open_socket(*, token: str | None = None, headers=(), query: str = "", subprotocols=None):
    headers = list(headers)
    if token is not None:
        headers.append((b"x-session-token", token.encode()))
    communicator = WebsocketCommunicator(application, f"/ws/events/{query}", headers=headers, subprotocols=subprotocols)
    try:
        connected, code = await communicator.connect(timeout=5)
    except Exception as exc:  # noqa: BLE001 - the application itself raised during the handshake
        return communicator, False, f"raised {exc!r}"
    return communicator, connected, code


async def signed_in_socket(token: str) -> WebsocketCommunicator:
    communicator, connected, code = await open_socket(token=token)
    assert connected, code
    assert (await communicator.receive_json_from(timeout=5))["event"] == "hello"
    return communicator


async def next_output(communicator: WebsocketCommunicator, timeout: float = 1.0):
    """The socket's next message to the client: None if nothing came; "raised ..." if the application crashed.
    (receive_nothing first: asgiref's receive_output cancels the application when it times out.)"""
    if await communicator.receive_nothing(timeout=timeout):
        future = communicator.future
        if future.done() and not future.cancelled() and future.exception() is not None:
            return f"raised {future.exception()!r}"
        return None
    try:
        return await communicator.receive_output(timeout=1)
    except Exception as exc:  # noqa: BLE001 - the consumer raised: what a server logs and answers with 1011
        return f"raised {exc!r}"


async def ping_answered(communicator: WebsocketCommunicator) -> bool:
    await communicator.send_json_to({"type": "ping"})
    output = await next_output(communicator, timeout=3)
    return isinstance(output, dict) and json.loads(output.get("text") or "null") == {"event": "pong", "payload": {}}


async def close_quietly(communicator: WebsocketCommunicator) -> None:
    try:
        await communicator.disconnect()
    except Exception:  # noqa: BLE001, S110 - the application already ended (crashed or closed)
        pass


# ---- the handshake: who may open /ws/events/ --------------------------------------------------------------------


def expired(token: str) -> None:
    """The session's expiry moved into the past (as a session that outlived SESSION_COOKIE_AGE)."""
    from importlib import import_module

    from django.conf import settings

    session: SessionBase = import_module(settings.SESSION_ENGINE).SessionStore(session_key=token)
    session.load()
    session.set_expiry(timezone.now() - datetime.timedelta(seconds=5))
    session.save()


def logged_out(token: str) -> None:
    assert Client().delete("/_allauth/app/v1/auth/session", HTTP_X_SESSION_TOKEN=token).status_code == 401


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "how",
    ["none", "forged", "forged_query", "expired", "logged_out", "long_garbage", "sql_like", "other_persons_handle"],
)
def test_a_socket_without_a_live_session_token_is_refused_at_the_handshake(member, how):
    alice, token = member("alice_ws")
    sent = {
        "none": None,
        "forged": "a" * 32,
        "forged_query": None,
        "expired": token,
        "logged_out": token,
        "long_garbage": "x" * 5000,
        "sql_like": "' OR 1=1 --",
        "other_persons_handle": "alice_ws",
    }[how]
    if how == "expired":
        expired(token)
    if how == "logged_out":
        logged_out(token)
    query = "?" + urlencode({"session_token": "b" * 32}) if how == "forged_query" else ""

    async def scenario():
        communicator, connected, code = await open_socket(token=sent, query=query)
        await close_quietly(communicator)
        return connected, code

    connected, code = run(scenario)

    # Closed before accept (the handshake is refused, 403 on a real server), never greeted with a handle.
    assert (connected, code) == (False, consumers.CLOSE_UNAUTHENTICATED)


@pytest.mark.django_db(transaction=True)
def test_a_session_token_only_in_a_cookie_or_a_subprotocol_opens_nothing(member):
    # The token is the Django session key: sent the way a browser would send it (the session cookie, from a page of
    # the site itself), or as a subprotocol (what browsers' WebSocket API can set), the socket must still be refused:
    # a cookie is what a cross-site page would ride on.
    alice, token = member("alice_ws")

    async def scenario():
        answers = []
        for headers, subprotocols in (
            ([(b"cookie", f"sessionid={token}".encode()), (b"origin", b"http://testserver")], None),
            ([(b"cookie", f"session_token={token}; x-session-token={token}".encode())], None),
            ([(b"sec-websocket-protocol", f"x-session-token, {token}".encode())], ["x-session-token", token]),
            ([], [token]),
        ):
            communicator, connected, code = await open_socket(headers=headers, subprotocols=subprotocols)
            answers.append((connected, code))
            await close_quietly(communicator)
        return answers

    assert run(scenario) == [(False, consumers.CLOSE_UNAUTHENTICATED)] * 4


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "origin",
    [b"https://evil.example", b"null", b"http://testserver.evil.example", b"http://eviltestserver", b"file://"],
)
def test_a_browser_page_of_another_origin_cannot_open_the_socket_even_with_a_token(member, origin):
    alice, token = member("alice_ws")

    async def scenario():
        refused, connected_refused, _ = await open_socket(token=token, headers=[(b"origin", origin)])
        await close_quietly(refused)
        # The control: the same token from the site's own origin (ALLOWED_HOSTS) and from a phone (no Origin).
        own, connected_own, _ = await open_socket(token=token, headers=[(b"origin", b"http://testserver")])
        await close_quietly(own)
        phone, connected_phone, _ = await open_socket(token=token)
        await close_quietly(phone)
        return connected_refused, connected_own, connected_phone

    assert run(scenario) == (False, True, True)


@pytest.mark.django_db(transaction=True)
def test_a_session_token_holding_a_nul_is_refused_at_the_handshake_not_a_crash(member):
    member("alice_ws")

    async def scenario():
        communicator, connected, code = await open_socket(query="?session_token=abcdefgh%00ijkl")
        await close_quietly(communicator)
        return connected, code

    assert run(scenario) == (False, consumers.CLOSE_UNAUTHENTICATED)


# ---- what a connected client sends ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_client_cannot_join_another_persons_group_or_forge_a_server_event(member):
    alice, alice_token = member("alice_ws")
    bob, _ = member("bob_ws")

    async def scenario():
        socket = await signed_in_socket(alice_token)
        # Messages a client might hope the consumer dispatches: a join, a channels message type, a handler name.
        for message in (
            {"type": "subscribe", "group": user_group_name(bob.pk)},
            {"type": "group_add", "group": user_group_name(bob.pk)},
            {"type": "user.event", "event": "notification", "payload": {"forged": True}},
            {"type": "user_event", "event": "notification", "payload": {"forged": True}},
            {"type": "websocket.connect"},
        ):
            await socket.send_json_to(message)
        echoed = await next_output(socket, timeout=1)
        # Bob's events go to Bob's group only.
        await get_channel_layer().group_send(
            user_group_name(bob.pk), {"type": "user.event", "event": "notification", "payload": {"for": "bob"}}
        )
        leaked = await next_output(socket, timeout=1)
        still_alive = await ping_answered(socket)
        await close_quietly(socket)
        return echoed, leaked, still_alive

    echoed, leaked, still_alive = run(scenario)

    assert echoed is None  # nothing dispatched, nothing echoed back
    assert leaked is None
    assert still_alive


@pytest.mark.django_db(transaction=True)
def test_unknown_and_odd_json_messages_are_ignored_and_the_socket_stays_up(member):
    alice, token = member("alice_ws")

    async def scenario():
        socket = await signed_in_socket(token)
        answers = []
        for text in ('"ping"', "[]", '[{"type": "ping"}]', "12", "null", '{"type": 1}', '{"type": "PING"}', "{}",
                     '{"type": "ping", "type": "x"}', '{"type": "' + "p" * 100_000 + '"}'):  # fmt: skip
            await socket.send_to(text_data=text)
            answers.append(await next_output(socket, timeout=0.3))
        alive = await ping_answered(socket)
        await close_quietly(socket)
        return answers, alive

    answers, alive = run(scenario)

    assert answers == [None] * 10
    assert alive


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "frame",
    [
        {"text_data": "{not json"},
        {"text_data": "[" * 100_000 + "]" * 100_000},
        {"bytes_data": b"\x00\x01binary"},
    ],
    ids=["malformed-json", "json-nested-100000-deep", "binary-frame"],
)
def test_a_frame_that_is_not_json_text_is_refused_cleanly_not_a_crash(member, frame):
    alice, token = member("alice_ws")

    async def scenario():
        socket = await signed_in_socket(token)
        await socket.send_to(**frame)
        answer = await next_output(socket, timeout=2)
        await close_quietly(socket)
        return answer

    answer = run(scenario)

    # Either ignored (nothing sent) or a clean close with a code: never an exception out of the application.
    assert answer is None or (isinstance(answer, dict) and answer["type"] == "websocket.close"), answer


PINGS = 200


@pytest.mark.django_db(transaction=True)
def test_a_ping_flood_does_not_cost_a_session_lookup_per_frame(member, monkeypatch):
    alice, token = member("alice_ws")
    lookups = []
    real_lookup = consumers.authenticate_by_x_session_token

    def counted(value):
        lookups.append(value)
        return real_lookup(value)

    monkeypatch.setattr(consumers, "authenticate_by_x_session_token", counted)

    async def scenario():
        socket = await signed_in_socket(token)
        lookups.clear()
        for _ in range(PINGS):
            await socket.send_json_to({"type": "ping"})
        pongs = 0
        while (output := await next_output(socket, timeout=2)) is not None:
            if isinstance(output, dict) and output["type"] == "websocket.send":
                pongs += 1
            else:
                break  # closed (e.g. for flooding), or crashed
        await close_quietly(socket)
        return pongs

    pongs = run(scenario)

    # A keep-alive needs one ping every few tens of seconds: a burst of 200 is answered at most a few times (or the
    # socket closed), and does not reach the database 200 times.
    assert len(lookups) <= 20, (len(lookups), pongs)


# ---- notifications: whose they are ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_marking_someone_elses_notifications_read_changes_nothing(make_user, client_for):
    alice, bob = make_user("alice_n"), make_user("bob_n")
    alices = [notification_create(recipient=alice, kind=Notification.Kind.FOLLOWED, actor=bob) for _ in range(3)]
    own = notification_create(recipient=bob, kind=Notification.Kind.FOLLOWED, actor=alice)
    ids = [n.pk for n in alices]

    # Bob names Alice's ids (guessed: they are sequential), alone and beside his own, then marks "all" read.
    by_id = client_for(bob).post("/api/v1/notifications/read/", {"ids": ids}, format="json")
    mixed = client_for(bob).post("/api/v1/notifications/read/", {"ids": [*ids, own.pk]}, format="json")
    everything = client_for(bob).post("/api/v1/notifications/read/", {}, format="json")

    assert (by_id.status_code, by_id.json()) == (200, {"marked_read": 0})
    assert (mixed.status_code, mixed.json()) == (200, {"marked_read": 1})
    assert (everything.status_code, everything.json()) == (200, {"marked_read": 0})
    assert not Notification.objects.filter(pk__in=ids, read_at__isnull=False).exists()
    unread = client_for(alice).get("/api/v1/notifications/?unread=true").json()["items"]
    assert sorted(item["id"] for item in unread) == sorted(ids)


def forged_cursor(position: datetime.datetime, *, reverse: bool = False, offset: int = 0) -> str:
    """A DRF cursor as the pagination decodes it (base64 of a query string, unsigned)."""
    raw = urlencode({"o": offset, "r": int(reverse), "p": position.isoformat()})
    return base64.b64encode(raw.encode()).decode()


@pytest.mark.django_db
def test_a_forged_cursor_never_pages_into_someone_elses_notifications(make_user, client_for):
    alice, bob = make_user("alice_n"), make_user("bob_n")
    for _ in range(3):
        notification_create(recipient=alice, kind=Notification.Kind.LIKED, actor=bob, data={"post": 1})
    mine = notification_create(recipient=bob, kind=Notification.Kind.FOLLOWED, actor=alice)
    client = client_for(bob)
    far_future = timezone.now() + datetime.timedelta(days=3650)

    pages = [
        client.get("/api/v1/notifications/", {"cursor": forged_cursor(far_future)}),
        client.get("/api/v1/notifications/", {"cursor": forged_cursor(far_future, reverse=True)}),
        client.get("/api/v1/notifications/", {"cursor": forged_cursor(far_future, offset=1)}),
        client.get("/api/v1/notifications/", {"page_size": 50}),
    ]
    garbage = client.get("/api/v1/notifications/", {"cursor": "not-a-cursor"})
    overflow = client.get(
        "/api/v1/notifications/", {"cursor": forged_cursor(datetime.datetime(9999, 12, 31, 23, 59, tzinfo=datetime.UTC))}
    )

    for page in pages:
        assert page.status_code == 200, page.content
        assert {item["id"] for item in page.json()["items"]} <= {mine.pk}
    assert [item["id"] for item in pages[3].json()["items"]] == [mine.pk]
    assert (garbage.status_code, garbage.json()["code"]) == (400, "invalid_cursor")
    assert (overflow.status_code, overflow.json()["code"]) == (400, "invalid_cursor")


@pytest.mark.django_db(transaction=True)
def test_a_like_is_pushed_to_the_authors_socket_only(member, client_for, publish):  # noqa: F811
    alice, alice_token = member("alice_ws")
    bob, bob_token = member("bob_ws")
    carol, carol_token = member("carol_ws")
    post = publish(alice)

    async def scenario():
        sockets = [await signed_in_socket(token) for token in (alice_token, bob_token, carol_token)]
        liked = await sync_to_async(lambda: client_for(bob).post(f"/api/v1/posts/{post.pk}/like/").status_code)()
        alices = await sockets[0].receive_json_from(timeout=5)
        others = [await socket.receive_nothing(timeout=0.5) for socket in sockets[1:]]
        for socket in sockets:
            await close_quietly(socket)
        return liked, alices, others

    liked, alices, others = run(scenario)

    assert liked == 200
    assert alices["event"] == "notification"
    payload = alices["payload"]
    assert (payload["kind"], payload["actor"], payload["data"]) == ("liked", "bob_ws", {"post": post.pk})
    # Neither the liker nor a bystander hears of it.
    assert others == [True, True]


# ---- find my face -------------------------------------------------------------------------------------------------


def answer_without_identity(item: dict) -> dict:
    return {key: value for key, value in item.items() if key not in ("id", "created_at", "finished_at")}


@pytest.mark.django_db
def test_find_my_face_is_no_oracle_for_whether_a_stranger_is_on_the_platform(
    make_user, verified_cameo, client_for, clips, django_capture_on_commit_callbacks  # noqa: F811
):
    from cameos.registry import likeness_registry

    barack = make_user("barack_f")
    barack_cameo = verified_cameo(barack, "obama", handle="barack_face")
    joe = make_user("joe_f")
    joe_cameo = verified_cameo(joe, "biden", handle="joe_face", level="everyone")
    client = client_for(barack)
    # Joe's face is registered: the registry can tell his face (screening would find him in any render).
    assert likeness_registry().distances_to("cameo", joe_cameo.pk, np.zeros((1, 128), np.float32)) is not None

    # Barack searches a video of Joe while Joe is on the platform...
    search(client, barack_cameo.pk, clips["biden"], django_capture_on_commit_callbacks)
    # ... and again once Joe's cameo is gone (the registry no longer holds his face)
    joe_cameo.status = Cameo.Status.DELETED
    joe_cameo.save(update_fields=["status", "updated_at"])
    assert likeness_registry().distances_to("cameo", joe_cameo.pk, np.zeros((1, 128), np.float32)) is None
    search(client, barack_cameo.pk, clips["biden"], django_capture_on_commit_callbacks)

    after, before = searches(client, barack_cameo.pk)
    # The two answers are one and the same: nothing in them depends on whether the face in the video is someone's.
    assert answer_without_identity(before) == answer_without_identity(after)
    assert before["found"] is False and before["status"] == "done"
    body = client.get(f"/api/v1/cameos/{barack_cameo.pk}/face-searches/").content
    assert b"joe" not in body
    # No face of the video is kept: the rows hold times and one distance, no encoding; the upload is gone.
    for results, metrics in FaceSearch.objects.values_list("results", "metrics"):
        assert set(results) == {"times_s", "segments", "closest_distance", "threshold", "frames_analysed", "faces_seen"}
        assert all(not isinstance(value, list) or len(value) < 64 for value in [*results.values(), *metrics.values()])
    assert stored_uploads() == []


@pytest.mark.django_db
def test_probing_other_peoples_cameo_ids_spends_the_searchers_own_rate(
    make_user, verified_cameo, client_for, clips, monkeypatch, django_capture_on_commit_callbacks  # noqa: F811
):
    monkeypatch.setattr(FaceSearchThrottle, "THROTTLE_RATES", {"face_search": "3/hour"})
    barack = make_user("barack_f")
    barack_cameo = verified_cameo(barack, "obama", handle="barack_face")
    joe_cameo = verified_cameo(make_user("joe_f"), "biden", handle="joe_face", level="everyone")
    waiting = verified_cameo(barack, "obama", handle="barack_wait", status=Cameo.Status.PENDING_REVIEW)
    client = client_for(barack)

    with django_capture_on_commit_callbacks(execute=False) as queued:
        probes = [
            client.post(f"/api/v1/cameos/{cameo_id}/face-searches/", {"video": upload(clips["biden"])}, format="multipart")
            for cameo_id in (joe_cameo.pk, 999_999, waiting.pk)
        ]
        own = client.post(
            f"/api/v1/cameos/{barack_cameo.pk}/face-searches/", {"video": upload(clips["obama"])}, format="multipart"
        )

    # Someone else's cameo answers as a missing one; every probe counts, so the real search is over the rate.
    assert [(p.status_code, p.json()["code"]) for p in probes] == [
        (404, "not_found"),
        (404, "not_found"),
        (409, "cameo_not_verified"),
    ]
    assert probes[0].json() == probes[1].json()
    assert (own.status_code, own.json()["code"]) == (429, "throttled")
    assert not FaceSearch.objects.exists() and queued == [] and stored_uploads() == []


@pytest.mark.django_db
def test_made_here_names_someone_elses_video_only_while_the_searcher_may_see_it(
    make_user, verified_cameo, client_for, clips, tmp_path, django_capture_on_commit_callbacks  # noqa: F811
):
    # Given Carol's public post whose video is a real clip (of nobody on the platform)
    carol = make_user("carol_f")
    dave = make_user("dave_f")
    dave_cameo = verified_cameo(dave, "biden", handle="dave_face")
    path = tmp_path / "carols.mp4"
    path.write_bytes(clips["nobody"])
    post = published_post(carol, video=path)
    job = post.job
    job.video_sha256 = hashlib.sha256(clips["nobody"]).hexdigest()
    job.finished_at = timezone.now()
    job.save(update_fields=["video_sha256", "finished_at"])
    dave_client = client_for(dave)

    # When Dave searches a copy of it for his face
    search(dave_client, dave_cameo.pk, clips["nobody"], django_capture_on_commit_callbacks)

    def made_here() -> dict:
        [item] = searches(dave_client, dave_cameo.pk)
        return item["made_here"]

    # Then, while he may see the post, it is named
    seen = made_here()
    assert (seen["made_here"], seen["generation_id"], seen["post_id"]) == (True, job.pk, post.pk)
    # and beyond the ids, he learns only what the public provenance lookup tells anyone
    public = dave_client.post(
        "/api/v1/provenance/verify/", {"file": SimpleUploadedFile("x.mp4", clips["nobody"])}, format="multipart"
    ).json()
    # (created_at written alike: find my face wrote "+00:00" where the lookup and the README say "Z", until 2026-12-07)
    def told(answer: dict) -> dict:
        return {key: answer[key] for key in ("made_here", "method", "manifest_state", "job_ref", "is_remix", "created_at")}

    assert told(seen) == told(public)
    assert seen["created_at"].endswith("Z")

    hidden = {}
    post.visibility = "private"
    post.save(update_fields=["visibility"])
    hidden["private"] = made_here()
    post.visibility = "followers"
    post.save(update_fields=["visibility"])
    hidden["followers, not following"] = made_here()
    post.visibility = "public"
    post.save(update_fields=["visibility"])
    assert client_for(carol).post("/api/v1/users/dave_f/block/").status_code == 204
    hidden["author blocked him"] = made_here()
    assert client_for(carol).delete("/api/v1/users/dave_f/block/").status_code == 204
    assert made_here()["post_id"] == post.pk  # the control: unblocked, seen again
    assert client_for(carol).delete(f"/api/v1/posts/{post.pk}/").status_code == 204
    hidden["deleted (a draft again)"] = made_here()

    for case, answer in hidden.items():
        assert (answer["made_here"], answer["generation_id"], answer["post_id"]) == (True, None, None), case


def huge_frame_mov(side: int) -> bytes:
    """One grey frame side x side in a MOV (PNG codec): a few tens of KB on the wire."""
    buffer = io.BytesIO()
    with av.open(buffer, "w", format="mov") as container:
        stream = container.add_stream("png", rate=1)
        stream.width = stream.height = side
        stream.pix_fmt = "gray"
        frame = av.VideoFrame.from_ndarray(np.zeros((side, side), np.uint8), format="gray")
        for packet in [*stream.encode(frame), *stream.encode()]:
            container.mux(packet)
    return buffer.getvalue()


@pytest.mark.django_db
def test_a_video_of_enormous_frames_is_refused_before_it_is_decoded(
    make_user, verified_cameo, client_for, django_capture_on_commit_callbacks  # noqa: F811
):
    barack = make_user("barack_f")
    barack_cameo = verified_cameo(barack, "obama", handle="barack_face")
    bomb = huge_frame_mov(8192)
    assert len(bomb) < 200_000

    with django_capture_on_commit_callbacks(execute=False):
        response = client_for(barack).post(
            f"/api/v1/cameos/{barack_cameo.pk}/face-searches/", {"video": upload(bomb, "bomb.mov")}, format="multipart"
        )

    assert response.status_code in (413, 422), response.content
    assert not FaceSearch.objects.exists() and stored_uploads() == []
