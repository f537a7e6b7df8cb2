# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stages that require fields: the rule holds on every path into the stage (form, update
wizard, import, kanban drag, external API), at a cost that does not grow with the batch."""

import xmlrpc.client
from datetime import datetime, timedelta

from odoo import Command
from odoo.addons.opportunity_pipeline.compat import ODOO_19
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common_import import EN, OpportunityImportCommon, xlsx_bytes


@tagged("post_install", "-at_install")
class TestOpportunityStageRule(OpportunityImportCommon):
    """A stage that requires fields: refused on every path an opportunity enters it by."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Fields = cls.env["ir.model.fields"]
        cls.rule_fields = cls.Fields.search(
            [("model", "=", "opportunity.opportunity"), ("name", "in", ("amount", "date_deadline"))]
        )
        cls.stage_quoted.required_field_ids = cls.rule_fields

    def _field(self, name):
        return self.Fields._get("opportunity.opportunity", name)

    # -- the stage -------------------------------------------------------

    def test_manager_sets_the_rule_in_the_stage_form(self):
        with Form(self.stage_closing.with_user(self.user_manager)) as form:
            form.required_field_ids.add(self._field("label_ids"))
            form.required_field_ids.add(self._field("line_ids"))
        self.assertEqual(
            set(self.stage_closing.required_field_ids.mapped("name")), {"label_ids", "line_ids"}
        )

    def test_only_fields_users_fill_in_can_be_required(self):
        for name in ("state", "weighted_amount", "stage_id", "message_follower_ids"):
            with self.subTest(name=name), self.assertRaises(ValidationError):
                self.stage_closing.required_field_ids = self._field(name)
        with self.assertRaises(ValidationError):
            self.stage_closing.required_field_ids = self.Fields._get("res.partner", "email")
        offered = self.Fields.search(self.env["opportunity.stage"]._required_field_domain())
        names = set(offered.mapped("name"))
        self.assertTrue({"amount", "date_deadline", "line_ids", "label_ids"} <= names)
        self.assertFalse(names & {"state", "stage_id", "weighted_amount", "message_ids"})

    def test_salesperson_cannot_change_a_rule_but_is_bound_by_it(self):
        stage = self.stage_closing.with_user(self.user_own)
        with self.assertRaises(AccessError):
            stage.write({"required_field_ids": [Command.link(self._field("amount").id)]})
        # reading stages (the kanban's columns) does not need the fields model
        self.assertEqual(stage.read(["name"])[0]["name"], "Closing")
        self.assertNotIn("required_field_ids", stage.fields_get())

    # -- create, form, write, RPC ---------------------------------------

    def test_create_in_a_ruled_stage_needs_the_fields(self):
        Opportunity = self.Opportunity.with_user(self.user_own)
        before = Opportunity.search_count([])
        vals = {
            "name": "Rule deal",
            "partner_id": self.partner.id,
            "stage_id": self.stage_quoted.id,
        }
        with self.assertRaises(ValidationError) as caught:
            Opportunity.create(vals)
        message = str(caught.exception)
        self.assertIn('"Quoted"', message)
        self.assertIn("Value", message)
        self.assertIn("Expected Closing", message)
        self.assertEqual(Opportunity.search_count([]), before)
        created = Opportunity.create({**vals, "amount": 500, "date_deadline": "2027-01-31"})
        self.assertEqual(created.stage_id, self.stage_quoted)

    def test_form_statusbar_move_is_refused_then_allowed(self):
        opportunity = self._create_opportunity(user_id=self.user_own.id)
        mine = opportunity.with_user(self.user_own)
        form = Form(mine)
        form.stage_id = self.stage_quoted
        with self.assertRaises(ValidationError):
            form.save()
        self._assert_rolled_back(opportunity, "stage_id", self.stage_new)
        self.assertFalse(opportunity.stage_log_ids)
        with Form(mine) as form:
            form.amount = 1200
            form.date_deadline = "2027-03-01"
            form.stage_id = self.stage_quoted
        self.assertEqual(opportunity.stage_id, self.stage_quoted)

    def test_opportunity_already_in_the_stage_can_be_edited(self):
        opportunity = self._create_opportunity(amount=10, date_deadline="2027-01-01")
        opportunity.stage_id = self.stage_quoted
        opportunity.write({"amount": 0, "date_deadline": False, "name": "Renamed"})
        self.assertEqual((opportunity.stage_id, opportunity.name), (self.stage_quoted, "Renamed"))

    def test_moving_and_filling_in_one_write_is_allowed(self):
        opportunity = self._create_opportunity()
        opportunity.write(
            {"stage_id": self.stage_quoted.id, "amount": 99, "date_deadline": "2027-02-02"}
        )
        self.assertEqual(opportunity.stage_id, self.stage_quoted)

    def test_product_lines_and_labels_count_as_filled_in(self):
        self.stage_closing.required_field_ids = self._field("line_ids") | self._field("label_ids")
        opportunity = self._create_opportunity()
        with self.assertRaises(ValidationError) as caught:
            opportunity.stage_id = self.stage_closing
        self.assertIn("Products", str(caught.exception))
        self.assertIn("Labels", str(caught.exception))
        opportunity.write(
            {
                "line_ids": [Command.create({"product_id": self.product_a.id})],
                "label_ids": [Command.link(self.label_vip.id)],
            }
        )
        opportunity.stage_id = self.stage_closing
        self.assertEqual(opportunity.stage_id, self.stage_closing)

    def test_changing_process_enters_its_first_stage(self):
        self.stage_b1.required_field_ids = self._field("date_deadline")
        opportunity = self._create_opportunity()
        with self.assertRaises(ValidationError) as caught:
            opportunity.pipeline_id = self.pipeline_b
        self.assertIn("Tiếp cận", str(caught.exception))
        self._assert_rolled_back(opportunity, "pipeline_id", self.pipeline)

    def test_message_in_vietnamese(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"].search(
            [("name", "=", "opportunity_pipeline")]
        )._update_translations("vi_VN")
        opportunity = self._create_opportunity()
        with self.assertRaises(ValidationError) as caught:
            opportunity.with_context(lang="vi_VN").stage_id = self.stage_quoted
        message = str(caught.exception)
        self.assertIn("Giai đoạn", message)
        self.assertIn("Giá trị", message)
        self.assertIn("Ngày dự kiến chốt", message)

    # -- update wizard ---------------------------------------------------

    def _update(self, opportunities, **values):
        wizard = (
            self.env["opportunity.update.wizard"]
            .with_user(self.user_all)
            .with_context(active_model="opportunity.opportunity", active_ids=opportunities.ids)
            .create({})
        )
        wizard.write(values)
        return wizard.action_apply()

    def test_update_wizard_single_and_bulk_name_the_opportunities(self):
        ready = self._create_opportunity(name="Ready", amount=5, date_deadline="2027-05-05")
        empty = self._create_opportunity(name="Empty one")
        empty_too = self._create_opportunity(name="Empty two", amount=7)
        with self.assertRaises(ValidationError) as caught:
            self._update(ready | empty | empty_too, stage_id=self.stage_quoted.id)
        message = str(caught.exception)
        self.assertIn("none was changed", message)
        self.assertIn(f"{empty.display_name}: Value, Expected Closing", message)
        self.assertIn(f"{empty_too.display_name}: Expected Closing", message)
        self.assertNotIn(ready.display_name, message)
        self._assert_rolled_back(ready | empty | empty_too, "stage_id", self.stage_new)
        with self.assertRaises(ValidationError):
            self._update(empty, stage_id=self.stage_quoted.id)
        self._update(ready, stage_id=self.stage_quoted.id)
        self.assertEqual(ready.stage_id, self.stage_quoted)

    # -- import ------------------------------------------------------------

    def test_import_row_error_names_row_and_column(self):
        rows = [
            EN,
            self._row(name="Filled", partner="Công ty ABC", pipeline="RT", stage="Quoted",
                      amount=300, date="31/01/2027"),
            self._row(name="Missing date", partner="Công ty ABC", pipeline="RT",
                      stage="Quoted", amount=300),
            self._row(name="No stage", partner="Công ty ABC", pipeline="RT"),
        ]  # fmt: skip
        history = self._run(self._wizard(xlsx_bytes(rows), import_valid_rows=True))
        self.assertEqual(
            self._messages(history),
            [
                (
                    3,
                    "Expected Closing",
                    'The stage "Quoted" requires this field: fill it in to import the row '
                    "into that stage.",
                )
            ],
        )
        self.assertEqual(
            sorted(history.created_opportunity_ids.mapped("name")), ["Filled", "No stage"]
        )

    def test_import_update_by_code_into_a_ruled_stage(self):
        opportunity = self._create_opportunity(name="To move")
        rows = [EN, self._row(code=opportunity.code, pipeline="RT", stage="Quoted")]
        history = self._run(self._wizard(xlsx_bytes(rows), update_existing=True))
        self.assertEqual([m[1] for m in self._messages(history)], ["Value", "Expected Closing"])
        self._assert_rolled_back(opportunity, "stage_id", self.stage_new)

    # -- cost ----------------------------------------------------------------

    def _create_queries(self, count):
        vals = [
            {
                "name": f"Batch {index}",
                "partner_id": self.partner.id,
                "stage_id": self.stage_quoted.id,
                "amount": 10 + index,
                "date_deadline": "2027-06-30",
                "label_ids": [Command.set(self.label_vip.ids)],
            }
            for index in range(count)
        ]
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        self.Opportunity.with_context(opportunity_notify_assigned=False).create(vals)
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_rule_check_cost_does_not_grow_with_the_batch(self):
        self.stage_quoted.required_field_ids |= self._field("label_ids")
        self._create_queries(2)  # warm the registry caches
        ten, hundred = self._create_queries(10), self._create_queries(100)
        self.assertEqual(ten, hundred, "creating in a ruled stage costs O(1) queries")
        self.stage_quoted.required_field_ids = False
        without_rule = self._create_queries(100)
        self.assertLessEqual(hundred - without_rule, 3, "the rule costs at most 3 queries")


