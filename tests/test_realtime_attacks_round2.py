# ruff: noqa: F811 - the member fixture, imported from round 1, is a parameter of the tests
"""Attacks on the realtime surface, round 2 (/ws/events/, Django Channels), 2026-12-08.

Round 1 (tests/test_realtime_and_face_search_attacks.py) tried the handshake (no, forged, expired, logged-out and
NUL tokens; cookies and subprotocols; foreign Origins), client messages naming another group or a server event, odd
and malformed frames, a ping flood on one socket and a like's audience; tests/accounts/test_account_attacks_round4.py
tried events after a logout, a password change elsewhere, a deactivation and a ban; test_information_leak_attacks.py
what a `generation.state` event says of a block. This round tries what those left: a session that ends in ways they
did not (it expires, the account is deleted) and the keep-alive path after any end; the query string naming someone
else's group; the exact close codes; paths other than /ws/events/; frames as large as the server takes; floods of
frames that are not pings; and one account opening many sockets. Everything runs against the real ASGI application
(sora_social.asgi: origin check, router, consumer), with channels_redis (REDIS_URL) and, where marked, with the
embedded default's in-memory layer too.

GOT THROUGH, all MENDED the same day (their tests were strict xfails until then): any other path is refused before
accept with 4404 (`consumers.NoSuchPathConsumer`, the router's fallback); a frame over 128 KiB is closed with 1009
before it is decoded, by the consumer and, when deployed, by uvicorn itself (`sora_social.web_worker`, `ws_max_size`);
an account holds at most 10 sockets, one more is refused with 4429, counted in the cache and freed as they close
(`test_an_account_at_its_socket_limit_is_refused_one_more_and_gets_its_slots_back_as_it_closes_them`).
- A WebSocket handshake to any path but /ws/events/ ("/ws/events" without its slash, "/ws/", "/ws/events/x/",
  "/api/v1/me/") raises ValueError("No route found") out of the application: channels' URLRouter has no fallback
  (sora_social/asgi.py: `URLRouter(websocket_urlpatterns)`). Anyone, signed in or not, gets a traceback logged per
  handshake and a 500 (uvicorn's "Exception in ASGI application"), where the socket's own refusals are clean closes
  (test_a_handshake_to_any_other_path_is_refused_cleanly_not_a_traceback).
- A frame is decoded whole before the consumer looks at it (`EventsConsumer.receive`: `json.loads(text_data)`), on
  the event loop that serves every socket and request of the process, and the server takes frames up to uvicorn's
  default 16 MiB (deploy/gunicorn.conf.py sets no `ws_max_size`). One signed-in client's 16 MB frame of "[]," took
  0.7 s to decode and ~380 MB of Python objects on this machine; a 2 MB one is decoded today and dropped
  (test_a_frame_larger_than_the_api_takes_is_refused_before_it_is_decoded).
- The ping limit is per socket, and an account may open any number of sockets: 30 sockets of one session answered 30
  pings in one burst with 30 session lookups (`PING_INTERVAL_S` is kept on the consumer, `self.last_pong_at`;
  nothing counts an account's sockets). The same number multiplies each event pushed to the account (one lookup per
  socket) (test_one_account_cannot_multiply_the_ping_limit_by_opening_sockets).

HELD (passing):
- A session that expires while its socket is open, and an account deleted while its socket is open: the next event
  is not delivered, the socket is closed with 4401, with Redis and with the in-memory layer.
- A keep-alive ping after a logout, a ban, an account deletion or a session's expiry is answered with a 4401 close,
  never a pong.
- A render stopped because the cameo's owner withdrew consent after the sockets opened: its `generation.state` reaches
  the creator alone (id, state, the door's disclosed reason, progress; no prompt), never the owner or a bystander.
- The query string naming another person's id or group (user=, group=, channel=, a second session_token) joins
  nothing: the socket hears its own events only.
- Close codes are the ones README names: a binary frame 1003, text that is not JSON 1007 (deeply nested too).
- 3,000 frames that are not pings (objects, arrays, numbers, other types) cost no session lookup and no reply, and
  the socket still answers its ping.

Looked at and not written (covered elsewhere or by design): what the other events carry (progress: id and progress;
a notification as the list shows it, `notification_data`; no event carries a media URL); the reason a job was stopped
for a block or a revocation (`reason_to_tell`, tests/test_information_leak_attacks.py); the spool of the embedded
relay (0600 files in a 0700 folder). Seen, not a leak: with channels_redis a group membership expires after
`group_expiry` (a day), so a socket open longer silently stops hearing events; after the consumer closes a socket it
stays in the person's group until the server reports the disconnect; README says pings past the limit are "dropped
unread", but every frame is decoded first (the frame-size case above).
"""

