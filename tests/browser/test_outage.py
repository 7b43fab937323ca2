"""The pages people see while a service is down (coproduce_site/outage.py): calm, accessible,
and keeping what they typed. The live server shares this process, so a patched database
cursor or an unreachable Redis applies to it as to a real outage."""

import re
from unittest import mock

import pytest
from django.db import OperationalError
from playwright.sync_api import expect

from consultation.demo.content import MAIN_SLUG
from coproduce_site.settings.base import redis_caches
from tests.factories import ParticipantFactory
from tests.site.outage_helpers import unreachable_redis_url

DEMO_URL = f"/guidance/{MAIN_SLUG}/"


@pytest.fixture
def participant_page(page, demo, sign_in):
    sign_in(page, ParticipantFactory(display_name="Outage Olu", perspectives="carer").user)
    return page


def test_a_comment_sent_while_the_database_is_down_is_shown_back(participant_page, axe):
    page = participant_page
    page.goto(DEMO_URL + "discussion/")
    page.get_by_label("Your comment").fill("Please keep these words safe.")

    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError("down")
    ):
        with page.expect_response(re.compile(r"/discussion/$")) as answer:
            page.get_by_role("button", name="Post comment").click()
        assert answer.value.status == 503
        expect(page.get_by_role("heading", level=1)).to_have_text("We will be back shortly")
        expect(page.get_by_label("What you wrote")).to_have_value("Please keep these words safe.")
        assert axe(page) == []
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()


def test_sign_in_while_redis_is_down_explains_the_pause(page, demo, settings, axe):
    user = ParticipantFactory().user
    page.goto("/accounts/login/")
    settings.CACHES = redis_caches(*[unreachable_redis_url()] * 2)

    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill("whatever-was-typed")
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Signing in is paused for a few minutes"
    )
    expect(page.get_by_text(user.email)).to_be_visible()
    assert axe(page) == []
