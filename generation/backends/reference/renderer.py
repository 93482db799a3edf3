"""The reference renderer: a deterministic torch stand-in for a video model, with measurable output.

One render is: parse the prompt into a scene (scene.py); schedule and synthesise the dialogue first,
because its envelope drives the mouths; then, shot by shot, paint a background plate once, simulate the
objects (physics.py), and composite every frame in batches (objects, then characters with their real
faces, then the camera move and the letterbox); finally mix the audio (impacts at their exact samples,
the setting's ambience, the dialogue) and list the events.

A character cameo (a pet, an object, a drawing: ``CameoRef.is_person`` is false) is drawn as its whole
picture standing on the floor, like a cut-out: its picture is never searched for a face, gets no face patch,
no mouth animation and no face box, even if a human face is in it.

Layout: every camera frame of a shot sees the plate's *safe* rectangle. Characters stand in the foreground
at fixed slots across it (by their index in the spec, so each keeps its place across cuts); the objects
play in the widest gap between them, on a floor line at 92 % of the safe height, at about 4 m of world per
frame height. Frame ``i`` shows time ``i / fps``; an event's ``frame`` is the frame whose interval holds it.

Determinism: all randomness comes from CPU ``torch.Generator`` streams keyed by (seed, purpose), so the same
spec gives identical frames and audio on a given machine and device, and no global RNG is touched.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F

from generation.backends.base import (
    ASPECT_RATIOS,
    MAX_DURATION_S,
    RESOLUTIONS,
    STYLES,
    CameoRef,
    ProgressCallback,
    RenderEvent,
    RenderResult,
    RenderSpec,
)

from . import audio as sound
from .draw import PAINTERS, Figure, Layer, Stage, object_sprite, paint_accessories, paint_body, paint_head, paint_hoop
from .faces import as_rgb, build_face_patches, geometry_cache_for_one_render, locate_face
from .physics import (
    EARTH_GRAVITY,
    MOON_GRAVITY,
    BodySpec,
    Contact,
    Floor,
    Hoop,
    Trajectory,
    simulate_body,
    throw_velocity,
)
from .scene import Scene, Shot, parse_scene
from .style import grade, letterbox_rows, outline_plate, outline_sprite

Tensor = torch.Tensor
FACE_LEVELS = 16
BATCH_FRAMES = 12
FACE_FRACTION = {"wide": 0.17, "medium": 0.26, "close": 0.4}  # face-box height / safe height
FACE_CENTRE_Y = {"wide": 0.33, "medium": 0.42, "close": 0.52}  # face-box centre / safe height
VIEW_METRES = {"wide": 4.4, "medium": 4.0, "close": 3.7}  # world metres per safe height
PICTURE_FRACTION = {"wide": 0.42, "medium": 0.55, "close": 0.7}  # a character picture's height / safe height
PICTURE_MARGIN_TOLERANCE = 6  # how far (0-255) from the corner colour the margin added around a picture may be
CAMERA_MARGIN = 1.25
# name: (radius m, restitution, tangential loss per bounce, rolling deceleration m/s², rest speed m/s)
MATERIALS: dict[str, tuple[float, float, float, float, float]] = {
    "basketball": (0.12, 0.78, 0.15, 0.3, 0.6),
    "ball": (0.15, 0.8, 0.1, 0.3, 0.6),
    "tennis_ball": (0.05, 0.75, 0.1, 0.4, 0.6),
    "soccer_ball": (0.11, 0.7, 0.15, 0.4, 0.6),
    "beach_ball": (0.25, 0.6, 0.1, 0.6, 0.6),
    "box": (0.2, 0.3, 0.6, 4.0, 0.8),
}
FLOOR_BOUNCE = {"beach": 0.6, "park": 0.85}  # sand and grass soak up bounces


@dataclass
class Sprite:
    """A premultiplied RGBA image cut to its visible pixels, ready to composite onto uint8 frames."""

    pre_half: Tensor  # (h, w, 3) rgb·alpha·255 + 0.5, so that truncating to uint8 rounds
    inv_alpha: Tensor  # (h, w, 1) 1 − alpha
    dx: int = 0  # where the cut sits inside the image it came from
    dy: int = 0

    @classmethod
    def from_rgba(cls, rgb: Tensor, alpha: Tensor, *, crop: bool = True) -> Sprite:
        """From (3, h, w) straight-alpha colour and (1, h, w) alpha in 0..1."""
        dx = dy = 0
        if crop:
            visible = (alpha[0] > 1e-3).nonzero()
            if len(visible) == 0:
                return cls(torch.full((1, 1, 3), 0.5, device=rgb.device), torch.ones(1, 1, 1, device=rgb.device))
            (dy, dx), (y1, x1) = (int(v) for v in visible.min(0).values), (int(v) + 1 for v in visible.max(0).values)
            rgb, alpha = rgb[:, dy:y1, dx:x1], alpha[:, dy:y1, dx:x1]
        pre = (rgb * alpha * 255.0 + 0.5).permute(1, 2, 0).contiguous()
        return cls(pre, (1.0 - alpha).permute(1, 2, 0).contiguous(), dx, dy)

    @classmethod
    def from_layer(cls, layer: Layer, style: str, *, outline: int) -> Sprite:
        rgb, alpha = grade(layer.rgb, style), layer.alpha
        if style == "anime":
            rgb, alpha = outline_sprite(rgb, alpha, width=outline)
        return cls.from_rgba(rgb, alpha)

    def bounds(self, x: int, y: int) -> tuple[int, int, int, int]:
        """(x0, y0, x1, y1) covered when the source image's top-left is at (x, y)."""
        h, w = self.pre_half.shape[:2]
        return x + self.dx, y + self.dy, x + self.dx + w, y + self.dy + h


