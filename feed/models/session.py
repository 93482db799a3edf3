from django.conf import settings
from django.db import models


class FeedDay(models.Model):
    """One person's feed use on one day: videos served (the teen cap) and active time (wellness check-ins)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_days")
    day = models.DateField()
    videos_served = models.PositiveIntegerField(default=0)
    # Sum of the gaps between feed requests, each capped, so a phone left open does not count as use.
    active_seconds = models.PositiveIntegerField(default=0)
    last_request_at = models.DateTimeField(null=True, blank=True)
    # Where the last wellness check-in was shown, so the next one comes N videos / M minutes later.
    checkin_videos_mark = models.PositiveIntegerField(default=0)
    checkin_seconds_mark = models.PositiveIntegerField(default=0)
    # The page last counted: a retried request for the same page is not counted again, and gets no more videos than
    # were counted for it (a retry asking a larger page_size was served whole, past a teen's cap).
    last_page_key = models.CharField(max_length=64, blank=True)
    last_page_served = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="feed_day_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} on {self.day}: {self.videos_served} videos"


class FeedHour(models.Model):
    """Videos served to a person whose videos are capped, by the hour they were served in. The cap counts the last
    24 hours (`feed.viewing_limits`), not the server's day: counted per UTC day, a teen with a cap of 2 saw 2 videos at
    23:50 UTC and 2 more at 00:10, mid-afternoon in the Americas (tests/test_todays_changes_attacks.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_hours")
    # The start of the hour, UTC.
    hour = models.DateTimeField()
    videos = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-hour"]
        constraints = [models.UniqueConstraint(fields=["user", "hour"], name="feed_hour_unique")]

    def __str__(self) -> str:
        return f"{self.user_id} at {self.hour:%Y-%m-%d %H}:00: {self.videos} videos"


class Steering(models.Model):
    """A person's plain-language steering of their For You feed, with its clauses embedded once."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_steering")
    text = models.CharField(max_length=500)
    # MiniLM vectors (N×384 float32, L2-normalized) of the clauses asking for more, and of those asking for less.
    more_vectors = models.BinaryField(null=True, blank=True, editable=False)
    less_vectors = models.BinaryField(null=True, blank=True, editable=False)
    # Short words shown in the reason of a matching item ("matches your steering: sports").
    more_label = models.CharField(max_length=120, blank=True)
    less_label = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return f"steering of {self.user_id}"


class WellnessCheckIn(models.Model):
    """How a person said they feel at a check-in; private to them and never read by ranking."""

    class Mood(models.TextChoices):
        GREAT = "great"
        OK = "ok"
        MEH = "meh"
        BAD = "bad"
        TAKING_A_BREAK = "taking_a_break"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wellness_checkins")
    mood = models.CharField(max_length=16, choices=Mood.choices)
    note = models.CharField(max_length=500, blank=True)
    # What the day looked like when they answered, for their own history.
    videos_today = models.PositiveIntegerField(default=0)
    minutes_today = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at", "-id"])]

    def __str__(self) -> str:
        return f"{self.user_id} felt {self.mood}"
