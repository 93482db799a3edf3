"""Which rendering backends exist, what each can render, and where its jobs queue.

This module is read by web processes (the API lists the backends and refuses requests a backend cannot
honour), so it imports neither torch nor diffusers: the models themselves live in the backend modules.

Names: ``reference`` (the built-in torch renderer), ``ltx`` (LTX-Video 0.9.x, no sound), ``ltx2`` (LTX-2,
picture and sound in one pass) and ``consisid`` (ConsisID, identity kept by a face embedding through the
whole clip). ``diffusers`` is the old name of ``ltx`` and still works everywhere a name is read.

Routing: a job is queued on ``gpu.<backend>``. A render worker declares which backends it serves
(``RENDER_WORKER_BACKENDS``, or ``-Q gpu.<backend>`` names) and consumes exactly those queues, so one
deployment can run several models on different hosts (generation.backends.worker).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from generation.backends.base import ASPECT_RATIOS, MAX_DURATION_S, RESOLUTIONS
from sora_social.errors import ServiceError

GPU_QUEUE_PREFIX = "gpu."
ALIASES = {"diffusers": "ltx"}


@dataclass(frozen=True)
class BackendInfo:
    """What one backend is and what it can render; the API shows it and submit checks requests against it."""

    name: str
    title: str
    audio: str  # "model": the model makes the sound; "synthesized": our own renderer; "room_tone": none
    identity: str  # how a cameo's likeness goes in: "composited", "first_frame" or "face_embedding"
    max_duration_s: int
    resolutions: tuple[str, ...]
    aspect_ratios: tuple[str, ...]
    needs_weights: bool
    model_path_setting: str = ""  # the per-backend weights folder setting (DIFFUSERS_MODEL_PATH is the fallback)

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "audio": self.audio,
            "identity": self.identity,
            "max_duration_s": self.max_duration_s,
            "resolutions": list(self.resolutions),
            "aspect_ratios": list(self.aspect_ratios),
        }


ALL_RESOLUTIONS = tuple(RESOLUTIONS)
ALL_ASPECT_RATIOS = tuple(ASPECT_RATIOS)

BACKENDS: dict[str, BackendInfo] = {
    "reference": BackendInfo(
        name="reference",
        title="Reference renderer (built in)",
        audio="synthesized",
        identity="composited",
        max_duration_s=MAX_DURATION_S,
        resolutions=ALL_RESOLUTIONS,
        aspect_ratios=ALL_ASPECT_RATIOS,
        needs_weights=False,
    ),
    # LTX-Video renders at most 257 frames; longer clips are rendered at a lower frame rate and blended up.
    "ltx": BackendInfo(
        name="ltx",
        title="LTX-Video",
        audio="room_tone",
        identity="first_frame",
        max_duration_s=MAX_DURATION_S,
        resolutions=ALL_RESOLUTIONS,
        aspect_ratios=ALL_ASPECT_RATIOS,
        needs_weights=True,
        model_path_setting="LTX_MODEL_PATH",
    ),
    # LTX-2 is trained on clips of up to 20 s (its pipeline's max_seconds) at any aspect ratio.
    "ltx2": BackendInfo(
        name="ltx2",
        title="LTX-2 (picture and sound in one pass)",
        audio="model",
        identity="first_frame",
        max_duration_s=20,
        resolutions=ALL_RESOLUTIONS,
        aspect_ratios=ALL_ASPECT_RATIOS,
        needs_weights=True,
        model_path_setting="LTX2_MODEL_PATH",
    ),
    # ConsisID is CogVideoX-5B image-to-video: 49 frames (about 6 s at its 8 fps) at 720x480, landscape. A
    # portrait clip would be a strip cut out of that and enlarged 2.4 times, and 720p or more would be enlarged
    # too, so those are refused rather than rendered badly.
    "consisid": BackendInfo(
        name="consisid",
        title="ConsisID (the cameo's identity kept through the clip)",
        audio="room_tone",
        identity="face_embedding",
        max_duration_s=6,
        resolutions=("360p", "480p"),
        aspect_ratios=("16:9", "1:1"),
        needs_weights=True,
        model_path_setting="CONSISID_MODEL_PATH",
    ),
}


def canonical_name(name: str) -> str:
    """A backend's canonical name ("diffusers" is "ltx"); raises ImproperlyConfigured for an unknown one."""
    name = ALIASES.get(name.strip().lower(), name.strip().lower())
    if name not in BACKENDS:
        raise ImproperlyConfigured(f"Unknown render backend {name!r}: use one of {', '.join(BACKENDS)}.")
    return name


def default_backend() -> str:
    """The backend a generation gets when it asks for none (RENDER_BACKEND)."""
    return canonical_name(settings.RENDER_BACKEND)


def offered_backends() -> list[str]:
    """The backends this deployment lets a generation ask for: RENDER_BACKENDS, the default always first."""
    names = [default_backend()]
    for name in settings.RENDER_BACKENDS or ():
        name = canonical_name(name)
        if name not in names:
            names.append(name)
    return names


def backend_for_request(name: str | None) -> str:
    """The backend a generation asked for, as a canonical name ("" or None: the default); refused (422
    backend_unavailable) when this deployment does not offer it."""
    if not name:
        return default_backend()
    offered = offered_backends()
    canonical = ALIASES.get(name.strip().lower(), name.strip().lower())
    if canonical not in offered:
        raise ServiceError(
            "backend_unavailable",
            f"There is no backend {name!r} here: use one of {', '.join(offered)}.",
            422,
            backend=name,
            available=offered,
        )
    return canonical


def offered_backend_list() -> list[dict]:
    """What the API lists: each offered backend's capabilities, the default marked."""
    default = default_backend()
    return [{**BACKENDS[name].as_dict(), "default": name == default} for name in offered_backends()]


def render_queue(backend: str) -> str:
    """The Celery queue a backend's jobs go to."""
    return GPU_QUEUE_PREFIX + canonical_name(backend)


def model_path(backend: str) -> str:
    """The weights folder of a model backend: its own setting, else DIFFUSERS_MODEL_PATH."""
    info = BACKENDS[canonical_name(backend)]
    own = getattr(settings, info.model_path_setting, "") if info.model_path_setting else ""
    return own or settings.DIFFUSERS_MODEL_PATH or ""


@dataclass(frozen=True)
class LimitBreach:
    """A request a backend cannot honour: the code names the limit."""

    code: str
    message: str
    limit: object


def request_limit_breach(*, backend: str, duration_s: float, resolution: str, aspect_ratio: str) -> LimitBreach | None:
    """The first limit of `backend` the request breaks, or None when the backend can render it."""
    info = BACKENDS[canonical_name(backend)]
    if duration_s > info.max_duration_s:
        return LimitBreach(
            "backend_duration_limit",
            f"The {info.name} backend renders at most {info.max_duration_s} seconds.",
            info.max_duration_s,
        )
    if resolution not in info.resolutions:
        return LimitBreach(
            "backend_resolution_limit",
            f"The {info.name} backend renders {', '.join(info.resolutions)}.",
            list(info.resolutions),
        )
    if aspect_ratio not in info.aspect_ratios:
        return LimitBreach(
            "backend_aspect_ratio_limit",
            f"The {info.name} backend renders the aspect ratios {', '.join(info.aspect_ratios)}.",
            list(info.aspect_ratios),
        )
    return None


__all__ = [
    "ALIASES",
    "BACKENDS",
    "BackendInfo",
    "LimitBreach",
    "backend_for_request",
    "canonical_name",
    "default_backend",
    "model_path",
    "offered_backend_list",
    "offered_backends",
    "render_queue",
    "request_limit_breach",
]
