"""Cameo background work (the `media` queue). Tasks load by id and call a service."""

from celery import shared_task

from cameos import services


@shared_task(
    name="cameos.tasks.cameo_verify_task",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=1,
    expires=3600,
)
def cameo_verify_task(attempt_id: int) -> str:
    return services.cameo_verify(attempt_id=attempt_id).status


@shared_task(name="cameos.tasks.cameo_challenges_cleanup_task", acks_late=True, expires=3600)
def cameo_challenges_cleanup_task() -> int:
    return services.expire_unused_challenges()


@shared_task(name="cameos.tasks.biometrics_purge_for_inactive_accounts_task", acks_late=True, expires=3600)
def biometrics_purge_for_inactive_accounts_task() -> int:
    return services.biometrics_purge_for_inactive_accounts()
