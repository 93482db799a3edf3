"""Actions on people: signup completion, invites, follows, blocks, profiles and parental links."""

import datetime
import io
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

from sora_social.accounts import selectors
from sora_social.accounts.conf import accounts_setting
from sora_social.accounts.models import Block, Follow, InviteCode, ParentalLink, ParentalLinkCode, Profile, User
from sora_social.accounts.validators import adult_birth_cutoff, age_day, handle_collapsed, handles_alike_in
from sora_social.errors import ServiceError
from sora_social.listeners import Listeners
from sora_social.locks import transaction_lock
from sora_social.notifications.models import Notification
from sora_social.notifications.services import notification_create
from sora_social.pillow_settings import image_format_named_by, refuse_truncated_images


class InviteUnavailable(Exception):
    """The invite code was spent, expired or never existed by the time the signup tried to redeem it."""


# ---- invites ------------------------------------------------------------------------------------------


def _invite_spendable(invite: InviteCode | None) -> bool:
    """Available, and an operator's or made by someone who is an adult now: teens hold no invites (invites_mint),
    and an account whose birth date support corrected to a teen's must not keep signing people up with codes from
    its "adult" days. A code whose maker's account is gone is not spent either: nobody can say who made it, and
    deleting such an account would otherwise have freed its codes. Nor is one of a banned or deactivated maker, nor
    of one suspended right now.
    """
    if invite is None or invite.state != InviteCode.State.AVAILABLE:
        return False
    if invite.minted_by_operator:
        return True
    maker = invite.created_by if invite.created_by_id is not None else None
    # Nor one whose maker is banned or deactivated: a banned member's unspent codes were how they came back
    # (tests/accounts/test_account_attacks_round4.py); a suspended member's signed up a second account that went on
    # posting through the suspension (tests/accounts/test_signin_and_invite_attacks_round5.py).
    return maker is not None and maker.is_adult and maker.is_active and not maker.is_restricted


def invite_find_available(code: str) -> InviteCode | None:
    invite = InviteCode.objects.filter(code__iexact=code.strip()).select_related("created_by").first()
    return invite if _invite_spendable(invite) else None


def invites_mint(*, count: int, created_by: User | None = None, ttl_days: int | None = None, note: str = "") -> list[InviteCode]:
    """Create fresh invite codes (for a new user, or by an operator)."""
    if count < 1 or count > 10_000:
        raise ValueError("count must be between 1 and 10000")
    if created_by is not None and created_by.is_teen:
        # A teen's invite is how a teen makes a self-declared adult, who could then pose as their parent.
        raise ValueError("Teens do not receive invite codes.")
    ttl = settings.INVITE_TTL_DAYS if ttl_days is None else ttl_days
    expires_at = timezone.now() + datetime.timedelta(days=ttl) if ttl else None
    return InviteCode.objects.bulk_create(
        [
            InviteCode(
                created_by=created_by,
                created_by_user_id=created_by.pk if created_by else None,
                minted_by_operator=created_by is None,
                expires_at=expires_at,
                note=note,
            )
            for _ in range(count)
        ]
    )


@transaction.atomic
def invite_redeem(*, code: str, user: User) -> InviteCode:
    """Spend an invite for a new user. The row lock makes parallel redemptions of one code serial."""
    invite = InviteCode.objects.select_for_update(of=("self",)).select_related("created_by").filter(
        code__iexact=code.strip()
    ).first()
    if not _invite_spendable(invite):
        raise InviteUnavailable(code)
    invite.redeemed_by = user
    invite.redeemed_at = timezone.now()
    invite.save(update_fields=["redeemed_by", "redeemed_at"])
    return invite


@transaction.atomic
def user_signup_complete(*, user: User, invite_code: str) -> User:
    """Finish a signup after the user row exists: spend the invite, make the profile, give adults invites."""
    invite_redeem(code=invite_code, user=user)
    Profile.objects.get_or_create(user=user, defaults={"display_name": user.handle})
    if user.is_adult:
        invites_mint(count=settings.INVITES_PER_NEW_USER, created_by=user)
    return user


# ---- profile ------------------------------------------------------------------------------------------

AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_MAX_PIXELS = 4096 * 4096
AVATAR_FORMATS = {"JPEG", "PNG", "WEBP"}


