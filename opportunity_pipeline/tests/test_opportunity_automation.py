# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's automation rules work on opportunities: "Stage is set to" (base_automation's
``on_stage_set``) sends an email or sets a field when an opportunity enters a stage. The addon
writes nothing of this; these tests prove that it works with our model.

base_automation is not a dependency: scripts/test.sh installs it next to our addons in the test
databases. Without it, these tests FAIL (they are never skipped).
"""

from odoo import Command
from odoo.tests import Form, tagged

from .common import OpportunityCommon


@tagged("post_install", "-at_install")
class TestOpportunityAutomation(OpportunityCommon):
    def setUp(self):
        super().setUp()
        self.assertIn(
            "base.automation",
            self.env,
            "base_automation must be installed in the test database (scripts/test.sh)",
        )
        self.model = self.env["ir.model"]._get("opportunity.opportunity")

    def _rule(self, name, stage, actions):
        """A rule as an administrator makes it: model, trigger "Stage is set to", the stage;
        Odoo computes the trigger field and the filter."""
        rule = self.env["base.automation"].create(
            {
                "name": name,
                "model_id": self.model.id,
                "trigger": "on_stage_set",
                "trg_field_ref": stage.id,
                "action_server_ids": [
                    Command.create(
                        {
                            "name": f"{name}: action",
                            "model_id": self.model.id,
                            "usage": "base_automation",
                            **action,
                        }
                    )
                    for action in actions
                ],
            }
        )
        # the rule patches the model's create/write: removing it removes the patch
        self.addCleanup(rule.unlink)
        return rule

    def test_stage_is_set_to_sets_a_field(self):
        rule = self._rule(
            "Quoted is urgent",
            self.stage_quoted,
            [
                {
                    "state": "object_write",
                    "update_path": "priority",
                    "evaluation_type": "value",
                    "value": "3",
                }
            ],
        )
        self.assertEqual(rule.trigger_field_ids.name, "stage_id")
        self.assertEqual(rule.filter_domain, f"[('stage_id', '=', {self.stage_quoted.id})]")
        opportunity = self._create_opportunity(name="Urgent later")
        self.assertEqual(opportunity.priority, "0")
        opportunity.stage_id = self.stage_closing
        self.assertEqual(opportunity.priority, "0", "another stage: nothing")
        # the form, the kanban, the update wizard and the API all write the stage
        with Form(opportunity.with_user(self.user_manager)) as form:
            form.stage_id = self.stage_quoted
        self.assertEqual(opportunity.priority, "3")
        created = self._create_opportunity(name="Urgent now", stage_id=self.stage_quoted.id)
        self.assertEqual(created.priority, "3", "created in the stage: it entered it")

    def test_stage_is_set_to_sends_an_email(self):
        template = self.env["mail.template"].create(
            {
                "name": "Quotation follow-up",
                "model_id": self.model.id,
                "subject": "Your quotation for {{ object.name }}",
                "body_html": "<p>Thank you for your interest.</p>",
                "partner_to": "{{ object.partner_id.id }}",
            }
        )
        self._rule(
            "Mail on quoting",
            self.stage_quoted,
            [{"state": "mail_post", "mail_post_method": "email", "template_id": template.id}],
        )
        opportunity = self._create_opportunity(name="Shop fit-out", user_id=self.user_own.id)
        Mail = self.env["mail.mail"]
        self.assertFalse(Mail.search([("subject", "=", "Your quotation for Shop fit-out")]))
        # a salesperson moves their own opportunity: the rule runs for them
        opportunity.with_user(self.user_own).write({"stage_id": self.stage_quoted.id})
        mail = Mail.search([("subject", "=", "Your quotation for Shop fit-out")])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.partner)
        self.assertEqual((mail.model, mail.res_id), ("opportunity.opportunity", opportunity.id))
        # writing the stage it is in again is not entering it
        opportunity.write({"stage_id": self.stage_quoted.id, "name": "Shop fit-out"})
        self.assertEqual(
            Mail.search_count([("subject", "=", "Your quotation for Shop fit-out")]), 1
        )

    def test_rule_and_stage_plan_both_run(self):
        plan = self.env["mail.activity.plan"].create(
            {
                "name": "Quoting plan",
                "res_model": "opportunity.opportunity",
                "template_ids": [Command.create({"summary": "Call back", "delay_count": 0})],
            }
        )
        self.stage_quoted.activity_plan_id = plan
        template = self.env["mail.template"].create(
            {
                "name": "Quoting note",
                "model_id": self.model.id,
                "body_html": "<p>Quotation stage: check the discount with the manager.</p>",
            }
        )
        self._rule(
            "Post on quoting",
            self.stage_quoted,
            [{"state": "mail_post", "mail_post_method": "note", "template_id": template.id}],
        )
        opportunity = self._create_opportunity(name="Both", user_id=self.user_own.id)
        opportunity.with_user(self.user_own).write({"stage_id": self.stage_quoted.id})
        bodies = opportunity.message_ids.mapped("body")
        self.assertTrue(any("check the discount with the manager" in body for body in bodies))
        self.assertEqual(opportunity.activity_ids.mapped("summary"), ["Call back"])
        self.assertEqual(opportunity.activity_ids.user_id, self.user_own)
