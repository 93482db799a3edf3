"""What people do with a visible post: like it, comment on it, watch it; and moderators' takedowns of comments."""

from __future__ import annotations

import logging

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from cameos.policy import comment_restriction_conflicts, consent_hold
from feed.models import Comment, Like, Post, PostView
from feed.selectors import PostError, access_post, comments_of, counted_comments, counted_likes
from feed.services.posts import screen_text, shows_a_real_person
from sora_social.listeners import Listeners
from sora_social.notifications.models import Notification
from sora_social.notifications.services import notification_create

logger = logging.getLogger(__name__)

MAX_COMMENT_CHARS = 1000


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


def post_comments_recount(post_ids) -> None:
    """Set each post's comment count from its comments (`counted_comments`).

    Every change of what a count counts ends here rather than in a +1 or -1, but for a comment written (which adds
    one, `_count_new_comment`): a comment deleted, held, taken down or restored, and its author banned, reinstated,
    deactivated or deleted. Adding and taking away by hand did not follow a ban, and had to know, at each step,
    whether the comment was counted before. The posts' rows are locked first, in a statement of their own, so the
    count reads every change committed before the lock was granted; a change committed after it recounts again.
    """
    with transaction.atomic():
        locked = _lock_posts(post_ids)
        if not locked:
            return
        counted = counted_comments().filter(post_id=OuterRef("pk")).order_by().values("post_id")
        people = counted.exclude(author_id=OuterRef("author_id"))
        Post.objects.filter(pk__in=locked).update(
            comment_count=_count_of(counted.annotate(n=Count("pk")).values("n")),
            commenter_count=_count_of(people.annotate(n=Count("author_id", distinct=True)).values("n")),
        )


def post_likes_recount(post_ids) -> None:
    """Set each post's like count from its likes (`counted_likes`), under the posts' row locks: after a liker's
    standing changed. A like and an unlike still add or take one (atomically); a recount meanwhile takes turns with
    them on the post's row."""
    with transaction.atomic():
        locked = _lock_posts(post_ids)
        if not locked:
            return
        counted = counted_likes().filter(post_id=OuterRef("pk")).order_by().values("post_id")
        Post.objects.filter(pk__in=locked).update(like_count=_count_of(counted.annotate(n=Count("pk")).values("n")))


def _lock_posts(post_ids) -> list[int]:
    """Lock these posts' rows, newest first, in a statement of its own: what the caller reads next was committed before
    the locks were granted. Inside the caller's transaction. Newest first, as every locker of posts takes them (a change
    to a remix locks it, then its parent: remix.services.remix_counts_recount), so two never wait on each other
    crosswise; oldest first, a suspension's recount deadlocked with an author narrowing a remix (round 3)."""
    ids = sorted({int(pk) for pk in post_ids}, reverse=True)
    if not ids:
        return []
    return list(Post.objects.select_for_update().filter(pk__in=ids).order_by("-pk").values_list("pk", flat=True))


def _count_of(subquery) -> Coalesce:
    return Coalesce(Subquery(subquery, output_field=IntegerField()), 0)


def _count_new_comment(post: Post, comment: Comment) -> None:
    """A comment just written counts one more, and its writer one more commenter if they are not the post's author
    and had no counted comment on it yet. Added, not recounted: a recount reads every comment of the post (97 ms at
    10,000 comments, against a few for this), and writing a comment is the common change. Under the post's row lock,
    as a recount is, so the two take turns and neither misses the other."""
    with transaction.atomic():
        _lock_posts([post.pk])
        first_of_theirs = (
            comment.author_id != post.author_id
            and not counted_comments().filter(post_id=post.pk, author_id=comment.author_id).exclude(pk=comment.pk).exists()
        )
        added = {"comment_count": F("comment_count") + 1}
        if first_of_theirs:
            added["commenter_count"] = F("commenter_count") + 1
        Post.objects.filter(pk=post.pk).update(**added)


def _posts_touched_by(user_id: int) -> tuple[list[int], list[int]]:
    """The posts this person commented on, and those they liked."""
    commented = list(Comment.objects.filter(author_id=user_id).values_list("post_id", flat=True).distinct())
    liked = list(Like.objects.filter(user_id=user_id).values_list("post_id", flat=True))
    return commented, liked


def counts_recount_for_person(user_id: int) -> None:
    """Recount every post this person commented on or liked: their standing changed (banned, reinstated,
    deactivated)."""
    commented, liked = _posts_touched_by(user_id)
    post_comments_recount(commented)
    post_likes_recount(liked)


_STANDING_FIELDS = frozenset({"is_active", "banned_at", "suspended_until"})