# Checks of a display name an app above accounts keeps the data for: cameos refuses one that names a protected
# person (cameos.apps). Called as `check(display_name)`; each raises a ServiceError to refuse.
_display_name_checks: list[Callable[[str], object]] = []


def on_display_name_check(check: Callable[[str], object]) -> Callable[[str], object]:
    if check not in _display_name_checks:
        _display_name_checks.append(check)
    return check


def profile_update(*, user: User, display_name: str | None = None, bio: str | None = None) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    fields = []
    if display_name is not None:
        # A person's display name is shown beside every post and comment of theirs, as a cameo's is beside its videos.
        for check in _display_name_checks:
            check(display_name)
        profile.display_name = display_name
        fields.append("display_name")
    if bio is not None:
        profile.bio = bio
        fields.append("bio")
    if fields:
        profile.save(update_fields=[*fields, "updated_at"])
    return profile


def avatar_set(*, user: User, upload: UploadedFile) -> Profile:
    """Validate an avatar by its content (not its name) and store it re-encoded as PNG or JPEG."""
    if upload.size == 0:
        raise ValidationError("The file is empty.", code="empty_file")
    if upload.size > AVATAR_MAX_BYTES:
        raise ValidationError("The avatar must be at most 5 MB.", code="too_large")
    refuse_truncated_images()
    try:
        # Only these formats' readers see the file: some others decode at open (an icon file of 1 KB holding an
        # 8000x8000 PNG took ~250 MB before its format was refused: round 3 on the latest mends).
        image = Image.open(upload, formats=sorted(AVATAR_FORMATS))
        if image.width * image.height > AVATAR_MAX_PIXELS:
            raise ValidationError("The avatar has too many pixels.", code="too_large")
        image.load()
        # A phone stores a portrait as landscape pixels and an orientation tag; the tag goes with the rest of the
        # metadata below (GPS included), so it is applied first.
        image = ImageOps.exif_transpose(image)
    except UnidentifiedImageError as exc:
        upload.seek(0)
        if image_format_named_by(upload.read(16)):
            raise ValidationError("The avatar must be a JPEG, PNG or WebP image.", code="unsupported_image") from exc
        raise ValidationError("The file is not a valid image.", code="not_an_image") from exc
    except (OSError, Image.DecompressionBombError, ValueError) as exc:
        # ValueError: Pillow's own limit on a text or colour-profile chunk that inflates past it (a 9 KB PNG whose
        # zTXt chunk inflates to 8 MB), raised on open or on load.
        raise ValidationError("The file is not a valid image.", code="not_an_image") from exc
    image = image.convert("RGB")
    image.thumbnail((512, 512))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=88)
    profile, _ = Profile.objects.get_or_create(user=user)
    profile.avatar.save(f"{user.pk}.jpg", ContentFile(buffer.getvalue()), save=False)
    # The replaced file is deleted after the commit by django-cleanup (Profile is @cleanup.select).
    profile.save(update_fields=["avatar", "updated_at"])
    return profile


# ---- follows and blocks -------------------------------------------------------------------------------


# Who follows and blocks whom decides cameo consent (mutuals, blocks), which lives in cameos, a layer above
# accounts: cameos registers here when it loads (cameos.apps). Called as `listener(user_a=, user_b=)` inside the
# transaction of every follow, unfollow, block and unblock.
relationship_changed = Listeners("a follow, unfollow, block or unblock between two people")
on_relationship_change = relationship_changed.register


def _consent_relationship_changed(a: User, b: User) -> None:
    relationship_changed.notify(user_a=a, user_b=b)


def _relationship_lock(a: User, b: User) -> None:
    """Make every other follow, unfollow, block or unblock between these two wait until this transaction ends.

    A follow checks for a block and then writes: without a lock, a block committed in between deleted no follow (it
    was not written yet) and the follow was written past the block, so a blocked stalker stayed a follower, and a
    mutual for a cameo open to mutuals (tests/accounts/test_account_attacks_round4.py)."""
    low, high = sorted((a.pk, b.pk))
    transaction_lock(f"sora_social.relationship:{low}:{high}")


