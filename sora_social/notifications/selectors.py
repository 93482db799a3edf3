"""Which of a person's notifications they are shown.

Notifications sit below accounts in the layers, so they know nothing of blocks or bans: accounts registers what
makes someone a person the recipient no longer sees (`on_hidden_actors`, from accounts.apps). A like, a comment, a
follow or a remix by such a person is neither stored nor shown: someone blocked either way, banned or gone inactive
is nobody to the recipient everywhere else (profiles, counts, comments), and their notifications named them still
(tests/test_notification_attacks.py). Notices about safety and consent (a parent's approvals, held comments, being
cast in a video) are shown whoever their actor is.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Q, QuerySet

from sora_social.notifications.models import Notification

# The kinds that are news from one person to another, and nothing more.
SOCIAL_KINDS = (
    Notification.Kind.LIKED,
    Notification.Kind.COMMENTED,
    Notification.Kind.FOLLOWED,
    Notification.Kind.REMIXED,
)

# Each is `hidden(recipient, field) -> Q`: the people `recipient` no longer sees, as a condition on the user that
# `field` names ("actor" on a notification; "pk" on a user).
_hidden_actor_conditions: list[Callable[[AbstractBaseUser, str], Q]] = []


def on_hidden_actors(condition: Callable[[AbstractBaseUser, str], Q]) -> Callable[[AbstractBaseUser, str], Q]:
    if condition not in _hidden_actor_conditions:
        _hidden_actor_conditions.append(condition)
    return condition


def _hidden(recipient: AbstractBaseUser, field: str) -> Q | None:
    conditions = [condition(recipient, field) for condition in _hidden_actor_conditions]
    if not conditions:
        return None
    combined = conditions[0]
    for condition in conditions[1:]:
        combined |= condition
    return combined


def actor_hidden_from(*, recipient: AbstractBaseUser, actor: AbstractBaseUser) -> bool:
    """Whether `recipient` no longer sees `actor` (a block either way, a ban, a closed account)."""
    hidden = _hidden(recipient, "pk")
    return hidden is not None and type(actor)._default_manager.filter(hidden, pk=actor.pk).exists()


def notifications_of(*, recipient: AbstractBaseUser, unread_only: bool = False) -> QuerySet[Notification]:
    """A person's notifications as they are shown to them, newest first."""
    notifications = Notification.objects.filter(recipient=recipient).select_related("actor", "recipient")
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    hidden = _hidden(recipient, "actor")
    if hidden is not None:
        notifications = notifications.exclude(hidden & Q(kind__in=SOCIAL_KINDS))
    return notifications
