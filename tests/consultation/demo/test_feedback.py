from django.core.management import call_command

from consultation.demo import content
from consultation.feedback.models import FeedbackResponse, Outcome
from consultation.guidance.models import GuidancePage


def test_the_demo_has_a_response_of_every_outcome_some_addressed_in_version_3(db, client):
    call_command("load_demo")
    call_command("load_demo")
    page = GuidancePage.objects.get(slug=content.MAIN_SLUG)
    responses = FeedbackResponse.objects.on_page(page)

    assert set(responses.values_list("outcome", flat=True)) == set(Outcome.values)
    assert responses.filter(addressed_in__number=3).exists()
    assert client.get(page.url + "feedback/").status_code == 200


def test_the_demo_has_themes_one_public_and_a_response_waiting_for_version_4(db):
    from consultation.feedback.models import ReviewMark, Theme
    from consultation.feedback.services import responses_link_to_version

    call_command("load_demo")
    page = GuidancePage.objects.get(slug=content.MAIN_SLUG)

    themes = Theme.objects.on_page(page)
    assert themes.count() >= 2 and themes.filter(is_public=True).exists()
    assert all(theme.comments.exists() for theme in themes)
    assert ReviewMark.objects.filter(comment__page=page).exists()
    (waiting,) = FeedbackResponse.objects.on_page(page).filter(awaiting_next_version=True)
    page.body[0].value["heading"] = "A fourth version's heading"
    page.change_summary = "Clause 1 renamed."
    page.save_revision().publish()
    assert FeedbackResponse.objects.get(pk=waiting.pk).addressed_in.number == 4
    assert responses_link_to_version(version=page.versions.get(number=4)) == []
