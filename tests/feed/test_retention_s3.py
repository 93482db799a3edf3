"""With S3 storage, deleting a video deletes its objects from the bucket: the retention purges (takedown and
revocation), a cameo owner's removal, and a replaced avatar. Each test lists the bucket to prove it."""

import datetime

import pytest
from django.utils import timezone

from cameos.models import Appearance
from feed.services.posts import post_take_down
from feed.services.retention import hidden_media_purge
from generation.models import GenerationJob

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _grace(settings):
    settings.HIDDEN_MEDIA_RETENTION_DAYS = 30


def objects_of(job: GenerationJob) -> list[str]:
    return sorted([job.video.name, job.poster.name])


def test_a_taken_down_post_keeps_its_objects_for_the_grace_period_then_the_purge_deletes_them(
    s3_storage, make_user, publish, django_capture_on_commit_callbacks
):
    post = publish(make_user("author"))
    kept = publish(make_user("bystander"))  # a visible post shares the bucket and must survive
    hidden = objects_of(post.job)
    assert s3_storage.keys() == sorted(hidden + objects_of(kept.job))
    post_take_down(post=post, moderator=make_user("mod", is_staff=True), reason="spam")

    with django_capture_on_commit_callbacks(execute=True):
        assert hidden_media_purge(now=post.taken_down_at + 29 * DAY) == 0
    assert set(hidden) <= set(s3_storage.keys())

    with django_capture_on_commit_callbacks(execute=True):
        assert hidden_media_purge(now=post.taken_down_at + 31 * DAY) == 1

    assert s3_storage.keys() == objects_of(kept.job)
    job = GenerationJob.objects.get(pk=post.job_id)
    assert not job.video and not job.poster and job.state_reason == "purged:takedown"


def test_a_revoked_appearance_purges_its_objects_after_the_period(
    s3_storage, make_user, make_cameo, make_draft, django_capture_on_commit_callbacks
):
    cameo = make_cameo(make_user("owner"), handle="star_one")
    job = make_draft(make_user("creator"), cameos=[cameo])
    assert s3_storage.keys() == objects_of(job)
    revoked_at = timezone.now() - 10 * DAY
    Appearance.objects.filter(job=job).update(revoked_at=revoked_at)

    with django_capture_on_commit_callbacks(execute=True):
        assert hidden_media_purge(now=revoked_at + 30 * DAY) == 1

    assert s3_storage.keys() == []
    assert GenerationJob.objects.get(pk=job.pk).state_reason == "purged:revocation"


def test_a_cameo_owner_removing_a_video_deletes_its_objects_at_once(
    s3_storage, make_user, make_cameo, make_draft, client_for, django_capture_on_commit_callbacks
):
    owner, creator = make_user("owner"), make_user("creator")
    cameo = make_cameo(owner, handle="star_one")
    job = make_draft(creator, cameos=[cameo])
    other = make_draft(creator)
    assert s3_storage.keys() == sorted(objects_of(job) + objects_of(other))

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).delete(f"/api/v1/cameos/{cameo.pk}/appearances/{job.pk}/")

    assert response.status_code == 204
    assert s3_storage.keys() == objects_of(other)


def test_a_replaced_avatar_leaves_only_the_new_one_in_the_bucket(
    s3_storage, make_user, client_for, django_capture_on_commit_callbacks
):
    import io

    from PIL import Image

    from sora_social.accounts.models import Profile

    def png(color) -> io.BytesIO:
        buffer = io.BytesIO()
        Image.new("RGB", (32, 32), color).save(buffer, format="PNG")
        buffer.seek(0)
        buffer.name = "me.png"
        return buffer

    alice = make_user("alice")
    client = client_for(alice)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.put("/api/v1/me/avatar/", {"avatar": png((200, 0, 0))}, format="multipart").status_code == 200
    first = Profile.objects.get(user=alice).avatar.name
    with django_capture_on_commit_callbacks(execute=True):
        assert client.put("/api/v1/me/avatar/", {"avatar": png((0, 0, 200))}, format="multipart").status_code == 200

    second = Profile.objects.get(user=alice).avatar.name
    assert second != first and s3_storage.keys() == [second]


def test_deleting_an_account_deletes_its_videos_avatar_and_verification_clips_from_the_bucket(
    s3_storage, make_user, make_cameo, make_draft, client_for, django_capture_on_commit_callbacks
):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from cameos.models import VerificationAttempt

    alice, bystander = make_user("alice"), make_user("bystander")
    kept = make_draft(bystander)
    own = make_draft(alice)
    avatar = io.BytesIO()
    Image.new("RGB", (32, 32), (0, 120, 0)).save(avatar, format="PNG")
    avatar.seek(0)
    avatar.name = "me.png"
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(alice).put("/api/v1/me/avatar/", {"avatar": avatar}, format="multipart").status_code == 200
    attempt = VerificationAttempt.objects.create(
        cameo=make_cameo(alice, handle="alice_cam"), status=VerificationAttempt.Status.VERIFIED
    )
    attempt.upload.save("clip.mp4", ContentFile(b"raw face video"), save=True)
    assert len(s3_storage.keys()) == 6  # two videos and two posters, the avatar, the clip

    with django_capture_on_commit_callbacks(execute=True):
        alice.delete()

    assert s3_storage.keys() == objects_of(kept)
    assert not GenerationJob.objects.filter(pk=own.pk).exists()
