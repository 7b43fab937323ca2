import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.models import GroupCollectionPermission, GroupPagePermission

from consultation.accounts.roles import roles_set_up
from tests.factories import ParticipantFactory, UserFactory


def page_permissions(group_name):
    return set(
        GroupPagePermission.objects.filter(group__name=group_name).values_list(
            "permission__codename", flat=True
        )
    )


def model_permissions(group_name):
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def collection_permissions(group_name):
    return set(
        GroupCollectionPermission.objects.filter(group__name=group_name).values_list(
            "permission__codename", flat=True
        )
    )


# Each role's exact rights. A new permission for a role is added here on purpose.
EXPECTED = {
    "Editors": {
        ("wagtailadmin", "access_admin"),
        ("home", "change_sitelinks"),
        ("home", "change_supportsettings"),  # crisis contacts and safeguarding guidance
        ("consultation", "respond_to_feedback"),
        ("consultation", "export_feedback"),
        ("consultation", "view_forum_attendees"),
    },
    "Moderators": {("wagtailadmin", "access_admin"), ("consultation", "moderate_comments")},
    "Facilitators": {
        ("wagtailadmin", "access_admin"),
        ("consultation", "enter_facilitated_input"),
    },
}
EXPECTED_PAGES = {
    "Editors": {"add_page", "change_page", "publish_page", "lock_page", "unlock_page"},
    "Moderators": set(),
    "Facilitators": set(),
}


def test_each_group_has_exactly_its_roles_permissions(db):
    assert set(Group.objects.values_list("name", flat=True)) == set(EXPECTED)
    for name, expected in EXPECTED.items():
        assert model_permissions(name) == expected, name
        assert page_permissions(name) == EXPECTED_PAGES[name], name
        assert collection_permissions(name) == set(), name


def test_setting_roles_up_again_takes_away_what_wagtail_granted(db):
    from wagtail.models import Collection

    editors = Group.objects.get(name="Editors")
    upload = Permission.objects.get(codename="add_document")
    editors.permissions.add(upload)
    GroupCollectionPermission.objects.create(
        group=editors, collection=Collection.get_first_root_node(), permission=upload
    )

    roles_set_up()

    assert model_permissions("Editors") == EXPECTED["Editors"]
    assert collection_permissions("Editors") == set()


@pytest.mark.parametrize("group", ["Moderators", "Editors"])
def test_no_role_can_upload_documents_or_images(client, db, group):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    upload = SimpleUploadedFile("notes.txt", b"Served publicly if accepted.")

    for url in ("/admin/documents/multiple/add/", "/admin/images/multiple/add/"):
        response = client.post(url, {"files[]": upload})
        assert response.status_code in {302, 403}, url
    assert not Document.objects.exists()


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
    assert users["facilitator"].has_perm("consultation.enter_facilitated_input")
    assert not users["facilitator"].has_perm("consultation.respond_to_feedback")
    assert not users["participant"].has_perm("wagtailadmin.access_admin")
    assert can_contribute(users["participant"])
    client.force_login(users["editor"])
    assert client.get("/admin/").status_code == 200
