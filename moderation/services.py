"""Actions of moderation: reports, moderator decisions, appeals, and the audit log they all write.

Every moderator action needs a reason, writes one ModerationAction and one AuditEvent, and tells the person it
is about. The actions that touch other apps call those apps' services: a post is taken down by
`feed.services.posts.post_take_down`, jobs are cancelled by `generation.services.generations_cancel_for_user`, a
cameo appearance is removed by `generation.services.generation_remove_for_cameo_owner` (cameos withdraws the
appearance, generation destroys the files) after the consent door recorded the moderator's use (`Purpose.ADMIN`).
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from cameos.models import Appearance, Cameo
from cameos.policy import Purpose, check_use
from cameos.services import cameo_reinstate_by_moderator, cameo_revoke_by_moderator
from feed.models import Post
from feed.services.posts import post_restore, post_take_down
from feed.services.reactions import comment_restore, comment_take_down
from generation.models import GenerationJob
from generation.services import (
    generation_media_rename_when_hidden,
    generation_remove_for_cameo_owner,
    generations_cancel_for_user,
)
from moderation import selectors
from moderation.models import (
    Appeal,
    AuditEvent,
    ModerationAction,
    ModerationCase,
    Report,
    ReportReason,
    TargetKind,
)
from moderation.models.case import REASON_SEVERITY
from moderation.targets import target_load, target_visible_to
from sora_social.accounts.models import User
from sora_social.errors import ServiceError
from sora_social.notifications.models import Notification
from sora_social.notifications.services import notification_create

MAX_TEXT_CHARS = 2000
ACT_PERMISSION = "moderation.act_on_case"
# The suspensions a moderator can choose from, in days.
SUSPENSION_DAYS = (1, 3, 7, 30, 90)

Kind = ModerationAction.Kind


class ModerationError(ServiceError):
    """A refused report, appeal or moderator action."""


# ---- shared guards --------------------------------------------------------------------------------------


def _clean_text(text: str | None, *, field: str, required: bool) -> str:
    text = (text or "").strip()
    if required and not text:
        if field == "reason":
            raise ModerationError("reason_required", "Every moderation action needs a reason.")
        raise ModerationError(f"{field}_required", f"Write the {field}.")
    if len(text) > MAX_TEXT_CHARS:
        raise ModerationError(f"{field}_too_long", f"The {field} is at most {MAX_TEXT_CHARS} characters.")
    return text


def _require_moderator(moderator: User) -> None:
    # A banned moderator is no moderator: a ban ends every use of the platform, this one too. Nor is a suspended one
    # while the suspension runs: a member who may not post may not judge what others post.
    if not (moderator.is_active and not moderator.is_restricted and moderator.is_staff and moderator.has_perm(ACT_PERMISSION)):
        raise ModerationError("not_a_moderator", "Only moderators can take moderation actions.", 403)


def audit_record(
    *,
    actor: User | None,
    verb: str,
    target_kind: str,
    target_id: int | str,
    reason: str = "",
    action: ModerationAction | None = None,
    data: dict | None = None,
) -> AuditEvent:
    """Append one line to the moderation audit log."""
    return AuditEvent.objects.create(
        actor=actor,
        verb=verb[:48],
        target_kind=target_kind[:32],
        target_id=str(target_id)[:64],
        reason=reason,
        action=action,
        data=data or {},
    )


# ---- reports --------------------------------------------------------------------------------------------


def _open_case_for(*, kind: str, target_id: int, owner_id: int | None) -> ModerationCase:
    """The case under review for a target, locked; created when there is none (concurrent creators meet)."""
    live = ModerationCase.objects.select_for_update().exclude(status=ModerationCase.Status.CLOSED)
    case = live.filter(target_kind=kind, target_id=target_id).first()
    if case is not None:
        return case
    try:
        with transaction.atomic():
            return ModerationCase.objects.create(target_kind=kind, target_id=target_id, target_owner_id=owner_id)
    except IntegrityError:
        # Another request opened it a moment ago; the unique constraint kept it one case.
        return live.get(target_kind=kind, target_id=target_id)


@transaction.atomic
def report_create(*, reporter: User, target_type: str, target_id: str, reason: str, text: str = "") -> Report:
    """File a report. One open report per target per person; reports on one target are grouped in one case."""
    if reporter.is_restricted:
        raise ModerationError("account_suspended", "Your account cannot file reports right now.", 403)
    if target_type not in TargetKind.values:
        raise ModerationError("target_type_invalid", f"target_type is one of {', '.join(TargetKind.values)}.")
    if reason not in ReportReason.values:
        raise ModerationError("reason_invalid", f"reason is one of {', '.join(ReportReason.values)}.")
    text = _clean_text(text, field="text", required=False)
    target = target_visible_to(kind=target_type, ref=target_id, viewer=reporter)
    if target is None:
        raise ModerationError("not_found", f"No such {target_type}.", 404)
    if target.owner_id == reporter.pk:
        raise ModerationError("report_own", "You cannot report your own content.", 422)
    if Report.objects.filter(
        reporter=reporter, target_kind=target.kind, target_id=target.id, status=Report.Status.OPEN
    ).exists():
        raise ModerationError("report_exists", "You already reported this; moderators will look at it.", 409)
    case = _open_case_for(kind=target.kind, target_id=target.id, owner_id=target.owner_id)
    try:
        with transaction.atomic():
            report = Report.objects.create(
                reporter=reporter,
                case=case,
                target_kind=target.kind,
                target_id=target.id,
                target_handle=target.obj.handle if target.kind == TargetKind.PROFILE else "",
                reason=reason,
                text=text,
            )
    except IntegrityError as exc:
        raise ModerationError("report_exists", "You already reported this; moderators will look at it.", 409) from exc
    now = timezone.now()
    case.report_count = F("report_count") + 1
    case.severity = max(case.severity, REASON_SEVERITY[reason])
    case.last_reported_at = now
    case.save(update_fields=["report_count", "severity", "last_reported_at", "updated_at"])
    case.refresh_from_db(fields=["report_count"])
    return report


# ---- moderator actions ----------------------------------------------------------------------------------


def case_for_target(*, target_kind: str, target_id: int) -> ModerationCase:
    """The case of a target, for moderators acting without a report; opened (and later closed) if needed."""
    target = target_load(kind=target_kind, target_id=target_id)
    if target is None:
        raise ModerationError("not_found", f"No such {target_kind}.", 404)
    with transaction.atomic():
        return _open_case_for(kind=target.kind, target_id=target.id, owner_id=target.owner_id)


def _record(
    *,
    case: ModerationCase,
    moderator: User,
    kind: str,
    reason: str,
    subject_id: int | None,
    policy: str = "",
    suspended_until: datetime.datetime | None = None,
    data: dict | None = None,
    close_as: str | None = Report.Status.ACTIONED,
    notify: bool = True,
    reports_before: datetime.datetime | None = None,
    answers_appeal: int | None = None,
) -> ModerationAction:
    """Write the decision and its audit line, close the case, and tell the person it is about.

    `reports_before`: only the reports filed before then are answered (an appeal's answer answers the appeal, not a
    report filed while it waited); a case left with open reports goes back to the queue instead of closing."""
    if policy and policy not in ReportReason.values:
        raise ModerationError("policy_invalid", f"policy is one of {', '.join(ReportReason.values)}.")
    # The case is locked before its open reports are read, in every decision (as report_create locks it before it adds
    # one): a report filed while a moderator warned was left open on the case the warning closed, in no queue, and its
    # reporter could never report again (round on moderation). Re-read under the lock.
    case = ModerationCase.objects.select_for_update().get(pk=case.pk)
    if not policy:
        # The worst reason reported is the policy the decision answers to, unless the moderator named one.
        worst = max(case.reports.values_list("reason", flat=True), key=lambda r: REASON_SEVERITY[r], default="")
        policy = worst
    action = ModerationAction.objects.create(
        case=case,
        moderator=moderator,
        subject_id=subject_id,
        kind=kind,
        reason=reason,
        policy=policy,
        suspended_until=suspended_until,
        data=data or {},
    )
    audit_record(
        actor=moderator,
        verb=f"moderation.{kind}",
        target_kind=case.target_kind,
        target_id=case.target_id,
        reason=reason,
        action=action,
        data={"case": case.pk, "subject": subject_id, **(data or {})},
    )
    if close_as is not None:
        now = timezone.now()
        answered = case.reports.filter(status=Report.Status.OPEN)
        if reports_before is not None:
            answered = answered.filter(created_at__lt=reports_before)
        answered.update(status=close_as, resolved_at=now)
        if case.reports.filter(status=Report.Status.OPEN).exists():
            # Reports no decision answered yet: the case waits in the queue for them.
            case.status = ModerationCase.Status.OPEN
            case.closed_at = None
            case.save(update_fields=["status", "closed_at", "updated_at"])
        elif _appeals_waiting(case, other_than=answers_appeal):
            # An appeal no decision answered yet: the case stays in the queue for it. A dismissal taken on an appealed
            # case closed it, and the appeal waited for ever (tests/moderation/test_moderation_integrity_attacks.py).
            case.status = ModerationCase.Status.APPEALED
            case.closed_at = None
            case.save(update_fields=["status", "closed_at", "updated_at"])
        elif case.status != ModerationCase.Status.CLOSED:
            case.status = ModerationCase.Status.CLOSED
            case.closed_at = now
            case.save(update_fields=["status", "closed_at", "updated_at"])
    if notify and subject_id is not None and kind != Kind.DISMISS:
        notification_create(
            recipient=User.objects.get(pk=subject_id),
            kind=Notification.Kind.MODERATION,
            data={
                "decision": action.pk,
                "action": kind,
                "target_type": case.target_kind,
                "target_id": case.target_id,
                "reason": reason,
                "suspended_until": suspended_until.isoformat() if suspended_until else None,
                "appealable": kind in ModerationAction.APPEALABLE,
            },
        )
    return action


def _appeals_waiting(case: ModerationCase, *, other_than: int | None) -> bool:
    pending = Appeal.objects.filter(
        status=Appeal.Status.PENDING,
        action__case__target_kind=case.target_kind,
        action__case__target_id=case.target_id,
    )
    return pending.exclude(pk=other_than).exists() if other_than else pending.exists()


def _load(case: ModerationCase):
    target = target_load(kind=case.target_kind, target_id=case.target_id)
    if target is None:
        raise ModerationError("target_gone", f"This {case.target_kind} no longer exists.", 409)
    return target


def _take_down_target(case: ModerationCase, moderator: User, reason: str) -> None:
    target = _load(case)
    if case.target_owner_id == moderator.pk:
        # Taking one's own reported content down closed the reports on it as actioned, so no other moderator weighed a
        # warning or a ban (round on moderation).
        raise ModerationError("own_content", "You cannot decide on your own content; another moderator decides.", 403)
    _refuse_own_likeness(case, moderator)
    if case.target_kind in (TargetKind.POST, TargetKind.COMMENT) and target.obj.taken_down_at is not None:
        # A second decision would tell the author twice and give them two appeals of one take-down (and two
        # moderators acting on one case at once each made one: the case lock only made them take turns).
        raise ModerationError("already_taken_down", f"This {case.target_kind} is already taken down.", 409)
    if case.target_kind == TargetKind.POST:
        post_take_down(post=target.obj, moderator=moderator, reason=reason)
    elif case.target_kind == TargetKind.COMMENT:
        comment_take_down(comment=target.obj, moderator=moderator, reason=reason)
    elif case.target_kind == TargetKind.CAMEO:
        if target.obj.status != Cameo.Status.VERIFIED:
            raise ModerationError("not_live", f"This cameo is {target.obj.status}; only a live cameo can be taken down.", 409)
        cameo_revoke_by_moderator(cameo=target.obj, moderator=moderator, reason=reason)
    else:
        raise ModerationError(
            "not_applicable", "A profile cannot be taken down; warn, suspend or ban its owner instead."
        )


def _restore_target(case: ModerationCase, moderator: User, reason: str) -> None:
    target = _load(case)
    if case.target_owner_id == moderator.pk:
        raise ModerationError("own_content", "You cannot put your own content back; another moderator decides.", 403)
    if case.target_kind in (TargetKind.POST, TargetKind.COMMENT) and target.obj.taken_down_at is None:
        # Read under the case's lock: the second of two moderators restoring at once recorded a second decision.
        raise ModerationError("not_taken_down", f"This {case.target_kind} is not taken down.", 409)
    if case.target_kind == TargetKind.POST:
        post = post_restore(post=target.obj, moderator=moderator, reason=reason)
        if post.taken_down_at is not None:
            # The retention purge deleted its files: saying it is back would not make it so.
            raise ModerationError(
                "media_purged", "This video's files were deleted after the retention period; it cannot come back.", 409
            )
    elif case.target_kind == TargetKind.COMMENT:
        comment_restore(comment=target.obj, moderator=moderator, reason=reason)
    elif case.target_kind == TargetKind.CAMEO:
        if target.obj.status != Cameo.Status.REVOKED:
            raise ModerationError("not_revoked", f"This cameo is {target.obj.status}; only a revoked one can be restored.", 409)
        cameo_reinstate_by_moderator(cameo=target.obj, moderator=moderator, reason=reason)
    else:
        raise ModerationError("not_applicable", f"A {case.target_kind} cannot be restored from the queue.")


@transaction.atomic
def content_take_down(*, case: ModerationCase, moderator: User, reason: str, policy: str = "") -> ModerationAction:
    """Take the reported post, comment or cameo down: it vanishes from feeds, search and remix at once."""
    _require_moderator(moderator)
    reason = _clean_text(reason, field="reason", required=True)
    case = ModerationCase.objects.select_for_update().get(pk=case.pk)
    _take_down_target(case, moderator, reason)
    return _record(case=case, moderator=moderator, kind=Kind.TAKE_DOWN, reason=reason, subject_id=case.target_owner_id, policy=policy)


@transaction.atomic
def content_restore(*, case: ModerationCase, moderator: User, reason: str) -> ModerationAction:
    """Put a taken-down post or comment back."""
    _require_moderator(moderator)
    reason = _clean_text(reason, field="reason", required=True)
    case = ModerationCase.objects.select_for_update().get(pk=case.pk)
    _restore_target(case, moderator, reason)
    return _record(case=case, moderator=moderator, kind=Kind.RESTORE, reason=reason, subject_id=case.target_owner_id)


def _refuse_own_likeness(case: ModerationCase, moderator: User) -> None:
    """A moderator whose own cameo is cast in the reported video does not decide on it, nor on its creator, whatever the
    action (a take-down, a warning, a suspension, a ban, a removal): they may act on it as the cameo's owner (round 5:
    the refusal was on the removal only, and a take-down or a ban through the queue's form went through)."""
    if case.target_kind == TargetKind.POST and Appearance.objects.filter(
        job__post__pk=case.target_id, cameo__owner_id=moderator.pk
    ).exists():
        raise ModerationError(
            "own_content", "You cannot decide on a video of your own likeness; another moderator decides.", 403
        )


