"""The first request after start-up against the hundredth, on a fresh web process as deployed.

It starts gunicorn with deploy/gunicorn.conf.py (one uvicorn worker) on the embedded default (SQLite in a
throwaway folder), with one category content rule, as moderators set up, so that every prompt is screened with the
sentence model. It then submits 100 generations in a row (each prompt new, so none is served from the embedding
cache) and prints the first, the median of the 2nd-99th and the 100th. It does this with the models loaded at
start-up (PRELOAD_MODELS=1, the deployed default) and, for comparison, loaded on first use (PRELOAD_MODELS=0).
Jobs are only queued (no worker runs them).

Run: .venv/bin/python bench/bench_first_request.py [--requests 100] [--modes preload,lazy]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SETUP = """
import django, json
django.setup()
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from sora_social.accounts.models import User
from sora_social.content_policy.models import ContentRule
user = User.objects.create_user("bench_first", "bench@example.org", __import__("datetime").date(1990, 1, 1), "x" * 16)
ContentRule.objects.create(code="graphic_violence", kind=ContentRule.Kind.CATEGORY,
    value="graphic violence; gore and blood; people being hurt or killed")
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(json.dumps(session.session_key))
"""

SUBJECTS = ["a dog", "two cats", "a robot", "an old sailor", "a child", "a horse", "a chef", "a dancer", "a bird", "a fox"]
ACTIONS = ["surfing", "baking bread", "playing chess", "painting a wall", "juggling", "reading", "running", "singing"]
PLACES = ["at sunset", "in the rain", "on the moon", "in a forest", "in a kitchen", "on a boat", "in a library"]


def prompt(index: int) -> str:
    return (
        f"{SUBJECTS[index % len(SUBJECTS)]} {ACTIONS[index // len(SUBJECTS) % len(ACTIONS)]} "
        f"{PLACES[index // (len(SUBJECTS) * len(ACTIONS)) % len(PLACES)]}, take {index}"
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(var_dir: Path, *, preload: bool) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "S3_BUCKET")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="sora_social.settings",
        SORA_VAR_DIR=str(var_dir),
        DEBUG="0",
        PRELOAD_MODELS="1" if preload else "0",
        # Room for 100 submissions by one person in a row.
        THROTTLE_GENERATION="100000/hour",
        ADULT_DAILY_GENERATIONS="100000",
        MAX_JOBS_IN_FLIGHT="100000",
        WEB_CONCURRENCY="1",
        GUNICORN_ACCESS_LOG="",
        GUNICORN_LOG_LEVEL="warning",
    )
    return env


def prepare(env: dict[str, str]) -> str:
    subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
    out = subprocess.run(
        [sys.executable, "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def wait_ready(port: int, process: subprocess.Popen, timeout_s: float = 180) -> int:
    """The pid of the worker that answered /healthz/ first."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout_s:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz/")
            response = connection.getresponse()
            if response.status == 200:
                return json.loads(response.read())["pid"]
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def submit(connection: http.client.HTTPConnection, token: str, index: int) -> float:
    body = json.dumps({"prompt": prompt(index), "duration_s": 2, "resolution": "360p"})
    started = time.perf_counter()
    connection.request(
        "POST", "/api/v1/generations/", body=body,
        headers={"Content-Type": "application/json", "X-Session-Token": token},
    )
    response = connection.getresponse()
    payload = response.read()
    elapsed = time.perf_counter() - started
    if response.status != 202:
        raise RuntimeError(f"request {index}: {response.status} {payload[:200]!r}")
    return elapsed


def run(mode: str, requests: int) -> dict:
    preload = mode == "preload"
    with tempfile.TemporaryDirectory(prefix="bench-first-") as tmp:
        env = environment(Path(tmp) / "var", preload=preload)
        token = prepare(env)
        port = free_port()
        spawned = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"],
            cwd=ROOT, env=env, start_new_session=True,
        )
        try:
            worker = wait_ready(port, process)
            ready_s = time.perf_counter() - spawned
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            times = [submit(connection, token, index) for index in range(requests)]
            rss = rss_mb(worker)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    return {"mode": mode, "ready_s": ready_s, "times": times, "rss_mb": rss}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--modes", default="preload,lazy", help="preload (PRELOAD_MODELS=1), lazy (=0), or both")
    args = parser.parse_args()
    print(f"POST /api/v1/generations/ x{args.requests}, one gunicorn worker, SQLite, one category rule; {os.cpu_count()} CPUs")
    print(
        f"{'models':<28} {'start-up to ready':>17} {'1st request':>11} {'2nd-99th median':>15} {'100th':>8} "
        f"{'worker RSS after':>16}"
    )
    for mode in args.modes.split(","):
        result = run(mode, args.requests)
        times = result["times"]
        label = "loaded at start (preload)" if mode == "preload" else "loaded on first use (lazy)"
        print(
            f"{label:<28} {result['ready_s']:>15.1f} s {times[0] * 1000:>8.0f} ms "
            f"{statistics.median(times[1:-1]) * 1000:>12.1f} ms {times[-1] * 1000:>5.1f} ms {result['rss_mb']:>13.0f} MB",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
