"""Biometric data goes with its cameo at once, and with a deactivated account by the next daily run."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from cameos.models import Cameo, VerificationAttempt
from cameos.services import biometrics_purge_for_inactive_accounts, cameo_delete
from cameos.tasks import biometrics_purge_for_inactive_accounts_task

pytestmark = pytest.mark.django_db

BIOMETRICS = {
    "encodings_encrypted": b"encodings",
    "reference_image_encrypted": b"crop",
    "voice_profile_encrypted": b"voice",
}


def with_clip(cameo: Cameo) -> Path:
    attempt = VerificationAttempt.objects.create(cameo=cameo, status=VerificationAttempt.Status.VERIFIED)
    attempt.upload.save("clip.mp4", ContentFile(b"raw clip"), save=True)
    path = Path(attempt.upload.path)
    assert path.exists()
    return path


def test_deleting_a_cameo_erases_its_biometrics_at_once(make_user, make_cameo, django_capture_on_commit_callbacks):
    owner = make_user("owner")
    cameo = make_cameo(owner, handle="me_cameo", **BIOMETRICS)
    clip = with_clip(cameo)

    with django_capture_on_commit_callbacks(execute=True):
        cameo_delete(cameo=cameo, actor=owner)

    cameo.refresh_from_db()
    assert cameo.status == Cameo.Status.DELETED and not cameo.has_biometrics
    assert not clip.exists()


def test_a_deactivated_accounts_cameo_biometrics_are_erased_by_the_task(
    make_user, make_cameo, django_capture_on_commit_callbacks
):
    gone, active = make_user("gone"), make_user("active")
    gone_cameo = make_cameo(gone, handle="gone_cameo", **BIOMETRICS)
    active_cameo = make_cameo(active, handle="active_cameo", **BIOMETRICS)
    gone_clip, active_clip = with_clip(gone_cameo), with_clip(active_cameo)
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    with django_capture_on_commit_callbacks(execute=True):
        assert biometrics_purge_for_inactive_accounts_task() == 1

    gone_cameo.refresh_from_db()
    active_cameo.refresh_from_db()
    assert not gone_cameo.has_biometrics and not gone_clip.exists()
    assert active_cameo.has_biometrics and active_clip.exists()
    # Idempotent: nothing left to erase.
    with django_capture_on_commit_callbacks(execute=True):
        assert biometrics_purge_for_inactive_accounts() == 0


def test_deleting_the_account_deletes_its_cameos(make_user, make_cameo):
    owner = make_user("owner")
    cameo = make_cameo(owner, handle="me_cameo", **BIOMETRICS)
    owner.delete()
    assert not Cameo.objects.filter(pk=cameo.pk).exists()


def test_the_biometrics_purge_is_scheduled_daily(settings):
    tasks = {e["task"]: e["schedule"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks["cameos.tasks.biometrics_purge_for_inactive_accounts_task"] == 86400.0
