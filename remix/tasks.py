"""Remix background work: tasks only call services."""

from celery import shared_task

from remix import services


@shared_task(name="remix.tasks.remix_counts_recount_after_suspensions_task", acks_late=True, expires=3600)
def remix_counts_recount_after_suspensions_task() -> int:
    return services.remix_counts_recount_after_suspensions()
