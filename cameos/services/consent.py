"""What a cameo's owner (or a linked parent, or a moderator) decides: level, restrictions, grants, deletion.

Every change of consent bumps the cameo's consent version and re-checks the videos that exist
(`appearances_reconcile`): in-flight work fails closed at its next check.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from cameos import biometrics, tasks
from cameos.models import Cameo, Grant, VerificationAttempt
from cameos.policy import (
    Purpose,
    adult_birth_cutoff,
    approved_by_another_adult,
    approved_by_another_adult_now,
    check_use,
)
from cameos.selectors import protected_person_names
from cameos.services.appearances import appearances_reconcile, appearances_remove_for_deleted_cameo, cameo_deleted
from cameos.services.state import BIOMETRICS_ERASED, CameoError, cameo_transition, consent_version_bump
from cameos.services.verification import check_display_name, discard_upload
from sora_social.accounts.models import ParentalLink, User
from sora_social.accounts.selectors import active_parent_link, mutuals_leave_stands
from sora_social.accounts.validators import age_day
from sora_social.content_policy.screening import screen_prompt
from sora_social.content_policy.selectors import screening_rules
from sora_social.notifications.models import Notification
from sora_social.notifications.services import notification_create, notifications_settle

LEVEL_ORDER = [Cameo.Level.ONLY_ME, Cameo.Level.APPROVED, Cameo.Level.MUTUALS, Cameo.Level.EVERYONE]
MAX_RESTRICTIONS = 20


def _screen_preferences(cameo: Cameo) -> None:
    """A cameo's preferences go into the model's prompt of every video it is in ("always wears a red hat"), so they
    answer to the content policy as a prompt does: a protected person's name there would put that person into
    anyone's video of the cameo (attack round 2 on names)."""
    result = screen_prompt(
        cameo.preferences,
        rules=screening_rules(),
        real_person=cameo.kind == Cameo.Kind.SELF,
        teen=cameo.owner.is_teen,
        protected_names=protected_person_names(except_own_cameos=frozenset({cameo.pk})),
    )
    if not result.allowed:
        raise CameoError(
            "preferences_content_policy",
            "These preferences break the content policy; every video of the cameo would carry them.",
            422,
            reasons=result.codes,
        )


@transaction.atomic
def cameo_update(
    *,
    cameo: Cameo,
    actor: User,
    level: str | None = None,
    preferences: str | None = None,
    restrictions: list[str] | None = None,
    display_name: str | None = None,
) -> Cameo:
    if cameo.owner_id != actor.pk:
        raise CameoError("not_found", "No such cameo.", 404)
    cameo = Cameo.objects.select_for_update().get(pk=cameo.pk)
    if cameo.status == Cameo.Status.DELETED:
        raise CameoError("not_found", "No such cameo.", 404)
    changed: list[str] = []
    if level is not None and level != cameo.level:
        if level not in Cameo.Level.values:
            raise CameoError("level_invalid", "Unknown permission level.")
        if actor.is_teen and LEVEL_ORDER.index(level) > LEVEL_ORDER.index(Cameo.Level.MUTUALS):
            raise CameoError("teen_level_capped", "A teen's cameo can be shared with mutuals at most.", 422)
        cameo.level = level
        changed.append("level")
    if preferences is not None and preferences != cameo.preferences:
        cameo.preferences = preferences.strip()
        _screen_preferences(cameo)
        changed.append("preferences")
    if restrictions is not None:
        cleaned = [r.strip() for r in restrictions if r and r.strip()]
        if len(cleaned) > MAX_RESTRICTIONS:
            raise CameoError("too_many_restrictions", f"At most {MAX_RESTRICTIONS} restrictions.")
        if cleaned != cameo.restrictions:
            cameo.restrictions = cleaned
            changed.append("restrictions")
    if display_name is not None and display_name != cameo.display_name:
        cameo.display_name = check_display_name(display_name, cameo_id=cameo.pk)
        changed.append("display_name")
    if not changed:
        _restrictions_recheck_after_commit(cameo, sent=restrictions is not None)
        return cameo
    consent_fields = {"level", "preferences", "restrictions"} & set(changed)
    if consent_fields:
        cameo.consent_version += 1
        changed.append("consent_version")
    cameo.save(update_fields=[*changed, "updated_at"])
    if "level" in changed:
        # Levels are not nested (someone approved need not be a mutual), so any change may take consent away.
        appearances_reconcile(cameo=cameo)
        _tell_parent_mutuals_wait(cameo, actor)
    _restrictions_recheck_after_commit(cameo, sent=restrictions is not None)
    return cameo


