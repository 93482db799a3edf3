"""Cameo background work (the `media` queue). Tasks load by id and call a service."""

import threading

from celery import shared_task
from celery.signals import worker_process_init

from cameos import services
from cameos.registry import (
    RegistryNotReady,
    keep_likeness_registry_current,
    likeness_changes_prune,
    warm_likeness_registry,
)

# Tries while the likeness registry is still being built (a worker that just started): about ten minutes.
REGISTRY_RETRIES = 20
REGISTRY_RETRY_S = 30


@shared_task(
    bind=True,
    name="cameos.tasks.cameo_verify_task",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=REGISTRY_RETRIES,
    expires=3600,
)
def cameo_verify_task(self, attempt_id: int) -> str:
    try:
        attempt = services.cameo_verify(attempt_id=attempt_id)
    except RegistryNotReady as exc:
        if self.request.retries >= REGISTRY_RETRIES:
            attempt = services.cameo_verification_unavailable(attempt_id=attempt_id)
        else:
            raise self.retry(exc=exc, countdown=REGISTRY_RETRY_S) from exc
    # None: gone with its account before the worker came to it.
    return attempt.status if attempt is not None else "gone"


# A re-check that fails (a dropped database connection, a worker restarting) is tried again: the owner's change was
# answered 200, and the videos that break it must still go. It is idempotent: it reads the videos as they are then.
RECHECK_MAX_RETRIES = 8


@shared_task(
    name="cameos.tasks.cameo_restrictions_recheck_task",
    acks_late=True,
    expires=86400,
    autoretry_for=(Exception,),
    max_retries=RECHECK_MAX_RETRIES,
    retry_backoff=5,
    retry_backoff_max=600,
    retry_jitter=True,
)
def cameo_restrictions_recheck_task(cameo_id: int) -> int:
    return services.appearances_recheck_texts(cameo_id=cameo_id)


@shared_task(name="cameos.tasks.cameo_challenges_cleanup_task", acks_late=True, expires=3600)
def cameo_challenges_cleanup_task() -> int:
    return services.expire_unused_challenges()


@shared_task(name="cameos.tasks.verification_uploads_sweep_task", acks_late=True, expires=3600)
def verification_uploads_sweep_task() -> int:
    return services.verification_uploads_sweep()


@shared_task(name="cameos.tasks.biometrics_purge_for_inactive_accounts_task", acks_late=True, expires=3600)
def biometrics_purge_for_inactive_accounts_task() -> int:
    return services.biometrics_purge_for_inactive_accounts()


@shared_task(name="cameos.tasks.likeness_changes_prune_task", acks_late=True, expires=3600)
def likeness_changes_prune_task() -> int:
    return likeness_changes_prune()


def _warm_in_background(**_) -> threading.Thread:
    # A worker that verifies or renders needs the registry; building it in the background lets the worker take
    # tasks meanwhile (they wait for the build, bounded by LIKENESS_REGISTRY_WAIT_S, then retry).
    warmer = threading.Thread(target=warm_likeness_registry, name="likeness-registry-warm", daemon=True)
    warmer.start()
    return warmer


# Set to stop a process's registry sync thread (tests; a worker process ends with its daemon threads).
REGISTRY_SYNC_STOP = threading.Event()


def _keep_registry_current(**_) -> threading.Thread:
    syncer = threading.Thread(
        target=keep_likeness_registry_current, args=(REGISTRY_SYNC_STOP,), name="likeness-registry-sync", daemon=True
    )
    syncer.start()
    return syncer


# Sent in each prefork child and by the solo pool: the processes that run tasks, never the prefork parent.
worker_process_init.connect(_warm_in_background, weak=False, dispatch_uid="likeness-registry-warm")
worker_process_init.connect(_keep_registry_current, weak=False, dispatch_uid="likeness-registry-sync")
