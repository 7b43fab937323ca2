"""The bench's revision-desk measurements, once on a tiny seed: the editors' pages answer,
within the query target, and answering a theme at once writes every response."""

import pytest

from bench.measure import reads, report, revision_desk
from bench.seed.national import Scale, seed_national
from consultation.feedback.models import FeedbackResponse


@pytest.fixture
def seeded(db, monkeypatch):
    monkeypatch.setattr(reads, "RUNS", 1)
    monkeypatch.setattr(reads, "WARMUP", 1)
    monkeypatch.setattr(revision_desk, "ANSWERED_AT_ONCE", 10)
    return seed_national(
        Scale(participants=30, votes=300, comments=150, big_discussion=25, clauses=21),
        progress=False,
    )


def test_editor_pages_and_answering_a_theme(seeded):
    pages = revision_desk.editor_pages(seeded)
    answered = revision_desk.answer_a_theme(seeded)

    assert set(pages) == {
        "workspace", "workspace_filtered", "workspace_theme", "theme_summary", "page_editor",
    }  # fmt: skip
    for name, measured in pages.items():
        if name != "page_editor":  # Wagtail's own editor view, with our panel in it
            assert measured["queries"] <= report.MAX_QUERIES, (name, measured["queries"])
    assert answered["comments"] == 10
    assert FeedbackResponse.objects.filter(comment__themes__name="Supervision").count() == 10
