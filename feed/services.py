"""Actions on posts and feeds: publish, edit, delete, like, comment, view, take down, steer, check in,
and serving a feed page with the teen limits and wellness check-ins applied."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, When
from django.utils import timezone

from cameos.models import Appearance, Cameo
from cameos.policy import Purpose, check_use, consent_hold, refusal_for
from feed.conf import feed_setting
from feed.cursors import cursor_decode, cursor_encode
from feed.feeds import (
    FeedSlice,
    circle_candidates_refresh,
    feed_following,
    feed_for_you,
    for_you_ranking_forget,
    for_you_ranking_store,
    global_candidates_refresh,
)
from feed.models import Comment, FeedDay, Like, Post, PostView, Steering, WellnessCheckIn
from feed.selectors import STEERING, posts_visible_to, steering_from_rows, steering_of
from feed.steering import MAX_STEERING_CHARS, steering_embed, steering_parse
from feed.timelines import FOLLOW_SIGNATURE, fanout_enabled, follow_signature_from_rows
from generation.models import GenerationJob
from sora_social.accounts.limits import Limits, limits_for
from sora_social.compiled_query import CompiledQuery, CompiledUpdate, Param, instance_from_row, rows_together
from sora_social.errors import ServiceError
from sora_social.notifications.models import Notification
from sora_social.notifications.services import notification_create

logger = logging.getLogger(__name__)

MAX_CAPTION_CHARS = 500
MAX_COMMENT_CHARS = 1000
# A gap between two feed requests longer than this is a break, not time spent in the feed.
MAX_ACTIVE_GAP_S = 5 * 60


class PostError(ServiceError):
    """A refused action on a post."""


def screen_text(text: str, *, what: str, author: AbstractBaseUser, real_person: bool = False) -> None:
    """Captions and comments go through the content policy that prompts go through (strict with a real person's
    cameo in the video or a teen writing). Protected names are left out: naming someone in a caption does not
    use their likeness, which is what that list guards."""
    if not text:
        return
    from sora_social.content_policy.screening import screen_prompt
    from sora_social.content_policy.selectors import screening_rules

    result = screen_prompt(text, rules=screening_rules(), real_person=real_person, teen=getattr(author, "is_teen", False))
    if not result.allowed:
        raise PostError("content_policy", f"The {what} breaks the content policy.", 422, reasons=result.codes)


def _has_real_person(job: GenerationJob) -> bool:
    return job.cameos.filter(kind=Cameo.Kind.SELF).exists()


def post_not_found() -> PostError:
    # The same answer for a post that does not exist and one the person may not see.
    return PostError("post_not_found", "No such post.", 404)


def access_post(*, post_id: int, viewer: AbstractBaseUser) -> Post:
    """The post if the viewer may see it, else the same 404 as for a missing post."""
    post = posts_visible_to(viewer).filter(pk=post_id).select_related("author", "job").first()
    if post is None:
        raise post_not_found()
    return post


# ---- publish, edit, delete ----------------------------------------------------------------------------


def _consent_refusal(job: GenerationJob, author: AbstractBaseUser) -> PostError | None:
    """Ask the consent door about every cameo in the draft, now; a withdrawn appearance is final."""
    withdrawn = (
        Appearance.objects.filter(job=job)
        .filter(Q(revoked_at__isnull=False) | Q(removed_at__isnull=False))
        .select_related("cameo")
        .first()
    )
    if withdrawn is not None:
        handle = f"@{withdrawn.cameo.handle}"
        return PostError("cameo_consent_revoked", f"{handle} withdrew consent for this video.", 403, cameo=handle)
    for cameo in job.cameos.all():
        decision = check_use(cameo, author, Purpose.PUBLISH, job.prompt, subject=f"publish:job:{job.pk}")
        if not decision.allowed:
            return refusal_for(cameo, decision, error_class=PostError, doing="publish a video with")
    return None


def post_publish(
    *,
    author: AbstractBaseUser,
    generation_id: int,
    caption: str = "",
    visibility: str = Post.Visibility.PUBLIC,
    allow_remix: bool = True,
) -> Post:
    """Publish one of the author's succeeded drafts, after asking the consent door again for each cameo.

    A consent refusal is raised before anything is written; the caller answers it without rolling back, so
    the door's audit of the denial is kept.
    """
    if getattr(author, "is_restricted", False):
        raise PostError("account_suspended", "Your account cannot publish right now.", 403)
    caption = (caption or "").strip()
    if len(caption) > MAX_CAPTION_CHARS:
        raise PostError("caption_too_long", f"A caption is at most {MAX_CAPTION_CHARS} characters.")
    if visibility not in Post.Visibility.values:
        raise PostError("visibility_invalid", "Visibility is public, followers or private.")
    job = GenerationJob.objects.filter(pk=generation_id, owner_id=author.pk).select_related("parent_post").first()
    if job is None:
        raise PostError("draft_not_found", "No such draft.", 404)
    if job.state != GenerationJob.State.SUCCEEDED or not job.video:
        raise PostError("not_a_draft", "Only a finished video can be published.", 409)
    if Post.objects.filter(job_id=job.pk).exists():
        raise PostError("already_published", "This draft is already published.", 409)
    screen_text(caption, what="caption", author=author, real_person=_has_real_person(job))

    try:
        with transaction.atomic():
            # Consent asked and the post stored in one transaction, with consent held still in between.
            consent_hold(job.cameos.values_list("pk", flat=True))
            refusal = _consent_refusal(job, author)
            if refusal is None:
                # The job's row lock makes two publishes of one draft one at a time; the unique job_id decides.
                GenerationJob.objects.select_for_update().filter(pk=job.pk).first()
                post = Post.objects.create(
                    author_id=author.pk,
                    job=job,
                    caption=caption,
                    visibility=visibility,
                    allow_remix=allow_remix,
                    parent=job.parent_post,
                )
    except IntegrityError as exc:
        raise PostError("already_published", "This draft is already published.", 409) from exc
    if refusal is not None:
        # Raised outside the atomic block, so that the door's audit of the denial is kept.
        raise refusal
    if post.parent_id:
        _remix_published(post=post, author=author)
    _queue_after_publish(post)
    return post


def _remix_published(*, post: Post, author: AbstractBaseUser) -> None:
    from remix.services import remix_lineage_record

    remix_lineage_record(post=post)
    Post.objects.filter(pk=post.parent_id).update(remix_count=F("remix_count") + 1)
    parent = Post.objects.select_related("author").get(pk=post.parent_id)
    if parent.author_id != author.pk and posts_visible_to(parent.author).filter(pk=post.pk).exists():
        notification_create(
            recipient=parent.author,
            kind=Notification.Kind.REMIXED,
            actor=author,
            data={"post": parent.pk, "remix": post.pk},
        )


def _queue_after_publish(post: Post) -> None:
    from feed.tasks import post_embed_task, post_fan_out_task
    from sora_social.celery import Queue

    post_id = post.pk
    if feed_setting("FEED_EMBED_ON_PUBLISH"):
        transaction.on_commit(lambda: post_embed_task.apply_async(args=[post_id], queue=Queue.DEFAULT))
    if fanout_enabled():
        transaction.on_commit(lambda: post_fan_out_task.apply_async(args=[post_id], queue=Queue.DEFAULT))


def _own_post(*, post_id: int, actor: AbstractBaseUser) -> Post:
    post = access_post(post_id=post_id, viewer=actor)
    if post.author_id != actor.pk:
        raise PostError("not_author", "Only the author can change this post.", 403)
    return post


def post_update(
    *,
    post_id: int,
    actor: AbstractBaseUser,
    caption: str | None = None,
    visibility: str | None = None,
    allow_remix: bool | None = None,
) -> Post:
    """The author changes the caption, the audience, or whether others may remix."""
    post = _own_post(post_id=post_id, actor=actor)
    changed = []
    if caption is not None:
        caption = caption.strip()
        if len(caption) > MAX_CAPTION_CHARS:
            raise PostError("caption_too_long", f"A caption is at most {MAX_CAPTION_CHARS} characters.")
        screen_text(caption, what="caption", author=actor, real_person=_has_real_person(post.job))
        post.caption = caption
        changed.append("caption")
    if visibility is not None:
        if visibility not in Post.Visibility.values:
            raise PostError("visibility_invalid", "Visibility is public, followers or private.")
        post.visibility = visibility
        changed.append("visibility")
    if allow_remix is not None:
        post.allow_remix = allow_remix
        changed.append("allow_remix")
    if changed:
        post.save(update_fields=[*changed, "updated_at"])
    return post


def post_delete(*, post_id: int, actor: AbstractBaseUser) -> None:
    """The author deletes a post: it leaves every read path; its remixes stay, showing the parent as gone."""
    post = _own_post(post_id=post_id, actor=actor)
    updated = Post.objects.filter(pk=post.pk, deleted_at__isnull=True).update(deleted_at=timezone.now())
    if updated and post.parent_id:
        Post.objects.filter(pk=post.parent_id, remix_count__gt=0).update(remix_count=F("remix_count") - 1)


def post_take_down(*, post: Post, moderator: AbstractBaseUser, reason: str) -> Post:
    """Hide a post from every read path (moderation records its own audit). Idempotent."""
    Post.objects.filter(pk=post.pk, taken_down_at__isnull=True).update(taken_down_at=timezone.now())
    post.refresh_from_db(fields=["taken_down_at"])
    logger.info("post %s taken down by %s: %s", post.pk, moderator.pk, reason[:200])
    return post


def post_restore(*, post: Post, moderator: AbstractBaseUser, reason: str) -> Post:
    """Undo a takedown (a consent revocation stays). Idempotent."""
    Post.objects.filter(pk=post.pk).update(taken_down_at=None)
    post.refresh_from_db(fields=["taken_down_at"])
    logger.info("post %s restored by %s: %s", post.pk, moderator.pk, reason[:200])
    return post


def comment_take_down(*, comment: Comment, moderator: AbstractBaseUser, reason: str) -> Comment:
    """Hide a comment from every read path (moderation records its own audit). Idempotent."""
    Comment.objects.filter(pk=comment.pk, taken_down_at__isnull=True).update(taken_down_at=timezone.now())
    comment.refresh_from_db(fields=["taken_down_at"])
    logger.info("comment %s taken down by %s: %s", comment.pk, moderator.pk, reason[:200])
    return comment


def comment_restore(*, comment: Comment, moderator: AbstractBaseUser, reason: str) -> Comment:
    """Undo a comment takedown. Idempotent."""
    Comment.objects.filter(pk=comment.pk).update(taken_down_at=None)
    comment.refresh_from_db(fields=["taken_down_at"])
    logger.info("comment %s restored by %s: %s", comment.pk, moderator.pk, reason[:200])
    return comment


# ---- likes, comments, views ---------------------------------------------------------------------------


def post_like(*, post_id: int, user: AbstractBaseUser) -> Post:
    """Like a visible post; liking twice changes nothing (one row per person, counted once)."""
    post = access_post(post_id=post_id, viewer=user)
    try:
        with transaction.atomic():
            Like.objects.create(user_id=user.pk, post=post)
    except IntegrityError:
        return _with_counts(post)
    Post.objects.filter(pk=post.pk).update(like_count=F("like_count") + 1)
    if post.author_id != user.pk:
        already = Notification.objects.filter(
            recipient_id=post.author_id, kind=Notification.Kind.LIKED, actor_id=user.pk, data__post=post.pk
        ).exists()
        if not already:  # like, unlike, like again: one notification
            notification_create(
                recipient=post.author, kind=Notification.Kind.LIKED, actor=user, data={"post": post.pk}
            )
    return _with_counts(post)


def post_unlike(*, post_id: int, user: AbstractBaseUser) -> Post:
    """Take a like back; without a like it changes nothing."""
    post = access_post(post_id=post_id, viewer=user)
    deleted, _ = Like.objects.filter(user_id=user.pk, post=post).delete()
    if deleted:
        Post.objects.filter(pk=post.pk, like_count__gt=0).update(like_count=F("like_count") - 1)
    return _with_counts(post)


def _with_counts(post: Post) -> Post:
    post.refresh_from_db(fields=["like_count", "comment_count", "view_count", "remix_count"])
    return post


def comment_create(
    *, post_id: int, author: AbstractBaseUser, body: str, client_id: str = ""
) -> tuple[Comment, bool]:
    """Comment on a visible post. With a client id, a retried request returns the first comment (created=False)."""
    if getattr(author, "is_restricted", False):
        raise PostError("account_suspended", "Your account cannot comment right now.", 403)
    body = (body or "").strip()
    if not body:
        raise PostError("comment_empty", "Write something.")
    if len(body) > MAX_COMMENT_CHARS:
        raise PostError("comment_too_long", f"A comment is at most {MAX_COMMENT_CHARS} characters.")
    post = access_post(post_id=post_id, viewer=author)
    screen_text(body, what="comment", author=author)
    client_id = (client_id or "").strip()[:64]
    if client_id:
        existing = Comment.objects.filter(author_id=author.pk, client_id=client_id).first()
        if existing is not None:
            return _same_comment(existing, post), False
    try:
        with transaction.atomic():
            comment = Comment.objects.create(post=post, author_id=author.pk, body=body, client_id=client_id)
    except IntegrityError:
        existing = Comment.objects.get(author_id=author.pk, client_id=client_id)
        return _same_comment(existing, post), False
    Post.objects.filter(pk=post.pk).update(comment_count=F("comment_count") + 1)
    if post.author_id != author.pk:
        notification_create(
            recipient=post.author,
            kind=Notification.Kind.COMMENTED,
            actor=author,
            data={"post": post.pk, "comment": comment.pk},
        )
    return comment, True


def _same_comment(existing: Comment, post: Post) -> Comment:
    if existing.post_id != post.pk:
        raise PostError("client_id_reused", "This client id was already used for another comment.", 409)
    return existing


def comment_delete(*, post_id: int, comment_id: int, actor: AbstractBaseUser) -> None:
    """The comment's author (or the post's author) removes a comment."""
    post = access_post(post_id=post_id, viewer=actor)
    comment = Comment.objects.filter(pk=comment_id, post=post, deleted_at__isnull=True).first()
    if comment is None:
        raise PostError("comment_not_found", "No such comment.", 404)
    if actor.pk not in (comment.author_id, post.author_id):
        raise PostError("not_comment_author", "You can only delete your own comments.", 403)
    if Comment.objects.filter(pk=comment.pk, deleted_at__isnull=True).update(deleted_at=timezone.now()):
        Post.objects.filter(pk=post.pk, comment_count__gt=0).update(comment_count=F("comment_count") - 1)


def post_view_record(*, post_id: int, viewer: AbstractBaseUser) -> tuple[Post, bool]:
    """A view event: counted once per viewer, post and day; the author's own views are not counted."""
    post = access_post(post_id=post_id, viewer=viewer)
    if post.author_id == viewer.pk:
        return _with_counts(post), False
    try:
        with transaction.atomic():
            PostView.objects.create(viewer_id=viewer.pk, post=post, day=timezone.localdate())
    except IntegrityError:
        return _with_counts(post), False
    Post.objects.filter(pk=post.pk).update(view_count=F("view_count") + 1)
    return _with_counts(post), True


