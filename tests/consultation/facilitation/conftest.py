import pytest
from django.contrib.auth.models import Group

from tests.factories import UserFactory


@pytest.fixture
def facilitator(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Facilitators"))
    return user
