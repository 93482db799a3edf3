"""Actions on posts: publish (consent asked again), edit, delete, take down and restore; caption screening; and
the registration point through which apps above feed act on a publish or a delete."""

from __future__ import annotations

import logging

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from cameos.models import Cameo
from cameos.policy import Purpose, consent_hold, require_uses
from cameos.selectors import withdrawn_appearances
from feed import tasks  # a module, not its names: tasks imports services back (see feed/tasks.py)
from feed.conf import feed_setting
from feed.models import Post
from feed.selectors import PostError, access_post
from feed.timelines import fanout_enabled
from generation.models import GenerationJob
from generation.selectors import cast_as_rendered
from generation.services import FILES_DESTROYED_BY_REMOVAL, PURGE_INCOMPLETE, generation_media_rename_when_hidden
from sora_social.celery import Queue
from sora_social.content_policy.screening import screen_prompt
from sora_social.content_policy.selectors import screening_rules
from sora_social.listeners import Listeners

logger = logging.getLogger(__name__)

MAX_CAPTION_CHARS = 500


# ---- what apps above feed do when a post is published or deleted ---------------------------------------
#
# Remix (lineage, the parent's remix count, the REMIXED notification) acts on every publish and delete. Feed
# may not import it, so remix registers when it loads (remix.apps; see sora_social.listeners). Listeners are
# called as `listener(post=..., actor=...)` inside the publish's (or the delete's) transaction, after the post
# row exists (`post.parent_id` is set for a remix): if one raises, nothing is stored.
post_published = Listeners("a draft was published as a post")
post_deleted = Listeners("a post's author deleted it")
on_post_published = post_published.register
on_post_deleted = post_deleted.register
# Called as `listener(post=..., before=...)`, `before` the visibility it had, inside post_update's transaction.
post_audience_changed = Listeners("a post's author changed who may see it")
on_post_audience_changed = post_audience_changed.register
# A moderator took a post down or put it back: called as `listener(job_ids=)` inside the change's transaction.
post_moderated = Listeners("a moderator took a post down or restored it")
on_post_moderated = post_moderated.register


# ---- captions ------------------------------------------------------------------------------------------


def screen_text(text: str, *, what: str, author: AbstractBaseUser, real_person: bool = False) -> None:
    """Captions and comments go through the content policy that prompts go through (strict with a real person's
    cameo in the video or a teen writing). Protected names are left out: naming someone in a caption does not
    use their likeness, which is what that list guards."""
    if not text:
        return
    result = screen_prompt(text, rules=screening_rules(), real_person=real_person, teen=getattr(author, "is_teen", False))
    if not result.allowed:
        raise PostError("content_policy", f"The {what} breaks the content policy.", 422, reasons=result.codes)


def shows_a_real_person(job: GenerationJob) -> bool:
    """Whether the video casts a person's own cameo: its caption and comments are then screened strictly."""
    return job.cameos.filter(kind=Cameo.Kind.SELF).exists()


def _caption_checked(caption: str, *, author: AbstractBaseUser, job: GenerationJob) -> str:
    caption = caption.strip()
    if len(caption) > MAX_CAPTION_CHARS:
        raise PostError("caption_too_long", f"A caption is at most {MAX_CAPTION_CHARS} characters.")
    screen_text(caption, what="caption", author=author, real_person=shows_a_real_person(job))
    return caption


# Narrowest first.
# Narrowest first: widening a post is a new showing of what it shows (asked again), narrowing never is.
AUDIENCE_ORDER = [Post.Visibility.PRIVATE, Post.Visibility.FOLLOWERS, Post.Visibility.PUBLIC]


def _visibility_checked(visibility: str) -> str:
    if visibility not in Post.Visibility.values:
        raise PostError("visibility_invalid", "Visibility is public, followers or private.")
    return visibility


# ---- publish, edit, delete -------------------------------------------------------------------------------


def _refuse_withdrawn(job: GenerationJob) -> None:
    """A video whose appearance was withdrawn (consent revoked for its creator, or removed by the cameo's owner)
    stays unpublishable, even if consent is given again: withdrawal is final for existing videos."""
    withdrawn = withdrawn_appearances().filter(job_id=job.pk).select_related("cameo").first()
    if withdrawn is not None and withdrawn.cameo is None:  # the cameo's account was deleted
        raise PostError("cameo_consent_revoked", "A cameo in this video no longer exists.", 403)
    if withdrawn is not None:
        handle = f"@{withdrawn.cameo.handle}"
        raise PostError("cameo_consent_revoked", f"{handle} withdrew consent for this video.", 403, cameo=handle)


def _parent_post_id(job: GenerationJob) -> int | None:
    """A remix's parent: the post of the job it remixes (generation keeps the job, feed the posts)."""
    if job.parent_job_id is None:
        return None
    return Post.objects.filter(job_id=job.parent_job_id).values_list("pk", flat=True).first()


