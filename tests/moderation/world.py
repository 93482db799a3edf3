"""Builders for moderation tests: published posts (with cameos and real media), moderators, and reports."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.files import File


def published_post(author, *, prompt: str = "a cat juggling oranges on a beach", cameos=(), visibility: str = "public",
                   video: Path | None = None, parent=None, caption: str = ""):
    """A succeeded generation published as a post, with an Appearance row per cameo (as the pipeline writes)."""
    from cameos.models import Appearance
    from feed.models import Post
    from generation.models import GenerationJob

    job = GenerationJob.objects.create(
        owner=author,
        prompt=prompt,
        duration_s=5,
        resolution="720p",
        aspect_ratio="16:9",
        style="realistic",
        seed=7,
        state=GenerationJob.State.SUCCEEDED,
        public_ref=secrets.token_hex(12),
        consent_pins={str(c.pk): {"consent_version": c.consent_version} for c in cameos},
    )
    job.cameos.set(cameos)
    for cameo in cameos:
        Appearance.objects.create(cameo=cameo, job=job, creator=author, consent_version=cameo.consent_version)
    if video is not None:
        with open(video, "rb") as handle:
            job.video.save(f"{secrets.token_hex(8)}.mp4", File(handle), save=False)
        job.save(update_fields=["video"])
    return Post.objects.create(
        author=author, job=job, visibility=visibility, parent=parent, caption=caption, allow_remix=True
    )


def queued_job(owner, prompt: str = "a queued video"):
    from generation.models import GenerationJob

    return GenerationJob.objects.create(
        owner=owner, prompt=prompt, duration_s=5, resolution="720p", aspect_ratio="16:9", style="realistic", seed=1,
        public_ref=secrets.token_hex(12),
    )


def make_moderator(make_user, handle: str = "mod", password: str = "correct horse battery"):
    """A staff member whose powers come only from the Moderators group (not a superuser)."""
    from sora_social.moderation.permissions import MODERATORS_GROUP

    user = make_user(handle, is_staff=True, password=password)
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user
