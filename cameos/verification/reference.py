"""Reference images for character cameos (a pet, an object, a drawing): no face check, just a clean picture."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image

from cameos.verification.images import MAX_IMAGE_BYTES, is_image, load_image, png_bytes, read_upload_bytes
from cameos.verification.media import UnreadableMediaError, first_frame

REFERENCE_SIZE = 512
# A character clip is short: its first frame is all we take.
MAX_CLIP_BYTES = 50 * 1024 * 1024


def _square(picture: Image.Image, *, size: int) -> np.ndarray:
    """Fit the picture inside a size x size square, centered, on the median color of its border."""
    picture = picture.copy()
    picture.thumbnail((size, size), Image.Resampling.LANCZOS)
    pixels = np.asarray(picture)
    border = np.concatenate([pixels[0], pixels[-1], pixels[:, 0], pixels[:, -1]])
    fill = tuple(int(v) for v in np.median(border, axis=0))
    canvas = Image.new("RGB", (size, size), fill)
    canvas.paste(picture, ((size - picture.width) // 2, (size - picture.height) // 2))
    return np.asarray(canvas)


def reference_image_from_upload(source: bytes | str | Path, *, size: int = REFERENCE_SIZE) -> bytes:
    """A normalized square PNG from an uploaded image, or from the first frame of a short clip.

    Images are verified and size-checked before decoding (decompression bombs are refused), EXIF-rotated and
    flattened to RGB; clips are decoded with PyAV, display rotation applied. UnreadableMediaError otherwise.
    """
    data = read_upload_bytes(source, max_bytes=MAX_CLIP_BYTES, what="upload")
    if is_image(data):
        if len(data) > MAX_IMAGE_BYTES:
            raise UnreadableMediaError("the image file is too large")
        picture = load_image(data)
    else:
        picture = Image.fromarray(first_frame(io.BytesIO(data), max_side=max(size, 1024)))
    return png_bytes(_square(picture, size=size))
