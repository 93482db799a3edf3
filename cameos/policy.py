"""The one door for likeness: may this actor use this cameo, for this purpose, with this prompt, now?

Every use goes through `check_use`: the generation API, remix, the render task before it renders, the publish
step (before the output is stored and when a draft becomes a post) and admin. Lists use `cameos_usable_by`,
the same rule written as a queryset, so the two cannot drift apart (a property test checks that they agree).

The rules, in order:
0. To make something (generate, remix, render, publish), the actor's own account must be active and not banned.
1. A deleted, revoked or unverified cameo denies, and so does one whose owner's account is deactivated (its
   biometrics are erased within a day, and nobody is there to see or revoke what is made meanwhile) or banned (a
   banned member can no longer sign in to see, delete or revoke what others make with their likeness; the cameo
   comes back as it was if the ban is lifted).
2. The owner always may.
3. A block, in either direction, denies.
4. The level: `only_me` denies; `approved` needs a Grant (a teen owner's grant counts only once the linked
   parent approved it, and only while that approver is an adult other than the owner; it counts without approval
   once the owner is 18); `mutuals` needs follows both ways, and for a teen owner a parent's leave too
   (`Limits.mutuals_may_use_cameo`: without it, a teen whose grant waits for a parent could let that person in alone
   by opening the cameo to mutuals and following them back); `everyone` allows. A teen owner's cameo is never wider
   than `mutuals`, whatever is stored.
5. A text that goes with the likeness (the prompt and its dialogue, a caption, a remix's prompt) that conflicts
   with one of the owner's restrictions denies. A comment on a post that shows the cameo is held from public
   view when it conflicts (`comment_restriction_conflicts`); for comments only the restrictions apply.
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)

from cameos.models import Cameo, ConsentDecision, Grant, ProtectedPerson
from cameos.restrictions import find_restriction_conflicts
from sora_social.accounts.limits import mutuals_may_use_teens_cameo
from sora_social.accounts.models import Block, Follow
from sora_social.accounts.selectors import links_whose_choices_stand, mutuals_leave_stands_q
from sora_social.accounts.validators import adult_birth_cutoff, age_day
from sora_social.errors import ServiceError


class Purpose(StrEnum):
    GENERATE = "generate"  # the API validating a new generation
    REMIX = "remix"  # a remix re-casting the parent's cameos
    RENDER = "render"  # the worker, before it renders
    PUBLISH = "publish"  # before the output is stored, and when a draft becomes a post
    DISPLAY = "display"  # re-checking videos that already exist after consent changed
    ADMIN = "admin"  # a moderator acting on a cameo
    COMMENT = "comment"  # a comment on a post that shows the cameo (only the restrictions apply)


# Purposes that are a real use of the likeness: allowed ones are audited too, not only denials.
AUDITED_USES = {Purpose.GENERATE, Purpose.REMIX, Purpose.RENDER, Purpose.PUBLISH, Purpose.ADMIN}
# Purposes that make something with the likeness: only an account that is active and not banned may. Not DISPLAY: a
# re-check of an existing video after a change of consent withdraws it for good, and a deactivated creator's video
# is hidden with its account already, to come back if the account does.
MAKING_USES = {Purpose.GENERATE, Purpose.REMIX, Purpose.RENDER, Purpose.PUBLISH}


class Reason(StrEnum):
    OWNER = "owner"
    GRANTED = "granted"
    MUTUALS = "mutuals"
    EVERYONE = "everyone"
    CAMEO_DELETED = "cameo_deleted"
    CAMEO_REVOKED = "cameo_revoked"
    CAMEO_UNVERIFIED = "cameo_unverified"
    OWNER_INACTIVE = "owner_inactive"
    ACTOR_INACTIVE = "actor_inactive"
    BLOCKED = "blocked"
    ONLY_ME = "only_me"
    NOT_GRANTED = "not_granted"
    GRANT_PENDING_PARENT = "grant_pending_parent_approval"
    NOT_MUTUALS = "not_mutuals"
    MUTUALS_PENDING_PARENT = "mutuals_pending_parent_approval"
    RESTRICTION_CONFLICT = "restriction_conflict"


@dataclass(frozen=True)
class Relationship:
    """What the rules need to know about the actor and the cameo's owner, read in one query."""

    status: str
    level: str
    owner_id: int
    owner_is_teen: bool
    # The owner's account is active and not banned.
    owner_is_active: bool
    consent_version: int
    restrictions: tuple[str, ...]
    blocked: bool
    actor_follows_owner: bool
    owner_follows_actor: bool
    grant_id: int | None
    grant_status: str | None
    # Whether an adult other than the owner approved the grant: what makes a teen's grant count. A grant a teen
    # approved themself (signed up with an adult's birth date, since corrected) or one approved by a "parent" since
    # found to be a teen never had a parent's approval. A parent's approval outlives their deleted account (the
    # approver is then unknown: an owner's own approval goes with their cameo), as their other choices do.
    grant_approved_by_another_adult: bool = False
    # Whether a parent lets mutuals use the teen owner's cameo (`Limits.mutuals_may_use_cameo`). Read only when it
    # decides: a teen owner, open to mutuals, and the two following each other.
    parent_lets_mutuals_use: bool = False
    # The actor's account is active and not banned: a render queued before its creator was deactivated went on to
    # render and store someone's likeness (tests/accounts/test_account_lifecycle_attacks.py).
    actor_in_standing: bool = True


