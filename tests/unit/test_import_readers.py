"""tools/importer/rows.py and the .xlsx reader: every refusal, LibreOffice's files, other
producers' .xlsx (the .xls, .ods and CSV readers: test_import_readers_xls_ods.py,
test_import_readers_csv.py)."""

import datetime
import io
import re
import time
import zipfile

import pytest

from conftest import TOOLS, corpus, ods_content, read, refused

VI_ROW_2 = (
    None, "Triển khai phần mềm kế toán", "Công ty ABC", "Dự án", "Tiếp cận", 150000000, 0.45,
    datetime.date(2025, 3, 15), "admin", None, "VIP test", 2,
    "Khách hàng cần báo giá trước tháng 3",
)  # fmt: skip


# ------------------------------------------------------------
# The API
# ------------------------------------------------------------


def test_every_reason_raised_is_documented(readers):
    documented = set(re.findall(r"^(\w+) {2,}", readers.__doc__, re.MULTILINE))
    files = [*sorted((TOOLS / "importer").glob("*.py")), TOOLS / "upload_guard.py"]
    sources = " ".join(path.read_text() for path in files)
    raised = set(re.findall(r'(?:ReadError|FileRefused)\(\s*"(\w+)"', sources))
    assert raised - {"reason"} <= documented, raised - documented
    assert {"merged_cells", "empty_rows", "too_many_rows", "csv_encoding"} <= raised


def test_cell_types_are_their_plain_types(cell_types):
    rate = cell_types.Percent(0.45)
    error = cell_types.CellError("#N/A")
    assert isinstance(rate, float) and rate == 0.45 and rate * 100 == 45
    assert isinstance(error, str) and error == "#N/A"
    assert repr(rate) == "Percent(0.45)" and repr(error) == "CellError('#N/A')"


def test_unsupported_extension_and_empty_file(readers):
    assert refused(readers, b"%PDF-1.4", "offer.pdf", "unsupported_type") == {"extension": "pdf"}
    assert refused(readers, b"a,b", "no_extension", "unsupported_type") == {"extension": ""}
    assert refused(readers, b"", "empty.xlsx", "empty") == {}


def test_file_too_big_keeps_upload_guard_params(readers, hostile):
    params = refused(readers, hostile.oversized(17, b"a,b\n"), "big.csv", "file_too_big")
    assert params == {"size_mb": 17.0, "limit_mb": 16.0}


# ------------------------------------------------------------
# LibreOffice, Vietnamese locale (committed corpus)
# ------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["vi_libreoffice.xlsx", "vi_libreoffice.xls", "vi_libreoffice.ods"]
)
def test_libreoffice_vietnamese_workbook(readers, cell_types, import_corpus, name):
    rows = read(readers, corpus(name), name)
    assert [number for number, __ in rows] == [1, 2, 3, 4]
    assert rows[0][1] == import_corpus.HEADERS_VI
    assert rows[1][1] == VI_ROW_2
    rate, closing = rows[1][1][6], rows[1][1][7]
    assert type(rate) is cell_types.Percent and type(closing) is datetime.date
    assert rows[2][1][6] == cell_types.Percent(0.6)
    assert rows[2][1][12] == "Gia hạn hợp đồng; liên hệ qua email\ntrước ngày 15/06"
    assert rows[2][1][15] == 2500000.5, "typed 2500000,5 with a decimal comma"
    assert rows[3][1][-1] == 0, "trailing empty cells are not kept"


def test_libreoffice_ods_repeated_empty_rows_cost_one_step(readers):
    data = corpus("vi_libreoffice.ods")
    assert b'number-rows-repeated="1048571"' in ods_content(data), "LibreOffice's own repeat"
    assert len(read(readers, data, "vi.ods", max_rows=5)) == 4


@pytest.mark.parametrize(
    "name", ["vi_libreoffice_cp1258.csv", "vi_libreoffice_unicode.txt", "vi_libreoffice_utf8.csv"]
)
def test_libreoffice_vietnamese_text_files(readers, import_corpus, name):
    rows = read(readers, corpus(name), name)
    assert rows[0][1] == import_corpus.HEADERS_VI
    assert rows[1][1][:7] == (*VI_ROW_2[:5], "150000000", "45,00%"), "text stays text"
    assert rows[2][1][12] == "Gia hạn hợp đồng; liên hệ qua email\ntrước ngày 15/06"
    assert len(rows) == 4


