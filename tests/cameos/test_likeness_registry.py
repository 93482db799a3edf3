"""The likeness registry: the same answers as comparing with everyone, kept current in every process."""

import os
import sys

import numpy as np
import pytest
from django.test import Client

from cameos import biometrics
from cameos.models import Cameo, LikenessChange, ProtectedPerson
from cameos.registry import (
    FaceIndex,
    Identity,
    LikenessRegistry,
    RegistryNotReady,
    likeness_registry,
)
from cameos.services import cameo_delete, cameo_review_decide, cameo_revoke_by_moderator, protected_person_save
from cameos.verification import (
    IMPERSONATION_MAX,
    REVIEW_MAX,
    KnownIdentity,
    face_encodings_from_image,
    judge_identity,
)
from tests.moderation.world import make_moderator

RNG_SEED = 20261203


def random_identities(count: int, rng: np.random.Generator, *, per_identity: int = 3) -> list[Identity]:
    """Face-like vectors: norms near those of real encodings, several encodings per person close together."""
    identities = []
    for number in range(count):
        centre = rng.normal(size=128)
        centre *= 1.2 / np.linalg.norm(centre)
        encodings = centre + rng.normal(scale=0.03, size=(per_identity, 128))
        kind = "protected" if number % 10 == 0 else "cameo"
        identities.append(Identity(kind, number, None if kind == "protected" else number % 50, encodings))
    return identities


def probes_near(identities: list[Identity], rng: np.random.Generator, count: int) -> np.ndarray:
    """Probes planted at distances on both sides of the thresholds from some identities."""
    probes = []
    for _ in range(count):
        target = identities[rng.integers(len(identities))]
        direction = rng.normal(size=128)
        direction /= np.linalg.norm(direction)
        probes.append(target.encodings.mean(axis=0) + direction * rng.uniform(0.0, 0.8))
    return np.asarray(probes)


class BruteForce:
    """Every reference vector of every identity compared with the probe, in float64: the answer to match."""

    def __init__(self, identities: list[Identity]) -> None:
        from cameos.verification import identity_references

        blocks = [identity_references(i.encodings) for i in identities]
        self.vectors = np.vstack(blocks)
        self.owner_of = np.concatenate([[i.owner_id if i.owner_id is not None else -1] * len(b) for i, b in zip(identities, blocks, strict=True)])
        self.key_of = [(i.kind, str(i.ref_id)) for i, b in zip(identities, blocks, strict=True) for _ in range(len(b))]

    def within(self, probe: np.ndarray, radius: float, excluding_owner=None) -> dict:
        distances = np.linalg.norm(self.vectors - probe, axis=1)
        found: dict = {}
        for row in np.flatnonzero(distances <= radius):
            if excluding_owner is not None and self.owner_of[row] == excluding_owner:
                continue
            key = self.key_of[row]
            found[key] = min(found.get(key, np.inf), float(distances[row]))
        return found


def assert_same_answers(found: dict, expected: dict, radius: float) -> None:
    """Equal, but for identities within float32 rounding of the radius (either answer is right for those)."""
    borderline = {k for k, d in {**found, **expected}.items() if abs(d - radius) < 1e-4}
    assert set(found) - borderline == set(expected) - borderline
    for key in set(found) & set(expected):
        assert found[key] == pytest.approx(expected[key], abs=1e-4)


@pytest.mark.parametrize("mode", ["exact", "approximate"])
def test_the_registry_gives_the_same_answers_as_a_brute_force_search(mode):
    rng = np.random.default_rng(RNG_SEED)
    identities = random_identities(2000, rng)
    # "approximate": the inverted file, as at a million identities, built here from 2000 (8,000 vectors).
    index = FaceIndex(ann_min_vectors=1 if mode == "approximate" else 10**9)
    index.load(identities)
    assert index.approximate is (mode == "approximate")

    brute_force = BruteForce(identities)
    checked = 0
    for probe in probes_near(identities, rng, 200):
        for radius, owner in ((IMPERSONATION_MAX, None), (REVIEW_MAX, 7)):
            expected = brute_force.within(probe, radius, excluding_owner=owner)
            found = index.within(probe, radius=radius, excluding_owner=owner)
            assert_same_answers(found, expected, radius)
            checked += len(expected)
    assert checked > 100  # the planted probes do land within the thresholds


