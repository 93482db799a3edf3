"""The likeness registry at scale: a million synthetic identities, encrypted as the product stores them.

Builds cameos.registry.FaceIndex from Fernet tokens (cameos.biometrics.encrypt_encodings, one encoding each),
as LikenessRegistry does from the database rows, and prints:
- setup: the time to encrypt the identities (not part of the build);
- the build from the encrypted rows: decrypting, and loading the index (exact or IVF, by size), and the
  resident memory before and after;
- query p50 and p99 for one face, `within(probe, radius=0.55)` and `nearest(probe)` (targets: p99 <= 5 ms);
- the recall of planted matches at the verification threshold (target >= 99.9%), by distance band, and the
  decoys just beyond it that were (wrongly) returned;
- today's linear scan (decrypt every token, then compare every identity, judge_identity) at 10k and 100k
  identities, and its ratio to the registry's query.

The identities are random unit 128-d vectors (random points are IVF's hardest case: they have no clusters). Each
probe has one planted identity at a known distance in 0.05..0.549 (below 0.55, so float32 rounding cannot push it
over the line) and one decoy at 0.56..0.60. Two random unit vectors are about 1.41 apart (sd 0.06), so nothing else
is within 0.55 of a probe. Real face encodings are not unit vectors (norms of about 1.0-1.4), which does not change
what is measured here: distances.

The database is not read: rows come from a list of tokens in memory, in the order identity_rows yields them, so
the figures are decrypt + index, not a PostgreSQL scan. LikenessRegistry's lookups also run one indexed query
(the version check) that is not counted here.

Run: .venv/bin/python bench/bench_registry.py [--identities 1000000] [--planted 10000] [--linear 10000,100000]
     [--sweep-nprobe 16,32,64]   (recall and latency at other nprobe values, on the same built index)
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DIMENSIONS = 128
RADIUS = 0.55  # cameos.verification.IMPERSONATION_MAX, checked below
PLANTED_MIN, PLANTED_MAX = 0.05, 0.549
DECOY_MIN, DECOY_MAX = 0.56, 0.60
BANDS = ((0.05, 0.35), (0.35, 0.45), (0.45, 0.50), (0.50, 0.55))


def _django() -> None:
    """Django set up for biometrics (the Fernet key); no database is used. A no-op under pytest-django."""
    from django.apps import apps

    if apps.ready:
        return
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sora_social.settings")
    os.environ.setdefault("SORA_VAR_DIR", str(ROOT / "var" / "bench"))
    import django

    django.setup()


def _memory_kb() -> dict[str, int]:
    """VmRSS and VmHWM (the peak) of this process, in kB."""
    values = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            values[name] = int(rest.split()[0])
    return values


def _reset_peak() -> bool:
    """Start VmHWM again from the current RSS (Linux 4.0+), so that the peak is the build's own."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _trimmed_rss_mb() -> float | None:
    """VmRSS (MB) once glibc has handed back the free memory it keeps (malloc_trim); None where there is no glibc."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        gc.collect()
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        return None
    return _memory_kb()["VmRSS"] / 1024


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _at_distance(rng: np.random.Generator, probes: np.ndarray, distances: np.ndarray) -> np.ndarray:
    """Unit vectors at exactly these (chord) distances from unit probes: rotated away by 2 asin(d / 2)."""
    directions = rng.standard_normal(probes.shape)
    directions -= np.sum(directions * probes, axis=1, keepdims=True) * probes  # orthogonal to the probe
    directions = _unit(directions)
    angles = 2 * np.arcsin(distances / 2)
    return np.cos(angles)[:, None] * probes + np.sin(angles)[:, None] * directions


def synthetic_identities(identities: int, planted: int, *, seed: int = 7) -> dict:
    """Random unit vectors, with a planted near-duplicate and a decoy for each probe, at random rows."""
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((identities, DIMENSIONS), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    probes = _unit(rng.standard_normal((planted, DIMENSIONS)))
    planted_distances = np.linspace(PLANTED_MIN, PLANTED_MAX, planted)
    decoy_distances = rng.uniform(DECOY_MIN, DECOY_MAX, planted)
    rows = rng.choice(identities, size=2 * planted, replace=False)
    planted_rows, decoy_rows = rows[:planted], rows[planted:]
    planted_vectors = _at_distance(rng, probes, planted_distances)
    decoy_vectors = _at_distance(rng, probes, decoy_distances)
    # The tokens hold float64 and the index float32: the distances that count are those of the stored values.
    vectors[planted_rows] = planted_vectors
    vectors[decoy_rows] = decoy_vectors
    stored = vectors.astype(np.float64)
    return {
        "vectors": vectors,
        "probes": probes,
        "planted_rows": planted_rows,
        "planted_distances": np.linalg.norm(stored[planted_rows] - probes, axis=1),
        "decoy_rows": decoy_rows,
        "decoy_distances": np.linalg.norm(stored[decoy_rows] - probes, axis=1),
    }


def ref_id(row: int) -> int:
    return row + 1  # a cameo's primary key; each identity has its own owner, of the same number


def encrypted_rows(vectors: np.ndarray) -> list[bytes]:
    """One Fernet token per identity, one encoding in each: what Cameo.encodings_encrypted holds."""
    from cameos import biometrics

    return [biometrics.encrypt_encodings([vector]) for vector in vectors]


def identities_from_rows(tokens: list[bytes], decrypt_seconds: list[float]):
    """Identity objects decrypted one at a time, as cameos.registry.identity_rows yields them; times the decrypts."""
    from cameos import biometrics
    from cameos.registry import Identity

    clock = time.perf_counter
    for row, token in enumerate(tokens):
        started = clock()
        encodings = np.asarray(biometrics.decrypt_encodings(token))
        decrypt_seconds[0] += clock() - started
        yield Identity("cameo", ref_id(row), ref_id(row), encodings)


def linear_scan_seconds(tokens: list[bytes], probe: np.ndarray) -> tuple[float, float, list[dict]]:
    """Today's path before the registry: decrypt every row into a KnownIdentity, then judge_identity compares all."""
    from cameos import biometrics
    from cameos.verification import KnownIdentity, judge_identity

    started = time.perf_counter()
    known = [
        KnownIdentity(ref_id=str(ref_id(row)), kind="cameo", encodings=biometrics.decrypt_encodings(token))
        for row, token in enumerate(tokens)
    ]
    decrypted = time.perf_counter()
    verdict = judge_identity([probe], known)
    compared = time.perf_counter()
    return decrypted - started, compared - decrypted, verdict.matched


