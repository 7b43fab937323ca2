"""Facilitated input made as a facilitator would, for tests of the features it meets."""

from datetime import date

from django.contrib.auth.models import Group

from consultation.facilitation.models import SourceKind
from consultation.facilitation.services import source_record
from tests.factories import UserFactory


def a_facilitator():
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