@dataclass(frozen=True)
class Decision:
    """The answer of the door: allowed or not, with a machine-readable reason."""

    allowed: bool
    reason: Reason
    cameo_id: int
    consent_version: int
    grant_ids: tuple[int, ...] = ()
    detail: str = ""
    matched: dict = field(default_factory=dict)

    def __bool__(self) -> bool:
        return self.allowed


# Reasons a stranger may learn; anything else is reported as the cameo being unavailable, so a block or a
# moderator's revocation is not disclosed.
DISCLOSED_REASONS = {
    Reason.ONLY_ME,
    Reason.NOT_GRANTED,
    Reason.GRANT_PENDING_PARENT,
    Reason.NOT_MUTUALS,
    Reason.MUTUALS_PENDING_PARENT,
    Reason.RESTRICTION_CONFLICT,
}


def reason_to_tell(decision: Decision) -> str:
    """A denial's reason as the person refused may read it (a job's `state_reason`, its socket event): one of
    DISCLOSED_REASONS as it is, any other "unavailable". A render stopped by a block, a moderator's revocation or a
    deactivated account said so to its creator (tests/test_information_leak_attacks.py)."""
    return decision.reason.value if decision.reason in DISCLOSED_REASONS else "unavailable"


class ConsentRefused(ServiceError):
    """The door said no. Raised like any other error: the audit row of the denial survives a rollback."""


def refusal_for(cameo: Cameo, decision: Decision, *, doing: str = "use") -> ConsentRefused:
    """The error for a denial: it names the cameo, and the reason only where it may be told.

    A text that conflicts with one of the owner's restrictions is a 422 (it can be reworded); every other denial
    is a 403.
    """
    handle = f"@{cameo.handle}"
    if decision.reason == Reason.RESTRICTION_CONFLICT:
        text = decision.matched.get("text", "prompt")
        return ConsentRefused(
            "cameo_restriction_conflict",
            f"The {text} conflicts with a restriction {handle} set: “{decision.detail}”.",
            422,
            cameo=handle,
            restriction=decision.detail,
            text=text,
        )
    if decision.reason in DISCLOSED_REASONS:
        return ConsentRefused(
            "cameo_not_permitted",
            f"You may not {doing} {handle} ({decision.reason}).",
            403,
            cameo=handle,
            reason=decision.reason.value,
        )
    return ConsentRefused("cameo_unavailable", f"{handle} is not available.", 403, cameo=handle)


def effective_level(level: str, *, owner_is_teen: bool) -> str:
    if owner_is_teen and level == Cameo.Level.EVERYONE:
        return Cameo.Level.MUTUALS
    return level


Texts = str | Mapping[str, str] | None


def texts_by_kind(texts: Texts) -> dict[str, str]:
    """The texts that go with a use, by kind ("prompt", "caption"); a plain string is the prompt."""
    if texts is None:
        return {}
    if isinstance(texts, str):
        return {"prompt": texts} if texts else {}
    return {kind: text for kind, text in texts.items() if text}


