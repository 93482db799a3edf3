"""Feed background work on the `default` queue. Tasks load by id and call a service; both are idempotent.

The services queue these tasks and these tasks call the services: both sides import the other as a module
(`from feed import tasks`, `from feed.services import background`), never a name from it, so either may be
imported first.
"""

from celery import shared_task

from feed.services import background, retention, serving


@shared_task(name="feed.tasks.post_embed_task", acks_late=True, reject_on_worker_lost=True, max_retries=2, expires=3600)
def post_embed_task(post_id: int) -> bool:
    return background.post_embed(post_id=post_id)


@shared_task(name="feed.tasks.posts_embed_missing_task", acks_late=True, max_retries=0, expires=3600)
def posts_embed_missing_task() -> int:
    return background.posts_embed_missing()


@shared_task(name="feed.tasks.post_fan_out_task", acks_late=True, reject_on_worker_lost=True, max_retries=2, expires=3600)
def post_fan_out_task(post_id: int) -> int:
    return background.post_fan_out(post_id=post_id)


@shared_task(name="feed.tasks.for_you_rank_ahead_task", acks_late=True, max_retries=0, expires=300)
def for_you_rank_ahead_task(user_id: int) -> bool:
    return serving.for_you_rank_ahead(user_id=user_id)


@shared_task(name="feed.tasks.feed_global_candidates_task", max_retries=0, expires=30)
def feed_global_candidates_task() -> int:
    return background.feed_global_candidates_refresh()


@shared_task(name="feed.tasks.feed_circle_refresh_task", max_retries=0, expires=300)
def feed_circle_refresh_task(user_id: int) -> int:
    return background.feed_circle_refresh(user_id=user_id)


@shared_task(name="feed.tasks.hidden_media_purge_task", acks_late=True, expires=3600)
def hidden_media_purge_task() -> int:
    return retention.hidden_media_purge()
