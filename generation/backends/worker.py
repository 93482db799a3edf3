"""A render worker's start: which backends it serves, the queues it consumes, and a clear refusal to start.

A host declares the backends it serves with ``RENDER_WORKER_BACKENDS`` (comma-separated; default: the
deployment's RENDER_BACKEND) when it consumes the ``gpu`` queue, or by naming ``gpu.<backend>`` queues in ``-Q``.
It then consumes ``gpu.<backend>`` for each, and builds each backend before it takes a job: a missing weights
folder, a folder of another model or a missing face-model package stops the worker with the reason
(ImproperlyConfigured), instead of failing jobs one by one. Weights load at the first render of each process
(prefork children must not inherit a CUDA context or a torch thread pool from their parent): the start only
reads configs, and the built-in reference renderer, which has nothing to check, is not built until its first job.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings

from generation.backends import get_backend
from generation.backends.catalog import BACKENDS, GPU_QUEUE_PREFIX, canonical_name, render_queue

logger = logging.getLogger(__name__)

GPU_QUEUE = "gpu"


def served_backends(consumed_queues: Iterable[str]) -> list[str]:
    """The backends a worker consuming these queues serves (canonical names, in order, no repeats)."""
    consumed = list(consumed_queues)
    names: list[str] = []
    if GPU_QUEUE in consumed:
        names.extend(settings.RENDER_WORKER_BACKENDS or [settings.RENDER_BACKEND])
    names.extend(queue[len(GPU_QUEUE_PREFIX) :] for queue in consumed if queue.startswith(GPU_QUEUE_PREFIX))
    served: list[str] = []
    for name in names:
        name = canonical_name(name)
        if name not in served:
            served.append(name)
    return served


def render_worker_start(consumed_queues: Iterable[str]) -> list[str]:
    """Build every served backend (raises ImproperlyConfigured) and return the queues to add to the consumer."""
    backends = served_backends(consumed_queues)
    for name in backends:
        if BACKENDS[name].needs_weights:
            # Checks the folder and settings; touches no torch, so prefork children start clean.
            get_backend(name)
        logger.info("render worker serves %s on %s", name, render_queue(name))
    return [render_queue(name) for name in backends]


def celery_worker_setup(worker) -> None:
    """celeryd_after_setup: consume the served backends' queues; a backend that cannot run stops the worker."""
    from django.core.exceptions import ImproperlyConfigured

    queues = worker.app.amqp.queues
    consumed = list(queues.consume_from) if queues.consume_from else list(queues)
    try:
        add = render_worker_start(consumed)
    except ImproperlyConfigured as exc:
        logger.critical("render worker cannot start: %s", exc)
        # Celery logs and swallows exceptions from signal handlers; SystemExit is not swallowed.
        raise SystemExit(f"render worker cannot start: {exc}") from exc
    for queue in add:
        if queue not in consumed:
            queues.select_add(queue)
    # lazy: generation.services imports the backends package.
    from generation.services import generation_scratch_sweep

    swept = generation_scratch_sweep()
    if swept:
        logger.info("render worker removed %d scratch folders left by finished jobs", swept)