from __future__ import annotations

import datetime
import json
import types
from importlib import import_module

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from django.db import connections
from django.test import Client
from django.utils import timezone

from sora_social.accounts.models import User
from sora_social.asgi import application
from sora_social.notifications import consumers
from sora_social.notifications.realtime import user_group_name
from sora_social.notifications.relay import relay
from tests.test_realtime_and_face_search_attacks import (  # noqa: F401 - member is a fixture
    LOGIN,
    PASSWORD,
    close_quietly,
    member,
    next_output,
    sign_in,
)

pytestmark = pytest.mark.django_db(transaction=True)

SESSION = "/_allauth/app/v1/auth/session"


# ---- helpers ------------------------------------------------------------------------------------------------------


@pytest.fixture(params=["redis", "memory"])
def layer(request, settings, tmp_path):
    """The channel layer the socket runs on: channels_redis (REDIS_URL), or the embedded default's in-memory one."""
    if request.param == "redis":
        request.getfixturevalue("require_redis")
    else:
        settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
        settings.REALTIME_SPOOL_DIR = tmp_path / "realtime" / "events"
    return request.param


@pytest.fixture
def session_lookups(monkeypatch):
    """Every session lookup the consumer makes (the handshake's, and one per event or answered ping)."""
    lookups: list[str] = []
    real_lookup = consumers.authenticate_by_x_session_token

    def counted(token):
        lookups.append(token)
        return real_lookup(token)

    monkeypatch.setattr(consumers, "authenticate_by_x_session_token", counted)
    return lookups


def run(scenario):
    """Run an async scenario against the real ASGI application. The in-memory layer's relay (started by the first
    socket) is stopped in the scenario's own loop; asgiref's shared thread's database connection is closed after."""

    async def scenario_then_stop_the_relay():
        try:
            return await scenario()
        finally:
            await relay.stop()

    try:
        return async_to_sync(scenario_then_stop_the_relay)()
    finally:
        async_to_sync(sync_to_async(connections.close_all))()


async def open_socket(path: str = "/ws/events/", *, token: str | None = None, query: str = "", timeout: float = 5):
    headers = [(b"x-session-token", token.encode())] if token is not None else []
    communicator = WebsocketCommunicator(application, f"{path}{query}", headers=headers)
    try:
        connected, code = await communicator.connect(timeout=timeout)
    except Exception as exc:  # noqa: BLE001 - the application itself raised during the handshake
        return communicator, False, f"raised {exc!r}"
    return communicator, connected, code


async def signed_in_socket(token: str, query: str = "") -> WebsocketCommunicator:
    communicator, connected, code = await open_socket(token=token, query=query)
    assert connected, code
    assert (await communicator.receive_json_from(timeout=5))["event"] == "hello"
    return communicator


async def push(user_id: int, payload: dict) -> None:
    await get_channel_layer().group_send(
        user_group_name(user_id), {"type": "user.event", "event": "notification", "payload": payload}
    )


def was_pong(output) -> bool:
    return isinstance(output, dict) and json.loads(output.get("text") or "null") == {"event": "pong", "payload": {}}


