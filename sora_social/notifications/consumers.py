"""The one WebSocket, /ws/events/: each signed-in user listens to their own group."""

import json
import time
from urllib.parse import parse_qs

from allauth.headless.internal.sessionkit import authenticate_by_x_session_token
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer
from django.core.cache import cache

from sora_social.notifications.realtime import user_group_name
from sora_social.web_worker import WEBSOCKET_MAX_FRAME_BYTES

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
# The count of an account's sockets lives in the cache (Redis when deployed, so every web process shares it). A
# process that dies cannot take its sockets off: the count lapses this long after the account's last connect or
# answered ping, so it never locks a person out for longer.
SOCKET_COUNT_TTL_S = 600
# A handshake to any other path is refused before accept with this code (the server answers 403).
CLOSE_NO_SUCH_PATH = 4404


def _socket_count_key(user_id: int) -> str:
    return f"ws.sockets:{user_id}"


async def _socket_count_add(user_id: int) -> int:
    """Count one more socket of this account; returns the new count."""
    key = _socket_count_key(user_id)
    for _ in range(2):  # the key may lapse between the add and the increment
        await cache.aadd(key, 0, SOCKET_COUNT_TTL_S)
        try:
            count = await cache.aincr(key)
        except ValueError:
            continue
        await cache.atouch(key, SOCKET_COUNT_TTL_S)
        return count
    return 1


async def _socket_count_remove(user_id: int) -> None:
    try:
        if await cache.adecr(_socket_count_key(user_id)) < 0:
            await cache.adelete(_socket_count_key(user_id))
    except ValueError:
        pass  # lapsed meanwhile: nothing to take off


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
    async def connect(self) -> None:
        token = session_token_from_scope(self.scope)
        user = await user_for_token(token) if token else None
        if user is None:
            await self.close(code=CLOSE_UNAUTHENTICATED)
            return
        if await _socket_count_add(user.pk) > MAX_SOCKETS_PER_ACCOUNT:
            await _socket_count_remove(user.pk)
            await self.close(code=CLOSE_TOO_MANY_SOCKETS)
            return
        self.counted = True
        self.user_id = user.pk
        self.token = token
        self.group = user_group_name(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json({"event": "hello", "payload": {"user": user.handle}})

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)
        if getattr(self, "counted", False):
            self.counted = False
            await _socket_count_remove(self.user_id)

    async def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:
        """JSON text frames only. Channels' own decoding raised on a binary frame, on text that is not JSON and on
        JSON nested past the parser's recursion limit: a traceback and a 1011 for any signed-in client's one frame."""
        if text_data is None:
            await self.close(code=CLOSE_UNSUPPORTED_DATA)
            return
        # Before decoding: JSON is decoded on the event loop every socket of the process shares.
        if len(text_data) > WEBSOCKET_MAX_FRAME_BYTES:
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
        if await self._session_still_stands():
            await cache.atouch(_socket_count_key(self.user_id), SOCKET_COUNT_TTL_S)
            await self.send_json({"event": "pong", "payload": {}})

    async def user_event(self, message: dict) -> None:
        if await self._session_still_stands():
            await self.send_json({"event": message["event"], "payload": message["payload"]})

    async def _session_still_stands(self) -> bool:
        """The session is asked again before anything is sent: a socket opened before a logout, a password change
        elsewhere, a deactivation or a ban kept delivering the person's events (tests/accounts/
        test_account_attacks_round4.py). One session and one user read per event; a socket whose session ended is
        closed instead."""
        user = await user_for_token(self.token)
        if user is not None and user.pk == self.user_id:
            return True
        await self.close(code=CLOSE_UNAUTHENTICATED)
        return False


class NoSuchPathConsumer(AsyncWebsocketConsumer):
    """Any other WebSocket path: refused before accept (a 403 to the handshake), not an error out of the router."""

    async def connect(self) -> None:
        await self.close(code=CLOSE_NO_SUCH_PATH)
