"""Pushing events to a person's WebSocket group from synchronous code."""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def user_group_name(user_id: int) -> str:
    return f"user.{user_id}"


def push_event_now(*, user_id: int, event: str, payload: dict) -> None:
    """Send an event to every socket of one user at once (progress of work outside a transaction).

    A push is best effort: a dead channel layer must not undo the write that caused the event.
    """
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(user_group_name(user_id), {"type": "user.event", "event": event, "payload": payload})
    except Exception:  # the database write stands; the app re-reads on reconnect
        logger.warning("realtime push of %s to user %s failed", event, user_id, exc_info=True)


def push_event(*, user_id: int, event: str, payload: dict) -> None:
    """Send an event to every socket of one user, after the current transaction commits."""
    transaction.on_commit(lambda: push_event_now(user_id=user_id, event=event, payload=payload))
