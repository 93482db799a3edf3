"""From a render spec to a signed MP4 on local disk: render, watermark, encode, sign.

This module knows nothing of jobs or consent; generation.services calls it between its consent checks.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.conf import settings

from generation.backends import get_backend, render_device
from generation.backends.base import RenderResult, RenderSpec
from generation.media.encode import encode_mp4, file_sha256, write_poster
from generation.media.watermark import apply_watermark
from generation.provenance.keys import create_dev_signing_keys, signing_key_paths
from generation.provenance.manifest import ParentIngredient, build_manifest
from generation.provenance.signing import JPEG, sign_jpeg, sign_mp4
from sora_social.media_probe import open_upload
from sora_social.pillow_settings import refuse_truncated_images

GENERATOR_NAME = "sora_social"
GENERATOR_VERSION = "1.0"


@dataclass
class PipelineOutput:
    """The files one run produced in its work folder, and what was measured on the way."""

    video_path: Path
    poster_path: Path
    video_sha256: str
    content_sha256: str
    size_bytes: int
    duration_s: float
    width: int
    height: int
    manifest: dict
    metrics: dict = field(default_factory=dict)


def signing_material() -> tuple[bytes, bytes]:
    """The deployment's certificate chain and key; the embedded default makes development keys once."""
    chain_path, key_path = Path(settings.C2PA_CHAIN_PATH), Path(settings.C2PA_KEY_PATH)
    if not (chain_path.exists() and key_path.exists()):
        default = signing_key_paths(Path(settings.C2PA_KEY_DIR))
        if chain_path == default.chain_pem and key_path == default.signer_key:
            create_dev_signing_keys(Path(settings.C2PA_KEY_DIR))
        else:
            raise FileNotFoundError(f"C2PA signing key or chain missing: {chain_path}, {key_path}")
    return chain_path.read_bytes(), key_path.read_bytes()


def content_sha256(source) -> str:
    """A hash of the media packets alone: unchanged by a remux that strips or rewrites the container."""
    digest = hashlib.sha256()
    # An uploaded file too (a provenance lookup): opened only as a video upload may be (media_probe.open_upload).
    with open_upload(source) as container:
        streams = [s for s in container.streams if s.type in ("video", "audio")]
        for packet in container.demux(streams):
            if packet.size:
                digest.update(packet.stream.type.encode())
                digest.update(bytes(packet))
    return digest.hexdigest()


def render_frames(spec: RenderSpec, progress: Callable[[float], None] | None) -> RenderResult:
    """Render with the spec's backend (spec.backend; "" is the deployment's default)."""
    return get_backend(spec.backend or None).render(spec, render_device(), progress)


FACE_SCAN_EVERY = 12  # frames; faces move little in half a second


def detected_face_boxes(frames, *, every: int = FACE_SCAN_EVERY) -> list[list[tuple[int, int, int, int]]]:
    """Face boxes found by face_recognition on sampled frames, held for the frames between samples.

    For backends that cannot say where they put faces (a learned model), so the watermark still keeps off them.
    """
    # lazy: face_recognition loads dlib and its models; web processes import this module for the provenance lookup.
    import face_recognition

    refuse_truncated_images()  # its import lets Pillow take truncated images, in the whole process
    boxes: list[list[tuple[int, int, int, int]]] = []
    current: list[tuple[int, int, int, int]] = []
    for index, frame in enumerate(frames):
        if index % every == 0:
            half = np.ascontiguousarray(frame[::2, ::2])
            current = [(t * 2, r * 2, b * 2, left * 2) for t, r, b, left in face_recognition.face_locations(half)]
        boxes.append(current)
    return boxes


def finish_video(
    *,
    result: RenderResult,
    workdir: Path,
    title: str,
    job_ref: str,
    consent_records: list[dict] | Callable[[], list[dict]],
    parent_video: Path | None = None,
    on_stage: Callable[[str], None] | None = None,
    detect_faces: bool = False,
) -> PipelineOutput:
    """Watermark, encode and sign a rendered result inside `workdir`.

    `detect_faces`: the backend reported no face boxes but the video has cameos; find the faces here.
    """
    metrics: dict = {}
    started = time.perf_counter()
    if on_stage:
        on_stage("encoding")
    face_boxes = result.face_boxes
    if not any(face_boxes) and detect_faces:
        face_boxes = detected_face_boxes(result.frames)
    frames = apply_watermark(result.frames, face_boxes=face_boxes, fps=result.fps, inplace=True)
    metrics["watermark_s"] = round(time.perf_counter() - started, 3)

    encode_started = time.perf_counter()
    unsigned = encode_mp4(
        frames=frames, audio=result.audio, sample_rate=result.sample_rate, fps=result.fps, path=workdir / "unsigned.mp4"
    )
    poster_path = workdir / "poster.jpg"
    write_poster(frames[min(len(frames) - 1, result.fps)], poster_path)
    metrics["encode_s"] = round(time.perf_counter() - encode_started, 3)

    if on_stage:
        on_stage("signing")
    sign_started = time.perf_counter()
    chain_pem, key_pem = signing_material()
    parent = ParentIngredient(path=parent_video, title="parent") if parent_video else None
    # A callable is asked only now, after the encode: the caller may decide on consent while frames encode.
    records = consent_records() if callable(consent_records) else consent_records
    manifest = build_manifest(
        title=title,
        generator_name=GENERATOR_NAME,
        generator_version=GENERATOR_VERSION,
        model=result.model.software_agent() if result.model else None,
        job_ref=job_ref,
        consent_records=records,
        parent=parent,
    )
    signed_path = workdir / "signed.mp4"
    timestamp_url = settings.C2PA_TIMESTAMP_URL or None
    sign_mp4(
        src=unsigned.path, dst=signed_path, manifest=manifest, chain_pem=chain_pem, key_pem=key_pem, parent=parent,
        timestamp_url=timestamp_url,
    )
    # The poster is a still of the AI video: it carries content credentials too (the same job and consent records).
    poster_manifest = build_manifest(
        title=f"{title} (poster)",
        generator_name=GENERATOR_NAME,
        generator_version=GENERATOR_VERSION,
        model=result.model.software_agent() if result.model else None,
        job_ref=job_ref,
        consent_records=records,
        media_format=JPEG,
    )
    sign_jpeg(
        src=poster_path, dst=poster_path, manifest=poster_manifest, chain_pem=chain_pem, key_pem=key_pem,
        timestamp_url=timestamp_url,
    )
    metrics["sign_s"] = round(time.perf_counter() - sign_started, 3)

    return PipelineOutput(
        video_path=signed_path,
        poster_path=poster_path,
        video_sha256=file_sha256(signed_path),
        content_sha256=content_sha256(str(signed_path)),
        size_bytes=signed_path.stat().st_size,
        duration_s=unsigned.duration_s,
        width=unsigned.width,
        height=unsigned.height,
        manifest=manifest,
        metrics=metrics,
    )
