"""Becoming a cameo, around the engine: challenges, retries, messages, the moderators' review, and the race.

One face, one cameo: the race test runs two real verifications of one face at once, on PostgreSQL.
"""

from __future__ import annotations

import io
import multiprocessing
import re

import numpy as np
import pytest
from django.core.files.base import ContentFile
from django.db import connection

from cameos import biometrics
from cameos.models import Cameo, CameoReview, ProtectedPerson, VerificationAttempt, VerificationChallenge
from cameos.services import cameo_verify
from sora_social.notifications.models import Notification
from tests.cameos.speech import require_espeak
from tests.cameos.talking import still_photo_clip, talking_clip
from tests.moderation.world import make_moderator


@pytest.fixture(autouse=True)
def _espeak():
    require_espeak()


def issue(client) -> dict:
    response = client.post("/api/v1/cameos/challenge/")
    assert response.status_code == 201, response.content
    return response.json()


def upload(client, path, issued, *, handle="me_cameo", mirrored=False):
    data = io.BytesIO(path.read_bytes())
    data.name = "selfie.mp4"
    return client.post(
        "/api/v1/cameos/",
        {"kind": "self", "handle": handle, "challenge_id": issued["id"], "video": data, "mirrored": mirrored},
        format="multipart",
    )


def answer(tmp_path, photo, issued, name="clip.mp4", **options):
    return talking_clip(
        tmp_path / name, photo, turn_sequence=issued["turn_sequence"], digits=issued["digits"], **options
    ).path


# --- challenges -------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_challenge_is_made_by_post_expires_within_two_minutes_and_is_throttled(make_user, client_for):
    from django.utils import timezone

    assert client_for(make_user("bob")).get("/api/v1/cameos/challenge/").status_code == 405
    client = client_for(make_user("alice"))

    issued = [issue(client) for _ in range(10)]
    refused = client.post("/api/v1/cameos/challenge/")

    challenge = VerificationChallenge.objects.get(pk=issued[0]["id"])
    assert (challenge.expires_at - timezone.now()).total_seconds() <= 120
    assert all(4 <= len(c["digits"]) <= 6 for c in issued)
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled" and refused.json()["message"]


@pytest.mark.django_db
def test_the_schema_says_left_is_the_persons_own_left_and_accepts_mirrored(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    challenge = schema["components"]["schemas"]["ChallengeOutput"]["properties"]["turn_sequence"]
    assert "person's own" in challenge["description"]
    create = schema["components"]["schemas"]["CameoCreateInputRequest"]["properties"]
    assert create["mirrored"]["type"] == "boolean"


# --- rejection messages and retries -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_rejected_cameo_says_why_in_words_and_can_be_retried_under_its_handle(
    make_user, client_for, faces_dir, tmp_path, django_capture_on_commit_callbacks
):
    alice = make_user("alice")
    client = client_for(alice)
    first = issue(client)
    still = still_photo_clip(tmp_path / "still.mp4", faces_dir / "obama.jpg", first["digits"]).path
    with django_capture_on_commit_callbacks(execute=True):
        assert upload(client, still, first).status_code == 202

    cameo = Cameo.objects.get(handle="me_cameo")
    detail = client.get(f"/api/v1/cameos/{cameo.pk}/").json()
    assert detail["status"] == "rejected"
    messages = {r["code"]: r["message"] for r in detail["rejections"]}
    assert "lips_not_moving" in messages and len(messages["lips_not_moving"]) > 20
    notification = Notification.objects.filter(recipient=alice, kind=Notification.Kind.CAMEO_VERIFICATION).latest("pk")
    assert {m["code"] for m in notification.data["messages"]} == set(cameo.rejection_reasons)

    # When Alice tries again with a new challenge under the same handle, the same cameo is retried.
    second = issue(client)
    honest = answer(tmp_path, faces_dir / "obama.jpg", second)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, honest, second)

    assert response.status_code == 202, response.content
    assert response.json()["id"] == cameo.pk
    cameo.refresh_from_db()
    assert cameo.status == Cameo.Status.VERIFIED, cameo.rejection_reasons
    assert VerificationAttempt.objects.filter(cameo=cameo).count() == 2


@pytest.mark.django_db
def test_a_rejected_cameo_holds_no_handle(make_user, make_cameo, client_for):
    make_cameo(make_user("bob"), handle="wanted", status=Cameo.Status.REJECTED)
    png = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (64, 64), (10, 200, 10)).save(png, format="PNG")
    png.seek(0)
    png.name = "pet.png"
    response = client_for(make_user("carol")).post(
        "/api/v1/cameos/", {"kind": "pet", "handle": "wanted", "media": png}, format="multipart"
    )
    assert response.status_code == 202, response.content


