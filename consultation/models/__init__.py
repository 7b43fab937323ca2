from .pages import ConsultationStatus, GuidanceIndexPage, GuidancePage
from .participants import Participant, Perspective
from .versions import ClauseSnapshot, GuidanceVersion

__all__ = [
    "ClauseSnapshot",
    "GuidanceVersion",
    "ConsultationStatus",
    "GuidanceIndexPage",
    "GuidancePage",
    "Participant",
    "Perspective",
]
