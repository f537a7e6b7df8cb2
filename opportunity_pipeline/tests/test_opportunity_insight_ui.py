# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Forecast and idle opportunities through the web client (static/tests/tours/)."""

from datetime import timedelta

from odoo import Command, fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestOpportunityInsightUi(HttpCase):
    def test_forecast_and_idle_filter(self):
        env = self.env
        pipeline = env["opportunity.pipeline"].create(
            {
                "name": "Insight Tour",
                "sequence": 0,
                "stage_ids": [
                    Command.create({"name": "Tour Waiting", "probability": 40, "idle_days": 5}),
                    Command.create({"name": "Tour Signing", "probability": 80}),
                ],
            }
        )
        partner = env["res.partner"].create({"name": "Insight Customer"})
        today = fields.Date.context_today(env["opportunity.opportunity"])
        stale, fresh = env["opportunity.opportunity"].create(
            [
                {
                    "name": name,
                    "partner_id": partner.id,
                    "pipeline_id": pipeline.id,
                    "amount": 10000,
                    "date_deadline": today + timedelta(days=20),
                }
                for name in ("Stale tour deal", "Fresh tour deal")
            ]
        )
        env.flush_all()
        env.cr.execute(
            "UPDATE opportunity_opportunity SET date_last_stage_update = %s WHERE id = %s",
            [fields.Datetime.now() - timedelta(days=12), stale.id],
        )
        env.invalidate_all()
        self.assertTrue(stale.is_idle)
        self.assertFalse(fresh.is_idle)
        self.start_tour("/web", "opportunity_insight_tour", login="admin")
