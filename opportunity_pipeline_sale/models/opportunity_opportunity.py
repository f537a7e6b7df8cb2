# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quotations and orders of an opportunity: a quotation made from it (contact and product
lines), their counts and amounts, and no deletion of an opportunity with a confirmed order."""

from odoo import Command, api, fields, models
from odoo.addons.opportunity_pipeline.compat import ODOO_19
from odoo.exceptions import UserError

QUOTATION_STATES = ("draft", "sent")
# the unit of measure of a sale order line
SALE_LINE_UOM = "product_uom_id" if ODOO_19 else "product_uom"


class OpportunityOpportunity(models.Model):
    _inherit = "opportunity.opportunity"

    order_ids = fields.One2many("sale.order", "opportunity_id", string="Quotations and Orders")
    quotation_count = fields.Integer(
        compute="_compute_sale_data", string="Quotations", groups="sales_team.group_sale_salesman"
    )
    quotation_amount = fields.Monetary(
        compute="_compute_sale_data",
        string="Quotations Total",
        groups="sales_team.group_sale_salesman",
    )
    order_count = fields.Integer(
        compute="_compute_sale_data", string="Orders", groups="sales_team.group_sale_salesman"
    )
    order_amount = fields.Monetary(
        compute="_compute_sale_data", string="Orders Total", groups="sales_team.group_sale_salesman"
    )

    @api.depends("order_ids.state", "order_ids.amount_untaxed", "order_ids.currency_id")
    def _compute_sale_data(self):
        data = self.env["sale.order"]._read_group(
            [("opportunity_id", "in", self.ids), ("state", "!=", "cancel")],
            ["opportunity_id", "state"],
            ["__count", "amount_untaxed:sum"],
        )
        totals = {}
        for opportunity, state, count, amount in data:
            kind = "quotation" if state in QUOTATION_STATES else "order"
            key = (opportunity.id, kind)
            previous = totals.get(key, (0, 0.0))
            totals[key] = (previous[0] + count, previous[1] + amount)
        for opportunity in self:
            opportunity.quotation_count, opportunity.quotation_amount = totals.get(
                (opportunity.id, "quotation"), (0, 0.0)
            )
            opportunity.order_count, opportunity.order_amount = totals.get(
                (opportunity.id, "order"), (0, 0.0)
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed_orders(self):
        confirmed = self.sudo().order_ids.filtered(lambda o: o.state == "sale")
        if confirmed:
            # sudo above: the rule is about the orders whether or not the user may read them;
            # only the opportunity names are shown.
            raise UserError(
                self.env._(
                    "You cannot delete an opportunity with confirmed sales orders (%(names)s). "
                    "Archive it instead.",
                    names=", ".join(confirmed.opportunity_id.mapped("display_name")),
                )
            )

    def _prepare_quotation_vals(self):
        self.ensure_one()
        return {
            "partner_id": self.partner_id.id,
            "opportunity_id": self.id,
            "origin": self.code,
            "user_id": self.user_id.id,
            "company_id": self.company_id.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": line.product_id.id,
                        "name": line.name or line.product_id.display_name,
                        "product_uom_qty": line.quantity,
                        SALE_LINE_UOM: (line.uom_id or line.product_id.uom_id).id,
                        "price_unit": line.price_unit,
                    }
                )
                for line in self.line_ids
            ],
        }

    def action_new_quotation(self):
        """Create the quotation (contact and product lines copied) and open it."""
        self.ensure_one()
        self.check_access("read")
        order = self.env["sale.order"].create(self._prepare_quotation_vals())
        # the unit prices are the opportunity's, not the pricelist's
        for order_line, line in zip(order.order_line, self.line_ids, strict=True):
            if order_line.price_unit != line.price_unit:
                order_line.price_unit = line.price_unit
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "res_id": order.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def _action_view_orders(self, quotations):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale.action_quotations_with_onboarding" if quotations else "sale.action_orders"
        )
        states = list(QUOTATION_STATES) if quotations else ["sale"]
        orders = self.order_ids.filtered(lambda o: o.state in states)
        action["domain"] = [("id", "in", orders.ids)]
        action["context"] = {
            "default_opportunity_id": self.id,
            "default_partner_id": self.partner_id.id,
            "default_origin": self.code,
            "search_default_filter_opportunity": 0,
        }
        if len(orders) == 1:
            action.update({"views": [(False, "form")], "view_mode": "form", "res_id": orders.id})
        return action

    def action_view_quotations(self):
        return self._action_view_orders(quotations=True)

    def action_view_orders(self):
        return self._action_view_orders(quotations=False)
