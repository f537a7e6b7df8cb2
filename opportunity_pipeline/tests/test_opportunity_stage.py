# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stages and processes: the default stage, a stage of the opportunity's process only,
tracking, kanban columns, nothing in use deleted, unique codes and labels, process figures."""

from psycopg2.errors import CheckViolation, UniqueViolation

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .client import web_read_group
from .common import OpportunityCommon


@tagged("post_install", "-at_install")
class TestOpportunityStage(OpportunityCommon):
    def test_first_stage_is_the_default(self):
        opportunity = self._create_opportunity()
        self.assertEqual(opportunity.stage_id, self.stage_new)
        self.assertEqual(opportunity.probability, 10, "rate taken from the stage's default")

    def test_reordering_changes_the_default_stage(self):
        self.stage_quoted.sequence = 0
        self.assertEqual(self._create_opportunity().stage_id, self.stage_quoted)

    def test_changing_pipeline_moves_to_its_first_stage(self):
        opportunity = self._create_opportunity(stage_id=self.stage_quoted.id)
        opportunity.pipeline_id = self.pipeline_b
        self.assertEqual(opportunity.stage_id, self.stage_b1)
        opportunity.write({"pipeline_id": self.pipeline.id, "stage_id": self.stage_closing.id})
        self.assertEqual(opportunity.stage_id, self.stage_closing)

    def test_stage_of_another_pipeline_is_refused(self):
        opportunity = self._create_opportunity()
        with (
            self.assertRaisesRegex(ValidationError, "belongs to the sales process Dự án"),
            self.cr.savepoint(),
        ):
            opportunity.write({"stage_id": self.stage_b2.id})
        with (
            self.assertRaisesRegex(ValidationError, "belongs to the sales process"),
            self.cr.savepoint(),
        ):
            self._create_opportunity(stage_id=self.stage_b1.id)
        self._assert_rolled_back(opportunity, "stage_id", self.stage_new)

    def test_stage_without_pipeline_brings_its_pipeline(self):
        opportunity = self.Opportunity.create(
            {"name": "RPC", "partner_id": self.partner.id, "stage_id": self.stage_b2.id}
        )
        self.assertEqual(opportunity.pipeline_id, self.pipeline_b)
        self.assertEqual(opportunity.stage_id, self.stage_b2)

    def test_pipeline_without_stage_gives_a_clear_error(self):
        empty = self.env["opportunity.pipeline"].create({"name": "Empty process"})
        with self.assertRaisesRegex(ValidationError, "Empty process has no stage"):
            self._create_opportunity(pipeline_id=empty.id)

    def test_stage_change_is_tracked_and_stamped(self):
        opportunity = self._create_opportunity()
        self._flush_tracking()  # a change in the creating transaction is not tracked
        before = opportunity.date_last_stage_update
        opportunity.stage_id = self.stage_quoted
        self._flush_tracking()
        tracking = opportunity.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "stage_id"
        )
        self.assertEqual(tracking.old_value_char, "Lead In")
        self.assertEqual(tracking.new_value_char, "Quoted")
        self.assertGreaterEqual(opportunity.date_last_stage_update, before)
        self.assertEqual(opportunity.probability, 50)

    def test_user_rate_overrides_stage_default(self):
        opportunity = self._create_opportunity(probability=35)
        self.assertEqual(opportunity.probability, 35)
        opportunity.stage_id = self.stage_closing  # no default on this stage
        self.assertEqual(opportunity.probability, 35)
        with mute_logger("odoo.sql_db"), self.assertRaises(CheckViolation), self.cr.savepoint():
            opportunity.write({"probability": 120})
            opportunity.flush_recordset()

    def test_kanban_columns_are_the_chosen_pipeline_stages(self):
        self._create_opportunity(amount=1000)
        self._create_opportunity(amount=500, stage_id=self.stage_quoted.id)
        self._create_opportunity(amount=700, pipeline_id=self.pipeline_b.id)
        groups = web_read_group(
            self.Opportunity, [("pipeline_id", "=", self.pipeline.id)], ["stage_id"], ["amount:sum"]
        )
        self.assertEqual(
            [g["stage_id"][0] for g in groups],
            self.pipeline.stage_ids.ids,
            "every stage of the pipeline, the empty 'Closing' included, and no other",
        )
        by_stage = {g["stage_id"][0]: g for g in groups}
        self.assertEqual(by_stage[self.stage_new.id]["amount"], 1000)
        self.assertEqual(by_stage[self.stage_quoted.id]["amount"], 500)
        self.assertEqual(by_stage[self.stage_closing.id]["__count"], 0)

    def test_kanban_without_pipeline_shows_one_pipeline_columns(self):
        self._create_opportunity()
        groups = web_read_group(
            self.Opportunity,
            [("id", "in", self.Opportunity.search([("partner_id", "=", self.partner.id)]).ids)],
            ["stage_id"],
        )
        self.assertEqual(
            [g["stage_id"][0] for g in groups],
            self.pipeline.stage_ids.ids,
            "the preferred process's columns (the empty ones included), none of another process",
        )
        with_default = web_read_group(
            self.Opportunity.with_context(default_pipeline_id=self.pipeline_b.id),
            [("partner_id", "=", self.partner.id)],
            ["stage_id"],
        )
        self.assertEqual(
            [g["stage_id"][0] for g in with_default],
            [*self.pipeline_b.stage_ids.ids, self.stage_new.id],
            "no empty column of another process; a stage holding a record keeps its column",
        )

    def test_delete_pipeline_or_stage_in_use_is_refused(self):
        self._create_opportunity(stage_id=self.stage_quoted.id)
        with self.assertRaisesRegex(
            UserError, r"still has opportunities \(Retail: 1\)\. Archive it"
        ):
            self.pipeline.unlink()
        with self.assertRaisesRegex(UserError, r"still has opportunities \(Quoted: 1\)"):
            self.stage_quoted.unlink()
        self.stage_closing.unlink()
        self.assertFalse(self.stage_closing.exists())
        self.pipeline.action_archive()
        self.assertFalse(self.pipeline.active)
        self.pipeline_b.unlink()
        self.assertFalse(self.stage_b1.exists(), "an empty process takes its stages along")

    def test_pipeline_codes_are_unique(self):
        with (
            self.assertRaisesRegex(ValidationError, "code RT is already used"),
            self.cr.savepoint(),
        ):
            self.env["opportunity.pipeline"].create({"name": "Other retail", "code": "RT"})
        other_company = self.env["res.company"].create({"name": "Code Co"})
        with (
            self.assertRaisesRegex(ValidationError, "code RT is already used"),
            self.cr.savepoint(),
        ):
            self.env["opportunity.pipeline"].create(
                {"name": "Other", "code": "RT", "company_id": other_company.id}
            )
        self.pipeline.company_id = self.company
        self.env["opportunity.pipeline"].create(
            {"name": "Other", "code": "RT", "company_id": other_company.id}
        )

    def test_labels_are_unique_by_name(self):
        with mute_logger("odoo.sql_db"), self.assertRaises(UniqueViolation), self.cr.savepoint():
            self.env["opportunity.label"].create({"name": "VIP test"})
            self.env.flush_all()

    def test_preferred_pipeline_is_the_last_used(self):
        opportunity = self._create_opportunity(pipeline_id=self.pipeline_b.id)
        opportunity.name = "Touched"
        action = self.Opportunity.action_open_pipeline_kanban()
        self.assertEqual(action["context"]["searchpanel_default_pipeline_id"], self.pipeline_b.id)
        self.assertEqual(action["res_model"], "opportunity.opportunity")

    def test_pipeline_stats(self):
        self._create_opportunity(amount=300)
        self._create_opportunity(amount=200)
        self.assertEqual(self.pipeline.opportunity_count, 2)
        self.assertEqual(self.pipeline.opportunity_amount, 500)
        self.assertEqual(self.pipeline.stage_count, 3)
        copy = self.pipeline.copy()
        self.assertEqual(len(copy.stage_ids), 3)
        self.assertFalse(copy.code)
