"""The C2PA manifest definition every export carries (c2pa-python 0.38 Builder JSON)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TRAINED_ALGORITHMIC_MEDIA = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
CONSENT_LABEL = "org.sora_social.consent"
ACTIONS_LABEL = "c2pa.actions"
TRAINING_MINING_LABEL = "c2pa.training-mining"
PARENT_INGREDIENT_LABEL = "parent"  # the Builder's handle for the ingredient; c2pa renames it on signing
# Every use the C2PA training-and-mining assertion can name; all of them are refused.
TRAINING_MINING_USES = ("c2pa.ai_generative_training", "c2pa.ai_inference", "c2pa.ai_training", "c2pa.data_mining")
# The only keys a consent record may carry: ids and versions, never names, handles or biometrics.
CONSENT_RECORD_KEYS = ("cameo", "consent_version", "grant_ids")


@dataclass(frozen=True)
class ParentIngredient:
    """The signed video a remix was made from."""

    path: Path
    title: str


def _canonical_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """One consent record with exactly the allowed keys, grant ids sorted, so its hash is stable."""
    extra = set(record) - set(CONSENT_RECORD_KEYS)
    if extra:
        raise ValueError(f"consent records carry only {CONSENT_RECORD_KEYS}; got {sorted(extra)}")
    return {
        "cameo": str(record["cameo"]),
        "consent_version": int(record["consent_version"]),
        "grant_ids": sorted(str(grant) for grant in record.get("grant_ids", ())),
    }


def canonical_consent_records(records: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The consent records as stored in the manifest: canonical, sorted by cameo id."""
    return sorted((_canonical_record(r) for r in records), key=lambda r: r["cameo"])


def consent_records_sha256(records: Sequence[Mapping[str, Any]]) -> str:
    """The hex SHA-256 of the canonical JSON of the records (sorted keys, no spaces, UTF-8)."""
    canonical = json.dumps(canonical_consent_records(records), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def consent_assertion(*, job_ref: str, consent_records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The data of the custom consent assertion: the job and the consent state it was rendered under."""
    records = canonical_consent_records(consent_records)
    return {"job": job_ref, "records": records, "records_sha256": consent_records_sha256(records)}


def build_manifest(
    *,
    title: str,
    generator_name: str,
    generator_version: str,
    job_ref: str,
    consent_records: Sequence[Mapping[str, Any]],
    parent: ParentIngredient | None = None,
    model: Mapping[str, str] | None = None,
    media_format: str = "video/mp4",
) -> dict[str, Any]:
    """The manifest definition for an AI-generated MP4; a remix's actions also point at its parent. The video's poster
    gets one too (`media_format` "image/jpeg", no parent: a still made from the AI video is itself AI-made).

    `model` ({"name", "version"}, from the weights folder's config) names the learned model that made the
    pixels: it is the softwareAgent of the action that declares trainedAlgorithmicMedia (claim_generator_info stays
    this software, which signed). Without it (the built-in renderer) this software is the agent.

    A new video's first action is c2pa.created (trainedAlgorithmicMedia). A remix's first action
    is c2pa.opened on its parent, then c2pa.edited (trainedAlgorithmicMedia). The parent file
    itself is attached as the `parentOf` ingredient by `signing.sign_mp4`, which streams it into
    the Builder.
    """
    software_agent = {"name": generator_name, "version": generator_version}
    model_agent = {"name": str(model["name"]), "version": str(model["version"])} if model else software_agent
    if parent is None:
        actions: list[dict[str, Any]] = [
            {"action": "c2pa.created", "digitalSourceType": TRAINED_ALGORITHMIC_MEDIA, "softwareAgent": model_agent}
        ]
    else:
        # C2PA reserves c2pa.created for assets without a parent (c2pa-rs's Create intent refuses
        # a parentOf ingredient), so a remix opens its parent and then declares the AI edit.
        actions = [
            {
                "action": "c2pa.opened",
                "softwareAgent": software_agent,
                "parameters": {"ingredientIds": [PARENT_INGREDIENT_LABEL]},
            },
            {"action": "c2pa.edited", "digitalSourceType": TRAINED_ALGORITHMIC_MEDIA, "softwareAgent": model_agent},
        ]
    return {
        "claim_generator_info": [software_agent],
        "title": title,
        "format": media_format,
        "assertions": [
            {"label": ACTIONS_LABEL, "data": {"actions": actions}},
            {
                "label": TRAINING_MINING_LABEL,
                "data": {"entries": {use: {"use": "notAllowed"} for use in TRAINING_MINING_USES}},
            },
            {"label": CONSENT_LABEL, "data": consent_assertion(job_ref=job_ref, consent_records=consent_records)},
        ],
    }
