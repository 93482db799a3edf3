"""Pushing events to a person's WebSocket group from synchronous code."""

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

from sora_social.notifications import relay

logger = logging.getLogger(__name__)


def user_group_name(user_id: int) -> str:
    return f"user.{user_id}"


def push_event_now(*, user_id: int, event: str, payload: dict) -> None:
    """Send an event to every socket of one user at once (progress of work outside a transaction).

    A push is best effort: a dead channel layer must not undo the write that caused the event.
    On the embedded default (a process-local in-memory layer) the event is also written to the spool that the web
    processes relay (sora_social.notifications.relay), so a worker's events reach the sockets too.
    """
    layer = get_channel_layer()
    if layer is None:
        return
    group = user_group_name(user_id)
    message = {"type": "user.event", "event": event, "payload": payload}
    try:
        async_to_sync(layer.group_send)(group, message)
        if relay.layer_is_process_local(layer):
            # That reached this process's sockets only (none in a worker): the spool takes it to every web process,
            # whose relays skip what this process wrote.
            relay.spool_event(group=group, message=message)
    except Exception:  # the database write stands; the app re-reads on reconnect
        logger.warning("realtime push of %s to user %s failed", event, user_id, exc_info=True)


def push_event(*, user_id: int, event: str, payload: dict) -> None:
    """Send an event to every socket of one user, after the current transaction commits."""
    transaction.on_commit(lambda: push_event_now(user_id=user_id, event=event, payload=payload))
