"""The guidance page's personal fragments (consultation/caching/personal.py): each
clause's vote panel, and the clauses with a content note for readers who open them.

A vote panel is made from the clause as published, the results as they stand, and a few
facts about the reader (their answer, an earlier answer, whether they may vote or see the
results early). Those facts come from one query for the whole page; the panel's HTML is
then found under a key naming all of it, so most requests render nothing. Only when that
key is new is the page's full voting worked out (`page_voting`) and the panel rendered.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from consultation import rounds
from consultation.caching.personal import personal_fragment
from consultation.guidance.rendering import (
    clause_contents,
    content_key,
    expands_content_notes,
    published_clauses,
)
from consultation.versions.history import clause_notes
from consultation.voting.models import Vote
from consultation.voting.panels import page_voting
from consultation.voting.results import results_hidden_reason, results_key

PANEL_TEMPLATE = "consultation/includes/clause_vote.html"


@dataclass(frozen=True)
class _Reader:
    """What the page's vote panels need to know about the person reading it."""

    current: object  # the current version, or None
    may_contribute: bool
    editor: bool
    is_open: bool
    stamp: str  # names the results as they stand
    answers: dict  # {clause id: (choice, carried_from)} in the current version
    earlier: dict  # {clause id: (choice, version number)} before it, for the others


def _reader(layer) -> _Reader:
    request, page = layer.request, layer.page
    participant = layer.participant
    current = page.current_version
    may_contribute = rounds.can_contribute(request.user)
    answers, earlier = {}, {}
    if may_contribute and current is not None:
        rows = (
            Vote.objects.by(participant)
            .filter(snapshot__version__page=page, snapshot__version__number__lte=current.number)
            .order_by("snapshot__version__number")
            .values_list(
                "snapshot__clause_id", "choice", "carried_from", "snapshot__version__number"
            )
        )
        for clause_id, choice, carried_from, number in rows:
            if number == current.number:
                answers[clause_id] = (choice, carried_from)
            else:
                earlier[clause_id] = (choice, number)
        earlier = {k: v for k, v in earlier.items() if k not in answers}
    return _Reader(
        current=current,
        may_contribute=may_contribute,
        editor=layer.is_editor(),
        is_open=rounds.is_open(page),
        stamp=results_key(page, current) if current is not None else "",
        answers=answers,
        earlier=earlier if current is not None and current.number > 1 else {},
    )


def _panel_key(layer, reader: _Reader, clause_id: str) -> str:
    """Everything a vote panel's HTML is made from (never who reads it)."""
    page = layer.page
    answered = clause_id in reader.answers
    reason = results_hidden_reason(page, answered=answered, editor=reader.editor)
    return ":".join(
        str(part)
        for part in (
            "votepanel",
            reader.current.pk if reader.current else "-",
            clause_id,
            layer.page_url,
            page.is_concluded,
            reader.may_contribute and reader.is_open,
            reader.is_open,
            reader.answers.get(clause_id, "-"),
            reader.earlier.get(clause_id, "-"),
            reader.stamp if not reason else "-",
            reason,
            settings.COPRODUCE_VOTE_MIN_GROUP,
        )
    )


@personal_fragment("vote_panel")
def vote_panel(layer, clause_id):
    """The person's answer, their form and the results they may see, for one clause."""
    reader = layer.once("reader", lambda: _reader(layer))

    def render():
        voting = layer.once(
            "voting", lambda: page_voting(layer.request, layer.page, page_url=layer.page_url)
        )
        entry = voting.get(clause_id)
        if entry is None:
            return ""
        return layer.render(PANEL_TEMPLATE, {"entry": entry, "clause": entry.snapshot})

    return layer.fragment(_panel_key(layer, reader, clause_id), render)


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
