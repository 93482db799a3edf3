"""What a person may still watch today, applied to every list of videos, and the count of what they watched.

The numbers come from `sora_social.accounts.limits.limits_for` (a teen's daily cap on videos seen, whether
continuous scroll is on); this module is the one place that applies them. The feed
(feed.services.serving.feed_serve), the posts list (feed.services.serving.posts_list) and a post's remixes
(remix.api.views.RemixListApi) all ask `viewing_allowance` before a page, cut the page with `fit`, offer a next
page only if `offers_next_page`, and count what they served with `count`, so that no list is a way around
the cap. A post's lineage, and a post opened by its id (feed.services.serving.post_open, as a page of one), do too.
Every list counts into the same `FeedDay`; a retried page (same page key) is counted once. A cap counts the videos
served over the last 24 hours (by the hour, `FeedHour`: the hour now and the 24 before it), not on the server's day.

The same count drives wellness check-ins: every WELLNESS_CHECK_EVERY_VIDEOS videos or _MINUTES active
minutes a day, the feed shows one.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, transaction
from django.db.models import Min, Sum
from django.utils import timezone

from feed.hot_queries import feed_day_count, viewer_reads
from feed.models import FeedDay, FeedHour, WellnessCheckIn
from sora_social.accounts.limits import Limits, limits_for
from sora_social.locks import transaction_lock

# What a list of videos answers as its `state`: served, or stopped by one of the limits.
LIST_STATES = ("ok", "daily_limit_reached", "continuous_scroll_off")
LIMIT_MESSAGES = {
    "continuous_scroll_off": "Continuous scroll is off for this account. Come back later for a new page.",
    "daily_limit_reached": "You have seen a day's videos. More open as the ones you saw turn 24 hours old.",
}
# A gap between two feed requests longer than this is a break, not time spent in the feed.
MAX_ACTIVE_GAP_S = 5 * 60
# A daily cap counts the videos served in the hour now and the 24 before it (FeedHour): whatever 24 hours one looks
# at, they hold no more than the cap. Counted per server day, the hour around midnight UTC held two days' caps.
CAP_WINDOW_HOURS = 25
# A person's hours older than this are deleted when a new hour is counted.
CAP_HOURS_KEPT = datetime.timedelta(days=2)


@dataclass
class ViewingAllowance:
    """What the limits allow on the next page of a list of videos, for one viewer now."""

    limits: Limits
    # "ok", "daily_limit_reached" or "continuous_scroll_off" (then the list answers no videos).
    state: str = "ok"
    # Videos left today; None: no cap.
    remaining: int | None = None
    # Today's count; None when nothing is counted (another list than the feed, for a person without limits).
    day: FeedDay | None = None
    # With a cap: the videos served in the cap's window, and when the oldest of them leaves it.
    window_served: int = 0
    window_opens_at: datetime.datetime | None = None
    # Whether `fit` had to cut the last page to what was left of the cap.
    cut: bool = field(default=False, init=False)
    # The key `fit` read the page under, for `count` to count it under.
    page_identity: str | None = field(default=None, init=False)

    @property
    def message(self) -> str:
        return LIMIT_MESSAGES.get(self.state, "")

    def fit(self, page: list, *, page_key: str) -> list:
        """The page cut to what is left of today's cap; a retry of the page last counted gets again as many videos
        as were counted for it, and no more. A retry is the same page: the key names where the page starts and, by a
        digest, every video it holds. Keyed on where it starts and its first video only, a new feed session, or a
        first page that following someone changed, was taken for a retry and served a new page uncounted
        (tests/feed/test_feed_integrity_attacks.py)."""
        self.page_identity = page_identity(page_key, page)
        if self.remaining is None or self.day is None:
            return page
        allowed = self.day.last_page_served if self.page_identity == self.day.last_page_key else self.remaining
        self.cut = len(page) > allowed
        return page[:allowed]

    def offers_next_page(self) -> bool:
        """Whether the list may offer a next page after the page `fit` gave: not with continuous scroll off, nor
        after a page cut to the cap (a next request past the cap gets the `daily_limit_reached` state)."""
        return self.limits.continuous_scroll and not self.cut

    def count(self, *, served: int, page_key: str, shows_check_in: bool = True) -> dict | None:
        """Count a page of `served` videos towards today's total (a retried page once) and the active time,
        and decide on a wellness check-in (returned, for the feed to show). Nothing when nothing is counted.

        A list that cannot show a check-in (posts, remixes: they hold only posts) passes `shows_check_in=False`:
        its videos count, and a check-in that falls due stays due for the next feed page instead of being lost."""
        if self.day is None:
            return None
        key = self.page_identity or page_key[:64]
        if self.remaining is not None and served and key != self.day.last_page_key:
            _count_in_cap_window(self.day.user_id, served)
            self.window_served += served
            self.window_opens_at = self.window_opens_at or _this_hour() + datetime.timedelta(hours=CAP_WINDOW_HOURS)
        return _count_page(self.day, served=served, page_key=key, shows_check_in=shows_check_in)

    def limits_payload(self) -> dict:
        """The limits in force, as the feed answers them."""
        if self.remaining is not None:
            # Capped: the last 24 hours' count, and when the oldest of them leaves the window.
            videos = self.window_served
            resets_at = self.window_opens_at or timezone.now()
        else:
            videos = self.day.videos_served if self.day else 0
            tomorrow = timezone.localdate() + datetime.timedelta(days=1)
            resets_at = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
        return {
            "daily_feed_videos": self.limits.daily_feed_videos,
            "videos_today": videos,
            "continuous_scroll": self.limits.continuous_scroll,
            "personalized": self.limits.personalized_feed,
            "resets_at": resets_at.isoformat(),
        }


def viewing_allowance(
    viewer: AbstractBaseUser, *, next_page: bool, limits: Limits | None = None, day: FeedDay | None = None
) -> ViewingAllowance:
    """The viewer's allowance for a first page or a next one (`next_page`).

    `limits` and `day` may be given when the caller read them already (the feed reads today's FeedDay with its
    other reads, in one round trip, and always counts, for check-ins). Otherwise today's day is read only
    when limits apply: for people without limits the other lists are free and count nothing.
    """
    limits = limits or limits_for(viewer)
    if day is None:
        if limits.daily_feed_videos is None and limits.continuous_scroll:
            return ViewingAllowance(limits)
        day = viewer_reads(viewer.pk).day
    if next_page and not limits.continuous_scroll:
        return ViewingAllowance(limits, "continuous_scroll_off", None, day)
    if limits.daily_feed_videos is None:
        return ViewingAllowance(limits, "ok", None, day)
    if transaction.get_connection().in_atomic_block:
        # A capped viewer's lists take turns on their count until the request's transaction ends (ATOMIC_REQUESTS):
        # four lists asked at once each read the whole remaining cap and served it, four times over. The turn is the
        # person's, not the day's row: the window spans two days, and two lists asked either side of midnight each
        # locked their own day and shared out the last video twice (tests/test_later_changes_attacks.py).
        transaction_lock(f"feed.cap:{viewer.pk}")
        day.refresh_from_db(from_queryset=FeedDay.objects.select_for_update())
    served, opens_at = _cap_window(viewer.pk)
    remaining = limits.daily_feed_videos - served
    allowance = ViewingAllowance(limits, "ok" if remaining > 0 else "daily_limit_reached", remaining, day)
    allowance.window_served, allowance.window_opens_at = served, opens_at
    return allowance


def _this_hour() -> datetime.datetime:
    return timezone.now().replace(minute=0, second=0, microsecond=0)


def _cap_window(user_id: int) -> tuple[int, datetime.datetime | None]:
    """The videos served to a capped person in the cap's window, and when its oldest hour leaves it."""
    start = _this_hour() - datetime.timedelta(hours=CAP_WINDOW_HOURS - 1)
    found = FeedHour.objects.filter(user_id=user_id, hour__gte=start, videos__gt=0).aggregate(
        videos=Sum("videos"), oldest=Min("hour")
    )
    oldest = found["oldest"]
    return found["videos"] or 0, oldest + datetime.timedelta(hours=CAP_WINDOW_HOURS) if oldest else None


