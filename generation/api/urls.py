from django.urls import path

from generation.api import views

urlpatterns = [
    path("generations/", views.GenerationListApi.as_view(), name="generations"),
    path("generations/<id:job_id>/", views.GenerationDetailApi.as_view(), name="generation-detail"),
    path("provenance/verify/", views.ProvenanceVerifyApi.as_view(), name="provenance-verify"),
]
