"""tools/import_readers.py: every format read as its producers write it, every refusal."""

import csv
import datetime
import io
import re
import time
import tracemalloc
import zipfile

import pytest

from conftest import REPO, TOOLS

CORPUS = REPO / "opportunity_pipeline" / "tests" / "data" / "import_corpus"
VI_ROW_2 = (
    None, "Triển khai phần mềm kế toán", "Công ty ABC", "Dự án", "Tiếp cận", 150000000, 0.45,
    datetime.date(2025, 3, 15), "admin", None, "VIP test", 2,
    "Khách hàng cần báo giá trước tháng 3",
)  # fmt: skip


def read(readers, data, name, max_rows=100):
    return list(readers.read_rows(data, name, readers.upload_guard.Limits(max_rows)))


def refused(readers, data, name, reason, max_rows=100):
    with pytest.raises(readers.ReadError) as caught:
        read(readers, data, name, max_rows)
    assert caught.value.reason == reason, caught.value.params
    return caught.value.params


def corpus(name):
    return (CORPUS / name).read_bytes()


# ------------------------------------------------------------
# The API
# ------------------------------------------------------------


def test_every_reason_raised_is_documented(import_readers):
    documented = set(re.findall(r"^(\w+) {2,}", import_readers.__doc__, re.MULTILINE))
    sources = " ".join(
        (TOOLS / name).read_text()
        for name in ("import_readers.py", "import_xlsx.py", "import_ods.py", "upload_guard.py")
    )
    raised = set(re.findall(r'(?:ReadError|FileRefused)\(\s*"(\w+)"', sources))
    assert raised - {"reason"} <= documented, raised - documented
    assert {"merged_cells", "empty_rows", "too_many_rows", "csv_encoding"} <= raised


def test_cell_types_are_their_plain_types(import_readers):
    rate = import_readers.Percent(0.45)
    error = import_readers.CellError("#N/A")
    assert isinstance(rate, float) and rate == 0.45 and rate * 100 == 45
    assert isinstance(error, str) and error == "#N/A"
    assert repr(rate) == "Percent(0.45)" and repr(error) == "CellError('#N/A')"


def test_unsupported_extension_and_empty_file(import_readers):
    assert refused(import_readers, b"%PDF-1.4", "offer.pdf", "unsupported_type") == {
        "extension": "pdf"
    }
    assert refused(import_readers, b"a,b", "no_extension", "unsupported_type") == {"extension": ""}
    assert refused(import_readers, b"", "empty.xlsx", "empty") == {}


def test_file_too_big_keeps_upload_guard_params(import_readers, hostile):
    params = refused(import_readers, hostile.oversized(17, b"a,b\n"), "big.csv", "file_too_big")
    assert params == {"size_mb": 17.0, "limit_mb": 16.0}


# ------------------------------------------------------------
# LibreOffice, Vietnamese locale (committed corpus)
# ------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["vi_libreoffice.xlsx", "vi_libreoffice.xls", "vi_libreoffice.ods"]
)
def test_libreoffice_vietnamese_workbook(import_readers, import_corpus, name):
    rows = read(import_readers, corpus(name), name)
    assert [number for number, __ in rows] == [1, 2, 3, 4]
    assert rows[0][1] == import_corpus.HEADERS_VI
    assert rows[1][1] == VI_ROW_2
    rate, closing = rows[1][1][6], rows[1][1][7]
    assert type(rate) is import_readers.Percent and type(closing) is datetime.date
    assert rows[2][1][6] == import_readers.Percent(0.6)
    assert rows[2][1][12] == "Gia hạn hợp đồng; liên hệ qua email\ntrước ngày 15/06"
    assert rows[2][1][15] == 2500000.5, "typed 2500000,5 with a decimal comma"
    assert rows[3][1][-1] == 0, "trailing empty cells are not kept"


def test_libreoffice_ods_repeated_empty_rows_cost_one_step(import_readers):
    data = corpus("vi_libreoffice.ods")
    assert b'number-rows-repeated="1048571"' in _content(data), "LibreOffice's own repeat"
    assert len(read(import_readers, data, "vi.ods", max_rows=5)) == 4


@pytest.mark.parametrize(
    "name", ["vi_libreoffice_cp1258.csv", "vi_libreoffice_unicode.txt", "vi_libreoffice_utf8.csv"]
)
def test_libreoffice_vietnamese_text_files(import_readers, import_corpus, name):
    rows = read(import_readers, corpus(name), name)
    assert rows[0][1] == import_corpus.HEADERS_VI
    assert rows[1][1][:7] == (*VI_ROW_2[:5], "150000000", "45,00%"), "text stays text"
    assert rows[2][1][12] == "Gia hạn hợp đồng; liên hệ qua email\ntrước ngày 15/06"
    assert len(rows) == 4


