from consultation.feedback.models import Outcome
from consultation.feedback.services import response_record
from tests.consultation.comment_helpers import make_comment
from tests.factories import ParticipantFactory


def publish_again(page, editor):
    page.change_summary = "Second round."
    page.title = page.title + " (revised)"
    page.save_revision(user=editor).publish()
    page.refresh_from_db()
    return page.current_version


def test_the_history_says_how_many_comments_each_version_addresses(client, guidance, editor):
    first = guidance.current_version
    comments = [make_comment(guidance, ParticipantFactory()) for _ in range(3)]
    second = publish_again(guidance, editor)
    for comment in comments[:2]:
        response_record(
            editor=editor,
            comment=comment,
            outcome=Outcome.ACCEPTED,
            rationale="Done.",
            version=second,
        )
    response_record(editor=editor, comment=comments[2], outcome=Outcome.NOTED, rationale="Ok.")

    html = client.get(guidance.url + "versions/").content.decode()

    assert "addresses <a" in html
    assert ">2 comments</a>" in html
    assert first.number == 1 and html.count("This version addresses") == 1


def test_clause_resaved_in_the_admin_is_not_reported_as_changed(guidance):
    from consultation.discussion.services import comment_post
    from consultation.feedback.summary import feedback_summary
    from consultation.versions.models import ClauseSnapshot
    from tests.factories import ParticipantFactory

    for clause in guidance.clauses[:2]:
        comment_post(
            participant=ParticipantFactory(),
            page=guidance,
            clause_id=clause.id,
            parent=None,
            text="A comment.",
        )
    guidance.body[1].value["heading"] = "A real change"
    guidance.change_summary = "Clause 2."
    guidance.save_revision().publish()
    # Version 2 as the admin would have stored clause 1: block keys on every paragraph.
    ClauseSnapshot.objects.filter(version__number=2, number=1).update(
        body='<p data-block-key="k1x9z">Body of clause 1.</p>'
    )

    summary = feedback_summary(guidance)
    first = next(v for v in summary.versions if v.version.number == 1)

    assert {c.number: c.changed_in for c in first.clauses} == {1: None, 2: 2}
