"""The diffusers backend, end to end on a tiny random-weight LTX-Video saved to disk and loaded back."""

from __future__ import annotations

import string
from pathlib import Path

import numpy as np
import pytest

from generation.backends.base import CameoRef, RenderSpec
from generation.backends.diffusers_backend import (
    ROOM_TONE_DBFS,
    DiffusersVideoBackend,
    compose_prompt,
    condition_image,
    load_pipelines,
    plan_render,
    resample_frames,
    room_tone,
)
from generation.backends.tiny import save_tiny_ltx

torch = pytest.importorskip("torch")
pytest.importorskip("diffusers")
pytest.importorskip("transformers")

pytestmark = pytest.mark.usefixtures("one_torch_thread")

STEPS = 2
TINY_SIDE = 32  # renders at 32×32: 16:9 at 32×18, rounded up to LTX's multiple of 32
WORDS = (
    "a the person walks runs throws ball dog park beach in on with of at sunset red hat wears always from first frame"
)


def tiny_tokenizer():
    """A T5 (Unigram) tokenizer from a small local vocabulary: whole words, then single characters."""
    from transformers import T5Tokenizer

    pieces = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0), ("▁", -2.0)]
    pieces += [(f"▁{word}", -1.0) for word in dict.fromkeys(WORDS.split())]
    pieces += [(char, -5.0) for char in string.ascii_letters + string.digits + string.punctuation]
    return T5Tokenizer(vocab=pieces, extra_ids=0, model_max_length=128)


def tiny_text_encoder(vocab_size: int):
    """A 1-layer, 16-wide T5 encoder with random weights."""
    from transformers import T5Config, T5EncoderModel

    return T5EncoderModel(T5Config(vocab_size=vocab_size, d_model=16, d_kv=8, d_ff=32, num_layers=1, num_heads=2))


def save_narrow_ltx_091_layout(directory: Path) -> None:
    """LTX-Video 0.9.1's real layout made narrow, saved as the image-to-video class as some checkpoints are.

    The VAE keeps the library's default (full-size) structure: 128 latent channels, 4×4 patches, 32× spatial
    and 8× temporal compression and a timestep-aware decoder; only its widths shrink to 8 channels.
    """
    from diffusers import (
        AutoencoderKLLTXVideo,
        FlowMatchEulerDiscreteScheduler,
        LTXImageToVideoPipeline,
        LTXVideoTransformer3DModel,
    )

    torch.manual_seed(1)
    tokenizer = tiny_tokenizer()
    vae = AutoencoderKLLTXVideo(
        block_out_channels=(8, 8, 8, 8), decoder_block_out_channels=(8, 8, 8, 8), timestep_conditioning=True
    )
    transformer = LTXVideoTransformer3DModel(
        in_channels=128,
        out_channels=128,
        num_attention_heads=2,
        attention_head_dim=8,
        cross_attention_dim=16,
        num_layers=1,
        caption_channels=16,
    )
    LTXImageToVideoPipeline(
        transformer=transformer,
        vae=vae,
        text_encoder=tiny_text_encoder(len(tokenizer)),
        tokenizer=tokenizer,
        scheduler=FlowMatchEulerDiscreteScheduler(),
    ).save_pretrained(directory)


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> str:
    directory = tmp_path_factory.mktemp("tiny-ltx")
    save_tiny_ltx(directory)
    return str(directory)


def spec_with(*faces: np.ndarray, seed: int = 7) -> RenderSpec:
    """A half-second 360p 16:9 spec casting one cameo per face."""
    cameos = tuple(
        CameoRef(
            handle=f"cameo{index}", reference_face=face, preferences="always wears a red hat" if index == 0 else ""
        )
        for index, face in enumerate(faces)
    )
    mentions = " and ".join(f"@cameo{index}" for index in range(len(faces))) or "a person"
    return RenderSpec(
        prompt=f"{mentions} throws a ball in the park",
        duration_s=0.5,
        resolution="360p",
        aspect_ratio="16:9",
        seed=seed,
        cameos=cameos,
    )


