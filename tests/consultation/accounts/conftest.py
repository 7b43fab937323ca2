import pytest

from tests.factories import PASSWORD


@pytest.fixture
def sign_in():
    """Sign in through allauth's own forms, as a person would, and confirm the password
    once more, so that sensitive pages (data download, deletion) do not ask for it."""

    def sign_in(client, user):
        response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
        assert response.status_code == 302, response.content.decode()[:2000]
        response = client.post("/accounts/reauthenticate/", {"password": PASSWORD})
        assert response.status_code == 302, response.content.decode()[:2000]
        return client

    return sign_in
