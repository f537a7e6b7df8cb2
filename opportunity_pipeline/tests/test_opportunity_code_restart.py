# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Counters that restart each year or month (ir.sequence date ranges): codes such as
CH2026-0001 start again at the counter start each period, batches stay one query, the preview
tells the next code of the current period."""

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import OpportunityCommon


@tagged("post_install", "-at_install")
class TestOpportunityCodeRestart(OpportunityCommon):
    def _codes(self, count=1):
        return self.Opportunity.create(
            [
                {
                    "name": f"Deal {index}",
                    "partner_id": self.partner.id,
                    "pipeline_id": self.pipeline.id,
                }
                for index in range(count)
            ]
        ).mapped("code")

    def test_yearly_restart_through_the_settings(self):
        with freeze_time("2026-11-30"):
            settings = Form(self.env["res.config.settings"])
            settings.opportunity_code_pattern = "CH{YYYY}-{COUNTER}"
            settings.opportunity_code_restart = "year"
            settings.opportunity_code_start = 1
            self.assertEqual(settings.opportunity_code_next_number, 1)
            self.assertEqual(settings.opportunity_code_preview, "CH2026-0001")
            settings.save().execute()
            self.assertEqual(self._codes(2), ["CH2026-0001", "CH2026-0002"])
            self.assertEqual(self.company._opportunity_next_counter(), 3)
        with freeze_time("2027-01-02"):
            self.assertEqual(self.company._opportunity_next_counter(), 1, "a new year")
            settings = Form(self.env["res.config.settings"])
            self.assertEqual(settings.opportunity_code_preview, "CH2027-0001")
            self.assertEqual(self._codes(3), ["CH2027-0001", "CH2027-0002", "CH2027-0003"])
        with freeze_time("2026-12-31"):
            self.assertEqual(self._codes(), ["CH2026-0003"], "2026 goes on where it stopped")

    def test_monthly_restart_and_a_start_value(self):
        self.company.write(
            {
                "opportunity_code_pattern": "{YY}{MM}/{COUNTER}",
                "opportunity_code_restart": "month",
                "opportunity_code_start": 100,
            }
        )
        with freeze_time("2026-11-15"):
            self.assertEqual(self._codes(2), ["2611/0100", "2611/0101"])
        with freeze_time("2026-12-01"):
            self.assertEqual(self._codes(), ["2612/0100"])
            # the next value of the current month can be set, like the counter's
            self.company._opportunity_set_next_counter(500)
            self.assertEqual(self._codes(), ["2612/0500"])
        with freeze_time("2026-11-20"):
            self.assertEqual(self._codes(), ["2611/0102"])

    def test_back_to_never_continues_the_single_counter(self):
        before = self.company._opportunity_next_counter()
        self.company.write(
            {"opportunity_code_pattern": "CH{YY}-{COUNTER}", "opportunity_code_restart": "year"}
        )
        self._codes(2)
        self.company.opportunity_code_restart = "never"
        self.assertEqual(self.company._opportunity_next_counter(), before)

    def test_a_pattern_without_the_period_is_refused(self):
        self.company.opportunity_code_pattern = "CH-{COUNTER}"
        with self.assertRaisesRegex(ValidationError, "needs the year"):
            self.company.opportunity_code_restart = "year"
        self.company.opportunity_code_pattern = "CH{YYYY}-{COUNTER}"
        with self.assertRaisesRegex(ValidationError, "needs the month"):
            self.company.opportunity_code_restart = "month"
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.company.write({"opportunity_code_restart": "year", "opportunity_code_start": -1})

    def test_a_test_run_previews_without_using_numbers(self):
        self.company.write(
            {"opportunity_code_pattern": "CH{YYYY}-{COUNTER}", "opportunity_code_restart": "year"}
        )
        with freeze_time("2030-05-05"):
            preview = self.Opportunity.with_context(opportunity_preview_codes={})
            codes = preview.create(
                [
                    {
                        "name": "Preview",
                        "partner_id": self.partner.id,
                        "pipeline_id": self.pipeline.id,
                    }
                ]
            ).mapped("code")
            self.assertEqual(codes, ["CH2030-0001"])
            self.env.flush_all()
            self.assertFalse(
                self.env["ir.sequence.date_range"].search_count(
                    [
                        ("sequence_id", "=", self.company.opportunity_sequence_id.id),
                        ("date_from", "=", "2030-01-01"),
                    ]
                ),
                "a preview creates no period",
            )

    def test_a_batch_draws_its_codes_in_constant_queries(self):
        self.company.write(
            {"opportunity_code_pattern": "CH{YYYY}-{COUNTER}", "opportunity_code_restart": "year"}
        )
        self._codes()  # the period exists
        vals = {"partner_id": self.partner.id, "pipeline_id": self.pipeline.id}
        self.env.flush_all()
        queries = []
        for count in (1, 50):
            start = self.env.cr.sql_log_count
            self.Opportunity.create([dict(vals, name=f"Q {i}") for i in range(count)])
            self.env.flush_all()
            queries.append(self.env.cr.sql_log_count - start)
        self.assertEqual(queries[0], queries[1], "one draw per batch, whatever its size")
