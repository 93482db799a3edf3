"""A rendering backend that runs an open text-to-video model (LTX-Video) through diffusers.

Why LTX-Video: one set of weights serves both text-to-video (``LTXPipeline``) and image-to-video
(``LTXImageToVideoPipeline``), with no separate image encoder, so a cameo's face can condition the
video without loading a second model (``from_pipe`` shares the modules). Its 2B transformer is the
smallest of the open video models diffusers runs, and its tiny random-weight configuration (a 1-layer
transformer, an 8-channel VAE, a 1-layer T5) builds, saves and renders in about a second on a CPU, so
the tests run the real loading and rendering code. Wan 2.1 needs a separate image-to-video checkpoint
plus a CLIP image encoder; Wan 2.2 TI2V-5B does both in one checkpoint but is 2.5 times larger.

What the model cannot do, and what this backend does about it:

- **Frame count.** LTX renders ``8k+1`` frames (the VAE compresses time by 8) and is trained up to 257.
  The backend renders the smallest valid count that covers ``spec.frame_count`` (at most
  ``max_frames``), tells the model the real clip duration through ``frame_rate``, and resamples to
  exactly ``spec.frame_count`` by linear blending of the two nearest rendered frames in time.
  A 20 s clip at 24 fps (480 frames) is therefore rendered as 257 frames at about 12.9 fps.
- **Size.** Height and width must be multiples of 32. The backend scales ``spec.size`` down so its
  long side is at most ``max_side`` (LTX is trained up to 1280), rounds each side *up* to a multiple
  of 32, renders, crops the centre to the spec's aspect ratio and resizes (bilinear, antialiased) to
  ``spec.size``, so the picture is not stretched (to within a pixel). Tests pass a small ``max_side`` to render tiny frames; the
  output is still exactly ``spec.size``.
- **Audio.** These models make no sound. The track is a low room tone (pink noise at -50 dBFS RMS,
  seeded), exactly as long as the frames, and no events are placed.
- **Cameos.** The first cameo's reference face, fitted and padded to the render size, is the image
  condition (LTX keeps it as the first latent frame). Other cameos go in as text only. ``@handles``
  are replaced by neutral words, never by the handle itself, because a handle can be a real name and
  naming a person would ask the model for a likeness nobody consented to through this cameo.

It never downloads: the path must be a local directory in diffusers format (``model_index.json`` at
its root), and loading passes ``local_files_only=True``.
"""

from __future__ import annotations

import json
import math
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PIL import Image

from .base import CameoRef, ProgressCallback, RenderResult, RenderSpec
from .weights import model_identity

if TYPE_CHECKING:
    import torch

# model_index.json class names that hold the LTX-Video components (scheduler, vae, text_encoder,
# tokenizer, transformer); all three pipelines take the same ones.
LTX_PIPELINE_CLASSES = frozenset({"LTXPipeline", "LTXImageToVideoPipeline", "LTXConditionPipeline"})

# LTX's check_inputs refuses sizes that are not multiples of 32, whatever the VAE.
LTX_SIZE_MULTIPLE = 32
LTX_MAX_FRAMES = 257  # the longest clip LTX-Video 0.9.x is trained on
LTX_MAX_SIDE = 1280  # "works best on resolutions under 720 x 1280"

# The negative prompt the LTX-Video documentation uses in every example.
NEGATIVE_PROMPT = "worst quality, inconsistent motion, blurry, jittery, distorted"
STYLE_WORDS = {"realistic": "photorealistic", "cinematic": "cinematic lighting, film look", "anime": "anime style"}
ORDINALS = ("first", "second", "third", "fourth", "fifth")

ROOM_TONE_DBFS = -50.0
RESAMPLE_CHUNK = 16  # output frames resized at a time
STEP_SHARE = 0.9  # the share of progress given to denoising steps; decoding and resampling get the rest


