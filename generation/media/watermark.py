"""The visible watermark: a semi-opaque badge that hops around the frame and keeps off faces."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
from PIL import Image, ImageDraw, ImageFont

DEFAULT_TEXT = "sora_social · AI"
HOP_SECONDS = 2.0

# Where the badge wants to be in successive ~2 s segments, as fractions of the free range
# (0 = left/top edge, 1 = right/bottom edge). Consecutive anchors are far apart, so a crop
# of one region of the frame cannot remove the mark from more than a few seconds of video, and
# every other anchor lies a quarter of the way in, the first of all: a crop that keeps 80% of the
# picture (a letterbox cut, 10% off every edge) cannot remove it from any segment that starts on
# one. With the badge on the edges only, such a crop left a 5 s video with no mark at all
# (tests/generation/test_export_attacks.py).
ANCHORS: tuple[tuple[float, float], ...] = (
    (0.25, 0.25),  # inner top left
    (1.0, 1.0),  # bottom right corner
    (0.75, 0.25),  # inner top right
    (0.0, 1.0),  # bottom left corner
    (0.75, 0.75),  # inner bottom right
    (0.0, 0.0),  # top left corner
    (0.25, 0.75),  # inner bottom left
    (1.0, 0.0),  # top right corner
)


def _is_inner(anchor: tuple[float, float]) -> bool:
    """An anchor a quarter of the way in, from which the 80% crop must not take the badge."""
    return all(0.0 < f < 1.0 for f in anchor)


FaceBox = tuple[int, int, int, int]  # (top, right, bottom, left), inclusive, as face_recognition gives them


class BadgeRect(NamedTuple):
    """Where the badge sits on one frame: top-left corner and size, in pixels."""

    x: int
    y: int
    width: int
    height: int

    def overlaps(self, box: FaceBox, *, margin: int = 0) -> bool:
        """Whether any badge pixel lies within `margin` pixels of the (inclusive) face box."""
        top, right, bottom, left = box
        return (
            self.x <= right + margin
            and self.x + self.width - 1 >= left - margin
            and self.y <= bottom + margin
            and self.y + self.height - 1 >= top - margin
        )


@dataclass(frozen=True)
class Badge:
    """The watermark badge, rendered once, in the integer form the blend needs."""

    width: int
    height: int
    alpha: np.ndarray  # h×w×1 uint16, 0..255
    inverse_alpha: np.ndarray  # h×w×1 uint16, 255 - alpha
    premultiplied: np.ndarray  # h×w×3 uint16, colour × alpha, plus 127 so the blend rounds


def badge_height_for(*, width: int, height: int) -> int:
    """The badge height for a frame size: about 6.5 % of the short edge, at least 14 px."""
    return max(14, round(min(width, height) * 0.065))


def _draw_badge(text: str, height: int) -> Image.Image:
    """Draw the badge as RGBA at 3× and downsample, so the rounded edges and logo are smooth."""
    scale = 3
    h = height * scale
    font = ImageFont.load_default(size=max(6, round(h * 0.5)))
    text_left, text_top, text_right, text_bottom = font.getbbox(text)
    pad = round(h * 0.3)
    logo = round(h * 0.56)
    w = pad + logo + round(pad * 0.7) + (text_right - text_left) + pad

    plate = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(plate)
    draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=h // 2, fill=(12, 12, 16, 120))

    ink = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    ink_draw = ImageDraw.Draw(ink)
    # The logo: a ring with a play triangle, so the mark reads as "generated video" without text.
    cx, cy, r = pad + logo // 2, h // 2, logo // 2
    ink_draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(255, 255, 255, 235), width=max(2, h // 16))
    tri = r * 0.45
    ink_draw.polygon(
        [(cx - tri * 0.7, cy - tri), (cx - tri * 0.7, cy + tri), (cx + tri, cy)], fill=(255, 255, 255, 235)
    )
    text_x = pad + logo + round(pad * 0.7) - text_left
    text_y = (h - (text_bottom - text_top)) // 2 - text_top
    ink_draw.text((text_x, text_y), text, font=font, fill=(255, 255, 255, 235))

    composed = Image.alpha_composite(plate, ink)
    return composed.resize((max(1, round(w / scale)), height), Image.Resampling.LANCZOS)


@lru_cache(maxsize=16)
def render_badge(text: str, *, height: int, max_width: int) -> Badge:
    """Render the badge once for a text and size; shrinks it until it fits `max_width`."""
    image = _draw_badge(text, height)
    while image.width > max_width and height > 8:
        height = max(8, int(height * max_width / image.width))
        image = _draw_badge(text, height)
    rgba = np.asarray(image, dtype=np.uint16)
    alpha = rgba[:, :, 3:4].copy()
    return Badge(
        width=image.width,
        height=image.height,
        alpha=alpha,
        inverse_alpha=255 - alpha,
        premultiplied=rgba[:, :, :3] * alpha + 127,
    )


class WatermarkPlacer:
    """Chooses the badge position frame by frame: a hopping anchor, the nearest spot clear of faces."""

    def __init__(
        self,
        *,
        frame_width: int,
        frame_height: int,
        badge_width: int,
        badge_height: int,
        fps: float,
        hop_s: float = HOP_SECONDS,
        margin: int | None = None,
        frame_count: int | None = None,
    ) -> None:
        if badge_width > frame_width or badge_height > frame_height:
            raise ValueError("the badge is larger than the frame")
        self.badge_width = badge_width
        self.badge_height = badge_height
        hop = round(hop_s * fps)
        anchors = ANCHORS
        if frame_count and frame_count < 3 * hop:
            # A video shorter than three hops still shows the badge in three places, each a quarter of the way in (so
            # a crop keeping 80% of the picture takes it from none): a 1 or 2 s video was one segment, its badge on
            # one spot that a fixed-rectangle blur removes (tests/feed/test_feed_and_export_attacks_round3.py).
            hop = frame_count // 3
            anchors = tuple(anchor for anchor in ANCHORS if _is_inner(anchor))
        self.hop_frames = max(1, hop)
        self.inner_anchors = tuple(_is_inner(anchor) for anchor in anchors)
        # The picture a crop keeping 80% of it leaves (10% off every edge): a segment whose anchor lies inside it keeps
        # the badge wholly inside it, or a close-up whose face filled the middle pushed it to the outer band, and the
        # crop took it from every frame.
        self.crop_x = (int(np.ceil(frame_width * 0.1)), int(frame_width * 0.9) - badge_width)
        self.crop_y = (int(np.ceil(frame_height * 0.1)), int(frame_height * 0.9) - badge_height)
        # Clearance around a face, so the badge never touches the hairline or chin either.
        self.margin = margin if margin is not None else max(4, round(min(frame_width, frame_height) * 0.03))
        edge = max(2, round(min(frame_width, frame_height) * 0.025))
        max_x = frame_width - badge_width
        max_y = frame_height - badge_height
        x_lo, x_hi = min(edge, max_x), max(min(edge, max_x), max_x - edge)
        y_lo, y_hi = min(edge, max_y), max(min(edge, max_y), max_y - edge)
        self.anchors = np.array(
            [(round(x_lo + fx * (x_hi - x_lo)), round(y_lo + fy * (y_hi - y_lo))) for fx, fy in anchors],
            dtype=np.int64,
        )
        self.max_x, self.max_y = max_x, max_y
        # Candidates are a fine grid over the whole frame (a fraction of the badge height apart) plus,
        # per frame, the coordinates just clear of each face box. A free spot, if there is one, can
        # always be slid left and up until it touches a box edge or the frame edge, so with those
        # coordinates included, "no candidate is clear" means no position at all is.
        step = max(2, badge_height // 3)
        # The crop's own edges too: within it a free spot slides to them.
        crop_xs = [x for x in self.crop_x if 0 <= x <= max_x]
        crop_ys = [y for y in self.crop_y if 0 <= y <= max_y]
        self.grid_xs = np.unique(np.concatenate([np.arange(0, max_x + 1, step), [max_x], self.anchors[:, 0], crop_xs]))
        self.grid_ys = np.unique(np.concatenate([np.arange(0, max_y + 1, step), [max_y], self.anchors[:, 1], crop_ys]))
        self._previous: tuple[int, int, int] | None = None  # (segment, x, y)

    def preferred(self, index: int) -> tuple[int, int]:
        """The anchor the badge aims for at a frame index, before faces are considered."""
        x, y = self.anchors[(index // self.hop_frames) % len(self.anchors)]
        return int(x), int(y)

    def _blocked(self, xs: np.ndarray, ys: np.ndarray, boxes: np.ndarray, margin: int) -> np.ndarray:
        """For each candidate, whether the badge there comes within `margin` of any box."""
        top, right, bottom, left = (boxes[:, i][None, :] for i in range(4))
        x, y = xs[:, None], ys[:, None]
        hits = (
            (x <= right + margin)
            & (x + self.badge_width - 1 >= left - margin)
            & (y <= bottom + margin)
            & (y + self.badge_height - 1 >= top - margin)
        )
        return hits.any(axis=1)

    def place(self, index: int, boxes: Sequence[FaceBox]) -> BadgeRect:
        """The badge rectangle for frame `index` whose face boxes are `boxes`; call in frame order."""
        segment = index // self.hop_frames
        face_array = np.asarray(boxes, dtype=np.int64).reshape(-1, 4)
        if self._previous is not None and self._previous[0] == segment:
            # Stay put within a segment while the spot is still clear, so the badge does not jitter
            # as faces move; it jumps only at segment boundaries or when a face comes close.
            _, px, py = self._previous
            if not self._blocked(np.array([px]), np.array([py]), face_array, self.margin)[0]:
                return BadgeRect(px, py, self.badge_width, self.badge_height)
        ax, ay = self.preferred(index)
        xs, ys = self._candidates(face_array)
        if self.inner_anchors[segment % len(self.inner_anchors)]:
            survives = (xs >= self.crop_x[0]) & (xs <= self.crop_x[1]) & (ys >= self.crop_y[0]) & (ys <= self.crop_y[1])
            if survives.any():
                xs, ys = xs[survives], ys[survives]
        distance = (xs - ax) ** 2 + (ys - ay) ** 2
        if len(face_array):
            clear = ~self._blocked(xs, ys, face_array, self.margin)
            if not clear.any():
                # Faces leave no clear spot (a close-up): take the spot covering the least face area.
                distance = distance + self._face_overlap(xs, ys, face_array) * (distance.max() + 1)
            else:
                distance = np.where(clear, distance, np.iinfo(np.int64).max)
        best = int(np.argmin(distance))
        x, y = int(xs[best]), int(ys[best])
        self._previous = (segment, x, y)
        return BadgeRect(x, y, self.badge_width, self.badge_height)

    def _candidates(self, boxes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Candidate top-left corners for this frame: the grid plus the spots just clear of each box."""
        xs, ys = self.grid_xs, self.grid_ys
        if len(boxes):
            m = self.margin
            top, right, bottom, left = boxes.T
            xs = np.concatenate([xs, right + m + 1, left - m - self.badge_width])
            ys = np.concatenate([ys, bottom + m + 1, top - m - self.badge_height])
            xs = np.unique(xs[(xs >= 0) & (xs <= self.max_x)])
            ys = np.unique(ys[(ys >= 0) & (ys <= self.max_y)])
        grid_x, grid_y = np.meshgrid(xs, ys, indexing="xy")
        return grid_x.reshape(-1), grid_y.reshape(-1)

    def _face_overlap(self, xs: np.ndarray, ys: np.ndarray, boxes: np.ndarray) -> np.ndarray:
        """For each candidate, the number of face-box pixels the badge would cover."""
        top, right, bottom, left = (boxes[:, i][None, :] for i in range(4))
        x, y = xs[:, None], ys[:, None]
        wide = np.minimum(x + self.badge_width - 1, right) - np.maximum(x, left) + 1
        tall = np.minimum(y + self.badge_height - 1, bottom) - np.maximum(y, top) + 1
        return (np.clip(wide, 0, None) * np.clip(tall, 0, None)).sum(axis=1)


