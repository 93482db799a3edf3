"""Retention of biometric data (encodings, reference crop, voice profile, verification clips).

A cameo's biometrics go at once when the cameo is deleted (consent.cameo_delete). An account that is deactivated
(User.is_active=False) loses them by the next daily run of biometrics_purge_for_inactive_accounts (beat), so
within a day, well inside the 30 days promised; deleting the user row cascades to its cameos at once.
The cameo row and its status stay (videos, appearances and the consent audit refer to it); a reactivated
account would have to verify again.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models import Q

from cameos.models import Cameo, VerificationAttempt
from cameos.registry import record_likeness_changes
from cameos.services.verification import discard_upload

logger = logging.getLogger("cameos.retention")


def biometrics_purge_for_inactive_accounts() -> int:
    """Erase the biometric data of every cameo whose owner's account is inactive. Idempotent; returns how many
    cameos were erased."""
    with_biometrics = (
        Q(encodings_encrypted__isnull=False)
        | Q(reference_image_encrypted__isnull=False)
        | Q(voice_profile_encrypted__isnull=False)
    )
    cameo_ids = list(Cameo.objects.filter(owner__is_active=False).filter(with_biometrics).values_list("pk", flat=True))
    attempts = VerificationAttempt.objects.filter(cameo__owner__is_active=False).exclude(upload="")
    with transaction.atomic():
        Cameo.objects.filter(pk__in=cameo_ids).update(
            encodings_encrypted=None, reference_image_encrypted=None, voice_profile_encrypted=None
        )
        # A bulk update sends no signals: the likeness registry is told here.
        record_likeness_changes(cameo_ids=cameo_ids)
        for attempt in attempts:
            discard_upload(attempt)
    for cameo_id in cameo_ids:
        logger.info("biometrics erased cameo=%s reason=account_inactive", cameo_id, extra={"cameo_id": cameo_id})
    return len(cameo_ids)
