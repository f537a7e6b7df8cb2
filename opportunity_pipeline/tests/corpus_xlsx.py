# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Spreadsheets as other programs write them, built in memory: the .xlsx and shared helpers
(the .ods in corpus_ods.py; used by tests/unit/test_import_readers*.py).

LibreOffice's own files are committed in opportunity_pipeline/tests/data/import_corpus/
(scripts/make_import_corpus.py makes them). The producers that cannot run here are imitated, one
quirk per builder, from the XML they are known to write: Excel (rich-text runs, shared formulas
filled down, error cells, 1904 workbooks from old Excel for Mac, password-protected files),
streaming exporters of web applications and reporting tools (inline strings, no shared strings part,
a ``<dimension>`` written before the rows and never updated, or none), text typed on macOS (NFD:
decomposed Vietnamese), and ODS files trimmed to what a test needs.
"""

import io
import unicodedata
import zipfile

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
HEADERS_EN = (
    "Code", "Opportunity", "Contact", "Sales Process", "Stage", "Value", "Success Rate (%)",
    "Expected Closing", "Responsible", "Collaborators", "Labels", "Priority", "Description",
    "Product", "Quantity", "Unit Price",
)  # fmt: skip
HEADERS_VI = (
    "Mã", "Cơ hội", "Liên hệ", "Quy trình bán hàng", "Giai đoạn", "Giá trị",
    "Tỷ lệ thành công (%)", "Ngày dự kiến chốt", "Người phụ trách", "Người phối hợp", "Nhãn",
    "Độ ưu tiên", "Mô tả", "Sản phẩm", "Số lượng", "Đơn giá",
)  # fmt: skip


def nfd(value):
    """Text as macOS hands it over: decomposed (a base letter, then its combining marks)."""
    return unicodedata.normalize("NFD", value)


def column(index):
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def escape(value):
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


# ------------------------------------------------------------
# .xlsx
# ------------------------------------------------------------


def xlsx(
    sheet_data,
    strings=None,
    number_formats=(),
    dimension=None,
    date1904=False,
    merges=(),
    prolog="",
    sheet_name="Sheet1",
):
    """An .xlsx package around ``sheet_data`` (the XML inside ``<sheetData>``).

    ``strings`` is the XML inside ``<sst>`` (no sharedStrings part when None);
    ``number_formats`` the format codes of the cell styles 1, 2... (style 0 is General; a code
    that is an int is a built-in format id); ``prolog`` goes before the sheet's root element.
    """
    sheet = _worksheet(sheet_data, dimension, merges, prolog)
    parts = {
        "[Content_Types].xml": _content_types(strings is not None),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">'
            f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN_NS}" '
            f'xmlns:r="{REL_NS}"><workbookPr date1904="{int(date1904)}"/><sheets>'
            f'<sheet name="{sheet_name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": _workbook_rels(strings is not None),
        "xl/styles.xml": _styles(number_formats),
        "xl/worksheets/sheet1.xml": sheet,
    }
    if strings is not None:
        parts["xl/sharedStrings.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}">{strings}</sst>'
        )
    return zip_parts(parts)


def _worksheet(sheet_data, dimension, merges, prolog):
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    merge = (
        f'<mergeCells count="{len(merges)}">'
        + "".join(f'<mergeCell ref="{ref}"/>' for ref in merges)
        + "</mergeCells>"
        if merges
        else ""
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{MAIN_NS}">{dim}'
        f"<sheetData>{sheet_data}</sheetData>{merge}</worksheet>"
    )


def zip_parts(parts):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return output.getvalue()


def _content_types(strings):
    main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    overrides = {
        "/xl/workbook.xml": f"{main}.sheet.main+xml",
        "/xl/worksheets/sheet1.xml": f"{main}.worksheet+xml",
        "/xl/styles.xml": f"{main}.styles+xml",
    }
    if strings:
        overrides["/xl/sharedStrings.xml"] = f"{main}.sharedStrings+xml"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        + "".join(
            f'<Override PartName="{name}" ContentType="{kind}"/>'
            for name, kind in overrides.items()
        )
        + "</Types>"
    )


def _workbook_rels(strings):
    rels = [
        f'<Relationship Id="rId1" Type="{REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>',
        f'<Relationship Id="rId2" Type="{REL_NS}/styles" Target="styles.xml"/>',
    ]
    if strings:
        rels.append(
            f'<Relationship Id="rId3" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG_REL_NS}">'
        + "".join(rels)
        + "</Relationships>"
    )


def _styles(number_formats):
    custom = []
    xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>']
    for index, code in enumerate(number_formats):
        if isinstance(code, int):
            format_id = code
        else:
            format_id = 164 + index
            custom.append(f'<numFmt numFmtId="{format_id}" formatCode="{escape(code)}"/>')
        xfs.append(
            f'<xf numFmtId="{format_id}" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>'
        )
    formats = f'<numFmts count="{len(custom)}">{"".join(custom)}</numFmts>' if custom else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{MAIN_NS}">{formats}'
        '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs></styleSheet>'
    )


def inline(ref, value):
    """An inline string, as streaming exporters write text (no shared strings table)."""
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def number(ref, value, style=None):
    style = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{style}><v>{value}</v></c>'


def row(number_, cells):
    return f'<row r="{number_}">{"".join(cells)}</row>'


def inline_rows(rows, first=1):
    """Rows of inline strings (``None`` leaves the cell out)."""
    return "".join(
        row(
            index,
            [
                inline(f"{column(col)}{index}", value)
                for col, value in enumerate(cells, 1)
                if value is not None
            ],
        )
        for index, cells in enumerate(rows, first)
    )


def streamed_export(rows=22_000, dimension="A1:C2"):
    """A reporting tool's export: a header and ``rows`` rows of inline strings and numbers,
    under a ``<dimension>`` written before the rows were counted (``None``: no dimension)."""
    data = [row(1, [inline("A1", "Opportunity"), inline("B1", "Contact"), inline("C1", "Value")])]
    data.extend(
        row(n, [inline(f"A{n}", f"Deal {n}"), inline(f"B{n}", "Công ty ABC"), number(f"C{n}", n)])
        for n in range(2, rows + 2)
    )
    return xlsx("".join(data), dimension=dimension)


def excel_rich_text():
    """Excel's shared strings when part of a cell is bold (runs ``<r>``), with Japanese
    phonetic readings (``<rPh>``) that are not part of the text; an inline rich string."""
    strings = (
        "<si><t>Opportunity</t></si>"
        '<si><r><rPr><b/></rPr><t>Triển khai</t></r><r><t xml:space="preserve"> ERP</t></r>'
        "</si>"
        '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/>'
        "</si>"
    )
    cells = (
        row(1, ['<c r="A1" t="s"><v>0</v></c>'])
        + row(2, ['<c r="A2" t="s"><v>1</v></c>'])
        + row(3, ['<c r="A3" t="s"><v>2</v></c>'])
        + row(
            4,
            [
                '<c r="A4" t="inlineStr"><is><r><rPr><i/></rPr><t>Công ty</t></r>'
                '<r><t xml:space="preserve"> ABC</t></r></is></c>'
            ],
        )
    )
    return xlsx(cells, strings)


def excel_formulas():
    """Formulas with their cached values: a shared formula filled down (only its first cell
    holds the text), a formula giving text (``t="str"``), formulas giving errors (``t="e"``),
    a boolean, and a formula written without a cached value (by a library)."""
    cells = (
        row(1, [inline("A1", "Value"), inline("B1", "Double"), inline("C1", "Label")])
        + row(
            2,
            [
                number("A2", 10),
                '<c r="B2"><f t="shared" ref="B2:B4" si="0">A2*2</f><v>20</v></c>',
                '<c r="C2" t="str"><f>"Deal "&amp;A2</f><v>Deal 10</v></c>',
            ],
        )
        + row(
            3,
            [
                number("A3", 1.5),
                '<c r="B3"><f t="shared" si="0"/><v>3</v></c>',
                '<c r="C3" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
            ],
        )
        + row(
            4,
            [
                '<c r="A4" t="b"><v>1</v></c>',
                '<c r="B4"><f t="shared" si="0"/><v>2</v></c>',
                '<c r="C4" t="e"><f>VLOOKUP(A4,X:Y,2,0)</f><v>#N/A</v></c>',
            ],
        )
        + row(5, ['<c r="A5" t="b"><v>0</v></c>', '<c r="B5"><f>A5*2</f></c>'])
    )
    return xlsx(cells)


def number_formats_xlsx():
    """One row per number format: built-in percents (9, 10), custom percents, a literal "%"
    in quotes (not a percent), a built-in date (14), a custom date, a date-time, a time."""
    formats = (9, 10, "0.0%", '#,##0.00" %"', 14, "dd/mm/yyyy", "dd/mm/yyyy hh:mm", "hh:mm")
    values = (0.45, 0.125, 0.3, 45, 45731, 45731, 45731.5, 0.75)
    cells = [row(1, [inline("A1", "Value")])]
    cells.extend(
        row(index, [number(f"A{index}", value, style)])
        for index, (style, value) in enumerate(zip(range(1, 9), values, strict=True), 2)
    )
    return xlsx("".join(cells), number_formats=formats)


def mac_1904_workbook():
    """An old Excel for Mac workbook: dates counted from 1904."""
    cells = row(1, [inline("A1", "Expected Closing")]) + row(2, [number("A2", 44269, 1)])
    return xlsx(cells, number_formats=(14,), date1904=True)


def macos_nfd_xlsx():
    """Vietnamese headers and text typed on a Mac: decomposed, in shared and inline strings."""
    strings = "".join(f"<si><t>{nfd(header)}</t></si>" for header in HEADERS_VI[:3])
    cells = row(1, [f'<c r="{column(i)}1" t="s"><v>{i - 1}</v></c>' for i in range(1, 4)])
    cells += row(2, [inline("A2", nfd("Mã số")), inline("B2", nfd("Cơ hội lớn"))])
    return xlsx(cells, strings)


def encrypted_xlsx():
    """A password-protected .xlsx as Excel saves it: an OLE compound file holding an
    "EncryptionInfo" stream (MS-OFFCRYPTO), its directory entry named in UTF-16."""
    return (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 504
        + "EncryptionInfo".encode("utf-16-le")
        + b"\x00" * 1024
    )


def empty_formatted_rows(count):
    """A header, one row, then ``count`` empty rows that carry a style (a user formatted
    whole rows down the sheet)."""
    cells = inline_rows([("Opportunity", "Contact"), ("Deal", "Công ty ABC")])
    cells += "".join(f'<row r="{n}" s="1" customFormat="1"/>' for n in range(3, count + 3))
    return xlsx(cells, number_formats=("@",))
