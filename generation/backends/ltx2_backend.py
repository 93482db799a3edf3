"""LTX-2 through diffusers: picture and sound in one pass, the cameo's face as the first frame.

LTX-2 is one audio-video transformer: a Gemma 3 text encoder feeds both streams, and the pipeline returns the
decoded frames and the vocoder's waveform together (``LTX2PipelineOutput.frames`` and ``.audio``). This backend:

- loads ``LTX2Pipeline`` from a local diffusers folder (``LTX2_MODEL_PATH``, else ``DIFFUSERS_MODEL_PATH``;
  never downloaded) and builds ``LTX2ImageToVideoPipeline`` from it with ``from_pipe`` (shared modules, no second
  copy of the weights), once per process and device;
- uses the image-to-video pipeline when the video casts a cameo: the first cameo's verified reference crop,
  fitted into the frame, is the image condition (the model keeps it as the first latent frame). Other cameos
  go in as text. Handles become neutral words, as in the LTX-Video backend (diffusers_backend.compose_prompt);
- passes quoted dialogue the way LTX-2's captions write speech: the scene first, then each line as
  ``<speaker> (<voice>, <manner>): "<words>"``. The speaker is the cameo named before the quote (or the last one
  mentioned); the voice is described from the cameo's voice-profile pitch (a low, mid-pitched or high voice),
  never a name;
- plans a model-native size (multiples of 32) and length (8k+1 frames) like the LTX-Video backend, tells the
  model the real clip duration through ``frame_rate`` so the audio spans the clip, and resamples the frames to
  exactly the spec's count and size;
- makes the model's waveform the video's audio: stereo downmixed to mono, resampled from the vocoder's rate
  (24 kHz for LTX-2) to the spec's, and fitted to the clip (the causal audio VAE returns a few milliseconds
  less; the tail is padded with silence);
- reports denoising steps to the job's progress through ``callback_on_step_end``;
- applies the memory levers of generation.backends.memory.
"""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .base import ProgressCallback, RenderResult, RenderSpec
from .diffusers_backend import (
    NEGATIVE_PROMPT,
    RenderPlan,
    _cameo_description,
    _face_of,
    compose_prompt,
    condition_image,
    pick_device,
    plan_render,
    resample_frames,
    step_progress,
)
from .memory import MemoryLevers, place_on_device, prepare_modules
from .weights import ModelIdentity, model_identity, weights_folder_check

LTX2_PIPELINE_CLASSES = frozenset({"LTX2Pipeline", "LTX2ImageToVideoPipeline", "LTX2ConditionPipeline"})
LTX2_MAX_FRAMES = 481  # 20 s at 24 fps, 8·60+1: the pipeline's own max_seconds is 20
LTX2_MAX_SIDE = 1280  # the one-stage pipeline's documented sizes; 1080p renders at 720p and is scaled up

SPEECH_VERBS = ("says", "said", "say", "shouts", "yells", "screams", "exclaims", "whispers", "sings", "asks", "replies")
MANNERS = {
    "shouts": "shouting", "yells": "shouting", "screams": "shouting", "exclaims": "exclaiming",
    "whispers": "whispering", "sings": "singing", "asks": "asking",
}
HANDLE = r"[a-z0-9_]+(?:\.[a-z0-9_]+)*"
SPOKEN_LINE = re.compile(
    rf"(?:@(?P<handle>{HANDLE})\s*(?:(?P<verb>{'|'.join(SPEECH_VERBS)})\b)?\s*[:,]?\s*)?"
    r"[\"“](?P<text>[^\"”]+)[\"”]",
    re.IGNORECASE,
)
MENTION = re.compile(rf"@({HANDLE})", re.IGNORECASE)


@dataclass(frozen=True)
class SpokenLine:
    """One quoted line of the prompt: who says it (a handle, or "" for nobody cast) and how."""

    handle: str
    text: str
    manner: str


def split_dialogue(prompt: str, handles: tuple[str, ...]) -> tuple[str, list[SpokenLine]]:
    """The prompt without its quoted lines (a speaker named with the line stays, "speaking"), and the lines."""
    known = {handle.lower() for handle in handles}
    lines: list[SpokenLine] = []

    def take(match: re.Match) -> str:
        named = (match.group("handle") or "").lower()
        handle = named if named in known else ""
        if not handle:
            mentioned = [m.lower() for m in MENTION.findall(prompt[: match.start()]) if m.lower() in known]
            handle = mentioned[-1] if mentioned else (handles[0].lower() if handles else "")
        verb = (match.group("verb") or "").lower()
        text = match.group("text").strip()
        manner = MANNERS.get(verb, "asking" if text.endswith("?") else "speaking")
        lines.append(SpokenLine(handle=handle, text=text, manner=manner))
        return f"@{named} speaks" if named else ""

    scene = SPOKEN_LINE.sub(take, prompt)
    scene = re.sub(r"\s+([,.!?])", r"\1", re.sub(r"\s{2,}", " ", scene)).strip(" ,")
    return scene, lines


