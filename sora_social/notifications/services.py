from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone

from sora_social.api.fields import api_datetime
from sora_social.notifications import selectors
from sora_social.notifications.models import Notification
from sora_social.notifications.payloads import notification_data
from sora_social.notifications.realtime import push_event


def notification_create(
    *,
    recipient: AbstractBaseUser,
    kind: str,
    actor: AbstractBaseUser | None = None,
    data: dict | None = None,
    once_unread_by: tuple[str, ...] | None = None,
) -> Notification | None:
    """Store a notification and push it to the recipient's sockets; None when nothing was told.

    News from someone the recipient no longer sees (selectors.SOCIAL_KINDS from a blocked, banned or closed account)
    is not told: checked here, as it is written, so a like that passed its checks just before a block committed does
    not reach the person who blocked.

    `once_unread_by` names the data keys that make two notifications one piece of news (with the kind and the actor):
    while one is unread, a second is neither stored nor pushed, and the unread one takes the new data. Asked over and
    over (follow and unfollow, grant and revoke, in a loop), it reached the recipient once each time.
    """
    data = data or {}
    if actor is not None and kind in selectors.SOCIAL_KINDS:
        if selectors.actor_hidden_from(recipient=recipient, actor=actor):
            return None
    if once_unread_by is not None:
        same_news = {f"data__{key}": data.get(key) for key in once_unread_by}
        same = Notification.objects.filter(
            recipient=recipient, kind=kind, actor=actor, read_at__isnull=True, **same_news
        ).first()
        if same is not None:
            if same.data != data:
                Notification.objects.filter(pk=same.pk).update(data=data)
                same.data = data
            return same
    notification = Notification.objects.create(recipient=recipient, kind=kind, actor=actor, data=data)
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
    """Mark some (or all) of the notifications a person is shown read; returns how many changed. Ones not shown (from
    someone they no longer see) are left alone: counting them told a person that someone who blocked them had been
    there."""
    unread = selectors.notifications_of(recipient=recipient, unread_only=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return Notification.objects.filter(pk__in=unread.values("pk")).update(read_at=timezone.now())


def notifications_settle(*, recipient: AbstractBaseUser, kind: str, **data) -> int:
    """Mark read what a person acted on elsewhere (a parent approved the grant a request was about)."""
    matching = {f"data__{key}": value for key, value in data.items()}
    unread = Notification.objects.filter(recipient=recipient, kind=kind, read_at__isnull=True, **matching)
    return unread.update(read_at=timezone.now())
