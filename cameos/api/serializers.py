from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cameos.models import Appearance, Cameo, ConsentDecision, Grant, VerificationChallenge
from cameos.policy import Purpose
from cameos.restrictions import parse_restriction
from cameos.services import rejection_message
from sora_social.api.fields import TextInputField
from sora_social.api.media import signed_media_url


class ChallengeOutputSerializer(serializers.ModelSerializer):
    """What to do in the verification video, once, before expires_at (two minutes)."""

    digits = serializers.CharField(help_text="4 to 6 digits to read aloud, in order.")
    turn_sequence = serializers.ListField(
        child=serializers.ChoiceField(choices=["left", "right", "up", "down"]),
        help_text=(
            "Head turns to make in this order, facing the camera before and between them. Directions are the "
            "person's own: 'left' is their own left. In an unmirrored recording (what phone cameras store, the "
            "front camera included) that moves the nose toward the right of the picture; an app that stores the "
            "mirrored preview says so with mirrored=true on the upload."
        ),
    )

    class Meta:
        model = VerificationChallenge
        fields = ["id", "digits", "turn_sequence", "expires_at"]


class RejectionSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField(help_text="A sentence to show the person.")


class CameoCreateInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Cameo.Kind.choices, default=Cameo.Kind.SELF)
    handle = serializers.CharField(max_length=31)
    display_name = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    challenge_id = serializers.IntegerField(required=False, min_value=1)
    mirrored = serializers.BooleanField(
        required=False,
        default=False,
        help_text="The video is mirrored like a front-camera preview (the person's left is on the picture's left).",
    )
    video = serializers.FileField(required=False, allow_empty_file=True, help_text="The verification video (kind self).")
    media = serializers.FileField(required=False, allow_empty_file=True, help_text="An image or short clip (pet, object, drawing).")

    def validate(self, attrs):
        if attrs["kind"] == Cameo.Kind.SELF:
            if "video" not in attrs:
                raise serializers.ValidationError({"video": ["A verification video is required."]})
            if "challenge_id" not in attrs:
                raise serializers.ValidationError({"challenge_id": ["A challenge id is required."]})
        elif "media" not in attrs:
            raise serializers.ValidationError({"media": ["An image or a short clip is required."]})
        return attrs


class RestrictionRuleSerializer(serializers.Serializer):
    """How one of the owner's restrictions is read, so the app can show what is enforced."""

    text = serializers.CharField()
    categories = serializers.ListField(
        child=serializers.CharField(), help_text="Keys of the restriction categories it names (see restriction-categories)."
    )
    words = serializers.ListField(child=serializers.CharField(), help_text="Words banned outright.")
    topics = serializers.ListField(child=serializers.CharField(), help_text="Other topics, matched by closeness of meaning.")
    things = serializers.ListField(
        child=serializers.CharField(),
        help_text='Things named in words that spell a category ("fruit punch"), refused where their names are written.',
    )
    enforced = serializers.BooleanField(help_text="False when nothing in it could be read; it is then not enforced.")


class RestrictionCategorySerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    definition = serializers.CharField()
    also_rules_out = serializers.ListField(
        child=serializers.CharField(), help_text="Keys of the categories a restriction naming this one rules out too."
    )


def restriction_rule(text: str) -> dict:
    parsed = parse_restriction(text)
    return {
        "text": text,
        "categories": list(parsed.categories),
        "words": list(parsed.words),
        "topics": list(parsed.topics),
        "things": list(parsed.things),
        "enforced": parsed.enforceable,
    }


class CameoOutputSerializer(serializers.ModelSerializer):
    """A cameo as its owner sees it. Biometric data is never part of it."""

    thumbnail_url = serializers.SerializerMethodField()
    restriction_rules = serializers.SerializerMethodField()
    restrictions = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="The owner's restrictions as they wrote them; restriction_rules says how each is read.",
    )
    rejection_reasons = serializers.ListField(child=serializers.CharField(), read_only=True)
    rejections = serializers.SerializerMethodField()

    class Meta:
        model = Cameo
        fields = [
            "id",
            "kind",
            "handle",
            "display_name",
            "status",
            "level",
            "preferences",
            "restrictions",
            "restriction_rules",
            "consent_version",
            "rejection_reasons",
            "rejections",
            "thumbnail_url",
            "verified_at",
            "created_at",
        ]

    @extend_schema_field(RejectionSerializer(many=True))
    def get_rejections(self, cameo: Cameo) -> list[dict]:
        return [{"code": code, "message": rejection_message(code)} for code in cameo.rejection_reasons or []]

    @extend_schema_field(RestrictionRuleSerializer(many=True))
    def get_restriction_rules(self, cameo: Cameo) -> list[dict]:
        return [restriction_rule(text) for text in cameo.restrictions or []]

    def get_thumbnail_url(self, cameo: Cameo) -> str | None:
        if not cameo.reference_image_encrypted:
            return None
        return f"/api/v1/cameos/{cameo.pk}/thumbnail/"