@dataclass
class CharacterPlan:
    """One cameo in one shot: a still body (baked into the plate) and a head that moves a little.

    A character cameo's plan is its picture as the body, and no head, face or face box.
    """

    handle: str
    body: Sprite  # also redrawn over objects that pass behind the character
    body_xy: tuple[int, int]
    head: Sprite | None  # hair, ears and skin under the face
    accessories: Sprite | None  # hat and glasses over the face
    layer_xy: tuple[int, int]  # plate position of the head and accessory images
    faces: list[Sprite]  # one per mouth level
    face_xy: tuple[int, int]
    face_box: tuple[int, int, int, int] | None  # visible face in the face image: top, right, bottom, left
    bob: np.ndarray  # (frames, 2) integer x, y offsets of the head


@dataclass
class ObjectPlan:
    """One simulated body in one shot: its sprite and its plate position per frame."""

    sprite: Sprite
    shadow: Sprite
    centres: np.ndarray  # (frames, 2) plate pixels
    heights: np.ndarray  # (frames,) metres above the floor (for the shadow)


@dataclass
class ShotPlan:
    """Everything needed to composite a shot's frames."""

    shot: Shot
    plate: Tensor  # (Hp, Wp, 3) uint8
    crops: np.ndarray  # (frames, 4) x0, y0, w, h in plate pixels
    characters: list[CharacterPlan] = field(default_factory=list)
    objects: list[ObjectPlan] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)  # times relative to the shot's start
    ground_y: float = 0.0  # plate y of the floor line, where shadows fall
    hands: list[tuple[float, float]] = field(default_factory=list)  # plate xy of each character's right hand


@dataclass(frozen=True)
class PlacedLine:
    """A synthesised dialogue line at its place in the track."""

    handle: str
    text: str
    start: int  # first sample
    speech: sound.Speech


def _validate(spec: RenderSpec) -> None:
    if spec.resolution not in RESOLUTIONS:
        raise ValueError(f"unknown resolution {spec.resolution!r}")
    if spec.aspect_ratio not in ASPECT_RATIOS:
        raise ValueError(f"unknown aspect ratio {spec.aspect_ratio!r}")
    if spec.style not in STYLES:
        raise ValueError(f"unknown style {spec.style!r}")
    if not 0 < spec.duration_s <= MAX_DURATION_S:
        raise ValueError(f"duration must be in (0, {MAX_DURATION_S}] seconds")
    if not 1 <= spec.fps <= 120 or not 8000 <= spec.sample_rate <= 192_000:
        raise ValueError("fps or sample rate out of range")
    if spec.frame_count < 1:
        raise ValueError("the spec has no frames")


# ------------------------------------------------------------------------------------------------ camera


def _camera(camera: str, width: int, height: int, frames: int) -> tuple[int, int, np.ndarray, tuple[float, ...]]:
    """Plate size, per-frame crop rectangles, and the safe rectangle every crop contains."""
    u = np.linspace(0.0, 1.0, frames) if frames > 1 else np.zeros(1)
    ease = u * u * (3 - 2 * u)
    crops = np.zeros((frames, 4))
    if camera in ("pan_right", "pan_left"):
        pw, ph = _even(width * CAMERA_MARGIN), height
        travel = ease if camera == "pan_right" else 1 - ease
        crops[:] = np.stack([np.round(travel * (pw - width)), np.zeros(frames), np.full(frames, width),
                             np.full(frames, height)], axis=1)
        return pw, ph, crops, (pw - width, 0.0, float(width), float(height))
    if camera in ("zoom_in", "zoom_out"):
        pw, ph = _even(width * CAMERA_MARGIN), _even(height * CAMERA_MARGIN)
        grow = ease if camera == "zoom_in" else 1 - ease
        scale = 1.0 + (1.0 / CAMERA_MARGIN - 1.0) * grow  # fraction of the plate in view
        cw, ch = np.round(pw * scale), np.round(ph * scale)
        crops[:] = np.stack([np.round((pw - cw) / 2), np.round((ph - ch) / 2), cw, ch], axis=1)
        x0, y0 = (pw - width) / 2, (ph - height) / 2
        return pw, ph, crops, (x0, y0, x0 + width, y0 + height)
    crops[:] = (0, 0, width, height)
    return width, height, crops, (0.0, 0.0, float(width), float(height))


def _even(x: float) -> int:
    n = int(round(x))
    return n + n % 2


def _resize_into(out: Tensor, region: Tensor) -> None:
    """Bilinear-resize an (h, w, 3) uint8 region into the (H, W, 3) uint8 frame ``out``."""
    chw = region.permute(2, 0, 1)[None]  # channels-last strides: the fast uint8 path on the CPU
    size = (out.shape[0], out.shape[1])
    if region.device.type == "cpu":
        resized = F.interpolate(chw, size=size, mode="bilinear", align_corners=False, antialias=False)
    else:
        resized = F.interpolate(chw.float(), size=size, mode="bilinear", align_corners=False)
        resized = resized.round_().clamp_(0, 255).to(torch.uint8)
    out.copy_(resized[0].permute(1, 2, 0))


