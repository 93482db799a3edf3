"""Rendering backends, chosen by settings.RENDER_BACKEND and loaded once per worker process."""

import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from generation.backends.base import RenderBackend

_lock = threading.Lock()
_loaded: dict[str, RenderBackend] = {}


def render_device() -> str:
    """The GPU when torch sees one, the CPU otherwise."""
    # lazy: the web process imports this package for the render settings; torch would add 150 MB to its heap.
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def get_backend(name: str | None = None) -> RenderBackend:
    """The backend for this process; the model inside it loads once and stays."""
    name = name or settings.RENDER_BACKEND
    with _lock:
        if name not in _loaded:
            _loaded[name] = _build(name)
        return _loaded[name]


def _build(name: str) -> RenderBackend:
    if name == "reference":
        # lazy: the reference renderer imports torch; only a render worker builds a backend.
        from generation.backends.reference import ReferenceRenderer

        return ReferenceRenderer()
    if name == "diffusers":
        # lazy: the diffusers backend pulls in torch (and diffusers when it loads its model).
        from generation.backends.diffusers_backend import DiffusersVideoBackend

        if not settings.DIFFUSERS_MODEL_PATH:
            raise ImproperlyConfigured("RENDER_BACKEND=diffusers needs DIFFUSERS_MODEL_PATH (a local model folder).")
        return DiffusersVideoBackend(settings.DIFFUSERS_MODEL_PATH)
    raise ImproperlyConfigured(f"Unknown RENDER_BACKEND {name!r}: use 'reference' or 'diffusers'.")
