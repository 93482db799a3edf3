"""Retention: media hidden by a takedown or a revocation is deleted after HIDDEN_MEDIA_RETENTION_DAYS, not before."""

import datetime
import logging
from pathlib import Path

import pytest
from django.utils import timezone

from cameos.models import Appearance
from feed.services.posts import post_restore, post_take_down
from feed.services.retention import hidden_media_purge
from feed.tasks import hidden_media_purge_task
from generation.models import GenerationJob

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _grace(settings):
    settings.HIDDEN_MEDIA_RETENTION_DAYS = 30


def files_of(job: GenerationJob) -> list[Path]:
    paths = [Path(job.video.path), Path(job.poster.path)]
    assert all(path.exists() for path in paths)
    return paths


def test_a_taken_down_post_keeps_its_files_during_the_grace_period_and_loses_them_after(
    make_user, publish, django_capture_on_commit_callbacks, caplog
):
    author, moderator = make_user("author"), make_user("mod", is_staff=True)
    post = publish(author)
    paths = files_of(post.job)
    post_take_down(post=post, moderator=moderator, reason="spam")
    taken_down_at = post.taken_down_at

    with django_capture_on_commit_callbacks(execute=True):
        assert hidden_media_purge(now=taken_down_at + 29 * DAY) == 0
    assert all(path.exists() for path in paths)

    with django_capture_on_commit_callbacks(execute=True), caplog.at_level(logging.INFO, logger="feed.retention"):
        assert hidden_media_purge(now=taken_down_at + 31 * DAY) == 1
    assert not any(path.exists() for path in paths)
    job = GenerationJob.objects.get(pk=post.job_id)
    assert not job.video and not job.poster
    assert job.state_reason == "purged:takedown" and job.media_purged_at == taken_down_at + 31 * DAY
    record = next(r for r in caplog.records if r.name == "feed.retention")
    assert record.job_id == job.pk and record.reason == "purged:takedown"
    assert record.hidden_since == taken_down_at.isoformat()


def test_the_grace_period_is_a_setting(make_user, publish, settings, django_capture_on_commit_callbacks):
    settings.HIDDEN_MEDIA_RETENTION_DAYS = 3
    post = publish(make_user("author"))
    paths = files_of(post.job)
    post_take_down(post=post, moderator=make_user("mod", is_staff=True), reason="spam")

    with django_capture_on_commit_callbacks(execute=True):
        assert hidden_media_purge(now=post.taken_down_at + 2 * DAY) == 0
        assert hidden_media_purge(now=post.taken_down_at + 4 * DAY) == 1
    assert not any(path.exists() for path in paths)


def test_a_takedown_restored_within_the_period_keeps_its_files(
    make_user, publish, django_capture_on_commit_callbacks
):
    moderator = make_user("mod", is_staff=True)
    post = publish(make_user("author"))
    paths = files_of(post.job)
    post_take_down(post=post, moderator=moderator, reason="spam")
    taken_down_at = post.taken_down_at
    post_restore(post=post, moderator=moderator, reason="appeal granted")

    with django_capture_on_commit_callbacks(execute=True):
        assert hidden_media_purge(now=taken_down_at + 60 * DAY) == 0
    assert all(path.exists() for path in paths)
    assert GenerationJob.objects.get(pk=post.job_id).media_purged_at is None


def test_a_visible_post_is_never_purged(make_user, publish, django_capture_on_commit_callbacks):
    post = publish(make_user("author"))
    paths = files_of(post.job)
    with django_capture_on_commit_callbacks(execute=True):
        assert hidden_media_purge(now=timezone.now() + 365 * DAY) == 0
    assert all(path.exists() for path in paths)


def test_a_revoked_appearance_purges_its_video_after_the_period_once(
    make_user, make_cameo, make_draft, django_capture_on_commit_callbacks
):
    owner, creator = make_user("owner"), make_user("creator")
    cameo = make_cameo(owner, handle="star_one")
    job = make_draft(creator, cameos=[cameo])
    paths = files_of(job)
    revoked_at = timezone.now() - 10 * DAY
    Appearance.objects.filter(job=job).update(revoked_at=revoked_at)

    with django_capture_on_commit_callbacks(execute=True):
        # Hidden since it was revoked: 10 days ago. (A removal by the cameo's owner deletes the files at once, and
        # one whose delete failed is due at the next run: tests/cameos/test_attacks_round7.py.)
        assert hidden_media_purge(now=revoked_at + 29 * DAY) == 0
        assert all(path.exists() for path in paths)
        assert hidden_media_purge(now=revoked_at + 30 * DAY) == 1
    assert not any(path.exists() for path in paths)
    job.refresh_from_db()
    assert job.state_reason == "purged:revocation" and job.media_purged_at == revoked_at + 30 * DAY

    # Idempotent: the job is marked, a second run (or the beat task) finds nothing and keeps the first record.
    with django_capture_on_commit_callbacks(execute=True):
        assert hidden_media_purge(now=revoked_at + 40 * DAY) == 0
        assert hidden_media_purge_task() == 0
    job.refresh_from_db()
    assert job.media_purged_at == revoked_at + 30 * DAY


def test_a_job_whose_appearance_is_live_keeps_its_files(
    make_user, make_cameo, make_draft, django_capture_on_commit_callbacks
):
    cameo = make_cameo(make_user("owner"), handle="star_one")
    job = make_draft(make_user("creator"), cameos=[cameo])
    paths = files_of(job)
    with django_capture_on_commit_callbacks(execute=True):
        assert hidden_media_purge(now=timezone.now() + 365 * DAY) == 0
    assert all(path.exists() for path in paths)


def test_the_purge_is_scheduled_daily(settings):
    entry = next(e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == "feed.tasks.hidden_media_purge_task")
    assert entry["schedule"] == 86400.0


def test_a_purged_takedown_can_no_longer_be_restored(make_user, publish, django_capture_on_commit_callbacks):
    moderator = make_user("mod", is_staff=True)
    post = publish(make_user("author"))
    post_take_down(post=post, moderator=moderator, reason="spam")
    with django_capture_on_commit_callbacks(execute=True):
        assert hidden_media_purge(now=post.taken_down_at + 31 * DAY) == 1
    assert post_restore(post=post, moderator=moderator, reason="late appeal").taken_down_at is not None