def voice_words(pitch_hz: float) -> str:
    """How a voice sounds, from its median pitch; never who it is."""
    if pitch_hz < 150:
        return "low voice"
    if pitch_hz < 210:
        return "mid-pitched voice"
    return "high voice"


def compose_ltx2_prompt(spec: RenderSpec, *, image_conditioned: bool) -> str:
    """The scene (handles made neutral, style, preferences), then each spoken line in LTX-2's caption form."""
    scene, lines = split_dialogue(spec.prompt, tuple(cameo.handle for cameo in spec.cameos))
    scene_spec = RenderSpec(
        prompt=scene or "A person speaks to the camera",
        duration_s=spec.duration_s,
        style=spec.style,
        cameos=spec.cameos,
    )
    parts = [compose_prompt(scene_spec, image_conditioned=image_conditioned)]
    speakers = {cameo.handle.lower(): (index, cameo) for index, cameo in enumerate(spec.cameos)}
    for line in lines:
        if line.handle in speakers:
            index, cameo = speakers[line.handle]
            who = _speaker_words(index, image_conditioned=image_conditioned)
            voice = voice_words(cameo.voice_pitch_hz)
        else:
            who, voice = "A person", "clear voice"
        parts.append(f'{who} ({voice}, {line.manner}): "{line.text}"')
    return " ".join(parts)


def _speaker_words(index: int, *, image_conditioned: bool) -> str:
    """The same neutral words compose_prompt puts in place of the handle, so the speaker is the person shown."""
    words = _cameo_description(index, image_conditioned=image_conditioned)
    return words[:1].upper() + words[1:]


