# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Read the rows of an uploaded spreadsheet (.xlsx, .xls, .ods, .csv, .tsv, .txt) as typed cells:
the entry point of the readers.

:func:`read_rows` picks the reader of the file's extension (:data:`READERS`: one module per
format) and runs every row through the guards all formats share (cell length, row limit,
endless empty rows). Pure Python on purpose (no Odoo import): tested by ``pytest tests/``
without a database. The Odoo layer (``importer/read.py``) calls :func:`read_rows` and turns a
:class:`~.cells.ReadError` into a translated message; every size guard of ``upload_guard`` runs
before a parser opens the file.

``read_rows(data, file_name, limits)`` returns an iterator of ``(row_number, cells)``:

* ``row_number`` is the row as the user sees it in the sheet (1 for the header when it is on
  the first row), increasing; empty rows are not yielded (the numbers have gaps);
* ``cells`` is a tuple cut to ``upload_guard.MAX_COLUMNS`` cells, without trailing empty cells
  (rows are not padded: a row may be shorter than the header). A cell is ``None`` (empty),
  ``str`` (always Unicode NFC: text typed on a Mac or exported with combining tone marks comes
  out composed), ``int`` or ``float``, :class:`~.cells.Percent` (a number shown as a percent,
  the float being the stored fraction), ``datetime.date`` (a date cell), ``datetime.datetime``
  (a date cell with a time of day), ``datetime.time`` (a time-only cell), ``bool``, or
  :class:`~.cells.CellError` (an error cell such as ``#N/A``). CSV cells are always text.

Every problem is a :class:`ReadError`, raised while iterating (file-level problems on the first
``next()``). ``reason`` is one of these codes, ``params`` fills its message (``upload_guard``'s
``FileRefused`` comes out as a ``ReadError`` with the same reason and params):

========================  =====================================================================
reason                    params, meaning
========================  =====================================================================
unsupported_type          extension (without dot, "" if none): not one of :data:`EXTENSIONS`
empty                     (none): a file of zero bytes
file_too_big              size_mb, limit_mb: the upload is bigger than the row limit allows
part_too_big              part, size_mb, limit_mb: one member of the zip unpacks too big
unpacked_too_big          size_mb, limit_mb: all members together unpack too big
too_many_parts            count, limit: a zip with more members than an office file has
too_many_strings          count, limit: more shared strings than the rows may use
doctype                   part: an XML part declares a DTD or entities (refused for safety)
damaged                   (none): broken archive, broken XML, or a parser failure of any kind
encrypted                 (none): a password-protected workbook (.xlsx, .xls or .ods)
wrong_extension           extension, actual: e.g. an .xls file named .xlsx ("xlsx", "xls"), an
                          .xlsx named .csv ("csv", "xlsx")
not_a_spreadsheet         extension: text or another format named .xlsx/.xls/.ods
merged_cells              sheet, ranges: the first sheet has merged cells; ``ranges`` is text
                          such as "B2:B3, D5:E5" (at most 10 ranges)
csv_binary                (none): a .csv/.txt/.tsv that holds binary data (NUL characters)
csv_encoding              (none): text in no encoding that decodes sensibly
csv_too_wide              limit: a line with more than ``limit`` (1024) fields
csv_quotes                line, error: the csv module gave up at that line (a stray quote)
cell_too_long             cell, length, limit: e.g. cell "C5" holds more than 32767 characters
too_many_rows             limit: more than ``limits.max_rows`` filled rows besides the header
empty_rows                row: the sheet goes on with empty rows past ten times the row limit
========================  =====================================================================
"""

import functools
import logging

from .. import upload_guard
from .cells import MAX_CELL_CHARS, ReadError, column_letter
from .csv_reader import read_csv
from .ods_reader import read_ods
from .xls_reader import read_xls
from .xlsx_reader import read_xlsx

_logger = logging.getLogger(__name__)

#: The reader of each file name extension read; .tsv and .txt (Excel's "Unicode text") go
#: through the CSV reader. Each reader yields ``(row_number, cells)``, empty rows included.
READERS = {
    "xlsx": read_xlsx,
    "xls": read_xls,
    "ods": read_ods,
    **{name: functools.partial(read_csv, extension=name) for name in ("csv", "tsv", "txt")},
}
EXTENSIONS = tuple(READERS)


def read_rows(data, file_name, limits):
    """Yield ``(row_number, cells)`` of the first sheet of ``data``, header included.

    ``file_name`` decides the format (by its extension); ``limits`` is an
    ``upload_guard.Limits``. See the module docstring for the cells and the errors.
    """
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in (file_name or "") else ""
    if extension not in READERS:
        raise ReadError("unsupported_type", extension=extension)
    if not data:
        raise ReadError("empty")
    try:
        upload_guard.check_size(data, limits)
        yield from _guarded(READERS[extension](data, limits), limits)
    except ReadError:
        raise
    except upload_guard.FileRefused as error:
        raise ReadError(error.reason, **error.params) from None
    except MemoryError:
        raise
    except Exception as error:
        # Whatever a broken or hostile file makes a parser raise (zlib, CRC, XML, xlrd...) is
        # a damaged file for the user, never a traceback.
        _logger.info("Import: %s could not be read: %r", file_name, error)
        raise ReadError("damaged") from error


def _guarded(rows, limits):
    """The checks every format shares: cell length, row limit, endless empty rows. Readers
    hand in empty rows too (one per row element of the file); they are counted, not yielded."""
    threshold = (limits.max_rows + 1) * 10
    filled = previous = 0
    for seen, (number, cells) in enumerate(rows, 1):
        cells = trim(cells)
        if not cells:
            if seen > threshold:
                # a sheet that goes on for a million formatted but empty rows
                raise ReadError("empty_rows", row=number)
            continue
        if number - 1 > max(previous, threshold):
            # a stray cell far below the data, after a gap of empty rows
            raise ReadError("empty_rows", row=max(previous + 1, threshold + 1))
        previous = number
        _check_lengths(number, cells)
        filled += 1
        if filled > limits.max_rows + 1:  # the header row and max_rows rows
            raise ReadError("too_many_rows", limit=limits.max_rows)
        yield number, cells


def trim(cells):
    """``cells`` cut to the columns read, ``""`` as ``None``, without trailing empty cells."""
    cells = cells[: upload_guard.MAX_COLUMNS]
    end = len(cells)
    while end and (cells[end - 1] is None or cells[end - 1] == ""):
        end -= 1
    return tuple(None if cell == "" else cell for cell in cells[:end])


def _check_lengths(number, cells):
    for index, cell in enumerate(cells):
        if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
            raise ReadError(
                "cell_too_long",
                cell=column_letter(index + 1) + str(number),
                length=len(cell),
                limit=MAX_CELL_CHARS,
            )
