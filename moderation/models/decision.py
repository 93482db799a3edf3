from django.conf import settings
from django.db import models

from .case import ModerationCase, ReportReason


class ModerationAction(models.Model):
    """One decision a moderator took on a case, always with a reason; the author can read it and appeal once."""

    class Kind(models.TextChoices):
        TAKE_DOWN = "take_down"
        RESTORE = "restore"
        WARN = "warn"
        SUSPEND = "suspend"
        BAN = "ban"
        REINSTATE = "reinstate"  # a suspension or ban lifted
        DISMISS = "dismiss"
        REMOVE_APPEARANCE = "remove_appearance"
        UPHOLD = "uphold"  # an appeal denied
        OVERTURN = "overturn"  # an appeal granted: the earlier decision is undone

    # Decisions against a person: they are shown to them and (except removals) can be appealed.
    ADVERSE = (Kind.TAKE_DOWN, Kind.WARN, Kind.SUSPEND, Kind.BAN, Kind.REMOVE_APPEARANCE)
    # A removed appearance destroyed the video's files, so an appeal could not bring it back.
    APPEALABLE = (Kind.TAKE_DOWN, Kind.WARN, Kind.SUSPEND, Kind.BAN)

    case = models.ForeignKey(ModerationCase, on_delete=models.PROTECT, related_name="actions")
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="moderation_actions_taken"
    )
    # Whom the decision is about: the author of the content, or the account acted on.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="moderation_decisions"
    )
    kind = models.CharField(max_length=24, choices=Kind.choices)
    # Shown to the author as the explanation; never empty.
    reason = models.TextField(max_length=2000)
    policy = models.CharField(max_length=32, choices=ReportReason.choices, blank=True)
    suspended_until = models.DateTimeField(null=True, blank=True)
    # Ids of what was touched, e.g. {"cameo": 3, "job": 9}.
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.CheckConstraint(condition=~models.Q(reason=""), name="moderation_action_has_reason")]
        indexes = [models.Index(fields=["subject", "-created_at", "-id"])]
        verbose_name = "decision"

    def __str__(self) -> str:
        return f"{self.kind} on {self.case}"


class Appeal(models.Model):
    """The author's one appeal against one decision, with their text; a moderator upholds or overturns it."""

    class Status(models.TextChoices):
        PENDING = "pending"
        UPHELD = "upheld"
        OVERTURNED = "overturned"

    # One appeal per decision, enforced by the database.
    action = models.OneToOneField(ModerationAction, on_delete=models.CASCADE, related_name="appeal")
    appellant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals")
    text = models.TextField(max_length=2000)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    # The uphold or overturn decision that answered it.
    resolution = models.OneToOneField(
        ModerationAction, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers_appeal"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"appeal of {self.action_id} ({self.status})"


class AuditEvent(models.Model):
    """An append-only line of the moderation audit log: who did what to which target, and why."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    # Dotted name of what happened, e.g. "moderation.take_down", "appeal.filed", "content_rule.changed".
    verb = models.CharField(max_length=48)
    target_kind = models.CharField(max_length=32)
    target_id = models.CharField(max_length=64)
    action = models.ForeignKey(
        ModerationAction, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit_events"
    )
    reason = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_kind", "target_id"])]

    def __str__(self) -> str:
        return f"{self.verb} {self.target_kind}:{self.target_id}"
