# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The pipeline keeps its sales process through a reload, a bookmark, a shared link and a switch
between list and kanban; without a process in the domain, the kanban shows ONE process's stages."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .client import web_read_group


@tagged("post_install", "-at_install")
class TestOpportunityPipelineReload(HttpCase):
    @classmethod
    def _create_process(cls, letter, sequence):
        """The process "Reload Process <letter>", with a Lead and a Negotiation stage."""
        return cls.env["opportunity.pipeline"].create(
            {
                "name": f"Reload Process {letter}",
                "sequence": sequence,
                "stage_ids": [
                    Command.create({"name": f"Reload {letter} Lead", "sequence": 1}),
                    Command.create({"name": f"Reload {letter} Negotiation", "sequence": 2}),
                ],
            }
        )

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Pipeline = cls.env["opportunity.pipeline"]
        cls.pipeline_a = cls._create_process("A", -2)
        cls.pipeline_b = cls._create_process("B", -1)
        cls.other_company = cls.env["res.company"].create({"name": "Reload Other Co"})
        cls.pipeline_other = Pipeline.create(
            {
                "name": "Reload Other Company",
                "company_id": cls.other_company.id,
                "stage_ids": [Command.create({"name": "Reload Other Lead"})],
            }
        )
        cls.user = new_test_user(
            cls.env,
            login="op_reload",
            groups="base.group_user,opportunity_pipeline.group_opportunity_user_all",
        )
        cls.partner = cls.env["res.partner"].create({"name": "Reload Customer"})
        cls.deal_a, cls.deal_b = cls.env["opportunity.opportunity"].create(
            [
                {"name": "Reload deal A", "partner_id": cls.partner.id,
                 "pipeline_id": cls.pipeline_a.id},
                {"name": "Reload deal B", "partner_id": cls.partner.id,
                 "pipeline_id": cls.pipeline_b.id},
            ]
        )  # fmt: skip
        cls.admin = cls.env.ref("base.user_admin")
        cls.admin.opportunity_pipeline_id = cls.pipeline_a
        cls.user.opportunity_pipeline_id = cls.pipeline_a

    def _opportunity_as(self, user):
        return self.env["opportunity.opportunity"].with_user(user)

    # ------------------------------------------------------------
    # "All" never mixes processes
    # ------------------------------------------------------------

    def test_group_expand_without_pipeline_returns_one_pipeline(self):
        Opportunity = self._opportunity_as(self.user)
        every_stage = self.env["opportunity.stage"].search([])
        for domain in ([], [("state", "=", "open")], [("partner_id", "=", self.partner.id)]):
            columns = Opportunity._read_group_expand_stage_ids(every_stage, domain)
            self.assertEqual(columns, self.pipeline_a.stage_ids, f"domain {domain}")
        self.user.opportunity_pipeline_id = self.pipeline_b
        columns = Opportunity._read_group_expand_stage_ids(every_stage, [])
        self.assertEqual(columns, self.pipeline_b.stage_ids, "the process picked last")
        columns = Opportunity.with_context(
            default_pipeline_id=self.pipeline_a.id
        )._read_group_expand_stage_ids(every_stage, [])
        self.assertEqual(columns, self.pipeline_a.stage_ids, "the context's process wins")

    def test_kanban_without_pipeline_has_one_pipeline_columns(self):
        groups = web_read_group(
            self._opportunity_as(self.user), [("id", "=", self.deal_a.id)], ["stage_id"]
        )
        self.assertEqual(
            [group["stage_id"][0] for group in groups],
            self.pipeline_a.stage_ids.ids,
            "process A's columns, the empty one included, none of process B",
        )

    # ------------------------------------------------------------
    # The process survives a reload, a bookmark, a shared link
    # ------------------------------------------------------------

    def test_picked_pipeline_is_remembered_for_the_menu(self):
        Users = self.env["res.users"].with_user(self.user)
        self.assertTrue(Users.set_opportunity_pipeline(self.pipeline_b.id))
        self.assertEqual(self.user.opportunity_pipeline_id, self.pipeline_b)
        action = self._opportunity_as(self.user).action_open_pipeline_kanban()
        self.assertEqual(action["context"]["searchpanel_default_pipeline_id"], self.pipeline_b.id)
        self.assertEqual(action["path"], "opportunity-pipeline")
        self.assertEqual(
            self._opportunity_as(self.user)._get_preferred_pipeline(),
            self.pipeline_b,
            "the picked process is also the default of a new opportunity",
        )

    def test_unreadable_pipeline_is_not_remembered(self):
        Users = self.env["res.users"].with_user(self.user)
        self.assertFalse(Users.set_opportunity_pipeline(self.pipeline_other.id))
        self.assertFalse(Users.set_opportunity_pipeline(999999999))
        self.assertFalse(Users.set_opportunity_pipeline("1"), "not an id: refused, no traceback")
        self.assertEqual(self.user.opportunity_pipeline_id, self.pipeline_a)
        self.user.opportunity_pipeline_id = self.pipeline_other  # e.g. the user left a company
        preferred = self._opportunity_as(self.user)._get_preferred_pipeline()
        self.assertTrue(preferred)
        self.assertNotEqual(preferred, self.pipeline_other)

    def test_address_pipeline_wins_over_the_remembered_one(self):
        Opportunity = self._opportunity_as(self.user)
        action = Opportunity.with_context(
            params={"action": "opportunity-pipeline", "pipeline_id": self.pipeline_b.id}
        ).action_open_pipeline_kanban()
        self.assertEqual(action["context"]["searchpanel_default_pipeline_id"], self.pipeline_b.id)
        for wrong in (self.pipeline_other.id, 999999999, "x", ""):
            action = Opportunity.with_context(
                params={"pipeline_id": wrong}
            ).action_open_pipeline_kanban()
            self.assertEqual(
                action["context"]["searchpanel_default_pipeline_id"],
                self.pipeline_a.id,
                f"{wrong!r} falls back to the remembered process",
            )

    def test_reload_restores_the_server_action_and_its_menu(self):
        server_action = self.env.ref(
            "opportunity_pipeline.opportunity_opportunity_action_pipeline_server"
        )
        self.assertEqual(server_action.path, "opportunity-pipeline")
        menu = self.env.ref("opportunity_pipeline.opportunity_menu_pipeline")
        self.assertEqual(menu.action, server_action, "the web client finds the menu by the path")
        self.authenticate("op_reload", "op_reload")
        breadcrumbs = self.make_jsonrpc_request(
            "/web/action/load_breadcrumbs", {"actions": [{"action": "opportunity-pipeline"}]}
        )
        self.assertEqual(breadcrumbs, [{"display_name": "Pipeline"}])

    def test_reload_and_view_switch_keep_the_picked_pipeline(self):
        self.start_tour("/odoo", "opportunity_pipeline_reload_tour", login="admin")
        self.assertEqual(self.admin.opportunity_pipeline_id, self.pipeline_b)

    def test_shared_link_opens_its_pipeline(self):
        self.start_tour(
            f"/odoo/opportunity-pipeline?pipeline_id={self.pipeline_b.id}",
            "opportunity_pipeline_shared_link_tour",
            login="op_reload",
        )
        self.assertEqual(
            self.user.opportunity_pipeline_id, self.pipeline_a, "opening a link changes nothing"
        )