# --- the grey zone goes to people ------------------------------------------------------------------------------


def protected_person_near(clip, faces_dir, *, issued: dict, distance: float) -> ProtectedPerson:
    """A protected person whose face sits `distance` from the face in the clip (a direction drawn at random)."""
    from cameos.verification import verify_video

    first = verify_video(clip, turn_sequence=issued["turn_sequence"], digits=issued["digits"], known_identities=[])
    mean = np.mean(first.encodings, axis=0)
    direction = np.random.default_rng(11).normal(size=mean.shape)
    encoding = mean + distance * direction / np.linalg.norm(direction)
    person = ProtectedPerson(name="Someone Alike", encodings_encrypted=biometrics.encrypt_encodings([encoding]))
    person.photo.save("alike.jpg", ContentFile((faces_dir / "biden.jpg").read_bytes()), save=True)
    return person


@pytest.mark.django_db
def test_a_face_close_to_a_protected_person_waits_for_a_moderator_who_verifies_it(
    make_user, client_for, faces_dir, tmp_path, django_capture_on_commit_callbacks, client
):
    # Given a protected person whose face is 0.60 from Alice's: past a match (0.55), inside a review (0.65)
    alice = make_user("alice")
    issued = issue(client_for(alice))
    clip = answer(tmp_path, faces_dir / "obama.jpg", issued)
    near_protected_person = protected_person_near(clip, faces_dir, issued=issued, distance=0.60)

    with django_capture_on_commit_callbacks(execute=True):
        upload(client_for(alice), clip, issued)
    cameo = Cameo.objects.get(handle="me_cameo")
    assert cameo.status == Cameo.Status.PENDING_REVIEW, cameo.attempts.values_list("reasons", "matched").first()
    attempt = cameo.attempts.get()
    assert attempt.matched[0]["ref_id"] == str(near_protected_person.pk)
    # Nobody may use it meanwhile, and the person is not told whom it resembled.
    owner_view = client_for(alice).get(f"/api/v1/cameos/{cameo.pk}/").json()
    assert owner_view["status"] == "pending_review" and "Someone" not in str(owner_view)

    # The moderator's queue shows the two faces side by side and why the cameo is there.
    moderator = make_moderator(make_user)
    client.force_login(moderator)
    queue = client.get("/admin/cameos/cameoawaitingreview/")
    assert queue.status_code == 200 and "me_cameo" in queue.content.decode()
    page = client.get(f"/admin/cameos/cameoawaitingreview/{cameo.pk}/change/").content.decode()
    assert len(re.findall(r'src="data:image/png;base64,', page)) == 2
    assert "Someone Alike" in page and "0.6" in page

    # A decision needs a reason.
    refused = client.post(f"/admin/cameos/cameoawaitingreview/{cameo.pk}/change/", {"decision": "verified"})
    assert refused.status_code == 200 and "Say why" in refused.content.decode()
    cameo.refresh_from_db()
    assert cameo.status == Cameo.Status.PENDING_REVIEW

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            f"/admin/cameos/cameoawaitingreview/{cameo.pk}/change/",
            {"decision": "verified", "reason": "Different person: compared the faces"},
        )
    assert done.status_code == 302, done.content.decode()[-3000:]
    cameo.refresh_from_db()
    assert cameo.status == Cameo.Status.VERIFIED and cameo.verified_at
    review = CameoReview.objects.get(cameo=cameo)
    assert (review.moderator, review.decision, review.outcome) == (moderator, "verified", "verified")
    told = Notification.objects.filter(recipient=alice, kind=Notification.Kind.CAMEO_VERIFICATION).latest("pk")
    assert told.data["status"] == "verified"


@pytest.mark.django_db
def test_a_moderator_rejects_a_face_in_review_and_its_biometrics_are_erased(
    make_user, make_cameo, client_for, client
):
    from cameos.services import cameo_review_decide

    alice = make_user("alice")
    cameo = make_cameo(alice, handle="alike", status=Cameo.Status.PENDING_REVIEW, level="only_me")
    Cameo.objects.filter(pk=cameo.pk).update(
        encodings_encrypted=biometrics.encrypt_encodings([np.zeros(128)]),
        reference_image_encrypted=biometrics.encrypt_bytes(b"png"),
    )
    moderator = make_moderator(make_user)

    cameo_review_decide(cameo=cameo, moderator=moderator, decision="rejected", reason="Same person as a protected one")

    cameo.refresh_from_db()
    assert cameo.status == Cameo.Status.REJECTED and not cameo.has_biometrics
    assert CameoReview.objects.get(cameo=cameo).outcome == "rejected"
    detail = client_for(alice).get(f"/api/v1/cameos/{cameo.pk}/").json()
    assert detail["rejections"][0]["code"] == "review_rejected"
    told = Notification.objects.filter(recipient=alice).latest("pk")
    assert told.data["note"] == "Same person as a protected one"


