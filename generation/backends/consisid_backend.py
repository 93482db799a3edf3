"""ConsisID through diffusers: the cameo's identity kept through the whole clip, not only its first frame.

Why ConsisID: LTX-Video and LTX-2 only see a cameo as the first frame, and the face drifts as the clip moves
on. ConsisID (a CogVideoX-5B image-to-video model with identity modules) injects a face embedding into the
transformer at every block interval of every denoising step: a local facial extractor turns an identity vector
(``id_cond``) and a vision transformer's hidden states of the face (``id_vit_hidden``) into tokens that every
video token cross-attends to. The face therefore conditions every frame. diffusers ships ``ConsisIDPipeline``.

Its face features come from two encoders (``CONSISID_FACE_ENCODER``):

- ``consisid`` (the default): the model's own. diffusers' ``consisid_utils`` runs insightface (antelopev2:
  detection and a 512-d ArcFace embedding), facexlib (alignment and face parsing) and EVA02-CLIP-L (a 768-d
  embedding and five hidden states), from the ``face_encoder/`` folder that ships inside the ConsisID weights
  folder. It needs the ``insightface``, ``facexlib`` and ``consisid_eva_clip`` packages (and onnxruntime), which
  this project does not install: they and their face models are only useful next to the full weights on a GPU
  host. Without them the worker refuses to start (ImproperlyConfigured), naming what is missing.
- ``face_recognition``: our own. ``id_cond`` is the cameo's 128-d dlib face encoding (the one verification
  stores), repeated to the model's identity width; ``id_vit_hidden`` is the reference crop cut into a 24x24 grid
  of 14-pixel patches (EVA02-CLIP-L/14-336's layout, 577 tokens with the class token), each patch's normalised
  pixels projected to the model's width by a fixed seeded random projection, one projection per scale. It runs
  the real pipeline, end to end, and the face drives every frame; but the full ConsisID weights were trained on
  ArcFace and EVA-CLIP features, not on these, so with them it does not preserve identity the way the paper
  shows. An adapter trained to map dlib encodings into that space would fix it; none exists yet. The tests use
  this encoder with tiny random-weight models (the face models of ``consisid`` cannot be made offline).

ConsisID renders one native size and length, read from the weights' config (720x480, 49 frames, for the
released checkpoint: about 6 s at its 8 fps). The backend renders exactly that, crops to the spec's aspect
ratio, scales to the spec's size and blends frames in time to the spec's count (as the LTX-Video backend does).
The catalog refuses, at submit, what it cannot do well: portrait, over 480p, over 6 s, and no person cast.
Audio is a seeded room tone: ConsisID makes no sound.
"""

from __future__ import annotations

import importlib.util
import json
import threading
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from django.core.exceptions import ImproperlyConfigured
from PIL import Image

from sora_social.pillow_settings import refuse_truncated_images

from .base import CameoRef, ProgressCallback, RenderResult, RenderSpec
from .diffusers_backend import (
    NEGATIVE_PROMPT,
    compose_prompt,
    condition_image,
    pick_device,
    resample_frames,
    room_tone,
    step_progress,
)
from .memory import MemoryLevers, place_on_device, prepare_modules
from .weights import ModelIdentity, model_identity, weights_folder_check

if TYPE_CHECKING:
    import torch

CONSISID_PIPELINE_CLASSES = frozenset({"ConsisIDPipeline"})
FACE_ENCODERS = ("consisid", "face_recognition")
CONSISID_FACE_PACKAGES = ("insightface", "facexlib", "consisid_eva_clip")
VIT_GRID = 24  # EVA02-CLIP-L/14 at 336 px: 24x24 patches
VIT_PATCH = 14
CLIP_MEAN = np.array([0.48145466, 0.4578275, 0.40821073], dtype=np.float32)
CLIP_STD = np.array([0.26862954, 0.26130258, 0.27577711], dtype=np.float32)


