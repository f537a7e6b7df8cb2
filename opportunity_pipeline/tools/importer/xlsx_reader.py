# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The .xlsx reader: the first sheet, streamed, as typed cells.

Pure Python (no Odoo import); imports :mod:`.cells`, :mod:`.container` and
``tools/upload_guard``. :func:`read_xlsx` first, then the parts it reads, in that order
(workbook, merged ranges, shared strings, styles, rows). openpyxl is not used to read the
cells: its read-only mode costs about twice the time on 10,000 rows, trusts the sheet's
``<dimension>`` unless told otherwise, and hides the number formats that tell a percent from a
plain number. What this reader does:

* sizes and the shared-strings count are checked by ``upload_guard.open_xlsx`` first;
* the sheet is streamed row by row (ElementTree over expat, C speed); the ``<dimension>`` a file
  declares is never read: every ``<row>`` present is yielded, however many the file claims;
* cells: shared strings and inline strings (rich-text runs joined, phonetic runs left out),
  numbers, percents (a number format with "%"), dates (openpyxl's date-format test and serial
  conversion, 1900 and 1904 workbooks), booleans, error cells, cached values of formulas
  (shared formulas included), ISO dates (``t="d"``); transitional and strict namespaces;
* merged cells are found by scanning the sheet's XML for ``<mergeCell>`` before any row.
"""

import io
import posixpath
import re
import zipfile

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel

from .. import upload_guard
from .cells import (
    CellError,
    Percent,
    ReadError,
    column_letter,
    date_cell,
    is_percent_format,
    iso_date,
    text,
    to_number,
)
from .container import check_content, xml_events

#: Locale-dependent date formats (CJK Excel) that openpyxl's BUILTIN_FORMATS does not name.
LOCALE_DATE_FORMATS = frozenset((*range(27, 37), *range(50, 59)))
PERCENT, DATE = "percent", "date"
#: "A" -> 1 ... for the columns read; a reference past them is not looked up letter by letter.
COLUMNS = {column_letter(index): index for index in range(1, upload_guard.MAX_COLUMNS + 1)}
DIGITS = "0123456789"
MERGE_CELL = re.compile(rb'<(?:[\w.-]{1,40}:)?mergeCell\s+ref="([A-Za-z0-9:$]{1,40})"')


class _Names:
    """Tags of one namespace (transitional, strict, or none), computed once per file."""

    __slots__ = ("c", "f", "inline", "r", "t", "v")

    def __init__(self, namespace):
        self.c, self.f, self.v = namespace + "c", namespace + "f", namespace + "v"
        self.inline, self.r, self.t = namespace + "is", namespace + "r", namespace + "t"


def read_xlsx(data, limits):
    check_content(data, "xlsx")
    # sizes of every part and the number of shared strings, before any XML is parsed
    sheet_path = upload_guard.open_xlsx(data, limits)
    if not sheet_path:
        raise ReadError("damaged")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        name, epoch, styles_path = _workbook(archive)
        ranges = _merged_ranges(archive, sheet_path)
        if ranges:
            raise ReadError("merged_cells", sheet=name, ranges=", ".join(ranges[:10]))
        __, strings_path = upload_guard.xlsx_parts(archive)
        strings = _shared_strings(archive, strings_path) if strings_path else []
        styles = _number_styles(archive, styles_path) if styles_path else {}
        yield from _sheet_rows(archive, sheet_path, strings, styles, epoch)


def _local(tag):
    return tag.rpartition("}")[2]


def _workbook(archive):
    """The first sheet's name, the date epoch and the path of the styles part."""
    name, epoch = "", WINDOWS_EPOCH
    for __, element in xml_events(archive, "xl/workbook.xml"):
        tag = _local(element.tag)
        if tag == "workbookPr" and element.get("date1904") in ("1", "true"):
            epoch = MAC_EPOCH
        elif tag == "sheet" and not name:
            name = element.get("name") or ""
    parts = set(archive.namelist())
    styles = None
    rels = "xl/_rels/workbook.xml.rels"
    if rels in parts:
        for __, element in xml_events(archive, rels):
            if element.get("Type", "").endswith("/styles") and element.get("Target"):
                target = element.get("Target")
                styles = (
                    target.lstrip("/")
                    if target.startswith("/")
                    else posixpath.normpath("xl/" + target)
                )
    if styles not in parts:
        styles = "xl/styles.xml" if "xl/styles.xml" in parts else None
    return name, epoch, styles


def _merged_ranges(archive, sheet_path):
    """Merged ranges of the sheet, from its ``<mergeCell ref="..."/>`` elements, scanned in
    chunks (they follow the cells: a streaming parser would see them after every row)."""
    ranges = set()
    tail = b""
    with archive.open(sheet_path) as stream:
        while chunk := stream.read(1 << 20):
            block = tail + chunk
            ranges.update(match.decode() for match in MERGE_CELL.findall(block))
            tail = block[-200:]  # a range cut across two chunks is found in the next block
    return sorted(ranges)


