from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sora_social.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from sora_social.accounts.models import User
        from sora_social.accounts.services import parental_links_end_for_deleted_account

        # An account deleted by any path (Django admin, a shell): its parental links end before the row goes.
        pre_delete.connect(
            lambda instance, **_: parental_links_end_for_deleted_account(user_id=instance.pk),
            sender=User,
            weak=False,
            dispatch_uid="deleted-account-ends-its-parental-links",
        )