def test_the_engine_judges_the_same_with_the_registry_as_with_a_list():
    rng = np.random.default_rng(RNG_SEED + 1)
    identities = random_identities(500, rng)
    index = FaceIndex()
    index.load(identities)
    known = [KnownIdentity(str(i.ref_id), i.kind, list(i.encodings)) for i in identities]

    class View:
        def closest(self, probes, *, radius):
            return index.within(probes, radius=radius)

    for probe in probes_near(identities, rng, 50):
        frames = [probe + rng.normal(scale=0.02, size=128) for _ in range(3)]
        by_list = judge_identity(frames, known, per_frame=True)
        by_index = judge_identity(frames, View(), per_frame=True)
        assert by_index.reasons == by_list.reasons
        assert [m["ref_id"] for m in by_index.matched] == [m["ref_id"] for m in by_list.matched]
        assert [m["ref_id"] for m in by_index.near] == [m["ref_id"] for m in by_list.near]


def test_an_identity_removed_from_the_index_is_gone_and_its_slot_is_reused():
    rng = np.random.default_rng(RNG_SEED + 2)
    identities = random_identities(20, rng)
    index = FaceIndex()
    index.load(identities)
    target = identities[3]
    probe = target.encodings.mean(axis=0)
    assert ("cameo", "3") in index.within(probe, radius=0.2)

    assert index.remove("cameo", 3)
    assert ("cameo", "3") not in index.within(probe, radius=0.2)
    assert index.nearest(probe, count=1)[0].ref_id != "3"
    assert index.distances_to("cameo", 3, probe) is None

    index.put(Identity("cameo", 99, 1, target.encodings))
    assert ("cameo", "99") in index.within(probe, radius=0.2)
    assert len(index) == 20


def test_removal_is_real_on_the_approximate_index_too():
    rng = np.random.default_rng(RNG_SEED + 3)
    identities = random_identities(400, rng)
    index = FaceIndex(ann_min_vectors=1)
    index.load(identities)
    probe = identities[11].encodings.mean(axis=0)
    assert ("cameo", "11") in index.within(probe, radius=0.2)
    index.remove("cameo", 11)
    assert ("cameo", "11") not in index.within(probe, radius=0.2)
    # A changed face replaces the old one rather than adding to it.
    moved = Identity("cameo", 12, 12, identities[11].encodings)
    index.put(moved)
    assert set(index.within(probe, radius=0.2)) == {("cameo", "12")}


def test_encodings_of_the_wrong_size_are_refused():
    with pytest.raises(ValueError):
        FaceIndex().put(Identity("cameo", 1, 1, np.zeros((2, 64))))


# ---- the registry and the database ---------------------------------------------------------------------------------


@pytest.fixture
def obama_encodings(faces_dir):
    return face_encodings_from_image(faces_dir / "obama.jpg")


@pytest.fixture
def verified_obama(make_user, make_face_cameo):
    return make_face_cameo(make_user("barack"), photo="obama.jpg", handle="barack")


def as_probe(encodings) -> np.ndarray:
    return np.asarray(encodings).mean(axis=0)


@pytest.mark.django_db
def test_the_registry_holds_verified_revoked_and_reviewed_self_cameos_and_protected_persons(
    make_user, make_cameo, make_face_cameo, faces_dir
):
    owner = make_user("owner")
    verified = make_face_cameo(owner, photo="obama.jpg", handle="held_verified")
    revoked = make_face_cameo(make_user("r"), photo="biden.jpg", handle="held_revoked", status="revoked")
    pending = make_face_cameo(make_user("p"), photo="alex-lacamoire.png", handle="held_pending", status="pending_review")
    rejected = make_face_cameo(make_user("x"), photo="lin-manuel-miranda.png", handle="not_held", status="rejected")
    pet = make_cameo(owner, handle="dog", kind="pet", encodings_encrypted=verified.encodings_encrypted)
    person = ProtectedPerson.objects.create(
        name="Someone", encodings_encrypted=biometrics.encrypt_encodings(face_encodings_from_image(faces_dir / "obama2.jpg"))
    )

    registry = likeness_registry()
    registry.ensure_current()

    held = {(kind, ref) for kind, ref in registry.index._slots}
    assert held == {
        ("cameo", str(verified.pk)),
        ("cameo", str(revoked.pk)),
        ("cameo", str(pending.pk)),
        ("protected", str(person.pk)),
    }
    assert ("cameo", str(rejected.pk)) not in held and ("cameo", str(pet.pk)) not in held


