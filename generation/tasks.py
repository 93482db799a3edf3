"""Generation background work. The render task runs on the `gpu` queue; tasks only call services."""

import logging

from celery import shared_task

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
    except Exception as exc:
        logger.exception("render of job %s failed", job_id)
        services.generation_fail(job_id=job_id, reason=f"render_error:{type(exc).__name__}")
        raise
    if isinstance(outcome, services.RenderBusy):
        # Redelivered while the first worker's lease is live: it may still be rendering. Look again later.
        raise self.retry(countdown=outcome.retry_in_s)
    return outcome


@shared_task(name="generation.tasks.generation_requeue_stuck_task", acks_late=True, expires=600)
def generation_requeue_stuck_task() -> int:
    return services.generation_requeue_stuck()
