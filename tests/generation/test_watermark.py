"""The visible watermark: it shows, it moves, it keeps off faces and touches nothing else."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generation.media.watermark import (
    BadgeRect,
    Watermarker,
    apply_watermark,
    watermark_positions,
    watermark_stream,
)

FPS = 24


def _gradient(height: int, width: int, frames: int) -> np.ndarray:
    """A smooth colour ramp, different in every frame, so blending errors cannot hide."""
    yy, xx = np.mgrid[0:height, 0:width]
    out = np.empty((frames, height, width, 3), dtype=np.uint8)
    for t in range(frames):
        out[t, :, :, 0] = (xx * 255) // width
        out[t, :, :, 1] = (yy * 255) // height
        out[t, :, :, 2] = (t * 7) % 256
    return out


def _badge_mask(shape: tuple[int, int], rect: BadgeRect) -> np.ndarray:
    mask = np.zeros(shape, dtype=bool)
    mask[rect.y : rect.y + rect.height, rect.x : rect.x + rect.width] = True
    return mask


def _exists_clear_position(
    *, width: int, height: int, badge_w: int, badge_h: int, boxes: list[tuple[int, int, int, int]], margin: int
) -> bool:
    """Exhaustively, whether any pixel position of the badge keeps `margin` away from every box."""
    free = np.ones((height - badge_h + 1, width - badge_w + 1), dtype=bool)
    for top, right, bottom, left in boxes:
        # Top-left corners (x, y) whose badge comes within the margin of this box.
        x0, x1 = max(0, left - margin - badge_w + 1), min(free.shape[1] - 1, right + margin)
        y0, y1 = max(0, top - margin - badge_h + 1), min(free.shape[0] - 1, bottom + margin)
        if x0 <= x1 and y0 <= y1:
            free[y0 : y1 + 1, x0 : x1 + 1] = False
    return bool(free.any())


def test_badge_is_visible_on_dark_and_bright_frames():
    # Given a black and a white 720p frame
    frames = np.stack([np.zeros((720, 1280, 3), np.uint8), np.full((720, 1280, 3), 255, np.uint8)])

    # When they are watermarked
    out = apply_watermark(frames, face_boxes=[], fps=FPS)
    # (a two-frame video shows the badge in two places: a short video's badge still moves)
    rect, bright_rect = watermark_positions(frame_count=2, width=1280, height=720, fps=FPS, face_boxes=[])

    # Then the badge region changed clearly on both: the white text lifts the black frame and the
    # dark plate dims the white one.
    region = (slice(rect.y, rect.y + rect.height), slice(rect.x, rect.x + rect.width))
    bright_region = (
        slice(bright_rect.y, bright_rect.y + bright_rect.height), slice(bright_rect.x, bright_rect.x + bright_rect.width)
    )
    dark_badge = out[0][region].astype(int)
    bright_badge = out[1][bright_region].astype(int)
    assert rect.height >= 30 and rect.width > 3 * rect.height
    assert dark_badge.max() >= 200  # the text reads as white
    assert (dark_badge.sum(axis=2) > 300).mean() > 0.05  # and covers a real share of the badge
    assert (255 - bright_badge).mean() > 40  # the plate is a visible shade over white


def test_pixels_outside_the_badge_are_untouched():
    frames = _gradient(360, 640, 60)
    boxes = [[(100 + t, 300, 220 + t, 200)] for t in range(60)]

    out = apply_watermark(frames, face_boxes=boxes, fps=FPS)
    rects = watermark_positions(frame_count=60, width=640, height=360, fps=FPS, face_boxes=boxes)

    for t, rect in enumerate(rects):
        changed = (out[t] != frames[t]).any(axis=2)
        assert not changed[~_badge_mask((360, 640), rect)].any()
        inside = (slice(rect.y, rect.y + rect.height), slice(rect.x, rect.x + rect.width))
        assert np.abs(out[t][inside].astype(np.int16) - frames[t][inside]).mean() > 10
    # The input was not modified in place.
    assert np.array_equal(frames, _gradient(360, 640, 60))


def test_the_badge_moves_every_two_seconds_and_holds_still_between():
    frame_count = 10 * FPS
    rects = watermark_positions(frame_count=frame_count, width=1280, height=720, fps=FPS, face_boxes=[])

    hop = 2 * FPS
    segments = [rects[i : i + hop] for i in range(0, frame_count, hop)]
    # Within a segment the badge holds still; between segments it jumps somewhere else.
    assert all(len(set(segment)) == 1 for segment in segments)
    starts = [segment[0] for segment in segments]
    assert all(a != b for a, b in zip(starts, starts[1:], strict=False))
    assert len(set(starts)) == len(starts) == 5
    # It visits all four quadrants over ten seconds, so no single crop removes it.
    quadrants = {(r.x + r.width / 2 > 640, r.y + r.height / 2 > 360) for r in starts}
    assert len(quadrants) == 4


def test_badge_steps_around_a_face_without_jitter():
    # Given a face over the spot the badge aims for first, for the first second only
    marker = Watermarker(width=1280, height=720, fps=FPS)
    margin, width, height = marker.placer.margin, marker.badge.width, marker.badge.height
    ax, ay = marker.placer.preferred(0)
    face = (max(0, ay - 60), ax + width + 80, ay + height + 90, max(0, ax - 70))  # (top, right, bottom, left)
    boxes = [[face] if t < FPS else [] for t in range(2 * FPS)]

    # (the first segment of a 6 s video: a shorter one hops sooner)
    rects = watermark_positions(frame_count=6 * FPS, width=1280, height=720, fps=FPS, face_boxes=boxes)[: 2 * FPS]

    # Then the badge is kept clear of the face with a margin while it is there...
    assert margin > 0
    assert not any(rects[t].overlaps(face, margin=margin) for t in range(FPS))
    # ...at the clear spot nearest its anchor that a crop keeping 80% of the picture leaves (the first anchor is one
    # of those a quarter of the way in): just past one side of the face, moved along one axis only...
    top, right, bottom, left = face
    beside = {
        (ax, bottom + margin + 1),
        (ax, top - margin - height),
        (right + margin + 1, ay),
        (left - margin - width, ay),
    }
    clear = [(x, y) for x, y in beside if 128 <= x <= 1152 - width and 72 <= y <= 648 - height]
    nearest = min((x - ax) ** 2 + (y - ay) ** 2 for x, y in clear)
    assert (rects[0].x, rects[0].y) in clear
    assert (rects[0].x - ax) ** 2 + (rects[0].y - ay) ** 2 == nearest
    # ...and stays put (no jitter) for the rest of the segment once the face has gone.
    assert len(set(rects)) == 1


@settings(max_examples=150, deadline=None)
@given(
    size=st.sampled_from([(640, 360), (1280, 720), (720, 1280), (480, 480)]),
    index=st.integers(min_value=0, max_value=20 * FPS),
    raw_boxes=st.lists(
        st.tuples(st.floats(0, 1), st.floats(0, 1), st.floats(0.05, 0.45), st.floats(0.05, 0.45)),
        min_size=0,
        max_size=4,
    ),
)
def test_badge_never_overlaps_a_face_when_any_position_is_free(size, index, raw_boxes):
    width, height = size
    boxes = []
    for fx, fy, fw, fh in raw_boxes:
        w, h = max(4, int(fw * width)), max(4, int(fh * height))
        left, top = int(fx * (width - w)), int(fy * (height - h))
        boxes.append((top, left + w - 1, top + h - 1, left))
    marker = Watermarker(width=width, height=height, fps=FPS)

    rect = marker.placer.place(index, boxes)

    margin = marker.placer.margin
    assert 0 <= rect.x <= width - rect.width and 0 <= rect.y <= height - rect.height
    if any(rect.overlaps(box, margin=margin) for box in boxes):
        # Overlap is allowed only when faces fill the frame so that no position anywhere is free; on a segment whose
        # anchor lies a quarter of the way in, no position that a crop keeping 80% of the picture leaves (the badge
        # would otherwise sit where that crop removes it).
        inner = marker.placer.inner_anchors
        if inner[(index // marker.placer.hop_frames) % len(inner)]:
            x0, y0 = -(-width // 10), -(-height // 10)
            boxes_in_crop = [(top - y0, right - x0, bottom - y0, left - x0) for top, right, bottom, left in boxes]
            assert rect.x >= x0 and rect.y >= y0
            assert not _exists_clear_position(
                width=int(width * 0.9) - x0, height=int(height * 0.9) - y0, badge_w=rect.width, badge_h=rect.height,
                boxes=boxes_in_crop, margin=margin,
            )
        else:
            assert not _exists_clear_position(
                width=width, height=height, badge_w=rect.width, badge_h=rect.height, boxes=boxes, margin=margin
            )


def test_moving_faces_never_touch_the_badge_over_a_whole_clip():
    # Given two faces drifting across a 720p frame for 8 s
    rng = np.random.default_rng(7)
    frame_count = 8 * FPS
    boxes = []
    for t in range(frame_count):
        frame_boxes = []
        for k in range(2):
            cx = 300 + 700 * k + 200 * np.sin(t / 30 + k)
            cy = 360 + 150 * np.cos(t / 25 + 2 * k) + rng.integers(-3, 4)
            frame_boxes.append((int(cy - 110), int(cx + 90), int(cy + 110), int(cx - 90)))
        boxes.append(frame_boxes)

    rects = watermark_positions(frame_count=frame_count, width=1280, height=720, fps=FPS, face_boxes=boxes)

    margin = Watermarker(width=1280, height=720, fps=FPS).placer.margin
    for rect, frame_boxes in zip(rects, boxes, strict=True):
        assert not any(rect.overlaps(box, margin=margin) for box in frame_boxes)
    assert len({(r.x, r.y) for r in rects}) >= 4  # and it still moves


def test_streaming_matches_the_batch_result():
    frames = _gradient(180, 320, 30)
    boxes = [[(20, 120, 100, 40)]] * 30

    batch = apply_watermark(frames, face_boxes=boxes, fps=FPS)
    streamed = np.stack(list(watermark_stream(iter(frames), face_boxes=boxes, fps=FPS, frame_count=30)))

    assert np.array_equal(batch, streamed)


def test_rejects_frames_that_are_not_rgb_uint8():
    with pytest.raises(ValueError, match="uint8"):
        apply_watermark(np.zeros((2, 64, 64, 3), np.float32), face_boxes=[])
