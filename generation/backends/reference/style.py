"""Looks: the colour grade and line work of each style, applied once to every asset before compositing.

Grades are per-pixel colour maps, so grading the background plate, the sprites and the face patches
separately gives the same result as grading each finished frame, at a fraction of the cost.

- realistic: a gentle contrast curve and a slightly warm white balance.
- cinematic: teal shadows and orange highlights, a little desaturated, an S-curve, and letterbox bars
  (to 2.39:1 in landscape; thin bars in portrait and square) added to the finished frames.
- anime: stronger saturation, posterised to a few flat tones (the real face to more tones, so it stays
  recognisable), and dark outlines along colour edges and around every sprite.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

Tensor = torch.Tensor
OUTLINE = (0.08, 0.07, 0.1)


def _luma(rgb: Tensor) -> Tensor:
    return (0.299 * rgb[..., 0:1, :, :] + 0.587 * rgb[..., 1:2, :, :] + 0.114 * rgb[..., 2:3, :, :])


def _saturate(rgb: Tensor, k: float) -> Tensor:
    luma = _luma(rgb)
    return luma + (rgb - luma) * k


def grade(rgb: Tensor, style: str, *, face: bool = False) -> Tensor:
    """The colour grade of a style on a (..., 3, H, W) image in 0..1."""
    if style == "cinematic":
        luma = _luma(rgb)
        teal = torch.tensor((0.05, 0.42, 0.48), device=rgb.device)[:, None, None]
        orange = torch.tensor((1.0, 0.68, 0.42), device=rgb.device)[:, None, None]
        out = _saturate(rgb, 0.88)
        out = out + (teal - out) * 0.22 * (1 - luma) ** 2 + (orange - out) * 0.14 * luma**2
        out = out.clamp(0, 1)
        return (out + 0.35 * out * (1 - out) * (2 * out - 1)).clamp(0, 1)  # S-curve
    if style == "anime":
        levels = 14 if face else 7
        out = _saturate(rgb, 1.1 if face else 1.3).clamp(0, 1)
        return torch.round(out * (levels - 1)) / (levels - 1)
    warm = torch.tensor((1.02, 1.0, 0.97), device=rgb.device)[:, None, None]
    out = (rgb * warm).clamp(0, 1)
    return (out + 0.12 * out * (1 - out) * (2 * out - 1)).clamp(0, 1)


def edge_mask(rgb: Tensor, *, threshold: float = 0.09, width: int = 1) -> Tensor:
    """(1, H, W) 0/1 mask of strong luminance edges, thickened to ``width`` pixels."""
    luma = _luma(rgb[None] if rgb.dim() == 3 else rgb)
    gx = (luma[..., :, 1:] - luma[..., :, :-1]).abs()
    gy = (luma[..., 1:, :] - luma[..., :-1, :]).abs()
    mag = torch.zeros_like(luma)
    mag[..., :, 1:] = torch.maximum(mag[..., :, 1:], gx)
    mag[..., 1:, :] = torch.maximum(mag[..., 1:, :], gy)
    mask = (mag > threshold).float()
    if width > 1:
        mask = F.max_pool2d(mask, kernel_size=width, stride=1, padding=width // 2)[..., : luma.shape[-2], : luma.shape[-1]]
    return mask[0]


def outline_plate(rgb: Tensor, *, width: int) -> Tensor:
    """Dark lines along the colour edges of an opaque (3, H, W) image."""
    mask = edge_mask(rgb, width=width)
    ink = torch.tensor(OUTLINE, device=rgb.device)[:, None, None]
    return rgb * (1 - mask) + ink * mask


def outline_sprite(rgb: Tensor, alpha: Tensor, *, width: int) -> tuple[Tensor, Tensor]:
    """A sprite with dark lines on its colour edges and a ring of ink around its silhouette."""
    inner = edge_mask(rgb * alpha, width=width) * (alpha > 0.5).float()
    ink = torch.tensor(OUTLINE, device=rgb.device)[:, None, None]
    rgb = rgb * (1 - inner) + ink * inner
    k = 2 * width + 1
    grown = F.max_pool2d(alpha[None], kernel_size=k, stride=1, padding=width)[0]
    ring = (grown - alpha).clamp(0, 1)
    new_alpha = alpha + ring
    new_rgb = (rgb * alpha + ink * ring) / new_alpha.clamp_min(1e-6)
    return torch.where(new_alpha > 0, new_rgb, rgb), new_alpha


def letterbox_rows(width: int, height: int) -> int:
    """How many rows each cinematic bar covers."""
    if width > height:
        active = width / 2.39
        return max(int(round((height - active) / 2)), 0)
    return int(round(0.06 * height))
