from .pages import ConsultationStatus, GuidanceIndexPage, GuidancePage
from .participants import Frequency, Participant, Perspective
from .versions import ClauseSnapshot, GuidanceVersion

__all__ = [
    "ClauseSnapshot",
    "GuidanceVersion",
    "ConsultationStatus",
    "Frequency",
    "GuidanceIndexPage",
    "GuidancePage",
    "Participant",
    "Perspective",
]
