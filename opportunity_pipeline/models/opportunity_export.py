"""The Excel files the app hands out: the import template and the export (same layout).

Downloads are served by ``controllers/download.py``, which builds the bytes on request and
streams them: no ``ir.attachment`` is left behind. An export remembers what to export (the
selection or the list's filter) in a transient record, so that the download link carries only
its id; Odoo's transient vacuum removes it.
"""

import datetime

from odoo import api, fields, models

from ..tools import import_columns
from ..tools.import_columns import COLUMN_KEYS
from ..tools.xlsx_writer import SafeWorkbook


class OpportunityExport(models.TransientModel):
    _name = "opportunity.export"
    _description = "Opportunity Excel Export"

    domain = fields.Json(help="Technical: the opportunities to export.")
    company_ids = fields.Json(help="Technical: the companies the user worked in.")

    @api.model
    def action_download_template(self):
        return {
            "type": "ir.actions.act_url",
            "url": "/opportunity_pipeline/import/template",
            "target": "download",
        }

    @api.model
    def _action_export(self, opportunities=None):
        """Export of the list: the selection, or everything the current filter shows."""
        if opportunities:
            domain = [("id", "in", opportunities.ids)]
        else:
            domain = self.env.context.get("active_domain") or []
        export = self.create({"domain": domain, "company_ids": self.env.companies.ids})
        return {
            "type": "ir.actions.act_url",
            "url": f"/opportunity_pipeline/export/{export.id}",
            "target": "download",
        }

    def _opportunities(self):
        self.ensure_one()
        companies = set(self.company_ids or []) & set(self.env.user.company_ids.ids)
        Opportunity = self.env["opportunity.opportunity"]
        if companies:
            Opportunity = Opportunity.with_context(allowed_company_ids=sorted(companies))
        return Opportunity.search(self.domain or [])

    @api.model
    def _column_headers(self):
        return import_columns.headers(vietnamese=(self.env.lang or "").startswith("vi"))

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
            "probability": _(
                "From 0 to 100, or a cell formatted as a percentage. Empty: the stage's rate."
            ),
            "date_deadline": _("A date cell, or text as dd/mm/yyyy or yyyy-mm-dd."),
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
            "description": opportunity._html_text(opportunity.description),
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
