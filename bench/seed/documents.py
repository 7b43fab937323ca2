"""Documents for the bench: realistic sizes, built through the same publish path as editors."""

from datetime import timedelta

from django.utils import timezone
from django.utils.html import escape
from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

from consultation.guidance.models import GuidanceIndexPage, GuidancePage
from home.models import HomePage, StandardPage

PARAGRAPH = (
    "Peer workers use their own experience of mental health challenges on purpose, and "
    "the organisation around them agrees how that experience is valued, supported and "
    "paid. This sentence is here to give clause {n} a realistic length of text to compare."
)


def clause_value(n: int, edit: str = "") -> dict:
    body = "".join(f"<p>{PARAGRAPH.format(n=n)} {edit}</p>" for _ in range(3))
    return {
        "heading": f"Clause about topic {n}",
        "body": RichText(body + "<ul><li>first point</li><li>second point</li></ul>"),
        "proposition": f"Organisations should adopt practice {n}.",
        "plain_summary": f"What clause {n} means, in plain words.",
    }


def document_with_versions(
    *, clauses: int, slug: str = "bench-document", results_visibility: str = "", open_days: int = 1
) -> GuidancePage:
    """Version 1; version 2 rewords a tenth and adds two; version 3 removes two and moves one."""
    index = GuidanceIndexPage.objects.first()
    if index is None:
        index = HomePage.objects.get().add_child(
            instance=GuidanceIndexPage(title="Guidance", slug="guidance")
        )
        index.save_revision().publish()
    now = timezone.now()
    page = index.add_child(
        instance=GuidancePage(
            title=f"Bench document {slug}",
            slug=slug,
            summary="A long document for timing comparisons.",
            opens_at=now - timedelta(days=open_days),
            closes_at=now + timedelta(days=30),
            body=[("clause", clause_value(n)) for n in range(1, clauses + 1)],
            **({"results_visibility": results_visibility} if results_visibility else {}),
        )
    )
    page.save_revision().publish()

    stream = [("clause", dict(c.value), c.id) for c in page.body]
    for i in range(0, clauses, 10):
        stream[i][1].update(clause_value(i + 1, edit="Reworded after feedback."))
    stream += [("clause", clause_value(clauses + n), None) for n in (1, 2)]
    _publish(page, stream, "Reworded a tenth of the clauses and added two.")

    stream = [("clause", dict(c.value), c.id) for c in page.body]
    del stream[3], stream[7]
    stream.insert(1, stream.pop(20))
    _publish(page, stream, "Removed two clauses and moved one.")
    return page


def _publish(page, stream, change_summary):
    page.body = StreamValue(page.body.stream_block, stream)
    page.change_summary = change_summary
    page.save_revision().publish()
    page.refresh_from_db()


def plain_page_like(page: GuidancePage, slug: str = "bench-plain") -> StandardPage:
    """A plain Wagtail page holding the same text as `page`'s current version: every
    clause's heading, body, proposition and plain summary in one rich-text field."""
    parts = []
    for clause in page.current_version.clauses.order_by("number"):
        parts += [
            f"<h2>{escape(clause.heading)}</h2>",
            clause.body,
            f"<p><b>{escape(clause.proposition)}</b></p>",
            f"<p>{escape(clause.plain_summary)}</p>",
        ]
    plain = HomePage.objects.get().add_child(
        instance=StandardPage(title=page.title, slug=slug, intro=page.summary, body="".join(parts))
    )
    plain.save_revision().publish()
    return plain
