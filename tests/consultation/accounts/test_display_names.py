"""Display names that cannot pose as someone else: normalised, no invisible characters,
no look-alike letters from another alphabet, unique on what they look like."""

import importlib
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import IntegrityError, connection
from django.db.migrations.loader import MigrationLoader

from consultation.accounts.models import Participant
from consultation.accounts.names import display_name_skeletons
from tests.consultation.accounts.test_signup import SIGNUP, signup_data
from tests.factories import ParticipantFactory, UserFactory


def refusal(client, name) -> str:
    response = client.post(SIGNUP, signup_data(display_name=name))
    assert response.status_code == 200, name
    assert not get_user_model().objects.filter(email="new.person@example.org").exists()
    return " ".join(response.context["form"].errors["display_name"])


@pytest.mark.parametrize(
    "name, reason",
    [
        ("Former participant\u200b", "invisible"),
        ("F\u03bfrmer participant", "different alphabets"),  # Greek omicron
        ("FORMER PARTICIPANT", "kept for comments from deleted accounts"),
        ("Bob Tester\u200b", "invisible"),
        ("\u0412\u043eb Tester", "different alphabets"),  # Cyrillic "Во"
        ("\u200b\u200b\u200b", "invisible"),
        ("Bob\u202eTester", "invisible"),  # right-to-left override
        ("B0B TESTER", "looks the same"),
        ("Bob TesteR", "already using"),
        ("\u0412\u041e\u0412", "already using"),  # all Cyrillic: one script, the same look
    ],
)
def test_look_alike_and_invisible_names_are_refused(client, db, name, reason):
    ParticipantFactory(display_name="Bob Tester")
    ParticipantFactory(display_name="Bob")

    assert reason in refusal(client, name)


def test_the_same_refusals_apply_when_renaming(client, db):
    ParticipantFactory(display_name="Bob Tester")
    renamer = ParticipantFactory(display_name="Someone Else")
    client.force_login(renamer.user)

    response = client.post(
        "/accounts/profile/",
        {"form": "profile", "profile-display_name": "B\u043eb Tester", "profile-perspective": ""},
    )

    assert response.status_code == 200
    renamer.refresh_from_db()
    assert renamer.display_name == "Someone Else"


def test_names_are_normalised_before_they_are_kept(client, db):
    client.post(SIGNUP, signup_data(display_name="\uff21\uff4c\uff49\uff43\uff45  Smith"))

    assert Participant.objects.filter(display_name="Alice Smith").exists()


def test_ordinary_names_in_one_alphabet_are_welcome(client, db):
    for email, name in [("a@example.org", "José Müller"), ("b@example.org", "Ελένη")]:
        client.post(SIGNUP, signup_data(email=email, display_name=name))
        assert Participant.objects.filter(display_name=name).exists(), name


def test_the_database_refuses_a_look_alike_whatever_the_form_did(db):
    ParticipantFactory(display_name="Bob Tester")

    with pytest.raises(IntegrityError):
        Participant.objects.create(user=UserFactory(), display_name="\u0412ob Tester")


def test_skeletons_match_what_readers_cannot_tell_apart():
    bob = display_name_skeletons("Bob Tester")
    assert display_name_skeletons("\u0412OB TESTER")[0] == bob[0]
    assert (
        display_name_skeletons("FORMER PARTICIPANT")[1]
        == display_name_skeletons("Former participant")[1]
    )
    assert set(display_name_skeletons("Bili")).isdisjoint(display_name_skeletons("Bill"))


def stored_before_the_rule(name):
    """A participant saved as names were before issue 21: no skeletons."""
    participant = ParticipantFactory(display_name=f"placeholder {name.encode().hex()[:20]}")
    Participant.objects.filter(pk=participant.pk).update(
        display_name=name, display_name_skeleton=None, display_name_folded_skeleton=None
    )
    return participant


def test_the_clash_report_lists_look_alikes_and_broken_names(db):
    ParticipantFactory(display_name="Bob Tester")
    stored_before_the_rule("\u0412ob Tester")
    stored_before_the_rule("Quiet\u200bHeron")
    out = StringIO()

    call_command("display_name_clashes", stdout=out)

    report = out.getvalue()
    assert "Look the same: 'Bob Tester'" in report and "'\u0412ob Tester'" in report
    assert "Against the rules: 'Quiet\\u200bHeron'" in report
    assert "problems found." in report


def test_the_migration_keeps_the_first_of_two_clashing_names(db):
    first = ParticipantFactory(display_name="Bob Tester")
    second = stored_before_the_rule("\u0412ob Tester")
    Participant.objects.filter(pk=first.pk).update(display_name_skeleton=None)
    name = "0014_i21_display_name_skeletons"
    migration = importlib.import_module(f"consultation.migrations.{name}")
    # Historical models, without today's save(), which would fill in both skeletons itself;
    # taken at the latest migration, as the tables now are (later migrations rename columns).
    historical = MigrationLoader(connection).project_state().apps

    migration.fill(historical, None)

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.display_name_skeleton == "bobtester"
    assert second.display_name_skeleton is None
