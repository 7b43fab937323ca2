import json

from consultation.accounts.services import participant_delete
from consultation.forum.models import ForumRegistration
from consultation.forum.services import registration_make
from tests.consultation.forum.helpers import session_under
from tests.factories import ParticipantFactory


def test_my_data_lists_registrations_and_deletion_gives_the_place_back(client, guidance, sign_in):
    session = session_under(guidance)
    me = ParticipantFactory()
    registration_make(participant=me, session=session)
    sign_in(client, me.user)

    data = json.loads(client.get("/accounts/my-data/download/").content)

    assert [r["session"] for r in data["forum_registrations"]] == [session.title]
    participant_delete(user=me.user, keep_comments=False)
    assert not ForumRegistration.objects.exists()
