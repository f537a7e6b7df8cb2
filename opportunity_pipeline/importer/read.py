# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reading the uploaded file: the Odoo side of ``tools/importer/rows``.

* :func:`read_rows`: the rows of the file for a run, every problem of the file as an
  :class:`ImportFileError` carrying a translated message;
* :func:`file_header`: the header row and the first data row, for the mapping step;
* :func:`file_error`: the :class:`ImportFileError` of a file that reads but holds nothing to
  import (no header, no data row).
"""

import logging

from ..tools import upload_guard
from ..tools.importer import rows
from ..tools.importer.cells import ReadError
from . import messages

_logger = logging.getLogger(__name__)


class ImportFileError(Exception):
    """The file as a whole cannot be imported; carries a translated message."""


def read_rows(env, options):
    """``(row_number, cells)`` of the first sheet, header included; a file that cannot be
    read raises :class:`ImportFileError` with a translated message."""
    name, data = options.file_name or "", options.content
    limits = upload_guard.Limits(options.max_rows)
    try:
        # A first pass reads the whole file without keeping anything: a file above the row
        # limit, or damaged halfway, is refused before a single row is written (no code used
        # up, nothing to roll back), and the rows are never all held in memory.
        for __ in rows.read_rows(data, name, limits):
            pass
        yield from rows.read_rows(data, name, limits)
    except ReadError as error:
        # read_rows turns whatever a broken or hostile file makes a parser raise into a
        # ReadError ("damaged" at worst): the user gets a message, never a traceback
        raise ImportFileError(messages.file_message(env, error, name)) from None
    except MemoryError:
        # the one error read_rows lets through: still a refused file, not a traceback
        _logger.info("Import: %s exhausted memory while read", name)
        raise ImportFileError(messages.damaged_message(env, name)) from None


def file_error(env, options, reason):
    """The :class:`ImportFileError` of a readable file with nothing to import: ``reason`` is
    ``empty`` (no header row) or ``no_data`` (a header row only)."""
    error = ReadError(reason)
    return ImportFileError(messages.file_message(env, error, options.file_name))


def file_header(options):
    """``(header cells, first data cells)`` of the file; ``(None, None)`` when it cannot be
    read (a run then reports why)."""
    limits = upload_guard.Limits(options.max_rows)
    file_rows = rows.read_rows(options.content, options.file_name or "", limits)
    header = None
    try:
        for __, cells in file_rows:
            if not any(cell not in (None, "") for cell in cells):
                continue
            if header is not None:
                return header, cells
            header = cells
    except (ReadError, MemoryError):
        return None, None
    finally:
        file_rows.close()
    return header, []
