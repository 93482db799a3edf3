"""Reads about people and their relationships."""

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from sora_social.accounts.models import Block, Follow, InviteCode, ParentalLink, User
from sora_social.accounts.validators import adult_birth_cutoff, age_day
from sora_social.api.media import signed_media_url


def is_blocked_between(a_id: int, b_id: int) -> bool:
    """True when either has blocked the other."""
    return Block.objects.filter(Q(blocker_id=a_id, blocked_id=b_id) | Q(blocker_id=b_id, blocked_id=a_id)).exists()


def is_following(follower_id: int, followee_id: int) -> bool:
    return Follow.objects.filter(follower_id=follower_id, followee_id=followee_id).exists()


def are_mutuals(a_id: int, b_id: int) -> bool:
    """Mutual is derived: a follows b and b follows a."""
    return (
        Follow.objects.filter(
            Q(follower_id=a_id, followee_id=b_id) | Q(follower_id=b_id, followee_id=a_id)
        ).count()
        == 2
    )


def blocked_user_ids(user_id: int) -> QuerySet:
    """Ids of everyone hidden from this user: those they blocked and those who blocked them."""
    return User.objects.filter(
        Q(blocked_by_set__blocker_id=user_id) | Q(blocking_set__blocked_id=user_id)
    ).values("id")


def user_visible_to(*, handle: str, viewer: User, keep_blocked_by_viewer: bool = False) -> User | None:
    """A user by handle, unless they and the viewer are blocked either way (the same None for both cases).
    `keep_blocked_by_viewer`: someone the viewer blocked is found too, for reporting them (moderation.targets)."""
    user = (
        User.objects.filter(handle__iexact=handle, is_active=True, banned_at__isnull=True)
        .select_related("profile")
        .annotate(
            viewer_follows=Exists(Follow.objects.filter(follower_id=viewer.pk, followee_id=OuterRef("pk"))),
            follows_viewer=Exists(Follow.objects.filter(follower_id=OuterRef("pk"), followee_id=viewer.pk)),
            blocked_either_way=Exists(
                Block.objects.filter(
                    Q(blocker_id=viewer.pk, blocked_id=OuterRef("pk")) | Q(blocker_id=OuterRef("pk"), blocked_id=viewer.pk)
                )
            ),
        )
        .first()
    )
    if user is None or user.blocked_either_way and not (
        keep_blocked_by_viewer
        and not Block.objects.filter(blocker_id=user.pk, blocked_id=viewer.pk).exists()
    ):
        return None
    return user


def invites_of(user: User) -> QuerySet[InviteCode]:
    """The user's invite codes. A teen has none to hand out: codes made before their age was corrected are refused
    at sign-up, so only those already spent are shown."""
    codes = InviteCode.objects.filter(created_by=user).select_related("redeemed_by")
    return codes.filter(redeemed_at__isnull=False) if user.is_teen else codes


def parental_links_of(user: User) -> QuerySet[ParentalLink]:
    """Active links where the user is the parent or the teen."""
    return ParentalLink.objects.filter(Q(parent=user) | Q(teen=user), ended_at__isnull=True).select_related(
        "parent", "teen"
    )


def active_parent_link(teen: User, *, for_update: bool = False) -> ParentalLink | None:
    """The teen's active link. `for_update` locks its row: approvals and contests of one link go one at a time."""
    links = ParentalLink.objects.filter(teen=teen, ended_at__isnull=True)
    if for_update:
        return links.select_for_update(of=("self",)).select_related("parent").first()
    return links.select_related("parent").first()


def links_whose_choices_stand(teen: User | int | OuterRef) -> QuerySet[ParentalLink]:
    """The teen's links whose controls may stand, the one that does first (`link_whose_choices_stand`). ``teen`` may
    be an ``OuterRef``, so a queryset of cameos reads a teen owner's controls as the door does."""
    return (
        ParentalLink.objects.filter(teen=teen)
        .filter(
            Q(parent__birth_date__lte=adult_birth_cutoff(age_day()))
            | Q(parent__isnull=True, parent_not_adult_when_deleted=False)
        )
        .order_by(F("ended_at").desc(nulls_first=True), "-created_at", "-id")
    )


def link_whose_choices_stand(teen: User | int) -> ParentalLink | None:
    """The link whose controls are the teen's: the active one, else the last that ended (a teen who unlinks keeps
    the parent's last choices; controls never silently reset), and a new link starts from it. Only a parent who is
    an adult by their birth date today, or whose account went while they were one, counts: a "parent" found to be a
    teen chose nothing that stands, so the last real parent's choices apply. One query: the active link sorts first
    (with who let mutuals in, `mutuals_leave_stands`).
    """
    return links_whose_choices_stand(teen).select_related("mutuals_allowed_by").first()


