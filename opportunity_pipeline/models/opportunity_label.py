# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Labels of opportunities (``opportunity.label``): a name and a colour."""

from random import randint

from odoo import fields, models

from ..compat import Constraint


class OpportunityLabel(models.Model):
    _name = "opportunity.label"
    _description = "Opportunity Label"
    _order = "name, id"

    def _default_color(self):
        return randint(1, 11)

    name = fields.Char(required=True)
    color = fields.Integer(default=lambda self: self._default_color())
    active = fields.Boolean(default=True)

    _name_uniq = Constraint("unique (name)", "A label with this name already exists.")
