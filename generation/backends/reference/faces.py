"""The cameo's real face: where its parts are in the reference crop, and face patches with the mouth open.

``locate_face`` finds the face box, eyes, mouth and chin in the crop with face_recognition's HOG detector and
68-point landmarks when that package is installed (it is, wherever verification runs). Without it, or for a
crop with no detectable face, it assumes the layout of a verification crop: the detector box grown by 30 % on
every side, so the face box is the middle 62.5 %. Character cameos (a pet, an object, a drawing) never come
here: the renderer draws their whole picture (renderer._picture_plan).

``build_face_patches`` cuts an ellipse around the face (forehead to chin) out of the crop at the size the
shot needs, with a feathered alpha, and renders it at ``levels`` mouth openings. Opening the mouth moves the
jaw down under a smooth horizontal falloff (a warp of the real pixels) and paints the dark mouth interior
and a hint of teeth into the gap, so the real lips frame the opening.
"""

from __future__ import annotations

import hashlib
import math
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from sora_social.pillow_settings import refuse_truncated_images

from .scene import RGB

Tensor = torch.Tensor
FALLBACK_MARGIN = 0.3
# Each cast face's geometry, found once per render rather than once per shot; held only while a render runs
# (geometry_cache_for_one_render). Kept across renders it held the face box, eyes, mouth, chin and skin colour of the
# last 64 faces in the worker's memory, past their cameo's and account's deletion (round on account deletion).
# A context variable, not a module global: two renders overlapping in one process (threads) each have their own, and
# the first to end no longer left its dict installed for every later look (round 4).
_GEOMETRY_CACHE: ContextVar[dict[str, FaceGeometry] | None] = ContextVar("reference_face_geometry", default=None)
_CACHE_SIZE = 64


@contextmanager
def geometry_cache_for_one_render() -> Iterator[None]:
    token = _GEOMETRY_CACHE.set({})
    try:
        yield
    finally:
        _GEOMETRY_CACHE.reset(token)


def geometry_cache_now() -> dict[str, FaceGeometry] | None:
    """The faces' geometry held for the render running in this context; None outside a render."""
    return _GEOMETRY_CACHE.get()


@dataclass(frozen=True)
class FaceGeometry:
    """Where a face's parts are in its reference crop, in crop pixels."""

    top: float
    right: float
    bottom: float
    left: float
    mouth: tuple[float, float]
    mouth_width: float
    eyes: tuple[tuple[float, float], tuple[float, float]]
    chin_y: float
    skin: RGB
    from_landmarks: bool

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def width(self) -> float:
        return self.right - self.left


def as_rgb(crop: np.ndarray) -> np.ndarray:
    """The crop as a contiguous, writable H×W×3 uint8 array (grey and RGBA crops are accepted).

    Writable because torch shares the memory of the arrays it is given and warns on read-only ones (crops decoded
    from bytes are read-only views)."""
    arr = np.asarray(crop)
    if arr.ndim == 2:
        arr = np.stack([arr] * 3, axis=-1)
    if arr.dtype != np.uint8:
        arr = np.clip(arr, 0, 255).astype(np.uint8)
    rgb = np.ascontiguousarray(arr[..., :3])
    return rgb if rgb.flags.writeable else rgb.copy()


def _skin(crop: np.ndarray, *, left: float, right: float, eye_y: float, mouth_y: float) -> RGB:
    """Median colour of the two cheeks, between the eyes and the mouth."""
    h, w = crop.shape[:2]
    y0, y1 = int(max(eye_y + 0.2 * (mouth_y - eye_y), 0)), int(min(mouth_y, h))
    bw = right - left
    patches = []
    for a, b in ((0.12, 0.3), (0.7, 0.88)):
        x0, x1 = int(max(left + a * bw, 0)), int(min(left + b * bw, w))
        if y1 > y0 and x1 > x0:
            patches.append(crop[y0:y1, x0:x1].reshape(-1, 3))
    if not patches:
        return (0.78, 0.6, 0.48)
    med = np.median(np.concatenate(patches), axis=0) / 255.0
    return (float(med[0]), float(med[1]), float(med[2]))


