# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Products: on an opportunity's product lines, a name typed in another installed language
finds the product."""

from odoo import api, models
from odoo.tools import SQL
from odoo.tools.sql import escape_psql

from ..compat import domain_and


class ProductProduct(models.Model):
    _inherit = "product.product"

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        """On an opportunity's product lines (context key ``opportunity_product_any_language``),
        a name typed in another language than the user's finds the product too: a Vietnamese
        team often types Vietnamese names while some users work in English, and the other way
        round. Only when Odoo's own search finds nothing."""
        result = super().name_search(name, args, operator, limit)
        if (
            result
            or not name
            or operator != "ilike"
            or not self.env.context.get("opportunity_product_any_language")
        ):
            return result
        Template = self.env["product.template"]
        Template.flush_model(["name"])
        self.env.cr.execute(
            SQL(
                "SELECT id FROM product_template WHERE EXISTS (SELECT 1 FROM "
                "jsonb_each_text(name) AS translation(lang, value) WHERE value ILIKE %s) "
                "LIMIT %s",
                f"%{escape_psql(name)}%",
                limit or 100,
            )
        )
        template_ids = [row[0] for row in self.env.cr.fetchall()]
        # the ORM search applies the user's record rules and the field's domain
        products = self.search_fetch(
            domain_and([args or [], [("product_tmpl_id", "in", template_ids)]]),
            ["display_name"],
            limit=limit,
        )
        return [(product.id, product.display_name) for product in products]
