from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from moderation.models import Appeal, ModerationAction, Report, ReportReason, TargetKind
from moderation.services import MAX_TEXT_CHARS


class ReportCreateInputSerializer(serializers.Serializer):
    target_type = serializers.ChoiceField(choices=TargetKind.choices)
    target_id = serializers.CharField(
        max_length=64, help_text="The id of the post, comment or cameo, or the handle of a profile."
    )
    reason = serializers.ChoiceField(choices=ReportReason.choices)
    text = serializers.CharField(max_length=MAX_TEXT_CHARS, required=False, allow_blank=True, default="")


class ReportOutputSerializer(serializers.ModelSerializer):
    target_type = serializers.CharField(source="target_kind")

    class Meta:
        model = Report
        fields = ["id", "target_type", "target_id", "reason", "text", "status", "created_at", "resolved_at"]


class AppealCreateInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_TEXT_CHARS, help_text="Why the decision should be overturned.")


class AppealOutputSerializer(serializers.ModelSerializer):
    decision = serializers.IntegerField(source="action_id")
    outcome_reason = serializers.CharField(source="resolution.reason", default=None, allow_null=True)

    class Meta:
        model = Appeal
        fields = ["id", "decision", "text", "status", "outcome_reason", "created_at", "decided_at"]


class DecisionOutputSerializer(serializers.ModelSerializer):
    action = serializers.CharField(source="kind")
    target_type = serializers.CharField(source="case.target_kind")
    target_id = serializers.IntegerField(source="case.target_id")
    can_appeal = serializers.SerializerMethodField()
    appeal = serializers.SerializerMethodField()

    class Meta:
        model = ModerationAction
        fields = [
            "id",
            "action",
            "target_type",
            "target_id",
            "reason",
            "policy",
            "suspended_until",
            "created_at",
            "can_appeal",
            "appeal",
        ]

    def _appeal(self, action: ModerationAction) -> Appeal | None:
        try:
            return action.appeal
        except Appeal.DoesNotExist:
            return None

    def get_can_appeal(self, action: ModerationAction) -> bool:
        return action.kind in ModerationAction.APPEALABLE and self._appeal(action) is None

    @extend_schema_field(AppealOutputSerializer(allow_null=True))
    def get_appeal(self, action: ModerationAction) -> dict | None:
        appeal = self._appeal(action)
        return AppealOutputSerializer(appeal).data if appeal else None
