"""The results page's personal fragments (consultation/caching/personal.py): a clause's
results are shown or held back per reader ("after voting"; editors see them early)."""

from dataclasses import dataclass

from django.conf import settings

from consultation import rounds
from consultation.accounts.fragments import page_votes
from consultation.caching.personal import layer_generation_keys, personal_fragment
from consultation.voting.panels import page_voting
from consultation.voting.results import (
    LATEST_TALLY_KEYS,
    results_hidden_reason,
    results_key,
    results_summary,
    versions_up_to,
)


@dataclass(frozen=True)
class Reader:
    """What the page's vote panels need to know about the person reading it."""

    current: object  # the current version, or None
    may_contribute: bool
    editor: bool
    is_open: bool
    stamp: str  # names the results as they stand
    answers: dict  # {clause id: (choice, carried_from)} in the current version
    earlier: dict  # {clause id: (choice, version number)} before it, for the others


@layer_generation_keys
def _tally_keys(page_id) -> list[str]:
    """The page's tallies' generations, read with the page's entry (results_key)."""
    return LATEST_TALLY_KEYS.get(page_id, [])


def _read(layer) -> "Reader":
    request, page = layer.request, layer.page
    current = page.current_version
    may_contribute = rounds.can_contribute(request.user)
    answers, earlier = {}, {}
    if may_contribute and current is not None:
        for clause_id, choice, carried_from, number in page_votes(layer):
            if number == current.number:
                answers[clause_id] = (choice, carried_from)
            else:
                earlier[clause_id] = (choice, number)
        earlier = {k: v for k, v in earlier.items() if k not in answers}
    return Reader(
        current=current,
        may_contribute=may_contribute,
        editor=layer.is_editor(),
        is_open=rounds.is_open(page),
        stamp=_results_stamp(layer, current) if current is not None else "",
        answers=answers,
        earlier=earlier if current is not None and current.number > 1 else {},
    )


def _results_stamp(layer, version) -> str:
    """results_key for the page's results up to `version`, with the version ids kept
    beside the page's entry in this process, as the page is (published versions never
    change; a publication makes the entry anew) and the tallies' tokens read with it."""

    def stamp():
        version_ids = layer.kept_with_entry(
            f"version_ids:{version.pk}", lambda: versions_up_to(layer.page, version)
        )
        return results_key(layer.page, version, tokens=layer.tokens, version_ids=version_ids)

    return layer.once(f"results_stamp:{version.pk}", stamp)


def reader(layer) -> Reader:
    """The person's answers and rights on the page, read once per request."""
    return layer.once("reader", lambda: _read(layer))


def _version(layer, number):
    # Published versions never change; a new one replaces the site's generation.
    return layer.kept_per_process(
        f"version:{layer.page_id}:{number}",
        lambda: layer.page.versions.filter(number=number).first(),
    )


def _results_key(kind, layer, clause_id, version_number) -> str | None:
    """Everything a clause's results row or section is made from (never who reads it)."""
    made_from = layer.once(
        f"results_made_from:{clause_id}:{version_number}",
        lambda: _results_made_from(layer, clause_id, version_number),
    )
    return None if made_from is None else f"{kind}:{made_from}"


def _results_made_from(layer, clause_id, version_number) -> str | None:
    """What a clause's row and section share (the results page shows both)."""
    version = _version(layer, version_number) if version_number is not None else None
    if version is None:
        return None
    person = reader(layer)
    page = layer.page
    is_current = person.current is not None and version.pk == person.current.pk
    answered = is_current and clause_id in person.answers
    reason = results_hidden_reason(page, answered=answered, editor=person.editor, version=version)
    seen = reason or (person.stamp if is_current else _results_stamp(layer, version))
    minimum = settings.COPRODUCE_VOTE_MIN_GROUP
    return (
        f"{layer.page_url}:{version.pk}:{clause_id}:{person.is_open and is_current}:"
        f"{seen}:{minimum}"
    )


def _results(layer, version_number):
    def make():
        page = layer.page
        version = page.versions.filter(number=version_number).first()
        voting = page_voting(layer.request, page, version=version, page_url=layer.page_url)
        numbers = list(page.versions.order_by("number").values_list("number", flat=True))
        shown = [n for n in numbers if version and n <= version.number]
        rows = {
            row["entry"].snapshot.clause_id: row for row in results_summary(voting.values(), shown)
        }
        return voting, rows, shown

    return layer.once(f"results:{version_number}", make)


@personal_fragment("results_row")
def results_row(layer, clause_id, version_number):
    def render():
        voting, rows, shown = _results(layer, version_number)
        row = rows.get(clause_id)
        if row is None:
            return ""
        return layer.render(
            "consultation/includes/results_summary_row.html",
            {"row": row, "summary_versions": shown},
        )

    return layer.fragment(_results_key("resultsrow", layer, clause_id, version_number), render)


@personal_fragment("results_section")
def results_section(layer, clause_id, version_number):
    def render():
        voting, rows, shown = _results(layer, version_number)
        entry = voting.get(clause_id)
        if entry is None:
            return ""
        return layer.render("consultation/includes/results_section.html", {"entry": entry})

    return layer.fragment(_results_key("resultssection", layer, clause_id, version_number), render)
