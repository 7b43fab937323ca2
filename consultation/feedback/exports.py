"""Editors' CSV exports of comments and votes, streamed row by row.

Votes carry a pseudonymous participant id made for this export only: an HMAC of the
participant id with a random salt that is never stored, so two exports cannot be joined
and no id or email leaves the system."""

import hashlib
import hmac
import secrets

from django.db.models import Count
from django.shortcuts import get_object_or_404

from consultation.accounts.models import FORMER_PARTICIPANT, SEPARATOR, perspectives_split
from consultation.discussion.models import GuidanceComment
from consultation.downloads import csv_download, xlsx_download
from consultation.feedback.access import exporters_only
from consultation.feedback.desk import group_perspectives
from consultation.feedback.models import CommentTheme
from consultation.guidance.models import GuidancePage
from consultation.voting.models import Vote

CHUNK = 2000

COMMENT_HEADER = [
    "id", "thread", "parent", "clause", "version", "submitted", "perspectives",
    "display name", "text", "flags", "moderation status", "outcome", "rationale", "themes",
]  # fmt: skip
VOTE_HEADER = ["clause", "version", "answer", "perspectives", "submitted", "participant"]


def comment_rows(page, *, include_hidden=False):
    numbers = {c.id: c.number for c in page.clauses}
    comments = GuidanceComment.objects.on_page(page)
    if not include_hidden:
        comments = comments.visible()
    comments = (
        comments.annotate(flag_count=Count("concerns"))
        .values_list(
            "pk",
            "thread_id",
            "parent_id",
            "clause_id",
            "version__number",
            "submit_date",
            "participant__perspectives",
            "participant__display_name",
            "comment",
            "flag_count",
            "status",
            "is_withdrawn",
            "feedback_response__outcome",
            "feedback_response__rationale",
            "source__name",
            "source__people",
            "source__perspective_counts",
        )  # fmt: skip
        .order_by("pk")
    )
    themes = comment_themes(page)
    for row in comments.iterator(chunk_size=CHUNK):
        pk, thread, parent, clause, version, submitted, perspective, name, text, flags = row[:10]
        status, withdrawn, outcome, rationale, source, people, group = row[10:]
        if source:  # entered by a facilitator: in the group's name (consultation/facilitation/)
            name = f"{source} ({people} people, facilitated)"
            perspective = SEPARATOR.join(group_perspectives(group))
        yield [
            pk, thread, "" if parent == pk else parent,
            numbers.get(clause, "document" if not clause else "removed clause"),
            version, submitted.isoformat(), _perspectives(perspective), name or FORMER_PARTICIPANT,
            text, flags, "withdrawn" if withdrawn else status, outcome or "", rationale or "",
            "; ".join(themes.get(pk, [])),
        ]  # fmt: skip


def comment_themes(page) -> dict[int, list[str]]:
    """{comment id: its themes}, one query. Editors' exports name every theme; a theme not
    yet made public says so, as the file may travel further than the admin."""
    themes: dict[int, list[str]] = {}
    for comment_id, name, public in (
        CommentTheme.objects.filter(theme__page=page)
        .order_by("theme__name")
        .values_list("comment_id", "theme__name", "theme__is_public")
    ):
        themes.setdefault(comment_id, []).append(name if public else f"{name} (private)")
    return themes


def vote_rows(page):
    salt = secrets.token_bytes(32)
    votes = (
        Vote.objects.filter(snapshot__version__page=page)
        .values_list(
            "snapshot__number",
            "snapshot__version__number",
            "choice",
            "perspectives",
            "updated_at",
            "participant_id",
        )  # fmt: skip
        .order_by("snapshot__version__number", "snapshot__number", "pk")
    )
    for clause, version, choice, perspective, submitted, participant in votes.iterator(
        chunk_size=CHUNK
    ):
        pseudonym = (
            hmac.new(salt, str(participant).encode(), hashlib.sha256).hexdigest()[:16]
            if participant
            else "former participant"
        )
        held = _perspectives(perspective)
        yield [clause, version, choice, held, submitted.isoformat(), pseudonym]


def _perspectives(joined: str | None) -> str:
    """Every perspective a person holds, as values separated by semicolons."""
    return "; ".join(perspectives_split(joined or ""))


@exporters_only
def comments_csv(request, page_id):
    page = get_object_or_404(GuidancePage, pk=page_id)
    include_hidden = request.GET.get("include_hidden") == "1"
    return csv_download(
        f"{page.slug}-comments.csv",
        COMMENT_HEADER,
        comment_rows(page, include_hidden=include_hidden),
    )


@exporters_only
def votes_csv(request, page_id):
    page = get_object_or_404(GuidancePage, pk=page_id)
    return csv_download(f"{page.slug}-votes.csv", VOTE_HEADER, vote_rows(page))


@exporters_only
def comments_xlsx(request, page_id):
    page = get_object_or_404(GuidancePage, pk=page_id)
    include_hidden = request.GET.get("include_hidden") == "1"
    return xlsx_download(
        f"{page.slug}-comments.xlsx",
        "Comments",
        COMMENT_HEADER,
        comment_rows(page, include_hidden=include_hidden),
    )


@exporters_only
def votes_xlsx(request, page_id):
    page = get_object_or_404(GuidancePage, pk=page_id)
    return xlsx_download(f"{page.slug}-votes.xlsx", "Votes", VOTE_HEADER, vote_rows(page))


__all__ = ["comments_csv", "comments_xlsx", "votes_csv", "votes_xlsx"]
