"""Moderation's settings: its names in the API schema (import after .api)."""

from .api import SPECTACULAR_SETTINGS

# Report reasons are both a report's `reason` and a decision's `policy`: one named enum for both, which also keeps
# it apart from other fields called `reason` (drf-spectacular warns about both, and check --deploy fails on it).
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    **SPECTACULAR_SETTINGS.get("ENUM_NAME_OVERRIDES", {}),
    "ReportReasonEnum": "moderation.models.ReportReason",
    "ReportStatusEnum": "moderation.models.Report.Status",
    "AppealStatusEnum": "moderation.models.Appeal.Status",
}