def parent_told_what_waits(*, link: ParentalLink) -> None:
    """A parent just linked with a teen: what of the teen's already waits for a parent is told to them, as it would
    have been had they been linked when it began: each grant waiting for approval, and each cameo open to mutuals
    who wait for the parent's leave. Without this a teen who asked before any parent linked (or whose grants went
    back to waiting with a contest) waited on a parent who never heard of it."""
    teen = link.teen
    live = (Cameo.Status.VERIFYING, Cameo.Status.PENDING_REVIEW, Cameo.Status.VERIFIED)
    waiting = Grant.objects.filter(
        cameo__owner_id=teen.pk, cameo__status__in=live, status=Grant.Status.PENDING_PARENT
    ).select_related("grantee")
    for grant in waiting.order_by("pk"):
        notification_create(
            recipient=link.parent,
            kind=Notification.Kind.GRANT_APPROVAL,
            actor=teen,
            data={"grant": grant.pk, "cameo": grant.cameo_id, "grantee": grant.grantee.handle},
            once_unread_by=("cameo", "grantee"),
        )
    open_to_mutuals = Cameo.objects.filter(
        owner_id=teen.pk, status__in=live, level__in=(Cameo.Level.MUTUALS, Cameo.Level.EVERYONE)
    )
    for cameo in open_to_mutuals.order_by("pk"):
        _tell_parent_mutuals_wait(cameo, teen)


def _tell_parent_mutuals_wait(cameo: Cameo, teen: User) -> None:
    """A teen opened their cameo to mutuals, and their parent has not let mutuals use it: the parent is told, since
    mutuals wait for them (`Limits.mutuals_may_use_cameo`), as a grant would."""
    if not teen.is_teen or cameo.level not in (Cameo.Level.MUTUALS, Cameo.Level.EVERYONE):
        return
    link = active_parent_link(teen)
    # Not a "parent" found to be a teen: they are no parent (README), and the notice names the teen's cameo.
    if link is None or link.parent_id is None or link.parent.is_teen or mutuals_leave_stands(link):
        return
    notification_create(
        recipient=link.parent,
        kind=Notification.Kind.PARENTAL_LINK,
        actor=teen,
        data={"change": "mutuals_wait_for_parent", "link": link.pk, "cameo": cameo.handle},
        once_unread_by=("change", "link", "cameo"),
    )


def _restrictions_recheck_after_commit(cameo: Cameo, *, sent: bool) -> None:
    """Every existing video's texts and every comment under them are read again by the classifier: too slow for the
    request on a popular cameo, so after it commits, on the worker. Whenever the owner sends restrictions, changed
    or not: were a re-check lost (a broker down at the moment), sending them again is how the owner gets it back.
    Running it twice changes nothing."""
    if sent and cameo.restrictions:
        cameo_id = cameo.pk
        transaction.on_commit(lambda: tasks.cameo_restrictions_recheck_task.delay(cameo_id))


@transaction.atomic
def grant_create(*, cameo: Cameo, actor: User, grantee: User) -> Grant:
    """The owner approves one person. A teen's grant waits for the linked parent's approval."""
    if cameo.owner_id != actor.pk:
        raise CameoError("not_found", "No such cameo.", 404)
    if grantee.pk == actor.pk:
        raise CameoError("grant_self", "You can always use your own cameo.", 422)
    existing = Grant.objects.filter(cameo=cameo, grantee=grantee).first()
    if existing is not None:
        return existing
    needs_parent = actor.is_teen
    grant = Grant.objects.create(
        cameo=cameo,
        grantee=grantee,
        status=Grant.Status.PENDING_PARENT if needs_parent else Grant.Status.ACTIVE,
        approved_by=None if needs_parent else actor,
        approved_at=None if needs_parent else timezone.now(),
    )
    consent_version_bump(cameo)
    if needs_parent:
        link = active_parent_link(actor)
        if link is not None:
            notification_create(
                recipient=link.parent,
                kind=Notification.Kind.GRANT_APPROVAL,
                actor=actor,
                data={"grant": grant.pk, "cameo": cameo.pk, "grantee": grantee.handle},
                # Asked, withdrawn and asked again: one request for the parent to judge, naming the newest grant.
                once_unread_by=("cameo", "grantee"),
            )
    return grant


