"""Feed under load: for_you and following against a real ASGI server on PostgreSQL and Redis, next to a floor.

It seeds (or reuses) a demo corpus in a database of its own (`sora_feed_bench`: 10k people, 200k posts,
1M likes by default), starts uvicorn on 127.0.0.1 with fan-out on (and, as a deployment has, a `default`
Celery worker with beat, at a lower priority), signs in one demo person per client, and drives three
endpoints with concurrent keep-alive clients, interleaved in rounds within one run:

- floor: `GET /api/v1/posts/?page_size=20`, one indexed keyset page of 20 visible posts, the same item shape;
- for_you: a first page, then two next pages by cursor, again and again;
- following: the same, from the Redis timelines (fan-out on write).

It prints p50/p90/p99 and the request rate for each, and the ratios to the floor. Targets (issue 5): feed
p99 at most 3x the floor's and at most 50 ms, at 32 concurrent clients.

Loads: each is CLIENTS x PAUSE: concurrent keep-alive clients, each pausing PAUSE ms on average between a response
and its next request. A pause of 0 is a closed loop: the server saturates and latency is mostly queueing
(32 clients / throughput). A person scrolling a feed asks for a page of 20 videos every few tens of seconds,
so 32 clients x 1000 ms is already about 40 times a fast-swiping person's rate.

Run: .venv/bin/python bench/bench_feed.py [--users 10000 --posts 200000] [--loads 1x0,32x1000,32x250,32x0]
     [--seconds 12] [--reseed] [--workers 2] [--no-fanout]

To compare two versions of the code on one corpus, copy the database for the newer one (its migrations run on
the copy): `CREATE DATABASE sora_feed_bench_after TEMPLATE sora_feed_bench`, then `BENCH_DB=sora_feed_bench_after`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = os.environ.get("BENCH_DB", "sora_feed_bench")  # a copy lets two versions of the code be compared
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/3")
KINDS = ("floor", "for_you", "following")
PATHS = {
    "floor": "/api/v1/posts/?page_size=20",
    "for_you": "/api/v1/feed/?kind=for_you&page_size=20",
    "following": "/api/v1/feed/?kind=following&page_size=20",
}
PAGES_PER_VISIT = 3


def environment(*, fanout: bool) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": POSTGRES.rsplit("/", 1)[0] + f"/{DB_NAME}",
        "REDIS_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "feed_settings",
        "PYTHONPATH": f"{ROOT / 'bench'}{os.pathsep}{ROOT}",
        "SORA_VAR_DIR": str(ROOT / "var" / "bench-feed"),
        "FEED_FANOUT": "1" if fanout else "0",
        # The web workers must not load the sentence model: nothing on these paths needs it.
        "TOKENIZERS_PARALLELISM": "false",
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def prepare_database(args, env: dict[str, str]) -> None:
    """Create, migrate and seed the benchmark database, unless it already holds a corpus of this size."""
    import psycopg

    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if exists and args.reseed:
            connection.execute(f"DROP DATABASE {DB_NAME} WITH (FORCE)")
            exists = None
        if not exists:
            connection.execute(f"CREATE DATABASE {DB_NAME}")
    manage(env, "migrate", "--verbosity", "0")
    with psycopg.connect(env["DATABASE_URL"]) as connection:
        users = connection.execute("SELECT count(*) FROM accounts_user WHERE handle LIKE 'demo%%'").fetchone()[0]
        posts = connection.execute("SELECT count(*) FROM feed_post").fetchone()[0]
    if users >= args.users and posts >= args.posts:
        print(f"reusing {DB_NAME}: {users} demo people, {posts} posts")
        return
    if users or posts:
        print(f"{DB_NAME} holds {users} people and {posts} posts; run with --reseed for a fresh corpus")
        return
    started = time.perf_counter()
    manage(env, "seed_demo", "--users", str(args.users), "--posts", str(args.posts))
    print(f"seed_demo took {time.perf_counter() - started:.0f} s")
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


STEERING = ["show me sports, less anime", "more cooking and travel", "cute pets, no comedy", "live music", "less nature"]


def sign_in(env: dict[str, str], count: int, *, steer_share: float) -> list[str]:
    """Session ids of `count` adult demo people who follow at least 10 others (a Django session each); a share
    of them steer their feed (their steering is embedded here, once, with the local model)."""
    script = f"""