def step_progress(progress: ProgressCallback, steps: int):
    """A diffusers callback_on_step_end that reports each denoising step as progress (STEP_SHARE of the whole)."""

    def on_step_end(pipe: Any, step: int, timestep: Any, callback_kwargs: dict[str, Any]) -> dict[str, Any]:
        progress(STEP_SHARE * (step + 1) / steps)
        return callback_kwargs

    return on_step_end


@dataclass(frozen=True)
class RenderPlan:
    """The model-native size and length chosen for one spec."""

    width: int
    height: int
    num_frames: int
    frame_rate: float  # what the model is told, so num_frames span the spec's duration


@dataclass
class LoadedPipelines:
    """A loaded model: the text-to-video pipeline and the image-to-video one sharing its modules."""

    text: Any
    image: Any | None
    device: str
    dtype: Any
    # A pipeline keeps per-call state on itself (guidance scale, timesteps): one render at a time.
    lock: threading.Lock = field(default_factory=threading.Lock)


# One load per (path, device, dtype) per process; the lock keeps two first renders from loading twice.
_LOADED: dict[tuple[str, str, str], LoadedPipelines] = {}
_LOAD_LOCK = threading.Lock()


def pick_device(device: str | None) -> str:
    """The torch device to render on: the one asked for, or cuda when torch sees a GPU for "auto"."""
    # lazy: torch (~150 MB) is loaded by render workers only
    import torch

    if device in (None, "", "auto"):
        return "cuda" if torch.cuda.is_available() else "cpu"
    return device


def resolve_dtype(torch_dtype: Any, *, device: str) -> torch.dtype:
    """The weights' dtype: as configured (a torch.dtype or its name), else bfloat16 on GPU, float32 on CPU."""
    # lazy: torch (~150 MB) is loaded by render workers only
    import torch

    if torch_dtype is None:
        return torch.bfloat16 if device.startswith("cuda") else torch.float32
    if isinstance(torch_dtype, str):
        resolved = getattr(torch, torch_dtype.removeprefix("torch."), None)
        if not isinstance(resolved, torch.dtype):
            raise ValueError(f"unknown torch dtype {torch_dtype!r}")
        return resolved
    return torch_dtype


def model_class_name(model_path: str) -> str:
    """The pipeline class named in a local diffusers directory; raises if it is not one."""
    root = Path(model_path)
    index = root / "model_index.json"
    if not root.is_dir():
        raise FileNotFoundError(
            f"diffusers model directory {model_path!r} does not exist. The diffusers backend only loads "
            "local weights and never downloads: fetch the model ahead of time (for example "
            "`hf download Lightricks/LTX-Video --local-dir PATH`) and set DIFFUSERS_MODEL_PATH to PATH."
        )
    if not index.is_file():
        raise FileNotFoundError(f"{model_path!r} has no model_index.json, so it is not a diffusers pipeline directory.")
    return str(json.loads(index.read_text())["_class_name"])


def load_pipelines(model_path: str, *, device: str, dtype: torch.dtype) -> LoadedPipelines:
    """Load the LTX pipelines from a local directory onto a device, once per process."""
    key = (str(Path(model_path).resolve()), device, str(dtype))
    with _LOAD_LOCK:
        if key in _LOADED:
            return _LOADED[key]
        class_name = model_class_name(model_path)
        if class_name not in LTX_PIPELINE_CLASSES:
            raise ValueError(
                f"{model_path!r} holds a {class_name}; the diffusers backend runs {sorted(LTX_PIPELINE_CLASSES)}"
            )
        # lazy: diffusers and transformers take seconds to import, and web processes never render.
        from diffusers import LTXImageToVideoPipeline, LTXPipeline

        text = LTXPipeline.from_pretrained(model_path, local_files_only=True, dtype=dtype)
        if device != "cpu":  # from_pretrained loads onto the CPU already
            text.to(device)
        text.set_progress_bar_config(disable=True)
        # from_pipe shares the modules (no second copy of the weights); without dtype it casts to float32.
        image = LTXImageToVideoPipeline.from_pipe(text, dtype=dtype)
        image.set_progress_bar_config(disable=True)
        loaded = LoadedPipelines(text=text, image=image, device=device, dtype=dtype)
        _LOADED[key] = loaded
        return loaded


