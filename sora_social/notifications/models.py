from django.conf import settings
from django.db import models


class Notification(models.Model):
    """Something that happened that a person should hear about; stored, listed and pushed live."""

    class Kind(models.TextChoices):
        CAST_IN_VIDEO = "cast_in_video"
        REMIXED = "remixed"
        COMMENTED = "commented"
        LIKED = "liked"
        FOLLOWED = "followed"
        PARENTAL_LINK = "parental_link"
        GENERATION_FINISHED = "generation_finished"
        CAMEO_VERIFICATION = "cameo_verification"
        GRANT_APPROVAL = "grant_approval"
        MODERATION = "moderation"
        # Someone's video showed this person's cameo without their consent and was stopped (who is not said).
        LIKENESS_BLOCKED = "likeness_blocked"
        # A comment under a video showing this person's cameo broke one of their restrictions and was held.
        COMMENT_HELD = "comment_held"
        # This person's video is no longer shown, to them either: consent for a cameo in it was withdrawn (or its
        # owner removed it). Names the cameo, never why (a block or a moderator's revocation is not disclosed).
        VIDEO_WITHDRAWN = "video_withdrawn"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Ids and short text for the app to render; never biometric or private data of others.
    data = models.JSONField(default=dict, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "-created_at", "-id"])]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"
