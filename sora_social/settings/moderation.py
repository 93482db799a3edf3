"""Moderation's settings: its names in the API schema (import after .api)."""

from .api import SPECTACULAR_SETTINGS

# Report reasons are both a report's `reason` and a decision's `policy`: one named enum for both, which also keeps
# it apart from other fields called `reason` (drf-spectacular warns about both, and check --deploy fails on it).
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    **SPECTACULAR_SETTINGS.get("ENUM_NAME_OVERRIDES", {}),
    "ReportReasonEnum": "sora_social.moderation.models.ReportReason",
    "ReportStatusEnum": "sora_social.moderation.models.Report.Status",
    "AppealStatusEnum": "sora_social.moderation.models.Appeal.Status",
}
