# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reporting: win rate, sales cycle, forecast grouping, and the query budgets of the new sums."""

from ast import literal_eval
from datetime import date, timedelta

from odoo import fields
from odoo.tests import tagged, users, warmup

from .client import web_read_group
from .common import OpportunityCommon
from .test_opportunity_performance import KANBAN_PROGRESS_BAR, KANBAN_READ_GROUP

# The list page of test_opportunity_performance with the new columns, on more rows than the page
# (so with the count of all rows), sorted on each new sortable column.
LIST_PAGE_SORTED = 8


@tagged("post_install", "-at_install")
class TestOpportunityAnalysis(OpportunityCommon):
    def _close(self, opportunity, state, days):
        """Close ``opportunity`` as if it had been created ``days`` days before closing."""
        if state == "won":
            opportunity.action_set_won()
        else:
            reason = self.env["opportunity.lost.reason"].search([], limit=1)
            opportunity._action_set_lost_confirm(reason)
        opportunity.date_closed = opportunity.create_date + timedelta(days=days, hours=2)

    def test_win_rate_and_days_to_close_per_process_and_responsible(self):
        own = [self._create_opportunity(user_id=self.user_own.id) for _i in range(4)]
        other = [
            self._create_opportunity(user_id=self.user_other.id, pipeline_id=self.pipeline_b.id)
            for _i in range(2)
        ]
        still_open = self._create_opportunity(user_id=self.user_own.id)
        for opportunity, state, days in zip(
            own + other,
            ("won", "won", "won", "lost", "won", "lost"),
            (10, 20, 30, 40, 5, 15),
            strict=True,
        ):
            self._close(opportunity, state, days)
        self.assertEqual((own[0].won_rate, own[3].won_rate, own[3].days_to_close), (100, 0, 40))
        self.assertEqual((still_open.won_rate, still_open.days_to_close), (0, 0))
        action = self.env.ref("opportunity_pipeline.opportunity_opportunity_action_win_rate")
        domain = [
            *literal_eval(action.domain),
            ("user_id", "in", (self.user_own | self.user_other).ids),
        ]
        groups = self.Opportunity._read_group(
            domain, ["user_id"], ["won_rate:avg", "days_to_close:avg", "__count"]
        )
        by_user = {user: (rate, cycle, count) for user, rate, cycle, count in groups}
        self.assertEqual(by_user[self.user_own], (75, 25, 4), "open ones are not counted")
        self.assertEqual(by_user[self.user_other], (50, 10, 2))
        groups = self.Opportunity._read_group(domain, ["pipeline_id"], ["won_rate:avg"])
        self.assertEqual(dict(groups), {self.pipeline: 75, self.pipeline_b: 50})
        won = own[0]
        won.action_reopen()
        self.assertEqual((won.won_rate, won.days_to_close), (0, 0), "reopened: not closed")

    def test_forecast_weighted_value_by_month_and_stage(self):
        this_month = fields.Date.context_today(self.Opportunity).replace(day=1)
        next_month = (this_month + timedelta(days=32)).replace(day=1)
        self._create_opportunity(amount=1000, date_deadline=this_month)
        self._create_opportunity(amount=1000, date_deadline=next_month)
        self._create_opportunity(
            amount=2000, date_deadline=next_month, stage_id=self.stage_quoted.id
        )
        lost = self._create_opportunity(amount=9000, date_deadline=next_month)
        lost._action_set_lost_confirm(self.env["opportunity.lost.reason"].search([], limit=1))
        action = self.env.ref("opportunity_pipeline.opportunity_opportunity_action_forecast")
        domain = [*literal_eval(action.domain), ("pipeline_id", "=", self.pipeline.id)]
        groups = self.Opportunity._read_group(
            domain, ["date_deadline:month", "stage_id"], ["weighted_amount:sum"]
        )
        self.assertEqual(
            {(month, stage): total for month, stage, total in groups},
            {
                (this_month, self.stage_new): 100,
                (next_month, self.stage_new): 100,
                (next_month, self.stage_quoted): 1000,
            },
        )

    def test_reporting_is_for_the_all_documents_group(self):
        forecast = self.env.ref("opportunity_pipeline.opportunity_menu_reporting_forecast")
        reporting = forecast.parent_id
        self.assertEqual(reporting, self.env.ref("opportunity_pipeline.opportunity_menu_reporting"))
        Menu = self.env["ir.ui.menu"]
        self.assertIn(reporting.id, Menu.with_user(self.user_all)._visible_menu_ids())
        self.assertNotIn(reporting.id, Menu.with_user(self.user_own)._visible_menu_ids())


