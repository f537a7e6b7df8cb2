"""tools/importer/csv_reader.py: .csv, .tsv and .txt in every encoding and separator Excel,
LibreOffice and Google Sheets write."""

import csv

import pytest

from conftest import read, refused

# ------------------------------------------------------------
# .csv, .tsv, .txt
# ------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32", "utf-16-le", "utf-8"]
)
def test_csv_encodings(readers, encoding):
    content = "Cơ hội,Liên hệ\nTriển khai,Công ty ABC\n"
    data = content.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    rows = read(readers, data, "e.csv")
    assert rows == [(1, ("Cơ hội", "Liên hệ")), (2, ("Triển khai", "Công ty ABC"))]


def test_csv_macos_nfd_composed(readers, import_corpus):
    data = import_corpus.nfd("Mã,Cơ hội\n").encode()
    assert read(readers, data, "mac.csv") == [(1, ("Mã", "Cơ hội"))]


def test_western_cp1252_is_not_taken_for_vietnamese(readers):
    data = "Opportunity,Contact\nperò città,São Paulo\n".encode("cp1252")
    assert read(readers, data, "w.csv")[1][1] == ("però città", "São Paulo")


def test_semicolon_csv_with_decimal_commas(readers):
    data = "Cơ hội;Giá trị;Tỷ lệ\nA;1500000,5;45%\nB;2,5;60%\n".encode()
    rows = read(readers, data, "semi.csv")
    assert rows[1][1] == ("A", "1500000,5", "45%")


@pytest.mark.parametrize(("delimiter", "name"), [("\t", "tab.tsv"), ("|", "pipe.txt")])
def test_tab_and_pipe_delimiters(readers, delimiter, name):
    data = delimiter.join(["Opportunity", "Contact, Ltd", "Value"]).encode() + b"\nA"
    data += (delimiter + "B, C" + delimiter + "3\n").encode()
    assert read(readers, data, name)[1][1] == ("A", "B, C", "3")


def test_excel_sep_line_names_the_separator(readers):
    data = b"sep=;\r\nOpportunity;Contact\r\nA,1;B\r\n"
    assert read(readers, data, "sep.csv") == [
        (1, ("Opportunity", "Contact")),
        (2, ("A,1", "B")),
    ]


def test_csv_binary_and_undecodable(readers, hostile):
    refused(readers, hostile.PNG_BYTES, "image.csv", "csv_binary")
    refused(readers, b"\x81\x8d\x8f\x90\x9d" * 50, "bytes.csv", "csv_encoding")


def test_csv_too_wide(readers, hostile):
    params = refused(readers, hostile.csv_wide_row(), "wide.csv", "csv_too_wide")
    assert params == {"limit": 1024}


def test_csv_unclosed_quote_is_one_long_cell(readers, hostile):
    params = refused(readers, hostile.csv_unclosed_quote(1), "q.csv", "cell_too_long")
    assert params["cell"] == "A2" and params["length"] > 1_000_000


def test_csv_module_errors_name_the_line(readers, monkeypatch):
    previous = csv.field_size_limit(100)
    monkeypatch.setattr(csv, "field_size_limit", lambda *args: 10**9)
    try:
        data = b"a,b\nc,d\n" + b"x" * 200 + b",y\n"
        params = refused(readers, data, "q.csv", "csv_quotes")
    finally:
        monkeypatch.undo()
        csv.field_size_limit(previous)
    assert params["line"] == 3 and "field limit" in params["error"]


def test_empty_rows_are_skipped_with_their_numbers(readers):
    data = b"Opportunity,Contact,,\n,,,\nDeal,ABC,,\n\n\nOther,,\n"
    assert read(readers, data, "gaps.csv") == [
        (1, ("Opportunity", "Contact")),
        (3, ("Deal", "ABC")),
        (6, ("Other",)),
    ]
