# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Cells of an import file turned into values, and rows grouped into opportunities.

Pure Python (no Odoo import): tested by ``pytest tests/`` without a database; imports
:mod:`.cells` (the cell types) and :mod:`.columns` (which cells start a record).

A cell arrives as the reader gives it (:mod:`.rows`): ``None``, text (NFC), a number,
a :class:`~.cells.Percent` (a number the sheet shows as a percent), a date, a boolean or
a :class:`~.cells.CellError`. Values are read the way the spreadsheet shows them; a
value that could mean two things is refused with a :class:`ParseError` (a code and parameters
the Odoo layer translates), never guessed:

=====================  ===============================================================
code                   params
=====================  ===============================================================
``error_cell``         value: the sheet shows an error (``#N/A``) instead of a value
``not_a_number``       value
``negative``           value
``above``              value, maximum
``percent_value``      value: a percent where an amount or a quantity is expected
``ambiguous_rate``     value, percent: ``0.45`` in the rate column (45 % or 0.45 %?)
``not_an_integer``     value
``not_a_date``         value
``date_is_number``     value: a plain number in a date column (not formatted as a date)
=====================  ===============================================================
"""

import datetime
import math
import re
import unicodedata

from .cells import ERROR_TEXT, CellError, Percent
from .columns import LINE_KEYS, MAIN_KEYS

#: Date texts accepted, day first as in Vietnam (and most of the world), or ISO.
DATE_FORMATS = (
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    # two-digit years, as LibreOffice and Excel show dates in Vietnamese (15/03/25)
    "%d/%m/%y",
    "%d-%m-%y",
    "%d.%m.%y",
)
#: Currency marks users type around amounts (150.000.000 ₫, VND 5,000, $120).
CURRENCY = re.compile(r"^(?:VNĐ|VND|₫|đ|\$|€|USD)\s*|\s*(?:VNĐ|VND|₫|đ|\$|€|USD)$", re.IGNORECASE)
SPACES = re.compile(r"[\s\u00a0\u202f]+")


class ParseError(ValueError):
    """A cell that cannot be read: ``code`` and ``params`` make the translated message."""

    def __init__(self, code, **params):
        super().__init__(code, params)
        self.code = code
        self.params = params


# ---------------------------------------------------------------------------
# text
# ---------------------------------------------------------------------------


def text(value):
    """A cell as text: ``12.0`` -> ``12``, a date -> ``2026-12-31``, text NFC and stripped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return unicodedata.normalize("NFC", str(value)).strip()


def items(value):
    """``"VIP, Hot; Tết"`` -> ``["VIP", "Hot", "Tết"]`` (commas, semicolons or new lines)."""
    return [part.strip() for part in re.split(r"[,;\n]", text(value)) if part.strip()]


def json_cell(value):
    """A cell as JSON can store it (the errors file keeps rejected rows as they were)."""
    if value is None:
        return ""
    if isinstance(value, CellError):
        return str(value)
    if isinstance(value, bool | int | float) and not isinstance(value, Percent):
        return value if not isinstance(value, float) or math.isfinite(value) else str(value)
    if isinstance(value, Percent):
        return f"{float(value) * 100:g}%"
    if isinstance(value, datetime.date | str):
        return text(value) if not isinstance(value, str) else value
    return str(value)


# ---------------------------------------------------------------------------
# numbers
# ---------------------------------------------------------------------------


def _number_from_text(value, decimal_point, thousands_sep):
    raw = CURRENCY.sub("", SPACES.sub("", text(value)))
    if thousands_sep and thousands_sep.strip():
        grouped = r"-?\d{1,3}(?:%s\d{3})+(?:%s\d+)?" % (
            re.escape(thousands_sep),
            re.escape(decimal_point),
        )
        if re.fullmatch(grouped, raw):
            raw = raw.replace(thousands_sep, "")
    if decimal_point != ".":
        if "." in raw and decimal_point in raw:
            raise ParseError("not_a_number", value=text(value))
        raw = raw.replace(decimal_point, ".")
    if not re.fullmatch(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?", raw):
        raise ParseError("not_a_number", value=text(value))
    return float(raw)


def _is_error(value):
    """An error cell, or the text of one (some writers save a formula's error as text)."""
    return isinstance(value, CellError) or (
        isinstance(value, str) and ERROR_TEXT.fullmatch(value.strip()) is not None
    )


def _plain_number(value, separators):
    """The number a cell shows, percents refused by the caller."""
    if _is_error(value):
        raise ParseError("error_cell", value=str(value))
    if isinstance(value, bool | datetime.date):
        raise ParseError("not_a_number", value=text(value))
    if isinstance(value, int | float):
        number = float(value)
    else:
        number = _number_from_text(value, *separators)
    if not math.isfinite(number):
        raise ParseError("not_a_number", value=text(value))
    return number


def number(value, separators=(".", ","), maximum=None):
    """A number >= 0 (amounts, quantities, prices). ``separators`` is the user's language's
    ``(decimal point, thousands separator)``: ``1.500.000,5`` in Vietnamese, ``1,500,000.5``
    in English. A percent is refused: ``45%`` is not an amount."""
    if isinstance(value, Percent) or (isinstance(value, str) and value.strip().endswith("%")):
        raise ParseError("percent_value", value=json_cell(value))
    result = _plain_number(value, separators)
    _check_range(result, value, maximum)
    return result


def _check_range(result, value, maximum):
    if result < 0:
        raise ParseError("negative", value=text(value))
    if maximum is not None and result > maximum:
        raise ParseError("above", value=text(value), maximum=maximum)


def rate(value, separators=(".", ",")):
    """A success rate from 0 to 100 as the sheet shows it: ``45``, ``45%`` (text) or a
    percent-formatted ``0.45``. A plain number between 0 and 1 is refused as ambiguous."""
    if isinstance(value, Percent):
        result = round(float(value) * 100, 6)
    elif isinstance(value, str) and value.strip().endswith("%"):
        result = _plain_number(value.strip()[:-1], separators)
    else:
        result = _plain_number(value, separators)
        if 0 < result < 1:
            raise ParseError("ambiguous_rate", value=text(value), percent=f"{result * 100:g}")
    _check_range(result, json_cell(value) if isinstance(value, Percent) else value, 100)
    return result


def integer(value, maximum=None):
    """A whole number from 0 to ``maximum`` (priorities)."""
    if isinstance(value, Percent):
        raise ParseError("percent_value", value=json_cell(value))
    result = _plain_number(value, (".", ","))
    if not result.is_integer():
        raise ParseError("not_an_integer", value=text(value))
    _check_range(result, value, maximum)
    return int(result)


# ---------------------------------------------------------------------------
# dates
# ---------------------------------------------------------------------------


def date(value):
    """A date cell, or a text in one of :data:`DATE_FORMATS`. A plain number is refused: the
    sheet shows ``46022``, not a date (format the cell as a date)."""
    if _is_error(value):
        raise ParseError("error_cell", value=str(value))
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        raise ParseError("not_a_date", value=text(value))
    if isinstance(value, int | float):
        raise ParseError("date_is_number", value=text(value))
    raw = SPACES.sub(" ", text(value))
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise ParseError("not_a_date", value=raw)


# ---------------------------------------------------------------------------
# rows -> records
# ---------------------------------------------------------------------------


class Record:
    """One opportunity of the file: its first row, its cells by key, its product lines (each
    ``(row, cells)``), the raw rows (for the errors file) and the problems found."""

    __slots__ = ("cells", "errors", "existing", "lines", "raw", "row")

    def __init__(self, row, cells, raw):
        self.row = row
        self.cells = cells
        self.raw = [raw]
        self.lines = [(row, cells)] if any(key in cells for key in LINE_KEYS) else []
        self.errors = []  # (row, column key, ParseError or message)
        self.existing = None

    def add_line(self, row, cells, raw):
        self.raw.append(raw)
        self.lines.append((row, cells))


def row_cells(row, keys):
    """``{key: value}`` of a row's filled cells (text stripped, whitespace-only is empty)."""
    cells = {}
    for key, value in zip(keys, row, strict=False):
        if key is None or value is None:
            continue
        if isinstance(value, str):
            value = value.strip()
            if not value:
                continue
        cells[key] = value
    return cells


class RecordReader:
    """Iterate over the records of the data rows ``rows`` (``(number, cells)`` pairs after the
    header). A row with only product-line cells continues the record above it (Odoo's own
    convention for one2many lines). ``row_count`` counts the filled rows read so far."""

    def __init__(self, rows, keys):
        self.rows = rows
        self.keys = list(keys)
        self.row_count = 0

    def __iter__(self):
        record = None
        width = len(self.keys)
        for number, row in self.rows:
            cells = row_cells(row, self.keys)
            if not cells:
                continue
            self.row_count += 1
            raw = (number, tuple(row[:width]))
            starts = any(key in cells for key in MAIN_KEYS) or not any(
                key in cells for key in LINE_KEYS
            )
            if record is not None and not starts:
                record.add_line(number, cells, raw)
                continue
            if record is not None:
                yield record
            record = Record(number, cells, raw)
        if record is not None:
            yield record


def batches(records, size):
    """Lists of at most ``size`` records."""
    batch = []
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
