"""Round 2 of attacks on retention (issue item 4): media hidden by a revocation, shared files, appeals, biometrics.

Each test is one attack, written as the rule that must hold; one that got through is marked
``xfail(strict=True)`` with what got through.
"""

import datetime
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from cameos.models import Appearance, Cameo
from cameos.policy import Purpose, check_use
from cameos.services import biometrics_purge_for_inactive_accounts
from cameos.services.consent import cameo_reinstate_by_moderator
from cameos.services.state import CameoError
from cameos.services.verification import cameo_review_decide
from feed.selectors import job_media_visible_to
from feed.services.posts import post_restore, post_take_down
from feed.services.retention import hidden_media_purge
from generation.models import GenerationJob
from sora_social.accounts.models import User

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)

BIOMETRICS = {
    "encodings_encrypted": b"encodings",
    "reference_image_encrypted": b"crop",
    "voice_profile_encrypted": b"voice",
}


@pytest.fixture(autouse=True)
def _grace(settings):
    settings.HIDDEN_MEDIA_RETENTION_DAYS = 30


def naming_the_same_files_as(job: GenerationJob, other: GenerationJob) -> GenerationJob:
    """`other` names `job`'s video and poster (as the demo corpus's jobs all name one placeholder)."""
    default_storage.delete(other.video.name)
    default_storage.delete(other.poster.name)
    GenerationJob.objects.filter(pk=other.pk).update(video=job.video.name, poster=job.poster.name)
    return GenerationJob.objects.get(pk=other.pk)


# ==== 1. a file two jobs name, one of them hidden by a revocation ================================================


@pytest.mark.xfail(
    strict=True,
    reason=(
        "GOT THROUGH: the purge of a revoked video whose file another job also names only lets go of the name "
        "(generation_discard_output keeps names in use) and marks the job purged; the file is not deleted, and "
        "since no withdrawn job names it any more job_media_visible_to serves it again through the other job"
    ),
)
def test_purging_a_revoked_video_never_makes_its_file_play_again_through_another_job_naming_it(
    make_user, make_cameo, make_draft, publish, django_capture_on_commit_callbacks
):
    # Given: Bob's video of Alice, and another post (Carol's) that names the same stored files
    alice, bob, carol, vic = make_user("alice"), make_user("bob"), make_user("carol"), make_user("vic")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone")
    revoked = make_draft(bob, prompt="@alice_cam waves", cameos=[cameo])
    names = [revoked.video.name, revoked.poster.name]
    sibling_post = publish(carol)
    naming_the_same_files_as(revoked, sibling_post.job)

    # When: Alice's consent for Bob is withdrawn; the file with her likeness is hidden from everyone
    revoked_at = timezone.now() - 31 * DAY
    Appearance.objects.filter(job=revoked).update(revoked_at=revoked_at)
    for viewer in (bob, carol, vic):
        assert job_media_visible_to(names[0], viewer.pk) is False

    # And: the purge runs after the grace period
    with django_capture_on_commit_callbacks(execute=True):
        hidden_media_purge(now=revoked_at + 31 * DAY)

    # Then: the bytes that show Alice's withdrawn likeness are deleted or, at the least, never served again
    gone = not any(default_storage.exists(name) for name in names)
    served_to = [u.handle for u in (bob, carol, vic) if job_media_visible_to(names[0], u.pk)]
    assert gone or not served_to, f"the revoked video's file is kept and plays again for {served_to}"


def test_purging_a_taken_down_video_that_names_its_own_file_deletes_it_and_serves_nothing(
    make_user, publish, django_capture_on_commit_callbacks
):
    # Control: with no second job naming the file, the purge deletes it and nobody is served.
    author, moderator, vic = make_user("author"), make_user("mod", is_staff=True), make_user("vic")
    post = publish(author)
    names = [post.job.video.name, post.job.poster.name]
    post_take_down(post=post, moderator=moderator, reason="spam")

    with django_capture_on_commit_callbacks(execute=True):
        assert hidden_media_purge(now=post.taken_down_at + 31 * DAY) == 1

    assert not any(default_storage.exists(name) for name in names)
    assert job_media_visible_to(names[0], vic.pk) is False


