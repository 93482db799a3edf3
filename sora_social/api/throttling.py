"""Per-person rate limits for the API's costly writes."""

from rest_framework.throttling import UserRateThrottle


class PerPersonRateThrottle(UserRateThrottle):
    """A per-person rate that holds when requests arrive together: a counter per window, raised atomically.

    DRF's throttle reads a person's request history from the cache, then writes it back: requests arriving together
    all read the same history and all passed (4 at once against "2/hour" made 4 videos,
    tests/generation/test_generation_attacks_round2.py). Here each request adds itself with the cache's atomic
    increment (Redis INCR; a lock in the in-process cache) and is refused when it counts past the rate. The window is
    fixed ("2/hour" is 2 from each hour's start), as django-ratelimit counts: at a window's edge a burst can reach
    twice the rate, never more.
    """

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_ends_at = (window + 1) * self.duration
        counter = f"{self.key}:{window}"
        # One second past the window, so that the counter never expires between the add and the increment.
        self.cache.add(counter, 0, timeout=self.duration + 1)
        return self.cache.incr(counter) <= self.num_requests

    def wait(self) -> float:
        return max(self.window_ends_at - self.now, 0.0)