@tagged("post_install", "-at_install", "opportunity_perf")
class TestOpportunityAnalysisBudgets(OpportunityCommon):
    """Both column sums, the idle search and the pivot keep the counts of a 30-record kanban on
    10 times more records (benchmarks/bench_analysis.py measures 100,000)."""

    def _populate(self, count):
        existing = self.Opportunity.search_count([("pipeline_id", "=", self.pipeline.id)])
        if count > existing:
            self.Opportunity.with_context(tracking_disable=True).create(
                [
                    {
                        "name": f"Budget {i}",
                        "partner_id": self.partner.id,
                        "pipeline_id": self.pipeline.id,
                        "stage_id": self.pipeline.stage_ids[i % 3].id,
                        "user_id": self.user_manager.id,
                        "amount": 100 * i,
                        "date_deadline": date(2026, 1 + i % 12, 1),
                    }
                    for i in range(count - existing)
                ]
            )
        self.env.flush_all()
        self.env.invalidate_all()

    @users("op_manager")
    @warmup
    def test_kanban_with_both_sums_is_flat(self):
        domain = [("pipeline_id", "=", self.pipeline.id), ("state", "=", "open")]
        for size in (30, 300):
            self._populate(size)
            with self.assertQueryCount(op_manager=KANBAN_READ_GROUP):
                web_read_group(
                    self.env["opportunity.opportunity"],
                    domain,
                    ["stage_id"],
                    ["amount:sum", "weighted_amount:sum"],
                )
            with self.assertQueryCount(op_manager=KANBAN_PROGRESS_BAR):
                self.env["opportunity.opportunity"].read_progress_bar(
                    domain,
                    "stage_id",
                    {"field": "activity_state", "colors": {"planned": "success"}},
                )

    @users("op_manager")
    @warmup
    def test_pivot_stage_by_month_and_idle_search_are_one_query(self):
        self._populate(300)
        Opportunity = self.env["opportunity.opportunity"]
        with self.assertQueryCount(op_manager=1):
            Opportunity._read_group(
                [("pipeline_id", "=", self.pipeline.id)],
                ["stage_id", "date_deadline:month"],
                ["__count", "amount:sum", "weighted_amount:sum", "probability:avg"],
            )
        with self.assertQueryCount(op_manager=1):
            Opportunity.search([("is_idle", "=", True)])

    @users("op_manager")
    @warmup
    def test_list_page_with_the_new_columns(self):
        self._populate(300)
        spec = {
            "code": {},
            "name": {},
            "partner_id": {"fields": {"display_name": {}}},
            "pipeline_id": {"fields": {"display_name": {}}},
            "stage_id": {"fields": {"display_name": {}}},
            "amount": {},
            "probability": {},
            "weighted_amount": {},
            "date_deadline": {},
            "user_id": {"fields": {"display_name": {}}},
            "label_ids": {"fields": {"display_name": {}, "color": {}}},
            "state": {},
            "date_last_stage_update": {},
            "days_in_stage": {},
            "is_idle": {},
            "currency_id": {"fields": {}},
        }
        for order in ("create_date desc", "date_last_stage_update", "weighted_amount desc"):
            self.env.invalidate_all()
            with self.assertQueryCount(op_manager=LIST_PAGE_SORTED):
                result = self.env["opportunity.opportunity"].web_search_read(
                    [("pipeline_id", "=", self.pipeline.id)], spec, limit=80, order=order
                )
            self.assertEqual(result["length"], 300)
