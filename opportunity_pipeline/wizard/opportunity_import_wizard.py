"""Import opportunities from .xlsx/.xls/.csv, with a dry run, row-precise errors and a history.

Layout of a file (the template and the export write the same):

* row 1 holds the headers: English or Vietnamese labels of :data:`COLUMNS`, in any order;
* one row per opportunity; its product lines go in the Product / Quantity / Unit Price columns.
  An opportunity with several lines takes one row per extra line *below it*, where the
  code, name and contact cells are empty (Odoo's own convention for one2many lines).

The sheet is streamed (openpyxl read-only) and processed in batches of ``BATCH_SIZE``
opportunities: one search per referenced model per batch, one ``create(vals_list)`` per batch,
each batch inside a savepoint. The whole run sits in an outer savepoint that a dry run (or an
all-or-nothing import with errors) rolls back, so constraints are checked for real and nothing
is left behind; the history record is written after that rollback.
"""

import base64
import csv
import datetime
import io
import json
import logging
import math
import re
import time
import zipfile

import openpyxl
import psycopg2
import xlrd
from openpyxl.utils.datetime import from_excel

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext, is_html_empty, plaintext2html

from ..tools import upload_guard
from ..tools.xlsx_writer import SafeWorkbook

_logger = logging.getLogger(__name__)

BATCH_SIZE = 500
DEFAULT_MAX_ROWS = 20000
MAX_ROWS_PARAM = "opportunity_pipeline.import_max_rows"
NAME_MAX_LENGTH = 255
#: Excel's own limit for one cell: a longer cell is not from a spreadsheet program.
MAX_CELL_CHARS = 32767
MAX_MESSAGE_CHARS = 1000
MAX_CSV_FIELDS = 1024
#: Characters of rejected rows kept for the errors file, per import.
MAX_REJECTED_CHARS = 8_000_000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_OOXML_MARK = "EncryptionInfo".encode("utf-16-le")

# key, English header, Vietnamese header, other accepted spellings. Hard-coded on purpose:
# recognising a header must not depend on which languages the database has installed.
COLUMNS = [
    ("code", "Code", "Mã", ("mã cơ hội",)),
    ("name", "Opportunity", "Cơ hội", ("name", "tên", "tên cơ hội")),
    ("partner", "Contact", "Liên hệ", ("customer", "khách hàng")),
    ("pipeline", "Sales Process", "Quy trình bán hàng", ("pipeline", "quy trình")),
    ("stage", "Stage", "Giai đoạn", ()),
    ("amount", "Value", "Giá trị", ("amount",)),
    (
        "probability",
        "Success Rate (%)",
        "Tỷ lệ thành công (%)",
        ("success rate", "tỷ lệ thành công"),
    ),
    ("date_deadline", "Expected Closing", "Ngày dự kiến chốt", ()),
    ("user", "Responsible", "Người phụ trách", ()),
    ("collaborators", "Collaborators", "Người phối hợp", ("người cộng tác",)),
    ("labels", "Labels", "Nhãn", ()),
    ("priority", "Priority", "Độ ưu tiên", ()),
    ("description", "Description", "Mô tả", ()),
    ("product", "Product", "Sản phẩm", ()),
    ("quantity", "Quantity", "Số lượng", ()),
    ("price_unit", "Unit Price", "Đơn giá", ()),
]
COLUMN_KEYS = [key for key, *__ in COLUMNS]
LINE_KEYS = ("product", "quantity", "price_unit")
MAIN_KEYS = ("code", "name", "partner")


def _normalize_header(text):
    return re.sub(r"\s+", " ", str(text or "")).strip().casefold()


HEADER_TO_KEY = {}
for _key, _en, _vi, _aliases in COLUMNS:
    for _label in (_en, _vi, *_aliases):
        HEADER_TO_KEY[_normalize_header(_label)] = _key


class ImportFileError(Exception):
    """The file as a whole cannot be read; carries a translated message."""