@transaction.atomic
def grant_parent_approve(*, grant: Grant, parent: User) -> Grant:
    """The linked parent approves a teen's grant; a link still in its cooling-off approves nothing."""
    # Locked: a former parent's contest of this link and this approval go one after the other.
    link = active_parent_link(grant.cameo.owner, for_update=True)
    if link is None or link.parent_id != parent.pk:
        raise CameoError("not_found", "No such grant.", 404)
    if parent.is_teen:
        # Adulthood is read now, not at linking: a birth date corrected since then takes the parent's powers away.
        raise CameoError("parent_not_adult", "Only an adult parent can approve a teen's grants.", 403)
    grant.refresh_from_db(fields=["status", "approved_by", "approved_at"])
    # An active grant no other adult approved (the teen's own, from before their age was corrected) is approved too.
    counts = approved_by_another_adult_now(
        approver_id=grant.approved_by_id,
        approver_birth_date=grant.approved_by.birth_date if grant.approved_by_id else None,
        owner_id=grant.cameo.owner_id,
        cutoff=adult_birth_cutoff(age_day()),
    )
    if grant.status == Grant.Status.ACTIVE and counts:
        return grant
    if link.in_cooling_off():
        raise CameoError(
            "link_cooling_off",
            "A former parent may still contest this link; grants can be approved once that time is over.",
            403,
            cooling_off_until=link.cooling_off_until.isoformat(),
        )
    grant.status = Grant.Status.ACTIVE
    grant.approved_by = parent
    grant.approved_at = timezone.now()
    grant.save(update_fields=["status", "approved_by", "approved_at"])
    consent_version_bump(grant.cameo)
    # The request is answered: the next one for the same person is new news for the parent (it matched the unread
    # request and was folded into it, silently, tests/test_later_changes_attacks.py).
    notifications_settle(recipient=parent, kind=Notification.Kind.GRANT_APPROVAL, grant=grant.pk)
    notification_create(
        recipient=grant.cameo.owner,
        kind=Notification.Kind.GRANT_APPROVAL,
        actor=parent,
        data={"grant": grant.pk, "cameo": grant.cameo_id, "status": "approved"},
    )
    return grant


def _grants_back_to_waiting(grants: list[Grant]) -> int:
    """These approved grants wait for a parent again, and the videos that relied on them are asked about again (the
    door denies a teen's waiting grant). Returns how many."""
    if not grants:
        return 0
    Grant.objects.filter(pk__in=[g.pk for g in grants]).update(
        status=Grant.Status.PENDING_PARENT, approved_by=None, approved_at=None
    )
    by_cameo: dict[int, tuple[Cameo, list[int]]] = {}
    for grant in grants:
        by_cameo.setdefault(grant.cameo_id, (grant.cameo, []))[1].append(grant.grantee_id)
    for cameo, grantee_ids in by_cameo.values():
        consent_version_bump(cameo)
        appearances_reconcile(cameo=cameo, creator_ids=grantee_ids)
    return len(grants)


def grants_parental_approval_withdraw(*, link: ParentalLink) -> int:
    """A contested link loses its approvals: each grant its parent approved for the teen waits again, and the
    videos that relied on one are asked about again (the door now denies a teen's waiting grant).

    Called by accounts (its on_parental_link_contested hook) inside the contest's transaction. Returns how many
    grants went back to waiting.
    """
    grants = list(
        Grant.objects.select_for_update()
        .filter(
            cameo__owner_id=link.teen_id,
            status=Grant.Status.ACTIVE,
            approved_by_id=link.parent_id,
            approved_at__gte=link.created_at,
        )
        .select_related("cameo")
    )
    return _grants_back_to_waiting(grants)


def grants_approval_withdraw_for_deleted_approver(*, user_id: int) -> int:
    """An account is being deleted: the grants it approved that do not count now (it is not an adult other than the
    owner today, as when support corrected a "parent's" birth date) go back to waiting before the row goes.

    Its approvals that count outlive it (a real parent's approval stands), and the door reads an approver that is
    gone as one that counted (`approved_by_another_adult`). Without this, a teen found out as a "parent" and then
    deleted would have its approvals count again. Connected to the user row's pre_delete (cameos.apps), so any
    path that deletes the row (the admin, a shell) does it. Returns how many grants went back to waiting.
    """
    cutoff = adult_birth_cutoff(age_day())
    grants = list(
        Grant.objects.select_for_update(of=("self",))
        # Only a teen's grants wait for a parent; the account's own cameos go with it.
        .filter(status=Grant.Status.ACTIVE, approved_by_id=user_id, cameo__owner__birth_date__gt=cutoff)
        .exclude(cameo__owner_id=user_id)
        .exclude(approved_by_another_adult(cutoff))
        .select_related("cameo")
    )
    return _grants_back_to_waiting(grants)


