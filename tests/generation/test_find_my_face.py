"""Find my face: a cameo owner uploads a video and learns whether their own face is in it, when, and whether this
deployment made it. It compares the video with the asker's own cameo only, never with anyone else's.

The clips are built from the real fixture photos (tests/cameos/videos.py): a grey screen, then the face, then grey
again, small and short so that the analysis (real detection and encoding, no mocks) stays fast.
"""

from pathlib import Path

import kombu.exceptions
import numpy as np
import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from cameos import biometrics
from cameos.models import Cameo
from cameos.verification import IMPERSONATION_MAX, face_encodings_from_image
from generation import face_search as face_search_service
from generation import tasks
from generation.api.face_search import FaceSearchThrottle
from generation.models import FaceSearch, GenerationJob
from generation.provenance.signing import strip_manifest
from sora_social.celery import Queue
from sora_social.content_policy.models import ContentRule
from tests.cameos.videos import browser_webm, framed_face, write_mp4

pytestmark = pytest.mark.django_db

CLIP_FPS = 10
CLIP_SIZE = (320, 180)
# The face is on screen from FACE_FROM_S to FACE_UNTIL_S of a CLIP_S clip.
CLIP_S, FACE_FROM_S, FACE_UNTIL_S = 4.0, 1.0, 3.0
# A page of searches: the cameo, then the page with the jobs that made its videos (and the request's savepoint).
QUERIES_PER_PAGE = 4
# A video someone else made: whether the asker may see it now (the media guard's few queries).
QUERIES_PER_FOREIGN_VIDEO = 4


def face_frames(photo: Path) -> list[np.ndarray]:
    """Grey, then the photo's face (about 75 px tall), then grey again."""
    face, _ = framed_face(photo, size=CLIP_SIZE)
    grey = np.full_like(face, 90)
    return [face if FACE_FROM_S <= index / CLIP_FPS < FACE_UNTIL_S else grey for index in range(int(CLIP_S * CLIP_FPS))]


@pytest.fixture(scope="module")
def clips(tmp_path_factory, faces_dir) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("find-my-face")
    return {
        name: write_mp4(folder / f"{name}.mp4", face_frames(faces_dir / photo), fps=CLIP_FPS).read_bytes()
        for name, photo in (("obama", "obama.jpg"), ("biden", "biden.jpg"), ("nobody", "lin-manuel-miranda.png"))
    }


@pytest.fixture(scope="module")
def encodings(faces_dir) -> dict[str, list]:
    return {name: face_encodings_from_image(faces_dir / f"{name}.jpg") for name in ("obama", "biden")}


@pytest.fixture
def verified_cameo(make_cameo, encodings):
    """A verified self cameo holding the encodings verification would have stored for a fixture face."""

    def make(owner, face: str, *, handle: str, status: str = Cameo.Status.VERIFIED, level: str = "only_me") -> Cameo:
        return make_cameo(
            owner,
            handle=handle,
            status=status,
            level=level,
            encodings_encrypted=biometrics.encrypt_encodings(encodings[face]),
        )

    return make


@pytest.fixture
def barack(make_user):
    return make_user("barack")


@pytest.fixture
def barack_cameo(barack, verified_cameo):
    return verified_cameo(barack, "obama", handle="barack_face")


def upload(data: bytes, name: str = "found.mp4") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="video/mp4")


def search(client, cameo_pk: int, data: bytes, capture, **fields):
    """POST a video and run the analysis (Celery is eager in tests; the task is queued on commit)."""
    with capture(execute=True):
        response = client.post(
            f"/api/v1/cameos/{cameo_pk}/face-searches/", {"video": upload(data), **fields}, format="multipart"
        )
    return response


def searches(client, cameo_id: int, max_queries=None, *, foreign_videos: int = 0) -> list[dict]:
    """The cameo's searches, newest first; with max_queries, the page costs what QUERIES_PER_PAGE says."""
    if max_queries is None:
        response = client.get(f"/api/v1/cameos/{cameo_id}/face-searches/")
    else:
        with max_queries(QUERIES_PER_PAGE + foreign_videos * QUERIES_PER_FOREIGN_VIDEO):
            response = client.get(f"/api/v1/cameos/{cameo_id}/face-searches/")
    assert response.status_code == 200, response.content
    return response.json()["items"]


