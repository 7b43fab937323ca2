"""Spreadsheet downloads (CSV and XLSX) that every export shares: the results table and
the editors' comment and vote exports write their rows through here."""

import csv
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE


class _Echo:
    def write(self, value):
        return value


# Spreadsheets treat a cell starting with one of these as a formula (or, for tab and
# carriage return, strip them and then do). OWASP's advice: prefix a quote, so the cell
# shows as the text that was written. Numbers are written as numbers and never prefixed.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value):
    """One cell as text a spreadsheet will not run."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_download(filename: str, header: list, rows) -> StreamingHttpResponse:
    """A CSV file streamed row by row, so an export of any size never sits in memory.
    Every CSV the site writes goes through here, so every cell is made safe here."""
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow([csv_safe(value) for value in header])
        for row in rows:
            yield writer.writerow([csv_safe(value) for value in row])

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


def xlsx_download(filename: str, title: str, header: list, rows) -> FileResponse:
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
