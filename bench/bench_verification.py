"""Benchmark of cameo verification: a 5 s challenge clip judged end to end, by stage; honest and attack clips.

Target: a 5 s clip verifies in at most 3 s wall on 2 cores, digit recognition and lip sync included, with
face_recognition already imported (as in a warm media worker). It also prints the share of honest clips verified
(every espeak-ng voice and speed the tests use) and of attack clips refused.
Run: .venv/bin/python bench/bench_verification.py [--repeat 3] [--quick]
Needs the face fixtures (../shared/fixtures/faces, or SORA_FACE_FIXTURES) and espeak-ng.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cameos.verification import KnownIdentity, face_encodings_from_image, verify_video  # noqa: E402
from cameos.verification.pose import TURN_SEQUENCES  # noqa: E402

STAGES = ("decode", "landmarks", "encodings", "digits", "checks")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="two voices instead of all, for a smoke run")
    args = parser.parse_args()

    faces = Path(os.environ.get("SORA_FACE_FIXTURES", REPO.parent / "shared" / "fixtures" / "faces"))
    started = time.perf_counter()
    import face_recognition  # noqa: F401  (a worker pays this once: about 2 s)

    print(f"import face_recognition: {time.perf_counter() - started:.2f} s (once per worker process)")
    from tests.cameos.speech import SPEEDS, VOICES
    from tests.cameos.talking import (
        photo_and_mirror_clip,
        still_photo_clip,
        talking_clip,
        turning_photo_no_mouth_clip,
    )
    from tests.cameos.test_verification_attacks import _disguised_photo

    sequence, digits = ["left", "up", "right"], "40721"
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        clip = talking_clip(folder / "five.mp4", faces / "obama.jpg", turn_sequence=sequence, digits=digits, seconds=5.0)
        print(f"clip: {clip.duration_s:.1f} s, 640x360, {clip.fps} fps, H.264 + AAC, {clip.path.stat().st_size // 1024} KiB")
        walls, stage_times = [], {stage: [] for stage in STAGES}
        verify_video(clip.path, turn_sequence=sequence, digits=digits, known_identities=[])  # warm the recogniser
        for run in range(args.repeat):
            wall0, cpu0 = time.perf_counter(), time.process_time()
            outcome = verify_video(clip.path, turn_sequence=sequence, digits=digits, known_identities=[])
            wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
            walls.append(wall)
            timings = outcome.metrics["timings_s"]
            for stage in STAGES:
                stage_times[stage].append(timings.get(stage, 0.0))
            print(
                f"run {run + 1}: {outcome.status} {outcome.reasons or ''} wall {wall:.2f} s, cpu {cpu:.2f} s; "
                f"{outcome.metrics['frames_analysed']} frames analysed, {outcome.metrics['identity_frames']} encoded"
            )
        print("stages (median s): " + ", ".join(f"{s} {statistics.median(stage_times[s]):.3f}" for s in STAGES))
        print(f"5 s clip: best wall {min(walls):.2f} s, median {statistics.median(walls):.2f} s (target <= 3 s)")

        voices = VOICES[:2] if args.quick else VOICES
        honest_total = honest_verified = 0
        for index, voice in enumerate(voices):
            for speed in SPEEDS:
                seq = list(TURN_SEQUENCES[(index * 11 + speed) % len(TURN_SEQUENCES)])
                code = f"{(index * 7919 + speed * 13) % 1000000:06d}"[: 4 + (index + speed) % 3]
                made = talking_clip(folder / f"h-{index}-{speed}.mp4", faces / "obama.jpg", turn_sequence=seq,
                                    digits=code, voice=voice, speed=speed)
                outcome = verify_video(made.path, turn_sequence=seq, digits=code, known_identities=[])
                honest_total += 1
                honest_verified += outcome.status == "verified"
                if outcome.status != "verified":
                    print(f"  honest {voice} {speed} wpm {seq} {code}: {outcome.reasons}")
        print(f"honest clips verified: {honest_verified}/{honest_total}")

        existing = KnownIdentity(ref_id="1", kind="cameo", encodings=face_encodings_from_image(faces / "obama.jpg"))
        attacks = {
            "still photo": (still_photo_clip(folder / "a1.mp4", faces / "obama.jpg", digits).path, sequence, digits, []),
            "photo and its mirror": (
                photo_and_mirror_clip(folder / "a2.mp4", faces / "lin-manuel-miranda.png", ["left", "right", "left"],
                                      digits).path, ["left", "right", "left"], digits, []),
            "turning photo, mouth shut": (
                turning_photo_no_mouth_clip(folder / "a3.mp4", faces / "obama.jpg", sequence, digits).path,
                sequence, digits, []),
            "replay, fresh digits": (clip.path, sequence, "9356", []),
            "replay, other turns": (clip.path, ["right", "down", "left"], digits, []),
            "superset of the turns": (
                talking_clip(folder / "a4.mp4", faces / "obama.jpg", turn_sequence=["left", "right", "left", "right"],
                             digits=digits).path, ["left", "right", "left"], digits, []),
            "eye bar over an existing cameo": (
                talking_clip(folder / "a5.mp4", _disguised_photo(faces / "obama2.jpg", folder), turn_sequence=sequence,
                             digits=digits).path, sequence, digits, [existing]),
        }
        refused = 0
        for label, (path, seq, code, known) in attacks.items():
            outcome = verify_video(path, turn_sequence=seq, digits=code, known_identities=known)
            refused += outcome.status != "verified"
            print(f"  attack {label}: {outcome.status} {outcome.reasons}")
        print(f"attack clips refused: {refused}/{len(attacks)}")
    print(f"load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
