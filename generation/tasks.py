"""Generation background work. The render task runs on the `gpu` queue; tasks only call services."""

import logging

from celery import shared_task
from celery.signals import celeryd_after_setup

from generation import services

logger = logging.getLogger(__name__)


@shared_task(
    bind=True,
    name="generation.tasks.generation_render_task",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=20,
    expires=6 * 3600,
)
def generation_render_task(self, job_id: int) -> str:
    try:
        outcome = services.generation_render(job_id=job_id)
    except Exception:
        # generation_render failed the job already, as the attempt the error happened in (never another
        # delivery's attempt that took the job over meanwhile).
        logger.exception("render of job %s failed", job_id)
        raise
    if isinstance(outcome, services.RenderBusy):
        # Redelivered while the first worker's lease is live: it may still be rendering. Look again later.
        raise self.retry(countdown=outcome.retry_in_s)
    return outcome


@shared_task(name="generation.tasks.generation_requeue_stuck_task", acks_late=True, expires=600)
def generation_requeue_stuck_task() -> int:
    return services.generation_requeue_stuck()


@celeryd_after_setup.connect
def render_worker_setup(sender, instance, **kwargs) -> None:
    """A worker consuming `gpu` (or gpu.<backend>) builds the backends it serves and consumes their queues."""
    # lazy: the backends package is only needed by workers, and only once.
    from generation.backends.worker import celery_worker_setup

    celery_worker_setup(instance)


# Tries while the likeness registry is still being built (a worker that just started): about ten minutes.
FACE_SEARCH_REGISTRY_RETRIES = 20
FACE_SEARCH_REGISTRY_RETRY_S = 30


@shared_task(
    bind=True,
    name="generation.tasks.face_search_run_task",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=FACE_SEARCH_REGISTRY_RETRIES,
    expires=3600,
)
def face_search_run_task(self, search_id: int) -> str:
    # lazy: generation.face_search imports this module to queue the task.
    from cameos.registry import RegistryNotReady
    from generation import face_search

    try:
        search = face_search.face_search_run(search_id=search_id)
        return search.status if search is not None else "gone"
    except RegistryNotReady as exc:
        if self.request.retries >= FACE_SEARCH_REGISTRY_RETRIES:
            search = face_search.face_search_fail(search_id=search_id, reason="service_unavailable")
            return search.status if search is not None else "gone"
        raise self.retry(exc=exc, countdown=FACE_SEARCH_REGISTRY_RETRY_S) from exc
    except Exception:
        logger.exception("face search %s failed", search_id)
        face_search.face_search_fail(search_id=search_id, reason="analysis_error")
        raise


@shared_task(name="generation.tasks.face_search_uploads_sweep_task", acks_late=True, expires=3600)
def face_search_uploads_sweep_task() -> int:
    from generation import face_search  # lazy, as above

    return face_search.face_search_uploads_sweep()


@shared_task(name="generation.tasks.generation_media_rename_task", acks_late=True, expires=6 * 3600)
def generation_media_rename_task(job_ids: list[int]) -> int:
    return services.generation_media_rename(job_ids=job_ids)