@transaction.atomic
def user_follow(*, follower: User, followee: User) -> Follow:
    if follower.pk == followee.pk:
        raise ValidationError("You cannot follow yourself.", code="follow_self")
    _relationship_lock(follower, followee)
    if Block.objects.filter(Q(blocker=follower, blocked=followee) | Q(blocker=followee, blocked=follower)).exists():
        raise ValidationError("You cannot follow this user.", code="blocked")
    follow, created = Follow.objects.get_or_create(follower=follower, followee=followee)
    if created:
        # Followed, unfollowed and followed again: told once while the first is unread.
        notification_create(recipient=followee, kind=Notification.Kind.FOLLOWED, actor=follower, once_unread_by=())
        _consent_relationship_changed(follower, followee)
    return follow


@transaction.atomic
def user_unfollow(*, follower: User, followee: User) -> None:
    _relationship_lock(follower, followee)
    deleted, _ = Follow.objects.filter(follower=follower, followee=followee).delete()
    if deleted:
        _consent_relationship_changed(follower, followee)


@transaction.atomic
def user_block(*, blocker: User, blocked: User) -> Block:
    """Block someone: follows end both ways, and they can no longer use the blocker's cameos (nor the reverse)."""
    if blocker.pk == blocked.pk:
        raise ValidationError("You cannot block yourself.", code="block_self")
    _relationship_lock(blocker, blocked)
    block, _ = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    Follow.objects.filter(
        Q(follower=blocker, followee=blocked) | Q(follower=blocked, followee=blocker)
    ).delete()
    _consent_relationship_changed(blocker, blocked)
    return block


@transaction.atomic
def user_unblock(*, blocker: User, blocked: User) -> None:
    _relationship_lock(blocker, blocked)
    deleted, _ = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    if deleted:
        _consent_relationship_changed(blocker, blocked)


# ---- handles -------------------------------------------------------------------------------------------

# Whether a handle is already given out elsewhere: a live cameo's handle shares the namespace of people's handles
# (cameos registers its check here when it loads; cameos.apps). Called as `check(handle, user) -> bool`, where user
# is the person who would hold the handle (None at sign-up): their own cameos do not count.
_handle_taken_checks: list[Callable[[str, User | None], bool]] = []


def on_handle_taken_check(check: Callable[[str, User | None], bool]) -> Callable[[str, User | None], bool]:
    if check not in _handle_taken_checks:
        _handle_taken_checks.append(check)
    return check


def handle_looks_taken(handle: str, *, user: User | None = None) -> bool:
    """Whether a handle is, or looks like, another person's or a live cameo's ("a1ice_vv" for "alice_w"): a
    look-alike handle passes for someone else in a mention or a comment. ``user`` is the person who would hold it,
    when they already have an account: their own handle and their own cameos' handles do not count."""
    others = User.objects.all()
    if user is not None and user.pk is not None:
        others = others.exclude(pk=user.pk)
    if handles_alike_in(others, handle):
        return True
    return any(check(handle, user) for check in _handle_taken_checks)


class HandleUnavailable(ServiceError):
    """A handle that another claim took, or made look taken, between the form's check and the write."""


def handle_claim_lock(handle: str) -> None:
    """Make every other claim of a handle that looks like this one wait until this transaction ends.

    Every path that gives out a handle (a sign-up, a new cameo, an operator's edit in the admin) takes it inside its
    transaction, checks, then writes: a second claim then waits for the first to commit and sees its row. A check
    alone let two sign-ups at the same moment, "alice_w" and "a1ice_vv", both find nothing and both be created (the
    handles' unique index knows only the same spelling). On PostgreSQL, a transaction-level advisory lock keyed by
    the handle's collapsed form (validators.handle_collapsed), so claims of unrelated handles seldom wait. SQLite,
    the embedded default for one laptop, takes no lock: its race is left open (README, Handles).
    """
    # Keyed by the collapsed form, which any two handles that look alike share ("b11l" and "bill").
    transaction_lock(f"sora_social.handle:{handle_collapsed(handle)}")


class EmailUnavailable(ServiceError):
    """An address another sign-up took between the form's check and the write."""


