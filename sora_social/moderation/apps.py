from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "sora_social.moderation"
    label = "moderation"
    verbose_name = "Moderation"
