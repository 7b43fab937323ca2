"""The editors' revision desk on the national seed (issue 15): the workspace, a filtered
list, the theme summary and the page editor with its clause feedback panel, signed in as
the bench editor; and one response applied to 500 comments of a theme in one request
(notifications go to the task queue, not into this request's time)."""

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bench.measure.reads import get_measure, signed_in
from consultation.discussion.models import GuidanceComment
from consultation.feedback.models import CommentTheme, Theme

THEMES = ["Supervision", "Training time", "Pay and hours", "Boundaries", "Lived experience"]
ANSWERED_AT_ONCE = 500


def _themes(seeded) -> list[Theme]:
    """Five themes over the first 2,500 threads awaiting a response, tagged in bulk."""
    page = seeded.page
    themes = [
        Theme.objects.get_or_create(page=page, name=name, defaults={"created_by": seeded.editor})[0]
        for name in THEMES
    ]
    threads = list(
        GuidanceComment.objects.on_page(page)
        .visible()
        .top_level()
        .filter(feedback_response__isnull=True)
        .order_by("pk")
        .values_list("pk", flat=True)[: ANSWERED_AT_ONCE * len(THEMES)]
    )
    CommentTheme.objects.bulk_create(
        [
            CommentTheme(theme=themes[index // ANSWERED_AT_ONCE], comment_id=pk)
            for index, pk in enumerate(threads)
        ],
        ignore_conflicts=True,
    )
    return themes


def editor_pages(seeded) -> dict:
    themes = _themes(seeded)
    page = seeded.page
    client = signed_in(seeded.editor)
    workspace = reverse("consultation_feedback_workspace", args=[page.pk])
    clause = seeded.big_clause.clause_id
    urls = {
        "workspace": workspace,
        "workspace_filtered": f"{workspace}?clause={clause}&status=awaiting&perspective=carer",
        "workspace_theme": f"{workspace}?theme={themes[0].pk}",
        "theme_summary": reverse("consultation_feedback_themes", args=[page.pk]),
        "page_editor": reverse("wagtailadmin_pages:edit", args=[page.pk]),
    }
    return {name: {"who": "editor", **get_measure(client, url)} for name, url in urls.items()}


def answer_a_theme(seeded) -> dict:
    """One POST answering the 500 threads of the first theme; run once (it writes)."""
    theme = Theme.objects.get(page=seeded.page, name=THEMES[0])
    client = signed_in(seeded.editor)
    url = reverse(
        "wagtail_bulk_action", args=["consultation", "guidancecomment", "feedback-respond"]
    )
    query = f"?page={seeded.page.pk}&id=all&theme={theme.pk}&status=awaiting"
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            url + query, {"outcome": "noted", "rationale": "Thank you: we read every one."}
        )
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 302, response.content.decode()[-3000:]
    return {
        "comments": theme.comments.count(),
        "ms": round(elapsed, 2),
        "queries": len(queries),
    }