def email_claim(email: str) -> None:
    """Claim an address for a new account inside the caller's transaction: wait for any other claim of it, then
    refuse it when an account has it by now (in any case, as the unique index reads it). Two sign-ups with one
    address at the same moment both passed allauth's check, and the second met the index: a 500
    (tests/accounts/test_account_attacks_round4.py)."""
    email = (email or "").strip()
    if not email:
        return
    transaction_lock(f"sora_social.email:{email.lower()}")
    if User.objects.filter(email__iexact=email).exists():
        raise EmailUnavailable("email_taken", "A user is already registered with this email address.")


def email_address_claim(*, user_id: int, email: str) -> None:
    """An address added to an existing account (allauth's email management), checked under the address's lock: one
    held by any other account, as its own address or an added one (verified or not), is refused with
    EmailUnavailable (400 email_taken). allauth, which hides whether an address is registered, added it unverified:
    two accounts then held one address, a reset asked for it mailed both, and making it primary was a 500 on the
    unique index (tests/accounts/test_account_lifecycle_attacks.py). A signed-in member learns no more than sign-up
    tells anyone with an invite. (Another account's unverified added address has been let go by then:
    `email_address_release_unproven`, in the adapter's clean_email.)"""
    from allauth.account.models import EmailAddress

    email = (email or "").strip()
    if not email:
        return
    transaction_lock(f"sora_social.email:{email.lower()}")
    held_elsewhere = (
        User.objects.filter(email__iexact=email).exclude(pk=user_id).exists()
        or EmailAddress.objects.filter(email__iexact=email).exclude(user_id=user_id).exists()
    )
    if held_elsewhere:
        raise EmailUnavailable("email_taken", "A user is already registered with this email address.")


def email_address_release_unproven(email: str) -> int:
    """Delete the unverified addresses that accounts added but never proved (neither verified nor the account's own
    address), for an address someone is about to sign up or add with. Returns how many were let go."""
    from allauth.account.models import EmailAddress

    unproven = EmailAddress.objects.filter(email__iexact=email, verified=False, primary=False).exclude(
        user__email__iexact=email
    )
    deleted, _ = unproven.delete()
    return deleted


def handle_claim(handle: str, *, user: User | None = None) -> None:
    """Claim a handle for a person inside the caller's transaction: wait for any claim of a look-alike, then refuse
    the handle when it is, or looks like, one given out meanwhile."""
    handle_claim_lock(handle)
    if handle_looks_taken(handle, user=user):
        raise HandleUnavailable("username_taken", "This handle is taken, or looks like one that is.")


# ---- parental links -----------------------------------------------------------------------------------


def parental_link_code_create(*, user: User) -> ParentalLinkCode:
    """One side of a future link makes a one-time code; making it is that side's consent."""
    ParentalLinkCode.objects.filter(created_by=user, used_at__isnull=True).delete()
    return ParentalLinkCode.objects.create(
        created_by=user,
        expires_at=timezone.now() + datetime.timedelta(minutes=settings.PARENTAL_LINK_CODE_TTL_MINUTES),
    )


class ParentalLinkRefused(ServiceError):
    """A parental link action refused for a reason the person should see (not a missing object)."""


# Told inside the transaction of a contest, which takes back what the contested parent approved. Grants live in
# cameos, a layer above accounts: cameos registers here when it loads (cameos.apps). Called as `listener(link=)`.
parental_link_contested = Listeners("a former parent contested a teen's new parental link")
on_parental_link_contested = parental_link_contested.register


# Told when a parent links with a teen, inside the link's transaction, so that what already waits for a parent (the
# teen's grants, their cameo opened to mutuals) is told to the new one, as it would have been had they been linked
# then. Cameos live a layer above accounts and register here when they load (cameos.apps). Called as `listener(link=)`.
parental_link_made = Listeners("a parent linked with a teen")
on_parental_link_made = parental_link_made.register


# Told when a parent stops letting mutuals use their teen's cameo, inside the change's transaction, so that the videos
# mutuals made with it are asked about again. Cameos live a layer above accounts and register here when they load
# (cameos.apps). Called as `listener(teen_id=)`.
teen_mutuals_withdrawn = Listeners("a parent stopped letting mutuals use their teen's cameo")
on_teen_mutuals_withdrawn = teen_mutuals_withdrawn.register


