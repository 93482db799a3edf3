"""Media delivery under load: a 20 MB video played by 32 clients at once, each asking for byte ranges as a player does.

Every client plays the file through its signed media URL (/api/v1/media/<token>/): a 2-byte probe (`bytes=0-1`, as
AVPlayer starts), then 1 MiB ranges in order to the end. Meanwhile one more client asks the API for a page every
50 ms, to show whether the downloads hold the web processes. Two deployments are measured:

- local: the file on the web host's disk; Django answers each range with 206 and streams it in 64 KB blocks
  read on a worker thread (sora_social.media_delivery), so a download holds no web process.
- presigned: the file in S3 (moto's standalone server, `moto_server`, started here); every range gets a 302 to a
  presigned URL and is fetched from the store. The 302's own time is what the web process spends; the bytes and
  their speed are moto's (a Python server on this host), not those of S3, R2 or MinIO.

It prints the throughput (all bytes / wall time), the p50/p99 time to the first byte of the probe and of every
range, the p50/p99 of the 302 (presigned), and the API's p50/p99 during the downloads.

Run: .venv/bin/python bench/bench_media_delivery.py [--clients 32] [--size-mb 20] [--workers 2] [--modes local,presigned]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHUNK = 1024 * 1024
NAME = "bench/clip.mp4"

SETUP = f"""
import django, json, os
django.setup()
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from sora_social.api.media import signed_media_url
size = int(os.environ["BENCH_SIZE"])
data = os.urandom(size)
if default_storage.exists({NAME!r}):
    default_storage.delete({NAME!r})
name = default_storage.save({NAME!r}, ContentFile(data))
print(json.dumps({{"url": signed_media_url(name, viewer_id=1), "size": size}}))
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


# ---- a minimal HTTP/1.1 keep-alive client that notes when the first body byte arrives ----------------------------


