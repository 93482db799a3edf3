"""Fixtures for posts and feeds: drafts are real GenerationJob rows with a tiny stored file, never rendered."""

import datetime
import secrets

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

# A few bytes that start like an MP4; the API only stores and signs the name, it never decodes it here.
TINY_MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 32


@pytest.fixture
def make_draft(db):
    """A succeeded generation (a draft) of `owner`, with its cameos and their Appearance rows."""
    from cameos.models import Appearance
    from generation.models import GenerationJob

    def make(owner, *, prompt: str = "a cat rides a skateboard", cameos=(), parent_job=None) -> GenerationJob:
        ref = secrets.token_hex(12)
        job = GenerationJob(
            owner=owner,
            prompt=prompt,
            duration_s=5,
            resolution="720p",
            aspect_ratio="16:9",
            style="realistic",
            seed=1,
            state=GenerationJob.State.SUCCEEDED,
            parent_job=parent_job,
            public_ref=ref,
            progress=1.0,
        )
        job.video.save(f"{ref}.mp4", ContentFile(TINY_MP4), save=False)
        job.poster.save(f"{ref}.jpg", ContentFile(b"\xff\xd8\xff\xe0tiny-jpeg"), save=False)
        job.save()
        if cameos:
            job.cameos.set(cameos)
            for cameo in cameos:
                Appearance.objects.create(cameo=cameo, job=job, creator=owner, consent_version=cameo.consent_version)
        return job

    return make


@pytest.fixture
def publish(make_draft):
    """Publish a fresh draft through the real service; `age` backdates it (for ordering tests)."""
    from feed.models import Post
    from feed.services.posts import post_publish

    def make(
        author,
        *,
        prompt: str = "a cat rides a skateboard",
        caption: str = "",
        visibility: str = "public",
        allow_remix: bool = True,
        cameos=(),
        parent=None,
        age: datetime.timedelta | None = None,
        likes: int | None = None,
    ) -> Post:
        job = make_draft(author, prompt=prompt, cameos=cameos, parent_job=parent.job if parent else None)
        post = post_publish(
            author=author, generation_id=job.pk, caption=caption, visibility=visibility, allow_remix=allow_remix
        )
        changes = {}
        if age is not None:
            changes["created_at"] = timezone.now() - age
        if likes is not None:
            changes["like_count"] = likes
        if changes:
            Post.objects.filter(pk=post.pk).update(**changes)
            post.refresh_from_db()
        return post

    return make


@pytest.fixture
def follow(db):
    from sora_social.accounts.services import user_follow

    def make(follower, followee):
        return user_follow(follower=follower, followee=followee)

    return make


def feed_pages(client, kind: str, *, page_size: int, first: dict | None = None) -> list[dict]:
    """Every page of one feed session (response bodies), following `next_cursor` to the end."""
    body = first or client.get("/api/v1/feed/", {"kind": kind, "page_size": page_size}).json()
    pages = [body]
    while body["next_cursor"]:
        body = client.get("/api/v1/feed/", {"kind": kind, "page_size": page_size, "cursor": body["next_cursor"]}).json()
        pages.append(body)
    return pages


def page_ids(pages: list[dict]) -> list[int]:
    """Post ids of feed pages, in order."""
    return [item["post"]["id"] for body in pages for item in body["items"]]


def result_ids(response) -> list[int]:
    """Post ids of a feed or list response, in order (check-in items left out)."""
    body = response.json()
    return [item["post"]["id"] for item in body["items"] if item.get("type", "post") == "post"]
