"""A person's limits: the one function the other apps ask (feed caps, generation caps, grant approval, whether
mutuals may use a teen's cameo)."""

from dataclasses import dataclass

from django.conf import settings

from sora_social.accounts.models import ParentalLink, User
from sora_social.accounts.selectors import link_whose_choices_stand, mutuals_leave_stands


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
    # Whether mutuals may use this person's cameo when it is open to them: always for an adult; for a teen, only once
    # a parent allowed it (ParentalLink.mutuals_may_use_cameo), as every grant of a teen waits for a parent.
    mutuals_may_use_cameo: bool


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
            mutuals_may_use_cameo=True,
        )
    if link is None:
        link = link_whose_choices_stand(user)
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
        # Off for a teen no parent allowed it for, linked or not: like a grant, it waits for a parent.
        mutuals_may_use_cameo=mutuals_leave_stands(link),
    )


def mutuals_may_use_teens_cameo(teen_id: int) -> bool:
    """`Limits.mutuals_may_use_cameo` of a teen, known only by id (the door reads the owner's age itself). One query."""
    return mutuals_leave_stands(link_whose_choices_stand(teen_id))