# Told when support corrected someone's birth date (the admin), inside that save's transaction. Who is a teen decides
# consent: a teen's grants and mutuals wait for a parent, and a "parent" found to be a teen gave nothing. So the videos
# that rested on the old date are asked about again: cameos registers here (cameos.apps). Called as `listener(user_id=)`.
birth_date_corrected = Listeners("support corrected someone's birth date")
on_birth_date_corrected = birth_date_corrected.register


def user_birth_date_corrected(*, user_id: int) -> None:
    """Support saved a new birth date for this person (the admin calls this after the save)."""
    birth_date_corrected.notify(user_id=user_id)


# The controls a link inherits from the teen's last one, so that a new link starts from the parent's last choices.
CONTROL_FIELDS = (
    "personalized_feed",
    "continuous_scroll",
    "daily_feed_videos_cap",
    "daily_generation_cap",
    "mutuals_may_use_cameo",
)
# Controls that are switches: on is the looser value.
_SWITCHES = ("personalized_feed", "continuous_scroll", "mutuals_may_use_cameo")


@transaction.atomic
def parental_link_redeem(*, user: User, code: str) -> ParentalLink:
    """The other side enters the code; their entering it is their consent, and the link becomes active.

    A teen who had a parent before gets a link in cooling-off: the former parents are told and may contest it.
    """
    link_code = (
        ParentalLinkCode.objects.select_for_update()
        .filter(code__iexact=code.strip(), used_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("created_by")
        .first()
    )
    if link_code is None:
        raise ValidationError("This link code is invalid, used or expired.", code="link_code_invalid")
    creator = link_code.created_by
    if creator.pk == user.pk:
        raise ValidationError("You cannot link with yourself.", code="link_code_invalid")
    if creator.is_teen == user.is_teen:
        raise ValidationError("A link joins one adult parent and one teen.", code="link_roles_invalid")
    parent, teen = (user, creator) if creator.is_teen else (creator, user)
    if selectors.invited_down_lineage_of(user=parent, ancestor=teen):
        # A self-declared adult the teen invited (or whose inviter the teen invited...) is the teen's own making.
        raise ParentalLinkRefused(
            "parent_invited_by_teen", "An account that joined through this teen's invites cannot be their parent.", 403
        )
    if ParentalLink.objects.filter(teen=teen, parent=parent, contested_at__isnull=False).exists():
        raise ParentalLinkRefused(
            "parent_contested_before", "A former parent contested this person's earlier link with this teen.", 403
        )
    if ParentalLink.objects.filter(teen=teen, ended_at__isnull=True).exists():
        raise ValidationError("This teen already has a linked parent.", code="already_linked")
    now = timezone.now()
    link_code.used_at = now
    link_code.save(update_fields=["used_at"])
    former_ids = selectors.former_parent_ids(teen, excluding=parent.pk)
    # Any earlier parent puts the link in cooling-off, one whose account was deleted too (nobody is left to
    # contest, but the new parent still waits before approving anything).
    had_other_parent = ParentalLink.objects.filter(teen=teen, ended_at__isnull=False).exclude(parent_id=parent.pk)
    cooling_off_until = (
        now + datetime.timedelta(days=accounts_setting("PARENTAL_LINK_COOLING_OFF_DAYS"))
        if had_other_parent.exists()
        else None
    )
    # From the last real parent's choices: never those of a "parent" found to be a teen (round 3's and the widening
    # attacks: they came back with the next link, and stayed through a contest of it).
    last = selectors.link_whose_choices_stand(teen)
    inherited = {field: getattr(last, field) for field in CONTROL_FIELDS} if last is not None else {}
    if last is not None:
        # The leave for mutuals goes with the one who gave it, and only if it still stands.
        inherited["mutuals_may_use_cameo"] = selectors.mutuals_leave_stands(last)
        inherited["mutuals_allowed_by_id"] = last.mutuals_allowed_by_id if inherited["mutuals_may_use_cameo"] else None
        inherited["mutuals_allowed_adult_born_by"] = (
            last.mutuals_allowed_adult_born_by if inherited["mutuals_may_use_cameo"] else None
        )
    try:
        with transaction.atomic():
            link = ParentalLink.objects.create(
                parent=parent,
                teen=teen,
                parent_consented_at=now,
                teen_consented_at=now,
                cooling_off_until=cooling_off_until,
                **inherited,
            )
    except IntegrityError as exc:
        raise ValidationError("This teen already has a linked parent.", code="already_linked") from exc
    for recipient, other in ((parent, teen), (teen, parent)):
        notification_create(
            recipient=recipient,
            kind=Notification.Kind.PARENTAL_LINK,
            actor=other,
            data={
                "change": "linked",
                "link": link.pk,
                "cooling_off_until": cooling_off_until.isoformat() if cooling_off_until else None,
            },
        )
    parental_link_made.notify(link=link)
    for former in User.objects.filter(pk__in=former_ids):
        notification_create(
            recipient=former,
            kind=Notification.Kind.PARENTAL_LINK,
            actor=teen,
            data={
                "change": "new_parent_linked",
                "link": link.pk,
                "new_parent": parent.handle,
                "contest_until": cooling_off_until.isoformat(),
            },
        )
    return link


def _is_stricter_or_equal(field: str, old: bool | int | None, new: bool | int | None) -> bool:
    if field in _SWITCHES:
        return new is False or old is True
    # Caps: None is "the teen default", the loosest value a cap can have.
    return new is not None and (old is None or new <= old)


@transaction.atomic
def parental_controls_update(*, link: ParentalLink, actor: User, **controls) -> ParentalLink:
    """The parent sets controls. Caps above the teen default are clamped to it: a parent can only tighten.

    During a cooling-off the new parent may only tighten the controls the link inherited.
    """
    link = ParentalLink.objects.select_for_update().get(pk=link.pk)
    if link.parent_id != actor.pk or not link.is_active:
        raise PermissionError("Only the linked parent can change these controls.")
    if actor.is_teen:  # read now: a birth date corrected since the link was made takes the parent's powers away
        raise PermissionError("Only an adult parent can change these controls.")
    values = {}
    # The switch for mutuals is read as it stands (a copy from a teen "parent" is off), and given by this parent.
    link_leave = {"mutuals_may_use_cameo": selectors.mutuals_leave_stands(link)}
    for field in CONTROL_FIELDS:
        if field not in controls:
            continue
        value = controls[field]
        if field == "daily_feed_videos_cap" and value is not None:
            value = min(value, settings.TEEN_DAILY_FEED_VIDEOS)
        if field == "daily_generation_cap" and value is not None:
            value = min(value, settings.TEEN_DAILY_GENERATIONS)
        values[field] = value
    current = {field: link_leave.get(field, getattr(link, field)) for field in values}
    in_cooling_off = link.in_cooling_off()
    if in_cooling_off:
        wider = sorted(f for f, v in values.items() if not _is_stricter_or_equal(f, current[f], v))
        if wider:
            raise ParentalLinkRefused(
                "link_cooling_off",
                "While a former parent may still contest this link, controls can only be made stricter.",
                403,
                controls=wider,
                cooling_off_until=link.cooling_off_until.isoformat(),
            )
    changed = [field for field, value in values.items() if value != current[field] or value != getattr(link, field)]
    # A parent who says yes to a leave another gave makes it hers (outside a cooling-off, where she could not give it):
    # it then stands or falls with her, not with a "parent" who may yet be found to be a teen.
    if values.get("mutuals_may_use_cameo") and not in_cooling_off and link.mutuals_allowed_by_id != actor.pk:
        changed = list(dict.fromkeys([*changed, "mutuals_may_use_cameo"]))
    for field in changed:
        setattr(link, field, values[field])
    if changed:
        saved = [*changed, "updated_at"]
        if "mutuals_may_use_cameo" in changed:
            link.mutuals_allowed_by = actor if link.mutuals_may_use_cameo else None
            link.mutuals_allowed_adult_born_by = (
                adult_birth_cutoff(age_day()) if link.mutuals_may_use_cameo else None
            )
            saved += ["mutuals_allowed_by", "mutuals_allowed_adult_born_by"]
        link.save(update_fields=saved)
        if "mutuals_may_use_cameo" in changed and not link.mutuals_may_use_cameo:
            teen_mutuals_withdrawn.notify(teen_id=link.teen_id)
        notification_create(
            recipient=link.teen,
            kind=Notification.Kind.PARENTAL_LINK,
            actor=actor,
            data={"change": "controls_updated", "link": link.pk, "fields": changed},
        )
    return link


@transaction.atomic
def parental_link_end(*, link: ParentalLink, actor: User) -> None:
    """Either side unlinks; the other side is told. The controls stay as the parent left them (limits_for reads
    the last link), and grants still waiting keep waiting for a parent."""
    if actor.pk not in (link.parent_id, link.teen_id) or not link.is_active:
        raise PermissionError("You are not part of this link.")
    link.ended_at = timezone.now()
    link.ended_by = actor
    link.save(update_fields=["ended_at", "ended_by", "updated_at"])
    other = link.parent if actor.pk == link.teen_id else link.teen
    notification_create(
        recipient=other,
        kind=Notification.Kind.PARENTAL_LINK,
        actor=actor,
        data={"change": "unlinked", "link": link.pk, "ended_by": "teen" if actor.pk == link.teen_id else "parent"},
    )


def parental_links_end_for_deleted_account(*, user_id: int) -> int:
    """An account's row is being deleted: the links where it is the parent end first, so the teen is free to link
    again (in cooling-off) and keeps this parent's last choices; the rows stay with no parent
    (ParentalLink.parent is SET_NULL). The teen is told, with no actor: the account is going. An account that is
    not an adult by its birth date was never a parent: its links are marked so, and its choices do not stand."""
    links = list(ParentalLink.objects.filter(parent_id=user_id, ended_at__isnull=True).select_related("teen"))
    now = timezone.now()
    if not User.objects.filter(pk=user_id, birth_date__lte=adult_birth_cutoff(age_day())).exists():
        ParentalLink.objects.filter(parent_id=user_id).update(parent_not_adult_when_deleted=True)
        # Their leave for mutuals, on their links and on the links that copied it, is no leave: turned off before the
        # row goes, or it would read as a gone parent's that stands. The videos that rested on it are asked again.
        gave = ParentalLink.objects.filter(mutuals_allowed_by_id=user_id, mutuals_may_use_cameo=True)
        teen_ids = set(gave.values_list("teen_id", flat=True))
        teen_ids |= set(ParentalLink.objects.filter(parent_id=user_id).values_list("teen_id", flat=True))
        gave.update(mutuals_may_use_cameo=False, mutuals_allowed_by=None, mutuals_allowed_adult_born_by=None, updated_at=now)
        for teen_id in sorted(teen_ids):
            teen_mutuals_withdrawn.notify(teen_id=teen_id)
    ParentalLink.objects.filter(pk__in=[link.pk for link in links]).update(ended_at=now, updated_at=now)
    for link in links:
        notification_create(
            recipient=link.teen,
            kind=Notification.Kind.PARENTAL_LINK,
            data={"change": "unlinked", "link": link.pk, "ended_by": "parent_account_deleted"},
        )
    return len(links)


@transaction.atomic
def parental_link_contest(*, link: ParentalLink, former_parent: User) -> ParentalLink:
    """A former parent contests a teen's new link within its cooling-off: the link ends, and every grant its
    parent approved goes back to waiting (cameos re-checks the videos that relied on them)."""
    # Only the link's row: its parent is a nullable join now (a deleted account), which FOR UPDATE cannot lock.
    link = ParentalLink.objects.select_for_update(of=("self",)).select_related("parent", "teen").get(pk=link.pk)
    if former_parent.pk not in selectors.former_parent_ids(link.teen, excluding=link.parent_id):
        raise ParentalLinkRefused("not_found", "No such link.", 404)
    if not link.is_active:
        raise ParentalLinkRefused("link_not_active", "This link has already ended.", 409)
    now = timezone.now()
    if not link.in_cooling_off(now):
        raise ParentalLinkRefused(
            "contest_window_closed", "The time to contest this link is over.", 403,
            cooling_off_until=link.cooling_off_until.isoformat() if link.cooling_off_until else None,
        )
    link.ended_at = now
    link.ended_by = former_parent
    link.contested_at = now
    link.save(update_fields=["ended_at", "ended_by", "contested_at", "updated_at"])
    parental_link_contested.notify(link=link)
    for recipient in (link.teen, link.parent):
        notification_create(
            recipient=recipient,
            kind=Notification.Kind.PARENTAL_LINK,
            actor=former_parent,
            data={"change": "contested", "link": link.pk},
        )
    return link
