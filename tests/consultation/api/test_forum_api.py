import json

from consultation.forum.services import registration_make
from tests.consultation.forum.helpers import session_under
from tests.factories import ParticipantFactory


def test_the_forum_api_lists_sessions_without_who_registered_or_the_joining_link(client, guidance):
    session = session_under(guidance, capacity=4)
    registration_make(participant=ParticipantFactory(), session=session)

    sessions = client.get(f"/api/v1/guidance/{guidance.pk}/sessions/").json()

    assert sessions[0]["title"] == session.title
    assert sessions[0]["places_left"] == 3
    text = json.dumps(sessions)
    assert "meet.example.org" not in text and "@example.org" not in text
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/guidance/{guidance_id}/sessions/" in schema["paths"]