def test_renders_a_cameo_through_the_image_to_video_pipeline(tiny_model, obama_face, biden_face, no_network):
    backend = DiffusersVideoBackend(tiny_model, num_inference_steps=STEPS, max_side=TINY_SIDE)
    spec = spec_with(obama_face)
    seen: list[float] = []

    # When it renders a spec that casts a cameo
    result = backend.render(spec, "cpu", seen.append)

    # Then the face went in as the image condition and the prompt names no handle
    assert backend.last_pipeline == "LTXImageToVideoPipeline"
    assert "@cameo0" not in backend.last_prompt and "red hat" in backend.last_prompt
    # and the model ran at its native size and length (8k+1 / 4k+1 frames, multiples of 32)...
    assert backend.last_plan is not None
    assert (backend.last_plan.width, backend.last_plan.height, backend.last_plan.num_frames) == (32, 32, 13)
    # ...but the result is exactly what the spec asked for
    assert spec.frame_count == 12 and spec.size == (640, 360)
    assert result.frames.shape == (12, 360, 640, 3)
    assert result.frames.dtype == np.uint8
    assert result.frames.std() > 1.0  # a decoded video, not a blank canvas
    assert result.fps == 24 and result.sample_rate == 48_000
    assert result.audio.dtype == np.float32 and result.audio.shape == (24_000,)
    assert result.events == []
    # Progress came from the step callback, once per step, rising to 1
    assert seen == sorted(seen) and seen[0] == 0.0 and seen[-1] == 1.0
    assert len(seen) == STEPS + 2

    # Same seed, same video; another seed, another video
    again = backend.render(spec, "cpu")
    assert np.array_equal(again.frames, result.frames)
    assert np.array_equal(again.audio, result.audio)
    reseeded = backend.render(spec_with(obama_face, seed=8), "cpu")
    assert not np.array_equal(reseeded.frames, result.frames)

    # The condition image reaches the output: another face changes it, no cameo uses text-to-video
    other_face = backend.render(spec_with(biden_face), "cpu")
    assert np.abs(other_face.frames.astype(int) - result.frames.astype(int)).mean() > 0.5
    text_only = backend.render(spec_with(), "cpu")
    assert backend.last_pipeline == "LTXPipeline"
    assert text_only.frames.shape == (12, 360, 640, 3)
    assert not np.array_equal(text_only.frames, result.frames)


def test_the_full_models_latent_layout_renders_through_the_same_code(tmp_path, obama_face, no_network):
    # Given a checkpoint with LTX-Video 0.9.1's VAE layout (8× in time, 32× in space, decode timestep)
    save_narrow_ltx_091_layout(tmp_path)
    backend = DiffusersVideoBackend(str(tmp_path), num_inference_steps=STEPS, max_side=TINY_SIDE)
    spec = RenderSpec(
        prompt="@cameo0 walks on the beach",
        duration_s=1.0,
        resolution="360p",
        aspect_ratio="9:16",
        seed=3,
        cameos=(CameoRef(handle="cameo0", reference_face=obama_face),),
    )

    # When it renders a second in portrait with a cameo, then a square one without
    with_cameo = backend.render(spec, "auto")
    assert backend.last_pipeline == "LTXImageToVideoPipeline"
    text_only = backend.render(
        RenderSpec(prompt="waves on the beach", duration_s=1.0, resolution="360p", aspect_ratio="1:1"), "auto"
    )
    assert backend.last_pipeline == "LTXPipeline"

    # Then the model ran 25 = 8·3+1 frames and both videos come out at exactly the spec's shape
    assert backend.last_plan is not None and backend.last_plan.num_frames == 25
    assert with_cameo.frames.shape == (24, 640, 360, 3)
    assert text_only.frames.shape == (24, 360, 360, 3)


def test_a_progress_callback_that_raises_stops_the_render(tiny_model, obama_face):
    # Given a task that learns mid-render that consent was revoked and raises from its progress callback
    class ConsentRevoked(Exception):
        pass

    steps_seen: list[float] = []

    def revoke_after_first_step(fraction: float) -> None:
        steps_seen.append(fraction)
        if fraction > 0:
            raise ConsentRevoked

    backend = DiffusersVideoBackend(tiny_model, num_inference_steps=4, max_side=TINY_SIDE)
    # Then the exception ends the render after that step, and nothing is returned
    with pytest.raises(ConsentRevoked):
        backend.render(spec_with(obama_face), "cpu", revoke_after_first_step)
    assert steps_seen == [0.0, pytest.approx(0.9 / 4)]


def test_loads_once_per_process(tiny_model):
    import torch as torch_module

    first = load_pipelines(tiny_model, device="cpu", dtype=torch_module.float32)
    assert load_pipelines(tiny_model, device="cpu", dtype=torch_module.float32) is first
    # The image pipeline shares the text pipeline's weights rather than holding a copy
    assert first.image.transformer is first.text.transformer
    assert first.image.vae is first.text.vae


@pytest.mark.parametrize("path", ["/nonexistent/ltx-video", "Lightricks/LTX-Video"])
def test_a_missing_model_path_is_a_clear_error_not_a_download(path, no_network):
    backend = DiffusersVideoBackend(path, num_inference_steps=STEPS)
    with pytest.raises(FileNotFoundError, match="never downloads"):
        backend.render(spec_with(), "cpu")


