"""Remix: a new generation whose parent is a published post; and, when a remix is published or deleted, its
lineage, the parent's remix count and the parent author's notification.

Feed owns the post rows (Post.parent, allow_remix, remix_count); remix owns every rule about them. Feed calls
`remix_published` and `remix_deleted` inside its publish and delete transactions: they are registered in
remix.apps, since feed may not import remix (it stands below it).
"""

from __future__ import annotations

import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from cameos.policy import Purpose, require_uses
from feed.models import Post
from feed.selectors import access_post, posts_visible_to
from feed.services.posts import AUDIENCE_ORDER
from generation.mentions import mentioned_handles
from generation.models import GenerationJob
from generation.services import MAX_CAMEOS_PER_VIDEO, generation_submit
from remix.models import RemixAncestry
from remix.selectors import counted_remixes
from sora_social.accounts.models import User
from sora_social.accounts.selectors import blocked_user_ids
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
    parent = remix_parent_check(post_id=post_id, remixer=remixer)
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


def remix_parent_check(*, post_id: int, remixer: AbstractBaseUser, ancestor_ids: list[int] | None = None) -> Post:
    """The post, if the remixer may remix it now: they can see it, it is public, and neither it nor any post it
    remixes has remixes turned off (an author's "no remixes" holds down the chain: a remix of a remix is built on
    their video too). Asked at the request, before the render and at the publish: between them the author may turn
    remixes off, narrow the post, block the remixer, delete it, or a moderator take it down."""
    parent = access_post(post_id=post_id, viewer=remixer)
    if parent.visibility != Post.Visibility.PUBLIC:
        raise RemixRefused("remix_not_public", "Only public posts can be remixed.", 403)
    if not parent.allow_remix:
        raise RemixRefused("remix_disabled", "The author turned remixes off for this post.", 403)
    # `ancestor_ids`: the walk a caller that locked the chain made already (remix_ancestor_ids of this post).
    ancestors = Post.objects.filter(pk__in=remix_ancestor_ids(parent.pk) if ancestor_ids is None else ancestor_ids)
    # Blocks win down the chain as "no remixes" does: a remix of a remix is built on the older video too, and someone
    # its author blocked (or who blocked them) may not take it through a remix of it (round 2 on remixes). One answer
    # for both, which says nothing of who blocked whom.
    if ancestors.filter(Q(allow_remix=False) | Q(author_id__in=blocked_user_ids(remixer.pk))).exists():
        raise RemixRefused("remix_disabled", "A video this one remixes cannot be remixed.", 403)
    return parent


def remix_ancestor_ids(post_id: int) -> list[int]:
    """Every post this one remixes, however far back. A post's lineage records MAX_LINEAGE_DEPTH of them; the walk goes
    on from the deepest one found, through its own lineage, until one has none: a query per MAX_LINEAGE_DEPTH
    generations, and one more. Not only from a recorded 64th: a post deleted with its account takes its lineage rows
    with it, and the deepest left may be the 63rd (the root's "no remixes" held only 64 levels down, then only until
    a post on the way was deleted: rounds 2 and 3 on remixes)."""
    found: list[int] = []
    seen = {post_id}
    frontier: int | None = post_id
    while frontier is not None:
        rows = [
            (ancestor_id, depth)
            for ancestor_id, depth in RemixAncestry.objects.filter(descendant_id=frontier).values_list("ancestor_id", "depth")
            if ancestor_id not in seen
        ]
        found += [ancestor_id for ancestor_id, _ in rows]
        seen.update(ancestor_id for ancestor_id, _ in rows)
        deepest = max(rows, key=lambda row: row[1], default=None)
        frontier = deepest[0] if deepest is not None else None
    return found


def remix_render_check(*, job: GenerationJob) -> None:
    """Before a remix renders (generation calls this; see remix.apps): its owner may still remix its parent."""
    parent_id = Post.objects.filter(job_id=job.parent_job_id).values_list("pk", flat=True).first()
    if parent_id is None:
        raise RemixRefused("post_not_found", "No such post.", 404)
    remix_parent_check(post_id=parent_id, remixer=job.owner)


def remix_published(*, post: Post, actor: AbstractBaseUser) -> None:
    """A remix was published (feed calls this inside the publish's transaction; see remix.apps): the remixer may
    still remix its parent (else the refusal is raised and nothing is kept); then record its lineage, count it on
    its parent, and tell the parent's author if they may see it."""
    if post.parent_id is None:
        return
    ancestors = _parent_chain_locked(post.parent_id)
    remix_parent_check(post_id=post.parent_id, remixer=actor, ancestor_ids=ancestors)
    remix_lineage_record(post=post)
    remix_counts_recount([post.parent_id])
    parent = Post.objects.select_related("author").get(pk=post.parent_id)
    if parent.author_id != actor.pk and posts_visible_to(parent.author).filter(pk=post.pk).exists():
        notification_create(
            recipient=parent.author,
            kind=Notification.Kind.REMIXED,
            actor=actor,
            data={"post": parent.pk, "remix": post.pk},
        )


