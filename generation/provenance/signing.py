"""Signing MP4s (and their JPEG posters) with a C2PA manifest, reading manifests back, and stripping them (for
tests)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import av
import c2pa
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from generation.media.encode import atomic_path, file_sha256
from generation.provenance.manifest import (
    ACTIONS_LABEL,
    CONSENT_LABEL,
    PARENT_INGREDIENT_LABEL,
    ParentIngredient,
)

MP4 = "video/mp4"
JPEG = "image/jpeg"
VALIDATION_STATES = ("Trusted", "Valid", "Invalid")


@dataclass(frozen=True)
class SignedVideo:
    """An MP4 after signing: the file the platform serves and hashes."""

    path: Path
    size_bytes: int
    sha256: str
    manifest_bytes: int


@dataclass(frozen=True)
class IngredientReport:
    """An ingredient of the active manifest, as the reader saw it."""

    title: str | None
    relationship: str | None
    label: str | None
    active_manifest: str | None  # the ingredient's own manifest label, when it carried one
    validation_failures: tuple[str, ...]  # codes the ingredient's own manifest failed on when added


@dataclass(frozen=True)
class ManifestReport:
    """What a video's C2PA manifest says and whether it holds up."""

    validation_state: str  # "Trusted", "Valid" or "Invalid"
    active_label: str
    title: str | None
    claim_generator: tuple[dict[str, Any], ...]
    assertions: dict[str, Any]  # data by label as stored, such as "c2pa.actions.v2"
    ingredients: tuple[IngredientReport, ...]
    consent: dict[str, Any] | None  # the org.sora_social.consent assertion's data
    signer: dict[str, Any]  # signature_info: alg, issuer, common_name, ...
    failures: tuple[str, ...] = ()  # validation failure codes of the active manifest
    raw: dict[str, Any] = field(default_factory=dict, repr=False)  # the reader's whole JSON

    def assertion(self, label: str) -> Any:
        """An assertion's data by label; a base label also finds its versioned form (".v2")."""
        if label in self.assertions:
            return self.assertions[label]
        for stored, data in self.assertions.items():
            if stored.startswith(label + ".v"):
                return data
        raise KeyError(label)

    @property
    def actions(self) -> list[dict[str, Any]]:
        return list(self.assertion(ACTIONS_LABEL)["actions"])

    @property
    def parents(self) -> list[IngredientReport]:
        return [i for i in self.ingredients if i.relationship == "parentOf"]


def _root_of_chain(chain_pem: bytes) -> bytes | None:
    """The last certificate of a PEM chain if it is a self-signed root, else None."""
    certificates = x509.load_pem_x509_certificates(chain_pem)
    last = certificates[-1]
    if last.subject != last.issuer:
        return None
    return last.public_bytes(serialization.Encoding.PEM)


def _context(trust_anchor_pem: bytes | None) -> c2pa.Context | None:
    """A c2pa Context trusting one root, or None for the library's defaults."""
    if not trust_anchor_pem:
        return None
    return c2pa.Context(settings=c2pa.Settings.from_dict({"trust": {"user_anchors": trust_anchor_pem.decode()}}))


def _references_parent(manifest: dict[str, Any]) -> bool:
    for assertion in manifest.get("assertions", ()):
        if assertion.get("label") == ACTIONS_LABEL:
            for action in assertion["data"].get("actions", ()):
                if PARENT_INGREDIENT_LABEL in action.get("parameters", {}).get("ingredientIds", ()):
                    return True
    return False


def sign_mp4(
    *,
    src: Path,
    dst: Path,
    manifest: dict[str, Any],
    chain_pem: bytes,
    key_pem: bytes,
    parent: ParentIngredient | None = None,
    trust_anchor_pem: bytes | None = None,
    timestamp_url: str | None = None,
) -> SignedVideo:
    """Embed a signed C2PA manifest (ES256) into an MP4; dst appears atomically.

    `timestamp_url` is an RFC 3161 time-stamp authority (settings.C2PA_TIMESTAMP_URL): with one, the manifest stays
    valid after the signing certificate expires; without one (the embedded default), it is read as valid only while
    the certificate is. An authority that does not answer fails the signing.

    Sign after the final encode: any re-encode or remux drops the manifest. A remix passes the
    `parent` it was built with, which is attached as the `parentOf` ingredient; `parent.path` is a
    file on this machine (with object storage, generation.services copies the parent's video into
    the job's scratch folder first). The parent's own manifest is validated against
    `trust_anchor_pem`, or the chain's root when it ends in one.
    `src` and `dst` may be the same path.
    """
    if _references_parent(manifest) != (parent is not None):
        raise ValueError("pass `parent` exactly when the manifest was built with one")
    anchor = trust_anchor_pem or _root_of_chain(chain_pem)
    context = _context(anchor)
    builder = c2pa.Builder(manifest, context=context) if context is not None else c2pa.Builder(manifest)
    signer = _signer(chain_pem, key_pem, timestamp_url)
    with builder, signer:
        if parent is not None:
            ingredient = {
                "title": parent.title,
                "relationship": "parentOf",
                "format": MP4,
                "label": PARENT_INGREDIENT_LABEL,
            }
            with open(parent.path, "rb") as parent_file:
                builder.add_ingredient(ingredient, MP4, parent_file)
        dst = Path(dst)
        with atomic_path(dst, suffix=".mp4") as tmp:
            with open(src, "rb") as source, open(tmp, "w+b") as target:
                manifest_bytes = builder.sign(signer, MP4, source, target)
    return SignedVideo(
        path=dst, size_bytes=dst.stat().st_size, sha256=file_sha256(dst), manifest_bytes=len(manifest_bytes)
    )


