# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Translated messages of the import: the pure modules of ``tools/importer`` raise codes with
parameters (:class:`~..tools.importer.cells.ReadError`, :class:`~..tools.importer.parse.ParseError`,
:class:`~..tools.importer.columns.Problem`), this module says them in the user's language.

In the order of the run: the file (:func:`file_message`, :func:`damaged_message`), its header
(:func:`header_message`, :func:`mapping_message`), its cells (:func:`cell_message`). The
strings go through ``env._``: Odoo's translation export finds them here.
"""

from ..tools.importer.columns import BY_KEY
from .options import MAX_ROWS_PARAM


def file_message(env, error, name):
    """A whole file that cannot be read: what happened and what to do."""
    p = dict(error.params, file=name)
    if error.reason == "unsupported_type" and p.get("extension"):
        p["extension"] = "." + p["extension"].lstrip(".")
    if "ranges" in p and not isinstance(p["ranges"], str):
        p["ranges"] = ", ".join(list(p["ranges"])[:10])
    _ = env._
    messages = {
        **_file_messages(_, p),
        **_archive_messages(_, p),
        **_sheet_messages(_, p),
        **_csv_messages(_, p),
    }
    if error.reason in ("part_too_big", "unpacked_too_big"):
        return _(
            "The file %(file)s unpacks to %(size_mb)s MB of data, more than an import may read "
            "(%(limit_mb)s MB): it is not an ordinary spreadsheet. Save it again from your "
            "spreadsheet program, keeping only the data to import.",
            **p,
        )
    if error.reason in messages:
        return messages[error.reason]()
    return damaged_message(env, name)


def _file_messages(_, p):
    """Problems of the file as a whole (type, size, protection)."""
    return {
        "unsupported_type": lambda: _(
            'Unsupported file type "%(extension)s" (%(file)s): use .xlsx, .xls, .ods or .csv.',
            **p,
        ),
        "empty": lambda: _("The file %(file)s is empty.", **p),
        "no_data": lambda: _("The file %(file)s has a header row but no data rows.", **p),
        "file_too_big": lambda: _(
            "The file %(file)s is too big (%(size_mb)s MB, at most %(limit_mb)s MB): split it "
            "into several files.",
            **p,
        ),
        "encrypted": lambda: _(
            "The file %(file)s is password-protected: remove the password in your spreadsheet "
            "program (Excel: File > Info > Protect Workbook) and import it again.",
            **p,
        ),
        "wrong_extension": lambda: _(
            "The file %(file)s is a .%(actual)s file named .%(extension)s: rename it to "
            ".%(actual)s, or save it again as .%(extension)s.",
            **p,
        ),
    }


def _archive_messages(_, p):
    """Problems of what a workbook holds (its parts, its XML)."""
    return {
        "too_many_strings": lambda: _(
            "The file %(file)s holds more than %(limit)s different texts, more than its rows "
            "may use: it is not an ordinary spreadsheet. Save it again from your spreadsheet "
            "program, keeping only the data to import.",
            **p,
        ),
        "doctype": lambda: _(
            "The file %(file)s declares XML entities (part %(part)s), which spreadsheet "
            "programs never write: it was refused for safety. Save it again from your "
            "spreadsheet program.",
            **p,
        ),
        "too_many_parts": lambda: _(
            "The file %(file)s is not an ordinary spreadsheet (%(count)s parts inside): save "
            "it again from your spreadsheet program.",
            **p,
        ),
    }


def _sheet_messages(_, p):
    """Problems found while reading the sheet."""
    return {
        "not_a_spreadsheet": lambda: _(
            "The file %(file)s is not a real spreadsheet (its content looks like text or another "
            "format): save it from your spreadsheet program as .xlsx, or name it .csv if it is "
            "a CSV file.",
            **p,
        ),
        "merged_cells": lambda: _(
            "The sheet %(sheet)s has merged cells (%(ranges)s): unmerge them and fill every "
            "cell before importing.",
            **p,
        ),
        "cell_too_long": lambda: _(
            "The cell %(cell)s of %(file)s holds %(length)s characters, more than a "
            "spreadsheet cell can (%(limit)s): the file was not written by a spreadsheet "
            "program.",
            **p,
        ),
        "too_many_rows": lambda: _(
            "The file has more than %(limit)s rows, the most one import accepts: split it into "
            "several files (an administrator can change the limit with the system parameter "
            "%(parameter)s).",
            parameter=MAX_ROWS_PARAM,
            **p,
        ),
        "empty_rows": lambda: _(
            "The file %(file)s goes on to row %(row)s with empty rows: delete the empty rows "
            "below your data (or copy the data into a new sheet) and import it again.",
            **p,
        ),
    }


def _csv_messages(_, p):
    """Problems of a CSV text file."""
    return {
        "csv_binary": lambda: _("The file %(file)s is not a CSV text file (binary content).", **p),
        "csv_encoding": lambda: _(
            "The file %(file)s is text in an encoding that could not be recognised: save it "
            'from Excel as "CSV UTF-8 (Comma delimited)" (or as .xlsx) and import it again.',
            **p,
        ),
        "csv_too_wide": lambda: _(
            "The file %(file)s has a line of more than %(limit)s columns: it is not an "
            "ordinary CSV file.",
            **p,
        ),
        "csv_quotes": lambda: _(
            "The file %(file)s cannot be read as CSV at line %(line)s (%(error)s): check its "
            "quotes.",
            **p,
        ),
    }


def damaged_message(env, name):
    return env._(
        "The file %(file)s is damaged: open it in your spreadsheet program, save it again and "
        "import the new copy.",
        file=name,
    )


def header_message(env, problem, label):
    """A problem of the header row. ``label(key)`` names a column in the user's words."""
    _ = env._
    p = problem.params
    if problem.code == "unknown_column":
        return _(
            'Unknown column "%(column)s": use the column names of the template (in English or '
            "Vietnamese).",
            column=p["column"],
        )
    if problem.code == "duplicate_column":
        return _(
            'The column "%(column)s" appears twice (also as "%(other)s").',
            column=p["column"],
            other=p["other"],
        )
    if problem.code == "duplicate_target":
        return mapping_message(env, problem, label)
    return _('The required column "%(column)s" is missing.', column=label(p["key"]))