def post_publish(
    *,
    author: AbstractBaseUser,
    generation_id: int,
    caption: str = "",
    visibility: str = Post.Visibility.PUBLIC,
    allow_remix: bool = True,
) -> Post:
    """Publish one of the author's succeeded drafts, after asking the consent door again for each cameo.

    The door is asked inside the transaction that stores the post, with the cameos' consent held still until
    it commits (`consent_hold`). A refusal is raised (`ConsentRefused`); the door's audit of the denial
    survives the rollback.
    """
    if getattr(author, "is_restricted", False):
        raise PostError("account_suspended", "Your account cannot publish right now.", 403)
    caption = (caption or "").strip()
    if len(caption) > MAX_CAPTION_CHARS:
        raise PostError("caption_too_long", f"A caption is at most {MAX_CAPTION_CHARS} characters.")
    _visibility_checked(visibility)
    job = GenerationJob.objects.filter(pk=generation_id, owner_id=author.pk).first()
    if job is None:
        raise PostError("draft_not_found", "No such draft.", 404)
    if job.state != GenerationJob.State.SUCCEEDED or not job.video:
        raise PostError("not_a_draft", "Only a finished video can be published.", 409)
    if Post.objects.filter(job_id=job.pk).exists():
        raise PostError("already_published", "This draft is already published.", 409)
    screen_text(caption, what="caption", author=author, real_person=shows_a_real_person(job))

    with transaction.atomic():
        # Consent asked and the post stored in one transaction, with consent held still in between.
        consent_hold(job.cameos.values_list("pk", flat=True))
        _refuse_withdrawn(job)
        require_uses(
            cast_as_rendered(job),
            author,
            Purpose.PUBLISH,
            {"prompt": job.prompt, "caption": caption},
            subject=f"publish:job:{job.pk}",
            doing="publish a video with",
        )
        # The job's row lock makes two publishes of one draft one at a time; the unique job_id decides. Its parent is
        # read under it: one that went with its author's account since the draft was loaded is gone now.
        job = GenerationJob.objects.select_for_update().get(pk=job.pk)
        parent_id = _parent_post_id(job)
        if job.is_remix and parent_id is None:
            # Its parent went with its author's account: published, it passed for an original with no lineage.
            raise PostError("post_not_found", "The video this remixes is gone; its remix cannot be published.", 404)
        try:
            with transaction.atomic():
                post = Post.objects.create(
                    author_id=author.pk,
                    job=job,
                    caption=caption,
                    visibility=visibility,
                    allow_remix=allow_remix,
                    parent_id=parent_id,
                )
        except IntegrityError as exc:
            raise PostError("already_published", "This draft is already published.", 409) from exc
        post_published.notify(post=post, actor=author)
    _queue_after_publish(post)
    return post


def _queue_after_publish(post: Post) -> None:
    post_id = post.pk
    if feed_setting("FEED_EMBED_ON_PUBLISH"):
        transaction.on_commit(lambda: tasks.post_embed_task.apply_async(args=[post_id], queue=Queue.DEFAULT))
    if fanout_enabled():
        transaction.on_commit(lambda: tasks.post_fan_out_task.apply_async(args=[post_id], queue=Queue.DEFAULT))


def _own_post(*, post_id: int, actor: AbstractBaseUser) -> Post:
    """The actor's own post, its row locked until the caller's transaction ends: what it is changed from is what was
    committed (two changes at once each took the same remix off its parent's count: round 2 on remixes), and a remix
    being published of it waits, or is waited for (remix.services.remix_published)."""
    Post.objects.select_for_update().filter(pk=post_id).values_list("pk", flat=True).first()
    post = access_post(post_id=post_id, viewer=actor)
    if post.author_id != actor.pk:
        raise PostError("not_author", "Only the author can change this post.", 403)
    return post


