"""The results page asks each clause for its facilitated answers: each version's are read
from the cache once per request, not once per clause (two round trips each)."""

from django.template import Context
from django.test import RequestFactory

from consultation.templatetags import facilitation_tags


def test_a_versions_facilitated_answers_are_read_once_per_request(guidance, monkeypatch):
    reads = []

    def counted(version_id, *, in_marks):
        reads.append(version_id)
        return {}

    monkeypatch.setattr(facilitation_tags, "version_facilitated", counted)
    snapshots = list(guidance.current_version.clauses.all())
    context = Context({"request": RequestFactory().get("/")})

    for snapshot in snapshots:
        assert facilitation_tags.facilitated_result(context, snapshot, guidance) is None
    assert reads == [guidance.current_version.pk]

    facilitation_tags.facilitated_result(
        Context({"request": RequestFactory().get("/")}), snapshots[0], guidance
    )
    assert len(reads) == 2  # a new request reads again
