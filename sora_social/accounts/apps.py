from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sora_social.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from allauth.account.models import EmailAddress
        from django.db.models.signals import pre_delete, pre_save

        from sora_social.accounts.models import User
        from sora_social.accounts.services import parental_links_end_for_deleted_account

        # An account deleted by any path (Django admin, a shell): its parental links end before the row goes.
        pre_delete.connect(
            lambda instance, **_: parental_links_end_for_deleted_account(user_id=instance.pk),
            sender=User,
            weak=False,
            dispatch_uid="deleted-account-ends-its-parental-links",
        )
        # Notifications from someone blocked either way, banned or closed are not told nor listed.
        from sora_social.accounts.selectors import people_no_longer_seen
        from sora_social.notifications.selectors import on_hidden_actors

        on_hidden_actors(people_no_longer_seen)
        # An address allauth adds to an account, by any path: refused when another account holds it.
        pre_save.connect(_email_address_saving, sender=EmailAddress, dispatch_uid="added-address-is-claimed")
        from allauth.account.signals import email_added

        email_added.connect(_email_address_added, dispatch_uid="added-address-is-told-to-the-account")


def _email_address_saving(sender, instance, **kwargs) -> None:
    from django.db import transaction

    from sora_social.accounts.services import email_address_claim

    # Requests run in a transaction (ATOMIC_REQUESTS), so the claim's lock holds until the row is written; a save
    # from a shell gets one of its own for the check.
    with transaction.atomic():
        email_address_claim(user_id=instance.user_id, email=instance.email)


def _email_address_added(sender, request, user, email_address, **kwargs) -> None:
    """The account's own address is told of one added: allauth mails only the new address, so a thief's went
    unnoticed until it was used (tests/accounts/test_signin_and_invite_attacks_round5.py)."""
    from allauth.account.adapter import get_adapter

    get_adapter(request).send_notification_mail(
        "account/email/email_added", user, {"added_email": email_address.email}
    )
