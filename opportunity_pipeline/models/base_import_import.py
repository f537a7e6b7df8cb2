# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's standard import (Favorites > Import records) of opportunities, recorded in the
import history as the addon's own import is; its test runs draw no code numbers."""

import time

from odoo import Command, models


class BaseImportImport(models.TransientModel):
    _inherit = "base_import.import"

    def execute_import(self, fields, columns, options, dryrun=False):
        """Odoo's standard import of opportunities is recorded in the import history too.

        ``super()`` rolls back its own savepoint on errors (and on a dry run) and returns
        normally, so the history written after it survives.
        """
        start = time.monotonic()
        importer = self
        if dryrun and self.res_model == "opportunity.opportunity":
            # a test run must not use up code numbers (sequences ignore the rollback)
            importer = self.with_context(opportunity_preview_codes={})
        result = super(BaseImportImport, importer).execute_import(
            fields, columns, options, dryrun=dryrun
        )
        # Only one's own upload is recorded (base_import records have no owner rule: recording
        # another user's would copy their file into this user's history).
        if (
            self.res_model == "opportunity.opportunity"
            and self.create_uid == self.env.user
            and self.env["opportunity.opportunity"].has_access("create")
        ):
            if dryrun:
                # super() rolled the database back but not the ORM cache (e.g. a counter
                # sequence created lazily during the test would still be referenced)
                self.env.invalidate_all(flush=False)
            self._opportunity_record_history(
                result, columns, options, dryrun, time.monotonic() - start
            )
        return result

    def _opportunity_record_history(self, result, columns, options, dryrun, duration):
        Opportunity = self.env["opportunity.opportunity"]
        messages = result.get("messages") or []
        errors = [m for m in messages if m.get("type") == "error"]
        ids = result.get("ids") or []
        opportunities = Opportunity.browse(ids if not dryrun and not errors else [])
        now = self.env.cr.now()
        created = opportunities.filtered(lambda o: o.create_date == now)
        updated = opportunities - created
        error_vals = self._opportunity_history_error_vals(messages, options)
        rejected_rows = {e["row"] for e in error_vals if e["row"]}
        row_count = len(result.get("name") or []) or len(ids) or len(rejected_rows)
        state = "failed" if errors else "done"
        self.env["opportunity.import.history"]._create_with_file(
            {
                "file_name": self.file_name,
                "source": "base_import",
                "mode": "test" if dryrun else "import",
                "date": now,
                "row_count": row_count,
                "created_count": len(created),
                "updated_count": len(updated),
                "rejected_count": len(rejected_rows),
                "duration": duration,
                "state": state,
                "header": [c or "" for c in columns],
                "error_ids": [Command.create(vals) for vals in error_vals],
                "created_opportunity_ids": [Command.set(created.ids)],
                "updated_opportunity_ids": [Command.set(updated.ids)],
            },
            self.file,
        )

    def _opportunity_history_error_vals(self, messages, options):
        """The history's error lines of ``execute_import``'s messages, each on the row of the
        file it names (Odoo counts from the first row read, after the skipped and header rows)."""
        skip = options.get("skip") or 0
        header_rows = 1 if options.get("has_headers") else 0
        error_vals = []
        for message in messages:
            rows = message.get("rows") or {}
            row = rows.get("from")
            error_vals.append(
                {
                    "row": row + 1 + skip + header_rows if isinstance(row, int) else 0,
                    "column": message.get("field_name") or message.get("field") or "",
                    "message": message.get("message") or "",
                }
            )
        return error_vals
