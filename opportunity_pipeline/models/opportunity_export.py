# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Excel files the app hands out: the import template and the export (same layout).

Downloads are served by ``controllers/download.py``, which builds the bytes on request and
streams them: no ``ir.attachment`` is left behind. An export remembers what to export (the
selection or the list's filter) in a transient record, so that the download link carries only
its id; Odoo's transient vacuum removes it.
"""

import datetime
from collections import defaultdict

from odoo import api, fields, models

from ..tools.importer import columns as import_columns
from ..tools.importer.columns import COLUMN_KEYS
from ..tools.xlsx_writer import SafeWorkbook

#: Column widths of the template and the export (characters), by column key.
COLUMN_WIDTHS = {
    "code": 14,
    "name": 40,
    "partner": 30,
    "pipeline": 20,
    "stage": 18,
    "amount": 16,
    "probability": 12,
    "date_deadline": 14,
    "user": 22,
    "collaborators": 30,
    "labels": 20,
    "priority": 10,
    "description": 60,
    "product": 24,
    "quantity": 10,
    "price_unit": 16,
}


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
            "user": self._user_labels(self.env.user)[self.env.uid],
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
            self._layout_sheet(book, sheet, headers)
            book.write_row(sheet, 1, [sample.get(key) for key in COLUMN_KEYS])
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
        if not partner:
            return self.env._("Example Company")
        return self._partner_labels(partner)[partner.id]

    @api.model
    def _export_row(self, opportunity, labels):
        """The cells of ``opportunity`` (its product lines aside), by column key.

        Contacts, processes and users are named as people know them, as long as the import
        finds that one record by its name (``labels``: see ``_export_labels``)."""
        return {
            "code": opportunity.code,
            "name": opportunity.name,
            "partner": labels["partner"].get(opportunity.partner_id.id),
            "pipeline": labels["pipeline"].get(opportunity.pipeline_id.id),
            "stage": opportunity.stage_id.name,
            "amount": opportunity.amount,
            "probability": opportunity.probability / 100,  # shown as a percent
            "date_deadline": opportunity.date_deadline,
            "user": labels["user"].get(opportunity.user_id.id),
            "collaborators": ", ".join(
                labels["user"][user.id] for user in opportunity.collaborator_ids
            ),
            "labels": ", ".join(opportunity.label_ids.mapped("name")),
            "priority": int(opportunity.priority or 0),
            "description": opportunity.description_text,
        }

    @api.model
    def _export_xlsx(self, opportunities):
        """The template layout filled with ``opportunities``: importable again as an update.
        Names, contacts and descriptions are users' text: written as text, never as formulas
        or links (tools/xlsx_writer)."""
        col = {key: index for index, key in enumerate(COLUMN_KEYS)}
        labels = self._export_labels(opportunities)
        quantity_digits = self.env["decimal.precision"].precision_get("Product Unit of Measure")
        with SafeWorkbook(constant_memory=True) as book:
            sheet = book.add_sheet(self.env._("Opportunities"))
            self._layout_sheet(book, sheet, self._column_headers())
            row = 1
            for opportunity in opportunities:
                money = book.number_format(opportunity.currency_id.decimal_places)
                formats = {
                    "amount": money,
                    "probability": book.percent_format(opportunity.probability / 100),
                }
                for key, value in self._export_row(opportunity, labels).items():
                    book.write(sheet, row, col[key], value, formats.get(key))
                for index, line in enumerate(opportunity.line_ids):
                    if index:
                        row += 1
                    product = line.product_id
                    book.write(sheet, row, col["product"], product.default_code or product.name)
                    quantity = line.quantity
                    decimals = 0 if float(quantity).is_integer() else quantity_digits
                    book.write(sheet, row, col["quantity"], quantity, book.number_format(decimals))
                    book.write(sheet, row, col["price_unit"], line.price_unit, money)
                row += 1
        return book.getvalue()

    @api.model
    def _layout_sheet(self, book, sheet, headers):
        """The header row, frozen, and columns wide enough for what they hold."""
        for index, key in enumerate(COLUMN_KEYS):
            sheet.set_column(index, index, COLUMN_WIDTHS.get(key, 16))
        sheet.freeze_panes(1, 0)
        book.write_row(sheet, 0, headers, book.format(bold=True, text_wrap=True, valign="top"))

    # ------------------------------------------------------------
    # How the file names records
    # ------------------------------------------------------------

    @api.model
    def _export_labels(self, opportunities):
        """``{"partner"|"user"|"pipeline": {id: text}}``: how the file names the contacts,
        users and sales processes of ``opportunities``."""
        return {
            "partner": self._partner_labels(opportunities.partner_id),
            "user": self._user_labels(opportunities.user_id | opportunities.collaborator_ids),
            "pipeline": self._pipeline_labels(opportunities.pipeline_id),
        }

    @api.model
    def _partner_labels(self, partners):
        """A contact's name, unless the import would take it for another contact (a namesake,
        or one whose reference or email is that name): then its reference or email."""
        names = {partner.name for partner in partners if partner.name}
        holders = defaultdict(set)
        if names:
            candidates = self.env["res.partner"].search_fetch(
                [
                    "|",
                    "|",
                    ("name", "in", list(names)),
                    ("ref", "in", list(names)),
                    ("email_normalized", "in", [name.lower() for name in names]),
                ],
                ["name", "ref", "email_normalized"],
            )
            for candidate in candidates:
                for key in (candidate.name, candidate.ref, candidate.email_normalized):
                    if key:
                        holders[key.lower()].add(candidate.id)
        return {
            partner.id: partner.name
            if partner.name and holders[partner.name.lower()] <= {partner.id}
            else partner.ref or partner.email or partner.name
            for partner in partners
        }

    @api.model
    def _user_labels(self, users):
        """A user's name, unless the import would take it for another user (a namesake, or
        one whose login or email is that name, archived users included): then their login."""
        names = {user.name for user in users if user.name}
        holders = defaultdict(set)
        if names:
            candidates = (
                self.env["res.users"]
                .with_context(active_test=False)
                .search_fetch(
                    [
                        ("share", "=", False),
                        "|",
                        "|",
                        ("name", "in", list(names)),
                        ("login", "in", list(names)),
                        ("email_normalized", "in", [name.lower() for name in names]),
                    ],
                    ["name", "login", "email_normalized"],
                )
            )
            for candidate in candidates:
                for key in (candidate.name, candidate.login, candidate.email_normalized):
                    if key:
                        holders[key.lower()].add(candidate.id)
        return {
            user.id: user.name
            if user.name and holders[user.name.lower()] <= {user.id}
            else user.login
            for user in users
        }

    @api.model
    def _pipeline_labels(self, pipelines):
        """A sales process's name, unless another process goes by that name or code (in the
        user's language or in English, as the import reads them): then its code."""
        holders = defaultdict(set)
        for pipeline in (
            self.env["opportunity.pipeline"]
            .with_context(active_test=False)
            .search(
                [("company_id", "in", [False, *pipelines.company_id.ids, *self.env.companies.ids])]
            )
        ):
            english = pipeline.with_context(lang="en_US").name
            for key in (pipeline.code, pipeline.name, english):
                if key:
                    holders[key.casefold()].add(pipeline.id)
        return {
            pipeline.id: pipeline.name
            if holders[pipeline.name.casefold()] <= {pipeline.id} or not pipeline.code
            else pipeline.code
            for pipeline in pipelines
        }