CLOSED_UNAUTHENTICATED = {"type": "websocket.close", "code": consumers.CLOSE_UNAUTHENTICATED}


# ---- ways a session ends while its socket is open -------------------------------------------------------------------


def _expire(token: str, user: User) -> None:
    """The session outlived its age (SESSION_COOKIE_AGE): its expiry is in the past."""
    session = import_module(django_settings.SESSION_ENGINE).SessionStore(session_key=token)
    session.load()
    session.set_expiry(timezone.now() - datetime.timedelta(seconds=5))
    session.save()


def _delete_account(token: str, user: User) -> None:
    """An operator deleted the account (its session row is left as it was)."""
    User.objects.filter(pk=user.pk).delete()


def _log_out(token: str, user: User) -> None:
    assert Client().delete(SESSION, HTTP_X_SESSION_TOKEN=token).status_code == 401


def _ban(token: str, user: User) -> None:
    User.objects.filter(pk=user.pk).update(banned_at=timezone.now())


@pytest.mark.parametrize("end", [_expire, _delete_account], ids=["expired", "account_deleted"])
def test_an_event_is_not_delivered_once_the_session_expired_or_the_account_was_deleted(member, layer, end):
    alice, token = member("alice_rt")

    async def scenario():
        socket = await signed_in_socket(token)
        await sync_to_async(end)(token, alice)
        await push(alice.pk, {"secret": "for alice's live session only"})
        output = await next_output(socket, timeout=2)
        await close_quietly(socket)
        return output

    # Then the event is not sent: the socket is closed as unauthenticated instead.
    assert run(scenario) == CLOSED_UNAUTHENTICATED


@pytest.mark.parametrize(
    "end", [_log_out, _ban, _delete_account, _expire], ids=["logged_out", "banned", "account_deleted", "expired"]
)
def test_a_ping_after_the_session_ended_is_answered_with_4401_not_a_pong(member, end):
    # The keep-alive is what a quiet socket sends for hours; it must not keep a dead session's socket open.
    alice, token = member("alice_rt")

    async def scenario():
        socket = await signed_in_socket(token)
        await sync_to_async(end)(token, alice)
        await socket.send_json_to({"type": "ping"})
        output = await next_output(socket, timeout=2)
        await close_quietly(socket)
        return output

    output = run(scenario)

    assert not was_pong(output)
    assert output == CLOSED_UNAUTHENTICATED


# ---- whose events a socket hears -----------------------------------------------------------------------------------


def test_the_query_string_naming_another_persons_group_joins_nothing(member, layer):
    alice, alice_token = member("alice_rt")
    bob, bob_token = member("bob_rt")
    # Everything a client might hope the handshake reads: an id, a group, a channel, and a second token after its own.
    query = (
        f"?user={bob.pk}&user_id={bob.pk}&group={user_group_name(bob.pk)}&channel={user_group_name(bob.pk)}"
        f"&session_token={alice_token}&session_token={bob_token}"
    )

    async def scenario():
        socket = await signed_in_socket(alice_token, query=query)
        await push(bob.pk, {"for": "bob"})
        leaked = await next_output(socket, timeout=1)
        await push(alice.pk, {"for": "alice"})
        own = await socket.receive_json_from(timeout=5)
        await close_quietly(socket)
        return leaked, own

    leaked, own = run(scenario)

    assert leaked is None
    assert own == {"event": "notification", "payload": {"for": "alice"}}


