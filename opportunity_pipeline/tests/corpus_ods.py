# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""ODS files trimmed to what a test needs, built in memory (the .xlsx in corpus_xlsx.py; used
by tests/unit/test_import_readers*.py): repeats abused by hostile files, every cell type, space
bombs, merged cells in a second sheet."""

import io
import unicodedata
import zipfile
from xml.sax.saxutils import escape

QUOTE = {'"': "&quot;"}  # attribute-safe, as the .xlsx builders escape

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
        f"<text:p>{escape(value, QUOTE)}</text:p></table:table-cell>"
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
        f"<text:p>{unicodedata.normalize('NFD', 'Người phụ trách')}</text:p></table:table-cell>",
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
