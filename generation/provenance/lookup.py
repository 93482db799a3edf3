"""Did this deployment make a video? By its C2PA manifest, or by content hash when the manifest was stripped."""

from __future__ import annotations

import hashlib
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from generation.models import GenerationJob
from generation.pipeline import content_sha256
from generation.provenance.signing import read_manifest
from generation.selectors import generation_by_content

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProvenanceVerdict:
    """What a lookup found; no personal data, only the job's opaque reference."""

    made_here: bool
    method: str  # "c2pa_manifest", "content_hash" or "none"
    manifest_state: str | None
    job_ref: str | None
    created_at: object | None
    is_remix: bool
    ai_generated: bool


def _trust_anchor() -> bytes | None:
    path = Path(settings.C2PA_TRUST_ANCHOR_PATH)
    return path.read_bytes() if path.exists() else None


def provenance_verify(*, upload) -> ProvenanceVerdict:
    """Look a video up; `upload` is a file object (it is copied to a temporary file once)."""
    with tempfile.NamedTemporaryFile(suffix=".mp4") as local:
        file_hash = hashlib.sha256()
        for chunk in upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(1 << 20), b""):
            file_hash.update(chunk)
            local.write(chunk)
        local.flush()
        report = None
        try:
            report = read_manifest(Path(local.name), trust_anchor_pem=_trust_anchor())
        except Exception:  # a malformed file is simply "not ours by manifest"; the hash may still find it
            logger.info("manifest read failed", exc_info=True)
        try:
            media_hash = content_sha256(local.name)
        except Exception:
            media_hash = ""

    job = generation_by_content(file_sha256=file_hash.hexdigest(), content_sha256=media_hash)
    if report is not None and report.validation_state in ("Trusted", "Valid") and report.consent:
        job_ref = report.consent.get("job")
        manifest_job = GenerationJob.objects.filter(public_ref=job_ref).first() if job_ref else None
        # Only a manifest signed by our own root counts as ours.
        if report.validation_state == "Trusted" and manifest_job is not None:
            return _verdict(manifest_job, "c2pa_manifest", report.validation_state)
    if job is not None:
        return _verdict(job, "content_hash", report.validation_state if report else None)
    return ProvenanceVerdict(False, "none", report.validation_state if report else None, None, None, False, False)


def _verdict(job: GenerationJob, method: str, state: str | None) -> ProvenanceVerdict:
    return ProvenanceVerdict(
        made_here=True,
        method=method,
        manifest_state=state,
        job_ref=job.public_ref,
        created_at=job.finished_at,
        is_remix=job.is_remix,
        ai_generated=True,
    )
