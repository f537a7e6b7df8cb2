"""tools/xlsx_writer.py: what users typed comes back as text, never as a formula or a link."""

import datetime
import io

import openpyxl


def _written(xlsx_writer, values):
    with xlsx_writer.SafeWorkbook() as book:
        sheet = book.add_sheet("Data: [x]")
        book.write_row(sheet, 0, values)
    workbook = openpyxl.load_workbook(io.BytesIO(book.getvalue()))
    return workbook.worksheets[0], workbook


def test_formulas_and_links_stay_text(xlsx_writer, hostile):
    sheet, _workbook = _written(xlsx_writer, list(hostile.FORMULA_PAYLOADS))
    for column, payload in enumerate(hostile.FORMULA_PAYLOADS, 1):
        cell = sheet.cell(1, column)
        assert cell.value == payload
        assert cell.data_type == "s", f"{payload!r} was written as {cell.data_type}"
        assert cell.hyperlink is None


def test_types_are_kept(xlsx_writer):
    day = datetime.date(2026, 11, 30)
    sheet, _workbook = _written(xlsx_writer, [12, 1.5, True, day, "0123", None, "x" * 40000])
    assert sheet.cell(1, 1).value == 12
    assert sheet.cell(1, 2).value == 1.5
    assert sheet.cell(1, 3).value is True
    assert sheet.cell(1, 4).value == datetime.datetime(2026, 11, 30)
    assert sheet.cell(1, 5).value == "0123", "a number-looking text keeps its zero"
    assert sheet.cell(1, 6).value is None
    assert len(sheet.cell(1, 7).value) == xlsx_writer.MAX_CELL_CHARS


def test_sheet_names_are_cleaned(xlsx_writer):
    _sheet, workbook = _written(xlsx_writer, ["a"])
    assert workbook.sheetnames == ["Data   x"]


def test_workbook_options_refuse_conversions(xlsx_writer):
    assert xlsx_writer.TEXT_SAFE_OPTIONS == {
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    }
