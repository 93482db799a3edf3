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


def quota_usage(user: User) -> tuple[int, int]:
    """(jobs started today, jobs in flight now); failures on our side do not count against the person."""
    counts = GenerationJob.objects.filter(owner=user).aggregate(
        today=Count("pk", filter=Q(created_at__gte=start_of_today()) & ~Q(state=GenerationJob.State.FAILED)),
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
            f"You reached today's limit of {limits.daily_generations} videos.",
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
