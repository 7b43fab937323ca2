"""Twenty people asking for the last place at once, on PostgreSQL (SQLite runs one writer
at a time, so it would prove nothing)."""

import threading

import pytest
from django.db import connection

from consultation.demo.loader import home_page
from consultation.forum.models import ForumRegistration
from consultation.forum.services import RegistrationRefused, registration_make
from tests.consultation.forum.helpers import session_under
from tests.factories import GuidanceIndexPageFactory, GuidancePageFactory, ParticipantFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite runs one writer at a time, so no real concurrency")


def test_twenty_requests_for_the_last_place_leave_exactly_one():
    # A transactional test starts from a flushed database: build the page tree afresh.
    guidance = GuidancePageFactory(parent=GuidanceIndexPageFactory(parent=home_page()))
    session = session_under(guidance, capacity=3)
    for _ in range(2):
        registration_make(participant=ParticipantFactory(), session=session)
    people = [ParticipantFactory() for _ in range(20)]
    barrier = threading.Barrier(20)
    outcomes = []

    def take(participant):
        try:
            barrier.wait()
            registration_make(participant=participant, session=session)
            outcomes.append("registered")
        except RegistrationRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=take, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes).count("registered") == 1
    assert ForumRegistration.objects.filter(session=session).count() == 3
