# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The import through the web client: a small file imported and its history opened
(static/tests/tours/opportunity_import_tour.js)."""

from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestOpportunityImportUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pipeline = cls.env["opportunity.pipeline"].create(
            {
                "name": "Tour Import Retail",
                "code": "TIR",
                "stage_ids": [Command.create({"name": "Tour Import New", "sequence": 1})],
            }
        )
        cls.env["res.partner"].create({"name": "Tour Import Customer"})

    def test_import_a_small_file_and_open_its_history(self):
        self.start_tour("/web", "opportunity_pipeline_import_tour", login="admin")
        opportunity = self.env["opportunity.opportunity"].search(
            [("name", "=", "Tour imported deal")]
        )
        self.assertEqual(len(opportunity), 1)
        self.assertEqual(opportunity.pipeline_id, self.pipeline)
        self.assertEqual(opportunity.amount, 1234)
        histories = self.env["opportunity.import.history"].search(
            [("file_name", "=", "tour_import.csv")]
        )
        self.assertEqual(histories.mapped("mode"), ["import", "test"])
        self.assertEqual(histories[0].created_opportunity_ids, opportunity)
