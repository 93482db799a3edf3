"""gunicorn for the web processes: `gunicorn -c deploy/gunicorn.conf.py sora_social.asgi:application`.

gunicorn manages the processes (forks, restarts a dead or stuck worker, graceful reloads on HUP); each worker is
uvicorn's ASGI server (uvicorn-worker), serving HTTP and the /ws/events/ WebSocket from the same ASGI app.
Every setting below can be changed by an environment variable (deploy/README.md lists them).
"""

import multiprocessing
import os

# The app module, unless given on the command line.
wsgi_app = "sora_social.asgi:application"
bind = os.environ.get("GUNICORN_BIND", f"{os.environ.get('HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}")  # noqa: S104 - behind the balancer
# uvicorn's worker with the WebSocket frame bound (sora_social/web_worker.py).
worker_class = "sora_social.web_worker.SoraUvicornWorker"
# Each worker runs the Django part of one request at a time (sora_social.asgi.OneAtATimeASGIHandler), like a sync
# worker, while its event loop keeps every socket and WebSocket moving: about one worker per core.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
# Workers load the app themselves (not the arbiter): each one imports Django, loads its models and freezes its
# start-up heap (sora_social.asgi) before it accepts a connection. Preloading in the arbiter would share memory
# between workers, but forks a process that already runs torch's thread pools.
preload_app = False

# The heavy models load while the app is imported, before the worker serves; a worker that has not reported
# within this time is killed and replaced. Start-up takes 10-20 s on a small host (bench/bench_first_request.py).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Phones keep connections open between feed pages; the balancer's idle timeout should be longer than this.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "20"))
# Recycle a worker now and then, staggered, so slow leaks stay bounded.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "2000"))
# X-Forwarded-For / -Proto are trusted from these addresses only (the balancer's).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# The deployed web process loads its models at start-up unless told otherwise (PRELOAD_MODELS=0; read by
# sora_social/settings/base.py in each worker, which inherits this environment).
os.environ.setdefault("PRELOAD_MODELS", "1")


def post_worker_init(worker) -> None:
    """The app is imported and its models are loaded (sora_social.asgi): say so, and report alive at once."""
    from sora_social import text_embedding

    worker.log.info("worker %s ready; sentence model loaded: %s", worker.pid, text_embedding.model_loaded())
    worker.notify()
