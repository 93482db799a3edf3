"""A job from request to signed draft on the reference renderer, and consent enforced before and after the render."""

import datetime
from pathlib import Path

import av
import face_recognition
import numpy as np
import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cameos.models import Appearance, ConsentDecision
from cameos.services import cameo_update, grant_create, grant_delete
from generation import services
from generation.models import GenerationJob
from generation.provenance.signing import read_manifest, strip_manifest
from sora_social.notifications.models import Notification

pytestmark = pytest.mark.django_db

PROMPT = '@star_one bounces a ball in the park and says "hello there"'


@pytest.fixture
def no_dispatch(monkeypatch):
    sent: list[int] = []
    monkeypatch.setattr("generation.services._queue_render", lambda job: sent.append(job.pk))
    return sent


@pytest.fixture
def owner(make_user):
    return make_user("owner")


@pytest.fixture
def creator(make_user):
    return make_user("creator")


def submit(client, prompt=PROMPT, **fields):
    body = {"prompt": prompt, "duration_s": 2, "resolution": "360p", "aspect_ratio": "16:9", "seed": 7, **fields}
    return client.post("/api/v1/generations/", body, format="json")


def media_files() -> list[Path]:
    root = Path(django_settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def render_with_a_change_midway(monkeypatch, job_id: int, change) -> None:
    """Run the worker on the job; `change` happens once the frames are rendered, before the output is stored."""
    from generation import pipeline

    real_render = pipeline.render_frames

    def render_then_change(spec, progress):
        result = real_render(spec, progress)
        change()
        return result

    monkeypatch.setattr(pipeline, "render_frames", render_then_change)
    services.generation_render(job_id=job_id)


def test_a_job_renders_a_signed_draft_with_the_cameos_face(
    owner, creator, make_face_cameo, client_for, faces_dir, django_capture_on_commit_callbacks
):
    cameo = make_face_cameo(owner, handle="star_one", level="everyone")

    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client_for(creator))

    assert response.status_code == 202, response.content
    job = GenerationJob.objects.get(pk=response.json()["id"])
    assert job.state == GenerationJob.State.SUCCEEDED, job.state_reason
    assert set(job.state_times) >= {"queued", "rendering", "encoding", "signing", "succeeded"}
    assert job.consent_pins == {
        str(cameo.pk): {"consent_version": cameo.consent_version, "grant_ids": [], "preferences": cameo.preferences}
    }

    # A real MP4 of the requested length and size.
    path = Path(job.video.path)
    with av.open(str(path)) as container:
        video = container.streams.video[0]
        frames = [frame.to_ndarray(format="rgb24") for frame in container.decode(video)]
        assert (video.codec_context.width, video.codec_context.height) == (640, 360)
        assert abs(len(frames) - 2 * django_settings.RENDER_FPS) <= 1
        assert container.streams.audio[0].codec_context.name == "aac"

    # The cameo's face is in the frames.
    reference = face_recognition.face_encodings(face_recognition.load_image_file(faces_dir / "obama.jpg"))[0]
    found = []
    for frame in frames[:: len(frames) // 4]:
        big = np.kron(frame, np.ones((2, 2, 1), dtype=np.uint8))  # the 360p face is small; upscale for HOG
        encodings = face_recognition.face_encodings(big)
        found.extend(face_recognition.face_distance(encodings, reference))
    assert found and min(found) < 0.6

    # Signed, with the consent record and no personal data.
    report = read_manifest(path, trust_anchor_pem=Path(django_settings.C2PA_TRUST_ANCHOR_PATH).read_bytes())
    assert report.validation_state == "Trusted"
    assert report.consent["job"] == job.public_ref
    assert report.consent["records"][0]["cameo"] == f"cameo-{cameo.pk}"
    assert "star_one" not in str(report.raw) and "owner" not in str(report.consent)

    # The cameo's owner sees the appearance and was told.
    assert Appearance.objects.filter(cameo=cameo, job=job, creator=creator).exists()
    assert Notification.objects.filter(recipient=owner, kind=Notification.Kind.CAST_IN_VIDEO).exists()
    appearances = client_for(owner).get(f"/api/v1/cameos/{cameo.pk}/appearances/").json()["items"]
    assert [(a["generation_id"], a["is_draft"]) for a in appearances] == [(job.pk, True)]

    # Provenance lookup: by manifest, and by content once the manifest is stripped.
    verdict = client_for(creator).post(
        "/api/v1/provenance/verify/", {"file": SimpleUploadedFile("x.mp4", path.read_bytes())}, format="multipart"
    ).json()
    assert (verdict["made_here"], verdict["method"], verdict["job_ref"]) == (True, "c2pa_manifest", job.public_ref)
    stripped = path.parent / "stripped.mp4"
    strip_manifest(path, stripped)
    assert read_manifest(stripped) is None
    verdict = client_for(creator).post(
        "/api/v1/provenance/verify/", {"file": SimpleUploadedFile("y.mp4", stripped.read_bytes())}, format="multipart"
    ).json()
    assert (verdict["made_here"], verdict["method"]) == (True, "content_hash")
    other = client_for(creator).post(
        "/api/v1/provenance/verify/", {"file": SimpleUploadedFile("z.mp4", b"\x00\x00\x00\x18ftypmp42" + b"0" * 500)}, format="multipart"
    ).json()
    assert other["made_here"] is False

    # The owner removes the video for everyone: files gone, draft unplayable.
    with django_capture_on_commit_callbacks(execute=True):
        removed = client_for(owner).delete(f"/api/v1/cameos/{cameo.pk}/appearances/{job.pk}/")
    assert removed.status_code == 204
    job.refresh_from_db()
    assert not job.video and not path.exists()


def test_a_revoke_while_queued_blocks_the_job_and_writes_no_file(
    owner, creator, make_face_cameo, client_for, django_capture_on_commit_callbacks
):
    cameo = make_face_cameo(owner, handle="star_one", level="approved")
    grant_create(cameo=cameo, actor=owner, grantee=creator)
    response = submit(client_for(creator))  # queued; the worker has not started
    assert response.status_code == 202
    job = GenerationJob.objects.get(pk=response.json()["id"])

    grant_delete(cameo=cameo, actor=owner, grantee_id=creator.pk)
    services.generation_render(job_id=job.pk)

    job.refresh_from_db()
    assert job.state == GenerationJob.State.BLOCKED
    assert job.state_reason == "consent_denied:@star_one:not_granted"
    assert not job.video and media_files() == []


def test_a_revoke_during_the_render_destroys_the_output(owner, creator, make_face_cameo, client_for, monkeypatch):
    cameo = make_face_cameo(owner, handle="star_one", level="everyone")
    job_id = submit(client_for(creator)).json()["id"]
    # The owner changes their mind mid-job.
    render_with_a_change_midway(monkeypatch, job_id, lambda: cameo_update(cameo=cameo, actor=owner, level="only_me"))

    job = GenerationJob.objects.get(pk=job_id)
    assert job.state == GenerationJob.State.BLOCKED
    assert job.state_reason == "consent_denied:@star_one:only_me"
    assert not job.video and media_files() == []
    assert not Appearance.objects.filter(job=job).exists()
    # Before the render it was allowed; before storing it was not. Both are in the owner's audit log.
    rows = list(ConsentDecision.objects.filter(cameo=cameo, subject=f"job:{job_id}").order_by("id").values_list("purpose", "allowed"))
    assert rows == [("render", True), ("publish", False)]


def test_grant_use_revoke_leaves_a_complete_audit_trail(owner, creator, make_face_cameo, client_for, django_capture_on_commit_callbacks):
    cameo = make_face_cameo(owner, handle="star_one", level="approved")
    grant_create(cameo=cameo, actor=owner, grantee=creator)
    with django_capture_on_commit_callbacks(execute=True):
        first = submit(client_for(creator))
    assert GenerationJob.objects.get(pk=first.json()["id"]).state == "succeeded"
    grant_delete(cameo=cameo, actor=owner, grantee_id=creator.pk)
    refused = submit(client_for(creator))
    assert refused.status_code == 403

    audit = client_for(owner).get(f"/api/v1/cameos/{cameo.pk}/audit/").json()["items"]
    trail = [(row["purpose"], row["allowed"], row["reason"]) for row in reversed(audit)]
    assert trail == [
        ("generate", True, "granted"),
        ("render", True, "granted"),
        ("publish", True, "granted"),
        # The revocation asked the door about the existing draft (purpose DISPLAY) and hid it: audited too.
        ("display", False, "not_granted"),
        ("generate", False, "not_granted"),
    ]
    # The existing draft was revoked with the grant.
    assert Appearance.objects.get(cameo=cameo).revoked_at is not None


def test_a_worker_lost_mid_render_retries_once_and_leaves_one_result(owner, creator, make_face_cameo, client_for):
    make_face_cameo(owner, handle="star_one", level="everyone")
    job_id = submit(client_for(creator)).json()["id"]
    job = GenerationJob.objects.get(pk=job_id)
    # Given a worker that died mid-render: the job says rendering, its lease lapsed, and its scratch folder
    # has half a file.
    services.job_transition(job, GenerationJob.State.RENDERING)
    job.attempts = 1
    job.lease_until = timezone.now() - datetime.timedelta(seconds=1)
    job.save()
    workdir = services.job_workdir(job)
    workdir.mkdir(parents=True)
    (workdir / "unsigned.mp4").write_bytes(b"half a video")

    # When the broker redelivers the task
    assert services.generation_render(job_id=job_id) == "succeeded"
    # and delivers it once more by mistake
    assert services.generation_render(job_id=job_id) == "succeeded"

    job.refresh_from_db()
    assert job.attempts == 2
    files = media_files()
    assert sorted(p.parent.name for p in files) == ["posters", "videos"]
    assert not workdir.exists()


def test_a_duplicate_delivery_leaves_a_job_with_a_live_lease_alone(owner, creator, client_for):
    job_id = submit(client_for(creator), prompt="a ball bounces on a beach").json()["id"]
    job = GenerationJob.objects.get(pk=job_id)
    services.job_transition(job, GenerationJob.State.RENDERING)
    job.attempts = 1
    job.lease_until = timezone.now() + datetime.timedelta(seconds=30)
    job.save()

    outcome = services.generation_render(job_id=job_id)

    assert isinstance(outcome, services.RenderBusy) and 25 < outcome.retry_in_s <= 32
    job.refresh_from_db()
    assert (job.state, job.attempts) == (GenerationJob.State.RENDERING, 1)


def test_stuck_jobs_are_requeued_when_queued_too_long_or_their_lease_lapsed(owner, creator, client_for, no_dispatch):
    fresh = submit(client_for(creator), prompt="a ball bounces on a beach").json()["id"]
    lost_message = GenerationJob.objects.get(pk=fresh)
    GenerationJob.objects.filter(pk=fresh).update(updated_at=timezone.now() - datetime.timedelta(hours=1))
    GenerationJob.objects.create(
        owner=creator, prompt="p", duration_s=1, resolution="360p", aspect_ratio="16:9", style="realistic", seed=1,
        state=GenerationJob.State.RENDERING, lease_until=timezone.now() - datetime.timedelta(seconds=5),
    )
    GenerationJob.objects.create(
        owner=creator, prompt="p", duration_s=1, resolution="360p", aspect_ratio="16:9", style="realistic", seed=1,
        state=GenerationJob.State.RENDERING, lease_until=timezone.now() + datetime.timedelta(minutes=5),
    )
    no_dispatch.clear()
    assert services.generation_requeue_stuck() == 2
    assert lost_message.pk in no_dispatch


def test_a_job_already_retried_once_fails_instead_of_looping(owner, creator, client_for):
    job_id = submit(client_for(creator), prompt="a ball bounces on a beach").json()["id"]
    job = GenerationJob.objects.get(pk=job_id)
    services.job_transition(job, GenerationJob.State.RENDERING)
    job.attempts = 2
    job.lease_until = timezone.now() - datetime.timedelta(seconds=1)
    job.save()
    assert services.generation_render(job_id=job_id) == "failed"
    assert GenerationJob.objects.get(pk=job_id).state_reason == "worker_lost"


def test_a_cancel_during_the_render_stops_it_and_stores_nothing(owner, creator, client_for, monkeypatch):
    job_id = submit(client_for(creator), prompt="a ball bounces on a beach").json()["id"]
    from generation import pipeline

    real_render = pipeline.render_frames

    def render_and_cancel(spec, progress):
        def wrapped(fraction):
            if fraction >= 0.5:
                GenerationJob.objects.filter(pk=job_id).update(state=GenerationJob.State.CANCELLED)
            progress(fraction)

        return real_render(spec, wrapped)

    monkeypatch.setattr(pipeline, "render_frames", render_and_cancel)
    assert services.generation_render(job_id=job_id) == "cancelled"
    assert media_files() == []


def test_when_a_backend_reports_no_faces_the_pipeline_finds_them_for_the_watermark(faces_dir):
    from generation.pipeline import detected_face_boxes

    photo = face_recognition.load_image_file(faces_dir / "obama.jpg")
    frames = np.stack([photo[: photo.shape[0] // 2 * 2, : photo.shape[1] // 2 * 2]] * 13)
    boxes = detected_face_boxes(frames)
    assert len(boxes) == 13 and all(len(frame_boxes) == 1 for frame_boxes in boxes)
    top, right, bottom, left = boxes[0][0]
    true_top, true_right, true_bottom, true_left = face_recognition.face_locations(photo)[0]
    assert abs(top - true_top) < 40 and abs(left - true_left) < 40


def test_a_signed_video_url_stops_working_once_consent_is_withdrawn(
    owner, creator, make_face_cameo, client_for, django_capture_on_commit_callbacks
):
    cameo = make_face_cameo(owner, handle="star_one", level="approved")
    grant_create(cameo=cameo, actor=owner, grantee=creator)
    with django_capture_on_commit_callbacks(execute=True):
        job_id = submit(client_for(creator)).json()["id"]
    url = client_for(creator).get(f"/api/v1/generations/{job_id}/").json()["video_url"]
    assert client_for(creator).get(url).status_code == 200
    # The cameo's owner gets their own URL for the draft that uses them.
    appearance = client_for(owner).get(f"/api/v1/cameos/{cameo.pk}/appearances/").json()["items"][0]
    assert appearance["generation_id"] == job_id
    assert client_for(owner).get(appearance["video_url"]).status_code == 200

    grant_delete(cameo=cameo, actor=owner, grantee_id=creator.pk)

    assert client_for(creator).get(url).status_code == 404


def test_consent_withdrawn_and_given_again_during_the_render_still_blocks_the_output(
    owner, creator, make_face_cameo, client_for, monkeypatch
):
    # Given: the owner approved the creator, who asks for a video
    cameo = make_face_cameo(owner, handle="star_one", level="approved")
    grant_create(cameo=cameo, actor=owner, grantee=creator)
    job_id = submit(client_for(creator)).json()["id"]

    def the_owner_revokes_and_grants_again():
        grant_delete(cameo=cameo, actor=owner, grantee_id=creator.pk)
        grant_create(cameo=cameo, actor=owner, grantee=creator)

    # When the worker renders it while the owner withdraws and gives the grant again
    render_with_a_change_midway(monkeypatch, job_id, the_owner_revokes_and_grants_again)

    # Then the video, made and signed under the grant that was withdrawn, is destroyed
    job = GenerationJob.objects.get(pk=job_id)
    assert job.state == GenerationJob.State.BLOCKED
    assert job.state_reason == "consent_changed:@star_one"
    assert not job.video and media_files() == []
    assert not Appearance.objects.filter(job=job).exists()


def test_a_grant_to_someone_else_during_the_render_leaves_it_alone(
    owner, creator, make_user, make_face_cameo, client_for, monkeypatch
):
    cameo = make_face_cameo(owner, handle="star_one", level="approved")
    grant_create(cameo=cameo, actor=owner, grantee=creator)
    job_id = submit(client_for(creator)).json()["id"]
    someone_else = make_user("someone_else")

    render_with_a_change_midway(monkeypatch, job_id, lambda: grant_create(cameo=cameo, actor=owner, grantee=someone_else))

    job = GenerationJob.objects.get(pk=job_id)
    assert job.state == GenerationJob.State.SUCCEEDED and job.video


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_grant_revoked_while_the_worker_stores_a_draft_leaves_no_playable_video(
    require_postgres, owner, creator, make_face_cameo, client_for, in_another_request, monkeypatch, no_dispatch
):
    # Given: the owner approved the creator, whose video is rendered
    cameo = make_face_cameo(owner, handle="star_one", level="approved")
    grant_create(cameo=cameo, actor=owner, grantee=creator)
    job_id = submit(client_for(creator)).json()["id"]

    # When the owner revokes the grant right after the door let the worker store the draft, before its rows exist
    revocation = []
    door = services._check_consent

    def door_then_the_owner_revokes(job, purpose, **options):
        answer = door(job, purpose, **options)
        if purpose == "publish":
            revocation.append(in_another_request(lambda: grant_delete(cameo=cameo, actor=owner, grantee_id=creator.pk)))
            revocation[0].join(timeout=1.0)  # the revocation gets every chance to finish first
        return answer

    monkeypatch.setattr(services, "_check_consent", door_then_the_owner_revokes)
    services.generation_render(job_id=job_id)
    revocation[0].join(timeout=30)

    # Then the revocation waited for the draft and withdrew it: nobody can play it
    assert not revocation[0].is_alive()
    job = GenerationJob.objects.get(pk=job_id)
    assert not Appearance.objects.get(job=job).is_live
    url = client_for(creator).get(f"/api/v1/generations/{job_id}/").json()["video_url"]
    assert url is None or client_for(creator).get(url).status_code == 404


def test_a_render_worker_sweeps_scratch_folders_that_no_render_will_use_again(settings, creator, no_dispatch):
    from types import SimpleNamespace

    from celery.app.amqp import Queues

    from generation.backends.worker import celery_worker_setup

    def job_in(state, *, lease_s: int) -> GenerationJob:
        return GenerationJob.objects.create(
            owner=creator, prompt="p", duration_s=1, resolution="360p", aspect_ratio="16:9", style="realistic",
            seed=1, state=state, lease_until=timezone.now() + datetime.timedelta(seconds=lease_s),
        )

    # Given scratch folders left on a GPU host by workers that were killed
    finished = job_in(GenerationJob.State.SUCCEEDED, lease_s=-60)
    queued_for_retry = job_in(GenerationJob.State.QUEUED, lease_s=-60)
    rendering = job_in(GenerationJob.State.RENDERING, lease_s=120)
    cancelled_mid_render = job_in(GenerationJob.State.CANCELLED, lease_s=120)
    deleted = job_in(GenerationJob.State.FAILED, lease_s=-60)
    folders = {}
    for job in (finished, queued_for_retry, rendering, cancelled_mid_render, deleted):
        folders[job.pk] = services.job_workdir(job)
        folders[job.pk].mkdir(parents=True)
        (folders[job.pk] / "frames.raw").write_bytes(b"half a render")
    deleted_id = deleted.pk
    deleted.delete()
    not_a_job = Path(settings.MEDIA_ROOT) / "work" / "notes"
    not_a_job.mkdir()

    # When a render worker starts
    settings.RENDER_BACKEND = "reference"
    settings.RENDER_WORKER_BACKENDS = ["reference"]
    queues = Queues()
    queues.add("gpu")
    queues.select(["gpu"])
    celery_worker_setup(SimpleNamespace(app=SimpleNamespace(amqp=SimpleNamespace(queues=queues))))

    # Then the folders of finished and deleted jobs are gone, and those a render may still use are kept
    gone = {job_id for job_id, folder in folders.items() if not folder.exists()}
    assert gone == {finished.pk, deleted_id}
    assert not_a_job.is_dir()
    assert services.generation_scratch_sweep() == 0
