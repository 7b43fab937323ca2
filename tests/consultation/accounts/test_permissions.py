"""Editor and moderator rights are named permissions: what a role may do follows from the
permissions its group holds, never from the group's name."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from consultation.accounts.roles import roles_set_up
from consultation.feedback.models import FeedbackResponse
from tests.consultation.comment_helpers import make_comment
from tests.factories import ParticipantFactory, UserFactory

EDITOR_RIGHTS = {"respond_to_feedback", "export_feedback"}
MODERATOR_RIGHTS = {"moderate_comments"}
FORUM_RIGHTS = {"view_forum_attendees"}  # issue 17: the forum's attendee lists


def consultation_rights(group_name):
    return set(
        Group.objects.get(name=group_name)
        .permissions.filter(content_type__app_label="consultation")
        .values_list("codename", flat=True)
    )


def granted(*codenames):
    user = UserFactory()
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="consultation", codename__in=codenames)
    )
    return user


def in_group_without(group_name, codename):
    """A member of the group after the group lost one right, as an admin could arrange."""
    group = Group.objects.get(name=group_name)
    group.permissions.remove(group.permissions.get(codename=codename))
    user = UserFactory()
    user.groups.add(group)
    return user


def workspace_urls(guidance):
    comment = make_comment(guidance, ParticipantFactory())
    return [
        reverse("consultation_feedback_index"),
        reverse("consultation_feedback_workspace", args=[guidance.pk]),
        reverse("consultation_feedback_respond", args=[comment.pk]),
    ]


def export_urls(guidance):
    return [
        reverse(f"consultation_feedback_{what}", args=[guidance.pk])
        for what in ("comments_csv", "votes_csv", "comments_xlsx", "votes_xlsx")
    ]


def admin_access():
    return Permission.objects.get(codename="access_admin")


def menu_labels(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return {item.label for item in admin_menu.menu_items_for_request(request)}


def test_migrations_give_editors_and_moderators_exactly_their_rights(db):
    assert consultation_rights("Editors") == EDITOR_RIGHTS | FORUM_RIGHTS
    assert consultation_rights("Moderators") == MODERATOR_RIGHTS


def test_the_rights_are_the_models_own_permissions():
    declared = {codename for codename, _ in FeedbackResponse._meta.permissions}
    assert declared == EDITOR_RIGHTS


def test_the_feedback_migration_grants_editors_their_rights_and_takes_them_back(db):
    migration = importlib.import_module("consultation.migrations.0011_feedback_permissions")
    editors = Group.objects.get(name="Editors")
    editors.permissions.remove(*editors.permissions.filter(codename__in=EDITOR_RIGHTS))

    migration.grant(apps, None)
    assert consultation_rights("Editors") == EDITOR_RIGHTS | FORUM_RIGHTS
    assert consultation_rights("Moderators") == MODERATOR_RIGHTS

    migration.revoke(apps, None)
    assert consultation_rights("Editors") == FORUM_RIGHTS


def test_setting_roles_up_again_after_a_flush_gives_the_same_rights(db):
    Group.objects.filter(name__in=["Editors", "Moderators"]).delete()

    roles_set_up()

    assert consultation_rights("Editors") == EDITOR_RIGHTS | FORUM_RIGHTS
    assert consultation_rights("Moderators") == MODERATOR_RIGHTS


def test_a_user_in_no_group_granted_respond_to_feedback_can_use_the_workspace(client, guidance):
    user = granted("respond_to_feedback")
    user.user_permissions.add(admin_access())
    client.force_login(user)

    for url in workspace_urls(guidance):
        assert client.get(url).status_code == 200, url


def test_an_editor_without_respond_to_feedback_cannot_use_the_workspace(client, guidance):
    client.force_login(in_group_without("Editors", "respond_to_feedback"))

    for url in workspace_urls(guidance):
        assert client.get(url).status_code == 403, url


def test_exports_follow_export_feedback_not_the_group(client, guidance):
    exporter = granted("export_feedback")
    exporter.user_permissions.add(admin_access())
    client.force_login(exporter)
    for url in export_urls(guidance):
        assert client.get(url).status_code == 200, url

    client.force_login(in_group_without("Editors", "export_feedback"))
    for url in export_urls(guidance):
        assert client.get(url).status_code == 403, url


def test_the_workspace_offers_exports_only_to_those_who_may_export(client, guidance):
    client.force_login(in_group_without("Editors", "export_feedback"))

    html = client.get(reverse("consultation_feedback_workspace", args=[guidance.pk])).content
    assert b"Download comments" not in html


def test_a_user_in_no_group_granted_moderate_comments_can_review(client, db):
    user = granted("moderate_comments")
    user.user_permissions.add(admin_access())
    client.force_login(user)

    assert client.get("/admin/comment-review/").status_code == 200


def test_a_moderator_without_moderate_comments_cannot_review(client, db):
    client.force_login(in_group_without("Moderators", "moderate_comments"))

    response = client.get("/admin/comment-review/")

    # Wagtail turns the refusal into a redirect to the admin's home page, with a message.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize(
    ("codename", "shown", "hidden"),
    [
        ("respond_to_feedback", "Feedback", "Comment review"),
        ("moderate_comments", "Comment review", "Feedback"),
    ],
)
def test_the_admin_menu_shows_what_the_permissions_allow(db, codename, shown, hidden):
    user = granted(codename)
    user.user_permissions.add(admin_access())

    labels = menu_labels(user)

    assert shown in labels
    assert hidden not in labels
