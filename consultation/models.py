"""Django imports an app's models module at start-up: this one imports every feature's
models so that all are registered. Code imports a model from its feature package."""

from consultation.accounts.models import (
    FORMER_PARTICIPANT,
    Follow,
    Frequency,
    Participant,
    Perspective,
)
from consultation.discussion.models import (
    CommentFlag,
    CommentStatus,
    FlagReason,
    GuidanceComment,
    ReplyNotification,
)
from consultation.facilitation.models import FacilitatedSource, FacilitatedTally, SourceKind
from consultation.feedback.models import FeedbackResponse, Outcome, ResponseNotification
from consultation.forum.models import ForumRegistration
from consultation.forum.pages import AgendaItem, ForumSessionPage
from consultation.guidance.models import ConsultationStatus, GuidanceIndexPage, GuidancePage
from consultation.notifications.models import UndeliveredEmail
from consultation.suggestions.models import Suggestion, SuggestionFlag, SuggestionSupport
from consultation.versions.models import ClauseSnapshot, GuidanceVersion
from consultation.voting.models import Choice, ResultsVisibility, Vote

__all__ = [
    "FORMER_PARTICIPANT",
    "Follow",
    "Frequency",
    "Participant",
    "Perspective",
    "CommentFlag",
    "CommentStatus",
    "FlagReason",
    "GuidanceComment",
    "ReplyNotification",
    "FacilitatedSource",
    "FacilitatedTally",
    "SourceKind",
    "ForumRegistration",
    "AgendaItem",
    "ForumSessionPage",
    "FeedbackResponse",
    "Outcome",
    "ResponseNotification",
    "ConsultationStatus",
    "GuidanceIndexPage",
    "GuidancePage",
    "UndeliveredEmail",
    "Suggestion",
    "SuggestionFlag",
    "SuggestionSupport",
    "ClauseSnapshot",
    "GuidanceVersion",
    "Choice",
    "ResultsVisibility",
    "Vote",
]
