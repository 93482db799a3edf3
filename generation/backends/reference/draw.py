"""Flat-shaded 2-D drawing with torch: anti-aliased shapes, settings (backgrounds), objects and characters.

Everything is painted into a :class:`Layer` (RGB plus alpha, float32 in 0..1, on the render device). Shapes
are evaluated only inside their bounding box, with one pixel of anti-aliasing from a signed distance.
Colours are flat or smooth gradients with no per-pixel noise, because noisy frames encode about twice as
slowly (see DEPENDENCIES.md).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from .scene import RGB, Outfit

Tensor = torch.Tensor


class Layer:
    """An RGBA image being painted: rgb (3, H, W) and alpha (1, H, W), float32 in 0..1."""

    def __init__(self, height: int, width: int, device: torch.device, *, opaque: bool = False) -> None:
        self.height, self.width, self.device = height, width, device
        self.rgb = torch.zeros(3, height, width, device=device)
        self.alpha = torch.full((1, height, width), 1.0 if opaque else 0.0, device=device)

    def grid(self, x0: int, y0: int, x1: int, y1: int) -> tuple[Tensor, Tensor]:
        """Pixel-centre coordinates (ys as a column, xs as a row) of a clipped box."""
        ys = torch.arange(y0, y1, device=self.device, dtype=torch.float32)[:, None] + 0.5
        xs = torch.arange(x0, x1, device=self.device, dtype=torch.float32)[None, :] + 0.5
        return ys, xs

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int] | None:
        """A float box grown by a pixel and clipped to the layer, or None if it is outside."""
        bx0, by0 = max(int(math.floor(x0)) - 1, 0), max(int(math.floor(y0)) - 1, 0)
        bx1, by1 = min(int(math.ceil(x1)) + 1, self.width), min(int(math.ceil(y1)) + 1, self.height)
        if bx0 >= bx1 or by0 >= by1:
            return None
        return bx0, by0, bx1, by1

    def paint(self, box: tuple[int, int, int, int], coverage: Tensor, colour: RGB | Tensor,
              opacity: float = 1.0) -> None:
        """Composite a colour (or a (3, h, w) colour image) over the box, weighted by coverage."""
        x0, y0, x1, y1 = box
        a = (coverage * opacity).clamp(0, 1)[None]
        if not isinstance(colour, Tensor):
            colour = torch.tensor(colour, device=self.device, dtype=torch.float32)[:, None, None]
        rgb = self.rgb[:, y0:y1, x0:x1]
        alpha = self.alpha[:, y0:y1, x0:x1]
        # "Over" in straight alpha: keeps layers that start transparent (sprites) correct.
        out_a = a + alpha * (1 - a)
        rgb.copy_(torch.where(out_a > 0, (colour * a + rgb * alpha * (1 - a)) / out_a.clamp_min(1e-6), rgb))
        alpha.copy_(out_a)

    # Shapes. Each returns nothing and paints directly; ``colour`` may be an RGB triple.
    def ellipse(self, cx: float, cy: float, rx: float, ry: float, colour: RGB | Tensor, opacity: float = 1.0,
                *, soft: float = 1.0) -> None:
        box = self.box(cx - rx, cy - ry, cx + rx, cy + ry)
        if box is None or rx <= 0 or ry <= 0:
            return
        ys, xs = self.grid(*box)
        d = torch.sqrt(((xs - cx) / rx) ** 2 + ((ys - cy) / ry) ** 2)
        coverage = (0.5 - (d - 1) * min(rx, ry) / soft).clamp(0, 1)
        self.paint(box, coverage, _crop_colour(colour, box), opacity)

    def rect(self, x0: float, y0: float, x1: float, y1: float, colour: RGB | Tensor, opacity: float = 1.0,
             *, radius: float = 0.0) -> None:
        box = self.box(x0, y0, x1, y1)
        if box is None or x1 <= x0 or y1 <= y0:
            return
        ys, xs = self.grid(*box)
        cx, cy, hx, hy = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2, (y1 - y0) / 2
        r = min(radius, hx, hy)
        qx, qy = (xs - cx).abs() - (hx - r), (ys - cy).abs() - (hy - r)
        outside = torch.sqrt(qx.clamp_min(0) ** 2 + qy.clamp_min(0) ** 2)
        inside = torch.minimum(torch.maximum(qx, qy), torch.zeros_like(qx))
        coverage = (0.5 - (outside + inside - r)).clamp(0, 1)
        self.paint(box, coverage, _crop_colour(colour, box), opacity)

    def polygon(self, points: list[tuple[float, float]], colour: RGB | Tensor, opacity: float = 1.0) -> None:
        """A convex polygon, points in either winding order."""
        xs_, ys_ = [p[0] for p in points], [p[1] for p in points]
        box = self.box(min(xs_), min(ys_), max(xs_), max(ys_))
        if box is None:
            return
        ys, xs = self.grid(*box)
        area = sum(points[i][0] * points[i - 1][1] - points[i - 1][0] * points[i][1] for i in range(len(points)))
        sign = 1.0 if area > 0 else -1.0
        dist = torch.full_like(xs * ys, -1e9)
        for i in range(len(points)):
            (ax, ay), (bx, by) = points[i - 1], points[i]
            nx, ny = (by - ay), -(bx - ax)
            norm = math.hypot(nx, ny) or 1.0
            dist = torch.maximum(dist, sign * ((xs - ax) * nx + (ys - ay) * ny) / norm)
        self.paint(box, (0.5 - dist).clamp(0, 1), _crop_colour(colour, box), opacity)

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float, colour: RGB,
             opacity: float = 1.0) -> None:
        """A segment with round caps."""
        half = width / 2
        box = self.box(min(x0, x1) - half, min(y0, y1) - half, max(x0, x1) + half, max(y0, y1) + half)
        if box is None:
            return
        ys, xs = self.grid(*box)
        dx, dy = x1 - x0, y1 - y0
        length2 = dx * dx + dy * dy or 1.0
        t = (((xs - x0) * dx + (ys - y0) * dy) / length2).clamp(0, 1)
        d = torch.sqrt((xs - x0 - t * dx) ** 2 + (ys - y0 - t * dy) ** 2)
        self.paint(box, (0.5 - (d - half)).clamp(0, 1), colour, opacity)

    def below_curve(self, heights: Tensor, colour: RGB | Tensor, opacity: float = 1.0) -> None:
        """Fill every pixel below a per-column height profile (y grows downwards)."""
        top = int(max(math.floor(float(heights.min())) - 1, 0))
        box = (0, top, self.width, self.height)
        if top >= self.height:
            return
        ys, _ = self.grid(*box)
        self.paint(box, (ys - heights[None, :] + 0.5).clamp(0, 1), _crop_colour(colour, box), opacity)

    def vertical_gradient(self, y0: float, y1: float, top: RGB, bottom: RGB, *, x0: float = 0,
                          x1: float | None = None) -> None:
        """Fill the box [x0, x1) × [y0, y1) with a top-to-bottom colour ramp."""
        x1 = self.width if x1 is None else x1
        box = self.box(x0, y0, x1, y1)
        if box is None:
            return
        ys, xs = self.grid(*box)
        t = ((ys - y0) / max(y1 - y0, 1.0)).clamp(0, 1)
        a = torch.tensor(top, device=self.device)[:, None, None]
        b = torch.tensor(bottom, device=self.device)[:, None, None]
        colour = (a + (b - a) * t[None]).expand(3, box[3] - box[1], box[2] - box[0])
        cover_y = torch.minimum(ys - y0 + 0.5, y1 - ys + 0.5).clamp(0, 1)
        cover_x = torch.minimum(xs - x0 + 0.5, x1 - xs + 0.5).clamp(0, 1)
        self.paint(box, cover_y * cover_x, colour)


def _crop_colour(colour: RGB | Tensor, box: tuple[int, int, int, int]) -> RGB | Tensor:
    """A full-layer colour image is cut to the box; a flat colour passes through."""
    if isinstance(colour, Tensor) and colour.dim() == 3 and colour.shape[1] > 1:
        x0, y0, x1, y1 = box
        return colour[:, y0:y1, x0:x1]
    return colour


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """The colour t of the way from a to b."""
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def shade(c: RGB, k: float) -> RGB:
    """A colour darkened (k < 1) or lightened towards white (k > 1)."""
    if k <= 1:
        return (c[0] * k, c[1] * k, c[2] * k)
    return mix(c, (1.0, 1.0, 1.0), min(k - 1, 1.0))


# ---------------------------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Stage:
    """Where things are in a plate: horizon, floor line and metric scale, in plate pixels."""

    width: int
    height: int
    safe: tuple[float, float, float, float]  # x0, y0, x1, y1: the part every camera frame sees
    horizon_y: float
    ground_y: float  # plate y of world y = 0
    px_per_m: float
    origin_x: float  # plate x of world x = 0

    def to_plate(self, x: float, y: float) -> tuple[float, float]:
        return self.origin_x + x * self.px_per_m, self.ground_y - y * self.px_per_m

    def to_world(self, px: float, py: float) -> tuple[float, float]:
        return (px - self.origin_x) / self.px_per_m, (self.ground_y - py) / self.px_per_m


SKIES: dict[str, tuple[RGB, RGB]] = {
    "day": ((0.36, 0.6, 0.9), (0.74, 0.86, 0.96)),
    "sunset": ((0.32, 0.24, 0.5), (0.98, 0.6, 0.34)),
    "night": ((0.02, 0.03, 0.1), (0.1, 0.13, 0.28)),
}


def _rand(gen: torch.Generator, n: int = 1) -> list[float]:
    return torch.rand(n, generator=gen, dtype=torch.float64).tolist()


def _sky(layer: Layer, stage: Stage, time_of_day: str, gen: torch.Generator) -> None:
    top, bottom = SKIES[time_of_day]
    layer.vertical_gradient(0, stage.horizon_y, top, bottom)
    if time_of_day == "night":
        _stars(layer, stage.horizon_y, gen, count=int(layer.width * stage.horizon_y / 4000))
    elif time_of_day == "sunset":
        u = _rand(gen)[0]
        layer.ellipse(stage.width * (0.55 + 0.3 * u), stage.horizon_y * 0.9, stage.height * 0.08,
                      stage.height * 0.08, (1.0, 0.8, 0.45))


def _stars(layer: Layer, bottom: float, gen: torch.Generator, *, count: int) -> None:
    xy = torch.rand(count, 3, generator=gen, dtype=torch.float64).tolist()
    for x, y, b in xy:
        size = 0.6 + 1.2 * b * b
        layer.ellipse(x * layer.width, y * bottom, size, size, mix((0.6, 0.65, 0.8), (1.0, 1.0, 1.0), b))


def _floor(layer: Layer, stage: Stage, near: RGB, far: RGB) -> None:
    layer.vertical_gradient(stage.horizon_y, stage.height, far, near)


def paint_street(layer: Layer, stage: Stage, time_of_day: str, gen: torch.Generator) -> None:
    _sky(layer, stage, time_of_day, gen)
    x = -stage.height * 0.2
    palette = [(0.62, 0.36, 0.3), (0.7, 0.68, 0.62), (0.48, 0.5, 0.56), (0.8, 0.72, 0.55), (0.4, 0.32, 0.3)]
    lit = time_of_day == "night"
    while x < stage.width:
        w, h, c = _rand(gen, 3)
        bw = stage.height * (0.22 + 0.25 * w)
        top = stage.horizon_y - stage.height * (0.2 + 0.45 * h)
        colour = palette[int(c * len(palette)) % len(palette)]
        if time_of_day == "night":
            colour = shade(colour, 0.35)
        layer.rect(x, top, x + bw - 2, stage.horizon_y + 1, colour)
        win = (1.0, 0.85, 0.5) if lit else shade(colour, 0.55)
        step = stage.height * 0.06
        for wy in _frange(top + step * 0.6, stage.horizon_y - step, step):
            for wx in _frange(x + step * 0.4, x + bw - step * 0.6, step):
                layer.rect(wx, wy, wx + step * 0.45, wy + step * 0.55, win)
        x += bw
    _floor(layer, stage, (0.62, 0.62, 0.64), (0.5, 0.5, 0.53))
    curb = stage.horizon_y + (stage.height - stage.horizon_y) * 0.08
    layer.rect(0, curb, stage.width, curb + max(2.0, stage.height * 0.006), (0.42, 0.42, 0.45))
    if time_of_day == "night":
        layer.rect(0, stage.horizon_y, stage.width, stage.height, (0.0, 0.0, 0.05), 0.45)


def paint_beach(layer: Layer, stage: Stage, time_of_day: str, gen: torch.Generator) -> None:
    _sky(layer, stage, time_of_day, gen)
    if time_of_day == "day":
        u = _rand(gen)[0]
        r = stage.height * 0.06
        layer.ellipse(stage.width * (0.6 + 0.3 * u), stage.height * 0.14, r, r, (1.0, 0.95, 0.7))
    sea_bottom = stage.horizon_y + (stage.height - stage.horizon_y) * 0.3
    layer.vertical_gradient(stage.horizon_y, sea_bottom + 2, (0.08, 0.35, 0.6), (0.2, 0.6, 0.75))
    phase, = _rand(gen)
    xs = torch.arange(stage.width, device=layer.device, dtype=torch.float32) + 0.5
    wave = sea_bottom + stage.height * 0.012 * torch.sin(xs / stage.height * 14 + phase * 6.28)
    layer.below_curve(wave - stage.height * 0.01, (0.93, 0.96, 0.98))
    layer.below_curve(wave, (0.93, 0.84, 0.62))
    layer.vertical_gradient(sea_bottom + stage.height * 0.03, stage.height, (0.9, 0.8, 0.58), (0.96, 0.87, 0.66))
    if time_of_day == "night":
        layer.rect(0, 0, stage.width, stage.height, (0.0, 0.02, 0.1), 0.5)


def paint_gym(layer: Layer, stage: Stage, time_of_day: str, gen: torch.Generator) -> None:
    layer.vertical_gradient(0, stage.horizon_y, (0.78, 0.8, 0.84), (0.86, 0.87, 0.88))
    band = stage.horizon_y * 0.55
    layer.rect(0, band, stage.width, band + stage.height * 0.05, (0.2, 0.3, 0.6))
    for i, (u,) in enumerate(torch.rand(4, 1, generator=gen, dtype=torch.float64).tolist()):
        bx = stage.width * (0.1 + 0.22 * i + 0.05 * u)
        colour = ((0.8, 0.2, 0.2), (0.95, 0.75, 0.2), (0.2, 0.5, 0.3), (0.9, 0.45, 0.1))[i]
        layer.rect(bx, stage.horizon_y * 0.12, bx + stage.height * 0.1, stage.horizon_y * 0.38, colour)
    _floor(layer, stage, (0.86, 0.6, 0.34), (0.76, 0.52, 0.3))
    line_w = max(2.0, stage.height * 0.006)
    layer.rect(0, stage.ground_y + stage.height * 0.03, stage.width, stage.ground_y + stage.height * 0.03 + line_w,
               (0.96, 0.95, 0.9))
    layer.rect(0, stage.horizon_y + stage.height * 0.04, stage.width, stage.horizon_y + stage.height * 0.04 + line_w,
               (0.96, 0.95, 0.9))


def paint_space(layer: Layer, stage: Stage, time_of_day: str, gen: torch.Generator) -> None:
    layer.vertical_gradient(0, stage.horizon_y, (0.0, 0.0, 0.02), (0.03, 0.03, 0.12))
    _stars(layer, stage.horizon_y, gen, count=int(layer.width * stage.horizon_y / 2500))
    u, v = _rand(gen, 2)
    r = stage.height * (0.14 + 0.06 * u)
    px, py = stage.width * (0.55 + 0.35 * v), stage.horizon_y * 0.42
    layer.ellipse(px, py, r, r, (0.85, 0.45, 0.3))
    layer.ellipse(px - r * 0.25, py - r * 0.2, r * 0.55, r * 0.35, (0.92, 0.6, 0.42))
    layer.ellipse(px, py, r * 1.7, r * 0.28, (0.8, 0.75, 0.65), 0.5)
    layer.ellipse(px, py, r * 1.45, r * 0.18, (0.02, 0.02, 0.08), 0.6)
    _floor(layer, stage, (0.55, 0.56, 0.6), (0.32, 0.33, 0.38))
    step = stage.height * 0.18
    for x in _frange(0, stage.width, step):
        layer.rect(x, stage.horizon_y, x + max(1.5, stage.height * 0.003), stage.height, (0.25, 0.26, 0.3))


def paint_park(layer: Layer, stage: Stage, time_of_day: str, gen: torch.Generator) -> None:
    _sky(layer, stage, time_of_day, gen)
    phase, = _rand(gen)
    xs = torch.arange(stage.width, device=layer.device, dtype=torch.float32) + 0.5
    hills = stage.horizon_y - stage.height * (0.05 + 0.04 * torch.sin(xs / stage.height * 4 + phase * 6.28))
    hill = (0.36, 0.6, 0.32) if time_of_day != "night" else (0.08, 0.16, 0.1)
    layer.below_curve(hills, hill)
    x = stage.height * 0.1 * _rand(gen)[0]
    while x < stage.width:
        s, d = _rand(gen, 2)
        size = stage.height * (0.08 + 0.06 * s)
        base = stage.horizon_y + stage.height * 0.01
        trunk = (0.4, 0.27, 0.15)
        layer.rect(x - size * 0.12, base - size * 1.4, x + size * 0.12, base, trunk)
        leaf = shade((0.2, 0.5, 0.2), 0.8 + 0.3 * d) if time_of_day != "night" else (0.05, 0.12, 0.07)
        layer.ellipse(x, base - size * 1.7, size * 0.8, size * 0.7, leaf)
        layer.ellipse(x - size * 0.4, base - size * 1.35, size * 0.55, size * 0.45, shade(leaf, 0.9))
        x += size * (2.2 + 2.5 * d)
    near, far = ((0.4, 0.68, 0.3), (0.3, 0.56, 0.26)) if time_of_day != "night" else ((0.1, 0.2, 0.1),
                                                                                     (0.06, 0.14, 0.08))
    _floor(layer, stage, near, far)


def paint_kitchen(layer: Layer, stage: Stage, time_of_day: str, gen: torch.Generator) -> None:
    layer.vertical_gradient(0, stage.horizon_y, (0.93, 0.9, 0.82), (0.9, 0.86, 0.78))
    tile = stage.height * 0.07
    counter_top = stage.horizon_y - stage.height * 0.02
    for y in _frange(stage.horizon_y * 0.45, counter_top, tile):
        layer.rect(0, y, stage.width, y + max(1.0, stage.height * 0.002), (0.8, 0.78, 0.72))
    for x in _frange(0, stage.width, tile):
        layer.rect(x, stage.horizon_y * 0.45, x + max(1.0, stage.height * 0.002), counter_top, (0.8, 0.78, 0.72))
    u, = _rand(gen)
    wx = stage.width * (0.35 + 0.3 * u)
    sky = SKIES[time_of_day][1]
    layer.rect(wx, stage.horizon_y * 0.08, wx + stage.height * 0.35, stage.horizon_y * 0.4, sky)
    layer.rect(wx - 4, stage.horizon_y * 0.08 - 4, wx + stage.height * 0.35 + 4, stage.horizon_y * 0.08, (1, 1, 1))
    x = 0.0
    while x < stage.width:
        layer.rect(x + 3, stage.horizon_y * 0.02, x + stage.height * 0.28 - 3, stage.horizon_y * 0.3,
                   (0.55, 0.36, 0.2), radius=4)
        x += stage.height * 0.28
        if wx - stage.height * 0.28 < x < wx + stage.height * 0.35:
            x = wx + stage.height * 0.35 + 6
    layer.rect(0, counter_top, stage.width, counter_top + stage.height * 0.025, (0.2, 0.2, 0.22))
    _floor(layer, stage, (0.78, 0.74, 0.68), (0.62, 0.58, 0.52))
    for y in _frange(stage.horizon_y + stage.height * 0.025, stage.height, stage.height * 0.09):
        layer.rect(0, y, stage.width, y + max(1.0, stage.height * 0.002), (0.55, 0.52, 0.48))


def paint_stage(layer: Layer, stage: Stage, time_of_day: str, gen: torch.Generator) -> None:
    layer.vertical_gradient(0, stage.horizon_y, (0.06, 0.03, 0.05), (0.15, 0.06, 0.1))
    fold = stage.height * 0.08
    for i, x in enumerate(_frange(0, stage.width, fold)):
        layer.rect(x, 0, x + fold, stage.horizon_y, (0.62, 0.06, 0.1) if i % 2 else (0.5, 0.04, 0.08))
    layer.rect(stage.width * 0.22, 0, stage.width * 0.78, stage.horizon_y, (0.1, 0.05, 0.12))
    u, = _rand(gen)
    cx = stage.width * (0.4 + 0.2 * u)
    layer.polygon([(cx - stage.height * 0.05, 0), (cx + stage.height * 0.05, 0),
                   (cx + stage.height * 0.4, stage.ground_y), (cx - stage.height * 0.4, stage.ground_y)],
                  (1.0, 0.95, 0.75), 0.18)
    _floor(layer, stage, (0.5, 0.32, 0.18), (0.36, 0.22, 0.12))
    layer.ellipse(cx, stage.ground_y, stage.height * 0.45, stage.height * 0.06, (1.0, 0.95, 0.75), 0.22)


def paint_studio(layer: Layer, stage: Stage, time_of_day: str, gen: torch.Generator) -> None:
    layer.vertical_gradient(0, stage.horizon_y, (0.7, 0.72, 0.76), (0.82, 0.83, 0.85))
    _floor(layer, stage, (0.74, 0.74, 0.76), (0.8, 0.8, 0.82))


PAINTERS = {
    "street": paint_street, "beach": paint_beach, "gym": paint_gym, "space": paint_space, "park": paint_park,
    "kitchen": paint_kitchen, "stage": paint_stage, "studio": paint_studio,
}


def _frange(start: float, stop: float, step: float) -> list[float]:
    n = max(int(math.ceil((stop - start) / step)), 0) if step > 0 else 0
    return [start + i * step for i in range(n)]


def paint_hoop(layer: Layer, stage: Stage, *, rim_front_x: float, rim_height: float, rim_diameter: float,
               board_x: float, board_height: float) -> None:
    """A hoop on a pole: backboard, rim and net, from the physics hoop's metric geometry."""
    s = stage.px_per_m
    bx, board_bottom = stage.to_plate(board_x, rim_height - 0.15)
    _, board_top = stage.to_plate(board_x, rim_height - 0.15 + board_height)
    pole_x = bx + 0.3 * s
    layer.rect(bx, board_top + 0.3 * s, pole_x + 0.08 * s, board_top + 0.38 * s, (0.35, 0.35, 0.38))
    layer.rect(pole_x, board_top + 0.3 * s, pole_x + 0.1 * s, stage.ground_y, (0.35, 0.35, 0.38))
    layer.rect(bx, board_top, bx + 0.06 * s, board_bottom, (0.95, 0.95, 0.97))
    layer.rect(bx - 0.01 * s, board_top, bx + 0.07 * s, board_bottom, (0.2, 0.2, 0.25), 0.25)
    fx, ry = stage.to_plate(rim_front_x, rim_height)
    back = fx + rim_diameter * s
    net = (0.95, 0.95, 0.95)
    width = max(1.0, 0.012 * s)
    for i in range(5):
        t = i / 4
        top_x = fx + (back - fx) * t
        bottom_x = fx + 0.1 * rim_diameter * s + (back - fx - 0.2 * rim_diameter * s) * t
        layer.line(top_x, ry, bottom_x, ry + 0.4 * s, width, net, 0.9)
    for depth in (0.13, 0.26, 0.39):
        inset = 0.1 * rim_diameter * s * depth / 0.4
        layer.line(fx + inset, ry + depth * s, back - inset, ry + depth * s, width, net, 0.8)
    layer.line(back, ry, bx, ry, max(1.5, 0.025 * s), (0.9, 0.35, 0.08))
    layer.ellipse((fx + back) / 2, ry, (back - fx) / 2, max(1.5, 0.04 * s), (0.95, 0.4, 0.08))
    layer.ellipse((fx + back) / 2, ry, (back - fx) / 2 - max(1.5, 0.025 * s), max(0.5, 0.02 * s),
                  (0.3, 0.15, 0.05), 0.5)


