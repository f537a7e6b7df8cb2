"""tools/xlsx_writer.py: numbers, percents and dates shown as people read them, text still text."""

import datetime
import io

import openpyxl


def _sheet(xlsx_writer, write):
    with xlsx_writer.SafeWorkbook(constant_memory=True) as book:
        sheet = book.add_sheet("Formats")
        write(book, sheet)
    return openpyxl.load_workbook(io.BytesIO(book.getvalue())).worksheets[0]


def test_number_formats(xlsx_writer):
    def write(book, sheet):
        book.write(sheet, 0, 0, 150000000, book.number_format())
        book.write(sheet, 0, 1, 1234.5, book.number_format(2))
        book.write(sheet, 0, 2, 0.42, book.percent_format(0.42))
        book.write(sheet, 0, 3, 0.3333, book.percent_format(0.3333))
        book.write(sheet, 0, 4, datetime.date(2026, 12, 31))

    sheet = _sheet(xlsx_writer, write)
    cells = [sheet.cell(1, column) for column in range(1, 6)]
    assert [cell.number_format for cell in cells] == [
        "#,##0",
        "#,##0.00",
        "0%",
        "0.00%",
        "dd/mm/yyyy",
    ]
    assert [cell.value for cell in cells[:4]] == [150000000, 1234.5, 0.42, 0.3333]


def test_formats_are_made_once(xlsx_writer):
    with xlsx_writer.SafeWorkbook() as book:
        assert book.number_format(2) is book.number_format(2)
        assert book.format(bold=True) is book.bold
        assert book.percent_format(0.5) is book.percent_format(0.25)


def test_a_formatted_text_stays_text(xlsx_writer):
    def write(book, sheet):
        book.write(sheet, 0, 0, "=1+1", book.number_format(2))

    cell = _sheet(xlsx_writer, write).cell(1, 1)
    assert (cell.value, cell.data_type) == ("=1+1", "s")
