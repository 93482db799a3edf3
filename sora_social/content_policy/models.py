from django.db import models


class ContentRule(models.Model):
    """One rule of the content policy, editable in admin; screening reads the enabled ones."""

    class Kind(models.TextChoices):
        TERM = "term"
        PATTERN = "pattern"
        CATEGORY = "category"

    code = models.CharField(max_length=48, help_text="The reason code a blocked prompt gets, e.g. graphic_violence.")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    value = models.TextField(
        help_text="A term, a regular expression, or category descriptions separated by ';' or new lines."
    )
    threshold = models.FloatField(default=0.55, help_text="Similarity that blocks (category rules).")
    strict_threshold = models.FloatField(
        default=0.45, help_text="Similarity that blocks when a real person's cameo or a teen is involved."
    )
    severity = models.PositiveSmallIntegerField(default=2, help_text="1 (low) to 4 (critical).")
    enabled = models.BooleanField(default=True)
    description = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-severity", "code", "id"]

    def __str__(self) -> str:
        return f"{self.code} ({self.kind})"
