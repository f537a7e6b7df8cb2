# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Import opportunities from .xlsx, .xls, .ods or .csv, with a dry run, row-precise errors and
a history.

Layout of a file (the template and the export write the same):

* row 1 holds the headers: English or Vietnamese labels of ``tools/importer/columns.COLUMNS``
  (1Office's field names too), in any order. A file with other names stops at the *mapping
  step*: the wizard lists every column of the file with the field it goes to (its guess
  pre-selected, see ``tools/importer/mapping``), the user confirms or changes it, and their
  choice for a name of their own is remembered (``opportunity.import.mapping``) for their next
  file;
* one row per opportunity; its product lines go in the Product / Quantity / Unit Price columns.
  An opportunity with several lines takes one row per extra line *below it*, where the
  code, name and contact cells are empty (Odoo's own convention for one2many lines).

This wizard holds the user's choices and the mapping step; a test or an import is run by
``importer/run.py`` (see the package ``importer``: options, read, header, prepare, run, history),
from the options the wizard hands it once (:meth:`ImportOptions.from_wizard`): nothing there
reads the wizard back.
"""

from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..importer import messages
from ..importer.options import ImportOptions
from ..importer.read import file_header
from ..importer.run import ImportRun
from ..tools.importer import mapping as import_mapping
from ..tools.importer.columns import column_letter, match_header

#: Characters of a column's first value shown in the mapping step.
SAMPLE_CHARS = 60


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
    launch_stage_plans = fields.Boolean(
        string="Launch the stages' activity plans",
        default=True,
        help="Off: the opportunities are imported without the activities their stage plans.",
    )
    history_id = fields.Many2one("opportunity.import.history", string="Last Run", readonly=True)
    # related fields read as the user (not as superuser): a wizard pointed at someone else's
    # history shows nothing of it
    history_state = fields.Selection(related="history_id.state", compute_sudo=False)
    history_mode = fields.Selection(related="history_id.mode", compute_sudo=False)
    history_error_ids = fields.One2many(
        related="history_id.error_ids", string="Problems", compute_sudo=False
    )
    column_ids = fields.One2many(
        "opportunity.import.wizard.column",
        "wizard_id",
        string="Columns",
        help="Where each column of the file goes; shown when the file has column names the "
        "import does not know.",
    )
    summary = fields.Text(compute="_compute_summary")
    # a default, not a compute: the web client's first onchange of the dialog leaves a compute
    # without dependencies empty, which hid the option until the first Test
    can_create_labels = fields.Boolean(default=lambda self: self._default_can_create_labels())

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

    @api.model
    def _default_can_create_labels(self):
        return self.env["opportunity.label"].has_access("create")

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_test(self):
        self.ensure_one()
        self._check_file_chosen()
        if self._mapping_needed():
            return self._reopen()
        self.history_id = self._run(dry_run=True)
        return self._reopen()

    def action_import(self):
        self.ensure_one()
        self._check_file_chosen()
        if self._mapping_needed():
            return self._reopen()
        history = self._run(dry_run=False)
        self.history_id = history
        if history.state == "failed":
            return self._reopen()
        self._remember_columns()
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

    def action_map_columns(self):
        """Show where each column of the file goes, to check or change it before the run."""
        self.ensure_one()
        self._check_file_chosen()
        header, sample = self._file_header()
        if header is None:
            # the file cannot be read: a test run says why, as the Test button would
            self.history_id = self._run(dry_run=True)
        elif not self.column_ids or not self._columns_fit(header):
            self._show_columns(self._plan_columns(header), sample)
        return self._reopen()

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
    # The mapping step
    # ------------------------------------------------------------

    def _mapping_needed(self):
        """Whether the user must map the file's columns first: then the mapping step is shown
        and nothing runs. A mapping shown earlier is checked (a clear error for two columns
        sent to one field, or a required field that no column fills)."""
        header, sample = self._file_header()
        if header is None:
            return False  # the run says what is wrong with the file
        if self.column_ids and self._columns_fit(header):
            self._check_columns()
            return False
        planned = self._plan_columns(header)
        if not import_mapping.needs_mapping(planned):
            self.column_ids = [Command.clear()]
            return False
        self._show_columns(planned, sample)
        return True

    def _plan_columns(self, header):
        remembered = self.env["opportunity.import.mapping"]._remembered()
        return import_mapping.plan_columns(header, remembered)

    def _show_columns(self, planned, sample):
        commands = [Command.clear()]
        for column in planned:
            value = sample[column.index] if column.index < len(sample) else None
            commands.append(
                Command.create(
                    {
                        "sequence": column.index,
                        "column_letter": column_letter(column.index),
                        "header": column.header,
                        "sample": "" if value is None else str(value)[:SAMPLE_CHARS],
                        "column_key": column.key or "skip",
                        "proposed_key": column.key or "skip",
                        "match": column.how,
                    }
                )
            )
        self.write({"column_ids": commands, "history_id": False})

    def _columns_fit(self, header):
        """Whether the mapping shown is the one of this header row (not of another file)."""
        shown = [(column.sequence, column.header) for column in self.column_ids]
        return import_mapping.fits(shown, header)

    def _check_columns(self):
        optional = ("partner",) if self.update_existing else ()
        entries = [column._mapping_entry()[:3] for column in self.column_ids]
        problems = import_mapping.check_mapping(entries, optional)
        if problems:
            labels = dict(self.column_ids._fields["column_key"]._description_selection(self.env))
            raise UserError(
                "\n".join(messages.mapping_message(self.env, p, labels.get) for p in problems)
            )

    def _remember_columns(self):
        """After an import, the user's choice for each column name of their own (not ours:
        those always mean their column) is remembered for their next file."""
        choices = {
            column.header: column.column_key
            for column in self.column_ids
            if match_header(column.header)[0] is None
        }
        self.env["opportunity.import.mapping"]._remember(choices)

    def _file_header(self):
        """``(header cells, first data cells)`` of the file; ``(None, None)`` when it cannot be
        read (the run then reports why)."""
        return file_header(ImportOptions.from_wizard(self))

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
        return ImportRun(self.env, ImportOptions.from_wizard(self), dry_run).execute()
