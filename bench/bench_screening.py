"""Output screening against the render pipeline: what looking for faces in a render adds to its wall time.

Renders bench_pipeline.py's clip (10 s of 720p at 24 fps with audio, the reference renderer, @star cast with the
Obama fixture face), times the pipeline to a signed MP4 as bench_pipeline does, then times the screening of the
same frames as generation.services does it: `faces_in_frames(frames, fps)` (2 frames a second and every shot cut,
detected and encoded) and `identify_sightings(sightings, registry)`, against a registry of 10,000 identities (the
cast face and random unit vectors). Prints the screening time as a share of the pipeline's wall time (target: at
most 20%), and where it goes: detection, encoding, lookups.

The registry is a LikenessRegistry on the bench's SQLite database (so identify_sightings runs its version check),
with its index loaded directly with the synthetic identities; bench_registry.py measures building one from rows.

Run: .venv/bin/python bench/bench_screening.py [--seconds 10] [--resolution 720p] [--identities 10000] [--repeat 2]
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from bench_pipeline import face_crop
from django_env import setup


def registry_with(identities: int, cast_face: np.ndarray):
    """A LikenessRegistry of `identities`: the cast cameo's face (ref_id 1) and random unit vectors."""
    from cameos.registry import Identity, LikenessRegistry

    registry = LikenessRegistry()
    registry.build(wait_s=60)  # reads the (bench) database: marks it ready, with the latest change id
    rng = np.random.default_rng(5)
    vectors = rng.standard_normal((identities - 1, 128))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    rows = [Identity("cameo", 1, 1, cast_face[None, :])]
    rows += [Identity("cameo", row + 2, row + 2, vector[None, :]) for row, vector in enumerate(vectors)]
    registry.index.load(rows)
    return registry


class StageClock:
    """Wraps a function of generation.screening to add up the time spent in it."""

    def __init__(self, module, name: str) -> None:
        self.module, self.name, self.seconds, self.calls = module, name, 0.0, 0
        self.inner = getattr(module, name)

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return self.inner(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started
                self.calls += 1

        setattr(module, name, timed)

    def restore(self) -> None:
        setattr(self.module, self.name, self.inner)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--resolution", default="720p")
    parser.add_argument("--identities", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    setup(postgres=False)

    from django.conf import settings

    from cameos.verification.faces import detect_faces, encode_face
    from generation import pipeline, screening
    from generation.backends.base import CameoRef, RenderSpec

    crop = face_crop()
    cast_face = encode_face(crop, detect_faces(crop)[0])  # also loads face_recognition's models, as a warm worker has
    registry = registry_with(args.identities, cast_face)
    spec = RenderSpec(
        prompt='@star bounces a basketball in the gym, the ball misses the rim and rebounds. @star says "nice shot"',
        duration_s=args.seconds,
        resolution=args.resolution,
        seed=3,
        cameos=(CameoRef(handle="star", reference_face=crop, voice_pitch_hz=130.0),),
    )
    pipeline_walls, screening_walls, pipeline_cpus, screening_cpus, screened_walls = [], [], [], [], []
    with tempfile.TemporaryDirectory() as folder:
        pipeline.render_frames(RenderSpec(prompt="warm up", duration_s=1, resolution="360p"), None)
        for run in range(args.repeat):
            workdir = Path(folder) / str(run)
            workdir.mkdir()
            started, started_cpu = time.perf_counter(), time.process_time()
            result = pipeline.render_frames(spec, None)
            pipeline.finish_video(
                result=result,
                workdir=workdir,
                title="bench",
                job_ref="bench",
                consent_records=[{"cameo": "cameo-1", "consent_version": 1, "grant_ids": []}],
            )
            pipeline_walls.append(time.perf_counter() - started)
            pipeline_cpus.append(time.process_time() - started_cpu)

            # As generation.services runs it: faces found on a thread beside the encode, judged before signing.
            workdir = Path(folder) / f"{run}-screened"
            workdir.mkdir()
            started = time.perf_counter()
            result = pipeline.render_frames(spec, None)
            finder = screening.BackgroundFaceFinder(result.frames, result.fps)
            try:
                pipeline.finish_video(
                    result=result,
                    workdir=workdir,
                    title="bench",
                    job_ref="bench",
                    consent_records=lambda finder=finder: [
                        {"cameo": f"cameo-{i.ref_id}", "consent_version": 1, "grant_ids": []}
                        for i in screening.identify_sightings(finder.sightings(), registry)
                    ],
                )
            finally:
                finder.close()
            screened_walls.append(time.perf_counter() - started)

            clocks = [
                StageClock(screening, name)
                for name in ("screened_frame_indices", "_find_faces", "encode_face")
            ]
            started, started_cpu = time.perf_counter(), time.process_time()
            sightings = screening.faces_in_frames(result.frames, result.fps)
            found = time.perf_counter()
            identities = screening.identify_sightings(sightings, registry)
            screening_walls.append(time.perf_counter() - started)
            screening_cpus.append(time.process_time() - started_cpu)
            for clock in clocks:
                clock.restore()
            indices, detect, encode = clocks
            lookups = time.perf_counter() - found
            print(
                f"run {run + 1}: pipeline {pipeline_walls[-1]:.2f} s (CPU {pipeline_cpus[-1]:.2f} s); with screening "
                f"beside the encode {screened_walls[-1]:.2f} s; screening alone "
                f"{screening_walls[-1]:.2f} s (CPU {screening_cpus[-1]:.2f} s) = "
                f"{screening_walls[-1] / pipeline_walls[-1]:.0%} of it: choosing frames (shot cuts) {indices.seconds:.2f} s, "
                f"detection {detect.seconds:.2f} s ({detect.calls} frames), encoding {encode.seconds:.2f} s "
                f"({encode.calls} faces), registry lookups {lookups * 1000:.1f} ms; found "
                + (", ".join(f"{i.kind} {i.ref_id} at {i.distance:.3f}" for i in identities) or "nobody")
            )
    pipeline_s, screening_s = statistics.median(pipeline_walls), statistics.median(screening_walls)
    screened_s = statistics.median(screened_walls)
    print(
        f"render to signed MP4 with output screening as the render task runs it: {screened_s:.2f} s against "
        f"{pipeline_s:.2f} s without: +{screened_s / pipeline_s - 1:.0%} wall (target <= 20%)"
    )
    print(
        f"{args.seconds} s of {args.resolution} at {result.fps} fps ({len(result.frames)} frames, "
        f"{settings.SCREENING_FRAMES_PER_S} screened a second and every cut), registry of {len(registry.index):,} "
        f"identities: screening alone {screening_s:.2f} s vs the pipeline's {pipeline_s:.2f} s wall (median of "
        f"{args.repeat}): {screening_s / pipeline_s:.0%} of it if run after it; in CPU time (all threads) "
        f"{statistics.median(screening_cpus):.2f} s vs {statistics.median(pipeline_cpus):.2f} s: "
        f"+{statistics.median(screening_cpus) / statistics.median(pipeline_cpus):.0%}"
    )


if __name__ == "__main__":
    main()
