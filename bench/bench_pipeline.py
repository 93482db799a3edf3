"""The render pipeline end to end: 10 s of 720p at 24 fps with audio, from render to a signed MP4.

Prints the wall time and its ratio to the clip's length (target: faster than real time), the pipeline's
overhead against a bare libx264 encode of the same frames (target: at most 1.5x), the peak memory, and the
queue latency (enqueue to task start) with an idle worker on Redis.

Run: .venv/bin/python bench/bench_pipeline.py [--seconds 10] [--resolution 720p] [--no-queue]
"""

import argparse
import os
import resource
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
from django_env import percentile, setup


def face_crop() -> np.ndarray:
    fixtures = Path(os.environ.get("SORA_FACE_FIXTURES", Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "faces"))
    import face_recognition

    image = face_recognition.load_image_file(fixtures / "obama.jpg")
    top, right, bottom, left = face_recognition.face_locations(image)[0]
    pad = (bottom - top) // 2
    return np.ascontiguousarray(image[max(0, top - pad) : bottom + pad, max(0, left - pad) : right + pad])


def bare_encode_seconds(frames: np.ndarray, fps: int, path: Path) -> float:
    """libx264 alone on the same frames, same preset and CRF, no audio: the floor."""
    import av

    started = time.perf_counter()
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=fps)
        stream.width, stream.height, stream.pix_fmt = frames.shape[2], frames.shape[1], "yuv420p"
        stream.options = {"crf": "23", "preset": "veryfast"}
        for frame in frames:
            for packet in stream.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return time.perf_counter() - started


def queue_latency(samples: int = 20) -> None:
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_prerun

    from cameos.tasks import cameo_challenges_cleanup_task
    from sora_social.celery import app

    app.conf.update(broker_url=redis_url, task_always_eager=False)
    started_at: dict[str, float] = {}
    event = threading.Event()

    @task_prerun.connect
    def record(task_id=None, **_kwargs):
        started_at[task_id] = time.perf_counter()
        event.set()

    latencies = []
    with start_worker(app, pool="solo", queues=["default"], perform_ping_check=False, shutdown_timeout=10):
        time.sleep(1.0)  # let the worker reach its idle poll
        for _ in range(samples):
            event.clear()
            sent = time.perf_counter()
            result = cameo_challenges_cleanup_task.apply_async(queue="default")
            event.wait(10)
            latencies.append((started_at[result.id] - sent) * 1000)
            time.sleep(0.2)
    print(f"queue latency on Redis, idle worker ({samples} tasks): p50 {percentile(latencies, 0.5):.1f} ms, "
          f"p99 {percentile(latencies, 0.99):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--resolution", default="720p")
    parser.add_argument("--no-queue", action="store_true")
    args = parser.parse_args()
    setup(postgres=False)

    from generation import pipeline
    from generation.backends.base import CameoRef, RenderSpec

    spec = RenderSpec(
        prompt='@star bounces a basketball in the gym, the ball misses the rim and rebounds. @star says "nice shot"',
        duration_s=args.seconds,
        resolution=args.resolution,
        seed=3,
        cameos=(CameoRef(handle="star", reference_face=face_crop(), voice_pitch_hz=130.0),),
    )
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder)
        pipeline.render_frames(RenderSpec(prompt="warm up", duration_s=1, resolution="360p"), None)
        started = time.perf_counter()
        result = pipeline.render_frames(spec, None)
        rendered = time.perf_counter()
        output = pipeline.finish_video(
            result=result, workdir=workdir, title="bench", job_ref="bench",
            consent_records=[{"cameo": "cameo-1", "consent_version": 1, "grant_ids": []}],
        )
        total = time.perf_counter() - started
        frames = result.frames
        floor = bare_encode_seconds(frames, result.fps, workdir / "bare.mp4")
        pipeline_media = total - (rendered - started)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.seconds} s of {args.resolution} at {result.fps} fps with audio, render to signed MP4: {total:.2f} s wall "
          f"= {total / args.seconds:.2f}x the clip length (render {rendered - started:.2f} s, "
          f"watermark {output.metrics['watermark_s']:.2f} s, encode+poster {output.metrics['encode_s']:.2f} s, "
          f"sign {output.metrics['sign_s']:.2f} s)")
    print(f"media steps (watermark + encode + sign) {pipeline_media:.2f} s vs bare libx264 of the same frames "
          f"{floor:.2f} s: overhead {pipeline_media / floor:.2f}x; whole pipeline vs bare encode {total / floor:.2f}x")
    print(f"peak RSS {peak_mb:.0f} MB; output {output.size_bytes / 1e6:.2f} MB")
    if not args.no_queue:
        queue_latency()


if __name__ == "__main__":
    main()
