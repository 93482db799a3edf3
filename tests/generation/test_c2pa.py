"""C2PA provenance: dev keys, the manifest every export carries, signing and reading it back."""

import hashlib
import json
import stat
from pathlib import Path

import av
import c2pa
import numpy as np
import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID
from PIL import Image

from generation.media.encode import encode_mp4, write_poster
from generation.provenance.keys import create_dev_signing_keys
from generation.provenance.manifest import (
    CONSENT_LABEL,
    TRAINED_ALGORITHMIC_MEDIA,
    ParentIngredient,
    build_manifest,
)
from generation.provenance.signing import read_manifest, sign_jpeg, sign_mp4, strip_manifest

FPS = 24
CONSENT = [
    {"cameo": "cam_7f3a", "consent_version": 3, "grant_ids": ["gr_b2", "gr_a1"]},
    {"cameo": "cam_01c9", "consent_version": 1, "grant_ids": []},
]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("c2pa")


@pytest.fixture(scope="module")
def keys(workdir):
    paths = create_dev_signing_keys(workdir / "keys")
    return {
        "paths": paths,
        "chain": paths.chain_pem.read_bytes(),
        "key": paths.signer_key.read_bytes(),
        "root": paths.root_pem.read_bytes(),
    }


@pytest.fixture(scope="module")
def plain_mp4(workdir) -> Path:
    rng = np.random.default_rng(3)
    frames = rng.integers(0, 255, size=(24, 120, 160, 3), dtype=np.uint8)
    audio = (0.2 * np.sin(np.arange(48_000) / 20)).astype(np.float32)
    return encode_mp4(frames=frames, audio=audio, sample_rate=48_000, fps=FPS, path=workdir / "plain.mp4").path


def _manifest(**overrides):
    arguments = {
        "title": "A cat on a skateboard",
        "generator_name": "sora_social",
        "generator_version": "0.1.0",
        "job_ref": "job_5d1e",
        "consent_records": CONSENT,
    } | overrides
    return build_manifest(**arguments)


@pytest.fixture(scope="module")
def signed_mp4(workdir, keys, plain_mp4) -> Path:
    target = workdir / "signed.mp4"
    sign_mp4(src=plain_mp4, dst=target, manifest=_manifest(), chain_pem=keys["chain"], key_pem=keys["key"])
    return target


# Keys


def test_dev_keys_have_the_certificate_profile_c2pa_requires(keys):
    paths = keys["paths"]
    leaf, root = x509.load_pem_x509_certificates(keys["chain"])

    assert x509.load_pem_x509_certificate(keys["root"]) == root
    assert stat.S_IMODE(paths.signer_key.stat().st_mode) == 0o600
    assert b"BEGIN PRIVATE KEY" in keys["key"]  # PKCS#8
    # The root: a CA that may sign certificates.
    root_bc = root.extensions.get_extension_for_class(x509.BasicConstraints)
    assert root_bc.critical and root_bc.value.ca
    root_ku = root.extensions.get_extension_for_class(x509.KeyUsage).value
    assert root_ku.key_cert_sign and root_ku.crl_sign
    # The signer: an end entity for signatures, email-protection EKU, linked to the root by AKI.
    leaf_bc = leaf.extensions.get_extension_for_class(x509.BasicConstraints)
    assert leaf_bc.critical and not leaf_bc.value.ca
    assert leaf.extensions.get_extension_for_class(x509.KeyUsage).value.digital_signature
    assert list(leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value) == [
        ExtendedKeyUsageOID.EMAIL_PROTECTION
    ]
    root_ski = root.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    leaf_aki = leaf.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value.key_identifier
    assert leaf_aki == root_ski
    assert leaf.issuer == root.subject
    leaf.verify_directly_issued_by(root)


def test_dev_keys_are_created_once(tmp_path):
    first = create_dev_signing_keys(tmp_path)
    before = {p: p.read_bytes() for p in (first.root_pem, first.chain_pem, first.signer_key)}

    again = create_dev_signing_keys(tmp_path)

    assert again == first
    assert all(path.read_bytes() == content for path, content in before.items())
    create_dev_signing_keys(tmp_path, overwrite=True)
    assert first.signer_key.read_bytes() != before[first.signer_key]


