"""`make run`: the ASGI server (HTTP and WebSocket) and a Celery worker, together, until Ctrl-C."""

import os
import signal
import subprocess
import sys

HOST = os.environ.get("HOST", "127.0.0.1")
PORT = os.environ.get("PORT", "8000")


def main() -> int:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "sora_social.settings")}
    worker = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable, "-m", "celery", "-A", "sora_social", "worker",
            "-Q", "default,media,gpu", "--pool=solo", "--concurrency=1",
            "--without-gossip", "--without-mingle", "--loglevel=INFO",
        ],
        env=env,
    )
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "daphne", "-b", HOST, "-p", PORT, "sora_social.asgi:application"], env=env
    )

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
