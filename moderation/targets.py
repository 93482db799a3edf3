"""What can be reported: posts, comments, profiles and cameos, found the way the reporter can see them.

A reporter may only report what they can see, so a missing target and a hidden one give the same None: ids
cannot be probed through reports. Moderators load targets without that filter. What a reporter blocked is found as
if they had not: someone who blocked their harasser can still report them, their posts and their comments (a block
by the other side still hides).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from cameos.models import Cameo
from cameos.policy import cameos_usable_by
from feed.models import Comment, Post
from feed.selectors import PostError, access_post_comments, comments_of, visible_posts
from moderation.models import TargetKind
from sora_social.accounts.models import Block, User
from sora_social.accounts.selectors import user_visible_to


@dataclass(frozen=True)
class Target:
    """A reportable thing: its kind, its id, and the person answerable for it."""

    kind: str
    id: int
    owner_id: int | None
    obj: object


def _int_id(ref: str) -> int | None:
    ref = str(ref).strip()
    # isascii: str.isdigit() also accepts digits such as "²" that int() refuses.
    if not (ref.isascii() and ref.isdigit()) or len(ref) > 18:
        return None
    return int(ref)


def _post_seen_by(post_id: int, viewer: User) -> Post | None:
    return visible_posts(viewer_id=viewer.pk, now=timezone.now(), keep_blocked_by_viewer=True).filter(pk=post_id).first()


def _post_visible(post_id: int, viewer: User) -> Target | None:
    post = _post_seen_by(post_id, viewer)
    return Target(TargetKind.POST, post.pk, post.author_id, post) if post else None


def _comment_visible(comment_id: int, viewer: User) -> Target | None:
    post_id = Comment.objects.filter(pk=comment_id).values_list("post_id", flat=True).first()
    if post_id is None:
        return None
    post = _post_seen_by(post_id, viewer)
    if post is not None:
        comments = comments_of(post=post, viewer=viewer, keep_blocked_by_viewer=True)
    else:
        # On a post they may not see, a cameo's owner is shown the comments held for breaking their cameo's
        # restrictions (feed.selectors.access_post_comments): what they are shown, they may report.
        try:
            post, _ = access_post_comments(post_id=post_id, viewer=viewer)
        except PostError:
            return None
        comments = comments_of(post=post, viewer=viewer, only_held_for_viewer=True)
    comment = comments.filter(pk=comment_id).first()
    return Target(TargetKind.COMMENT, comment.pk, comment.author_id, comment) if comment else None


def _profile_visible(handle: str, viewer: User) -> Target | None:
    user = user_visible_to(handle=handle.strip().lstrip("@"), viewer=viewer, keep_blocked_by_viewer=True)
    return Target(TargetKind.PROFILE, user.pk, user.pk, user) if user else None


def _cameo_visible(cameo_id: int, viewer: User) -> Target | None:
    # A live cameo can be seen (mentioned, shown in videos) unless its owner blocked the reporter (one's own block
    # of them does not stop a report).
    # Of an owner who is active and not banned, as their profile is: a banned or closed account's cameo answered
    # 201 where their profile answered 404, which told a banned account from a deleted one (round on moderation).
    # And only one the reporter can come across: one they may use, or one shown live in a post they can see. Any
    # verified cameo answered 201 where a missing id answered 404, which told a stranger which ids were live cameos, an
    # "only me" one and a teen's included (STYLE.md: a missing cameo and a forbidden one look the same to a stranger).
    cameo = Cameo.objects.filter(
        pk=cameo_id, status=Cameo.Status.VERIFIED, owner__is_active=True, owner__banned_at__isnull=True
    ).first()
    if cameo is None or Block.objects.filter(blocker_id=cameo.owner_id, blocked_id=viewer.pk).exists():
        return None
    come_across = (
        cameos_usable_by(viewer, keep_blocked_by_actor=True).filter(pk=cameo.pk).exists()
        or visible_posts(viewer_id=viewer.pk, now=timezone.now(), keep_blocked_by_viewer=True)
        .filter(job__appearances__cameo_id=cameo.pk)
        .exists()
    )
    return Target(TargetKind.CAMEO, cameo.pk, cameo.owner_id, cameo) if come_across else None


def target_visible_to(*, kind: str, ref: str, viewer: User) -> Target | None:
    """The target as the viewer can see it: ids for posts, comments and cameos, the @handle for a profile."""
    if kind == TargetKind.PROFILE:
        return _profile_visible(str(ref), viewer) if str(ref).strip() else None
    target_id = _int_id(ref)
    if target_id is None:
        return None
    if kind == TargetKind.POST:
        return _post_visible(target_id, viewer)
    if kind == TargetKind.COMMENT:
        return _comment_visible(target_id, viewer)
    if kind == TargetKind.CAMEO:
        return _cameo_visible(target_id, viewer)
    return None


def target_load(*, kind: str, target_id: int) -> Target | None:
    """The target whatever its state (taken down, revoked, banned owner): what a moderator reviews."""
    if kind == TargetKind.POST:
        post = Post.objects.select_related("author", "job").filter(pk=target_id).first()
        return Target(kind, post.pk, post.author_id, post) if post else None
    if kind == TargetKind.COMMENT:
        comment = Comment.objects.select_related("author").filter(pk=target_id).first()
        return Target(kind, comment.pk, comment.author_id, comment) if comment else None
    if kind == TargetKind.PROFILE:
        user = User.objects.filter(pk=target_id).first()
        return Target(kind, user.pk, user.pk, user) if user else None
    if kind == TargetKind.CAMEO:
        cameo = Cameo.objects.select_related("owner").filter(pk=target_id).first()
        return Target(kind, cameo.pk, cameo.owner_id, cameo) if cameo else None
    return None
