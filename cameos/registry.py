"""The likeness registry: every protected identity on the platform, and "whose face is this?".

It holds the identities a face must be checked against: self cameos that are verified, waiting for review or
revoked, and protected persons. It answers with the identities within a distance of a face, through an
approximate-nearest-neighbour index (faiss), so that a lookup costs the same at a million cameos as at a hundred.

- `FaceIndex` is the index alone, in memory and without Django: identities in, distances out.
- `LikenessRegistry` keeps a process's FaceIndex equal to the database. It is built from the encrypted rows on
  first use (or when a worker starts), and before each lookup it compares the id of the last `LikenessChange` it
  applied with the table's newest one: one indexed query. A cameo verified, revoked or deleted, or a protected
  person added, in any process is seen by every other on its next lookup.
- Plaintext encodings exist only in this process's memory, never on disk. A removed identity's vectors are
  removed from the index, not hidden.
- Until its first build has finished, the registry answers nothing: callers wait for it (up to a limit) and then
  get RegistryNotReady. Nobody skips the check because the registry is not there yet.
"""

from __future__ import annotations

import datetime
import logging
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import faiss
import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from cameos import biometrics
from cameos.models import Cameo, LikenessChange, ProtectedPerson
from cameos.verification import IdentityIndex, identity_references

logger = logging.getLogger(__name__)

DIMENSIONS = 128  # face_recognition's encodings
# Vector labels are slot * LABELS_PER_SLOT + n: an identity has at most this many reference vectors.
LABELS_PER_SLOT = 32
# Below this many vectors an exact search is as fast as an approximate one (about 2 ms at 50,000), so the index
# stays exact and small registries (tests, a small deployment) get exact answers.
ANN_MIN_VECTORS = 50_000
# The inverted file: about 250 vectors per list (4,000 lists at a million); a lookup scans NPROBE lists, about
# 48,000 vectors whatever the size. Measured in bench/bench_registry.py at a million random unit vectors, 10,000
# planted matches: 1,000 a list with nprobe 48 (the same 48,000 vectors) found 99.58% of them within 0.55; 250 a
# list with nprobe 128 / 192 / 256 found 99.87% / 99.96% / 99.98%, at p50 1.4 / 2.1 / 2.8 ms a lookup (p99 at 192:
# 3.5 ms). Finer lists find more for the same vectors scanned (500 a list, nprobe 96: 99.88%).
ANN_VECTORS_PER_LIST = 250
ANN_NPROBE = 192
# k-means trains on a sample: enough points per centroid for stable lists, few enough to build in seconds.
ANN_TRAIN_POINTS_PER_LIST = 40
# Threads for training and filling a large index (k-means is the one step that is worth parallelising).
ANN_BUILD_THREADS = max(1, os.cpu_count() or 1)
# More changes than this behind: build again instead of replaying them one by one.
CATCH_UP_MAX_CHANGES = 5_000
# A change row written before another but committed after it is still found if it committed within this.
CHANGE_SLACK = datetime.timedelta(minutes=5)
# Change rows are pruned after this; a process that has not looked for longer builds again.
CHANGE_RETENTION = datetime.timedelta(days=1)

# Self cameos whose face nobody else may claim or cast unseen: waiting for review (so a second account cannot
# verify it meanwhile), verified, and revoked (so revocation is not undone by verifying again).
HOLDING_STATUSES = (Cameo.Status.VERIFIED, Cameo.Status.PENDING_REVIEW, Cameo.Status.REVOKED)

IdentityKey = tuple[str, str]

# One thread for lookups: a lookup is one face, too small to gain from OpenMP, and a process whose OpenMP threads
# ever ran cannot safely fork (Celery's prefork pool, tests that fork workers) - the child crashes in libgomp.
# Only the training of a large index uses more (FaceIndex.load).
faiss.omp_set_num_threads(1)


class RegistryNotReady(Exception):
    """The registry is still being built (or could not be); the caller must wait or refuse, never skip."""