class Watermarker:
    """The badge and its placer for one video; feed it frames in order."""

    def __init__(
        self, *, width: int, height: int, fps: float, text: str = DEFAULT_TEXT, frame_count: int | None = None
    ) -> None:
        edge = max(2, round(min(width, height) * 0.025))
        self.badge = render_badge(
            text, height=badge_height_for(width=width, height=height), max_width=max(8, width - 2 * edge)
        )
        self.width = width
        self.height = height
        self.placer = WatermarkPlacer(
            frame_width=width,
            frame_height=height,
            badge_width=self.badge.width,
            badge_height=self.badge.height,
            fps=fps,
            frame_count=frame_count,
        )

    def apply(self, frame: np.ndarray, *, index: int, boxes: Sequence[FaceBox] = ()) -> BadgeRect:
        """Blend the badge into `frame` in place and say where it went."""
        if frame.shape != (self.height, self.width, 3) or frame.dtype != np.uint8:
            raise ValueError(f"expected a {self.height}×{self.width}×3 uint8 frame, got {frame.shape} {frame.dtype}")
        rect = self.placer.place(index, boxes)
        badge = self.badge
        region = frame[rect.y : rect.y + rect.height, rect.x : rect.x + rect.width]
        # Integer alpha blend: (pixel·(255−a) + colour·a + 127) / 255, with the division done as
        # (v + 1 + (v >> 8)) >> 8, which equals v // 255 for every v this blend can produce.
        mixed = region.astype(np.uint16) * badge.inverse_alpha + badge.premultiplied
        region[...] = ((mixed + 1 + (mixed >> 8)) >> 8).astype(np.uint8)
        return rect


