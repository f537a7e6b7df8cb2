# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Won, lost and reopened: rate, closing date and tracking on every path, bulk actions on a
mixed selection, deletion, duplicate, activities and assignment."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import OpportunityCommon


@tagged("post_install", "-at_install")
class TestOpportunityStatus(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason = cls.env["opportunity.lost.reason"].create({"name": "Test: too expensive"})
        cls.mine = cls._create_opportunity(name="Mine", user_id=cls.user_own.id, amount=500)
        cls.theirs = cls._create_opportunity(name="Theirs", user_id=cls.user_other.id)

    def test_won_sets_rate_date_and_is_tracked(self):
        self._flush_tracking()
        self.mine.with_user(self.user_own).action_set_won()
        self.assertEqual(self.mine.state, "won")
        self.assertEqual(self.mine.probability, 100)
        self.assertTrue(self.mine.date_closed)
        self._flush_tracking()
        tracked = self.mine.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "state"
        )
        self.assertEqual((tracked.old_value_char, tracked.new_value_char), ("Open", "Won"))

    def test_lost_through_the_wizard_asks_a_reason(self):
        action = self.mine.with_user(self.user_own).action_set_lost()
        wizard = Form(
            self.env[action["res_model"]].with_user(self.user_own).with_context(**action["context"])
        )
        wizard.lost_reason_id = self.reason
        wizard.lost_note = "Budget cut in Q4"
        wizard.save().action_confirm()
        self.assertEqual(self.mine.state, "lost")
        self.assertEqual(self.mine.probability, 0)
        self.assertEqual(self.mine.lost_reason_id, self.reason)
        self.assertEqual(self.mine.lost_note, "Budget cut in Q4")
        self.assertTrue(self.mine.date_closed)
        with self.assertRaises(AssertionError), self.cr.savepoint():
            empty = Form(self.env["opportunity.lost.wizard"].with_context(**action["context"]))
            empty.save()  # the reason is required

    def test_reopen_clears_the_closing(self):
        self.mine._action_set_lost_confirm(self.reason)
        self.mine.action_reopen()
        self.assertEqual(self.mine.state, "open")
        self.assertFalse(self.mine.date_closed)
        self.assertFalse(self.mine.lost_reason_id)
        self.assertEqual(
            self.mine.probability,
            self.mine.stage_id.probability,
            "an open opportunity's rate comes from its stage again, not the 0 % of lost",
        )

    def test_state_rules_hold_for_rpc_writes(self):
        self.mine.write({"state": "won"})
        self.assertEqual(self.mine.probability, 100)
        created = self._create_opportunity(state="lost", lost_reason_id=self.reason.id)
        self.assertEqual(created.probability, 0)
        self.assertTrue(created.date_closed)

    def test_closed_opportunities_leave_the_pipeline_but_stay_searchable(self):
        self.mine.action_set_won()
        action = self.Opportunity.action_open_pipeline_kanban()
        self.assertEqual(action["context"].get("search_default_filter_open"), 1)
        self.assertIn(self.mine, self.Opportunity.search([("state", "=", "won")]))

    def test_bulk_action_on_a_mixed_selection_changes_nothing(self):
        both = (self.mine | self.theirs).with_user(self.user_own)
        with self.assertRaisesRegex(AccessError, r"none was changed: #%s" % self.theirs.id):
            both.action_set_won()
        self.assertEqual(self.mine.state, "open")
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.user_own).action_set_lost()

    def test_won_opportunity_cannot_be_deleted(self):
        self.mine.action_set_won()
        with self.assertRaisesRegex(UserError, r"cannot delete a won opportunity \(\[CH"):
            self.mine.unlink()
        self.mine.action_archive()
        self.assertFalse(self.mine.active)
        self.theirs.unlink()
        self.assertFalse(self.theirs.exists())

    def test_plain_user_deletes_only_what_they_may(self):
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.user_own).unlink()
        self.mine.with_user(self.user_own).unlink()
        self.assertFalse(self.mine.exists())

    def test_duplicate_from_the_action_menu(self):
        """Odoo's own Duplicate entry (list Action menu, form gear) calls copy()."""
        self.mine.write(
            {"stage_id": self.stage_quoted.id, "label_ids": [Command.set(self.label_vip.ids)]}
        )
        self.mine.action_set_won()
        copy = self.mine.with_user(self.user_own).copy()
        self.assertNotEqual(copy.code, self.mine.code)
        self.assertEqual(
            (copy.state, copy.stage_id, copy.label_ids), ("open", self.stage_new, self.label_vip)
        )
        self.assertFalse(copy.date_closed)
        copies = (self.mine | self.theirs).copy()
        self.assertEqual(len(copies), 2)
        self.assertEqual(len(set(copies.mapped("code"))), 2)

    def test_contact_is_suggested_as_email_recipient(self):
        suggested = self.mine._message_get_suggested_recipients()
        self.assertIn(self.partner.id, [s.get("partner_id") for s in suggested])
        template = self.env.ref("opportunity_pipeline.mail_template_opportunity_follow_up")
        self.assertEqual(template.model_id.model, "opportunity.opportunity")
        composer = Form(
            self.env["mail.compose.message"].with_context(
                default_model="opportunity.opportunity",
                default_res_ids=self.mine.ids,
                default_template_id=template.id,
                default_composition_mode="comment",
            )
        )
        self.assertIn(self.mine.code, composer.subject)
        self.assertIn(self.partner, composer.partner_ids)
        composer.save()._action_send_mail()
        self.assertIn(self.mine.code, self.mine.message_ids[0].subject)

    def test_activities_call_email_meeting_todo(self):
        for xmlid in ("call", "email", "meeting", "todo"):
            self.mine.activity_schedule(
                f"mail.mail_activity_data_{xmlid}", user_id=self.user_own.id
            )
        self.assertEqual(len(self.mine.activity_ids), 4)
        self.assertIn(self.mine.activity_state, ("planned", "today"))
        self.mine.activity_ids[0].action_done()
        self.assertEqual(len(self.mine.activity_ids), 3)

    def test_assigning_notifies_and_subscribes_the_new_responsible(self):
        self._flush_tracking()
        self.mine.with_user(self.user_all).write({"user_id": self.user_other.id})
        self.assertIn(self.user_other.partner_id, self.mine.message_partner_ids)
        notified = self.env["mail.message"].search(
            [
                ("model", "=", self.mine._name),
                ("res_id", "=", self.mine.id),
                ("partner_ids", "in", self.user_other.partner_id.ids),
            ]
        )
        self.assertTrue(notified, "the new responsible got the assignment notification")
