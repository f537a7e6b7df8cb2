# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Opportunity codes: pattern keywords and padding, consecutive codes for a batch, codes typed
by hand, unique per company, new code on duplicate, search by code."""

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import OpportunityCommon


@tagged("post_install", "-at_install")
class TestOpportunityCode(OpportunityCommon):
    def _set_counter(self, value):
        self.company._opportunity_set_next_counter(value)

    @freeze_time("2026-11-26")
    def test_pattern_renders_date_and_padded_counter(self):
        self._set_counter(7)
        opportunity = self._create_opportunity()
        self.assertEqual(opportunity.code, "CH2611-0007")
        self.assertEqual(opportunity.display_name, "[CH2611-0007] Test opportunity")

    @freeze_time("2026-03-05")
    def test_every_keyword(self):
        self.company.write(
            {
                "opportunity_code_pattern": "{PIPELINE}/{YYYY}.{YY}.{MM}.{DD}/{COUNTER}",
                "opportunity_code_padding": 6,
            }
        )
        self._set_counter(42)
        opportunity = self._create_opportunity(pipeline_id=self.pipeline_b.id)
        self.assertEqual(opportunity.code, "DX/2026.26.03.05/000042")

    def test_counter_can_start_at_zero(self):
        self.company.opportunity_code_pattern = "OP-{COUNTER}"
        self.company.opportunity_code_padding = 0
        self._set_counter(0)
        self.assertEqual(self.company._opportunity_next_counter(), 0)
        first, second = self.Opportunity.create(
            [
                {"name": "First", "partner_id": self.partner.id, "pipeline_id": self.pipeline.id},
                {"name": "Second", "partner_id": self.partner.id, "pipeline_id": self.pipeline.id},
            ]
        )
        self.assertEqual((first.code, second.code), ("OP-0", "OP-1"))
        self.assertEqual(self.company._opportunity_next_counter(), 2)

    def test_batch_gets_consecutive_unique_codes(self):
        self.company.opportunity_code_pattern = "X{COUNTER}"
        self._set_counter(100)
        opportunities = self.Opportunity.create(
            [
                {
                    "name": f"Batch {i}",
                    "partner_id": self.partner.id,
                    "pipeline_id": self.pipeline.id,
                }
                for i in range(25)
            ]
        )
        self.assertEqual(opportunities.mapped("code"), [f"X{n:04d}" for n in range(100, 125)])

    def test_code_refused_when_editing_is_off(self):
        with self.assertRaisesRegex(UserError, "cannot be typed or changed"):
            self._create_opportunity(code="HAND-1")
        opportunity = self._create_opportunity()
        with self.assertRaisesRegex(UserError, "cannot be typed or changed"):
            opportunity.write({"code": "HAND-2"})
        # Writing the code it already has is not an edit (e.g. an import that updates by code).
        opportunity.write({"code": opportunity.code, "name": "Renamed"})
        self.assertEqual(opportunity.name, "Renamed")

    def test_typed_code_does_not_consume_the_counter(self):
        self.company.opportunity_code_editable = True
        self._set_counter(5)
        typed = self._create_opportunity(code="MY-CODE")
        self.assertEqual(typed.code, "MY-CODE")
        self.assertEqual(self.company._opportunity_next_counter(), 5)
        generated = self._create_opportunity()
        self.assertTrue(generated.code.endswith("-0005"))
        typed.code = "MY-CODE-2"
        self.assertEqual(typed.code, "MY-CODE-2")
        with self.assertRaisesRegex(UserError, "cannot be emptied"):
            typed.code = False

    def test_codes_are_unique_per_company(self):
        self.company.opportunity_code_editable = True
        self._create_opportunity(code="DUP-1")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self._create_opportunity(code="DUP-1")
        other_company = self.env["res.company"].create(
            {"name": "Other Co", "opportunity_code_editable": True}
        )
        same_code = self._create_opportunity(code="DUP-1", company_id=other_company.id)
        self.assertEqual(same_code.code, "DUP-1")

    def test_duplicate_gets_a_new_code(self):
        opportunity = self._create_opportunity(
            stage_id=self.stage_quoted.id,
            label_ids=[(6, 0, self.label_vip.ids)],
            line_ids=[(0, 0, {"product_id": self.product_a.id, "quantity": 3})],
        )
        copy = opportunity.copy()
        self.assertTrue(copy.code)
        self.assertNotEqual(copy.code, opportunity.code)
        self.assertEqual(copy.partner_id, opportunity.partner_id)
        self.assertEqual(copy.label_ids, self.label_vip)
        self.assertEqual(copy.line_ids.product_id, self.product_a)
        self.assertEqual(copy.stage_id, self.stage_new, "a copy starts at the first stage")
        self.assertEqual(copy.state, "open")

    def test_invalid_patterns_are_refused(self):
        with self.assertRaisesRegex(ValidationError, r"unknown keyword \{FOO\}"):
            self.company.opportunity_code_pattern = "CH{FOO}-{COUNTER}"
        with self.assertRaisesRegex(ValidationError, r"must contain \{COUNTER\}"):
            self.company.opportunity_code_pattern = "CH{YY}"
        with self.assertRaisesRegex(ValidationError, "unmatched brace"):
            self.company.opportunity_code_pattern = "CH{YY-{COUNTER}"

    def test_search_by_code(self):
        opportunity = self._create_opportunity(name="Searchable")
        found = self.Opportunity.name_search(opportunity.code)
        self.assertIn(opportunity.id, [row[0] for row in found])
