from datetime import timedelta

from django.utils import timezone

from consultation.forum.models import SessionFormat
from consultation.forum.pages import ForumSessionPage


def session_under(guidance, *, capacity=10, days=3, **fields):
    starts = timezone.now() + timedelta(days=days)
    values = {
        "title": "Forum on supervision",
        "slug": f"forum-{timezone.now().timestamp():.0f}-{capacity}-{days}",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
        "format": SessionFormat.HYBRID,
        "place": "Leeds Central Library, Room 2",
        "joining_link": "https://meet.example.org/forum",
        "accessibility": "<p>Step-free access and live captions. Ask us for anything else.</p>",
        "capacity": capacity,
        "registration_closes_at": starts - timedelta(hours=12),
        **fields,
    }
    session = ForumSessionPage(**values)
    guidance.add_child(instance=session)
    session.save_revision().publish()
    return ForumSessionPage.objects.get(pk=session.pk)
