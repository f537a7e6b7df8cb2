# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The pipeline on a phone: "Clear all" keeps the sales process being looked at.
(Tour: static/tests/tours/opportunity_phone_clear_tour.js.)"""

from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestOpportunityPhoneSearchPanel(HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    def test_clear_all_keeps_the_process(self):
        Pipeline = self.env["opportunity.pipeline"]
        first, second = Pipeline.create(
            [
                {
                    "name": name,
                    "sequence": sequence,
                    "stage_ids": [Command.create({"name": f"{name} stage"})],
                }
                for sequence, name in ((-2, "Phone First Process"), (-1, "Phone Second Process"))
            ]
        )
        partner = self.env["res.partner"].create({"name": "Phone Customer"})
        self.env["opportunity.opportunity"].create(
            [
                {"name": "Phone first deal", "partner_id": partner.id, "pipeline_id": first.id},
                {"name": "Phone second deal", "partner_id": partner.id, "pipeline_id": second.id},
            ]
        )
        self.env.ref("base.user_admin").opportunity_pipeline_id = second
        self.start_tour(
            f"/odoo/opportunity-pipeline?pipeline_id={second.id}",
            "opportunity_phone_clear_all_tour",
            login="admin",
        )