class Lookups:
    """Per lookup: wall milliseconds, and CPU milliseconds of this thread (wall minus CPU is waiting for a core)."""

    def __init__(self) -> None:
        self.wall_ms: list[float] = []
        self.cpu_ms: list[float] = []

    def __iadd__(self, other: Lookups) -> Lookups:
        self.wall_ms += other.wall_ms
        self.cpu_ms += other.cpu_ms
        return self


class CollectorClock:
    """The generation-2 garbage collections that ran while it was open, and the longest one (ms)."""

    def __init__(self) -> None:
        self.pauses_ms: list[float] = []
        self._started = 0.0

    def _callback(self, phase: str, info: dict) -> None:
        if info.get("generation") != 2:
            return
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses_ms.append((time.perf_counter() - self._started) * 1000)

    def __enter__(self) -> CollectorClock:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc) -> None:
        gc.callbacks.remove(self._callback)


def query_timings(index, probes: np.ndarray, *, nearest: bool = True) -> tuple[Lookups, Lookups, list[dict]]:
    """Times of within() and of nearest() for each probe, one face at a time, and what within found."""
    within, closest, found = Lookups(), Lookups(), []
    clock, cpu = time.perf_counter, time.thread_time
    for probe in probes:
        started, started_cpu = clock(), cpu()
        result = index.within(probe, radius=RADIUS)
        within.cpu_ms.append((cpu() - started_cpu) * 1000)
        within.wall_ms.append((clock() - started) * 1000)
        found.append(result)
    for probe in probes if nearest else ():
        started, started_cpu = clock(), cpu()
        index.nearest(probe, count=5)
        closest.cpu_ms.append((cpu() - started_cpu) * 1000)
        closest.wall_ms.append((clock() - started) * 1000)
    return within, closest, found


