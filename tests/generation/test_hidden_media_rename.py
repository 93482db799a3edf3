"""A video hidden from everyone leaves no presigned URL that still plays it (generation.services.generation_media_rename).

With object storage an allowed viewer gets a 302 to the store's presigned URL, and the store asks nobody before it
serves it. So hiding a video from everyone (a takedown, a withdrawal of consent, its author deleting the post) moves
its files to new names, on the `media` queue once the hiding commits. What the old URLs name is gone; whoever may
still see the video gets URLs for the new names. tests/generation/test_export_attacks.py plays the whole path through
the API; these are the rules of the move itself.
"""


import logging

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone
from kombu.exceptions import OperationalError as KombuOperationalError

from feed.services.posts import post_restore, post_take_down
from feed.services.retention import hidden_media_purge
from generation import services, tasks
from generation.models import GenerationJob
from sora_social.celery import Queue

pytestmark = pytest.mark.django_db


def names_of(job: GenerationJob) -> tuple[str, str]:
    job.refresh_from_db(fields=["video", "poster"])
    return job.video.name, job.poster.name


def take_down(post, make_user, capture) -> None:
    with capture(execute=True):
        post_take_down(post=post, moderator=make_user("mod", is_staff=True), reason="spam")


def test_a_taken_down_videos_files_move_to_new_names_and_the_old_ones_are_gone(
    s3_storage, make_user, publish, django_capture_on_commit_callbacks
):
    post = publish(make_user("author"))
    before = names_of(post.job)
    contents = [s3_storage.read(name) for name in before]

    take_down(post, make_user, django_capture_on_commit_callbacks)

    after = names_of(post.job)
    assert all(new != old for new, old in zip(after, before, strict=True))
    # Same folder, same job reference: the stored names still say whose files they are.
    assert all(new.rsplit("/", 1)[0] == old.rsplit("/", 1)[0] for new, old in zip(after, before, strict=True))
    assert all(new.rsplit("/", 1)[1].startswith(post.job.public_ref) for new in after)
    assert sorted(s3_storage.keys()) == sorted(after)
    assert [s3_storage.read(name) for name in after] == contents


def test_moving_twice_keeps_one_copy_and_a_short_name(s3_storage, make_user, publish, django_capture_on_commit_callbacks):
    post = publish(make_user("author"))
    with django_capture_on_commit_callbacks(execute=True):
        services.generation_media_rename(job_ids=[post.job_id])
    first = names_of(post.job)
    with django_capture_on_commit_callbacks(execute=True):
        services.generation_media_rename(job_ids=[post.job_id])
    second = names_of(post.job)

    assert first != second
    assert sorted(s3_storage.keys()) == sorted(second)
    assert len(second[0]) == len(first[0])  # the random part is replaced, not added to


def test_a_restored_takedown_plays_again_from_the_new_names(
    s3_storage, make_user, client_for, publish, django_capture_on_commit_callbacks
):
    author, viewer = make_user("author"), make_user("viewer")
    post = publish(author)
    take_down(post, make_user, django_capture_on_commit_callbacks)
    post_restore(post=post, moderator=make_user("mod2", is_staff=True), reason="appeal upheld")

    item = client_for(viewer).get(f"/api/v1/posts/{post.pk}/").json()["post"]
    served = client_for(viewer).get(item["video_url"])
    assert served.status_code == 302
    assert names_of(post.job)[0] in served["Location"]


def test_local_files_are_left_where_they_are(settings, make_user, publish, django_capture_on_commit_callbacks, monkeypatch):
    # Every request for a local file passes the media view's check: there is no URL to outrun, and nothing is queued.
    sent = []
    monkeypatch.setattr(tasks.generation_media_rename_task, "apply_async", lambda *a, **k: sent.append(k))
    post = publish(make_user("author"))
    before = names_of(post.job)

    take_down(post, make_user, django_capture_on_commit_callbacks)

    assert names_of(post.job) == before and default_storage.exists(before[0])
    assert sent == []


def test_the_move_is_queued_on_the_media_queue_only_after_the_hiding_commits(
    s3_storage, make_user, publish, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(tasks.generation_media_rename_task, "apply_async", lambda *a, **k: sent.append((a, k)))
    post = publish(make_user("author"))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_take_down(post=post, moderator=make_user("mod", is_staff=True), reason="spam")
    assert sent == []  # nothing before the commit: a rolled-back takedown moves nothing

    for callback in callbacks:
        callback()
    assert sent == [((), {"args": [[post.job_id]], "queue": Queue.MEDIA})]


def test_a_broker_that_refuses_the_move_does_not_undo_the_takedown(
    s3_storage, make_user, publish, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def refuse(*args, **kwargs):
        raise KombuOperationalError("broker down")

    monkeypatch.setattr(tasks.generation_media_rename_task, "apply_async", refuse)
    post = publish(make_user("author"))
    before = names_of(post.job)

    with caplog.at_level(logging.WARNING, logger="generation.services"):
        take_down(post, make_user, django_capture_on_commit_callbacks)

    post.refresh_from_db()
    assert post.taken_down_at is not None
    assert names_of(post.job) == before
    assert "keep their names" in caplog.text


def test_a_store_that_refuses_a_copy_leaves_the_job_as_it_was_and_no_copy_behind(
    s3_storage, make_user, publish, django_capture_on_commit_callbacks, monkeypatch
):
    post = publish(make_user("author"))
    before = names_of(post.job)
    store_class = type(GenerationJob._meta.get_field("video").storage._wrapped)
    assert store_class.__name__ == "S3Storage"
    real_save = store_class.save

    def save_video_then_fail(self, name, content, max_length=None):
        if name.startswith("posters/"):
            raise OSError("store refused")
        return real_save(self, name, content, max_length=max_length)

    monkeypatch.setattr(store_class, "save", save_video_then_fail)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.generation_media_rename(job_ids=[post.job_id]) == 0

    assert names_of(post.job) == before
    assert sorted(s3_storage.keys()) == sorted(before)


def test_a_purged_job_is_not_moved(s3_storage, make_user, publish, django_capture_on_commit_callbacks):
    post = publish(make_user("author"))
    before = names_of(post.job)
    GenerationJob.objects.filter(pk=post.job_id).update(media_purged_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        assert services.generation_media_rename(job_ids=[post.job_id]) == 0

    assert names_of(post.job) == before


def test_a_file_another_job_names_is_kept_for_it(s3_storage, make_user, publish, django_capture_on_commit_callbacks):
    # The demo corpus points many jobs at one placeholder: moving one job's files must not take the others'.
    post, other = publish(make_user("author")), publish(make_user("other"))
    shared = names_of(post.job)
    for name in names_of(other.job):
        default_storage.delete(name)
    GenerationJob.objects.filter(pk=other.job_id).update(video=shared[0], poster=shared[1])

    take_down(post, make_user, django_capture_on_commit_callbacks)

    assert names_of(other.job) == shared
    assert all(default_storage.exists(name) for name in shared)
    assert all(default_storage.exists(name) for name in names_of(post.job))


def test_the_retention_purge_deletes_the_moved_files(
    s3_storage, settings, make_user, publish, django_capture_on_commit_callbacks
):
    settings.HIDDEN_MEDIA_RETENTION_DAYS = 30
    post = publish(make_user("author"))
    take_down(post, make_user, django_capture_on_commit_callbacks)
    assert s3_storage.keys()

    with django_capture_on_commit_callbacks(execute=True):
        purged = hidden_media_purge(now=timezone.now() + timezone.timedelta(days=31))

    assert purged == 1
    assert s3_storage.keys() == []
