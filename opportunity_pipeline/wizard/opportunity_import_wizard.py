"""Import opportunities from .xlsx, .xls, .ods or .csv, with a dry run, row-precise errors and
a history.

Layout of a file (the template and the export write the same):

* row 1 holds the headers: English or Vietnamese labels of ``tools/import_columns.COLUMNS``, in
  any order;
* one row per opportunity; its product lines go in the Product / Quantity / Unit Price columns.
  An opportunity with several lines takes one row per extra line *below it*, where the
  code, name and contact cells are empty (Odoo's own convention for one2many lines).

The pieces: ``tools/import_readers`` reads the file (streamed, size-guarded), ``tools/import_parse``
turns cells into values and rows into records, :mod:`.opportunity_import_run` resolves and writes
them in batches. This wizard holds the options and the outer savepoint: a dry run (or an
all-or-nothing import with errors) rolls it back, so constraints are checked for real and nothing
is left behind; the history record is written after that rollback.
"""

import base64
import logging
import time

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import import_readers, upload_guard
from . import opportunity_import_messages as messages
from .opportunity_import_run import ImportFileError, ImportRun

_logger = logging.getLogger(__name__)

DEFAULT_MAX_ROWS = 20000
MAX_ROWS_PARAM = messages.MAX_ROWS_PARAM


class OpportunityImportWizard(models.TransientModel):
    _name = "opportunity.import.wizard"
    _description = "Import Opportunities"

    file = fields.Binary(attachment=False)
    file_name = fields.Char()
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
    notify_responsibles = fields.Boolean(
        string="Notify responsibles",
        default=True,
        help="Each responsible gets one message listing the opportunities assigned to them by "
        "this import.",
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
        return self.env["opportunity.export"].action_download_template()

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
        if not self.env["opportunity.opportunity"].has_access("create"):
            raise UserError(
                self.env._(
                    "You are not allowed to create opportunities: ask an administrator for "
                    "access to Opportunities."
                )
            )
        start = time.monotonic()
        run = ImportRun(self, dry_run)
        outer = self.env.cr.savepoint(flush=True)
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
                else:
                    run.notify()
        finally:
            if run.rolled_back:
                # the ORM cache may hold records that no longer exist
                self.env.invalidate_all()
        return run.write_history(duration=time.monotonic() - start)

    def _file_content(self):
        return base64.b64decode(self.file or b"")

    def _read_rows(self):
        """``(row_number, cells)`` of the first sheet, header included; a file that cannot be
        read raises :class:`ImportFileError` with a translated message."""
        name, data = self.file_name or "", self._file_content()
        limits = upload_guard.Limits(self._max_rows())
        try:
            # A first pass reads the whole file without keeping anything: a file above the row
            # limit, or damaged halfway, is refused before a single row is written.
            for __ in import_readers.read_rows(data, name, limits):
                pass
            yield from import_readers.read_rows(data, name, limits)
        except import_readers.ReadError as error:
            # read_rows turns whatever a broken or hostile file makes a parser raise into a
            # ReadError ("damaged" at worst): the user gets a message, never a traceback
            raise ImportFileError(messages.file_message(self.env, error, name)) from None
        except MemoryError:
            # the one error read_rows lets through: still a refused file, not a traceback
            _logger.info("Import: %s exhausted memory while read", name)
            raise ImportFileError(messages.damaged_message(self.env, name)) from None

    def _max_rows(self):
        # sudo: reading one technical setting; users may not read ir.config_parameter.
        value = self.env["ir.config_parameter"].sudo().get_param(MAX_ROWS_PARAM)
        try:
            return int(value) if value else DEFAULT_MAX_ROWS
        except ValueError:
            return DEFAULT_MAX_ROWS