# ------------------------------------------------------------------------------------------------ objects

BALL_COLOURS: dict[str, RGB] = {
    "basketball": (0.9, 0.45, 0.12), "tennis_ball": (0.82, 0.92, 0.2), "soccer_ball": (0.96, 0.96, 0.96),
    "beach_ball": (0.96, 0.96, 0.96), "ball": (0.88, 0.15, 0.2),
}


def object_sprite(kind: str, radius_px: float, device: torch.device) -> Layer:
    """A ball or box drawn in a square sprite whose centre is the body's centre."""
    r = max(radius_px, 2.0)
    size = int(math.ceil(2 * r + 4))
    layer = Layer(size, size, device)
    c = size / 2
    if kind == "box":
        colour = (0.72, 0.5, 0.28)
        layer.rect(c - r, c - r, c + r, c + r, colour, radius=r * 0.06)
        layer.rect(c - r * 0.16, c - r, c + r * 0.16, c + r, (0.85, 0.74, 0.5))
        layer.rect(c - r, c - r, c + r, c - r * 0.82, shade(colour, 1.15))
        return layer
    base = BALL_COLOURS.get(kind, BALL_COLOURS["ball"])
    layer.ellipse(c, c, r, r, base)
    if kind == "beach_ball":
        for i, colour in enumerate(((0.9, 0.15, 0.15), (0.15, 0.35, 0.9), (0.98, 0.8, 0.1))):
            a = i * 2 * math.pi / 3
            pts = [(c, c)] + [(c + r * math.cos(a + k * 0.35), c + r * math.sin(a + k * 0.35)) for k in range(4)]
            layer.polygon(pts, colour)
    elif kind == "basketball":
        seam = max(1.0, r * 0.07)
        dark = (0.2, 0.1, 0.05)
        layer.line(c - r, c, c + r, c, seam, dark)
        layer.line(c, c - r, c, c + r, seam, dark)
        for side in (-1, 1):
            cx = c + side * r * 1.25
            _ring(layer, cx, c, r * 0.95, seam, dark, clip=(c, c, r))
    elif kind == "soccer_ball":
        for dx, dy in ((0, 0), (-0.6, -0.45), (0.6, -0.45), (-0.55, 0.6), (0.55, 0.6)):
            layer.ellipse(c + dx * r, c + dy * r, r * 0.24, r * 0.24, (0.1, 0.1, 0.1))
    elif kind == "tennis_ball":
        _ring(layer, c - r * 1.1, c, r * 0.8, max(1.0, r * 0.1), (0.98, 0.98, 0.95), clip=(c, c, r))
        _ring(layer, c + r * 1.1, c, r * 0.8, max(1.0, r * 0.1), (0.98, 0.98, 0.95), clip=(c, c, r))
    layer.ellipse(c - r * 0.35, c - r * 0.4, r * 0.32, r * 0.24, (1.0, 1.0, 1.0), 0.35)
    layer.ellipse(c + r * 0.2, c + r * 0.25, r * 0.85, r * 0.8, (0.0, 0.0, 0.0), 0.12)
    _clip_to_disc(layer, c, c, r)
    return layer


