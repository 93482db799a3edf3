"""Reads of the moderation app: screening rules, the queue, decisions for authors, and what a moderator reviews."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from cameos.models import Appearance, Cameo
from cameos.selectors import withdrawn_appearances
from cameos.services.state import BIOMETRICS_ERASED
from feed.models import Comment, Post
from feed.services.posts import posts_that_can_come_back
from generation.models import GenerationJob
from moderation.models import Appeal, ModerationAction, ModerationCase, Report, TargetKind
from moderation.targets import target_load
from sora_social.accounts.models import User


def moderation_queue() -> QuerySet[ModerationCase]:
    """Targets waiting for a moderator (reported or appealed), the most severe and most reported first."""
    return (
        ModerationCase.objects.exclude(status=ModerationCase.Status.CLOSED)
        .select_related("target_owner")
        .order_by("-severity", "-report_count", "-last_reported_at", "-id")
    )


def decisions_for(user: User) -> QuerySet[ModerationAction]:
    """The decisions against a person (take-downs, warnings, suspensions, bans, removals), newest first."""
    return (
        ModerationAction.objects.filter(subject=user, kind__in=ModerationAction.ADVERSE)
        .select_related("case", "appeal", "appeal__resolution")
        .order_by("-created_at", "-id")
    )


def decision_of(*, decision_id: int, user: User) -> ModerationAction | None:
    """One decision about this person; someone else's and a missing one look the same (None)."""
    return decisions_for(user).filter(pk=decision_id).first()


def reports_by(user: User) -> QuerySet[Report]:
    """The reports a person filed, newest first."""
    return Report.objects.filter(reporter=user).order_by("-created_at", "-id")


@dataclass(frozen=True)
class CameoInVideo:
    """A cameo cast in a reported video, with its consent state as the review page shows it."""

    cameo_id: int
    handle: str
    owner_handle: str
    kind: str
    status: str
    level: str
    consent_version: int
    pinned_version: int | None  # the version the render saw
    appearance: str  # "live", "revoked" (consent withdrawn) or "removed"


@dataclass(frozen=True)
class AuthorHistory:
    """What a moderator should know about the person answerable for a target."""

    user: User | None
    posts: int = 0
    posts_taken_down: int = 0
    reports_received: int = 0
    restricted: bool = False
    previous_decisions: list[ModerationAction] = field(default_factory=list)


@dataclass(frozen=True)
class CasePreview:
    """Everything the review page shows about a case's target."""

    target: object | None
    kind: str
    post: object | None = None
    job: object | None = None
    prompt: str = ""
    has_video: bool = False
    has_poster: bool = False
    hidden_because: list[str] = field(default_factory=list)
    cameos: list[CameoInVideo] = field(default_factory=list)
    parent_post_id: int | None = None
    text: str = ""


def _post_preview(post) -> CasePreview:
    job = post.job
    appearances = {a.cameo_id: a for a in Appearance.objects.filter(job=job)}
    cameos = []
    for cameo in job.cameos.select_related("owner").order_by("handle"):
        appearance = appearances.get(cameo.pk)
        state = "none"
        if appearance is not None:
            state = "removed" if appearance.removed_at else "revoked" if appearance.revoked_at else "live"
        pin = (job.consent_pins or {}).get(str(cameo.pk), {})
        cameos.append(
            CameoInVideo(
                cameo_id=cameo.pk,
                handle=cameo.handle,
                owner_handle=cameo.owner.handle,
                kind=cameo.kind,
                status=cameo.status,
                level=cameo.level,
                consent_version=cameo.consent_version,
                pinned_version=pin.get("consent_version"),
                appearance=state,
            )
        )
    hidden = [
        label
        for label, value in (
            ("taken down", post.taken_down_at),
            ("consent revoked", withdrawn_appearances().filter(job_id=job.pk).exists()),
            ("deleted by the author", post.deleted_at),
        )
        if value
    ]
    if post.author.is_restricted:
        hidden.append("author suspended or banned")
    return CasePreview(
        target=post,
        kind=TargetKind.POST,
        post=post,
        job=job,
        prompt=job.prompt,
        has_video=bool(job.video),
        has_poster=bool(job.poster),
        hidden_because=hidden,
        cameos=cameos,
        parent_post_id=post.parent_id,
        text=post.caption,
    )


