from django.apps import AppConfig


class CameosConfig(AppConfig):
    name = "cameos"

    def ready(self) -> None:
        # lazy: these import models, which exist only once the app registry is ready.
        from celery.signals import task_postrun
        from django.db.models.signals import pre_delete

        from cameos import policy, registry, selectors, services
        from cameos.models import Cameo
        from sora_social.accounts.models import User
        from sora_social.accounts.services import (
            on_birth_date_corrected,
            on_display_name_check,
            on_handle_taken_check,
            on_parental_link_contested,
            on_parental_link_made,
            on_relationship_change,
            on_teen_mutuals_withdrawn,
        )

        # A task that raised after a denial rolled its transaction back; its audit rows are written again.
        task_postrun.connect(lambda **_: policy.consent_audit_flush(), weak=False, dispatch_uid="consent-audit")
        # Follows and blocks decide mutuals; accounts sits below cameos and tells it through this hook.
        on_relationship_change(services.cameo_consent_relationship_changed)
        # A parent who stops letting mutuals use their teen's cameo: the videos mutuals made with it are asked about again.
        on_teen_mutuals_withdrawn(services.appearances_reconcile_for_teen_mutuals_withdrawn)
        # A birth date support corrected: a teen's grants and mutuals wait for a parent, and a teen "parent" gave nothing.
        on_birth_date_corrected(services.appearances_reconcile_for_birth_date_corrected)
        # A new parent hears of what already waits for one: the teen's grants, and their cameo opened to mutuals.
        on_parental_link_made(services.parent_told_what_waits)
        # A contested parental link loses its approvals, which are grants, kept here.
        on_parental_link_contested(services.grants_parental_approval_withdraw)
        # A live cameo's handle is taken for a new person's handle too: the two share one namespace.
        on_handle_taken_check(selectors.cameo_handle_looks_taken)
        # A person's display name may not name a protected person either (their names are kept here).
        on_display_name_check(services.check_display_name)
        # Every save or delete of a face the likeness registry holds is logged, so every process catches up.
        registry.connect_change_signals()
        # A cameo's row deleted by any path (an account's deletion cascades to it): its videos are withdrawn first.
        pre_delete.connect(
            lambda instance, **_: services.appearances_withdraw_for_deleted_cameo(cameo_id=instance.pk),
            sender=Cameo,
            weak=False,
            dispatch_uid="cameo-row-deleted-withdraws-its-videos",
        )
        # An account deleted by any path: the grants it approved that do not count now (a "parent" found to be a
        # teen) wait again before its row goes, so they do not turn into a gone parent's approvals that stand.
        pre_delete.connect(
            lambda instance, **_: services.grants_approval_withdraw_for_deleted_approver(user_id=instance.pk),
            sender=User,
            weak=False,
            dispatch_uid="deleted-account-withdraws-approvals-that-do-not-count",
        )
