"""Benchmark of cameo verification: one 5 s 640x360 challenge-following clip, judged end to end.

Target: under 3 s wall on 2 cores, face_recognition already imported (as in a warm media worker).
Run: .venv/bin/python bench/bench_verification.py [--seconds 5] [--repeat 3] [--frames 10]
Needs the face fixtures (../shared/fixtures/faces, or SORA_FACE_FIXTURES).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cameos.verification import verify_video  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--frames", type=int, default=10, help="frames sampled per clip")
    args = parser.parse_args()

    faces = Path(os.environ.get("SORA_FACE_FIXTURES", REPO.parent / "shared" / "fixtures" / "faces"))
    started = time.perf_counter()
    import face_recognition  # noqa: F401  (a worker pays this once: about 2 s)

    print(f"import face_recognition: {time.perf_counter() - started:.2f} s (once per worker process)")
    from tests.cameos.videos import challenge_video

    sequence = ["right", "left", "center"]
    with tempfile.TemporaryDirectory() as folder:
        clip = challenge_video(Path(folder) / "challenge.mp4", faces / "obama.jpg", sequence, seconds=args.seconds)
        print(f"clip: {args.seconds:g} s, 640x360, 15 fps, H.264 + AAC, {clip.stat().st_size / 1024:.0f} KiB")
        walls = []
        for run in range(args.repeat):
            wall0, cpu0 = time.perf_counter(), time.process_time()
            outcome = verify_video(clip, turn_sequence=sequence, known_identities=[], sample_count=args.frames)
            wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
            walls.append(wall)
            m = outcome.metrics
            stages = ", ".join(f"{k} {v:.3f}" for k, v in m["timings_s"].items() if k != "total")
            print(
                f"run {run + 1}: {outcome.status} {outcome.reasons or ''} wall {wall:.2f} s, cpu {cpu:.2f} s; "
                f"frames decoded {m['frames_decoded']}/{m['frame_count']}, sampled {m['frames_sampled']}; "
                f"stages (s): {stages}"
            )
        real = faces / "short_hamilton_clip.mp4"
        wall0 = time.perf_counter()
        outcome = verify_video(real, turn_sequence=sequence, known_identities=[], sample_count=args.frames)
        m = outcome.metrics
        print(
            f"real clip ({real.name}, {m['duration_s']:.1f} s): wall {time.perf_counter() - wall0:.2f} s, "
            f"frames decoded {m['frames_decoded']}/{m['frame_count']}, reasons {outcome.reasons}"
        )
    load = os.getloadavg()[0]
    best = min(walls)
    print(
        f"best wall {best:.2f} s, median {sorted(walls)[len(walls) // 2]:.2f} s (target < 3 s); load average {load:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
