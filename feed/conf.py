"""The feed's settings, each with its default; the project settings may override any of them."""

from django.conf import settings


def feed_setting(name: str):
    """A FEED_* setting from the project settings, else its default here."""
    return getattr(settings, name, DEFAULTS[name])


# FEED_FANOUT (fan-out on write into per-user Redis timelines, read by `following`; needs REDIS_URL) is not
# here: operators switch it per deployment, so it is a project setting read from the environment
# (sora_social/settings/product.py), and feed.timelines.fanout_enabled reads it from there.
DEFAULTS: dict = {
    # Timelines keep this many newest posts; older pages fall back to PostgreSQL keyset pagination.
    "FEED_TIMELINE_MAX": 800,
    # Only people who opened a feed within this many days get posts fanned out to them.
    "FEED_ACTIVE_DAYS": 14,
    # Authors with more followers than this are not fanned out (their posts are merged at read time).
    "FEED_FANOUT_MAX_FOLLOWERS": 50_000,
    "FEED_REDIS_PREFIX": "sora:feed:",
    "FEED_PAGE_SIZE": 20,
    "FEED_MAX_PAGE_SIZE": 50,
    # A For You ranking is kept this long, so its next pages neither repeat nor skip posts.
    "FEED_SESSION_TTL_S": 30 * 60,
    # After a first For You page, rank the person's next one ahead of time (a `default` queue task), so
    # opening the feed again is as cheap as a next page; a ranking made ahead is kept this long. Off by
    # default: it pays only where `default` workers have cores of their own (on a 2-core box running web,
    # worker and database together it made For You slower: p50 36 -> 62 ms at 32 clients; measured again on
    # 2026-11-24 with the worker niced, p99 27-36 -> 47-99 ms).
    "FEED_RANK_AHEAD": False,
    "FEED_READY_TTL_S": 10 * 60,
    # A cursor older than this is refused (400), so old links do not resurrect stale rankings.
    "FEED_CURSOR_MAX_AGE_S": 24 * 3600,
    # Compute the MiniLM embedding of a post when it is published (a task on the `default` queue).
    "FEED_EMBED_ON_PUBLISH": True,
    # Candidate windows and sizes of For You.
    "FEED_FOLLOW_WINDOW_DAYS": 14,
    "FEED_CIRCLE_WINDOW_DAYS": 7,
    "FEED_GLOBAL_WINDOW_DAYS": 3,
    # About 400 candidates: 15-20 pages of 20, more than a session scrolls; each one costs ranking time
    # (fewer global ones starve steering for people who follow few: 60 instead of 100 halved the matches).
    "FEED_FOLLOW_CANDIDATES": 200,
    "FEED_CIRCLE_CANDIDATES": 100,
    "FEED_GLOBAL_CANDIDATES": 100,
    # What ranking reads about a post (counts, whether it is live) is kept 1-2 times this long in each process;
    # pages are still read through the visibility rules, so a post hidden meanwhile is never shown.
    "FEED_FEATURES_TTL_S": 30,
    # A person's circle candidates (posts of the people their mutuals follow) are reused this long.
    "FEED_CIRCLE_CACHE_S": 300,
    # Shared list of global fresh and popular post ids, recomputed at most this often.
    "FEED_GLOBAL_CACHE_S": 60,
}
