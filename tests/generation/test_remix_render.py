"""A remix job points at the job it remixes: its signed video names the parent's video as its C2PA parent."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile

from feed.models import Post
from generation import services
from generation.models import GenerationJob
from generation.provenance.signing import read_manifest

pytestmark = pytest.mark.django_db


def rendered(owner, prompt: str, **fields) -> GenerationJob:
    job = services.generation_submit(owner=owner, prompt=prompt, duration_s=1, resolution="360p", seed=3, **fields)
    assert services.generation_render(job_id=job.pk) == GenerationJob.State.SUCCEEDED
    return GenerationJob.objects.get(pk=job.pk)


def test_a_remix_is_signed_with_its_parent_jobs_video_as_parent_ingredient(make_user, client_for, no_dispatch):
    alice, bob = make_user("alice"), make_user("bob")
    parent = rendered(alice, "a ball bounces on a beach")
    # Published: a remix renders only while its owner may remix the parent post (remix.services.remix_parent_check).
    post = Post.objects.create(author=alice, job=parent, visibility="public", allow_remix=True)

    # When bob's remix of it renders
    remix = rendered(bob, "a ball bounces on a beach at night", parent_job=parent)

    # Then the parent is in its manifest, and the lookup and the API say it is a remix
    assert remix.parent_job == parent and list(parent.remix_jobs.all()) == [remix]
    anchor = Path(django_settings.C2PA_TRUST_ANCHOR_PATH).read_bytes()
    report = read_manifest(Path(remix.video.path), trust_anchor_pem=anchor)
    assert report.validation_state == "Trusted"
    assert [ingredient.relationship for ingredient in report.parents] == ["parentOf"]
    assert read_manifest(Path(parent.video.path), trust_anchor_pem=anchor).parents == []

    def lookup(job):
        upload = SimpleUploadedFile("v.mp4", Path(job.video.path).read_bytes())
        return client_for(bob).post("/api/v1/provenance/verify/", {"file": upload}, format="multipart").json()

    assert lookup(remix)["is_remix"] is True and lookup(parent)["is_remix"] is False
    shown = client_for(bob).get(f"/api/v1/generations/{remix.pk}/").json()
    assert shown["parent_post"] == post.pk


def test_a_remix_asks_the_door_with_the_remix_purpose(make_user, make_cameo, no_dispatch):
    from cameos.models import ConsentDecision

    owner, bob = make_user("owner"), make_user("bob")
    cameo = make_cameo(owner, handle="star_one", level="everyone")
    parent = GenerationJob.objects.create(
        owner=owner, prompt="p", duration_s=1, resolution="360p", aspect_ratio="16:9", style="realistic", seed=1,
        state=GenerationJob.State.SUCCEEDED,
    )

    job = services.generation_submit(owner=bob, prompt="@star_one waves", parent_job=parent)

    assert job.parent_job_id == parent.pk
    assert ConsentDecision.objects.filter(cameo=cameo, actor=bob, purpose="remix", allowed=True).count() == 1
