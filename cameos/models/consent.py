from django.conf import settings
from django.db import models

from cameos.models.cameo import Cameo


class Grant(models.Model):
    """One person the owner approved to use a cameo at the `approved` level."""

    class Status(models.TextChoices):
        ACTIVE = "active"
        PENDING_PARENT = "pending_parent"  # a teen's grant waits for the linked parent

    cameo = models.ForeignKey(Cameo, on_delete=models.CASCADE, related_name="grants")
    grantee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cameo_grants")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.ACTIVE)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["cameo", "grantee"], name="grant_unique_per_grantee")]
        indexes = [models.Index(fields=["grantee", "cameo", "status"])]

    def __str__(self) -> str:
        return f"{self.cameo} → {self.grantee_id} ({self.status})"


class ConsentDecision(models.Model):
    """The audit log of consent: every denial and every use of a cameo, readable by its owner."""

    cameo = models.ForeignKey(Cameo, on_delete=models.CASCADE, related_name="decisions")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    purpose = models.CharField(max_length=16)
    allowed = models.BooleanField()
    reason = models.CharField(max_length=48)
    consent_version = models.PositiveIntegerField()
    # What it was for, by id: a generation job, a post; never the prompt of someone else's draft.
    subject = models.CharField(max_length=64, blank=True)
    # Written with every row: a row a rollback took away is written again by this key, never twice
    # (cameos.policy.consent_audit_flush). Empty on rows older than it.
    audit_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["cameo", "-created_at", "-id"])]

    def __str__(self) -> str:
        return f"{self.cameo_id} {self.purpose} {'allowed' if self.allowed else 'denied'} ({self.reason})"


class Appearance(models.Model):
    """A cameo appearing in a generated video; the cameo's owner sees it and can remove it."""

    # Kept when the cameo's row goes (its account was deleted): the appearance is withdrawn first
    # (cameos.services.appearances.appearances_withdraw_for_deleted_cameo), and its row is what keeps the video
    # hidden until the retention purge deletes its files. A NULL cameo is such an erased likeness.
    cameo = models.ForeignKey(Cameo, null=True, on_delete=models.SET_NULL, related_name="appearances")
    job = models.ForeignKey("generation.GenerationJob", on_delete=models.CASCADE, related_name="appearances")
    # The creator of the video, denormalized so consent re-checks need no join.
    creator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    consent_version = models.PositiveIntegerField()
    # Set when consent for this creator is gone; the video then disappears from every read path.
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Set when the cameo's owner (or a moderator) removed the video for everyone.
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["cameo", "job"], name="appearance_unique")]
        indexes = [
            models.Index(fields=["job", "revoked_at", "removed_at"]),
            # Feeds hide a post whose job has a withdrawn appearance (cameos.selectors.withdrawn_appearances):
            # a small index of only those rows.
            models.Index(
                fields=["job"],
                name="appearance_withdrawn_job",
                condition=models.Q(revoked_at__isnull=False) | models.Q(removed_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cameo} in job {self.job_id}"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.removed_at is None