@dataclass(frozen=True)
class ConsisIDShape:
    """What the weights folder's configs say the model renders and expects as face features."""

    width: int
    height: int
    num_frames: int
    id_dim: int
    vit_dim: int
    num_scales: int
    max_text_length: int
    uses_keypoints: bool

    @classmethod
    def read(cls, model_path: str) -> ConsisIDShape:
        root = Path(model_path)
        transformer = json.loads((root / "transformer" / "config.json").read_text())
        vae = json.loads((root / "vae" / "config.json").read_text())
        spatial = 2 ** (len(vae.get("block_out_channels", (0, 0, 0, 0))) - 1)
        return cls(
            width=int(transformer.get("sample_width", 90)) * spatial,
            height=int(transformer.get("sample_height", 60)) * spatial,
            num_frames=int(transformer.get("sample_frames", 49)),
            id_dim=int(transformer.get("LFE_id_dim", 1280)),
            vit_dim=int(transformer.get("LFE_vit_dim", 1024)),
            num_scales=int(transformer.get("LFE_num_scale", 5)),
            max_text_length=int(transformer.get("max_text_seq_length", 226)),
            uses_keypoints=bool(transformer.get("is_kps", False)),
        )


@dataclass
class FaceFeatures:
    """A cameo's face as ConsisID takes it: the identity vector, the ViT hidden states, the first frame."""

    id_cond: Any  # 1×id_dim tensor
    id_vit_hidden: list[Any]  # num_scales × (1×tokens×vit_dim) tensors
    image: Image.Image
    keypoints: Any = None


def dlib_face_encoding(face: np.ndarray) -> np.ndarray:
    """The 128-d face_recognition encoding of the largest face in a crop (the whole crop when none is found)."""
    # lazy: face_recognition loads dlib and its models (1.8 s); only render workers need it.
    import face_recognition

    refuse_truncated_images()  # its import lets Pillow take truncated images, in the whole process
    crop = np.ascontiguousarray(face[..., :3], dtype=np.uint8)
    boxes = face_recognition.face_locations(crop) or face_recognition.face_locations(crop, number_of_times_to_upsample=2)
    if boxes:
        box = max(boxes, key=lambda b: (b[2] - b[0]) * (b[1] - b[3]))
    else:  # a verified crop is a face: let the landmark model fit the whole crop
        box = (0, crop.shape[1] - 1, crop.shape[0] - 1, 0)
    return np.asarray(face_recognition.face_encodings(crop, known_face_locations=[box])[0], dtype=np.float32)


def patch_tokens(face: np.ndarray, *, vit_dim: int, scale: int) -> np.ndarray:
    """The crop as EVA-CLIP-L/14-336's token layout (a class token, then 24x24 patches), each patch's normalised
    pixels projected to vit_dim by a projection fixed by `scale` (the same in every process)."""
    side = VIT_GRID * VIT_PATCH
    pixels = np.asarray(Image.fromarray(np.ascontiguousarray(face[..., :3])).resize((side, side), Image.Resampling.BICUBIC))
    normalised = (pixels.astype(np.float32) / 255.0 - CLIP_MEAN) / CLIP_STD
    patches = normalised.reshape(VIT_GRID, VIT_PATCH, VIT_GRID, VIT_PATCH, 3).transpose(0, 2, 1, 3, 4)
    patches = patches.reshape(VIT_GRID * VIT_GRID, VIT_PATCH * VIT_PATCH * 3)
    projection = np.random.default_rng(zlib.crc32(f"consisid-vit-{scale}".encode())).standard_normal(
        (patches.shape[1], vit_dim)
    ).astype(np.float32) / np.sqrt(patches.shape[1])
    tokens = patches @ projection
    return np.concatenate([tokens.mean(axis=0, keepdims=True), tokens]).astype(np.float32)


