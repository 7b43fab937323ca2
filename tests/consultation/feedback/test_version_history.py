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
