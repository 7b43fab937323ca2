from datetime import timedelta

from django.utils import timezone

from tests.factories import GuidancePageFactory


def section(html, heading_id):
    start = html.index(f'id="{heading_id}"')
    return html[start : html.index("</section>", start)]


def test_home_page_groups_consultations_by_status(client, home, guidance_index):
    now = timezone.now()
    GuidancePageFactory(parent=guidance_index, title="Open one")
    GuidancePageFactory(
        parent=guidance_index,
        title="Upcoming one",
        opens_at=now + timedelta(days=3),
        closes_at=now + timedelta(days=30),
    )
    GuidancePageFactory(
        parent=guidance_index,
        title="Closed one",
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=3),
    )
    GuidancePageFactory(parent=guidance_index, title="Final one", is_concluded=True)

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Open one" in section(html, "open-heading")
    assert "Upcoming one" in section(html, "upcoming-heading")
    assert "Closed one" in section(html, "closed-heading")
    assert "Final one" in section(html, "concluded-heading")
    assert "Open one" not in section(html, "closed-heading")


def test_home_page_hides_unpublished_guidance(client, home, guidance_index):
    draft = GuidancePageFactory(parent=guidance_index, title="Secret draft")
    draft.unpublish()

    assert "Secret draft" not in client.get("/").content.decode()


def test_empty_sections_say_so(client, home):
    html = client.get("/").content.decode()

    assert "No consultation is open right now." in html


def test_guidance_index_lists_documents(client, guidance):
    response = client.get("/guidance/")

    assert response.status_code == 200
    assert guidance.title in response.content.decode()