def _signer(chain_pem: bytes, key_pem: bytes, timestamp_url: str | None) -> c2pa.Signer:
    return c2pa.Signer.from_info(
        c2pa.C2paSignerInfo(c2pa.C2paSigningAlg.ES256, chain_pem, key_pem, timestamp_url or None)
    )


def sign_jpeg(
    *, src: Path, dst: Path, manifest: dict[str, Any], chain_pem: bytes, key_pem: bytes, timestamp_url: str | None = None
) -> Path:
    """Embed a signed C2PA manifest into a JPEG (a video's poster); dst appears atomically and may be `src`. A still
    of an AI video leaves the platform with its content credentials too, as the video does."""
    signer = _signer(chain_pem, key_pem, timestamp_url)
    builder = c2pa.Builder(manifest)
    with builder, signer:
        dst = Path(dst)
        with atomic_path(dst, suffix=".jpg") as tmp:
            with open(src, "rb") as source, open(tmp, "w+b") as target:
                builder.sign(signer, JPEG, source, target)
    return dst


@contextmanager
def _opened(source: Path | str | BinaryIO) -> Iterator[BinaryIO]:
    if isinstance(source, (str, Path)):
        with open(source, "rb") as handle:
            yield handle
    else:
        source.seek(0)
        yield source


def read_manifest(source: Path | str | BinaryIO, *, trust_anchor_pem: bytes | None = None) -> ManifestReport | None:
    """Read and validate a video's C2PA manifest; None when it carries none.

    The state is "Trusted" when the signer chains to `trust_anchor_pem`, "Valid" when the
    signature and hashes hold but the signer is not trusted, and "Invalid" when the content or
    manifest was altered. Other c2pa errors (an unreadable or unsupported file) propagate.
    """
    context = _context(trust_anchor_pem)
    with _opened(source) as stream:
        try:
            reader = c2pa.Reader(stream, context=context) if context is not None else c2pa.Reader(stream)
        except c2pa.C2paError.ManifestNotFound:
            return None
        with reader:
            store = json.loads(reader.json())
    return _report(store)


def _report(store: dict[str, Any]) -> ManifestReport:
    label = store["active_manifest"]
    manifest = store["manifests"][label]
    assertions = {a["label"]: a.get("data") for a in manifest.get("assertions", ())}
    ingredients = tuple(
        IngredientReport(
            title=i.get("title"),
            relationship=i.get("relationship"),
            label=i.get("label"),
            active_manifest=i.get("active_manifest"),
            validation_failures=tuple(
                f["code"] for f in i.get("validation_results", {}).get("activeManifest", {}).get("failure", ())
            ),
        )
        for i in manifest.get("ingredients", ())
    )
    failures = store.get("validation_results", {}).get("activeManifest", {}).get("failure", ())
    return ManifestReport(
        validation_state=store.get("validation_state", "Invalid"),
        active_label=label,
        title=manifest.get("title"),
        claim_generator=tuple(manifest.get("claim_generator_info", ())),
        assertions=assertions,
        ingredients=ingredients,
        consent=assertions.get(CONSENT_LABEL),
        signer=manifest.get("signature_info", {}),
        failures=tuple(f["code"] for f in failures),
        raw=store,
    )


def strip_manifest(src: Path, dst: Path) -> None:
    """Copy an MP4's audio and video into a fresh MP4 without re-encoding; the manifest is dropped."""
    dst = Path(dst)
    with atomic_path(dst, suffix=".mp4") as tmp:
        with av.open(str(src)) as source, av.open(str(tmp), mode="w", format="mp4") as target:
            mapping = {}
            for stream in source.streams:
                if stream.type in ("video", "audio"):
                    mapping[stream.index] = target.add_stream_from_template(stream)
            for packet in source.demux(*[source.streams[i] for i in mapping]):
                if packet.dts is None:
                    continue  # the demuxer's end-of-stream marker
                packet.stream = mapping[packet.stream.index]
                target.mux(packet)


__all__ = [
    "VALIDATION_STATES",
    "IngredientReport",
    "ManifestReport",
    "SignedVideo",
    "read_manifest",
    "sign_jpeg",
    "sign_mp4",
    "strip_manifest",
]