def case_preview(case: ModerationCase) -> CasePreview:
    """The target of a case as a moderator reviews it: for a video, its prompt, media and cameos."""
    target = target_load(kind=case.target_kind, target_id=case.target_id)
    if target is None:
        return CasePreview(target=None, kind=case.target_kind)
    if case.target_kind == TargetKind.POST:
        return _post_preview(target.obj)
    if case.target_kind == TargetKind.COMMENT:
        return CasePreview(target=target.obj, kind=case.target_kind, text=target.obj.body)
    if case.target_kind == TargetKind.PROFILE:
        profile = getattr(target.obj, "profile", None)
        return CasePreview(target=target.obj, kind=case.target_kind, text=profile.bio if profile else "")
    return CasePreview(target=target.obj, kind=case.target_kind, text=getattr(target.obj, "display_name", ""))


def author_history(user: User | None, *, excluding_case: ModerationCase | None = None) -> AuthorHistory:
    """Past posts, take-downs, reports and decisions of the person answerable for a target."""
    if user is None:
        return AuthorHistory(user=None)
    posts = Post.objects.filter(author=user).aggregate(
        total=Count("id"), taken_down=Count("id", filter=Q(taken_down_at__isnull=False))
    )
    reports = Report.objects.filter(case__target_owner=user)
    decisions = ModerationAction.objects.filter(subject=user).select_related("moderator", "case")
    if excluding_case is not None:
        reports = reports.exclude(case=excluding_case)
    return AuthorHistory(
        user=user,
        posts=posts["total"],
        posts_taken_down=posts["taken_down"],
        reports_received=reports.count(),
        restricted=user.is_restricted,
        previous_decisions=list(decisions.order_by("-created_at", "-id")[:10]),
    )



def decision_superseded(action: ModerationAction) -> bool:
    """Whether a later decision took this one's place: a take-down restored or taken again since (then put back by
    a restore in between), or a suspension or ban lifted by a reinstatement since. Appealing or overturning such a
    decision would undo what a later decision decided."""
    return action.pk in _superseded_among([action])


def _superseded_among(actions: list[ModerationAction]) -> set[int]:
    Kind = ModerationAction.Kind
    takedowns = [a for a in actions if a.kind == Kind.TAKE_DOWN]
    lifted = [a for a in actions if a.kind in (Kind.SUSPEND, Kind.BAN) and a.subject_id is not None]
    if not takedowns and not lifted:
        return set()
    later = Q()
    if takedowns:
        later |= Q(kind__in=[Kind.TAKE_DOWN, Kind.RESTORE]) & Q(
            case__target_id__in={a.case.target_id for a in takedowns}
        )
    if lifted:
        later |= Q(kind=Kind.REINSTATE, subject_id__in={a.subject_id for a in lifted})
    rows = list(
        ModerationAction.objects.filter(later, pk__gt=min(a.pk for a in actions)).values_list(
            "pk", "kind", "case__target_kind", "case__target_id", "subject_id"
        )
    )
    superseded = set()
    for action in takedowns:
        target = (action.case.target_kind, action.case.target_id)
        if any(pk > action.pk and kind != Kind.REINSTATE and (k, t) == target for pk, kind, k, t, _ in rows):
            superseded.add(action.pk)
    for action in lifted:
        if any(pk > action.pk and kind == Kind.REINSTATE and subject == action.subject_id for pk, kind, _, _, subject in rows):
            superseded.add(action.pk)
    return superseded


@dataclass(frozen=True)
class AppealRefusal:
    code: str
    message: str


NOT_APPEALABLE = AppealRefusal("not_appealable", "This decision cannot be appealed.")
SUPERSEDED = AppealRefusal("decision_superseded", "A later decision replaced this one; it is no longer in force.")
MEDIA_PURGED = AppealRefusal(
    "media_purged", "This video's files were deleted after the retention period; it cannot come back."
)
# The post or comment itself is gone (deleted with its author's account): an overturn has nothing to restore.
TARGET_GONE = AppealRefusal("target_gone", "What this decision was about no longer exists; there is nothing to restore.")
# Nothing an overturn could give back: the owner deleted the cameo, or its face was erased with the account's
# biometrics. Taken, the appeal could only be upheld.
CAMEO_GONE = AppealRefusal("cameo_gone", "This cameo is gone; verify again to have a cameo.")


