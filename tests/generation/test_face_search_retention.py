"""A find-my-face upload never outlives its analysis: not when the store refuses its delete, and not when the
search never finishes (its task expired, its worker died). The hourly sweep (beat) is what catches both."""

import datetime
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from generation import face_search
from generation.models import FaceSearch
from generation.tasks import face_search_uploads_sweep_task
from tests.storage_faults import storage_refusing_deletes

pytestmark = pytest.mark.django_db


def asked(make_user, make_cameo, handle: str, *, status: str = FaceSearch.Status.QUEUED) -> tuple[FaceSearch, Path]:
    owner = make_user(handle)
    cameo = make_cameo(owner, handle=f"{handle}_cam")
    search = FaceSearch.objects.create(owner=owner, cameo=cameo, status=status)
    search.upload.save("found.mp4", ContentFile(b"a stranger's video with the owner in it"), save=True)
    path = Path(search.upload.path)
    assert path.exists()
    return search, path


def test_an_upload_whose_delete_the_store_refused_is_deleted_by_the_next_sweep(
    make_user, make_cameo, django_capture_on_commit_callbacks
):
    search, upload = asked(make_user, make_cameo, "alice")

    # Both deletes refused: the search's own, and django-cleanup's of the name the save let go of.
    with storage_refusing_deletes("face_searches/", times=2), django_capture_on_commit_callbacks(execute=True):
        face_search.face_search_fail(search_id=search.pk, reason="analysis_error")

    # The delete was refused: the search names its upload again, so it is not lost track of.
    assert upload.exists()
    assert FaceSearch.objects.get(pk=search.pk).upload.name == search.upload.name

    with django_capture_on_commit_callbacks(execute=True):
        assert face_search_uploads_sweep_task.run() == 1

    assert not upload.exists()
    assert FaceSearch.objects.get(pk=search.pk).upload.name == ""


def test_a_search_that_never_finished_fails_and_loses_its_upload_to_the_sweep(
    make_user, make_cameo, django_capture_on_commit_callbacks
):
    stuck, stuck_upload = asked(make_user, make_cameo, "alice", status=FaceSearch.Status.ANALYSING)
    fresh, fresh_upload = asked(make_user, make_cameo, "bob")
    long_ago = timezone.now() - face_search.FACE_SEARCH_GIVEN_UP_AFTER - datetime.timedelta(minutes=1)
    FaceSearch.objects.filter(pk=stuck.pk).update(created_at=long_ago)

    with django_capture_on_commit_callbacks(execute=True):
        assert face_search_uploads_sweep_task.run() == 1

    stuck.refresh_from_db()
    assert (stuck.status, stuck.reason) == (FaceSearch.Status.FAILED, "timed_out")
    assert not stuck_upload.exists()
    # A search still within its time keeps its upload for the worker.
    fresh.refresh_from_db()
    assert fresh.status == FaceSearch.Status.QUEUED and fresh_upload.exists()