@pytest.mark.django_db
def test_deleting_a_cameo_removes_it_from_the_index_at_once(
    verified_obama, obama_encodings, django_capture_on_commit_callbacks
):
    registry = likeness_registry()
    assert ("cameo", str(verified_obama.pk)) in registry.within(as_probe(obama_encodings), radius=IMPERSONATION_MAX)

    with django_capture_on_commit_callbacks(execute=True):
        cameo_delete(cameo=verified_obama, actor=verified_obama.owner)

    # In this process, at the commit and before any lookup: the plaintext is out of memory.
    assert ("cameo", str(verified_obama.pk)) not in registry.index
    assert registry.within(as_probe(obama_encodings), radius=IMPERSONATION_MAX) == {}


@pytest.mark.django_db
def test_another_process_sees_a_change_at_its_next_lookup(verified_obama, obama_encodings, make_user, faces_dir):
    # Two registries stand for two worker processes; each only reads the database.
    web, worker = LikenessRegistry(), LikenessRegistry()
    worker.ensure_current()
    assert ("cameo", str(verified_obama.pk)) in worker.within(as_probe(obama_encodings), radius=0.4)

    cameo_delete(cameo=verified_obama, actor=verified_obama.owner)
    biden = face_encodings_from_image(faces_dir / "biden.jpg")
    person = ProtectedPerson(name="Joe")
    protected_person_save(person=person, moderator=make_moderator(make_user), encodings=biden)

    found = worker.within(np.vstack([as_probe(obama_encodings), as_probe(biden)]), radius=0.4)
    assert found.keys() == {("protected", str(person.pk))}
    web.ensure_current()
    assert web.index.__len__() == worker.index.__len__() == 1


@pytest.mark.django_db
def test_a_change_committed_late_with_a_smaller_id_is_not_missed(verified_obama, obama_encodings):
    """A transaction that wrote its change row before another's but committed after it (ids are not commit order)."""
    registry = LikenessRegistry()
    registry.ensure_current()
    late = LikenessChange.objects.create(kind="cameo", ref_id=verified_obama.pk)
    newer = LikenessChange.objects.create(kind="cameo", ref_id=verified_obama.pk)
    # The registry saw the newer row only (as if the late one were not committed yet)...
    registry._seen_changes.add(newer.id)
    registry._latest_change = newer.id
    Cameo.objects.filter(pk=verified_obama.pk).update(status=Cameo.Status.DELETED, encodings_encrypted=None)
    # ...and the late one, found by time, is applied at the next look.
    assert late.id < newer.id
    assert registry.within(as_probe(obama_encodings), radius=0.4) == {}


@pytest.mark.django_db
def test_a_bulk_erasure_of_biometrics_reaches_the_registry(verified_obama, obama_encodings):
    from cameos.services import biometrics_purge_for_inactive_accounts

    registry = likeness_registry()
    assert registry.within(as_probe(obama_encodings), radius=0.4)
    verified_obama.owner.is_active = False
    verified_obama.owner.save()

    assert biometrics_purge_for_inactive_accounts() == 1
    assert registry.within(as_probe(obama_encodings), radius=0.4) == {}


@pytest.mark.django_db
def test_a_registry_still_building_refuses_instead_of_answering_empty(verified_obama, obama_encodings, settings):
    settings.LIKENESS_REGISTRY_WAIT_S = 0.2  # how long a lookup waits for a build before refusing
    registry = LikenessRegistry()
    registry._build_lock.acquire()  # another thread is building
    try:
        with pytest.raises(RegistryNotReady):
            registry.within(as_probe(obama_encodings), radius=0.4)
    finally:
        registry._build_lock.release()
    assert registry.within(as_probe(obama_encodings), radius=0.4)


@pytest.mark.django_db
def test_a_registry_that_cannot_decrypt_refuses(verified_obama, obama_encodings):
    Cameo.objects.filter(pk=verified_obama.pk).update(encodings_encrypted=b"not a fernet token")
    with pytest.raises(RegistryNotReady):
        LikenessRegistry().ensure_current()


_files_opened_for_writing: list[str] | None = None


def _note_files_opened_for_writing(event: str, args: tuple) -> None:
    if _files_opened_for_writing is None or event != "open":
        return
    path, mode, flags = args
    writes = any(letter in mode for letter in "wax+") if isinstance(mode, str) else False
    if writes or (flags or 0) & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
        _files_opened_for_writing.append(str(path))


# An audit hook cannot be taken away again: it does nothing until a test sets the list.
sys.addaudithook(_note_files_opened_for_writing)


