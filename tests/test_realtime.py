"""/ws/events/: authenticated by the session token, one group per user, refused without a token."""

import datetime

import pytest
import pytest_asyncio
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections
from django.test import Client

from sora_social.accounts.services import invites_mint
from sora_social.asgi import application
from sora_social.notifications.realtime import user_group_name

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


def signed_up_token(handle: str) -> str:
    invite = invites_mint(count=1)[0]
    response = Client().post(
        "/_allauth/app/v1/auth/signup",
        {
            "username": handle,
            "email": f"{handle}@example.org",
            "password": "a-long-enough-pass-123",
            "invite_code": invite.code,
            "birth_date": datetime.date(1995, 3, 3).isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()["meta"]["session_token"]


@pytest_asyncio.fixture(autouse=True)
async def _close_the_shared_threads_connection():
    """Sync code called from these tests runs on asgiref's one shared thread, which outlives the test: close its
    database connection, or it keeps the test database from being dropped at the end of the run."""
    yield
    await sync_to_async(connections.close_all)()


@pytest.fixture
def token():
    return signed_up_token("socket_user")


async def connect(headers=(), query=""):
    communicator = WebsocketCommunicator(application, f"/ws/events/{query}", headers=list(headers))
    connected, code = await communicator.connect()
    return communicator, connected, code


async def test_a_socket_without_a_token_is_refused():
    communicator, connected, code = await connect()
    # Closed before accept: the handshake itself is refused.
    assert not connected


async def test_a_socket_with_a_bad_token_is_refused():
    communicator, connected, code = await connect([(b"x-session-token", b"not-a-real-token")])
    assert not connected


async def test_the_token_header_joins_the_users_group_and_receives_events(token, settings):
    from channels.layers import get_channel_layer

    from sora_social.accounts.models import User

    communicator, connected, _ = await connect([(b"x-session-token", token.encode())])
    assert connected
    hello = await communicator.receive_json_from(timeout=5)
    assert hello == {"event": "hello", "payload": {"user": "socket_user"}}

    user_id = await sync_to_async(lambda: User.objects.get(handle="socket_user").pk)()
    await get_channel_layer().group_send(
        user_group_name(user_id), {"type": "user.event", "event": "generation.progress", "payload": {"id": 7}}
    )
    assert await communicator.receive_json_from(timeout=5) == {"event": "generation.progress", "payload": {"id": 7}}
    await communicator.disconnect()


async def test_the_query_token_works_for_clients_without_headers(token):
    communicator, connected, _ = await connect(query=f"?session_token={token}")
    assert connected
    await communicator.disconnect()


async def test_channel_layer_is_redis_when_configured(settings, require_redis):
    assert settings.CHANNEL_LAYERS["default"]["BACKEND"] == "channels_redis.core.RedisChannelLayer"


async def test_a_browser_from_a_foreign_origin_is_refused(token):
    communicator, connected, _ = await connect(
        [(b"x-session-token", token.encode()), (b"origin", b"https://evil.example")]
    )
    assert not connected
