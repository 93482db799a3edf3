"""The videos a cameo appears in: re-checked through the door when consent changes, withdrawn by the owner.

A change of consent ripples upward by asking, not by writing: this module only marks the cameo's own
Appearance rows. Feeds, media and the generation layer read them (`cameos.selectors.withdrawn_appearances`).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cameos.models import Appearance, Cameo
from cameos.policy import Purpose, check_use
from cameos.services.state import CameoError
from sora_social.accounts.models import User
from sora_social.listeners import Listeners

# Consent withdrawn from videos that exist: their creators are told by generation, a layer above cameos, which
# registers here when it loads (generation.apps). Called as `listener(cameo=, job_ids=)` inside the reconcile's
# transaction, after the appearances were marked revoked.
appearances_revoked = Listeners("consent for existing videos with a cameo was withdrawn")
on_appearances_revoked = appearances_revoked.register


def appearances_reconcile(*, cameo: Cameo, creator_ids: list[int] | None = None) -> int:
    """Ask the door again (purpose DISPLAY) about every live video with this cameo; withdraw those it now denies.

    One decision per creator, audited when it denies. Returns how many appearances were revoked. Revocation is
    final for those videos: consent given again later applies to new videos, not to ones already withdrawn.
    """
    live = Appearance.objects.filter(cameo=cameo, revoked_at__isnull=True, removed_at__isnull=True)
    if creator_ids is not None:
        live = live.filter(creator_id__in=creator_ids)
    creators = sorted(set(live.values_list("creator_id", flat=True)))
    denied = [
        creator_id
        for creator_id in creators
        if not check_use(cameo.pk, creator_id, Purpose.DISPLAY, subject=f"display:creator:{creator_id}")
    ]
    if not denied:
        return 0
    revoked = list(live.filter(creator_id__in=denied).values_list("pk", "job_id"))
    count = Appearance.objects.filter(pk__in=[pk for pk, _ in revoked]).update(revoked_at=timezone.now())
    appearances_revoked.notify(cameo=cameo, job_ids=sorted({job_id for _, job_id in revoked}))
    return count


@transaction.atomic
def appearance_withdraw(*, cameo: Cameo, actor: User, job_id: int) -> Appearance | None:
    """The cameo's owner takes a video that uses them away from everyone (other people's drafts too).

    Returns the appearance it withdrew, or None when it was already removed. The generation layer destroys the
    video's files (generation.services.generation_remove_for_cameo_owner).
    """
    if cameo.owner_id != actor.pk:
        raise CameoError("not_found", "No such cameo.", 404)
    appearance = Appearance.objects.select_for_update().filter(cameo=cameo, job_id=job_id).first()
    if appearance is None:
        raise CameoError("not_found", "No such appearance.", 404)
    if appearance.removed_at is not None:
        return None
    appearance.removed_at = timezone.now()
    appearance.removed_by = actor
    appearance.save(update_fields=["removed_at", "removed_by"])
    return appearance


def cameo_consent_relationship_changed(*, user_a: User, user_b: User) -> None:
    """A follow, unfollow, block or unblock between two people: re-check their cameos' uses by each other.

    Called by accounts (its on_relationship_change hook) inside the change's transaction.
    """
    for owner, other in ((user_a, user_b), (user_b, user_a)):
        cameos = list(Cameo.objects.filter(owner=owner, status__in=[Cameo.Status.VERIFIED, Cameo.Status.REVOKED]))
        if not cameos:
            continue
        Cameo.objects.filter(pk__in=[c.pk for c in cameos]).update(
            consent_version=F("consent_version") + 1, updated_at=timezone.now()
        )
        for cameo in cameos:
            appearances_reconcile(cameo=cameo, creator_ids=[other.pk])
