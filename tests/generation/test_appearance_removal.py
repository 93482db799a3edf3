"""The cameo's owner removes a video that uses them: cameos withdraws the appearance, generation destroys the files."""

import secrets
from pathlib import Path

import pytest
from django.core.files.base import ContentFile

from cameos.models import Appearance
from cameos.selectors import withdrawn_appearances
from generation import services
from generation.models import GenerationJob

pytestmark = pytest.mark.django_db


def draft_with(cameo, creator) -> GenerationJob:
    """A stored draft with the cameo in it, as the render writes it."""
    job = GenerationJob.objects.create(
        owner=creator, prompt=f"@{cameo.handle} waves", duration_s=1, resolution="360p", aspect_ratio="16:9",
        style="realistic", seed=1, state=GenerationJob.State.SUCCEEDED, public_ref=secrets.token_hex(12),
    )
    job.cameos.set([cameo])
    job.video.save(f"{job.public_ref}.mp4", ContentFile(b"video"), save=False)
    job.poster.save(f"{job.public_ref}.jpg", ContentFile(b"poster"), save=False)
    job.save(update_fields=["video", "poster"])
    Appearance.objects.create(cameo=cameo, job=job, creator=creator, consent_version=cameo.consent_version)
    return job


def test_the_owner_removes_someone_elses_draft_for_everyone(
    make_user, make_cameo, client_for, django_capture_on_commit_callbacks
):
    owner, creator = make_user("owner"), make_user("creator")
    cameo = make_cameo(owner, handle="star_one", level="everyone")
    job = draft_with(cameo, creator)
    files = [Path(job.video.path), Path(job.poster.path)]

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).delete(f"/api/v1/cameos/{cameo.pk}/appearances/{job.pk}/")

    assert response.status_code == 204
    job.refresh_from_db()
    assert not job.video and not job.poster and job.state_reason == "removed_by_cameo_owner"
    assert not any(path.exists() for path in files)
    appearance = Appearance.objects.get(cameo=cameo, job=job)
    assert appearance.removed_by == owner and withdrawn_appearances().filter(job_id=job.pk).exists()
    # Again: nothing left to do, the same answer.
    assert client_for(owner).delete(f"/api/v1/cameos/{cameo.pk}/appearances/{job.pk}/").status_code == 204


def test_a_stranger_and_a_missing_video_get_the_same_404(make_user, make_cameo, client_for):
    owner, creator = make_user("owner"), make_user("creator")
    cameo = make_cameo(owner, handle="star_one", level="everyone")
    job = draft_with(cameo, creator)

    by_creator = client_for(creator).delete(f"/api/v1/cameos/{cameo.pk}/appearances/{job.pk}/")
    missing = client_for(owner).delete(f"/api/v1/cameos/{cameo.pk}/appearances/{job.pk + 1000}/")

    assert by_creator.status_code == missing.status_code == 404
    assert by_creator.json()["code"] == missing.json()["code"] == "not_found"
    job.refresh_from_db()
    assert job.video and Appearance.objects.get(cameo=cameo, job=job).removed_at is None


def test_the_service_refuses_someone_who_does_not_own_the_cameo(make_user, make_cameo):
    owner, creator = make_user("owner"), make_user("creator")
    cameo = make_cameo(owner, handle="star_one", level="everyone")
    job = draft_with(cameo, creator)

    with pytest.raises(services.ServiceError) as refused:
        services.generation_remove_for_cameo_owner(cameo=cameo, actor=creator, job_id=job.pk)

    assert refused.value.status == 404
    job.refresh_from_db()
    assert job.video
