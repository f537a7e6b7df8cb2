# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sales targets: set by an administrator (form), one per person or process and period, their
achievement (won in the period, likely to close in it) in a constant number of queries, and who
reads or changes them."""

from datetime import date, datetime

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user
from odoo.tools import date_utils, format_amount

from .client import pivot_read_group
from .common import OpportunityCommon

DASH = "\N{EN DASH}"


class TargetCommon(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tz="UTC"))
        cls.Target = cls.env["opportunity.target"]
        cls.company_2 = cls.env["res.company"].create({"name": "Target Other Co"})

    @classmethod
    def _target(cls, **vals):
        values = {
            "target_type": "user",
            "user_id": cls.user_own.id,
            "period_type": "month",
            "date_start": "2025-03-01",
            "target_amount": 10000,
        }
        values.update(vals)
        return cls.Target.create(values)

    @classmethod
    def _won(cls, amount, closed, **vals):
        vals.setdefault("user_id", cls.user_own.id)
        opportunity = cls._create_opportunity(amount=amount, **vals)
        opportunity.write({"state": "won", "date_closed": closed})
        return opportunity


class TestOpportunityTarget(TargetCommon):
    def test_form_create_by_manager_normalizes_the_period(self):
        with Form(self.Target.with_user(self.user_manager)) as form:
            form.user_id = self.user_own
            form.period_type = "quarter"
            form.date_start = date(2025, 2, 14)
            form.target_amount = 50000
            form.target_count = 4
        target = form.record
        self.assertEqual(
            (target.date_start, target.date_end), (date(2025, 1, 1), date(2025, 3, 31))
        )
        self.assertEqual(target.display_name, f"Own Salesperson {DASH} Q1 2025")
        self.assertEqual(target.period_key, "2025-Q1")
        self.assertEqual(target.company_id, self.company)
        self.assertEqual(target.currency_id, self.company.currency_id)

    def test_create_and_write_store_the_first_day_of_the_period(self):
        target = self._target(date_start="2025-03-20")
        self.assertEqual(
            (target.date_start, target.date_end), (date(2025, 3, 1), date(2025, 3, 31))
        )
        self.assertEqual(target.display_name, f"Own Salesperson {DASH} 2025-03")
        target.write({"period_type": "year"})
        self.assertEqual(
            (target.date_start, target.date_end), (date(2025, 1, 1), date(2025, 12, 31))
        )
        self.assertEqual(
            (target.display_name, target.period_key), (f"Own Salesperson {DASH} 2025", "2025")
        )
        target.write({"date_start": "2026-07-09"})
        self.assertEqual(target.date_start, date(2026, 1, 1))

    def test_process_target_clears_the_salesperson(self):
        target = self._target(target_type="pipeline", pipeline_id=self.pipeline.id, user_id=False)
        self.assertEqual(target.display_name, f"Retail {DASH} 2025-03")
        with Form(target) as form:
            form.target_type = "user"
            form.user_id = self.user_other
        self.assertEqual(
            (target.user_id, target.pipeline_id), (self.user_other, self.pipeline.browse())
        )

    def test_overlap_refused_naming_the_other_target(self):
        existing = self._target(target_count=3)
        with self.assertRaises(ValidationError) as caught:
            self._target(date_start="2025-03-20", target_amount=900)
        self.assertIn(
            f"overlaps the existing target Own Salesperson {DASH} 2025-03", str(caught.exception)
        )
        self.assertEqual(self.Target.search([("user_id", "=", self.user_own.id)]), existing)
        # moving another target onto the same month is refused as well, and changes nothing
        april = self._target(date_start="2025-04-01")
        with self.assertRaises(ValidationError):
            april.write({"date_start": "2025-03-05"})
        self._assert_rolled_back(april, "date_start", date(2025, 4, 1))

    def test_targets_that_do_not_overlap_are_allowed(self):
        self._target()
        others = self._target(period_type="quarter", date_start="2025-01-01")
        others |= self._target(period_type="year")
        others |= self._target(date_start="2025-04-01")
        others |= self._target(user_id=self.user_other.id)
        others |= self._target(target_type="pipeline", pipeline_id=self.pipeline.id, user_id=False)
        others |= self._target(
            target_type="pipeline", pipeline_id=self.pipeline_b.id, user_id=False
        )
        self.assertEqual(len(others), 6)

    def test_target_without_value_nor_count_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self._target(target_amount=0, target_count=0)
        self.assertIn(f"Own Salesperson {DASH} 2025-03", str(caught.exception))
        self.assertIn("set a target value, a number of opportunities to win", str(caught.exception))
        with self.assertRaises(ValidationError):
            self._target(target_amount=-5, target_count=2)
        self.assertFalse(self.Target.search([("company_id", "=", self.company.id)]))
        self.assertTrue(self._target(target_amount=0, target_count=2))

    def test_target_without_its_salesperson_or_process_refused(self):
        with self.assertRaises(ValidationError) as caught:
            self._target(target_type="pipeline", user_id=False)
        self.assertIn("choose the sales process", str(caught.exception))
        with self.assertRaises(ValidationError):
            self._target(user_id=False)
        self.assertFalse(self.Target.search([("company_id", "=", self.company.id)]))


class TestOpportunityTargetAchievement(TargetCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.won_a = cls._won(3000, "2025-03-05 10:00:00")
        cls.won_b = cls._won(2000, "2025-03-31 20:00:00", pipeline_id=cls.pipeline_b.id)
        cls.won_april = cls._won(5000, "2025-04-01 01:00:00")
        cls.won_other = cls._won(700, "2025-03-12 09:00:00", user_id=cls.user_other.id)
        lost = cls._create_opportunity(amount=7000, user_id=cls.user_own.id)
        lost.write({"state": "lost", "date_closed": "2025-03-10 10:00:00"})
        cls._won_in_other_company()
        # open: 4000 at 50 % closing in March counts 2000; April's and the undated do not
        cls.likely = cls._create_opportunity(
            amount=4000,
            stage_id=cls.stage_quoted.id,
            date_deadline="2025-03-15",
            user_id=cls.user_own.id,
        )
        cls._create_opportunity(
            amount=8000,
            stage_id=cls.stage_quoted.id,
            date_deadline="2025-04-02",
            user_id=cls.user_own.id,
        )
        cls._create_opportunity(amount=8000, stage_id=cls.stage_quoted.id, user_id=cls.user_own.id)

    @classmethod
    def _won_in_other_company(cls):
        """Won by the same salesperson in March, in another company: counts for no target of
        the test company."""
        cls.user_own.company_ids |= cls.company_2
        partner_2 = cls.env["res.partner"].create(
            {"name": "Other Co customer", "company_id": cls.company_2.id}
        )
        pipeline_2 = cls.env["opportunity.pipeline"].create(
            {
                "name": "Other Co process",
                "company_id": cls.company_2.id,
                "stage_ids": [(0, 0, {"name": "Other Co stage"})],
            }
        )
        other_company = (
            cls.env["opportunity.opportunity"]
            .with_company(cls.company_2)
            .create(
                {
                    "name": "Other company deal",
                    "partner_id": partner_2.id,
                    "pipeline_id": pipeline_2.id,
                    "company_id": cls.company_2.id,
                    "user_id": cls.user_own.id,
                    "amount": 9000,
                }
            )
        )
        other_company.write({"state": "won", "date_closed": "2025-03-10 10:00:00"})

    def test_achievement_counts_won_in_period_and_likely(self):
        target = self._target(target_count=4)
        self.assertEqual(self.likely.weighted_amount, 2000)
        self.assertEqual((target.won_amount, target.won_count), (5000, 2))
        self.assertEqual((target.won_amount_percent, target.won_count_percent), (50, 50))
        self.assertEqual((target.forecast_amount, target.expected_amount), (2000, 7000))
        self.assertEqual(target.expected_amount_percent, 70)
        # the deal of the other company is real: it counts for a target of that company
        other = self._target(company_id=self.company_2.id)
        self.assertEqual((other.won_amount, other.won_count), (9000, 1))

    def test_achievement_of_a_process_quarter_and_year(self):
        retail = self._target(target_type="pipeline", pipeline_id=self.pipeline.id, user_id=False)
        quarter = self._target(period_type="quarter", date_start="2025-01-01", target_amount=20000)
        year = self._target(period_type="year", target_amount=100000, target_count=10)
        # Retail: won_a and the other salesperson's 700 (won_b is in the other process)
        self.assertEqual((retail.won_amount, retail.won_count), (3700, 2))
        self.assertEqual((quarter.won_amount, quarter.won_count), (5000, 2))
        self.assertEqual((year.won_amount, year.won_count), (10000, 3))
        self.assertEqual((year.forecast_amount, year.won_count_percent), (6000, 30))

    def test_closing_dates_read_in_the_users_timezone(self):
        # 2025-03-31 20:00 UTC is April 1 in Ho Chi Minh City (UTC+7)
        march = self._target().with_context(tz="Asia/Ho_Chi_Minh")
        april = self._target(date_start="2025-04-01").with_context(tz="Asia/Ho_Chi_Minh")
        self.assertEqual((march.won_amount, march.won_count), (3000, 1))
        self.assertEqual((april.won_amount, april.won_count), (7000, 2))

    def test_own_documents_salesperson_reads_their_achievement(self):
        target = self._target(target_count=4)
        mine = target.with_user(self.user_own)
        self.assertEqual((mine.won_amount, mine.won_count, mine.forecast_amount), (5000, 2, 2000))

    def test_won_and_likely_buttons_open_what_is_counted(self):
        target = self._target()
        Opportunity = self.env["opportunity.opportunity"]
        won = Opportunity.search(target.action_view_won_opportunities()["domain"])
        self.assertEqual(won, self.won_a | self.won_b)
        likely = Opportunity.search(target.action_view_forecast_opportunities()["domain"])
        self.assertEqual(likely, self.likely)

    def test_grouped_achievement_sums_and_ratios(self):
        self._target(target_count=4)
        self._target(user_id=self.user_other.id, target_amount=1400)
        self._target(target_type="pipeline", pipeline_id=self.pipeline.id, user_id=False)
        groups = pivot_read_group(
            self.Target,
            [("target_type", "=", "user")],
            ["period_key"],
            ["target_amount:sum", "won_amount:sum", "won_amount_percent:avg", "won_count:sum"],
        )
        self.assertEqual(len(groups), 1)
        group = groups[0]
        self.assertEqual(
            (group["target_amount"], group["won_amount"], group["won_count"]), (11400, 5700, 3)
        )
        self.assertEqual(group["won_amount_percent"], 50)  # 5700 / 11400, not (50 + 50) / 2 by luck
        by_user = pivot_read_group(
            self.Target,
            [],
            ["user_id"],
            ["won_amount_percent:avg"],
            order="won_amount_percent:avg desc",
        )
        self.assertEqual(
            {g["user_id"] and g["user_id"][0]: g["won_amount_percent"] for g in by_user},
            {self.user_own.id: 50, self.user_other.id: 50, False: 37},
        )

    def test_achievement_measures_offered_to_pivot_and_graph(self):
        described = self.Target.fields_get(["won_amount", "won_amount_percent", "forecast_amount"])
        self.assertEqual(
            {name: field["aggregator"] for name, field in described.items()},
            {"won_amount": "sum", "won_amount_percent": "avg", "forecast_amount": "sum"},
        )


class TestOpportunityTargetQueries(TargetCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        users = cls.user_own | cls.user_other | cls.user_all | cls.user_manager
        vals = [
            {
                "target_type": "user",
                "user_id": user.id,
                "period_type": "month",
                "date_start": date(2021 + index // 12, index % 12 + 1, 1),
                "target_amount": 1000,
            }
            for user in users
            for index in range(25)
        ]
        cls.targets = cls.Target.create(vals)
        for index in range(10):
            cls._won(100 * index, datetime(2021 + index, 2, 3, 10))

    def _read_achievement(self, targets):
        # the targets are read again, their users and companies stay cached (as in a request)
        self.Target.invalidate_model()
        targets.mapped("won_amount")
        targets.mapped("forecast_amount")

    def test_achievement_of_10_and_100_targets_costs_the_same_queries(self):
        self.assertEqual(len(self.targets), 100)
        self._read_achievement(self.targets[:10])  # warm-up: rules, views, caches
        with self.assertQueryCount(3):  # the targets, the won, the open
            self._read_achievement(self.targets[:10])
        with self.assertQueryCount(3):
            self._read_achievement(self.targets)
        # won in February 2021 and 2022: in the targets' months; 2023-2030: after them
        self.assertEqual(sum(self.targets.mapped("won_count")), 2)

    def test_pivot_of_10_and_100_targets_costs_the_same_queries(self):
        lead = self.Target.with_user(self.user_all)
        spec = ["target_amount:sum", "won_amount:sum", "won_amount_percent:avg"]
        pivot_read_group(lead, [], ["user_id", "period_key"], spec)  # warm-up
        with self.assertQueryCount(4):  # the groups, the targets, the won, the open
            self.Target.invalidate_model()
            groups = pivot_read_group(
                lead, [("id", "in", self.targets[:10].ids)], ["user_id", "period_key"], spec
            )
        self.assertEqual(len(groups), 10)
        with self.assertQueryCount(4):
            self.Target.invalidate_model()
            groups = pivot_read_group(lead, [], ["user_id", "period_key"], spec)
        self.assertEqual(len(groups), 100)


class TestOpportunityTargetAccess(TargetCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own_target = cls._target()
        cls.other_target = cls._target(user_id=cls.user_other.id)
        cls.process_target = cls._target(
            target_type="pipeline", pipeline_id=cls.pipeline.id, user_id=False
        )
        cls.user_far = new_test_user(
            cls.env,
            login="op_target_far",
            name="Far Lead",
            groups="base.group_user,opportunity_pipeline.group_opportunity_user_all",
            company_id=cls.company_2.id,
            company_ids=[(6, 0, cls.company_2.ids)],
        )

    def _visible(self, user):
        return (
            self.Target.with_user(user)
            .with_context(allowed_company_ids=user.company_ids.ids)
            .search([])
        )

    def test_own_documents_user_reads_only_their_own_targets(self):
        self.assertEqual(self._visible(self.user_own), self.own_target)
        self.assertEqual(self._visible(self.user_other), self.other_target)
        with self.assertRaises(AccessError):
            self.own_target.with_user(self.user_other).read(["target_amount"])
        with self.assertRaises(AccessError):
            self.process_target.with_user(self.user_own).read(["target_amount"])

    def test_all_documents_user_reads_every_target_of_their_companies(self):
        self.assertEqual(
            self._visible(self.user_all), self.own_target | self.other_target | self.process_target
        )
        self.assertFalse(self._visible(self.user_far))
        with self.assertRaises(AccessError):
            self.own_target.with_user(self.user_far).read(["target_amount"])

    def test_only_administrators_create_change_and_delete_targets(self):
        vals = {"user_id": self.user_own.id, "date_start": "2025-05-01", "target_amount": 1}
        for user in (self.user_own, self.user_all):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.Target.with_user(user).create(vals)
                with self.assertRaises(AccessError):
                    self.own_target.with_user(user).write({"target_amount": 1})
                with self.assertRaises(AccessError):
                    self.own_target.with_user(user).unlink()
        self._assert_rolled_back(self.own_target, "target_amount", 10000)
        manager = self.Target.with_user(self.user_manager)
        created = manager.create(vals)
        manager.browse(self.own_target.id).write({"target_amount": 12000})
        self.assertEqual(self.own_target.target_amount, 12000)
        created.unlink()
        self.assertFalse(created.exists())

    def test_employee_without_opportunity_group_has_no_access(self):
        with self.assertRaises(AccessError):
            self.Target.with_user(self.user_employee).search([])
        with self.assertRaises(AccessError):
            self.Target.with_user(self.user_employee).get_current_targets()


class TestOpportunityTargetCurrent(TargetCommon):
    """What the strip above the pipeline shows: ``get_current_targets``."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.today = fields.Date.context_today(cls.Target)
        base = {"user_id": cls.user_own.id, "date_start": cls.today, "target_amount": 500}
        cls.Target.create(
            [
                dict(base, period_type="year", target_amount=120000),
                dict(base, period_type="month", target_amount=10000, target_count=4),
                dict(base, period_type="quarter", target_count=6, target_amount=0),
                dict(base, date_start=date_utils.subtract(cls.today, months=1)),
                dict(base, user_id=cls.user_other.id),
                dict(base, target_type="pipeline", user_id=False, pipeline_id=cls.pipeline.id),
            ]
        )
        won = cls._create_opportunity(amount=3000, user_id=cls.user_own.id)
        won.action_set_won()

    def test_salesperson_gets_the_targets_covering_today_month_first(self):
        current = self.Target.with_user(self.user_own).get_current_targets()
        self.assertEqual(
            [(t["title"], t["target_count"], t["won_count"]) for t in current],
            [("This month", 4, 1), ("This quarter", 6, 1), ("This year", 0, 1)],
        )
        month = current[0]
        currency = self.company.currency_id
        self.assertEqual(month["target_amount"], format_amount(self.env, 10000, currency))
        self.assertEqual(month["won_amount"], format_amount(self.env, 3000, currency))
        self.assertEqual((month["won_amount_percent"], month["won_count_percent"]), ("30%", "25%"))
        self.assertEqual((month["won_bar"], month["owner"]), (30, False))
        # a quarter without value: no value percentage, the bar follows the count
        quarter = current[1]
        self.assertEqual((quarter["target_amount"], quarter["won_amount_percent"]), (False, False))
        self.assertEqual(quarter["won_bar"], 16.7)  # 1 of 6, at the field's precision

    def test_values_are_formatted_in_the_users_language(self):
        seller = self.Target.with_user(self.user_own).with_context(lang="vi_VN")
        month = seller.get_current_targets()[0]
        self.assertIn("10.000,00", month["target_amount"])
        self.assertIn("3.000,00", month["won_amount"])

    def test_nothing_for_a_salesperson_without_target(self):
        self.assertEqual(self.Target.with_user(self.user_all).get_current_targets(), [])

    def test_forecast_adds_the_process_targets_its_reader_may_see(self):
        lead = self.Target.with_user(self.user_all).get_current_targets(include_pipelines=True)
        self.assertEqual([(t["title"], t["owner"]) for t in lead], [("This month", "Retail")])
        seller = self.Target.with_user(self.user_own).get_current_targets(include_pipelines=True)
        self.assertEqual(len(seller), 3, "a salesperson reads no process target")
