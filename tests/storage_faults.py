"""A storage that fails for a moment, as an object store does when it is down."""

import contextlib

from django.core.files.storage import FileSystemStorage


@contextlib.contextmanager
def storage_refusing_deletes(prefix: str, times: int = 1):
    """The store refuses the next `times` deletes of names under `prefix`."""
    real_delete = FileSystemStorage.delete
    left = {"n": times}

    def delete(self, name):
        if name.startswith(prefix) and left["n"] > 0:
            left["n"] -= 1
            raise OSError("the object store is unavailable")
        return real_delete(self, name)

    FileSystemStorage.delete = delete
    try:
        yield
    finally:
        FileSystemStorage.delete = real_delete