def recall_figures(data: dict, found: list[dict]) -> dict:
    """Planted identities within RADIUS that within() returned, overall and by band; decoys and strangers returned."""
    planted_keys = [("cameo", str(ref_id(row))) for row in data["planted_rows"]]
    decoy_keys = [("cameo", str(ref_id(row))) for row in data["decoy_rows"]]
    hits = np.array([key in result for key, result in zip(planted_keys, found, strict=True)])
    eligible = data["planted_distances"] < RADIUS
    errors = [
        abs(result[key] - distance)
        for key, result, distance in zip(planted_keys, found, data["planted_distances"], strict=True)
        if key in result
    ]
    bands = []
    for low, high in BANDS:
        in_band = eligible & (data["planted_distances"] >= low) & (data["planted_distances"] < high)
        bands.append((low, high, int(hits[in_band].sum()), int(in_band.sum())))
    decoys = sum(key in result for key, result in zip(decoy_keys, found, strict=True))
    known = set(planted_keys) | set(decoy_keys)
    strangers = sum(1 for result in found for key in result if key not in known)
    return {
        "recall": float(hits[eligible].mean()) if eligible.any() else 1.0,
        "hits": int(hits[eligible].sum()),
        "eligible": int(eligible.sum()),
        "bands": bands,
        "decoys_returned": int(decoys),
        "strangers_returned": int(strangers),
        "max_distance_error": max(errors) if errors else 0.0,
    }


def _latency(lookups: Lookups) -> str:
    wall, cpu = lookups.wall_ms, lookups.cpu_ms
    return (
        f"p50 {_percentile(wall, 0.5):.2f} ms, p99 {_percentile(wall, 0.99):.2f} ms, max {max(wall):.1f} ms "
        f"(CPU time p50 {_percentile(cpu, 0.5):.2f} ms, p99 {_percentile(cpu, 0.99):.2f} ms)"
    )


def _print_queries(label: str, within: Lookups, closest: Lookups, recall: dict) -> None:
    print(
        f"{label}: within(radius={RADIUS}) {_latency(within)}; nearest(count=5) {_latency(closest)}; target p99 <= 5 ms"
    )
    bands = ", ".join(f"{low:.2f}-{high:.2f} {hit}/{total}" for low, high, hit, total in recall["bands"])
    print(
        f"{label}: recall of planted matches within {RADIUS}: {recall['recall']:.2%} "
        f"({recall['hits']}/{recall['eligible']}; target >= 99.9%); by distance {bands}; "
        f"decoys at {DECOY_MIN}-{DECOY_MAX} returned {recall['decoys_returned']}, "
        f"other identities returned {recall['strangers_returned']}, "
        f"largest distance error {recall['max_distance_error']:.1e}"
    )


