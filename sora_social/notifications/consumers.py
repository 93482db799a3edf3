"""The one WebSocket, /ws/events/: each signed-in user listens to their own group."""

import asyncio
import json
import logging
import time
from urllib.parse import parse_qs

from allauth.headless.internal.sessionkit import authenticate_by_x_session_token
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer
from django.core.cache import cache

from sora_social.notifications.realtime import user_group_name
from sora_social.web_worker import WEBSOCKET_MAX_FRAME_BYTES

logger = logging.getLogger(__name__)

# Close code for "not authenticated" in the application range (4000-4999).
CLOSE_UNAUTHENTICATED = 4401
# RFC 6455's codes for a frame the socket does not take: binary (1003), or text that is not JSON (1007).
CLOSE_UNSUPPORTED_DATA = 1003
CLOSE_INVALID_PAYLOAD = 1007
# ...and for one larger than the socket takes (1009). uvicorn refuses it before the consumer sees it (web_worker).
CLOSE_MESSAGE_TOO_BIG = 1009
# A keep-alive needs a ping every few tens of seconds; one answered per this many seconds is plenty, and the others
# are dropped unread (each answered ping asks the session again: a burst of 200 was 200 session lookups).
PING_INTERVAL_S = 5.0
# A phone needs one socket; a reconnect racing the old one, or a few devices, need a few more. Each socket answers its
# own pings and asks the session again for every event, so an account's 30 sockets were 30 lookups a burst (attack
# round 2 on realtime). One more is refused before accept with 4429.
MAX_SOCKETS_PER_ACCOUNT = 10
CLOSE_TOO_MANY_SOCKETS = 4429
# An account's sockets hold its MAX_SOCKETS_PER_ACCOUNT slots, one cache key each (Redis when deployed, so every web
# process shares them), taken with an atomic add. An open socket renews its slot every third of SLOT_TTL_S; a process that
# dies cannot give its slots back, and they lapse SLOT_TTL_S after its last renewal, so a crashed server locks nobody
# out for longer. A refused handshake renews nothing. One key for the whole count lapsed as a whole while its sockets
# stayed open, and each refused retry renewed it (round on today's changes).
SLOT_TTL_S = 600
# A handshake to any other path is refused before accept with this code (the server answers 403).
CLOSE_NO_SUCH_PATH = 4404


def _slot_key(user_id: int, slot: int) -> str:
    return f"ws.slot:{user_id}:{slot}"


def _slot_keys(user_id: int) -> list[str]:
    return [_slot_key(user_id, slot) for slot in range(MAX_SOCKETS_PER_ACCOUNT)]


async def _slot_take(user_id: int, channel_name: str, token: str) -> str | None:
    """Take a free slot of this account for this socket; the slot's key, or None when all are held by sockets whose
    sessions still stand. A slot held by a session that ended (a logout, a password changed elsewhere: a stolen
    token's sockets) is freed and taken: its socket has not been told yet, and finds it lost its slot when it next
    renews it or is sent something (round on today's changes)."""
    holder = {"channel": channel_name, "token": token}
    for key in _slot_keys(user_id):
        if await cache.aadd(key, holder, SLOT_TTL_S):
            return key
    # Each session asked once, the handshake's own not at all (it was just asked): a refused retry of a session holding
    # every slot costs no lookup.
    stands = {token: True}
    for key in _slot_keys(user_id):
        held = await cache.aget(key)
        held_token = held.get("token") if held else None
        if held_token not in stands:
            stands[held_token] = await _session_stands(held_token, user_id)
        if held is None or not stands[held_token]:
            await cache.adelete(key)
            if await cache.aadd(key, holder, SLOT_TTL_S):
                return key
    return None


async def _slot_held(key: str, channel_name: str) -> bool:
    held = await cache.aget(key)
    return held is not None and held.get("channel") == channel_name


async def _slot_give_back(key: str, channel_name: str) -> None:
    # Only one's own: a slot that lapsed may have been taken by another socket since.
    if await _slot_held(key, channel_name):
        await cache.adelete(key)


async def _session_stands(token: str | None, user_id: int) -> bool:
    if not token:
        return False
    user = await user_for_token(token)
    return user is not None and user.pk == user_id


def session_token_from_scope(scope) -> str | None:
    """The token from the X-Session-Token header, or ?session_token= for clients that cannot set headers."""
    for name, value in scope.get("headers", []):
        if name.lower() == b"x-session-token":
            token = value.decode("latin-1")
            break
    else:
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        tokens = query.get("session_token")
        token = tokens[0] if tokens else None
    # PostgreSQL refuses a NUL in a query (a 500 on the handshake); no session token holds one, as the API says (401).
    return None if token is None or "\x00" in token else token


@database_sync_to_async
def user_for_token(token: str):
    authenticated = authenticate_by_x_session_token(token)
    if authenticated is None:
        return None
    user = authenticated[0]
    # As the API's IsActiveMember: a banned account is greeted nowhere.
    return user if user.is_active and user.banned_at is None else None