# ==== 2. appeals: a restore, a second takedown, then a revocation ===============================================


def test_a_post_restored_on_appeal_then_hidden_by_a_revocation_gets_its_own_full_grace_period(
    make_user, make_cameo, publish, django_capture_on_commit_callbacks, clock
):
    # Given: Bob's post of Alice is taken down on day 0 and restored on appeal on day 20
    start = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)
    clock(start)
    alice, bob, moderator = make_user("alice"), make_user("bob"), make_user("mod", is_staff=True)
    cameo = make_cameo(alice, handle="alice_cam", level="everyone")
    post = publish(bob, prompt="@alice_cam waves", cameos=[cameo])
    paths = [Path(post.job.video.path), Path(post.job.poster.path)]
    post_take_down(post=post, moderator=moderator, reason="spam")
    clock(start + 20 * DAY)
    post_restore(post=post, moderator=moderator, reason="appeal granted")

    # When: on day 25 Alice's consent for Bob is withdrawn (hidden since then), and the purge runs on days 31 and 55
    Appearance.objects.filter(job=post.job).update(revoked_at=start + 25 * DAY)
    with django_capture_on_commit_callbacks(execute=True):
        on_day_31 = hidden_media_purge(now=start + 31 * DAY)
    kept_on_day_31 = all(path.exists() for path in paths)
    with django_capture_on_commit_callbacks(execute=True):
        on_day_55 = hidden_media_purge(now=start + 55 * DAY)

    # Then: the old takedown's clock does not count (the files stay 30 days after the revocation), then they go,
    # audited as a revocation
    assert on_day_31 == 0 and kept_on_day_31
    assert on_day_55 == 1 and not any(path.exists() for path in paths)
    job = GenerationJob.objects.get(pk=post.job_id)
    assert job.state_reason == "purged:revocation"


# ==== 3. biometrics: deactivated, reactivated on day 29 ==========================================================


def test_an_account_reactivated_on_day_29_does_not_get_back_the_biometrics_or_a_usable_cameo(
    make_user, make_cameo, django_capture_on_commit_callbacks, clock
):
    # Given: Alice's verified cameo; her account is deactivated on day 0 and the daily purge runs on day 1
    start = datetime.datetime(2026, 12, 1, 12, 0, tzinfo=datetime.UTC)
    clock(start)
    alice, friend = make_user("alice"), make_user("friend")
    cameo = make_cameo(alice, handle="alice_cam", level="everyone", **BIOMETRICS)
    User.objects.filter(pk=alice.pk).update(is_active=False)
    clock(start + DAY)
    with django_capture_on_commit_callbacks(execute=True):
        assert biometrics_purge_for_inactive_accounts() == 1

    # When: she is reactivated on day 29, and the purge runs again on day 30
    clock(start + 29 * DAY)
    User.objects.filter(pk=alice.pk).update(is_active=True)
    clock(start + 30 * DAY)
    with django_capture_on_commit_callbacks(execute=True):
        biometrics_purge_for_inactive_accounts()

    # Then: the erased face is not back, and the cameo is nobody's to use until she verifies again
    cameo.refresh_from_db()
    assert not cameo.has_biometrics
    assert cameo.status == Cameo.Status.REJECTED and "biometrics_erased" in cameo.rejection_reasons
    assert not check_use(cameo, friend, Purpose.GENERATE)
    assert not check_use(cameo, User.objects.get(pk=alice.pk), Purpose.GENERATE)
    # And: no moderator route brings the erased cameo back (the review queue, a reinstatement)
    moderator = make_user("mod", is_staff=True)
    with pytest.raises(CameoError) as reviewed:
        cameo_review_decide(cameo=cameo, moderator=moderator, decision="verified", reason="looks fine")
    assert reviewed.value.code == "not_pending_review"
    with pytest.raises(CameoError) as reinstated:
        cameo_reinstate_by_moderator(cameo=cameo, moderator=moderator, reason="appeal")
    assert reinstated.value.code == "biometrics_erased"
    cameo.refresh_from_db()
    assert cameo.status == Cameo.Status.REJECTED and not cameo.has_biometrics
