"""Reads about cameos."""

from django.db.models import Q, QuerySet

from cameos.models import Appearance, Cameo, ConsentDecision, Grant, ProtectedPerson
from sora_social.accounts.models import User


def cameo_owned_by(*, cameo_id: int, owner: User) -> Cameo | None:
    """A cameo of this owner (not deleted); None for missing and foreign alike."""
    return Cameo.objects.filter(pk=cameo_id, owner=owner).exclude(status=Cameo.Status.DELETED).first()


def cameos_of(owner: User) -> QuerySet[Cameo]:
    return Cameo.objects.filter(owner=owner).exclude(status=Cameo.Status.DELETED)


def cameos_by_handles(handles: list[str]) -> dict[str, Cameo]:
    """Live cameos by lowercase handle (deleted ones free their handle)."""
    found = (
        Cameo.objects.filter(handle__in=[h.lower() for h in handles])
        .exclude(status=Cameo.Status.DELETED)
        .select_related("owner")
    )
    return {cameo.handle: cameo for cameo in found}


def cameo_grants(cameo: Cameo) -> QuerySet[Grant]:
    return Grant.objects.filter(cameo=cameo).select_related("grantee")


def cameo_audit(cameo: Cameo) -> QuerySet[ConsentDecision]:
    return ConsentDecision.objects.filter(cameo=cameo).select_related("actor")


def cameo_appearances(cameo: Cameo) -> QuerySet[Appearance]:
    """Every video that uses the cameo, other people's drafts included."""
    return (
        Appearance.objects.filter(cameo=cameo)
        .select_related("job", "creator", "job__post")
        .order_by("-created_at", "-id")
    )


def grants_awaiting_parent(parent: User) -> QuerySet[Grant]:
    return Grant.objects.filter(
        status=Grant.Status.PENDING_PARENT,
        cameo__owner__parent_links__parent=parent,
        cameo__owner__parent_links__ended_at__isnull=True,
    ).select_related("cameo", "grantee", "cameo__owner")


# A deleted cameo frees its handle, and so does a rejected one: its owner retries under the same handle.
HANDLE_FREEING_STATUSES = (Cameo.Status.DELETED, Cameo.Status.REJECTED)


def protected_person_names(*, except_own_cameos: frozenset[int] = frozenset()) -> list[str]:
    """Every protected person's name and aliases, except those whose own cameo is one of `except_own_cameos`
    (cast in the video: their consent covers it)."""
    return [
        name
        for person in ProtectedPerson.objects.only("name", "aliases", "own_cameo_id")
        if person.own_cameo_id is None or person.own_cameo_id not in except_own_cameos
        for name in person.names
    ]


def handle_is_taken(handle: str, *, owner: User) -> bool:
    """Cameo handles share one namespace with live cameos and with other people's user handles."""
    lowered = handle.lower()
    if Cameo.objects.filter(handle=lowered).exclude(status__in=HANDLE_FREEING_STATUSES).exists():
        return True
    return User.objects.filter(Q(handle=lowered) & ~Q(pk=owner.pk)).exists()


def withdrawn_appearances() -> QuerySet[Appearance]:
    """Appearances whose video must no longer be shown: consent for its creator is gone (revoked), or the cameo's
    owner or a moderator removed it. Feeds and media read this; cameos never writes their rows."""
    return Appearance.objects.filter(Q(revoked_at__isnull=False) | Q(removed_at__isnull=False))
