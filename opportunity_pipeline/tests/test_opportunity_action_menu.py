# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every entry of the opportunity list's Action menu, run the way the web client runs it: the
``/web/action/run`` route with the selection as ``active_ids``, on one and on several records."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOpportunityActionMenu(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(
            cls.env,
            login="op_action_menu",
            password="op_action_menu_pw",
            groups="base.group_user,opportunity_pipeline.group_opportunity_user_all",
        )
        cls.partner = cls.env["res.partner"].create({"name": "Action Menu Co"})
        cls.pipeline = cls.env["opportunity.pipeline"].create(
            {"name": "Menu", "stage_ids": [Command.create({"name": "First"})]}
        )
        cls.opportunities = cls.env["opportunity.opportunity"].create(
            [
                {"name": f"Menu {index}", "partner_id": cls.partner.id,
                 "pipeline_id": cls.pipeline.id, "user_id": cls.user.id}
                for index in range(3)
            ]
        )  # fmt: skip
        cls.actions = cls.env["ir.actions.server"].search(
            [("binding_model_id.model", "=", "opportunity.opportunity")]
        )

    def _run(self, action, records):
        return self.make_jsonrpc_request(
            "/web/action/run",
            {
                "action_id": action.id,
                "context": {
                    "active_model": "opportunity.opportunity",
                    "active_id": records[:1].id,
                    "active_ids": records.ids,
                },
            },
        )

    def test_every_action_menu_entry_runs_on_one_and_several(self):
        self.authenticate("op_action_menu", "op_action_menu_pw")
        self.assertGreaterEqual(len(self.actions), 4)
        names = self.actions.mapped("name")
        self.assertEqual(len(names), len(set(names)), "no entry is listed twice")
        self.assertNotIn("Duplicate", names, "Odoo's own Duplicate entry is the one")
        ref = self.env.ref
        won = ref("opportunity_pipeline.opportunity_opportunity_action_server_won")
        reopen = ref("opportunity_pipeline.opportunity_opportunity_action_server_reopen")
        for records in (self.opportunities[:1], self.opportunities):
            with self.subTest(count=len(records)):
                # a notification of what was done, whose next action lets the client reload
                for action, state in ((won, "won"), (reopen, "open")):
                    result = self._run(action, records)
                    self.assertEqual(result["tag"], "display_notification", action.name)
                    self.assertEqual(
                        result["params"]["next"]["type"], "ir.actions.act_window_close"
                    )
                    self.assertEqual(set(records.mapped("state")), {state})
                for action in self.actions - won - reopen:
                    result = self._run(action, records)
                    if result["type"] == "ir.actions.act_url":  # Export to Excel
                        self.assertIn("/opportunity_pipeline/export/", result["url"], action.name)
                        continue
                    self.assertEqual(result["type"], "ir.actions.act_window", action.name)
                    self.assertEqual(result["context"]["active_ids"], records.ids)
