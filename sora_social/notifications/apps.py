from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "sora_social.notifications"
    label = "notifications"
    verbose_name = "Notifications and realtime events"
