"""Rendering backends, chosen per job (GenerationJob.backend, else settings.RENDER_BACKEND), built once per process.

A model backend checks its weights folder when it is built (ImproperlyConfigured if it is missing or holds
another model), and loads the weights on its first render, once per process: a render worker builds the
backends it serves when it starts (generation.backends.worker), so a wrong folder stops the worker, never a job.
"""

import threading

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from generation.backends.base import RenderBackend
from generation.backends.catalog import BACKENDS, canonical_name, default_backend, model_path

_lock = threading.Lock()
_loaded: dict[str, RenderBackend] = {}


def render_device() -> str:
    """The GPU when torch sees one, the CPU otherwise."""
    # lazy: the web process imports this package for the render settings; torch would add 150 MB to its heap.
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def get_backend(name: str | None = None) -> RenderBackend:
    """The backend of that name ("" or None: the default) for this process; its model loads once and stays."""
    name = canonical_name(name) if name else default_backend()
    with _lock:
        if name not in _loaded:
            _loaded[name] = build_backend(name)
        return _loaded[name]


def build_backend(name: str) -> RenderBackend:
    """A new backend of that name, configured from settings; ImproperlyConfigured when it cannot run here."""
    name = canonical_name(name)
    if name == "reference":
        # lazy: the reference renderer imports torch; only a render worker builds a backend.
        from generation.backends.reference import ReferenceRenderer

        return ReferenceRenderer()
    # lazy: the model backends pull in torch (and diffusers when they load their models).
    from generation.backends.memory import MemoryLevers

    info = BACKENDS[name]
    path = model_path(name)
    levers = MemoryLevers.from_settings()
    if name == "ltx":
        from generation.backends.diffusers_backend import LTX_PIPELINE_CLASSES, DiffusersVideoBackend
        from generation.backends.weights import weights_folder_check

        weights_folder_check(path, backend=name, accepted=LTX_PIPELINE_CLASSES, setting=info.model_path_setting)
        return DiffusersVideoBackend(path, torch_dtype=levers.torch_dtype or None, max_side=settings.RENDER_MAX_SIDE)
    if name == "ltx2":
        from generation.backends.ltx2_backend import LTX2Backend

        return LTX2Backend(
            path,
            num_inference_steps=settings.LTX2_STEPS,
            max_side=settings.RENDER_MAX_SIDE,
            max_sequence_length=settings.LTX2_MAX_SEQUENCE_LENGTH,
            levers=levers,
            setting=info.model_path_setting,
        )
    if name == "consisid":
        from generation.backends.consisid_backend import ConsisIDBackend

        return ConsisIDBackend(
            path,
            face_encoder=settings.CONSISID_FACE_ENCODER,
            num_inference_steps=settings.CONSISID_STEPS,
            levers=levers,
            setting=info.model_path_setting,
        )
    raise ImproperlyConfigured(f"No builder for the render backend {name!r}.")


def forget_backends() -> None:
    """Drop the backends built in this process (tests that change settings)."""
    with _lock:
        _loaded.clear()