def _fallback_geometry(crop: np.ndarray) -> FaceGeometry:
    h, w = crop.shape[:2]
    inset_y, inset_x = h * FALLBACK_MARGIN / (1 + 2 * FALLBACK_MARGIN), w * FALLBACK_MARGIN / (1 + 2 * FALLBACK_MARGIN)
    top, bottom, left, right = inset_y, h - inset_y, inset_x, w - inset_x
    bh, bw = bottom - top, right - left
    eye_y, mouth_y = top + 0.3 * bh, top + 0.76 * bh
    return FaceGeometry(
        top=top, right=right, bottom=bottom, left=left,
        mouth=(left + 0.5 * bw, mouth_y), mouth_width=0.4 * bw,
        eyes=((left + 0.3 * bw, eye_y), (left + 0.7 * bw, eye_y)),
        chin_y=top + 1.08 * bh,
        skin=_skin(crop, left=left, right=right, eye_y=eye_y, mouth_y=mouth_y),
        from_landmarks=False,
    )


def _detect(face_recognition: Any, crop: np.ndarray) -> tuple[np.ndarray, int, list] | None:
    """HOG face boxes in the crop, or in an edge-padded copy (offset by ``pad``) if the crop is too tight."""
    h, w = crop.shape[:2]
    pad = int(0.3 * max(h, w))
    boxes = face_recognition.face_locations(crop, number_of_times_to_upsample=1)
    if boxes:
        return crop, 0, boxes
    # Tight crops leave the HOG window no context; an edge-padded border gives it some.
    padded = np.pad(crop, ((pad, pad), (pad, pad), (0, 0)), mode="edge")
    boxes = face_recognition.face_locations(padded, number_of_times_to_upsample=1 if max(h, w) > 160 else 2)
    return (padded, pad, boxes) if boxes else None


def _landmark_geometry(crop: np.ndarray) -> FaceGeometry | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # face_recognition_models warns about pkg_resources on import
            # lazy: face_recognition loads dlib's models; optional for the renderer (None without it).
            import face_recognition
    except ImportError:
        return None
    refuse_truncated_images()  # its import lets Pillow take truncated images, in the whole process
    found = _detect(face_recognition, crop)
    if found is None:
        return None
    image, offset, boxes = found
    box = max(boxes, key=lambda b: (b[2] - b[0]) * (b[1] - b[3]))
    marks = face_recognition.face_landmarks(image, [box])[0]
    t, r, b, left = (v - offset for v in box)

    def centre(name: str) -> tuple[float, float]:
        pts = np.asarray(marks[name], dtype=np.float64) - offset
        return float(pts[:, 0].mean()), float(pts[:, 1].mean())

    lips = np.asarray(marks["top_lip"] + marks["bottom_lip"], dtype=np.float64) - offset
    chin = np.asarray(marks["chin"], dtype=np.float64) - offset
    eyes = sorted((centre("left_eye"), centre("right_eye")))
    mouth = (float(lips[:, 0].mean()), float(lips[:, 1].mean()))
    return FaceGeometry(
        top=float(t), right=float(r), bottom=float(b), left=float(left),
        mouth=mouth, mouth_width=float(lips[:, 0].max() - lips[:, 0].min()),
        eyes=(eyes[0], eyes[1]),
        chin_y=float(chin[:, 1].max()),
        skin=_skin(crop, left=float(left), right=float(r), eye_y=eyes[0][1], mouth_y=mouth[1]),
        from_landmarks=True,
    )


