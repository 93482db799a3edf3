from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sora_social.notifications.models import Notification
from sora_social.notifications.payloads import notification_data


class NotificationMessageSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField(help_text="A sentence to show the person.")


class NotificationDataSerializer(serializers.Serializer):
    """What a notification is about. Which keys are present depends on its kind; every key means the same in all."""

    generation = serializers.IntegerField(required=False, help_text="A generation (job) id.")
    post = serializers.IntegerField(required=False, allow_null=True, help_text="A post id; null if never published.")
    remix = serializers.IntegerField(required=False, help_text="The remix's post id (remixed).")
    comment = serializers.IntegerField(required=False, help_text="A comment id.")
    cameo = serializers.IntegerField(required=False, help_text="A cameo id.")
    cameo_handle = serializers.CharField(
        required=False, help_text="A cameo's @handle (video_withdrawn, comment_held), where the cameo may not be yours."
    )
    draft = serializers.BooleanField(required=False)
    grant = serializers.IntegerField(required=False, help_text="A grant id.")
    grantee = serializers.CharField(required=False, help_text="The grantee's handle.")
    status = serializers.CharField(required=False, help_text="The cameo's or grant's status after the change.")
    reasons = serializers.ListField(child=serializers.CharField(), required=False)
    messages = NotificationMessageSerializer(many=True, required=False)
    note = serializers.CharField(required=False)
    message = serializers.CharField(required=False, help_text="A sentence to show the person.")
    reason = serializers.CharField(required=False, help_text="Why (video_withdrawn: a hidden_reason; moderation: the note).")
    restriction = serializers.CharField(required=False, help_text="The restriction a held comment broke.")
    decision = serializers.IntegerField(required=False, help_text="A moderation decision id.")
    action = serializers.CharField(required=False, help_text="The moderation action taken.")
    target_type = serializers.CharField(required=False)
    target_id = serializers.CharField(required=False, help_text="As in a decision: a decimal id, or a profile's handle.")
    suspended_until = serializers.DateTimeField(required=False, allow_null=True)
    appealable = serializers.BooleanField(required=False)
    change = serializers.CharField(
        required=False, help_text="parental_link: linked, new_parent_linked, controls_updated, unlinked, contested or "
        "mutuals_wait_for_parent (a teen opened their cameo to mutuals, who may use it only once the parent lets them)."
    )
    link = serializers.IntegerField(required=False, help_text="A parental link id.")
    cooling_off_until = serializers.DateTimeField(required=False, allow_null=True)
    new_parent = serializers.CharField(required=False, help_text="The new parent's handle.")
    contest_until = serializers.DateTimeField(required=False)
    ended_by = serializers.CharField(required=False, help_text="teen or parent.")

    def get_fields(self):
        # A key named "fields" cannot be declared: the name is the serializer's own.
        return {
            **super().get_fields(),
            "fields": serializers.ListField(
                child=serializers.CharField(), required=False, help_text="The controls that changed."
            ),
        }


class NotificationOutputSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="handle", read_only=True, allow_null=True)
    data = serializers.SerializerMethodField()
    is_read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "actor", "data", "is_read", "read_at", "created_at"]

    @extend_schema_field(NotificationDataSerializer)
    def get_data(self, notification: Notification) -> dict:
        return notification_data(notification)

    def get_is_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class NotificationsReadInputSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), required=False, max_length=500)


class NotificationsReadOutputSerializer(serializers.Serializer):
    marked_read = serializers.IntegerField()
