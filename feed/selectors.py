"""Reads about posts. `visible_posts` is THE definition of who may see a post; every read path uses it.

The hot reads built on it (item pages, For You features) are compiled once per process in `feed.hot_queries`.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from cameos.selectors import withdrawn_appearances
from feed.models import Comment, Like, Post
from generation.models import GenerationJob
from sora_social.accounts.models import Block, Follow, User
from sora_social.errors import ServiceError

# Columns a page never needs: the embedding (1.5 KB a post) and the job's bookkeeping.
HEAVY_FIELDS = (
    "embedding",
    "job__render_metrics",
    "job__state_times",
    "job__consent_pins",
    "job__manifest_label",
)


def without_blocks(
    queryset: QuerySet, *, viewer_id: int, author_field: str = "author_id", keep_blocked_by_viewer: bool = False
) -> QuerySet:
    """Drop rows whose author and the viewer blocked each other, in either direction (two indexed NOT EXISTS).
    `keep_blocked_by_viewer` drops only the authors who blocked the viewer (a report of someone one blocked)."""
    author = OuterRef(author_field)
    if not keep_blocked_by_viewer:
        queryset = queryset.exclude(Exists(Block.objects.filter(blocker_id=viewer_id, blocked_id=author)))
    return queryset.exclude(Exists(Block.objects.filter(blocker_id=author, blocked_id=viewer_id)))


def followees(viewer_id: int) -> QuerySet:
    """Ids of the people the viewer follows, as a subquery."""
    return Follow.objects.filter(follower_id=viewer_id).values("followee_id")


def live_posts() -> QuerySet[Post]:
    """Posts that exist for anyone: not deleted, not taken down, and without a withdrawn cameo appearance.

    The viewer-independent part of visibility. Candidate lists use it alone (cheap, for picking ids); every
    page is then read through `visible_posts`, which starts from it. Consent is read from the cameo side
    (`cameos.selectors.withdrawn_appearances`, a small partial index): cameos never writes into posts.
    """
    return Post.objects.filter(
        ~Exists(withdrawn_appearances().filter(job_id=OuterRef("job_id"))),
        deleted_at__isnull=True,
        taken_down_at__isnull=True,
    )


def visible_posts(*, viewer_id: int, now: datetime.datetime, keep_blocked_by_viewer: bool = False) -> QuerySet[Post]:
    """Every post the viewer may see at `now`.

    Hidden: deleted posts, posts a moderator took down, posts whose cameo consent was withdrawn (`live_posts`),
    posts of authors who are banned, deactivated or suspended now, posts of people blocked either way,
    followers-only posts of people the viewer does not follow, and private posts of others.
    `keep_blocked_by_viewer`: what the viewer would see but for their own blocks, for reporting someone they blocked
    (moderation.targets); never for showing.
    """
    author = OuterRef("author_id")
    viewer_follows_author = Exists(Follow.objects.filter(follower_id=viewer_id, followee_id=author))
    live = (
        live_posts()
        .filter(author__is_active=True, author__banned_at__isnull=True)
        .filter(Q(author__suspended_until__isnull=True) | Q(author__suspended_until__lte=now))
    )
    return without_blocks(live, viewer_id=viewer_id, keep_blocked_by_viewer=keep_blocked_by_viewer).filter(
        Q(author_id=viewer_id)
        | Q(visibility=Post.Visibility.PUBLIC)
        | (Q(visibility=Post.Visibility.FOLLOWERS) & Q(viewer_follows_author))
    )


def posts_visible_to(viewer: AbstractBaseUser) -> QuerySet[Post]:
    """Every post the viewer may see right now: THE definition of visibility (see `visible_posts`)."""
    return visible_posts(viewer_id=viewer.pk, now=timezone.now())


def post_visible_to(*, post_id: int, viewer: AbstractBaseUser) -> Post | None:
    """One post if the viewer may see it; None for a missing and a hidden post alike."""
    return posts_visible_to(viewer).filter(pk=post_id).select_related("job", "author").defer(*HEAVY_FIELDS).first()


class PostError(ServiceError):
    """A refused action on a post."""


def post_not_found() -> PostError:
    # The same answer for a post that does not exist and one the person may not see.
    return PostError("post_not_found", "No such post.", 404)


def access_post(*, post_id: int, viewer: AbstractBaseUser) -> Post:
    """The post if the viewer may see it, else the same 404 as for a missing post."""
    post = posts_visible_to(viewer).filter(pk=post_id).select_related("author", "job").first()
    if post is None:
        raise post_not_found()
    return post


def access_post_comments(*, post_id: int, viewer: AbstractBaseUser) -> tuple[Post, bool]:
    """The post whose comments the viewer may read, and whether they may read them all. A post they may see: all of
    them. Else a live post that shows their cameo (a followers-only post of someone they do not follow, or of
    someone who blocked them): only the comments held for breaking their cameo's restrictions, which are theirs to
    read, as the video itself is. Else the same 404 as for a missing post."""
    post = posts_visible_to(viewer).filter(pk=post_id).select_related("author", "job").first()
    if post is not None:
        return post, True
    now = timezone.now()
    post = (
        live_posts()
        .filter(pk=post_id, author__is_active=True, author__banned_at__isnull=True)
        .filter(Q(author__suspended_until__isnull=True) | Q(author__suspended_until__lte=now))
        .filter(job__appearances__cameo__owner_id=viewer.pk)
        .select_related("author", "job")
        .first()
    )
    if post is None:
        raise post_not_found()
    return post, False


def counted_comments() -> QuerySet[Comment]:
    """What a post's `comment_count` counts: the comments anyone may see under it, blocks aside (a count is one number
    for everyone). Not deleted, taken down or held, and by a member who is active and not banned: `comments_of` hides
    the others, and a banned member's comments went on being counted (tests/test_information_leak_attacks.py)."""
    return Comment.objects.filter(
        deleted_at__isnull=True,
        taken_down_at__isnull=True,
        held_at__isnull=True,
        author__is_active=True,
        author__banned_at__isnull=True,
    )