def first_restriction_conflict(restrictions: Iterable[str], texts: Texts) -> tuple[str, str] | None:
    """(the restriction, the kind of text) of the first text that breaks one of the restrictions, or None."""
    restrictions = list(restrictions)
    if not restrictions:
        return None
    for kind, text in texts_by_kind(texts).items():
        conflicts = find_restriction_conflicts(restrictions, text)
        if conflicts:
            return conflicts[0].restriction, kind
    return None


def evaluate(
    relationship: Relationship, *, actor_id: int, prompt: Texts = None, purpose: Purpose | None = None
) -> tuple[bool, Reason, str, dict]:
    """The rules themselves, on data already read; no database access. ``prompt`` is the prompt, or every
    text that goes with the use by kind ({"prompt": ..., "caption": ...}). Returns (allowed, reason, detail,
    matched): a restriction conflict's detail is the restriction, and ``matched`` says which text broke it."""
    if purpose in MAKING_USES and not relationship.actor_in_standing:
        return False, Reason.ACTOR_INACTIVE, "", {}
    if relationship.status == Cameo.Status.DELETED:
        return False, Reason.CAMEO_DELETED, "", {}
    if relationship.status == Cameo.Status.REVOKED:
        return False, Reason.CAMEO_REVOKED, "", {}
    if relationship.status != Cameo.Status.VERIFIED:
        return False, Reason.CAMEO_UNVERIFIED, "", {}
    if not relationship.owner_is_active:
        return False, Reason.OWNER_INACTIVE, "", {}
    if relationship.owner_id == actor_id:
        return True, Reason.OWNER, "", {}
    if relationship.blocked:
        return False, Reason.BLOCKED, "", {}
    level = effective_level(relationship.level, owner_is_teen=relationship.owner_is_teen)
    if level == Cameo.Level.ONLY_ME:
        return False, Reason.ONLY_ME, "", {}
    if level == Cameo.Level.APPROVED:
        if relationship.grant_status == Grant.Status.ACTIVE:
            if relationship.owner_is_teen and not relationship.grant_approved_by_another_adult:
                return False, Reason.GRANT_PENDING_PARENT, "", {}
            reason = Reason.GRANTED
        elif relationship.grant_status == Grant.Status.PENDING_PARENT:
            # Parental approval is for teens; an owner who has turned 18 made the grant themselves.
            if relationship.owner_is_teen:
                return False, Reason.GRANT_PENDING_PARENT, "", {}
            reason = Reason.GRANTED
        else:
            return False, Reason.NOT_GRANTED, "", {}
    elif level == Cameo.Level.MUTUALS:
        if not (relationship.actor_follows_owner and relationship.owner_follows_actor):
            return False, Reason.NOT_MUTUALS, "", {}
        if relationship.owner_is_teen and not relationship.parent_lets_mutuals_use:
            return False, Reason.MUTUALS_PENDING_PARENT, "", {}
        reason = Reason.MUTUALS
    else:
        reason = Reason.EVERYONE
    conflict = first_restriction_conflict(relationship.restrictions, prompt)
    if conflict is not None:
        restriction, kind = conflict
        return False, Reason.RESTRICTION_CONFLICT, restriction, {"text": kind}
    return True, reason, "", {}


def _relationship_sql() -> str:
    """One statement for the whole read; the ORM spent ~15x the database's own time compiling it."""
    cameo, user = Cameo._meta.db_table, Cameo.owner.field.related_model._meta.db_table
    block, follow, grant = Block._meta.db_table, Follow._meta.db_table, Grant._meta.db_table
    return f"""
        SELECT c.status, c.level, c.owner_id, u.birth_date, (u.is_active AND u.banned_at IS NULL), c.consent_version, c.restrictions,
               EXISTS (SELECT 1 FROM {block} b
                       WHERE (b.blocker_id = c.owner_id AND b.blocked_id = %(actor)s)
                          OR (b.blocker_id = %(actor)s AND b.blocked_id = c.owner_id)),
               EXISTS (SELECT 1 FROM {follow} f WHERE f.follower_id = %(actor)s AND f.followee_id = c.owner_id),
               EXISTS (SELECT 1 FROM {follow} f WHERE f.follower_id = c.owner_id AND f.followee_id = %(actor)s),
               g.id, g.status, g.approved_by_id, a.birth_date,
               EXISTS (SELECT 1 FROM {user} m WHERE m.id = %(actor)s AND m.is_active AND m.banned_at IS NULL)
        FROM {cameo} c
        JOIN {user} u ON u.id = c.owner_id
        LEFT JOIN {grant} g ON g.cameo_id = c.id AND g.grantee_id = %(actor)s
        LEFT JOIN {user} a ON a.id = g.approved_by_id
        WHERE c.id = %(cameo)s
    """  # noqa: S608 - table names come from model metadata; values are parameters


