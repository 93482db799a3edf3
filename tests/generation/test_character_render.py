"""The reference renderer draws a character cameo (a pet, an object, a drawing) as its picture, never as a face.

A character's picture that shows a human face (a photo uploaded as a "pet") must not have that face found,
cut out, lip-synced and composited onto a human figure.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PIL import Image, ImageDraw

from generation.backends.base import CameoRef, RenderSpec
from generation.backends.reference import ReferenceRenderer
from generation.backends.reference import renderer as reference_renderer

fr = pytest.importorskip("face_recognition")

PROMPT = '@rex and @alice in the park. @rex says "woof woof" and @alice says "good dog"'


@pytest.fixture(scope="module")
def obama_photo(faces_dir: Path) -> np.ndarray:
    """A whole photo with a face in it, squared as a character upload is stored."""
    photo = Image.open(faces_dir / "obama.jpg").convert("RGB")
    photo.thumbnail((512, 512))
    square = Image.new("RGB", (512, 512), (235, 235, 235))
    square.paste(photo, ((512 - photo.width) // 2, 0))
    return np.asarray(square)


@pytest.fixture(scope="module")
def obama_crop(faces_dir: Path) -> np.ndarray:
    """A verification-style face crop, for a self cameo."""
    image = fr.load_image_file(faces_dir / "obama.jpg")
    top, right, bottom, left = fr.face_locations(image)[0]
    h, w = bottom - top, right - left
    return image[
        max(top - h * 3 // 10, 0) : bottom + h * 3 // 10, max(left - w * 3 // 10, 0) : right + w * 3 // 10
    ].copy()


def _spec(cameos: tuple[CameoRef, ...], prompt: str = PROMPT, duration_s: float = 1.5) -> RenderSpec:
    return RenderSpec(prompt=prompt, duration_s=duration_s, resolution="360p", cameos=cameos)


def _spy_on_face_search(monkeypatch) -> list[tuple[int, ...]]:
    """Record the shape of every picture the renderer searches for a face."""
    searched: list[tuple[int, ...]] = []
    real = reference_renderer.locate_face

    def locate_face(crop: np.ndarray):
        searched.append(np.asarray(crop).shape)
        return real(crop)

    monkeypatch.setattr(reference_renderer, "locate_face", locate_face)
    return searched


def test_a_pet_whose_picture_shows_a_face_gets_no_face_search_no_face_and_no_mouth(monkeypatch, obama_photo):
    # Given a pet cameo whose picture happens to be a person's photo, with face search made to fail loudly
    def refuse(*args, **kwargs):
        raise AssertionError("a character's picture was searched for a face")

    monkeypatch.setattr(reference_renderer, "locate_face", refuse)
    monkeypatch.setattr(reference_renderer, "build_face_patches", refuse)
    pet = CameoRef(handle="rex", reference_face=obama_photo, kind="pet")

    # When it is rendered, speaking
    result = ReferenceRenderer().render(_spec((pet,), prompt='@rex in the park says "woof woof"'), "cpu")

    # Then no face was composited for it and no mouth was animated, though it spoke
    assert "rex" not in result.mouth_openness
    assert all(boxes == [] for boxes in result.face_boxes)
    assert any(e.kind == "dialogue_start" and "@rex" in e.detail for e in result.events)


def test_the_pet_is_its_whole_picture_standing_in_its_slot(obama_photo):
    # Given a drawing with a distinctive colour, cast as a pet
    drawing = Image.new("RGB", (400, 300), (255, 255, 255))
    ImageDraw.Draw(drawing).ellipse((40, 30, 360, 270), fill=(200, 20, 200))
    pet = CameoRef(handle="rex", reference_face=np.asarray(drawing), kind="drawing")

    result = ReferenceRenderer().render(_spec((pet,), prompt="@rex in the park"), "cpu")

    # Then the drawing's magenta is in every frame, left of centre where a single cast member stands, and still
    frames = result.frames.astype(np.int16)
    magenta = (np.abs(frames[..., 0] - 200) < 40) & (frames[..., 1] < 70) & (np.abs(frames[..., 2] - 200) < 40)
    width = frames.shape[2]
    assert all(m.sum() > 2000 for m in magenta)
    columns = np.flatnonzero(magenta[0].any(axis=0))
    assert columns.mean() < width / 2
    assert np.array_equal(magenta[0], magenta[-1])


def test_a_self_cameo_beside_a_pet_still_gets_its_face_and_mouth(monkeypatch, obama_photo, obama_crop):
    # Given a pet whose picture shows a face, and a person
    searched = _spy_on_face_search(monkeypatch)
    pet = CameoRef(handle="rex", reference_face=obama_photo, kind="pet")
    person = CameoRef(handle="alice", reference_face=obama_crop)

    result = ReferenceRenderer().render(_spec((pet, person), duration_s=4.0), "cpu")

    # Then only the person's crop was searched, and only the person has a face box and a mouth
    assert searched and all(shape == obama_crop.shape for shape in searched)
    assert set(result.mouth_openness) == {"alice"}
    assert result.mouth_openness["alice"].max() > 0
    assert all(len(boxes) == 1 for boxes in result.face_boxes)
    assert all(boxes[0][1] > result.frames.shape[2] / 2 for boxes in result.face_boxes)  # alice stands on the right


@pytest.mark.parametrize("kind", ["pet", "object", "drawing", "something new"])
def test_only_self_is_a_person(kind, obama_photo):
    assert CameoRef(handle="rex", reference_face=obama_photo).is_person
    assert not CameoRef(handle="rex", reference_face=obama_photo, kind=kind).is_person


def test_the_render_task_casts_a_cameo_with_its_kind(monkeypatch):
    # The render task builds the cast from the job's cameos: the kind goes along with the picture.
    from generation import services

    monkeypatch.setattr(services, "reference_image_png", lambda cameo: None)
    monkeypatch.setattr(services, "voice_profile", lambda cameo: {})
    cameos = [
        SimpleNamespace(pk=1, handle="rex", kind="pet", preferences=""),
        SimpleNamespace(pk=2, handle="alice", kind="self", preferences=""),
    ]
    job = SimpleNamespace(cameos=SimpleNamespace(all=lambda: cameos), consent_pins={})

    refs = services._cameo_refs(job)

    assert [(r.handle, r.kind, r.is_person) for r in refs] == [("rex", "pet", False), ("alice", "self", True)]
