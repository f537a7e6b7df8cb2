# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Smaller cuts of a salesperson's week: the list's Action menu says what it did, New on the
kanban opens the full form, the similar-name banner names the contact without its tax ID.
(Tour: static/tests/tours/opportunity_action_notify_tour.js.)"""

from odoo import Command
from odoo.tests import Form, HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import OpportunityCommon


@tagged("post_install", "-at_install")
class TestOpportunityActionNotify(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"].search(
            [("name", "=", "opportunity_pipeline")]
        )._update_translations("vi_VN")
        cls.salesperson, cls.other = (
            new_test_user(
                cls.env,
                login=login,
                password=f"{login}_pw",
                lang="vi_VN",
                groups="base.group_user,opportunity_pipeline.group_opportunity_user",
            )
            for login in ("op_notify_vi", "op_notify_other")
        )
        cls.partner = cls.env["res.partner"].create({"name": "Notify Customer"})
        cls.pipeline = cls.env["opportunity.pipeline"].create(
            {"name": "Notify", "stage_ids": [Command.create({"name": "Notify Stage"})]}
        )
        cls.opportunities = cls.env["opportunity.opportunity"].create(
            [
                {"name": f"Notify deal {letter}", "partner_id": cls.partner.id,
                 "pipeline_id": cls.pipeline.id, "user_id": cls.salesperson.id}
                for letter in "ABC"
            ]
        )  # fmt: skip
        cls.lost_reason = cls.env["opportunity.lost.reason"].search([], limit=1)

    def _run(self, xmlid, records):
        """Run an entry of the list's Action menu the way the web client does."""
        return self.make_jsonrpc_request(
            "/web/action/run",
            {
                "action_id": self.env.ref(xmlid).id,
                "context": {
                    "active_model": "opportunity.opportunity",
                    "active_id": records[:1].id,
                    "active_ids": records.ids,
                },
            },
        )

    def _assert_notification(self, result, message):
        self.assertEqual(
            (result["type"], result["tag"]), ("ir.actions.client", "display_notification")
        )
        self.assertEqual(result["params"]["message"], message)
        self.assertEqual(result["params"]["type"], "success")
        # the next action closes: the list reloads as after any action of that menu
        self.assertEqual(result["params"]["next"], {"type": "ir.actions.act_window_close"})

    def test_won_and_reopen_say_how_many_in_vietnamese_as_salesperson(self):
        self.authenticate("op_notify_vi", "op_notify_vi_pw")
        records = self.opportunities[:2]
        result = self._run(
            "opportunity_pipeline.opportunity_opportunity_action_server_won", records
        )
        self._assert_notification(result, "Đã đánh dấu thành công 2 cơ hội.")
        self.assertEqual(set(records.mapped("state")), {"won"})
        one = records[:1]
        result = self._run("opportunity_pipeline.opportunity_opportunity_action_server_reopen", one)
        self._assert_notification(result, f"{one.display_name} đã được mở lại.")
        self.assertEqual(records.mapped("state"), ["open", "won"])

    def test_won_and_reopen_in_english(self):
        self.authenticate("admin", "admin")
        won = "opportunity_pipeline.opportunity_opportunity_action_server_won"
        reopen = "opportunity_pipeline.opportunity_opportunity_action_server_reopen"
        self._assert_notification(
            self._run(won, self.opportunities), "3 opportunities are marked as won."
        )
        self._assert_notification(
            self._run(reopen, self.opportunities), "3 opportunities are open again."
        )
        one = self.opportunities[2:]
        self._assert_notification(self._run(won, one), f"{one.display_name} is marked as won.")

    def test_lost_wizard_says_how_many(self):
        wizard = Form(
            self.env["opportunity.lost.wizard"].with_context(
                active_model="opportunity.opportunity", active_ids=self.opportunities[:2].ids
            )
        )
        wizard.lost_reason_id = self.lost_reason
        result = wizard.save().action_confirm()
        self._assert_notification(result, "2 opportunities are marked as lost.")
        self.assertEqual(self.opportunities.mapped("state"), ["lost", "lost", "open"])

    def test_refused_on_another_salespersons_deal_changes_nothing(self):
        self.authenticate("op_notify_other", "op_notify_other_pw")
        won = "opportunity_pipeline.opportunity_opportunity_action_server_won"
        # Odoo logs the refused server action (ir_actions) and the error answer (http)
        with (
            mute_logger("odoo.http", "odoo.addons.base.models.ir_actions"),
            self.assertRaises(JsonRpcException) as caught,
        ):
            self._run(won, self.opportunities)
        self.assertIn("odoo.exceptions.AccessError", str(caught.exception))
        self.opportunities.invalidate_recordset(["state"])
        self.assertEqual(set(self.opportunities.mapped("state")), {"open"})

    def test_action_menu_in_the_browser(self):
        self.start_tour(
            "/odoo/action-opportunity_pipeline.opportunity_opportunity_action",
            "opportunity_action_notify_tour",
            login="admin",
        )
        self.assertEqual(self.opportunities.mapped("state"), ["open", "won", "open"])


@tagged("post_install", "-at_install")
class TestOpportunitySimilarBanner(OpportunityCommon):
    def test_banner_names_the_contact_without_its_tax_id(self):
        partner = self.env["res.partner"].create(
            {"name": "Gemini Furniture", "vat": "US12345674", "is_company": True}
        )
        self._create_opportunity(name="Office chairs", partner_id=partner.id)
        # the form's contact field asks for the tax ID (show_vat) in its display name
        for context in ({}, {"show_vat": True}):
            with self.subTest(context=context):
                form = Form(self.Opportunity.with_user(self.user_all).with_context(**context))
                form.partner_id = partner
                form.name = "Office chairs 2"
                self.assertIn("Gemini Furniture already has", form.similar_name_warning)
                self.assertNotIn("US12345674", form.similar_name_warning)
