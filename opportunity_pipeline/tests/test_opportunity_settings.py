# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Settings > Opportunities: code pattern, counter and preview, a bad pattern explained, a
negative counter refused, settings per company."""

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import OpportunityCommon


@tagged("post_install", "-at_install")
class TestOpportunitySettings(OpportunityCommon):
    @freeze_time("2026-11-26")
    def test_settings_page_sets_pattern_counter_and_preview(self):
        settings = Form(self.env["res.config.settings"])
        settings.opportunity_code_pattern = "CH{YY}{MM}-{COUNTER}"
        settings.opportunity_code_padding = 4
        settings.opportunity_code_next_number = 7
        self.assertEqual(settings.opportunity_code_preview, "CH2611-0007")
        for keyword in ("{YYYY}", "{YY}", "{MM}", "{DD}", "{COUNTER}", "{PIPELINE}"):
            self.assertIn(keyword, str(settings.opportunity_code_keywords))
        self.assertIn("2026", str(settings.opportunity_code_keywords))
        settings.opportunity_code_editable = True
        settings.save().execute()
        self.assertTrue(self.company.opportunity_code_editable)
        self.assertEqual(self.company._opportunity_next_counter(), 7)
        self.assertEqual(self._create_opportunity().code, "CH2611-0007")
        # reopening the page shows the counter moved on
        self.assertEqual(Form(self.env["res.config.settings"]).opportunity_code_next_number, 8)

    def test_settings_counter_zero(self):
        settings = Form(self.env["res.config.settings"])
        settings.opportunity_code_pattern = "{COUNTER}"
        settings.opportunity_code_padding = 3
        settings.opportunity_code_next_number = 0
        self.assertEqual(settings.opportunity_code_preview, "000")
        settings.save().execute()
        self.assertEqual(self._create_opportunity().code, "000")

    def test_settings_preview_explains_a_bad_pattern(self):
        settings = Form(self.env["res.config.settings"])
        settings.opportunity_code_pattern = "CH{YY}"
        self.assertIn("must contain {COUNTER}", settings.opportunity_code_preview)
        with self.assertRaisesRegex(ValidationError, "must contain"), self.cr.savepoint():
            settings.save().execute()
        self._assert_rolled_back(self.company, "opportunity_code_pattern", "CH{YY}{MM}-{COUNTER}")

    def test_negative_counter_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.company._opportunity_set_next_counter(-1)

    def test_settings_are_per_company(self):
        other = self.env["res.company"].create({"name": "Settings Co"})
        other.opportunity_code_pattern = "B-{COUNTER}"
        opportunity = self._create_opportunity(company_id=other.id)
        self.assertTrue(opportunity.code.startswith("B-"))
        self.assertNotEqual(other.opportunity_sequence_id, self.company.opportunity_sequence_id)
