"""The Celery app. Queue names come from one enum; tasks only load by id and call a service."""

import os
from enum import StrEnum

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sora_social.settings")


class Queue(StrEnum):
    DEFAULT = "default"  # light work: notifications, fan-out, periodic sweeps
    MEDIA = "media"  # verification videos, thumbnails
    GPU = "gpu"  # rendering; consumed by workers on GPU hosts


app = Celery("sora_social")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_queues_names = [queue.value for queue in Queue]
app.autodiscover_tasks()
