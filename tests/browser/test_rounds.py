"""Journeys across a round: an editor publishes a revision, participants see what changed,
and once the round closes the forms are gone and the server refuses direct posts."""

import re
from datetime import timedelta

from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from consultation.accounts.roles import roles_set_up
from consultation.demo.content import MAIN_SLUG
from consultation.guidance.models import GuidancePage
from tests.factories import ParticipantFactory, UserFactory

DEMO_URL = f"/guidance/{MAIN_SLUG}/"


def test_editor_publishes_a_new_version_and_readers_see_what_changed(page, demo, sign_in):
    roles_set_up()
    editor = UserFactory(username="browser-editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    guidance = GuidancePage.objects.get(slug=MAIN_SLUG)
    versions_before = guidance.versions.count()
    sign_in(page, editor)

    page.goto(f"/admin/pages/{guidance.pk}/edit/")
    heading = page.get_by_label("Heading").first
    heading.fill(heading.input_value() + " and its values")
    page.get_by_role("textbox", name="What changed in this version").fill(
        "Clause 1 now names its values."
    )
    page.locator("footer").get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("has been published")).to_be_visible()

    new_number = versions_before + 1
    assert guidance.versions.count() == new_number
    page.goto(DEMO_URL)
    first_clause = page.locator("section.clause").first
    expect(first_clause.get_by_role("heading", level=2)).to_contain_text("and its values")
    first_clause.get_by_role("link", name=re.compile(f"Changed in version {new_number}")).click()
    expect(page).to_have_url(re.compile(rf"compare/{new_number - 1}/{new_number}/"))
    expect(page.locator("ins", has_text="values").first).to_be_visible()

    page.goto(f"{DEMO_URL}versions/")
    expect(page.get_by_text("Clause 1 now names its values.")).to_be_visible()


def test_after_the_round_closes_forms_are_gone_and_posts_are_refused(
    page, demo, live_server, sign_in
):
    participant = ParticipantFactory()
    guidance = GuidancePage.objects.get(slug=MAIN_SLUG)
    clause = guidance.clauses[0]
    sign_in(page, participant.user)
    page.goto(f"{DEMO_URL}clauses/{clause.short_id}/discussion/")
    expect(page.get_by_role("button", name=re.compile("Post", re.I)).first).to_be_visible()

    GuidancePage.objects.filter(pk=guidance.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    cache.clear()  # the anonymous page cache would not know the window moved
    page.goto(DEMO_URL)
    expect(page.get_by_text("Closed", exact=False).first).to_be_visible()
    expect(page.locator("form.vote-form, fieldset input[type=radio]")).to_have_count(0)
    page.goto(f"{DEMO_URL}clauses/{clause.short_id}/discussion/")
    expect(page.locator("textarea")).to_have_count(0)

    csrf = page.context.cookies()
    token = next((c["value"] for c in csrf if c["name"] == "csrftoken"), "")
    response = page.request.post(
        f"{DEMO_URL}clauses/{clause.short_id}/discussion/",
        form={"text": "Posted after the close", "csrfmiddlewaretoken": token},
        headers={"X-CSRFToken": token, "Referer": live_server.url + DEMO_URL},
    )
    assert response.status == 403
    assert "Posted after the close" in response.text()
    vote = page.request.post(
        f"{DEMO_URL}clauses/{clause.short_id}/vote/",
        form={"choice": "1", "csrfmiddlewaretoken": token},
        headers={"X-CSRFToken": token, "Referer": live_server.url + DEMO_URL},
    )
    assert vote.status == 403