@pytest.mark.django_db
def test_the_registry_writes_no_plaintext_to_disk(verified_obama, obama_encodings, settings):
    """Plaintext encodings live in memory only: building the registry opens no file for writing in this process (a
    Python audit hook sees every open). Walking the shared temporary folder instead failed at random when `make test`
    ran another process beside this one, which writes its own files there."""
    global _files_opened_for_writing

    def files():
        return {
            os.path.join(root, name) for root, _, names in os.walk(settings.MEDIA_ROOT) for name in names
        }

    before = files()
    _files_opened_for_writing = []
    try:
        LikenessRegistry().ensure_current()
        opened = list(_files_opened_for_writing)
    finally:
        _files_opened_for_writing = None
    assert opened == []
    assert files() - before == set()


def test_the_watch_for_written_files_sees_a_write(tmp_path):
    """The check above can fail: a file written while it watches is seen, by open() and by os.open()."""
    global _files_opened_for_writing

    _files_opened_for_writing = []
    try:
        (tmp_path / "plain.txt").write_text("0.1, 0.2")
        os.close(os.open(tmp_path / "raw.bin", os.O_WRONLY | os.O_CREAT))
        (tmp_path / "plain.txt").read_text()  # reading is no write
        opened = list(_files_opened_for_writing)
    finally:
        _files_opened_for_writing = None
    assert opened == [str(tmp_path / "plain.txt"), str(tmp_path / "raw.bin")]


# ---- a moderator adds a protected person ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_adding_a_protected_person_sends_matching_verified_cameos_to_review(
    verified_obama, make_user, make_face_cameo, faces_dir
):
    other = make_face_cameo(make_user("joe"), photo="biden.jpg", handle="joe")
    moderator = make_moderator(make_user)
    person = ProtectedPerson(name="Barack Obama")

    paused = protected_person_save(
        person=person, moderator=moderator, encodings=face_encodings_from_image(faces_dir / "obama2.jpg")
    )

    assert [c.pk for c in paused] == [verified_obama.pk]
    verified_obama.refresh_from_db()
    other.refresh_from_db()
    assert verified_obama.status == Cameo.Status.PENDING_REVIEW
    assert other.status == Cameo.Status.VERIFIED
    why = verified_obama.review_matches[0]
    assert (why["kind"], why["ref_id"], why["cause"]) == ("protected", str(person.pk), "protected_person_added")
    assert why["distance"] <= REVIEW_MAX
    # Nobody may use it meanwhile, its owner included.
    from cameos.policy import Purpose, check_use

    assert not check_use(verified_obama, verified_obama.owner, Purpose.GENERATE, "a walk").allowed

    # The moderators' queue says why it is there.
    admin = Client()
    admin.force_login(moderator)
    page = admin.get(f"/admin/cameos/cameoawaitingreview/{verified_obama.pk}/change/")
    assert page.status_code == 200
    assert b"protected person" in page.content and str(person.pk).encode() in page.content

    # The moderator decides it is the person's own cameo: verified again, the note cleared.
    cameo_review_decide(cameo=verified_obama, moderator=moderator, decision="verified", reason="It is him")
    verified_obama.refresh_from_db()
    assert verified_obama.status == Cameo.Status.VERIFIED and verified_obama.review_matches == []


@pytest.mark.django_db
def test_a_protected_persons_own_cameo_is_not_sent_to_review(verified_obama, make_user, faces_dir):
    person = ProtectedPerson(name="Barack Obama", own_cameo=verified_obama)
    paused = protected_person_save(
        person=person, moderator=make_moderator(make_user), encodings=face_encodings_from_image(faces_dir / "obama2.jpg")
    )
    assert paused == []
    verified_obama.refresh_from_db()
    assert verified_obama.status == Cameo.Status.VERIFIED


@pytest.mark.django_db
def test_revoking_a_cameo_keeps_its_face_in_the_registry(verified_obama, obama_encodings, make_user):
    """A revoked face still cannot be verified by anyone else: revocation must not free it."""
    cameo_revoke_by_moderator(cameo=verified_obama, moderator=make_moderator(make_user), reason="abuse")
    assert ("cameo", str(verified_obama.pk)) in likeness_registry().within(as_probe(obama_encodings), radius=0.4)


