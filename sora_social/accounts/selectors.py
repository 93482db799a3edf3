"""Reads about people and their relationships."""

from django.db.models import Exists, OuterRef, Q, QuerySet

from sora_social.accounts.models import Block, Follow, InviteCode, ParentalLink, User
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


def user_visible_to(*, handle: str, viewer: User) -> User | None:
    """A user by handle, unless they and the viewer are blocked either way (the same None for both cases)."""
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
    if user is None or user.blocked_either_way:
        return None
    return user


def invites_of(user: User) -> QuerySet[InviteCode]:
    return InviteCode.objects.filter(created_by=user).select_related("redeemed_by")


def parental_links_of(user: User) -> QuerySet[ParentalLink]:
    """Active links where the user is the parent or the teen."""
    return ParentalLink.objects.filter(Q(parent=user) | Q(teen=user), ended_at__isnull=True).select_related(
        "parent", "teen"
    )


def active_parent_link(teen: User) -> ParentalLink | None:
    return ParentalLink.objects.filter(teen=teen, ended_at__isnull=True).select_related("parent").first()


def avatar_url(user: User, *, viewer_id: int) -> str | None:
    """A signed URL for a person's avatar, or None when they have none."""
    profile = getattr(user, "profile", None)
    return signed_media_url(profile.avatar.name, viewer_id=viewer_id) if profile and profile.avatar else None
