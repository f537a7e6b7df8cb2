# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Handing opportunities over (the assignment email whoever sends it, the form after the
handover) and entering one for a colleague as an Own Documents user (form, API, import)."""

from odoo import Command
from odoo.addons.mail.tests.common import MockEmail
from odoo.addons.opportunity_pipeline.compat import ODOO_19
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from .common import OpportunityCommon
from .common_import import EN, OpportunityImportCommon, xlsx_bytes


class OpportunityAssignCommon(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company_vals = {"company_id": cls.company.id, "company_ids": [(6, 0, cls.company.ids)]}
        own = "base.group_user,opportunity_pipeline.group_opportunity_user"
        # a login that is not an address, and no email: common, and what Odoo's mail refuses
        cls.user_no_mail = new_test_user(
            cls.env, login="nga_sales", name="Nga Sales", email=False, groups=own, **company_vals
        )
        cls.user_marc = new_test_user(
            cls.env, login="marc_le", name="Marc Lê", groups=own, **company_vals
        )
        cls.company.email = "sales@opportunity-test.example.com"

    def _last_message_id(self):
        return self.env["mail.message"].sudo().search([], order="id desc", limit=1).id or 0

    def _assignment(self, since_id, user):
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("id", ">", since_id),
                    ("message_type", "=", "user_notification"),
                    ("partner_ids", "in", user.partner_id.ids),
                ]
            )
        )

    def _save_form(self, form):
        """What ``Form.save()`` sends the server (the form's values and its fields
        specification), returning the server's answer: ``Form.save`` itself expects the record
        back, which a handed-over opportunity is not."""
        return form._record.web_save(form._get_save_values(), form._view["fields_spec"])


@tagged("post_install", "-at_install")
class TestOpportunityHandover(OpportunityAssignCommon, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.theirs = cls._create_opportunity(name="Nga's deal", user_id=cls.user_no_mail.id)

    def test_handover_by_a_user_without_email_goes_through(self):
        self._flush_tracking()  # the opportunity was made before: its hand-over is tracked
        self.user_marc.notification_type = "email"
        since = self._last_message_id()
        form = Form(self.theirs.with_user(self.user_no_mail))
        form.user_id = self.user_marc
        with self.mock_mail_gateway():
            result = self._save_form(form)
            self._flush_tracking()
        # saved, and out of the user's reach: nothing to read back, no error
        self.assertEqual(result, [])
        self.assertEqual(self.theirs.user_id, self.user_marc)
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.user_no_mail).read(["name"])
        # Marc is told, by Nga, from the company's address
        message = self._assignment(since, self.user_marc)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.res_id, self.theirs.id)
        self.assertEqual(message.author_id, self.user_no_mail.partner_id)
        self.assertEqual(message.email_from, '"Nga Sales" <sales@opportunity-test.example.com>')
        self.assertEqual(self._new_mails.mail_message_id, message)
        self.assertEqual(self._mails[0]["email_to"], [self.user_marc.email_formatted])
        self.assertIn("sales@opportunity-test.example.com", self._mails[0]["email_from"])
        # the hand-over is in the chatter, by Nga
        tracking = self.theirs.message_ids.filtered("tracking_value_ids")[:1]
        self.assertEqual(tracking.author_id, self.user_no_mail.partner_id)
        self.assertEqual(tracking.tracking_value_ids.new_value_char, "Marc Lê")

    def test_handover_without_company_address_is_sent_from_odoobot_s(self):
        """Odoo's own last resort, read even by users of a company other than OdooBot's."""
        self.company.email = False
        self.company.alias_domain_id = False
        odoobot = self.env.ref("base.partner_root").email
        self.assertTrue(odoobot)
        self.env.invalidate_all()
        since = self._last_message_id()
        self.theirs.with_user(self.user_no_mail).write({"user_id": self.user_marc.id})
        message = self._assignment(since, self.user_marc)
        self.assertEqual(message.email_from, f'"Nga Sales" <{odoobot}>')

    def test_handover_without_any_address_reaches_the_inbox(self):
        self.company.email = False
        self.company.alias_domain_id = False
        self.env.ref("base.partner_root").email = False
        self.user_marc.notification_type = "inbox"
        since = self._last_message_id()
        self.theirs.with_user(self.user_no_mail).write({"user_id": self.user_marc.id})
        message = self._assignment(since, self.user_marc)
        self.assertEqual(message.author_id, self.user_no_mail.partner_id)
        self.assertFalse(message.email_from)
        self.assertEqual(message.notification_ids.notification_type, "inbox")
        self.assertEqual(self.theirs.user_id, self.user_marc)

    def test_handover_by_a_user_with_email_is_sent_from_their_address(self):
        mine = self._create_opportunity(name="Other's deal", user_id=self.user_other.id)
        since = self._last_message_id()
        mine.with_user(self.user_other).write({"user_id": self.user_marc.id})
        message = self._assignment(since, self.user_marc)
        self.assertEqual(message.author_id, self.user_other.partner_id)
        self.assertEqual(message.email_from, self.user_other.email_formatted)

    def test_a_chatter_message_of_a_user_without_email_is_still_odoo_s(self):
        """Only the assignment notifications borrow the company's address: a chatter message
        of a user without email is what Odoo makes of it (18.0 refuses it, 19.0 posts it
        without a sender address)."""
        post = self.theirs.with_user(self.user_no_mail).message_post
        if not ODOO_19:
            with self.assertRaisesRegex(UserError, "configure the sender's email address"):
                post(body="Hello", message_type="comment", subtype_xmlid="mail.mt_comment")
            return
        message = post(body="Hello", message_type="comment", subtype_xmlid="mail.mt_comment")
        author = self.user_no_mail.partner_id
        self.assertEqual(message.author_id, author)
        self.assertNotEqual(
            message.email_from, self.theirs._notify_fallback_email_from(author) or "no fallback"
        )

    def test_handover_the_user_still_sees_returns_the_record(self):
        """An All Documents user, or a collaborator, keeps the opportunity: the form reloads."""
        since = self._last_message_id()
        form = Form(self.theirs.with_user(self.user_all))
        form.user_id = self.user_marc
        form.save()
        self.assertEqual(form.user_id, self.user_marc)
        self.assertEqual(len(self._assignment(since, self.user_marc)), 1)
        shared = self._create_opportunity(
            name="Shared deal",
            user_id=self.user_no_mail.id,
            collaborator_ids=[Command.set(self.user_no_mail.ids)],
        )
        form = Form(shared.with_user(self.user_no_mail))
        form.user_id = self.user_marc
        form.save()
        self.assertEqual(shared.user_id, self.user_marc)
        self.assertEqual(form.user_id, self.user_marc)

    def test_pager_save_reads_the_next_record(self):
        other = self._create_opportunity(name="Next one", user_id=self.user_no_mail.id)
        result = self.theirs.with_user(self.user_no_mail).web_save(
            {"user_id": self.user_marc.id}, {"name": {}}, next_id=other.id
        )
        self.assertEqual(result, [{"id": other.id, "name": "Next one"}])
        self.assertEqual(self.theirs.user_id, self.user_marc)

    def test_handover_of_someone_elses_opportunity_is_refused(self):
        marcs = self._create_opportunity(name="Marc's deal", user_id=self.user_marc.id)
        with self.assertRaises(AccessError):
            marcs.with_user(self.user_no_mail).web_save(
                {"user_id": self.user_no_mail.id}, {"name": {}}
            )
        self._assert_rolled_back(marcs, "user_id", self.user_marc)

    def test_several_given_at_once_by_a_user_without_email(self):
        since = self._last_message_id()
        created = self.Opportunity.with_user(self.user_no_mail).create(
            [
                {
                    "name": f"For Marc {i}",
                    "partner_id": self.partner.id,
                    "pipeline_id": self.pipeline.id,
                    "user_id": self.user_marc.id,
                }
                for i in range(3)
            ]
        )
        message = self._assignment(since, self.user_marc)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.subject, "You have been assigned 3 opportunities")
        self.assertEqual(message.author_id, self.user_no_mail.partner_id)
        self.assertEqual(message.email_from, '"Nga Sales" <sales@opportunity-test.example.com>')
        for opportunity in created:
            self.assertIn(opportunity.display_name, message.body)


@tagged("post_install", "-at_install")
class TestOpportunityForColleague(OpportunityAssignCommon):
    """An Own Documents user enters an opportunity for a colleague: they stay on it as a
    collaborator (what the record rule lets them see), on every path."""

    def _vals(self, **values):
        return {
            "name": "For a colleague",
            "partner_id": self.partner.id,
            "pipeline_id": self.pipeline.id,
            **values,
        }

    def test_api_create_for_a_colleague(self):
        Opportunity = self.Opportunity.with_user(self.user_no_mail)
        since = self._last_message_id()
        opportunity = Opportunity.create(self._vals(user_id=self.user_marc.id))
        self.assertEqual(opportunity.user_id, self.user_marc)
        self.assertEqual(opportunity.collaborator_ids, self.user_no_mail)
        self.assertIn(self.user_no_mail.partner_id, opportunity.message_partner_ids)
        # they go on working on it
        opportunity.write({"amount": 1200})
        self.assertEqual(opportunity.amount, 1200)
        # the responsible is told, by the creator
        message = self._assignment(since, self.user_marc)
        self.assertEqual(message.res_id, opportunity.id)
        self.assertEqual(message.author_id, self.user_no_mail.partner_id)

    def test_form_create_for_a_colleague(self):
        form = Form(self.Opportunity.with_user(self.user_own))
        form.name = "Entered for Marc"
        form.partner_id = self.partner
        form.user_id = self.user_marc
        opportunity = form.save()
        self.assertEqual(opportunity.user_id, self.user_marc)
        self.assertEqual(len(form.collaborator_ids), 1)
        self.assertEqual(form.collaborator_ids[0], self.user_own)

    def test_collaborators_given_in_any_shape_are_kept(self):
        Opportunity = self.Opportunity.with_user(self.user_own)
        as_ids = Opportunity.create(
            self._vals(user_id=self.user_marc.id, collaborator_ids=self.user_other.ids)
        )
        self.assertEqual(as_ids.collaborator_ids, self.user_other | self.user_own)
        already = Opportunity.create(
            self._vals(user_id=self.user_marc.id, collaborator_ids=[Command.set(self.user_own.ids)])
        )
        self.assertEqual(already.collaborator_ids, self.user_own)
        from_context = Opportunity.with_context(
            default_user_id=self.user_marc.id, default_collaborator_ids=self.user_other.ids
        ).create(self._vals())
        self.assertEqual(from_context.user_id, self.user_marc)
        self.assertEqual(from_context.collaborator_ids, self.user_other | self.user_own)

    def test_unassigned_opportunity_keeps_its_creator(self):
        opportunity = self.Opportunity.with_user(self.user_own).create(self._vals(user_id=False))
        self.assertFalse(opportunity.user_id)
        self.assertEqual(opportunity.collaborator_ids, self.user_own)

    def test_own_opportunity_and_all_documents_users_are_left_alone(self):
        mine = self.Opportunity.with_user(self.user_own).create(self._vals())
        self.assertEqual(mine.user_id, self.user_own)
        self.assertFalse(mine.collaborator_ids)
        # a sales lead entering the team's opportunities is not made to follow them all
        for_marc = self.Opportunity.with_user(self.user_all).create(
            self._vals(user_id=self.user_marc.id)
        )
        self.assertFalse(for_marc.collaborator_ids)

    def test_someone_elses_opportunity_stays_out_of_reach(self):
        marcs = self._create_opportunity(name="Marc's", user_id=self.user_marc.id)
        with self.assertRaises(AccessError):
            marcs.with_user(self.user_own).write(
                {"collaborator_ids": [Command.link(self.user_own.id)]}
            )
        self._assert_rolled_back(marcs, "collaborator_ids", self.env["res.users"])


@tagged("post_install", "-at_install")
class TestOpportunityImportForColleague(OpportunityImportCommon):
    def test_import_row_for_a_colleague(self):
        marc = new_test_user(
            self.env,
            login="marc_le",
            name="Marc Lê",
            groups="base.group_user,opportunity_pipeline.group_opportunity_user",
            company_id=self.company.id,
            company_ids=[(6, 0, self.company.ids)],
        )
        rows = [
            EN,
            self._row(name="For Marc", partner="Công ty ABC", pipeline="RT", user="Marc Lê"),
            self._row(
                name="For Marc, with a helper",
                partner="Công ty ABC",
                pipeline="RT",
                user="marc_le",
                collaborators="op_other",
            ),
            self._row(name="Mine", partner="Công ty ABC", pipeline="RT"),
        ]
        history = self._run(self._wizard(xlsx_bytes(rows), user=self.user_own))
        self.assertEqual(history.state, "done", self._messages(history))
        self.assertEqual(history.created_count, 3)
        created = {o.name: o for o in history.created_opportunity_ids}
        self.assertEqual(created["For Marc"].user_id, marc)
        self.assertEqual(created["For Marc"].collaborator_ids, self.user_own)
        self.assertEqual(
            created["For Marc, with a helper"].collaborator_ids, self.user_other | self.user_own
        )
        self.assertEqual(created["Mine"].user_id, self.user_own)
        self.assertFalse(created["Mine"].collaborator_ids)
        # all three stay in the importing user's list
        visible = self.env["opportunity.opportunity"].with_user(self.user_own).search([])
        self.assertLessEqual(history.created_opportunity_ids, visible)
