# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stage playbooks: the activity plan of a stage is launched when an opportunity enters it, the
stage's guidance follows the opportunity (models/opportunity_opportunity_playbook.py)."""

import ast
import datetime
import math

from freezegun import freeze_time

from odoo import Command
from odoo.addons.opportunity_pipeline.compat import INSERT_BATCH_SIZE, ODOO_19
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged, users, warmup

from .common import OpportunityCommon

DAY = datetime.date(2027, 3, 10)


@tagged("post_install", "-at_install")
class PlaybookCommon(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company._opportunity_sequence()
        cls.plan = cls._create_plan("Quoted playbook")
        cls.step_call, cls.step_mail, cls.step_demo = cls.plan.template_ids
        cls.stage_quoted.activity_plan_id = cls.plan

    @classmethod
    def _create_plan(cls, name, **vals):
        """Call today, mail in 2 days (both for the responsible), a demo in a week (the step's
        own assignee)."""
        steps = [
            ("mail_activity_data_call", "Call the buyer", 0, "days", {}),
            ("mail_activity_data_email", "Send the brochure", 2, "days", {}),
            (
                "mail_activity_data_meeting",
                "Book a demo",
                1,
                "weeks",
                {"responsible_type": "other", "responsible_id": cls.user_all.id},
            ),
        ]
        template_vals = [
            {
                "activity_type_id": cls.env.ref(f"mail.{xmlid}").id,
                "summary": summary,
                "responsible_type": "on_demand",
                "delay_count": count,
                "delay_unit": unit,
                "delay_from": "after_plan_date",
                **other,
            }
            for xmlid, summary, count, unit, other in steps
        ]
        return cls.env["mail.activity.plan"].create(
            {
                "name": name,
                "res_model": "opportunity.opportunity",
                "company_id": cls.company.id,
                "template_ids": [Command.create(vals) for vals in template_vals],
                **vals,
            }
        )

    def _plan_activities(self, opportunities):
        """(opportunity name, summary, responsible login, due date) of the open plan activities."""
        activities = self.env["mail.activity"].search(
            [
                ("res_model", "=", "opportunity.opportunity"),
                ("res_id", "in", opportunities.ids),
                ("opportunity_plan_template_id", "!=", False),
            ]
        )
        names = {o.id: o.name for o in opportunities}
        return sorted(
            (names[a.res_id], a.summary, a.user_id.login, a.date_deadline) for a in activities
        )

    def _expected(self, name, user, day=DAY):
        return sorted(
            [
                (name, "Book a demo", self.user_all.login, day + datetime.timedelta(days=7)),
                (name, "Call the buyer", user.login, day),
                (name, "Send the brochure", user.login, day + datetime.timedelta(days=2)),
            ]
        )


@tagged("post_install", "-at_install")
class TestOpportunityPlaybook(PlaybookCommon):
    @freeze_time("2027-03-10 09:00:00")
    def test_form_create_in_the_stage_schedules_the_plan(self):
        form = Form(self.Opportunity.with_user(self.user_own))
        form.name = "Shop fit-out"
        form.partner_id = self.partner
        form.pipeline_id = self.pipeline
        form.stage_id = self.stage_quoted
        opportunity = form.save()
        self.assertEqual(
            self._plan_activities(opportunity), self._expected("Shop fit-out", self.user_own)
        )
        activity = opportunity.activity_ids.filtered(lambda a: a.summary == "Call the buyer")
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertTrue(activity.automated)

    def test_a_stage_without_plan_schedules_nothing(self):
        opportunity = self._create_opportunity(name="Plain", user_id=self.user_own.id)
        self.assertEqual(opportunity.stage_id, self.stage_new)
        self.assertFalse(opportunity.activity_ids)

    @freeze_time("2027-03-10 09:00:00")
    def test_form_stage_move_schedules_for_the_responsible_not_the_mover(self):
        opportunity = self._create_opportunity(name="Moved", user_id=self.user_own.id)
        with Form(opportunity.with_user(self.user_manager)) as form:
            form.stage_id = self.stage_quoted
        self.assertEqual(self._plan_activities(opportunity), self._expected("Moved", self.user_own))

    def test_kanban_drag_and_new_process_enter_the_stage(self):
        with freeze_time("2027-03-10 09:00:00"):
            dragged = self._create_opportunity(name="Dragged", user_id=self.user_own.id)
            # the kanban's drag and drop, like the API, writes the stage
            dragged.with_user(self.user_own).write({"stage_id": self.stage_quoted.id})
        self.assertEqual(self._plan_activities(dragged), self._expected("Dragged", self.user_own))
        # a new sales process brings its first stage: entering it launches its plan
        self.stage_b1.activity_plan_id = self.plan
        switched = self._create_opportunity(name="Switched", user_id=self.user_own.id)
        with freeze_time("2027-04-01 09:00:00"):
            switched.write({"pipeline_id": self.pipeline_b.id})
        self.assertEqual(switched.stage_id, self.stage_b1)
        expected = self._expected("Switched", self.user_own, datetime.date(2027, 4, 1))
        self.assertEqual(self._plan_activities(switched), expected)

    def _update_wizard(self, opportunities, user):
        action = opportunities.with_user(user).action_open_update_wizard()
        model = self.env[action["res_model"]].with_context(**action["context"])
        return Form(model.with_user(user))

    @freeze_time("2027-03-10 09:00:00")
    def test_update_wizard_single_and_bulk(self):
        single = self._create_opportunity(name="Single", user_id=self.user_own.id)
        form = self._update_wizard(single, self.user_own)
        form.stage_id = self.stage_quoted
        form.save().action_apply()
        self.assertEqual(self._plan_activities(single), self._expected("Single", self.user_own))
        first, second = self.Opportunity.create(
            [
                {
                    "name": name,
                    "partner_id": self.partner.id,
                    "pipeline_id": self.pipeline.id,
                    "user_id": self.user_own.id,
                }
                for name in ("Bulk 1", "Bulk 2")
            ]
        )
        form = self._update_wizard(first | second, self.user_manager)
        form.stage_id = self.stage_quoted
        form.user_id = self.user_other  # the new responsible gets the activities
        form.save().action_apply()
        expected = self._expected("Bulk 1", self.user_other) + self._expected(
            "Bulk 2", self.user_other
        )
        self.assertEqual(self._plan_activities(first | second), sorted(expected))

    def test_context_key_skips_the_plan(self):
        Opportunity = self.Opportunity.with_context(opportunity_skip_stage_plans=True)
        imported = Opportunity.create(
            {"name": "Imported", "partner_id": self.partner.id, "stage_id": self.stage_quoted.id}
        )
        self.assertEqual(imported.stage_id, self.stage_quoted)
        self.assertFalse(imported.activity_ids)
        moved = self._create_opportunity(name="Moved quietly")
        moved.with_context(opportunity_skip_stage_plans=True).stage_id = self.stage_quoted
        self.assertFalse(moved.activity_ids)
        # without the key, the same import launches it
        launched = self.Opportunity.create(
            {"name": "Launched", "partner_id": self.partner.id, "stage_id": self.stage_quoted.id}
        )
        self.assertEqual(len(launched.activity_ids), 3)

    def test_reentering_launches_again_without_duplicating_open_steps(self):
        opportunity = self._create_opportunity(name="Back and forth", stage_id=self.stage_quoted.id)
        self.assertEqual(len(opportunity.activity_ids), 3)
        opportunity.stage_id = self.stage_closing
        opportunity.stage_id = self.stage_quoted
        self.assertEqual(len(opportunity.activity_ids), 3, "the open steps are not scheduled twice")
        call = opportunity.activity_ids.filtered(lambda a: a.summary == "Call the buyer")
        call.action_feedback(feedback="Reached the buyer")
        self.assertEqual(len(opportunity.activity_ids), 2)
        opportunity.stage_id = self.stage_closing
        opportunity.stage_id = self.stage_quoted
        self.assertEqual(
            sorted(opportunity.activity_ids.mapped("summary")),
            ["Book a demo", "Call the buyer", "Send the brochure"],
            "the done step is scheduled again on entering again",
        )
        # writing the stage it is already in is not entering it
        opportunity.activity_ids.action_feedback()
        opportunity.write({"stage_id": self.stage_quoted.id, "name": "Same stage"})
        self.assertFalse(opportunity.activity_ids)

    def test_step_with_its_own_assignee_and_opportunity_without_responsible(self):
        opportunity = self.Opportunity.with_user(self.user_manager).create(
            {
                "name": "Nobody's",
                "partner_id": self.partner.id,
                "stage_id": self.stage_quoted.id,
                "user_id": False,
            }
        )
        users = {a.summary: a.user_id for a in opportunity.activity_ids}
        self.assertEqual(users["Book a demo"], self.user_all, "the step's own assignee")
        self.assertEqual(users["Call the buyer"], self.user_manager, "no responsible: who moved it")

    def test_closed_or_archived_opportunities_get_no_activities(self):
        won, archived = self.Opportunity.create(
            [
                {
                    "name": "Won",
                    "partner_id": self.partner.id,
                    "stage_id": self.stage_quoted.id,
                    "state": "won",
                },
                {
                    "name": "Old",
                    "partner_id": self.partner.id,
                    "stage_id": self.stage_quoted.id,
                    "active": False,
                },
            ]
        )
        self.assertFalse(won.activity_ids | archived.activity_ids)
        self.plan.active = False
        opportunity = self._create_opportunity(name="Archived plan", stage_id=self.stage_quoted.id)
        self.assertFalse(opportunity.activity_ids)

    def test_plan_of_another_company_is_not_used(self):
        other_company = self.env["res.company"].create({"name": "Other Playbook Co"})
        foreign = self._create_plan("Foreign playbook", company_id=other_company.id)
        own_pipeline = self.env["opportunity.pipeline"].create(
            {
                "name": "Company process",
                "company_id": self.company.id,
                "stage_ids": [Command.create({"name": "Company stage"})],
            }
        )
        with self.assertRaisesRegex(ValidationError, "Foreign playbook.*Company stage"):
            own_pipeline.stage_ids.activity_plan_id = foreign
        own_pipeline.stage_ids.activity_plan_id = self.plan  # the stage's company: allowed
        # the stage of a shared process takes any company's plan: the opportunities of that
        # company only get it
        self.stage_quoted.activity_plan_id = foreign
        opportunity = self._create_opportunity(name="Company A", stage_id=self.stage_quoted.id)
        self.assertEqual(opportunity.company_id, self.company)
        self.assertFalse(opportunity.activity_ids)
        foreign.company_id = False  # a shared plan is launched for every company
        opportunity.stage_id = self.stage_closing
        opportunity.stage_id = self.stage_quoted
        self.assertEqual(len(opportunity.activity_ids), 3)

    def test_plan_must_apply_to_opportunities(self):
        partner_plan = self.env["mail.activity.plan"].create(
            {"name": "Partner onboarding", "res_model": "res.partner"}
        )
        with (
            self.assertRaisesRegex(ValidationError, 'Partner onboarding.*"Closing"'),
            self.cr.savepoint(),
        ):
            self.stage_closing.activity_plan_id = partner_plan
        self.assertFalse(self.stage_closing.activity_plan_id)


@tagged("post_install", "-at_install")
class TestOpportunityPlaybookAccess(PlaybookCommon):
    @freeze_time("2027-03-10 09:00:00")
    def test_own_salesperson_moving_their_opportunity_gets_the_plan(self):
        opportunity = self._create_opportunity(name="Mine", user_id=self.user_own.id)
        opportunity.with_user(self.user_own).stage_id = self.stage_quoted
        self.assertEqual(self._plan_activities(opportunity), self._expected("Mine", self.user_own))
        # the activities are theirs to see and do
        mine = (
            self.env["mail.activity"]
            .with_user(self.user_own)
            .search(
                [("res_id", "=", opportunity.id), ("res_model", "=", "opportunity.opportunity")]
            )
        )
        self.assertEqual(len(mine), 3)
        # reading plans is every employee's (Odoo's rights); changing them is not
        self.assertEqual(self.plan.with_user(self.user_own).name, "Quoted playbook")
        with self.assertRaises(AccessError):
            self.plan.with_user(self.user_own).write({"name": "Mine now"})
        with self.assertRaises(AccessError):
            self.step_call.with_user(self.user_own).write({"delay_count": 30})
        with self.assertRaises(AccessError):
            self.env["mail.activity.plan"].with_user(self.user_own).create(
                {"name": "Own plan", "res_model": "opportunity.opportunity"}
            )

    def test_user_who_cannot_write_the_opportunity_triggers_nothing(self):
        opportunity = self._create_opportunity(name="Not yours", user_id=self.user_own.id)
        for user in (self.user_other, self.user_employee):
            with self.assertRaises(AccessError), self.cr.savepoint():
                opportunity.with_user(user).write({"stage_id": self.stage_quoted.id})
        self.assertEqual(opportunity.stage_id, self.stage_new)
        self.assertFalse(
            self.env["mail.activity"].search_count(
                [("res_model", "=", "opportunity.opportunity"), ("res_id", "=", opportunity.id)]
            )
        )

    def test_managers_manage_plans_of_opportunities_only(self):
        action = self.env.ref("opportunity_pipeline.mail_activity_plan_action_opportunity")
        Plan = self.env["mail.activity.plan"].with_user(self.user_manager)
        with Form(Plan.with_context(**ast.literal_eval(action.context))) as form:
            form.name = "Closing playbook"
            with form.template_ids.new() as step:
                step.summary = "Send the contract"
                step.responsible_type = "on_demand"
        plan = form.record
        self.assertEqual(plan.res_model, "opportunity.opportunity")
        self.assertEqual(
            Plan.search([("id", "=", plan.id), *ast.literal_eval(action.domain)]), plan
        )
        partner_plan = self.env["mail.activity.plan"].create(
            {"name": "Partner onboarding", "res_model": "res.partner"}
        )
        with self.assertRaises(AccessError):
            partner_plan.with_user(self.user_manager).write({"name": "Ours now"})
        with self.assertRaises(AccessError):
            Plan.create({"name": "Partner plan", "res_model": "res.partner"})
        with self.assertRaises(AccessError):
            Plan.with_user(self.user_all).create(
                {"name": "Lead plan", "res_model": "opportunity.opportunity"}
            )


# Exact query counts on Odoo 18.0 and 19.0 (the bridges add none) of create() in a stage with a
# 3-step plan, activities included: ONE mail.activity create for the whole batch, whatever its
# size. The only difference between 10 and 100 opportunities is the ORM's own: it INSERTs at most
# INSERT_BATCH_SIZE (100) rows per statement, and 100 opportunities have 300 activities.
# 19.0 caches the new rows' unset computed columns at INSERT; 18.0 reads them back (1 query).
CREATE_IN_PLAN_STAGE = 31 if ODOO_19 else 32
# the same for a bulk move (update wizard, list's multi-edit, API) into the stage
MOVE_TO_PLAN_STAGE = 23


def insert_statements(rows):
    return math.ceil(rows / INSERT_BATCH_SIZE)


@tagged("post_install", "-at_install", "opportunity_perf")
class TestOpportunityPlaybookPerformance(PlaybookCommon):
    def _vals(self, count, stage=None):
        return [
            {
                "name": f"Planned {index}",
                "partner_id": self.partner.id,
                "stage_id": (stage or self.stage_quoted).id,
                "user_id": self.user_manager.id,
            }
            for index in range(count)
        ]

    @users("op_manager")
    @warmup
    def test_create_10_and_100_in_a_plan_stage_cost_the_same(self):
        Opportunity = self.env["opportunity.opportunity"]
        counts = []
        for size in (10, 100):
            budget = CREATE_IN_PLAN_STAGE + insert_statements(3 * size) - insert_statements(30)
            self.env.flush_all()
            self.env.invalidate_all()
            # assertQueryCount reads the user's login before it starts counting: read it here too
            self.assertTrue(self.env.user.login)
            self.env.cr.flush()  # as assertQueryCount does: the commit hooks of what came before
            before = self.cr.sql_log_count
            with self.assertQueryCount(op_manager=budget):
                opportunities = Opportunity.create(self._vals(size))
                self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
            self.assertEqual(len(opportunities.activity_ids), 3 * size)
        if self.warm:
            # assertQueryCount fails above the budget only: below it fails too
            self.assertEqual(counts, [CREATE_IN_PLAN_STAGE, CREATE_IN_PLAN_STAGE + 2])

    @users("op_manager")
    @warmup
    def test_bulk_move_of_10_and_100_into_a_plan_stage_cost_the_same(self):
        Opportunity = self.env["opportunity.opportunity"]
        counts = []
        for size in (10, 100):
            budget = MOVE_TO_PLAN_STAGE + insert_statements(3 * size) - insert_statements(30)
            opportunities = Opportunity.create(self._vals(size, self.stage_new))
            self.env.flush_all()
            self.env.invalidate_all()
            self.assertTrue(self.env.user.login)
            self.env.cr.flush()  # as assertQueryCount does: the commit hooks of what came before
            before = self.cr.sql_log_count
            # without Odoo's tracking, which posts one message per record at commit whether the
            # stage has a plan or not (test_opportunity_performance counts it for one record)
            with self.assertQueryCount(op_manager=budget):
                opportunities.with_context(mail_notrack=True).write(
                    {"stage_id": self.stage_quoted.id}
                )
                self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
            self.assertEqual(len(opportunities.activity_ids), 3 * size)
        if self.warm:
            self.assertEqual(counts, [MOVE_TO_PLAN_STAGE, MOVE_TO_PLAN_STAGE + 2])