def locate_face(crop: np.ndarray) -> FaceGeometry:
    """The face's geometry in a reference crop (landmarks when available, else the verification layout)."""
    rgb = as_rgb(crop)
    cache = _GEOMETRY_CACHE.get()
    if cache is None:
        return _landmark_geometry(rgb) or _fallback_geometry(rgb)
    key = hashlib.sha256(rgb.tobytes() + repr(rgb.shape).encode()).hexdigest()
    if key not in cache:
        if len(cache) >= _CACHE_SIZE:
            cache.pop(next(iter(cache)))
        cache[key] = _landmark_geometry(rgb) or _fallback_geometry(rgb)
    return cache[key]


@dataclass(frozen=True)
class FacePatches:
    """A face ready to composite: one RGBA patch per mouth opening, and where its parts are in the patch."""

    premultiplied: Tensor  # (levels, h, w, 3) float, rgb·alpha in 0..255
    alpha: Tensor  # (levels, h, w, 1) float in 0..1
    anchor: tuple[float, float]  # patch pixel of the face-box centre
    face_box: tuple[int, int, int, int]  # (top, right, bottom, left) of the visible face, patch pixels
    scale: float  # patch pixels per crop pixel
    eyes: tuple[tuple[float, float], tuple[float, float]]  # patch pixels
    head_radii: tuple[float, float]  # the cut-out ellipse's radii, patch pixels
    head_centre: tuple[float, float]  # the cut-out ellipse's centre, patch pixels

    @property
    def levels(self) -> int:
        return self.alpha.shape[0]


def _ellipse_alpha(xs: Tensor, ys: Tensor, *, cx: float, cy: float, rx: float, ry: float, feather: float) -> Tensor:
    d = torch.sqrt(((xs - cx) / rx) ** 2 + ((ys - cy) / ry) ** 2)
    t = ((1 - d) / feather).clamp(0, 1)
    return t * t * (3 - 2 * t)  # smoothstep: a soft edge with no visible ring


