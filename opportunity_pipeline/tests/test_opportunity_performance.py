from odoo.tests import tagged, users, warmup

from .common import OpportunityCommon

# Query budgets, measured on Odoo 18.0 (see README, "Benchmarks" for crm.lead side by side).
# The stage write includes the stage-history row (time spent in the stage it leaves).
# Creating costs 18-19 queries with only this addon, up to 27 when Sales and Project are installed
# (their own create hooks); the budgets are the larger figures, and create(100) <= create(1) + 2.
CREATE_1 = 27
CREATE_100 = 27
STAGE_WRITE = 10
KANBAN_READ_GROUP = 3
KANBAN_PROGRESS_BAR = 1
LIST_PAGE = 8


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
        with self.assertQueryCount(op_manager=CREATE_1):
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
        with self.assertQueryCount(op_manager=CREATE_100):
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
        with self.assertQueryCount(op_manager=STAGE_WRITE):
            opportunity.write({"stage_id": stage.id})
            self.env.flush_all()

    @users("op_manager")
    @warmup
    def test_kanban_loading(self):
        Opportunity = self.env["opportunity.opportunity"]
        domain = [("pipeline_id", "=", self.pipeline.id), ("state", "=", "open")]
        self.env.invalidate_all()
        with self.assertQueryCount(op_manager=KANBAN_READ_GROUP):
            Opportunity.web_read_group(domain, ["amount:sum"], ["stage_id"], lazy=True)
        with self.assertQueryCount(op_manager=KANBAN_PROGRESS_BAR):
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
        with self.assertQueryCount(op_manager=LIST_PAGE):
            result = Opportunity.web_search_read(
                [("pipeline_id", "=", self.pipeline.id)], spec, limit=80
            )
        self.assertEqual(result["length"], 30)