def appeal_refusal(action: ModerationAction) -> AppealRefusal | None:
    """Why an appeal of this decision (its subject's own, adverse) would be refused, or None if it would be taken: what
    appeal_create asks, and what a decision's `can_appeal` says, so the app never offers an appeal the API refuses.
    Not asked here: whether it was appealed already."""
    return appeal_refusals([action])[action.pk]


def appeal_refusals(actions) -> dict[int, AppealRefusal | None]:
    """appeal_refusal for a page of decisions, in at most four queries whatever its length."""
    Kind = ModerationAction.Kind
    actions = list(actions)
    superseded = _superseded_among(actions)
    down = [a for a in actions if a.kind == Kind.TAKE_DOWN]
    post_ids = {a.case.target_id for a in down if a.case.target_kind == TargetKind.POST}
    cameo_ids = {a.case.target_id for a in down if a.case.target_kind == TargetKind.CAMEO}
    comment_ids = {a.case.target_id for a in down if a.case.target_kind == TargetKind.COMMENT}
    comments_left = set(Comment.objects.filter(pk__in=comment_ids).values_list("pk", flat=True)) if comment_ids else set()
    posts_back = (
        dict(
            Post.objects.filter(pk__in=post_ids).values_list(
                "pk", Exists(posts_that_can_come_back().filter(pk=OuterRef("pk")))
            )
        )
        if post_ids
        else {}
    )
    cameos = (
        {pk: (status, reasons) for pk, status, reasons in Cameo.objects.filter(pk__in=cameo_ids).values_list(
            "pk", "status", "rejection_reasons"
        )}
        if cameo_ids
        else {}
    )
    answers: dict[int, AppealRefusal | None] = {}
    for action in actions:
        answer = None
        if action.kind not in ModerationAction.APPEALABLE:
            answer = NOT_APPEALABLE
        elif action.pk in superseded:
            answer = SUPERSEDED
        elif action.kind == Kind.TAKE_DOWN and action.case.target_kind == TargetKind.POST:
            back = posts_back.get(action.case.target_id)
            answer = TARGET_GONE if back is None else (MEDIA_PURGED if back is False else None)
        elif action.kind == Kind.TAKE_DOWN and action.case.target_kind == TargetKind.COMMENT:
            answer = None if action.case.target_id in comments_left else TARGET_GONE
        elif action.kind == Kind.TAKE_DOWN and action.case.target_kind == TargetKind.CAMEO:
            status, reasons = cameos.get(action.case.target_id, (Cameo.Status.DELETED, []))
            if status == Cameo.Status.DELETED or BIOMETRICS_ERASED in (reasons or []):
                answer = CAMEO_GONE
        answers[action.pk] = answer
    return answers


def jobs_under_appeal(now: datetime.datetime | None = None) -> QuerySet[GenerationJob]:
    """The jobs of taken-down posts whose take-down's appeal waits: the retention purge keeps their files until it is
    answered (feed.services.retention; registered in moderation.apps), or until APPEAL_PURGE_HOLD_MAX_DAYS after the
    appeal was made, so an appeal nobody answers does not keep a video for ever."""
    since = (now or timezone.now()) - datetime.timedelta(days=settings.APPEAL_PURGE_HOLD_MAX_DAYS)
    Kind = ModerationAction.Kind
    # Of the post's latest take-down only: an appeal of one a moderator restored since (and the post taken down again,
    # unappealed) would give nothing back, and held the video past the grace period while it waited.
    replaced = ModerationAction.objects.filter(
        pk__gt=OuterRef("action_id"),
        kind__in=[Kind.TAKE_DOWN, Kind.RESTORE],
        case__target_kind=TargetKind.POST,
        case__target_id=OuterRef("action__case__target_id"),
    )
    appealed_posts = Appeal.objects.filter(
        status=Appeal.Status.PENDING,
        created_at__gte=since,
        action__kind=Kind.TAKE_DOWN,
        action__case__target_kind=TargetKind.POST,
    ).filter(~Exists(replaced)).values("action__case__target_id")
    return GenerationJob.objects.filter(post__pk__in=appealed_posts)
