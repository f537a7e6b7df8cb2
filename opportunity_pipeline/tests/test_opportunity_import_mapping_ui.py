# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The mapping step through the web client: a file with an unknown column is mapped, then
imported (static/tests/tours/opportunity_import_mapping_tour.js)."""

from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestOpportunityImportMappingUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pipeline = cls.env["opportunity.pipeline"].create(
            {
                "name": "Tour Mapping Retail",
                "code": "TMR",
                "stage_ids": [Command.create({"name": "Tour Mapping New", "sequence": 1})],
            }
        )
        cls.env["res.partner"].create({"name": "Tour Mapping Customer"})

    def test_a_file_with_an_unknown_column_is_mapped_then_imported(self):
        self.start_tour("/web", "opportunity_pipeline_import_mapping_tour", login="admin")
        opportunity = self.env["opportunity.opportunity"].search(
            [("name", "=", "Tour mapped deal")]
        )
        self.assertEqual(len(opportunity), 1)
        self.assertEqual(opportunity.pipeline_id, self.pipeline)
        self.assertEqual(opportunity.amount, 4321, "the column the user mapped to Value")
        admin = self.env.ref("base.user_admin")
        memory = self.env["opportunity.import.mapping"].search([("user_id", "=", admin.id)])
        self.assertEqual([(m.header, m.column_key) for m in memory], [("số tiền", "amount")])
        histories = self.env["opportunity.import.history"].search(
            [("file_name", "=", "tour_mapping.csv")]
        )
        self.assertEqual(histories.mapped("mode"), ["import", "test"])