def read_relationship(cameo_id: int, actor_id: int) -> Relationship | None:
    """The cameo's current consent state and the actor's relationship to its owner, in one query."""
    with connection.cursor() as cursor:
        cursor.execute(_relationship_sql(), {"actor": actor_id, "cameo": cameo_id})
        row = cursor.fetchone()
    if row is None:
        return None
    (status, level, owner_id, birth_date, owner_is_active, version, restrictions, blocked, follows, followed, grant_id,
     grant_status, approver_id, approver_birth_date, actor_in_standing) = row
    if isinstance(birth_date, str):  # SQLite hands dates back as text
        birth_date = datetime.date.fromisoformat(birth_date)
    if isinstance(approver_birth_date, str):
        approver_birth_date = datetime.date.fromisoformat(approver_birth_date)
    cutoff = adult_birth_cutoff(age_day())
    if isinstance(restrictions, str):
        restrictions = json.loads(restrictions)
    owner_is_teen = birth_date > cutoff
    # A third query, only where the parent's leave decides the answer.
    parent_lets_mutuals_use = (
        owner_is_teen
        and level in (Cameo.Level.MUTUALS, Cameo.Level.EVERYONE)
        and bool(follows)
        and bool(followed)
        and mutuals_may_use_teens_cameo(owner_id)
    )
    return Relationship(
        status=status,
        level=level,
        owner_id=owner_id,
        owner_is_teen=owner_is_teen,
        owner_is_active=bool(owner_is_active),
        consent_version=version,
        restrictions=tuple(r for r in (restrictions or []) if isinstance(r, str)),
        blocked=bool(blocked),
        actor_follows_owner=bool(follows),
        owner_follows_actor=bool(followed),
        grant_id=grant_id,
        grant_status=grant_status,
        grant_approved_by_another_adult=approved_by_another_adult_now(
            approver_id=approver_id, approver_birth_date=approver_birth_date, owner_id=owner_id, cutoff=cutoff
        ),
        parent_lets_mutuals_use=parent_lets_mutuals_use,
        actor_in_standing=bool(actor_in_standing),
    )


def check_use(
    cameo: Cameo | int,
    actor: AbstractBaseUser | int,
    purpose: Purpose | str,
    prompt: Texts = None,
    *,
    subject: str = "",
) -> Decision:
    """Decide one use of one cameo, from the cameo's state as it is in the database now. ``prompt`` is the
    prompt, or every text that goes with the use by kind ({"prompt": ..., "caption": ...}).

    Two queries: one read, one audit row (written for every denial and every real use); a third for a teen's cameo
    open to mutuals when the two follow each other (whether a parent lets mutuals use it).
    """
    cameo_id = cameo if isinstance(cameo, int) else cameo.pk
    actor_id = actor if isinstance(actor, int) else actor.pk
    relationship = read_relationship(cameo_id, actor_id)
    return _decide(relationship, cameo_id, actor_id, Purpose(purpose), prompt, subject)


def _decide(
    relationship: Relationship | None, cameo_id: int, actor_id: int, purpose: Purpose, prompt: Texts, subject: str
) -> Decision:
    """One decision on a relationship already read, audited when it denies and for every real use."""
    if relationship is None:
        # A missing cameo and a deleted one look the same to the caller; there is nothing to audit against.
        return Decision(False, Reason.CAMEO_DELETED, cameo_id, 0)
    allowed, reason, detail, matched = evaluate(relationship, actor_id=actor_id, prompt=prompt, purpose=purpose)
    grant_ids = (relationship.grant_id,) if reason == Reason.GRANTED and relationship.grant_id else ()
    decision = Decision(allowed, reason, cameo_id, relationship.consent_version, grant_ids, detail, matched)
    if not allowed or purpose in AUDITED_USES:
        _audit(
            cameo_id=cameo_id,
            actor_id=actor_id,
            purpose=purpose.value,
            allowed=allowed,
            reason=reason.value,
            consent_version=relationship.consent_version,
            subject=subject[:64],
        )
    return decision


