"""Safe loading of uploaded still images with Pillow, and PNG encoding of arrays."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from cameos.verification.media import UnreadableMediaError
from sora_social.pillow_settings import refuse_truncated_images

# 40 megapixels covers any phone photo; a bigger claimed size is a decompression bomb or not worth decoding.
MAX_IMAGE_PIXELS = 40_000_000
# Uploads above this are refused before Pillow looks at them.
MAX_IMAGE_BYTES = 25 * 1024 * 1024
# The formats a photo comes in (JPEG's reader opens a phone's multi-picture JPEG too). Only their readers see an upload:
# some others decode at open (an icon file of 1 KB holding an 8000x8000 PNG took ~250 MB: round 3 on the latest mends).
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")


def read_upload_bytes(source: bytes | str | Path, *, max_bytes: int = MAX_IMAGE_BYTES, what: str = "image file") -> bytes:
    """The bytes of an upload given as bytes or a path, refusing anything over max_bytes before reading it."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        path = Path(source)
        if path.stat().st_size > max_bytes:
            raise UnreadableMediaError(f"the {what} is too large")
        data = path.read_bytes()
    if len(data) > max_bytes:
        raise UnreadableMediaError(f"the {what} is too large")
    return data


def load_image(source: bytes | str | Path, *, max_side: int | None = None) -> Image.Image:
    """Open an uploaded image: verified, size-checked before decoding, EXIF-rotated, RGB (alpha over white)."""
    data = read_upload_bytes(source)
    refuse_truncated_images()
    try:
        with warnings.catch_warnings():
            # Pillow warns (rather than fails) between its limit and twice its limit: make that an error too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=PHOTO_FORMATS) as probe:
                width, height = probe.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise UnreadableMediaError(f"the image is too large ({width}x{height})")
                probe.verify()
            # verify() leaves the image unusable: open it again to decode.
            image = Image.open(io.BytesIO(data), formats=PHOTO_FORMATS)
            image.load()
    except UnreadableMediaError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise UnreadableMediaError(f"not a readable image: {exc}") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        # Truncated or malformed files surface as these from the decoders.
        raise UnreadableMediaError(f"not a readable image: {exc}") from exc
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    image = image.convert("RGB")
    if max_side is not None and max(image.size) > max_side:
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return image


def is_image(data: bytes) -> bool:
    """Whether Pillow recognizes the bytes as an image format (without decoding it)."""
    try:
        with Image.open(io.BytesIO(data), formats=PHOTO_FORMATS):
            return True
    except (UnidentifiedImageError, OSError, ValueError):
        return False
    except Image.DecompressionBombError:
        # It is an image, just one that load_image will refuse.
        return True


def png_bytes(rgb: np.ndarray) -> bytes:
    """Encode an RGB uint8 array as PNG."""
    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(rgb, dtype=np.uint8)).save(buffer, format="PNG")
    return buffer.getvalue()
