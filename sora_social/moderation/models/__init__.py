from .case import ModerationCase, Report, ReportReason, TargetKind
from .content_rule import ContentRule
from .decision import Appeal, AuditEvent, ModerationAction

__all__ = [
    "Appeal",
    "AuditEvent",
    "ContentRule",
    "ModerationAction",
    "ModerationCase",
    "Report",
    "ReportReason",
    "TargetKind",
]
