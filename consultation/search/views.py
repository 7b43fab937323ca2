"""`/search/`: parse the query, search, paginate, render."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse

from consultation.discussion.links import comment_url
from consultation.guidance.models import GuidancePage
from consultation.guidance.rendering import expands_content_notes
from consultation.plain_text import text_clean
from consultation.search.results import site_search

PER_PAGE = 20
MAX_QUERY = 200


def search(request):
    # NUL and other control characters end the database's search syntax early: dropped.
    query = text_clean(request.GET.get("q", ""))[:MAX_QUERY].strip()
    pages = GuidancePage.objects.live().public()
    hits = site_search(query, pages) if query else []
    paginator = Paginator(hits, PER_PAGE)
    # An unknown or out-of-range page number shows the nearest real page, never an error.
    results = paginator.get_page(request.GET.get("page"))
    notes = _content_notes(results, expand=expands_content_notes(request.user))
    for hit in results:
        hit.url = _url(hit)
        hit.content_note = notes.get((hit.page.pk, hit.clause.clause_id), "") if hit.clause else ""
    return TemplateResponse(
        request,
        "search/search.html",
        {"query": query, "results": results, "count": paginator.count},
    )


def _content_notes(hits, *, expand: bool) -> dict:
    """{(page id, clause id): content note} for the clauses on this page of hits. A clause
    with a note is folded on its page unless the reader chose otherwise (issue 18), so a
    search excerpt must not show its words either."""
    if expand:
        return {}
    pages = {hit.page.pk: hit.page for hit in hits if hit.clause}
    return {
        (pk, clause.id): clause.content_note
        for pk, page in pages.items()
        for clause in page.clauses
        if clause.content_note
    }


def _url(hit) -> str:
    if hit.kind == "comment":
        return comment_url(hit.page, hit.comment)
    if hit.kind == "clause":
        return f"{hit.page.url}#{hit.clause.anchor}"
    return hit.page.url
