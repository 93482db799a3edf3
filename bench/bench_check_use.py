"""The consent door under a large grant table: p50 and p99 of check_use on PostgreSQL, and its query count.

Run: .venv/bin/python bench/bench_check_use.py [--grants 100000] [--calls 2000]
"""

import argparse
import datetime
import random
import time

from django_env import percentile, setup


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--grants", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    setup(postgres=True)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cameos.models import Cameo, Grant
    from cameos.policy import Purpose, check_use
    from sora_social.accounts.models import User

    started = time.perf_counter()
    owner = User.objects.create_user("owner", "owner@example.org", datetime.date(1990, 1, 1), "x")
    users = User.objects.bulk_create(
        [User(handle=f"u{i}", email=f"u{i}@example.org", birth_date=datetime.date(1990, 1, 1)) for i in range(args.grants)],
        batch_size=5000,
    )
    cameos = [Cameo.objects.create(owner=owner, handle=f"cameo{i}", display_name="c", level="approved", status="verified") for i in range(10)]
    Grant.objects.bulk_create(
        [Grant(cameo=cameos[i % len(cameos)], grantee=user, status="active") for i, user in enumerate(users)],
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"seeded {args.grants} users and {Grant.objects.count()} grants in {time.perf_counter() - started:.1f} s")

    rng = random.Random(1)
    timings = []
    allowed = 0
    with CaptureQueriesContext(connection) as captured:
        for _ in range(args.calls):
            actor = users[rng.randrange(len(users))]
            cameo = cameos[rng.randrange(len(cameos))]
            t0 = time.perf_counter()
            allowed += check_use(cameo, actor, Purpose.GENERATE).allowed
            timings.append((time.perf_counter() - t0) * 1000)
    queries = len(captured.captured_queries) / args.calls
    print(f"check_use over {args.calls} calls ({allowed} allowed): p50 {percentile(timings, 0.5):.2f} ms, "
          f"p99 {percentile(timings, 0.99):.2f} ms, {queries:.1f} queries per call (1 read + 1 audit row)")


if __name__ == "__main__":
    main()