class CameoPublicSerializer(serializers.ModelSerializer):
    """A cameo as someone who may use it sees it."""

    owner = serializers.SlugRelatedField(slug_field="handle", read_only=True)

    class Meta:
        model = Cameo
        fields = ["id", "kind", "handle", "display_name", "owner", "level"]


class CameoUpdateInputSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=Cameo.Level.choices, required=False)
    preferences = TextInputField(max_length=500, required=False, allow_blank=True)
    restrictions = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=20
    )
    display_name = serializers.CharField(max_length=60, required=False)


class GrantInputSerializer(serializers.Serializer):
    handle = serializers.CharField(max_length=31)


class CountedStatusField(serializers.ChoiceField):
    """A grant's status as the door acts on it: a teen's active grant that no other adult approved shows as
    `pending_parent` (cameos.policy.grant_status_as_counted, annotated by the selectors)."""

    def __init__(self, **kwargs):
        super().__init__(choices=Grant.Status.choices, source="*", read_only=True, **kwargs)

    def to_representation(self, grant):
        return getattr(grant, "counted_status", grant.status)


class GrantOutputSerializer(serializers.ModelSerializer):
    grantee = serializers.SlugRelatedField(slug_field="handle", read_only=True)
    status = CountedStatusField()

    class Meta:
        model = Grant
        fields = ["id", "grantee", "status", "approved_at", "created_at"]


class ParentGrantOutputSerializer(serializers.ModelSerializer):
    grantee = serializers.SlugRelatedField(slug_field="handle", read_only=True)
    cameo = CameoPublicSerializer(read_only=True)
    status = CountedStatusField()

    class Meta:
        model = Grant
        fields = ["id", "cameo", "grantee", "status", "created_at"]


class AuditOutputSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField(
        help_text="Who used or tried to use the cameo; null for a moderator's action and for a face that screening "
        "found in someone's render (the owner is told that it happened, not by whom)."
    )

    class Meta:
        model = ConsentDecision
        fields = ["id", "actor", "purpose", "allowed", "reason", "consent_version", "subject", "created_at"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor(self, decision: ConsentDecision) -> str | None:
        # Moderation decisions and screening notices never name the moderator or the creator; the owner's audit named
        # both (tests/test_information_leak_attacks.py). Moderators read the full rows in the admin.
        if decision.actor_id is None or decision.purpose == Purpose.ADMIN or decision.subject.endswith(":screening"):
            return None
        return decision.actor.handle


class AppearanceOutputSerializer(serializers.ModelSerializer):
    creator = serializers.SlugRelatedField(slug_field="handle", read_only=True)
    generation_id = serializers.IntegerField(source="job_id")
    job_state = serializers.CharField(source="job.state")
    post_id = serializers.SerializerMethodField()
    is_draft = serializers.SerializerMethodField()
    is_live = serializers.SerializerMethodField(
        help_text="Whether the video may still be shown: neither withdrawn for this cameo nor for another in its cast."
    )
    video_url = serializers.SerializerMethodField()
    poster_url = serializers.SerializerMethodField()

    class Meta:
        model = Appearance
        fields = [
            "id",
            "generation_id",
            "creator",
            "job_state",
            "video_url",
            "poster_url",
            "post_id",
            "is_draft",
            "is_live",
            "revoked_at",
            "removed_at",
            "created_at",
        ]

    def get_post_id(self, appearance: Appearance) -> int | None:
        post = getattr(appearance.job, "post", None)
        return post.pk if post else None

    @extend_schema_field(serializers.BooleanField())
    def get_is_live(self, appearance: Appearance) -> bool:
        return appearance.is_live and not getattr(appearance, "job_withdrawn", False)

    def _signed(self, appearance: Appearance, name: str) -> str | None:
        # The cameo's owner may watch every live video that uses them, drafts of other people included.
        if not name or not self.get_is_live(appearance):
            return None
        return signed_media_url(name, viewer_id=self.context["request"].user.pk)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_video_url(self, appearance: Appearance) -> str | None:
        return self._signed(appearance, appearance.job.video.name)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_poster_url(self, appearance: Appearance) -> str | None:
        return self._signed(appearance, appearance.job.poster.name)

    def get_is_draft(self, appearance: Appearance) -> bool:
        return getattr(appearance.job, "post", None) is None
