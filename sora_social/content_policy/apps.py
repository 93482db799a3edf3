from django.apps import AppConfig


class ContentPolicyConfig(AppConfig):
    name = "sora_social.content_policy"
    label = "content_policy"
    verbose_name = "Content policy"
