import pytest
from django.test import Client

from consultation.demo import content
from consultation.guidance.models import GuidancePage
from consultation.suggestions.models import Suggestion, SuggestionStatus

pytestmark = pytest.mark.usefixtures("demo_for_the_module")


def demo_page():
    return GuidancePage.objects.get(slug=content.MAIN_SLUG)


def test_the_demo_has_suggestions_in_each_state(db):
    suggestions = Suggestion.objects.on_page(demo_page())
    assert {s.status for s in suggestions} == set(SuggestionStatus.values)
    assert suggestions.filter(is_withdrawn=True).exists()
    assert suggestions.filter(moderation="held").exists()
    assert suggestions.visible().filter(status=SuggestionStatus.OPEN).count() >= 2


def test_one_suggestion_is_accepted_in_version_3_and_credited_in_its_history(db):
    page = demo_page()
    accepted = Suggestion.objects.get(page=page, addressed_in__number=3)
    assert accepted.snapshot.version.number == 2
    assert accepted.author_name == "Harbour"
    history = Client().get(page.url + page.reverse_subpage("versions")).content.decode()
    assert "wording suggested by Harbour" in history
