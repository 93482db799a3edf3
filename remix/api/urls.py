from django.urls import path

from remix.api import views

urlpatterns = [
    path("posts/<id:post_id>/remix/", views.RemixCreateApi.as_view(), name="post-remix"),
    path("posts/<id:post_id>/remixes/", views.RemixListApi.as_view(), name="post-remixes"),
    path("posts/<id:post_id>/lineage/", views.LineageApi.as_view(), name="post-lineage"),
]
