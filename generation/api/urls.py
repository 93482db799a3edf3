from django.urls import path

from generation.api import face_search, views

urlpatterns = [
    path("generations/", views.GenerationListApi.as_view(), name="generations"),
    path("generations/backends/", views.GenerationBackendListApi.as_view(), name="generation-backends"),
    path("generations/<id:job_id>/", views.GenerationDetailApi.as_view(), name="generation-detail"),
    # Under the cameo's URL, served here: removing a video destroys its files, which is this layer's work.
    path(
        "cameos/<id:cameo_id>/appearances/<id:generation_id>/",
        views.CameoAppearanceDetailApi.as_view(),
        name="cameo-appearance-detail",
    ),
    path("provenance/verify/", views.ProvenanceVerifyApi.as_view(), name="provenance-verify"),
    # Find my face: under the cameo's URL (only its owner may search with it), served here with the provenance lookup.
    path("cameos/<id:cameo_id>/face-searches/", face_search.CameoFaceSearchListApi.as_view(), name="cameo-face-searches"),
]
