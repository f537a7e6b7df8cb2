# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Codes without gaps, and one counter per sales process (settings, every path that numbers)."""

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common_import import OpportunityImportCommon, xlsx_bytes


@tagged("post_install", "-at_install")
class TestOpportunityCodeCounters(OpportunityImportCommon):
    def _counters(self, opportunities):
        return [int(code.rsplit("-", 1)[1]) for code in opportunities.mapped("code")]

    def _settings(self, **values):
        with Form(self.env["res.config.settings"]) as form:
            for name, value in values.items():
                setattr(form, name, value)

    # ------------------------------------------------------------
    # Codes without gaps
    # ------------------------------------------------------------

    def test_switching_to_no_gap_and_back_keeps_the_next_number(self):
        self.company._opportunity_set_next_counter(41)
        self._settings(opportunity_code_no_gap=True)
        sequence = self.company._opportunity_sequence()
        self.assertEqual(sequence.implementation, "no_gap")
        self.assertEqual(self.company._opportunity_next_counter(), 41)
        self.assertEqual(self._counters(self._create_opportunity()), [41])
        self._settings(opportunity_code_no_gap=False)
        self.assertEqual(sequence.implementation, "standard")
        self.assertEqual(self._counters(self._create_opportunity()), [42])

    def test_no_gap_gives_back_the_numbers_of_a_failed_save(self):
        self.company.opportunity_code_no_gap = True
        start = self.company._opportunity_next_counter()
        self.stage_quoted.required_field_ids = self.env["ir.model.fields"]._get(
            "opportunity.opportunity", "amount"
        )
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.Opportunity.create(
                [
                    {
                        "name": "Fine",
                        "partner_id": self.partner.id,
                        "pipeline_id": self.pipeline.id,
                    },
                    {
                        "name": "Refused",
                        "partner_id": self.partner.id,
                        "stage_id": self.stage_quoted.id,
                    },
                ]
            )
        self.assertEqual(self.company._opportunity_next_counter(), start, "nothing used up")
        batch = self.Opportunity.create(
            [{"name": f"Deal {i}", "partner_id": self.partner.id} for i in range(3)]
        )
        self.assertEqual(self._counters(batch), [start, start + 1, start + 2])

    def test_a_failed_all_or_nothing_import_uses_no_number_without_gaps(self):
        self.company.opportunity_code_no_gap = True
        self.stage_quoted.required_field_ids = self.env["ir.model.fields"]._get(
            "opportunity.opportunity", "amount"
        )
        start = self.company._opportunity_next_counter()
        rows = self._simple_rows(3)
        rows.append(
            self._row(name="No value", partner="Công ty ABC", pipeline="RT", stage="Quoted")
        )
        history = self._wizard(xlsx_bytes(rows), user=self.user_own)._run(dry_run=False)
        self.assertEqual(history.created_count, 0)
        self.assertTrue(history.error_ids, "the row is refused")
        self.assertEqual(self.company._opportunity_next_counter(), start, "nothing used up")
        history = self._wizard(xlsx_bytes(self._simple_rows(2)), user=self.user_own)._run(False)
        self.assertEqual(self._counters(history.created_opportunity_ids), [start, start + 1])

    def test_no_gap_with_monthly_restart_keeps_each_period(self):
        self.company.write({"opportunity_code_restart": "month", "opportunity_code_start": 1})
        with freeze_time("2026-11-20"):
            self.assertEqual(self._counters(self._create_opportunity()), [1])
            self.company.opportunity_code_no_gap = True
            self.assertEqual(self._counters(self._create_opportunity()), [2])
        with freeze_time("2026-12-02"):
            self.assertEqual(self._counters(self._create_opportunity()), [1], "a new month")
            self.company.opportunity_code_no_gap = False
            self.assertEqual(self._counters(self._create_opportunity()), [2])
        with freeze_time("2026-11-25"):
            self.assertEqual(self._counters(self._create_opportunity()), [3], "November's own")

    # ------------------------------------------------------------
    # One counter per sales process
    # ------------------------------------------------------------

    def test_each_process_counts_on_its_own(self):
        self._settings(
            opportunity_code_pattern="{PIPELINE}-{COUNTER}", opportunity_code_per_pipeline=True
        )
        retail = self.Opportunity.create(
            [
                {"name": f"R{i}", "partner_id": self.partner.id, "pipeline_id": self.pipeline.id}
                for i in range(2)
            ]
        )
        mixed = self.Opportunity.create(
            [
                {"name": "P1", "partner_id": self.partner.id, "pipeline_id": self.pipeline_b.id},
                {"name": "R3", "partner_id": self.partner.id, "pipeline_id": self.pipeline.id},
                {"name": "P2", "partner_id": self.partner.id, "pipeline_id": self.pipeline_b.id},
            ]
        )
        self.assertEqual(retail.mapped("code"), ["RT-0001", "RT-0002"])
        self.assertEqual(mixed.mapped("code"), ["DX-0001", "RT-0003", "DX-0002"])

    def test_the_form_previews_and_the_process_sets_its_next_number(self):
        self.company.write(
            {
                "opportunity_code_pattern": "{PIPELINE}-{COUNTER}",
                "opportunity_code_per_pipeline": True,
            }
        )
        with Form(self.pipeline_b.with_user(self.user_manager)) as form:
            self.assertEqual(form.code_next_number, 1)
            form.code_next_number = 70
        form = Form(self.Opportunity.with_user(self.user_own))
        form.partner_id = self.partner
        form.pipeline_id = self.pipeline_b
        self.assertEqual(form.code_preview, "DX-0070")
        form.pipeline_id = self.pipeline
        self.assertEqual(form.code_preview, "RT-0001")
        form.name = "Previewed"
        self.assertEqual(form.save().code, "RT-0001")

    def test_one_counter_per_process_needs_the_process_in_the_pattern(self):
        with self.assertRaisesRegex(ValidationError, r"needs \{PIPELINE\} in the code structure"):
            self.company.opportunity_code_per_pipeline = True
        self.company.opportunity_code_pattern = "{PIPELINE}{YY}-{COUNTER}"
        self.company.opportunity_code_per_pipeline = True
        with self.assertRaisesRegex(ValidationError, r"needs \{PIPELINE\}"):
            self.company.opportunity_code_pattern = "CH{YY}-{COUNTER}"

    def test_per_process_counters_restart_and_go_without_gaps(self):
        self.company.write(
            {
                "opportunity_code_pattern": "{PIPELINE}{YY}-{COUNTER}",
                "opportunity_code_per_pipeline": True,
                "opportunity_code_restart": "year",
                "opportunity_code_no_gap": True,
            }
        )
        with freeze_time("2026-06-01"):
            self.assertEqual(self._create_opportunity().code, "RT26-0001")
            self.assertEqual(
                self._create_opportunity(pipeline_id=self.pipeline_b.id).code, "DX26-0001"
            )
        with freeze_time("2027-01-03"):
            self.assertEqual(self._create_opportunity().code, "RT27-0001")
        sequences = self.company._opportunity_sequences()
        self.assertEqual(set(sequences.mapped("implementation")), {"no_gap"})
        self.assertEqual(len(sequences), 3, "the company's and one per process")

    def test_only_administrators_set_a_process_counter(self):
        self.company.write(
            {
                "opportunity_code_pattern": "{PIPELINE}-{COUNTER}",
                "opportunity_code_per_pipeline": True,
            }
        )
        pipeline = self.pipeline.with_user(self.user_own)
        self.assertNotIn("code_next_number", pipeline.fields_get())
        with self.assertRaises(AccessError):
            pipeline.write({"code_next_number": 5})
        self.assertEqual(self.company._opportunity_next_counter(pipeline=self.pipeline), 1)
