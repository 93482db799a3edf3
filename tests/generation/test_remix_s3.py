"""With S3 storage a remix is signed with its parent's video, read from the bucket, as the C2PA parentOf ingredient;
and the provenance lookup recognises a video that was stored there, by manifest and, stripped, by content hash."""

import io
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from feed.models import Post
from generation import services
from generation.models import GenerationJob
from generation.provenance.signing import read_manifest, strip_manifest

pytestmark = pytest.mark.django_db


def rendered(owner, prompt: str, **fields) -> GenerationJob:
    job = services.generation_submit(owner=owner, prompt=prompt, duration_s=1, resolution="360p", seed=3, **fields)
    assert services.generation_render(job_id=job.pk) == GenerationJob.State.SUCCEEDED
    return GenerationJob.objects.get(pk=job.pk)


def test_a_remix_signs_in_its_parent_read_from_the_bucket_and_the_lookup_finds_both(
    s3_storage, make_user, client_for, no_dispatch, settings, tmp_path, monkeypatch
):
    alice, bob = make_user("alice"), make_user("bob")
    parent = rendered(alice, "a ball bounces on a beach")
    # Published: a remix renders only while its owner may remix the parent post (remix.services.remix_parent_check).
    Post.objects.create(author=alice, job=parent, visibility="public", allow_remix=True)
    copies = []
    real_copy = services.stored_file_in

    def watched_copy(field_file, scratch_dir, *, filename):
        copies.append((field_file.name, Path(scratch_dir), filename))
        return real_copy(field_file, scratch_dir, filename=filename)

    monkeypatch.setattr(services, "stored_file_in", watched_copy)

    # When bob's remix renders on a worker that has nothing of the parent but what the bucket holds
    remix = rendered(bob, "a ball bounces on a beach at night", parent_job=parent)

    # Then the parent was copied from the bucket into the remix job's scratch folder, which is gone afterwards
    assert copies == [(parent.video.name, services.job_workdir(remix), "parent.mp4")]
    assert not services.job_workdir(remix).exists()
    assert not [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]
    assert sorted(s3_storage.keys()) == sorted([parent.video.name, parent.poster.name, remix.video.name, remix.poster.name])

    # And the remix's manifest, read from the bucket, names the parent's own signed manifest as its parentOf ingredient
    anchor = Path(django_settings.C2PA_TRUST_ANCHOR_PATH).read_bytes()
    parent_bytes, remix_bytes = s3_storage.read(parent.video.name), s3_storage.read(remix.video.name)
    parent_report = read_manifest(io.BytesIO(parent_bytes), trust_anchor_pem=anchor)
    report = read_manifest(io.BytesIO(remix_bytes), trust_anchor_pem=anchor)
    assert report.validation_state == "Trusted" and parent_report.validation_state == "Trusted"
    assert [(i.relationship, i.active_manifest) for i in report.parents] == [("parentOf", parent_report.active_label)]
    assert report.parents[0].validation_failures == ()
    assert [a["action"] for a in report.actions][:1] == ["c2pa.opened"]
    assert parent_report.parents == []

    # When someone looks up the stored videos, and a copy of the remix whose manifest was stripped
    def lookup(name: str, content: bytes) -> dict:
        upload = SimpleUploadedFile(name, content, content_type="video/mp4")
        response = client_for(alice).post("/api/v1/provenance/verify/", {"file": upload}, format="multipart")
        assert response.status_code == 200, response.content
        return response.json()

    (tmp_path / "remix.mp4").write_bytes(remix_bytes)
    strip_manifest(tmp_path / "remix.mp4", tmp_path / "stripped.mp4")
    found_remix, found_parent = lookup("remix.mp4", remix_bytes), lookup("parent.mp4", parent_bytes)
    found_stripped = lookup("stripped.mp4", (tmp_path / "stripped.mp4").read_bytes())

    # Then all three were made here: two by their manifests, the stripped one by its content hash
    assert found_remix["made_here"] and found_remix["method"] == "c2pa_manifest" and found_remix["is_remix"] is True
    assert found_remix["job_ref"] == remix.public_ref
    assert found_parent["made_here"] and found_parent["is_remix"] is False and found_parent["job_ref"] == parent.public_ref
    assert found_stripped["made_here"] and found_stripped["method"] == "content_hash"
    assert found_stripped["job_ref"] == remix.public_ref
    # The lookup stores nothing: the bucket holds the same four objects
    assert len(s3_storage.keys()) == 4
