# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The pipeline through the web client: create from the kanban, drag between stages, switch
process (static/tests/tours/opportunity_pipeline_tour.js)."""

from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestOpportunityUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Pipeline = cls.env["opportunity.pipeline"]
        cls.pipeline = Pipeline.create(
            {
                "name": "Tour Retail",
                "code": "TR",
                "sequence": 0,
                "stage_ids": [
                    Command.create({"name": "Tour Lead In", "sequence": 1, "color": 4}),
                    Command.create(
                        {"name": "Tour Quoted", "sequence": 2, "color": 2, "probability": 55}
                    ),
                    Command.create({"name": "Tour Closing", "sequence": 3, "color": 10}),
                ],
            }
        )
        cls.pipeline_b = Pipeline.create(
            {
                "name": "Tour Dự án",
                "code": "TD",
                "sequence": 1,
                "stage_ids": [
                    Command.create({"name": "Tour Tiếp cận", "sequence": 1}),
                    Command.create({"name": "Tour Báo giá", "sequence": 2}),
                ],
            }
        )
        cls.env["res.partner"].create({"name": "Tour Customer"})

    def test_kanban_create_drag_and_switch_pipeline(self):
        self.start_tour("/web", "opportunity_pipeline_kanban_tour", login="admin")
        opportunity = self.env["opportunity.opportunity"].search([("name", "=", "Tour deal")])
        self.assertEqual(len(opportunity), 1)
        self.assertEqual(opportunity.pipeline_id, self.pipeline)
        self.assertEqual(opportunity.stage_id.name, "Tour Quoted")
        self.assertEqual(opportunity.probability, 55)
        self.assertEqual(opportunity.amount, 4200)
        self.assertEqual(opportunity.partner_id.name, "Tour Customer")
        self.assertTrue(opportunity.code)
