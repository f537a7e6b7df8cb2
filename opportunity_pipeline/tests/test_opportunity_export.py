# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Excel export and import template: product lines exported, the layout the import
reads, a round trip that changes nothing, the list's button exporting the current filter."""

import datetime

from odoo import Command
from odoo.tests import tagged

from .common_import import EN, OpportunityImportCommon, download, read_xlsx


@tagged("post_install", "-at_install")
class TestOpportunityExport(OpportunityImportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.opportunity_code_editable = True
        cls.with_lines = cls._create_opportunity(
            name="With lines",
            stage_id=cls.stage_quoted.id,
            probability=42,
            date_deadline=datetime.date(2026, 12, 31),
            user_id=cls.user_own.id,
            collaborator_ids=[Command.set((cls.user_other | cls.user_all).ids)],
            label_ids=[Command.set((cls.label_vip | cls.label_hot).ids)],
            priority="2",
            description="<p>Needs 120 users</p>",
            line_ids=[
                Command.create({"product_id": cls.product_a.id, "quantity": 3, "price_unit": 120}),
                Command.create({"product_id": cls.product_b.id, "quantity": 1}),
            ],
        )
        cls.typed = cls._create_opportunity(
            name="Typed value",
            partner_id=cls.partner_b.id,
            pipeline_id=cls.pipeline_b.id,
            amount=5000,
        )

    def test_export_template_exports_the_lines(self):
        template = self.env.ref("opportunity_pipeline.opportunity_opportunity_export_full")
        self.assertEqual(template.name, "Opportunities (full)")
        field_names = template.export_fields.mapped("name")
        self.assertIn("line_ids/product_id", field_names)
        data = self.with_lines.export_data(field_names)["datas"]
        self.assertEqual(len(data), 2, "one row per product line")
        self.assertEqual(data[0][field_names.index("code")], self.with_lines.code)
        self.assertEqual(data[1][field_names.index("line_ids/product_id")], "Appliance test")

    def test_export_layout(self):
        opportunities = self.with_lines | self.typed
        action = self.Export.with_context(
            active_domain=[("id", "in", opportunities.ids)]
        )._action_export(self.Opportunity)
        rows = read_xlsx(download(self.env, action))
        self.assertEqual(rows[0], EN)
        self.assertEqual(len(rows), 4, "header, two rows for the lines, one for the other")
        by_code = {row[0]: row for row in rows[1:] if row[0]}
        row = by_code[self.with_lines.code]
        # the names people know (test_opportunity_export_readable)
        self.assertEqual(row[EN.index("Contact")], "Công ty ABC")
        self.assertEqual(row[EN.index("Collaborators")], "Other Salesperson, Sales Lead")
        self.assertEqual(row[EN.index("Expected Closing")], datetime.datetime(2026, 12, 31))
        self.assertEqual(row[EN.index("Product")], "CONS")
        self.assertEqual(rows[rows.index(row) + 1][EN.index("Product")], "Appliance test")

    def test_round_trip_changes_nothing(self):
        opportunities = self.with_lines | self.typed
        self._flush_tracking()
        content = self.Export._export_xlsx(opportunities)
        fields_to_check = [
            "name", "partner_id", "pipeline_id", "stage_id", "amount", "probability",
            "date_deadline", "user_id", "collaborator_ids", "label_ids", "priority",
            "description", "write_date",
        ]  # fmt: skip
        before = opportunities.read(fields_to_check)
        lines_before = opportunities.line_ids.ids
        messages_before = self.env["mail.message"].search_count(
            [("model", "=", "opportunity.opportunity"), ("res_id", "in", opportunities.ids)]
        )
        history = self._run(self._wizard(content, update_existing=True))
        self._flush_tracking()
        self.assertEqual(history.state, "done", self._messages(history))
        self.assertEqual((history.row_count, history.created_count), (3, 0))
        self.assertEqual(history.updated_count, 0, "nothing differs, nothing is written")
        self.assertEqual(opportunities.read(fields_to_check), before)
        self.assertEqual(opportunities.line_ids.ids, lines_before)
        self.assertEqual(
            self.env["mail.message"].search_count(
                [("model", "=", "opportunity.opportunity"), ("res_id", "in", opportunities.ids)]
            ),
            messages_before,
        )

    def test_export_button_exports_the_current_filter(self):
        """The list's button sends no selection but the search domain (display="always")."""
        action = self.env.ref("opportunity_pipeline.opportunity_opportunity_action_export_xlsx")
        result = action.with_context(
            active_model="opportunity.opportunity",
            active_ids=[],
            active_domain=[("id", "=", self.typed.id)],
        ).run()
        self.assertEqual(result["type"], "ir.actions.act_url")
        rows = read_xlsx(download(self.env, result))
        self.assertEqual([row[1] for row in rows[1:]], ["Typed value"])
        # with a selection, the selection
        result = action.with_context(
            active_model="opportunity.opportunity",
            active_ids=self.with_lines.ids,
            active_domain=[],
        ).run()
        rows = read_xlsx(download(self.env, result))
        self.assertEqual(rows[1][1], "With lines")