class OpportunityImportWizard(models.TransientModel):
    _name = "opportunity.import.wizard"
    _description = "Import Opportunities"

    file = fields.Binary(string="File", attachment=False)
    file_name = fields.Char(string="File Name")
    create_partners = fields.Boolean(
        string="Create missing contacts",
        help="A contact found neither by reference, email nor exact name is created.",
    )
    create_labels = fields.Boolean(
        string="Create missing labels",
        help="Only for users allowed to create labels (administrators).",
    )
    update_existing = fields.Boolean(
        string="Update existing opportunities by code",
        help="A row whose code matches an opportunity updates it instead of being refused. "
        "Empty cells keep the current value.",
    )
    import_valid_rows = fields.Boolean(
        string="Import the valid rows",
        help="Off (default): all or nothing, one error and nothing is imported. "
        "On: the valid rows are imported and the rejected ones listed.",
    )
    history_id = fields.Many2one("opportunity.import.history", string="Last Run", readonly=True)
    # related fields read as the user (not as superuser): a wizard pointed at someone else's
    # history shows nothing of it
    history_state = fields.Selection(related="history_id.state", compute_sudo=False)
    history_mode = fields.Selection(related="history_id.mode", compute_sudo=False)
    history_error_ids = fields.One2many(
        related="history_id.error_ids", string="Problems", compute_sudo=False
    )
    summary = fields.Text(compute="_compute_summary")
    can_create_labels = fields.Boolean(compute="_compute_can_create_labels")

    @api.depends("history_id")
    def _compute_summary(self):
        for wizard in self:
            history = wizard.history_id
            if not history:
                wizard.summary = False
                continue
            wizard.summary = self.env._(
                "%(rows)s rows read, %(created)s to create, %(updated)s to update, "
                "%(rejected)s rejected.",
                rows=history.row_count,
                created=history.created_count,
                updated=history.updated_count,
                rejected=history.rejected_count,
            )

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards.history_id.check_access("read")
        return wizards

    def write(self, vals):
        result = super().write(vals)
        if vals.get("history_id"):
            self.history_id.check_access("read")
        return result

    def _compute_can_create_labels(self):
        can = self.env["opportunity.label"].has_access("create")
        for wizard in self:
            wizard.can_create_labels = can

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_test(self):
        self.ensure_one()
        self._check_file_chosen()
        self.history_id = self._run(dry_run=True)
        return self._reopen()

    def action_import(self):
        self.ensure_one()
        self._check_file_chosen()
        history = self._run(dry_run=False)
        self.history_id = history
        if history.state == "failed":
            return self._reopen()
        return {
            "type": "ir.actions.act_window",
            "res_model": "opportunity.import.history",
            "res_id": history.id,
            "view_mode": "form",
            "target": "current",
        }

    def _check_file_chosen(self):
        # the file is not required in the form: the template can be downloaded before
        if not self.file:
            raise UserError(
                self.env._(
                    "Choose the file to import first (download the template if you have none)."
                )
            )

    def action_download_template(self):
        content = self._template_xlsx()
        return self.env["opportunity.import.history"]._xlsx_download_action(
            self.env._("opportunities_template.xlsx"), content
        )

    @api.model
    def _action_export(self, opportunities=None):
        """Export button of the list: the selection, or everything the current filter shows."""
        if not opportunities:
            domain = self.env.context.get("active_domain") or []
            opportunities = self.env["opportunity.opportunity"].search(domain)
        content = self._export_xlsx(opportunities)
        return self.env["opportunity.import.history"]._xlsx_download_action(
            self.env._("opportunities.xlsx"), content
        )

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Import Opportunities"),
        }

    # ------------------------------------------------------------
    # The run
    # ------------------------------------------------------------

    def _run(self, dry_run):
        """Test or import the file; return the history record (always written)."""
        self.ensure_one()
        Opportunity = self.env["opportunity.opportunity"]
        if not Opportunity.has_access("create"):
            raise UserError(
                self.env._(
                    "You are not allowed to create opportunities: ask an administrator for "
                    "access to Opportunities."
                )
            )
        start = time.monotonic()
        run = _ImportRun(self, dry_run)
        cr = self.env.cr
        outer = cr.savepoint(flush=True)
        try:
            with outer:
                try:
                    run.execute(self._read_rows())
                except ImportFileError as error:
                    run.file_error(str(error))
                    run.fatal = True
                if dry_run or run.fatal or (run.errors and not self.import_valid_rows):
                    outer.rollback()
                    run.rolled_back = True
        finally:
            if run.rolled_back:
                # the ORM cache may hold records that no longer exist
                self.env.invalidate_all()
        return run.write_history(duration=time.monotonic() - start)

    # ------------------------------------------------------------
    # Reading files
    # ------------------------------------------------------------

    def _read_rows(self):
        """Yield ``(row_number, tuple_of_cells)`` of the first sheet, header included."""
        name = self.file_name or ""
        data = base64.b64decode(self.file or b"")
        extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if extension not in ("xlsx", "xls", "csv"):
            raise ImportFileError(
                self.env._(
                    'Unsupported file type "%(extension)s" (%(file)s): use .xlsx, .xls or .csv.',
                    extension=extension and "." + extension,
                    file=name,
                )
            )
        if not data:
            raise ImportFileError(self.env._("The file %(file)s is empty.", file=name))
        max_rows = self._max_rows()
        limits = upload_guard.Limits(max_rows)
        reader = {"xlsx": self._read_xlsx, "xls": self._read_xls, "csv": self._read_csv}
        filled = 0
        try:
            upload_guard.check_size(data, limits)
            for number, row in reader[extension](data, name, limits):
                row = row[: upload_guard.MAX_COLUMNS]
                self._check_cell_lengths(name, number, row)
                if any(cell not in (None, "") for cell in row):
                    filled += 1
                    if filled > max_rows + 1:  # the header row and max_rows rows
                        raise ImportFileError(self._too_many_rows_message(max_rows))
                elif number > (max_rows + 1) * 10:
                    # a sheet that goes on for a million formatted but empty rows
                    raise ImportFileError(self._empty_rows_message(name, number))
                yield number, row
        except upload_guard.FileRefused as error:
            raise ImportFileError(self._refused_message(name, error)) from None
        except ImportFileError:
            raise
        except Exception as error:
            # Whatever a broken or hostile file makes a parser raise (zlib, CRC, XML, xlrd...)
            # is a damaged file for the user, never a traceback.
            _logger.info("Import: %s could not be read: %r", name, error)
            raise ImportFileError(self._damaged_message(name)) from None

    def _check_cell_lengths(self, name, number, row):
        for index, cell in enumerate(row):
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                reference = openpyxl.utils.get_column_letter(index + 1) + str(number)
                raise ImportFileError(
                    self.env._(
                        "The cell %(cell)s of %(file)s holds %(length)s characters, more than a "
                        "spreadsheet cell can (%(limit)s): the file was not written by a "
                        "spreadsheet program.",
                        cell=reference,
                        file=name,
                        length=len(cell),
                        limit=MAX_CELL_CHARS,
                    )
                )

    def _empty_rows_message(self, name, number):
        return self.env._(
            "The file %(file)s goes on to row %(row)s with empty rows: delete the empty rows "
            "below your data (or copy the data into a new sheet) and import it again.",
            file=name,
            row=number,
        )

    def _refused_message(self, name, error):
        """A translated message for a file refused by tools/upload_guard, before parsing."""
        _ = self.env._
        params = error.params
        if error.reason == "file_too_big":
            return _(
                "The file %(file)s is too big (%(size)s MB, at most %(limit)s MB): split it into "
                "several files.",
                file=name,
                size=params["size_mb"],
                limit=params["limit_mb"],
            )
        if error.reason in ("part_too_big", "unpacked_too_big"):
            return _(
                "The file %(file)s unpacks to %(size)s MB of data, more than an import may read "
                "(%(limit)s MB): it is not an ordinary spreadsheet. Save it again from your "
                "spreadsheet program, keeping only the data to import.",
                file=name,
                size=params["size_mb"],
                limit=params["limit_mb"],
            )
        if error.reason == "too_many_strings":
            return _(
                "The file %(file)s holds more than %(limit)s different texts, more than its rows "
                "may use: it is not an ordinary spreadsheet. Save it again from your spreadsheet "
                "program, keeping only the data to import.",
                file=name,
                limit=params["limit"],
            )
        if error.reason == "doctype":
            return _(
                "The file %(file)s declares XML entities (part %(part)s), which spreadsheet "
                "programs never write: it was refused for safety. Save it again from your "
                "spreadsheet program.",
                file=name,
                part=params["part"],
            )
        if error.reason == "too_many_parts":
            return _(
                "The file %(file)s is not an ordinary spreadsheet (%(count)s parts inside): save "
                "it again from your spreadsheet program.",
                file=name,
                count=params["count"],
            )
        return self._damaged_message(name)

    def _damaged_message(self, name):
        return self.env._(
            "The file %(file)s is damaged (corrupted Excel archive): open it in Excel, "
            "save it again and import the new copy.",
            file=name,
        )

    def _max_rows(self):
        # sudo: reading one technical setting; users may not read ir.config_parameter.
        value = self.env["ir.config_parameter"].sudo().get_param(MAX_ROWS_PARAM)
        try:
            return int(value) if value else DEFAULT_MAX_ROWS
        except ValueError:
            return DEFAULT_MAX_ROWS

    def _too_many_rows_message(self, max_rows):
        return self.env._(
            "The file has more than %(limit)s rows, the most one import accepts: split it into "
            "several files (an administrator can change the limit with the system parameter "
            "%(parameter)s).",
            limit=max_rows,
            parameter=MAX_ROWS_PARAM,
        )

    def _read_xlsx(self, data, name, limits):
        if data.startswith(OLE_MAGIC):
            if ENCRYPTED_OOXML_MARK in data:
                raise ImportFileError(
                    self.env._(
                        "The file %(file)s is password-protected: remove the password in Excel "
                        "(File > Info > Protect Workbook) and import it again.",
                        file=name,
                    )
                )
            raise ImportFileError(
                self.env._(
                    "The file %(file)s is an old Excel 97-2003 file named .xlsx: rename it to "
                    ".xls or save it again as .xlsx.",
                    file=name,
                )
            )
        if not data.startswith(b"PK"):
            raise ImportFileError(
                self.env._(
                    "The file %(file)s is not a real Excel file (its content looks like text or "
                    "another format): save it from Excel as .xlsx, or name it .csv if it is "
                    "a CSV file.",
                    file=name,
                )
            )
        # sizes of every part and the number of shared strings, before openpyxl opens anything
        upload_guard.open_xlsx(data, limits)
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, SyntaxError):
            # SyntaxError: ElementTree's ParseError (entity expansion refused, broken XML)
            raise ImportFileError(self._damaged_message(name)) from None
        try:
            sheet = workbook.worksheets[0]
            merged = self._xlsx_merged_ranges(data, getattr(sheet, "_worksheet_path", None))
            if merged:
                raise ImportFileError(self._merged_message(sheet.title, merged))
            # the <dimension> a file declares can be wrong or missing: read what is there
            sheet.reset_dimensions()
            rows = sheet.iter_rows(min_row=1, max_col=upload_guard.MAX_COLUMNS, values_only=True)
            try:
                yield from enumerate(rows, 1)
            except (SyntaxError, ValueError, KeyError, TypeError, zipfile.BadZipFile):
                raise ImportFileError(self._damaged_message(name)) from None
        finally:
            workbook.close()

    @api.model
    def _xlsx_merged_ranges(self, data, sheet_path):
        """Merged ranges of a sheet. Read-only mode does not see merges, so the sheet's XML is
        scanned in chunks for its ``<mergeCell ref="..."/>`` elements (no full load)."""
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                path = (sheet_path or "xl/worksheets/sheet1.xml").lstrip("/")
                if path not in archive.namelist():
                    return []
                ranges = []
                tail = b""
                with archive.open(path) as stream:
                    while chunk := stream.read(1 << 20):
                        block = tail + chunk
                        ranges += re.findall(rb'<(?:\w+:)?mergeCell ref="([A-Z0-9:]+)"', block)
                        tail = block[-200:]
                # a range cut across two chunks can be found twice
                return sorted({r.decode() for r in ranges})
        except zipfile.BadZipFile:
            return []

    def _merged_message(self, sheet_title, ranges):
        return self.env._(
            "The sheet %(sheet)s has merged cells (%(ranges)s): unmerge them and fill every cell "
            "before importing.",
            sheet=sheet_title,
            ranges=", ".join(ranges[:10]),
        )

    def _read_xls(self, data, name, limits):
        if data.startswith(b"PK"):
            raise ImportFileError(
                self.env._(
                    "The file %(file)s is an .xlsx file named .xls: rename it to .xlsx.",
                    file=name,
                )
            )
        upload_guard.check_size(data, limits, limits.xls_bytes)
        try:
            # .xls is not compressed: the size checked above bounds what xlrd loads
            book = xlrd.open_workbook(
                file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO()
            )
        except xlrd.biffh.XLRDError as error:
            if "encrypted" in str(error).lower():
                raise ImportFileError(
                    self.env._(
                        "The file %(file)s is password-protected: remove the password in Excel "
                        "and import it again.",
                        file=name,
                    )
                ) from None
            raise ImportFileError(
                self.env._(
                    "The file %(file)s is not a valid .xls file: save it again from Excel.",
                    file=name,
                )
            ) from None
        except Exception:
            raise ImportFileError(
                self.env._(
                    "The file %(file)s is not a valid .xls file: save it again from Excel.",
                    file=name,
                )
            ) from None
        try:
            sheet = book.sheet_by_index(0)
        except Exception:  # xlrd raises anything on a broken sheet
            raise ImportFileError(
                self.env._(
                    "The file %(file)s is not a valid .xls file: save it again from Excel.",
                    file=name,
                )
            ) from None
        if sheet.nrows - 1 > limits.max_rows:
            raise ImportFileError(self._too_many_rows_message(limits.max_rows))
        if sheet.merged_cells:
            ranges = [
                f"{xlrd.formula.cellname(r0, c0)}:{xlrd.formula.cellname(r1 - 1, c1 - 1)}"
                for r0, r1, c0, c1 in sheet.merged_cells
            ]
            raise ImportFileError(self._merged_message(sheet.name, ranges))
        for index in range(sheet.nrows):
            row = []
            for cell in sheet.row(index)[: upload_guard.MAX_COLUMNS]:
                if cell.ctype == xlrd.XL_CELL_DATE:
                    try:
                        row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode))
                    except (ValueError, OverflowError):
                        row.append(cell.value)  # not a real date: the number, refused later
                elif (
                    cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK)
                    or cell.ctype == xlrd.XL_CELL_ERROR
                ):
                    row.append(None)
                else:
                    row.append(cell.value)
            yield index + 1, tuple(row)

    def _read_csv(self, data, name, limits):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError(
                self.env._(
                    'The file %(file)s is not UTF-8 text: save it as "CSV UTF-8".', file=name
                )
            ) from None
        if "\x00" in text[:4096]:
            raise ImportFileError(
                self.env._("The file %(file)s is not a CSV text file (binary content).", file=name)
            )
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        # the csv module builds a whole row before it can be cut: refuse giant rows first
        widest = max((line.count(delimiter) for line in text.splitlines()), default=0)
        if widest > MAX_CSV_FIELDS:
            raise ImportFileError(
                self.env._(
                    "The file %(file)s has a line of more than %(limit)s columns: it is not an "
                    "ordinary CSV file.",
                    file=name,
                    limit=MAX_CSV_FIELDS,
                )
            )
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        try:
            for number, row in enumerate(reader, 1):
                yield number, tuple(cell if cell != "" else None for cell in row)
        except csv.Error as error:
            # e.g. one field longer than csv.field_size_limit() (an unclosed quote)
            raise ImportFileError(
                self.env._(
                    "The file %(file)s cannot be read as CSV at line %(line)s (%(error)s): check "
                    "its quotes.",
                    file=name,
                    line=reader.line_num,
                    error=str(error),
                )
            ) from None

    # ------------------------------------------------------------
    # Template and export (same layout)
    # ------------------------------------------------------------

    @api.model
    def _column_headers(self):
        vietnamese = (self.env.lang or "").startswith("vi")
        return [vi if vietnamese else en for __, en, vi, __ in COLUMNS]

    @api.model
    def _column_help(self):
        _ = self.env._
        return {
            "code": _(
                "Optional. Generated when empty. Typed codes need 'Allow Editing Opportunity "
                "Codes'; with 'Update existing by code' a known code updates that opportunity."
            ),
            "name": _("Required. The name of the opportunity (at most 255 characters)."),
            "partner": _("Required. Contact reference, email or exact name."),
            "pipeline": _("Sales process name or code. Empty: your usual process."),
            "stage": _("Stage name, of that sales process. Empty: its first stage."),
            "amount": _("Number >= 0. Ignored when the opportunity has product lines."),
            "probability": _("Number from 0 to 100. Empty: the stage's rate."),
            "date_deadline": _("An Excel date, or text as dd/mm/yyyy or yyyy-mm-dd."),
            "user": _("Login, email or name of a user. Empty: you."),
            "collaborators": _("Users (login, email or name) separated by commas."),
            "labels": _("Label names separated by commas."),
            "priority": _("0 (normal) to 3 (urgent)."),
            "description": _("Free text."),
            "product": _(
                "Product internal reference or exact name. For several lines, add "
                "one row per extra line below, with code, name and contact empty."
            ),
            "quantity": _("Number >= 0. Empty: 1."),
            "price_unit": _("Number >= 0. Empty: the product's sales price."),
        }

    @api.model
    def _template_xlsx(self):
        headers = self._column_headers()
        sample = {
            "name": self.env._("ERP rollout for 120 users"),
            "partner": self._sample_contact(),
            "amount": 150000000,
            "probability": 20,
            "date_deadline": datetime.date(2026, 12, 31),
            "user": self.env.user.login,
            "labels": "VIP",
            "priority": 1,
            "description": self.env._("Needs, context, next steps..."),
        }
        pipeline = self.env["opportunity.opportunity"]._get_preferred_pipeline()
        if pipeline:
            sample["pipeline"] = pipeline.name
            sample["stage"] = pipeline.stage_ids[:1].name
        with SafeWorkbook() as book:
            sheet = book.add_sheet(self.env._("Opportunities"))
            book.write_row(sheet, 0, headers, book.bold)
            book.write_row(sheet, 1, [sample.get(key) for key in COLUMN_KEYS])
            sheet.set_column(0, len(COLUMN_KEYS) - 1, 18)
            help_sheet = book.add_sheet(self.env._("Columns"))
            book.write_row(
                help_sheet, 0, [self.env._("Column"), self.env._("What to put in it")], book.bold
            )
            texts = self._column_help()
            for row, (key, header) in enumerate(zip(COLUMN_KEYS, headers, strict=True), 1):
                book.write_row(help_sheet, row, [header, texts[key]])
            help_sheet.set_column(0, 0, 24)
            help_sheet.set_column(1, 1, 100)
        return book.getvalue()

    @api.model
    def _sample_contact(self):
        """A contact that exists (the sample row imports as it is): a company the user can see,
        other than their own companies."""
        own = self.env.companies.partner_id.ids
        partner = self.env["res.partner"].search(
            [("is_company", "=", True), ("id", "not in", own)], limit=1
        ) or self.env["res.partner"].search([("id", "not in", own)], limit=1)
        return partner.ref or partner.email or partner.name or self.env._("Example Company")

    @api.model
    def _export_row(self, opportunity):
        partner = opportunity.partner_id
        return {
            "code": opportunity.code,
            "name": opportunity.name,
            "partner": partner.ref or partner.email or partner.name,
            "pipeline": opportunity.pipeline_id.code or opportunity.pipeline_id.name,
            "stage": opportunity.stage_id.name,
            "amount": opportunity.amount,
            "probability": opportunity.probability,
            "date_deadline": opportunity.date_deadline,
            "user": opportunity.user_id.login,
            "collaborators": ", ".join(opportunity.collaborator_ids.mapped("login")),
            "labels": ", ".join(opportunity.label_ids.mapped("name")),
            "priority": int(opportunity.priority or 0),
            "description": (
                ""
                if is_html_empty(opportunity.description)
                else html2plaintext(opportunity.description)
            ),
        }

    @api.model
    def _export_xlsx(self, opportunities):
        """The template layout filled with ``opportunities``: importable again as an update.
        Names, contacts and descriptions are users' text: written as text, never as formulas
        or links (tools/xlsx_writer)."""
        col = {key: index for index, key in enumerate(COLUMN_KEYS)}
        with SafeWorkbook(constant_memory=True) as book:
            sheet = book.add_sheet(self.env._("Opportunities"))
            book.write_row(sheet, 0, self._column_headers(), book.bold)
            row = 1
            for opportunity in opportunities:
                for key, value in self._export_row(opportunity).items():
                    book.write(sheet, row, col[key], value)
                for index, line in enumerate(opportunity.line_ids):
                    if index:
                        row += 1
                    product = line.product_id
                    book.write(sheet, row, col["product"], product.default_code or product.name)
                    book.write(sheet, row, col["quantity"], line.quantity)
                    book.write(sheet, row, col["price_unit"], line.price_unit)
                row += 1
        return book.getvalue()