def remix_deleted(*, post: Post, actor: AbstractBaseUser) -> None:
    """A remix was deleted by its author (inside the delete's transaction): its parent counts again. Its lineage
    stays: the remixes of the deleted post still descend from it."""
    remix_counts_recount([post.parent_id])


def _parent_chain_locked(parent_id: int) -> list[int]:
    """Hold the parent's row and every older post's it remixes until the caller's transaction ends, newest first (as
    remix_counts_recount takes them): an author turning remixes off (or deleting) at the same moment waits, or the
    caller reads their change (feed's post_update and post_delete lock the post they change). Only the parent's was
    held, and a remix of a remix committed while the root's author turned remixes off (round 3 on remixes). Returns the
    parent's ancestors."""
    ancestors = remix_ancestor_ids(parent_id)
    list(Post.objects.select_for_update().filter(pk__in=[parent_id, *ancestors]).order_by("-pk").values_list("pk", flat=True))
    return ancestors


def remix_audience_changed(*, post: Post, before: str) -> None:
    """A remix was shown to more people, or fewer (inside post_update's transaction). Widened, it is a new showing of
    something built on its parent: the remixer must still be let remix it (else the refusal is raised and nothing
    changes), as at the publish; a private remix was made public after its parent's author turned remixes off. Either
    way, its parent counts again."""
    if post.parent_id is None:
        return
    if AUDIENCE_ORDER.index(post.visibility) > AUDIENCE_ORDER.index(before):
        ancestors = _parent_chain_locked(post.parent_id)
        remix_parent_check(post_id=post.parent_id, remixer=post.author, ancestor_ids=ancestors)
    remix_counts_recount([post.parent_id])


def remix_counts_recount(parent_ids) -> None:
    """Set each post's remix count from its remixes (`remix.selectors.counted_remixes`).

    Every change of what the count counts ends here, as for comments (feed.services.reactions): a remix published,
    deleted, narrowed or widened, taken down or restored, withdrawn by a cameo's owner or the consent door, and its
    author banned, reinstated, deactivated or deleted. A +1 or -1 kept by hand followed only the first three, and two
    changes at once could both take one remix off. The parents' rows are locked first (in id order), so the count reads
    every change committed before the lock was granted.

    Newest first: a change to a post locks it and then its parent, an older post (post_update, a takedown, a publish),
    so a recount of several parents takes them in that order too. In id order it took an ancestor before its remix
    while a change to the remix held the remix and waited for the ancestor, and PostgreSQL aborted one of the two
    (round on today's changes).
    """
    ids = sorted({int(pk) for pk in parent_ids if pk is not None}, reverse=True)
    if not ids:
        return
    with transaction.atomic():
        locked = list(Post.objects.select_for_update().filter(pk__in=ids).order_by("-pk").values_list("pk", flat=True))
        if not locked:
            return
        counted = counted_remixes().filter(parent_id=OuterRef("pk")).order_by().values("parent_id")
        Post.objects.filter(pk__in=locked).update(
            remix_count=Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0)
        )


def remix_counts_recount_for_jobs(*, job_ids, **_listener_kwargs) -> None:
    """Videos were hidden from everyone (a cameo withdrawn, by any path; cameos' `on_appearances_withdrawn`), or a
    moderator took one down or restored it: the posts they remix count again."""
    remix_counts_recount(Post.objects.filter(job_id__in=list(job_ids), parent__isnull=False).values_list("parent_id", flat=True))


def remix_counts_recount_for_deleted_account(*, remixed_post_ids) -> None:
    """An account was deleted with its posts: the posts its remixes remixed count again."""
    remix_counts_recount(remixed_post_ids)


def remix_counts_recount_after_suspensions(*, within_hours: int = 25) -> int:
    """The posts remixed by people whose suspension ended by itself in the last `within_hours` count again (no one
    saved anything when it ended). Hourly on the beat; the window outlasts a missed run or two. Returns how many
    people's remixes were counted again."""
    now = timezone.now()
    ended = list(
        User.objects.filter(
            suspended_until__gt=now - datetime.timedelta(hours=within_hours), suspended_until__lte=now
        ).values_list("pk", flat=True)
    )
    for user_id in ended:
        remix_counts_recount_for_author(user_id=user_id)
    return len(ended)


def remix_counts_recount_for_author(*, user_id: int) -> None:
    """This person's standing changed (banned, reinstated, deactivated, reactivated): the posts their remixes remix
    count again."""
    remix_counts_recount(Post.objects.filter(author_id=user_id, parent__isnull=False).values_list("parent_id", flat=True))


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
