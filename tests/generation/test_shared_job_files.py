# ruff: noqa: F811 - pytest fixtures imported from tests.feed.conftest are parameters of the tests
"""A stored file two jobs name (the demo corpus's placeholder) is deleted only with the last job that names it.

django-cleanup deletes a deleted row's files by name and assumes no two rows share one; the retention purge deletes
a hidden video's files. Both keep a file another job still holds.
"""

import pytest
from django.core.files.storage import default_storage

from generation.models import GenerationJob
from generation.selectors import job_file_names_in_use
from generation.services import generation_discard_output
from tests.feed.conftest import make_draft  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=False)


def sharing_files_with(job: GenerationJob, make_draft) -> GenerationJob:
    other = make_draft(job.owner)
    default_storage.delete(other.video.name)
    default_storage.delete(other.poster.name)
    GenerationJob.objects.filter(pk=other.pk).update(video=job.video.name, poster=job.poster.name)
    return GenerationJob.objects.get(pk=other.pk)


def test_a_file_is_in_use_while_another_job_names_it(make_user, make_draft):
    job = make_draft(make_user("creator"))
    names = [job.video.name, job.poster.name]

    assert job_file_names_in_use(names) == set(names)
    assert job_file_names_in_use(names, excluding_job_id=job.pk) == set()
    sharing_files_with(job, make_draft)
    assert job_file_names_in_use(names, excluding_job_id=job.pk) == set(names)
    assert job_file_names_in_use(["", "videos/nobody.mp4"]) == set()


def test_deleting_a_job_keeps_the_files_another_job_names_and_the_last_one_takes_them(
    make_user, make_draft, django_capture_on_commit_callbacks
):
    job = make_draft(make_user("creator"))
    other = sharing_files_with(job, make_draft)
    names = [job.video.name, job.poster.name]

    with django_capture_on_commit_callbacks(execute=True):
        job.delete()
    assert all(default_storage.exists(name) for name in names)

    with django_capture_on_commit_callbacks(execute=True):
        GenerationJob.objects.get(pk=other.pk).delete()
    assert not any(default_storage.exists(name) for name in names)


def test_a_jobs_own_files_are_still_deleted_with_it(make_user, make_draft, django_capture_on_commit_callbacks):
    job = make_draft(make_user("creator"))
    names = [job.video.name, job.poster.name]

    with django_capture_on_commit_callbacks(execute=True):
        job.delete()

    assert not any(default_storage.exists(name) for name in names)


def test_discarding_a_jobs_output_lets_go_of_a_shared_file_without_deleting_it(make_user, make_draft):
    job = make_draft(make_user("creator"))
    other = sharing_files_with(job, make_draft)
    names = [job.video.name, job.poster.name]

    assert generation_discard_output(job=job, reason="removed_by_cameo_owner")

    job.refresh_from_db()
    assert job.video.name == "" and job.poster.name == ""
    assert all(default_storage.exists(name) for name in names)
    other.refresh_from_db()
    assert generation_discard_output(job=other, reason="removed_by_cameo_owner")
    assert not any(default_storage.exists(name) for name in names)
