"""Feed background work on the `default` queue. Tasks load by id and call a service; both are idempotent."""

from celery import shared_task

from feed import services


@shared_task(name="feed.tasks.post_embed_task", acks_late=True, reject_on_worker_lost=True, max_retries=2, expires=3600)
def post_embed_task(post_id: int) -> bool:
    return services.post_embed(post_id=post_id)


@shared_task(name="feed.tasks.post_fan_out_task", acks_late=True, reject_on_worker_lost=True, max_retries=2, expires=3600)
def post_fan_out_task(post_id: int) -> int:
    return services.post_fan_out(post_id=post_id)


@shared_task(name="feed.tasks.for_you_rank_ahead_task", acks_late=True, max_retries=0, expires=300)
def for_you_rank_ahead_task(user_id: int) -> bool:
    return services.for_you_rank_ahead(user_id=user_id)


@shared_task(name="feed.tasks.feed_global_candidates_task", max_retries=0, expires=30)
def feed_global_candidates_task() -> int:
    return services.feed_global_candidates_refresh()


@shared_task(name="feed.tasks.feed_circle_refresh_task", max_retries=0, expires=300)
def feed_circle_refresh_task(user_id: int) -> int:
    return services.feed_circle_refresh(user_id=user_id)
