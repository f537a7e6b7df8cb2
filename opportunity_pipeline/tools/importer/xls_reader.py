# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The .xls (BIFF) reader: the first sheet, read by xlrd, as typed cells.

:func:`read_xls` opens the workbook (the size checked first: .xls is not compressed, so the
bytes bound what xlrd loads), :func:`_xls_rows` turns its cells into the cells of
:mod:`.cells`. Pure Python (no Odoo import); imports :mod:`.cells`, :mod:`.container` and
``tools/upload_guard``.
"""

import contextlib
import io

import xlrd

from .. import upload_guard
from .cells import (
    CellError,
    Percent,
    ReadError,
    column_letter,
    date_cell,
    is_percent_format,
    text,
)
from .container import check_content


def read_xls(data, limits):
    check_content(data, "xls")
    upload_guard.check_size(data, limits, limits.xls_bytes)
    try:
        # .xls is not compressed: the size checked above bounds what xlrd loads
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO()
        )
    except xlrd.XLRDError as error:
        if "encrypted" in str(error).lower():
            raise ReadError("encrypted") from None
        raise ReadError("damaged") from error
    try:
        yield from _xls_rows(book)
    finally:
        book.release_resources()


def _xls_rows(book):
    sheet = book.sheet_by_index(0)
    if sheet.merged_cells:
        ranges = [
            f"{column_letter(c0 + 1)}{r0 + 1}:{column_letter(c1)}{r1}"
            for r0, r1, c0, c1 in sheet.merged_cells
        ]
        raise ReadError("merged_cells", sheet=sheet.name, ranges=", ".join(ranges[:10]))
    percent = set()
    for index, xf in enumerate(book.xf_list):
        number_format = book.format_map.get(xf.format_key)
        if number_format and is_percent_format(number_format.format_str):
            percent.add(index)
    errors = xlrd.biffh.error_text_from_code
    for index in range(sheet.nrows):
        row = []
        for cell in sheet.row_slice(index, 0, upload_guard.MAX_COLUMNS):
            kind, value = cell.ctype, cell.value
            if kind == xlrd.XL_CELL_TEXT:
                value = text(value)
            elif kind == xlrd.XL_CELL_NUMBER:
                value = Percent(value) if cell.xf_index in percent else value
            elif kind == xlrd.XL_CELL_DATE:
                # not a real date: the number stays, refused by the parser
                with contextlib.suppress(ValueError, OverflowError):
                    moment = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                    # a time of day alone, as the .xlsx and .ods readers give it
                    value = moment.time() if 0 <= value < 1 else date_cell(moment)
            elif kind == xlrd.XL_CELL_BOOLEAN:
                value = bool(value)
            elif kind == xlrd.XL_CELL_ERROR:
                value = CellError(errors.get(value, "#VALUE!"))
            else:
                value = None
            row.append(value)
        yield index + 1, row
