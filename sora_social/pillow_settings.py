"""Pillow's process-wide settings that another library changes behind the app's back."""

import struct

from PIL import Image, ImageFile


def refuse_truncated_images() -> None:
    """Have Pillow refuse a truncated image again, in this whole process.

    face_recognition sets `ImageFile.LOAD_TRUNCATED_IMAGES = True` for the process when it is imported (by a
    verification, a render, a test). From then on Pillow decoded a truncated upload as a picture with a grey end, and
    dropped a text or colour-profile chunk that inflates past its limit instead of refusing the file (an avatar that
    was refused in a fresh process was taken in one that had verified a face: attack round on hostile uploads).
    Uploads are judged by their content: called before an upload is decoded, and after face_recognition is imported.
    The app itself never reads a truncated image on purpose.
    """
    ImageFile.LOAD_TRUNCATED_IMAGES = False


def image_format_named_by(head: bytes) -> str | None:
    """The image format whose magic bytes start `head`, by Pillow's own checks, with nothing decoded; None for none.
    For telling "an image of a format we do not take" from "not an image" once a reader limited to a few formats
    refused the file."""
    Image.init()
    for name, (_factory, accepts) in Image.OPEN.items():
        try:
            if accepts is not None and accepts(head):
                return name
        except (SyntaxError, IndexError, TypeError, struct.error):
            continue  # a check that needs more bytes than a tiny file has (Pillow's own open skips these the same way)
    return None
