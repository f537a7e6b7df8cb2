# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Add a Link: documents kept on a drive become links (``ir.attachment`` of type ``url``) of an
opportunity, web addresses only, whatever path creates them; access as for any document."""

from lxml import etree

from odoo import Command
from odoo.addons.mail.tools.discuss import Store
from odoo.addons.opportunity_pipeline.compat import ODOO_19, USER_GROUPS
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import OpportunityCommon

OPPORTUNITY = "opportunity.opportunity"
DRIVE_URL = "https://drive.google.com/file/d/1AbC-dEf/view?usp=sharing"
SCHEME_MESSAGE = "URL: only web addresses starting with http:// or https://"
# what a user may type or paste, and the start of the message that refuses it
HOSTILE = [
    ("javascript:alert(document.cookie)", SCHEME_MESSAGE),
    ("JaVaScRiPt:alert(1)", SCHEME_MESSAGE),
    (" javascript:alert(1)", SCHEME_MESSAGE),
    ("java\tscript:alert(1)", "URL: the address contains spaces"),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", SCHEME_MESSAGE),
    ("file:///etc/passwd", SCHEME_MESSAGE),
    ("ftp://files.example.com/contract.pdf", SCHEME_MESSAGE),
    ("vbscript:msgbox(1)", SCHEME_MESSAGE),
    ("/web/content/1", SCHEME_MESSAGE),
    ("https://user:secret@drive.example.com/x", "URL: the address contains a user name"),
    ("https:///contract.pdf", "URL: the address has no valid server name"),
    ("   ", "URL: enter the address of the document"),
]


@tagged("post_install", "-at_install")
class TestOpportunityAttachmentLink(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._create_opportunity(name="Link deal", user_id=cls.user_own.id)
        cls.Attachment = cls.env["ir.attachment"]

    def _links(self, opportunity):
        return self.Attachment.search(
            [("res_model", "=", OPPORTUNITY), ("res_id", "=", opportunity.id), ("type", "=", "url")]
        )

    def _wizard_form(self, opportunity, user):
        """The dialog the form's *Add a Link* button opens, as ``user`` sees it."""
        action = opportunity.with_user(user).action_open_link_wizard()
        Wizard = self.env[action["res_model"]].with_user(user).with_context(**action["context"])
        return Form(Wizard)

    def _add_link(self, opportunity, user, url, name=None):
        form = self._wizard_form(opportunity, user)
        form.url = url
        if name is not None:
            form.name = name
        return form.save().action_add_link()

    def _link_vals(self, url, res_model=OPPORTUNITY, res_id=None):
        return {
            "name": "Contract",
            "type": "url",
            "url": url,
            "res_model": res_model,
            "res_id": res_id or self.mine.id,
        }

    # ------------------------------------------------------------
    # The wizard
    # ------------------------------------------------------------

    def test_wizard_adds_a_link_counted_with_the_files(self):
        self.Attachment.create(
            {"name": "quote.txt", "raw": b"quote", "res_model": OPPORTUNITY, "res_id": self.mine.id}
        )
        result = self._add_link(self.mine, self.user_own, f"  {DRIVE_URL}\n", "Hợp đồng.pdf")
        self.assertEqual(result, {"type": "ir.actions.act_window_close"})
        link = self._links(self.mine)
        self.assertEqual(len(link), 1)
        self.assertEqual(link.type, "url")
        self.assertEqual(link.url, DRIVE_URL, "the pasted address loses its surrounding spaces")
        self.assertEqual(link.name, "Hợp đồng.pdf")
        self.assertEqual(link.create_uid, self.user_own)
        self.assertEqual(link.mimetype, "application/octet-stream", "no PDF preview of a page")
        opportunity = self.mine.with_user(self.user_own)
        opportunity.invalidate_recordset(["attachment_count"])
        self.assertEqual(opportunity.attachment_count, 2)
        documents = opportunity.action_view_documents()
        listed = self.Attachment.with_user(self.user_own).search(documents["domain"])
        self.assertEqual(len(listed), 2)
        self.assertIn(link, listed)

    def test_a_link_without_a_name_is_named_after_its_address(self):
        self._add_link(self.mine, self.user_own, DRIVE_URL)
        self.assertEqual(self._links(self.mine).name, DRIVE_URL)

    def test_the_chatter_receives_the_link_with_its_address(self):
        self._add_link(self.mine, self.user_own, DRIVE_URL, "Contract")
        store = Store()
        # what the chatter's thread data route asks (19.0 takes the thread's fields first)
        fields = ([],) if ODOO_19 else ()
        self.mine.with_user(self.user_own)._thread_to_store(
            store, *fields, request_list=["attachments"]
        )
        attachments = store.get_result()["ir.attachment"]
        self.assertEqual(
            [(a["name"], a["type"], a["url"]) for a in attachments],
            [("Contract", "url", DRIVE_URL)],
        )

    def test_hostile_addresses_are_refused_and_nothing_is_created(self):
        for url, message in HOSTILE:
            with self.subTest(url=url):
                form = self._wizard_form(self.mine, self.user_own)
                form.url = url
                with self.assertRaises(ValidationError) as caught:
                    form.save()
                self.assertIn(message, str(caught.exception))
                self.assertFalse(self._links(self.mine))
        self.assertFalse(
            self.env["opportunity.attachment.link.wizard"].search(
                [("opportunity_id", "=", self.mine.id)]
            )
        )

    def test_documents_view_offers_add_a_link_for_its_opportunity(self):
        action = self.mine.with_user(self.user_own).action_view_documents()
        Attachment = self.Attachment.with_user(self.user_own).with_context(**action["context"])
        views = Attachment.get_views([(view_id, kind) for view_id, kind in action["views"]])
        for kind in ("kanban", "list"):
            with self.subTest(view=kind):
                arch = etree.fromstring(views["views"][kind]["arch"])
                [button] = arch.xpath("//header/button[hasclass('o_opportunity_add_link')]")
                self.assertEqual(button.get("display"), "always")
                self.assertEqual(button.get("type"), "object")
        # what the button calls, in the view's context, on the documents listed
        listed = Attachment.search(action["domain"])
        wizard_action = getattr(listed, button.get("name"))()
        self.assertEqual(wizard_action["res_model"], "opportunity.attachment.link.wizard")
        self.assertEqual(wizard_action["context"], {"default_opportunity_id": self.mine.id})
        Wizard = self.env[wizard_action["res_model"]].with_user(self.user_own)
        form = Form(Wizard.with_context(**wizard_action["context"]))
        form.url = DRIVE_URL
        form.save().action_add_link()
        self.assertEqual(self._links(self.mine).url, DRIVE_URL)
        # Odoo's own attachment views are unchanged
        for kind in ("kanban", "list"):
            default_arch = self.Attachment.get_views([(False, kind)])["views"][kind]["arch"]
            self.assertNotIn("o_opportunity_add_link", default_arch)

    def test_add_a_link_outside_an_opportunitys_documents_is_refused(self):
        with self.assertRaises(UserError):
            self.Attachment.with_user(self.user_own).action_open_opportunity_link_wizard()
        partner_documents = self.Attachment.with_context(
            default_res_model="res.partner", default_res_id=self.partner.id
        )
        with self.assertRaises(UserError):
            partner_documents.action_open_opportunity_link_wizard()

    # ------------------------------------------------------------
    # Every path to ir.attachment
    # ------------------------------------------------------------

    def test_direct_create_of_a_hostile_link_is_refused(self):
        for env in (self.env, self.user_own.env(context=self.env.context)):
            for url in ("javascript:alert(1)", "java\tscript:alert(1)", "data:text/html,x", ""):
                with self.subTest(user=env.user.login, url=url):
                    with self.assertRaises(ValidationError) as caught:
                        env["ir.attachment"].create(self._link_vals(url))
                    self.assertIn("URL:", str(caught.exception))
        self.assertFalse(self._links(self.mine))

    def test_an_address_longer_than_the_field_is_refused_not_cut(self):
        url = "https://example.com/" + "a" * 2000
        with self.assertRaises(ValidationError) as caught:
            self.Attachment.create(self._link_vals(url))
        self.assertIn("longer than 1024 characters", str(caught.exception))
        self.assertFalse(self._links(self.mine))

    def test_direct_write_of_a_hostile_address_is_refused(self):
        link = self.Attachment.with_user(self.user_own).create(self._link_vals(DRIVE_URL))
        with self.assertRaises(ValidationError):
            link.write({"url": "javascript:alert(1)"})
        with self.assertRaises(ValidationError):
            link.write({"url": False})
        link.invalidate_recordset(["url"])
        self.assertEqual(link.url, DRIVE_URL)
        link.write({"url": "https://contoso.sharepoint.com/x"})
        self.assertEqual(link.url, "https://contoso.sharepoint.com/x")

    def test_moving_a_hostile_link_onto_an_opportunity_is_refused(self):
        partner_link = self.Attachment.create(
            self._link_vals("javascript:alert(1)", "res.partner", self.partner.id)
        )
        with self.assertRaises(ValidationError):
            partner_link.write({"res_model": OPPORTUNITY, "res_id": self.mine.id})
        file = self.Attachment.create(
            {"name": "a.txt", "raw": b"a", "res_model": OPPORTUNITY, "res_id": self.mine.id}
        )
        with self.assertRaises(ValidationError):
            file.write({"type": "url", "url": "vbscript:msgbox(1)"})
        partner_link.invalidate_recordset(["res_model"])
        self.assertEqual(partner_link.res_model, "res.partner")

    def test_attachment_form_of_the_documents_view_is_checked_too(self):
        """The Documents view's *New* opens Odoo's attachment form, where a URL can be typed."""
        action = self.mine.with_user(self.user_own).action_view_documents()
        Attachment = self.Attachment.with_user(self.user_own).with_context(**action["context"])
        form = Form(Attachment, view="base.view_attachment_form")
        form.name = "Contract"
        form.type = "url"
        form.url = "javascript:alert(1)"
        with self.assertRaises(ValidationError):
            form.save()
        form.url = DRIVE_URL
        link = form.save()
        self.assertEqual(
            (link.res_model, link.res_id, link.url), (OPPORTUNITY, self.mine.id, DRIVE_URL)
        )

    def test_other_models_attachments_are_left_as_odoo_makes_them(self):
        partner_link = self.Attachment.create(
            self._link_vals("javascript:alert(1)", "res.partner", self.partner.id)
        )
        self.assertEqual(partner_link.url, "javascript:alert(1)")
        partner_link.write({"url": "ftp://files.example.com/x"})
        self.assertEqual(partner_link.url, "ftp://files.example.com/x")
        both = self.Attachment.create(
            [
                self._link_vals("/web/content/1", "res.partner", self.partner.id),
                self._link_vals(DRIVE_URL),
            ]
        )
        self.assertEqual(both.mapped("url"), ["/web/content/1", DRIVE_URL])

    # ------------------------------------------------------------
    # Access
    # ------------------------------------------------------------

    def test_who_can_write_the_opportunity_can_add_a_link(self):
        theirs = self._create_opportunity(
            name="Their deal",
            user_id=self.user_other.id,
            collaborator_ids=[Command.link(self.user_own.id)],
        )
        self._add_link(theirs, self.user_own, DRIVE_URL)  # a collaborator
        self._add_link(self.mine, self.user_all, DRIVE_URL)  # all documents
        self.assertEqual(len(self._links(theirs) | self._links(self.mine)), 2)

    def test_another_salesperson_cannot_add_a_link(self):
        with self.assertRaises(AccessError):
            self._add_link(self.mine, self.user_other, DRIVE_URL)
        with self.assertRaises(AccessError):
            self.Attachment.with_user(self.user_other).create(self._link_vals(DRIVE_URL))
        with self.assertRaises(AccessError):
            self._add_link(self.mine, self.user_employee, DRIVE_URL)
        self.assertFalse(self._links(self.mine))

    def test_another_companys_user_cannot_add_a_link(self):
        company_b = self.env["res.company"].create({"name": "Link Company B"})
        user_b = new_test_user(
            self.env,
            login="link_company_b",
            groups="base.group_user,opportunity_pipeline.group_opportunity_user_all",
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        with self.assertRaises(AccessError):
            self._add_link(self.mine, user_b, DRIVE_URL)
        with self.assertRaises(AccessError):
            self.Attachment.with_user(user_b).create(self._link_vals(DRIVE_URL))
        self.assertFalse(self._links(self.mine))

    def test_a_read_only_user_cannot_add_a_link(self):
        group = self.env["res.groups"].create(
            {
                "name": "Opportunity readers (test)",
                "model_access": [
                    Command.create(
                        {
                            "name": "read opportunities",
                            "model_id": self.env["ir.model"]._get_id(OPPORTUNITY),
                            "perm_read": True,
                        }
                    ),
                    Command.create(
                        {
                            "name": "use the link wizard",
                            "model_id": self.env["ir.model"]._get_id(
                                "opportunity.attachment.link.wizard"
                            ),
                            "perm_read": True,
                            "perm_write": True,
                            "perm_create": True,
                        }
                    ),
                ],
            }
        )
        reader = new_test_user(
            self.env,
            login="link_reader",
            groups="base.group_user",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        reader.write({USER_GROUPS: [Command.link(group.id)]})
        self.assertEqual(self.mine.with_user(reader).name, "Link deal")  # reads it
        with self.assertRaises(AccessError):
            self._add_link(self.mine, reader, DRIVE_URL)
        with self.assertRaises(AccessError):
            self.Attachment.with_user(reader).create(self._link_vals(DRIVE_URL))
        self.assertFalse(self._links(self.mine))

    def test_a_wizard_is_its_creators_only(self):
        form = self._wizard_form(self.mine, self.user_own)
        form.url = DRIVE_URL
        wizard = form.save()
        self.assertEqual(wizard.with_user(self.user_own).url, DRIVE_URL)
        Wizard = self.env["opportunity.attachment.link.wizard"]
        self.assertFalse(Wizard.with_user(self.user_all).search([("id", "=", wizard.id)]))
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_all).read(["url"])
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_all).action_add_link()
        self.assertFalse(self._links(self.mine))
