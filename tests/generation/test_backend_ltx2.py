"""The LTX-2 backend on a tiny random-weight LTX-2 saved to disk and loaded back: picture and sound in one pass.

Nothing is downloaded: generation.backends.tiny builds the model here (a Gemma 3 text encoder, the connectors, an
audio-video transformer, both VAEs and a vocoder, each a few channels wide) and save_pretrained writes it to a
temporary folder, which the backend loads like any weights folder.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import av
import numpy as np
import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from generation.backends import forget_backends
from generation.backends.base import CameoRef, RenderSpec
from generation.backends.diffusers_backend import condition_image, room_tone
from generation.backends.ltx2_backend import (
    LTX2Backend,
    compose_ltx2_prompt,
    load_ltx2,
    model_audio_track,
    split_dialogue,
)
from generation.backends.memory import MemoryLevers
from generation.backends.tiny import save_tiny_ltx2

torch = pytest.importorskip("torch")
pytest.importorskip("diffusers")

pytestmark = pytest.mark.usefixtures("one_torch_thread")

STEPS = 2
TINY_SIDE = 32
HUB_NAME = "Lightricks/LTX-2"
REVISION = "47da56e2ad66b2a4bd2b1c3fd2e2c9e3c8f0a1b2"


@pytest.fixture(scope="module")
def tiny_ltx2(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(save_tiny_ltx2(tmp_path_factory.mktemp("tiny-ltx2"), name=HUB_NAME, revision=REVISION))


def spoken(face: np.ndarray | None, *, line: str = "hello there", seed: int = 3) -> RenderSpec:
    cameos = (CameoRef(handle="star", reference_face=face, voice_pitch_hz=120.0),) if face is not None else ()
    who = "@star" if face is not None else "a man"
    return RenderSpec(
        prompt=f'{who} says "{line}" in the park', duration_s=0.5, resolution="360p", seed=seed, cameos=cameos
    )


def backend_for(path: str) -> LTX2Backend:
    return LTX2Backend(path, num_inference_steps=STEPS, max_side=TINY_SIDE, max_sequence_length=256)


def test_frames_and_the_audio_track_come_from_the_model(tiny_ltx2, obama_face, no_network):
    backend = backend_for(tiny_ltx2)
    loaded = load_ltx2(tiny_ltx2, device="cpu", levers=backend.levers)
    waveforms: list = []
    hook = loaded.image.vocoder.register_forward_hook(lambda module, args, output: waveforms.append(output.clone()))
    seen: list[float] = []
    spec = spoken(obama_face)
    try:
        # When LTX-2 renders a spec that casts a cameo and has a line of dialogue
        result = backend.render(spec, "cpu", seen.append)
    finally:
        hook.remove()

    # Then the image-to-video pipeline ran at a native size and length, and the result is exactly the spec
    assert backend.last_pipeline == "LTX2ImageToVideoPipeline"
    assert backend.last_plan is not None and backend.last_plan.num_frames % 2 == 1  # the tiny VAE's 2k+1
    assert result.frames.shape == (12, 360, 640, 3) and result.frames.dtype == np.uint8
    assert result.frames.std() > 1.0
    assert result.audio.dtype == np.float32 and result.audio.shape == (24_000,) and result.sample_rate == 48_000
    # The audio track is the vocoder's waveform (24 kHz stereo), downmixed and resampled to 48 kHz
    assert len(waveforms) == 1 and waveforms[0].shape[1] == 2
    rate = loaded.image.vocoder.config.output_sampling_rate
    assert np.array_equal(result.audio, model_audio_track(waveforms[0][0], source_rate=rate, sample_rate=48_000, samples=24_000))
    assert not np.allclose(result.audio, room_tone(samples=24_000, sample_rate=48_000, seed=spec.seed))
    # Progress came from the denoising steps: 0, each step, 1
    assert seen == sorted(seen) and seen[0] == 0.0 and seen[-1] == 1.0 and len(seen) == STEPS + 2
    # The manifest will name the model and its version from the weights folder
    assert result.model is not None
    assert result.model.software_agent() == {"name": f"{HUB_NAME} (LTX2Pipeline)", "version": REVISION}

    # The same seed and prompt give the same sound; another seed or another line gives another sound
    again = backend.render(spec, "cpu")
    assert np.array_equal(again.audio, result.audio) and np.array_equal(again.frames, result.frames)
    reseeded = backend.render(replace(spec, seed=4), "cpu").audio
    other_line = backend.render(spoken(obama_face, line="goodbye now"), "cpu").audio
    for other in (reseeded, other_line):
        assert not np.array_equal(other, result.audio)
        assert np.abs(other - result.audio).mean() > 1e-4 * np.abs(result.audio).mean()


def test_the_cameos_face_is_the_image_condition(tiny_ltx2, obama_face, biden_face, monkeypatch, no_network):
    from diffusers import LTX2ImageToVideoPipeline

    conditions: list = []
    original = LTX2ImageToVideoPipeline.prepare_latents

    def spy(self, image, *args, **kwargs):
        conditions.append(image.detach().clone())
        return original(self, image, *args, **kwargs)

    monkeypatch.setattr(LTX2ImageToVideoPipeline, "prepare_latents", spy)
    backend = backend_for(tiny_ltx2)

    # When the same spec is rendered with two different faces
    with_obama = backend.render(spoken(obama_face), "cpu")
    plan = backend.last_plan
    with_biden = backend.render(spoken(biden_face), "cpu")

    # Then each face, fitted to the frame, is the tensor the pipeline encodes as the first latent frame
    assert len(conditions) == 2
    for condition, face in ((conditions[0], obama_face), (conditions[1], biden_face)):
        expected = np.asarray(condition_image(face, width=plan.width, height=plan.height), dtype=np.float32)
        got = (condition[0].permute(1, 2, 0).numpy() + 1) * 127.5  # the pipeline's [-1, 1] back to pixels
        assert got.shape == expected.shape
        # within the H.264 re-compression LTX-2 applies to its condition image (CRF 33)
        assert np.abs(got - expected).mean() < 12
    assert (conditions[0] - conditions[1]).abs().mean().item() > 0.1
    # and the face changes the video
    assert np.abs(with_obama.frames.astype(int) - with_biden.frames.astype(int)).mean() > 0.5
    assert backend.last_call["image"] == ("size", (plan.width, plan.height))  # the size only: no face kept


def test_without_a_cameo_it_renders_text_to_video_with_sound(tiny_ltx2, no_network):
    backend = backend_for(tiny_ltx2)
    result = backend.render(spoken(None), "cpu")
    assert backend.last_pipeline == "LTX2Pipeline"
    assert "image" not in backend.last_call
    assert result.frames.shape == (12, 360, 640, 3)
    assert np.abs(result.audio).max() > 0


def test_quoted_dialogue_becomes_ltx2_spoken_lines():
    face = np.zeros((4, 4, 3), dtype=np.uint8)
    spec = RenderSpec(
        prompt='@ann.b waves at @bo, then @bo shouts "watch out!" and "over here?" The crowd cheers.',
        duration_s=2,
        style="cinematic",
        cameos=(CameoRef(handle="ann.b", reference_face=face, voice_pitch_hz=230.0), CameoRef(handle="bo", reference_face=face)),
    )
    scene, lines = split_dialogue(spec.prompt, ("ann.b", "bo"))
    assert [(line.handle, line.text, line.manner) for line in lines] == [
        ("bo", "watch out!", "shouting"),
        ("bo", "over here?", "asking"),  # no speaker named: the last one mentioned
    ]
    assert '"' not in scene
    prompt = compose_ltx2_prompt(spec, image_conditioned=True)
    assert prompt.endswith(
        'The second person (low voice, shouting): "watch out!" The second person (low voice, asking): "over here?"'
    )
    assert prompt.startswith("the person from the first frame waves at the second person")
    assert "Cinematic lighting" in prompt and "@" not in prompt and "ann" not in prompt.lower()
    # A line with nobody cast is still spoken, by a neutral "person"
    uncast = compose_ltx2_prompt(RenderSpec(prompt='A radio says "good morning"', duration_s=1), image_conditioned=False)
    assert uncast.endswith('A person (clear voice, speaking): "good morning"')


def test_memory_levers_apply_on_the_cpu(tmp_path, obama_face, no_network):
    # Given VAE tiling and an 8-bit transformer (offload is for a GPU and is skipped on the CPU)
    path = str(save_tiny_ltx2(tmp_path / "levers", seed=1))
    levers = MemoryLevers(cpu_offload="model", vae_tiling=True, transformer_storage_dtype="float8_e4m3fn")
    backend = LTX2Backend(path, num_inference_steps=STEPS, max_side=TINY_SIDE, max_sequence_length=256, levers=levers)
    result = backend.render(spoken(obama_face), "cpu")
    loaded = load_ltx2(path, device="cpu", levers=levers)
    assert loaded.applied == ["transformer_storage:float8_e4m3fn", "vae_tiling"]
    assert loaded.text.vae.use_tiling
    weight = next(p for n, p in loaded.text.transformer.named_parameters() if n.endswith("to_q.weight"))
    assert weight.dtype == torch.float8_e4m3fn
    assert result.frames.shape == (12, 360, 640, 3) and np.abs(result.audio).max() > 0


def test_a_bad_lever_is_refused_at_build(tiny_ltx2):
    with pytest.raises(ImproperlyConfigured, match="RENDER_CPU_OFFLOAD"):
        LTX2Backend(tiny_ltx2, levers=MemoryLevers(cpu_offload="always"))


@pytest.mark.parametrize("path", ["/nonexistent/ltx-2", "Lightricks/LTX-2", ""])
def test_a_missing_weights_folder_is_a_start_up_error_not_a_download(path, no_network):
    with pytest.raises(ImproperlyConfigured, match="LTX2_MODEL_PATH|never downloaded"):
        LTX2Backend(path)


def test_a_folder_of_another_model_is_refused(tmp_path):
    (tmp_path / "model_index.json").write_text('{"_class_name": "LTXPipeline"}')
    with pytest.raises(ImproperlyConfigured, match="LTXPipeline"):
        LTX2Backend(str(tmp_path))


@pytest.mark.django_db
def test_a_job_renders_end_to_end_with_ltx2(
    tiny_ltx2, settings, make_user, make_face_cameo, client_for, django_capture_on_commit_callbacks, no_network
):
    # Given a deployment offering LTX-2 from a local weights folder, and a person's cameo
    settings.RENDER_BACKENDS = ["ltx2"]
    settings.LTX2_MODEL_PATH = tiny_ltx2
    settings.LTX2_STEPS = STEPS
    settings.LTX2_MAX_SEQUENCE_LENGTH = 256
    settings.RENDER_MAX_SIDE = TINY_SIDE
    forget_backends()
    owner, creator = make_user("owner"), make_user("creator")
    make_face_cameo(owner, handle="star_one", level="everyone")

    # When a generation asks for ltx2 and the worker runs it (eagerly, through the whole pipeline)
    body = {
        "prompt": '@star_one waves in the park and says "hello there"',
        "duration_s": 1,
        "resolution": "360p",
        "aspect_ratio": "16:9",
        "seed": 7,
        "backend": "ltx2",
    }
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(creator).post("/api/v1/generations/", body, format="json")
    finally:
        forget_backends()

    # Then the job rendered with LTX-2 and stored a signed draft with the model's sound
    from generation.models import GenerationJob
    from generation.provenance.signing import read_manifest

    assert response.status_code == 202, response.content
    assert response.json()["backend"] == "ltx2"
    job = GenerationJob.objects.get(pk=response.json()["id"])
    assert job.state == GenerationJob.State.SUCCEEDED, job.state_reason
    path = Path(job.video.path)
    with av.open(str(path)) as container:
        assert (container.streams.video[0].codec_context.width, container.streams.video[0].codec_context.height) == (640, 360)
        audio = np.concatenate([frame.to_ndarray().mean(axis=0) for frame in container.decode(container.streams.audio[0])])
    rms_db = 20 * np.log10(np.sqrt(np.mean(audio.astype(np.float64) ** 2)) + 1e-12)
    assert rms_db > -45  # the model's waveform, not the -50 dBFS room tone laid under silent models
    report = read_manifest(path, trust_anchor_pem=Path(django_settings.C2PA_TRUST_ANCHOR_PATH).read_bytes())
    assert report.validation_state == "Trusted"
    created = report.assertion("c2pa.actions")["actions"][0]
    assert created["action"] == "c2pa.created"
    assert created["softwareAgent"]["name"] == f"{HUB_NAME} (LTX2Pipeline)"
    assert created["softwareAgent"]["version"] == REVISION
