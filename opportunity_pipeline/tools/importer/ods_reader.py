# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The .ods reader: the first table of ``content.xml``, streamed.

Pure Python (no Odoo import, no odfpy); imports :mod:`.cells`, :mod:`.container` and
``tools/upload_guard``. LibreOffice writes a sheet compactly, and a hostile file
can abuse the same compaction, so repeats are never materialised beyond what is read:

* ``table:number-columns-repeated`` (LibreOffice writes 1024 or 16384 empty columns) fills at
  most ``upload_guard.MAX_COLUMNS`` cells;
* ``table:number-rows-repeated`` on an empty row (the ~1,048,000 rows LibreOffice writes after
  the data) costs one step, whatever the count; a repeated row with content is yielded once per
  repetition, lazily, so that the row limit of :mod:`.rows` stops it;
* text: paragraphs joined by "\\n", ``text:s`` spaces (capped), tabs, line breaks, nested spans
  and links; comments (``office:annotation``) are not part of the text;
* value types: float, currency, percentage (:class:`Percent`), date, time, boolean, string;
  formula errors (LibreOffice's ``calcext:value-type="error"``, or a formula cell showing
  "#N/A", "Err:502"...) as :class:`CellError`;
* merged cells (``table:covered-table-cell``) and encrypted files (an ``encryption-data`` entry
  in the manifest) are refused.
"""

import datetime
import io
import re
import zipfile
from xml.sax.saxutils import unescape

from .. import upload_guard
from .cells import (
    MAX_CELL_CHARS,
    CellError,
    Percent,
    ReadError,
    column_letter,
    error_text,
    iso_date,
    text,
    to_number,
)
from .container import check_content, xml_events

TABLE_NS = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE_NS = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
CALCEXT_NS = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
TABLE, ROW = TABLE_NS + "table", TABLE_NS + "table-row"
CELL, COVERED = TABLE_NS + "table-cell", TABLE_NS + "covered-table-cell"
ROWS_REPEATED = TABLE_NS + "number-rows-repeated"
COLUMNS_REPEATED = TABLE_NS + "number-columns-repeated"
ROWS_SPANNED = TABLE_NS + "number-rows-spanned"
COLUMNS_SPANNED = TABLE_NS + "number-columns-spanned"
FORMULA = TABLE_NS + "formula"
VALUE_TYPE, VALUE = OFFICE_NS + "value-type", OFFICE_NS + "value"
DATE_VALUE, TIME_VALUE = OFFICE_NS + "date-value", OFFICE_NS + "time-value"
BOOLEAN_VALUE, STRING_VALUE = OFFICE_NS + "boolean-value", OFFICE_NS + "string-value"
CALC_VALUE_TYPE = CALCEXT_NS + "value-type"
PARAGRAPHS = frozenset((TEXT_NS + "p", TEXT_NS + "h"))
SPACE, SPACE_COUNT = TEXT_NS + "s", TEXT_NS + "c"
TAB, LINE_BREAK = TEXT_NS + "tab", TEXT_NS + "line-break"
#: inside a paragraph but not its text: notes, comments, ruby annotations
NOT_TEXT = frozenset((TEXT_NS + "note", OFFICE_NS + "annotation", TEXT_NS + "ruby-text"))
MANIFEST = "META-INF/manifest.xml"
DURATION = re.compile(r"-?P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?")
SPREADSHEET_EPOCH = datetime.datetime(1899, 12, 30)
# the start tag of the first table and its name (table:name, not table:style-name)
TABLE_START = re.compile(
    rb'<(?:[\w.-]{1,40}:)?table(?=\s)[^>]{0,4000}?\s(?:[\w.-]{1,40}:)?name="([^"<]{0,500})"'
)


def read_ods(data, limits):
    check_content(data, "ods")
    _check_not_encrypted(data)
    with upload_guard.open_zip(data, limits, {"content.xml": limits.sheet_bytes}) as archive:
        if "content.xml" not in archive.namelist():
            raise ReadError("damaged")
        covered, name = _scan(archive)
        if covered:
            # as many row elements as the row guards of .rows let through
            ranges = _merged_ranges(archive, (limits.max_rows + 1) * 10)
            if ranges:
                raise ReadError("merged_cells", sheet=name, ranges=", ".join(ranges))
        yield from _rows(archive)


def _check_not_encrypted(data):
    """A password-protected .ods keeps its manifest in clear, with ``encryption-data``
    entries; its parts would read as damaged XML."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo(MANIFEST)
            if info.file_size > upload_guard.MAX_SMALL_PART:
                return  # refused by open_zip's sizes, or damaged
            manifest = archive.read(info)
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return  # no manifest, or a broken zip: open_zip reports it
    if b"encryption-data" in manifest:
        raise ReadError("encrypted")


def _count(value):
    """A repeat or span count; a hostile or broken one counts as 1."""
    try:
        return max(int(value), 1) if value else 1
    except ValueError:
        return 1


def _first_table(archive):
    """Yield ``(row_number, repeat, row_element)`` of the first table, each element emptied
    once the caller is done with it (the emptied rows stay in the tree: as many as the row
    guards let through)."""
    number = 1
    for events in xml_events(archive, "content.xml", batches=True):
        for __, element in events:
            tag = element.tag
            if tag == ROW:
                repeat = element.get(ROWS_REPEATED)
                repeat = 1 if repeat is None else _count(repeat)
                yield number, repeat, element
                number += repeat
                element.clear()
            elif tag == TABLE:
                return  # the other sheets are not read


