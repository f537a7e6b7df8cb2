# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What exports read of an opportunity: its description as plain text.

Odoo's own export (Action > Export, and the "Opportunities (full)" template of
``data/opportunity_export_data.xml``) writes an HTML field as its markup (``<p>...</p>``); the
template exports this field instead, as the app's "Export to Excel" does.
"""

from odoo import api, fields, models


class OpportunityOpportunity(models.Model):
    # one file per concern (house style), not one long model file
    _inherit = "opportunity.opportunity"  # pylint: disable=consider-merging-classes-inherited

    description_text = fields.Text(
        string="Description (plain text)",
        compute="_compute_description_text",
        help="The description without its formatting, as exports write it.",
    )

    @api.depends("description")
    def _compute_description_text(self):
        for opportunity in self:
            opportunity.description_text = opportunity._html_text(opportunity.description)