class EventsConsumer(AsyncJsonWebsocketConsumer):
    async def __call__(self, scope, receive, send):
        # However the consumer ends (a close, an error while delivering, the layer away in disconnect()), its slot goes
        # back and its renewal stops: a crashed consumer's slot was renewed for as long as the process lived (round 3).
        try:
            await super().__call__(scope, receive, send)
        finally:
            await self._give_back_slot()

    async def connect(self) -> None:
        token = session_token_from_scope(self.scope)
        user = await user_for_token(token) if token else None
        if user is None:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        slot = await _slot_take(user.pk, self.channel_name, token)
        if slot is None:
            await self.close(code=CLOSE_TOO_MANY_SOCKETS)
            return
        self.slot = slot
        self.user_id = user.pk
        self.token = token
        self.group = user_group_name(user.pk)
        try:
            await self.channel_layer.group_add(self.group, self.channel_name)
            await self.accept()
            await self.send_json({"event": "hello", "payload": {"user": user.handle}})
        except BaseException:
            # No disconnect() follows a handshake that failed (the channel layer away for a moment): the slot goes back
            # here, or it stayed taken until it lapsed.
            await self._give_back_slot()
            raise
        self.slot_renewal = asyncio.ensure_future(self._renew_slot())

    async def disconnect(self, code: int) -> None:
        try:
            if hasattr(self, "group"):
                await self.channel_layer.group_discard(self.group, self.channel_name)
        finally:
            await self._give_back_slot()

    async def _give_back_slot(self) -> None:
        renewal = getattr(self, "slot_renewal", None)
        if renewal is not None and renewal is not asyncio.current_task():
            renewal.cancel()
        slot, self.slot = getattr(self, "slot", None), None
        if slot is not None:
            try:
                await _slot_give_back(slot, self.channel_name)
            except Exception:  # the cache away: the slot lapses by itself within SLOT_TTL_S
                logger.warning("could not give back WebSocket slot %s", slot, exc_info=True)

    async def _renew_slot(self) -> None:
        """Keep this socket's slot while it is open; a socket that lost its slot (it lapsed and another socket took it,
        or its session ended and a new socket freed it) is closed, so the account never has more sockets at work."""
        while True:
            await asyncio.sleep(SLOT_TTL_S / 3)
            if not await self._still_holds_slot():
                return

    async def _still_holds_slot(self) -> bool:
        """Whether this socket still holds its slot (renewed if so); one that lost it is closed. With the cache away
        for a moment the socket goes on as it was: the slot is a bound on work, and the error is no reason to drop an
        event or close a socket that was let in (it was a traceback and a 1011: round 3)."""
        slot = getattr(self, "slot", None)
        try:
            if slot is not None and await _slot_held(slot, self.channel_name):
                await cache.atouch(slot, SLOT_TTL_S)
                return True
        except Exception:
            logger.warning("could not check WebSocket slot %s; the socket goes on", slot, exc_info=True)
            return slot is not None
        self.slot = None
        await self.close(code=CLOSE_TOO_MANY_SOCKETS)
        return False

    async def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:
        """JSON text frames only. Channels' own decoding raised on a binary frame, on text that is not JSON and on
        JSON nested past the parser's recursion limit: a traceback and a 1011 for any signed-in client's one frame."""
        if text_data is None:
            await self.close(code=CLOSE_UNSUPPORTED_DATA)
            return
        # Before decoding: JSON is decoded on the event loop every socket of the process shares. Bytes, as uvicorn
        # counts them: a character is up to 4 (the length in characters is checked first, which is cheap).
        if len(text_data) > WEBSOCKET_MAX_FRAME_BYTES // 4 and len(text_data.encode("utf-8", "surrogatepass")) > (
            WEBSOCKET_MAX_FRAME_BYTES
        ):
            await self.close(code=CLOSE_MESSAGE_TOO_BIG)
            return
        try:
            content = json.loads(text_data)
        except (ValueError, RecursionError):
            await self.close(code=CLOSE_INVALID_PAYLOAD)
            return
        await self.receive_json(content)

    async def receive_json(self, content, **kwargs) -> None:
        # The socket is server-to-client; a ping keeps proxies from closing it.
        if not (isinstance(content, dict) and content.get("type") == "ping"):
            return
        now = time.monotonic()
        if now - getattr(self, "last_pong_at", float("-inf")) < PING_INTERVAL_S:
            return
        self.last_pong_at = now
        if await self._session_still_stands() and await self._still_holds_slot():
            await self.send_json({"event": "pong", "payload": {}})

    async def user_event(self, message: dict) -> None:
        if await self._session_still_stands() and await self._still_holds_slot():
            await self.send_json({"event": message["event"], "payload": message["payload"]})

    async def _session_still_stands(self) -> bool:
        """The session is asked again before anything is sent: a socket opened before a logout, a password change
        elsewhere, a deactivation or a ban kept delivering the person's events (tests/accounts/
        test_account_attacks_round4.py). One session and one user read per event; a socket whose session ended is
        closed instead."""
        user = await user_for_token(self.token)
        if user is not None and user.pk == self.user_id:
            return True
        await self._give_back_slot()
        await self.close(code=CLOSE_UNAUTHENTICATED)
        return False


class NoSuchPathConsumer(AsyncWebsocketConsumer):
    """Any other WebSocket path: refused before accept (a 403 to the handshake), not an error out of the router."""

    async def connect(self) -> None:
        await self.close(code=CLOSE_NO_SUCH_PATH)
