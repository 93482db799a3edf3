"""Retention of hidden media: a video hidden by a revocation or a takedown loses its files after a grace period.

The purge needs feed's takedown state and cameos' withdrawal state, so it lives here (feed may read both) and
calls generation's discard service to delete the files. Moderators may restore a takedown within
HIDDEN_MEDIA_RETENTION_DAYS; after it the files are gone for good.

Each deletion is audited by a durable record on the job (GenerationJob.media_purged_at and state_reason
"purged:revocation" or "purged:takedown") and one structured log line (`feed.retention`, with the job id, the
reason and since when the video was hidden). moderation's AuditEvent sits above feed, so feed cannot write it.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from cameos.selectors import withdrawn_appearances
from feed.models import Post
from generation.models import GenerationJob
from generation.services import generation_discard_output, generation_stale_media_delete

logger = logging.getLogger("feed.retention")

REASON_REVOCATION = "purged:revocation"
REASON_TAKEDOWN = "purged:takedown"

# What keeps a taken-down video past the grace period: callables that apps above register (moderation: a take-down
# whose appeal waits), each giving a queryset of the ids of jobs to keep for now. The purge deleted a video whose
# appeal waited in the queue, and the appeal could then only be upheld (tests/moderation/
# test_moderation_attacks_round4.py). Whoever adds a hold takes the job's row lock first, as the purge does.
_takedown_holds: list[Callable[[datetime.datetime], QuerySet]] = []


def takedown_purge_hold_register(hold: Callable[[datetime.datetime], QuerySet]) -> None:
    """`hold(now)`: the jobs to keep at `now`."""
    if hold not in _takedown_holds:
        _takedown_holds.append(hold)


def _held_job_ids(job_ids, now: datetime.datetime) -> set[int]:
    held: set[int] = set()
    for hold in _takedown_holds:
        held.update(hold(now).filter(pk__in=list(job_ids)).values_list("pk", flat=True))
    return held


def _candidates(cutoff: datetime.datetime, now: datetime.datetime) -> dict[int, tuple[str, datetime.datetime]]:
    """{job id: (reason, hidden since)} for jobs hidden before `cutoff` whose files are still stored."""
    unpurged = GenerationJob.objects.filter(media_purged_at__isnull=True).exclude(video="", poster="")
    found: dict[int, tuple[str, datetime.datetime]] = {}
    # A removal by the cameo's owner deleted the files at once; one still here is a delete that failed, due now.
    revoked = (
        unpurged.filter(pk__in=withdrawn_appearances().values("job_id"))
        .annotate(first_revoked=Min("appearances__revoked_at"), first_removed=Min("appearances__removed_at"))
        .filter(Q(first_revoked__lte=cutoff) | Q(first_removed__isnull=False))
        .values_list("pk", "first_revoked", "first_removed")
    )
    for pk, first_revoked, first_removed in revoked:
        found[pk] = (REASON_REVOCATION, min(t for t in (first_revoked, first_removed) if t is not None))
    taken_down = dict(Post.objects.filter(taken_down_at__lte=cutoff, job__in=unpurged).values_list("job_id", "taken_down_at"))
    held = _held_job_ids(taken_down, now)
    for job_id, taken_down_at in taken_down.items():
        if job_id not in held:
            found.setdefault(job_id, (REASON_TAKEDOWN, taken_down_at))
    return found


def _still_hidden(job_id: int, reason: str, cutoff: datetime.datetime, now: datetime.datetime) -> bool:
    """Checked again under the job's lock: a moderator may have restored the post since the candidates were read."""
    if reason == REASON_TAKEDOWN:
        return Post.objects.filter(job_id=job_id, taken_down_at__lte=cutoff).exists() and not _held_job_ids([job_id], now)
    return withdrawn_appearances().filter(job_id=job_id).exists()


def hidden_media_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the files of every video hidden (revoked/removed appearance, or taken-down post) for longer than
    HIDDEN_MEDIA_RETENTION_DAYS. Idempotent: a purged job is marked and never purged again. Returns how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.HIDDEN_MEDIA_RETENTION_DAYS)
    purged = 0
    for job_id, (reason, hidden_since) in _candidates(cutoff, now).items():
        with transaction.atomic():
            job = GenerationJob.objects.select_for_update().filter(pk=job_id, media_purged_at__isnull=True).first()
            if job is None or not _still_hidden(job_id, reason, cutoff, now):
                continue
            if not generation_discard_output(job=job, reason=reason, purged_at=now):
                continue  # storage refused: nothing is marked, and the next run tries again
        logger.info(
            "hidden media purged job=%s reason=%s hidden_since=%s",
            job_id,
            reason,
            hidden_since.isoformat(),
            extra={"job_id": job_id, "reason": reason, "hidden_since": hidden_since.isoformat()},
        )
        purged += 1
    # Old names of moved files whose delete the store refused at the move (generation_media_rename) go now too.
    generation_stale_media_delete()
    return purged
