from .pages import ConsultationStatus, GuidanceIndexPage, GuidancePage
from .participants import Participant, Perspective

__all__ = [
    "ConsultationStatus",
    "GuidanceIndexPage",
    "GuidancePage",
    "Participant",
    "Perspective",
]
