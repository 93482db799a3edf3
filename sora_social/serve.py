"""`make run`: the web server (HTTP and WebSocket) and a Celery worker with beat embedded, together, until Ctrl-C.

The web server is what a deployment runs (deploy/gunicorn.conf.py: gunicorn with uvicorn's worker), with one
worker. One machine runs everything here, so the worker also runs beat (stuck jobs re-queued, challenges cleaned,
For You's shared lists kept fresh); a deployment runs exactly one `celery beat` of its own instead (deploy/README.md).
Both load their models before they take work (PRELOAD_MODELS): start-up takes longer, the first video does not.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = os.environ.get("PORT", "8000")
GUNICORN_CONF = Path(__file__).resolve().parent.parent / "deploy" / "gunicorn.conf.py"


def web_command() -> list[str]:
    """gunicorn as deployed, one worker, on HOST:PORT."""
    return [
        sys.executable, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "--bind", f"{HOST}:{PORT}", "--workers", "1",
        "sora_social.asgi:application",
    ]


def worker_command(var_dir: Path) -> list[str]:
    """A worker for every queue, with beat; beat keeps its schedule under var/ (celery's default is the cwd)."""
    schedule = var_dir / "celery" / "beat-schedule"
    schedule.parent.mkdir(parents=True, exist_ok=True)
    return [
        sys.executable, "-m", "celery", "-A", "sora_social", "worker",
        "-Q", "default,media,gpu", "--pool=solo", "--concurrency=1",
        "--beat", "--schedule", str(schedule), "--without-gossip", "--without-mingle", "--loglevel=INFO",
    ]


def main() -> int:
    # Set before the settings are read; both children inherit it.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sora_social.settings")
    os.environ.setdefault("PRELOAD_MODELS", "1")
    worker = subprocess.Popen(worker_command(settings.VAR_DIR))  # noqa: S603 - our own interpreter
    server = subprocess.Popen(web_command())  # noqa: S603 - our own interpreter and arguments

    def stop(*_args) -> None:
        for process in (server, worker):
            if process.poll() is None:
                process.terminate()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        while True:
            for process in (server, worker):
                code = process.poll()
                if code is not None:
                    stop()
                    return code
            try:
                server.wait(timeout=1)
            except subprocess.TimeoutExpired:
                pass
    finally:
        stop()
        for process in (server, worker):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
