from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone

from sora_social.api.fields import api_datetime
from sora_social.notifications.models import Notification
from sora_social.notifications.payloads import notification_data
from sora_social.notifications.realtime import push_event


def notification_create(
    *, recipient: AbstractBaseUser, kind: str, actor: AbstractBaseUser | None = None, data: dict | None = None
) -> Notification:
    """Store a notification and push it to the recipient's sockets."""
    notification = Notification.objects.create(recipient=recipient, kind=kind, actor=actor, data=data or {})
    push_event(
        user_id=recipient.pk,
        event="notification",
        payload={
            "id": notification.pk,
            "kind": kind,
            "actor": getattr(actor, "handle", None),
            # As the API's notification list shows it (NotificationOutputSerializer).
            "data": notification_data(notification),
            "created_at": api_datetime(notification.created_at),
        },
    )
    return notification


def notifications_mark_read(*, recipient: AbstractBaseUser, ids: list[int] | None = None) -> int:
    """Mark some (or all) of a person's notifications read; returns how many changed."""
    unread = Notification.objects.filter(recipient=recipient, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
