"""Admin forms: the queue's action form and the content-rule form, each refusing bad input with a clear error."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from moderation.models import (
    Appeal,
    ModerationAction,
    ModerationCase,
    ReportReason,
    TargetKind,
)
from moderation.selectors import CasePreview
from moderation.services import MAX_TEXT_CHARS, SUSPENSION_DAYS
from sora_social.content_policy.models import ContentRule
from sora_social.content_policy.screening import ScreeningRule, validate_rule

Kind = ModerationAction.Kind
OVERTURN, UPHOLD = "overturn", "uphold"

_LABELS = {
    Kind.TAKE_DOWN: "Take down (hidden from feeds, search and remix at once)",
    Kind.RESTORE: "Restore (put it back)",
    Kind.WARN: "Warn the author",
    Kind.SUSPEND: "Suspend the author for a set time (hides their posts, cancels their jobs)",
    Kind.BAN: "Ban the author (hides their posts, cancels their jobs)",
    Kind.REINSTATE: "Lift the author's suspension or ban",
    Kind.DISMISS: "Dismiss the reports (nothing to act on)",
    Kind.REMOVE_APPEARANCE: "Remove a cameo's appearance from the video (destroys the video's files)",
    OVERTURN: "Grant the appeal: overturn the decision",
    UPHOLD: "Deny the appeal: uphold the decision",
}


def _choices_for(case: ModerationCase, preview: CasePreview, appeal: Appeal | None) -> list[tuple[str, str]]:
    kinds: list[str] = []
    if appeal is not None:
        kinds += [OVERTURN, UPHOLD]
    target = preview.target
    removable = [TargetKind.POST, TargetKind.CAMEO, TargetKind.COMMENT]
    if case.target_kind in removable:
        kinds.append(Kind.TAKE_DOWN)
    if getattr(target, "taken_down_at", None) or getattr(target, "status", None) == "revoked":
        kinds.append(Kind.RESTORE)
    if case.target_kind == TargetKind.POST and any(c.appearance == "live" for c in preview.cameos):
        kinds.append(Kind.REMOVE_APPEARANCE)
    kinds += [Kind.WARN, Kind.SUSPEND, Kind.BAN]
    owner = case.target_owner
    if owner is not None and (owner.banned_at is not None or owner.is_restricted):
        kinds.append(Kind.REINSTATE)
    kinds.append(Kind.DISMISS)
    return [(kind, _LABELS[kind]) for kind in kinds]


class CaseActionForm(forms.Form):
    """What a moderator decides on one case; every choice needs a reason."""

    action = forms.ChoiceField(widget=forms.RadioSelect, error_messages={"required": "Choose an action."})
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        max_length=MAX_TEXT_CHARS,
        strip=True,
        help_text="Shown to the author as the explanation.",
        error_messages={"required": "Every moderation action needs a reason. Write one."},
    )
    days = forms.TypedChoiceField(
        label="Suspend for",
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", "—"), *[(days, f"{days} day{'s' if days > 1 else ''}") for days in SUSPENSION_DAYS]],
    )
    cameo = forms.TypedChoiceField(label="Cameo", coerce=int, required=False, empty_value=None)
    policy = forms.ChoiceField(
        label="Policy", required=False, choices=[("", "(the worst reason reported)"), *ReportReason.choices]
    )

    def __init__(self, *args, case: ModerationCase, preview: CasePreview, appeal: Appeal | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = _choices_for(case, preview, appeal)
        self.fields["cameo"].choices = [("", "—")] + [
            (c.cameo_id, f"@{c.handle} (owner @{c.owner_handle}, {c.appearance})")
            for c in preview.cameos
            if c.appearance == "live"
        ]

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == Kind.SUSPEND and not cleaned.get("days"):
            self.add_error("days", "Choose how long the suspension lasts.")
        if action == Kind.REMOVE_APPEARANCE and not cleaned.get("cameo"):
            self.add_error("cameo", "Choose the cameo whose appearance to remove.")
        return cleaned


class ContentRuleForm(forms.ModelForm):
    """A content rule, checked by screening.validate_rule before it is saved (a broken regex never goes live)."""

    class Meta:
        model = ContentRule
        fields = ["code", "kind", "value", "threshold", "strict_threshold", "severity", "enabled", "description"]

    def clean_severity(self):
        severity = self.cleaned_data["severity"]
        if not 1 <= severity <= 4:
            raise ValidationError("Severity is 1 (low) to 4 (critical).")
        return severity

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        candidate = ScreeningRule(
            code=cleaned.get("code") or "",
            kind=cleaned.get("kind") or "",
            value=cleaned.get("value") or "",
            threshold=cleaned.get("threshold", 0.55),
            strict_threshold=cleaned.get("strict_threshold", 0.45),
            severity=cleaned.get("severity", 2),
            enabled=cleaned.get("enabled", True),
        )
        try:
            validate_rule(candidate)
        except ValueError as exc:
            message = str(exc)
            field = "strict_threshold" if "threshold" in message else "value"
            self.add_error(field, message)
        return cleaned
