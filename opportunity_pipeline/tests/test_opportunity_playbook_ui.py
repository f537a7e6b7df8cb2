# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stage playbooks through the web client: an administrator sets a stage's guidance and plan
in its form, a salesperson reads the guidance on the opportunity form (tour:
static/tests/tours/opportunity_playbook_tour.js)."""

from odoo import Command
from odoo.tests import Form, HttpCase, tagged

from .test_opportunity_playbook import PlaybookCommon


@tagged("post_install", "-at_install")
class TestOpportunityPlaybookStageForm(PlaybookCommon):
    def test_manager_sets_guidance_and_plan_in_the_stage_form(self):
        with Form(self.stage_closing.with_user(self.user_manager)) as form:
            form.guidance = "<p>Ask for the <b>budget</b>.</p><p>Send the contract.</p>"
            form.activity_plan_id = self.plan
        self.assertEqual(self.stage_closing.activity_plan_id, self.plan)
        opportunity = self._create_opportunity(name="Guided", stage_id=self.stage_closing.id)
        self.assertIn("<b>budget</b>", opportunity.stage_guidance)
        self.assertEqual(len(opportunity.activity_ids), 3)
        # the guidance follows the stage
        opportunity.stage_id = self.stage_new
        self.assertFalse(opportunity.stage_guidance)

    def test_empty_guidance_shows_nothing_and_guidance_is_translated(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.stage_quoted.guidance = "<p><br></p>"
        opportunity = self._create_opportunity(name="Unguided", stage_id=self.stage_quoted.id)
        self.assertFalse(opportunity.stage_guidance, "an empty editor is no guidance")
        self.stage_quoted.guidance = "<p>Ask for the budget.</p>"
        self.stage_quoted.update_field_translations(
            "guidance", {"vi_VN": {"Ask for the budget.": "Hỏi ngân sách của khách hàng."}}
        )
        opportunity.invalidate_recordset(["stage_guidance"])
        self.assertIn("Ask for the budget.", opportunity.stage_guidance)
        vietnamese = opportunity.with_context(lang="vi_VN")
        self.assertIn("Hỏi ngân sách của khách hàng.", vietnamese.stage_guidance)

    def test_activity_plans_menu_is_for_administrators(self):
        menu = self.env.ref("opportunity_pipeline.opportunity_menu_config_activity_plans")
        self.assertEqual(
            menu.action, self.env.ref("opportunity_pipeline.mail_activity_plan_action_opportunity")
        )
        path = menu.browse(int(menu_id) for menu_id in menu.parent_path.split("/") if menu_id)
        self.assertEqual(len(path), 3, "Opportunities > Configuration > Activity Plans")

        def reachable(user):
            visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            return all(menu_id in visible for menu_id in path.ids)

        self.assertTrue(reachable(self.user_manager))
        self.assertFalse(reachable(self.user_own))
        self.assertFalse(reachable(self.user_all))


@tagged("post_install", "-at_install")
class TestOpportunityPlaybookUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        call = cls.env.ref("mail.mail_activity_data_call")
        plan = cls.env["mail.activity.plan"].create(
            {
                "name": "Tour plan",
                "res_model": "opportunity.opportunity",
                "template_ids": [
                    Command.create({"activity_type_id": call.id, "summary": "Call the buyer"})
                ],
            }
        )
        guidance = "<p>Ask for the budget and the decision date.</p>"
        pipeline = cls.env["opportunity.pipeline"].create(
            {
                "name": "Guidance Tour",
                "stage_ids": [
                    Command.create({"name": "Tour Discover", "sequence": 1, "guidance": guidance}),
                    Command.create(
                        {"name": "Tour Propose", "sequence": 2, "activity_plan_id": plan.id}
                    ),
                ],
            }
        )
        cls.admin = cls.env.ref("base.user_admin")
        cls.opportunity = cls.env["opportunity.opportunity"].create(
            {
                "name": "Guidance card",
                "partner_id": cls.env["res.partner"].create({"name": "Tour Customer"}).id,
                "pipeline_id": pipeline.id,
                "user_id": cls.admin.id,
            }
        )

    def test_guidance_panel_folds_and_follows_the_stage(self):
        opportunity = self.opportunity
        self.assertFalse(opportunity.activity_ids)
        self.start_tour(
            f"/odoo/action-opportunity_pipeline.opportunity_opportunity_action/{opportunity.id}",
            "opportunity_playbook_tour",
            login="admin",
        )
        # the plan of "Tour Propose" ran on the way; back in "Tour Discover", then won
        self.assertEqual(opportunity.stage_id.name, "Tour Discover")
        self.assertEqual(opportunity.state, "won")
        self.assertEqual(opportunity.activity_ids.mapped("summary"), ["Call the buyer"])
        self.assertEqual(opportunity.activity_ids.user_id, self.admin)