def test_cp1258_file_holds_combining_tone_marks_and_reads_composed(readers):
    data = corpus("vi_libreoffice_cp1258.csv")
    assert b"\xde" in data and b"\xec" in data, "tones as combining marks (tilde, acute)"
    header = read(readers, data, "vi.csv")[0][1]
    assert header[0] == "Mã" and len(header[0]) == 2


@pytest.mark.parametrize(
    "name", ["en_libreoffice_merged.xlsx", "en_libreoffice_merged.xls", "en_libreoffice_merged.ods"]
)
def test_merged_cells_refused_with_their_ranges(readers, name):
    params = refused(readers, corpus(name), name, "merged_cells")
    assert params == {"sheet": "Opportunities", "ranges": "C2:C3"}


@pytest.mark.parametrize("name", ["en_libreoffice_password.xls", "en_libreoffice_password.ods"])
def test_password_protected_libreoffice_files(readers, name):
    refused(readers, corpus(name), name, "encrypted")


# ------------------------------------------------------------
# .xlsx from other producers
# ------------------------------------------------------------


@pytest.mark.parametrize("dimension", ["A1:C2", None], ids=["wrong", "missing"])
def test_dimension_is_never_trusted(readers, import_corpus, dimension):
    data = import_corpus.streamed_export(22_000, dimension)
    rows = read(readers, data, "export.xlsx", max_rows=25_000)
    assert len(rows) == 22_001
    assert rows[-1] == (22_001, ("Deal 22001", "Công ty ABC", 22_001))


def test_inline_and_shared_rich_text(readers, import_corpus):
    rows = read(readers, import_corpus.excel_rich_text(), "rich.xlsx")
    assert [cells[0] for __, cells in rows] == [
        "Opportunity",
        "Triển khai ERP",
        "東京",  # the phonetic reading is not part of the text
        "Công ty ABC",
    ]


def test_formulas_give_their_cached_values(readers, cell_types, import_corpus):
    rows = dict(read(readers, import_corpus.excel_formulas(), "formulas.xlsx"))
    assert rows[2] == (10, 20, "Deal 10")
    assert rows[3] == (1.5, 3, "#DIV/0!")
    assert rows[4] == (True, 2, "#N/A")
    assert rows[5] == (False,), "a formula without a cached value is empty"
    assert type(rows[3][2]) is cell_types.CellError
    assert type(rows[4][2]) is cell_types.CellError
    assert type(rows[2][2]) is str


def test_percent_and_date_formats_xlsx(readers, cell_types, import_corpus):
    values = [
        cells[0] for __, cells in read(readers, import_corpus.number_formats_xlsx(), "f.xlsx")
    ]
    percent = cell_types.Percent
    assert [type(value) for value in values[1:5]] == [percent, percent, percent, int]
    assert values[1:5] == [0.45, 0.125, 0.3, 45], '"%" in quotes is a literal, not a percent'
    assert values[5:] == [
        datetime.date(2025, 3, 15),
        datetime.date(2025, 3, 15),
        datetime.datetime(2025, 3, 15, 12, 0),
        datetime.time(18, 0),
    ]


def test_1904_workbook_dates(readers, import_corpus):
    rows = read(readers, import_corpus.mac_1904_workbook(), "mac.xlsx")
    assert rows[1][1] == (datetime.date(2025, 3, 15),)


def test_nfd_text_comes_out_composed(readers, import_corpus):
    rows = read(readers, import_corpus.macos_nfd_xlsx(), "mac.xlsx")
    assert rows[0][1] == import_corpus.HEADERS_VI[:3]
    assert rows[1][1] == ("Mã số", "Cơ hội lớn")
    assert len(rows[1][1][0]) == 5, "5 code points, not 7"


def test_cells_without_references_and_odd_spellings(readers, import_corpus):
    cells = (
        '<row><c t="inlineStr"><is><t>no reference</t></is></c><c><v>2</v></c></row>'
        '<row r="3"><c r="b3" t="b"><v>TRUE</v></c><c r="D3" t="b"><v>false</v></c>'
        '<c r="C3" t="n"><v>1E3</v></c></row>'
    )
    rows = read(readers, import_corpus.xlsx(cells), "odd.xlsx")
    assert rows == [(1, ("no reference", 2)), (3, (None, True, 1000.0, False))]