@transaction.atomic
def post_update(
    *,
    post_id: int,
    actor: AbstractBaseUser,
    caption: str | None = None,
    visibility: str | None = None,
    allow_remix: bool | None = None,
) -> Post:
    """The author changes the caption, the audience, or whether others may remix.

    In one transaction with the cameos' consent held still, as at publishing: a restriction added between the
    door's answer and the save would otherwise re-check the post's old caption and miss the new one.
    """
    if caption is not None or visibility is not None:
        # The cameos first, then the post, as a publish and a cameo's change take them: a caption edit that took the
        # post first deadlocked with its cameo's owner narrowing the cameo, which locks the cameo and then the post.
        job_id = Post.objects.filter(pk=post_id).values_list("job_id", flat=True).first()
        consent_hold(GenerationJob.cameos.through.objects.filter(generationjob_id=job_id).values_list("cameo_id", flat=True))
    post = _own_post(post_id=post_id, actor=actor)
    changed = []
    caption_before = post.caption
    if caption is not None:
        post.caption = _caption_checked(caption, author=actor, job=post.job)
        changed.append("caption")
        # A new caption is a new text beside the cameos' likeness: their owners' restrictions apply to it.
        require_uses(
            cast_as_rendered(post.job),
            actor,
            Purpose.PUBLISH,
            {"caption": post.caption},
            subject=f"caption:post:{post.pk}",
            doing="caption a video with",
        )
    audience_before = post.visibility
    if visibility is not None:
        wider = AUDIENCE_ORDER.index(_visibility_checked(visibility)) > AUDIENCE_ORDER.index(post.visibility)
        post.visibility = visibility
        changed.append("visibility")
        if wider:
            # A wider audience is a new showing of the likeness: the door is asked again with every text the post
            # shows, under the restrictions as they are now (one added since publishing may forbid them). Narrowing
            # is never refused.
            require_uses(
                cast_as_rendered(post.job),
                actor,
                Purpose.PUBLISH,
                {"prompt": post.job.prompt, "caption": post.caption},
                subject=f"widen:post:{post.pk}",
                doing="show a wider audience a video with",
            )
    if allow_remix is not None:
        post.allow_remix = allow_remix
        changed.append("allow_remix")
    if post.caption != caption_before:
        # Steering reads what a post is about from its embedding: made again from the new caption, as at publishing.
        post.embedding = None
        changed.append("embedding")
    if changed:
        post.save(update_fields=[*changed, "updated_at"])
    if post.caption != caption_before and feed_setting("FEED_EMBED_ON_PUBLISH"):
        post_id = post.pk
        transaction.on_commit(lambda: tasks.post_embed_task.apply_async(args=[post_id], queue=Queue.DEFAULT))
    if post.visibility != audience_before:
        post_audience_changed.notify(post=post, before=audience_before)
        if AUDIENCE_ORDER.index(post.visibility) < AUDIENCE_ORDER.index(audience_before):
            # Narrowed: a viewer who may not see it now may hold a presigned URL of its files (as after a takedown).
            generation_media_rename_when_hidden(job_ids=[post.job_id])
    return post


def post_delete(*, post_id: int, actor: AbstractBaseUser) -> None:
    """The author deletes a post: it leaves every read path; its remixes stay, showing the parent as gone."""
    with transaction.atomic():
        post = _own_post(post_id=post_id, actor=actor)
        deleted = Post.objects.filter(pk=post.pk, deleted_at__isnull=True).update(deleted_at=timezone.now())
        if deleted:
            post_deleted.notify(post=post, actor=actor)
            generation_media_rename_when_hidden(job_ids=[post.job_id])


def post_take_down(*, post: Post, moderator: AbstractBaseUser, reason: str) -> Post:
    """Hide a post from every read path (moderation records its own audit). Idempotent."""
    with transaction.atomic():
        if Post.objects.filter(pk=post.pk, taken_down_at__isnull=True).update(taken_down_at=timezone.now()):
            post_moderated.notify(job_ids=[post.job_id])
            generation_media_rename_when_hidden(job_ids=[post.job_id])
    post.refresh_from_db(fields=["taken_down_at"])
    logger.info("post %s taken down by %s: %s", post.pk, moderator.pk, reason[:200])
    return post


def posts_that_can_come_back() -> QuerySet[Post]:
    """Posts whose video is still there to show again: not purged after the retention period (nor half-purged, its
    video deleted while the rest failed), nor destroyed by its cameo's owner. What a restore, an overturned take-down
    and the offer of an appeal all ask."""
    return (
        Post.objects.filter(job__media_purged_at__isnull=True)
        .exclude(job__state_reason=PURGE_INCOMPLETE)
        .exclude(job__state_reason=FILES_DESTROYED_BY_REMOVAL)
    )


@transaction.atomic
def post_restore(*, post: Post, moderator: AbstractBaseUser, reason: str) -> Post:
    """Undo a takedown (a withdrawn consent stays). Idempotent. A post whose files the retention purge already
    deleted (feed.services.retention) stays hidden: there is no video left to show."""
    # The purge holds the job's row lock from its check that the post is still down to its commit: taking it
    # here orders the two, so a restore never lands between that check and the files' deletion.
    GenerationJob.objects.select_for_update().filter(pk=post.job_id).values_list("pk", flat=True).first()
    # Nor one whose video a purge already deleted while it failed on the rest (not marked purged yet).
    restored = posts_that_can_come_back().filter(pk=post.pk, taken_down_at__isnull=False).update(taken_down_at=None)
    if restored:
        post_moderated.notify(job_ids=[post.job_id])
    post.refresh_from_db(fields=["taken_down_at"])
    logger.info("post %s restored by %s: %s", post.pk, moderator.pk, reason[:200])
    return post
