"""Reads about generation jobs."""

from django.db.models import Q, QuerySet

from generation.models import GenerationJob
from sora_social.accounts.models import User


def generations_of(owner: User) -> QuerySet[GenerationJob]:
    return GenerationJob.objects.filter(owner=owner).prefetch_related("cameos").select_related("post")


def generation_of(*, job_id: int, owner: User) -> GenerationJob | None:
    """One job of this owner; None for a missing and a foreign job alike."""
    return generations_of(owner).filter(pk=job_id).first()


def generation_by_content(*, file_sha256: str, content_sha256: str) -> GenerationJob | None:
    """The job that made a file, by the signed file's hash or by its media packets' hash."""
    job = GenerationJob.objects.filter(video_sha256=file_sha256).exclude(video_sha256="").first()
    if job is None and content_sha256:
        job = GenerationJob.objects.filter(content_sha256=content_sha256).exclude(content_sha256="").first()
    return job


def media_visible_to(*, name: str, viewer_id: int) -> bool:
    """Whether a stored video or poster may still be served to this viewer, checked when it is served.

    A signed URL is only handed to viewers allowed at the time; this re-check makes a revoked or taken-down
    video stop playing at once instead of when its URL expires. Files that are no job's (avatars) pass.
    """
    from cameos.models import Appearance
    from feed.selectors import posts_visible_to
    from sora_social.accounts.models import User

    job = GenerationJob.objects.filter(Q(video=name) | Q(poster=name)).select_related("post").first()
    if job is None:
        return True
    viewer = User.objects.filter(pk=viewer_id, is_active=True, banned_at__isnull=True).first()
    if viewer is None:
        return False
    appearances = Appearance.objects.filter(job=job)
    if appearances.filter(Q(revoked_at__isnull=False) | Q(removed_at__isnull=False)).exists():
        return False
    post = getattr(job, "post", None)
    if post is not None and posts_visible_to(viewer).filter(pk=post.pk).exists():
        return True
    # A draft (or a post the viewer may not see in feeds): its creator, and the people cast in it.
    return job.owner_id == viewer.pk or appearances.filter(cameo__owner_id=viewer.pk).exists()