def test_cp1258_file_holds_combining_tone_marks_and_reads_composed(import_readers):
    data = corpus("vi_libreoffice_cp1258.csv")
    assert b"\xde" in data and b"\xec" in data, "tones as combining marks (tilde, acute)"
    header = read(import_readers, data, "vi.csv")[0][1]
    assert header[0] == "Mã" and len(header[0]) == 2


@pytest.mark.parametrize(
    "name", ["en_libreoffice_merged.xlsx", "en_libreoffice_merged.xls", "en_libreoffice_merged.ods"]
)
def test_merged_cells_refused_with_their_ranges(import_readers, name):
    params = refused(import_readers, corpus(name), name, "merged_cells")
    assert params == {"sheet": "Opportunities", "ranges": "C2:C3"}


@pytest.mark.parametrize("name", ["en_libreoffice_password.xls", "en_libreoffice_password.ods"])
def test_password_protected_libreoffice_files(import_readers, name):
    refused(import_readers, corpus(name), name, "encrypted")


# ------------------------------------------------------------
# .xlsx from other producers
# ------------------------------------------------------------


@pytest.mark.parametrize("dimension", ["A1:C2", None], ids=["wrong", "missing"])
def test_dimension_is_never_trusted(import_readers, import_corpus, dimension):
    data = import_corpus.streamed_export(22_000, dimension)
    rows = read(import_readers, data, "export.xlsx", max_rows=25_000)
    assert len(rows) == 22_001
    assert rows[-1] == (22_001, ("Deal 22001", "Công ty ABC", 22_001))


def test_inline_and_shared_rich_text(import_readers, import_corpus):
    rows = read(import_readers, import_corpus.excel_rich_text(), "rich.xlsx")
    assert [cells[0] for __, cells in rows] == [
        "Opportunity",
        "Triển khai ERP",
        "東京",  # the phonetic reading is not part of the text
        "Công ty ABC",
    ]


def test_formulas_give_their_cached_values(import_readers, import_corpus):
    rows = dict(read(import_readers, import_corpus.excel_formulas(), "formulas.xlsx"))
    assert rows[2] == (10, 20, "Deal 10")
    assert rows[3] == (1.5, 3, "#DIV/0!")
    assert rows[4] == (True, 2, "#N/A")
    assert rows[5] == (False,), "a formula without a cached value is empty"
    assert type(rows[3][2]) is import_readers.CellError
    assert type(rows[4][2]) is import_readers.CellError
    assert type(rows[2][2]) is str


def test_percent_and_date_formats_xlsx(import_readers, import_corpus):
    values = [
        cells[0]
        for __, cells in read(import_readers, import_corpus.number_formats_xlsx(), "f.xlsx")
    ]
    percent = import_readers.Percent
    assert [type(value) for value in values[1:5]] == [percent, percent, percent, int]
    assert values[1:5] == [0.45, 0.125, 0.3, 45], '"%" in quotes is a literal, not a percent'
    assert values[5:] == [
        datetime.date(2025, 3, 15),
        datetime.date(2025, 3, 15),
        datetime.datetime(2025, 3, 15, 12, 0),
        datetime.time(18, 0),
    ]


def test_1904_workbook_dates(import_readers, import_corpus):
    rows = read(import_readers, import_corpus.mac_1904_workbook(), "mac.xlsx")
    assert rows[1][1] == (datetime.date(2025, 3, 15),)


def test_nfd_text_comes_out_composed(import_readers, import_corpus):
    rows = read(import_readers, import_corpus.macos_nfd_xlsx(), "mac.xlsx")
    assert rows[0][1] == import_corpus.HEADERS_VI[:3]
    assert rows[1][1] == ("Mã số", "Cơ hội lớn")
    assert len(rows[1][1][0]) == 5, "5 code points, not 7"


def test_cells_without_references_and_odd_spellings(import_readers, import_corpus):
    cells = (
        '<row><c t="inlineStr"><is><t>no reference</t></is></c><c><v>2</v></c></row>'
        '<row r="3"><c r="b3" t="b"><v>TRUE</v></c><c r="D3" t="b"><v>false</v></c>'
        '<c r="C3" t="n"><v>1E3</v></c></row>'
    )
    rows = read(import_readers, import_corpus.xlsx(cells), "odd.xlsx")
    assert rows == [(1, ("no reference", 2)), (3, (None, True, 1000.0, False))]


