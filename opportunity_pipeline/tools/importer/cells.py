# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The cells every reader gives and the error they all raise: the bottom of the package.

* :class:`ReadError`: the file cannot be read (a reason code and its parameters; the reasons
  are listed in :mod:`.rows`);
* :class:`Percent` and :class:`CellError`: the two cell types of their own (the others are
  ``None``, ``str``, ``int``, ``float``, ``bool`` and the ``datetime`` types);
* the helpers the format readers share to build cells: :func:`text` (NFC), :func:`date_cell`,
  :func:`to_number`, :func:`iso_date`, :func:`is_percent_format`, :func:`error_text`,
  :func:`column_letter` (1-based, for cell references in messages).

Pure Python (no Odoo import), imports nothing of the package.
"""

import datetime
import re
import unicodedata

#: Excel's own limit for one cell: a longer cell was not written by a spreadsheet program.
MAX_CELL_CHARS = 32767
# quoted text, escaped characters, [colours/locales], padding and fill characters of a format
FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
ERROR_TEXT = re.compile(
    r"#(?:N/A|NAME\?|NULL!|NUM!|VALUE!|REF!|DIV/0!|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!"
    r"|CONNECT!|UNKNOWN!|BUSY!)|Err:\d{3}"
)


class ReadError(Exception):
    """The file cannot be read. ``reason`` is a code, ``params`` fill its message."""

    def __init__(self, reason, **params):
        super().__init__(reason, params)
        self.reason = reason
        self.params = params


class Percent(float):
    """A number the spreadsheet shows as a percent: the float is the stored fraction (0.45 for
    45 %)."""

    __slots__ = ()

    def __repr__(self):
        return f"Percent({float(self)!r})"


class CellError(str):
    """An error cell (#N/A, #DIV/0!, #REF!...): the text is the error as shown."""

    __slots__ = ()

    def __repr__(self):
        return f"CellError({str(self)!r})"


def column_letter(index):
    """1 -> "A", 28 -> "AB"."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def text(value):
    """A text cell: NFC (``normalize`` returns its argument unchanged when already NFC)."""
    return unicodedata.normalize("NFC", value)


def date_cell(value):
    """A datetime at midnight is a date (a date cell); other values are kept."""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date()
    return value


def to_number(raw):
    """A number as a file stores it: "3" -> 3, "0.45" or "1E-3" -> float."""
    if "." in raw or "e" in raw or "E" in raw:
        return float(raw)
    try:
        return int(raw)
    except ValueError:
        return float(raw)  # "NaN", "INF"; anything else is a damaged file


def iso_date(raw):
    """An ISO 8601 date or date-time as .ods (``office:date-value``) and strict .xlsx write."""
    raw = raw.strip().removesuffix("Z")
    if "T" not in raw:
        return datetime.date.fromisoformat(raw)
    day, __, time = raw.partition("T")
    time = re.sub(r"(\.\d{1,6})\d*", r"\1", time)  # Python reads at most microseconds
    return date_cell(datetime.datetime.fromisoformat(f"{day}T{time}"))


def is_percent_format(code):
    """Whether a number format (Excel's syntax, also .xls) shows its positive numbers as a
    percent: "0%", "0.00%", "#,##0.0%"; a "%" quoted, escaped or in brackets does not count."""
    return "%" in FORMAT_NOISE.sub("", code or "").split(";", 1)[0]


def error_text(value):
    """Whether a displayed text is a spreadsheet error (#N/A, #DIV/0!, Err:502...)."""
    return bool(value) and ERROR_TEXT.fullmatch(value) is not None