# ------------------------------------------------------------------------------------------- compositing


def _blend(frame: Tensor, sprite: Sprite, x: int, y: int, *, opacity: float = 1.0,
           clip: tuple[int, int, int, int] | None = None) -> None:
    """Composite a sprite over a (H, W, 3) uint8 frame with its source image's top-left at (x, y)."""
    x0, y0, x1, y1 = sprite.bounds(x, y)
    fx0, fy0, fx1, fy1 = max(x0, 0), max(y0, 0), min(x1, frame.shape[1]), min(y1, frame.shape[0])
    if clip is not None:
        fx0, fy0, fx1, fy1 = max(fx0, clip[0]), max(fy0, clip[1]), min(fx1, clip[2]), min(fy1, clip[3])
    if fx0 >= fx1 or fy0 >= fy1:
        return
    src = sprite.pre_half[fy0 - y0:fy1 - y0, fx0 - x0:fx1 - x0]
    inv = sprite.inv_alpha[fy0 - y0:fy1 - y0, fx0 - x0:fx1 - x0]
    if opacity != 1.0:
        src, inv = (src - 0.5) * opacity + 0.5, 1.0 - (1.0 - inv) * opacity
    region = frame[fy0:fy1, fx0:fx1]
    # pre·255 + region·(1 − a) + 0.5 stays within [0.5, 255.5], so truncation rounds without a clamp.
    region.copy_(torch.addcmul(src, region.float(), inv).to(torch.uint8))


def _composite_frame(frame: Tensor, plan: ShotPlan, local: int, mouth_levels: dict[str, np.ndarray],
                     global_frame: int, *, origin: tuple[int, int] = (0, 0)) -> None:
    """Objects (with shadows, behind the characters' bodies), then each head at this frame's mouth level.

    ``origin`` is the plate pixel at the frame's top-left, for frames cut straight from the plate.
    """
    ox, oy = origin
    for obj in plan.objects:
        cx, cy = obj.centres[local]
        height = max(float(obj.heights[local]), 0.0)
        sh, sw = obj.shadow.pre_half.shape[:2]
        shadow_xy = (int(round(cx - sw / 2)) - obj.shadow.dx - ox, int(round(plan.ground_y - sh / 2)) - obj.shadow.dy - oy)
        _blend(frame, obj.shadow, *shadow_xy, opacity=1.0 / (1.0 + 1.5 * height))
        ph, pw = obj.sprite.pre_half.shape[:2]
        sprite_xy = (int(round(cx - pw / 2)) - obj.sprite.dx - ox, int(round(cy - ph / 2)) - obj.sprite.dy - oy)
        _blend(frame, obj.sprite, *sprite_xy)
        for ch in plan.characters:  # the characters stand in front of the action
            for covered in (obj.shadow.bounds(*shadow_xy), obj.sprite.bounds(*sprite_xy)):
                _blend(frame, ch.body, ch.body_xy[0] - ox, ch.body_xy[1] - oy, clip=covered)
    for ch in plan.characters:
        if ch.head is None:  # a character's picture: all of it is in the plate
            continue
        dx, dy = (int(v) for v in ch.bob[local])
        _blend(frame, ch.head, ch.layer_xy[0] + dx - ox, ch.layer_xy[1] + dy - oy)
        face = ch.faces[int(mouth_levels[ch.handle][global_frame])]
        _blend(frame, face, ch.face_xy[0] + dx - ox, ch.face_xy[1] + dy - oy)
        if ch.accessories is not None:
            _blend(frame, ch.accessories, ch.layer_xy[0] + dx - ox, ch.layer_xy[1] + dy - oy)


# ---------------------------------------------------------------------------------------------- planning


def _stage(shot: Shot, width: int, height: int, safe: tuple[float, ...]) -> Stage:
    sx0, sy0, sx1, sy1 = safe
    safe_h = sy1 - sy0
    return Stage(width=width, height=height, safe=(sx0, sy0, sx1, sy1), horizon_y=sy0 + 0.62 * safe_h,
                 ground_y=sy0 + 0.92 * safe_h, px_per_m=safe_h / VIEW_METRES[shot.framing], origin_x=sx0)


def _slots(count: int, portrait: bool) -> list[float]:
    if count == 1:
        return [0.3 if portrait else 0.24]
    if count == 2:
        return [0.2, 0.8]
    if count == 3:
        return [0.17, 0.5, 0.83]
    return [(i + 0.5) / count for i in range(count)]


def _action_x(stage: Stage, character_xs: list[float]) -> tuple[float, float, float]:
    """(centre, left, right) plate x of the widest gap between characters, where the objects play."""
    sx0, _, sx1, _ = stage.safe
    edges = sorted([sx0, *character_xs, sx1])
    gaps = [(edges[i + 1] - edges[i], edges[i], edges[i + 1]) for i in range(len(edges) - 1)]
    _, left, right = max(gaps)
    return (left + right) / 2, left, right