@transaction.atomic
def grant_delete(*, cameo: Cameo, actor: User, grantee_id: int) -> None:
    """Revoke one person's grant; their videos with this cameo disappear at once."""
    is_owner = cameo.owner_id == actor.pk
    link = active_parent_link(cameo.owner) if not is_owner else None
    if not is_owner and (link is None or link.parent_id != actor.pk):
        raise CameoError("not_found", "No such cameo.", 404)
    deleted, _ = Grant.objects.filter(cameo=cameo, grantee_id=grantee_id).delete()
    if not deleted:
        raise CameoError("not_found", "No such grant.", 404)
    consent_version_bump(cameo)
    appearances_reconcile(cameo=cameo, creator_ids=[grantee_id])


@transaction.atomic
def cameo_delete(*, cameo: Cameo, actor: User) -> None:
    """The owner deletes a cameo: biometric data is erased and every video with it disappears."""
    if cameo.owner_id != actor.pk:
        raise CameoError("not_found", "No such cameo.", 404)
    # Its attempts first, then the cameo, as a verdict locks them (cameo_verify): the other order deadlocked against
    # a verdict committing at the same moment (tests/test_generation_and_verification_mends_attacks.py).
    list(VerificationAttempt.objects.select_for_update().filter(cameo_id=cameo.pk).order_by("pk").values_list("pk"))
    cameo = Cameo.objects.select_for_update().get(pk=cameo.pk)
    if cameo.status == Cameo.Status.DELETED:
        return
    cameo_transition(cameo, Cameo.Status.DELETED)
    biometrics.erase(cameo)
    cameo.deleted_at = timezone.now()
    cameo.consent_version += 1
    cameo.save()
    # Its uploads waiting to be judged never will be: ended, so they hold no place among the owner's attempts.
    VerificationAttempt.objects.filter(
        cameo=cameo, status__in=(VerificationAttempt.Status.QUEUED, VerificationAttempt.Status.RUNNING)
    ).update(status=VerificationAttempt.Status.FAILED, reasons=["cameo_deleted"], finished_at=cameo.deleted_at)
    Grant.objects.filter(cameo=cameo).delete()
    for attempt in VerificationAttempt.objects.filter(cameo=cameo).exclude(upload=""):
        discard_upload(attempt)
    appearances_reconcile(cameo=cameo)
    cameo_deleted.notify(cameo=cameo, job_ids=appearances_remove_for_deleted_cameo(cameo=cameo, actor=actor))


@transaction.atomic
def cameo_revoke_by_moderator(*, cameo: Cameo, moderator: User, reason: str) -> None:
    if not (moderator.is_active and not moderator.is_restricted and moderator.has_perm("cameos.revoke_cameo")):
        raise CameoError("not_a_moderator", "Only a moderator may revoke someone's cameo.", 403)
    cameo = Cameo.objects.select_for_update().get(pk=cameo.pk)
    cameo_transition(cameo, Cameo.Status.REVOKED)
    cameo.consent_version += 1
    cameo.revoked_by_moderator_at = timezone.now()
    cameo.save(update_fields=["status", "consent_version", "revoked_by_moderator_at", "updated_at"])
    check_use(cameo, moderator, Purpose.ADMIN, subject=f"revoke:{reason[:40]}")
    appearances_reconcile(cameo=cameo)


@transaction.atomic
def cameo_reinstate_by_moderator(*, cameo: Cameo, moderator: User, reason: str) -> Cameo:
    """Undo a wrongful revocation. Videos hidden by it stay hidden: revocation is final for existing videos."""
    cameo = Cameo.objects.select_for_update().get(pk=cameo.pk)
    if BIOMETRICS_ERASED in cameo.rejection_reasons:
        # Its account was deactivated meanwhile and its biometrics erased (cameos.services.retention): with no face
        # to check renders against, only a new verification can bring it back.
        raise CameoError("biometrics_erased", "This cameo's biometric data was erased; its owner must verify again.", 409)
    cameo_transition(cameo, Cameo.Status.VERIFIED)
    cameo.consent_version += 1
    cameo.revoked_by_moderator_at = None
    cameo.save(update_fields=["status", "consent_version", "revoked_by_moderator_at", "updated_at"])
    check_use(cameo, moderator, Purpose.ADMIN, subject=f"reinstate:{reason[:38]}")
    return cameo