def counted_likes() -> QuerySet[Like]:
    """What a post's `like_count` counts: likes by members who are active and not banned. A ring of accounts that
    liked a post and was banned kept it "popular now" for everyone."""
    return Like.objects.filter(user__is_active=True, user__banned_at__isnull=True)


def comments_of(
    *, post: Post, viewer: AbstractBaseUser, only_held_for_viewer: bool = False, keep_blocked_by_viewer: bool = False
) -> QuerySet[Comment]:
    """Comments on a post the viewer can see, without deleted ones and those of people hidden from the viewer.

    A comment held for breaking a cameo's restriction is seen only by its author and that cameo's owner. The owner
    sees it even when its author and they blocked each other: otherwise a commenter could hide from the owner, by
    blocking them, what was said of their likeness. `keep_blocked_by_viewer`: as `visible_posts`, for reporting a
    comment of someone the viewer blocked (moderation.targets); never for showing."""
    live = Comment.objects.filter(
        post=post,
        deleted_at__isnull=True,
        taken_down_at__isnull=True,
        author__is_active=True,
        author__banned_at__isnull=True,
    )
    shown = without_blocks(
        live.filter(Q(held_at__isnull=True) | Q(author_id=viewer.pk)),
        viewer_id=viewer.pk,
        keep_blocked_by_viewer=keep_blocked_by_viewer,
    )
    held_for_viewer = Exists(
        Comment.held_for.through.objects.filter(comment_id=OuterRef("pk"), cameo__owner_id=viewer.pk)
    )
    if only_held_for_viewer:
        return live.filter(held_for_viewer).select_related("author__profile")
    return live.filter(Q(pk__in=shown.values("pk")) | held_for_viewer).select_related("author__profile")


def post_captions(job_ids: list[int]) -> dict[int, dict[str, str]]:
    """The caption of each job's live post, by job id: what existing videos are re-read with when a cameo's
    restrictions change (registered with cameos.services.appearances.on_appearance_texts)."""
    posts = Post.objects.filter(job_id__in=job_ids, deleted_at__isnull=True).values_list("job_id", "caption")
    return {job_id: {"caption": caption} for job_id, caption in posts}


JOB_MEDIA_PREFIXES = ("videos/", "posters/")


def job_media_visible_to(name: str, viewer_id: int) -> bool | None:
    """Whether a job's stored video or poster may still be served to this viewer, checked when it is served
    (registered with `sora_social.api.media.media_guard_register` in feed.apps); None: no job's file.

    A signed URL is only handed to viewers allowed at the time; this re-check makes a revoked or taken-down
    video stop playing at once instead of when its URL expires. A withdrawn appearance hides the file from
    everyone; a post's file is for those who may see the post; a draft's (or a hidden post's) for its creator
    and the people cast in it.
    """
    # Rendered jobs each have their own files, but the demo corpus points many jobs at one placeholder: the file is
    # served when any of them may be, and to no one when any of them is withdrawn (the same bytes show its likeness).
    jobs = list(GenerationJob.objects.filter(Q(video=name) | Q(poster=name)).select_related("post"))
    if not jobs:
        # A job's file that no job names any more was let go (an owner removed the video, a purge): it is never
        # served again, even in the moment before its storage delete runs, or if that delete failed.
        return False if name.startswith(JOB_MEDIA_PREFIXES) else None
    viewer = User.objects.filter(pk=viewer_id, is_active=True, banned_at__isnull=True).first()
    if viewer is None:
        return False
    job_ids = [job.pk for job in jobs]
    if withdrawn_appearances().filter(job_id__in=job_ids).exists():
        return False
    post_ids = [job.post.pk for job in jobs if getattr(job, "post", None) is not None]
    if post_ids and posts_visible_to(viewer).filter(pk__in=post_ids).exists():
        return True
    return (
        any(job.owner_id == viewer.pk for job in jobs)
        or GenerationJob.objects.filter(pk__in=job_ids, appearances__cameo__owner_id=viewer.pk).exists()
    )
