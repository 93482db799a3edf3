from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from sora_social.api.views import MemberApiView, paginate
from sora_social.notifications import selectors, services
from sora_social.notifications.api import serializers as s


class NotificationListApi(MemberApiView):
    @extend_schema(
        parameters=[OpenApiParameter("unread", OpenApiTypes.BOOL, description="Only unread ones.")],
        responses=s.NotificationOutputSerializer(many=True),
    )
    def get(self, request):
        """Your notifications, newest first (optionally unread only); the same ones are pushed live on /ws/events/."""
        unread_only = request.query_params.get("unread", "").lower() in {"1", "true", "yes"}
        notifications = selectors.notifications_of(recipient=request.user, unread_only=unread_only)
        return paginate(self, notifications, s.NotificationOutputSerializer)


class NotificationReadApi(MemberApiView):
    @extend_schema(request=s.NotificationsReadInputSerializer, responses=s.NotificationsReadOutputSerializer)
    def post(self, request):
        """Mark some of your notifications read, or all of them when no ids are given; answers how many changed."""
        data = s.NotificationsReadInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        count = services.notifications_mark_read(recipient=request.user, ids=data.validated_data.get("ids"))
        return Response({"marked_read": count})