def _plan_characters(plan: ShotPlan, spec: RenderSpec, scene: Scene, stage: Stage, *, style: str,
                     device: torch.device, outline: int) -> list[float]:
    """Build each cast member's sprites and placement; returns their face-centre plate x."""
    shot = plan.shot
    sx0, sy0, sx1, sy1 = stage.safe
    safe_w, safe_h = sx1 - sx0, sy1 - sy0
    portrait = safe_h > safe_w * 1.1
    handles = [c.handle.lower() for c in spec.cameos]
    slots = _slots(len(handles), portrait)
    frames = shot.end_frame - shot.start_frame
    xs = []
    for handle in shot.cast:
        cameo = spec.cameos[handles.index(handle)]
        fh = FACE_FRACTION[shot.framing] * safe_h * (0.78 if portrait else 1.0)
        fh = min(fh, safe_w / (1.9 * len(handles)))
        cx = sx0 + slots[handles.index(handle)] * safe_w
        cy = sy0 + FACE_CENTRE_Y[shot.framing] * safe_h
        if not cameo.is_person:
            height = min(PICTURE_FRACTION[shot.framing] * safe_h * (0.78 if portrait else 1.0),
                         stage.ground_y - sy0 - 0.04 * safe_h)
            plan.characters.append(_picture_plan(handle, cameo.reference_face, cx=cx, floor_y=stage.ground_y,
                                                 height=height, max_width=safe_w / (1.15 * len(handles)),
                                                 frames=frames, style=style, device=device, outline=outline))
            xs.append(cx)
            continue
        geo = locate_face(cameo.reference_face)
        patches = build_face_patches(cameo.reference_face, geo, face_h=fh, levels=FACE_LEVELS, device=device,
                                     grade=lambda rgb: grade(rgb, style, face=True))
        face_x0, face_y0 = int(round(cx - patches.anchor[0])), int(round(cy - patches.anchor[1]))
        # The body sprite covers from above the hat to the feet; it is clipped to the plate.
        bx0, by0 = int(math.floor(cx - 1.7 * fh)), int(math.floor(cy - 1.45 * fh))
        bx1, by1 = int(math.ceil(cx + 1.7 * fh)), min(int(math.ceil(cy + 7.0 * fh)), stage.height + 8)
        to_local = lambda x, y, bx0=bx0, by0=by0: (x - bx0, y - by0)  # noqa: E731
        (hcx, hcy) = to_local(face_x0 + patches.head_centre[0], face_y0 + patches.head_centre[1])
        eyes = tuple(to_local(face_x0 + ex, face_y0 + ey) for ex, ey in patches.eyes)
        fig = Figure(face_cx=cx - bx0, face_cy=cy - by0, face_h=fh, head_cx=hcx, head_cy=hcy,
                     head_rx=patches.head_radii[0] * 1.03, head_ry=patches.head_radii[1] * 1.02,
                     eyes=(eyes[0], eyes[1]), eye_r=0.2 * fh)
        outfit = scene.outfits[handle]
        body_layer, head_layer = Layer(by1 - by0, bx1 - bx0, device), Layer(by1 - by0, bx1 - bx0, device)
        paint_body(body_layer, fig, outfit, geo.skin)
        paint_head(head_layer, fig, outfit, geo.skin)
        body = Sprite.from_layer(body_layer, style, outline=outline)
        accessories = None
        if outfit.hat is not None or outfit.glasses is not None:
            acc = Layer(by1 - by0, bx1 - bx0, device)
            paint_accessories(acc, fig, outfit)
            accessories = Sprite.from_layer(acc, style, outline=outline)
        gen = sound.seeded(spec.seed, "bob", handle, shot.index)
        phase = torch.rand(2, generator=gen, dtype=torch.float64).numpy() * 2 * math.pi
        t = (shot.start_frame + np.arange(frames)) / spec.fps
        bob = np.stack([np.round(0.012 * fh * np.sin(2 * math.pi * t / 4.5 + phase[0])),
                        np.round(0.02 * fh * np.sin(2 * math.pi * t / 3.2 + phase[1]))], axis=1)
        faces = [Sprite(pre + 0.5, 1.0 - a) for pre, a in zip(patches.premultiplied, patches.alpha, strict=True)]
        plan.characters.append(CharacterPlan(
            handle=handle, body=body, body_xy=(bx0, by0), head=Sprite.from_layer(head_layer, style, outline=outline),
            accessories=accessories, layer_xy=(bx0, by0), faces=faces, face_xy=(face_x0, face_y0),
            face_box=patches.face_box, bob=bob.astype(np.int64)))
        # The right hand, as paint_body draws it: below the shoulder line, which sits under the head.
        shoulder_y = face_y0 + patches.head_centre[1] + fig.head_ry + 0.2 * fh
        plan.hands.append((cx + 0.97 * fh, shoulder_y + 1.85 * fh))
        xs.append(cx)
    return xs


