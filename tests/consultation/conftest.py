"""Fixtures shared by the consultation tests: people in each role."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import ParticipantFactory, UserFactory


@pytest.fixture
def editor(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def participant_user(db):
    return ParticipantFactory().user
