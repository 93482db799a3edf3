"""Reads about generation jobs."""

from __future__ import annotations

from django.db.models import OuterRef, Q, QuerySet, Subquery, TextChoices

from cameos.selectors import withdrawn_appearances
from generation.models import GenerationJob
from sora_social.accounts.models import User


class HiddenReason(TextChoices):
    """Why a finished video is no longer shown. The job keeps its state (succeeded): see `generation_hidden_reason`.

    Consent reasons say no more than the app already tells a creator (`cameos.policy.DISCLOSED_REASONS`): a block,
    a lowered level, a deleted cameo and a moderator's revocation of the cameo are all `consent_revoked`.
    """

    # The door now denies this creator a cameo in the video (cameos.services.appearances_reconcile).
    CONSENT_REVOKED = "consent_revoked"
    # The cameo's owner removed the video for everyone (or a moderator did, on their behalf); its files are gone.
    REMOVED_BY_CAMEO_OWNER = "removed_by_cameo_owner"
    # A moderator took the post down. Its creator still sees the video (to appeal) until the retention purge.
    TAKEN_DOWN = "taken_down"


# The reasons that withhold the media from the creator too (feed.selectors.job_media_visible_to refuses the files of
# a job with a withdrawn appearance to everyone, and serves a taken-down post's files to its creator).
WITHHELD_FROM_CREATOR = frozenset({HiddenReason.CONSENT_REVOKED, HiddenReason.REMOVED_BY_CAMEO_OWNER})


def _with_withdrawal_times(jobs: QuerySet[GenerationJob]) -> QuerySet[GenerationJob]:
    """Annotate when consent for the video was first revoked and first removed (None: never), in the same query."""
    withdrawn = withdrawn_appearances().filter(job_id=OuterRef("pk"))
    return jobs.annotate(
        first_revoked_at=Subquery(
            withdrawn.filter(revoked_at__isnull=False).order_by("revoked_at").values("revoked_at")[:1]
        ),
        first_removed_at=Subquery(
            withdrawn.filter(removed_at__isnull=False).order_by("removed_at").values("removed_at")[:1]
        ),
    )


def generations_of(owner: User) -> QuerySet[GenerationJob]:
    return (
        _with_withdrawal_times(GenerationJob.objects.filter(owner=owner))
        .prefetch_related("cameos")
        .select_related("post", "parent_job__post")
    )


def generation_of(*, job_id: int, owner: User) -> GenerationJob | None:
    """One job of this owner; None for a missing and a foreign job alike."""
    return generations_of(owner).filter(pk=job_id).first()


def generation_hidden_reason(job: GenerationJob) -> HiddenReason | None:
    """Why this job's video is no longer shown, or None while it is (or there is no video).

    Read from the rows that decide it, never stored on the job: the cameo's Appearance rows (cameos writes only
    those; a change of consent ripples upward by asking) and the post's takedown. The first withdrawal wins, so
    the reason does not change once the creator has been told. A job read through `generations_of` carries the
    withdrawal times; any other job costs one query.
    """
    if not hasattr(job, "first_revoked_at"):
        job = _with_withdrawal_times(GenerationJob.objects.filter(pk=job.pk)).select_related("post").get()
    withdrawn = [
        (at, reason)
        for at, reason in (
            (job.first_removed_at, HiddenReason.REMOVED_BY_CAMEO_OWNER),
            (job.first_revoked_at, HiddenReason.CONSENT_REVOKED),
        )
        if at is not None
    ]
    if withdrawn:
        return min(withdrawn, key=lambda pair: pair[0])[1]  # a tie: removed, listed first
    post = getattr(job, "post", None)
    if post is not None and post.taken_down_at is not None:
        return HiddenReason.TAKEN_DOWN
    return None


def generation_media_withheld(job: GenerationJob) -> bool:
    """Whether the job's files are no longer served to its creator (their URLs would only 404)."""
    return generation_hidden_reason(job) in WITHHELD_FROM_CREATOR


def job_file_names_in_use(names: list[str], *, excluding_job_id: int | None = None) -> set[str]:
    """The names among `names` that a job (other than `excluding_job_id`) still holds as its video or poster.

    Rendered jobs never share a file, but the demo corpus (feed.demo_seed) points all its jobs at one placeholder.
    """
    names = [name for name in names if name]
    if not names:
        return set()
    holders = GenerationJob.objects.filter(Q(video__in=names) | Q(poster__in=names))
    if excluding_job_id is not None:
        holders = holders.exclude(pk=excluding_job_id)
    return {name for pair in holders.values_list("video", "poster") for name in pair} & set(names)


def generation_by_content(*, file_sha256: str, content_sha256: str) -> GenerationJob | None:
    """The job that made a file, by the signed file's hash or by its media packets' hash."""
    job = GenerationJob.objects.filter(video_sha256=file_sha256).exclude(video_sha256="").first()
    if job is None and content_sha256:
        job = GenerationJob.objects.filter(content_sha256=content_sha256).exclude(content_sha256="").first()
    return job


def generation_texts(job_ids: list[int]) -> dict[int, dict[str, str]]:
    """Each job's prompt (its dialogue lines are part of it), by job id: what existing videos are re-read with when a
    cameo's restrictions change (registered with cameos.services.appearances.on_appearance_texts)."""
    jobs = GenerationJob.objects.filter(pk__in=job_ids).values_list("pk", "prompt")
    return {pk: {"prompt": prompt} for pk, prompt in jobs}


def _preferences_pinned(pins: dict | None) -> dict[int, str]:
    return {
        int(cameo_id): pin["preferences"]
        for cameo_id, pin in (pins or {}).items()
        if isinstance(pin, dict) and isinstance(pin.get("preferences"), str)
    }


def cast_preferences_as_rendered(job_ids: list[int]) -> dict[int, dict[int, str]]:
    """Each job's cast cameos' preferences as the model was given them (pinned at the render's consent check), by
    job id and cameo id; a job rendered before they were pinned has none (registered with
    cameos.services.appearances.on_appearance_cast_preferences)."""
    pins_of = GenerationJob.objects.filter(pk__in=job_ids).values_list("pk", "consent_pins")
    return {job_id: _preferences_pinned(pins) for job_id, pins in pins_of}


def cast_as_rendered(job: GenerationJob) -> list:
    """The job's cameos, each with the preferences its model prompt was given, for the checks after the render (the
    store step, publishing): a creator who changes a co-cast cameo's preferences after the render does not change
    what the video shows. The instances are for reading; never save them."""
    pinned = _preferences_pinned(job.consent_pins)
    cameos = list(job.cameos.all())
    for cameo in cameos:
        cameo.preferences = pinned.get(cameo.pk, cameo.preferences)
    return cameos
