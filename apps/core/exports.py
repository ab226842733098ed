"""Spreadsheet downloads for staff (CSV and XLSX), safe to open in Excel or WPS.

CSV cells have no type, so text a spreadsheet would run as a formula gets a leading
apostrophe; XLSX cells are typed, so they hold the real text in text cells.

Generic on purpose: a header and rows of plain values in, an attachment out, so any
app's admin can offer the same exports.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils.http import content_disposition_header

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A cell starting with one of these is run as a formula by spreadsheet programs
# (CSV injection). The full-width forms count too: Chinese and Japanese input methods
# type them, and some spreadsheet programs take them for the ASCII ones.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")

# Control characters an XLSX file cannot hold (openpyxl refuses the whole file).
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")


def neutralise_formula(value):
    """The value as a cell: text that a spreadsheet would run as a formula gets a quote.

    Numbers stay numbers (a negative number is not a formula); None is an empty cell;
    anything else is written as its text.
    """
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal):
        return value
    text = value.isoformat() if isinstance(value, date | datetime) else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def safe_filename(filename: str) -> str:
    """An ASCII file name any browser keeps as it is: `registrations-2026-11-29.csv`."""
    stem, dot, extension = filename.rpartition(".")
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,8}", extension):
        stem, extension = filename, ""
    stem = _UNSAFE_FILENAME.sub("-", stem).strip("-.") or "export"
    return f"{stem}.{extension}" if extension else stem


def _attachment(content: bytes, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=safe_filename(filename)
    )
    # Personal data: no shared cache keeps a copy.
    response["Cache-Control"] = "private, no-store"
    return response


def rows_to_csv_response(filename: str, header: Sequence, rows: Iterable[Sequence]) -> HttpResponse:
    """A CSV download. UTF-8 with a byte-order mark, or Excel shows Chinese names garbled."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise_formula(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralise_formula(cell) for cell in row])
    return _attachment(
        buffer.getvalue().encode("utf-8-sig"), filename=filename, content_type=CSV_CONTENT_TYPE
    )


def _xlsx_value(value):
    """The value as an XLSX cell holds it: numbers as numbers, the rest as its real text."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    text = value.isoformat() if isinstance(value, date | datetime) else str(value)
    return _XLSX_ILLEGAL.sub("", text)


def _xlsx_append(sheet, values: Sequence) -> list:
    """Append a row; text goes in text cells, so `=...` stays text and `+33 1...` shows as typed.

    No leading apostrophe as in CSV: an XLSX cell says its own type, and a text cell is
    never run as a formula.
    """
    values = [_xlsx_value(value) for value in values]
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl makes "=..." a formula and "#N/A" an error
            cell.number_format = "@"
    return values


def rows_to_xlsx_response(
    filename: str, header: Sequence, rows: Iterable[Sequence], *, sheet_title: str = "Export"
) -> HttpResponse:
    """An XLSX download with a bold header row that stays in view when scrolling."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    # A sheet title is at most 31 characters and cannot hold []:*?/\.
    sheet.title = re.sub(r"[\[\]:*?/\\]", " ", str(sheet_title))[:31] or "Export"
    _xlsx_append(sheet, header)
    widths = [len(str(cell)) for cell in header]
    for row in rows:
        cells = _xlsx_append(sheet, row)
        for position, cell in enumerate(cells[: len(widths)]):
            widths[position] = max(widths[position], len("" if cell is None else str(cell)))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for position, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = min(max(width, 8) + 2, 60)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _attachment(buffer.getvalue(), filename=filename, content_type=XLSX_CONTENT_TYPE)