def plan_render(
    spec: RenderSpec, *, temporal_ratio: int, max_side: int, max_frames: int, multiple: int = LTX_SIZE_MULTIPLE
) -> RenderPlan:
    """Choose a model-native size (multiples of `multiple`, long side ≤ max_side) and frame count for a spec."""
    width, height = spec.size
    scale = min(1.0, max_side / max(width, height))
    native_w = max(multiple, math.ceil(width * scale / multiple) * multiple)
    native_h = max(multiple, math.ceil(height * scale / multiple) * multiple)
    wanted = max(1, spec.frame_count)
    # The smallest temporal_ratio*k+1 that covers the clip, or the longest the model allows.
    num_frames = temporal_ratio * math.ceil((wanted - 1) / temporal_ratio) + 1
    if num_frames > max_frames:
        num_frames = temporal_ratio * ((max_frames - 1) // temporal_ratio) + 1
    frame_rate = num_frames / spec.duration_s if spec.duration_s > 0 else float(spec.fps)
    return RenderPlan(width=native_w, height=native_h, num_frames=num_frames, frame_rate=frame_rate)


def compose_prompt(spec: RenderSpec, *, image_conditioned: bool) -> str:
    """The model prompt: handles replaced by neutral words, then the style and each cameo's preferences."""
    prompt = spec.prompt
    descriptions = [_cameo_description(index, image_conditioned=image_conditioned) for index in range(len(spec.cameos))]
    # Longest handles first, so "@ann" does not eat the start of "@anna".
    for cameo, description in sorted(
        zip(spec.cameos, descriptions, strict=True), key=lambda pair: -len(pair[0].handle)
    ):
        prompt = _replace_handle(prompt, handle=cameo.handle, words=description)
    parts = [prompt.strip().rstrip(".") + "."]
    if spec.style in STYLE_WORDS:
        parts.append(STYLE_WORDS[spec.style].capitalize() + ".")
    for cameo, description in zip(spec.cameos, descriptions, strict=True):
        if cameo.preferences.strip():
            parts.append(f"{description.capitalize()} {cameo.preferences.strip().rstrip('.')}.")
    return " ".join(parts)


def _cameo_description(index: int, *, image_conditioned: bool) -> str:
    """Neutral words for the index-th cameo of a prompt."""
    if index == 0 and image_conditioned:
        return "the person from the first frame"
    ordinal = ORDINALS[index] if index < len(ORDINALS) else f"number {index + 1}"
    return f"the {ordinal} person"


def _replace_handle(prompt: str, *, handle: str, words: str) -> str:
    """Replace every "@handle" (any case, whole handle only) with words."""
    # Handles may hold inner dots: "@ann" must not match "@ann.b", but does end "with @ann."
    pattern = re.compile(rf"@{re.escape(handle)}(?!\w|\.\w)", flags=re.IGNORECASE)
    return pattern.sub(words, prompt)


def condition_image(face: np.ndarray, *, width: int, height: int) -> Image.Image:
    """A cameo's face crop fitted inside width×height and centred, padded with its own border colour."""
    crop = np.ascontiguousarray(face[..., :3], dtype=np.uint8)
    border = np.concatenate([crop[0], crop[-1], crop[:, 0], crop[:, -1]])
    fill = tuple(int(v) for v in np.median(border, axis=0))
    scale = min(width / crop.shape[1], height / crop.shape[0])
    fitted = Image.fromarray(crop).resize(
        (max(1, round(crop.shape[1] * scale)), max(1, round(crop.shape[0] * scale))), Image.Resampling.LANCZOS
    )
    canvas = Image.new("RGB", (width, height), fill)
    canvas.paste(fitted, ((width - fitted.width) // 2, (height - fitted.height) // 2))
    return canvas


def resample_frames(video: torch.Tensor, *, frame_count: int, width: int, height: int) -> np.ndarray:
    """T'×3×h×w floats in [0, 1] to frame_count×height×width×3 uint8: crop to aspect, blend in time, resize."""
    # lazy: torch (~150 MB) is loaded by render workers only
    import torch
    import torch.nn.functional as functional

    video = video.float()  # bfloat16 weights decode to bfloat16 frames
    # Crop the rendered frames to the spec's aspect ratio first (centred), so resizing never distorts
    # and no pixel is computed only to be thrown away.
    source_h, source_w = video.shape[-2:]
    if source_w * height > width * source_h:
        crop_h, crop_w = source_h, round(source_h * width / height)
    else:
        crop_h, crop_w = round(source_w * height / width), source_w
    top, left = (source_h - crop_h) // 2, (source_w - crop_w) // 2
    video = video[:, :, top : top + crop_h, left : left + crop_w]

    rendered = video.shape[0]
    # Output frame j sits at time j/fps, rendered frame i at i/frame_rate, and both sets span the clip.
    positions = (torch.arange(frame_count, dtype=torch.float64) * rendered / max(frame_count, 1)).clamp(
        max=rendered - 1
    )
    lower = positions.floor().long()
    upper = (lower + 1).clamp(max=rendered - 1)
    weights = (positions - lower).to(torch.float32)

    frames = np.empty((frame_count, height, width, 3), dtype=np.uint8)
    # A chunk at a time: 20 s of 1080p as float32 would need 12 GB at once.
    for start in range(0, frame_count, RESAMPLE_CHUNK):
        index = slice(start, start + RESAMPLE_CHUNK)
        weight = weights[index].to(video.device)[:, None, None, None]
        timed = video[lower[index].to(video.device)] * (1 - weight) + video[upper[index].to(video.device)] * weight
        if (crop_h, crop_w) != (height, width):
            timed = functional.interpolate(timed, size=(height, width), mode="bilinear", antialias=True)
        as_bytes = (timed.clamp(0, 1) * 255).round().to(torch.uint8)
        frames[index] = as_bytes.permute(0, 2, 3, 1).cpu().numpy()
    return frames


def room_tone(*, samples: int, sample_rate: int, seed: int) -> np.ndarray:
    """Seeded pink noise at ROOM_TONE_DBFS RMS: a quiet bed for a model that makes no sound."""
    if samples <= 0:
        return np.zeros(0, dtype=np.float32)
    rng = np.random.default_rng(seed)
    spectrum = np.fft.rfft(rng.standard_normal(samples))
    freqs = np.fft.rfftfreq(samples, d=1 / sample_rate)
    shaped = spectrum / np.sqrt(np.maximum(freqs, 20.0))  # 1/f power, flat below 20 Hz
    tone = np.fft.irfft(shaped, n=samples)
    rms = float(np.sqrt(np.mean(tone**2))) or 1.0
    return (tone * (10 ** (ROOM_TONE_DBFS / 20) / rms)).astype(np.float32)


class DiffusersVideoBackend:
    """LTX-Video from a local diffusers directory, with a cameo's face as the image condition."""

    name = "ltx"  # "diffusers" is the old name (generation.backends.catalog.ALIASES)

    def __init__(
        self,
        model_path: str,
        *,
        num_inference_steps: int = 30,
        torch_dtype: Any = None,
        guidance_scale: float = 3.0,
        max_side: int = LTX_MAX_SIDE,
        max_frames: int = LTX_MAX_FRAMES,
        max_sequence_length: int = 128,
    ) -> None:
        if num_inference_steps < 1:
            raise ValueError("num_inference_steps must be at least 1")
        self.model_path = model_path
        self.num_inference_steps = num_inference_steps
        self.torch_dtype = torch_dtype
        self.guidance_scale = guidance_scale
        self.max_side = max_side
        self.max_frames = max_frames
        self.max_sequence_length = max_sequence_length
        # What the last render did, for logs and tests: the pipeline class, the plan and the prompt.
        self.last_pipeline: str = ""
        self.last_plan: RenderPlan | None = None
        self.last_prompt: str = ""

    def render(self, spec: RenderSpec, device: str, progress: ProgressCallback | None = None) -> RenderResult:
        """Render a spec: frames at exactly spec.frame_count and spec.size, room-tone audio, no events."""
        # lazy: torch (~150 MB) is loaded by render workers only
        import torch

        device = pick_device(device)
        loaded = load_pipelines(self.model_path, device=device, dtype=resolve_dtype(self.torch_dtype, device=device))
        cameo = spec.cameos[0] if spec.cameos else None
        pipeline = loaded.image if cameo is not None and loaded.image is not None else loaded.text
        plan = plan_render(
            spec,
            temporal_ratio=pipeline.vae_temporal_compression_ratio,
            max_side=self.max_side,
            max_frames=self.max_frames,
        )
        prompt = compose_prompt(spec, image_conditioned=pipeline is loaded.image)
        kwargs = self._call_kwargs(spec, plan=plan, prompt=prompt, device=device, progress=progress)
        if pipeline is loaded.image:
            kwargs["image"] = condition_image(_face_of(cameo), width=plan.width, height=plan.height)
        if progress is not None:
            progress(0.0)

        # A progress callback may raise (say, consent was revoked mid-render): that ends the render here.
        with loaded.lock, torch.inference_mode():
            video = pipeline(**kwargs).frames[0]  # T'×3×h×w in [0, 1]
        frames = resample_frames(video, frame_count=spec.frame_count, width=spec.size[0], height=spec.size[1])

        self.last_pipeline, self.last_plan, self.last_prompt = type(pipeline).__name__, plan, prompt
        samples = round(spec.frame_count * spec.sample_rate / spec.fps)
        result = RenderResult(
            frames=frames,
            audio=room_tone(samples=samples, sample_rate=spec.sample_rate, seed=spec.seed),
            sample_rate=spec.sample_rate,
            fps=spec.fps,
            events=[],
            # The model moves the face freely and nothing tracks it: no boxes, so the watermark step
            # must find faces itself for this backend.
            face_boxes=[[] for _ in range(spec.frame_count)],
            model=model_identity(self.model_path),
        )
        if progress is not None:
            progress(1.0)
        return result

    def _call_kwargs(
        self, spec: RenderSpec, *, plan: RenderPlan, prompt: str, device: str, progress: ProgressCallback | None
    ) -> dict[str, Any]:
        """The keyword arguments of one LTX pipeline call."""
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
            "generator": torch.Generator(device=device).manual_seed(spec.seed),
            "max_sequence_length": self.max_sequence_length,
            # LTX-Video 0.9.1+ VAEs denoise while decoding; these are the documented values. Older VAEs
            # (no timestep_conditioning) ignore them.
            "decode_timestep": 0.05,
            "decode_noise_scale": 0.025,
            "output_type": "pt",
        }
        if progress is not None:
            kwargs["callback_on_step_end"] = step_progress(progress, steps)
        return kwargs


def _face_of(cameo: CameoRef | None) -> np.ndarray:
    """A cameo's reference face as H×W×3 (or ×4) uint8, grey made RGB; raises when there is none."""
    face = None if cameo is None else np.asarray(cameo.reference_face)
    if face is not None and face.ndim == 2:
        face = np.repeat(face[..., None], 3, axis=2)
    if face is None or face.ndim != 3 or face.shape[2] not in (3, 4) or min(face.shape[:2]) < 1:
        raise ValueError("a cameo's reference_face must be an H×W×3 image")
    return face
