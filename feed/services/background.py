"""The feed's background work, run by the tasks of feed.tasks on the `default` queue: a post's embedding, its
fan-out into timelines, and For You's candidate lists. Each is idempotent. (A ranking made ahead is
feed.services.serving.for_you_rank_ahead, beside the page that queues it.)"""

from __future__ import annotations

from django.utils import timezone

from feed import for_you  # a module, not its names: for_you imports tasks, which imports this (feed/tasks.py)
from feed.models import Post
from feed.steering import post_embedding_text
from feed.timelines import fan_out, fanout_enabled
from sora_social.text_embedding import embed_text


def post_embed(*, post_id: int) -> bool:
    """Compute a post's MiniLM embedding from its prompt and caption, where it has none (a caption edit clears it).
    Idempotent."""
    row = Post.objects.filter(pk=post_id, embedding__isnull=True).values_list("job__prompt", "caption").first()
    if row is None:
        return False
    vector = embed_text(post_embedding_text(prompt=row[0], caption=row[1]))
    # Stored only if the caption is still the one embedded: an edit committed meanwhile queues its own embedding.
    stored = Post.objects.filter(pk=post_id, embedding__isnull=True, caption=row[1]).update(embedding=vector.tobytes())
    return bool(stored)


def posts_embed_missing(*, limit: int = 500) -> int:
    """Embed live posts that have no embedding: one whose embed task was lost (it expires after an hour in a backlog)
    would otherwise stay unsteerable for good, an edited one included. Beat runs this hourly. Returns how many."""
    missing = list(
        Post.objects.filter(embedding__isnull=True, deleted_at__isnull=True, taken_down_at__isnull=True)
        .order_by("-id")
        .values_list("id", flat=True)[:limit]
    )
    return sum(post_embed(post_id=post_id) for post_id in missing)


def post_fan_out(*, post_id: int) -> int:
    """Push a published post into its author's active followers' timelines (FEED_FANOUT)."""
    post = Post.objects.filter(pk=post_id, deleted_at__isnull=True).first()
    if post is None or not fanout_enabled():
        return 0
    return fan_out(post=post)


def feed_circle_refresh(*, user_id: int) -> int:
    """Recompute one person's For You circle candidates (queued when their kept list goes stale; see
    feed.for_you.circle_candidate_ids). Returns how many ids it holds."""
    return len(for_you.circle_candidates_refresh(user_id, now=timezone.now())["ids"])


def feed_global_candidates_refresh() -> int:
    """Recompute For You's shared lists of fresh and popular posts (beat runs this; see
    feed.for_you.global_candidate_ids). Returns how many ids they hold."""
    shared = for_you.global_candidates_refresh()
    return len(shared["fresh"]) + len(shared["popular"])