def _subject_of(case: ModerationCase, moderator: User) -> User:
    """The person a decision is about, their row locked, after the case's: every decision locks the case first and the
    person after (an appeal's answer does, and a ban locking the person first deadlocked with it: round 4)."""
    ModerationCase.objects.select_for_update().filter(pk=case.pk).values_list("pk", flat=True).first()
    _refuse_own_likeness(case, moderator)
    if case.target_owner_id is None:
        raise ModerationError("no_subject", "Nobody is answerable for this target any more.", 409)
    if case.target_owner_id == moderator.pk:
        raise ModerationError("own_account", "You cannot act on your own account.", 403)
    subject = User.objects.select_for_update().get(pk=case.target_owner_id)
    if (subject.is_superuser or subject.is_staff) and not moderator.is_superuser:
        # A moderator's ban or suspension of an operator, or of a fellow moderator, locked them out of the admin; a
        # staff account is for an operator to act on, as in the admin's member pages.
        raise ModerationError("staff_account", "A staff member's account is for an operator to act on.", 403)
    return subject


@transaction.atomic
def user_warn(*, case: ModerationCase, moderator: User, reason: str, policy: str = "") -> ModerationAction:
    """Warn the person answerable for the target; nothing is hidden."""
    _require_moderator(moderator)
    reason = _clean_text(reason, field="reason", required=True)
    subject = _subject_of(case, moderator)
    return _record(case=case, moderator=moderator, kind=Kind.WARN, reason=reason, subject_id=subject.pk, policy=policy)


