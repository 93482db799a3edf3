"""GPU check: each model backend's tiny random-weight configuration, rendered on CUDA when there is one.

For ltx, ltx2 and consisid it builds the tiny model (generation.backends.tiny; nothing is downloaded), saves it
to a temporary folder, loads it through the backend and renders a 1 s 360p clip with a cameo, timing every
denoising step. It prints the denoising steps per second, the whole render's wall time and, on CUDA, the peak
GPU memory. On a host without CUDA it says so, renders the same on the CPU (so the script is checked everywhere)
and exits 0.

    .venv/bin/python bench/bench_gpu.py [--steps N] [--side PX]

Tiny models measure the code path (loading, levers, callbacks, resampling, audio), not the full models' speed:
the README's table puts the published timings of the full models beside these.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

FACE = HERE.parent.parent / "shared" / "fixtures" / "faces" / "obama.jpg"


def reference_face() -> np.ndarray:
    """A face crop from the shared fixtures when present, else a seeded picture (the encoders still run)."""
    if FACE.exists():
        import face_recognition

        image = face_recognition.load_image_file(str(FACE))
        boxes = face_recognition.face_locations(image)
        if boxes:
            top, right, bottom, left = boxes[0]
            margin = (bottom - top) // 4
            return image[max(0, top - margin) : bottom + margin, max(0, left - margin) : right + margin].copy()
    return (np.random.default_rng(0).random((160, 128, 3)) * 255).astype(np.uint8)


def build(name: str, folder: Path, *, steps: int, side: int):
    from generation.backends.consisid_backend import ConsisIDBackend
    from generation.backends.diffusers_backend import DiffusersVideoBackend
    from generation.backends.ltx2_backend import LTX2Backend
    from generation.backends.memory import MemoryLevers
    from generation.backends.tiny import save_tiny_consisid, save_tiny_ltx, save_tiny_ltx2

    # The tiny models fit any GPU whole: no offload, so the numbers are the GPU's own.
    levers = MemoryLevers(cpu_offload="none", vae_tiling=False)
    if name == "ltx":
        return DiffusersVideoBackend(str(save_tiny_ltx(folder)), num_inference_steps=steps, max_side=side)
    if name == "ltx2":
        return LTX2Backend(
            str(save_tiny_ltx2(folder)), num_inference_steps=steps, max_side=side, max_sequence_length=256, levers=levers
        )
    return ConsisIDBackend(
        str(save_tiny_consisid(folder)), face_encoder="face_recognition", num_inference_steps=steps, levers=levers
    )


def measure(name: str, backend, device: str, face: np.ndarray, steps: int) -> dict:
    import torch

    from generation.backends.base import CameoRef, RenderSpec

    spec = RenderSpec(
        prompt='@star walks on the beach and says "what a day"',
        duration_s=1,
        resolution="360p",
        seed=1,
        cameos=(CameoRef(handle="star", reference_face=face, voice_pitch_hz=130.0),),
    )
    backend.render(spec, device)  # warm-up: loads the weights, compiles kernels
    if device == "cuda":
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    stamps: list[float] = []

    def progress(fraction: float) -> None:
        if device == "cuda":
            torch.cuda.synchronize()
        stamps.append(time.perf_counter())

    started = time.perf_counter()
    result = backend.render(spec, device, progress)
    wall = time.perf_counter() - started
    step_times = stamps[1 : 1 + steps]  # one stamp at the start, one per step, one at the end
    rate = (len(step_times) - 1) / (step_times[-1] - step_times[0]) if len(step_times) > 1 else float("nan")
    return {
        "backend": name,
        "steps_per_s": rate,
        "render_s": wall,
        "peak_gpu_mb": torch.cuda.max_memory_allocated() / 2**20 if device == "cuda" else None,
        "frames": result.frames.shape,
        "audio_rms": float(np.sqrt(np.mean(result.audio.astype(np.float64) ** 2))),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=8)
    parser.add_argument("--side", type=int, default=32, help="the longest side LTX renders at (multiple of 32)")
    options = parser.parse_args()

    import torch

    if torch.cuda.is_available():
        device = "cuda"
        print(f"CUDA: {torch.cuda.get_device_name(0)}, torch {torch.__version__}")
    else:
        device = "cpu"
        torch.set_num_threads(1)
        print(f"No CUDA on this host (torch {torch.__version__}): running the tiny configurations on the CPU, one thread.")
    face = reference_face()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-gpu-") as scratch:
        for name in ("ltx", "ltx2", "consisid"):
            backend = build(name, Path(scratch) / name, steps=options.steps, side=options.side)
            rows.append(measure(name, backend, device, face, options.steps))
    print(f"{'backend':<10} {'steps/s':>9} {'render s':>9} {'peak GPU MB':>12}  frames              audio RMS")
    for row in rows:
        peak = f"{row['peak_gpu_mb']:.1f}" if row["peak_gpu_mb"] is not None else "n/a (CPU)"
        print(
            f"{row['backend']:<10} {row['steps_per_s']:>9.1f} {row['render_s']:>9.2f} {peak:>12}  "
            f"{str(row['frames']):<19} {row['audio_rms']:.4f}"
        )
    if device == "cpu":
        print("No GPU figures: run this on a CUDA host for steps/s and peak memory on the GPU.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