def protected_face_permitted(person_id: int | str, *, cast_cameo_ids: Iterable[int]) -> bool:
    """May a protected person's face appear in a piece of work? Only through their own cameo, cast in it (the
    door then decides that cameo's use like any other's). Output screening asks this for every protected face."""
    own = ProtectedPerson.objects.filter(pk=person_id).values_list("own_cameo_id", flat=True).first()
    return own is not None and own in set(cast_cameo_ids)


def comment_restriction_conflicts(
    cameos: Iterable[Cameo], commenter: AbstractBaseUser | int, body: str, *, subject: str = ""
) -> list[tuple[Cameo, str]]:
    """The cameos (shown in a post) whose owners' restrictions a comment on it breaks, with the restriction.

    Only the restrictions apply to a comment: anyone who may see a post may comment on it, and a cameo's
    owner may say what they like under their own likeness. Each conflict is audited as a denied COMMENT.
    """
    commenter_id = commenter if isinstance(commenter, int) else commenter.pk
    conflicts = []
    for cameo in cameos:
        if cameo.owner_id == commenter_id:
            continue
        conflict = first_restriction_conflict(cameo.restrictions or [], {"comment": body})
        if conflict is None:
            continue
        conflicts.append((cameo, conflict[0]))
        _audit(
            cameo_id=cameo.pk,
            actor_id=commenter_id,
            purpose=Purpose.COMMENT.value,
            allowed=False,
            reason=Reason.RESTRICTION_CONFLICT.value,
            consent_version=cameo.consent_version,
            subject=subject[:64],
        )
    return conflicts


def with_co_cast_preferences(texts: Texts, cameo: Cameo, cast: Sequence[Cameo]) -> Texts:
    """The texts of one cameo's use in a piece of work, plus the preferences of the other cameos cast in it.

    Every cast cameo's preferences are written into the model's prompt (generation.backends.diffusers_backend.
    compose_prompt), so another owner's preferences ("makes the other person smoke") are a text beside this
    likeness like the prompt itself. The cameo's own preferences, and those of its owner's other cameos, are the
    owner's own words, never checked against the owner's own restrictions.
    """
    others = [
        other.preferences.strip()
        for other in cast
        if other.pk != cameo.pk and other.owner_id != cameo.owner_id and (other.preferences or "").strip()
    ]
    if texts is None or not others:
        return texts
    return {**texts_by_kind(texts), "preferences": ". ".join(others)}


def check_uses(
    cameos: Iterable[Cameo],
    actor: AbstractBaseUser,
    purpose: Purpose | str,
    prompt: Texts = None,
    *,
    subject: str = "",
    cast: Sequence[Cameo] | None = None,
) -> list[tuple[Cameo, Decision]]:
    """`check_use` for every cameo of one piece of work, in order: each use is decided and audited, with the texts
    that go with it, the preferences of the rest of the ``cast`` included (`with_co_cast_preferences`; the cast is
    the cameos asked about unless the work has more)."""
    cameos = list(cameos)
    cast = list(cast) if cast is not None else cameos
    return [
        (cameo, check_use(cameo, actor, purpose, with_co_cast_preferences(prompt, cameo, cast), subject=subject))
        for cameo in cameos
    ]


def check_use_in_works(
    cameo: Cameo, actor_id: int, purpose: Purpose | str, works: Mapping[str, tuple[Texts, Sequence[Cameo]]]
) -> dict[str, Decision]:
    """`check_use` for one cameo in several pieces of work of one actor, by subject: each work's texts and cast
    (whose preferences are texts of the use too). The relationship is read once; each denial is audited."""
    relationship = read_relationship(cameo.pk, actor_id)
    return {
        subject: _decide(
            relationship, cameo.pk, actor_id, Purpose(purpose), with_co_cast_preferences(texts, cameo, cast), subject
        )
        for subject, (texts, cast) in works.items()
    }


