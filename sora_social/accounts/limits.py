"""A person's limits: the one function the other apps ask (feed caps, generation caps, grant approval)."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from sora_social.accounts.models import ParentalLink, User
from sora_social.accounts.validators import adult_birth_cutoff


@dataclass(frozen=True)
class Limits:
    """What a person may do per day and how their feed behaves."""

    is_teen: bool
    personalized_feed: bool
    continuous_scroll: bool
    daily_feed_videos: int | None  # None: no cap
    daily_generations: int
    max_jobs_in_flight: int
    grants_need_parent_approval: bool
    has_parent: bool


def _stricter(default: int, chosen: int | None) -> int:
    return default if chosen is None else min(default, chosen)


def limits_for(user: User, *, link: ParentalLink | None = None) -> Limits:
    """The limits in force for this user now; a parent's choices only ever make them stricter."""
    if not user.is_teen:
        return Limits(
            is_teen=False,
            personalized_feed=True,
            continuous_scroll=True,
            daily_feed_videos=None,
            daily_generations=settings.ADULT_DAILY_GENERATIONS,
            max_jobs_in_flight=settings.MAX_JOBS_IN_FLIGHT,
            grants_need_parent_approval=False,
            has_parent=False,
        )
    if link is None:
        # The active link, else the last one that ended: a teen who unlinks keeps the parent's last choices
        # (controls never silently reset). One query: the active link sorts first. Only a parent who is an adult
        # by their birth date today (or whose account went while they were one) counts: a "parent" found to be a
        # teen chose nothing that stands, and the choices of the last real parent apply.
        link = (
            ParentalLink.objects.filter(teen=user)
            .filter(
                Q(parent__birth_date__lte=adult_birth_cutoff(timezone.localdate()))
                | Q(parent__isnull=True, parent_not_adult_when_deleted=False)
            )
            .order_by(F("ended_at").desc(nulls_first=True), "-created_at", "-id")
            .first()
        )
    return Limits(
        is_teen=True,
        personalized_feed=link.personalized_feed if link else True,
        continuous_scroll=link.continuous_scroll if link else True,
        daily_feed_videos=_stricter(settings.TEEN_DAILY_FEED_VIDEOS, link.daily_feed_videos_cap if link else None),
        daily_generations=_stricter(
            settings.TEEN_DAILY_GENERATIONS, link.daily_generation_cap if link else None
        ),
        max_jobs_in_flight=settings.MAX_JOBS_IN_FLIGHT,
        # Always on for a teen, linked or not: an unlinked teen's grants wait until a parent links and approves.
        grants_need_parent_approval=True,
        has_parent=link is not None and link.is_active,
    )
