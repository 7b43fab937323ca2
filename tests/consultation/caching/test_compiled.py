"""CompiledRead: a read's SQL built once, then only sent with new values; on PostgreSQL
with persistent connections, prepared once per connection."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from consultation.accounts.models import Participant
from consultation.caching.compiled import CompiledRead
from tests.factories import ParticipantFactory


def _by_user(user, lowest):
    return Participant.objects.filter(
        user_id=user, user__is_active=True, pk__gte=lowest
    ).values_list("pk", "display_name", "created_at")


@pytest.mark.django_db
def test_rows_are_what_the_queryset_gives_for_each_set_of_values():
    read = CompiledRead(Participant, _by_user)
    people = [ParticipantFactory() for _ in range(3)]
    for person in people:
        for lowest in (person.pk, person.pk + 1):
            expected = list(_by_user(person.user_id, lowest))
            assert read.rows(user=person.user_id, lowest=lowest) == expected
    assert read.rows(user=people[0].user_id, lowest=people[0].pk + 1) == []
    # Columns come back as Django would give them (SQLite stores dates as text).
    (row,) = read.rows(user=people[0].user_id, lowest=0)
    assert row[2] == people[0].created_at


@pytest.mark.django_db
def test_instances_are_the_models_rows():
    person = ParticipantFactory()
    read = CompiledRead(Participant, lambda pk: Participant.objects.filter(pk=pk))
    (found,) = read.instances(pk=person.pk)
    assert (found.pk, found.display_name, found.user_id) == (
        person.pk,
        person.display_name,
        person.user_id,
    )
    assert not found._state.adding
    assert read.instances(pk=person.pk + 1000) == []


@pytest.mark.django_db
def test_the_sql_is_built_once():
    read = CompiledRead(Participant, _by_user)
    person = ParticipantFactory()
    built = []
    original = read._build
    read._build = lambda **values: built.append(values) or original(**values)
    for _ in range(3):
        read.rows(user=person.user_id, lowest=0)
    assert len(built) == 2  # once with each set of stand-ins, to find the arguments' places


@pytest.mark.django_db
def test_an_argument_that_is_not_a_plain_parameter_is_refused():
    read = CompiledRead(Participant, lambda n: Participant.objects.all()[:n])
    with pytest.raises(ValueError, match="plain parameters"):
        read.rows(n=2)


@pytest.fixture
def persistent_connection(settings):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    previous = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = 60
    yield
    connection.settings_dict["CONN_MAX_AGE"] = previous


def _statements(queries) -> list[str]:
    return [query["sql"].split()[0] for query in queries]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_prepared_once_per_connection_on_postgresql(persistent_connection):
    read = CompiledRead(Participant, _by_user)
    person = ParticipantFactory()
    expected = list(_by_user(person.user_id, 0))
    with CaptureQueriesContext(connection) as first:
        assert read.rows(user=person.user_id, lowest=0) == expected
    with CaptureQueriesContext(connection) as again:
        assert read.rows(user=person.user_id, lowest=0) == expected
    assert _statements(first) == ["PREPARE", "EXECUTE"]
    assert _statements(again) == ["EXECUTE"]
    # A new connection has none of this one's statements.
    connection.close()
    with CaptureQueriesContext(connection) as reconnected:
        assert read.rows(user=person.user_id, lowest=0) == expected
    assert _statements(reconnected) == ["PREPARE", "EXECUTE"]
    # Lost behind Django's back (a pooler's reset, say): prepared again, the read answers.
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    assert read.rows(user=person.user_id, lowest=0) == expected


@pytest.mark.postgres
@pytest.mark.django_db
def test_inside_a_transaction_the_sql_is_sent_plainly(persistent_connection):
    read = CompiledRead(Participant, _by_user)
    person = ParticipantFactory()
    with CaptureQueriesContext(connection) as queries:
        assert read.rows(user=person.user_id, lowest=0) == list(_by_user(person.user_id, 0))
    assert "SELECT" in _statements(queries)
    assert not {"PREPARE", "EXECUTE"} & set(_statements(queries))