def require_uses(
    cameos: Iterable[Cameo],
    actor: AbstractBaseUser,
    purpose: Purpose | str,
    prompt: Texts = None,
    *,
    subject: str = "",
    doing: str = "use",
    cast: Sequence[Cameo] | None = None,
) -> list[Decision]:
    """Ask the door about each cameo and raise the refusal of the first one denied (`ConsentRefused`). The texts
    of each use include the preferences of the rest of the ``cast`` (the cameos asked about, unless the work has
    more; `with_co_cast_preferences`)."""
    decisions = []
    cameos = list(cameos)
    cast = list(cast) if cast is not None else cameos
    for cameo in cameos:
        # One at a time: the first denial ends the work, so the cameos after it are not asked (nor audited).
        decision = check_use(cameo, actor, purpose, with_co_cast_preferences(prompt, cameo, cast), subject=subject)
        if not decision.allowed:
            raise refusal_for(cameo, decision, doing=doing)
        decisions.append(decision)
    return decisions


# ---- the audit survives any exit ------------------------------------------------------------------------
#
# The door's audit row is written where the decision is made, often inside a transaction that the refusal then
# rolls back (a request runs in one, ATOMIC_REQUESTS). Rows written inside a transaction are kept in a list
# on the connection until that transaction commits; `consent_audit_flush`, called when the unit of work ends
# (ConsentAuditMiddleware for requests, Celery's task_postrun for tasks), writes again the ones a rollback
# took away, and costs no query when there are none. Each row carries a unique `audit_key`, so a row is never
# written twice.


def _pending_audit() -> list[tuple[ConsentDecision, object]]:
    pending = getattr(connection, "consent_audit_pending", None)
    if pending is None:
        pending = connection.consent_audit_pending = []
    return pending


def _audit(**fields) -> None:
    row = ConsentDecision.objects.create(audit_key=uuid.uuid4(), **fields)
    if not connection.in_atomic_block:
        return  # autocommit: it is already durable
    pending = _pending_audit()

    def committed() -> None:
        pending[:] = [entry for entry in pending if entry[0] is not row]

    # Django runs this once the row is durable, and drops it with the savepoint it was registered in if that
    # savepoint rolls back: while it is still registered, the row is alive in an open transaction.
    transaction.on_commit(committed)
    pending.append((row, committed))


def consent_audit_flush() -> int:
    """Write again the audit rows of this connection that a rollback took away; call it where the unit of work
    ended (after the request's or the task's transaction). Returns how many rows it wrote again."""
    pending = getattr(connection, "consent_audit_pending", None)
    if not pending:
        return 0
    registered = {id(entry[1]) for entry in connection.run_on_commit}
    lost = [row for row, committed in pending if id(committed) not in registered]
    pending[:] = [entry for entry in pending if id(entry[1]) in registered]
    if not lost:
        return 0
    # The cameo or the person may have been created in the very transaction that rolled back: nothing to audit.
    cameos = set(Cameo.objects.filter(pk__in={row.cameo_id for row in lost}).values_list("pk", flat=True))
    actors = {row.actor_id for row in lost if row.actor_id is not None}
    people = set(get_user_model().objects.filter(pk__in=actors).values_list("pk", flat=True))
    lost = [row for row in lost if row.cameo_id in cameos and (row.actor_id is None or row.actor_id in people)]
    for row in lost:
        row.pk = None  # inserted afresh; its audit_key stays
    # By its audit key, a row that is stored after all is not written twice.
    ConsentDecision.objects.bulk_create(lost, ignore_conflicts=True)
    return len(lost)


def consent_replaced(decision: Decision, *, pinned_grant_ids) -> bool:
    """Whether an allowed use now rests on other grants than the ones pinned when the work began.

    A grant withdrawn and given again is a new grant: work begun under the old one (a render whose signed
    manifest names it) was never consented to. Other changes of the consent version do not count.
    """
    return decision.allowed and sorted(decision.grant_ids) != sorted(pinned_grant_ids)


def consent_hold(cameo_ids) -> None:
    """Keep these cameos' consent from changing until the current transaction ends.

    Call it inside `transaction.atomic()`, before `check_use`, when the answer is acted on in the same
    transaction (storing a draft, publishing a post). Every change of consent updates the cameo's row (its
    consent version), so it waits for this share lock; once it runs, it re-checks the videos that now exist,
    the new one included. Without the hold, a revocation committed between the check and the insert would miss
    the new video. Shared, so uses of one cameo do not wait for each other. SQLite has one writer at a time.
    """
    ids = sorted({int(pk) for pk in cameo_ids})
    if not ids or connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {Cameo._meta.db_table} WHERE id = ANY(%s) ORDER BY id FOR SHARE",  # noqa: S608
            [ids],
        )


