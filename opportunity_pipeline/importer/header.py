# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The header row of the file: which column goes where (the parse step of a run).

:func:`read_header` takes the first non-empty row of the file and matches it (our names,
then the columns the user mapped in the wizard or, failing that, the user's memory of their
own names). The result is a :class:`Header`: the column keys the rows are read with, the
notes the history keeps, the problems that refuse the file, and :meth:`Header.label`, which
names a column in the user's words for the messages. Grouping rows into records is
``tools/importer/parse``.
"""

from typing import NamedTuple

from ..tools.importer import mapping
from ..tools.importer.columns import read_header as match_headers
from . import messages
from .read import file_error


class Header(NamedTuple):
    """A read header row. ``cells`` are its texts (for the history and the errors file),
    ``keys[i]`` the column key of cell ``i``, ``notes`` ``[header, key, how]`` per column read,
    ``problems`` ``{row, column, message, row_values}`` per problem (the file is refused)."""

    cells: list
    keys: list
    notes: list
    problems: list

    @classmethod
    def empty(cls):
        """The header of a file whose header row was not reached."""
        return cls([], [], [], [])

    def label(self, key):
        """A column named as the file names it (or in English when the file has no such
        column)."""
        if key in self.keys:
            return self.cells[self.keys.index(key)].strip()
        return messages.column_label(key)


def read_header(env, options, file_rows):
    """The :class:`Header` of the first non-empty row of ``file_rows`` (an iterator of
    ``(row_number, cells)``, advanced past it); no such row is a file error (``empty``)."""
    first = next((item for item in file_rows if any(c not in (None, "") for c in item[1])), None)
    if first is None:
        raise file_error(env, options, "empty")
    number, row = first
    optional = ("partner",) if options.update_existing else ()
    keys, matches, problems = match_headers(row, optional, _column_mapping(env, options, row))
    errors = [
        {
            "row": number,
            "column": problem.params.get("column", ""),
            "message": messages.header_message(env, problem, messages.column_label),
            "row_values": None,
        }
        for problem in problems
    ]
    return Header(
        cells=["" if cell is None else str(cell) for cell in row[: len(keys)]],
        keys=keys,
        notes=[[match.header, match.key, match.how] for match in matches],
        problems=errors,
    )


def _column_mapping(env, options, row):
    """``{index: (key, how)}`` of the columns the user mapped: the mapping step's lines when
    they are this file's, else the user's memory of their own column names."""
    if options.columns and mapping.fits(options.columns, row):
        return {index: (key, how) for index, __, key, how in options.columns}
    remembered = env["opportunity.import.mapping"]._remembered()
    return mapping.remembered_mapping(mapping.plan_columns(row, remembered))
