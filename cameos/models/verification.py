from django.conf import settings
from django.db import models
from django_cleanup import cleanup

from cameos.models.cameo import Cameo


class VerificationChallenge(models.Model):
    """What a person must do in their verification video: read digits aloud and turn their head in order."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cameo_challenges")
    digits = models.CharField(max_length=6)
    turn_sequence = models.JSONField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"challenge {self.pk} for {self.user_id}"


@cleanup.select
class VerificationAttempt(models.Model):
    """One run of the verification of one upload, with the reasons a person can be shown."""

    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        VERIFIED = "verified"
        REJECTED = "rejected"
        FAILED = "failed"  # our fault (crash); the person may retry

    cameo = models.ForeignKey(Cameo, on_delete=models.CASCADE, related_name="attempts")
    challenge = models.ForeignKey(VerificationChallenge, null=True, blank=True, on_delete=models.SET_NULL)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    reasons = models.JSONField(default=list, blank=True)
    # Non-biometric figures: frames used, timings, durations.
    metrics = models.JSONField(default=dict, blank=True)
    # The person said the recording is mirrored (a front-camera preview): their left is then on image left.
    mirrored = models.BooleanField(default=False)
    # Which known identities the face matched or came close to ({"kind", "ref_id", "distance"}): for moderators
    # only, never shown to the person who uploaded.
    matched = models.JSONField(default=list, blank=True)
    # The uploaded video, kept only until the task finishes (it is biometric).
    upload = models.FileField(upload_to="verification/", blank=True, max_length=255)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"attempt {self.pk} ({self.status})"


class CameoReview(models.Model):
    """A moderator's decision on a cameo whose face came close to someone else's: verify it or reject it."""

    class Decision(models.TextChoices):
        VERIFIED = "verified"
        REJECTED = "rejected"

    cameo = models.ForeignKey(Cameo, on_delete=models.CASCADE, related_name="reviews")
    attempt = models.ForeignKey(VerificationAttempt, null=True, blank=True, on_delete=models.SET_NULL)
    moderator = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decision = models.CharField(max_length=16, choices=Decision.choices)
    # Why, in the moderator's words; the person is shown it with a rejection.
    reason = models.CharField(max_length=300)
    # What the decision did (the cameo's status after it), kept apart from the decision for the audit trail.
    outcome = models.CharField(max_length=16)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"review of {self.cameo_id}: {self.decision}"
