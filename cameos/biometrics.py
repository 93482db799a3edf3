"""Encryption at rest of biometric data (face encodings, reference crops, voice profiles).

The Fernet key comes from settings.BIOMETRIC_KEY. The embedded default makes a key file once, readable by the
owner of the process only; production must set the variable (settings refuse to start without it).
"""

import json
import os
from functools import lru_cache

import numpy as np
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


@lru_cache(maxsize=1)
def _fernet() -> Fernet:
    key = settings.BIOMETRIC_KEY
    if not key:
        path = settings.BIOMETRIC_KEY_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(Fernet.generate_key())
        key = path.read_bytes().strip()
    return Fernet(key if isinstance(key, bytes) else key.encode())


def encrypt_bytes(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt_bytes(token: bytes | memoryview) -> bytes:
    try:
        return _fernet().decrypt(bytes(token))
    except InvalidToken as exc:
        raise ValueError("biometric data could not be decrypted with the configured key") from exc


def encrypt_encodings(encodings: list[np.ndarray]) -> bytes:
    array = np.asarray(encodings, dtype=np.float64).reshape(len(encodings), -1)
    return encrypt_bytes(array.astype("<f8").tobytes() + len(encodings).to_bytes(4, "little"))


def decrypt_encodings(token: bytes | memoryview) -> list[np.ndarray]:
    raw = decrypt_bytes(token)
    count = int.from_bytes(raw[-4:], "little")
    if count == 0:
        return []
    array = np.frombuffer(raw[:-4], dtype="<f8").reshape(count, -1)
    return [row.copy() for row in array]


def encrypt_json(value: dict) -> bytes:
    return encrypt_bytes(json.dumps(value, sort_keys=True).encode())


def decrypt_json(token: bytes | memoryview) -> dict:
    return json.loads(decrypt_bytes(token))


def reference_image_png(cameo) -> bytes | None:
    """A cameo's decrypted reference crop; for the renderer and for the owner's own thumbnail only."""
    if not cameo.reference_image_encrypted:
        return None
    return decrypt_bytes(cameo.reference_image_encrypted)


def voice_profile(cameo) -> dict:
    """A cameo's decrypted voice profile (pitch and the like), for the renderer only."""
    if not cameo.voice_profile_encrypted:
        return {}
    return decrypt_json(cameo.voice_profile_encrypted)


def erase(cameo) -> None:
    """Drop a cameo's biometric data from the instance (the caller saves it)."""
    cameo.encodings_encrypted = None
    cameo.reference_image_encrypted = None
    cameo.voice_profile_encrypted = None
