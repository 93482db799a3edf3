"""Fixtures of the model-backend tests: one torch thread, no network, and fixture faces cropped as cameos are."""

from __future__ import annotations

import socket
from pathlib import Path

import numpy as np
import pytest

# The feed's fixtures (a stored draft, a published post), for the tests of what happens to a video's files.
from tests.feed.conftest import make_draft, publish  # noqa: F401


def face_crop(path: Path) -> np.ndarray:
    """The largest face in a photo, cropped with a margin of a quarter of its height, as H×W×3 uint8 RGB."""
    import face_recognition

    image = face_recognition.load_image_file(str(path))
    boxes = face_recognition.face_locations(image)
    top, right, bottom, left = max(boxes, key=lambda box: (box[2] - box[0]) * (box[1] - box[3]))
    margin = (bottom - top) // 4
    return image[max(0, top - margin) : bottom + margin, max(0, left - margin) : right + margin].copy()


@pytest.fixture(scope="module")
def one_torch_thread():
    """Tiny tensors gain nothing from threads, and spinning threads slow a busy 2-core machine down 3 to 7x."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test loudly instead of downloading."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture(scope="module")
def obama_face(faces_dir: Path) -> np.ndarray:
    return face_crop(faces_dir / "obama.jpg")


@pytest.fixture(scope="module")
def biden_face(faces_dir: Path) -> np.ndarray:
    return face_crop(faces_dir / "biden.jpg")


@pytest.fixture
def generation_rate_unlimited(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rate far above what a test sends, so that races meet the caps, not the rate. Set on the throttle class: DRF
    reads its rates into the class when it loads, and a changed `settings.REST_FRAMEWORK` never reaches it."""
    from generation.api.views import GenerationThrottle

    monkeypatch.setattr(GenerationThrottle, "THROTTLE_RATES", {"generation": "1000/hour"})
