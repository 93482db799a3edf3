"""Human faces in a character cameo's picture (a pet, an object, a drawing), whichever way up it was uploaded.

A character cameo must not carry a person's face: a protected person's photo uploaded as a "pet" and turned on
its side or upside down passes an upright face search, and a renderer that looks for a face in it finds one.
So the picture is searched at 0, 90, 180 and 270 degrees. dlib's HOG detector (five filters: frontal, turned
left and right, tilted left and right) found each fixture face from 45 degrees one way to 45-50 the other, so
the four quarter turns leave no angle unsearched.

Two searches, each over the four rotations; the second runs only when the first found nothing:
- main: the picture at most SEARCH_SIDE on its long side, at `upsample` (1). A picture that fits FINE_SIDE (every
  stored upload: reference_image_from_upload makes 512 px squares) is searched at upsample + 1 instead: the same
  pixels at twice the scale find faces half the size, for what upsample 1 on a copy twice as large would cost.
  (Searching at upsample 1 first would repeat part of the same search: the detector's image pyramid at upsample
  2 goes through the scales of upsample 1.)
- tight: a copy at most TIGHT_SIDE, edge-padded by TIGHT_PAD on every side, for a face cropped so tight that the
  detector's window has no context around it (the reference renderer pads the same way).
Measured on this 2-core host (dlib-bin, one thread): the detector finds face boxes from about 28 px at upsample 1
and 16-18 px at upsample 2, so a stored 512 px square shows faces down to about 3.5 % of its side, a 60 px face in
a 1000 px upload included. A stored square costs 1.7-1.8 s of CPU (1.9-2.6 s wall while other work shares the
host), face or not; a larger upload 0.8-0.95 s (faces from about 3.5 % of its long side). None of 95 pictures
with no human face (icons, drawings, photos of things and places, rendered scenes) was refused.

Each face found is encoded and compared to the known identities with the verification engine's measure, so
that moderators see whose face it was.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from cameos.verification.engine import IdentityIndex, KnownIdentity, Reason, judge_identity
from cameos.verification.faces import Box, detect_faces, encode_face
from cameos.verification.images import load_image

HUMAN_FACE_IN_CHARACTER = "human_face_in_character"
ROTATIONS = (0, 90, 180, 270)
SEARCH_SIDE = 800
FINE_SIDE = 512
TIGHT_SIDE = 200
TIGHT_PAD = 0.3
# A tight crop's face is most of the picture: no upsampling needed.
TIGHT_UPSAMPLE = 0
# Two boxes over this intersection-over-union, from two rotations or passes, are the same face.
SAME_FACE_IOU = 0.3


@dataclass(frozen=True)
class FoundFace:
    """A human face in a character picture."""

    rotation: int  # degrees the picture was turned counterclockwise (np.rot90) for the detector to find it
    box: Box  # (top, right, bottom, left) in the pixels of the picture as given, unrotated
    encoding: np.ndarray  # 128-d, as in the verification engine


@dataclass(frozen=True)
class CharacterOutcome:
    """The verdict on one character picture. Nothing here is kept once the cameo is decided."""

    # [] when accepted; human_face_in_character, then matches_existing_cameo / matches_protected_person.
    reasons: list[str]
    faces: list[FoundFace]
    # Which known identities a face matched ({"kind", "ref_id"}): for moderators, never to show the uploader.
    matched: list[dict]
    # Non-biometric figures: picture size, passes run, faces per pass, timings.
    metrics: dict

    @property
    def accepted(self) -> bool:
        return not self.reasons


@dataclass(frozen=True)
class _Pass:
    name: str
    side: int
    upsample: int
    pad: float = 0.0


def _rgb_array(source: bytes | str | Path | np.ndarray) -> np.ndarray:
    """An H×W×3 uint8 array from image bytes, a path, or an array (grey and RGBA are accepted)."""
    if isinstance(source, np.ndarray):
        array = source if source.ndim == 3 else np.stack([source] * 3, axis=-1)
        return np.ascontiguousarray(np.clip(array[..., :3], 0, 255).astype(np.uint8, copy=False))
    return np.asarray(load_image(source))


def _fit(rgb: np.ndarray, side: int) -> tuple[np.ndarray, float]:
    """A copy whose long side is at most `side` (never enlarged), and its pixels per source pixel."""
    height, width = rgb.shape[:2]
    if max(height, width) <= side:
        return rgb, 1.0
    picture = Image.fromarray(rgb)
    picture.thumbnail((side, side), Image.Resampling.LANCZOS)
    return np.asarray(picture), picture.width / width


def _rotate_box(box: tuple[float, ...], turns: int, shape: tuple[int, int]) -> tuple[float, ...]:
    """A box in an H×W image, moved to np.rot90(image, turns): each quarter turn sends (y, x) to (W - x, y)."""
    top, right, bottom, left = box
    height, width = shape
    for _ in range(turns % 4):
        top, right, bottom, left = width - right, bottom, width - left, top
        height, width = width, height
    return top, right, bottom, left


def _iou(a: Box, b: Box) -> float:
    top, right, bottom, left = max(a[0], b[0]), min(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3])
    inter = max(bottom - top, 0) * max(right - left, 0)
    area = (a[2] - a[0]) * (a[1] - a[3]) + (b[2] - b[0]) * (b[1] - b[3]) - inter
    return inter / area if area > 0 else 0.0


def _search(rgb: np.ndarray, search: _Pass) -> list[tuple[int, tuple[float, ...]]]:
    """(rotation, box in rgb's pixels, unclipped) of every face one pass finds over the four rotations."""
    small, scale = _fit(rgb, search.side)
    pad = int(round(search.pad * max(small.shape[:2])))
    if pad:
        small = np.pad(small, ((pad, pad), (pad, pad), (0, 0)), mode="edge")
    found = []
    for rotation in ROTATIONS:
        turns = rotation // 90
        turned = np.ascontiguousarray(np.rot90(small, turns))
        for box in detect_faces(turned, upsample=search.upsample):
            top, right, bottom, left = _rotate_box(box, -turns, turned.shape[:2])
            found.append((rotation, tuple((v - pad) / scale for v in (top, right, bottom, left))))
    return found


def _passes(shape: tuple[int, int], upsample: int) -> list[_Pass]:
    """The main search, then the tight one. A picture that fits FINE_SIDE gets one more upsampling step: the same
    pixels at twice the scale find faces half the size, and cost what a search at `upsample` on a copy twice as
    large would."""
    fine = max(shape) <= FINE_SIDE
    return [
        _Pass("fine", FINE_SIDE, upsample + 1) if fine else _Pass("main", SEARCH_SIDE, upsample),
        _Pass("tight", TIGHT_SIDE, TIGHT_UPSAMPLE, pad=TIGHT_PAD),
    ]


def _encode(rgb: np.ndarray, rotation: int, box: tuple[float, ...]) -> np.ndarray:
    """The face's encoding, from the picture (at most SEARCH_SIDE) turned the way the face was found upright."""
    picture, scale = _fit(rgb, SEARCH_SIDE)
    turns = rotation // 90
    turned = np.rot90(picture, turns)
    top, right, bottom, left = (
        int(round(v)) for v in _rotate_box(tuple(v * scale for v in box), turns, picture.shape[:2])
    )
    height, width = turned.shape[:2]
    # A tight crop's box runs past the border: pad with edge pixels, as the search did.
    pad = max(0, -top, -left, bottom - height, right - width)
    if pad:
        turned = np.pad(turned, ((pad, pad), (pad, pad), (0, 0)), mode="edge")
    return encode_face(turned, (top + pad, right + pad, bottom + pad, left + pad))


def _clip(box: tuple[float, ...], shape: tuple[int, int]) -> Box:
    height, width = shape
    top, right, bottom, left = box
    return (
        max(int(round(top)), 0),
        min(int(round(right)), width),
        min(int(round(bottom)), height),
        max(int(round(left)), 0),
    )


def _faces_with_metrics(rgb: np.ndarray, *, upsample: int) -> tuple[list[FoundFace], dict]:
    started = time.perf_counter()
    rgb = np.ascontiguousarray(rgb)
    metrics: dict = {
        "width": int(rgb.shape[1]),
        "height": int(rgb.shape[0]),
        "rotations": list(ROTATIONS),
        "passes": [],
    }
    raw: list[tuple[int, tuple[float, ...]]] = []
    for search in _passes(rgb.shape[:2], upsample):
        pass_started = time.perf_counter()
        found = _search(rgb, search)
        metrics["passes"].append(
            {
                "name": search.name,
                "side": search.side,
                "upsample": search.upsample,
                "faces": len(found),
                "s": round(time.perf_counter() - pass_started, 3),
            }
        )
        raw.extend(found)
        if found:
            break
    metrics["detect_s"] = round(time.perf_counter() - started, 3)
    encode_started = time.perf_counter()
    faces: list[FoundFace] = []
    for rotation, box in raw:
        clipped = _clip(box, rgb.shape[:2])
        if any(_iou(clipped, face.box) > SAME_FACE_IOU for face in faces):
            continue
        faces.append(FoundFace(rotation=rotation, box=clipped, encoding=_encode(rgb, rotation, box)))
    metrics["faces"] = len(faces)
    metrics["encode_s"] = round(time.perf_counter() - encode_started, 3)
    return faces, metrics


def human_faces_any_rotation(png_or_rgb: bytes | str | Path | np.ndarray, *, upsample: int = 1) -> list[FoundFace]:
    """Every human face in a picture turned by 0, 90, 180 or 270 degrees, each once, with its encoding.

    png_or_rgb is image bytes (any format Pillow reads), a path, or an H×W×3 uint8 array. upsample is the detector's
    for a picture larger than FINE_SIDE; one that fits gets one step more. Boxes are in the pixels of the picture as
    given. A picture Pillow cannot read raises UnreadableMediaError.
    """
    return _faces_with_metrics(_rgb_array(png_or_rgb), upsample=upsample)[0]


def judge_character(
    image_png: bytes, *, known_identities: Sequence[KnownIdentity] | IdentityIndex
) -> CharacterOutcome:
    """Refuse a character picture that shows a human face at any quarter turn, naming whose face when known.

    known_identities must leave out the uploader's own cameos. An unreadable picture raises UnreadableMediaError.
    """
    started, cpu_started = time.perf_counter(), time.process_time()
    faces, metrics = _faces_with_metrics(_rgb_array(image_png), upsample=1)
    # Each face is judged alone, with the engine's measure (a rotated photo of two people is two faces).
    matched: dict[tuple[str, str], dict] = {}
    for face in faces:
        for entry in judge_identity([face.encoding], known_identities).matched:
            matched.setdefault((entry["kind"], entry["ref_id"]), {"kind": entry["kind"], "ref_id": entry["ref_id"]})
    reasons = [HUMAN_FACE_IN_CHARACTER] if faces else []
    if any(m["kind"] == "cameo" for m in matched.values()):
        reasons.append(Reason.MATCHES_EXISTING_CAMEO.value)
    if any(m["kind"] == "protected" for m in matched.values()):
        reasons.append(Reason.MATCHES_PROTECTED_PERSON.value)
    metrics["face_rotations"] = sorted({face.rotation for face in faces})
    metrics["total_s"] = round(time.perf_counter() - started, 3)
    # CPU time of the process: what the check costs, whatever else the machine is doing.
    metrics["cpu_s"] = round(time.process_time() - cpu_started, 3)
    return CharacterOutcome(
        reasons=reasons,
        faces=faces,
        matched=list(matched.values()),
        metrics=metrics,
    )
