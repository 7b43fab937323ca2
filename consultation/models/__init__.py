from .pages import ConsultationStatus, GuidanceIndexPage, GuidancePage
from .participants import Frequency, Participant, Perspective
from .versions import ClauseSnapshot, GuidanceVersion
from .votes import Choice, ResultsVisibility, Vote

__all__ = [
    "Choice",
    "ClauseSnapshot",
    "GuidanceVersion",
    "ConsultationStatus",
    "Frequency",
    "GuidanceIndexPage",
    "GuidancePage",
    "Participant",
    "Perspective",
    "ResultsVisibility",
    "Vote",
]