def test_encrypted_xlsx_refused(readers, import_corpus):
    refused(readers, import_corpus.encrypted_xlsx(), "secret.xlsx", "encrypted")


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
def test_file_named_as_another_format(readers, source, name, actual):
    params = refused(readers, corpus(source), name, "wrong_extension")
    assert params == {"extension": name.rsplit(".", 1)[1], "actual": actual}


@pytest.mark.parametrize("name", ["data.xlsx", "data.xls", "data.ods"])
def test_text_named_as_a_spreadsheet(readers, name):
    params = refused(readers, b"Opportunity,Contact\nA,B\n", name, "not_a_spreadsheet")
    assert params == {"extension": name.rsplit(".", 1)[1]}


def test_damaged_files(readers, hostile):
    refused(readers, hostile.truncated_xlsx(), "cut.xlsx", "damaged")
    refused(readers, hostile.corrupt_sheet_stream(), "corrupt.xlsx", "damaged")
    ole_garbage = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x01" * 2000
    refused(readers, ole_garbage, "garbage.xls", "damaged")
    not_a_workbook = io.BytesIO()
    with zipfile.ZipFile(not_a_workbook, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    refused(readers, not_a_workbook.getvalue(), "zip.xlsx", "damaged")


def test_doctype_refused_even_after_a_long_prolog(readers, import_corpus, hostile):
    refused(readers, hostile.entity_expansion(), "laughs.xlsx", "doctype")
    # past the 4 KiB that upload_guard looks at: the streaming parser still refuses it
    prolog = "<!--" + "x" * 8000 + '--><!DOCTYPE worksheet [<!ENTITY a "b">]>'
    data = import_corpus.xlsx(import_corpus.inline_rows([("A",)]), prolog=prolog)
    assert refused(readers, data, "long.xlsx", "doctype") == {"part": "xl/worksheets/sheet1.xml"}


def test_size_guards_come_out_as_read_errors(readers, hostile):
    bomb = hostile.shared_strings_bomb(1_000_000)
    params = refused(readers, bomb, "s.xlsx", "too_many_strings", 20_000)
    assert params["limit"] == 320_000
    params = refused(readers, hostile.whitespace_bomb(100), "w.xlsx", "part_too_big", 100)
    assert params["part"] == "xl/worksheets/sheet1.xml" and params["size_mb"] >= 100


def test_columns_past_the_limit_are_not_read(readers, hostile):
    rows = read(readers, hostile.wide_row(), "wide.xlsx", max_rows=300)
    assert len(rows) == 199
    assert all(len(cells) == 2 for __, cells in rows), "column XFD is past the columns read"


def test_stray_cell_far_below_the_data(readers, hostile):
    params = refused(readers, hostile.far_row(), "far.xlsx", "empty_rows", 100)
    assert params == {"row": 1011}


def test_endless_formatted_empty_rows(readers, import_corpus):
    data = import_corpus.empty_formatted_rows(1200)
    assert refused(readers, data, "rows.xlsx", "empty_rows", max_rows=100) == {"row": 1011}
    assert len(read(readers, data, "rows.xlsx", max_rows=200)) == 2, "empty rows skipped"


def test_row_limit(readers, import_corpus):
    data = import_corpus.streamed_export(101, None)
    assert len(read(readers, data, "ok.xlsx", max_rows=101)) == 102
    assert refused(readers, data, "big.xlsx", "too_many_rows", 100) == {"limit": 100}


def test_cell_too_long(readers, hostile):
    params = refused(readers, hostile.shared_string_reuse(40_000, 3), "r.xlsx", "cell_too_long")
    assert params == {"cell": "B2", "length": 40_000, "limit": 32767}


def test_ten_thousand_rows_of_sixteen_columns_read_fast(readers, cell_types, import_corpus):
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
    rows = read(readers, data, "big.xlsx", max_rows=20_000)
    elapsed = time.process_time() - start
    assert len(rows) == 10_001 and len(rows[-1][1]) == 16
    assert rows[-1][1][1] == cell_types.Percent(10_001)
    assert elapsed < 4, f"{elapsed:.2f} s of CPU for 10,000 rows (about 1 s expected)"
