from .case import ModerationCase, Report, ReportReason, TargetKind
from .decision import Appeal, AuditEvent, ModerationAction

__all__ = [
    "Appeal",
    "AuditEvent",
    "ModerationAction",
    "ModerationCase",
    "Report",
    "ReportReason",
    "TargetKind",
]
