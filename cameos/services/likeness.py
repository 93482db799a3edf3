"""Faces the likeness registry finds: protected persons added by moderators, and the cameos they turn out to be."""

from __future__ import annotations

import logging

import numpy as np
from django.db import transaction

from cameos import biometrics
from cameos.models import Cameo, ProtectedPerson
from cameos.policy import Purpose, check_use
from cameos.registry import likeness_registry
from cameos.services.appearances import appearances_reconcile
from cameos.services.state import CameoError, cameo_transition
from cameos.verification import REVIEW_MAX, identity_probes, identity_references
from sora_social.accounts.models import User
from sora_social.notifications.models import Notification
from sora_social.notifications.services import notification_create

logger = logging.getLogger(__name__)


@transaction.atomic
def own_cameo_refusal(*, cameo: Cameo, moderator: User) -> str:
    """Why a cameo may not be named a protected person's own, or "". Their own cameo lets its owner cast a face and a
    name nobody else may: a moderator could name their own cameo a celebrity's and cast the celebrity at will, so
    another moderator must; and it must be a verified cameo of a real person, whose face verification checked."""
    if cameo.owner_id == moderator.pk:
        return "Another moderator must name your own cameo a protected person's."
    if cameo.kind != Cameo.Kind.SELF or cameo.status != Cameo.Status.VERIFIED:
        return "A protected person's own cameo must be a verified cameo of a person."
    return ""


def _saved_own_cameo_id(person: ProtectedPerson) -> int | None:
    if person.pk is None:
        return None
    return ProtectedPerson.objects.filter(pk=person.pk).values_list("own_cameo_id", flat=True).first()


def protected_person_save(
    *, person: ProtectedPerson, moderator: User, encodings: list[np.ndarray] | None = None
) -> list[Cameo]:
    """Save a protected person (with new face encodings when given); verified cameos with that face go to review.

    A verified self cameo within REVIEW_MAX of the person (the distance at which a new verification would have
    waited for a moderator) is paused: nobody may use it until a moderator decides, and the queue shows which
    person it came close to and how close. The person's own cameo (own_cameo) is left alone. Returns the cameos
    sent to review.
    """
    if person.own_cameo_id and person.own_cameo_id != _saved_own_cameo_id(person):
        refusal = own_cameo_refusal(cameo=person.own_cameo, moderator=moderator)
        if refusal:
            raise CameoError("own_cameo_refused", refusal, 403)
    if encodings:
        person.encodings_encrypted = biometrics.encrypt_encodings(encodings)
    person.save()
    if not encodings:
        return []
    # Probe with every reference of the person (each photo's encoding and their mean), as verification would.
    probes = np.vstack([identity_probes(encodings), identity_references(encodings)])
    close = likeness_registry().within(probes, radius=REVIEW_MAX)
    cameo_distances = {int(ref_id): distance for (kind, ref_id), distance in close.items() if kind == "cameo"}
    cameos = Cameo.objects.select_for_update().filter(
        pk__in=cameo_distances, kind=Cameo.Kind.SELF, status=Cameo.Status.VERIFIED
    )
    if person.own_cameo_id:
        cameos = cameos.exclude(pk=person.own_cameo_id)
    paused = []
    for cameo in cameos:
        cameo_transition(cameo, Cameo.Status.PENDING_REVIEW)
        cameo.review_matches = [
            {
                "kind": "protected",
                "ref_id": str(person.pk),
                "distance": round(cameo_distances[cameo.pk], 3),
                "cause": "protected_person_added",
            }
        ]
        cameo.consent_version += 1
        cameo.save(update_fields=["status", "review_matches", "consent_version", "updated_at"])
        check_use(cameo, moderator, Purpose.ADMIN, subject=f"review:protected:{person.pk}")
        # Uses that rest on the cameo being verified stop now, as they would for a revocation.
        appearances_reconcile(cameo=cameo)
        notification_create(
            recipient=cameo.owner,
            kind=Notification.Kind.CAMEO_VERIFICATION,
            data={"cameo": cameo.pk, "status": cameo.status, "reasons": ["review_requested"]},
        )
        logger.info("cameo %s sent to review: close to protected person %s", cameo.pk, person.pk)
        paused.append(cameo)
    return paused
