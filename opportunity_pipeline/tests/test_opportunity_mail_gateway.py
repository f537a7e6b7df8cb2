# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Opportunities from email: raw emails sent to the alias of a sales process, processed by
Odoo's mail gateway (``mail.thread.message_process``) as the fetchmail cron does."""

import base64
from ast import literal_eval

from odoo.addons.mail.tests.common import MockEmail
from odoo.exceptions import AccessError
from odoo.tests import Form, tagged
from odoo.tools import email_normalize

from ..models import opportunity_opportunity_mail_gateway as gateway
from .common import OpportunityCommon

SUBJECT_VI = "Báo giá máy lạnh cho Công ty Hòa Bình"
SENDER_NAME_VI = "Nguyễn Thị Hạnh"
ATTACHMENT_TEXT = "Giá: 12.500.000 đ\n"

RAW_HEADERS = """Return-Path: <{address}>
To: {to}
From: {sender}
Subject: {subject}
Date: Mon, 30 Nov 2026 10:00:00 +0700
Message-ID: {msg_id}
{extra}MIME-Version: 1.0
"""

RAW_TEXT = """Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64

{body}
"""

RAW_WITH_ATTACHMENT = """Content-Type: multipart/mixed; boundary="----=_Part_4200"

------=_Part_4200
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: base64

{body}
------=_Part_4200
Content-Type: text/plain; charset="utf-8"; name="bao-gia.txt"
Content-Disposition: attachment; filename="bao-gia.txt"
Content-Transfer-Encoding: base64

{attachment}
------=_Part_4200--
"""


def b64(text):
    return base64.b64encode(text.encode()).decode()


def encoded_word(text):
    """A header as mail clients write non-ASCII text (RFC 2047)."""
    return f"=?utf-8?b?{b64(text)}?="