def test_a_render_stopped_by_a_withdrawn_consent_is_told_to_its_creator_alone(member, make_cameo, layer):
    from cameos.services import cameo_update
    from generation import services as generation
    from tests.moderation.world import queued_job

    creator, creator_token = member("creator_rt")
    owner, owner_token = member("owner_rt")
    bystander, bystander_token = member("bystander_rt")
    cameo = make_cameo(owner, handle="owner_cam", level="everyone")
    job = queued_job(creator, "@owner_cam waves at the camera, the secret word is xyzzy")
    job.cameos.set([cameo])

    async def scenario():
        sockets = [await signed_in_socket(token) for token in (creator_token, owner_token, bystander_token)]
        # When the cameo's owner withdraws consent after the sockets opened, and the worker then takes the job
        await sync_to_async(lambda: cameo_update(cameo=cameo, actor=owner, level="only_me"))()
        await sync_to_async(lambda: generation.generation_render(job_id=job.pk))()
        heard = []
        for socket in sockets:
            outputs = []
            while (output := await next_output(socket, timeout=0.5)) is not None:
                outputs.append(json.loads(output["text"]) if output.get("type") == "websocket.send" else output)
            heard.append(outputs)
        for socket in sockets:
            await close_quietly(socket)
        return heard

    creators, owners, bystanders = run(scenario)

    # Then the creator is told the job stopped and why, as the door may tell it, with nothing else of the job
    assert creators == [
        {
            "event": "generation.state",
            "payload": {"id": job.pk, "state": "blocked", "reason": "consent_denied:@owner_cam:only_me", "progress": 0.0},
        }
    ]
    # and neither the cameo's owner nor a bystander hears anything of someone else's job (its prompt least of all).
    assert not [event for event in owners if str(event.get("event", "")).startswith("generation.")]
    assert "xyzzy" not in json.dumps(owners)
    assert bystanders == []


# ---- what the socket takes, and how it refuses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frame", "code"),
    [
        ({"bytes_data": b'{"type": "ping"}'}, 1003),
        ({"text_data": '{"type": "ping"'}, 1007),
        ({"text_data": "[" * 50_000 + "]" * 50_000}, 1007),
    ],
    ids=["binary-ping", "truncated-json", "deeply-nested"],
)
def test_a_frame_the_socket_does_not_take_is_closed_with_the_code_readme_names(member, frame, code):
    alice, token = member("alice_rt")

    async def scenario():
        socket = await signed_in_socket(token)
        await socket.send_to(**frame)
        output = await next_output(socket, timeout=2)
        await close_quietly(socket)
        return output

    assert run(scenario) == {"type": "websocket.close", "code": code}


NOT_PINGS = 3000


def test_a_flood_of_frames_that_are_not_pings_costs_no_session_lookup_and_no_reply(member, session_lookups):
    alice, token = member("alice_rt")
    frames = ['{"type": "subscribe", "group": "user.1"}', "[1, 2, 3]", "0", '{"type": "pong"}', '{"x": {"y": [null]}}']

    async def scenario():
        socket = await signed_in_socket(token)
        session_lookups.clear()
        for index in range(NOT_PINGS):
            await socket.send_to(text_data=frames[index % len(frames)])
        replies = await next_output(socket, timeout=2)
        lookups_for_the_flood = len(session_lookups)
        await socket.send_json_to({"type": "ping"})
        pong = await next_output(socket, timeout=3)
        await close_quietly(socket)
        return replies, lookups_for_the_flood, pong

    replies, lookups_for_the_flood, pong = run(scenario)

    assert replies is None
    assert lookups_for_the_flood == 0
    assert was_pong(pong)


# Twice DATA_UPLOAD_MAX_MEMORY_SIZE (1 MB), the largest JSON body the API reads; the socket's own messages are a ping.
LARGE_FRAME = "[" + "[]," * 700_000 + "[]]"