def _shared_strings(archive, path):
    """The shared strings, NFC, streamed; the root is emptied after each string."""
    strings = []
    root = names = si = None
    for event, element in xml_events(archive, path, ("start", "end")):
        if root is None:
            root = element
            prefix = element.tag[: len(element.tag) - len(_local(element.tag))]
            names, si = _Names(prefix), prefix + "si"
        elif event == "end" and element.tag == si:
            strings.append(text(_string_item(element, names)))
            root.clear()
    return strings


def _string_item(item, names):
    """The plain text of a shared or inline string: ``<t>``, or rich-text runs ``<r><t>``
    joined; phonetic runs (``<rPh>``, Japanese readings) are not part of the text."""
    parts = []
    for child in item:
        if child.tag == names.t:
            parts.append(child.text or "")
        elif child.tag == names.r:
            parts.extend(run.text or "" for run in child if run.tag == names.t)
    return "".join(parts)


def _number_styles(archive, path):
    """``{style index (str, as in s="3"): PERCENT or DATE}`` from the cell formats."""
    custom = {}
    kinds = {}
    for __, element in xml_events(archive, path):
        tag = _local(element.tag)
        if tag == "numFmt":
            custom[element.get("numFmtId")] = element.get("formatCode") or ""
        elif tag == "cellXfs":
            for index, xf in enumerate(element):
                kind = _format_kind(xf.get("numFmtId") or "0", custom)
                if kind:
                    kinds[str(index)] = kind
            element.clear()
    return kinds


def _format_kind(format_id, custom):
    if format_id in custom:
        code = custom[format_id]
    else:
        try:
            number = int(format_id)
        except ValueError:
            return None
        if number in LOCALE_DATE_FORMATS:
            return DATE
        code = BUILTIN_FORMATS.get(number)
    if not code:
        return None
    if is_percent_format(code):
        return PERCENT
    return DATE if is_date_format(code) else None


def _sheet_rows(archive, path, strings, styles, epoch):
    row_tag = names = None
    number = 0
    # the loop of xml_events, inlined: one generator less for each of the ~30 XML elements
    # of a row (a quarter of the reading time of 10,000 rows)
    for events in xml_events(archive, path, batches=True):
        for __, element in events:
            tag = element.tag
            if tag != row_tag:
                if row_tag is not None or _local(tag) != "row":
                    continue
                row_tag, names = tag, _Names(tag[:-3])
            ref = element.get("r")
            number = int(ref) if ref and ref.isdigit() else _row_number(ref, number)
            yield number, _row_cells(element, names, strings, styles, epoch)
            # the emptied row stays in the tree: at most the rows the row guards let through
            element.clear()


def _row_number(ref, previous):
    if not ref:
        return previous + 1
    value = float(ref)  # "5.0" from some producers; anything else is a damaged file
    if not value.is_integer() or value < 1:
        raise ReadError("damaged")
    return int(value)


def _row_cells(row, names, strings, styles, epoch):
    cells = []
    column = 0
    c_tag, v_tag = names.c, names.v
    for cell in row:
        if cell.tag != c_tag:
            continue
        ref = cell.get("r")
        if ref:
            letters = ref.rstrip(DIGITS)
            column = COLUMNS.get(letters) or _column_number(letters)
        else:
            column += 1
        if column > upload_guard.MAX_COLUMNS:
            continue  # past the columns read: not even looked at
        kind = cell.get("t")
        raw = cell.findtext(v_tag) or None  # C code for a plain tag; <v/> is empty
        # the two common cases inline (hot loop), the others in _cell_value
        if kind == "s" and raw is not None:
            value = strings[int(raw)]
        elif (kind is None or kind == "n") and raw is not None:  # LibreOffice writes t="n"
            value = _number(raw, styles.get(cell.get("s")), epoch)
        else:
            value = _cell_value(cell, kind, raw, names)
        if column > len(cells):
            if column - 1 > len(cells):
                cells.extend([None] * (column - 1 - len(cells)))
            cells.append(value)
        else:
            cells[column - 1] = value  # cells out of order (hand-made files)
    return cells


def _column_number(letters):
    """The column of a reference that is not one of the first columns in capitals ("a1"
    from odd producers, "XFD1"); past the columns read, it is not worth counting."""
    letters = letters.upper()
    if not letters.isalpha() or not letters.isascii():
        raise ReadError("damaged")
    return COLUMNS.get(letters) or upload_guard.MAX_COLUMNS + 1


def _cell_value(cell, kind, raw, names):
    """The value of a cell that is not a shared string or a plain number."""
    if kind == "inlineStr":
        inline = next((child for child in cell if child.tag == names.inline), None)
        return text(_string_item(inline, names) if inline is not None else raw or "")
    if raw is None:
        return None  # empty, or a formula without a cached value
    if kind == "b":
        return raw.strip().lower() not in ("0", "", "false")
    if kind == "e":
        return CellError(raw)
    if kind == "d":
        return iso_date(raw)
    return text(raw)  # "str": the cached text of a formula


def _number(raw, kind, epoch):
    value = to_number(raw)
    if kind is PERCENT:
        return Percent(value)
    if kind is DATE:
        try:
            return date_cell(from_excel(value, epoch))
        except (OverflowError, ValueError):
            return value  # not a real date: the number, refused by the parser
    return value