# --- one face, one cameo, even in a race ------------------------------------------------------------------------


def _verify_in_worker(attempt_id: int, start) -> None:
    """A media worker's process: wait for the other, then verify one attempt."""
    connection.close()  # never share the parent's socket
    start.wait()
    try:
        cameo_verify(attempt_id=attempt_id)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_verifications_of_one_face_verify_only_one(
    require_postgres, make_user, faces_dir, tmp_path, django_capture_on_commit_callbacks
):
    from cameos.services import challenge_create

    # Given two accounts that each uploaded a clip of the same man, verified by two workers at the same moment.
    attempts = []
    for handle, photo in (("first_obama", "obama.jpg"), ("second_obama", "obama.jpg")):
        owner = make_user(handle)
        challenge = challenge_create(user=owner)
        clip = talking_clip(
            tmp_path / f"{handle}.mp4",
            faces_dir / photo,
            turn_sequence=challenge.turn_sequence,
            digits=challenge.digits,
        )
        cameo = Cameo.objects.create(owner=owner, handle=handle, display_name=handle, status=Cameo.Status.VERIFYING)
        attempt = VerificationAttempt(cameo=cameo, challenge=challenge)
        attempt.upload.save(f"{handle}.mp4", ContentFile(clip.path.read_bytes()), save=True)
        attempts.append(attempt.pk)

    # Two processes, as two media workers are (dlib's detectors are not for sharing between threads).
    connection.close()
    context = multiprocessing.get_context("fork")
    start = context.Barrier(2)
    workers = [context.Process(target=_verify_in_worker, args=(pk, start)) for pk in attempts]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=180)

    assert [worker.exitcode for worker in workers] == [0, 0]
    statuses = sorted(Cameo.objects.filter(handle__in=["first_obama", "second_obama"]).values_list("status", flat=True))
    assert statuses == ["rejected", "verified"], list(VerificationAttempt.objects.values_list("reasons", "metrics"))
    loser = Cameo.objects.get(status=Cameo.Status.REJECTED)
    assert loser.rejection_reasons == ["matches_existing_cameo"]
    # Both engines ran at the same time: the loser was refused by the second look, under the lock.
    runs = VerificationAttempt.objects.filter(pk__in=attempts).order_by("started_at")
    assert runs[1].started_at < runs[0].finished_at


# --- probing the thresholds ---------------------------------------------------------------------------------------


def _rejected_attempts(owner, count: int, reasons: list[str]) -> None:
    cameo = Cameo.objects.create(owner=owner, handle=f"tried_{owner.pk}", display_name="x", status=Cameo.Status.REJECTED)
    for _ in range(count):
        VerificationAttempt.objects.create(cameo=cameo, status=VerificationAttempt.Status.REJECTED, reasons=reasons)


@pytest.mark.django_db
def test_five_rejections_in_a_day_stop_further_attempts_until_tomorrow(make_user, client_for, faces_dir, tmp_path):
    alice = make_user("alice")
    _rejected_attempts(alice, 5, ["lips_not_moving"])
    client = client_for(alice)
    issued = issue(client)

    response = upload(client, answer(tmp_path, faces_dir / "obama.jpg", issued), issued)

    assert response.status_code == 429 and response.json()["code"] == "too_many_attempts"
    assert not VerificationChallenge.objects.get(pk=issued["id"]).used_at  # the challenge is not spent


@pytest.mark.django_db
def test_someone_once_refused_as_another_persons_face_is_looked_at_by_a_moderator(
    make_user, client_for, faces_dir, tmp_path, django_capture_on_commit_callbacks
):
    # Given Mallory, whose earlier upload was refused as an existing cameo's face
    mallory = make_user("mallory")
    _rejected_attempts(mallory, 1, ["matches_existing_cameo"])
    client = client_for(mallory)
    issued = issue(client)

    # When she then uploads a clip that passes every check
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, answer(tmp_path, faces_dir / "obama.jpg", issued), issued)

    # Then it waits for a moderator instead of being verified
    cameo = Cameo.objects.get(handle="me_cameo")
    assert cameo.status == Cameo.Status.PENDING_REVIEW
    assert cameo.attempts.latest("pk").matched[0]["kind"] == "earlier_attempt"
