# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Weighted value (value x success rate / 100) on every path that changes either."""

from odoo.tests import Form, tagged

from .client import pivot_read_group, web_read_group
from .common import OpportunityCommon
from .common_import import EN, OpportunityImportCommon, xlsx_bytes


@tagged("post_install", "-at_install")
class TestOpportunityWeighted(OpportunityCommon):
    def test_form_computes_the_weighted_value_while_typing(self):
        form = Form(self.Opportunity.with_user(self.user_own))
        form.partner_id = self.partner
        form.name = "Weighted in the form"
        form.amount = 2000
        self.assertEqual(form.probability, 10, "the first stage's default rate")
        self.assertEqual(form.weighted_amount, 200)
        form.probability = 35
        self.assertEqual(form.weighted_amount, 700)
        opportunity = form.save()
        self.assertEqual(opportunity.weighted_amount, 700)

    def test_kanban_drag_to_a_stage_with_a_default_rate(self):
        opportunity = self._create_opportunity(amount=1000)
        self.assertEqual(opportunity.weighted_amount, 100)
        opportunity.write({"stage_id": self.stage_quoted.id})  # what the kanban drop sends
        self.assertEqual(opportunity.probability, 50)
        self.assertEqual(opportunity.weighted_amount, 500)
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT weighted_amount FROM opportunity_opportunity WHERE id = %s", [opportunity.id]
        )
        self.assertEqual(self.env.cr.fetchone()[0], 500, "stored, as the column sums read it")

    def test_product_lines_change_the_weighted_value(self):
        opportunity = self._create_opportunity(
            line_ids=[(0, 0, {"product_id": self.product_a.id, "quantity": 3})]
        )
        self.assertEqual((opportunity.amount, opportunity.weighted_amount), (300, 30))
        opportunity.line_ids.quantity = 5
        self.assertEqual(opportunity.weighted_amount, 50)

    def test_won_lost_and_reopen(self):
        won = self._create_opportunity(amount=800)
        lost = self._create_opportunity(amount=600)
        won.action_set_won()
        lost._action_set_lost_confirm(self.env["opportunity.lost.reason"].search([], limit=1))
        self.assertEqual((won.weighted_amount, lost.weighted_amount), (800, 0))
        won.action_reopen()
        self.assertEqual(won.weighted_amount, 80, "back to the stage's 10 %")

    def test_update_wizard(self):
        first = self._create_opportunity(amount=100, user_id=self.user_own.id)
        second = self._create_opportunity(amount=300, user_id=self.user_own.id)
        action = (first | second).with_user(self.user_own).action_open_update_wizard()
        wizard = self.env[action["res_model"]].with_user(self.user_own)
        form = Form(wizard.with_context(**action["context"]))
        form.stage_id = self.stage_quoted
        form.save().action_apply()
        self.assertEqual((first | second).mapped("weighted_amount"), [50, 150])

    def test_list_total_and_column_sums_add_the_weighted_values(self):
        self._create_opportunity(amount=1000)
        self._create_opportunity(amount=500, stage_id=self.stage_quoted.id)
        groups = web_read_group(
            self.Opportunity,
            [("pipeline_id", "=", self.pipeline.id)],
            ["stage_id"],
            ["amount:sum", "weighted_amount:sum"],
        )
        by_stage = {g["stage_id"][0]: (g["amount"], g["weighted_amount"]) for g in groups}
        self.assertEqual(by_stage[self.stage_new.id], (1000, 100))
        self.assertEqual(by_stage[self.stage_quoted.id], (500, 250))

    def test_responsible_reads_own_weighted_value_only(self):
        own = self._create_opportunity(amount=100, user_id=self.user_own.id)
        other = self._create_opportunity(amount=100, user_id=self.user_other.id)
        self.assertEqual(own.with_user(self.user_own).weighted_amount, 10)
        total = pivot_read_group(
            self.Opportunity.with_user(self.user_own),
            [("id", "in", (own | other).ids)],
            [],
            ["weighted_amount:sum"],
        )[0]["weighted_amount"]
        self.assertEqual(total, 10, "the other salesperson's opportunity is not counted")


@tagged("post_install", "-at_install")
class TestOpportunityWeightedImport(OpportunityImportCommon):
    def test_import_creates_and_updates_with_the_weighted_value(self):
        rows = self._simple_rows(1, amount=4000, probability=25)
        history = self._run(self._wizard(xlsx_bytes(rows)))
        self.assertEqual(history.state, "done", self._messages(history))
        opportunity = history.created_opportunity_ids
        self.assertEqual(opportunity.weighted_amount, 1000)
        rows = [EN, self._row(code=opportunity.code, amount=6000, stage="Quoted")]
        history = self._run(self._wizard(xlsx_bytes(rows), update_existing=True))
        self.assertEqual(history.state, "done", self._messages(history))
        self.assertEqual((opportunity.probability, opportunity.weighted_amount), (50, 3000))
