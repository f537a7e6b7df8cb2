# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Export to Excel as people read it: names, number and date formats, a frozen header,
namesakes told apart; a round trip, Vietnamese, and an Own Documents user's records only."""

import datetime
import io

import openpyxl

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common_import import EN, OpportunityImportCommon, download, read_xlsx


def read_sheet(content):
    """The first sheet with its formats (``read_xlsx`` reads values only)."""
    return openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]


@tagged("post_install", "-at_install")
class TestOpportunityExportReadable(OpportunityImportCommon):
    """Export to Excel writes what people read: names, number and date formats, a frozen
    header; and still imports back unchanged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.opportunity_code_editable = True
        cls.deal = cls._create_opportunity(
            name="Readable deal",
            stage_id=cls.stage_quoted.id,
            amount=1234567.5,
            probability=42,
            date_deadline=datetime.date(2026, 12, 31),
            user_id=cls.user_own.id,
            collaborator_ids=[Command.set(cls.user_other.ids)],
            description="<p>Needs <b>120</b> users</p><p>Call back in May</p>",
        )
        cls.with_line = cls._create_opportunity(
            name="With a line",
            partner_id=cls.partner_b.id,
            probability=33.33,
            line_ids=[
                Command.create({"product_id": cls.product_a.id, "quantity": 2.5, "price_unit": 99})
            ],
        )

    def _export(self, opportunities, user=None):
        Export = self.Export.with_user(user) if user else self.Export
        action = Export.with_context(
            active_domain=[("id", "in", opportunities.ids)]
        )._action_export(self.Opportunity)
        return download(Export.env, action)

    def _row(self, rows, opportunity):
        return next(row for row in rows[1:] if row[0] == opportunity.code)

    def test_names_people_know(self):
        rows = read_xlsx(self._export(self.deal | self.with_line))
        row = self._row(rows, self.deal)
        self.assertEqual(row[EN.index("Contact")], "Công ty ABC")
        self.assertEqual(row[EN.index("Sales Process")], "Retail")
        self.assertEqual(row[EN.index("Responsible")], "Own Salesperson")
        self.assertEqual(row[EN.index("Collaborators")], "Other Salesperson")
        self.assertEqual(
            row[EN.index("Description")], "Needs *120* users\nCall back in May", "plain text"
        )
        self.assertEqual(self._row(rows, self.with_line)[EN.index("Contact")], "Nguyễn Văn B")

    def test_namesakes_are_told_apart_by_what_the_import_reads(self):
        # another contact, another user and another process go by the same names
        self.env["res.partner"].create({"name": "Công ty ABC", "email": "abc2@example.com"})
        namesake = new_test_user(
            self.env, login="own_namesake", name="Own Salesperson", groups="base.group_user"
        )
        namesake.active = False  # archived users count: the import finds them too
        self.pipeline_b.code = "Retail"
        rows = read_xlsx(self._export(self.deal))
        row = self._row(rows, self.deal)
        self.assertEqual(row[EN.index("Contact")], "KH-ABC", "its reference")
        self.assertEqual(row[EN.index("Responsible")], "op_own", "their login")
        self.assertEqual(row[EN.index("Sales Process")], "RT", "its code")
        self.assertEqual(row[EN.index("Collaborators")], "Other Salesperson")

    def test_numbers_dates_widths_and_frozen_header(self):
        sheet = read_sheet(self._export(self.deal | self.with_line))
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertTrue(sheet.cell(1, 1).font.bold)
        # the name's column: 40 characters (Excel adds its margin)
        self.assertAlmostEqual(sheet.column_dimensions["B"].width, 40.71, places=1)
        rows = {sheet.cell(r, 2).value: r for r in range(2, sheet.max_row + 1)}
        deal, line = rows["Readable deal"], rows["With a line"]
        column = {header: index for index, header in enumerate(EN, 1)}
        amount = sheet.cell(deal, column["Value"])
        self.assertEqual((amount.value, amount.number_format), (1234567.5, "#,##0.00"))
        rate = sheet.cell(deal, column["Success Rate (%)"])
        self.assertEqual((rate.value, rate.number_format), (0.42, "0%"))
        rate = sheet.cell(line, column["Success Rate (%)"])
        self.assertEqual((rate.value, rate.number_format), (0.3333, "0.00%"))
        closing = sheet.cell(deal, column["Expected Closing"])
        self.assertEqual(closing.value, datetime.datetime(2026, 12, 31))
        self.assertEqual(closing.number_format, "dd/mm/yyyy")
        quantity = sheet.cell(line, column["Quantity"])
        self.assertEqual((quantity.value, quantity.number_format), (2.5, "#,##0.00"))
        price = sheet.cell(line, column["Unit Price"])
        self.assertEqual((price.value, price.number_format), (99, "#,##0.00"))

    def test_template_has_the_same_layout(self):
        sheet = read_sheet(self.Export.with_user(self.user_own)._template_xlsx())
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.cell(2, EN.index("Responsible") + 1).value, "Own Salesperson")

    def test_round_trip_with_names_and_namesakes_changes_nothing(self):
        self.env["res.partner"].create({"name": "Nguyễn Văn B"})  # a namesake of partner_b
        opportunities = self.deal | self.with_line
        self._flush_tracking()
        content = self._export(opportunities, user=self.user_all)
        fields_to_check = [
            "name", "partner_id", "pipeline_id", "stage_id", "amount", "probability",
            "date_deadline", "user_id", "collaborator_ids", "description", "write_date",
        ]  # fmt: skip
        before = opportunities.read(fields_to_check)
        history = self._run(self._wizard(content, user=self.user_all, update_existing=True))
        self.assertEqual(history.state, "done", self._messages(history))
        self.assertEqual((history.created_count, history.updated_count), (0, 0))
        self.assertEqual(opportunities.read(fields_to_check), before)

    def test_odoo_export_template_writes_the_description_as_text(self):
        template = self.env.ref("opportunity_pipeline.opportunity_opportunity_export_full")
        field_names = template.export_fields.mapped("name")
        self.assertIn("description_text", field_names)
        self.assertNotIn("description", field_names)
        data = self.deal.export_data(field_names)["datas"]
        description = data[0][field_names.index("description_text")]
        self.assertEqual(description, "Needs *120* users\nCall back in May")
        self.assertNotIn("<p>", description)
        # the export dialog offers it by a name of its own
        fields = self.env["opportunity.opportunity"].fields_get(["description_text"])
        self.assertEqual(fields["description_text"]["string"], "Description (plain text)")
        self.assertFalse(self.Opportunity.new({"description": "<p><br></p>"}).description_text)

    def test_own_user_exports_what_they_see_only(self):
        theirs = self._create_opportunity(name="Not mine", user_id=self.user_other.id)
        rows = read_xlsx(self._export(self.deal | theirs, user=self.user_own))
        self.assertEqual([row[1] for row in rows[1:]], ["Readable deal"])


@tagged("post_install", "-at_install")
class TestOpportunityExportVietnamese(OpportunityImportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"].search(
            [("name", "=", "opportunity_pipeline")]
        )._update_translations("vi_VN")

    def test_plain_text_description_speaks_vietnamese(self):
        """Needs the Vietnamese of the new field in i18n/vi.po."""
        fields = (
            self.env["opportunity.opportunity"]
            .with_context(lang="vi_VN")
            .fields_get(["description_text"])
        )
        self.assertEqual(fields["description_text"]["string"], "Mô tả (văn bản thuần)")

    def test_export_in_vietnamese(self):
        opportunity = self._create_opportunity(name="Cơ hội xuất", probability=50)
        Export = self.Export.with_context(lang="vi_VN")
        rows = read_xlsx(Export._export_xlsx(opportunity))
        self.assertEqual(rows[0][:3], ["Mã", "Cơ hội", "Liên hệ"])
        self.assertEqual(rows[1][2], "Công ty ABC")
        self.assertEqual(rows[1][6], 0.5)