def test_a_directory_that_is_not_a_pipeline_is_refused(tmp_path, no_network):
    (tmp_path / "weights.safetensors").write_bytes(b"")
    with pytest.raises(FileNotFoundError, match="model_index.json"):
        DiffusersVideoBackend(str(tmp_path)).render(spec_with(), "cpu")


def test_another_pipeline_class_is_refused(tmp_path, no_network):
    (tmp_path / "model_index.json").write_text('{"_class_name": "StableDiffusionPipeline"}')
    with pytest.raises(ValueError, match="StableDiffusionPipeline"):
        DiffusersVideoBackend(str(tmp_path)).render(spec_with(), "cpu")


def test_long_and_large_specs_are_planned_within_the_models_limits():
    spec = RenderSpec(prompt="x", duration_s=20, resolution="1080p", aspect_ratio="16:9")
    plan = plan_render(spec, temporal_ratio=8, max_side=1280, max_frames=257)
    # 1920×1080 scaled to 1280×720, rounded up to multiples of 32; 480 frames capped at 257 = 8·32+1
    assert (plan.width, plan.height, plan.num_frames) == (1280, 736, 257)
    assert plan.frame_rate == pytest.approx(257 / 20)

    short = plan_render(
        RenderSpec(prompt="x", duration_s=2, resolution="720p", aspect_ratio="9:16"),
        temporal_ratio=8,
        max_side=1280,
        max_frames=257,
    )
    # 48 frames need 49 = 8·6+1; 720×1280 fits as it is
    assert (short.width, short.height, short.num_frames) == (736, 1280, 49)


def test_resampling_blends_in_time_and_crops_without_distortion():
    # Rendered frames of constant grey levels 0, 0.5, 1 over the clip, 2× longer output
    video = torch.stack([torch.full((3, 8, 16), level) for level in (0.0, 0.5, 1.0)])
    frames = resample_frames(video, frame_count=6, width=16, height=8)
    assert frames.shape == (6, 8, 16, 3) and frames.dtype == np.uint8
    # Output frame j sits at rendered position j·3/6: 0, 0.5, 1, 1.5, 2, 2 (clamped)
    assert [int(frame[0, 0, 0]) for frame in frames] == [0, 64, 128, 191, 255, 255]

    # A left-half-black, right-half-white 64×64 frame made 32×8 (crop to 64×16, halve) keeps the edge centred
    split = torch.zeros((1, 3, 64, 64))
    split[..., 32:] = 1.0
    cropped = resample_frames(split, frame_count=1, width=32, height=8)[0]
    assert cropped.shape == (8, 32, 3)
    assert cropped[:, :15].max() == 0 and cropped[:, 17:].min() == 255


def test_condition_image_fits_the_face_and_pads_with_its_border(obama_face):
    image = np.asarray(condition_image(obama_face, width=128, height=64))
    assert image.shape == (64, 128, 3)
    # The face is fitted to the full height and centred: padding left and right, face in the middle
    scale = 64 / obama_face.shape[0]
    face_width = round(obama_face.shape[1] * scale)
    assert face_width < 128
    middle = image[:, 64 - face_width // 4 : 64 + face_width // 4]
    assert middle.std() > 10  # the face's detail, not flat padding
    for edge in (image[:, :2], image[:, -2:]):
        assert edge.reshape(-1, 3).std(axis=0).max() < 1


def test_prompt_replaces_handles_and_appends_style_and_preferences():
    face = np.zeros((4, 4, 3), dtype=np.uint8)
    spec = RenderSpec(
        prompt="@ann and @ann.b dance with @Ann.",
        duration_s=1,
        style="cinematic",
        cameos=(
            CameoRef(handle="ann", reference_face=face, preferences="always wears a red hat"),
            CameoRef(handle="ann.b", reference_face=face),
        ),
    )
    prompt = compose_prompt(spec, image_conditioned=True)
    assert prompt == (
        "the person from the first frame and the second person dance with the person from the first frame. "
        "Cinematic lighting, film look. The person from the first frame always wears a red hat."
    )
    assert "ann" not in compose_prompt(spec, image_conditioned=False).lower()


def test_room_tone_is_quiet_seeded_and_the_right_length():
    tone = room_tone(samples=48_000, sample_rate=48_000, seed=3)
    assert tone.dtype == np.float32 and tone.shape == (48_000,)
    rms_db = 20 * np.log10(np.sqrt(np.mean(tone.astype(np.float64) ** 2)))
    assert rms_db == pytest.approx(ROOM_TONE_DBFS, abs=0.1)
    assert np.abs(tone).max() < 0.05
    assert np.array_equal(tone, room_tone(samples=48_000, sample_rate=48_000, seed=3))
    assert not np.array_equal(tone, room_tone(samples=48_000, sample_rate=48_000, seed=4))