def test_encrypted_xlsx_refused(import_readers, import_corpus):
    refused(import_readers, import_corpus.encrypted_xlsx(), "secret.xlsx", "encrypted")


@pytest.mark.parametrize(
    ("source", "name", "actual"),
    [
        ("vi_libreoffice.xls", "renamed.xlsx", "xls"),
        ("vi_libreoffice.ods", "renamed.xlsx", "ods"),
        ("vi_libreoffice.xlsx", "renamed.xls", "xlsx"),
        ("vi_libreoffice.xlsx", "renamed.ods", "xlsx"),
        ("vi_libreoffice.xls", "renamed.ods", "xls"),
        ("vi_libreoffice.xlsx", "renamed.csv", "xlsx"),
        ("vi_libreoffice.ods", "renamed.txt", "ods"),
    ],
)
def test_file_named_as_another_format(import_readers, source, name, actual):
    params = refused(import_readers, corpus(source), name, "wrong_extension")
    assert params == {"extension": name.rsplit(".", 1)[1], "actual": actual}


@pytest.mark.parametrize("name", ["data.xlsx", "data.xls", "data.ods"])
def test_text_named_as_a_spreadsheet(import_readers, name):
    params = refused(import_readers, b"Opportunity,Contact\nA,B\n", name, "not_a_spreadsheet")
    assert params == {"extension": name.rsplit(".", 1)[1]}


