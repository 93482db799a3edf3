from django.urls import path

from sora_social.notifications.api import views

urlpatterns = [
    path("notifications/", views.NotificationListApi.as_view(), name="notifications"),
    path("notifications/read/", views.NotificationReadApi.as_view(), name="notifications-read"),
]