def cases_recount(case_ids) -> None:
    """Set each case's report count and severity from the reports it still has, and put it where it belongs: in the
    queue while a report is open, appealed while an appeal waits, else closed. Reports and appeals go with their
    author's account (a CASCADE); counts kept by adding stayed: five sock accounts an operator deleted left a case at 5
    reports of the highest severity, first in the queue, with none behind it (round on account deletion), and a deleted
    appellant's case stayed "appealed" with no appeal (round on moderation)."""
    for case_id in sorted(set(case_ids)):
        with transaction.atomic():
            case = ModerationCase.objects.select_for_update().filter(pk=case_id).first()
            if case is None:
                continue
            reasons = list(Report.objects.filter(case=case).values_list("reason", flat=True))
            case.report_count = len(reasons)
            case.severity = max((REASON_SEVERITY.get(reason, 0) for reason in reasons), default=0)
            fields = ["report_count", "severity", "updated_at"]
            if case.status != ModerationCase.Status.CLOSED:
                if case.reports.filter(status=Report.Status.OPEN).exists():
                    case.status = ModerationCase.Status.OPEN
                elif _appeals_waiting(case, other_than=None):
                    case.status = ModerationCase.Status.APPEALED
                else:
                    case.status, case.closed_at = ModerationCase.Status.CLOSED, timezone.now()
                fields += ["status", "closed_at"]
            case.save(update_fields=fields)