def stored_uploads() -> list[Path]:
    folder = Path(django_settings.MEDIA_ROOT) / "face_searches"
    return sorted(folder.iterdir()) if folder.exists() else []


# ---- finding the owner --------------------------------------------------------------------------------------------


def test_the_owner_is_found_at_the_times_their_face_is_on_screen(
    barack, barack_cameo, client_for, clips, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    client = client_for(barack)

    response = search(client, barack_cameo.pk, clips["obama"], django_capture_on_commit_callbacks)

    assert response.status_code == 202, response.content
    queued = response.json()
    assert (queued["status"], queued["found"], queued["cameo_id"]) == ("queued", None, barack_cameo.pk)
    [answer] = searches(client, barack_cameo.pk, django_assert_max_num_queries)
    assert answer["id"] == queued["id"]
    assert (answer["status"], answer["reason"], answer["found"]) == ("done", "", True)
    # Sampled at 2 a second, so every sample while the face is on screen, and none outside it.
    assert answer["frames_analysed"] >= 2 * CLIP_S
    times = answer["times_s"]
    assert times and all(FACE_FROM_S <= t < FACE_UNTIL_S for t in times)
    assert len(times) >= 2 * (FACE_UNTIL_S - FACE_FROM_S) - 1
    assert answer["segments"] == [{"start_s": times[0], "end_s": times[-1]}]
    assert answer["closest_distance"] < answer["threshold"] == IMPERSONATION_MAX
    # Not made here: no manifest of ours, no known content.
    assert answer["made_here"] == {
        "made_here": False,
        "method": "none",
        "manifest_state": None,
        "job_ref": None,
        "created_at": None,
        "is_remix": False,
        "generation_id": None,
        "post_id": None,
    }
    # The uploaded video is gone once analysed, and the task ran on the media queue.
    assert stored_uploads() == []
    assert FaceSearch.objects.get(pk=answer["id"]).upload == ""


def test_a_video_without_the_owner_is_not_a_match(
    barack, barack_cameo, client_for, clips, django_capture_on_commit_callbacks
):
    client = client_for(barack)

    search(client, barack_cameo.pk, clips["nobody"], django_capture_on_commit_callbacks)

    [answer] = searches(client, barack_cameo.pk)
    assert (answer["status"], answer["found"], answer["times_s"], answer["segments"]) == ("done", False, [], [])
    # A face was seen, and it was not theirs.
    assert answer["faces_seen"] >= 2 * (FACE_UNTIL_S - FACE_FROM_S) - 1
    assert answer["closest_distance"] > IMPERSONATION_MAX
    assert stored_uploads() == []


def test_a_browser_recording_is_searched_by_its_content_whatever_its_name(
    barack, barack_cameo, client_for, faces_dir, django_capture_on_commit_callbacks
):
    # A MediaRecorder WebM (no duration, no index in the file) that someone named .mp4
    webm = browser_webm(face_frames(faces_dir / "obama.jpg"), fps=CLIP_FPS)

    response = search(client_for(barack), barack_cameo.pk, webm, django_capture_on_commit_callbacks)

    assert response.status_code == 202, response.content
    [answer] = searches(client_for(barack), barack_cameo.pk)
    assert (answer["status"], answer["found"]) == ("done", True)
    assert all(FACE_FROM_S <= t < FACE_UNTIL_S for t in answer["times_s"])
    assert abs(answer["duration_s"] - CLIP_S) < 0.2


# ---- only the asker's own cameo -------------------------------------------------------------------------------


def test_another_cameos_face_is_never_a_match_for_the_asker(
    barack, barack_cameo, make_user, verified_cameo, client_for, clips, django_capture_on_commit_callbacks
):
    # Given Joe's verified cameo, which the likeness registry holds (screening would find him in any video)
    joe = make_user("joe")
    joe_cameo = verified_cameo(joe, "biden", handle="joe_face", level="everyone")
    client = client_for(barack)

    # When Barack searches a video of Joe with his own cameo, naming Joe's cameo in the body as well
    response = search(
        client, barack_cameo.pk, clips["biden"], django_capture_on_commit_callbacks, cameo_id=joe_cameo.pk
    )

    # Then Barack learns that he is not in it, and nothing about whose face it is
    assert response.status_code == 202, response.content
    [answer] = searches(client, barack_cameo.pk)
    assert (answer["status"], answer["found"], answer["cameo_id"]) == ("done", False, barack_cameo.pk)
    assert answer["closest_distance"] > IMPERSONATION_MAX
    assert b"joe" not in client.get(f"/api/v1/cameos/{barack_cameo.pk}/face-searches/").content
    # And Joe, searching the same video with his own cameo, is found in it: the clip does show a registered face.
    search(client_for(joe), joe_cameo.pk, clips["biden"], django_capture_on_commit_callbacks)
    [joes] = searches(client_for(joe), joe_cameo.pk)
    assert joes["found"] is True


def test_searching_with_someone_elses_cameo_is_not_found(
    barack, barack_cameo, make_user, verified_cameo, client_for, clips, django_capture_on_commit_callbacks
):
    joe = make_user("joe")
    joe_cameo = verified_cameo(joe, "biden", handle="joe_face", level="everyone")
    client = client_for(barack)

    posted = search(client, joe_cameo.pk, clips["biden"], django_capture_on_commit_callbacks)
    listed = client.get(f"/api/v1/cameos/{joe_cameo.pk}/face-searches/")
    missing = client.get("/api/v1/cameos/999999/face-searches/")

    # The same answer as for a cameo that does not exist, in the API's error shape.
    assert (posted.status_code, posted.json()["code"]) == (404, "not_found")
    assert (listed.status_code, listed.json()["code"]) == (404, "not_found")
    assert (missing.status_code, missing.json()) == (404, listed.json())
    assert not FaceSearch.objects.exists() and stored_uploads() == []


def test_a_cameo_that_is_not_verified_cannot_search(
    barack, verified_cameo, client_for, clips, django_capture_on_commit_callbacks
):
    # A face close to someone else's waits for a moderator: searching with it could find that someone else.
    waiting = verified_cameo(barack, "obama", handle="barack_face", status=Cameo.Status.PENDING_REVIEW)

    response = search(client_for(barack), waiting.pk, clips["obama"], django_capture_on_commit_callbacks)

    assert (response.status_code, response.json()["code"]) == (409, "cameo_not_verified")
    assert not FaceSearch.objects.exists() and stored_uploads() == []


def test_a_cameo_revoked_before_the_analysis_ends_the_search_failed(
    barack, barack_cameo, client_for, clips, django_capture_on_commit_callbacks
):
    client = client_for(barack)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = client.post(
            f"/api/v1/cameos/{barack_cameo.pk}/face-searches/", {"video": upload(clips["obama"])}, format="multipart"
        )
    assert response.status_code == 202, response.content
    # A moderator revokes the cameo while the search waits in the queue.
    barack_cameo.status = Cameo.Status.REVOKED
    barack_cameo.save(update_fields=["status", "updated_at"])

    with django_capture_on_commit_callbacks(execute=True):
        for callback in queued:
            callback()

    [answer] = searches(client, barack_cameo.pk)
    assert (answer["status"], answer["reason"], answer["found"], answer["times_s"]) == (
        "failed",
        "cameo_not_verified",
        None,
        [],
    )
    assert stored_uploads() == []


# ---- made here --------------------------------------------------------------------------------------------------


def test_a_video_this_deployment_made_is_recognised_and_named_to_those_who_may_see_it(
    barack,
    make_face_cameo,
    make_user,
    verified_cameo,
    client_for,
    django_capture_on_commit_callbacks,
    django_assert_max_num_queries,
    tmp_path,
):
    # Given a draft Barack rendered of himself with the reference renderer (signed with a C2PA manifest); his cameo
    # holds a reference crop, which the renderer composites into the video
    barack_cameo = make_face_cameo(barack, photo="obama.jpg", handle="barack_face", level="only_me")
    # (prompt screening by embeddings is not what this file is about, and loads a model)
    ContentRule.objects.filter(kind="category").update(enabled=False)
    with django_capture_on_commit_callbacks(execute=True):
        submitted = client_for(barack).post(
            "/api/v1/generations/",
            {
                "prompt": "@barack_face waves at the camera",
                "duration_s": 1,
                "resolution": "360p",
                "aspect_ratio": "16:9",
                "seed": 7,
            },
            format="json",
        )
    assert submitted.status_code == 202, submitted.content
    job = GenerationJob.objects.get(pk=submitted.json()["id"])
    assert job.state == GenerationJob.State.SUCCEEDED, job.state_reason
    signed = Path(job.video.path)
    stripped = tmp_path / "stripped.mp4"
    strip_manifest(signed, stripped)

    # When Barack searches it for his face, and a copy whose manifest was stripped
    search(client_for(barack), barack_cameo.pk, signed.read_bytes(), django_capture_on_commit_callbacks)
    search(client_for(barack), barack_cameo.pk, stripped.read_bytes(), django_capture_on_commit_callbacks)

    # Then he is in both, and both were made here: by the manifest, and by the content of the stripped copy
    copy, original = searches(client_for(barack), barack_cameo.pk, django_assert_max_num_queries)
    for answer, method in ((original, "c2pa_manifest"), (copy, "content_hash")):
        assert answer["status"] == "done", answer["reason"]
        assert answer["found"] is True and answer["times_s"]
        made = answer["made_here"]
        assert (made["made_here"], made["method"], made["job_ref"]) == (True, method, job.public_ref)
        # His own draft: he may see it, so it is named (a draft has no post).
        assert (made["generation_id"], made["post_id"]) == (job.pk, None)

    # And someone else who finds the copy learns that it was made here, not which draft it is
    joe = make_user("joe")
    joe_cameo = verified_cameo(joe, "biden", handle="joe_face")
    search(client_for(joe), joe_cameo.pk, stripped.read_bytes(), django_capture_on_commit_callbacks)
    [joes] = searches(client_for(joe), joe_cameo.pk, django_assert_max_num_queries, foreign_videos=1)
    assert joes["found"] is False
    assert (joes["made_here"]["made_here"], joes["made_here"]["method"]) == (True, "content_hash")
    assert (joes["made_here"]["generation_id"], joes["made_here"]["post_id"]) == (None, None)


def test_a_search_whose_message_the_broker_refuses_is_withdrawn(
    barack, barack_cameo, client_for, clips, monkeypatch, django_capture_on_commit_callbacks
):
    # Given a broker that refuses messages (kombu raises OperationalError, which the API answers with a 503)
    def refuse(*args, **kwargs):
        raise kombu.exceptions.OperationalError("connection refused")

    monkeypatch.setattr(tasks.face_search_run_task, "apply_async", refuse)

    # When a search is committed and its message cannot be sent
    with pytest.raises(kombu.exceptions.OperationalError):
        search(client_for(barack), barack_cameo.pk, clips["obama"], django_capture_on_commit_callbacks)

    # Then nothing waits for an analysis that would never come: no search, no stored upload
    assert not FaceSearch.objects.exists() and stored_uploads() == []


# ---- bad input --------------------------------------------------------------------------------------------------


@pytest.fixture
def too_long_clip(tmp_path) -> bytes:
    """A real video a second longer than allowed (tiny frames at 2 fps, so it is quick to make)."""
    seconds = int(face_search_service.FACE_SEARCH_MAX_SECONDS) + 1
    frames = [np.full((64, 64, 3), 40 + index % 100, dtype=np.uint8) for index in range(seconds * 2)]
    return write_mp4(tmp_path / "long.mp4", frames, fps=2).read_bytes()


def test_bad_uploads_are_refused_by_content_with_json_errors(
    barack, barack_cameo, client_for, clips, faces_dir, too_long_clip, monkeypatch, django_capture_on_commit_callbacks
):
    client = client_for(barack)
    url = f"/api/v1/cameos/{barack_cameo.pk}/face-searches/"

    def post(data: bytes | None, name: str = "clip.mp4"):
        body = {} if data is None else {"video": upload(data, name)}
        return client.post(url, body, format="multipart")

    photo = (faces_dir / "obama.jpg").read_bytes()
    refused = {
        "a photo renamed .mp4": (post(photo), 422, "not_a_video"),
        "text renamed .mp4": (post(b"hello, this is not a video\n" * 100), 422, "not_a_video"),
        "an empty file": (post(b""), 422, "empty_file"),
        "a video cut off halfway": (post(clips["obama"][: len(clips["obama"]) // 2]), 422, "truncated"),
        "a video longer than a minute": (post(too_long_clip), 422, "too_long"),
        "no file at all": (post(None), 400, None),
    }
    monkeypatch.setattr(face_search_service, "FACE_SEARCH_MAX_BYTES", len(clips["obama"]) - 1)
    refused["a video over the size limit"] = (post(clips["obama"]), 413, "too_large")

    for case, (response, status, code) in refused.items():
        assert response.status_code == status, (case, response.content)
        body = response.json()
        assert set(body) >= {"code", "message", "fields"} and body["message"], case
        if code is not None:
            assert body["code"] == code, (case, body)
    assert "video" in refused["no file at all"][0].json()["fields"]
    assert not FaceSearch.objects.exists() and stored_uploads() == []


def test_searches_are_rate_limited(
    barack, barack_cameo, client_for, clips, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(FaceSearchThrottle, "THROTTLE_RATES", {"face_search": "2/hour"})
    client = client_for(barack)
    url = f"/api/v1/cameos/{barack_cameo.pk}/face-searches/"

    # Refused uploads count too: probing the limits costs the same as searching.
    statuses = [client.post(url, {"video": upload(b"not a video")}, format="multipart").status_code for _ in range(2)]
    throttled = client.post(url, {"video": upload(clips["obama"])}, format="multipart")

    assert statuses == [422, 422]
    assert throttled.status_code == 429 and throttled.json()["code"] == "throttled" and throttled.json()["message"]
    # Reading the answers is not limited.
    assert client.get(url).status_code == 200
    assert not FaceSearch.objects.exists()


def test_at_most_two_searches_wait_at_once_on_the_media_queue(
    barack, barack_cameo, client_for, clips, monkeypatch, django_capture_on_commit_callbacks
):
    client = client_for(barack)
    url = f"/api/v1/cameos/{barack_cameo.pk}/face-searches/"

    with django_capture_on_commit_callbacks(execute=False) as queued:
        statuses = [
            client.post(url, {"video": upload(clips["obama"])}, format="multipart").status_code for _ in range(2)
        ]
        third = client.post(url, {"video": upload(clips["obama"])}, format="multipart")

    assert statuses == [202, 202]
    assert (third.status_code, third.json()["code"], third.json()["limit"]) == (429, "too_many_in_flight", 2)
    waiting = sorted(FaceSearch.objects.filter(status=FaceSearch.Status.QUEUED).values_list("pk", flat=True))
    assert len(waiting) == 2
    # Each is sent, once its transaction commits, to the media queue (decoding and encoding faces is CPU work).
    sent = []
    monkeypatch.setattr(tasks.face_search_run_task, "apply_async", lambda args, queue: sent.append((*args, queue)))
    for callback in queued:
        callback()
    assert sorted(sent) == [(pk, Queue.MEDIA) for pk in waiting]


def test_the_schema_documents_the_search(client_for, barack):
    schema = client_for(barack).get("/api/v1/schema/?format=json").json()

    operations = schema["paths"]["/api/v1/cameos/{cameo_id}/face-searches/"]
    assert "multipart/form-data" in operations["post"]["requestBody"]["content"]
    assert "202" in operations["post"]["responses"] and "200" in operations["get"]["responses"]
