from datetime import timedelta

from django.utils import timezone

from consultation.forum.models import Outcome
from consultation.forum.pages import AgendaItem
from tests.consultation.comment_helpers import make_comment
from tests.consultation.forum.helpers import session_under
from tests.factories import ParticipantFactory


def past_session_with_summary(guidance, clause):
    session = session_under(guidance, days=-5)
    session.agenda_items = [
        AgendaItem(
            clause_id=clause.id,
            summary="<p>People asked for protected supervision time.</p>",
            outcome=Outcome.REDRAFT,
        )
    ]
    session.save_revision().publish()
    return session


def test_a_published_summary_shows_on_the_clause_its_discussion_and_feedback(client, guidance):
    clause = guidance.clauses[1]
    make_comment(guidance, ParticipantFactory(), clause=clause, text="Supervision slips.")
    session = past_session_with_summary(guidance, clause)
    day = f"{timezone.localtime(session.ends_at).day} "

    page = client.get(guidance.url).content.decode()
    discussion = client.get(guidance.url + f"clauses/{clause.short_id}/discussion/").content
    session_page = client.get(session.url).content.decode()
    you_said = client.get(guidance.url + "feedback/").content.decode()

    assert f"Discussed at the forum on {day}" in page
    assert f'href="{session.url}#item-1"' in page
    assert "People asked for protected supervision time." in discussion.decode()
    assert "Outcome:</strong> Agreed to redraft" in session_page
    assert "People asked for protected supervision time." in you_said
    assert "Held so far" in page


def test_a_session_without_summary_marks_no_clause(client, guidance):
    session_under(guidance, days=-5)
    assert "Discussed at the forum" not in client.get(guidance.url).content.decode()


def test_the_history_of_the_next_version_names_the_session(client, guidance):
    clause = guidance.clauses[0]
    session = past_session_with_summary(guidance, clause)
    version = guidance.current_version
    version.published_at = timezone.now() - timedelta(days=30)
    version.save()
    guidance.body[0].value["heading"] = "A redrafted heading"
    guidance.change_summary = "Redrafted after the forum."
    guidance.save_revision().publish()

    history = client.get(guidance.url + "versions/").content.decode()

    assert "Before this version, the forum discussed" in history
    assert f"{session.title}, item 1" in history


def test_upcoming_sessions_show_on_the_home_page_and_in_the_feed(client, guidance):
    session = session_under(guidance, days=4)

    home = client.get("/").content.decode()
    feed = client.get("/feeds/forum/")

    assert session.title in home and "Coming up" in home
    assert feed.status_code == 200
    assert session.title in feed.content.decode()
    assert feed["Content-Type"].startswith("application/atom+xml")
