"""The session's user read the short way (accounts/session_user.py) is always the user
Django's own get_user would give, and every other case is left to Django."""

import pytest
from django.contrib import auth
from django.contrib.auth import HASH_SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.test import Client, RequestFactory

from consultation.accounts.session_user import session_user
from consultation.caching.personal import HEADER
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def _request(client):
    request = RequestFactory().get("/")
    request.session = client.session
    return request


def _signed_in(participant) -> Client:
    client = Client()
    client.force_login(participant.user)
    return client


def test_a_plain_session_gives_the_same_user_as_django_in_one_query(
    django_assert_num_queries,
):
    alex = ParticipantFactory()
    client = _signed_in(alex)
    request = _request(client)
    # The session's own read is not the user's.
    request.session._session_cache = request.session.load()
    with django_assert_num_queries(1):
        user = session_user(request)
    assert user == auth.get_user(_request(client)) == alex.user
    assert [getattr(user, f.attname) for f in user._meta.concrete_fields] == [
        getattr(alex.user, f.attname) for f in user._meta.concrete_fields
    ]


@pytest.mark.parametrize("change", ["inactive", "password", "deleted"])
def test_a_session_django_would_refuse_is_refused(change):
    alex = ParticipantFactory()
    client = _signed_in(alex)
    user = alex.user
    if change == "inactive":
        user.is_active = False
        user.save()
    elif change == "password":
        user.set_password("a new password nobody else knows")
        user.save()
    else:
        user.delete()
    request = _request(client)
    assert isinstance(session_user(request), AnonymousUser)


def test_a_password_change_signs_the_session_out_as_django_does():
    alex = ParticipantFactory()
    client = _signed_in(alex)
    alex.user.set_password("a new password nobody else knows")
    alex.user.save()
    request = _request(client)
    session_user(request)
    assert "_auth_user_id" not in request.session  # flushed, by Django


def test_a_session_signed_with_an_old_secret_key_is_rotated_by_django(settings):
    alex = ParticipantFactory()
    old_key = settings.SECRET_KEY
    client = _signed_in(alex)
    settings.SECRET_KEY_FALLBACKS = [old_key]
    settings.SECRET_KEY = "a new secret key for this test, long enough to be used " * 2
    request = _request(client)
    assert session_user(request) == alex.user
    assert request.session[HASH_SESSION_KEY] == alex.user.get_session_auth_hash()


def test_a_cached_signed_in_page_is_not_served_after_a_password_change(guidance, settings):
    settings.COPRODUCE_PAGE_CACHE_SECONDS = 300
    alex = ParticipantFactory()
    client = _signed_in(alex)
    client.get(guidance.url)
    assert client.get(guidance.url)[HEADER] == "hit"
    alex.user.set_password("a new password nobody else knows")
    alex.user.save()
    response = client.get(guidance.url)
    assert response.get(HEADER) is None
    page = response.content.decode()
    assert "Sign out" not in page and "Sign in" in page
