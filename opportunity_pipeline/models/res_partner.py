# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contacts: the *Opportunities* smart button (1Office's quick access from the Customers module)."""

from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    opportunity_open_count = fields.Integer(
        string="Open Opportunities",
        compute="_compute_opportunity_open_count",
        groups="opportunity_pipeline.group_opportunity_user",
        help="Open opportunities of this contact and of its people, among those you may open.",
    )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_opportunity_open_count(self):
        """One grouped read for every contact shown: record and company rules decide what is
        counted (the user's own view of them), and a contact adds those of the people and
        addresses below it (a company those of its people), as Odoo CRM's button does."""
        self.opportunity_open_count = 0
        partners = self.filtered("id")
        if not partners:
            return
        groups = self.env["opportunity.opportunity"]._read_group(
            [
                ("partner_id.commercial_partner_id", "in", partners.commercial_partner_id.ids),
                ("state", "=", "open"),
            ],
            ["partner_id"],
            ["__count"],
        )
        shown = {partner.id: partner for partner in partners}
        for partner, count in groups:
            # the contact itself and each of its parents that is on the screen
            while partner:
                if partner.id in shown:
                    shown[partner.id].opportunity_open_count += count
                partner = partner.parent_id

    def action_view_opportunities(self):
        """The opportunities of the contact (and its people), a new one for this contact."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "opportunity_pipeline.opportunity_opportunity_action"
        )
        action["context"] = {
            "search_default_partner_id": self.id,
            "search_default_filter_open": 1,
            "default_partner_id": self.id,
        }
        return action
