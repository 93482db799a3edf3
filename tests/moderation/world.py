"""Builders for moderation tests: published posts (with cameos and real media), moderators, and reports."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import Group
from django.core.files import File
from django.utils import timezone


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
    from moderation.permissions import MODERATORS_GROUP

    user = make_user(handle, is_staff=True, password=password)
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user


@dataclass
class World:
    """People by role, and for each path parameter name the owner's object and who it belongs to."""

    users: dict
    # parameter name -> (value, the actors the object belongs to)
    params: dict


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def owner_world(make_user, make_cameo, *, sentinel: str) -> World:
    """One owner's private objects (each carrying `sentinel`) and the people around them."""
    from cameos import biometrics
    from cameos.models import Grant
    from feed.models import Comment
    from moderation import services as moderation
    from sora_social.accounts.models import ParentalLink
    from sora_social.accounts.services import user_block

    owner, other, blocked = make_user("owner"), make_user("other"), make_user("blocked")
    teen, parent = make_user("teen", age=15), make_user("parent", age=42)
    moderator = make_moderator(make_user)
    user_block(blocker=owner, blocked=blocked)
    now = timezone.now()
    link = ParentalLink.objects.create(parent=parent, teen=teen, parent_consented_at=now, teen_consented_at=now)

    cameo = make_cameo(owner, handle="ownercameo", level="only_me")
    cameo.display_name = sentinel
    cameo.reference_image_encrypted = biometrics.encrypt_bytes(_png())
    cameo.save(update_fields=["display_name", "reference_image_encrypted"])
    Grant.objects.create(cameo=cameo, grantee=other, approved_by=owner, approved_at=now)
    draft = queued_job(owner, prompt=f"{sentinel} draft")
    private_post = published_post(owner, prompt=f"{sentinel} post", caption=sentinel, visibility="private", cameos=[cameo])
    comment = Comment.objects.create(post=private_post, author=owner, body=sentinel)
    teen_cameo = make_cameo(teen, handle="teencameo", level="approved")
    teen_grant = Grant.objects.create(cameo=teen_cameo, grantee=other, status=Grant.Status.PENDING_PARENT)
    public_post = published_post(owner, prompt="a public video")
    decision = moderation.content_take_down(
        case=moderation.case_for_target(target_kind="post", target_id=public_post.pk),
        moderator=moderator,
        reason=f"{sentinel} reason",
    )
    signed_in = frozenset({"owner", "other", "blocked", "teen", "parent", "moderator"})
    users = {"owner": owner, "other": other, "blocked": blocked, "teen": teen, "parent": parent, "moderator": moderator}
    mine = frozenset({"owner"})
    return World(
        users=users,
        params={
            "cameo_id": (cameo.pk, mine),
            "generation_id": (private_post.job_id, mine),
            "job_id": (draft.pk, mine),
            "post_id": (private_post.pk, mine),
            "comment_id": (comment.pk, mine),
            "decision_id": (decision.pk, mine),
            "grant_id": (teen_grant.pk, frozenset({"parent"})),
            "link_id": (link.pk, frozenset({"parent", "teen"})),
            # Grants are named by the grantee's handle; the cameo decides who may touch them.
            "grant_handle": (other.handle, signed_in),
            # Profiles are seen by everyone the owner has not blocked.
            "user_handle": (owner.handle, signed_in - {"blocked"}),
        },
    )


def param_key(path: str, name: str) -> str:
    """Which of World.params fills a path parameter: a handle is a grantee's under /grants/, else a profile's."""
    if name == "handle":
        return "grant_handle" if "/grants/" in path else "user_handle"
    return name