# The apps above that keep counts of a person's posts (remix: a parent's count of its remixes) follow a change of
# standing, called as `listener(user_id=)`, and a deleted account, as `listener(remixed_post_ids=)`: the posts the
# account's remixes (gone with it) remixed.
standing_changed = Listeners("a member was banned, suspended, reinstated, deactivated or reactivated")
on_standing_changed = standing_changed.register
account_deleted = Listeners("a member's account was deleted, with its posts")
on_account_deleted = account_deleted.register


def _standing(user) -> tuple[object, object, object] | None:
    """Whether the account is active and not banned, and until when it is suspended, as loaded; None if a field was
    not loaded (deferred)."""
    if any(name not in user.__dict__ for name in _STANDING_FIELDS):
        return None
    return user.__dict__["is_active"], user.__dict__["banned_at"] is None, user.__dict__["suspended_until"]


def remember_standing(sender, instance, **kwargs) -> None:
    """post_init of the user model: what a later save is compared with."""
    instance._standing_loaded = _standing(instance)


def recount_on_standing_change(sender, instance, created, update_fields=None, **kwargs) -> None:
    """post_save of the user model: a ban, a reinstatement, a deactivation or a reactivation saved by any path (a
    moderator's decision, the admin, the shell) recounts the posts the person commented on or liked."""
    now = _standing(instance)
    before = getattr(instance, "_standing_loaded", None)
    instance._standing_loaded = now
    if created or (update_fields is not None and not _STANDING_FIELDS & set(update_fields)):
        return
    if before is None or now is None or before != now:
        counts_recount_for_person(instance.pk)
        standing_changed.notify(user_id=instance.pk)


def remember_commented_posts(sender, instance, **kwargs) -> None:
    """pre_delete of the user model: their comments and likes go with the row (CASCADE); the posts they were on are
    kept to be recounted once they are gone."""
    instance._posts_touched = _posts_touched_by(instance.pk)
    instance._posts_remixed = list(
        Post.objects.filter(author_id=instance.pk, parent__isnull=False).values_list("parent_id", flat=True)
    )


def recount_after_account_deleted(sender, instance, **kwargs) -> None:
    """post_delete of the user model."""
    commented, liked = getattr(instance, "_posts_touched", ((), ()))
    post_comments_recount(commented)
    post_likes_recount(liked)
    account_deleted.notify(remixed_post_ids=getattr(instance, "_posts_remixed", []))


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
    # As strictly as the caption: under a real person's video, a comment was let through that the caption was not
    # (test_remix_and_comment_attacks).
    screen_text(body, what="comment", author=author, real_person=shows_a_real_person(post.job))
    client_id = (client_id or "").strip()[:64]
    if client_id:
        existing = Comment.objects.filter(author_id=author.pk, client_id=client_id).first()
        if existing is not None:
            return _same_comment(existing, post), False
    try:
        with transaction.atomic():
            # Asked before the comment is stored (a held comment is stored held, never shown first and hidden
            # after), and with the cameos' consent held still until it is: a restriction added in between would
            # re-check the comments before this one exists and miss it.
            consent_hold(post.job.cameos.values_list("pk", flat=True))
            conflicts = comment_restriction_conflicts(
                post.job.cameos.all(), author, body, subject=f"comment:post:{post.pk}"
            )
            comment = Comment.objects.create(
                post=post,
                author_id=author.pk,
                body=body,
                client_id=client_id,
                held_at=timezone.now() if conflicts else None,
                held_restriction=conflicts[0][1][:200] if conflicts else "",
            )
            if conflicts:
                comment.held_for.set([cameo for cameo, _ in conflicts])
    except IntegrityError:
        existing = Comment.objects.get(author_id=author.pk, client_id=client_id)
        return _same_comment(existing, post), False
    if conflicts:
        for cameo, restriction in conflicts:
            notification_create(
                recipient=cameo.owner,
                kind=Notification.Kind.COMMENT_HELD,
                actor=author,
                data={"post": post.pk, "comment": comment.pk, "cameo": cameo.handle, "restriction": restriction},
            )
        return comment, True
    _count_new_comment(post, comment)
    if post.author_id != author.pk:
        notification_create(
            recipient=post.author,
            kind=Notification.Kind.COMMENTED,
            actor=author,
            data={"post": post.pk, "comment": comment.pk},
        )
    return comment, True


