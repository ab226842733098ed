"""Spreadsheet downloads: CSV keeps its formula guard, XLSX holds typed, real values."""

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from apps.core.exports import rows_to_csv_response, rows_to_xlsx_response

HEADER = ["Name", "Phone", "Count", "Note"]
ROWS = [
    ['=HYPERLINK("http://evil.example","x")', "+86 10 6601 0000", 3, None],
    ["＝1+1", "-2+3", Decimal("1.5"), "#N/A"],
]


def test_csv_cells_that_would_run_get_an_apostrophe():
    response = rows_to_csv_response("x.csv", HEADER, ROWS)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1] == ['\'=HYPERLINK("http://evil.example","x")', "'+86 10 6601 0000", "3", ""]
    assert rows[2] == ["'＝1+1", "'-2+3", "1.5", "#N/A"]


def test_xlsx_cells_hold_the_real_text_as_text_and_numbers_as_numbers():
    response = rows_to_xlsx_response("x.xlsx", HEADER, ROWS)
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [
        ('=HYPERLINK("http://evil.example","x")', "+86 10 6601 0000", 3, None),
        ("＝1+1", "-2+3", 1.5, "#N/A"),
    ]
    text_cells = [sheet["A2"], sheet["B2"], sheet["A3"], sheet["B3"], sheet["D3"]]
    assert all((cell.data_type, cell.number_format) == ("s", "@") for cell in text_cells)
    assert sheet["C2"].data_type == "n"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
