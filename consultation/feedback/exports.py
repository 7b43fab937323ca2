"""Editors' CSV exports of comments and votes, streamed row by row.

Votes carry a pseudonymous participant id made for this export only: an HMAC of the
participant id with a random salt that is never stored, so two exports cannot be joined
and no id or email leaves the system."""

import csv
import hashlib
import hmac
import secrets
import tempfile

from django.db.models import Count
from django.http import FileResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from consultation.discussion.models import GuidanceComment
from consultation.feedback.admin_views import exporters_only
from consultation.guidance.models import GuidancePage
from consultation.voting.models import Vote

CHUNK = 2000

COMMENT_HEADER = [
    "id", "thread", "parent", "clause", "version", "submitted", "perspective",
    "display name", "text", "flags", "moderation status", "outcome", "rationale",
]  # fmt: skip
VOTE_HEADER = ["clause", "version", "answer", "perspective", "submitted", "participant"]


class _Echo:
    def write(self, value):
        return value


def _stream(filename, header, rows):
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_cell(sheet, value):
    """Text stays text: a comment starting with "=" is not a formula, and control
    characters XLSX cannot hold are dropped rather than failing the whole export."""
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
    cell.data_type = "s"
    return cell


def _xlsx(filename, title, header, rows):
    """A write-only workbook (rows go straight to a temporary file, never all in memory),
    streamed in blocks by FileResponse; the file disappears when the response closes it."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, value) for value in row])
    handle = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 (FileResponse closes it)
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX_TYPE)


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
            "participant__perspective",
            "participant__display_name",
            "comment",
            "flag_count",
            "status",
            "is_withdrawn",
            "feedback_response__outcome",
            "feedback_response__rationale",
        )  # fmt: skip
        .order_by("pk")
    )
    for row in comments.iterator(chunk_size=CHUNK):
        pk, thread, parent, clause, version, submitted, perspective, name, text, flags = row[:10]
        status, withdrawn, outcome, rationale = row[10:]
        yield [
            pk, thread, "" if parent == pk else parent,
            numbers.get(clause, "document" if not clause else "removed clause"),
            version, submitted.isoformat(), perspective or "", name or "Former participant",
            text, flags, "withdrawn" if withdrawn else status, outcome or "", rationale or "",
        ]  # fmt: skip


def vote_rows(page):
    salt = secrets.token_bytes(32)
    votes = (
        Vote.objects.filter(snapshot__version__page=page)
        .values_list(
            "snapshot__number",
            "snapshot__version__number",
            "choice",
            "perspective",
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
        yield [clause, version, choice, perspective, submitted.isoformat(), pseudonym]


@exporters_only
def comments_csv(request, page_id):
    page = get_object_or_404(GuidancePage, pk=page_id)
    include_hidden = request.GET.get("include_hidden") == "1"
    return _stream(
        f"{page.slug}-comments.csv",
        COMMENT_HEADER,
        comment_rows(page, include_hidden=include_hidden),
    )


@exporters_only
def votes_csv(request, page_id):
    page = get_object_or_404(GuidancePage, pk=page_id)
    return _stream(f"{page.slug}-votes.csv", VOTE_HEADER, vote_rows(page))


@exporters_only
def comments_xlsx(request, page_id):
    page = get_object_or_404(GuidancePage, pk=page_id)
    include_hidden = request.GET.get("include_hidden") == "1"
    return _xlsx(
        f"{page.slug}-comments.xlsx",
        "Comments",
        COMMENT_HEADER,
        comment_rows(page, include_hidden=include_hidden),
    )


@exporters_only
def votes_xlsx(request, page_id):
    page = get_object_or_404(GuidancePage, pk=page_id)
    return _xlsx(f"{page.slug}-votes.xlsx", "Votes", VOTE_HEADER, vote_rows(page))


__all__ = ["comments_csv", "comments_xlsx", "votes_csv", "votes_xlsx"]