@tagged("post_install", "-at_install")
class TestOpportunityMailGateway(OpportunityCommon, MockEmail):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alias_domain = cls.env["mail.alias.domain"].create({"name": "opportunity.example.com"})
        cls.company.alias_domain_id = cls.alias_domain
        cls.other_company = cls.env["res.company"].create({"name": "Other Test Co"})
        # the first stage is the first by sequence, not the first created
        cls.pipeline_mail = cls.env["opportunity.pipeline"].create(
            {
                "name": "Email leads",
                "company_id": cls.company.id,
                "alias_name": "co-hoi",
                "alias_domain_id": cls.alias_domain.id,
                "stage_ids": [
                    (0, 0, {"name": "Answered", "sequence": 5}),
                    (0, 0, {"name": "Inbox", "sequence": 1}),
                ],
            }
        )
        cls.stage_inbox = cls.pipeline_mail.stage_ids.filtered(lambda s: s.name == "Inbox")
        cls.pipeline_b.write({"alias_name": "du-an", "alias_domain_id": cls.alias_domain.id})
        cls.Partner = cls.env["res.partner"].with_context(active_test=False)
        cls._msg_count = 0

    def _raw_email(self, to, subject, sender, body="Xin chào, chúng tôi cần báo giá.", **kw):
        self.__class__._msg_count += 1
        msg_id = kw.get("msg_id") or f"<{self._msg_count}.gateway-test@customer.example>"
        extra = f"In-Reply-To: {kw['in_reply_to']}\n" if kw.get("in_reply_to") else ""
        headers = RAW_HEADERS.format(
            address=sender.rsplit("<", 1)[-1].strip(">"),
            to=to,
            sender=sender,
            subject=subject,
            msg_id=msg_id,
            extra=extra,
        )
        if kw.get("attachment"):
            part = RAW_WITH_ATTACHMENT.format(body=b64(body), attachment=b64(kw["attachment"]))
        else:
            part = RAW_TEXT.format(body=b64(body))
        return headers + part, msg_id

    def _process(self, to="co-hoi@opportunity.example.com", subject="Need a quote", **kw):
        sender = kw.pop("sender", "Mr Nobody <nobody@customer.example>")
        raw, msg_id = self._raw_email(to, subject, sender, **kw)
        with self.mock_mail_gateway():
            # as the fetchmail cron does: the gateway runs with administrative rights
            thread_id = self.env["mail.thread"].sudo().message_process(None, raw)
        return self.Opportunity.browse(thread_id), msg_id

    def _incoming(self, opportunity, msg_id):
        return opportunity.message_ids.filtered(lambda m: m.message_id == msg_id)

    # ------------------------------------------------------------
    # New opportunities
    # ------------------------------------------------------------

    def test_gateway_override_comes_before_mail_thread(self):
        owners = [c for c in type(self.Opportunity).mro() if "message_new" in vars(c)]
        self.assertIs(owners[0], gateway.OpportunityOpportunity)

    def test_vietnamese_subject_and_attachment_in_the_first_stage(self):
        opportunity, msg_id = self._process(
            subject=encoded_word(SUBJECT_VI),
            sender=f"{encoded_word(SENDER_NAME_VI)} <hanh@hoabinh.example>",
            attachment=ATTACHMENT_TEXT,
        )
        self.assertEqual(len(opportunity), 1)
        self.assertEqual(opportunity.name, SUBJECT_VI)
        self.assertEqual(opportunity.pipeline_id, self.pipeline_mail)
        self.assertEqual(opportunity.stage_id, self.stage_inbox)
        self.assertEqual(opportunity.company_id, self.company)
        self.assertFalse(opportunity.user_id, "nobody is made responsible by the gateway")
        self.assertEqual(opportunity.partner_id.name, SENDER_NAME_VI)
        message = self._incoming(opportunity, msg_id)
        self.assertEqual(len(message), 1)
        self.assertIn("chúng tôi cần báo giá", message.body)
        self.assertEqual(message.author_id, opportunity.partner_id)
        self.assertEqual(message.attachment_ids.mapped("name"), ["bao-gia.txt"])
        self.assertEqual(message.attachment_ids.raw.decode(), ATTACHMENT_TEXT)
        self.assertEqual(message.attachment_ids.res_model, "opportunity.opportunity")
        self.assertEqual(message.attachment_ids.res_id, opportunity.id)
        self.assertEqual(opportunity.attachment_count, 1)

    def test_unknown_sender_gets_a_new_contact_of_the_company(self):
        before = self.Partner.search_count([])
        opportunity, _msg_id = self._process(sender="Lan Tran <lan.tran@new-customer.example>")
        self.assertEqual(self.Partner.search_count([]), before + 1)
        contact = opportunity.partner_id
        self.assertEqual(contact.name, "Lan Tran")
        self.assertEqual(contact.email, "lan.tran@new-customer.example")
        self.assertEqual(contact.company_id, self.company)

    def test_known_sender_is_their_contact(self):
        before = self.Partner.search_count([])
        opportunity, msg_id = self._process(sender="ABC Sales <ABC@example.com>")
        self.assertEqual(opportunity.partner_id, self.partner)
        self.assertEqual(self._incoming(opportunity, msg_id).author_id, self.partner)
        self.assertEqual(self.Partner.search_count([]), before, "no contact created")

    def test_the_companys_own_contact_comes_before_a_shared_one(self):
        own = self.Partner.create(
            {"name": "ABC (ours)", "email": "abc@example.com", "company_id": self.company.id}
        )
        opportunity, _msg_id = self._process(sender="abc@example.com")
        self.assertEqual(opportunity.partner_id, own)

    def test_sender_known_only_in_another_company_gets_a_contact_of_ours(self):
        theirs = self.Partner.create(
            {
                "name": "Secret Customer of Other Co",
                "email": "buyer@shared-customer.example",
                "company_id": self.other_company.id,
            }
        )
        before = self.Partner.search_count([])
        opportunity, msg_id = self._process(sender="Buyer <buyer@shared-customer.example>")
        self.assertEqual(len(opportunity), 1)
        contact = opportunity.partner_id
        self.assertNotEqual(contact, theirs)
        self.assertEqual(contact.company_id, self.company)
        self.assertEqual(contact.name, "Buyer")
        self.assertEqual(contact.email_normalized, "buyer@shared-customer.example")
        self.assertEqual(self.Partner.search_count([]), before + 1)
        self.assertEqual(self._incoming(opportunity, msg_id).author_id, contact)
        self.assertNotIn(theirs, opportunity.message_partner_ids)
        self.assertEqual(theirs.company_id, self.other_company, "their contact is untouched")

    def test_empty_subject_gives_a_name(self):
        opportunity, _msg_id = self._process(subject="")
        self.assertEqual(opportunity.name, "No Subject")

    def test_alias_of_another_pipeline_uses_that_pipeline(self):
        opportunity, _msg_id = self._process(to="du-an@opportunity.example.com")
        self.assertEqual(opportunity.pipeline_id, self.pipeline_b)
        self.assertEqual(opportunity.stage_id, self.stage_b1)
        # a shared process gives its opportunities to the gateway's company
        self.assertEqual(opportunity.company_id, self.company)

    def test_alias_of_an_archived_pipeline_bounces(self):
        self.pipeline_mail.active = False
        before = self.Opportunity.with_context(active_test=False).search_count([])
        opportunity, _msg_id = self._process(sender="Late <late@customer.example>")
        self.assertFalse(opportunity)
        self.assertEqual(self.Opportunity.with_context(active_test=False).search_count([]), before)
        bounce = self._new_mails
        self.assertEqual(len(bounce), 1, "the sender is told")
        self.assertEqual(email_normalize(bounce.email_to), "late@customer.example")
        self.assertEqual(self.pipeline_mail.alias_status, "not_tested", "not a config error")

    def test_alias_of_a_pipeline_without_stages_bounces_as_misconfigured(self):
        empty = self.env["opportunity.pipeline"].create(
            {
                "name": "No stages yet",
                "alias_name": "empty",
                "alias_domain_id": self.alias_domain.id,
            }
        )
        opportunity, _msg_id = self._process(to="empty@opportunity.example.com")
        self.assertFalse(opportunity)
        self.assertFalse(self.Opportunity.search([("pipeline_id", "=", empty.id)]))
        self.assertEqual(len(self._new_mails), 1, "the sender is told")
        self.assertEqual(empty.alias_status, "invalid")

    # ------------------------------------------------------------
    # Replies
    # ------------------------------------------------------------

    def test_reply_lands_in_the_same_chatter(self):
        sender = "Lan Tran <lan.tran@new-customer.example>"
        opportunity, first_id = self._process(sender=sender, subject="Need 3 printers")
        count = self.Opportunity.search_count([])
        replied, reply_id = self._process(
            sender=sender,
            subject="Re: Need 3 printers",
            body="Thêm 2 máy scan nữa.",
            in_reply_to=first_id,
        )
        self.assertEqual(replied, opportunity)
        self.assertEqual(self.Opportunity.search_count([]), count, "no new opportunity")
        reply = self._incoming(opportunity, reply_id)
        self.assertIn("Thêm 2 máy scan nữa.", reply.body)
        self.assertEqual(reply.author_id, opportunity.partner_id)

    def test_reply_from_another_companys_contact_is_not_authored_by_it(self):
        theirs = self.Partner.create(
            {
                "name": "Secret Colleague of Other Co",
                "email": "colleague@partner-firm.example",
                "company_id": self.other_company.id,
            }
        )
        opportunity, first_id = self._process(subject="Quote for the firm")
        replied, reply_id = self._process(
            sender="Colleague <colleague@partner-firm.example>",
            subject="Re: Quote for the firm",
            in_reply_to=first_id,
        )
        self.assertEqual(replied, opportunity)
        reply = self._incoming(opportunity, reply_id)
        self.assertEqual(len(reply), 1)
        self.assertNotEqual(reply.author_id, theirs)
        self.assertFalse(reply.author_id)
        self.assertIn("colleague@partner-firm.example", reply.email_from)

    # ------------------------------------------------------------
    # Configuration
    # ------------------------------------------------------------

    def test_pipeline_form_sets_the_alias(self):
        with Form(self.pipeline.with_user(self.user_manager)) as form:
            form.alias_name = "Bán lẻ"
            form.alias_domain_id = self.alias_domain
        self.assertEqual(self.pipeline.alias_email, "ban-le@opportunity.example.com")
        defaults = literal_eval(self.pipeline.alias_defaults)
        self.assertEqual(defaults, {"pipeline_id": self.pipeline.id})
        self.assertEqual(self.pipeline.alias_model_id.model, "opportunity.opportunity")
        list_arch = self.env["opportunity.pipeline"].get_view(view_type="list")["arch"]
        self.assertIn('name="alias_email"', list_arch)

    def test_a_copied_pipeline_gets_its_own_empty_alias(self):
        copy = self.pipeline_mail.copy()
        self.assertTrue(copy.alias_id)
        self.assertNotEqual(copy.alias_id, self.pipeline_mail.alias_id)
        self.assertFalse(copy.alias_name)
        self.assertIn(f"'pipeline_id': {copy.id}", copy.alias_defaults)
        self.assertEqual(self.pipeline_mail.alias_name, "co-hoi")

    def test_alias_defaults_follow_the_company_of_the_pipeline(self):
        self.assertIn(f"'company_id': {self.company.id}", self.pipeline_mail.alias_defaults)
        self.pipeline_mail.company_id = False
        self.assertNotIn("company_id", self.pipeline_mail.alias_defaults)
        self.assertIn(f"'pipeline_id': {self.pipeline_mail.id}", self.pipeline_mail.alias_defaults)

    def test_only_administrators_change_the_alias(self):
        for user in (self.user_own, self.user_all):
            with self.assertRaises(AccessError):
                self.pipeline_mail.with_user(user).write({"alias_name": "hijacked"})
            with self.assertRaises(AccessError):
                self.pipeline_mail.alias_id.with_user(user).write({"alias_name": "hijacked"})
        self.pipeline_mail.invalidate_recordset()
        self.assertEqual(self.pipeline_mail.alias_name, "co-hoi")
        # a user may read the address, to give it to customers
        self.assertEqual(
            self.pipeline_mail.with_user(self.user_own).alias_email,
            "co-hoi@opportunity.example.com",
        )
        self.pipeline_mail.with_user(self.user_manager).write({"alias_name": "leads"})
        self.assertEqual(self.pipeline_mail.alias_email, "leads@opportunity.example.com")
