from django.urls import path

from sora_social.accounts.api import views

urlpatterns = [
    path("me/", views.MeApi.as_view(), name="me"),
    path("me/avatar/", views.MeAvatarApi.as_view(), name="me-avatar"),
    path("users/<str:handle>/", views.UserDetailApi.as_view(), name="user-detail"),
    path("users/<str:handle>/follow/", views.UserFollowApi.as_view(), name="user-follow"),
    path("users/<str:handle>/block/", views.UserBlockApi.as_view(), name="user-block"),
    path("invites/", views.InviteListApi.as_view(), name="invites"),
    path("parental/link-codes/", views.ParentalLinkCodeApi.as_view(), name="parental-link-codes"),
    path("parental/links/", views.ParentalLinkListApi.as_view(), name="parental-links"),
    path("parental/links/<id:link_id>/", views.ParentalLinkDetailApi.as_view(), name="parental-link-detail"),
    path("parental/links/<id:link_id>/contest/", views.ParentalLinkContestApi.as_view(), name="parental-link-contest"),
]
