"""Remix: a new generation whose parent is a published post, and the lineage recorded when it is published."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from cameos.policy import Purpose, check_use, refusal_for
from feed.models import Post
from feed.services import access_post
from generation.mentions import mentioned_handles
from generation.models import GenerationJob
from remix.models import RemixAncestry
from sora_social.errors import ServiceError

# Ancestors deeper than this are not recorded (a lineage shows this many generations back).
MAX_LINEAGE_DEPTH = 64


class RemixRefused(ServiceError):
    """A remix refused before anything was queued."""


def remix_create(*, post_id: int, remixer: AbstractBaseUser, prompt: str, **options) -> GenerationJob:
    """Start a generation that remixes a public post whose author allows remixes.

    The parent's cameos go through the consent door again, for the remixer, with the new prompt (purpose
    REMIX), and they become cameos of the new job, so the render checks them again and the remix answers to
    them for as long as it exists. Cameos mentioned in the new prompt are checked by generation_submit. A
    refusal is raised after the door's audit rows are written and must be answered without rolling back.
    """
    from generation.services import MAX_CAMEOS_PER_VIDEO, generation_submit

    parent = access_post(post_id=post_id, viewer=remixer)
    if parent.visibility != Post.Visibility.PUBLIC:
        raise RemixRefused("remix_not_public", "Only public posts can be remixed.", 403)
    if not parent.allow_remix:
        raise RemixRefused("remix_disabled", "The author turned remixes off for this post.", 403)
    parent_cameos = list(parent.job.cameos.order_by("pk"))
    handles = {cameo.handle.lower() for cameo in parent_cameos} | set(mentioned_handles(prompt or ""))
    if len(handles) > MAX_CAMEOS_PER_VIDEO:
        raise RemixRefused(
            "too_many_cameos",
            f"A video can have at most {MAX_CAMEOS_PER_VIDEO} cameos, the parent's included.",
            422,
            count=len(handles),
        )
    for cameo in parent_cameos:
        decision = check_use(cameo, remixer, Purpose.REMIX, prompt, subject=f"remix:post:{parent.pk}")
        if not decision.allowed:
            raise refusal_for(cameo, decision, error_class=RemixRefused, doing="remix a video with")

    refusal: ServiceError | None = None
    with transaction.atomic():
        # A refusal is caught inside the transaction and raised after it, so the audit rows of the door's
        # denials are committed. The parent's cameos are cast with the prompt, and screened with it.
        try:
            job = generation_submit(
                owner=remixer, prompt=prompt, parent_post=parent, already_cast=parent_cameos, **options
            )
        except ServiceError as exc:
            refusal = exc
    if refusal is not None:
        raise refusal
    return job


def remix_lineage_record(*, post: Post) -> int:
    """Write the ancestry of a newly published remix: its parent at depth 1, the parent's ancestors after."""
    if post.parent_id is None:
        return 0
    rows = [RemixAncestry(descendant=post, ancestor_id=post.parent_id, depth=1)]
    rows += [
        RemixAncestry(descendant=post, ancestor_id=ancestor_id, depth=depth + 1)
        for ancestor_id, depth in RemixAncestry.objects.filter(
            descendant_id=post.parent_id, depth__lt=MAX_LINEAGE_DEPTH
        ).values_list("ancestor_id", "depth")
    ]
    RemixAncestry.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)