def model_audio_track(waveform: Any, *, source_rate: int, sample_rate: int, samples: int) -> np.ndarray:
    """The vocoder's waveform (channels×n or n) as mono float32 PCM at `sample_rate`, exactly `samples` long."""
    # lazy: scipy's signal module is only needed by render workers
    from scipy.signal import resample_poly

    audio = np.asarray(waveform.float().cpu().numpy() if hasattr(waveform, "cpu") else waveform, dtype=np.float64)
    if audio.ndim == 2:
        audio = audio.mean(axis=0)
    if source_rate != sample_rate and audio.size:
        common = math.gcd(int(source_rate), int(sample_rate))
        audio = resample_poly(audio, sample_rate // common, source_rate // common)
    track = np.zeros(samples, dtype=np.float32)
    take = min(samples, audio.size)
    track[:take] = np.clip(audio[:take], -1.0, 1.0)
    return track


@dataclass
class LoadedLTX2:
    """LTX-2 loaded once: the text-to-video pipeline and the image-to-video one sharing its modules."""

    text: Any
    image: Any
    device: str
    dtype: Any
    levers: MemoryLevers
    applied: list[str]
    active: Any = None  # the pipeline the offload hooks belong to
    lock: threading.Lock = field(default_factory=threading.Lock)

    def activate(self, pipeline: Any) -> None:
        if self.active is not pipeline:
            place_on_device(pipeline, device=self.device, levers=self.levers)
            self.active = pipeline


_LOADED: dict[tuple[str, str, str], LoadedLTX2] = {}
_LOAD_LOCK = threading.Lock()


def load_ltx2(model_path: str, *, device: str, levers: MemoryLevers) -> LoadedLTX2:
    """Load LTX-2 from a local folder onto a device, once per process (keyed by path, device and levers)."""
    dtype = levers.compute_dtype(device)
    key = (model_path, device, repr(levers))
    with _LOAD_LOCK:
        if key in _LOADED:
            return _LOADED[key]
        # lazy: diffusers and transformers take seconds to import, and web processes never render.
        from diffusers import LTX2ImageToVideoPipeline, LTX2Pipeline

        text = LTX2Pipeline.from_pretrained(model_path, local_files_only=True, dtype=dtype)
        text.set_progress_bar_config(disable=True)
        applied = prepare_modules(text, levers=levers, dtype=dtype)
        image = LTX2ImageToVideoPipeline.from_pipe(text, dtype=dtype)
        image.set_progress_bar_config(disable=True)
        loaded = LoadedLTX2(text=text, image=image, device=device, dtype=dtype, levers=levers, applied=applied)
        _LOADED[key] = loaded
        return loaded


class LTX2Backend:
    """LTX-2 from a local diffusers folder: frames and the model's own audio, a cameo's face as the first frame."""

    name = "ltx2"

    def __init__(
        self,
        model_path: str,
        *,
        num_inference_steps: int = 30,
        guidance_scale: float = 3.0,
        max_side: int = LTX2_MAX_SIDE,
        max_frames: int = LTX2_MAX_FRAMES,
        max_sequence_length: int = 1024,
        levers: MemoryLevers | None = None,
        call_options: dict[str, Any] | None = None,
        setting: str = "LTX2_MODEL_PATH",
    ) -> None:
        if num_inference_steps < 1:
            raise ValueError("num_inference_steps must be at least 1")
        # A missing or foreign folder is an ImproperlyConfigured here, when the worker builds its backends.
        weights_folder_check(model_path, backend=self.name, accepted=LTX2_PIPELINE_CLASSES, setting=setting)
        self.model_path = model_path
        self.model: ModelIdentity = model_identity(model_path)
        self.num_inference_steps = num_inference_steps
        self.guidance_scale = guidance_scale
        self.max_side = max_side
        self.max_frames = max_frames
        self.max_sequence_length = max_sequence_length
        self.levers = levers or MemoryLevers(cpu_offload="none")
        self.levers.check()
        # Other pipeline arguments as the operator sets them (e.g. the STG blocks of an LTX-2.0 checkpoint).
        self.call_options = dict(call_options or {})
        # What the last render did, for logs and tests.
        self.last_pipeline = ""
        self.last_plan: RenderPlan | None = None
        self.last_prompt = ""
        self.last_call: dict[str, Any] = {}

    def render(self, spec: RenderSpec, device: str, progress: ProgressCallback | None = None) -> RenderResult:
        """Render a spec: frames at exactly spec.frame_count and spec.size, with the model's audio track."""
        # lazy: torch (~150 MB) is loaded by render workers only
        import torch

        device = pick_device(device)
        loaded = load_ltx2(self.model_path, device=device, levers=self.levers)
        cameo = spec.cameos[0] if spec.cameos else None
        pipeline = loaded.image if cameo is not None else loaded.text
        plan = plan_render(
            spec, temporal_ratio=pipeline.vae_temporal_compression_ratio, max_side=self.max_side, max_frames=self.max_frames
        )
        prompt = compose_ltx2_prompt(spec, image_conditioned=cameo is not None)
        kwargs = self._call_kwargs(spec, plan=plan, prompt=prompt, device=device, progress=progress)
        if cameo is not None:
            kwargs["image"] = condition_image(_face_of(cameo), width=plan.width, height=plan.height)
        if progress is not None:
            progress(0.0)

        # A progress callback may raise (consent revoked, job cancelled): that ends the render there.
        with loaded.lock, torch.inference_mode():
            loaded.activate(pipeline)
            output = pipeline(**kwargs)
        video, waveform = output.frames[0], output.audio[0]  # T'×3×h×w in [0, 1]; channels×n at the vocoder's rate
        frames = resample_frames(video, frame_count=spec.frame_count, width=spec.size[0], height=spec.size[1])
        samples = round(spec.frame_count * spec.sample_rate / spec.fps)
        audio = model_audio_track(
            waveform,
            source_rate=int(pipeline.vocoder.config.output_sampling_rate),
            sample_rate=spec.sample_rate,
            samples=samples,
        )
        self.last_pipeline, self.last_plan, self.last_prompt = type(pipeline).__name__, plan, prompt
        # The pipeline's arguments, the face picture as its size only: the backend outlives the render, and a worker
        # kept the last cameo's face crop past its deletion (round on account deletion).
        self.last_call = {
            key: (("size", value.size) if key == "image" else value)
            for key, value in kwargs.items()
            if key not in ("generator", "callback_on_step_end")
        }
        result = RenderResult(
            frames=frames,
            audio=audio,
            sample_rate=spec.sample_rate,
            fps=spec.fps,
            events=[],
            face_boxes=[[] for _ in range(spec.frame_count)],  # the model moves the face; the watermark step finds it
            model=self.model,
        )
        if progress is not None:
            progress(1.0)
        return result

    def _call_kwargs(
        self, spec: RenderSpec, *, plan: RenderPlan, prompt: str, device: str, progress: ProgressCallback | None
    ) -> dict[str, Any]:
        # lazy: torch (~150 MB) is loaded by render workers only
        import torch

        steps = self.num_inference_steps
        kwargs: dict[str, Any] = {
            "prompt": prompt,
            "negative_prompt": NEGATIVE_PROMPT,
            "height": plan.height,
            "width": plan.width,
            "num_frames": plan.num_frames,
            "frame_rate": plan.frame_rate,
            "num_inference_steps": steps,
            "guidance_scale": self.guidance_scale,
            "generator": torch.Generator(device="cpu" if device.startswith("cuda") else device).manual_seed(spec.seed),
            "max_sequence_length": self.max_sequence_length,
            "output_type": "pt",
            **self.call_options,
        }
        if progress is not None:
            kwargs["callback_on_step_end"] = step_progress(progress, steps)
        return kwargs


__all__ = ["LTX2Backend", "compose_ltx2_prompt", "load_ltx2", "model_audio_track", "split_dialogue", "voice_words"]