def _print_sweep(nprobe: int, within: Lookups, recall: dict) -> None:
    bands = ", ".join(f"{low:.2f}-{high:.2f} {hit}/{total}" for low, high, hit, total in recall["bands"])
    print(
        f"  nprobe {nprobe}: within {_latency(within)}; "
        f"recall {recall['recall']:.2%} ({recall['hits']}/{recall['eligible']}; {bands})"
    )


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--identities", type=int, default=1_000_000)
    parser.add_argument("--planted", type=int, default=10_000, help="probes, each with a planted match and a decoy")
    parser.add_argument("--strangers", type=int, default=1000, help="extra probes that match nobody, timed too")
    parser.add_argument("--linear", default="10000,100000", help="sizes for today's linear scan ('' for none)")
    parser.add_argument("--sweep-nprobe", default="", help="other nprobe values to measure on the built IVF index")
    parser.add_argument("--ann-min-vectors", type=int, default=None, help="default: registry.ANN_MIN_VECTORS")
    args = parser.parse_args(argv)
    _django()

    import faiss

    from cameos import registry
    from cameos.verification import IMPERSONATION_MAX

    if IMPERSONATION_MAX != RADIUS:
        raise SystemExit(f"IMPERSONATION_MAX is {IMPERSONATION_MAX}, this bench measures at {RADIUS}: update it")
    figures: dict = {"identities": args.identities}
    ann_min = registry.ANN_MIN_VECTORS if args.ann_min_vectors is None else args.ann_min_vectors
    print(
        f"{os.cpu_count()} cores, faiss {faiss.__version__}; ANN_MIN_VECTORS {registry.ANN_MIN_VECTORS:,}, "
        f"ANN_VECTORS_PER_LIST {registry.ANN_VECTORS_PER_LIST:,}, ANN_NPROBE {registry.ANN_NPROBE}, "
        f"ANN_TRAIN_POINTS_PER_LIST {registry.ANN_TRAIN_POINTS_PER_LIST}, ANN_BUILD_THREADS {registry.ANN_BUILD_THREADS}"
    )

    # ---- setup: identities, encrypted as the product stores them ----
    started = time.perf_counter()
    data = synthetic_identities(args.identities, args.planted)
    generated = time.perf_counter()
    tokens = encrypted_rows(data["vectors"])
    encrypted = time.perf_counter()
    del data["vectors"]
    figures["encrypt_s"] = encrypted - generated
    print(
        f"setup (not part of the build): {args.identities:,} random unit vectors with {args.planted:,} planted "
        f"matches and {args.planted:,} decoys in {generated - started:.1f} s; encrypt_encodings one by one "
        f"{figures['encrypt_s']:.1f} s ({figures['encrypt_s'] / args.identities * 1e6:.0f} us a row, "
        f"{sum(map(len, tokens)) / 1e6:.0f} MB of tokens)"
    )

    # ---- build from the encrypted rows ----
    before = _memory_kb()
    _reset_peak()
    index = registry.FaceIndex(ann_min_vectors=ann_min)
    decrypt_seconds = [0.0]
    started = time.perf_counter()
    index.load(identities_from_rows(tokens, decrypt_seconds))
    build_s = time.perf_counter() - started
    after = _memory_kb()
    figures.update(
        build_s=build_s,
        decrypt_s=decrypt_seconds[0],
        index_s=build_s - decrypt_seconds[0],
        rss_before_mb=before["VmRSS"] / 1024,
        rss_after_mb=after["VmRSS"] / 1024,
        rss_peak_mb=after["VmHWM"] / 1024,
        approximate=index.approximate,
    )
    kind = (
        f"IVF, {faiss.extract_index_ivf(index._index).nlist:,} lists, nprobe {faiss.extract_index_ivf(index._index).nprobe}"
        if index.approximate
        else "exact (flat)"
    )
    print(
        f"build from {len(tokens):,} encrypted rows: {build_s:.1f} s = decrypt {decrypt_seconds[0]:.1f} s + "
        f"index load {figures['index_s']:.1f} s ({kind}; {len(index):,} identities)"
    )
    trimmed = _trimmed_rss_mb()
    figures["rss_trimmed_mb"] = trimmed
    print(
        f"resident memory: {figures['rss_before_mb']:,.0f} MB before the build (the tokens held), "
        f"{figures['rss_after_mb']:,.0f} MB after: the registry holds {figures['rss_after_mb'] - figures['rss_before_mb']:,.0f} MB; "
        f"peak during the build {figures['rss_peak_mb']:,.0f} MB (+{figures['rss_peak_mb'] - figures['rss_before_mb']:,.0f} MB); "
        + (
            f"after malloc_trim (memory freed by the build, returned to the system) {trimmed:,.0f} MB: "
            f"+{trimmed - figures['rss_before_mb']:,.0f} MB; "
            if trimmed
            else ""
        )
        + f"the float32 vectors alone are {len(index) * DIMENSIONS * 4 / 2**20:,.0f} MB"
    )

    # ---- queries: one face at a time ----
    rng = np.random.default_rng(11)
    strangers = _unit(rng.standard_normal((args.strangers, DIMENSIONS)))
    query_timings(index, data["probes"][:50])  # warm up
    with CollectorClock() as collections:
        within, closest, found = query_timings(index, data["probes"])
        stranger_within, stranger_closest, stranger_found = query_timings(index, strangers)
    recall = recall_figures(data, found)
    recall["strangers_returned"] += sum(len(result) for result in stranger_found)
    within += stranger_within
    closest += stranger_closest
    figures.update(
        recall=recall["recall"],
        within_p50_ms=_percentile(within.wall_ms, 0.5),
        within_p99_ms=_percentile(within.wall_ms, 0.99),
        within_cpu_p99_ms=_percentile(within.cpu_ms, 0.99),
        nearest_p50_ms=_percentile(closest.wall_ms, 0.5),
        nearest_p99_ms=_percentile(closest.wall_ms, 0.99),
        decoys_returned=recall["decoys_returned"],
        strangers_returned=recall["strangers_returned"],
    )
    _print_queries(
        f"one face, {len(within.wall_ms):,} lookups each ({args.planted:,} with a planted match, "
        f"{args.strangers:,} matching nobody)",
        within,
        closest,
        recall,
    )
    pauses = collections.pauses_ms
    print(
        f"full garbage collections during the lookups: {len(pauses)}"
        + (f", longest {max(pauses):.0f} ms" if pauses else "")
    )

    for nprobe in [int(value) for value in args.sweep_nprobe.split(",") if value]:
        if not index.approximate:
            break
        faiss.extract_index_ivf(index._index).nprobe = nprobe  # the bench only: the product sets it at build
        swept, _, found = query_timings(index, data["probes"], nearest=False)
        _print_sweep(nprobe, swept, recall_figures(data, found))
    if index.approximate:
        faiss.extract_index_ivf(index._index).nprobe = min(index.nprobe, faiss.extract_index_ivf(index._index).nlist)

    # ---- today's linear scan, for comparison ----
    registry_ms = figures["within_p50_ms"]
    for size in [int(value) for value in args.linear.split(",") if value]:
        size = min(size, len(tokens))
        # A probe whose planted match is among these rows, so that both answers can be compared.
        inside = np.flatnonzero(data["planted_rows"] < size)
        probe_at = int(inside[-1]) if len(inside) else 0
        runs = [linear_scan_seconds(tokens[:size], data["probes"][probe_at]) for _ in range(3 if size <= 20_000 else 1)]
        decrypt_s = statistics.median(run[0] for run in runs)
        compare_s = statistics.median(run[1] for run in runs)
        matched = runs[0][2]
        expected = str(ref_id(int(data["planted_rows"][probe_at])))
        by_registry = sorted(ref for _, ref in found[probe_at]) if probe_at < len(found) else []
        same = bool(len(inside)) and [m["ref_id"] for m in matched] == [expected] == by_registry
        total_ms = (decrypt_s + compare_s) * 1000
        figures[f"linear_{size}_s"] = total_ms / 1000
        print(
            f"linear scan, {size:,} identities (decrypt all, compare all; judge_identity): {total_ms / 1000:.2f} s "
            f"= decrypt {decrypt_s:.2f} s + compare {compare_s:.2f} s; {total_ms / registry_ms:,.0f}x the registry's "
            f"within() p50 at {len(index):,} ({registry_ms:.2f} ms); compare alone {compare_s * 1000 / registry_ms:,.0f}x; "
            f"{'same match as the registry' if same else 'MATCHES DIFFER: ' + repr(matched)}"
        )
    return figures


if __name__ == "__main__":
    main()
