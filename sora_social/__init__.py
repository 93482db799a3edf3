"""sora_social: a self-hostable backend for a social AI-video app built around consent for likeness."""

from sora_social.celery import app as celery_app

__all__ = ["celery_app"]
