from rest_framework import serializers

from sora_social.notifications.models import Notification


class NotificationOutputSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField(slug_field="handle", read_only=True, allow_null=True)
    is_read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "actor", "data", "is_read", "read_at", "created_at"]

    def get_is_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class NotificationsReadInputSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), required=False, max_length=500)


class NotificationsReadOutputSerializer(serializers.Serializer):
    marked_read = serializers.IntegerField()
