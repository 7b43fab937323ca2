from .comments import (
    CommentFlag,
    CommentStatus,
    FlagReason,
    GuidanceComment,
    ReplyNotification,
)
from .emails import UndeliveredEmail
from .feedback import FeedbackResponse, Outcome, ResponseNotification
from .follows import Follow
from .pages import ConsultationStatus, GuidanceIndexPage, GuidancePage
from .participants import FORMER_PARTICIPANT, Frequency, Participant, Perspective
from .versions import ClauseSnapshot, GuidanceVersion
from .votes import Choice, ResultsVisibility, Vote

__all__ = [
    "FeedbackResponse",
    "Outcome",
    "ResponseNotification",
    "CommentFlag",
    "CommentStatus",
    "FlagReason",
    "GuidanceComment",
    "ReplyNotification",
    "Choice",
    "ClauseSnapshot",
    "GuidanceVersion",
    "ConsultationStatus",
    "FORMER_PARTICIPANT",
    "Follow",
    "Frequency",
    "GuidanceIndexPage",
    "GuidancePage",
    "Participant",
    "Perspective",
    "UndeliveredEmail",
    "ResultsVisibility",
    "Vote",
]
