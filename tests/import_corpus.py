"""Spreadsheets as other programs write them, built in memory (tests/unit/test_import_readers.py).

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
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    merge = (
        f'<mergeCells count="{len(merges)}">'
        + "".join(f'<mergeCell ref="{ref}"/>' for ref in merges)
        + "</mergeCells>"
        if merges
        else ""
    )
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{MAIN_NS}">{dim}'
        f"<sheetData>{sheet_data}</sheetData>{merge}</worksheet>"
    )
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


# ------------------------------------------------------------
# .ods
# ------------------------------------------------------------

ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"


def ods(tables, prolog="", manifest_extra=""):
    """An .ods package; ``tables`` is the XML of the ``<table:table>`` elements."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content '
        f'{ODS_NAMESPACES} office:version="1.3"><office:body><office:spreadsheet>{tables}'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{ODS_MIMETYPE}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        f"{manifest_extra}</manifest:file-entry></manifest:manifest>"
    )
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("mimetype", ODS_MIMETYPE, zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return output.getvalue()


def ods_table(rows, name="Sheet1"):
    return f'<table:table table:name="{name}">{"".join(rows)}</table:table>'


def ods_row(cells, repeat=None):
    attribute = f' table:number-rows-repeated="{repeat}"' if repeat else ""
    return f"<table:table-row{attribute}>{''.join(cells)}</table:table-row>"


def ods_text(value, repeat=None):
    attribute = f' table:number-columns-repeated="{repeat}"' if repeat else ""
    return (
        f'<table:table-cell office:value-type="string" calcext:value-type="string"{attribute}>'
        f"<text:p>{escape(value)}</text:p></table:table-cell>"
    )


def ods_empty(repeat=None):
    attribute = f' table:number-columns-repeated="{repeat}"' if repeat else ""
    return f"<table:table-cell{attribute}/>"


def ods_hostile_repeats():
    """Repeats a hostile file (or a careless generator) abuses: a header cell repeated 16384
    times, a data row whose last cell is repeated a billion times, empty rows repeated a
    billion times, and the row LibreOffice writes after them (1024 empty columns)."""
    return ods(
        ods_table(
            [
                ods_row([ods_text("Opportunity"), ods_text("Contact", 16384)]),
                ods_row([ods_text("Deal"), ods_text("Công ty ABC", 1_000_000_000)]),
                ods_row([ods_empty(1024)], repeat=1_000_000_000),
                ods_row([ods_empty(1024)]),
            ]
        )
    )


def ods_repeated_data_rows(repeat=1_000_000_000):
    """One data row repeated a billion times: each repetition is a row to import."""
    return ods(
        ods_table(
            [
                ods_row([ods_text("Opportunity"), ods_text("Contact")]),
                ods_row([ods_text("Deal"), ods_text("Công ty ABC")], repeat=repeat),
            ]
        )
    )


def ods_cells():
    """One row of each value type and text feature, as LibreOffice writes them; and a formula
    error from a producer without LibreOffice's ``calcext`` marks."""
    cells = [
        '<table:table-cell office:value-type="float" office:value="1500000.5"/>',
        '<table:table-cell office:value-type="currency" office:currency="VND" '
        'office:value="2500000"><text:p>2.500.000 ₫</text:p></table:table-cell>',
        '<table:table-cell office:value-type="percentage" office:value="0.45">'
        "<text:p>45%</text:p></table:table-cell>",
        '<table:table-cell office:value-type="date" office:date-value="2025-03-15">'
        "<text:p>15/03/2025</text:p></table:table-cell>",
        '<table:table-cell office:value-type="date" office:date-value="2025-03-15T10:30:00">'
        "<text:p>15/03/2025 10:30</text:p></table:table-cell>",
        '<table:table-cell office:value-type="time" office:time-value="PT10H30M00S">'
        "<text:p>10:30</text:p></table:table-cell>",
        '<table:table-cell office:value-type="boolean" office:boolean-value="true">'
        "<text:p>TRUE</text:p></table:table-cell>",
        '<table:table-cell table:formula="of:=1/0" office:value-type="string" '
        'office:string-value="" calcext:value-type="error"><text:p>#DIV/0!</text:p>'
        "</table:table-cell>",
        '<table:table-cell table:formula="of:=[.Z1]+" office:value-type="string">'
        "<text:p>Err:502</text:p></table:table-cell>",
        '<table:table-cell office:value-type="string"><text:p>Công<text:s text:c="3"/>ty'
        '<text:tab/>ABC<text:line-break/><text:span text:style-name="T1">Hà <text:span>'
        'Nội</text:span></text:span> <text:a xlink:href="https://example.com" '
        'xmlns:xlink="http://www.w3.org/1999/xlink">web</text:a></text:p>'
        "<text:p>dòng 2</text:p><office:annotation><dc:creator>An</dc:creator>"
        "<text:p>a comment</text:p></office:annotation></table:table-cell>",
        '<table:table-cell office:value-type="string">'
        f"<text:p>{nfd('Người phụ trách')}</text:p></table:table-cell>",
    ]
    return ods(ods_table([ods_row([ods_text(f"H{i}") for i in range(1, 12)]), ods_row(cells)]))


def ods_space_bomb():
    """A cell of a billion spaces in 40 bytes (``<text:s text:c="..."/>``)."""
    bomb = (
        '<table:table-cell office:value-type="string"><text:p>x<text:s text:c="1000000000"/>'
        "</text:p></table:table-cell>"
    )
    return ods(ods_table([ods_row([ods_text("Opportunity")]), ods_row([bomb])]))


def ods_merged_in_second_sheet():
    """Merged cells on another sheet than the first: the first sheet is read."""
    covered = (
        '<table:table-row><table:table-cell table:number-columns-spanned="2" '
        'office:value-type="string"><text:p>Notes</text:p></table:table-cell>'
        "<table:covered-table-cell/></table:table-row>"
    )
    first = ods_table([ods_row([ods_text("Opportunity"), ods_text("Contact")])], "Data")
    return ods(first + f'<table:table table:name="Notes">{covered}</table:table>')
