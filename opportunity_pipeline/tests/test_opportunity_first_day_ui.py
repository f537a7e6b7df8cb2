# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""First-day fixes driven through the web client (tours in static/tests/tours/)."""

from odoo import Command
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestOpportunityFirstDayUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write(
            {"opportunity_code_pattern": "FD-{COUNTER}", "opportunity_code_editable": False}
        )
        cls.env["res.partner"].create({"name": "First Day Customer"})

    def test_settings_insert_keywords_with_a_click(self):
        self.start_tour(
            "/odoo/action-opportunity_pipeline.res_config_settings_action",
            "opportunity_code_pattern_tour",
            login="admin",
        )
        self.assertEqual(self.env.company.opportunity_code_pattern, "PX-{YY}{COUNTER}")

    def test_new_opportunity_previews_its_code(self):
        preview = self.env["opportunity.opportunity"].new({"name": "x"}).code_preview
        users = self.env["res.users"].with_context(active_test=False)
        joels = users.search_count([("name", "ilike", "Joel")])  # demo data has one
        self.start_tour(
            "/odoo/action-opportunity_pipeline.opportunity_opportunity_action/new",
            "opportunity_code_preview_tour",
            login="admin",
        )
        opportunity = self.env["opportunity.opportunity"].search([("name", "=", "First day deal")])
        self.assertEqual(opportunity.code, preview)
        self.assertFalse(opportunity.collaborator_ids)
        self.assertEqual(users.search_count([("name", "ilike", "Joel")]), joels, "no user made")

    def test_stages_list_grouped_by_process(self):
        """Configuration > Stages opens grouped by sales process, ordered by the handle: the
        grouped read must not ask PostgreSQL for an aggregate of the stage order."""
        self.env["opportunity.pipeline"].create(
            {"name": "Grouped Process", "stage_ids": [Command.create({"name": "Grouped Stage"})]}
        )
        self.start_tour(
            "/odoo/action-opportunity_pipeline.opportunity_stage_action",
            "opportunity_stages_grouped_tour",
            login="admin",
        )

    def test_kanban_column_totals_are_unambiguous(self):
        pipeline = self.env["opportunity.pipeline"].create(
            {"name": "Big Deals", "sequence": 0, "stage_ids": [Command.create({"name": "Big"})]}
        )
        partner = self.env["res.partner"].create({"name": "Big Customer"})
        self.env["opportunity.opportunity"].create(
            [
                {"name": f"Big {index}", "partner_id": partner.id, "pipeline_id": pipeline.id,
                 "amount": 24_000_000}
                for index in range(2)
            ]
        )  # fmt: skip
        self.start_tour(
            "/odoo/action-opportunity_pipeline.opportunity_opportunity_action_pipeline",
            "opportunity_kanban_total_tour",
            login="admin",
        )
