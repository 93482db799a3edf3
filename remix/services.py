"""Remix: a new generation whose parent is a published post; and, when a remix is published or deleted, its
lineage, the parent's remix count and the parent author's notification.

Feed owns the post rows (Post.parent, allow_remix, remix_count); remix owns every rule about them. Feed calls
`remix_published` and `remix_deleted` inside its publish and delete transactions: they are registered in
remix.apps, since feed may not import remix (it stands below it).
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import F

from cameos.policy import Purpose, require_uses
from feed.models import Post
from feed.selectors import access_post, posts_visible_to
from generation.mentions import mentioned_handles
from generation.models import GenerationJob
from generation.services import MAX_CAMEOS_PER_VIDEO, generation_submit
from remix.models import RemixAncestry
from sora_social.errors import ServiceError
from sora_social.notifications.models import Notification
from sora_social.notifications.services import notification_create

# Ancestors deeper than this are not recorded (a lineage shows this many generations back).
MAX_LINEAGE_DEPTH = 64


class RemixRefused(ServiceError):
    """A remix refused before anything was queued."""


def remix_create(*, post_id: int, remixer: AbstractBaseUser, prompt: str, **options) -> GenerationJob:
    """Start a generation that remixes a public post whose author allows remixes.

    The parent's cameos go through the consent door again, for the remixer, with the new prompt (purpose
    REMIX), and they become cameos of the new job, so the render checks them again and the remix answers to
    them for as long as it exists. Cameos mentioned in the new prompt are checked by generation_submit.
    Refusals are raised (`ConsentRefused`, `RemixRefused`, generation's own); the door's audit of a denial
    survives the rollback.
    """
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
    require_uses(
        parent_cameos, remixer, Purpose.REMIX, prompt, subject=f"remix:post:{parent.pk}", doing="remix a video with"
    )
    # The parent's cameos are cast with the prompt, and screened with it.
    return generation_submit(
        owner=remixer, prompt=prompt, parent_job=parent.job, already_cast=parent_cameos, **options
    )


def remix_published(*, post: Post, actor: AbstractBaseUser) -> None:
    """A remix was published (feed calls this inside the publish's transaction; see remix.apps): record its
    lineage, count it on its parent, and tell the parent's author if they may see it."""
    if post.parent_id is None:
        return
    remix_lineage_record(post=post)
    Post.objects.filter(pk=post.parent_id).update(remix_count=F("remix_count") + 1)
    parent = Post.objects.select_related("author").get(pk=post.parent_id)
    if parent.author_id != actor.pk and posts_visible_to(parent.author).filter(pk=post.pk).exists():
        notification_create(
            recipient=parent.author,
            kind=Notification.Kind.REMIXED,
            actor=actor,
            data={"post": parent.pk, "remix": post.pk},
        )


def remix_deleted(*, post: Post, actor: AbstractBaseUser) -> None:
    """A remix was deleted by its author (inside the delete's transaction): its parent counts one remix less.
    Its lineage stays: the remixes of the deleted post still descend from it."""
    if post.parent_id is not None:
        Post.objects.filter(pk=post.parent_id, remix_count__gt=0).update(remix_count=F("remix_count") - 1)


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