def mutuals_leave_stands(link: ParentalLink | None) -> bool:
    """Whether this link lets mutuals use the teen's cameo: switched on by someone whose birth date, as known now, made
    them an adult on the day they did, or whose account is gone. A switch copied onto a new link from a "parent" since
    found to be a teen was never given, and is not given on their 18th birthday either. `mutuals_leave_stands_q` is
    the same rule on a queryset of links."""
    if link is None or not link.mutuals_may_use_cameo:
        return False
    if link.mutuals_allowed_by_id is None:
        return True
    born_by = link.mutuals_allowed_adult_born_by
    return born_by is not None and link.mutuals_allowed_by.birth_date <= born_by


def mutuals_leave_stands_q() -> Q:
    """`mutuals_leave_stands` on a queryset of links."""
    return Q(mutuals_may_use_cameo=True) & (
        Q(mutuals_allowed_by__isnull=True)
        | Q(mutuals_allowed_by__birth_date__lte=F("mutuals_allowed_adult_born_by"))
    )


def former_parent_ids(teen: User, *, excluding: int | None = None) -> list[int]:
    """Parents of the teen's ended links, contested or not: each is told of a new link and may contest it.

    Contested parents count too. Nothing tells a real parent from a puppet that was linked first, and when a
    contest made its loser a stranger, such a puppet contested the real parent away, was linked again with no
    cooling-off, and approved grants at once. Now every earlier parent keeps a say; a quarrel between them ends
    links and leaves the teen's grants waiting, which fails closed.

    Not one who is a teen now (support corrected their birth date): a teen was never anyone's parent, and such a
    "parent" could contest the real one away for good.
    """
    parents = (
        User.objects.filter(
            pk__in=ParentalLink.objects.filter(teen=teen, ended_at__isnull=False, parent__isnull=False)
            .exclude(parent_id=excluding)
            .values("parent_id")
        )
        .only("pk", "birth_date")
    )
    return sorted(parent.pk for parent in parents if parent.is_adult)


def links_contestable_by(former_parent: User) -> QuerySet[ParentalLink]:
    """Active links of teens this person was once a parent of (the window is checked by the service)."""
    earlier = ParentalLink.objects.filter(teen_id=OuterRef("teen_id"), parent=former_parent, ended_at__isnull=False)
    return (
        ParentalLink.objects.filter(ended_at__isnull=True, cooling_off_until__isnull=False)
        .exclude(parent=former_parent)
        .filter(Exists(earlier))
        .select_related("parent", "teen")
    )


def invited_down_lineage_of(*, user: User, ancestor: User) -> bool:
    """True when `user` joined with an invite of `ancestor`, or of someone who did, and so on up the chain.

    Each person redeemed exactly one invite, made by someone who joined before them, so the walk up ends at an
    operator's code; `seen` only guards against rows edited by hand. A code whose creator is unknown (deleted
    before the kept ids existed) could be anyone's: it counts as the ancestor's when the ancestor's own lineage
    lost an account that way, so a gap in the data never lets an invitee through.
    """
    seen: set[int] = set()
    current: int | None = user.pk
    while current is not None and current not in seen:
        seen.add(current)
        # The kept ids, not the foreign keys: a deleted account in the middle does not break the chain.
        invite = (
            InviteCode.objects.filter(redeemed_by_user_id=current)
            .values("created_by_user_id", "minted_by_operator")
            .first()
        )
        if invite is None:
            return False
        current = invite["created_by_user_id"]
        if current == ancestor.pk:
            return True
        if current is None and not invite["minted_by_operator"]:
            return lineage_lost_an_account(ancestor)
    return False


def lineage_lost_an_account(ancestor: User) -> bool:
    """Whether someone down `ancestor`'s invite lineage was deleted before the kept ids existed: their invite
    says it was redeemed, by nobody known, and so the codes they made no longer say whose they were."""
    seen: set[int] = {ancestor.pk}
    frontier = [ancestor.pk]
    while frontier:
        redeemed = InviteCode.objects.filter(created_by_user_id__in=frontier, redeemed_at__isnull=False)
        if redeemed.filter(redeemed_by_user_id__isnull=True).exists():
            return True
        frontier = [pk for pk in redeemed.values_list("redeemed_by_user_id", flat=True) if pk not in seen]
        seen.update(frontier)
    return False


def avatar_url(user: User, *, viewer_id: int) -> str | None:
    """A signed URL for a person's avatar, or None when they have none."""
    profile = getattr(user, "profile", None)
    return signed_media_url(profile.avatar.name, viewer_id=viewer_id) if profile and profile.avatar else None


def people_no_longer_seen(recipient: User, field: str) -> Q:
    """The people `recipient` no longer sees, as a condition on the user `field` names: someone blocked either way,
    banned, or whose account is closed. Registered with notifications (accounts.apps), which may not know of blocks."""
    return (
        Q(**{f"{field}__in": Block.objects.filter(blocker=recipient).values("blocked_id")})
        | Q(**{f"{field}__in": Block.objects.filter(blocked=recipient).values("blocker_id")})
        | Q(**{f"{_user_path(field)}is_active": False})
        | Q(**{f"{_user_path(field)}banned_at__isnull": False})
    )


def _user_path(field: str) -> str:
    # "pk" names the user itself; any other field is a relation to one.
    return "" if field == "pk" else f"{field}__"