def test_face_index_lookups_use_one_thread():
    """Fork safety: OpenMP threads that ever ran in a process crash its forked children (prefork workers)."""
    import faiss

    assert faiss.omp_get_max_threads() == 1
    index = FaceIndex(ann_min_vectors=1)
    index.load(random_identities(300, np.random.default_rng(1)))
    assert faiss.omp_get_max_threads() == 1


# ---- verification waits for the registry, and never skips it -------------------------------------------------------


@pytest.fixture
def waiting_attempt(make_user):
    from django.core.files.base import ContentFile

    from cameos.models import VerificationAttempt
    from cameos.services import challenge_create

    owner = make_user("newcomer")
    challenge = challenge_create(user=owner)
    cameo = Cameo.objects.create(owner=owner, handle="newcomer", display_name="N", status=Cameo.Status.VERIFYING)
    attempt = VerificationAttempt(cameo=cameo, challenge=challenge)
    attempt.upload.save("clip.mp4", ContentFile(b"not looked at"), save=True)
    return attempt


@pytest.mark.django_db
def test_verification_does_not_start_while_the_registry_cannot_answer(waiting_attempt, monkeypatch):
    from cameos.models import VerificationAttempt
    from cameos.services import cameo_verify

    monkeypatch.setattr(LikenessRegistry, "build", lambda self, wait_s=None: (_ for _ in ()).throw(RegistryNotReady("building")))
    with pytest.raises(RegistryNotReady):
        cameo_verify(attempt_id=waiting_attempt.pk)
    waiting_attempt.refresh_from_db()
    assert waiting_attempt.status == VerificationAttempt.Status.QUEUED
    assert waiting_attempt.cameo.status == Cameo.Status.VERIFYING


@pytest.mark.django_db
def test_the_verification_task_retries_and_finally_refuses_with_a_reason(waiting_attempt, monkeypatch):
    from celery.exceptions import Retry

    from cameos import tasks
    from cameos.models import VerificationAttempt

    monkeypatch.setattr(LikenessRegistry, "build", lambda self, wait_s=None: (_ for _ in ()).throw(RegistryNotReady("building")))
    monkeypatch.setattr(tasks.cameo_verify_task, "retry", lambda **kwargs: Retry("again later"))
    with pytest.raises(Retry):
        tasks.cameo_verify_task.run(waiting_attempt.pk)

    tasks.cameo_verify_task.push_request(retries=tasks.REGISTRY_RETRIES)
    try:
        assert tasks.cameo_verify_task.run(waiting_attempt.pk) == VerificationAttempt.Status.FAILED
    finally:
        tasks.cameo_verify_task.pop_request()
    waiting_attempt.refresh_from_db()
    cameo = Cameo.objects.get(pk=waiting_attempt.cameo_id)
    assert waiting_attempt.reasons == ["service_unavailable"]
    assert (cameo.status, cameo.rejection_reasons) == (Cameo.Status.REJECTED, ["service_unavailable"])
    assert not waiting_attempt.upload


@pytest.mark.django_db(transaction=True)
def test_a_starting_worker_builds_the_registry_in_the_background(verified_obama):
    from cameos import tasks

    # The thread itself, not one found among the running ones: a small registry can be built before a look.
    warmer = tasks._warm_in_background()
    assert warmer.name == "likeness-registry-warm" and warmer.daemon
    warmer.join(timeout=60)
    assert not warmer.is_alive()
    registry = likeness_registry()
    assert registry.ready and ("cameo", str(verified_obama.pk)) in registry.index


@pytest.mark.django_db
def test_old_change_rows_are_pruned_and_a_registry_idle_that_long_reads_everything_again(
    verified_obama, obama_encodings
):
    import datetime

    from django.utils import timezone

    from cameos.registry import CHANGE_RETENTION, likeness_changes_prune

    registry = LikenessRegistry()
    registry.ensure_current()
    long_ago = timezone.now() - CHANGE_RETENTION - datetime.timedelta(minutes=1)
    LikenessChange.objects.update(created_at=long_ago)
    fresh = LikenessChange.objects.create(kind="cameo", ref_id=verified_obama.pk)

    assert likeness_changes_prune() >= 1
    assert list(LikenessChange.objects.values_list("pk", flat=True)) == [fresh.pk]

    # A process that last looked before the pruned rows were written cannot replay them: it builds again.
    registry.synced_at = long_ago
    Cameo.objects.filter(pk=verified_obama.pk).update(status=Cameo.Status.DELETED, encodings_encrypted=None)
    assert registry.within(as_probe(obama_encodings), radius=0.4) == {}
