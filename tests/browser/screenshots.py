"""`make screenshots`: PNGs of the key pages, from the demo, for the README.

Run by pytest on purpose (pytest -p no:cacheprovider tests/browser/screenshots.py): it reuses
the browser fixtures, a throwaway test database and a live server on loopback. Not a test
module (its name does not start with test_), so `make test` does not run it.
"""

import re
from pathlib import Path

from django.contrib.auth.models import Group

from consultation.accounts.roles import roles_set_up
from consultation.demo.content import MAIN_SLUG
from consultation.guidance.models import GuidancePage
from tests.factories import UserFactory

DEMO_URL = f"/guidance/{MAIN_SLUG}/"
OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def shoot(page, name):
    OUT.mkdir(parents=True, exist_ok=True)
    # The first screen, as a visitor sees it: small files, and what matters is on top.
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(OUT / f"{name}.png"))


def test_save_screenshots_of_the_key_pages(page, demo, sign_in):
    page.goto(DEMO_URL)
    shoot(page, "guidance-page")

    discussion = page.get_by_role("link", name=re.compile(r"^Discussion of clause 1\b"))
    page.goto(discussion.get_attribute("href"))
    shoot(page, "clause-discussion")

    page.goto(DEMO_URL + "compare/1/3/")
    shoot(page, "compare-versions")

    page.goto(DEMO_URL + "feedback/")
    shoot(page, "you-said-we-did")

    editor = UserFactory(username="screenshot-editor")
    roles_set_up()  # earlier live-server tests flushed what the migration created
    editor.groups.add(Group.objects.get(name="Editors"))
    sign_in(page, editor)

    page.goto(DEMO_URL + "results/")
    shoot(page, "vote-results")

    document = GuidancePage.objects.get(slug=MAIN_SLUG)
    page.goto(f"/admin/feedback/{document.pk}/")
    shoot(page, "editor-workspace")

    assert len(list(OUT.glob("*.png"))) >= 6
