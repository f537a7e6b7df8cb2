# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Why opportunities are lost (``opportunity.lost.reason``), with how many give each reason."""

from odoo import api, fields, models


class OpportunityLostReason(models.Model):
    _name = "opportunity.lost.reason"
    _description = "Opportunity Lost Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    opportunity_count = fields.Integer(compute="_compute_opportunity_count")

    @api.depends_context("uid")
    def _compute_opportunity_count(self):
        counts = dict(
            self.env["opportunity.opportunity"]
            .with_context(active_test=False)
            ._read_group([("lost_reason_id", "in", self.ids)], ["lost_reason_id"], ["__count"])
        )
        for reason in self:
            reason.opportunity_count = counts.get(reason, 0)