import django, json
django.setup()
from feed.services.preferences import steering_set
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from importlib import import_module
from django.conf import settings
SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
from django.db.models import Count
from sora_social.accounts.models import User
people = [u for u in User.objects.filter(handle__startswith="demo").annotate(n=Count("following_set"))
          .filter(n__gte=10).order_by("id")[:{count * 3}] if u.is_adult][:{count}]
keys = []
steering = {STEERING!r}
for index, user in enumerate(people):
    if index < round({steer_share} * len(people)):
        steering_set(user=user, text=steering[index % len(steering)])
    else:
        steering_set(user=user, text="")
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    keys.append(session.session_key)
print(json.dumps(keys))
"""
    out = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def clear_timelines(env: dict[str, str]) -> None:
    import redis

    client = redis.Redis.from_url(env["REDIS_URL"])
    keys = list(client.scan_iter(match="bench:feed:*", count=1000))
    for start in range(0, len(keys), 1000):
        client.delete(*keys[start : start + 1000])


# ---- a minimal HTTP/1.1 keep-alive client ------------------------------------------------------------


# uvicorn closes a keep-alive connection after 5 idle seconds; like a phone's HTTP client, a connection idle
# longer than this is replaced before it is used (reusing it races the server's close: IncompleteReadError).
IDLE_REUSE_S = 4.0


class Connection:
    """One keep-alive connection; GETs with a session cookie, returns (status, body)."""

    def __init__(self, host: str, port: int, session: str) -> None:
        self.host, self.port, self.session = host, port, session
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.used_at = 0.0

    async def get(self, path: str) -> tuple[int, bytes, float]:
        if self.writer is not None and time.perf_counter() - self.used_at > IDLE_REUSE_S:
            self.close()
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        request = (
            f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nAccept: application/json\r\n"
            f"Cookie: sessionid={self.session}\r\n\r\n"
        )
        self.writer.write(request.encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).strip(), 16)
                chunks.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            body = b"".join(chunk[:-2] for chunk in chunks)
        else:
            body = await self.reader.read()
        if headers.get("connection") == "close":
            self.writer.close()
            self.writer = None
        self.used_at = time.perf_counter()
        timing = headers.get("server-timing", "")
        app_ms = float(timing.split("dur=")[1]) if "dur=" in timing else float("nan")
        return status, body, app_ms

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


@dataclass
class Samples:
    latencies_ms: list[float] = field(default_factory=list)
    # What Django itself spent (the Server-Timing header of bench/server_timing.py).
    app_ms: list[float] = field(default_factory=list)
    first_pages_ms: list[float] = field(default_factory=list)
    next_pages_ms: list[float] = field(default_factory=list)
    first_pages_app_ms: list[float] = field(default_factory=list)
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    states: dict[str, int] = field(default_factory=dict)


async def client_loop(kind: str, connection: Connection, deadline: float, samples: Samples, think_ms: float) -> None:
    cursor: str | None = None
    pages = 0
    rng = random.Random()
    while time.perf_counter() < deadline:
        if think_ms:
            # A person looks at the page before asking for the next one (exponential pauses, so clients do not
            # fall into lockstep); the pause is not part of the measured latency.
            # Cut at the deadline, so a long last pause does not stretch the phase and understate the rate.
            await asyncio.sleep(min(rng.expovariate(1000.0 / think_ms), max(0.0, deadline - time.perf_counter())))
            if time.perf_counter() >= deadline:
                break
        path = PATHS[kind]
        if cursor:
            path += "&cursor=" + urllib.parse.quote(cursor)
        started = time.perf_counter()
        try:
            status, body, app_ms = await connection.get(path)
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            samples.errors += 1
            samples.error_kinds[type(exc).__name__] = samples.error_kinds.get(type(exc).__name__, 0) + 1
            connection.close()
            cursor = None
            continue
        elapsed = (time.perf_counter() - started) * 1000
        if status != 200:
            samples.errors += 1
            label = f"{status} {body[:80].decode(errors='replace')}"
            samples.error_kinds[label] = samples.error_kinds.get(label, 0) + 1
            cursor = None
            continue
        samples.latencies_ms.append(elapsed)
        samples.app_ms.append(app_ms)
        if kind == "floor":
            continue
        (samples.next_pages_ms if cursor else samples.first_pages_ms).append(elapsed)
        if not cursor:
            samples.first_pages_app_ms.append(app_ms)
        payload = json.loads(body)
        samples.states[payload["state"]] = samples.states.get(payload["state"], 0) + 1
        pages += 1
        cursor = payload.get("next_cursor") if pages % PAGES_PER_VISIT else None


async def run_phase(
    kind: str, *, port: int, sessions: list[str], concurrency: int, seconds: float, samples: Samples, think_ms: float = 0
):
    connections = [Connection("127.0.0.1", port, sessions[i % len(sessions)]) for i in range(concurrency)]
    deadline = time.perf_counter() + seconds
    started = time.perf_counter()
    await asyncio.gather(*(client_loop(kind, c, deadline, samples, think_ms) for c in connections))
    samples.seconds += time.perf_counter() - started
    for connection in connections:
        connection.close()


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def start_server(
    env: dict[str, str], *, port: int, workers: int, app: str = "sora_social.asgi:application"
) -> list[subprocess.Popen]:
    """uvicorn, and what a deployment runs beside it: a Celery worker for the `default` queue with beat
    embedded (beat refreshes For You's shared lists; the worker recomputes stale circle lists and, with
    FEED_RANK_AHEAD=1, ranks first pages ahead). They share these cores with the server, at a lower priority
    (nice 10), as background work should on a shared host; their work is still paid for inside the run."""
    var = Path(env["SORA_VAR_DIR"])
    commands = {
        "server": [
            sys.executable, "-m", "uvicorn", app,
            "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
            "--no-access-log", "--log-level", "warning", "--loop", "uvloop", "--http", "httptools",
        ],
        "worker": [
            "nice", "-n", "10", sys.executable, "-m", "celery", "-A", "sora_social", "worker", "-Q", "default",
            "--concurrency", "1", "--prefetch-multiplier", "1", "--loglevel", "WARNING",
            "--beat", "--schedule", str(var / "celerybeat-schedule"),
        ],
    }
    purge_default_queue(env)
    processes = []
    for name, command in commands.items():
        log = var / f"{name}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        print(f"{name} log: {log}")
        with log.open("w") as handle:
            processes.append(
                subprocess.Popen(  # noqa: S603
                    command, cwd=ROOT, env=env, start_new_session=True, stdout=handle, stderr=subprocess.STDOUT
                )
            )
    return processes


def purge_default_queue(env: dict[str, str]) -> None:
    """Drop tasks an earlier run queued and never ran, so the worker starts on this run's work."""
    subprocess.run(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "sora_social", "purge", "-f", "-Q", "default"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )


async def wait_ready(port: int, session: str, timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            connection = Connection("127.0.0.1", port, session)
            status, _, _ = await connection.get(PATHS["floor"])
            connection.close()
            if status == 200:
                return
        except OSError:
            pass
        await asyncio.sleep(0.5)
    raise RuntimeError("the server did not become ready")


async def measure(args, sessions: list[str]) -> dict[tuple[int, int], dict[str, Samples]]:
    await wait_ready(args.port, sessions[0])
    # Warm up: every person's timeline (built on a first read), the connections and the server's caches; a
    # timeline is then kept up to date by fan-out, so steady state is what is measured.
    warm = Samples()
    for kind in KINDS:
        await run_phase(kind, port=args.port, sessions=sessions, concurrency=len(sessions), seconds=args.warmup, samples=warm)
    results: dict[tuple[int, int], dict[str, Samples]] = {}
    for load in args.loads:
        concurrency, think_ms = load
        results[load] = {kind: Samples() for kind in KINDS}
        for _round in range(args.rounds):
            order = list(args.kinds)
            random.shuffle(order)
            for kind in order:
                await run_phase(
                    kind,
                    port=args.port,
                    sessions=sessions,
                    concurrency=concurrency,
                    seconds=args.seconds / args.rounds,
                    samples=results[load][kind],
                    think_ms=think_ms,
                )
    return results


def report(results: dict[tuple[int, int], dict[str, Samples]]) -> None:
    print()
    print("load = clients x mean pause between a response and the next request (0: closed loop, saturation)")
    header = (
        f"{'load':>9} {'endpoint':<10} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p90 ms':>7} {'p99 ms':>7} "
        f"{'max ms':>7} {'errors':>6} {'in Django p50/p99 ms':>21}"
    )
    print(header)
    print("-" * len(header))
    for (concurrency, think_ms), by_kind in results.items():
        label = f"{concurrency}x{think_ms}ms"
        for kind in KINDS:
            s = by_kind[kind]
            rate = len(s.latencies_ms) / s.seconds if s.seconds else 0
            print(
                f"{label:>9} {kind:<10} {len(s.latencies_ms):>8} {rate:>7.1f} {percentile(s.latencies_ms, 0.5):>7.1f} "
                f"{percentile(s.latencies_ms, 0.9):>7.1f} {percentile(s.latencies_ms, 0.99):>7.1f} "
                f"{max(s.latencies_ms, default=float('nan')):>7.1f} {s.errors:>6} "
                f"{percentile(s.app_ms, 0.5):>10.1f}/{percentile(s.app_ms, 0.99):<10.1f}"
            )
        for kind in KINDS:
            if by_kind[kind].error_kinds:
                print(f"{label:>9} {kind:<10} errors: {by_kind[kind].error_kinds}")
        floor = by_kind["floor"]
        for kind in ("for_you", "following"):
            s = by_kind[kind]
            p99_ratio = percentile(s.latencies_ms, 0.99) / percentile(floor.latencies_ms, 0.99)
            p50_ratio = percentile(s.latencies_ms, 0.5) / percentile(floor.latencies_ms, 0.5)
            p99 = percentile(s.latencies_ms, 0.99)
            verdict = (
                f"ratio {'meets' if p99_ratio <= 3 else 'misses'} the 3x target, "
                f"p99 {'meets' if p99 <= 50 else 'misses'} the 50 ms target"
            )
            print(
                f"{label:>9} {kind:<10} p99/floor p99 = {p99_ratio:.2f}x, p50/floor p50 = {p50_ratio:.2f}x "
                f"(first pages p50 {percentile(s.first_pages_ms, 0.5):.1f} / p99 {percentile(s.first_pages_ms, 0.99):.1f} ms, "
                f"in Django {percentile(s.first_pages_app_ms, 0.5):.1f} / {percentile(s.first_pages_app_ms, 0.99):.1f}; "
                f"next pages p50 {percentile(s.next_pages_ms, 0.5):.1f} / p99 {percentile(s.next_pages_ms, 0.99):.1f} ms; "
                f"states {s.states}) -> {verdict}"
            )
        print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=200_000)
    parser.add_argument("--reseed", action="store_true", help="Drop and rebuild the benchmark database.")
    parser.add_argument(
        "--loads",
        default="1x0,32x1000,32x250,32x0",
        help="Comma-separated CLIENTSxPAUSE_MS: concurrent clients, each pausing PAUSE_MS on average (exponential) "
        "between a response and its next request; 0 is a closed loop, i.e. the server's saturation.",
    )
    parser.add_argument("--seconds", type=float, default=12.0, help="Measured seconds per endpoint and client count.")
    parser.add_argument("--rounds", type=int, default=3, help="Interleaved rounds the seconds are split into.")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument(
        "--workers", type=int, default=4, help="uvicorn worker processes (each runs one request's Django part at a time)."
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--kinds", default=",".join(KINDS), help="Comma-separated endpoints to measure (for profiling).")
    parser.add_argument("--no-fanout", action="store_true", help="Serve following from PostgreSQL only.")
    parser.add_argument(
        "--variants",
        default="",
        help="Compare ASGI variants instead (bench/asgi_variants.py), e.g. "
        "one_at_a_time/tuned,django/default,django/tuned,one_at_a_time/default",
    )
    parser.add_argument("--repeats", type=int, default=2, help="Runs of each variant with --variants.")
    parser.add_argument("--steer-share", type=float, default=0.5, help="Share of the clients with steering set.")
    args = parser.parse_args()
    args.kinds = [kind for kind in args.kinds.split(",") if kind in KINDS]
    args.loads = [tuple(int(part) for part in load.split("x")) for load in args.loads.split(",")]

    env = environment(fanout=not args.no_fanout)
    prepare_database(args, env)
    clear_timelines(env)
    sessions = sign_in(env, max(clients for clients, _ in args.loads), steer_share=args.steer_share)
    print(
        f"{len(sessions)} signed-in demo people; uvicorn x{args.workers} on 127.0.0.1:{args.port}; "
        f"a niced default worker with beat; rank ahead {'on' if env.get('FEED_RANK_AHEAD') == '1' else 'off'}; "
        f"fan-out {'off' if args.no_fanout else 'on'}; {args.steer_share:.0%} steer; {os.cpu_count()} CPUs"
    )
    if args.variants:
        return compare_variants(args, env, sessions)
    report(serve_and_measure(args, env, sessions))
    return 0


def serve_and_measure(args, env: dict[str, str], sessions: list[str], app: str = "sora_social.asgi:application"):
    processes = start_server(env, port=args.port, workers=args.workers, app=app)
    try:
        import uvloop

        return uvloop.run(measure(args, sessions))
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def compare_variants(args, env: dict[str, str], sessions: list[str]) -> int:
    """A/B(/C/D) of the ASGI handler and the garbage-collector settings (bench/asgi_variants.py): each repeat
    serves every variant once, in a fresh order, on the same corpus and clients, then one line per run and load."""
    variants = [tuple(variant.split("/")) for variant in args.variants.split(",")]
    runs: list[tuple[tuple[str, str], dict]] = []
    for repeat in range(args.repeats):
        order = list(variants)
        random.shuffle(order)
        for handler, collector in order:
            print(f"repeat {repeat + 1}/{args.repeats}: handler {handler}, gc {collector}", flush=True)
            variant_env = {**env, "BENCH_ASGI_HANDLER": handler, "BENCH_GC": collector}
            clear_timelines(env)
            results = serve_and_measure(args, variant_env, sessions, app="asgi_variants:application")
            report(results)
            runs.append(((handler, collector), results))
    print("summary: per variant and load, one value per run; for_you p99 ratio = for_you p99 / floor p99")
    header = f"{'variant':<22} {'load':>9} {'for_you req/s':>14} {'for_you p99 ms':>15} {'ratio':>6} {'in Django p50 ms':>17}"
    print(header)
    print("-" * len(header))
    for variant in variants:
        for load in args.loads:
            mine = [results[load] for name, results in runs if name == variant]
            rates = [len(r["for_you"].latencies_ms) / r["for_you"].seconds for r in mine if r["for_you"].seconds]
            p99s = [percentile(r["for_you"].latencies_ms, 0.99) for r in mine]
            ratios = [percentile(r["for_you"].latencies_ms, 0.99) / percentile(r["floor"].latencies_ms, 0.99) for r in mine]
            in_django = [percentile(r["for_you"].app_ms, 0.5) for r in mine]
            label = f"{load[0]}x{load[1]}ms"
            print(
                f"{'/'.join(variant):<22} {label:>9} {' '.join(f'{v:.0f}' for v in rates):>14} "
                f"{' '.join(f'{v:.1f}' for v in p99s):>15} {' '.join(f'{v:.1f}' for v in ratios):>6} "
                f"{' '.join(f'{v:.1f}' for v in in_django):>17}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
