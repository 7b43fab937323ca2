"""The guidance page's personal fragments (consultation/caching/personal.py): each
clause's vote panel, and the clauses with a content note for readers who open them.

A vote panel is made from the clause as published, the results as they stand, and a few
facts about the reader (their answer, an earlier answer, whether they may vote or see the
results early). Those facts come from one query for the whole page; the panel's HTML is
then found under a key naming all of it, so most requests render nothing. Only when that
key is new is the page's full voting worked out (`page_voting`) and the panel rendered.
"""

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
from consultation.voting.fragments import Reader, reader
from consultation.voting.panels import page_voting
from consultation.voting.results import results_hidden_reason

PANEL_TEMPLATE = "consultation/includes/clause_vote.html"


def _panel_key(layer, person: Reader, clause_id: str) -> str:
    """Everything a vote panel's HTML is made from (never who reads it)."""
    page = layer.page
    answered = clause_id in person.answers
    reason = results_hidden_reason(page, answered=answered, editor=person.editor)
    return ":".join(
        str(part)
        for part in (
            "votepanel",
            person.current.pk if person.current else "-",
            clause_id,
            layer.page_url,
            page.is_concluded,
            person.may_contribute and person.is_open,
            person.is_open,
            person.answers.get(clause_id, "-"),
            person.earlier.get(clause_id, "-"),
            person.stamp if not reason else "-",
            reason,
            settings.COPRODUCE_VOTE_MIN_GROUP,
        )
    )


@personal_fragment("vote_panel")
def vote_panel(layer, clause_id):
    """The person's answer, their form and the results they may see, for one clause."""
    person = reader(layer)

    def render():
        voting = layer.once(
            "voting", lambda: page_voting(layer.request, layer.page, page_url=layer.page_url)
        )
        entry = voting.get(clause_id)
        if entry is None:
            return ""
        return layer.render(PANEL_TEMPLATE, {"entry": entry, "clause": entry.snapshot})

    return layer.fragment(_panel_key(layer, person, clause_id), render)


@personal_fragment("clause_content")
def clause_content(layer, clause_id):
    """A clause with a content note: shown open for readers who chose so."""
    page = layer.page
    expand = expands_content_notes(layer.request.user)
    # The published revision and the site's generation name the clause's HTML.
    key = f"clausecontent:{page.pk}:{page.live_revision_id}:{layer.page_url}:{clause_id}:{expand}"
    return layer.fragment(key, lambda: _clause_contents(layer).get(clause_id, ""))


def _clause_contents(layer):
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

    return layer.once("clause_contents", contents)