def approved_by_another_adult_now(
    *, approver_id: int | None, approver_birth_date: datetime.date | None, owner_id: int, cutoff: datetime.date
) -> bool:
    """Whether a grant's approver makes a teen's grant count (`evaluate` says why): an adult other than the owner, or
    a parent whose account is gone. `approved_by_another_adult` is the same rule on a queryset."""
    if approver_id is None:
        return True
    return approver_id != owner_id and approver_birth_date is not None and approver_birth_date <= cutoff


def approved_by_another_adult(cutoff: datetime.date) -> Q:
    """On grants: approved by an adult other than the cameo's owner, or by a parent whose account is gone. What makes
    a teen's active grant count (`evaluate` says why); `cutoff` is `adult_birth_cutoff` of today."""
    return Q(approved_by__isnull=True) | (
        Q(approved_by__birth_date__lte=cutoff) & ~Q(approved_by_id=F("cameo__owner_id"))
    )


def grant_status_as_counted() -> Case:
    """On grants: the status the door acts on. A teen's active grant that no other adult approved waits for a parent
    ("pending_parent"), whatever its row says: owners and parents see what the door does."""
    cutoff = adult_birth_cutoff(age_day())
    return Case(
        When(
            Q(status=Grant.Status.ACTIVE, cameo__owner__birth_date__gt=cutoff) & ~approved_by_another_adult(cutoff),
            then=Value(Grant.Status.PENDING_PARENT.value),
        ),
        default=F("status"),
        output_field=CharField(),
    )


def cameos_usable_by(actor: AbstractBaseUser, *, keep_blocked_by_actor: bool = False) -> QuerySet[Cameo]:
    """Every cameo the actor may use right now (without a prompt): the rules of `evaluate` as a queryset.
    `keep_blocked_by_actor`: as if the actor had not blocked the owners they blocked (a report of a harasser's cameo,
    moderation.targets); never for a use."""
    if not actor.is_active or getattr(actor, "banned_at", None) is not None:
        return Cameo.objects.none()
    owner = OuterRef("owner_id")
    by_owner = Q(blocker_id=owner, blocked_id=actor.pk)
    blocked = Exists(
        Block.objects.filter(by_owner if keep_blocked_by_actor else by_owner | Q(blocker_id=actor.pk, blocked_id=owner))
    )
    mutual = Exists(Follow.objects.filter(follower_id=actor.pk, followee_id=owner)) & Exists(
        Follow.objects.filter(follower_id=owner, followee_id=actor.pk)
    )
    cutoff = adult_birth_cutoff(age_day())
    granted = Exists(
        Grant.objects.filter(cameo_id=OuterRef("pk"), grantee_id=actor.pk, status=Grant.Status.ACTIVE).filter(
            Q(cameo__owner__birth_date__lte=cutoff) | approved_by_another_adult(cutoff)
        )
    ) | (
        Exists(Grant.objects.filter(cameo_id=OuterRef("pk"), grantee_id=actor.pk, status=Grant.Status.PENDING_PARENT))
        & Q(owner__birth_date__lte=cutoff)
    )
    # The teen owner's standing link says (`Limits.mutuals_may_use_cameo`); no link is no leave (NULL, not true).
    parent_lets_mutuals_use = Subquery(
        links_whose_choices_stand(OuterRef("owner_id"))
        .annotate(leave=ExpressionWrapper(mutuals_leave_stands_q(), output_field=BooleanField()))
        .values("leave")[:1],
        output_field=BooleanField(),
    )
    others = (
        Q(level=Cameo.Level.EVERYONE, owner__birth_date__lte=cutoff)
        | (
            Q(level__in=[Cameo.Level.EVERYONE, Cameo.Level.MUTUALS])
            & mutual
            & (Q(owner__birth_date__lte=cutoff) | parent_lets_mutuals_use)
        )
        | (Q(level=Cameo.Level.APPROVED) & granted)
    )
    return Cameo.objects.filter(status=Cameo.Status.VERIFIED, owner__is_active=True, owner__banned_at__isnull=True).filter(
        Q(owner_id=actor.pk) | (~blocked & others)
    )
