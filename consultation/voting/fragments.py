"""The results page's personal fragments (consultation/caching/personal.py): a clause's
results are shown or held back per reader ("after voting"; editors see them early)."""

from django.conf import settings

from consultation.caching.personal import personal_fragment
from consultation.voting.panels import page_voting
from consultation.voting.results import results_summary


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


def _key(kind, layer, entry, version_number, shown) -> str:
    seen = entry.results_stamp if entry.results else entry.results_hidden_reason
    minimum = settings.COPRODUCE_VOTE_MIN_GROUP
    return (
        f"{kind}:{layer.page_url}:{entry.snapshot.pk}:{version_number}:{shown}:"
        f"{entry.is_open}:{seen}:{minimum}"
    )


@personal_fragment("results_row")
def results_row(layer, clause_id, version_number):
    voting, rows, shown = _results(layer, version_number)
    row = rows.get(clause_id)
    if row is None:
        return ""
    return layer.fragment(
        _key("resultsrow", layer, row["entry"], version_number, shown),
        lambda: layer.render(
            "consultation/includes/results_summary_row.html",
            {"row": row, "summary_versions": shown},
        ),
    )


@personal_fragment("results_section")
def results_section(layer, clause_id, version_number):
    voting, rows, shown = _results(layer, version_number)
    entry = voting.get(clause_id)
    if entry is None:
        return ""
    return layer.fragment(
        _key("resultssection", layer, entry, version_number, shown),
        lambda: layer.render("consultation/includes/results_section.html", {"entry": entry}),
    )
