from django.urls import path

from cameos.api import views

urlpatterns = [
    path("cameos/", views.CameoListApi.as_view(), name="cameos"),
    path("cameos/challenge/", views.ChallengeApi.as_view(), name="cameo-challenge"),
    path("cameos/restriction-categories/", views.RestrictionCategoryListApi.as_view(), name="restriction-categories"),
    path("cameos/usable/", views.UsableCameoListApi.as_view(), name="cameos-usable"),
    path("cameos/<id:cameo_id>/", views.CameoDetailApi.as_view(), name="cameo-detail"),
    path("cameos/<id:cameo_id>/thumbnail/", views.CameoThumbnailApi.as_view(), name="cameo-thumbnail"),
    path("cameos/<id:cameo_id>/grants/", views.GrantListApi.as_view(), name="cameo-grants"),
    path("cameos/<id:cameo_id>/grants/<str:handle>/", views.GrantDetailApi.as_view(), name="cameo-grant-detail"),
    path("cameos/<id:cameo_id>/audit/", views.CameoAuditApi.as_view(), name="cameo-audit"),
    path("cameos/<id:cameo_id>/appearances/", views.AppearanceListApi.as_view(), name="cameo-appearances"),
    # DELETE cameos/<id>/appearances/<generation id>/ (the owner removes a video with them) is served by
    # generation/api: destroying the video's files is the generation layer's.
    path("parental/grants/", views.ParentGrantListApi.as_view(), name="parental-grants"),
    path("parental/grants/<id:grant_id>/", views.ParentGrantDeclineApi.as_view(), name="parental-grant-decline"),
    path("parental/grants/<id:grant_id>/approve/", views.ParentGrantApproveApi.as_view(), name="parental-grant-approve"),
]
