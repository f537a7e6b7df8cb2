# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The import history: one record per test or import (``opportunity.import.history``), written
by ``importer/history.py`` from the run's outcome, with its error lines
(``opportunity.import.history.line``), the undo and the errors file."""

import json

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.importer import columns as import_columns
from ..tools.xlsx_writer import SafeWorkbook

MIMETYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xls": "application/vnd.ms-excel",
    "csv": "text/csv",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


class OpportunityImportHistory(models.Model):
    _name = "opportunity.import.history"
    _description = "Opportunity Import History"
    _order = "id desc"
    _rec_name = "file_name"
    _check_company_auto = True

    file_name = fields.Char(string="File", readonly=True)
    file = fields.Binary(string="Imported File", attachment=True, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Imported by",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.user,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        readonly=True,
        index=True,
        default=lambda self: self.env.company,
    )
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    source = fields.Selection(
        [("wizard", "Import wizard"), ("base_import", "Standard import")],
        required=True,
        readonly=True,
        default="wizard",
    )
    mode = fields.Selection(
        [("test", "Test (dry run)"), ("import", "Import")],
        required=True,
        readonly=True,
        default="import",
    )
    options = fields.Text(string="Options (technical)", readonly=True)
    options_text = fields.Text(string="Options", compute="_compute_options_text")
    row_count = fields.Integer(string="Rows Read", readonly=True)
    created_count = fields.Integer(string="Created", readonly=True)
    updated_count = fields.Integer(string="Updated", readonly=True)
    rejected_count = fields.Integer(string="Rejected Rows", readonly=True)
    duration = fields.Float(string="Duration (s)", digits=(16, 2), readonly=True)
    state = fields.Selection(
        [("done", "Done"), ("partial", "Partial"), ("failed", "Failed"), ("undone", "Undone")],
        string="Status",
        required=True,
        readonly=True,
        default="done",
    )
    header = fields.Json(readonly=True, help="Technical: the header row of the file.")
    column_notes = fields.Json(
        readonly=True, help="Technical: [header, column key, how it was matched] per column."
    )
    column_notes_text = fields.Text(string="Columns Read", compute="_compute_column_notes_text")
    error_ids = fields.One2many(
        "opportunity.import.history.line", "history_id", string="Errors", readonly=True
    )
    error_count = fields.Integer(compute="_compute_error_count")
    created_opportunity_ids = fields.Many2many(
        "opportunity.opportunity",
        "opportunity_import_history_created_rel",
        "history_id",
        "opportunity_id",
        string="Created Opportunities",
        readonly=True,
    )
    updated_opportunity_ids = fields.Many2many(
        "opportunity.opportunity",
        "opportunity_import_history_updated_rel",
        "history_id",
        "opportunity_id",
        string="Updated Opportunities",
        readonly=True,
    )
    undo_note = fields.Text(readonly=True)

    @api.depends("options")
    def _compute_options_text(self):
        """The options of the run as the wizard showed them, not as JSON."""
        wizard_fields = self.env["opportunity.import.wizard"]._fields
        for history in self:
            try:
                options = json.loads(history.options or "{}")
            except ValueError:
                options = {}
            lines = []
            for name, value in options.items():
                field = wizard_fields.get(name)
                if field:
                    answer = self.env._("yes") if value else self.env._("no")
                    lines.append(f"{field._description_string(self.env)}: {answer}")
            history.options_text = "\n".join(lines)

    @api.depends("column_notes")
    def _compute_column_notes_text(self):
        """Which header of the file was read as which column, and how."""
        _ = self.env._
        hows = {
            "exact": _("as written"),
            "accents": _("accents and case ignored"),
            "chosen": _("chosen by you"),
            "remembered": _("as you chose in an earlier import"),
        }
        vietnamese = (self.env.lang or "").startswith("vi")
        for history in self:
            lines = [
                _(
                    "%(header)s: %(column)s (%(how)s)",
                    header=header,
                    column=import_columns.column_name(key, vietnamese)
                    if key
                    else _("not imported"),
                    how=hows[how],
                )
                for header, key, how in history.column_notes or []
                if how in hows and (key is None or key in import_columns.BY_KEY)
            ]
            history.column_notes_text = "\n".join(lines) or False

    @api.depends("error_ids")
    def _compute_error_count(self):
        for history in self:
            history.error_count = len(history.error_ids)

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_download_errors(self):
        """An .xlsx of the rejected rows, as they were in the file, with an error column (built
        and streamed by controllers/download.py)."""
        self.ensure_one()
        if not self.error_ids:
            raise UserError(self.env._("This import has no errors to download."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/opportunity_pipeline/import/{self.id}/errors",
            "target": "download",
        }

    def _errors_file_name(self):
        return (self.file_name or "import").rsplit(".", 1)[0] + "_errors.xlsx"

    def action_undo(self):
        """Delete the opportunities this import created, if nobody changed them since."""
        self.ensure_one()
        if self.mode != "import" or self.state not in ("done", "partial"):
            raise UserError(self.env._("Only a finished import can be undone."))
        created = self.created_opportunity_ids.exists()
        changed = created.filtered(lambda o: o.write_date and o.write_date > self.date)
        if changed:
            raise UserError(
                self.env._(
                    "This import cannot be undone: these opportunities were changed after the "
                    "import: %(names)s. Delete them by hand or keep the import.",
                    names=", ".join(changed.mapped("display_name")),
                )
            )
        count = len(created)
        created.unlink()
        note = self.env._("%(count)s created opportunities deleted.", count=count)
        if self.updated_count:
            note += " " + self.env._(
                "%(count)s updated opportunities were not restored: their previous values "
                "are in their chatter.",
                count=self.updated_count,
            )
        # sudo: the history is an audit trail that users cannot write; its own undo action,
        # run by a user allowed to read it who has just deleted the records, marks it undone.
        self.sudo().write({"state": "undone", "undo_note": note})
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("Import undone"),
                "message": note,
                "sticky": bool(self.updated_count),
                "type": "success",
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_open_opportunities(self):
        self.ensure_one()
        opportunities = self.created_opportunity_ids | self.updated_opportunity_ids
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Imported Opportunities"),
            "res_model": "opportunity.opportunity",
            "view_mode": "list,form",
            "domain": [("id", "in", opportunities.ids)],
        }

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    @api.model
    def _create_with_file(self, vals, content):
        """Create a history entry and attach ``content`` (raw bytes) as its file.

        The attachment is written with its mimetype taken from the extension: a damaged file
        (one reason to look at the history) would make the mimetype guesser log warnings.
        """
        # sudo: users cannot write the audit trail by RPC (no create/write access); the run they
        # just made is recorded here, as theirs, in their current company.
        vals = dict(
            vals,
            user_id=self.env.uid,
            company_id=vals.get("company_id") or self.env.company.id,
        )
        history = self.sudo().create(vals)
        if content:
            extension = (vals.get("file_name") or "").rsplit(".", 1)[-1].lower()
            self.env["ir.attachment"].sudo().create(
                {
                    "name": vals.get("file_name") or "import",
                    "res_model": self._name,
                    "res_id": history.id,
                    "res_field": "file",
                    "raw": content,
                    "mimetype": MIMETYPES.get(extension, "application/octet-stream"),
                }
            )
            history.invalidate_recordset(["file"])
        return history.sudo(False)

    def _errors_xlsx(self):
        """The rejected rows as the file had them (text stays text: see tools/xlsx_writer)."""
        self.ensure_one()
        by_row = {}
        for line in self.error_ids:
            entry = by_row.setdefault(line.row or 0, {"values": line.row_values, "messages": []})
            entry["values"] = entry["values"] or line.row_values
            label = f"{line.column}: {line.message}" if line.column else line.message
            entry["messages"].append(label)
        header = list(self.header or [])
        with SafeWorkbook() as book:
            sheet = book.add_sheet(self.env._("Rejected rows"))
            book.write_row(sheet, 0, [*header, self.env._("Error")], book.bold)
            out_row = 1
            for row in sorted(by_row):
                entry = by_row[row]
                for values in entry["values"] or [[]]:
                    cells = list(values) + [""] * (len(header) - len(values))
                    book.write_row(
                        sheet, out_row, [*cells[: len(header)], "; ".join(entry["messages"])]
                    )
                    out_row += 1
        return book.getvalue()


class OpportunityImportHistoryLine(models.Model):
    _name = "opportunity.import.history.line"
    _description = "Opportunity Import Error"
    _order = "history_id, row, id"

    history_id = fields.Many2one(
        "opportunity.import.history", required=True, index=True, ondelete="cascade"
    )
    row = fields.Integer(help="Row number in the sheet (the header is row 1).")
    column = fields.Char()
    message = fields.Text(required=True)
    row_values = fields.Json(
        help="Technical: the cells of the rejected row(s), for the errors file."
    )