def test_damaged_files(import_readers, hostile):
    refused(import_readers, hostile.truncated_xlsx(), "cut.xlsx", "damaged")
    refused(import_readers, hostile.corrupt_sheet_stream(), "corrupt.xlsx", "damaged")
    ole_garbage = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x01" * 2000
    refused(import_readers, ole_garbage, "garbage.xls", "damaged")
    not_a_workbook = io.BytesIO()
    with zipfile.ZipFile(not_a_workbook, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    refused(import_readers, not_a_workbook.getvalue(), "zip.xlsx", "damaged")


def test_doctype_refused_even_after_a_long_prolog(import_readers, import_corpus, hostile):
    refused(import_readers, hostile.entity_expansion(), "laughs.xlsx", "doctype")
    # past the 4 KiB that upload_guard looks at: the streaming parser still refuses it
    prolog = "<!--" + "x" * 8000 + '--><!DOCTYPE worksheet [<!ENTITY a "b">]>'
    data = import_corpus.xlsx(import_corpus.inline_rows([("A",)]), prolog=prolog)
    assert refused(import_readers, data, "long.xlsx", "doctype") == {
        "part": "xl/worksheets/sheet1.xml"
    }


def test_size_guards_come_out_as_read_errors(import_readers, hostile):
    bomb = hostile.shared_strings_bomb(1_000_000)
    params = refused(import_readers, bomb, "s.xlsx", "too_many_strings", 20_000)
    assert params["limit"] == 320_000
    params = refused(import_readers, hostile.whitespace_bomb(100), "w.xlsx", "part_too_big", 100)
    assert params["part"] == "xl/worksheets/sheet1.xml" and params["size_mb"] >= 100


def test_columns_past_the_limit_are_not_read(import_readers, hostile):
    rows = read(import_readers, hostile.wide_row(), "wide.xlsx", max_rows=300)
    assert len(rows) == 199
    assert all(len(cells) == 2 for __, cells in rows), "column XFD is past the columns read"


def test_stray_cell_far_below_the_data(import_readers, hostile):
    params = refused(import_readers, hostile.far_row(), "far.xlsx", "empty_rows", 100)
    assert params == {"row": 1011}


def test_endless_formatted_empty_rows(import_readers, import_corpus):
    data = import_corpus.empty_formatted_rows(1200)
    assert refused(import_readers, data, "rows.xlsx", "empty_rows", max_rows=100) == {"row": 1011}
    assert len(read(import_readers, data, "rows.xlsx", max_rows=200)) == 2, "empty rows skipped"


def test_row_limit(import_readers, import_corpus):
    data = import_corpus.streamed_export(101, None)
    assert len(read(import_readers, data, "ok.xlsx", max_rows=101)) == 102
    assert refused(import_readers, data, "big.xlsx", "too_many_rows", 100) == {"limit": 100}


def test_cell_too_long(import_readers, hostile):
    params = refused(
        import_readers, hostile.shared_string_reuse(40_000, 3), "r.xlsx", "cell_too_long"
    )
    assert params == {"cell": "B2", "length": 40_000, "limit": 32767}


def test_ten_thousand_rows_of_sixteen_columns_read_fast(import_readers, import_corpus):
    header = "".join(
        import_corpus.inline(f"{import_corpus.column(i)}1", h)
        for i, h in enumerate(import_corpus.HEADERS_EN, 1)
    )
    strings = "".join(f"<si><t>Cơ hội số {n}</t></si>" for n in range(10_000))
    body = [f'<row r="1">{header}</row>']
    for n in range(2, 10_002):
        cells = [f'<c r="A{n}" t="s"><v>{n - 2}</v></c>']
        cells += [import_corpus.number(f"{import_corpus.column(i)}{n}", n, 1) for i in range(2, 9)]
        cells += [
            f'<c r="{import_corpus.column(i)}{n}" t="s"><v>{n % 50}</v></c>' for i in range(9, 17)
        ]
        body.append(f'<row r="{n}">{"".join(cells)}</row>')
    data = import_corpus.xlsx("".join(body), strings, number_formats=("0%",))
    start = time.process_time()
    rows = read(import_readers, data, "big.xlsx", max_rows=20_000)
    elapsed = time.process_time() - start
    assert len(rows) == 10_001 and len(rows[-1][1]) == 16
    assert rows[-1][1][1] == import_readers.Percent(10_001)
    assert elapsed < 4, f"{elapsed:.2f} s of CPU for 10,000 rows (about 1 s expected)"


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


def test_xls_cells_of_every_type(import_readers, import_corpus):
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

    rows = read(import_readers, _xls(write), "types.xls")
    cells = rows[1][1]
    assert cells == (
        0.45, 0.125, 45.0, datetime.date(2025, 3, 15), datetime.datetime(2025, 3, 15, 10, 30),
        True, "#N/A", "Công ty", datetime.time(10, 30),
    )  # fmt: skip
    assert [type(cell).__name__ for cell in cells] == [
        "Percent", "Percent", "float", "date", "datetime", "bool", "CellError", "str", "time",
    ]  # fmt: skip


def test_xls_merged_cells_from_xlwt(import_readers):
    def write(sheet, xlwt):
        sheet.write(0, 0, "Opportunity")
        sheet.write_merge(1, 2, 1, 1, "Công ty ABC")

    params = refused(import_readers, _xls(write), "merged.xls", "merged_cells")
    assert params == {"sheet": "Cơ hội", "ranges": "B2:B3"}


def test_xls_encrypted_xlsx_renamed(import_readers, import_corpus):
    refused(import_readers, import_corpus.encrypted_xlsx(), "secret.xls", "encrypted")


# ------------------------------------------------------------
# .ods
# ------------------------------------------------------------


def _content(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("content.xml")


def test_ods_hostile_repeats_stay_fast_and_small(import_readers, import_corpus):
    data = import_corpus.ods_hostile_repeats()
    tracemalloc.start()
    start = time.process_time()
    try:
        rows = read(import_readers, data, "repeats.ods")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.process_time() - start < 1
    assert peak < 2 * 1024 * 1024, f"{peak} bytes"
    assert [number for number, __ in rows] == [1, 2]
    assert rows[0][1] == ("Opportunity",) + ("Contact",) * 63, "cut at 64 columns"
    assert rows[1][1] == ("Deal",) + ("Công ty ABC",) * 63


def test_ods_repeated_data_rows_count_towards_the_limit(import_readers, import_corpus):
    data = import_corpus.ods_repeated_data_rows(1_000_000_000)
    start = time.process_time()
    assert refused(import_readers, data, "rows.ods", "too_many_rows", 100) == {"limit": 100}
    assert time.process_time() - start < 1
    rows = read(import_readers, import_corpus.ods_repeated_data_rows(3), "rows.ods")
    assert [number for number, __ in rows] == [1, 2, 3, 4]


def test_ods_value_types_and_text(import_readers, import_corpus):
    cells = read(import_readers, import_corpus.ods_cells(), "cells.ods")[1][1]
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
    assert type(cells[2]) is import_readers.Percent
    assert type(cells[7]) is type(cells[8]) is import_readers.CellError
    assert len(cells[10]) == len("Người phụ trách"), "NFD input, NFC output"


def test_ods_cells_without_value_type(import_readers, import_corpus):
    cells = [
        "<table:table-cell><text:p>plain text</text:p></table:table-cell>",
        "<table:table-cell/>",
        '<table:table-cell office:value-type="float" office:value="3"/>',
    ]
    data = import_corpus.ods(import_corpus.ods_table([import_corpus.ods_row(cells)]))
    assert read(import_readers, data, "plain.ods") == [(1, ("plain text", None, 3))]


def test_ods_space_bomb_is_a_long_cell(import_readers, import_corpus):
    params = refused(import_readers, import_corpus.ods_space_bomb(), "s.ods", "cell_too_long")
    assert params == {"cell": "A2", "length": 32768, "limit": 32767}


def test_ods_merged_cells_elsewhere_than_the_first_sheet(import_readers, import_corpus):
    rows = read(import_readers, import_corpus.ods_merged_in_second_sheet(), "notes.ods")
    assert rows == [(1, ("Opportunity", "Contact"))]


def test_ods_doctype_and_encryption(import_readers, import_corpus):
    table = import_corpus.ods_table([import_corpus.ods_row([import_corpus.ods_text("A")])])
    doctype = import_corpus.ods(table, prolog="<!--" + " " * 5000 + "--><!DOCTYPE x>")
    assert refused(import_readers, doctype, "d.ods", "doctype") == {"part": "content.xml"}
    encrypted = import_corpus.ods(table, manifest_extra="<manifest:encryption-data/>")
    refused(import_readers, encrypted, "e.ods", "encrypted")


# ------------------------------------------------------------
# .csv, .tsv, .txt
# ------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32", "utf-16-le", "utf-8"]
)
def test_csv_encodings(import_readers, encoding):
    content = "Cơ hội,Liên hệ\nTriển khai,Công ty ABC\n"
    data = content.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    rows = read(import_readers, data, "e.csv")
    assert rows == [(1, ("Cơ hội", "Liên hệ")), (2, ("Triển khai", "Công ty ABC"))]


def test_csv_macos_nfd_composed(import_readers, import_corpus):
    data = import_corpus.nfd("Mã,Cơ hội\n").encode()
    assert read(import_readers, data, "mac.csv") == [(1, ("Mã", "Cơ hội"))]


def test_western_cp1252_is_not_taken_for_vietnamese(import_readers):
    data = "Opportunity,Contact\nperò città,São Paulo\n".encode("cp1252")
    assert read(import_readers, data, "w.csv")[1][1] == ("però città", "São Paulo")


def test_semicolon_csv_with_decimal_commas(import_readers):
    data = "Cơ hội;Giá trị;Tỷ lệ\nA;1500000,5;45%\nB;2,5;60%\n".encode()
    rows = read(import_readers, data, "semi.csv")
    assert rows[1][1] == ("A", "1500000,5", "45%")


@pytest.mark.parametrize(("delimiter", "name"), [("\t", "tab.tsv"), ("|", "pipe.txt")])
def test_tab_and_pipe_delimiters(import_readers, delimiter, name):
    data = delimiter.join(["Opportunity", "Contact, Ltd", "Value"]).encode() + b"\nA"
    data += (delimiter + "B, C" + delimiter + "3\n").encode()
    assert read(import_readers, data, name)[1][1] == ("A", "B, C", "3")


def test_excel_sep_line_names_the_separator(import_readers):
    data = b"sep=;\r\nOpportunity;Contact\r\nA,1;B\r\n"
    assert read(import_readers, data, "sep.csv") == [
        (1, ("Opportunity", "Contact")),
        (2, ("A,1", "B")),
    ]


def test_csv_binary_and_undecodable(import_readers, hostile):
    refused(import_readers, hostile.PNG_BYTES, "image.csv", "csv_binary")
    refused(import_readers, b"\x81\x8d\x8f\x90\x9d" * 50, "bytes.csv", "csv_encoding")


def test_csv_too_wide(import_readers, hostile):
    params = refused(import_readers, hostile.csv_wide_row(), "wide.csv", "csv_too_wide")
    assert params == {"limit": 1024}


def test_csv_unclosed_quote_is_one_long_cell(import_readers, hostile):
    params = refused(import_readers, hostile.csv_unclosed_quote(1), "q.csv", "cell_too_long")
    assert params["cell"] == "A2" and params["length"] > 1_000_000


def test_csv_module_errors_name_the_line(import_readers, monkeypatch):
    previous = csv.field_size_limit(100)
    monkeypatch.setattr(import_readers.csv, "field_size_limit", lambda *args: 10**9)
    try:
        data = b"a,b\nc,d\n" + b"x" * 200 + b",y\n"
        params = refused(import_readers, data, "q.csv", "csv_quotes")
    finally:
        monkeypatch.undo()
        csv.field_size_limit(previous)
    assert params["line"] == 3 and "field limit" in params["error"]


def test_empty_rows_are_skipped_with_their_numbers(import_readers):
    data = b"Opportunity,Contact,,\n,,,\nDeal,ABC,,\n\n\nOther,,\n"
    assert read(import_readers, data, "gaps.csv") == [
        (1, ("Opportunity", "Contact")),
        (3, ("Deal", "ABC")),
        (6, ("Other",)),
    ]