def _picture_layer(picture: np.ndarray, *, height: float, max_width: float, device: torch.device) -> Layer:
    """A character's picture at `height` pixels (narrower than max_width), as a card with soft rounded corners.

    The plain margin that squaring the upload added is cut off first, so the card has the picture's own shape.
    """
    rgb = as_rgb(picture)
    fill = rgb[0, 0].astype(np.int16)
    content = np.abs(rgb.astype(np.int16) - fill).max(axis=2) > PICTURE_MARGIN_TOLERANCE
    rows, cols = np.flatnonzero(content.any(axis=1)), np.flatnonzero(content.any(axis=0))
    if len(rows) and len(cols) and rows[-1] - rows[0] >= 8 and cols[-1] - cols[0] >= 8:
        rgb = rgb[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    scale = min(height / rgb.shape[0], max_width / rgb.shape[1])
    h, w = max(int(round(rgb.shape[0] * scale)), 2), max(int(round(rgb.shape[1] * scale)), 2)
    src = torch.from_numpy(np.ascontiguousarray(rgb)).to(device).permute(2, 0, 1)[None].float() / 255.0
    layer = Layer(h, w, device)
    layer.rgb = F.interpolate(src, size=(h, w), mode="bilinear", antialias=True, align_corners=False)[0].clamp_(0, 1)
    ys = torch.arange(h, device=device, dtype=torch.float32)[:, None] + 0.5
    xs = torch.arange(w, device=device, dtype=torch.float32)[None, :] + 0.5
    radius, feather = 0.08 * min(h, w), max(1.5, 0.015 * min(h, w))
    qx = ((xs - w / 2).abs() - (w / 2 - radius)).clamp_min(0)
    qy = ((ys - h / 2).abs() - (h / 2 - radius)).clamp_min(0)
    outside = torch.sqrt(qx**2 + qy**2) - radius  # signed distance to the rounded edge, negative inside
    layer.alpha = (-outside / feather).clamp(0, 1)[None]
    return layer


def _picture_plan(handle: str, picture: np.ndarray, *, cx: float, floor_y: float, height: float, max_width: float,
                  frames: int, style: str, device: torch.device, outline: int) -> CharacterPlan:
    """A character cameo standing on the floor at cx: its whole picture, no face search, no mouth."""
    sprite = Sprite.from_layer(_picture_layer(picture, height=height, max_width=max_width, device=device), style,
                               outline=outline)
    ph, pw = sprite.pre_half.shape[:2]
    xy = (int(round(cx - pw / 2)) - sprite.dx, int(round(floor_y - ph)) - sprite.dy)
    return CharacterPlan(handle=handle, body=sprite, body_xy=xy, head=None, accessories=None, layer_xy=xy, faces=[],
                         face_xy=xy, face_box=None, bob=np.zeros((frames, 2), dtype=np.int64))


def _plan_objects(plan: ShotPlan, spec: RenderSpec, stage: Stage, character_xs: list[float], *, style: str,
                  device: torch.device, outline: int) -> None:
    shot = plan.shot
    if not shot.objects:
        return
    gen = sound.seeded(spec.seed, "objects", shot.index)
    gravity = MOON_GRAVITY if shot.setting == "space" else EARTH_GRAVITY
    duration = (shot.end_frame - shot.start_frame) / spec.fps
    centre, left, right = _action_x(stage, character_xs)
    safe_w = stage.safe[2] - stage.safe[0]
    colliders: tuple = (Floor(),)
    hoop: Hoop | None = None
    if shot.hoop:
        rim_px = min(right - 0.72 * stage.px_per_m - 0.03 * safe_w, centre + 0.12 * safe_w)
        hoop = Hoop(rim_front_x=stage.to_world(rim_px, 0)[0])
        colliders = (Floor(), *hoop.colliders())
    plate_layer = None
    if hoop is not None:
        plate_layer = Layer(stage.height, stage.width, device)
        paint_hoop(plate_layer, stage, rim_front_x=hoop.rim_front_x, rim_height=hoop.rim_height,
                   rim_diameter=hoop.rim_diameter, board_x=hoop.board_x, board_height=hoop.board_height)
    times = np.arange(shot.end_frame - shot.start_frame) / spec.fps
    shooter = _shooter_hand(plan, stage, hoop)
    for i, kind in enumerate(shot.objects):
        radius, restitution, friction, rolling, rest = MATERIALS[kind]
        restitution *= FLOOR_BOUNCE.get(shot.setting, 1.0)
        u = torch.rand(4, generator=gen, dtype=torch.float64).tolist()
        spread = (i - (len(shot.objects) - 1) / 2) * 0.22 * (right - left)
        if kind != "box" and hoop is not None and i == 0:
            start = shooter
            target = hoop.miss_target(radius, offset=2 * u[0] - 1)
            velocity = throw_velocity(start, target, flight_s=1.1 * math.sqrt(EARTH_GRAVITY / gravity),
                                      gravity=gravity)
            release = 0.5
        elif kind != "box" and shot.throw and plan.characters:
            start = shooter
            land = stage.to_world(centre + spread + 0.15 * (right - left) * u[1], 0)[0]
            velocity = throw_velocity(start, (land, radius), flight_s=0.9 + 0.3 * u[2], gravity=gravity)
            release = 0.5
        else:
            top = stage.to_world(0, stage.safe[1] + 0.12 * (stage.safe[3] - stage.safe[1]))[1]
            start = (stage.to_world(centre + spread, 0)[0], min(2.0 + 0.6 * u[1], top - radius))
            velocity = ((u[2] - 0.5) * 1.0 if kind != "box" else 0.0, 0.0)
            release = 0.3 + 0.3 * u[3]
        body = BodySpec(name=kind, radius=radius, restitution=restitution, friction=friction,
                        rolling_decel=rolling, position=start, velocity=velocity, release_s=release,
                        rest_speed=rest)
        trajectory, contacts = simulate_body(body, colliders, gravity=gravity, duration_s=duration)
        plan.contacts.extend(contacts)
        plan.objects.append(_object_plan(kind, trajectory, times, stage, style=style, device=device,
                                         outline=outline))
    if plate_layer is not None:
        _blend(plan.plate, Sprite.from_layer(plate_layer, style, outline=outline), 0, 0)


def _shooter_hand(plan: ShotPlan, stage: Stage, hoop: Hoop | None) -> tuple[float, float]:
    """World position of the throwing hand: the character nearest the hoop on its left, else off to the left."""
    sx0, _, sx1, _ = stage.safe
    candidates = [stage.to_world(hand_x, hand_y) for hand_x, hand_y in plan.hands]
    rim_x = hoop.rim_front_x if hoop else stage.to_world(sx1, 0)[0]
    left = [c for c in candidates if c[0] < rim_x - 1.0]
    x, y = max(left) if left else (min(stage.to_world(sx0, 0)[0], rim_x - 2.0), 1.6)
    return (min(x, rim_x - 1.5), min(max(y, 0.8), 2.2))


def _object_plan(kind: str, trajectory: Trajectory, times: np.ndarray, stage: Stage, *, style: str,
                 device: torch.device, outline: int) -> ObjectPlan:
    radius_px = trajectory.radius * stage.px_per_m
    sprite = Sprite.from_layer(object_sprite(kind, radius_px, device), style, outline=outline)
    shadow_layer = Layer(int(math.ceil(radius_px * 0.7)) + 4, int(math.ceil(radius_px * 2.6)) + 4, device)
    shadow_layer.ellipse(shadow_layer.width / 2, shadow_layer.height / 2, radius_px * 1.2, radius_px * 0.28,
                         (0.0, 0.0, 0.0), 0.35)
    world = trajectory.positions(times)
    centres = np.stack([stage.origin_x + world[:, 0] * stage.px_per_m, stage.ground_y - world[:, 1] * stage.px_per_m],
                       axis=1)
    return ObjectPlan(sprite=sprite, shadow=Sprite.from_layer(shadow_layer, "realistic", outline=outline),
                      centres=centres, heights=world[:, 1] - trajectory.radius)


def _plate(shot: Shot, stage: Stage, *, seed: int, style: str, device: torch.device, outline: int) -> Tensor:
    layer = Layer(stage.height, stage.width, device, opaque=True)
    PAINTERS[shot.setting](layer, stage, shot.time_of_day, sound.seeded(seed, "plate", shot.index, shot.setting))
    rgb = grade(layer.rgb, style)
    if style == "anime":
        rgb = outline_plate(rgb, width=outline)
    return (rgb * 255.0).add_(0.5).clamp_(0, 255).to(torch.uint8).permute(1, 2, 0).contiguous()


def _plan_shot(shot: Shot, spec: RenderSpec, scene: Scene, device: torch.device) -> ShotPlan:
    width, height = spec.size
    frames = shot.end_frame - shot.start_frame
    pw, ph, crops, safe = _camera(shot.camera, width, height, frames)
    stage = _stage(shot, pw, ph, safe)
    outline = max(1, int(round(height / 360)))
    plan = ShotPlan(shot=shot, plate=_plate(shot, stage, seed=spec.seed, style=scene.style, device=device,
                                            outline=outline), crops=crops, ground_y=stage.ground_y)
    xs = _plan_characters(plan, spec, scene, stage, style=scene.style, device=device, outline=outline)
    _plan_objects(plan, spec, stage, xs, style=scene.style, device=device, outline=outline)
    for ch in plan.characters:  # bodies never move: paint them into the background once, over the hoop
        _blend(plan.plate, ch.body, *ch.body_xy)
    return plan


# -------------------------------------------------------------------------------------------------- audio


def _place_dialogue(scene: Scene, spec: RenderSpec, cameos: dict[str, CameoRef], total: int) -> list[PlacedLine]:
    """Synthesise each line and place it: in its shot, after the previous line, never past the end."""
    sr = spec.sample_rate
    placed: list[PlacedLine] = []
    cursor = 0
    for i, line in enumerate(scene.dialogue):
        shot = scene.shots[line.shot]
        start = max(int(round((shot.start_frame / spec.fps + 0.35) * sr)), cursor)
        if start >= total - int(0.2 * sr):
            continue
        cameo = cameos[line.handle]
        speech = sound.synthesize_speech(line.text, pitch_hz=cameo.voice_pitch_hz,
                                         spectral_envelope=tuple(cameo.spectral_envelope), manner=line.manner,
                                         sample_rate=sr, gen=sound.seeded(spec.seed, "speech", i))
        keep = min(len(speech.samples), total - start)
        if keep < len(speech.samples):
            fade = torch.linspace(1, 0, min(int(0.02 * sr), keep))
            samples = speech.samples[:keep].clone()
            samples[-len(fade):] *= fade
            speech = sound.Speech(samples=samples, mouth=speech.mouth[:keep])
        placed.append(PlacedLine(handle=line.handle, text=line.text, start=start, speech=speech))
        cursor = start + keep + int(0.3 * sr)
    return placed


def _mouth_levels(placed: list[PlacedLine], scene: Scene, spec: RenderSpec, total: int) -> dict[str, np.ndarray]:
    """Per cameo, the quantised mouth level drawn in each frame: the speech envelope over that frame's span."""
    frames = spec.frame_count
    sr, fps = spec.sample_rate, spec.fps
    levels = {c.handle.lower(): np.zeros(frames, dtype=np.int64) for c in spec.cameos}
    envelopes = {h: np.zeros(total, dtype=np.float32) for h in levels}
    for line in placed:
        env = envelopes[line.handle]
        seg = line.speech.mouth.numpy()
        env[line.start:line.start + len(seg)] = np.maximum(env[line.start:line.start + len(seg)], seg)
    bounds = np.round(np.arange(frames + 1) * sr / fps).astype(np.int64).clip(0, total)
    present = {h: np.zeros(frames, dtype=bool) for h in levels}
    for shot in scene.shots:
        for h in shot.cast:
            present[h][shot.start_frame:shot.end_frame] = True
    for h, env in envelopes.items():
        cumulative = np.concatenate([[0.0], np.cumsum(env, dtype=np.float64)])
        span = np.maximum(bounds[1:] - bounds[:-1], 1)
        mean = (cumulative[bounds[1:]] - cumulative[bounds[:-1]]) / span
        levels[h] = np.where(present[h], np.clip(np.round(mean * (FACE_LEVELS - 1)), 0, FACE_LEVELS - 1), 0).astype(
            np.int64)
    return levels


def _mix_audio(plans: list[ShotPlan], placed: list[PlacedLine], spec: RenderSpec, total: int) -> tuple[
        np.ndarray, list[RenderEvent]]:
    sr, fps = spec.sample_rate, spec.fps
    frames = spec.frame_count
    track = torch.zeros(total, dtype=torch.float64)
    events: list[RenderEvent] = []
    # Ambience: one bed per setting, crossfaded over 10 ms at the cuts.
    weights: dict[str, torch.Tensor] = {}
    ramp = max(int(0.01 * sr), 1)
    for plan in plans:
        a = int(round(plan.shot.start_frame / fps * sr))
        b = total if plan.shot.end_frame >= frames else int(round(plan.shot.end_frame / fps * sr))
        w = weights.setdefault(plan.shot.setting, torch.zeros(total, dtype=torch.float64))
        w[a:b] = 1.0
    for setting, w in weights.items():
        # A running mean (by cumulative sums) turns each hard cut into a short linear crossfade.
        padded = F.pad(w[None, None], (ramp // 2, ramp - 1 - ramp // 2), mode="replicate")[0, 0]
        cumulative = torch.cat([torch.zeros(1, dtype=torch.float64), torch.cumsum(padded, 0)])
        smooth = (cumulative[ramp:] - cumulative[:-ramp]) / ramp
        bed = sound.ambience(setting, num_samples=total, sample_rate=sr, gen=sound.seeded(spec.seed, "ambience",
                                                                                          setting))
        track += bed.double() * smooth
    for plan in plans:
        shot_start = plan.shot.start_frame / fps
        if plan.shot.start_frame > 0:
            sample = int(round(shot_start * sr))
            events.append(RenderEvent(kind="shot_cut", time_s=shot_start, sample=sample, frame=plan.shot.start_frame,
                                      detail=f"shot {plan.shot.index + 1}"))
        for n, contact in enumerate(plan.contacts):
            t = shot_start + contact.time_s
            sample = int(round(t * sr))
            if sample >= total or t >= plan.shot.end_frame / fps:
                continue
            hit = sound.impact_sound(body=contact.body, surface=contact.surface, floor=plan.shot.setting,
                                     speed=contact.normal_speed, sample_rate=sr,
                                     gen=sound.seeded(spec.seed, "impact", plan.shot.index, n))
            end = min(sample + len(hit), total)
            track[sample:end] += hit[: end - sample].double()
            events.append(RenderEvent(kind="impact", time_s=t, sample=sample, frame=min(int(t * fps), frames - 1),
                                      detail=f"{contact.body}:{contact.surface}"))
    for line in placed:
        end = line.start + len(line.speech.samples)
        track[line.start:end] += line.speech.samples.double()
        nonzero = torch.nonzero(line.speech.samples.abs() > 1e-4)
        first = line.start + (int(nonzero[0]) if len(nonzero) else 0)
        last = line.start + (int(nonzero[-1]) if len(nonzero) else len(line.speech.samples) - 1)
        for kind, sample in (("dialogue_start", first), ("dialogue_end", last)):
            events.append(RenderEvent(kind=kind, time_s=sample / sr, sample=sample,
                                      frame=min(int(sample * fps / sr), frames - 1),
                                      detail=f"@{line.handle}: {line.text}"))
    events.sort(key=lambda e: (e.sample, e.kind))
    return track.clamp(-1.0, 1.0).to(torch.float32).numpy(), events


# ---------------------------------------------------------------------------------------------- renderer


def _face_box(ch: CharacterPlan, local: int, crop: np.ndarray, width: int, height: int) -> tuple[int, int, int, int] | None:
    """The composited face's box in output pixels (top, right, bottom, left), clipped to the frame."""
    if ch.face_box is None:
        return None
    top, right, bottom, left = ch.face_box
    dx, dy = ch.bob[local]
    x0, y0, cw, chh = crop
    sx, sy = width / cw, height / chh
    px0, py0 = ch.face_xy[0] + dx - x0, ch.face_xy[1] + dy - y0
    box = (math.floor((py0 + top) * sy), math.ceil((px0 + right) * sx), math.ceil((py0 + bottom) * sy),
           math.floor((px0 + left) * sx))
    t, r, b, lft = max(box[0], 0), min(box[1], width), min(box[2], height), max(box[3], 0)
    return (t, r, b, lft) if t < b and lft < r else None


@contextmanager
def _torch_threads(count: int | None) -> Iterator[None]:
    """Cap torch's intra-op threads for the duration of a render, then restore the process setting."""
    if count is None:
        yield
        return
    previous = torch.get_num_threads()
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(previous)


class ReferenceRenderer:
    """The default backend: torch-drawn scenes with real cameo faces, exact physics and synchronised sound."""

    name = "reference"

    def __init__(self, *, batch_frames: int = BATCH_FRAMES, threads: int | None = 1) -> None:
        # Frames are composited from many small tensor ops, for which intra-op threading costs more than it
        # gains: on a loaded 2-core host one thread rendered 10 s of 720p in 5 s, two threads took 32 s.
        # None leaves torch's process-wide setting alone (e.g. on a GPU host).
        self.batch_frames = batch_frames
        self.threads = threads

    def render(self, spec: RenderSpec, device: str = "cpu", progress: ProgressCallback | None = None) -> RenderResult:
        """Render a spec to frames (T×H×W×3 uint8), mono float32 audio, events, face boxes and mouth series."""
        _validate(spec)
        with _torch_threads(self.threads if torch.device(device).type == "cpu" else None), geometry_cache_for_one_render():
            return self._render(spec, device, progress)

    def _render(self, spec: RenderSpec, device: str, progress: ProgressCallback | None) -> RenderResult:
        report: Callable[[float], None] = progress or (lambda _fraction: None)
        dev = torch.device(device)
        width, height = spec.size
        frames_total = spec.frame_count
        total = int(round(frames_total * spec.sample_rate / spec.fps))
        scene = parse_scene(spec)
        cameos = {c.handle.lower(): c for c in spec.cameos}
        report(0.0)
        placed = _place_dialogue(scene, spec, cameos, total)
        levels = _mouth_levels(placed, scene, spec, total)
        report(0.05)
        frames = np.empty((frames_total, height, width, 3), dtype=np.uint8)
        face_boxes: list[list[tuple[int, int, int, int]]] = [[] for _ in range(frames_total)]
        bar = letterbox_rows(width, height) if scene.style == "cinematic" else 0
        plans = []
        done = 0
        for shot in scene.shots:
            plan = _plan_shot(shot, spec, scene, dev)
            plans.append(plan)
            for b0 in range(shot.start_frame, shot.end_frame, self.batch_frames):
                b1 = min(b0 + self.batch_frames, shot.end_frame)
                self._render_batch(plan, b0, b1, frames, face_boxes, levels, bar)
                done += b1 - b0
                report(0.05 + 0.85 * done / frames_total)
        track, events = _mix_audio(plans, placed, spec, total)
        report(1.0)
        # Only people have mouths: a character's picture is never animated.
        mouth = {h: lv.astype(np.float32) / (FACE_LEVELS - 1) for h, lv in levels.items() if cameos[h].is_person}
        return RenderResult(frames=frames, audio=track, sample_rate=spec.sample_rate, fps=spec.fps, events=events,
                            face_boxes=face_boxes, mouth_openness=mouth)

    def _render_batch(self, plan: ShotPlan, b0: int, b1: int, frames: np.ndarray,
                      face_boxes: list[list[tuple[int, int, int, int]]], levels: dict[str, np.ndarray], bar: int) -> None:
        shot = plan.shot
        height, width = frames.shape[1:3]
        crops = plan.crops[b0 - shot.start_frame:b1 - shot.start_frame]
        device = plan.plate.device
        for j, f in enumerate(range(b0, b1)):
            for ch in plan.characters:
                box = _face_box(ch, f - shot.start_frame, crops[j], width, height)
                if box is not None:
                    face_boxes[f].append(box)
        out = torch.from_numpy(frames[b0:b1]) if device.type == "cpu" else torch.empty(
            (b1 - b0, height, width, 3), dtype=torch.uint8, device=device)
        for j, f in enumerate(range(b0, b1)):
            x0, y0, cw, ch = (int(v) for v in crops[j])
            if (cw, ch) == (width, height):
                # Static and panning frames are cut from the plate at whole pixels and composited in place.
                out[j].copy_(plan.plate[y0:y0 + height, x0:x0 + width])
                _composite_frame(out[j], plan, f - shot.start_frame, levels, f, origin=(x0, y0))
            else:
                # Zooms composite at plate resolution inside the crop, then resize it to the frame.
                region = plan.plate[y0:y0 + ch, x0:x0 + cw].clone()
                _composite_frame(region, plan, f - shot.start_frame, levels, f, origin=(x0, y0))
                _resize_into(out[j], region)
        if bar:
            out[:, :bar] = 0
            out[:, height - bar:] = 0
        if device.type != "cpu":
            frames[b0:b1] = out.cpu().numpy()
