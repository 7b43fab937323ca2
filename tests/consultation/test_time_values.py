"""`<time datetime>` values must be valid HTML: whole seconds (or three digits) and an offset.
Django's `date:'c'` and `isoformat()` keep six digits of microseconds, which the Nu checker
rejects."""

import re
from datetime import timedelta

from django.utils import timezone

from consultation.discussion.models import GuidanceComment
from tests.consultation.comment_helpers import discussion_path, make_comment
from tests.consultation.versions.helpers import edit_clause, publish
from tests.factories import ParticipantFactory

VALID = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?([+-]\d\d:\d\d|Z)$")


def datetimes(html: str) -> list[str]:
    return re.findall(r'<time datetime="([^"]*)"', html)


def test_every_time_on_the_discussion_and_version_pages_is_valid_html(client, guidance):
    author = ParticipantFactory()
    comment = make_comment(guidance, author)
    odd_moment = timezone.now().replace(microsecond=123456) - timedelta(days=1)
    GuidanceComment.objects.filter(pk=comment.pk).update(submit_date=odd_moment)
    edit_clause(guidance, 0, heading="A reworded heading")
    second = publish(guidance, summary="A second version.")
    type(second).objects.update(published_at=odd_moment)

    pages = [
        discussion_path(guidance),
        guidance.url,
        guidance.url + "versions/",
        guidance.url + "versions/1/",
        guidance.url + "compare/1/2/",
        "/accounts/contributions/",  # issue 14's page, listing the author's comment
    ]
    client.force_login(author.user)
    seen = []
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        seen += [(path, value) for value in datetimes(response.content.decode())]

    assert {path for path, _ in seen} >= set(pages) - {guidance.url}
    assert [(path, value) for path, value in seen if not VALID.match(value)] == []