def _ring(layer: Layer, cx: float, cy: float, radius: float, width: float, colour: RGB,
          *, clip: tuple[float, float, float]) -> None:
    box = layer.box(cx - radius - width, cy - radius - width, cx + radius + width, cy + radius + width)
    if box is None:
        return
    ys, xs = layer.grid(*box)
    d = (torch.sqrt((xs - cx) ** 2 + (ys - cy) ** 2) - radius).abs()
    inside = (0.5 - (torch.sqrt((xs - clip[0]) ** 2 + (ys - clip[1]) ** 2) - clip[2])).clamp(0, 1)
    layer.paint(box, (0.5 - (d - width / 2)).clamp(0, 1) * inside, colour)


def _clip_to_disc(layer: Layer, cx: float, cy: float, r: float) -> None:
    ys, xs = layer.grid(0, 0, layer.width, layer.height)
    d = torch.sqrt((xs - cx) ** 2 + (ys - cy) ** 2)
    layer.alpha.mul_((0.5 - (d - r)).clamp(0, 1)[None])


# --------------------------------------------------------------------------------------------- characters


@dataclass(frozen=True)
class Figure:
    """A character's geometry in layer pixels, built around the face it will carry."""

    face_cx: float  # centre of the detector-style face box (eyebrows to chin)
    face_cy: float
    face_h: float
    head_cx: float  # centre and radii of the skin-coloured head under the face cut-out
    head_cy: float
    head_rx: float
    head_ry: float
    eyes: tuple[tuple[float, float], tuple[float, float]]
    eye_r: float


