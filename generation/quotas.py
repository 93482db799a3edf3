"""Generation quotas: a daily cap (lower for teens, a parent's cap wins) and a limit of jobs in flight."""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from generation.models import GenerationJob
from sora_social.accounts.limits import limits_for
from sora_social.accounts.models import User
from sora_social.errors import ServiceError


def start_of_today() -> datetime.datetime:
    now = timezone.localtime()
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def daily_cap_counts_from(user: User) -> datetime.datetime:
    """Where a person's daily cap starts counting: today (the server's day) for adults, the last 24 hours for teens.

    The app knows no one's time zone, and the server's midnight falls in the middle of someone's afternoon: a
    teen in the Americas got a second full cap ten minutes after using up the first. For teens, whose cap a
    parent sets, no 24 hours hold more than the cap.
    """
    if user.is_teen:
        return timezone.now() - datetime.timedelta(hours=24)
    return start_of_today()


def quota_usage(user: User) -> tuple[int, int]:
    """(jobs started in the cap's day, jobs in flight now); failures on our side do not count against the person."""
    counts = GenerationJob.objects.filter(owner=user).aggregate(
        today=Count("pk", filter=Q(created_at__gte=daily_cap_counts_from(user)) & ~Q(state=GenerationJob.State.FAILED)),
        in_flight=Count("pk", filter=Q(state__in=GenerationJob.IN_FLIGHT)),
    )
    return counts["today"], counts["in_flight"]


def quota_check(user: User) -> None:
    """Raise when a new job would exceed a cap. Call it with the user's row locked (see generation_submit)."""
    limits = limits_for(user)
    today, in_flight = quota_usage(user)
    if today >= limits.daily_generations:
        raise ServiceError(
            "daily_cap_reached",
            f"You reached the limit of {limits.daily_generations} videos in 24 hours."
            if user.is_teen
            else f"You reached today's limit of {limits.daily_generations} videos.",
            429,
            limit=limits.daily_generations,
        )
    if in_flight >= limits.max_jobs_in_flight:
        raise ServiceError(
            "too_many_in_flight",
            f"At most {limits.max_jobs_in_flight} videos can be in progress at once.",
            429,
            limit=limits.max_jobs_in_flight,
        )
