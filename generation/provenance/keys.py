"""Development C2PA signing keys: a P-256 root CA and an end-entity certificate it signs."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

ROOT_FILE = "root.pem"
CHAIN_FILE = "chain.pem"
KEY_FILE = "signer.key"


@dataclass(frozen=True)
class SigningKeyPaths:
    """Where a deployment's signing material lives."""

    root_pem: Path  # the root CA certificate: the trust anchor readers are given
    chain_pem: Path  # the end-entity certificate, then the root
    signer_key: Path  # the end-entity's private key, PKCS#8 PEM, mode 0600

    def exist(self) -> bool:
        return self.root_pem.exists() and self.chain_pem.exists() and self.signer_key.exists()


def signing_key_paths(directory: Path) -> SigningKeyPaths:
    """The standard file names inside a key directory."""
    return SigningKeyPaths(
        root_pem=directory / ROOT_FILE, chain_pem=directory / CHAIN_FILE, signer_key=directory / KEY_FILE
    )


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "sora_social development"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _root_certificate(key: ec.EllipticCurvePrivateKey, now: dt.datetime) -> x509.Certificate:
    name = _name("sora_social development root CA")
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def _signer_certificate(
    key: ec.EllipticCurvePrivateKey,
    *,
    root: x509.Certificate,
    root_key: ec.EllipticCurvePrivateKey,
    now: dt.datetime,
) -> x509.Certificate:
    # c2pa-rs accepts an end-entity with EKU emailProtection; documentSigning and the c2pa
    # claimSigning EKU both fail its post-signing check (see DEPENDENCIES.md, C2PA).
    return (
        x509.CertificateBuilder()
        .subject_name(_name("sora_social development signer"))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=825))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )


def _write_atomic(path: Path, data: bytes, *, mode: int) -> None:
    """Write a file with `mode` from its first byte (never world-readable) and rename it into place."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def create_dev_signing_keys(directory: Path, *, overwrite: bool = False) -> SigningKeyPaths:
    """Create root.pem, chain.pem and signer.key in `directory`, unless they are all there already.

    A partial set (say, a key without its chain) is refused unless `overwrite`, because replacing
    a root that readers already trust must be a deliberate act.
    """
    directory = Path(directory)
    paths = signing_key_paths(directory)
    present = [p for p in (paths.root_pem, paths.chain_pem, paths.signer_key) if p.exists()]
    if not overwrite:
        if len(present) == 3:
            return paths
        if present:
            names = ", ".join(p.name for p in present)
            raise FileExistsError(f"{directory} holds only part of a key set ({names}); pass overwrite=True")
    directory.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(tz=dt.UTC)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root = _root_certificate(root_key, now)
    signer_key = ec.generate_private_key(ec.SECP256R1())
    signer = _signer_certificate(signer_key, root=root, root_key=root_key, now=now)

    root_pem = root.public_bytes(serialization.Encoding.PEM)
    chain_pem = signer.public_bytes(serialization.Encoding.PEM) + root_pem
    key_pem = signer_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    # The key goes last: a directory with a key always has the certificates that match it.
    _write_atomic(paths.root_pem, root_pem, mode=0o644)
    _write_atomic(paths.chain_pem, chain_pem, mode=0o644)
    _write_atomic(paths.signer_key, key_pem, mode=0o600)
    return paths
