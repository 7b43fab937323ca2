from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from consultation.guidance.models import GuidancePage
from tests.factories import UserFactory, admin_clause_stream


def admin_form(**overrides):
    data = {
        "title": "Draft guidance",
        "slug": "draft-guidance",
        "summary": "A summary.",
        "opens_at": "2026-12-10 09:00",
        "closes_at": "2026-12-01 09:00",
        "is_concluded": "",
        "body": admin_clause_stream(),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_cannot_save_a_window_that_closes_before_it_opens(client, guidance_index):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse(
        "wagtailadmin_pages:add", args=("consultation", "guidancepage", guidance_index.pk)
    )

    response = client.post(url, admin_form())

    assert response.status_code == 200
    assert "The consultation must close after it opens" in response.content.decode()
    assert not GuidancePage.objects.filter(slug="draft-guidance").exists()


def test_editor_can_save_a_valid_window(client, guidance_index):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    url = reverse(
        "wagtailadmin_pages:add", args=("consultation", "guidancepage", guidance_index.pk)
    )

    response = client.post(url, admin_form(closes_at="2027-01-10 09:00"))

    assert response.status_code == 302
    page = GuidancePage.objects.get(slug="draft-guidance")
    assert page.clauses[0].heading == "A clause"
