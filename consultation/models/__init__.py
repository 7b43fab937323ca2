from .comments import (
    CommentFlag,
    CommentStatus,
    FlagReason,
    GuidanceComment,
    ReplyNotification,
)
from .pages import ConsultationStatus, GuidanceIndexPage, GuidancePage
from .participants import Frequency, Participant, Perspective
from .versions import ClauseSnapshot, GuidanceVersion

__all__ = [
    "CommentFlag",
    "CommentStatus",
    "FlagReason",
    "GuidanceComment",
    "ReplyNotification",
    "ClauseSnapshot",
    "GuidanceVersion",
    "ConsultationStatus",
    "Frequency",
    "GuidanceIndexPage",
    "GuidancePage",
    "Participant",
    "Perspective",
]
