<<<<<<< HEAD
from .follows import Follow
=======
from .comments import (
    CommentFlag,
    CommentStatus,
    FlagReason,
    GuidanceComment,
    ReplyNotification,
)
>>>>>>> comments
from .pages import ConsultationStatus, GuidanceIndexPage, GuidancePage
from .participants import FORMER_PARTICIPANT, Frequency, Participant, Perspective
from .versions import ClauseSnapshot, GuidanceVersion
from .votes import Choice, ResultsVisibility, Vote

__all__ = [
<<<<<<< HEAD
    "Choice",
=======
    "CommentFlag",
    "CommentStatus",
    "FlagReason",
    "GuidanceComment",
    "ReplyNotification",
>>>>>>> comments
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
    "ResultsVisibility",
    "Vote",
]
