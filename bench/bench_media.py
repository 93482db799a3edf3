"""Benchmark of the media steps of the render pipeline: watermark, encode, sign, read.

Run: .venv/bin/python bench/bench_media.py [--frames 240] [--preset veryfast]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generation.media.encode import encode_mp4  # noqa: E402
from generation.media.watermark import Watermarker, apply_watermark  # noqa: E402
from generation.provenance.keys import create_dev_signing_keys  # noqa: E402
from generation.provenance.manifest import build_manifest  # noqa: E402
from generation.provenance.signing import read_manifest, sign_mp4  # noqa: E402
from sora_social.media_probe import probe_video  # noqa: E402

WIDTH, HEIGHT, FPS, SAMPLE_RATE = 1280, 720, 24, 48_000


def clean_frames(count: int) -> np.ndarray:
    """Synthetic frames like the reference renderer's: flat colours, a gradient sky, moving shapes."""
    yy, xx = np.mgrid[0:HEIGHT, 0:WIDTH]
    sky = np.stack([60 + yy * 100 // HEIGHT, 120 + yy * 80 // HEIGHT, np.full_like(yy, 220)], axis=-1)
    frames = np.empty((count, HEIGHT, WIDTH, 3), dtype=np.uint8)
    for t in range(count):
        frame = frames[t]
        frame[...] = sky
        frame[520:] = (70, 140, 60)  # ground
        cx, cy = 200 + 4 * t % (WIDTH - 300), 300 + int(120 * np.sin(t / 8))
        frame[((xx - cx) ** 2 + (yy - cy) ** 2) < 60**2] = (230, 80, 40)  # a bouncing ball
        frame[300:500, 800 + t % 200 : 900 + t % 200] = (200, 170, 120)  # a walking character
    return frames


def face_boxes(count: int) -> list[list[tuple[int, int, int, int]]]:
    """One face drifting across the upper half, the way a composited cameo moves."""
    boxes = []
    for t in range(count):
        left = 100 + (t * 5) % 900
        boxes.append([(120, left + 180, 340, left)])
    return boxes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--frames", type=int, default=240)
    parser.add_argument("--preset", default="veryfast")
    parser.add_argument("--crf", type=int, default=23)
    args = parser.parse_args()

    frames = clean_frames(args.frames)
    boxes = face_boxes(args.frames)
    audio = (0.2 * np.sin(2 * np.pi * 220 * np.arange(round(args.frames / FPS * SAMPLE_RATE)) / SAMPLE_RATE)).astype(
        np.float32
    )
    print(f"media bench: {args.frames} frames {WIDTH}x{HEIGHT} @ {FPS} fps, preset {args.preset}, crf {args.crf}")

    # Watermark, in place, frame by frame (what the streaming pipeline does).
    start = time.perf_counter()
    marker = Watermarker(width=WIDTH, height=HEIGHT, fps=FPS)
    setup_s = time.perf_counter() - start
    work = frames.copy()
    start = time.perf_counter()
    for index in range(args.frames):
        marker.apply(work[index], index=index, boxes=boxes[index])
    inplace_s = time.perf_counter() - start
    # The batch call, which also copies the whole clip first.
    start = time.perf_counter()
    watermarked = apply_watermark(frames, face_boxes=boxes, fps=FPS)
    batch_s = time.perf_counter() - start
    print(f"watermark badge render + placer setup: {setup_s * 1000:.1f} ms")
    print(f"watermark in place: {args.frames / inplace_s:.0f} fps ({inplace_s / args.frames * 1000:.2f} ms/frame)")
    print(f"watermark batch incl. copy: {args.frames / batch_s:.0f} fps")

    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        start = time.perf_counter()
        encoded = encode_mp4(
            frames=watermarked,
            audio=audio,
            sample_rate=SAMPLE_RATE,
            fps=FPS,
            path=tmp_path / "clip.mp4",
            crf=args.crf,
            preset=args.preset,
        )
        encode_s = time.perf_counter() - start
        print(
            f"encode H.264+AAC: {args.frames / encode_s:.1f} fps ({encode_s:.2f} s for {encoded.duration_s:.1f} s "
            f"of video, {encoded.duration_s / encode_s:.2f}x real time), {encoded.size_bytes / 1e6:.2f} MB"
        )

        keys = create_dev_signing_keys(tmp_path / "keys")
        chain, key, root = keys.chain_pem.read_bytes(), keys.signer_key.read_bytes(), keys.root_pem.read_bytes()
        manifest = build_manifest(
            title="bench",
            generator_name="sora_social",
            generator_version="bench",
            job_ref="job_bench",
            consent_records=[{"cameo": "cam_1", "consent_version": 1, "grant_ids": ["gr_1"]}],
        )
        start = time.perf_counter()
        signed = sign_mp4(
            src=encoded.path, dst=tmp_path / "signed.mp4", manifest=manifest, chain_pem=chain, key_pem=key
        )
        sign_s = time.perf_counter() - start
        start = time.perf_counter()
        report = read_manifest(signed.path, trust_anchor_pem=root)
        read_s = time.perf_counter() - start
        print(f"sign (ES256, incl. file hash): {sign_s * 1000:.1f} ms, manifest {signed.manifest_bytes} bytes")
        print(f"read + validate: {read_s * 1000:.1f} ms -> {report.validation_state if report else None}")

        start = time.perf_counter()
        probe_video(signed.path, max_bytes=200_000_000, max_duration_s=60)
        print(f"upload probe (open, first frame, demux all): {(time.perf_counter() - start) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