def comments_recheck_for_cameo(*, cameo) -> int:
    """A cameo's restrictions changed: the public comments under the posts that show it are read again, and those
    that now break a restriction are held, as if they had been written now (the owner is told; the count drops).

    Called by cameos (on_restrictions_rechecked) on the worker, after the owner's change. A comment held before is
    not released when a restriction is lifted: it was held under the rules of its time. A comment already held for
    another cameo that breaks this one's restrictions is held for this cameo too, so its owner sees it and is told.
    Returns how many comments it held for the cameo.
    """
    if not cameo.restrictions:
        return 0
    # Taken-down comments too: a moderator may restore one, and it must come back held.
    comments = (
        Comment.objects.filter(post__job__cameos=cameo, deleted_at__isnull=True)
        .exclude(author_id=cameo.owner_id)
        .exclude(held_for=cameo)
        .select_related("author")
        .order_by("pk")
    )
    held = 0
    for comment in comments:
        conflicts = comment_restriction_conflicts([cameo], comment.author_id, comment.body, subject=f"comment:post:{comment.post_id}")
        if not conflicts:
            continue
        with transaction.atomic():
            if comment.held_at is None:
                current = Comment.objects.select_for_update().filter(
                    pk=comment.pk, held_at__isnull=True, deleted_at__isnull=True
                ).first()
                if current is None:
                    continue  # deleted or held meanwhile
                Comment.objects.filter(pk=comment.pk).update(
                    held_at=timezone.now(), held_restriction=conflicts[0][1][:200]
                )
                post_comments_recount([comment.post_id])
            elif not Comment.objects.filter(pk=comment.pk, deleted_at__isnull=True).exists():
                continue  # deleted meanwhile
            # Already held for another cameo: it stays held as it was (its time and count unchanged), for this
            # cameo's owner to see as well.
            comment.held_for.add(cameo)
            notification_create(
                recipient=cameo.owner,
                kind=Notification.Kind.COMMENT_HELD,
                actor=comment.author,
                data={"post": comment.post_id, "comment": comment.pk, "cameo": cameo.handle, "restriction": conflicts[0][1]},
            )
        held += 1
    return held


def _same_comment(existing: Comment, post: Post) -> Comment:
    if existing.post_id != post.pk:
        raise PostError("client_id_reused", "This client id was already used for another comment.", 409)
    return existing


def comment_delete(*, post_id: int, comment_id: int, actor: AbstractBaseUser) -> None:
    """The comment's author (or the post's author) removes a comment.

    A comment the actor may not see is "not found", as it is when reading: a held comment is for its author and the
    cameo owner only, and a 403 (or a delete) would tell anyone else that it exists. The post's author may still
    remove a comment that a block hides from them, as long as it is not held, and its writer's standing does not hide
    it from everyone (banned or closed: a 204 there told that the hidden comment was still stored, and the delete
    outlived a lifted ban).
    """
    post = access_post(post_id=post_id, viewer=actor)
    comment = (
        Comment.objects.filter(pk=comment_id, post=post, deleted_at__isnull=True)
        .select_related("author")
        .first()
    )
    visible = comment is not None and (
        comments_of(post=post, viewer=actor).filter(pk=comment.pk).exists()
        or (
            actor.pk == post.author_id
            and comment.held_at is None
            and comment.taken_down_at is None
            and comment.author.is_active
            and comment.author.banned_at is None
        )
    )
    if not visible:
        raise PostError("comment_not_found", "No such comment.", 404)
    if actor.pk not in (comment.author_id, post.author_id):
        raise PostError("not_comment_author", "You can only delete your own comments.", 403)
    with transaction.atomic():
        if Comment.objects.filter(pk=comment.pk, deleted_at__isnull=True).update(deleted_at=timezone.now()):
            post_comments_recount([post.pk])


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


def comment_take_down(*, comment: Comment, moderator: AbstractBaseUser, reason: str) -> Comment:
    """Hide a comment from every read path (moderation records its own audit). Idempotent. A comment that was shown
    stops counting on its post, as a deleted or held one does."""
    with transaction.atomic():
        if Comment.objects.filter(pk=comment.pk, taken_down_at__isnull=True).update(taken_down_at=timezone.now()):
            post_comments_recount([comment.post_id])
    comment.refresh_from_db(fields=["taken_down_at"])
    logger.info("comment %s taken down by %s: %s", comment.pk, moderator.pk, reason[:200])
    return comment


def comment_restore(*, comment: Comment, moderator: AbstractBaseUser, reason: str) -> Comment:
    """Undo a comment takedown. Idempotent. A comment shown again counts again."""
    with transaction.atomic():
        if Comment.objects.filter(pk=comment.pk, taken_down_at__isnull=False).update(taken_down_at=None):
            post_comments_recount([comment.post_id])
    comment.refresh_from_db(fields=["taken_down_at"])
    logger.info("comment %s restored by %s: %s", comment.pk, moderator.pk, reason[:200])
    return comment