def build_face_patches(crop: np.ndarray, geo: FaceGeometry, *, face_h: float, levels: int,
                       device: torch.device, grade: Callable[[Tensor], Tensor]) -> FacePatches:
    """The face cut out at ``face_h`` pixels of face-box height, at ``levels`` mouth openings (0 to 1)."""
    rgb = as_rgb(crop)
    s = face_h / max(geo.height, 1.0)
    # The cut-out ellipse in crop pixels: forehead above the box down to just below the chin.
    ecx = (geo.left + geo.right) / 2
    etop, ebottom = geo.top - 0.32 * geo.height, max(geo.chin_y, geo.bottom) + 0.03 * geo.height
    ecy, ery, erx = (etop + ebottom) / 2, (ebottom - etop) / 2, 0.56 * geo.width
    pw, ph = int(math.ceil(2 * erx * s)) + 2, int(math.ceil(2 * ery * s)) + 2

    # Resize the whole crop once with antialiasing, then sample it 1:1 (plus the jaw warp).
    src = torch.from_numpy(rgb).to(device).permute(2, 0, 1)[None].float() / 255.0
    rh, rw = max(int(round(rgb.shape[0] * s)), 2), max(int(round(rgb.shape[1] * s)), 2)
    small = F.interpolate(src, size=(rh, rw), mode="bilinear", antialias=True, align_corners=False)
    sx, sy = rw / rgb.shape[1], rh / rgb.shape[0]

    ys = torch.arange(ph, device=device, dtype=torch.float32)[:, None] + 0.5
    xs = torch.arange(pw, device=device, dtype=torch.float32)[None, :] + 0.5
    to_crop_x = lambda x: ecx + (x - pw / 2) / s  # noqa: E731
    to_crop_y = lambda y: ecy + (y - ph / 2) / s  # noqa: E731
    from_crop_x = lambda x: (x - ecx) * s + pw / 2  # noqa: E731
    from_crop_y = lambda y: (y - ecy) * s + ph / 2  # noqa: E731
    mx, my = from_crop_x(geo.mouth[0]), from_crop_y(geo.mouth[1])
    mw = geo.mouth_width * s
    chin = from_crop_y(max(geo.chin_y, geo.bottom))
    fh = geo.height * s

    # The jaw (chin and lower lip) moves down as a block under a horizontal falloff; between the lips the
    # displacement ramps from 0 to d, so the gap stretches smoothly (no seam) and is painted as the mouth.
    jaw_x = torch.exp(-(((xs - mx) / (0.3 * geo.width * s)) ** 2))
    below_chin = ((chin + 0.3 * fh - ys) / (0.28 * fh)).clamp(0, 1)
    premultiplied, alphas = [], []
    for i in range(levels):
        o = i / max(levels - 1, 1)
        d = o * 0.09 * fh
        opening = ((ys - my) / max(d, 1e-3)).clamp(0, 1)
        src_y = ys - d * jaw_x * opening * below_chin
        src_x = xs.expand_as(src_y)
        cx_, cy_ = to_crop_x(src_x), to_crop_y(src_y)
        grid = torch.stack(((cx_ * sx) / rw * 2 - 1, (cy_ * sy) / rh * 2 - 1), dim=-1)[None]
        colour = F.grid_sample(small, grid, mode="bilinear", padding_mode="border", align_corners=False)[0]
        alpha = _ellipse_alpha(cx_, cy_, cx=ecx, cy=ecy, rx=erx, ry=ery, feather=0.16)
        # Fade out where the cut-out runs past the edge of the crop (tight crops).
        edge = 0.04 * geo.height
        inside = torch.minimum(torch.minimum(cx_, rgb.shape[1] - cx_), torch.minimum(cy_, rgb.shape[0] - cy_))
        alpha = alpha * (inside / edge).clamp(0, 1)
        if d > 0.4:
            colour = _paint_mouth(colour, xs, ys, mx=mx, my=my, mw=mw, d=d, o=o)
        colour = grade(colour)
        premultiplied.append((colour * alpha[None] * 255.0).permute(1, 2, 0))
        alphas.append(alpha[..., None])
    alpha_stack = torch.stack(alphas)
    visible = (alpha_stack[0, ..., 0] > 0.02).nonzero()
    top, left = (int(v) for v in visible.min(dim=0).values) if len(visible) else (0, 0)
    bottom, right = (int(v) + 1 for v in visible.max(dim=0).values) if len(visible) else (ph, pw)
    return FacePatches(
        premultiplied=torch.stack(premultiplied),
        alpha=alpha_stack,
        anchor=(from_crop_x(ecx), from_crop_y((geo.top + geo.bottom) / 2)),
        face_box=(top, right, bottom, left),
        scale=s,
        eyes=((from_crop_x(geo.eyes[0][0]), from_crop_y(geo.eyes[0][1])),
              (from_crop_x(geo.eyes[1][0]), from_crop_y(geo.eyes[1][1]))),
        head_radii=(erx * s, ery * s),
        head_centre=(pw / 2, ph / 2),
    )


def _paint_mouth(colour: Tensor, xs: Tensor, ys: Tensor, *, mx: float, my: float, mw: float, d: float,
                 o: float) -> Tensor:
    """The dark inside of an open mouth, with upper teeth, in the gap the jaw warp opened."""
    rx, ry = max(0.5 * mw * (0.72 + 0.28 * o), 1.0), max(0.5 * d, 0.6)
    cy = my + 0.5 * d
    dist = torch.sqrt(((xs - mx) / rx) ** 2 + ((ys - cy) / ry) ** 2)
    inside = (0.5 - (dist - 1) * min(rx, ry)).clamp(0, 1)
    teeth = ((my + 0.3 * d + 0.5 - ys).clamp(0, 1) * (((xs - mx).abs() < 0.62 * rx).float())) if d > 2.5 else 0.0
    interior = torch.tensor((0.24, 0.06, 0.07), device=colour.device)[:, None, None]
    white = torch.tensor((0.9, 0.87, 0.82), device=colour.device)[:, None, None]
    fill = interior + (white - interior) * teeth
    return colour * (1 - inside) + fill * inside
