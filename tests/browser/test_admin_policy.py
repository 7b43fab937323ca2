from django.contrib.auth.models import Group
from playwright.sync_api import expect

from consultation.accounts.roles import roles_set_up
from tests.factories import UserFactory


def test_editor_edits_guidance_in_the_admin_without_policy_violations(page, demo):
    roles_set_up()  # earlier live-server tests flushed what the migration created
    editor = UserFactory(username="browser-editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    page.goto("/admin/login/")
    page.get_by_label("Username").fill("browser-editor")
    page.get_by_label("Password").fill("a long enough password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    from consultation.guidance.models import GuidancePage

    guidance = GuidancePage.objects.get(slug="employing-peer-support-workers")
    page.goto(f"/admin/pages/{guidance.pk}/edit/")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("has been updated")).to_be_visible()

    assert violations == []