@tagged("post_install", "-at_install")
class TestOpportunityStageRuleUi(HttpCase):
    """The kanban drag and the external API meet the same rule."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pipeline = cls.env["opportunity.pipeline"].create(
            {
                "name": "Rule Tour",
                "sequence": -1,
                "stage_ids": [
                    Command.create({"name": "Rule In", "sequence": 1}),
                    Command.create({"name": "Rule Proposal", "sequence": 2}),
                ],
            }
        )
        cls.stage_in, cls.stage_proposal = cls.pipeline.stage_ids
        cls.stage_proposal.required_field_ids = cls.env["ir.model.fields"]._get(
            "opportunity.opportunity", "date_deadline"
        )
        cls.partner = cls.env["res.partner"].create({"name": "Rule Customer"})
        cls.user = new_test_user(
            cls.env,
            login="op_rule_user",
            groups="base.group_user,opportunity_pipeline.group_opportunity_user",
        )
        cls.opportunity = cls.env["opportunity.opportunity"].create(
            {
                "name": "Rule card",
                "partner_id": cls.partner.id,
                "pipeline_id": cls.pipeline.id,
                "user_id": cls.user.id,
            }
        )

    @mute_logger("odoo.http")
    def test_refused_drag_shows_a_notification_and_keeps_the_card(self):
        self.start_tour("/web", "opportunity_stage_rule_tour", login="op_rule_user")
        self.opportunity.invalidate_recordset()
        self.assertEqual(self.opportunity.stage_id, self.stage_in)
        self.assertFalse(self.opportunity.stage_log_ids)

    def _external_write(self, vals):
        """The error the external API answers to the user's ``write`` of ``vals`` on the card,
        or ``None``: XML-RPC on 18.0; JSON-2 with an API key on 19.0, where /xmlrpc and /jsonrpc
        are deprecated."""
        if ODOO_19:
            key = (
                self.env["res.users.apikeys"]
                .with_user(self.user)
                .sudo()
                ._generate("rpc", "Stage rule test", datetime.now() + timedelta(days=1))
            )
            response = self.url_open(
                "/json/2/opportunity.opportunity/write",
                json={"ids": self.opportunity.ids, "vals": vals},
                headers={"Authorization": f"Bearer {key}"},
            )
            return None if response.ok else response.json()["message"]
        try:
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                self.user.id,
                "op_rule_user",
                "opportunity.opportunity",
                "write",
                [self.opportunity.ids, vals],
            )
        except xmlrpc.client.Fault as fault:
            return fault.faultString
        return None

    @mute_logger("odoo.http")
    def test_xmlrpc_is_refused_the_same_way(self):
        error = self._external_write({"stage_id": self.stage_proposal.id})
        self.assertIn("Expected Closing", error or "")
        self.opportunity.invalidate_recordset()
        self.assertEqual(self.opportunity.stage_id, self.stage_in)
        error = self._external_write(
            {"stage_id": self.stage_proposal.id, "date_deadline": "2027-04-30"}
        )
        self.assertIsNone(error)
        self.opportunity.invalidate_recordset()
        self.assertEqual(self.opportunity.stage_id, self.stage_proposal)
