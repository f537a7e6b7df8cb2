# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Idle opportunities: days in stage, the stage's Idle After, the SQL-backed search."""

from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import OpportunityCommon


@tagged("post_install", "-at_install")
class TestOpportunityIdle(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_new.idle_days = 7
        cls.stage_quoted.idle_days = 0  # never idle

    def _entered(self, opportunities, days_ago):
        """Put opportunities in their stage ``days_ago`` days (and one hour) ago."""
        when = fields.Datetime.now() - timedelta(days=days_ago, hours=1)
        opportunities.env.flush_all()
        self.env.cr.execute(
            "UPDATE opportunity_opportunity SET date_last_stage_update = %s WHERE id IN %s",
            [when, tuple(opportunities.ids)],
        )
        opportunities.invalidate_recordset(["date_last_stage_update"])

    def test_idle_after_more_days_than_the_stage_allows(self):
        at_limit, beyond = self._create_opportunity(), self._create_opportunity()
        self._entered(at_limit, 7)
        self._entered(beyond, 8)
        self.assertEqual((at_limit.days_in_stage, beyond.days_in_stage), (7, 8))
        self.assertFalse(at_limit.is_idle, "7 days in a 7-day stage is not yet idle")
        self.assertTrue(beyond.is_idle)
        Idle = self.Opportunity.search(
            [("is_idle", "=", True), ("id", "in", (at_limit | beyond).ids)]
        )
        self.assertEqual(Idle, beyond)

    def test_never_idle_when_the_stage_says_zero_or_when_closed(self):
        quoted = self._create_opportunity(stage_id=self.stage_quoted.id)
        won = self._create_opportunity()
        won.action_set_won()
        self._entered(quoted | won, 400)
        self.assertFalse(quoted.is_idle)
        self.assertFalse(won.is_idle)
        found = self.Opportunity.search([("is_idle", "=", True), ("id", "in", (quoted | won).ids)])
        self.assertFalse(found)

    def test_moving_to_another_stage_restarts_the_count(self):
        opportunity = self._create_opportunity()
        self._entered(opportunity, 30)
        self.assertTrue(opportunity.is_idle)
        opportunity.write({"stage_id": self.stage_closing.id})
        self.assertEqual(opportunity.days_in_stage, 0)
        self.assertFalse(opportunity.is_idle)

    def test_time_passing_makes_an_opportunity_idle(self):
        opportunity = self._create_opportunity()
        self.env.flush_all()
        self.assertFalse(opportunity.is_idle)
        with freeze_time(fields.Datetime.now() + timedelta(days=8, hours=1)):
            opportunity.invalidate_recordset(["days_in_stage", "is_idle"])
            self.assertTrue(opportunity.is_idle)
            self.assertIn(opportunity, self.Opportunity.search([("is_idle", "=", True)]))

    def test_search_on_many_records_is_one_query_and_agrees_with_the_compute(self):
        opportunities = self.Opportunity.create(
            [
                {
                    "name": f"Idle {i}",
                    "partner_id": self.partner.id,
                    "pipeline_id": self.pipeline.id,
                    "stage_id": (self.stage_new, self.stage_quoted, self.stage_closing)[i % 3].id,
                }
                for i in range(600)
            ]
        )
        for days, chunk in ((2, opportunities[:200]), (9, opportunities[200:400])):
            self._entered(chunk, days)
        self.env.flush_all()
        self.env.invalidate_all()
        scope = [("pipeline_id", "=", self.pipeline.id)]
        with self.assertQueryCount(1):
            idle = self.Opportunity.search([("is_idle", "=", True), *scope])
        expected = opportunities[200:400].filtered(lambda o: o.stage_id == self.stage_new)
        self.assertEqual(len(expected), 67)
        self.assertEqual(idle, expected)
        self.assertEqual(idle, opportunities.filtered("is_idle"), "search and compute agree")
        not_idle = self.Opportunity.search([("is_idle", "=", False), *scope])
        self.assertEqual(not_idle, opportunities - expected)
        self.assertEqual(self.Opportunity.search([("is_idle", "!=", True), *scope]), not_idle)

    def test_idle_filter_respects_record_rules(self):
        own = self._create_opportunity(user_id=self.user_own.id)
        other = self._create_opportunity(user_id=self.user_other.id)
        self._entered(own | other, 10)
        found = self.Opportunity.with_user(self.user_own).search([("is_idle", "=", True)])
        self.assertEqual(found, own)
        found = self.Opportunity.with_user(self.user_all).search([("is_idle", "=", True)])
        self.assertEqual(found, own | other)

    def test_only_administrators_set_idle_days(self):
        self.assertEqual(self.stage_new.with_user(self.user_own).idle_days, 7)
        with self.assertRaises(AccessError):
            self.stage_new.with_user(self.user_all).write({"idle_days": 3})
        form = Form(self.stage_new.with_user(self.user_manager))
        form.idle_days = 3
        form.save()
        self.assertEqual(self.stage_new.idle_days, 3)

    def test_list_sorts_by_the_date_entered_in_the_stage(self):
        older, newer = self._create_opportunity(), self._create_opportunity()
        self._entered(older, 20)
        self._entered(newer, 3)
        found = self.Opportunity.search(
            [("id", "in", (older | newer).ids)], order="date_last_stage_update"
        )
        self.assertEqual(found.mapped("days_in_stage"), [20, 3], "oldest date = most days first")
