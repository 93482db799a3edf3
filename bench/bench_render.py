"""Benchmark of the reference renderer: 10 s of 720p at 24 fps with one cameo and a bouncing ball.

Target: well under 10 s wall on 2 CPU cores. Prints wall time, CPU time, fps and peak RSS per render,
plus the host's load average (other work on the host inflates wall time; CPU time much less).
The first render of a process also pays for first-touch page faults of the ~660 MB frame array and for
locating the face once; later renders reuse both, as a warm worker does.

Run: .venv/bin/python bench/bench_render.py [--seconds 10] [--resolution 720p] [--repeat 2] [--variants]
Needs the face fixtures (../shared/fixtures/faces, or SORA_FACE_FIXTURES) for the cameo's face.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generation.backends.base import CameoRef, RenderSpec  # noqa: E402
from generation.backends.reference import ReferenceRenderer  # noqa: E402

BASE_PROMPT = '@alice watches a ball bounce in the park'
VARIANTS = (
    ("pan + hoop, cinematic", "pan across the street as @alice shoots a basketball at the hoop", "cinematic"),
    ("zoom + dialogue, anime", 'zoom in on @alice on the beach, who says "the water is lovely today, come on in"',
     "anime"),
    ("two shots + box", 'shot 1: wide shot of @alice in space with a box. shot 2: close-up of @alice says "one small step"',
     "realistic"),
)


def cameo_crop():
    """obama.jpg's face, grown by 30 % on each side, as verification stores it."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import face_recognition
    faces = Path(os.environ.get("SORA_FACE_FIXTURES", REPO.parent / "shared" / "fixtures" / "faces"))
    image = face_recognition.load_image_file(faces / "obama.jpg")
    top, right, bottom, left = face_recognition.face_locations(image)[0]
    h, w = bottom - top, right - left
    return image[max(int(top - 0.3 * h), 0):int(bottom + 0.3 * h), max(int(left - 0.3 * w), 0):int(right + 0.3 * w)]


def run(renderer: ReferenceRenderer, spec: RenderSpec, label: str) -> None:
    wall, cpu = time.perf_counter(), time.process_time()
    result = renderer.render(spec, "cpu")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    frames = len(result.frames)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    impacts = sum(e.kind == "impact" for e in result.events)
    print(f"{label:<28} {frames} frames {spec.size[0]}x{spec.size[1]}: wall {wall:5.2f} s ({frames / wall:5.1f} fps), "
          f"cpu {cpu:5.2f} s, peak RSS {peak_mb:6.0f} MB, {impacts} impacts, load {os.getloadavg()[0]:.1f}",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--resolution", default="720p")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--threads", type=int, default=1, help="torch intra-op threads during a render (0: leave)")
    parser.add_argument("--variants", action="store_true", help="also time pan, zoom, dialogue and shot cuts")
    args = parser.parse_args()

    renderer = ReferenceRenderer(threads=args.threads or None)
    cameo = CameoRef(handle="alice", reference_face=cameo_crop(), voice_pitch_hz=120.0)
    spec = RenderSpec(prompt=BASE_PROMPT, duration_s=args.seconds, resolution=args.resolution, cameos=(cameo,))
    for i in range(args.repeat):
        run(renderer, spec, f"cameo + ball, run {i + 1}")
    if args.variants:
        for label, prompt, style in VARIANTS:
            run(renderer, RenderSpec(prompt=prompt, duration_s=args.seconds, resolution=args.resolution, style=style,
                                     cameos=(cameo,)), label)


if __name__ == "__main__":
    main()