def paint_body(layer: Layer, fig: Figure, outfit: Outfit, skin: RGB) -> None:
    """Neck, torso, arms and legs: the part of a character that stays still."""
    fh, cx, cy = fig.face_h, fig.face_cx, fig.face_cy
    shoulder_y = fig.head_cy + fig.head_ry + 0.2 * fh
    half = 0.95 * fh
    layer.rect(cx - 0.24 * fh, cy + 0.3 * fh, cx + 0.24 * fh, shoulder_y + 0.2 * fh, shade(skin, 0.88))
    hip_y = shoulder_y + 2.1 * fh
    layer.rect(cx - half * 0.85, hip_y - 0.2 * fh, cx - 0.05 * fh, hip_y + 2.0 * fh, outfit.pants, radius=0.15 * fh)
    layer.rect(cx + 0.05 * fh, hip_y - 0.2 * fh, cx + half * 0.85, hip_y + 2.0 * fh, outfit.pants, radius=0.15 * fh)
    for side in (-1, 1):
        arm_x = cx + side * half * 1.02
        layer.rect(arm_x - 0.2 * fh, shoulder_y + 0.1 * fh, arm_x + 0.2 * fh, shoulder_y + 1.75 * fh,
                   shade(outfit.shirt, 0.85), radius=0.18 * fh)
        layer.ellipse(arm_x, shoulder_y + 1.85 * fh, 0.17 * fh, 0.2 * fh, skin)
    layer.rect(cx - half, shoulder_y, cx + half, hip_y + 0.1 * fh, outfit.shirt, radius=0.35 * fh)
    layer.ellipse(cx, shoulder_y + 0.02 * fh, 0.26 * fh, 0.12 * fh, shade(skin, 0.88))