def test_a_partial_key_set_is_not_silently_replaced(tmp_path):
    paths = create_dev_signing_keys(tmp_path)
    paths.chain_pem.unlink()

    with pytest.raises(FileExistsError):
        create_dev_signing_keys(tmp_path)


# Manifest content


def test_signed_video_is_trusted_with_our_anchor_and_valid_without(signed_mp4, keys):
    trusted = read_manifest(signed_mp4, trust_anchor_pem=keys["root"])
    untrusted = read_manifest(signed_mp4, trust_anchor_pem=None)

    assert trusted.validation_state == "Trusted"
    assert trusted.failures == ()
    assert untrusted.validation_state == "Valid"
    assert "signingCredential.untrusted" in untrusted.failures
    assert trusted.active_label == untrusted.active_label
    assert trusted.signer["alg"].upper() == "ES256"


def test_manifest_declares_ai_generation_and_refuses_training(signed_mp4, keys):
    report = read_manifest(signed_mp4, trust_anchor_pem=keys["root"])

    first = report.actions[0]
    assert first["action"] == "c2pa.created"
    assert first["digitalSourceType"] == TRAINED_ALGORITHMIC_MEDIA
    assert first["softwareAgent"] == {"name": "sora_social", "version": "0.1.0"}
    assert report.claim_generator[0]["name"] == "sora_social"
    assert report.claim_generator[0]["version"] == "0.1.0"
    assert report.title == "A cat on a skateboard"
    entries = report.assertion("c2pa.training-mining")["entries"]
    assert len(entries) >= 4
    assert {entry["use"] for entry in entries.values()} == {"notAllowed"}
    assert report.ingredients == ()


def test_consent_assertion_holds_ids_and_a_hash_and_nothing_personal(signed_mp4, keys):
    consent = read_manifest(signed_mp4, trust_anchor_pem=keys["root"]).consent

    assert consent is not None
    assert set(consent) == {"job", "records", "records_sha256"}
    assert consent["job"] == "job_5d1e"
    assert consent["records"] == [
        {"cameo": "cam_01c9", "consent_version": 1, "grant_ids": []},
        {"cameo": "cam_7f3a", "consent_version": 3, "grant_ids": ["gr_a1", "gr_b2"]},
    ]
    canonical = json.dumps(consent["records"], sort_keys=True, separators=(",", ":")).encode()
    assert consent["records_sha256"] == hashlib.sha256(canonical).hexdigest()
    # The hash does not depend on the order the caller listed records or grants in.
    reordered = build_manifest(
        title="t",
        generator_name="g",
        generator_version="1",
        job_ref="j",
        consent_records=[{**CONSENT[1]}, {**CONSENT[0], "grant_ids": ["gr_a1", "gr_b2"]}],
    )
    reordered_consent = next(a["data"] for a in reordered["assertions"] if a["label"] == CONSENT_LABEL)
    assert reordered_consent["records_sha256"] == consent["records_sha256"]


def test_consent_records_with_personal_fields_are_refused():
    with pytest.raises(ValueError, match="handle"):
        _manifest(consent_records=[{"cameo": "cam_1", "consent_version": 1, "grant_ids": [], "handle": "@ana"}])


def test_signing_keeps_the_video_playable(signed_mp4, plain_mp4):
    with av.open(str(signed_mp4)) as signed, av.open(str(plain_mp4)) as plain:
        assert sum(1 for _ in signed.decode(video=0)) == sum(1 for _ in plain.decode(video=0)) == 24
    assert signed_mp4.stat().st_size > plain_mp4.stat().st_size


# Tampering and stripping


def test_a_flipped_byte_in_the_media_makes_it_invalid(signed_mp4, keys, tmp_path):
    data = bytearray(signed_mp4.read_bytes())
    mdat = data.find(b"mdat")
    data[mdat + 4000] ^= 0x01
    tampered = tmp_path / "tampered.mp4"
    tampered.write_bytes(bytes(data))

    report = read_manifest(tampered, trust_anchor_pem=keys["root"])

    assert report.validation_state == "Invalid"
    assert "assertion.bmffHash.mismatch" in report.failures


def test_a_remuxed_copy_has_no_manifest_but_the_same_pictures(signed_mp4, tmp_path):
    stripped = tmp_path / "stripped.mp4"

    strip_manifest(signed_mp4, stripped)

    assert read_manifest(stripped, trust_anchor_pem=None) is None
    with av.open(str(stripped)) as container:
        assert sum(1 for _ in container.decode(video=0)) == 24
        assert container.streams.audio