def _boxes_for(face_boxes: Sequence[Sequence[FaceBox]], index: int) -> Sequence[FaceBox]:
    return face_boxes[index] if index < len(face_boxes) else ()


def apply_watermark(
    frames: np.ndarray,
    *,
    face_boxes: Sequence[Sequence[FaceBox]],
    text: str = DEFAULT_TEXT,
    fps: float = 24,
    inplace: bool = False,
) -> np.ndarray:
    """Watermark a T×H×W×3 uint8 video; frames without an entry in `face_boxes` have no faces."""
    if frames.ndim != 4 or frames.shape[3] != 3 or frames.dtype != np.uint8:
        raise ValueError(f"expected T×H×W×3 uint8 frames, got {frames.shape} {frames.dtype}")
    out = frames if inplace else frames.copy()
    marker = Watermarker(width=frames.shape[2], height=frames.shape[1], fps=fps, text=text, frame_count=frames.shape[0])
    for index in range(out.shape[0]):
        marker.apply(out[index], index=index, boxes=_boxes_for(face_boxes, index))
    return out


def watermark_stream(
    frames: Iterable[np.ndarray],
    *,
    face_boxes: Sequence[Sequence[FaceBox]],
    fps: float,
    text: str = DEFAULT_TEXT,
    frame_count: int | None = None,
) -> Iterator[np.ndarray]:
    """Watermark frames one at a time (each is copied first), for a streaming encode; `frame_count`, when known, lets
    a short video's badge hop as `apply_watermark`'s does."""
    marker: Watermarker | None = None
    for index, frame in enumerate(frames):
        if marker is None:
            marker = Watermarker(
                width=frame.shape[1], height=frame.shape[0], fps=fps, text=text, frame_count=frame_count
            )
        out = np.array(frame, dtype=np.uint8, copy=True)
        marker.apply(out, index=index, boxes=_boxes_for(face_boxes, index))
        yield out


def watermark_positions(
    *,
    frame_count: int,
    width: int,
    height: int,
    fps: float,
    face_boxes: Sequence[Sequence[FaceBox]],
    text: str = DEFAULT_TEXT,
) -> list[BadgeRect]:
    """Where `apply_watermark` puts the badge on each frame, without touching any pixels."""
    marker = Watermarker(width=width, height=height, fps=fps, text=text, frame_count=frame_count)
    return [marker.placer.place(index, _boxes_for(face_boxes, index)) for index in range(frame_count)]
