from django.db.models import Count
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response

from sora_social.accounts import selectors, services
from sora_social.accounts.api import serializers as s
from sora_social.accounts.limits import limits_for
from sora_social.accounts.models import Follow, ParentalLink, User
from sora_social.api.errors import ApiError
from sora_social.api.permissions import IsNotRestricted
from sora_social.api.throttling import PerPersonRateThrottle
from sora_social.api.views import MemberApiView, UploadApiView, paginate


def me_payload(user: User) -> dict:
    profile = getattr(user, "profile", None)
    return {
        "id": user.pk,
        "handle": user.handle,
        "email": user.email,
        "birth_date": user.birth_date,
        "display_name": (profile.display_name if profile else "") or user.handle,
        "bio": profile.bio if profile else "",
        "avatar_url": selectors.avatar_url(user, viewer_id=user.pk),
        "is_teen": user.is_teen,
        "limits": limits_for(user).__dict__,
    }


class MeApi(MemberApiView):
    def get_permissions(self):
        # A profile is public: a member suspended for what they wrote could rewrite it meanwhile
        # (tests/moderation/test_moderation_integrity_attacks.py).
        extra = [IsNotRestricted()] if self.request.method == "PATCH" else []
        return [*super().get_permissions(), *extra]

    @extend_schema(responses=s.MeOutputSerializer, operation_id="me_retrieve")
    def get(self, request):
        """Your own account and profile: handle, email, birth date, display name, bio, avatar and limits."""
        return Response(s.MeOutputSerializer(me_payload(request.user)).data)

    @extend_schema(request=s.MeUpdateInputSerializer, responses=s.MeOutputSerializer, operation_id="me_update")
    def patch(self, request):
        """Change your display name or bio."""
        data = s.MeUpdateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.profile_update(user=request.user, **data.validated_data)
        request.user.refresh_from_db()
        return Response(s.MeOutputSerializer(me_payload(request.user)).data)


class MeAvatarApi(UploadApiView):
    permission_classes = [*UploadApiView.permission_classes, IsNotRestricted]

    @extend_schema(request={"multipart/form-data": s.AvatarInputSerializer}, responses=s.MeOutputSerializer)
    def put(self, request):
        """Replace your avatar with an uploaded image."""
        data = s.AvatarInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.avatar_set(user=request.user, upload=data.validated_data["avatar"])
        request.user.refresh_from_db()
        return Response(s.MeOutputSerializer(me_payload(request.user)).data)


def _visible_user_or_404(handle: str, viewer: User) -> User:
    user = selectors.user_visible_to(handle=handle, viewer=viewer)
    if user is None:
        raise ApiError("not_found", "No such user.", status_code=404)
    return user


class UserDetailApi(MemberApiView):
    @extend_schema(responses=s.UserProfileOutputSerializer)
    def get(self, request, handle: str):
        """A person's public profile by @handle; someone you may not see is a 404."""
        user = _visible_user_or_404(handle, request.user)
        counts = Follow.objects.filter(followee=user).aggregate(n=Count("id"))["n"], Follow.objects.filter(
            follower=user
        ).aggregate(n=Count("id"))["n"]
        profile = getattr(user, "profile", None)
        payload = {
            "handle": user.handle,
            "display_name": (profile.display_name if profile else "") or user.handle,
            "bio": profile.bio if profile else "",
            "avatar_url": selectors.avatar_url(user, viewer_id=request.user.pk),
            "followers": counts[0],
            "following": counts[1],
            "you_follow": user.viewer_follows,
            "follows_you": user.follows_viewer,
            "is_mutual": user.viewer_follows and user.follows_viewer,
        }
        return Response(s.UserProfileOutputSerializer(payload).data)


