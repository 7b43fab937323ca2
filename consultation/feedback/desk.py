"""What editors see of each clause's feedback, built once for the workspace, the response
form and the clause panel in the page editor: comments, those awaiting a response, vote
results for the current version and the one before, themes.

Other features add their own lines (a count and a link) to every clause through
`clause_figures_register`, without this module knowing them. A fixed number of queries
whatever the amount of feedback (results are cached by voting)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from consultation.accounts.models import Perspective, perspectives_split
from consultation.discussion.models import GuidanceComment
from consultation.feedback.models import CommentTheme, FeedbackResponse, Outcome, Theme
from consultation.versions.models import GuidanceVersion
from consultation.voting.results import page_results


@dataclass
class Figure:
    """One more line about a clause, from another feature: "3 suggested wordings"."""

    label: str
    count: int
    url: str = ""


@dataclass
class ClauseDesk:
    clause_id: str
    number: int | None
    heading: str
    comments: int = 0
    threads: int = 0
    awaiting: int = 0
    result: object = None  # voting.results.ClauseResults for the current version
    previous: object = None  # ... and for the version before it
    themes: list[tuple[str, int]] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    workspace_url: str = ""


FigureSource = Callable[[object], dict[str, list[Figure]]]
_figure_sources: list[FigureSource] = []


def clause_figures_register(source: FigureSource) -> FigureSource:
    """Register `source(page) -> {clause id: [Figure, ...]}`; usable as a decorator.
    Each source should read its figures in one or two queries for the whole page."""
    if source not in _figure_sources:
        _figure_sources.append(source)
    return source


def awaiting_response():
    """Threads that may get a response and have none yet."""
    responded = Exists(FeedbackResponse.objects.filter(comment=OuterRef("pk")))
    return GuidanceComment.objects.visible().top_level().filter(~responded)


def previous_version(page, current=None):
    current = current or page.current_version
    if current is None:
        return None
    return (
        GuidanceVersion.objects.filter(page=page, number__lt=current.number)
        .order_by("-number")
        .first()
    )


def clause_desk(page, clauses=None) -> dict[str, ClauseDesk]:
    """{clause id: ClauseDesk} for the given clauses (by default the page's own, as in
    its latest draft when the caller passes them), "" for the whole document."""
    clauses = page.clauses if clauses is None else clauses
    workspace = reverse("consultation_feedback_workspace", args=[page.pk])
    rows = {
        c.id: ClauseDesk(c.id, c.number, c.heading, workspace_url=f"{workspace}?clause={c.id}")
        for c in clauses
    }
    rows[""] = ClauseDesk("", None, "The whole document", workspace_url=f"{workspace}?clause=")
    visible = GuidanceComment.objects.on_page(page).visible()
    awaiting_ids = awaiting_response().filter(page=page).values("pk")
    for clause_id, comments, threads, awaiting in (
        visible.order_by()
        .values_list("clause_id")
        .annotate(
            n=Count("pk"),
            t=Count("pk", filter=Q(level=0)),
            a=Count("pk", filter=Q(pk__in=awaiting_ids)),
        )
        .values_list("clause_id", "n", "t", "a")
    ):
        if clause_id in rows:
            rows[clause_id].comments, rows[clause_id].threads = comments, threads
            rows[clause_id].awaiting = awaiting
    current = page.current_version
    results = page_results(page, current) if current else {}
    before = previous_version(page, current)
    previous = page_results(page, before) if before else {}
    for clause_id, row in rows.items():
        row.result = results.get(clause_id)
        row.previous = previous.get(clause_id)
    for clause_id, name, n in (
        CommentTheme.objects.filter(theme__page=page, comment__in=visible)
        .order_by()
        .values_list("comment__clause_id", "theme__name")
        .annotate(n=Count("pk"))
        .order_by("comment__clause_id", "-n", "theme__name")
        .values_list("comment__clause_id", "theme__name", "n")
    ):
        if clause_id in rows:
            rows[clause_id].themes.append((name, n))
    for source in _figure_sources:
        for clause_id, figures in source(page).items():
            if clause_id in rows:
                rows[clause_id].figures.extend(figures)
    return rows


@dataclass
class ThemeSummary:
    theme: Theme
    comments: int = 0
    perspectives: dict = field(default_factory=dict)  # label: comments
    outcomes: dict = field(default_factory=dict)  # label: comments
    awaiting: int = 0


def group_perspectives(counts: dict | None) -> list[str]:
    """The perspectives a facilitated group held (`FacilitatedSource.perspective_counts`)."""
    return [value for value, count in (counts or {}).items() if count]


def theme_summary(page) -> list[ThemeSummary]:
    """Per theme of the document: its visible comments, by the perspectives their authors
    hold and by the editors' outcome. Three queries whatever the numbers."""
    themes = {t.pk: ThemeSummary(t) for t in Theme.objects.on_page(page)}
    tagged = CommentTheme.objects.filter(
        theme__page=page, comment__status="published", comment__is_withdrawn=False
    ).order_by()
    labels = dict(Perspective.choices)
    held_by = ("comment__participant__perspectives", "comment__source__perspective_counts")
    for theme_id, joined, group, n in (
        tagged.values_list("theme_id", *held_by)
        .annotate(n=Count("pk"))
        .values_list("theme_id", *held_by, "n")
    ):
        row = themes[theme_id]
        row.comments += n
        # A facilitated comment speaks for its group: the perspectives anyone present held.
        held = group_perspectives(group) if group else perspectives_split(joined or "")
        for value in held or ["not_stated"]:
            label = labels.get(value, "Perspective not stated")
            row.perspectives[label] = row.perspectives.get(label, 0) + n
    outcome_labels = dict(Outcome.choices)
    for theme_id, outcome, n in (
        tagged.values_list("theme_id", "comment__feedback_response__outcome")
        .annotate(n=Count("pk"))
        .values_list("theme_id", "comment__feedback_response__outcome", "n")
    ):
        if outcome is None:
            themes[theme_id].awaiting += n
        else:
            themes[theme_id].outcomes[outcome_labels[outcome]] = n
    return sorted(themes.values(), key=lambda s: (-s.comments, s.theme.name.lower()))
