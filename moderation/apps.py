from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self) -> None:
        # lazy: these import models, which exist only once the app registry is ready.
        from django.db.models.signals import post_delete, pre_delete

        from feed.services.retention import takedown_purge_hold_register
        from moderation.selectors import jobs_under_appeal
        from moderation.services import recount_reported_cases, remember_reported_cases
        from sora_social.accounts.models import User

        # A taken-down video whose appeal waits keeps its files past the grace period until the appeal is answered.
        takedown_purge_hold_register(jobs_under_appeal)

        # A deleted account's reports go with it (CASCADE): the cases they were on are counted again. Django's signals,
        # as feed's counts use: an operator deletes accounts in the admin and the shell, without a service.
        pre_delete.connect(remember_reported_cases, sender=User, dispatch_uid="moderation-reporter-deleting")
        post_delete.connect(recount_reported_cases, sender=User, dispatch_uid="moderation-reporter-deleted")
