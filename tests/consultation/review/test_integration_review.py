"""Reviewer's integration probes (issues 15, 16, 17 meeting)."""

from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from consultation.accounts.services import participant_data
from consultation.facilitation.models import SourceKind
from consultation.facilitation.services import facilitated_comment_post, source_record
from consultation.suggestions.services import suggestion_make
from consultation.suggestions.text import blocks_parse
from tests.factories import ParticipantFactory, UserFactory


@pytest.fixture
def facilitator(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Facilitators"))
    return user


def a_source(guidance, facilitator, **overrides):
    fields = {
        "name": "Leeds workshop",
        "kind": SourceKind.WORKSHOP,
        "held_on": date(2027, 1, 12),
        "people": 12,
        "perspective_counts": {"peer_worker": 9},
        "consent_confirmed": True,
    }
    fields.update(overrides)
    return source_record(user=facilitator, page=guidance, **fields)


@pytest.mark.parametrize("how", ["delete", "unpublish"])
def test_a_removed_forum_session_leaves_cached_guidance_and_home_pages(
    client, settings, guidance, home, how
):
    from django.test import Client

    from consultation.caching.page_cache import HEADER
    from tests.consultation.forum.helpers import session_under

    settings.COPRODUCE_PAGE_CACHE_SECONDS = 300
    session = session_under(guidance)
    anonymous = Client()
    for url in (guidance.url, home.url):
        first = anonymous.get(url)
        assert session.title in first.content.decode(), url
        assert anonymous.get(url)[HEADER] == "hit"
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    r = client.post(reverse(f"wagtailadmin_pages:{how}", args=[session.pk]))
    assert r.status_code == 302
    for url in (guidance.url, home.url):
        assert session.title not in anonymous.get(url).content.decode(), (how, url)


def test_contributions_and_my_data_of_someone_who_replied_to_a_group_and_suggested(
    client, guidance, facilitator
):
    import json

    from consultation.accounts.services import participant_delete
    from consultation.forum.services import registration_make
    from tests.consultation.comment_helpers import make_comment
    from tests.consultation.forum.helpers import session_under

    source = a_source(guidance, facilitator)
    clause = guidance.clauses[0]
    group = facilitated_comment_post(
        user=facilitator, source=source, clause_id=clause.id, text="Group says."
    )
    person = ParticipantFactory(display_name="Ann")
    make_comment(guidance, person, clause=clause, parent=group, text="I agree with the group.")
    suggestion_make(
        participant=person, page=guidance, clause_id=clause.id,
        blocks=blocks_parse("New words."), reason="Why.", proposition="",
    )  # fmt: skip
    registration_make(participant=person, session=session_under(guidance))
    client.force_login(person.user)
    assert client.get(reverse("accounts:contributions")).status_code == 200
    data = participant_data(participant=person)
    json.dumps(data, default=str)
    assert data["suggestions"]["suggestions"] and data["forum_registrations"]
    participant_delete(user=person.user, keep_comments=False)
