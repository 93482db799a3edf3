"""Reads about generation jobs."""

from django.db.models import QuerySet

from generation.models import GenerationJob
from sora_social.accounts.models import User


def generations_of(owner: User) -> QuerySet[GenerationJob]:
    return (
        GenerationJob.objects.filter(owner=owner)
        .prefetch_related("cameos")
        .select_related("post", "parent_job__post")
    )


def generation_of(*, job_id: int, owner: User) -> GenerationJob | None:
    """One job of this owner; None for a missing and a foreign job alike."""
    return generations_of(owner).filter(pk=job_id).first()


def generation_by_content(*, file_sha256: str, content_sha256: str) -> GenerationJob | None:
    """The job that made a file, by the signed file's hash or by its media packets' hash."""
    job = GenerationJob.objects.filter(video_sha256=file_sha256).exclude(video_sha256="").first()
    if job is None and content_sha256:
        job = GenerationJob.objects.filter(content_sha256=content_sha256).exclude(content_sha256="").first()
    return job

