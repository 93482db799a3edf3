"""Cameos through the API: verification by video, characters, levels, grants, audit, appearances, deletion."""

import io

import pytest
from PIL import Image

from cameos.models import Cameo, ConsentDecision, Grant, VerificationAttempt
from sora_social.accounts.services import user_block
from tests.cameos.talking import still_photo_clip, talking_clip
from tests.cameos.videos import challenge_video

pytestmark = pytest.mark.django_db


def challenge(client):
    response = client.post("/api/v1/cameos/challenge/")
    assert response.status_code == 201
    body = response.json()
    assert 4 <= len(body["digits"]) <= 6 and body["digits"].isdigit()
    assert set(body["turn_sequence"]) <= {"left", "right", "up", "down"}
    return body


def answer(path, photo, issued, **options):
    """A clip of the photo's face answering the issued challenge: its digits read aloud, its turns made."""
    return talking_clip(
        path, photo, turn_sequence=issued["turn_sequence"], digits=issued["digits"], **options
    ).path


def upload_cameo(client, path, challenge_id, handle="me_cameo", name=None):
    with open(path, "rb") as handle_file:
        data = io.BytesIO(handle_file.read())
    data.name = name or "selfie.mp4"
    return client.post(
        "/api/v1/cameos/",
        {"kind": "self", "handle": handle, "display_name": "Me", "challenge_id": challenge_id, "video": data},
        format="multipart",
    )


@pytest.fixture
def alice(make_user):
    return make_user("alice")


def test_a_person_verifies_with_a_challenge_video(alice, client_for, faces_dir, tmp_path, django_capture_on_commit_callbacks):
    client = client_for(alice)
    issued = challenge(client)
    video = answer(tmp_path / "me.mp4", faces_dir / "obama.jpg", issued)

    with django_capture_on_commit_callbacks(execute=True):
        response = upload_cameo(client, video, issued["id"], name="clip.bin")

    assert response.status_code == 202, response.content
    assert response.json()["status"] == "verifying"
    cameo = Cameo.objects.get(handle="me_cameo")
    assert cameo.status == Cameo.Status.VERIFIED, cameo.rejection_reasons
    assert cameo.level == Cameo.Level.ONLY_ME
    assert cameo.has_biometrics
    # The raw video is gone once verified; only encrypted biometrics remain.
    attempt = VerificationAttempt.objects.get(cameo=cameo)
    assert not attempt.upload
    detail = client.get(f"/api/v1/cameos/{cameo.pk}/").json()
    assert "encodings" not in str(detail) and detail["thumbnail_url"]
    thumb = client.get(detail["thumbnail_url"])
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"


def test_a_still_photo_fails_the_challenge_and_keeps_nothing_biometric(
    alice, client_for, faces_dir, tmp_path, django_capture_on_commit_callbacks
):
    client = client_for(alice)
    issued = challenge(client)
    video = still_photo_clip(tmp_path / "still.mp4", faces_dir / "obama.jpg", issued["digits"]).path

    with django_capture_on_commit_callbacks(execute=True):
        upload_cameo(client, video, issued["id"])

    cameo = Cameo.objects.get(handle="me_cameo")
    assert cameo.status == Cameo.Status.REJECTED
    assert "challenge_not_followed" in cameo.rejection_reasons
    assert not cameo.has_biometrics
    assert not VerificationAttempt.objects.get(cameo=cameo).upload


def test_someone_elses_face_is_refused_as_impersonation(
    make_user, client_for, faces_dir, tmp_path, django_capture_on_commit_callbacks
):
    real, impostor = make_user("real_obama"), make_user("impostor")
    for user, photo, handle in ((real, "obama.jpg", "the_real"), (impostor, "obama2.jpg", "the_fake")):
        client = client_for(user)
        issued = challenge(client)
        video = answer(tmp_path / f"{handle}.mp4", faces_dir / photo, issued)
        with django_capture_on_commit_callbacks(execute=True):
            upload_cameo(client, video, issued["id"], handle=handle)

    assert Cameo.objects.get(handle="the_real").status == Cameo.Status.VERIFIED
    fake = Cameo.objects.get(handle="the_fake")
    assert fake.status == Cameo.Status.REJECTED
    assert "matches_existing_cameo" in fake.rejection_reasons


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        (b"", "empty_file"),
        (b"hello, I am a text file pretending to be a video" * 10, "not_a_video"),
    ],
)
def test_bad_uploads_are_refused_by_content(alice, client_for, payload, code):
    client = client_for(alice)
    issued = challenge(client)
    data = io.BytesIO(payload)
    data.name = "video.mp4"
    response = client.post(
        "/api/v1/cameos/",
        {"kind": "self", "handle": "h_one", "challenge_id": issued["id"], "video": data},
        format="multipart",
    )
    assert 400 <= response.status_code < 500
    assert response.json()["code"] == code
    assert not Cameo.objects.exists()