def _count_in_cap_window(user_id: int, videos: int) -> None:
    """Add videos to the person's hour: one statement on PostgreSQL and SQLite alike (an ORM get-or-create and update
    took six), and on the hour's first count their hours past CAP_HOURS_KEPT go."""
    hour = _this_hour()
    table = connection.ops.quote_name(FeedHour._meta.db_table)
    # The table is the model's own name, quoted; the values are parameters.
    upsert = (
        f"INSERT INTO {table} (user_id, hour, videos) VALUES (%s, %s, %s) "  # noqa: S608
        f"ON CONFLICT (user_id, hour) DO UPDATE SET videos = {table}.videos + excluded.videos RETURNING videos"
    )
    with connection.cursor() as cursor:
        cursor.execute(upsert, [user_id, connection.ops.adapt_datetimefield_value(hour), videos])
        (total,) = cursor.fetchone()
    if total == videos:
        FeedHour.objects.filter(user_id=user_id, hour__lt=hour - CAP_HOURS_KEPT).delete()


def _item_id(item) -> object:
    """A list's item: a post row, or the feed's (post, reason) pair."""
    if isinstance(item, tuple):
        item = item[0]
    return getattr(item, "id", getattr(item, "pk", item))


def page_identity(page_key: str, page: list) -> str:
    """Where a page starts and a digest of every video on it, in at most 64 characters (FeedDay.last_page_key)."""
    digest = hashlib.blake2b(",".join(str(_item_id(item)) for item in page).encode(), digest_size=8).hexdigest()
    return f"{page_key[:47]}:{digest}"


def _count_page(day: FeedDay, *, served: int, page_key: str, shows_check_in: bool = True) -> dict | None:
    """Count the page once (a retry with the same key is not counted again) and decide on a check-in."""
    now = timezone.now()
    gap = (now - day.last_request_at).total_seconds() if day.last_request_at else 0
    active = int(min(max(gap, 0), MAX_ACTIVE_GAP_S))
    counted = served if page_key != day.last_page_key else 0
    videos = day.videos_served + counted
    seconds = day.active_seconds + active
    every_videos = settings.WELLNESS_CHECK_EVERY_VIDEOS
    every_seconds = settings.WELLNESS_CHECK_EVERY_MINUTES * 60
    check_in = None
    # A list that cannot show one leaves the marks where they are, so a due check-in waits for the next feed page.
    if shows_check_in and every_videos and videos - day.checkin_videos_mark >= every_videos:
        check_in = "videos"
    elif shows_check_in and every_seconds and seconds - day.checkin_seconds_mark >= every_seconds:
        check_in = "minutes"
    feed_day_count(
        day_id=day.pk,
        page_key=page_key,
        served=served,
        active=active,
        now=now,
        check_in_marks=(videos, seconds) if check_in else None,
    )
    if page_key != day.last_page_key:
        day.last_page_served = served
    day.videos_served, day.active_seconds, day.last_page_key = videos, seconds, page_key
    if not check_in:
        return None
    return {
        "reason": check_in,
        "videos_today": videos,
        "minutes_today": seconds // 60,
        "question": "How are you feeling right now?",
        "answers": list(WellnessCheckIn.Mood.values),
    }
