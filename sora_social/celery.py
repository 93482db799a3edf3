"""The Celery app. Queue names come from one enum; tasks only load by id and call a service."""

import logging
import os
import time
from enum import StrEnum

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sora_social.settings")


class Queue(StrEnum):
    DEFAULT = "default"  # light work: notifications, fan-out, periodic sweeps
    MEDIA = "media"  # verification videos, thumbnails
    GPU = "gpu"  # rendering; consumed by workers on GPU hosts


app = Celery("sora_social")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_queues_names = [queue.value for queue in Queue]
# A prefork child must report for work within this time; loading the models of its queues (PRELOAD_MODELS) takes
# 10-20 s on a small host, past Celery's default of 4 s.
app.conf.worker_proc_alive_timeout = 120.0
app.autodiscover_tasks()

logger = logging.getLogger(__name__)


def process_models_load(*roles: str) -> None:
    """Load the heavy models a process in these roles uses (settings.MODELS_BY_PROCESS: "web" or queue names)."""
    import importlib

    from django.conf import settings

    entries = dict.fromkeys(entry for role in roles for entry in settings.MODELS_BY_PROCESS.get(role, ()))
    for entry in entries:
        started = time.perf_counter()
        module_name, _, function_name = entry.partition(":")
        module = importlib.import_module(module_name)
        if function_name:
            getattr(module, function_name)()
        logger.info("process %s (%s): %s loaded in %.1f s", os.getpid(), ",".join(roles), entry, time.perf_counter() - started)


@worker_process_init.connect
def _models_for_consumed_queues(**_kwargs) -> None:
    """Each worker process (a prefork child, or the solo pool's one) loads its queues' models before its first task."""
    from django.conf import settings

    if settings.PRELOAD_MODELS:
        # A render queue per backend (gpu.<backend>) is a `gpu` process.
        process_models_load(*sorted({queue.split(".", 1)[0] for queue in app.amqp.queues.consume_from}))
