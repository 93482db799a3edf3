"""Endpoints that exist only for tests/cameos/test_consent_audit.py: they ask the door, then fail."""

from django.urls import path
from rest_framework.response import Response

from cameos.models import Cameo
from cameos.policy import Purpose, check_use, require_uses
from sora_social.api.views import MemberApiView
from sora_social.notifications.models import Notification


class RefuseAfterWritingApi(MemberApiView):
    """Writes a row, asks the door (denied), and raises the refusal: the request's transaction rolls back."""

    def post(self, request, cameo_id: int):
        Notification.objects.create(recipient=request.user, kind=Notification.Kind.FOLLOWED, data={"probe": True})
        require_uses(Cameo.objects.filter(pk=cameo_id), request.user, Purpose.GENERATE, subject="probe")
        return Response({"unreachable": True})


class CrashAfterDenialApi(MemberApiView):
    """Asks the door (denied) and then fails on a bug of its own, as a new endpoint might."""

    def post(self, request, cameo_id: int):
        check_use(cameo_id, request.user, Purpose.GENERATE, subject="crash")
        raise RuntimeError("a bug after the door said no")


urlpatterns = [
    path("probe/refuse/<int:cameo_id>/", RefuseAfterWritingApi.as_view()),
    path("probe/crash/<int:cameo_id>/", CrashAfterDenialApi.as_view()),
]
