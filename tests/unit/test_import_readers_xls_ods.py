"""tools/importer/xls_reader.py and ods_reader.py: every cell type as their producers write
it, hostile repeats, merged cells, encryption."""

import datetime
import io
import time
import tracemalloc

from conftest import read, refused

# ------------------------------------------------------------
# .xls
# ------------------------------------------------------------


def _xls(write):
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    write(book.add_sheet("Cơ hội"), xlwt)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def test_xls_cells_of_every_type(readers, import_corpus):
    def write(sheet, xlwt):
        sheet.write(0, 0, "Tỷ lệ")
        sheet.write(1, 0, 0.45, xlwt.easyxf(num_format_str="0%"))
        sheet.write(1, 1, 0.125, xlwt.easyxf(num_format_str="0.00%"))
        sheet.write(1, 2, 45, xlwt.easyxf(num_format_str='0" %"'))
        sheet.write(1, 3, datetime.date(2025, 3, 15), xlwt.easyxf(num_format_str="DD/MM/YYYY"))
        moment = datetime.datetime(2025, 3, 15, 10, 30)
        sheet.write(1, 4, moment, xlwt.easyxf(num_format_str="DD/MM/YYYY hh:mm"))
        sheet.write(1, 5, True)
        sheet.row(1).set_cell_error(6, 0x2A)  # #N/A
        sheet.write(1, 7, import_corpus.nfd("Công ty"))
        sheet.write(1, 8, datetime.time(10, 30), xlwt.easyxf(num_format_str="hh:mm"))

    rows = read(readers, _xls(write), "types.xls")
    cells = rows[1][1]
    assert cells == (
        0.45, 0.125, 45.0, datetime.date(2025, 3, 15), datetime.datetime(2025, 3, 15, 10, 30),
        True, "#N/A", "Công ty", datetime.time(10, 30),
    )  # fmt: skip
    assert [type(cell).__name__ for cell in cells] == [
        "Percent", "Percent", "float", "date", "datetime", "bool", "CellError", "str", "time",
    ]  # fmt: skip


def test_xls_merged_cells_from_xlwt(readers):
    def write(sheet, xlwt):
        sheet.write(0, 0, "Opportunity")
        sheet.write_merge(1, 2, 1, 1, "Công ty ABC")

    params = refused(readers, _xls(write), "merged.xls", "merged_cells")
    assert params == {"sheet": "Cơ hội", "ranges": "B2:B3"}


def test_xls_encrypted_xlsx_renamed(readers, import_corpus):
    refused(readers, import_corpus.encrypted_xlsx(), "secret.xls", "encrypted")


# ------------------------------------------------------------
# .ods
# ------------------------------------------------------------


def test_ods_hostile_repeats_stay_fast_and_small(readers, import_corpus):
    data = import_corpus.ods_hostile_repeats()
    tracemalloc.start()
    start = time.process_time()
    try:
        rows = read(readers, data, "repeats.ods")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.process_time() - start < 1
    assert peak < 2 * 1024 * 1024, f"{peak} bytes"
    assert [number for number, __ in rows] == [1, 2]
    assert rows[0][1] == ("Opportunity",) + ("Contact",) * 63, "cut at 64 columns"
    assert rows[1][1] == ("Deal",) + ("Công ty ABC",) * 63


def test_ods_repeated_data_rows_count_towards_the_limit(readers, import_corpus):
    data = import_corpus.ods_repeated_data_rows(1_000_000_000)
    start = time.process_time()
    assert refused(readers, data, "rows.ods", "too_many_rows", 100) == {"limit": 100}
    assert time.process_time() - start < 1
    rows = read(readers, import_corpus.ods_repeated_data_rows(3), "rows.ods")
    assert [number for number, __ in rows] == [1, 2, 3, 4]


def test_ods_value_types_and_text(readers, cell_types, import_corpus):
    cells = read(readers, import_corpus.ods_cells(), "cells.ods")[1][1]
    assert cells == (
        1500000.5,
        2500000,
        0.45,
        datetime.date(2025, 3, 15),
        datetime.datetime(2025, 3, 15, 10, 30),
        datetime.time(10, 30),
        True,
        "#DIV/0!",
        "Err:502",
        "Công   ty\tABC\nHà Nội web\ndòng 2",
        "Người phụ trách",
    )
    assert type(cells[2]) is cell_types.Percent
    assert type(cells[7]) is type(cells[8]) is cell_types.CellError
    assert len(cells[10]) == len("Người phụ trách"), "NFD input, NFC output"


def test_ods_cells_without_value_type(readers, import_corpus):
    cells = [
        "<table:table-cell><text:p>plain text</text:p></table:table-cell>",
        "<table:table-cell/>",
        '<table:table-cell office:value-type="float" office:value="3"/>',
    ]
    data = import_corpus.ods(import_corpus.ods_table([import_corpus.ods_row(cells)]))
    assert read(readers, data, "plain.ods") == [(1, ("plain text", None, 3))]


def test_ods_space_bomb_is_a_long_cell(readers, import_corpus):
    params = refused(readers, import_corpus.ods_space_bomb(), "s.ods", "cell_too_long")
    assert params == {"cell": "A2", "length": 32768, "limit": 32767}


def test_ods_merged_cells_elsewhere_than_the_first_sheet(readers, import_corpus):
    rows = read(readers, import_corpus.ods_merged_in_second_sheet(), "notes.ods")
    assert rows == [(1, ("Opportunity", "Contact"))]


def test_ods_doctype_and_encryption(readers, import_corpus):
    table = import_corpus.ods_table([import_corpus.ods_row([import_corpus.ods_text("A")])])
    doctype = import_corpus.ods(table, prolog="<!--" + " " * 5000 + "--><!DOCTYPE x>")
    assert refused(readers, doctype, "d.ods", "doctype") == {"part": "content.xml"}
    encrypted = import_corpus.ods(table, manifest_extra="<manifest:encryption-data/>")
    refused(readers, encrypted, "e.ods", "encrypted")