class Connection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str, headers: dict[str, str]) -> tuple[int, dict[str, str], int, float, float]:
        """(status, headers, body bytes, seconds to the first body byte or the end of the head, total seconds)."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        started = time.perf_counter()
        lines = [f"GET {target} HTTP/1.1", f"Host: {self.host}:{self.port}", *(f"{k}: {v}" for k, v in headers.items())]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        head_lines = head.decode("latin-1").split("\r\n")
        status = int(head_lines[0].split(" ", 2)[1])
        response_headers = {}
        for line in head_lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                response_headers[name.strip().lower()] = value.strip()
        first_byte = time.perf_counter() - started
        length = int(response_headers.get("content-length", "0"))
        received = 0
        while received < length:
            block = await self.reader.read(min(256 * 1024, length - received))
            if not block:
                raise ConnectionError("closed mid-body")
            if received == 0:
                first_byte = time.perf_counter() - started
            received += len(block)
        if response_headers.get("connection") == "close":
            self.close()
        return status, response_headers, received, first_byte, time.perf_counter() - started

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


@dataclass
class Results:
    probe_first_byte: list[float] = field(default_factory=list)
    range_first_byte: list[float] = field(default_factory=list)
    redirect: list[float] = field(default_factory=list)
    client_seconds: list[float] = field(default_factory=list)
    api: list[float] = field(default_factory=list)
    bytes: int = 0
    errors: dict[str, int] = field(default_factory=dict)


async def fetch_range(
    web: Connection, stores: dict, url: str, start: int, end: int, results: Results, *, follow: bool = True
) -> float:
    """One range through the signed URL, following a redirect to the store; returns the time to its first byte."""
    path = urllib.parse.urlsplit(url).path
    headers = {"Range": f"bytes={start}-{end}"}
    started = time.perf_counter()
    status, response_headers, received, first_byte, total = await web.get(path, headers)
    if status == 302:
        results.redirect.append(total)
        if not follow:
            return total
        location = urllib.parse.urlsplit(response_headers["location"])
        store = stores.get(location.netloc)
        if store is None:
            store = stores[location.netloc] = Connection(location.hostname, location.port or 80)
        target = location.path + ("?" + location.query if location.query else "")
        store_started = time.perf_counter()
        status, response_headers, received, store_first_byte, _ = await store.get(target, headers)
        # From the player's request to the signed URL: the redirect's round trip included.
        first_byte = store_started - started + store_first_byte
    if status != 206 or received != end - start + 1:
        key = f"{status} ({received} bytes for {end - start + 1})"
        results.errors[key] = results.errors.get(key, 0) + 1
    results.bytes += received
    return first_byte


async def player(url: str, size: int, results: Results, *, follow: bool = True) -> None:
    web = Connection(*_host_port(url))
    stores: dict[str, Connection] = {}
    started = time.perf_counter()
    try:
        results.probe_first_byte.append(await fetch_range(web, stores, url, 0, 1, results, follow=follow))
        for start in range(0, size, CHUNK):
            end = min(start + CHUNK, size) - 1
            results.range_first_byte.append(await fetch_range(web, stores, url, start, end, results, follow=follow))
    finally:
        web.close()
        for store in stores.values():
            store.close()
    results.client_seconds.append(time.perf_counter() - started)


async def api_probe(url: str, done: asyncio.Event, results: Results) -> None:
    connection = Connection(*_host_port(url))
    while not done.is_set():
        status, _, _, _, total = await connection.get("/api/v1/does-not-exist/", {"Accept": "application/json"})
        if status == 404:
            results.api.append(total)
        await asyncio.sleep(0.05)
    connection.close()


def _host_port(url: str) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(url)
    return parts.hostname, parts.port


async def play_all(url: str, size: int, clients: int, *, follow: bool = True) -> tuple[Results, float]:
    results = Results()
    done = asyncio.Event()
    probe = asyncio.create_task(api_probe(url, done, results))
    started = time.perf_counter()
    await asyncio.gather(*(player(url, size, results, follow=follow) for _ in range(clients)))
    wall = time.perf_counter() - started
    done.set()
    await probe
    return results, wall


# ---- the servers --------------------------------------------------------------------------------------------------


def start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("w") as handle:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def wait_http(port: int, path: str, timeout_s: float = 180) -> None:
    import http.client

    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answered on port {port}")


def run(mode: str, args, tmp: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "S3_BUCKET")}
    env.update(
        DJANGO_SETTINGS_MODULE="sora_social.settings",
        SORA_VAR_DIR=str(tmp / mode),
        DEBUG="0",
        PRELOAD_MODELS="0",  # nothing here uses the sentence model
        WEB_CONCURRENCY=str(args.workers),
        GUNICORN_ACCESS_LOG="",
        GUNICORN_LOG_LEVEL="warning",
        BENCH_SIZE=str(args.size_mb * 1024 * 1024),
    )
    processes = []
    try:
        if mode == "presigned":
            moto_port = free_port()
            moto = shutil.which("moto_server", path=str(Path(sys.executable).parent)) or "moto_server"
            processes.append(start([moto, "-H", "127.0.0.1", "-p", str(moto_port)], env, tmp / "moto.log"))
            wait_http(moto_port, "/")
            env.update(
                S3_BUCKET="bench-media", S3_ENDPOINT_URL=f"http://127.0.0.1:{moto_port}", S3_REGION="us-east-1",
                AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",  # noqa: S106 - moto's
            )
            import boto3

            boto3.client(
                "s3", endpoint_url=env["S3_ENDPOINT_URL"], region_name="us-east-1",
                aws_access_key_id="testing", aws_secret_access_key="testing",  # noqa: S106 - moto's
            ).create_bucket(Bucket="bench-media")
        subprocess.run([sys.executable, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
        out = subprocess.run([sys.executable, "-c", SETUP], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
        setup = json.loads(out.stdout.strip().splitlines()[-1])
        port = free_port()
        processes.append(
            start(
                [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"],
                env, tmp / f"web-{mode}.log",
            )
        )
        wait_http(port, "/healthz/")
        url = f"http://127.0.0.1:{port}{setup['url']}"
        asyncio.run(play_all(url, setup["size"], 2))  # warm-up: connections, first requests
        redirects_only = None
        if mode == "presigned":
            # The web process's part alone: the same requests, the redirects not followed (the store stays idle).
            redirects_only, _ = asyncio.run(play_all(url, setup["size"], args.clients, follow=False))
        results, wall = asyncio.run(play_all(url, setup["size"], args.clients))
    finally:
        for process in reversed(processes):
            stop(process)
    ms = 1000
    if redirects_only is not None:
        print(
            f"\n{mode}, the 302s alone ({len(redirects_only.redirect)}, redirects not followed): "
            f"p50 {percentile(redirects_only.redirect, 0.5) * ms:.1f} ms, p99 {percentile(redirects_only.redirect, 0.99) * ms:.1f} ms; "
            f"API meanwhile p50 {percentile(redirects_only.api, 0.5) * ms:.1f} ms, p99 {percentile(redirects_only.api, 0.99) * ms:.1f} ms"
        )
    print(f"\n{mode}: {args.clients} players x {setup['size'] / 2**20:.0f} MiB, gunicorn x{args.workers} (uvicorn workers)")
    print(f"  throughput        {results.bytes / wall / 1e6:8.1f} MB/s ({results.bytes / 1e6:.0f} MB in {wall:.1f} s)")
    print(f"  one player        p50 {percentile(results.client_seconds, 0.5):.1f} s, max {max(results.client_seconds):.1f} s for the whole file")
    print(f"  first byte, probe p50 {percentile(results.probe_first_byte, 0.5) * ms:7.1f} ms  p99 {percentile(results.probe_first_byte, 0.99) * ms:7.1f} ms")
    print(f"  first byte, range p50 {percentile(results.range_first_byte, 0.5) * ms:7.1f} ms  p99 {percentile(results.range_first_byte, 0.99) * ms:7.1f} ms  ({len(results.range_first_byte)} ranges)")
    if results.redirect:
        print(f"  302 answer        p50 {percentile(results.redirect, 0.5) * ms:7.1f} ms  p99 {percentile(results.redirect, 0.99) * ms:7.1f} ms  (with moto busy sending bytes on the same cores)")
    print(f"  API during it     p50 {percentile(results.api, 0.5) * ms:7.1f} ms  p99 {percentile(results.api, 0.99) * ms:7.1f} ms  ({len(results.api)} requests)")
    if results.errors:
        print(f"  errors            {results.errors}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--size-mb", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (deploy/gunicorn.conf.py)")
    parser.add_argument("--modes", default="local,presigned")
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; client, web and store on this host")
    with tempfile.TemporaryDirectory(prefix="bench-media-") as tmp:
        for mode in args.modes.split(","):
            run(mode, args, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
