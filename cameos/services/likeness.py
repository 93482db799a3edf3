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
from cameos.services.verification import identity_registration
from cameos.verification import IMPERSONATION_MAX, REVIEW_MAX, encoding_distance, identity_probes, identity_references
from sora_social.accounts.models import User
from sora_social.notifications.models import Notification
from sora_social.notifications.services import notification_create

logger = logging.getLogger(__name__)


def own_cameo_refusal(*, cameo: Cameo, moderator: User, person_encodings: list[np.ndarray] | None) -> str:
    """Why a cameo may not be named a protected person's own, or "". Their own cameo lets anyone who may cast it put
    that person's face and name in a video, where nobody else may. So it must be the person: a verified cameo of a
    person whose face is the protected person's (within IMPERSONATION_MAX, the distance at which verification takes
    a face for a known person), which needs the person's photo; and another moderator must name a moderator's own.
    Asked only who owned it, a moderator named an accomplice's cameo open to everyone Taylor Swift's own, and anyone
    could then cast it "as Taylor Swift" (tests/test_todays_changes_attacks.py)."""
    if cameo.owner_id == moderator.pk:
        return "Another moderator must name your own cameo a protected person's."
    if cameo.kind != Cameo.Kind.SELF or cameo.status != Cameo.Status.VERIFIED or not cameo.encodings_encrypted:
        return "A protected person's own cameo must be a verified cameo of a person."
    if not person_encodings:
        return "Add the person's photo first: their own cameo must show their face."
    # Every face the cameo holds must be the person's: the closest pair alone took a cameo holding an accomplice's
    # face beside the person's (tests/test_later_changes_attacks.py).
    cameo_encodings = biometrics.decrypt_encodings(cameo.encodings_encrypted)
    farthest = max(min(encoding_distance(ours, theirs) for ours in person_encodings) for theirs in cameo_encodings)
    if farthest > IMPERSONATION_MAX:
        return "This cameo's face is not the person's: it cannot be their own cameo."
    return ""


def _saved_own_cameo_id(person: ProtectedPerson) -> int | None:
    if person.pk is None:
        return None
    return ProtectedPerson.objects.filter(pk=person.pk).values_list("own_cameo_id", flat=True).first()


@transaction.atomic
def protected_person_save(
    *, person: ProtectedPerson, moderator: User, encodings: list[np.ndarray] | None = None
) -> list[Cameo]:
    """Save a protected person (with new face encodings when given); verified cameos with that face go to review.

    A verified self cameo within REVIEW_MAX of the person (the distance at which a new verification would have
    waited for a moderator) is paused: nobody may use it until a moderator decides, and the queue shows which
    person it came close to and how close. The person's own cameo (own_cameo) is left alone. Returns the cameos
    sent to review.

    Registered as verifications register a face, one at a time (`identity_registration`): a verdict of the person's
    face committing between this scan and this commit was seen by neither (tests/cameos/test_verification_flow_attacks.py).
    """
    with identity_registration():
        return _protected_person_save(person=person, moderator=moderator, encodings=encodings)


def _protected_person_save(*, person: ProtectedPerson, moderator: User, encodings: list[np.ndarray] | None) -> list[Cameo]:
    # Asked when the own cameo changes, and when the person's photo does: a new photo checked nothing, so an
    # accomplice's cameo named with the accomplice's photo stayed the person's own once their real photo was saved.
    if person.own_cameo_id and (encodings or person.own_cameo_id != _saved_own_cameo_id(person)):
        known = encodings or (biometrics.decrypt_encodings(person.encodings_encrypted) if person.encodings_encrypted else None)
        refusal = own_cameo_refusal(cameo=person.own_cameo, moderator=moderator, person_encodings=known)
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
