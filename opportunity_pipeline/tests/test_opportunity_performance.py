# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Query budgets of the hot paths, exact for each installed combination of the addons: create
one and a hundred, a stage change, the kanban and the list."""

from contextlib import contextmanager

from odoo.addons.opportunity_pipeline.compat import ODOO_19
from odoo.tests import tagged, users, warmup

from .client import web_read_group
from .common import OpportunityCommon

# Exact query counts, measured on Odoo 18.0 and 19.0 for each combination of the addons, with and
# without demo data (see README, "Benchmarks" for crm.lead side by side). A count above OR below
# its figure fails: a regression cannot hide in a loose budget, and a gain is written down here.
# The stage write includes the stage-history row (time spent in the stage it leaves), the
# stage's rule (read with the stage) and the tracked fields' initial values. create(100) is
# measured after create(1) and create(100) have warmed the caches; it must not exceed
# create(1) + 2 in any case.
CORE = {
    # 19.0 caches the new rows' unset computed columns at INSERT; 18.0 reads them back (1 query)
    "create_1": 17 if ODOO_19 else 18,
    "create_100": 8 if ODOO_19 else 9,
    "stage_write": 11,  # 10 before the related partners were tracked (their initial value)
    # 19.0's web_read_group also opens the non-empty unfolded columns: 1 search each (3 here)
    "kanban_read_group": 6 if ODOO_19 else 3,
    "kanban_progress_bar": 1,
    "list_page": 8,
}
BUDGETS = {
    # installed bridges -> counts; the bridges add no query to these operations
    (): CORE,
    ("opportunity_pipeline_sale",): CORE,
    ("opportunity_pipeline_project",): CORE,
    ("opportunity_pipeline_project", "opportunity_pipeline_sale"): CORE,
}
BRIDGES = ("opportunity_pipeline_project", "opportunity_pipeline_sale")
# the same figures for the analysis tests (kanban with both sums)
KANBAN_READ_GROUP = CORE["kanban_read_group"]
KANBAN_PROGRESS_BAR = CORE["kanban_progress_bar"]


@tagged("post_install", "-at_install", "opportunity_perf")
class TestOpportunityPerformance(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company._opportunity_sequence()
        cls.opportunities = cls.env["opportunity.opportunity"].create(
            [
                {
                    "name": f"Perf {i}",
                    "partner_id": cls.partner.id,
                    "pipeline_id": cls.pipeline.id,
                    "stage_id": cls.pipeline.stage_ids[i % 3].id,
                    "user_id": cls.user_manager.id,
                    "amount": 100 * i,
                    "label_ids": [(6, 0, cls.label_vip.ids)],
                }
                for i in range(30)
            ]
        )

    def _budget(self, name):
        loaded = self.env.registry._init_modules
        installed = tuple(bridge for bridge in BRIDGES if bridge in loaded)
        self.assertIn(installed, BUDGETS, "no query budget measured for this combination")
        return BUDGETS[installed][name]

    @contextmanager
    def assertExactQueries(self, name):
        """``assertQueryCount`` fails above the budget only; this fails below it too."""
        expected = self._budget(name)
        self.env.flush_all()
        self.env.cr.flush()
        # assertQueryCount reads the user's login before it starts counting: read it here too
        self.assertTrue(self.env.user.login)
        before = self.cr.sql_log_count
        with self.assertQueryCount(op_manager=expected):
            yield
        if self.warm:
            count = self.cr.sql_log_count - before
            self.assertEqual(count, expected, f"{name}: {count} queries, budget {expected}")

    def _vals(self, count):
        return [
            {
                "name": f"Query {i}",
                "partner_id": self.partner.id,
                "pipeline_id": self.pipeline.id,
                "user_id": self.user_manager.id,
                "amount": 10.0 * i,
            }
            for i in range(count)
        ]

    @users("op_manager")
    @warmup
    def test_create_one(self):
        Opportunity = self.env["opportunity.opportunity"]
        with self.assertExactQueries("create_1"):
            Opportunity.create(self._vals(1))
            self.env.flush_all()

    @users("op_manager")
    @warmup
    def test_create_hundred_is_flat(self):
        Opportunity = self.env["opportunity.opportunity"]
        counts = []
        for size in (1, 100):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            Opportunity.create(self._vals(size))
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
        self.assertLessEqual(counts[1], counts[0] + 2, f"create(1) vs create(100): {counts}")
        with self.assertExactQueries("create_100"):
            Opportunity.create(self._vals(100))
            self.env.flush_all()

    @users("op_manager")
    @warmup
    def test_stage_write(self):
        opportunity = self.opportunities[0].with_env(self.env)
        stage = (
            self.stage_closing if opportunity.stage_id != self.stage_closing else self.stage_quoted
        )
        opportunity.invalidate_recordset()
        with self.assertExactQueries("stage_write"):
            opportunity.write({"stage_id": stage.id})
            self.env.flush_all()

    @users("op_manager")
    @warmup
    def test_kanban_loading(self):
        Opportunity = self.env["opportunity.opportunity"]
        domain = [("pipeline_id", "=", self.pipeline.id), ("state", "=", "open")]
        self.env.invalidate_all()
        with self.assertExactQueries("kanban_read_group"):
            web_read_group(Opportunity, domain, ["stage_id"], ["amount:sum"])
        with self.assertExactQueries("kanban_progress_bar"):
            Opportunity.read_progress_bar(
                domain,
                "stage_id",
                {
                    "field": "activity_state",
                    "colors": {"planned": "success", "today": "warning", "overdue": "danger"},
                    "sum_field": "amount",
                },
            )

    @users("op_manager")
    @warmup
    def test_list_page(self):
        Opportunity = self.env["opportunity.opportunity"]
        self.env.invalidate_all()
        spec = {
            "code": {},
            "name": {},
            "partner_id": {"fields": {"display_name": {}}},
            "pipeline_id": {"fields": {"display_name": {}}},
            "stage_id": {"fields": {"display_name": {}}},
            "amount": {},
            "probability": {},
            "date_deadline": {},
            "user_id": {"fields": {"display_name": {}}},
            "label_ids": {"fields": {"display_name": {}, "color": {}}},
            "state": {},
            "currency_id": {"fields": {}},
        }
        with self.assertExactQueries("list_page"):
            result = Opportunity.web_search_read(
                [("pipeline_id", "=", self.pipeline.id)], spec, limit=80
            )
        self.assertEqual(result["length"], 30)