def _rows(archive):
    for number, repeat, row in _first_table(archive):
        cells = _row_cells(row)
        if not any(cell is not None for cell in cells):
            yield number, ()  # one step for the whole repeated block
            continue
        for offset in range(repeat):
            yield number + offset, cells


def _row_cells(row):
    cells = []
    limit = upload_guard.MAX_COLUMNS
    for cell in row:
        tag = cell.tag
        if tag != CELL and tag != COVERED:
            continue
        value = _cell_value(cell) if tag == CELL and (len(cell) or len(cell.attrib)) else None
        repeat = cell.get(COLUMNS_REPEATED)
        if repeat is None:
            cells.append(value)
        else:
            cells.extend([value] * min(_count(repeat), limit - len(cells)))
        if len(cells) >= limit:
            break
    return cells


def _cell_value(cell):
    kind = cell.get(VALUE_TYPE)
    if cell.get(FORMULA) is not None:
        # errors come from formulas: LibreOffice marks them, other producers show the text
        shown = _cell_text(cell)
        if cell.get(CALC_VALUE_TYPE) == "error" or error_text(shown):
            return CellError(shown)
    if kind == "float" or kind == "currency":
        return to_number(cell.get(VALUE))
    if kind == "percentage":
        return Percent(float(cell.get(VALUE)))
    if kind == "date":
        return iso_date(cell.get(DATE_VALUE))
    if kind == "time":
        return _time(cell.get(TIME_VALUE))
    if kind == "boolean":
        return cell.get(BOOLEAN_VALUE) == "true"
    content = cell.get(STRING_VALUE) or _cell_text(cell)
    return text(content) if content else None


def _time(raw):
    """``PT10H30M00S``: a time of day, or past a day a date-time counted from the
    spreadsheet epoch (as .xlsx and .xls give it)."""
    match = DURATION.fullmatch(raw.strip())
    if not match:
        raise ReadError("damaged")
    days, hours, minutes, seconds = (float(part or 0) for part in match.groups())
    delta = datetime.timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    if delta < datetime.timedelta(days=1) and not raw.startswith("-"):
        return (datetime.datetime.min + delta).time()
    return SPREADSHEET_EPOCH + (-delta if raw.startswith("-") else delta)


class _Text:
    """The text of a cell, built with a budget: a hostile ``<text:s text:c="1000000000"/>``
    or a million paragraphs stop one character past the longest cell allowed (which the
    cell-length check then reports)."""

    __slots__ = ("left", "parts")

    def __init__(self):
        self.parts = []
        self.left = MAX_CELL_CHARS + 1

    def add(self, value, count=1):
        if value and self.left > 0:
            count = min(count, -(-self.left // len(value)))  # rounded up: one past the limit
            self.parts.append(value * count)
            self.left -= len(value) * count

    def inline(self, element):
        """The text of a paragraph: its text, its children depth first, their tails (an
        explicit stack: hostile nesting costs no recursion)."""
        stack = [element]
        while stack and self.left > 0:
            node = stack.pop()
            if node.__class__ is str:
                self.add(node)  # the tail of an element whose content was added
                continue
            if node is not element and node.tail:
                stack.append(node.tail)
            tag = node.tag
            if tag == SPACE:
                self.add(" ", _count(node.get(SPACE_COUNT)))
            elif tag == TAB:
                self.add("\t")
            elif tag == LINE_BREAK:
                self.add("\n")
            elif tag not in NOT_TEXT:
                self.add(node.text)
                stack.extend(reversed(node))


def _cell_text(cell):
    if len(cell) == 1 and cell[0].tag in PARAGRAPHS and not len(cell[0]):
        return cell[0].text or ""  # one paragraph of plain text: most cells
    builder = _Text()
    first = True
    for paragraph in cell:
        if paragraph.tag in PARAGRAPHS:
            if not first:
                builder.add("\n")
            first = False
            builder.inline(paragraph)
    return "".join(builder.parts)


def _scan(archive):
    """Whether content.xml has covered (merged) cells anywhere, and the first table's name,
    from its bytes in chunks (cheap); only a file with covered cells is parsed for its
    merged ranges."""
    covered, name, tail = False, None, b""
    with archive.open("content.xml") as stream:
        while chunk := stream.read(1 << 20):
            block = tail + chunk
            covered = covered or b"covered-table-cell" in block
            if name is None and (match := TABLE_START.search(block)):
                name = match.group(1)
            if covered and name is not None:
                break
            tail = block[-4096:]
    return covered, unescape((name or b"").decode("utf-8", "replace"), {"&quot;": '"'})


def _merged_ranges(archive, max_elements):
    """The first ten merged ranges ("B2:B3") of the first table."""
    ranges = []
    for seen, (number, __, row) in enumerate(_first_table(archive), 1):
        column = 1
        for cell in row:
            if cell.tag != CELL and cell.tag != COVERED:
                continue
            width = _count(cell.get(COLUMNS_SPANNED))
            height = _count(cell.get(ROWS_SPANNED))
            if cell.tag == CELL and (width > 1 or height > 1):
                first = f"{column_letter(column)}{number}"
                ranges.append(f"{first}:{column_letter(column + width - 1)}{number + height - 1}")
            column += _count(cell.get(COLUMNS_REPEATED))
        if len(ranges) >= 10 or seen >= max_elements:
            break
    return ranges[:10]
