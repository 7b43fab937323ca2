import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from consultation.guidance.models import ConsultationStatus, GuidancePage
from tests.factories import GuidancePageFactory

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")


def test_guidance_page_renders_every_clause_in_order(client, guidance):
    response = client.get(guidance.url)

    assert response.status_code == 200
    html = response.content.decode()
    clauses = html[html.index('class="clauses"') :]
    positions = [clauses.index(f"Clause heading {n}") for n in (1, 2, 3)]
    assert positions == sorted(positions)
    assert "Proposition 1" in html
    assert "Summary 2" in html


def test_clause_anchor_is_built_from_its_stable_block_id(client, guidance):
    first = guidance.body[0]
    short_id = str(first.id).replace("-", "")[:8]

    html = client.get(guidance.url).content.decode()

    assert f'id="clause-{short_id}"' in html
    assert f'href="#clause-{short_id}"' in html


def test_clause_numbers_follow_position_and_ids_survive_reordering(guidance):
    ids_before = [clause.id for clause in guidance.clauses]
    raw = list(guidance.body.raw_data)
    guidance.body = json.dumps([raw[2], raw[0], raw[1]])
    guidance.save()
    guidance.refresh_from_db()

    clauses = guidance.clauses
    assert [clause.number for clause in clauses] == [1, 2, 3]
    assert [clause.id for clause in clauses] == [ids_before[2], ids_before[0], ids_before[1]]
    assert clauses[0].heading == "Clause heading 3"


def test_table_of_contents_links_every_clause(client, guidance):
    html = client.get(guidance.url).content.decode()
    toc = html[html.index('class="toc"') : html.index("</nav>", html.index('class="toc"'))]

    assert len(re.findall(r'href="#clause-[0-9a-f]{8}"', toc)) == 3
    assert "1. Clause heading 1" in toc


def test_open_page_shows_closing_date_and_days_left(client, guidance_index):
    closes_at = timezone.now() + timedelta(days=9, hours=1)
    page = GuidancePageFactory(parent=guidance_index, closes_at=closes_at)

    html = client.get(page.url).content.decode()

    local_close = timezone.localtime(closes_at)
    assert "Open for feedback" in html
    assert f"until {local_close.day} {local_close:%B %Y}" in html
    assert f"{page.days_left()} days left" in html


class TestStatusAtTheEdgesOfTheWindow:
    # 1 November 2026 is the first day of GMT after the clocks go back; 1 July is in BST.
    opens_at = datetime(2026, 7, 1, 9, 0, tzinfo=LONDON)
    closes_at = datetime(2026, 11, 1, 0, 0, tzinfo=LONDON)

    @pytest.fixture
    def page(self, db):
        return GuidancePage(opens_at=self.opens_at, closes_at=self.closes_at)

    def test_upcoming_until_the_opening_instant(self, page):
        assert page.status(self.opens_at - timedelta(microseconds=1)) == "upcoming"

    def test_open_from_the_opening_instant(self, page):
        assert page.status(self.opens_at) == ConsultationStatus.OPEN

    def test_opening_instant_is_the_same_in_utc(self, page):
        assert page.status(datetime(2026, 7, 1, 8, 0, tzinfo=UTC)) == "open"
        assert page.status(datetime(2026, 7, 1, 7, 59, 59, tzinfo=UTC)) == "upcoming"

    def test_open_until_the_last_moment(self, page):
        assert page.status(self.closes_at - timedelta(microseconds=1)) == "open"

    def test_closed_at_the_closing_instant(self, page):
        assert page.status(self.closes_at) == ConsultationStatus.CLOSED

    def test_concluded_overrides_the_window(self, page):
        page.is_concluded = True
        assert page.status(self.opens_at) == ConsultationStatus.CONCLUDED

    def test_days_left_counts_london_calendar_days(self, db):
        page = GuidancePage(
            opens_at=self.opens_at, closes_at=datetime(2026, 7, 10, 17, tzinfo=LONDON)
        )
        # 23:30 UTC on 8 July is already 9 July in London (BST, UTC+1).
        assert page.days_left(datetime(2026, 7, 8, 23, 30, tzinfo=UTC)) == 1
        assert page.days_left(datetime(2026, 7, 8, 22, 30, tzinfo=UTC)) == 2
        assert page.days_left(datetime(2026, 7, 10, 16, 0, tzinfo=UTC)) == 0


def test_window_that_closes_before_it_opens_is_refused(db):
    now = timezone.now()
    page = GuidancePage(title="T", slug="t", summary="S", opens_at=now, closes_at=now)

    with pytest.raises(ValidationError) as error:
        page.clean()

    assert "must close after it opens" in str(error.value.message_dict["closes_at"])


def test_status_querysets_agree_with_status(guidance_index):
    now = timezone.now()
    open_page = GuidancePageFactory(parent=guidance_index)
    upcoming = GuidancePageFactory(
        parent=guidance_index, opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=2)
    )
    closed = GuidancePageFactory(
        parent=guidance_index, opens_at=now - timedelta(days=2), closes_at=now - timedelta(days=1)
    )
    concluded = GuidancePageFactory(parent=guidance_index, is_concluded=True)

    assert list(GuidancePage.objects.open()) == [open_page]
    assert list(GuidancePage.objects.upcoming()) == [upcoming]
    assert list(GuidancePage.objects.closed()) == [closed]
    assert list(GuidancePage.objects.concluded()) == [concluded]
    assert [p.status() for p in (open_page, upcoming, closed, concluded)] == [
        "open",
        "upcoming",
        "closed",
        "concluded",
    ]
