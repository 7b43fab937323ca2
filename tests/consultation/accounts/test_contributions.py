"""'Your contributions' and 'since you last took part': from comment to change."""

from datetime import timedelta

from django.utils import timezone

from consultation.accounts.contributions import contributions_data
from consultation.feedback.models import Outcome
from consultation.feedback.services import response_record
from consultation.guidance.models import GuidancePage
from consultation.voting.models import ResultsVisibility, Vote
from consultation.voting.services import vote_cast
from tests.consultation.comment_helpers import make_comment
from tests.factories import GuidancePageFactory, ParticipantFactory


def publish(page, **clause_changes):
    for index, changes in clause_changes.items():
        page.body[int(index)].value.update(changes)
    page.change_summary = f"Change {page.versions.count() + 1}"
    page.save_revision().publish()
    return GuidancePage.objects.get(pk=page.pk)


def test_my_comment_shows_replies_outcome_and_the_version_that_addressed_it(
    client, guidance, editor
):
    me = ParticipantFactory()
    comment = make_comment(guidance, me, clause=guidance.clauses[0], text="Please say more.")
    make_comment(guidance, ParticipantFactory(), clause=guidance.clauses[0], parent=comment)
    page = publish(guidance, **{"0": {"heading": "Says more now"}})
    response_record(
        editor=editor,
        comment=comment,
        outcome=Outcome.ACCEPTED,
        rationale="We added an example.",
        version=page.current_version,
    )
    client.force_login(me.user)

    html = client.get("/accounts/contributions/").content.decode()

    assert "Please say more." in html
    assert "1 reply" in html
    assert "The editors' response: Accepted.</strong> We added an example." in html
    assert f'href="{page.url}compare/1/2/"' in html
    [row] = [r for r in contributions_data(me) if r["kind"] == "comment"]
    assert (row["replies"], row["outcome"], row["addressed_in_version"]) == (1, "Accepted", 2)


def test_my_votes_show_the_clause_support_now_and_its_trend(client, guidance_index, settings):
    settings.COPRODUCE_VOTE_MIN_GROUP = 2
    page = GuidancePageFactory(parent=guidance_index, results_visibility=ResultsVisibility.ALWAYS)
    me = ParticipantFactory()
    snapshot = page.current_version.clauses.get(number=1)
    vote_cast(participant=me, clause_snapshot=snapshot, choice=1)
    vote_cast(participant=ParticipantFactory(), clause_snapshot=snapshot, choice=5)
    page = publish(page, **{"1": {"heading": "Another clause changes"}})
    client.force_login(me.user)

    html = client.get("/accounts/contributions/").content.decode()

    assert "Strongly agree" in html
    assert "50% agree" in html
    assert "v1: 50%, v2: 50%" in html
    [row] = [r for r in contributions_data(me) if r["kind"] == "vote"]
    assert row["agree_percent_now"] == 50
    # The copy carried into version 2 is the same answer, listed once.
    assert Vote.objects.filter(participant=me).count() == 2


def test_support_stays_hidden_where_the_live_rounds_setting_hides_it(client, guidance_index):
    page = GuidancePageFactory(
        parent=guidance_index, results_visibility=ResultsVisibility.AFTER_CLOSE
    )
    me = ParticipantFactory()
    vote_cast(participant=me, clause_snapshot=page.current_version.clauses.first(), choice=1)
    client.force_login(me.user)

    html = client.get("/accounts/contributions/").content.decode()

    assert "Results appear when the consultation closes." in html


def test_since_you_last_took_part_counts_changes_responses_and_replies(client, guidance, editor):
    me = ParticipantFactory()
    mine = make_comment(guidance, me, clause=guidance.clauses[0])
    mine.__class__.objects.filter(pk=mine.pk).update(submit_date=timezone.now() - timedelta(days=2))
    make_comment(guidance, ParticipantFactory(), clause=guidance.clauses[0], parent=mine)
    response_record(editor=editor, comment=mine, outcome=Outcome.NOTED, rationale="Thanks.")
    page = publish(
        guidance, **{"0": {"heading": "First changed"}, "2": {"proposition": "Third changed"}}
    )
    client.force_login(me.user)

    html = client.get(page.url).content.decode()

    assert "Since you last took part" in html
    assert f'<a href="{page.url}compare/1/2/">2 clauses changed</a>' in html
    assert "1 of your comments has a response from the editors" in html
    assert "1 new reply to your comments" in html


def test_no_since_you_last_took_part_for_newcomers(client, guidance):
    client.force_login(ParticipantFactory().user)

    assert "Since you last took part" not in client.get(guidance.url).content.decode()
