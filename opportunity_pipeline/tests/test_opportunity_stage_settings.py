# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Admins find a stage's settings (its form opens from Configuration > Stages and from a
process's Stages tab), and a stage refused from the opportunity form's statusbar is a
notification with the form back on its saved stage. (Tours:
static/tests/tours/opportunity_stage_settings_tour.js.)"""

from lxml import etree

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestOpportunityStageSettings(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pipeline = cls.env["opportunity.pipeline"].create(
            {
                "name": "Stage Tour Process",
                "sequence": 0,
                "stage_ids": [
                    Command.create({"name": "Stage Tour New", "sequence": 1}),
                    Command.create({"name": "Stage Tour Proposal", "sequence": 2}),
                ],
            }
        )
        cls.stage_new, cls.stage_proposal = cls.pipeline.stage_ids

    def _arch(self, model, view_type, xmlid=None):
        view_id = self.env.ref(xmlid).id if xmlid else False
        views = self.env[model].get_views([(view_id, view_type)])
        return etree.fromstring(views["views"][view_type]["arch"])

    def test_rule_has_one_name(self):
        field = self.env["opportunity.stage"]._fields["required_field_ids"]
        self.assertEqual(field.string, "Required to Enter")
        form = self._arch("opportunity.stage", "form")
        self.assertEqual(form.xpath("//group[@name='stage_rule']")[0].get("string"), field.string)

    def test_stage_lists_open_the_form_and_keep_the_handle(self):
        stage_list = self._arch(
            "opportunity.stage", "list", "opportunity_pipeline.opportunity_stage_view_list"
        )
        in_process = self._arch(
            "opportunity.pipeline", "form", "opportunity_pipeline.opportunity_pipeline_view_form"
        ).xpath("//field[@name='stage_ids']/list")[0]
        for arch in (stage_list, in_process):
            self.assertIsNone(arch.get("editable"), "a click opens the stage's form")
            self.assertEqual(arch.xpath("./field[1]")[0].get("widget"), "handle")

    def test_configuration_stages_open_the_form(self):
        self.start_tour(
            "/odoo/action-opportunity_pipeline.opportunity_stage_action",
            "opportunity_stage_list_tour",
            login="admin",
        )
        self.assertEqual(self.stage_proposal.idle_days, 6)

    def test_process_stages_open_in_a_dialog(self):
        self.start_tour(
            f"/odoo/action-opportunity_pipeline.opportunity_pipeline_action/{self.pipeline.id}",
            "opportunity_process_stages_tour",
            login="admin",
        )
        self.assertEqual(self.stage_proposal.idle_days, 9)
        signed = self.pipeline.stage_ids.filtered(lambda stage: stage.name == "Stage Tour Signed")
        self.assertEqual(signed.idle_days, 4)
        self.assertEqual(
            self.pipeline.stage_ids.sorted().mapped("name")[:2],
            ["Stage Tour New", "Stage Tour Signed"],
        )


@tagged("post_install", "-at_install")
class TestOpportunityFormStageRefused(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"].search(
            [("name", "=", "opportunity_pipeline")]
        )._update_translations("vi_VN")
        cls.salesperson = new_test_user(
            cls.env,
            login="op_rule_form_vi",
            password="op_rule_form_vi_pw",
            lang="vi_VN",
            groups="base.group_user,opportunity_pipeline.group_opportunity_user",
        )
        deadline = cls.env["ir.model.fields"]._get("opportunity.opportunity", "date_deadline")
        cls.pipeline = cls.env["opportunity.pipeline"].create(
            {
                "name": "Rule Form Process",
                "stage_ids": [
                    Command.create({"name": "Rule Form In", "sequence": 1}),
                    Command.create(
                        {"name": "Rule Form Proposal", "sequence": 2,
                         "required_field_ids": [Command.link(deadline.id)]}
                    ),
                    Command.create({"name": "Rule Form Closing", "sequence": 3}),
                ],
            }
        )  # fmt: skip
        cls.stage_in, cls.stage_proposal, cls.stage_closing = cls.pipeline.stage_ids
        cls.partner = cls.env["res.partner"].create({"name": "Rule Form Customer"})

    def _refused_in_the_form(self, login):
        opportunity = self.env["opportunity.opportunity"].create(
            {
                "name": "Rule form deal",
                "partner_id": self.partner.id,
                "pipeline_id": self.pipeline.id,
                "user_id": self.salesperson.id,
                "amount": 100,
            }
        )
        with mute_logger("odoo.http"):  # the refusals, logged as warnings by Odoo
            self.start_tour(
                f"/odoo/action-opportunity_pipeline.opportunity_opportunity_action/{opportunity.id}",
                "opportunity_form_stage_refused_tour",
                login=login,
            )
        self.assertEqual(opportunity.amount, 777, "the other edit was kept and saved")
        self.assertEqual(opportunity.stage_id, self.stage_closing)
        logs = opportunity.stage_log_ids.mapped("new_stage_id")
        self.assertNotIn(self.stage_proposal, logs, "never entered the refused stage")
        self.assertFalse(opportunity.date_deadline)

    def test_refused_stage_in_english_as_admin(self):
        self._refused_in_the_form("admin")

    def test_refused_stage_in_vietnamese_as_salesperson(self):
        self._refused_in_the_form("op_rule_form_vi")