class UserFollowApi(MemberApiView):
    @extend_schema(request=None, responses={204: None})
    def post(self, request, handle: str):
        """Follow a person."""
        services.user_follow(follower=request.user, followee=_visible_user_or_404(handle, request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={204: None})
    def delete(self, request, handle: str):
        """Stop following a person."""
        services.user_unfollow(follower=request.user, followee=_visible_user_or_404(handle, request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)


class UserBlockApi(MemberApiView):
    @extend_schema(request=None, responses={204: None})
    def post(self, request, handle: str):
        """Block a person: follows end both ways, and neither of you can use the other's cameos."""
        # Anyone may block anyone (tests/test_authorization_matrix.py), a deactivated account too: a harasser who
        # deactivated for a while could not be blocked meanwhile, and came back unblocked.
        target = User.objects.filter(handle__iexact=handle).first()
        if target is None:
            raise ApiError("not_found", "No such user.", status_code=404)
        services.user_block(blocker=request.user, blocked=target)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={204: None})
    def delete(self, request, handle: str):
        """Unblock a person."""
        target = User.objects.filter(handle__iexact=handle).first()
        if target is None:
            raise ApiError("not_found", "No such user.", status_code=404)
        services.user_unblock(blocker=request.user, blocked=target)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InviteListApi(MemberApiView):
    @extend_schema(responses=s.InviteOutputSerializer(many=True))
    def get(self, request):
        """Your invite codes, used and unused."""
        return paginate(self, selectors.invites_of(request.user), s.InviteOutputSerializer)


class ParentalLinkCodeApi(MemberApiView):
    @extend_schema(request=None, responses={201: s.LinkCodeOutputSerializer})
    def post(self, request):
        """As a parent: a short-lived code for your teen to enter, linking your accounts."""
        link_code = services.parental_link_code_create(user=request.user)
        return Response(s.LinkCodeOutputSerializer(link_code).data, status=status.HTTP_201_CREATED)


class LinkCodeThrottle(PerPersonRateThrottle):
    """Link codes entered, per person: a code is 8 hex digits, so without a limit a script could walk through them
    and become the parent of a teen who made one."""

    scope = "link_code"


class ParentalLinkListApi(MemberApiView):
    def get_throttles(self):
        return [LinkCodeThrottle()] if self.request.method == "POST" else []

    @extend_schema(responses=s.ParentalLinkOutputSerializer(many=True))
    def get(self, request):
        """Your parental links, as parent or as teen."""
        return paginate(self, selectors.parental_links_of(request.user), s.ParentalLinkOutputSerializer)

    @extend_schema(request=s.LinkRedeemInputSerializer, responses={201: s.ParentalLinkOutputSerializer})
    def post(self, request):
        """As a teen: redeem a parent's link code, linking your account to theirs."""
        data = s.LinkRedeemInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        link = services.parental_link_redeem(user=request.user, code=data.validated_data["code"])
        return Response(
            s.ParentalLinkOutputSerializer(link, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


def _link_of_or_404(link_id: int, user: User) -> ParentalLink:
    link = selectors.parental_links_of(user).filter(pk=link_id).first()
    if link is None:
        raise ApiError("not_found", "No such link.", status_code=404)
    return link


class ParentalLinkDetailApi(MemberApiView):
    @extend_schema(responses=s.ParentalLinkOutputSerializer)
    def get(self, request, link_id: int):
        """One of your parental links, with its controls."""
        link = _link_of_or_404(link_id, request.user)
        return Response(s.ParentalLinkOutputSerializer(link, context={"request": request}).data)

    @extend_schema(request=s.ParentalControlsInputSerializer, responses=s.ParentalLinkOutputSerializer)
    def patch(self, request, link_id: int):
        """As the linked parent: change the teen's controls (during cooling-off, only stricter)."""
        link = _link_of_or_404(link_id, request.user)
        if link.parent_id != request.user.pk:
            raise ApiError("parent_only", "Only the linked parent can change these controls.", status_code=403)
        data = s.ParentalControlsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        link = services.parental_controls_update(link=link, actor=request.user, **data.validated_data)
        return Response(s.ParentalLinkOutputSerializer(link, context={"request": request}).data)

    @extend_schema(responses={204: None})
    def delete(self, request, link_id: int):
        """End a parental link, as parent or teen; the other is notified."""
        services.parental_link_end(link=_link_of_or_404(link_id, request.user), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ParentalLinkContestApi(MemberApiView):
    """A former parent contests a teen's new link within its cooling-off (the link id is in their notification)."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request, link_id: int):
        link = selectors.links_contestable_by(request.user).filter(pk=link_id).first()
        if link is None:
            # The link's own parties see it, so they are told why; to anyone else it does not exist.
            _link_of_or_404(link_id, request.user)
            raise ApiError("former_parent_only", "Only a former parent of the teen can contest this link.", status_code=403)
        services.parental_link_contest(link=link, former_parent=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
