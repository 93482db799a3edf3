"""The cameo's declared state machine and the bump of its consent version, shared by every cameo action."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone

from cameos.models import Cameo
from sora_social.errors import ServiceError


class CameoError(ServiceError):
    """A refused cameo action."""


# A cameo's rejection reason once its account was deactivated and its biometrics erased (cameos.services.retention).
BIOMETRICS_ERASED = "biometrics_erased"


def cameo_transition(cameo: Cameo, to: str) -> None:
    if to not in Cameo.TRANSITIONS[Cameo.Status(cameo.status)]:
        raise CameoError("invalid_transition", f"A cameo cannot go from {cameo.status} to {to}.", 409)
    cameo.status = to


def consent_version_bump(cameo: Cameo) -> None:
    """Every change of consent updates the cameo's row: work holding `policy.consent_hold` waits for it."""
    Cameo.objects.filter(pk=cameo.pk).update(consent_version=F("consent_version") + 1, updated_at=timezone.now())
    cameo.refresh_from_db(fields=["consent_version"])