def test_a_frame_larger_than_the_api_takes_is_refused_before_it_is_decoded(member, monkeypatch):
    alice, token = member("alice_rt")
    decoded_sizes: list[int] = []

    def loads(text, *args, **kwargs):
        decoded_sizes.append(len(text))
        return json.loads(text, *args, **kwargs)

    monkeypatch.setattr(consumers, "json", types.SimpleNamespace(loads=loads))
    assert len(LARGE_FRAME) > 2 * 1024 * 1024

    async def scenario():
        socket = await signed_in_socket(token)
        await socket.send_to(text_data=LARGE_FRAME)
        output = await next_output(socket, timeout=3)
        await close_quietly(socket)
        return output

    output = run(scenario)

    # Not decoded at all (a ping is 16 bytes), and closed as RFC 6455's "message too big".
    assert decoded_sizes == []
    assert output == {"type": "websocket.close", "code": 1009}


@pytest.mark.parametrize("path", ["/ws/events", "/ws/", "/ws/events/extra/", "/api/v1/me/"])
def test_a_handshake_to_any_other_path_is_refused_cleanly_not_a_traceback(path):
    # No token at all: the router runs before the consumer, so anyone on the internet can knock.
    async def scenario():
        communicator, connected, code = await open_socket(path, timeout=1)
        await close_quietly(communicator)
        return connected, code

    connected, code = run(scenario)

    # Refused before accept with a close (403 on a real server), never an exception out of the application.
    assert connected is False
    assert isinstance(code, int), code


SOCKETS = 30
# A phone needs one socket; a few more (a reconnect racing the old one, two devices) are generous.
PONGS_PER_ACCOUNT = 10


def test_one_account_cannot_multiply_the_ping_limit_by_opening_sockets(member, session_lookups):
    alice, token = member("alice_rt")

    async def scenario():
        sockets = []
        for _ in range(SOCKETS):
            communicator, connected, _ = await open_socket(token=token)
            if connected:
                assert (await communicator.receive_json_from(timeout=5))["event"] == "hello"
                sockets.append(communicator)
            else:
                await close_quietly(communicator)
        session_lookups.clear()
        for socket in sockets:
            await socket.send_json_to({"type": "ping"})
        pongs = 0
        for socket in sockets:
            if was_pong(await next_output(socket, timeout=0.5)):
                pongs += 1
        for socket in sockets:
            await close_quietly(socket)
        return len(sockets), pongs, len(session_lookups)

    opened, pongs, lookups = run(scenario)

    # However many sockets one account holds, its burst of pings costs a handful of lookups, as on one socket.
    assert pongs <= PONGS_PER_ACCOUNT, (opened, pongs, lookups)
    assert lookups <= PONGS_PER_ACCOUNT, (opened, pongs, lookups)


def test_an_account_at_its_socket_limit_is_refused_one_more_and_gets_its_slots_back_as_it_closes_them(member):
    # The limit must not lock a person out: sockets closed (a phone reconnecting, an app killed) free their slots.
    alice, token = member("alice_rt")
    bob, bob_token = member("bob_rt")

    async def scenario():
        sockets = [await signed_in_socket(token) for _ in range(consumers.MAX_SOCKETS_PER_ACCOUNT)]
        one_more, connected, code = await open_socket(token=token)
        await close_quietly(one_more)
        # Another account is not held back by alice's sockets
        bobs = await signed_in_socket(bob_token)
        await sockets[0].send_json_to({"type": "ping"})
        alive = was_pong(await next_output(sockets[0], timeout=3))
        for socket in sockets[:3]:
            await close_quietly(socket)
        again = [await signed_in_socket(token) for _ in range(3)]
        for socket in [*sockets[3:], *again, bobs]:
            await close_quietly(socket)
        after_all_closed = [await signed_in_socket(token) for _ in range(consumers.MAX_SOCKETS_PER_ACCOUNT)]
        for socket in after_all_closed:
            await close_quietly(socket)
        return connected, code, alive, len(again), len(after_all_closed)

    connected, code, alive, reopened, after_all_closed = run(scenario)

    assert connected is False and code == consumers.CLOSE_TOO_MANY_SOCKETS
    assert alive  # the sockets already open go on working
    assert reopened == 3 and after_all_closed == consumers.MAX_SOCKETS_PER_ACCOUNT
