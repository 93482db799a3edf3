"""What a person asks of their feed: steering in plain language, and how they feel at a wellness check-in."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from feed.for_you import for_you_ranking_forget
from feed.models import FeedDay, Steering, WellnessCheckIn
from feed.selectors import PostError
from feed.steering import MAX_STEERING_CHARS, MAX_STEERING_CLAUSES, steering_embed, steering_parse


def steering_set(*, user: AbstractBaseUser, text: str) -> Steering | None:
    """Set (or, with empty text, clear) a person's steering; its clauses are embedded once, here."""
    text = " ".join((text or "").split())
    if len(text) > MAX_STEERING_CHARS:
        raise PostError("steering_too_long", f"Steering text is at most {MAX_STEERING_CHARS} characters.")
    # A ranking made ahead with the old steering must not be served: drop it now, and again once committed
    # (a rank-ahead task running meanwhile still reads the old steering).
    for_you_ranking_forget(user.pk)
    transaction.on_commit(lambda: for_you_ranking_forget(user.pk))
    if not text:
        Steering.objects.filter(user_id=user.pk).delete()
        return None
    clauses = steering_parse(text)
    if len(clauses.more) + len(clauses.less) > MAX_STEERING_CLAUSES:
        raise PostError(
            "steering_too_many_clauses", f"Steering asks for at most {MAX_STEERING_CLAUSES} things; say fewer."
        )
    more, less = steering_embed(clauses)
    steering, _ = Steering.objects.update_or_create(
        user_id=user.pk,
        defaults={
            "text": text,
            "more_vectors": more,
            "less_vectors": less,
            "more_label": clauses.label(clauses.more),
            "less_label": clauses.label(clauses.less),
        },
    )
    return steering


def wellness_record(*, user: AbstractBaseUser, mood: str, note: str = "") -> WellnessCheckIn:
    """Store how the person feels. Private to them; nothing in ranking reads it."""
    if mood not in WellnessCheckIn.Mood.values:
        raise PostError("mood_invalid", "Pick one of the offered answers.")
    day = FeedDay.objects.filter(user_id=user.pk, day=timezone.localdate()).first()
    return WellnessCheckIn.objects.create(
        user_id=user.pk,
        mood=mood,
        note=(note or "").strip()[:500],
        videos_today=day.videos_served if day else 0,
        minutes_today=(day.active_seconds // 60) if day else 0,
    )
