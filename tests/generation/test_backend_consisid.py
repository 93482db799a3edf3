"""The ConsisID backend on a tiny random-weight ConsisID saved to disk and loaded back.

ConsisID's own face models (insightface antelopev2, facexlib, EVA02-CLIP) cannot be built offline, so these tests
use the `face_recognition` encoder: our dlib encoding and the reference crop in ConsisID's feature shapes
(generation/backends/consisid_backend.py says what that does and does not give with the released weights).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from generation.backends import forget_backends
from generation.backends.base import CameoRef, RenderSpec
from generation.backends.consisid_backend import ConsisIDBackend, FaceFeatures, load_consisid
from generation.backends.tiny import save_tiny_consisid
from tests.generation.conftest import face_crop

torch = pytest.importorskip("torch")
pytest.importorskip("diffusers")

pytestmark = pytest.mark.usefixtures("one_torch_thread")

STEPS = 2


@pytest.fixture(scope="module")
def tiny_consisid(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(save_tiny_consisid(tmp_path_factory.mktemp("tiny-consisid"), name="BestWishYsh/ConsisID-preview"))


@pytest.fixture(scope="module")
def faces(faces_dir: Path) -> dict[str, np.ndarray]:
    return {name: face_crop(faces_dir / f"{name}.jpg") for name in ("obama", "obama2", "biden")}


def spec_of(face: np.ndarray, *, seed: int = 5) -> RenderSpec:
    return RenderSpec(
        prompt="@star walks on the beach at sunset",
        duration_s=0.5,
        resolution="360p",
        seed=seed,
        cameos=(CameoRef(handle="star", reference_face=face),),
    )


def backend_for(path: str) -> ConsisIDBackend:
    return ConsisIDBackend(path, face_encoder="face_recognition", num_inference_steps=STEPS)


class SameFirstFrame:
    """The face features of one person with the first frame (image condition) of another."""

    def __init__(self, encoder, first_frame_of: CameoRef) -> None:
        self.encoder, self.first_frame_of = encoder, first_frame_of

    def encode(self, cameo: CameoRef, *, device: str, dtype) -> FaceFeatures:
        features = self.encoder.encode(cameo, device=device, dtype=dtype)
        features.image = self.encoder.encode(self.first_frame_of, device=device, dtype=dtype).image
        return features


def test_renders_a_cameo_at_the_spec_with_the_face_in_every_step(tiny_consisid, faces, no_network):
    backend = backend_for(tiny_consisid)
    loaded = load_consisid(tiny_consisid, device="cpu", levers=backend.levers)
    calls: list = []
    hook = loaded.pipeline.transformer.local_facial_extractor.register_forward_hook(
        lambda module, args, output: calls.append(output.shape)
    )
    seen: list[float] = []
    encoded: list[FaceFeatures] = []
    encoder = backend.encoder

    class Recording:
        def encode(self, cameo, **kwargs):
            encoded.append(encoder.encode(cameo, **kwargs))
            return encoded[-1]

    backend.encoder = Recording()
    try:
        result = backend.render(spec_of(faces["obama"]), "cpu", seen.append)
    finally:
        hook.remove()
        backend.encoder = encoder

    assert result.frames.shape == (12, 360, 640, 3) and result.frames.dtype == np.uint8
    assert result.frames.std() > 1.0
    assert result.audio.shape == (24_000,) and result.events == []
    assert seen == sorted(seen) and seen[0] == 0.0 and seen[-1] == 1.0 and len(seen) == STEPS + 2
    # The face features went through the identity modules at every denoising step
    assert len(calls) == STEPS
    assert not hasattr(backend, "last_features")  # the backend keeps no face features after the render
    (features,) = encoded
    assert features.id_cond.shape == (1, backend.shape.id_dim)
    assert [hidden.shape for hidden in features.id_vit_hidden] == [(1, 577, backend.shape.vit_dim)] * backend.shape.num_scales
    # The id vector is the cameo's own dlib encoding
    from generation.backends.consisid_backend import dlib_face_encoding

    assert np.allclose(features.id_cond[0, :128].numpy(), dlib_face_encoding(faces["obama"]))
    assert "@star" not in backend.last_prompt and backend.last_prompt.startswith("the person from the first frame")
    assert result.model is not None and result.model.software_agent()["name"] == "BestWishYsh/ConsisID-preview (ConsisIDPipeline)"
    # Deterministic per seed
    assert np.array_equal(backend.render(spec_of(faces["obama"]), "cpu").frames, result.frames)


def test_identity_drives_the_whole_clip_not_only_the_first_frame(tiny_consisid, faces, no_network):
    # Given the same first frame (Obama's crop) for every render
    backend = backend_for(tiny_consisid)
    obama = spec_of(faces["obama"]).cameos[0]
    backend.encoder = SameFirstFrame(backend.encoder, first_frame_of=obama)

    # When only the identity features change: Obama's own, another photo of him, and Biden's
    as_obama = backend.render(spec_of(faces["obama"]), "cpu").frames.astype(int)
    as_biden = backend.render(spec_of(faces["biden"]), "cpu").frames.astype(int)

    # Then the last frames differ too: the face conditions every frame, not only the first latent
    assert np.abs(as_obama[-1] - as_biden[-1]).mean() > 0.5
    assert np.abs(as_obama[len(as_obama) // 2] - as_biden[len(as_biden) // 2]).mean() > 0.5
    # and the id vectors of two photos of one person are closer than those of two people (dlib's own metric)
    from generation.backends.consisid_backend import dlib_face_encoding

    same = np.linalg.norm(dlib_face_encoding(faces["obama"]) - dlib_face_encoding(faces["obama2"]))
    other = np.linalg.norm(dlib_face_encoding(faces["obama"]) - dlib_face_encoding(faces["biden"]))
    assert same < 0.6 < other


def test_a_spec_without_a_person_is_refused(tiny_consisid):
    spec = RenderSpec(
        prompt="@rex runs",
        duration_s=0.5,
        resolution="360p",
        cameos=(CameoRef(handle="rex", reference_face=np.zeros((8, 8, 3), np.uint8), kind="pet"),),
    )
    with pytest.raises(ValueError, match="person"):
        backend_for(tiny_consisid).render(spec, "cpu")


@pytest.mark.skipif(
    all(importlib.util.find_spec(p) for p in ("insightface", "facexlib", "consisid_eva_clip")),
    reason="ConsisID's face packages are installed here",
)
def test_the_models_own_face_encoder_without_its_packages_is_a_start_up_error(tiny_consisid):
    with pytest.raises(ImproperlyConfigured, match="insightface"):
        ConsisIDBackend(tiny_consisid, face_encoder="consisid")


@pytest.mark.parametrize("path", ["/nonexistent/consisid", ""])
def test_a_missing_weights_folder_is_a_start_up_error(path, no_network):
    with pytest.raises(ImproperlyConfigured, match="CONSISID_MODEL_PATH|never downloaded"):
        ConsisIDBackend(path, face_encoder="face_recognition")


@pytest.mark.django_db
def test_a_job_renders_end_to_end_with_consisid(
    tiny_consisid, settings, make_user, make_face_cameo, client_for, django_capture_on_commit_callbacks, no_network
):
    settings.RENDER_BACKENDS = ["consisid"]
    settings.CONSISID_MODEL_PATH = tiny_consisid
    settings.CONSISID_FACE_ENCODER = "face_recognition"
    settings.CONSISID_STEPS = STEPS
    forget_backends()
    owner, creator = make_user("owner"), make_user("creator")
    cameo = make_face_cameo(owner, handle="star_one", level="everyone")
    body = {"prompt": "@star_one walks on the beach", "duration_s": 1, "resolution": "360p", "aspect_ratio": "16:9",
            "seed": 3, "backend": "consisid"}
    try:
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(creator).post("/api/v1/generations/", body, format="json")
    finally:
        forget_backends()

    from generation.models import GenerationJob
    from generation.provenance.signing import read_manifest

    assert response.status_code == 202, response.content
    job = GenerationJob.objects.get(pk=response.json()["id"])
    assert (job.backend, job.state) == ("consisid", GenerationJob.State.SUCCEEDED), job.state_reason
    report = read_manifest(Path(job.video.path), trust_anchor_pem=Path(django_settings.C2PA_TRUST_ANCHOR_PATH).read_bytes())
    assert report.validation_state == "Trusted"
    agent = report.assertion("c2pa.actions")["actions"][0]["softwareAgent"]
    assert agent["name"] == "BestWishYsh/ConsisID-preview (ConsisIDPipeline)"
    assert agent["version"].startswith("config-sha256:")
    assert report.consent["records"][0]["cameo"] == f"cameo-{cameo.pk}"