def mapping_message(env, problem, label):
    """A problem of the mapping the user chose (``import_mapping.check_mapping``)."""
    _ = env._
    p = problem.params
    if problem.code == "duplicate_target":
        return _(
            'The columns "%(other)s" and "%(column)s" both go to "%(field)s": choose another '
            'field for one of them, or "Do not import".',
            other=p["other"],
            column=p["column"],
            field=label(p["key"]),
        )
    return _(
        'No column goes to "%(field)s", which is required: choose the column of the file that '
        "holds it.",
        field=label(p["key"]),
    )


def cell_message(env, error):
    """A cell that cannot be read (:class:`ParseError`)."""
    _ = env._
    p = error.params
    messages = {
        "error_cell": lambda: _(
            "The cell shows the error %(value)s instead of a value: correct the formula or type "
            "the value.",
            **p,
        ),
        "not_a_number": lambda: _('"%(value)s" is not a number.', **p),
        "negative": lambda: _("%(value)s is negative: the value must be 0 or more.", **p),
        "above": lambda: _("%(value)s is above %(maximum)s.", **p),
        "percent_value": lambda: _("%(value)s is a percentage: this column takes a number.", **p),
        "ambiguous_rate": lambda: _(
            "%(value)s is ambiguous as a success rate: write %(percent)s for %(percent)s %%, "
            "or %(value)s%% for less than 1 %%.",
            **p,
        ),
        "not_an_integer": lambda: _("%(value)s is not a whole number.", **p),
        "not_a_date": lambda: _(
            '"%(value)s" is not a date: use a date cell, dd/mm/yyyy or yyyy-mm-dd.', **p
        ),
        "date_is_number": lambda: _(
            "%(value)s is a number, not a date: format the cell as a date, or type the date as "
            "dd/mm/yyyy.",
            **p,
        ),
    }
    return messages[error.code]()


def column_label(key):
    """The English name of a column (the user's own header is preferred when there is one)."""
    return BY_KEY[key].english if key else ""
