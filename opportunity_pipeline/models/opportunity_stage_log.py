# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The stage history (``opportunity.stage.log``): one row each time an opportunity leaves a
stage, with how long it stayed there."""

from odoo import fields, models


class OpportunityStageLog(models.Model):
    """One row each time an opportunity leaves a stage: how long it stayed there.

    Written by ``opportunity.opportunity.write`` whatever the path of the change (form, kanban drag,
    quick update, bulk action, import, RPC), one INSERT for the whole batch.
    """

    _name = "opportunity.stage.log"
    _description = "Opportunity Stage History"
    _order = "date_out desc, id desc"

    opportunity_id = fields.Many2one(
        "opportunity.opportunity", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="opportunity_id.company_id", store=True, index=True)
    pipeline_id = fields.Many2one("opportunity.pipeline", string="Sales Process", readonly=True)
    stage_id = fields.Many2one("opportunity.stage", readonly=True, ondelete="set null")
    new_stage_id = fields.Many2one(
        "opportunity.stage", string="Moved To", readonly=True, ondelete="set null"
    )
    user_id = fields.Many2one("res.users", string="Moved By", readonly=True)
    date_in = fields.Datetime(string="Entered", readonly=True)
    date_out = fields.Datetime(string="Left", readonly=True)
    duration_hours = fields.Float(
        string="Time in Stage (hours)", digits=(16, 2), readonly=True, aggregator="avg"
    )
    duration_days = fields.Float(
        string="Time in Stage (days)", digits=(16, 1), readonly=True, aggregator="avg"
    )