@dataclass(frozen=True)
class Identity:
    kind: str  # "cameo" or "protected"
    ref_id: int
    owner_id: int | None
    encodings: np.ndarray  # (n, 128)


@dataclass(frozen=True)
class Neighbour:
    kind: str
    ref_id: str
    owner_id: int | None
    distance: float


class FaceIndex:
    """Identities and their reference vectors in a faiss index; thread-safe; no Django.

    Exact (a flat index) while small, an inverted file (IVF) once it holds ANN_MIN_VECTORS vectors at a build.
    """

    def __init__(self, *, ann_min_vectors: int = ANN_MIN_VECTORS, nprobe: int = ANN_NPROBE) -> None:
        self.ann_min_vectors = ann_min_vectors
        self.nprobe = nprobe
        self._lock = threading.RLock()
        self._slots: dict[IdentityKey, int] = {}
        self._free: list[int] = []
        self._kinds: list[str] = []
        self._refs: list[str] = []
        self._owners = np.zeros(0, dtype=np.int64)  # -1: no owner (a protected person)
        self._counts = np.zeros(0, dtype=np.int32)  # vectors per slot; 0 for a free slot
        self._index: faiss.Index = self._flat()

    # ---- building ----

    @staticmethod
    def _flat() -> faiss.Index:
        return faiss.IndexIDMap2(faiss.IndexFlatL2(DIMENSIONS))

    def _ivf(self, vectors: np.ndarray) -> faiss.Index:
        lists = max(16, len(vectors) // ANN_VECTORS_PER_LIST)
        quantizer = faiss.IndexFlatL2(DIMENSIONS)
        index = faiss.IndexIVFFlat(quantizer, DIMENSIONS, lists, faiss.METRIC_L2)
        sample_size = min(len(vectors), lists * ANN_TRAIN_POINTS_PER_LIST)
        rng = np.random.default_rng(0)
        sample = vectors[rng.choice(len(vectors), size=sample_size, replace=False)] if sample_size < len(vectors) else vectors
        index.cp.max_points_per_centroid = ANN_TRAIN_POINTS_PER_LIST
        index.train(np.ascontiguousarray(sample))
        index.nprobe = min(self.nprobe, lists)
        # A hash table from label to place, so that remove_ids and reconstruct work on the inverted lists.
        index.set_direct_map_type(faiss.DirectMap.Hashtable)
        return index

    def load(self, identities: Iterable[Identity]) -> None:
        """Replace everything with these identities, choosing exact or approximate search by their number."""
        keys: dict[IdentityKey, int] = {}
        kinds: list[str] = []
        refs: list[str] = []
        owners: list[int] = []
        counts: list[int] = []
        blocks: list[np.ndarray] = []
        label_blocks: list[np.ndarray] = []
        for identity in identities:
            vectors = self._references(identity.encodings)
            key = (identity.kind, str(identity.ref_id))
            if key in keys or not len(vectors):
                continue
            slot = len(kinds)
            keys[key] = slot
            kinds.append(identity.kind)
            refs.append(str(identity.ref_id))
            owners.append(identity.owner_id if identity.owner_id is not None else -1)
            counts.append(len(vectors))
            blocks.append(vectors)
            label_blocks.append(slot * LABELS_PER_SLOT + np.arange(len(vectors), dtype=np.int64))
        vectors = np.vstack(blocks) if blocks else np.zeros((0, DIMENSIONS), dtype=np.float32)
        labels = np.concatenate(label_blocks) if label_blocks else np.zeros(0, dtype=np.int64)
        del blocks, label_blocks
        if len(vectors) >= self.ann_min_vectors:
            faiss.omp_set_num_threads(ANN_BUILD_THREADS)
            try:
                index = self._ivf(vectors)
                index.add_with_ids(vectors, labels)
            finally:
                faiss.omp_set_num_threads(1)
        else:
            index = self._flat()
            if len(vectors):
                index.add_with_ids(vectors, labels)
        with self._lock:
            self._index = index
            self._slots = keys
            self._free = []
            self._kinds, self._refs = kinds, refs
            self._owners = np.asarray(owners, dtype=np.int64)
            self._counts = np.asarray(counts, dtype=np.int32)

    @staticmethod
    def _references(encodings: np.ndarray) -> np.ndarray:
        if not len(encodings):
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        references = identity_references(encodings)[:LABELS_PER_SLOT]
        if references.shape[1] != DIMENSIONS:
            raise ValueError(f"face encodings must have {DIMENSIONS} dimensions, not {references.shape[1]}")
        return np.ascontiguousarray(references, dtype=np.float32)

    # ---- changes ----

    def put(self, identity: Identity) -> None:
        """Add an identity, or replace its vectors."""
        vectors = self._references(identity.encodings)
        key = (identity.kind, str(identity.ref_id))
        with self._lock:
            self._remove(key)
            if not len(vectors):
                return
            if self._free:
                slot = self._free.pop()
            else:
                slot = len(self._kinds)
                self._kinds.append("")
                self._refs.append("")
                self._owners = np.append(self._owners, -1)
                self._counts = np.append(self._counts, 0).astype(np.int32)
            self._slots[key] = slot
            self._kinds[slot] = identity.kind
            self._refs[slot] = str(identity.ref_id)
            self._owners[slot] = identity.owner_id if identity.owner_id is not None else -1
            self._counts[slot] = len(vectors)
            self._index.add_with_ids(vectors, slot * LABELS_PER_SLOT + np.arange(len(vectors), dtype=np.int64))

    def remove(self, kind: str, ref_id: int | str) -> bool:
        with self._lock:
            return self._remove((kind, str(ref_id)))

    def _remove(self, key: IdentityKey) -> bool:
        slot = self._slots.pop(key, None)
        if slot is None:
            return False
        labels = slot * LABELS_PER_SLOT + np.arange(int(self._counts[slot]), dtype=np.int64)
        self._index.remove_ids(labels)
        self._counts[slot] = 0
        self._owners[slot] = -1
        self._kinds[slot] = ""
        self._refs[slot] = ""
        self._free.append(slot)
        return True

    # ---- lookups ----

    def __len__(self) -> int:
        return len(self._slots)

    def __contains__(self, key: IdentityKey) -> bool:
        return (key[0], str(key[1])) in self._slots

    @property
    def approximate(self) -> bool:
        return isinstance(self._index, faiss.IndexIVF)

    def within(
        self, probes: np.ndarray, *, radius: float, excluding_owner: int | None = None
    ) -> dict[IdentityKey, float]:
        """Every identity with a vector within radius of a probe, with its smallest distance."""
        probes = np.ascontiguousarray(np.asarray(probes, dtype=np.float32).reshape(-1, DIMENSIONS))
        found: dict[IdentityKey, float] = {}
        with self._lock:
            if not self._slots or not len(probes):
                return found
            limits, squared, labels = self._index.range_search(probes, float(radius) ** 2)
            slots = labels // LABELS_PER_SLOT
            for slot, distance_sq in zip(slots.tolist(), squared.tolist(), strict=True):
                if excluding_owner is not None and self._owners[slot] == excluding_owner:
                    continue
                key = (self._kinds[slot], self._refs[slot])
                distance = float(np.sqrt(max(distance_sq, 0.0)))
                if distance < found.get(key, np.inf):
                    found[key] = distance
        return found

    def nearest(self, probe: np.ndarray, *, count: int = 5) -> list[Neighbour]:
        """The closest identities to one face, nearest first."""
        probe = np.ascontiguousarray(np.asarray(probe, dtype=np.float32).reshape(1, DIMENSIONS))
        with self._lock:
            if not self._slots:
                return []
            # An identity has several vectors: ask for enough of them to name `count` identities.
            squared, labels = self._index.search(probe, count * 8)
            best: dict[int, float] = {}
            for label, distance_sq in zip(labels[0].tolist(), squared[0].tolist(), strict=True):
                if label < 0:
                    continue
                slot = label // LABELS_PER_SLOT
                best[slot] = min(best.get(slot, np.inf), float(np.sqrt(max(distance_sq, 0.0))))
            ranked = sorted(best.items(), key=lambda item: item[1])[:count]
            return [
                Neighbour(
                    kind=self._kinds[slot],
                    ref_id=self._refs[slot],
                    owner_id=int(self._owners[slot]) if self._owners[slot] >= 0 else None,
                    distance=distance,
                )
                for slot, distance in ranked
            ]

    def distances_to(self, kind: str, ref_id: int | str, probes: np.ndarray) -> np.ndarray | None:
        """Each probe's distance to one identity (its nearest reference vector); None when it is not held."""
        probes = np.asarray(probes, dtype=np.float32).reshape(-1, DIMENSIONS)
        with self._lock:
            slot = self._slots.get((kind, str(ref_id)))
            if slot is None:
                return None
            labels = slot * LABELS_PER_SLOT + np.arange(int(self._counts[slot]), dtype=np.int64)
            references = np.vstack([self._index.reconstruct(int(label)) for label in labels])
        return np.min(np.linalg.norm(probes[:, None, :] - references[None, :, :], axis=2), axis=1)


class OwnerExcludedView:
    """The registry as the verification engine sees it: everyone's faces but the uploader's own."""

    def __init__(self, registry: LikenessRegistry, owner_id: int | None) -> None:
        self._registry = registry
        self._owner_id = owner_id

    def closest(self, probes: np.ndarray, *, radius: float) -> dict[IdentityKey, float]:
        return self._registry.within(probes, radius=radius, excluding_owner=self._owner_id)


class LikenessRegistry:
    """This process's FaceIndex, kept equal to the database through the LikenessChange table.

    The check before a lookup reads the change rows made since this process last looked (minus CHANGE_SLACK,
    for a transaction that wrote its row before another's and committed after it) and applies those it has not
    seen: one indexed query that returns nothing new in the usual case.
    """

    def __init__(self, *, ann_min_vectors: int = ANN_MIN_VECTORS) -> None:
        self.index = FaceIndex(ann_min_vectors=ann_min_vectors)
        self.synced_at: datetime.datetime | None = None  # None: never built
        self._seen_changes: set[int] = set()
        self._latest_change = 0
        self._build_lock = threading.Lock()
        self._sync_lock = threading.RLock()

    @property
    def ready(self) -> bool:
        return self.synced_at is not None

    # ---- keeping current ----

    def ensure_current(self, *, wait_s: float | None = None) -> None:
        """Build on first use, else apply the changes since the last look. Raises RegistryNotReady."""
        if not self.ready:
            self.build(wait_s=wait_s)
            return
        with self._sync_lock:
            if timezone.now() - self.synced_at > CHANGE_RETENTION - CHANGE_SLACK:
                # Rows this old may be pruned already: read everything again rather than miss one.
                self._load_everything()
            else:
                self._catch_up()

    def build(self, *, wait_s: float | None = None) -> None:
        """Read every identity from the encrypted rows into a new index."""
        wait_s = settings.LIKENESS_REGISTRY_WAIT_S if wait_s is None else wait_s
        if not self._build_lock.acquire(timeout=wait_s):
            raise RegistryNotReady("the likeness registry is still being built")
        try:
            if self.ready:
                return  # another thread built it while we waited
            with self._sync_lock:
                self._load_everything()
            logger.info("likeness registry built: %d identities, approximate=%s", len(self.index), self.index.approximate)
        except Exception as exc:
            raise RegistryNotReady(f"the likeness registry could not be built: {exc}") from exc
        finally:
            self._build_lock.release()

    def _load_everything(self) -> None:
        started = timezone.now()
        # The change rows committed before the identity rows are read are reflected by them: seen. Rows committed
        # while they are read are replayed by the next catch-up (a put is idempotent).
        self._seen_changes = set(
            LikenessChange.objects.filter(created_at__gte=started - CHANGE_SLACK).values_list("id", flat=True)
        )
        self._latest_change = LikenessChange.objects.aggregate(latest=Max("id"))["latest"] or 0
        self.index.load(identity_rows())
        self.synced_at = started
        self._catch_up(rebuild_if_far_behind=False)

    def _catch_up(self, *, rebuild_if_far_behind: bool = True) -> None:
        started = timezone.now()
        recent = list(
            LikenessChange.objects.filter(
                Q(created_at__gte=self.synced_at - CHANGE_SLACK) | Q(id__gt=self._latest_change)
            ).values_list("id", "kind", "ref_id")
        )
        unseen = {(kind, ref_id) for change_id, kind, ref_id in recent if change_id not in self._seen_changes}
        if rebuild_if_far_behind and len(unseen) > CATCH_UP_MAX_CHANGES:
            self._load_everything()
            return
        if unseen:
            cameo_ids = {ref for kind, ref in unseen if kind == LikenessChange.Kind.CAMEO}
            person_ids = {ref for kind, ref in unseen if kind == LikenessChange.Kind.PROTECTED}
            current = {(i.kind, str(i.ref_id)): i for i in identity_rows(cameo_ids=cameo_ids, person_ids=person_ids)}
            for kind, ref_id in unseen:
                identity = current.get((kind, str(ref_id)))
                if identity is None:
                    self.index.remove(kind, ref_id)
                else:
                    self.index.put(identity)
        self._seen_changes = {change_id for change_id, _, _ in recent}
        self._latest_change = max([self._latest_change, *self._seen_changes])
        self.synced_at = started

    # ---- lookups (each brings the registry up to date first) ----

    def within(self, probes: np.ndarray, *, radius: float, excluding_owner: int | None = None) -> dict[IdentityKey, float]:
        self.ensure_current()
        return self.index.within(probes, radius=radius, excluding_owner=excluding_owner)

    def nearest(self, probe: np.ndarray, *, count: int = 5) -> list[Neighbour]:
        self.ensure_current()
        return self.index.nearest(probe, count=count)

    def distances_to(self, kind: str, ref_id: int, probes: np.ndarray) -> np.ndarray | None:
        self.ensure_current()
        return self.index.distances_to(kind, ref_id, probes)

    def excluding_owner(self, owner_id: int | None) -> IdentityIndex:
        self.ensure_current()
        return OwnerExcludedView(self, owner_id)


def identity_rows(*, cameo_ids: Iterable[int] | None = None, person_ids: Iterable[int] | None = None) -> Iterator[Identity]:
    """Every identity the registry holds, decrypted one row at a time (or only the given ones)."""
    cameos = (
        Cameo.objects.filter(kind=Cameo.Kind.SELF, status__in=HOLDING_STATUSES)
        .exclude(encodings_encrypted=None)
        .order_by("pk")
    )
    persons = ProtectedPerson.objects.exclude(encodings_encrypted=None).order_by("pk")
    if cameo_ids is not None:
        cameos = cameos.filter(pk__in=list(cameo_ids))
    if person_ids is not None:
        persons = persons.filter(pk__in=list(person_ids))
    for cameo_id, owner_id, token in cameos.values_list("pk", "owner_id", "encodings_encrypted").iterator(chunk_size=2000):
        yield Identity("cameo", cameo_id, owner_id, np.asarray(biometrics.decrypt_encodings(token)))
    for person_id, token in persons.values_list("pk", "encodings_encrypted").iterator(chunk_size=2000):
        yield Identity("protected", person_id, None, np.asarray(biometrics.decrypt_encodings(token)))


_registry: LikenessRegistry | None = None
_registry_lock = threading.Lock()


def likeness_registry() -> LikenessRegistry:
    """This process's registry (built on first use)."""
    global _registry
    with _registry_lock:
        if _registry is None:
            _registry = LikenessRegistry()
        return _registry


def reset_likeness_registry() -> None:
    """Forget this process's registry (tests, and a process that changed its biometric key)."""
    global _registry
    with _registry_lock:
        _registry = None


def warm_likeness_registry() -> None:
    """Build the registry now (a worker starting), so that the first verification or render does not wait."""
    try:
        likeness_registry().build()
    except RegistryNotReady:
        logger.exception("likeness registry warm-up failed; lookups will build it or refuse")
    finally:
        connection.close()


def keep_likeness_registry_current(stop: threading.Event, *, every_s: float | None = None) -> None:
    """Bring this process's registry up to date every ``every_s`` seconds until ``stop`` is set (a worker process's
    thread, cameos.tasks). A face deleted by another process (the web process serving its owner's DELETE) leaves an
    idle worker's memory within that time, not only at its next lookup: biometric data is deleted with its cameo
    at once, copies in memory included."""
    every_s = settings.LIKENESS_REGISTRY_SYNC_S if every_s is None else every_s
    while not stop.wait(every_s):
        try:
            registry = _registry
            if registry is not None and registry.ready:
                _catch_up_quietly()
        except Exception:
            logger.exception("likeness registry catch-up failed; trying again in %s s", every_s)
        finally:
            connection.close()


# ---- change log: every save or delete of an identity row tells the other processes ----

# Saves that cannot change a face the registry holds: a cameo's settings, its consent version.
_IDENTITY_FIELDS = {"status", "encodings_encrypted", "kind", "owner"}


def _cameo_changed(sender, instance: Cameo, update_fields=None, **kwargs) -> None:
    if instance.kind != Cameo.Kind.SELF:
        return  # characters never hold a face in the registry
    if update_fields is not None and not (set(update_fields) & _IDENTITY_FIELDS):
        return
    _record_change(LikenessChange.Kind.CAMEO, instance.pk)


def _cameo_deleted(sender, instance: Cameo, **kwargs) -> None:
    _record_change(LikenessChange.Kind.CAMEO, instance.pk)


def _person_changed(sender, instance: ProtectedPerson, **kwargs) -> None:
    _record_change(LikenessChange.Kind.PROTECTED, instance.pk)


def record_likeness_changes(*, cameo_ids: Iterable[int] = (), person_ids: Iterable[int] = ()) -> None:
    """For bulk updates, which send no signals: these rows changed, every registry must look at them again."""
    rows = [LikenessChange(kind=LikenessChange.Kind.CAMEO, ref_id=pk) for pk in cameo_ids]
    rows += [LikenessChange(kind=LikenessChange.Kind.PROTECTED, ref_id=pk) for pk in person_ids]
    if rows:
        LikenessChange.objects.bulk_create(rows)
        _after_change()


def _record_change(kind: str, ref_id: int) -> None:
    LikenessChange.objects.create(kind=kind, ref_id=ref_id)
    _after_change()


def _after_change() -> None:
    if _registry is not None and _registry.ready:
        # This process drops a deleted face from memory at once, not at its next lookup.
        transaction.on_commit(_catch_up_quietly)


def likeness_changes_prune() -> int:
    """Delete change rows older than CHANGE_RETENTION (a daily task); a registry that old builds again."""
    deleted, _ = LikenessChange.objects.filter(created_at__lt=timezone.now() - CHANGE_RETENTION).delete()
    return deleted


def _catch_up_quietly() -> None:
    registry = _registry
    if registry is None:
        return
    try:
        registry.ensure_current(wait_s=0)
    except RegistryNotReady:
        logger.warning("likeness registry catch-up deferred to the next lookup")


def connect_change_signals() -> None:
    post_save.connect(_cameo_changed, sender=Cameo, dispatch_uid="likeness-cameo-saved")
    post_delete.connect(_cameo_deleted, sender=Cameo, dispatch_uid="likeness-cameo-deleted")
    post_save.connect(_person_changed, sender=ProtectedPerson, dispatch_uid="likeness-person-saved")
    post_delete.connect(_person_changed, sender=ProtectedPerson, dispatch_uid="likeness-person-deleted")
