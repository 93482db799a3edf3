"""Local weights folders: checked when a backend is built, and named in every video's provenance.

Nothing here downloads or imports torch. A model backend is built only from a local folder in diffusers
format (``model_index.json`` at its root, written by ``save_pretrained`` or by ``hf download --local-dir``).
A missing or wrong folder is a start-up error (ImproperlyConfigured) of the worker, never a failed job.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

# Where `hf download --local-dir` records the commit each file came from (huggingface_hub's local-dir layout).
HF_DOWNLOAD_METADATA = Path(".cache") / "huggingface" / "download" / "model_index.json.metadata"


@dataclass(frozen=True)
class ModelIdentity:
    """What made a video, as the C2PA manifest's softwareAgent names it."""

    name: str  # the checkpoint's name (its hub id when the folder records one, else the folder's name)
    pipeline: str  # the diffusers pipeline class in model_index.json
    version: str  # the hub commit the files came from, else a fingerprint of the folder's configs
    diffusers_version: str  # the diffusers version that wrote the folder

    def software_agent(self) -> dict[str, str]:
        return {"name": f"{self.name} ({self.pipeline})", "version": self.version}


def weights_folder_check(path: str | None, *, backend: str, accepted: Iterable[str], setting: str) -> str:
    """The pipeline class of a local diffusers folder; ImproperlyConfigured if there is none or it is another model."""
    accepted = sorted(accepted)
    if not path:
        raise ImproperlyConfigured(
            f"The {backend} render backend needs its weights: set {setting} (or DIFFUSERS_MODEL_PATH) to a local "
            "diffusers folder. Weights are never downloaded at run time."
        )
    root = Path(path)
    if not root.is_dir():
        raise ImproperlyConfigured(
            f"The {backend} render backend's weights folder {path!r} does not exist. Weights are never downloaded: "
            f"fetch them ahead of time (`hf download <repo> --local-dir {path}`) and point {setting} at the folder."
        )
    index = root / "model_index.json"
    if not index.is_file():
        raise ImproperlyConfigured(
            f"{path!r} has no model_index.json, so it is not a diffusers pipeline folder ({backend} backend)."
        )
    try:
        class_name = str(json.loads(index.read_text())["_class_name"])
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(f"{index} is not a diffusers model_index.json: {exc}") from exc
    if class_name not in accepted:
        raise ImproperlyConfigured(
            f"{path!r} holds a {class_name}; the {backend} backend runs {', '.join(accepted)}."
        )
    return class_name


def model_identity(path: str) -> ModelIdentity:
    """The checkpoint's name and version, read from the weights folder's own config files."""
    root = Path(path)
    index = json.loads((root / "model_index.json").read_text())
    name = str(index.get("_name_or_path") or "")
    if not name or Path(name).is_absolute():
        transformer_config = root / "transformer" / "config.json"
        if transformer_config.is_file():
            name = str(json.loads(transformer_config.read_text()).get("_name_or_path") or "")
    if not name or Path(name).is_absolute():
        name = root.resolve().name
    return ModelIdentity(
        name=name,
        pipeline=str(index["_class_name"]),
        version=_hub_revision(root) or f"config-sha256:{config_fingerprint(root)[:16]}",
        diffusers_version=str(index.get("_diffusers_version", "")),
    )


def _hub_revision(root: Path) -> str:
    """The hub commit recorded by `hf download --local-dir`, or "" when the folder was made otherwise."""
    metadata = root / HF_DOWNLOAD_METADATA
    if not metadata.is_file():
        return ""
    return metadata.read_text().splitlines()[0].strip() if metadata.read_text().strip() else ""


def config_fingerprint(root: Path) -> str:
    """SHA-256 over model_index.json and every component's config (not the weights: hashing 40 GB at start-up is
    minutes); it tells two architectures or configurations apart, and names a folder that has no hub record."""
    digest = hashlib.sha256()
    files = [root / "model_index.json", *sorted(root.glob("*/config.json")), *sorted(root.glob("*/*_config.json"))]
    for file in files:
        digest.update(file.relative_to(root).as_posix().encode())
        digest.update(b"\0")
        digest.update(file.read_bytes())
    return digest.hexdigest()
