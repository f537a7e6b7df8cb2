# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Product lines of an opportunity (``opportunity.line``): product, description, quantity,
unit and price; their subtotals make the opportunity's value."""

from odoo import api, fields, models

from ..compat import Constraint


class OpportunityLine(models.Model):
    _name = "opportunity.line"
    _description = "Opportunity Product Line"
    _order = "opportunity_id, sequence, id"
    _check_company_auto = True

    opportunity_id = fields.Many2one(
        "opportunity.opportunity",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="opportunity_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="opportunity_id.currency_id")
    product_id = fields.Many2one(
        "product.product",
        required=True,
        check_company=True,
        domain="[('sale_ok', '=', True)]",
    )
    name = fields.Text(string="Description", compute="_compute_name", store=True, readonly=False)
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure")
    uom_id = fields.Many2one(
        "uom.uom", string="Unit", compute="_compute_uom_id", store=True, readonly=False
    )
    price_unit = fields.Float(
        string="Unit Price",
        digits="Product Price",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
    )
    price_subtotal = fields.Monetary(
        string="Subtotal", compute="_compute_price_subtotal", store=True
    )

    _quantity_positive = Constraint(
        "CHECK(quantity >= 0)",
        "The quantity of a line cannot be negative.",
    )
    _price_positive = Constraint(
        "CHECK(price_unit >= 0)",
        "The unit price of a line cannot be negative.",
    )

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            if line.product_id:
                line.name = line.product_id.get_product_multiline_description_sale()

    @api.depends("product_id")
    def _compute_uom_id(self):
        for line in self:
            if line.product_id:
                line.uom_id = line.product_id.uom_id

    @api.depends("product_id")
    def _compute_price_unit(self):
        for line in self:
            if line.product_id:
                line.price_unit = line.product_id.lst_price

    @api.depends("quantity", "price_unit")
    def _compute_price_subtotal(self):
        for line in self:
            line.price_subtotal = line.quantity * line.price_unit