def test_a_truncated_video_is_refused(alice, client_for, faces_dir, tmp_path):
    client = client_for(alice)
    issued = challenge(client)
    video = challenge_video(tmp_path / "cut.mp4", faces_dir / "obama.jpg", ["left", "right"])
    data = io.BytesIO(video.read_bytes()[: video.stat().st_size // 2])
    data.name = "cut.mp4"
    response = client.post(
        "/api/v1/cameos/", {"kind": "self", "handle": "h_cut", "challenge_id": issued["id"], "video": data}, format="multipart"
    )
    assert response.status_code == 422
    assert response.json()["code"] == "truncated"


def test_a_challenge_is_single_use(alice, client_for, faces_dir, tmp_path, django_capture_on_commit_callbacks):
    client = client_for(alice)
    issued = challenge(client)
    video = answer(tmp_path / "a.mp4", faces_dir / "obama.jpg", issued)
    with django_capture_on_commit_callbacks(execute=True):
        assert upload_cameo(client, video, issued["id"], handle="first_one").status_code == 202
    again = upload_cameo(client, video, issued["id"], handle="second_one")
    assert again.status_code == 422
    assert again.json()["code"] == "challenge_used"


def test_an_expired_challenge_is_refused(alice, client_for, faces_dir, tmp_path):
    from django.utils import timezone

    from cameos.models import VerificationChallenge

    client = client_for(alice)
    issued = challenge(client)
    VerificationChallenge.objects.filter(pk=issued["id"]).update(expires_at=timezone.now())
    video = answer(tmp_path / "a.mp4", faces_dir / "obama.jpg", issued)
    response = upload_cameo(client, video, issued["id"])
    assert response.json()["code"] == "challenge_expired"


def pet_png() -> io.BytesIO:
    png = io.BytesIO()
    Image.new("RGB", (64, 64), (10, 200, 10)).save(png, format="PNG")
    png.seek(0)
    png.name = "pet.png"
    return png


def test_a_taken_handle_is_refused(alice, make_user, make_cameo, client_for):
    make_cameo(make_user("other"), handle="taken_one")
    png = pet_png()
    response = client_for(alice).post(
        "/api/v1/cameos/", {"kind": "pet", "handle": "TAKEN_ONE", "media": png}, format="multipart"
    )
    assert response.status_code == 422
    assert response.json()["code"] == "handle_taken"


@pytest.mark.parametrize("handle", ["taylorswift13", "Taylor_Swift", "t4ylor.sw1ft"])
def test_a_handle_naming_a_protected_person_is_refused(alice, client_for, handle):
    # Every prompt mentioning it would be refused as naming her, so the cameo could never be cast.
    from cameos.models import Cameo, ProtectedPerson

    ProtectedPerson.objects.create(name="Taylor Swift")
    png = pet_png()
    response = client_for(alice).post("/api/v1/cameos/", {"kind": "pet", "handle": handle, "media": png}, format="multipart")
    assert response.status_code == 422
    assert response.json()["code"] == "handle_names_protected_person"
    assert not Cameo.objects.filter(owner=alice).exists()


def test_a_handle_sharing_one_word_with_a_protected_name_is_not_refused(alice, client_for):
    from cameos.models import ProtectedPerson

    ProtectedPerson.objects.create(name="Taylor Swift")
    png = pet_png()
    response = client_for(alice).post("/api/v1/cameos/", {"kind": "pet", "handle": "swift_rex", "media": png}, format="multipart")
    assert response.status_code == 202, response.content


def test_a_character_cameo_needs_no_face_check(alice, client_for, django_capture_on_commit_callbacks):
    png = io.BytesIO()
    image = Image.new("RGB", (128, 128), (240, 180, 40))
    image.save(png, format="PNG")
    png.seek(0)
    png.name = "whatever.dat"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(alice).post(
            "/api/v1/cameos/", {"kind": "pet", "handle": "rex_the_dog", "display_name": "Rex", "media": png}, format="multipart"
        )
    assert response.status_code == 202, response.content
    assert Cameo.objects.get(handle="rex_the_dog").status == Cameo.Status.VERIFIED


def test_a_human_face_uploaded_as_a_pet_is_refused(alice, client_for, faces_dir, django_capture_on_commit_callbacks):
    photo = io.BytesIO((faces_dir / "biden.jpg").read_bytes())
    photo.name = "pet.jpg"
    with django_capture_on_commit_callbacks(execute=True):
        client_for(alice).post("/api/v1/cameos/", {"kind": "pet", "handle": "not_a_pet", "media": photo}, format="multipart")
    cameo = Cameo.objects.get(handle="not_a_pet")
    assert cameo.status == Cameo.Status.REJECTED
    assert cameo.rejection_reasons == ["human_face_in_character"]


def test_level_changes_bump_the_consent_version_and_teens_are_capped(make_user, make_cameo, client_for):
    adult, teen = make_user("adult"), make_user("teen", age=15)
    cameo = make_cameo(adult, level="only_me")
    response = client_for(adult).patch(
        f"/api/v1/cameos/{cameo.pk}/", {"level": "everyone", "restrictions": ["no violence"]}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["consent_version"] == cameo.consent_version + 1

    teen_cameo = make_cameo(teen, level="only_me")
    capped = client_for(teen).patch(f"/api/v1/cameos/{teen_cameo.pk}/", {"level": "everyone"}, format="json")
    assert capped.status_code == 422
    assert capped.json()["code"] == "teen_level_capped"
    assert client_for(teen).patch(f"/api/v1/cameos/{teen_cameo.pk}/", {"level": "mutuals"}, format="json").status_code == 200


def test_grants_post_get_delete_and_the_audit_log(make_user, make_cameo, client_for, django_assert_max_num_queries):
    owner, friend = make_user("owner"), make_user("friend")
    cameo = make_cameo(owner, level="approved")
    client = client_for(owner)

    created = client.post(f"/api/v1/cameos/{cameo.pk}/grants/", {"handle": "@friend"}, format="json")
    assert created.status_code == 201 and created.json()["status"] == "active"
    with django_assert_max_num_queries(4):
        listed = client.get(f"/api/v1/cameos/{cameo.pk}/grants/").json()["items"]
    assert [g["grantee"] for g in listed] == ["friend"]

    from cameos.policy import Purpose, check_use

    assert check_use(cameo, friend, Purpose.GENERATE).allowed
    assert client.delete(f"/api/v1/cameos/{cameo.pk}/grants/friend/").status_code == 204
    assert not check_use(cameo, friend, Purpose.GENERATE).allowed

    with django_assert_max_num_queries(4):
        audit = client.get(f"/api/v1/cameos/{cameo.pk}/audit/").json()["items"]
    assert [(row["actor"], row["allowed"], row["reason"]) for row in audit] == [
        ("friend", False, "not_granted"),
        ("friend", True, "granted"),
    ]


def test_no_grant_for_someone_blocked_either_way_and_no_hint_of_the_block(make_user, make_cameo, client_for):
    from cameos.models import Grant
    from sora_social.accounts.services import user_block

    alice, bob, carol = make_user("alice"), make_user("bob"), make_user("carol")
    cameo = make_cameo(alice, level="approved")
    user_block(blocker=alice, blocked=bob)
    user_block(blocker=carol, blocked=alice)

    answers = [
        client_for(alice).post(f"/api/v1/cameos/{cameo.pk}/grants/", {"handle": handle}, format="json")
        for handle in ("bob", "carol", "nobody_here")
    ]

    assert [(a.status_code, a.json()["code"]) for a in answers] == [(404, "user_not_found")] * 3
    assert not Grant.objects.exists()


def test_a_teens_grant_is_pending_until_the_parent_approves(make_user, make_cameo, client_for):
    from sora_social.accounts.services import parental_link_code_create, parental_link_redeem

    teen, parent, friend = make_user("teen", age=15), make_user("parent", age=44), make_user("friend")
    parental_link_redeem(user=parent, code=parental_link_code_create(user=teen).code)
    cameo = make_cameo(teen, level="approved")
    grant = client_for(teen).post(f"/api/v1/cameos/{cameo.pk}/grants/", {"handle": "friend"}, format="json").json()
    assert grant["status"] == "pending_parent"

    pending = client_for(parent).get("/api/v1/parental/grants/").json()["items"]
    assert [item["id"] for item in pending] == [grant["id"]]
    assert client_for(friend).post(f"/api/v1/parental/grants/{grant['id']}/approve/").status_code == 404
    approved = client_for(parent).post(f"/api/v1/parental/grants/{grant['id']}/approve/")
    assert approved.status_code == 200
    assert Grant.objects.get(pk=grant["id"]).status == Grant.Status.ACTIVE


def test_other_peoples_cameos_are_invisible_by_id(make_user, make_cameo, client_for):
    owner, stranger = make_user("owner"), make_user("stranger")
    cameo = make_cameo(owner)
    for method, path in [
        ("get", f"/api/v1/cameos/{cameo.pk}/"),
        ("patch", f"/api/v1/cameos/{cameo.pk}/"),
        ("delete", f"/api/v1/cameos/{cameo.pk}/"),
        ("get", f"/api/v1/cameos/{cameo.pk}/grants/"),
        ("get", f"/api/v1/cameos/{cameo.pk}/audit/"),
        ("get", f"/api/v1/cameos/{cameo.pk}/appearances/"),
        ("get", f"/api/v1/cameos/{cameo.pk}/thumbnail/"),
        ("get", "/api/v1/cameos/999999/"),
    ]:
        response = getattr(client_for(stranger), method)(path, {}, format="json")
        assert response.status_code == 404, (method, path)
    assert Cameo.objects.get(pk=cameo.pk).status == Cameo.Status.VERIFIED


def test_usable_cameos_list_follows_the_door(make_user, make_cameo, client_for):
    owner, me = make_user("owner"), make_user("me")
    open_one = make_cameo(owner, handle="open_one", level="everyone")
    make_cameo(owner, handle="closed_one", level="only_me")
    blocked_owner = make_user("blocker")
    make_cameo(blocked_owner, handle="blocked_one", level="everyone")
    user_block(blocker=blocked_owner, blocked=me)
    handles = [c["handle"] for c in client_for(me).get("/api/v1/cameos/usable/").json()["items"]]
    assert handles == [open_one.handle]


def test_deleting_a_cameo_erases_biometrics_and_denies(make_user, make_cameo, client_for):
    from cameos import biometrics

    owner, other = make_user("owner"), make_user("other")
    cameo = make_cameo(owner, encodings_encrypted=biometrics.encrypt_encodings([[0.1] * 128]))
    assert client_for(owner).delete(f"/api/v1/cameos/{cameo.pk}/").status_code == 204
    cameo.refresh_from_db()
    assert cameo.status == Cameo.Status.DELETED and not cameo.has_biometrics
    from cameos.policy import Purpose, check_use

    assert check_use(cameo, other, Purpose.GENERATE).reason == "cameo_deleted"
    assert ConsentDecision.objects.filter(cameo=cameo, allowed=False).exists()


@pytest.mark.parametrize(
    ("limit", "value", "status", "code"),
    [("VERIFICATION_MAX_SECONDS", 2.0, 422, "too_long"), ("VERIFICATION_MAX_BYTES", 10_000, 413, "too_large")],
)
def test_over_long_and_over_large_videos_are_refused(
    alice, client_for, faces_dir, tmp_path, monkeypatch, limit, value, status, code
):
    monkeypatch.setattr(f"cameos.services.verification.{limit}", value)
    client = client_for(alice)
    issued = challenge(client)
    video = challenge_video(tmp_path / "long.mp4", faces_dir / "obama.jpg", ["left", "right"], seconds=4.0)
    response = upload_cameo(client, video, issued["id"])
    assert response.status_code == status
    assert response.json()["code"] == code
    assert not Cameo.objects.exists()


def test_verification_progress_and_outcome_are_pushed_to_the_owners_socket_group(
    alice, client_for, faces_dir, tmp_path, django_capture_on_commit_callbacks
):
    from asgiref.sync import async_to_sync
    from channels.layers import get_channel_layer

    from sora_social.notifications.realtime import user_group_name

    layer = get_channel_layer()
    channel = async_to_sync(layer.new_channel)()
    async_to_sync(layer.group_add)(user_group_name(alice.pk), channel)
    client = client_for(alice)
    issued = challenge(client)
    video = answer(tmp_path / "me.mp4", faces_dir / "obama.jpg", issued)

    with django_capture_on_commit_callbacks(execute=True):
        upload_cameo(client, video, issued["id"])

    events = []
    while True:
        try:
            message = async_to_sync(_receive_within)(layer, channel, 2.0)
        except TimeoutError:
            break
        events.append((message["event"], message["payload"]))
    names = [name for name, _ in events]
    assert "cameo.verification.progress" in names
    stages = [payload["stage"] for name, payload in events if name == "cameo.verification.progress"]
    assert stages[0] == "decoding" and stages[-1] == "done"
    finished = [payload for name, payload in events if name == "cameo.verification.finished"]
    assert [(p["cameo"], p["status"], p["reasons"]) for p in finished] == [(Cameo.objects.get().pk, "verified", [])]


async def _receive_within(layer, channel, seconds):
    import asyncio

    return await asyncio.wait_for(layer.receive(channel), seconds)


def test_the_restriction_categories_say_what_each_covers_and_what_it_also_rules_out(alice, client_for):
    response = client_for(alice).get("/api/v1/cameos/restriction-categories/")

    assert response.status_code == 200
    categories = {row["key"]: row for row in response.json()["items"]}
    assert len(categories) == 12 and all(len(row["definition"]) > 80 for row in categories.values())
    assert categories["romance"]["also_rules_out"] == ["sexual"]
    assert categories["sexual"]["also_rules_out"] == []