def remember_reported_cases(sender, instance, **kwargs) -> None:
    """pre_delete of the user model: the cases their reports and pending appeals are on, settled once those are gone."""
    appealed = Appeal.objects.filter(appellant_id=instance.pk, status=Appeal.Status.PENDING).values_list(
        "action__case__target_kind", "action__case__target_id"
    )
    live_cases = [
        pk
        for kind, target_id in appealed
        for pk in ModerationCase.objects.exclude(status=ModerationCase.Status.CLOSED)
        .filter(target_kind=kind, target_id=target_id)
        .values_list("pk", flat=True)
    ]
    instance._reported_cases = [
        *Report.objects.filter(reporter_id=instance.pk).values_list("case_id", flat=True),
        *live_cases,
    ]
    # Locked now, before the deletion takes the reports (a CASCADE after this signal): a moderator's decision locks the
    # case and then its reports, and the deletion holding a report while it waited for the case deadlocked (round 4).
    list(
        ModerationCase.objects.select_for_update()
        .filter(pk__in=set(instance._reported_cases))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def recount_reported_cases(sender, instance, **kwargs) -> None:
    """post_delete of the user model."""
    cases_recount(getattr(instance, "_reported_cases", ()))


def _cancel_jobs(user: User, why: str) -> int:
    return generations_cancel_for_user(user=user, reason=why)


def _hide_posted_media(user: User) -> None:
    """A ban or a suspension hides the person's posts from everyone: their files are moved out of reach of the
    presigned URLs handed out before (generation_media_rename_when_hidden), as a takedown's are."""
    generation_media_rename_when_hidden(job_ids=list(Post.objects.filter(author=user).values_list("job_id", flat=True)))


@transaction.atomic
def user_suspend(
    *, case: ModerationCase, moderator: User, reason: str, days: int, policy: str = ""
) -> ModerationAction:
    """Suspend for a set time: their posts are hidden, their jobs cancelled, and they cannot post or generate."""
    _require_moderator(moderator)
    reason = _clean_text(reason, field="reason", required=True)
    if days not in SUSPENSION_DAYS:
        raise ModerationError("duration_invalid", f"A suspension lasts one of {SUSPENSION_DAYS} days.")
    subject = _subject_of(case, moderator)
    until = timezone.now() + datetime.timedelta(days=days)
    # A longer suspension already running is not shortened by a shorter one.
    if subject.suspended_until is None or subject.suspended_until < until:
        subject.suspended_until = until
        subject.save(update_fields=["suspended_until", "updated_at"])
    cancelled = _cancel_jobs(subject, "account_suspended")
    _hide_posted_media(subject)
    return _record(
        case=case,
        moderator=moderator,
        kind=Kind.SUSPEND,
        reason=reason,
        subject_id=subject.pk,
        policy=policy,
        # This decision's own end: a longer one in force is its own decision (a 1-day suspension taken during a 7-day
        # one recorded the 7 days' end, and outlived the 7-day one's overturn by 6 days).
        suspended_until=until,
        data={"days": days, "jobs_cancelled": cancelled},
    )


@transaction.atomic
def user_ban(*, case: ModerationCase, moderator: User, reason: str, policy: str = "") -> ModerationAction:
    """Ban for good: their posts are hidden, their jobs cancelled, and they can no longer use the API."""
    _require_moderator(moderator)
    reason = _clean_text(reason, field="reason", required=True)
    subject = _subject_of(case, moderator)
    if subject.banned_at is None:
        subject.banned_at = timezone.now()
        subject.save(update_fields=["banned_at", "updated_at"])
    cancelled = _cancel_jobs(subject, "account_banned")
    _hide_posted_media(subject)
    return _record(
        case=case,
        moderator=moderator,
        kind=Kind.BAN,
        reason=reason,
        subject_id=subject.pk,
        policy=policy,
        data={"jobs_cancelled": cancelled},
    )


def _lift_restrictions(subject: User) -> None:
    subject.suspended_until = None
    subject.banned_at = None
    subject.save(update_fields=["suspended_until", "banned_at", "updated_at"])


def _in_force(action: ModerationAction) -> QuerySet[ModerationAction]:
    """The other decisions of the same kind on the same person still in force: taken since the last reinstatement,
    and not overturned on appeal."""
    last_reinstated = (
        ModerationAction.objects.filter(subject_id=action.subject_id, kind=Kind.REINSTATE).order_by("-pk").first()
    )
    others = ModerationAction.objects.filter(subject_id=action.subject_id, kind=action.kind).exclude(pk=action.pk)
    if last_reinstated is not None:
        others = others.filter(pk__gt=last_reinstated.pk)
    return others.exclude(appeal__status=Appeal.Status.OVERTURNED)


def _lift_one(action: ModerationAction) -> None:
    """Undo one suspension or ban, and only it: another suspension or ban still in force keeps its effect (an
    overturned 1-day suspension lifted a later 90-day one, and a ban imposed since)."""
    subject = User.objects.select_for_update().get(pk=action.subject_id)
    if action.kind == Kind.SUSPEND:
        ends = [until for until in _in_force(action).values_list("suspended_until", flat=True) if until]
        subject.suspended_until = max(ends) if ends and max(ends) > timezone.now() else None
        subject.save(update_fields=["suspended_until", "updated_at"])
    elif not _in_force(action).exists():
        subject.banned_at = None
        subject.save(update_fields=["banned_at", "updated_at"])


@transaction.atomic
def user_reinstate(*, case: ModerationCase, moderator: User, reason: str) -> ModerationAction:
    """Lift a suspension or ban early; the person's posts come back into feeds."""
    _require_moderator(moderator)
    reason = _clean_text(reason, field="reason", required=True)
    subject = _subject_of(case, moderator)
    if subject.banned_at is None and not subject.is_restricted:
        raise ModerationError("not_restricted", "This account is neither suspended nor banned.", 409)
    _lift_restrictions(subject)
    return _record(case=case, moderator=moderator, kind=Kind.REINSTATE, reason=reason, subject_id=subject.pk)


@transaction.atomic
def case_dismiss(*, case: ModerationCase, moderator: User, reason: str) -> ModerationAction:
    """Close a case without acting on the target: the reports are dismissed."""
    _require_moderator(moderator)
    reason = _clean_text(reason, field="reason", required=True)
    case = ModerationCase.objects.select_for_update().get(pk=case.pk)
    if case.target_owner_id == moderator.pk:
        raise ModerationError("own_content", "Reports of your own content or account are for another moderator.", 403)
    return _record(
        case=case,
        moderator=moderator,
        kind=Kind.DISMISS,
        reason=reason,
        subject_id=case.target_owner_id,
        close_as=Report.Status.DISMISSED,
        notify=False,
    )


@transaction.atomic
def appearance_remove_by_moderator(
    *, case: ModerationCase, moderator: User, reason: str, cameo_id: int
) -> ModerationAction:
    """Remove one cameo's appearance from the reported video, for everyone; the video's files are destroyed."""
    _require_moderator(moderator)
    reason = _clean_text(reason, field="reason", required=True)
    if case.target_kind != TargetKind.POST:
        raise ModerationError("not_applicable", "Only a video has cameo appearances to remove.")
    case = ModerationCase.objects.select_for_update().get(pk=case.pk)
    if case.target_owner_id == moderator.pk:
        raise ModerationError("own_content", "You cannot decide on your own content; another moderator decides.", 403)
    post = _load(case).obj
    appearance = (
        Appearance.objects.select_for_update()
        .select_related("cameo", "cameo__owner")
        .filter(job_id=post.job_id, cameo_id=cameo_id)
        .first()
    )
    if appearance is None:
        raise ModerationError("not_found", "This cameo does not appear in the video.", 404)
    if appearance.removed_at is not None:
        # Two moderators removing it at once recorded two decisions and told the author twice (round on moderation).
        raise ModerationError("already_removed", "This cameo's appearance was already removed.", 409)
    # Their own likeness: they may remove it as its owner, not decide the reports on the video as a moderator (closing
    # them all as actioned, with an adverse decision against its creator: round 4).
    _refuse_own_likeness(case, moderator)
    # The door records the moderator's use of the likeness; removing only ever narrows use, so it is not gated.
    check_use(appearance.cameo, moderator, Purpose.ADMIN, subject=f"remove_appearance:{post.job_id}")
    # On the cameo's owner's behalf, as if they had removed it themselves; the creator is told once, by the decision.
    generation_remove_for_cameo_owner(
        cameo=appearance.cameo, actor=appearance.cameo.owner, job_id=post.job_id, notify_creator=False
    )
    return _record(
        case=case,
        moderator=moderator,
        kind=Kind.REMOVE_APPEARANCE,
        reason=reason,
        subject_id=case.target_owner_id,
        data={"cameo": appearance.cameo_id, "job": post.job_id},
    )


ACTIONS = {
    Kind.TAKE_DOWN: content_take_down,
    Kind.RESTORE: content_restore,
    Kind.WARN: user_warn,
    Kind.SUSPEND: user_suspend,
    Kind.BAN: user_ban,
    Kind.REINSTATE: user_reinstate,
    Kind.DISMISS: case_dismiss,
    Kind.REMOVE_APPEARANCE: appearance_remove_by_moderator,
}


def case_act(
    *,
    case: ModerationCase,
    moderator: User,
    kind: str,
    reason: str,
    days: int | None = None,
    cameo_id: int | None = None,
    policy: str = "",
) -> ModerationAction:
    """One entry point for the queue's action form: checks the inputs the chosen action needs, then does it."""
    if kind not in ACTIONS:
        raise ModerationError("action_invalid", f"Unknown action {kind!r}.")
    if kind == Kind.SUSPEND:
        if days is None:
            raise ModerationError("duration_required", "Choose how long the suspension lasts.")
        return user_suspend(case=case, moderator=moderator, reason=reason, days=days, policy=policy)
    if kind == Kind.REMOVE_APPEARANCE:
        if cameo_id is None:
            raise ModerationError("cameo_required", "Choose the cameo whose appearance to remove.")
        return appearance_remove_by_moderator(case=case, moderator=moderator, reason=reason, cameo_id=cameo_id)
    if kind in (Kind.TAKE_DOWN, Kind.WARN, Kind.BAN):
        return ACTIONS[kind](case=case, moderator=moderator, reason=reason, policy=policy)
    return ACTIONS[kind](case=case, moderator=moderator, reason=reason)


# ---- appeals --------------------------------------------------------------------------------------------


@transaction.atomic
def appeal_create(*, action: ModerationAction, appellant: User, text: str) -> Appeal:
    """The author appeals a decision about them, once, with text; the case goes back to the queue."""
    if action.subject_id != appellant.pk or action.kind not in ModerationAction.ADVERSE:
        raise ModerationError("not_found", "No such decision.", 404)
    if action.kind == Kind.TAKE_DOWN and action.case.target_kind == TargetKind.POST:
        # The purge's own lock: it deletes the files now and this appeal finds them gone, or this appeal commits
        # first and the purge keeps them while it waits (selectors.jobs_under_appeal).
        GenerationJob.objects.select_for_update().filter(post__pk=action.case.target_id).values_list("pk", flat=True).first()
    refusal = selectors.appeal_refusal(action)
    if refusal is not None:
        raise ModerationError(refusal.code, refusal.message, 409)
    text = _clean_text(text, field="text", required=True)
    if Appeal.objects.filter(action=action).exists():
        raise ModerationError("appeal_exists", "You already appealed this decision; an appeal is allowed once.", 409)
    try:
        with transaction.atomic():
            appeal = Appeal.objects.create(action=action, appellant=appellant, text=text)
    except IntegrityError as exc:
        raise ModerationError("appeal_exists", "You already appealed this decision; an appeal is allowed once.", 409) from exc
    case = ModerationCase.objects.select_for_update().get(pk=action.case_id)
    # Back in the queue; a target with another case under review gets the appeal there instead.
    live = (
        ModerationCase.objects.select_for_update()
        .exclude(status=ModerationCase.Status.CLOSED)
        .filter(target_kind=case.target_kind, target_id=case.target_id)
        .first()
    )
    case = live or case
    case.status = ModerationCase.Status.APPEALED
    case.closed_at = None
    case.save(update_fields=["status", "closed_at", "updated_at"])
    audit_record(
        actor=appellant,
        verb="appeal.filed",
        target_kind=case.target_kind,
        target_id=case.target_id,
        reason=text,
        action=action,
        data={"appeal": appeal.pk, "case": case.pk},
    )
    return appeal


def _undo(action: ModerationAction, moderator: User, reason: str) -> None:
    """What overturning a decision gives back."""
    if selectors.decision_superseded(action):
        return  # a later decision decides now: overturning this one withdraws it from the record only
    if action.kind == Kind.TAKE_DOWN:
        _restore_target(action.case, moderator, reason)
    elif action.kind in (Kind.SUSPEND, Kind.BAN) and action.subject_id is not None:
        _lift_one(action)
    # A warning has nothing to give back: overturning it withdraws it from the record.


@transaction.atomic
def appeal_decide(*, appeal: Appeal, moderator: User, overturn: bool, reason: str) -> ModerationAction:
    """A moderator answers an appeal: overturn (undo the decision) or uphold it, with a reason."""
    _require_moderator(moderator)
    reason = _clean_text(reason, field="reason", required=True)
    appeal = Appeal.objects.select_for_update().select_related("action", "action__case").get(pk=appeal.pk)
    if appeal.status != Appeal.Status.PENDING:
        raise ModerationError("appeal_decided", f"This appeal was already {appeal.status}.", 409)
    if appeal.appellant_id == moderator.pk:
        raise ModerationError("own_appeal", "You cannot decide your own appeal; another moderator decides.", 403)
    if appeal.action.moderator_id == moderator.pk:
        # An appeal asks for a second look: the moderator who took the decision upheld it themselves.
        raise ModerationError("own_decision", "An appeal of your decision is for another moderator to answer.", 403)
    case = (
        ModerationCase.objects.exclude(status=ModerationCase.Status.CLOSED)
        .filter(target_kind=appeal.action.case.target_kind, target_id=appeal.action.case.target_id)
        .first()
        or appeal.action.case
    )
    # Locked before anything is undone: two moderators answering two appeals on one target at once each saw the other's
    # still pending, and the case stayed "appealed" with nothing left to decide (round on moderation).
    case = ModerationCase.objects.select_for_update().get(pk=case.pk)
    if overturn:
        _undo(appeal.action, moderator, reason)
    resolution = _record(
        case=case,
        moderator=moderator,
        kind=Kind.OVERTURN if overturn else Kind.UPHOLD,
        reason=reason,
        subject_id=appeal.appellant_id,
        data={"appeal": appeal.pk, "decision": appeal.action_id},
        close_as=Report.Status.DISMISSED if overturn else Report.Status.ACTIONED,
        reports_before=appeal.created_at,
        answers_appeal=appeal.pk,
    )
    appeal.status = Appeal.Status.OVERTURNED if overturn else Appeal.Status.UPHELD
    appeal.resolution = resolution
    appeal.decided_at = timezone.now()
    appeal.save(update_fields=["status", "resolution", "decided_at"])
    return resolution
