# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quotations and sales orders linked to the opportunity they come from
(``opportunity.link.mixin``)."""

from odoo import models


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "opportunity.link.mixin"]

    def _opportunity_link_kind(self):
        """What the opportunity's chatter calls this document: Quotation or Sales Order."""
        self.ensure_one()
        return self.type_name
