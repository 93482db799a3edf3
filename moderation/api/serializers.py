from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from moderation import selectors
from moderation.models import Appeal, ModerationAction, Report, ReportReason, TargetKind
from moderation.services import MAX_TEXT_CHARS
from sora_social.accounts.models import User
from sora_social.api.fields import NullableObjectField

# A target's id is a string both ways. Posts, comments and cameos have integer ids, but a profile is named by its
# handle everywhere in the API (users/{handle}/), so only a string holds every kind of target: a post, comment or
# cameo id in decimal, or a profile's handle (without "@"; "@" is accepted going in). What a report gives back is
# what reporting it again takes.
TARGET_ID_HELP = (
    "A post, comment or cameo id in decimal, or a profile's handle (a leading @ is accepted going in). "
    "A string both ways."
)


class TargetIdListSerializer(serializers.ListSerializer):
    """Reads the handles of a page's profile targets in one query, rather than one per row."""

    def to_representation(self, data):
        items = list(data.all() if hasattr(data, "all") else data)
        targets = [self.child.target_of(item) for item in items]
        user_ids = {target_id for kind, target_id in targets if kind == TargetKind.PROFILE}
        handles = User.objects.filter(pk__in=user_ids).values_list("pk", "handle") if user_ids else []
        self.child.profile_handles = dict(handles)
        return super().to_representation(items)


class DecisionListSerializer(TargetIdListSerializer):
    """Also reads, for the whole page at once, which decisions may still be appealed."""

    def to_representation(self, data):
        items = list(data.all() if hasattr(data, "all") else data)
        self.child.appeal_refusals = selectors.appeal_refusals(items)
        return super().to_representation(items)


class TargetIdMixin:
    """`target_id` as a string: a decimal id, or a profile's handle (its decimal id only if the account is gone)."""

    profile_handles: dict[int, str] | None = None

    def target_of(self, obj) -> tuple[str, int]:
        raise NotImplementedError

    @extend_schema_field(serializers.CharField(help_text=TARGET_ID_HELP))
    def get_target_id(self, obj) -> str:
        kind, target_id = self.target_of(obj)
        if kind != TargetKind.PROFILE:
            return str(target_id)
        if self.profile_handles is not None and target_id in self.profile_handles:
            return self.profile_handles[target_id]
        handle = User.objects.filter(pk=target_id).values_list("handle", flat=True).first()
        return handle or str(target_id)


class ReportCreateInputSerializer(serializers.Serializer):
    target_type = serializers.ChoiceField(choices=TargetKind.choices)
    target_id = serializers.CharField(max_length=64, help_text=TARGET_ID_HELP)
    reason = serializers.ChoiceField(choices=ReportReason.choices)
    text = serializers.CharField(max_length=MAX_TEXT_CHARS, required=False, allow_blank=True, default="")


class ReportOutputSerializer(TargetIdMixin, serializers.ModelSerializer):
    target_type = serializers.CharField(source="target_kind")
    target_id = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = ["id", "target_type", "target_id", "reason", "text", "status", "created_at", "resolved_at"]
        list_serializer_class = TargetIdListSerializer

    def target_of(self, report: Report) -> tuple[str, int]:
        return report.target_kind, report.target_id

    @extend_schema_field(serializers.CharField(help_text=TARGET_ID_HELP))
    def get_target_id(self, report: Report) -> str:
        # The handle as reported, whatever the account is called or has become since.
        if report.target_kind == TargetKind.PROFILE and report.target_handle:
            return report.target_handle
        return super().get_target_id(report)


class AppealCreateInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=MAX_TEXT_CHARS, help_text="Why the decision should be overturned.")


class AppealOutputSerializer(serializers.ModelSerializer):
    decision = serializers.IntegerField(source="action_id")
    outcome_reason = serializers.CharField(source="resolution.reason", default=None, allow_null=True)

    class Meta:
        model = Appeal
        fields = ["id", "decision", "text", "status", "outcome_reason", "created_at", "decided_at"]


class DecisionOutputSerializer(TargetIdMixin, serializers.ModelSerializer):
    action = serializers.CharField(source="kind")
    target_type = serializers.CharField(source="case.target_kind")
    target_id = serializers.SerializerMethodField()
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
        list_serializer_class = DecisionListSerializer

    def target_of(self, action: ModerationAction) -> tuple[str, int]:
        return action.case.target_kind, action.case.target_id

    def _appeal(self, action: ModerationAction) -> Appeal | None:
        try:
            return action.appeal
        except Appeal.DoesNotExist:
            return None

    def get_can_appeal(self, action: ModerationAction) -> bool:
        # As appeal_create decides: a restored, purged or gone target's decision is offered no appeal the API refuses.
        refusals = getattr(self, "appeal_refusals", None)
        refusal = refusals[action.pk] if refusals is not None and action.pk in refusals else selectors.appeal_refusal(action)
        return self._appeal(action) is None and refusal is None

    @extend_schema_field(
        NullableObjectField(AppealOutputSerializer, help_text="Your appeal of this decision; null if you made none.")
    )
    def get_appeal(self, action: ModerationAction) -> dict | None:
        appeal = self._appeal(action)
        return AppealOutputSerializer(appeal).data if appeal else None