class FaceRecognitionEncoder:
    """Our own face features (dlib encoding and the crop's pixels) in ConsisID's shapes; see the module docstring."""

    name = "face_recognition"

    def __init__(self, shape: ConsisIDShape) -> None:
        self.shape = shape

    def encode(self, cameo: CameoRef, *, device: str, dtype: torch.dtype) -> FaceFeatures:
        # lazy: torch (~150 MB) is loaded by render workers only
        import torch

        face = np.asarray(cameo.reference_face)[..., :3]
        encoding = dlib_face_encoding(face)
        id_cond = np.resize(encoding, self.shape.id_dim)[None, :]
        hidden = [
            torch.from_numpy(patch_tokens(face, vit_dim=self.shape.vit_dim, scale=scale)[None]).to(device, dtype)
            for scale in range(self.shape.num_scales)
        ]
        image = condition_image(face, width=self.shape.width, height=self.shape.height)
        return FaceFeatures(id_cond=torch.from_numpy(id_cond).to(device, dtype), id_vit_hidden=hidden, image=image)


class ConsisIDFaceModelsEncoder:
    """ConsisID's own face features: insightface, facexlib and EVA-CLIP from the weights' face_encoder/ folder."""

    name = "consisid"

    def __init__(self, model_path: str) -> None:
        missing = [package for package in CONSISID_FACE_PACKAGES if importlib.util.find_spec(package) is None]
        if missing:
            raise ImproperlyConfigured(
                f"CONSISID_FACE_ENCODER=consisid needs the packages {', '.join(missing)} (with onnxruntime) on the "
                "GPU host, for ConsisID's own face models. Install them there, or set "
                "CONSISID_FACE_ENCODER=face_recognition to use our dlib encodings (identity is then not preserved "
                "as well by the released weights; README, Rendering backends)."
            )
        if not (Path(model_path) / "face_encoder").is_dir():
            raise ImproperlyConfigured(f"{model_path!r} has no face_encoder/ folder (ConsisID's face models).")
        self.model_path = model_path
        self._models: tuple | None = None
        self._lock = threading.Lock()

    def encode(self, cameo: CameoRef, *, device: str, dtype: torch.dtype) -> FaceFeatures:
        # lazy: consisid_utils imports insightface, facexlib and EVA-CLIP (seconds, GPU hosts only).
        from diffusers.pipelines.consisid.consisid_utils import prepare_face_models, process_face_embeddings_infer

        with self._lock:
            if self._models is None:
                self._models = prepare_face_models(self.model_path, device=device, dtype=dtype)
        helper_1, helper_2, clip_model, main_model, mean, std = self._models
        face = np.ascontiguousarray(np.asarray(cameo.reference_face)[..., :3], dtype=np.uint8)
        id_cond, id_vit_hidden, image, keypoints = process_face_embeddings_infer(
            helper_1, clip_model, helper_2, mean, std, main_model, device, dtype, face, is_align_face=True
        )
        return FaceFeatures(id_cond=id_cond, id_vit_hidden=id_vit_hidden, image=image, keypoints=keypoints)


@dataclass
class LoadedConsisID:
    pipeline: Any
    device: str
    dtype: Any
    applied: list[str]
    lock: threading.Lock = field(default_factory=threading.Lock)


_LOADED: dict[tuple[str, str, str], LoadedConsisID] = {}
_LOAD_LOCK = threading.Lock()


def load_consisid(model_path: str, *, device: str, levers: MemoryLevers) -> LoadedConsisID:
    """Load ConsisID from a local folder onto a device, once per process."""
    dtype = levers.compute_dtype(device)
    key = (model_path, device, repr(levers))
    with _LOAD_LOCK:
        if key not in _LOADED:
            # lazy: diffusers and transformers take seconds to import, and web processes never render.
            from diffusers import ConsisIDPipeline

            pipeline = ConsisIDPipeline.from_pretrained(model_path, local_files_only=True, dtype=dtype)
            pipeline.set_progress_bar_config(disable=True)
            applied = prepare_modules(pipeline, levers=levers, dtype=dtype)
            applied.append(place_on_device(pipeline, device=device, levers=levers))
            _LOADED[key] = LoadedConsisID(pipeline=pipeline, device=device, dtype=dtype, applied=applied)
        return _LOADED[key]