class _ImportRun:
    """State of one test or import of one file (not a model: lives for one request)."""

    def __init__(self, wizard, dry_run):
        self.wizard = wizard
        self.env = wizard.env
        self.dry_run = dry_run
        self.company = self.env.company
        context = {"default_company_id": self.company.id}
        if dry_run:
            # a test run shows the codes an import would give, without using them up
            context["opportunity_preview_codes"] = {}
        self.Opportunity = self.env["opportunity.opportunity"].with_context(**context)
        self.errors = []  # dicts: row, column, message, row_values
        self.header = []
        self.keys = []  # column index -> key
        self.row_count = 0
        self.rejected_rows = 0
        self.rejected_chars = 0
        self.created = self.env["opportunity.opportunity"]
        self.updated = self.env["opportunity.opportunity"]
        self.rolled_back = False
        self.fatal = False
        self.seen_codes = {}
        self._created_partners = {}
        self._label_cache = {}
        lang = self.env["res.lang"]._lang_get(self.env.lang or "en_US")
        self.decimal_point = (lang and lang.decimal_point) or "."
        self.thousands_sep = (lang and lang.thousands_sep) or ","
        self.can_create_labels = self.env["opportunity.label"].has_access("create")
        self.can_create_partners = self.env["res.partner"].has_access("create")
        self.default_pipeline = None

    # -- errors -------------------------------------------------------

    def file_error(self, message, row=0, column=""):
        self.errors.append({"row": row, "column": column, "message": message, "row_values": None})

    def _error(self, record, row, column_key, message):
        # messages echo cells: keep what is stored per error bounded
        record["errors"].append((row, self._label(column_key), message[:MAX_MESSAGE_CHARS]))

    def _label(self, key):
        if not key:
            return ""
        for index, column_key in enumerate(self.keys):
            if column_key == key:
                return str(self.header[index])
        return {k: en for k, en, *__ in COLUMNS}[key]

    def _reject(self, record, extra=None):
        entries = list(record["errors"])
        if extra:
            entries.append(extra)
        values = [[self._cell_text(c) for c in cells] for __, cells in record["raw"]]
        size = sum(len(str(cell)) for cells in values for cell in cells)
        self.rejected_chars += size
        if self.rejected_chars > MAX_REJECTED_CHARS:
            values = None  # the errors file keeps the messages, not every rejected cell
        for index, (row, column, message) in enumerate(entries):
            self.errors.append(
                {
                    "row": row,
                    "column": column,
                    "message": message,
                    "row_values": values if index == 0 else None,
                }
            )
        self.rejected_rows += len(record["raw"])

    @staticmethod
    def _cell_text(value):
        """A cell as JSON can store it (the errors file): dates as text, anything odd (times,
        durations) as its text."""
        if isinstance(value, datetime.datetime | datetime.date):
            return value.strftime("%Y-%m-%d")
        if value is None:
            return ""
        if isinstance(value, bool | int | float | str):
            return value
        return str(value)

    # -- main loop ----------------------------------------------------

    def execute(self, rows):
        _ = self.env._
        rows = iter(rows)
        for number, row in rows:
            if any(cell not in (None, "") for cell in row):
                self._read_header(number, row)
                break
        else:
            raise ImportFileError(_("The file %(file)s is empty.", file=self.wizard.file_name))
        if self.errors:
            return
        batch = []
        record = None
        for number, row in rows:
            cells = {}
            for index, value in enumerate(row[: len(self.keys)]):
                key = self.keys[index]
                if key and value is not None and not (isinstance(value, str) and not value.strip()):
                    cells[key] = value.strip() if isinstance(value, str) else value
            if not cells:
                continue
            self.row_count += 1
            raw = (number, tuple(row[: len(self.keys)]))
            is_line_row = not any(k in cells for k in MAIN_KEYS) and any(
                k in cells for k in LINE_KEYS
            )
            if is_line_row and record is not None:
                record["raw"].append(raw)
                record["lines"].append((number, cells))
                continue
            record = {"row": number, "cells": cells, "raw": [raw], "lines": [], "errors": []}
            if any(k in cells for k in LINE_KEYS):
                record["lines"].append((number, cells))
            batch.append(record)
            if len(batch) >= BATCH_SIZE:
                # the last record may still get continuation lines: keep it for the next batch
                self._process_batch(batch[:-1])
                batch = batch[-1:]
        if batch:
            self._process_batch(batch)
        if not self.row_count:
            raise ImportFileError(
                _(
                    "The file %(file)s has a header row but no data rows.",
                    file=self.wizard.file_name,
                )
            )

    def _read_header(self, number, row):
        _ = self.env._
        self.header = ["" if cell is None else str(cell) for cell in row]
        while self.header and not self.header[-1].strip():
            self.header.pop()
        seen = {}
        for index, label in enumerate(self.header):
            key = HEADER_TO_KEY.get(_normalize_header(label))
            if not label.strip():
                key = None
            elif key is None:
                self.file_error(
                    _(
                        'Unknown column "%(column)s": use the column names of the template '
                        "(in English or Vietnamese).",
                        column=label,
                    ),
                    row=number,
                    column=label,
                )
            elif key in seen:
                self.file_error(
                    _('The column "%(column)s" appears twice.', column=label),
                    row=number,
                    column=label,
                )
            seen[key] = index
            self.keys.append(key)
        for key in ("name", "partner"):
            if key not in seen and not (key == "partner" and self.wizard.update_existing):
                self.file_error(
                    _('The required column "%(column)s" is missing.', column=self._label(key)),
                    row=number,
                )
        if self.errors:
            self.fatal = True

    # -- one batch ----------------------------------------------------

    def _process_batch(self, batch):
        refs = self._resolve(batch)
        to_create, to_update = [], []
        for record in batch:
            vals = self._prepare_vals(record, refs)
            if record["errors"]:
                self._reject(record)
                continue
            existing = record.get("existing")
            if existing:
                if vals:
                    to_update.append((record, existing, vals))
                continue
            to_create.append((record, vals))
        self._write(to_create, to_update)

    def _write(self, to_create, to_update):
        cr = self.env.cr
        try:
            with cr.savepoint(flush=True):
                created = self.Opportunity.create([vals for __, vals in to_create])
                for __, existing, vals in to_update:
                    existing.write(vals)
            self.created |= created
            self.updated |= self.Opportunity.browse([e.id for __, e, __ in to_update])
            return
        except (UserError, psycopg2.Error):
            pass  # some row of the batch is refused: find which below
        # find the guilty rows, one savepoint each
        for record, vals in to_create:
            try:
                with cr.savepoint(flush=True):
                    created = self.Opportunity.create([vals])
                self.created |= created
            except (UserError, psycopg2.Error) as error:
                self._reject(record, (record["row"], "", self._error_text(error)))
        for record, existing, vals in to_update:
            try:
                with cr.savepoint(flush=True):
                    existing.write(vals)
                self.updated |= existing
            except (UserError, psycopg2.Error) as error:
                self._reject(record, (record["row"], "", self._error_text(error)))

    def _error_text(self, error):
        if isinstance(error, psycopg2.Error):
            constraint = getattr(error.diag, "constraint_name", None) or ""
            for model in (self.Opportunity, self.env["opportunity.line"]):
                for name, __, message in model._sql_constraints:
                    if constraint == f"{model._table}_{name}":
                        # the model's own constraint message, exported with the module's terms
                        return self.env._(message)
            return self.env._("The database refused the row: %(error)s", error=error.pgerror)
        return str(error.args[0] if error.args else error)

    # -- references, one search per model and batch --------------------

    def _split(self, value):
        return [part.strip() for part in str(value).split(",") if part.strip()]

    def _resolve(self, batch):
        env = self.env
        wanted = {key: set() for key in ("partner", "user", "labels", "product", "code")}
        for record in batch:
            cells = record["cells"]
            if "partner" in cells:
                wanted["partner"].add(self._text(cells["partner"]))
            if "user" in cells:
                wanted["user"].add(self._text(cells["user"]))
            for name in self._split(cells.get("collaborators", "")):
                wanted["user"].add(name)
            for name in self._split(cells.get("labels", "")):
                wanted["labels"].add(name)
            if "code" in cells:
                wanted["code"].add(self._text(cells["code"]))
            for __, line_cells in record["lines"]:
                if "product" in line_cells:
                    wanted["product"].add(self._text(line_cells["product"]))
        refs = {}
        # contacts: reference, email, exact name
        partners = env["res.partner"]
        values = list(wanted["partner"])
        if values:
            partners = partners.search(
                [
                    ("company_id", "in", [False, self.company.id]),
                    "|",
                    "|",
                    ("ref", "in", values),
                    ("email_normalized", "in", [v.lower() for v in values]),
                    ("name", "in", values),
                ]
            )
        refs["partner"] = self._index(
            partners, [("ref", False), ("email_normalized", True), ("name", False)]
        )
        # archived users too: an exported file names them and must import back unchanged
        users = env["res.users"].with_context(active_test=False)
        values = list(wanted["user"])
        if values:
            users = users.search(
                [
                    ("share", "=", False),
                    "|",
                    "|",
                    ("login", "in", values),
                    ("email_normalized", "in", [v.lower() for v in values]),
                    ("name", "in", values),
                ]
            )
        refs["user"] = self._index(
            users, [("login", False), ("email_normalized", True), ("name", False)]
        )
        labels = env["opportunity.label"]
        if wanted["labels"]:
            labels = labels.with_context(active_test=False).search(
                [("name", "in", list(wanted["labels"]))]
            )
        self._label_cache.update({label.name.casefold(): label for label in labels})
        products = env["product.product"]
        values = list(wanted["product"])
        if values:
            products = products.search(
                [
                    ("company_id", "in", [False, self.company.id]),
                    "|",
                    ("default_code", "in", values),
                    ("name", "in", values),
                ]
            )
        refs["product"] = self._index(products, [("default_code", False), ("name", False)])
        existing = env["opportunity.opportunity"]
        if wanted["code"]:
            # sudo: only tells whether a code is taken in this company, to name the row that
            # clashes; the update itself goes through the user's access rights.
            taken = (
                env["opportunity.opportunity"]
                .sudo()
                .with_context(active_test=False)
                .search_fetch(
                    [("company_id", "=", self.company.id), ("code", "in", list(wanted["code"]))],
                    ["code"],
                )
            )
            refs["taken"] = {o.code: o.id for o in taken}
            existing = existing.with_context(active_test=False).search([("id", "in", taken.ids)])
        else:
            refs["taken"] = {}
        refs["existing"] = {o.code: o for o in existing}
        if "pipelines" not in refs:
            refs.update(self._pipelines())
        return refs

    def _pipelines(self):
        if not hasattr(self, "_pipeline_refs"):
            pipelines = self.env["opportunity.pipeline"].search(
                [("company_id", "in", [False, self.company.id])]
            )
            by_key = {}
            for pipeline in pipelines:
                for key in {pipeline.code, pipeline.name, pipeline.with_context(lang="en_US").name}:
                    if key:
                        by_key.setdefault(key.casefold(), pipeline)
            stages = {}
            for stage in pipelines.stage_ids:
                for name in {stage.name, stage.with_context(lang="en_US").name}:
                    stages.setdefault((stage.pipeline_id.id, name.casefold()), stage)
            self._pipeline_refs = {"pipelines": by_key, "stages": stages}
        return self._pipeline_refs

    @staticmethod
    def _index(records, keys):
        """{(field, value): records} for matching by the first field that finds something."""
        index = {}
        for record in records:
            for field, lower in keys:
                value = record[field]
                if value:
                    value = value.lower() if lower else value
                    index.setdefault((field, value), []).append(record)
        return {"keys": keys, "index": index}

    def _match(self, ref, value):
        for field, lower in ref["keys"]:
            found = ref["index"].get((field, value.lower() if lower else value))
            if found:
                return found
        return []

    # -- conversion of one record --------------------------------------

    @staticmethod
    def _text(value):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, datetime.datetime):
            return value.strftime("%Y-%m-%d")
        return str(value).strip()

    def _number(self, record, row, key, value, minimum=0.0, maximum=None):
        _ = self.env._
        number = None
        if isinstance(value, bool):
            number = None
        elif isinstance(value, (int, float)):
            number = float(value)
        else:
            text = str(value).strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
            sep, dec = self.thousands_sep, self.decimal_point
            if sep and re.fullmatch(
                r"-?\d{1,3}(%s\d{3})+(%s\d+)?" % (re.escape(sep), re.escape(dec)), text
            ):
                text = text.replace(sep, "")
            if dec != ".":
                text = text.replace(dec, ".")
            try:
                number = float(text)
            except ValueError:
                number = None
        if number is None or not math.isfinite(number):
            self._error(record, row, key, _('"%(value)s" is not a number.', value=value))
            return None
        if minimum is not None and number < minimum:
            self._error(
                record,
                row,
                key,
                _("%(value)s is negative: the value must be 0 or more.", value=value)
                if minimum == 0
                else _("%(value)s is below %(minimum)s.", value=value, minimum=minimum),
            )
            return None
        if maximum is not None and number > maximum:
            self._error(
                record,
                row,
                key,
                _("%(value)s is above %(maximum)s.", value=value, maximum=maximum),
            )
            return None
        return number

    def _date(self, record, row, value):
        _ = self.env._
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                converted = from_excel(value)
            except (ValueError, OverflowError, TypeError):
                converted = None
            # a number below 1 is a time of day, not a date
            if isinstance(converted, datetime.datetime):
                return converted.date()
        else:
            text = str(value).strip()
            for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
                try:
                    return datetime.datetime.strptime(text, pattern).date()
                except ValueError:
                    continue
        self._error(
            record,
            row,
            "date_deadline",
            _(
                '"%(value)s" is not a date: use an Excel date, dd/mm/yyyy or yyyy-mm-dd.',
                value=value,
            ),
        )
        return None

    def _one(self, record, row, key, ref, value, what):
        _ = self.env._
        found = self._match(ref, value)
        if len(found) == 1:
            return found[0]
        if not found:
            self._error(
                record, row, key, _('Unknown %(what)s "%(value)s".', what=what, value=value)
            )
        else:
            self._error(
                record,
                row,
                key,
                _(
                    'Several %(what)s match "%(value)s": use a reference or an email.',
                    what=what,
                    value=value,
                ),
            )
        return None

    def _prepare_vals(self, record, refs):
        _ = self.env._
        cells, row = record["cells"], record["row"]
        vals = {}
        code = self._text(cells["code"]) if "code" in cells else ""
        existing = None
        if code:
            if code in self.seen_codes:
                self._error(
                    record,
                    row,
                    "code",
                    _(
                        "The code %(code)s is already used on row %(other)s of this file.",
                        code=code,
                        other=self.seen_codes[code],
                    ),
                )
            else:
                self.seen_codes[code] = row
            if code in refs["taken"]:
                existing = refs["existing"].get(code)
                if not self.wizard.update_existing:
                    self._error(
                        record,
                        row,
                        "code",
                        _(
                            'An opportunity with the code %(code)s already exists: turn on "Update '
                            'existing opportunities by code" to update it.',
                            code=code,
                        ),
                    )
                elif not existing:
                    self._error(
                        record,
                        row,
                        "code",
                        _("The opportunity %(code)s exists but you may not change it.", code=code),
                    )
            elif not self.company.opportunity_code_editable:
                self._error(
                    record,
                    row,
                    "code",
                    self.Opportunity._code_not_editable_message(
                        self.company, self._text(cells.get("name", ""))
                    ),
                )
            else:
                vals["code"] = code
        record["existing"] = existing if existing and self.wizard.update_existing else None
        existing = record["existing"]

        name = self._text(cells["name"]) if "name" in cells else ""
        if name:
            if len(name) > NAME_MAX_LENGTH:
                self._error(
                    record,
                    row,
                    "name",
                    _(
                        "The name is %(length)s characters long; at most %(max)s are allowed.",
                        length=len(name),
                        max=NAME_MAX_LENGTH,
                    ),
                )
            vals["name"] = name
        elif not existing:
            self._error(record, row, "name", _("The opportunity name is required."))

        if "partner" in cells:
            value = self._text(cells["partner"])
            found = self._match(refs["partner"], value)
            if len(found) == 1:
                vals["partner_id"] = found[0].id
            elif found:
                self._error(
                    record,
                    row,
                    "partner",
                    _(
                        'Several contacts match "%(value)s": use a reference or an email.',
                        value=value,
                    ),
                )
            elif self.wizard.create_partners and self.can_create_partners:
                vals["partner_id"] = self._create_partner(value).id
            elif self.wizard.create_partners:
                self._error(
                    record,
                    row,
                    "partner",
                    _(
                        'Unknown contact "%(value)s" (you are not allowed to create contacts).',
                        value=value,
                    ),
                )
            else:
                self._error(
                    record,
                    row,
                    "partner",
                    _(
                        'Unknown contact "%(value)s" (searched by reference, email and exact '
                        'name). Create it first or tick "Create missing contacts".',
                        value=value,
                    ),
                )
        elif not existing:
            self._error(record, row, "partner", _("The contact is required."))

        pipelines = refs["pipelines"]
        pipeline = None
        if "pipeline" in cells:
            value = self._text(cells["pipeline"])
            pipeline = pipelines.get(value.casefold())
            if pipeline:
                vals["pipeline_id"] = pipeline.id
            else:
                self._error(
                    record, row, "pipeline", _('Unknown sales process "%(value)s".', value=value)
                )
        elif existing:
            pipeline = existing.pipeline_id
        else:
            pipeline = self._default_pipeline()
        if "stage" in cells and pipeline is not None:
            value = self._text(cells["stage"])
            stage = refs["stages"].get((pipeline.id, value.casefold()))
            if stage:
                vals["stage_id"] = stage.id
            else:
                other = [s for (p, n), s in refs["stages"].items() if n == value.casefold()]
                if other:
                    message = _(
                        'The stage "%(stage)s" belongs to the sales process %(other)s, not to '
                        "%(pipeline)s.",
                        stage=value,
                        other=other[0].pipeline_id.name,
                        pipeline=pipeline.name,
                    )
                else:
                    message = _(
                        'Unknown stage "%(stage)s" in the sales process %(pipeline)s.',
                        stage=value,
                        pipeline=pipeline.name,
                    )
                self._error(record, row, "stage", message)

        if "amount" in cells:
            amount = self._number(record, row, "amount", cells["amount"])
            if amount is not None:
                vals["amount"] = amount
        if "probability" in cells:
            rate = self._number(record, row, "probability", cells["probability"], maximum=100)
            if rate is not None:
                vals["probability"] = rate
        if "date_deadline" in cells:
            date = self._date(record, row, cells["date_deadline"])
            if date:
                vals["date_deadline"] = date
        if "user" in cells:
            user = self._one(
                record, row, "user", refs["user"], self._text(cells["user"]), _("user")
            )
            if user:
                vals["user_id"] = user.id
        if "collaborators" in cells:
            users = []
            for value in self._split(cells["collaborators"]):
                user = self._one(record, row, "collaborators", refs["user"], value, _("user"))
                if user:
                    users.append(user.id)
            vals["collaborator_ids"] = [Command.set(users)]
        if "labels" in cells:
            label_ids = []
            for value in self._split(cells["labels"]):
                label = self._label_cache.get(value.casefold())
                if not label:
                    if self.wizard.create_labels and self.can_create_labels:
                        label = self.env["opportunity.label"].create({"name": value})
                        self._label_cache[value.casefold()] = label
                    else:
                        self._error(
                            record,
                            row,
                            "labels",
                            _('Unknown label "%(value)s".', value=value)
                            if self.can_create_labels
                            else _(
                                'Unknown label "%(value)s" (only administrators may create '
                                "labels).",
                                value=value,
                            ),
                        )
                        continue
                label_ids.append(label.id)
            vals["label_ids"] = [Command.set(label_ids)]
        if "priority" in cells:
            priority = self._number(record, row, "priority", cells["priority"], maximum=3)
            if priority is not None:
                vals["priority"] = str(int(priority))
        if "description" in cells:
            vals["description"] = plaintext2html(self._text(cells["description"]))

        lines = []
        for line_row, line_cells in record["lines"]:
            if "product" not in line_cells:
                self._error(
                    record,
                    line_row,
                    "product",
                    _("A product line needs a product."),
                )
                continue
            value = self._text(line_cells["product"])
            product = self._one(record, line_row, "product", refs["product"], value, _("product"))
            line = {"product_id": product and product.id}
            if "quantity" in line_cells:
                line["quantity"] = self._number(
                    record, line_row, "quantity", line_cells["quantity"]
                )
            if "price_unit" in line_cells:
                line["price_unit"] = self._number(
                    record, line_row, "price_unit", line_cells["price_unit"]
                )
            lines.append(line)
        if lines:
            vals.pop("amount", None)  # the lines make the value
        if existing:
            return self._changes(existing, vals, lines)
        if lines:
            vals["line_ids"] = [Command.create(line) for line in lines]
        return vals

    def _default_pipeline(self):
        if self.default_pipeline is None:
            self.default_pipeline = self.Opportunity._get_preferred_pipeline()
        return self.default_pipeline

    def _create_partner(self, value):
        partner = self._created_partners.get(value)
        if not partner:
            partner_vals = {"name": value}
            if "@" in value:
                partner_vals["email"] = value
            partner = self.env["res.partner"].create(partner_vals)
            self._created_partners[value] = partner
        return partner

    def _changes(self, opportunity, vals, lines):
        """Only what differs from ``opportunity``: an unchanged row writes nothing."""
        changes = {}
        for field, value in vals.items():
            current = opportunity[field]
            if field in ("collaborator_ids", "label_ids"):
                if set(value[0][2]) != set(current.ids):
                    changes[field] = value
            elif field == "description":
                if html2plaintext(value or "") != html2plaintext(current or ""):
                    changes[field] = value
            elif field in ("partner_id", "pipeline_id", "stage_id", "user_id"):
                if value != current.id:
                    changes[field] = value
            elif field in ("amount", "probability"):
                if opportunity.line_ids and field == "amount":
                    continue
                if round(value - (current or 0.0), 6):
                    changes[field] = value
            elif value != current:
                changes[field] = value
        if lines:
            current_lines = [
                (line.product_id.id, line.quantity, line.price_unit)
                for line in opportunity.line_ids
            ]
            new_lines = [
                (line["product_id"], line.get("quantity", 1.0), line.get("price_unit"))
                for line in lines
            ]
            same = len(current_lines) == len(new_lines) and all(
                a[0] == b[0] and a[1] == b[1] and (b[2] is None or a[2] == b[2])
                for a, b in zip(current_lines, new_lines, strict=True)
            )
            if not same:
                changes["line_ids"] = [Command.clear()] + [Command.create(line) for line in lines]
                changes.pop("amount", None)
        return changes

    # -- history --------------------------------------------------------

    def write_history(self, duration):
        wizard = self.wizard
        if self.dry_run:
            state = "failed" if self.errors else "done"
        elif self.rolled_back:
            state = "failed"
        elif self.errors:
            state = "partial" if (self.created or self.updated) else "failed"
        else:
            state = "done"
        kept = not self.rolled_back
        options = {
            "create_partners": wizard.create_partners,
            "create_labels": wizard.create_labels,
            "update_existing": wizard.update_existing,
            "import_valid_rows": wizard.import_valid_rows,
        }
        # counts of a dry run tell what an import would do
        return self.env["opportunity.import.history"]._create_with_file(
            {
                "file_name": wizard.file_name,
                "mode": "test" if self.dry_run else "import",
                "date": self.env.cr.now(),
                "options": json.dumps(options),
                "row_count": self.row_count,
                "created_count": len(self.created) if (kept or self.dry_run) else 0,
                "updated_count": len(self.updated) if (kept or self.dry_run) else 0,
                "rejected_count": self.rejected_rows,
                "duration": duration,
                "state": state,
                "header": self.header,
                "error_ids": [Command.create(error) for error in self.errors],
                "created_opportunity_ids": [Command.set(self.created.ids if kept else [])],
                "updated_opportunity_ids": [Command.set(self.updated.ids if kept else [])],
            },
            base64.b64decode(wizard.file or b""),
        )
