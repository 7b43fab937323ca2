"""The guidance page's clauses, rendered with as little work per request as can be.

A published clause never changes, so its markup (heading, "changed in" note, summary, body
and statement) is rendered once per published revision and cached until the next
publication; that also replaces the site's generation, so rich-text links to other pages
stay right. Each clause's whole section is then rendered from `clause.html`:

- for anonymous readers, whose sections differ only by the data in them, each section is
  cached under a key naming all of that data (the revision, the comment count, whether
  voting is open, why results are hidden or which tallies they show), so a comment or a
  vote re-renders only the sections it changed, and never one reader's view for another;
- for a signed-in participant (their own answer, a form with their CSRF token) it is
  rendered for them, never cached.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template import Context
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from consultation.accounts.models import ContentNotes
from consultation.caching.page_cache import site_generation
from consultation.caching.personal import csrf_context, is_shared_render
from consultation.guidance.clauses import Clause
from consultation.rounds import participant_for

CONTENT_TEMPLATE = "consultation/includes/clause_content.html"
SECTION_TEMPLATE = "consultation/includes/clause.html"
# Long enough to outlive a consultation round; a new publication uses new keys anyway.
CONTENT_SECONDS = 7 * 24 * 60 * 60
SECTION_SECONDS = 60 * 60


@dataclass(frozen=True)
class ClauseRow:
    clause: Clause
    content: str
    comments: int
    voting: object | None
    suggestions: int = 0


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


def content_key(page, page_url: str) -> str | None:
    """Names the page's clauses as published, or None for a page never published."""
    if page.live_revision_id is None:
        return None
    return f"clausehtml:{page.pk}:{page.live_revision_id}:{site_generation()}:{_digest(page_url)}"


def published_clauses(page, *, key) -> list[Clause]:
    """The page's clauses; read from the StreamField once per publication."""
    if key is None:
        return page.clauses
    found = cache.get(f"{key}:clauses")
    if found is None:
        found = page.clauses
        cache.set(f"{key}:clauses", found, CONTENT_SECONDS)
    return found


def clause_contents(
    page, clauses, *, key, page_url: str, notes, expand_notes: bool = False
) -> dict[str, str]:
    """{clause id: rendered content}, from the cache when the page has been published.
    `expand_notes`: clauses with a content note are shown open (a reader's preference), a
    second cached rendering."""
    if key is not None and expand_notes:
        key = f"{key}:expand"
    if key is not None:
        found = cache.get(key)
        if found is not None:
            return found
    template = get_template(CONTENT_TEMPLATE)
    context = {
        "page": page,
        "page_url": page_url,
        "clause_notes": notes,
        "current": True,
        "expand_notes": expand_notes,
    }
    rendered = {c.id: template.render({**context, "clause": c}) for c in clauses}
    if key is not None:
        cache.set(key, rendered, CONTENT_SECONDS)
    return rendered


def expands_content_notes(user) -> bool:
    """Whether this reader chose to see clauses with a content note already open."""
    participant = participant_for(user)
    return participant is not None and participant.content_notes == ContentNotes.EXPAND


def clause_rows(
    page,
    clauses,
    *,
    key,
    page_url,
    notes,
    counts,
    voting,
    expand_notes=False,
    suggestion_counts=None,
) -> list[ClauseRow]:
    contents = clause_contents(
        page, clauses, key=key, page_url=page_url, notes=notes, expand_notes=expand_notes
    )
    return [
        ClauseRow(
            clause=clause,
            content=contents[clause.id],
            comments=counts.get(clause.id, 0),
            voting=voting.get(clause.id),
            suggestions=(suggestion_counts or {}).get(clause.id, 0),
        )
        for clause in clauses
    ]


def _anonymous_key(key, row: ClauseRow, shared: bool = False) -> str | None:
    """Everything an anonymous reader's section is made from, or None if it cannot be
    named (an unpublished page, a vote panel showing a confirmation or an error)."""
    if key is None:
        return None
    entry = row.voting
    panel = "-"
    if entry is not None:
        if entry.signed_in or entry.confirmed or entry.error:
            return None
        shown = entry.results_stamp if entry.results else "-"
        panel = f"{entry.is_open}:{_digest(entry.results_hidden_reason)}:{shown}"
    minimum = settings.COPRODUCE_VOTE_MIN_GROUP
    counts = f"{row.comments}:{row.suggestions}"
    # A shared rendering's sections hold markers for the person's fragments: kept apart.
    kind = "clausesection-shared" if shared else "clausesection"
    return f"{kind}:{key}:{row.clause.id}:{counts}:{panel}:{minimum}"


RESULTS_TEMPLATE = "consultation/includes/vote_results.html"


def _with_results_panels(rows: list[ClauseRow]) -> None:
    """Fill in each shown results panel, the same for everyone who may see it, from the
    cache under the stamp of the tallies it shows (a vote makes a new stamp)."""
    entries = [r.voting for r in rows if r.voting is not None and r.voting.results]
    if not entries:
        return
    minimum = settings.COPRODUCE_VOTE_MIN_GROUP
    keys = {
        # Whether the round is open changes the wording ("so far"), not only the numbers;
        # whether facilitated tallies count in the marks is the page's live setting.
        e.snapshot.clause_id: (
            f"votes:panel:{e.results_stamp}:{e.snapshot.clause_id}:{minimum}:{e.is_open}"
            f":{e.page.facilitated_tallies_in_marks}"
        )
        for e in entries
    }
    found = cache.get_many(list(keys.values()))
    template = get_template(RESULTS_TEMPLATE).template
    missing = {}
    for entry in entries:
        key = keys[entry.snapshot.clause_id]
        if key not in found:
            context = Context({"entry": entry, "anchor": entry.anchor})
            found[key] = missing[key] = template.render(context)
        entry.results_html = found[key]
    if missing:
        cache.set_many(missing, SECTION_SECONDS)


def clause_sections(request, page, rows: list[ClauseRow], *, key) -> str:
    """Every clause's section as one piece of HTML, in order."""
    template = get_template(SECTION_TEMPLATE).template
    # One context for every section: the context processors' work is done once, and the
    # CSRF token stays lazy (an anonymous reader's page sets no cookie).
    context = Context(
        {"request": request, "page": page, "user": request.user, **csrf_context(request)}
    )

    def render(row):
        with context.push(row=row):
            return template.render(context)

    if request.user.is_authenticated:
        _with_results_panels(rows)
        return mark_safe("".join(render(row) for row in rows))
    shared = is_shared_render(request)
    keys = [_anonymous_key(key, row, shared) for row in rows]
    # Most anonymous requests find every section unchanged: one entry holds them all, so
    # that case is a single cache read rather than one per clause.
    whole_key = f"clausesections:{_digest('|'.join(keys))}" if all(keys) else None
    if whole_key and (whole := cache.get(whole_key)) is not None:
        return mark_safe(whole)
    found = cache.get_many([k for k in keys if k])
    sections, missing = [], {}
    for k, row in zip(keys, rows, strict=True):
        html = found.get(k) if k else None
        if html is None:
            html = render(row)
            if k:
                missing[k] = html
        sections.append(html)
    whole = "".join(sections)
    if whole_key:
        missing[whole_key] = whole
    if missing:
        cache.set_many(missing, SECTION_SECONDS)
    return mark_safe(whole)