def paint_head(layer: Layer, fig: Figure, outfit: Outfit, skin: RGB) -> None:
    """Hair, ears and the skin-coloured head the real face is composited onto."""
    fh = fig.face_h
    layer.ellipse(fig.head_cx, fig.head_cy - 0.1 * fig.head_ry, fig.head_rx * 1.1, fig.head_ry * 1.0, outfit.hair)
    eye_y = (fig.eyes[0][1] + fig.eyes[1][1]) / 2
    for side in (-1, 1):
        layer.ellipse(fig.head_cx + side * fig.head_rx * 0.97, eye_y + 0.17 * fh, 0.09 * fh, 0.15 * fh,
                      shade(skin, 0.95))
    layer.ellipse(fig.head_cx, fig.head_cy, fig.head_rx, fig.head_ry, skin)


def paint_accessories(layer: Layer, fig: Figure, outfit: Outfit) -> None:
    """What goes over the face: a hat above the eyebrows, glasses around the eyes."""
    fh, cx = fig.face_h, fig.head_cx
    if outfit.hat is not None:
        brim_y = fig.face_cy - 0.62 * fh
        half = fig.head_rx * 1.06
        layer.rect(cx - half, brim_y - 0.5 * fh, cx + half, brim_y + 0.02 * fh, outfit.hat, radius=0.3 * fh)
        layer.rect(cx - half, brim_y - 0.12 * fh, cx + half, brim_y - 0.02 * fh, shade(outfit.hat, 0.7))
        layer.rect(cx - half * 1.3, brim_y - 0.02 * fh, cx + half * 1.12, brim_y + 0.07 * fh,
                   shade(outfit.hat, 0.85), radius=0.04 * fh)
    if outfit.glasses is not None:
        width = max(1.5, 0.035 * fh)
        for ex, ey in fig.eyes:
            if outfit.sunglasses:
                layer.ellipse(ex, ey, fig.eye_r, fig.eye_r * 0.8, (0.05, 0.05, 0.08), 0.7)
            _ring(layer, ex, ey, fig.eye_r, width, outfit.glasses, clip=(ex, ey, fig.eye_r + width))
        (lx, ly), (rx, ry) = fig.eyes
        layer.line(lx + fig.eye_r, ly, rx - fig.eye_r, ry, width, outfit.glasses)
