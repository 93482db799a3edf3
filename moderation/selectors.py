"""Reads of the moderation app: screening rules, the queue, decisions for authors, and what a moderator reviews."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from cameos.models import Appearance
from cameos.selectors import withdrawn_appearances
from feed.models import Post
from moderation.models import ModerationAction, ModerationCase, Report, TargetKind
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

