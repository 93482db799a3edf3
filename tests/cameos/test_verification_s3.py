"""With S3 storage a verification upload goes to the bucket, the media task reads it back from there, and the raw
clip (biometric) leaves the bucket once it is decided, or when its cameo is deleted before that."""

import io
from pathlib import Path

import pytest

from cameos.models import Cameo, VerificationAttempt
from tests.cameos.speech import require_espeak
from tests.cameos.talking import talking_clip

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _espeak():
    require_espeak()


def challenge(client) -> dict:
    response = client.post("/api/v1/cameos/challenge/")
    assert response.status_code == 201, response.content
    return response.json()


def upload(client, clip: Path, issued: dict, *, handle: str = "me_cameo"):
    data = io.BytesIO(clip.read_bytes())
    data.name = "selfie.mp4"
    return client.post(
        "/api/v1/cameos/",
        {"kind": "self", "handle": handle, "challenge_id": issued["id"], "video": data},
        format="multipart",
    )


def test_a_verification_upload_is_stored_in_the_bucket_read_back_by_the_media_task_and_then_deleted(
    s3_storage, make_user, client_for, faces_dir, tmp_path, settings, django_capture_on_commit_callbacks, monkeypatch
):
    from cameos.services import verification

    client = client_for(make_user("alice"))
    issued = challenge(client)
    clip = talking_clip(
        tmp_path / "clip.mp4", faces_dir / "obama.jpg", turn_sequence=issued["turn_sequence"], digits=issued["digits"]
    ).path
    read_from: list[tuple[str, bytes]] = []
    real_verify = verification.verify_video

    def watched_verify(source, **options):
        read_from.append((source, Path(source).read_bytes()))
        return real_verify(source, **options)

    monkeypatch.setattr(verification, "verify_video", watched_verify)

    # When alice uploads her clip (the media task waits for the commit)
    with django_capture_on_commit_callbacks() as queued:
        response = upload(client, clip, issued)
    assert response.status_code == 202, response.content

    # Then the clip is an object in the bucket, byte for byte, and not a file on the web host's disk
    attempt = VerificationAttempt.objects.get(cameo_id=response.json()["id"])
    assert s3_storage.keys() == [attempt.upload.name] and attempt.upload.name.startswith("verification/")
    assert s3_storage.read(attempt.upload.name) == clip.read_bytes()
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]

    # When the media task runs
    with django_capture_on_commit_callbacks(execute=True):
        for callback in queued:
            callback()

    # Then it checked the bytes it read back from the bucket (through a temporary copy, since removed), verified
    # the cameo, and deleted the raw clip from the bucket
    assert len(read_from) == 1 and read_from[0][1] == clip.read_bytes()
    assert not Path(read_from[0][0]).exists()
    cameo = Cameo.objects.get(pk=attempt.cameo_id)
    assert cameo.status == Cameo.Status.VERIFIED, cameo.rejection_reasons
    assert cameo.reference_image_encrypted and cameo.encodings_encrypted
    attempt.refresh_from_db()
    assert not attempt.upload
    assert s3_storage.keys() == []


def test_deleting_a_cameo_before_its_verification_runs_deletes_the_clip_from_the_bucket(
    s3_storage, make_user, client_for, faces_dir, tmp_path, django_capture_on_commit_callbacks
):
    client = client_for(make_user("alice"))
    issued = challenge(client)
    clip = talking_clip(
        tmp_path / "clip.mp4", faces_dir / "obama.jpg", turn_sequence=issued["turn_sequence"], digits=issued["digits"]
    ).path
    with django_capture_on_commit_callbacks():  # the media task never runs
        cameo_id = upload(client, clip, issued).json()["id"]
    assert len(s3_storage.keys("verification/")) == 1

    with django_capture_on_commit_callbacks(execute=True):
        assert client.delete(f"/api/v1/cameos/{cameo_id}/").status_code == 204

    assert s3_storage.keys() == []
    assert Cameo.objects.get(pk=cameo_id).status == Cameo.Status.DELETED