# ---- steering and wellness ----------------------------------------------------------------------------


def steering_set(*, user: AbstractBaseUser, text: str) -> Steering | None:
    """Set (or, with empty text, clear) a person's steering; its clauses are embedded once, here."""
    text = " ".join((text or "").split())
    if len(text) > MAX_STEERING_CHARS:
        raise PostError("steering_too_long", f"Steering text is at most {MAX_STEERING_CHARS} characters.")
    # A ranking made ahead with the old steering must not be served: drop it now, and again once committed
    # (a rank-ahead task running meanwhile still reads the old steering).
    for_you_ranking_forget(user.pk)
    transaction.on_commit(lambda: for_you_ranking_forget(user.pk))
    if not text:
        Steering.objects.filter(user_id=user.pk).delete()
        return None
    clauses = steering_parse(text)
    more, less = steering_embed(clauses)
    steering, _ = Steering.objects.update_or_create(
        user_id=user.pk,
        defaults={
            "text": text,
            "more_vectors": more,
            "less_vectors": less,
            "more_label": clauses.label(clauses.more),
            "less_label": clauses.label(clauses.less),
        },
    )
    return steering


def wellness_record(*, user: AbstractBaseUser, mood: str, note: str = "") -> WellnessCheckIn:
    """Store how the person feels. Private to them; nothing in ranking reads it."""
    if mood not in WellnessCheckIn.Mood.values:
        raise PostError("mood_invalid", "Pick one of the offered answers.")
    day = FeedDay.objects.filter(user_id=user.pk, day=timezone.localdate()).first()
    return WellnessCheckIn.objects.create(
        user_id=user.pk,
        mood=mood,
        note=(note or "").strip()[:500],
        videos_today=day.videos_served if day else 0,
        minutes_today=(day.active_seconds // 60) if day else 0,
    )


# ---- serving a feed page ------------------------------------------------------------------------------

FEED_KINDS = ("for_you", "following")


@dataclass
class FeedPage:
    """What the feed endpoint answers: a state, items, a next cursor, and the limits in force."""

    kind: str
    state: str  # "ok", "daily_limit_reached" or "continuous_scroll_off"
    items: list[tuple[Post, str]] = field(default_factory=list)
    next_cursor: str | None = None
    check_in: dict | None = None
    limits: dict = field(default_factory=dict)
    message: str = ""
    # What the person asked for more of, for items shown because they match it ("matches your steering: x").
    steering_label: str = ""


# Every feed request reads and updates the person's day; compiled once (building these ORM queries cost
# more than running them: about 2 ms of a 9 ms `following` page).
FEED_DAY_FIELDS = tuple(field.attname for field in FeedDay._meta.concrete_fields)
FEED_DAY = CompiledQuery(
    lambda *, user_id, day, variant: FeedDay.objects.filter(user_id=user_id, day=day).order_by().values(*FEED_DAY_FIELDS),
    user_id=Param.INT,
    day=Param.DATE,
)


def _page_count_changes(*, page_key, served, active, now, checkin_videos=None, checkin_seconds=None) -> dict:
    marks = {}
    if checkin_videos is not None:
        marks = {"checkin_videos_mark": checkin_videos, "checkin_seconds_mark": checkin_seconds}
    return {
        # Decided in the database too, so two concurrent retries of one page still count it once.
        "videos_served": Case(When(last_page_key=page_key, then=F("videos_served")), default=F("videos_served") + served),
        "active_seconds": F("active_seconds") + active,
        "last_request_at": now,
        "last_page_key": page_key,
        **marks,
    }


def _page_count_update(*, day_id, variant, **values):
    return FeedDay.objects.filter(pk=day_id), _page_count_changes(**values)


_PAGE_COUNT_PARAMS = {"day_id": Param.INT, "page_key": Param.STR, "served": Param.INT, "active": Param.INT, "now": Param.DATETIME}
PAGE_COUNT = CompiledUpdate(_page_count_update, **_PAGE_COUNT_PARAMS)
# A check-in also moves the marks the next one is counted from.
PAGE_COUNT_WITH_CHECK_IN = CompiledUpdate(
    _page_count_update, **_PAGE_COUNT_PARAMS, checkin_videos=Param.INT, checkin_seconds=Param.INT
)


class ViewerReads(NamedTuple):
    day: FeedDay
    steering: Steering | None
    # See feed.timelines.timeline_read; None when not read.
    follow_signature: str | None


def _viewer_reads(user: AbstractBaseUser, *, with_steering: bool, with_follow_signature: bool) -> ViewerReads:
    """Today's feed day and, if asked, the person's steering and follow signature: independent reads, made in
    one round trip."""
    today = timezone.localdate()
    reads = [FEED_DAY.bind(user_id=user.pk, day=today)]
    if with_steering:
        reads.append(STEERING.bind(user_id=user.pk))
    if with_follow_signature:
        reads.append(FOLLOW_SIGNATURE.bind(user_id=user.pk))
    day_rows, *rest = rows_together(*reads)
    if day_rows:
        day = instance_from_row(FeedDay, day_rows[0])
    else:
        day, _ = FeedDay.objects.get_or_create(user_id=user.pk, day=today)
    steering = steering_from_rows(rest.pop(0)) if with_steering else None
    signature = follow_signature_from_rows(rest.pop(0)) if with_follow_signature else None
    return ViewerReads(day, steering, signature)


def _limits_payload(limits: Limits, day: FeedDay) -> dict:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    resets_at = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    return {
        "daily_feed_videos": limits.daily_feed_videos,
        "videos_today": day.videos_served,
        "continuous_scroll": limits.continuous_scroll,
        "personalized": limits.personalized_feed,
        "resets_at": resets_at.isoformat(),
    }


# What a list of videos answers as its `state`: served, or stopped by one of the limits.
LIST_STATES = ("ok", "daily_limit_reached", "continuous_scroll_off")
LIMIT_MESSAGES = {
    "continuous_scroll_off": "Continuous scroll is off for this account. Come back later for a new page.",
    "daily_limit_reached": "You have seen today's videos. The feed opens again tomorrow.",
}


def _limit_state(limits: Limits, day: FeedDay, *, next_page: bool) -> tuple[str, int | None]:
    """ok, continuous_scroll_off or daily_limit_reached; and how many videos are left today (None: no cap)."""
    if next_page and not limits.continuous_scroll:
        return "continuous_scroll_off", None
    if limits.daily_feed_videos is None:
        return "ok", None
    remaining = limits.daily_feed_videos - day.videos_served
    return ("ok" if remaining > 0 else "daily_limit_reached"), remaining


@dataclass
class BrowseAllowance:
    """What the feed's limits allow on another list of videos; `day` is None when nothing is counted."""

    state: str = "ok"
    remaining: int | None = None
    day: FeedDay | None = None
    continuous_scroll: bool = True

    @property
    def message(self) -> str:
        return LIMIT_MESSAGES.get(self.state, "")

    def fit(self, page: list, *, page_key: str) -> list:
        """The page cut to what is left of today's cap; a retry of the page last counted gets it whole again."""
        if self.remaining is None or self.day is None or page_key == self.day.last_page_key:
            return page
        return page[: self.remaining]

    def offers_next_page(self, served: int) -> bool:
        return self.continuous_scroll and (self.remaining is None or served < self.remaining)


def browse_allowance(viewer: AbstractBaseUser, *, next_page: bool) -> BrowseAllowance:
    """The feed's daily cap and continuous-scroll rule, applied to the other lists of videos (the newest posts,
    a person's posts, a post's remixes), so that they are no way around them. Free for people without limits."""
    limits = limits_for(viewer)
    if limits.daily_feed_videos is None and limits.continuous_scroll:
        return BrowseAllowance()
    day = _viewer_reads(viewer, with_steering=False, with_follow_signature=False).day
    state, remaining = _limit_state(limits, day, next_page=next_page)
    return BrowseAllowance(state, remaining, day, limits.continuous_scroll)


def browse_count(allowance: BrowseAllowance, *, served: int, page_key: str) -> None:
    """Count videos served on such a list towards today's feed total (a retried page is counted once)."""
    if allowance.day is not None and served:
        _account_page(allowance.day, served=served, page_key=page_key[:64])


def feed_serve(
    *, viewer: AbstractBaseUser, kind: str, cursor: str | None = None, page_size: int | None = None
) -> FeedPage:
    """One feed page for a viewer, with their limits applied (read through `limits_for`):

    - a daily cap on videos served: past it, the state is `daily_limit_reached` (not an empty page);
    - continuous scroll off: one page, then `continuous_scroll_off`;
    - personalized ranking off: For You is the people they follow plus global recent posts, newest first.
    A wellness check-in item comes every WELLNESS_CHECK_EVERY_VIDEOS videos or _MINUTES minutes a day.
    """
    if kind not in FEED_KINDS:
        raise PostError("feed_kind_invalid", "The feed kind is for_you or following.")
    page_size = max(1, min(page_size or feed_setting("FEED_PAGE_SIZE"), feed_setting("FEED_MAX_PAGE_SIZE")))
    position = cursor_decode(cursor, viewer_id=viewer.pk, kind=kind) if cursor else None
    limits = limits_for(viewer)
    # Read with the feed day: the steering for For You (a first page ranks with it, a next page may label
    # items with it), and the follow signature that checks the Redis timeline `following` and For You's first
    # pages read.
    steers = kind == "for_you" and limits.personalized_feed
    reads = _viewer_reads(
        viewer,
        with_steering=steers,
        with_follow_signature=fanout_enabled() and (kind == "following" or position is None),
    )
    day = reads.day
    page = FeedPage(kind=kind, state="ok", limits=_limits_payload(limits, day))

    page.state, remaining = _limit_state(limits, day, next_page=position is not None)
    if page.state != "ok":
        page.message = LIMIT_MESSAGES[page.state]
        return page

    if kind == "following":
        chunk: FeedSlice = feed_following(
            viewer, position=position, page_size=page_size, follow_signature=reads.follow_signature
        )
    else:
        chunk = feed_for_you(
            viewer,
            position=position,
            page_size=page_size,
            personalized=limits.personalized_feed,
            steering=reads.steering,
            follow_signature=reads.follow_signature,
        )
    if kind == "for_you" and position is None:
        _schedule_rank_ahead(viewer)
    page_key = f"{kind}:{chunk.page_key}"[:64]
    page.items = chunk.items
    if any(reason == "steering" for _, reason in page.items) and reads.steering:
        page.steering_label = reads.steering.more_label
    next_position = chunk.next_position if limits.continuous_scroll else None
    if remaining is not None and page_key != day.last_page_key and len(page.items) > remaining:
        # Only what is left of today's cap (a retry of the page already counted gets it whole again).
        page.items = page.items[:remaining]
        next_position = None
    if next_position is not None:
        page.next_cursor = cursor_encode(viewer_id=viewer.pk, kind=kind, **next_position)
    page.check_in = _account_page(day, served=len(page.items), page_key=page_key)
    page.limits["videos_today"] = day.videos_served
    return page


def _schedule_rank_ahead(viewer: AbstractBaseUser) -> None:
    """Once the page is committed, rank the person's next first page on the `default` queue (one pending
    task per person)."""
    if not feed_setting("FEED_RANK_AHEAD") or not cache.add(f"feed:fy:ahead:{viewer.pk}", 1, 60):
        return
    from feed.tasks import for_you_rank_ahead_task
    from sora_social.celery import Queue

    transaction.on_commit(lambda: for_you_rank_ahead_task.apply_async(args=[viewer.pk], queue=Queue.DEFAULT))


def for_you_rank_ahead(*, user_id: int) -> bool:
    """Rank a person's next For You first page ahead of time (see feed.feeds.for_you_ranking_store)."""
    from sora_social.accounts.models import User

    cache.delete(f"feed:fy:ahead:{user_id}")
    viewer = User.objects.filter(pk=user_id, is_active=True, banned_at__isnull=True).first()
    if viewer is None:
        return False
    personalized = limits_for(viewer).personalized_feed
    for_you_ranking_store(viewer, personalized=personalized, steering=steering_of(viewer) if personalized else None)
    return True


def _account_page(day: FeedDay, *, served: int, page_key: str) -> dict | None:
    """Count the page once (a retry with the same key is not counted again) and decide on a check-in."""
    now = timezone.now()
    gap = (now - day.last_request_at).total_seconds() if day.last_request_at else 0
    active = int(min(max(gap, 0), MAX_ACTIVE_GAP_S))
    counted = served if page_key != day.last_page_key else 0
    videos = day.videos_served + counted
    seconds = day.active_seconds + active
    every_videos = settings.WELLNESS_CHECK_EVERY_VIDEOS
    every_seconds = settings.WELLNESS_CHECK_EVERY_MINUTES * 60
    check_in = None
    if every_videos and videos - day.checkin_videos_mark >= every_videos:
        check_in = "videos"
    elif every_seconds and seconds - day.checkin_seconds_mark >= every_seconds:
        check_in = "minutes"
    counted = {"day_id": day.pk, "page_key": page_key[:64], "served": served, "active": active, "now": now}
    if check_in:
        PAGE_COUNT_WITH_CHECK_IN.update(**counted, checkin_videos=videos, checkin_seconds=seconds)
    else:
        PAGE_COUNT.update(**counted)
    day.videos_served, day.active_seconds = videos, seconds
    if not check_in:
        return None
    return {
        "reason": check_in,
        "videos_today": videos,
        "minutes_today": seconds // 60,
        "question": "How are you feeling right now?",
        "answers": list(WellnessCheckIn.Mood.values),
    }


# ---- background work ----------------------------------------------------------------------------------


def post_embed(*, post_id: int) -> bool:
    """Compute a post's MiniLM embedding from its prompt and caption, once. Idempotent."""
    from feed.steering import post_embedding_text
    from sora_social.text_embedding import embed_text

    row = Post.objects.filter(pk=post_id, embedding__isnull=True).values_list("job__prompt", "caption").first()
    if row is None:
        return False
    vector = embed_text(post_embedding_text(prompt=row[0], caption=row[1]))
    return bool(Post.objects.filter(pk=post_id, embedding__isnull=True).update(embedding=vector.tobytes()))


def feed_circle_refresh(*, user_id: int) -> int:
    """Recompute one person's For You circle candidates (queued when their kept list goes stale; see
    feed.feeds.circle_candidate_ids). Returns how many ids it holds."""
    return len(circle_candidates_refresh(user_id, now=timezone.now())["ids"])


def feed_global_candidates_refresh() -> int:
    """Recompute For You's shared lists of fresh and popular posts (beat runs this; see
    feed.feeds.global_candidate_ids). Returns how many ids they hold."""
    shared = global_candidates_refresh()
    return len(shared["fresh"]) + len(shared["popular"])


def post_fan_out(*, post_id: int) -> int:
    """Push a published post into its author's active followers' timelines (FEED_FANOUT)."""
    from feed.timelines import fan_out

    post = Post.objects.filter(pk=post_id, deleted_at__isnull=True).first()
    if post is None or not fanout_enabled():
        return 0
    return fan_out(post=post)
