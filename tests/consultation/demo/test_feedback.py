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
