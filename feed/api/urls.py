from django.urls import path

from feed.api import views

urlpatterns = [
    path("feed/", views.FeedApi.as_view(), name="feed"),
    path("feed/steering/", views.SteeringApi.as_view(), name="feed-steering"),
    path("wellness/", views.WellnessApi.as_view(), name="wellness"),
    path("posts/", views.PostListApi.as_view(), name="posts"),
    path("posts/<id:post_id>/", views.PostDetailApi.as_view(), name="post-detail"),
    path("posts/<id:post_id>/like/", views.PostLikeApi.as_view(), name="post-like"),
    path("posts/<id:post_id>/view/", views.PostViewApi.as_view(), name="post-view"),
    path("posts/<id:post_id>/comments/", views.CommentListApi.as_view(), name="post-comments"),
    path("posts/<id:post_id>/comments/<id:comment_id>/", views.CommentDetailApi.as_view(), name="post-comment-detail"),
]
