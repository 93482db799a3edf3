"""A character cameo's picture is searched for human faces whichever way up it was uploaded.

The pictures are made here from the real face fixtures (turned, shrunk, pasted) and stored the way a character
upload is stored (reference_image_from_upload: a 512 px square), unless a test says otherwise.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from cameos.verification import KnownIdentity, face_encodings_from_image
from cameos.verification.characters import HUMAN_FACE_IN_CHARACTER, human_faces_any_rotation, judge_character
from cameos.verification.reference import reference_image_from_upload

fr = pytest.importorskip("face_recognition")


def _png(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def _stored(picture: Image.Image) -> bytes:
    """The picture as a character upload is stored and judged."""
    return reference_image_from_upload(_png(picture))


def _face_box(rgb: np.ndarray) -> tuple[int, int, int, int]:
    return max(fr.face_locations(rgb, 1), key=lambda b: (b[2] - b[0]) * (b[1] - b[3]))


def _iou(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    top, right, bottom, left = max(a[0], b[0]), min(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3])
    inter = max(bottom - top, 0) * max(right - left, 0)
    return inter / ((a[2] - a[0]) * (a[1] - a[3]) + (b[2] - b[0]) * (b[1] - b[3]) - inter)


@pytest.fixture(scope="module")
def obama(faces_dir: Path) -> Image.Image:
    return Image.open(faces_dir / "obama.jpg").convert("RGB")


@pytest.fixture(scope="module")
def protected_obama(faces_dir: Path) -> KnownIdentity:
    return KnownIdentity(ref_id="p-1", kind="protected", encodings=face_encodings_from_image(faces_dir / "obama.jpg"))


@pytest.fixture(scope="module")
def biden_cameo(faces_dir: Path) -> KnownIdentity:
    return KnownIdentity(ref_id="c-7", kind="cameo", encodings=face_encodings_from_image(faces_dir / "biden.jpg"))


def _cartoon_cat() -> Image.Image:
    """A drawing: a cat's head with ears, eyes, nose and whiskers, on a plain background."""
    picture = Image.new("RGB", (600, 500), (250, 240, 210))
    draw = ImageDraw.Draw(picture)
    fur = (240, 150, 50)
    draw.ellipse((150, 120, 450, 400), fill=fur)
    draw.polygon([(170, 190), (200, 60), (260, 150)], fill=fur)
    draw.polygon([(430, 190), (400, 60), (340, 150)], fill=fur)
    for x in (220, 330):
        draw.ellipse((x, 210, x + 50, 260), fill="white")
        draw.ellipse((x + 17, 222, x + 37, 250), fill="black")
    draw.polygon([(285, 290), (315, 290), (300, 310)], fill=(230, 90, 120))
    draw.line((300, 310, 280, 330), fill="black", width=4)
    draw.line((300, 310, 320, 330), fill="black", width=4)
    for y in (290, 305, 320):
        draw.line((200, y, 120, y - 15), fill="black", width=3)
        draw.line((400, y, 480, y - 15), fill="black", width=3)
    return picture


def _landscape() -> Image.Image:
    """A sky-to-meadow gradient with a sun and hills."""
    y = np.linspace(0.0, 1.0, 480)[:, None] * np.ones((1, 640))
    x = np.linspace(0.0, 1.0, 640)[None, :] * np.ones((480, 1))
    sky = np.stack([90 + 100 * y, 150 + 60 * y - 30 * x, 230 - 60 * y], axis=-1)
    picture = Image.fromarray(sky.astype(np.uint8))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((470, 50, 560, 140), fill=(255, 220, 90))
    draw.ellipse((-200, 300, 400, 700), fill=(70, 150, 60))
    draw.ellipse((250, 330, 900, 800), fill=(60, 130, 50))
    return picture


@pytest.mark.parametrize("turned", [0, 90, 180, 270])
def test_a_protected_persons_photo_is_refused_at_every_quarter_turn(obama, protected_obama, biden_cameo, turned):
    # Given a protected person's photo turned by a quarter turn and uploaded as a pet
    stored = _stored(obama.rotate(turned, expand=True))

    # When it is judged
    outcome = judge_character(stored, known_identities=[protected_obama, biden_cameo])

    # Then the face is found the right way up, and named for moderators
    assert outcome.reasons == [HUMAN_FACE_IN_CHARACTER, "matches_protected_person"]
    assert len(outcome.faces) == 1
    assert outcome.faces[0].rotation == (360 - turned) % 360
    assert outcome.matched == [{"kind": "protected", "ref_id": "p-1"}]
    assert not outcome.accepted


