# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Mark as lost (``opportunity.lost.wizard``): a reason and a note, for one opportunity or a
selection."""

from odoo import fields, models


class OpportunityLostWizard(models.TransientModel):
    _name = "opportunity.lost.wizard"
    _description = "Mark Opportunities as Lost"

    opportunity_ids = fields.Many2many(
        "opportunity.opportunity",
        string="Opportunities",
        default=lambda self: self._default_opportunity_ids(),
    )
    lost_reason_id = fields.Many2one("opportunity.lost.reason", required=True)
    lost_note = fields.Text(string="Note")

    def _default_opportunity_ids(self):
        if self.env.context.get("active_model") == "opportunity.opportunity":
            return self.env["opportunity.opportunity"].browse(self.env.context.get("active_ids"))
        return self.env["opportunity.opportunity"]

    def action_confirm(self):
        self.ensure_one()
        return self.opportunity_ids._action_set_lost_notify(self.lost_reason_id, self.lost_note)
