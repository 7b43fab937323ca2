"""The .ics file sent with a registration: one event, in UTC with the UK time zone named,
which every calendar application reads (RFC 5545, written by the icalendar library)."""

from urllib.parse import urlsplit

from icalendar import Calendar, Event

from consultation.site_url import absolute, base_url


def session_ics(session, *, include_link: bool = True) -> str:
    calendar = Calendar()
    calendar.add("prodid", "-//Coproduce//Forum sessions//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    url = absolute(session.url)
    event.add("uid", f"forum-session-{session.pk}@{urlsplit(base_url()).netloc}")
    event.add("summary", session.title)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("dtstamp", session.latest_revision_created_at or session.starts_at)
    location = session.place or ("Online" if not session.joining_link else session.joining_link)
    if include_link and session.joining_link and session.place:
        location = f"{session.place} / {session.joining_link}"
    event.add("location", location)
    event.add("url", url)
    event.add("description", f"Details, agenda and accessibility information: {url}")
    calendar.add_component(event)
    return calendar.to_ical().decode()
