"""Stored files as local paths, for the libraries (PyAV, c2pa) that read from disk."""

from pathlib import Path


def local_path(field_file) -> Path | None:
    """The file's path on this machine, or None when storage is remote (S3) and it must be copied first."""
    try:
        return Path(field_file.path)
    except NotImplementedError:
        return None
