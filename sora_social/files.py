"""Stored files on this machine's disk, for the libraries (PyAV, c2pa, dlib) that read from a path; and deleting an
upload that must not outlive its use.

Every stored file is reached through the storage API. Local disk storage lends its own path; object storage (S3
and the like) has none, so the file is copied, a block at a time, into a scratch folder or a temporary file that
the caller owns. No other code assumes that a stored file has a path.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.core.files.storage import Storage
from django.db import transaction

COPY_BLOCK_BYTES = 1024 * 1024
logger = logging.getLogger(__name__)


def storage_has_paths(storage: Storage) -> bool:
    """Whether the storage keeps files on this machine's disk (`storage.path()` works), unlike object storage."""
    try:
        storage.path("probe")
    except NotImplementedError:
        return False
    return True


def local_path(field_file) -> Path | None:
    """The file's path on this machine, or None when storage is remote (S3) and it must be copied first."""
    try:
        return Path(field_file.path)
    except NotImplementedError:
        return None


def stored_file_copy(field_file, destination: Path) -> Path:
    """Copy a stored file to `destination` (in a scratch folder the caller wipes) through the storage API."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    with field_file.storage.open(field_file.name, "rb") as source, destination.open("wb") as target:
        shutil.copyfileobj(source, target, COPY_BLOCK_BYTES)
    return destination


def stored_file_in(field_file, scratch_dir: Path, *, filename: str) -> Path:
    """A path to read the stored file from: its own on local disk, else a copy at `scratch_dir/filename`."""
    return local_path(field_file) or stored_file_copy(field_file, Path(scratch_dir) / filename)


@contextmanager
def stored_file_on_disk(field_file, *, suffix: str = "") -> Iterator[Path]:
    """A path to read the stored file from while the block runs: its own, or a temporary copy removed afterwards."""
    path = local_path(field_file)
    if path is not None:
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="sora-stored-") as folder:
        yield stored_file_copy(field_file, Path(folder) / f"copy{suffix}")


def upload_delete_after_commit(*, model, pk: int, field: str, storage: Storage, name: str) -> None:
    """Delete a row's upload once the transaction commits; the caller has emptied ``field`` on the row already.

    Each delete runs on its own, so one the store refuses does not keep the commit's other hooks from running. A
    refused delete names the file on the row again, for the sweep that reads that field to retry: a file no row
    named would stay on the storage for good (verification clips and find-my-face uploads are biometric).
    """

    def delete() -> None:
        try:
            storage.delete(name)
        except Exception:
            logger.exception("could not delete the %s of %s %s; the sweep tries again", field, model.__name__, pk)
            model.objects.filter(pk=pk, **{field: ""}).update(**{field: name})

    transaction.on_commit(delete)
