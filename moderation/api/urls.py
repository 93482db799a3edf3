from django.urls import path

from moderation.api import views

urlpatterns = [
    path("reports/", views.ReportListApi.as_view(), name="reports"),
    path("moderation/decisions/", views.DecisionListApi.as_view(), name="moderation-decisions"),
    path(
        "moderation/decisions/<id:decision_id>/", views.DecisionDetailApi.as_view(), name="moderation-decision-detail"
    ),
    path(
        "moderation/decisions/<id:decision_id>/appeal/",
        views.DecisionAppealApi.as_view(),
        name="moderation-decision-appeal",
    ),
]
