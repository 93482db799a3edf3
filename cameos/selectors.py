"""Reads about cameos."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from cameos.models import Appearance, Cameo, ConsentDecision, Grant, ProtectedPerson
from sora_social.accounts.models import User
from sora_social.accounts.validators import age_day, handles_alike_in


def cameo_owned_by(*, cameo_id: int, owner: User) -> Cameo | None:
    """A cameo of this owner (not deleted); None for missing and foreign alike."""
    return Cameo.objects.filter(pk=cameo_id, owner=owner).exclude(status=Cameo.Status.DELETED).first()


def cameos_of(owner: User) -> QuerySet[Cameo]:
    return Cameo.objects.filter(owner=owner).exclude(status=Cameo.Status.DELETED)


def cameos_by_handles(handles: list[str]) -> dict[str, Cameo]:
    """Cameos by lowercase handle (deleted ones free their handle). A rejected cameo frees its handle too: when a
    live cameo has taken it since, the handle names the live one. Named by the oldest row, "@sam_cam" named the
    rejected cameo and the live one could never be cast (tests/test_todays_changes_attacks.py)."""
    found = (
        Cameo.objects.filter(handle__in=[h.lower() for h in handles])
        .exclude(status=Cameo.Status.DELETED)
        .select_related("owner")
    )
    by_handle: dict[str, Cameo] = {}
    for cameo in sorted(found, key=lambda cameo: (cameo.status in HANDLE_FREEING_STATUSES, cameo.pk)):
        by_handle.setdefault(cameo.handle, cameo)
    return by_handle


def cameo_grants(cameo: Cameo) -> QuerySet[Grant]:
    """The cameo's grants, each with the status the door acts on (`counted_status`)."""
    from cameos.policy import grant_status_as_counted

    return Grant.objects.filter(cameo=cameo).select_related("grantee").annotate(counted_status=grant_status_as_counted())


def cameo_audit(cameo: Cameo) -> QuerySet[ConsentDecision]:
    return ConsentDecision.objects.filter(cameo=cameo).select_related("actor")


def cameo_appearances(cameo: Cameo) -> QuerySet[Appearance]:
    """Every video that uses the cameo, other people's drafts included. `job_withdrawn`: whether the video is
    withdrawn through any of its cameos; a video another owner in its cast removed, or stopped consenting to, is gone
    for everyone, and was listed to this owner as live, with a URL that only answered 404."""
    return (
        Appearance.objects.filter(cameo=cameo)
        .annotate(job_withdrawn=Exists(withdrawn_appearances().filter(job_id=OuterRef("job_id"))))
        .select_related("job", "creator", "job__post")
        .order_by("-created_at", "-id")
    )


def grants_awaiting_parent(parent: User) -> QuerySet[Grant]:
    """The grants of the parent's linked teens that wait for them: pending ones, and active ones no other adult
    approved (the teen's own, from before support corrected their age). Once a teen turns 18 their grants are theirs
    alone: a parent still linked can neither approve nor decline them."""
    from cameos.policy import adult_birth_cutoff, approved_by_another_adult, grant_status_as_counted

    cutoff = adult_birth_cutoff(age_day())
    return (
        Grant.objects.filter(
            Q(status=Grant.Status.PENDING_PARENT) | (Q(status=Grant.Status.ACTIVE) & ~approved_by_another_adult(cutoff)),
            cameo__owner__parent_links__parent=parent,
            cameo__owner__parent_links__ended_at__isnull=True,
            cameo__owner__birth_date__gt=cutoff,
        )
        .select_related("cameo", "grantee", "cameo__owner")
        .annotate(counted_status=grant_status_as_counted())
    )


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


def handle_is_taken(handle: str, *, owner: User) -> str:
    """Whether a new cameo's handle is taken: "taken" when a live cameo or another person has it, "looks_taken" when
    one only looks like it ("rnara_cam" for "mara_cam", "b0b_cam" for "bob_cam"), else "". Cameo handles share one
    namespace with live cameos and with other people's user handles."""
    lowered = handle.lower()
    alike_cameos = Cameo.objects.exclude(status__in=HANDLE_FREEING_STATUSES)
    alike_users = User.objects.filter(~Q(pk=owner.pk))
    alike = [*handles_alike_in(alike_cameos, handle), *handles_alike_in(alike_users, handle)]
    if not alike:
        return ""
    return "taken" if lowered in alike else "looks_taken"


def cameo_handle_looks_taken(handle: str, user: User | None = None) -> bool:
    """Whether a person's handle is, or looks like, a live cameo's other than their own (registered with accounts:
    sign-up and an operator's edit of a handle ask it)."""
    alike = Cameo.objects.exclude(status__in=HANDLE_FREEING_STATUSES)
    if user is not None and user.pk is not None:
        alike = alike.exclude(owner=user)
    return bool(handles_alike_in(alike, handle))


def withdrawn_appearances() -> QuerySet[Appearance]:
    """Appearances whose video must no longer be shown: consent for its creator is gone (revoked), or the cameo's
    owner or a moderator removed it. Feeds and media read this; cameos never writes their rows."""
    return Appearance.objects.filter(Q(revoked_at__isnull=False) | Q(removed_at__isnull=False))