class ConsisIDBackend:
    """ConsisID from a local diffusers folder: the first person cast drives identity in every frame."""

    name = "consisid"

    def __init__(
        self,
        model_path: str,
        *,
        face_encoder: str = "consisid",
        num_inference_steps: int = 50,
        guidance_scale: float = 6.0,
        use_dynamic_cfg: bool = False,
        levers: MemoryLevers | None = None,
        setting: str = "CONSISID_MODEL_PATH",
    ) -> None:
        if num_inference_steps < 1:
            raise ValueError("num_inference_steps must be at least 1")
        weights_folder_check(model_path, backend=self.name, accepted=CONSISID_PIPELINE_CLASSES, setting=setting)
        if face_encoder not in FACE_ENCODERS:
            raise ImproperlyConfigured(f"CONSISID_FACE_ENCODER is one of {', '.join(FACE_ENCODERS)}, not {face_encoder!r}.")
        self.model_path = model_path
        self.model: ModelIdentity = model_identity(model_path)
        self.shape = ConsisIDShape.read(model_path)
        self.encoder = (
            ConsisIDFaceModelsEncoder(model_path) if face_encoder == "consisid" else FaceRecognitionEncoder(self.shape)
        )
        self.num_inference_steps = num_inference_steps
        self.guidance_scale = guidance_scale
        self.use_dynamic_cfg = use_dynamic_cfg
        self.levers = levers or MemoryLevers(cpu_offload="none")
        self.levers.check()
        # What the last render was asked, for logs and tests. Not its face features: a worker kept the last cameo's
        # face embedding on the backend until its next render, past the cameo's deletion (round on account deletion).
        self.last_prompt = ""

    def render(self, spec: RenderSpec, device: str, progress: ProgressCallback | None = None) -> RenderResult:
        """Render a spec at the model's native size and length, then fit it to exactly the spec."""
        # lazy: torch (~150 MB) is loaded by render workers only
        import torch

        person = next((cameo for cameo in spec.cameos if cameo.is_person), None)
        if person is None:
            raise ValueError("ConsisID renders a person: the spec casts none (submit refuses this)")
        device = pick_device(device)
        loaded = load_consisid(self.model_path, device=device, levers=self.levers)
        # The person whose face drives identity goes first, so the prompt calls them "the person from the first frame".
        ordered = (person, *(cameo for cameo in spec.cameos if cameo is not person))
        prompt = compose_prompt(
            RenderSpec(prompt=spec.prompt, duration_s=spec.duration_s, style=spec.style, cameos=ordered),
            image_conditioned=True,
        )
        features = self.encoder.encode(person, device=device, dtype=loaded.dtype)
        steps = self.num_inference_steps
        kwargs: dict[str, Any] = {
            "image": features.image,
            "prompt": prompt,
            "negative_prompt": NEGATIVE_PROMPT,
            "height": self.shape.height,
            "width": self.shape.width,
            "num_frames": self.shape.num_frames,
            "num_inference_steps": steps,
            "guidance_scale": self.guidance_scale,
            "use_dynamic_cfg": self.use_dynamic_cfg,
            "generator": torch.Generator(device="cpu").manual_seed(spec.seed),
            "max_sequence_length": self.shape.max_text_length,
            "id_cond": features.id_cond,
            "id_vit_hidden": features.id_vit_hidden,
            "kps_cond": features.keypoints if self.shape.uses_keypoints else None,
            "output_type": "pt",
        }
        if progress is not None:
            kwargs["callback_on_step_end"] = step_progress(progress, steps)
            progress(0.0)
        with loaded.lock, torch.inference_mode():
            video = loaded.pipeline(**kwargs).frames[0]  # T×3×h×w in [0, 1]
        frames = resample_frames(video, frame_count=spec.frame_count, width=spec.size[0], height=spec.size[1])
        self.last_prompt = prompt
        samples = round(spec.frame_count * spec.sample_rate / spec.fps)
        result = RenderResult(
            frames=frames,
            audio=room_tone(samples=samples, sample_rate=spec.sample_rate, seed=spec.seed),
            sample_rate=spec.sample_rate,
            fps=spec.fps,
            events=[],
            face_boxes=[[] for _ in range(spec.frame_count)],  # the watermark step finds the faces itself
            model=self.model,
        )
        if progress is not None:
            progress(1.0)
        return result
