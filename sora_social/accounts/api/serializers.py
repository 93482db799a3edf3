from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sora_social.accounts.limits import Limits, limits_for
from sora_social.accounts.models import InviteCode, ParentalLink, User
from sora_social.accounts.selectors import avatar_url, mutuals_leave_stands


class LimitsSerializer(serializers.Serializer):
    is_teen = serializers.BooleanField()
    personalized_feed = serializers.BooleanField()
    continuous_scroll = serializers.BooleanField()
    daily_feed_videos = serializers.IntegerField(allow_null=True)
    daily_generations = serializers.IntegerField()
    max_jobs_in_flight = serializers.IntegerField()
    grants_need_parent_approval = serializers.BooleanField()
    has_parent = serializers.BooleanField()
    mutuals_may_use_cameo = serializers.BooleanField(
        help_text="Whether mutuals may use this person's cameo when it is open to them: always for an adult; for a "
        "teen, only once a parent allowed it."
    )


class UserSummarySerializer(serializers.ModelSerializer):
    """How one person appears inside other objects."""

    display_name = serializers.SerializerMethodField()
    avatar_url = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["handle", "display_name", "avatar_url"]

    def get_display_name(self, user: User) -> str:
        profile = getattr(user, "profile", None)
        return (profile.display_name if profile else "") or user.handle

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_avatar_url(self, user: User) -> str | None:
        request = self.context.get("request")
        return avatar_url(user, viewer_id=request.user.pk if request else 0)


class MeOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    handle = serializers.CharField()
    email = serializers.EmailField()
    birth_date = serializers.DateField()
    display_name = serializers.CharField()
    bio = serializers.CharField()
    avatar_url = serializers.CharField(allow_null=True)
    is_teen = serializers.BooleanField()
    limits = LimitsSerializer()


class MeUpdateInputSerializer(serializers.Serializer):
    display_name = serializers.CharField(max_length=60, required=False, allow_blank=True)
    bio = serializers.CharField(max_length=300, required=False, allow_blank=True)


class AvatarInputSerializer(serializers.Serializer):
    avatar = serializers.FileField()


class UserProfileOutputSerializer(serializers.Serializer):
    handle = serializers.CharField()
    display_name = serializers.CharField()
    bio = serializers.CharField()
    avatar_url = serializers.CharField(allow_null=True)
    followers = serializers.IntegerField()
    following = serializers.IntegerField()
    you_follow = serializers.BooleanField()
    follows_you = serializers.BooleanField()
    is_mutual = serializers.BooleanField()


class InviteOutputSerializer(serializers.ModelSerializer):
    state = serializers.CharField()
    redeemed_by = serializers.SlugRelatedField(slug_field="handle", read_only=True, allow_null=True)

    class Meta:
        model = InviteCode
        fields = ["code", "state", "created_at", "expires_at", "redeemed_at", "redeemed_by"]


class LinkCodeOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    expires_at = serializers.DateTimeField()


class LinkRedeemInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=16)


class ParentalLinkOutputSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="handle", read_only=True)
    teen = serializers.SlugRelatedField(slug_field="handle", read_only=True)
    role = serializers.SerializerMethodField()
    mutuals_may_use_cameo = serializers.SerializerMethodField(
        help_text="Whether this link lets mutuals use the teen's cameo, as it stands: a switch copied from a \"parent\" "
        "since found to be a teen reads false."
    )
    teen_limits = serializers.SerializerMethodField()

    class Meta:
        model = ParentalLink
        fields = [
            "id",
            "parent",
            "teen",
            "role",
            "personalized_feed",
            "continuous_scroll",
            "daily_feed_videos_cap",
            "daily_generation_cap",
            "mutuals_may_use_cameo",
            "teen_limits",
            "cooling_off_until",
            "created_at",
        ]

    def get_role(self, link: ParentalLink) -> str:
        return "parent" if link.parent_id == self.context["request"].user.pk else "teen"

    def get_mutuals_may_use_cameo(self, link: ParentalLink) -> bool:
        return mutuals_leave_stands(link)

    @extend_schema_field(LimitsSerializer)
    def get_teen_limits(self, link: ParentalLink) -> dict:
        # The teen's limits as they stand (`link_whose_choices_stand`), which need not be this link's: an ended link, or
        # one whose "parent" was found to be a teen, shows what the teen lives by, as /me does.
        limits: Limits = limits_for(link.teen)
        return LimitsSerializer(limits).data


class ParentalControlsInputSerializer(serializers.Serializer):
    personalized_feed = serializers.BooleanField(required=False)
    continuous_scroll = serializers.BooleanField(required=False)
    daily_feed_videos_cap = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=10_000)
    daily_generation_cap = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=1_000)
    mutuals_may_use_cameo = serializers.BooleanField(
        required=False,
        help_text="Let people the teen and they follow both ways use the teen's cameo when the teen opens it to "
        "mutuals. Off until a parent turns it on; a new parent cannot turn it on while a former parent may contest.",
    )
