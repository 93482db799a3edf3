from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response

from moderation import selectors, services
from moderation.api import serializers as s
from sora_social.api.errors import ApiError
from sora_social.api.pagination import CreatedCursorPagination
from sora_social.api.permissions import IsActiveAccount, IsNotRestricted
from sora_social.api.throttling import PerPersonRateThrottle
from sora_social.api.views import MemberApiView, paginate

# The shared error shape (sora_social.api.schema adds it to components); 409 is a conflict with what exists.
ERROR = OpenApiResponse(
    response={"$ref": "#/components/schemas/Error"},
    description="Already done: one open report per target, one appeal per decision.",
)


class ReportThrottle(PerPersonRateThrottle):
    """Reports per person per hour (THROTTLE_REPORT), on top of one open report per target."""

    scope = "report"


class ReportListApi(MemberApiView):
    # Declared so the schema documents the cursor page (results, next, previous) that paginate() returns.
    pagination_class = CreatedCursorPagination

    def get_throttles(self):
        return [ReportThrottle()] if self.request.method == "POST" else []

    def get_permissions(self):
        if self.request.method == "POST":
            return [*super().get_permissions(), IsNotRestricted()]
        return super().get_permissions()

    @extend_schema(responses=s.ReportOutputSerializer(many=True), operation_id="reports_list")
    def get(self, request):
        """The reports you filed, newest first, with their status."""
        return paginate(self, selectors.reports_by(request.user), s.ReportOutputSerializer)

    @extend_schema(
        request=s.ReportCreateInputSerializer,
        responses={201: s.ReportOutputSerializer, 409: ERROR},
        operation_id="reports_create",
        description=(
            "Report a post, comment, profile or cameo. One open report per target per person (a second one is "
            "a 409); a target that does not exist or that you cannot see is a 404."
        ),
    )
    def post(self, request):
        data = s.ReportCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.report_create(reporter=request.user, **data.validated_data)
        return Response(s.ReportOutputSerializer(report).data, status=status.HTTP_201_CREATED)


def _decision_or_404(decision_id: int, user):
    decision = selectors.decision_of(decision_id=decision_id, user=user)
    if decision is None:
        raise ApiError("not_found", "No such decision.", status_code=404)
    return decision


class DecisionListApi(MemberApiView):
    # A banned person reads the decisions about them and appeals the ban here, and nowhere else.
    permission_classes = [IsActiveAccount]
    pagination_class = CreatedCursorPagination

    @extend_schema(
        responses=s.DecisionOutputSerializer(many=True),
        operation_id="moderation_decisions_list",
        description="Moderation decisions about you (take-downs, warnings, suspensions), with the reason and appeal.",
    )
    def get(self, request):
        return paginate(self, selectors.decisions_for(request.user), s.DecisionOutputSerializer)


class DecisionDetailApi(MemberApiView):
    # A banned person reads the decisions about them and appeals the ban here, and nowhere else.
    permission_classes = [IsActiveAccount]
    @extend_schema(responses=s.DecisionOutputSerializer, operation_id="moderation_decisions_retrieve")
    def get(self, request, decision_id: int):
        """One moderation decision about you, with its reason and appeal."""
        return Response(s.DecisionOutputSerializer(_decision_or_404(decision_id, request.user)).data)


class DecisionAppealApi(MemberApiView):
    # A banned person reads the decisions about them and appeals the ban here, and nowhere else.
    permission_classes = [IsActiveAccount]
    @extend_schema(
        request=s.AppealCreateInputSerializer,
        responses={201: s.AppealOutputSerializer, 409: ERROR},
        operation_id="moderation_decisions_appeal",
        description="Appeal a decision about you, once. A second appeal is a 409.",
    )
    def post(self, request, decision_id: int):
        decision = _decision_or_404(decision_id, request.user)
        data = s.AppealCreateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        appeal = services.appeal_create(action=decision, appellant=request.user, text=data.validated_data["text"])
        return Response(s.AppealOutputSerializer(appeal).data, status=status.HTTP_201_CREATED)
