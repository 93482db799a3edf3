from django.conf import settings
from django.db import models


class TargetKind(models.TextChoices):
    """What can be reported and acted on."""

    POST = "post"
    COMMENT = "comment"
    PROFILE = "profile"
    CAMEO = "cameo"


class ReportReason(models.TextChoices):
    """The fixed reasons a person can give when reporting."""

    HARASSMENT = "harassment"
    SEXUAL_CONTENT = "sexual_content"
    MINOR_SAFETY = "minor_safety"
    IMPERSONATION = "impersonation"
    LIKENESS_MISUSE = "likeness_misuse"
    COPYRIGHT = "copyright"
    OTHER = "other"


# How urgent each reason is (4 = look first); a case takes the worst of its reports.
REASON_SEVERITY: dict[str, int] = {
    ReportReason.MINOR_SAFETY: 4,
    ReportReason.SEXUAL_CONTENT: 3,
    ReportReason.LIKENESS_MISUSE: 3,
    ReportReason.IMPERSONATION: 3,
    ReportReason.HARASSMENT: 2,
    ReportReason.COPYRIGHT: 1,
    ReportReason.OTHER: 1,
}


class ModerationCase(models.Model):
    """Everything reported about one target, reviewed together in the moderator queue."""

    class Status(models.TextChoices):
        OPEN = "open"  # reports wait for a moderator
        APPEALED = "appealed"  # the author appealed a decision on this target
        CLOSED = "closed"

    target_kind = models.CharField(max_length=16, choices=TargetKind.choices)
    # The post, comment or cameo id, or the user id of a profile.
    target_id = models.PositiveBigIntegerField()
    # The person answerable for the target (author, profile or cameo owner); decisions and appeals are theirs.
    target_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation_cases"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    # The worst reason reported (see REASON_SEVERITY); the queue sorts on it first.
    severity = models.PositiveSmallIntegerField(default=0)
    report_count = models.PositiveIntegerField(default=0)
    last_reported_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-severity", "-report_count", "-last_reported_at", "-id"]
        constraints = [
            # Reports on one target are grouped: at most one case per target is under review.
            models.UniqueConstraint(
                fields=["target_kind", "target_id"],
                condition=~models.Q(status="closed"),
                name="moderation_case_one_open_per_target",
            ),
        ]
        indexes = [models.Index(fields=["status", "-severity", "-report_count"])]
        permissions = [("act_on_case", "Can take moderation actions (take down, suspend, ban, ...)")]
        verbose_name = "queue item"
        verbose_name_plural = "moderation queue"

    def __str__(self) -> str:
        return f"{self.target_kind} {self.target_id}"


class Report(models.Model):
    """One person's report of a post, comment, profile or cameo, with a reason from the fixed list."""

    class Status(models.TextChoices):
        OPEN = "open"
        ACTIONED = "actioned"  # a moderator acted on the target
        DISMISSED = "dismissed"  # a moderator found nothing to act on

    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reports_filed")
    case = models.ForeignKey(ModerationCase, on_delete=models.CASCADE, related_name="reports")
    # Copied from the case so the one-open-report rule is a database constraint.
    target_kind = models.CharField(max_length=16, choices=TargetKind.choices)
    target_id = models.PositiveBigIntegerField()
    # A profile's handle as the reporter named it: their list shows that, not the account's handle now (which followed
    # a victim who blocked them to a new handle, and told a deleted account from a banned one).
    target_handle = models.CharField(max_length=30, blank=True)
    reason = models.CharField(max_length=32, choices=ReportReason.choices)
    text = models.TextField(max_length=2000, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # No flooding: one open report per target per person.
            models.UniqueConstraint(
                fields=["reporter", "target_kind", "target_id"],
                condition=models.Q(status="open"),
                name="report_one_open_per_target_per_user",
            ),
        ]
        indexes = [models.Index(fields=["reporter", "-created_at", "-id"])]

    def __str__(self) -> str:
        return f"{self.reason} on {self.target_kind} {self.target_id}"
