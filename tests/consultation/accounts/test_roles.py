from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission

from tests.factories import ParticipantFactory


def page_permissions(group_name):
    return set(
        GroupPagePermission.objects.filter(group__name=group_name).values_list(
            "permission__codename", flat=True
        )
    )


def test_editors_may_add_edit_and_publish_pages(db):
    assert {"add_page", "change_page", "publish_page"} <= page_permissions("Editors")
    editors = Group.objects.get(name="Editors")
    assert editors.permissions.filter(codename="access_admin").exists()
    assert editors.permissions.filter(codename="change_sitelinks").exists()


def test_moderators_reach_the_admin_to_review_comments_but_cannot_publish_guidance(db):
    moderators = Group.objects.get(name="Moderators")

    assert set(moderators.permissions.values_list("codename", flat=True)) == {
        "access_admin",
        "moderate_comments",
    }
    assert page_permissions("Moderators") == set()


def test_participants_have_no_admin_access(client, db):
    participant = ParticipantFactory()
    client.force_login(participant.user)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert not participant.user.has_perm("wagtailadmin.access_admin")


def test_demo_editor_and_moderator_reach_the_admin_and_participant_can_take_part(client, db):
    from consultation.rounds import can_contribute

    call_command("ensure_demo_accounts")
    users = {user.username: user for user in get_user_model().objects.all()}

    assert users["editor"].has_perm("wagtailadmin.access_admin")
    assert users["moderator"].has_perm("wagtailadmin.access_admin")
    assert not users["participant"].has_perm("wagtailadmin.access_admin")
    assert can_contribute(users["participant"])
    client.force_login(users["editor"])
    assert client.get("/admin/").status_code == 200
