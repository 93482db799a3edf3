"""The one WebSocket, /ws/events/: each signed-in user listens to their own group."""

from urllib.parse import parse_qs

from allauth.headless.internal.sessionkit import authenticate_by_x_session_token
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from sora_social.notifications.realtime import user_group_name

# Close code for "not authenticated" in the application range (4000-4999).
CLOSE_UNAUTHENTICATED = 4401


def session_token_from_scope(scope) -> str | None:
    """The token from the X-Session-Token header, or ?session_token= for clients that cannot set headers."""
    for name, value in scope.get("headers", []):
        if name.lower() == b"x-session-token":
            return value.decode("latin-1")
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    tokens = query.get("session_token")
    return tokens[0] if tokens else None


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
        self.user_id = user.pk
        self.token = token
        self.group = user_group_name(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        await self.send_json({"event": "hello", "payload": {"user": user.handle}})

    async def disconnect(self, code: int) -> None:
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs) -> None:
        # The socket is server-to-client; a ping keeps proxies from closing it.
        if isinstance(content, dict) and content.get("type") == "ping" and await self._session_still_stands():
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
