# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The opportunity and process forms driven with ``Form``: product lines, a typed value, the
stage reset on a process change, the code field, collaborators."""

from odoo.tests import Form, tagged

from .common import OpportunityCommon


@tagged("post_install", "-at_install")
class TestOpportunityForm(OpportunityCommon):
    def _form(self, user=None):
        model = self.Opportunity.with_user(user) if user else self.Opportunity
        return Form(model.with_context(default_pipeline_id=self.pipeline.id))

    def test_create_with_product_lines(self):
        form = self._form(self.user_own)
        form.partner_id = self.partner
        form.name = "Fit-out of 3 shops"
        self.assertEqual(form.stage_id, self.stage_new)
        with form.line_ids.new() as line:
            line.product_id = self.product_a
            line.quantity = 4
        with form.line_ids.new() as line:
            line.product_id = self.product_b
            line.quantity = 2
            line.price_unit = 2000
        self.assertEqual(form.amount, 4 * 100 + 2 * 2000)
        opportunity = form.save()
        self.assertEqual(opportunity.amount, 4400)
        self.assertTrue(opportunity.code.startswith("CH"))
        self.assertEqual(opportunity.user_id, self.user_own)
        self.assertEqual(opportunity.currency_id, self.company.currency_id)

    def test_value_is_typed_without_lines(self):
        form = self._form()
        form.partner_id = self.partner
        form.name = "Typed value"
        form.amount = 12345
        opportunity = form.save()
        self.assertEqual(opportunity.amount, 12345)
        with Form(opportunity) as form, form.line_ids.new() as line:
            line.product_id = self.product_a
        self.assertEqual(opportunity.amount, 100, "lines take over the value")

    def test_changing_pipeline_in_form_resets_stage(self):
        form = self._form()
        form.partner_id = self.partner
        form.name = "Switch"
        form.stage_id = self.stage_quoted
        self.assertEqual(form.probability, 50)
        form.pipeline_id = self.pipeline_b
        self.assertEqual(form.stage_id, self.stage_b1)
        self.assertEqual(form.probability, 20)
        opportunity = form.save()
        self.assertEqual(opportunity.stage_id, self.stage_b1)

    def test_code_field_follows_the_setting(self):
        form = self._form()
        with self.assertRaises(AssertionError):
            form.code = "TYPED"
        self.company.opportunity_code_editable = True
        form = self._form()
        form.partner_id = self.partner
        form.name = "Typed code"
        form.code = "TYPED-7"
        self.assertEqual(form.save().code, "TYPED-7")

    def test_collaborators_and_responsible_follow(self):
        form = self._form()
        form.partner_id = self.partner
        form.name = "Team deal"
        form.user_id = self.user_own
        form.collaborator_ids.add(self.user_other)
        opportunity = form.save()
        followers = opportunity.message_partner_ids
        self.assertIn(self.user_own.partner_id, followers)
        self.assertIn(self.user_other.partner_id, followers)
        opportunity.collaborator_ids = [(4, self.user_all.id)]
        self.assertIn(self.user_all.partner_id, opportunity.message_partner_ids)
        self._flush_tracking()  # a change in the creating transaction is not tracked
        opportunity.user_id = self.user_manager
        self._flush_tracking()
        tracking = opportunity.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "user_id"
        )
        self.assertEqual(tracking.new_value_char, "Opportunity Admin")
        self.assertIn(self.user_manager.partner_id, opportunity.message_partner_ids)

    def test_pipeline_form_with_stages(self):
        with Form(self.env["opportunity.pipeline"].with_user(self.user_manager)) as form:
            form.name = "Wholesale"
            form.code = "WS"
            with form.stage_ids.new() as stage:
                stage.name = "Contacted"
                stage.color = 3
            with form.stage_ids.new() as stage:
                stage.name = "Won over"
                stage.color = 10
        pipeline = form.record
        self.assertEqual(pipeline.stage_ids.mapped("name"), ["Contacted", "Won over"])
        self.assertEqual(pipeline.stage_ids.mapped("color"), [3, 10])
        opportunity = self._create_opportunity(pipeline_id=pipeline.id)
        self.assertEqual(opportunity.stage_id.name, "Contacted")