def test_someone_elses_cameo_face_upside_down_matches_that_cameo(faces_dir, protected_obama, biden_cameo):
    stored = _stored(Image.open(faces_dir / "biden.jpg").convert("RGB").rotate(180))

    outcome = judge_character(stored, known_identities=[protected_obama, biden_cameo])

    assert outcome.reasons == [HUMAN_FACE_IN_CHARACTER, "matches_existing_cameo"]
    assert outcome.matched == [{"kind": "cameo", "ref_id": "c-7"}]


def test_an_unknown_face_is_refused_without_a_match(faces_dir, protected_obama, biden_cameo):
    stored = _stored(Image.open(faces_dir / "lin-manuel-miranda.png").convert("RGB").rotate(90, expand=True))

    outcome = judge_character(stored, known_identities=[protected_obama, biden_cameo])

    assert outcome.reasons == [HUMAN_FACE_IN_CHARACTER]
    assert outcome.matched == []


@pytest.mark.parametrize("drawing", [_cartoon_cat, _landscape], ids=["cartoon_cat", "landscape"])
def test_a_drawing_with_no_human_face_is_accepted(drawing, protected_obama):
    outcome = judge_character(_stored(drawing()), known_identities=[protected_obama])

    assert outcome.accepted
    assert (outcome.reasons, outcome.faces, outcome.matched) == ([], [], [])
    assert outcome.metrics["rotations"] == [0, 90, 180, 270]


def _small_face_in_big_picture(obama: Image.Image, *, face_px: int, side: int = 1000) -> Image.Image:
    """The head of the photo shrunk so that its face box is about face_px wide, pasted in a side x side scene."""
    top, right, bottom, left = _face_box(np.asarray(obama))
    margin = int(0.8 * (bottom - top))
    head = obama.crop((left - margin, top - margin, right + margin, bottom + margin))
    scale = face_px / (right - left)
    head = head.resize((round(head.width * scale), round(head.height * scale)), Image.Resampling.LANCZOS)
    scene = _landscape().resize((side, side))
    scene.paste(head, (int(0.62 * side), int(0.15 * side)))
    return scene


def test_a_small_face_in_a_big_picture_is_found_as_uploaded_and_as_stored(obama, protected_obama):
    # Given a 1000 px picture with a face about 60 px wide, upside down
    picture = _small_face_in_big_picture(obama, face_px=60).rotate(180)

    # Then it is found in the upload itself, and in the 512 px square it is stored as (a 31 px face there)
    for data in (_png(picture), _stored(picture)):
        outcome = judge_character(data, known_identities=[protected_obama])
        assert outcome.reasons[:1] == [HUMAN_FACE_IN_CHARACTER]
        assert [face.rotation for face in outcome.faces] == [180]


def test_two_faces_turned_on_their_side_are_both_found_once(faces_dir):
    picture = Image.open(faces_dir / "two_people.jpg").convert("RGB").rotate(270, expand=True)

    faces = human_faces_any_rotation(_stored(picture))

    assert len(faces) == 2
    assert {face.rotation for face in faces} == {90}


def test_boxes_are_in_the_pixels_of_the_picture_as_given(obama):
    # Given the photo as an array, turned a quarter turn counterclockwise
    upright = np.asarray(obama)
    turned = np.ascontiguousarray(np.rot90(upright, 1))

    faces = human_faces_any_rotation(turned)

    # Then the box is where the face is in the turned picture: the upright box, turned the same way
    top, right, bottom, left = _face_box(upright)
    width = upright.shape[1]
    expected = (width - right, bottom, width - left, top)
    assert len(faces) == 1
    assert faces[0].rotation == 270
    assert _iou(faces[0].box, expected) > 0.6
    assert faces[0].encoding.shape == (128,)


def test_a_face_cropped_into_its_own_edges_is_still_found(obama):
    # A crop inside the face box: the detector's window has no context, the edge-padded search gives it some.
    upright = np.asarray(obama)
    top, right, bottom, left = _face_box(upright)
    inset = (bottom - top) // 10
    crop = np.ascontiguousarray(np.rot90(upright[top + inset : bottom - inset, left + inset : right - inset], 2))

    faces = human_faces_any_rotation(crop)

    assert [face.rotation for face in faces] == [180]


def test_metrics_hold_no_biometric_data(obama, protected_obama):
    outcome = judge_character(_stored(obama.rotate(90, expand=True)), known_identities=[protected_obama])

    serialized = json.dumps(outcome.metrics)  # plain figures only: no arrays, no boxes, no encodings
    assert "encoding" not in serialized
    assert outcome.metrics["faces"] == 1
    assert outcome.metrics["width"] == outcome.metrics["height"] == 512
    assert {p["name"] for p in outcome.metrics["passes"]} <= {"main", "fine", "tight"}
    assert outcome.metrics["total_s"] > 0
