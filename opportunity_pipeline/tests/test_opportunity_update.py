# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The quick update wizard: prefilled for one opportunity, only what is filled applied to a
selection, what it refuses, and the stage history it writes."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import OpportunityCommon


@tagged("post_install", "-at_install")
class TestOpportunityUpdate(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.first = cls._create_opportunity(name="First", user_id=cls.user_own.id, amount=100)
        cls.second = cls._create_opportunity(
            name="Second",
            user_id=cls.user_own.id,
            amount=200,
            label_ids=[Command.set(cls.label_hot.ids)],
        )
        cls.other_pipeline = cls._create_opportunity(
            name="Elsewhere", pipeline_id=cls.pipeline_b.id
        )

    def _wizard(self, records, user=None):
        action = records.with_user(user or self.env.user).action_open_update_wizard()
        model = self.env[action["res_model"]].with_context(**action["context"])
        return Form(model.with_user(user) if user else model)

    def test_quick_update_of_one_opportunity_is_prefilled(self):
        form = self._wizard(self.first, self.user_own)
        self.assertEqual(form.stage_id, self.stage_new)
        self.assertEqual(form.amount, 100)
        form.stage_id = self.stage_quoted
        form.probability = 65
        form.date_deadline = "2027-01-31"
        form.amount = 1500
        form.save().action_apply()
        self.assertEqual(self.first.stage_id, self.stage_quoted)
        self.assertEqual(self.first.probability, 65, "the typed rate wins over the stage's default")
        self.assertEqual(str(self.first.date_deadline), "2027-01-31")
        self.assertEqual(self.first.amount, 1500)

    def test_bulk_update_applies_only_what_is_filled(self):
        form = self._wizard(self.first | self.second)
        form.stage_id = self.stage_closing
        form.user_id = self.user_other
        form.add_label_ids.add(self.label_vip)
        form.remove_label_ids.add(self.label_hot)
        form.save().action_apply()
        for opportunity in self.first | self.second:
            self.assertEqual(opportunity.stage_id, self.stage_closing)
            self.assertEqual(opportunity.user_id, self.user_other)
            self.assertEqual(opportunity.label_ids, self.label_vip)
        self.assertEqual((self.first.amount, self.second.amount), (100, 200), "value untouched")

    def test_bulk_update_across_pipelines_cannot_change_the_stage(self):
        form = self._wizard(self.first | self.other_pipeline)
        self.assertFalse(form.pipeline_id)
        wizard = form.save()
        wizard.stage_id = self.stage_quoted
        with self.assertRaisesRegex(
            UserError, r"not a stage of the sales process of \[CH.*Elsewhere"
        ):
            wizard.action_apply()
        self.assertEqual(self.first.stage_id, self.stage_new)

    def test_value_of_an_opportunity_with_lines_is_refused(self):
        self.first.line_ids = [Command.create({"product_id": self.product_a.id})]
        # read-only in the dialog (see test_opportunity_first_day); refused through RPC too
        wizard = self.env["opportunity.update.wizard"].create(
            {
                "opportunity_ids": [Command.set(self.first.ids)],
                "change_amount": True,
                "amount": 5,
            }
        )
        with self.assertRaisesRegex(UserError, "sum of their product lines"):
            wizard.action_apply()

    def test_mixed_selection_is_refused_for_a_plain_user(self):
        with self.assertRaisesRegex(AccessError, "none was changed"):
            (self.first | self.other_pipeline).with_user(self.user_own).action_open_update_wizard()
        wizard = self.env["opportunity.update.wizard"].create(
            {
                "opportunity_ids": [Command.set((self.first | self.other_pipeline).ids)],
                "date_deadline": "2027-02-01",
            }
        )
        with self.assertRaisesRegex(AccessError, r"#%s" % self.other_pipeline.id):
            wizard.with_user(self.user_own).action_apply()
        self.assertFalse(self.first.date_deadline)

    def test_every_stage_change_is_logged_with_its_duration(self):
        self.first.date_last_stage_update = "2026-01-01 00:00:00"
        self.first.stage_id = self.stage_quoted  # form, kanban drag, RPC: all write stage_id
        log = self.first.stage_log_ids
        self.assertEqual(len(log), 1)
        self.assertEqual((log.stage_id, log.new_stage_id), (self.stage_new, self.stage_quoted))
        self.assertGreater(log.duration_days, 1)
        self.assertAlmostEqual(log.duration_hours / 24, log.duration_days, delta=0.06)
        form = self._wizard(self.first | self.second)
        form.stage_id = self.stage_closing
        form.save().action_apply()
        self.assertEqual(len(self.first.stage_log_ids), 2)
        self.assertEqual(self.second.stage_log_ids.stage_id, self.stage_new)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.first.write({"stage_id": self.stage_b1.id})

    def test_stage_history_follows_the_access_rules(self):
        self.first.stage_id = self.stage_quoted
        self.other_pipeline.stage_id = self.stage_b2
        logs = self.env["opportunity.stage.log"].with_user(self.user_own).search([])
        self.assertEqual(logs.opportunity_id, self.first)
        self.assertEqual(
            self.env["opportunity.stage.log"]
            .with_user(self.user_all)
            .search_count([("opportunity_id", "in", (self.first | self.other_pipeline).ids)]),
            2,
        )
