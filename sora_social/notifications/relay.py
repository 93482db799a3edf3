"""Worker events to the sockets without Redis: a file spool that every web process relays into its in-memory layer.

On the embedded default the channel layer is Channels' InMemoryChannelLayer, which lives inside one process, while
the Celery worker that renders and verifies is another: its `group_send` would reach no socket. So when the layer
is process-local, a publisher writes each event as a small JSON file under `REALTIME_SPOOL_DIR` (var/realtime/),
and every web process that serves sockets runs a relay, an asyncio task in its event loop started with its first
WebSocket, that looks for new files every `POLL_INTERVAL_S` and `group_send`s them into its own layer.

Why a spool of files and not a library or a table:
- channels-lite (SQLite) and channels-sqlite are whole channel layers in the database, alpha and one-person
  projects; every socket's connect and disconnect becomes a write and every socket polls. channels_postgres needs
  PostgreSQL. None of them runs on both of the embedded default's databases.
- A table would need the web and the worker to share a database the tests cannot share (SQLite's test database is
  in memory), and adds a writer to SQLite's single write lock on every progress tick. The embedded default is one
  machine, whose Celery broker is already a folder of files (settings/celery.py); the spool lives beside it.
  A deployment with hosts of its own sets REDIS_URL, and then none of this runs: no file, no task.

How it behaves:
- Every web process sees every event once: files are never deleted on read. Each relay remembers the names it has
  seen while they exist, and files older than `RETENTION_S` are deleted by whoever comes by (relay or publisher).
- Order: names start with the publisher's wall clock in nanoseconds (monotonic within a process), so one
  publisher's events arrive in order; a file that lands late with an older name is still new to a relay.
- A web process that (re)starts takes what is already there as seen, so old events are not replayed as new.
- A web process publishing (a like, a follow) delivers to its own sockets at once and spools for the other web
  processes; its own relay skips files of its own origin.
- Latency: the poll interval plus a file write and rename (tests/test_realtime_embedded.py measures it).
"""

import asyncio
import itertools
import json
import logging
import os
import secrets
import time
from pathlib import Path

from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

logger = logging.getLogger(__name__)

POLL_INTERVAL_S = 0.1
# Longer than any relay can lag; the folder holds only this much of the past.
RETENTION_S = 60.0
# A publisher prunes at its first event and then every this many, for when no web process prunes (a worker alone).
PUBLISHER_PRUNE_EVERY = 200
SUFFIX = ".json"

_sequence = itertools.count()
_origin_by_pid: dict[int, str] = {}
_last_ns = 0


def layer_is_process_local(layer=None) -> bool:
    """True when the channel layer reaches only this process's sockets (the embedded default's in-memory layer)."""
    layer = get_channel_layer() if layer is None else layer
    return isinstance(layer, InMemoryChannelLayer)


def spool_dir() -> Path:
    return Path(settings.REALTIME_SPOOL_DIR)


def process_origin() -> str:
    """This process's mark on the files it writes; new after a fork, so forked web workers relay each other's."""
    pid = os.getpid()
    if pid not in _origin_by_pid:
        _origin_by_pid[pid] = f"{pid}x{secrets.token_hex(4)}"
    return _origin_by_pid[pid]


def _origin_of(name: str) -> str:
    return name.split("-")[1] if name.count("-") >= 2 else ""


def _written_at_ns(name: str) -> int:
    try:
        return int(name.split("-", 1)[0])
    except ValueError:
        return 0


def _written_at_s(name: str) -> float:
    return _written_at_ns(name) / 1e9


def spool_event(*, group: str, message: dict) -> None:
    """Write one event for the web processes' relays: in full or not at all (written aside, then renamed in)."""
    global _last_ns
    folder = spool_dir()
    _make_private_folder(folder)
    _last_ns = max(time.time_ns(), _last_ns + 1)
    sequence = next(_sequence)
    name = f"{_last_ns:020d}-{process_origin()}-{sequence:010d}{SUFFIX}"
    body = json.dumps({"group": group, "message": message}, cls=DjangoJSONEncoder)
    partial = folder / f".{name}.part"
    # Events hold people's notifications: readable by the app's own account only, whatever the umask.
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(body)
    os.replace(partial, folder / name)
    if sequence % PUBLISHER_PRUNE_EVERY == 0:
        spool_prune(folder)


def _make_private_folder(folder: Path) -> None:
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
    if folder.stat().st_mode & 0o077:
        os.chmod(folder, 0o700)


def spool_prune(folder: Path, now_s: float | None = None) -> None:
    """Delete events older than RETENTION_S (and partial files a killed publisher left). Several may prune at once."""
    cutoff = (time.time() if now_s is None else now_s) - RETENTION_S
    for entry in os.scandir(folder):
        if _written_at_s(entry.name.lstrip(".")) < cutoff:
            try:
                os.unlink(entry.path)
            except FileNotFoundError:
                pass


def _spool_names(folder: Path) -> set[str]:
    try:
        return {
            entry.name for entry in os.scandir(folder) if entry.name.endswith(SUFFIX) and not entry.name.startswith(".")
        }
    except FileNotFoundError:
        return set()


class SpoolRelay:
    """One per web process: reads the spool and sends what is new into this process's channel layer."""

    def __init__(self) -> None:
        self._task: asyncio.Task | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def running_here(self) -> bool:
        """True while the relay runs in this process's event loop."""
        task, loop = self._task, self._loop
        return task is not None and not task.done() and loop is not None and not loop.is_closed()

    def ensure_running(self) -> None:
        """Start the relay in the running event loop, once; nothing when the layer reaches every process (Redis)."""
        if self.running_here() and self._loop is asyncio.get_running_loop():
            return
        layer = get_channel_layer()
        if not layer_is_process_local(layer):
            return
        self._loop = asyncio.get_running_loop()
        self._task = self._loop.create_task(self._run(layer, spool_dir(), time.time_ns()), name="realtime-spool-relay")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass

    async def _run(self, layer, folder: Path, started_ns: int) -> None:
        # What was published before this process served a socket is taken as seen, not replayed as new.
        seen = {name for name in await asyncio.to_thread(_spool_names, folder) if _written_at_ns(name) < started_ns}
        origin = process_origin()
        last_prune = 0.0
        while True:
            await asyncio.sleep(POLL_INTERVAL_S)
            try:
                prune = time.monotonic() - last_prune > RETENTION_S / 6
                seen, events = await asyncio.to_thread(self._scan, folder, seen, origin, prune)
                if prune:
                    last_prune = time.monotonic()
                for group, message in events:
                    await layer.group_send(group, message)
            except Exception:  # a bad file or a full disk must not end the relay; the app re-reads on reconnect
                logger.warning("realtime relay failed to read %s", folder, exc_info=True)

    @staticmethod
    def _scan(folder: Path, seen: set[str], origin: str, prune: bool) -> tuple[set[str], list[tuple[str, dict]]]:
        if prune and folder.is_dir():
            spool_prune(folder)
        names = _spool_names(folder)
        events = []
        for name in sorted(names - seen):
            if _origin_of(name) == origin:
                continue  # published here, and delivered here at once
            try:
                data = json.loads((folder / name).read_text(encoding="utf-8"))
            except FileNotFoundError:
                continue  # pruned meanwhile
            except ValueError:
                logger.warning("realtime relay skipped a malformed event file %s", name)
                continue
            events.append((data["group"], data["message"]))
        # Only names still present are kept: the set never outgrows RETENTION_S worth of events.
        return names, events


relay = SpoolRelay()
