"""`make bench`: run every benchmark and print its figures. Each is also runnable on its own."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = [
    ("consent door (PostgreSQL, 100k grants)", ["bench_check_use.py"]),
    ("owner restrictions: one check of a new text", ["bench_restrictions.py"]),
    ("cameo verification (5 s 640x360 clip)", ["bench_verification.py"]),
    ("reference renderer (10 s 720p)", ["bench_render.py"]),
    ("media steps (watermark, encode, sign)", ["bench_media.py"]),
    ("render pipeline end to end, and queue latency", ["bench_pipeline.py"]),
    ("likeness registry, 1M identities (minutes; alone: bench_registry.py --identities N)", ["bench_registry.py"]),
    ("output screening vs the render pipeline (10 s 720p, 10k identities)", ["bench_screening.py"]),
    ("feed under load", ["bench_feed.py"]),
    ("media delivery: 32 players, byte ranges, local and presigned", ["bench_media_delivery.py"]),
    ("first request after start-up against the hundredth", ["bench_first_request.py"]),
    ("GPU check: tiny LTX-Video, LTX-2 and ConsisID (CPU when no CUDA)", ["bench_gpu.py"]),
]


def main() -> int:
    failed = 0
    for title, argv in BENCHES:
        script = HERE / argv[0]
        if not script.exists():
            print(f"== {title}: {argv[0]} missing")
            continue
        print(f"\n== {title}", flush=True)
        code = subprocess.call([sys.executable, str(script), *argv[1:]], cwd=HERE.parent)  # noqa: S603
        failed += code != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
