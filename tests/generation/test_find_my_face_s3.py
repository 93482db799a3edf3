"""With S3 storage, find my face stores the uploaded video in the bucket, the media task reads it back from there, and
the upload leaves the bucket once it has been analysed."""

import numpy as np
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cameos import biometrics
from cameos.verification import face_encodings_from_image
from tests.cameos.videos import framed_face, write_mp4

pytestmark = pytest.mark.django_db


def test_a_face_search_reads_its_upload_from_the_bucket_and_deletes_it(
    s3_storage, make_user, make_cameo, client_for, faces_dir, tmp_path, settings, django_capture_on_commit_callbacks
):
    barack = make_user("barack")
    cameo = make_cameo(
        barack, handle="barack_face", level="only_me",
        encodings_encrypted=biometrics.encrypt_encodings(face_encodings_from_image(faces_dir / "obama.jpg")),
    )
    face, _ = framed_face(faces_dir / "obama.jpg", size=(320, 180))
    grey = np.full_like(face, 90)
    clip = write_mp4(tmp_path / "found.mp4", [grey] * 10 + [face] * 20 + [grey] * 10, fps=10)

    # When Barack uploads a video to find his face in (the media task waits for the commit)
    with django_capture_on_commit_callbacks() as queued:
        response = client_for(barack).post(
            f"/api/v1/cameos/{cameo.pk}/face-searches/",
            {"video": SimpleUploadedFile("found.mp4", clip.read_bytes(), content_type="video/mp4")},
            format="multipart",
        )
    assert response.status_code == 202, response.content

    # Then the video is an object in the bucket, not a file on the web host's disk
    [key] = s3_storage.keys()
    assert key.startswith("face_searches/") and s3_storage.read(key) == clip.read_bytes()
    assert not [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]

    # When the media task runs, it analyses the video read back from the bucket, and the upload is deleted
    with django_capture_on_commit_callbacks(execute=True):
        for callback in queued:
            callback()

    answer = client_for(barack).get(f"/api/v1/cameos/{cameo.pk}/face-searches/").json()["items"][0]
    assert (answer["status"], answer["found"]) == ("done", True), answer
    assert answer["times_s"] and all(1.0 <= t < 3.0 for t in answer["times_s"])
    assert s3_storage.keys() == []
