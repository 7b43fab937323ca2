"""The guidance page's personal fragments (consultation/caching/personal.py): each
clause's vote panel, and the clauses with a content note for readers who open them."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from consultation.caching.personal import personal_fragment
from consultation.guidance.rendering import (
    clause_contents,
    content_key,
    expands_content_notes,
    published_clauses,
)
from consultation.versions.history import clause_notes
from consultation.voting.panels import page_voting

PANEL_TEMPLATE = "consultation/includes/clause_vote.html"


def _panel_key(entry) -> str | None:
    """Everything a vote panel's HTML is made from (never who reads it), or None."""
    if entry.confirmed or entry.error:
        return None
    earlier = entry.earlier
    return ":".join(
        str(part)
        for part in (
            "votepanel",
            entry.snapshot.pk,
            entry.page_url,
            entry.page.is_concluded,
            entry.version_number,
            entry.can_vote,
            entry.signed_in,
            entry.is_open,
            entry.answer.value if entry.answer else "-",
            entry.carried_from,
            f"{earlier.choice.value}/{earlier.version_number}/{earlier.changes_url}"
            if earlier
            else "-",
            entry.results_stamp if entry.results else "-",
            entry.results_hidden_reason,
            settings.COPRODUCE_VOTE_MIN_GROUP,
        )
    )


@personal_fragment("vote_panel")
def vote_panel(layer, clause_id):
    """The person's answer, their form and the results they may see, for one clause."""
    voting = layer.once(
        "voting", lambda: page_voting(layer.request, layer.page, page_url=layer.page_url)
    )
    entry = voting.get(clause_id)
    if entry is None:
        return ""
    return layer.fragment(
        _panel_key(entry),
        lambda: layer.render(PANEL_TEMPLATE, {"entry": entry, "clause": entry.snapshot}),
    )


@personal_fragment("clause_content")
def clause_content(layer, clause_id):
    """A clause with a content note: shown open for readers who chose so."""

    def contents():
        page = layer.page
        key = content_key(page, layer.page_url)
        return clause_contents(
            page,
            published_clauses(page, key=key),
            key=key,
            page_url=layer.page_url,
            notes=SimpleLazyObject(lambda: clause_notes(page)),
            expand_notes=expands_content_notes(layer.request.user),
        )

    return layer.once("clause_contents", contents).get(clause_id, "")