def test_an_unsigned_encode_has_no_manifest(plain_mp4):
    with open(plain_mp4, "rb") as stream:
        assert read_manifest(stream) is None


# Remix


def test_a_remix_carries_its_parent_as_a_parent_of_ingredient(signed_mp4, plain_mp4, keys, tmp_path):
    parent = ParentIngredient(path=signed_mp4, title="A cat on a skateboard")
    parent_label = read_manifest(signed_mp4, trust_anchor_pem=keys["root"]).active_label
    remix = tmp_path / "remix.mp4"

    sign_mp4(
        src=plain_mp4,
        dst=remix,
        manifest=_manifest(title="The cat, now in space", job_ref="job_9e02", parent=parent),
        chain_pem=keys["chain"],
        key_pem=keys["key"],
        parent=parent,
    )

    report = read_manifest(remix, trust_anchor_pem=keys["root"])
    assert report.validation_state == "Trusted"
    [ingredient] = report.parents
    assert ingredient.title == "A cat on a skateboard"
    assert ingredient.relationship == "parentOf"
    assert ingredient.active_manifest == parent_label  # the parent's own signed manifest came along
    assert ingredient.validation_failures == ()
    assert parent_label in report.raw["manifests"]
    # A remix opens its parent and declares the AI edit.
    assert [a["action"] for a in report.actions] == ["c2pa.opened", "c2pa.edited"]
    assert report.actions[1]["digitalSourceType"] == TRAINED_ALGORITHMIC_MEDIA
    assert report.consent["job"] == "job_9e02"


def test_parent_and_manifest_must_agree(plain_mp4, signed_mp4, keys, tmp_path):
    parent = ParentIngredient(path=signed_mp4, title="p")
    with pytest.raises(ValueError, match="parent"):
        sign_mp4(
            src=plain_mp4,
            dst=tmp_path / "x.mp4",
            manifest=_manifest(),
            chain_pem=keys["chain"],
            key_pem=keys["key"],
            parent=parent,
        )
    assert not (tmp_path / "x.mp4").exists()


def test_a_certificate_that_is_not_the_keys_is_rejected_and_leaves_no_file(plain_mp4, keys, tmp_path):
    # Given the root CA certificate in place of the signer's chain: a CA, and not the key's certificate
    target = tmp_path / "bad.mp4"
    with pytest.raises(c2pa.C2paError):
        sign_mp4(src=plain_mp4, dst=target, manifest=_manifest(), chain_pem=keys["root"], key_pem=keys["key"])
    assert list(tmp_path.iterdir()) == []


# The poster and the time-stamp authority


def test_a_poster_is_signed_as_an_ai_made_still_of_the_same_job(keys, tmp_path):
    poster = tmp_path / "poster.jpg"
    write_poster(np.full((120, 160, 3), 90, dtype=np.uint8), poster)
    manifest = _manifest(title="A cat on a skateboard (poster)", media_format="image/jpeg")

    sign_jpeg(src=poster, dst=poster, manifest=manifest, chain_pem=keys["chain"], key_pem=keys["key"])

    report = read_manifest(poster, trust_anchor_pem=keys["root"])
    assert report.validation_state == "Trusted"
    [created] = report.assertions["c2pa.actions.v2"]["actions"]
    assert created["action"] == "c2pa.created"
    assert created["digitalSourceType"].endswith("trainedAlgorithmicMedia")
    assert report.consent["job"] == "job_5d1e"
    assert Image.open(poster).size == (160, 120)  # still a JPEG any viewer opens


def test_a_timestamp_authority_that_does_not_answer_fails_the_signing_and_leaves_no_file(plain_mp4, keys, tmp_path):
    """The authority is asked at signing (settings.C2PA_TIMESTAMP_URL): a deployment that set one never ships a video
    signed without it."""
    target = tmp_path / "stamped.mp4"
    with pytest.raises(c2pa.C2paError):
        sign_mp4(
            src=plain_mp4, dst=target, manifest=_manifest(), chain_pem=keys["chain"], key_pem=keys["key"],
            timestamp_url="http://127.0.0.1:9/tsa",
        )
    assert list(tmp_path.iterdir()) == []
