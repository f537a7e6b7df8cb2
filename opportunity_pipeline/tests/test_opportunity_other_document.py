# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Other documents on the Related tab (``opportunity.document.link``): any document of another
app linked to an opportunity, where 1Office's *Quy trình* lives in Odoo."""

import json

from lxml import etree

from odoo import Command
from odoo.addons.opportunity_pipeline.compat import USER_GROUPS
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged, users, warmup
from odoo.tools import SQL

from .common import OpportunityCommon

LINK = "opportunity.document.link"


@tagged("post_install", "-at_install")
class TestOpportunityOtherDocument(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.opportunity = cls._create_opportunity(name="Linked work", user_id=cls.user_own.id)
        Product = cls.env["product.template"]
        cls.widget, cls.gadget = Product.create(
            [{"name": "Process widget"}, {"name": "Process gadget"}]
        )
        cls.category = cls.env["product.category"].create({"name": "Process category"})
        cls.company_b = cls.env["res.company"].create({"name": "Links Other Co"})
        cls.Link = cls.env[LINK]

    def _link(self, document, opportunity=None, user=None):
        Link = self.Link.with_user(user) if user else self.Link
        return Link.create(
            {
                "opportunity_id": (opportunity or self.opportunity).id,
                "document_ref": f"{document._name},{document.id}",
            }
        )

    def _notes(self, opportunity=None):
        self._flush_tracking()
        messages = (opportunity or self.opportunity).message_ids.sorted("id")
        return [message.body for message in messages if message.body]

    # ------------------------------------------------------------
    # As a user does it: the Related tab of the form
    # ------------------------------------------------------------

    def test_form_links_and_unlinks_a_document_and_the_chatter_says_so(self):
        with (
            Form(self.opportunity.with_user(self.user_own)) as form,
            form.document_link_ids.new() as line,
        ):
            line.document_ref = self.widget
            # kind and name are shown before the opportunity is saved
            self.assertEqual(line.document_kind, "Product")
            self.assertEqual(line.document_name, "Process widget")
        link = self.opportunity.document_link_ids
        self.assertEqual((link.res_model, link.res_id), ("product.template", self.widget.id))
        self.assertEqual(link.create_uid, self.user_own)
        self.assertIn("Product", self._notes()[-1])
        self.assertIn("Process widget</a> linked.", self._notes()[-1])

        with Form(self.opportunity.with_user(self.user_own)) as form:
            form.document_link_ids.remove(index=0)
        self.assertFalse(self.opportunity.document_link_ids)
        self.assertFalse(self.Link.search([("opportunity_id", "=", self.opportunity.id)]))
        self.assertTrue(self.widget.exists(), "unlinking keeps the document")
        self.assertIn("Process widget</a> unlinked (it is kept).", self._notes()[-1])

    def test_picker_offers_the_documents_the_user_may_read(self):
        def offered(user=None):
            Link = self.Link.with_user(user) if user else self.Link
            return dict(Link.fields_get(["document_ref"])["document_ref"]["selection"])

        kinds = offered(self.user_own)
        self.assertEqual(kinds["product.template"], "Product")
        self.assertIn("product.category", kinds)
        # technical models, lists of values without a chatter, contacts (their own list)
        # and the opportunity's own models are not offered
        for model in (
            "res.partner",
            "res.users",
            "res.company",
            "res.country",
            "res.partner.category",
            "ir.attachment",
            "mail.message",
            "discuss.channel",
            "opportunity.opportunity",
            "opportunity.stage",
            "opportunity.import.wizard",
        ):
            self.assertNotIn(model, kinds)
        # documents with an Opportunity field of their own are linked by that field
        for model in ("project.task", "project.project", "sale.order"):
            if model in self.env:
                self.assertNotIn(model, offered())
        # a kind the user may not read is not offered to them (access rights, per user)
        self.env["ir.model.access"].search(
            [("model_id.model", "=", "product.category"), ("group_id", "!=", False)]
        ).perm_read = False
        self.assertNotIn("product.category", offered(self.user_own))
        self.assertIn("product.category", offered())

    def test_kinds_speak_the_users_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"].search([("name", "=", "product")])._update_translations(
            "vi_VN"
        )
        link = self._link(self.widget).with_user(self.user_own).with_context(lang="vi_VN")
        kinds = dict(link.fields_get(["document_ref"])["document_ref"]["selection"])
        self.assertEqual(kinds["product.template"], "Sản phẩm")
        self.assertEqual(link.document_kind, "Sản phẩm")

    def test_other_documents_come_last_on_the_related_tab(self):
        arch = self.Opportunity.with_user(self.user_own).get_views([(False, "form")])["views"]
        page = etree.fromstring(arch["form"]["arch"]).find(".//page[@name='related']")
        fields = [node.get("name") for node in page.iter("field") if node.getparent() is page]
        self.assertEqual(fields[-1], "document_link_ids")
        self.assertIn("related_partner_ids", fields[:-1])
        link_list = page.find("field[@name='document_link_ids']/list")
        self.assertFalse(link_list.get("editable"), "a dialog adds a document, not the row")
        columns = [node.get("name") for node in link_list.iter("field")]
        self.assertIn("document_kind", columns)
        self.assertIn("document_name", columns)
        self.assertNotIn("document_ref", columns, "the picker would read each document")

    def test_open_button_opens_the_document(self):
        link = self._link(self.widget)
        action = link.with_user(self.user_own).action_open_document()
        self.assertEqual(action["res_model"], "product.template")
        self.assertEqual(action["res_id"], self.widget.id)
        self.assertEqual(action["views"][0][1], "form")
        # the Related tab's context (its form_view_ref) is not carried to the document
        action = (
            link.with_user(self.user_own)
            .with_context(form_view_ref="opportunity_pipeline.opportunity_document_link_view_form")
            .action_open_document()
        )
        self.assertFalse([key for key in action["context"] if key.endswith("_view_ref")])
        action = link.with_context(default_name="Not a product name").action_open_document()
        self.assertNotIn("default_name", action["context"])

    # ------------------------------------------------------------
    # What may not be linked
    # ------------------------------------------------------------

    def test_refuses_what_cannot_be_linked_and_writes_nothing(self):
        self._link(self.widget, user=self.user_own)
        gone = self.env["product.template"].create({"name": "Gone widget"})
        gone.unlink()
        cases = [
            ({"res_model": "res.partner", "res_id": self.partner.id}, UserError, "cannot be"),
            ({"res_model": "res.users", "res_id": self.user_own.id}, UserError, "cannot be"),
            ({"res_model": "ir.config_parameter", "res_id": 1}, UserError, "cannot be"),
            ({"res_model": "no.such.model", "res_id": 1}, UserError, "cannot be"),
            ({"res_model": "product.template", "res_id": gone.id}, UserError, "no longer"),
            ({"document_ref": f"product.template,{self.widget.id}"}, UserError, "already linked"),
            ({"document_ref": False}, UserError, "Choose the kind of document"),
        ]
        Link = self.Link.with_user(self.user_own)
        for vals, error, message in cases:
            with self.subTest(vals=vals), self.assertRaisesRegex(error, message):
                Link.create({"opportunity_id": self.opportunity.id, **vals})
        # the same document twice in one go
        twice = {"opportunity_id": self.opportunity.id, "document_ref": self.gadget}
        with self.assertRaisesRegex(UserError, "already linked"):
            Link.create([dict(twice), dict(twice)])
        self.assertEqual(self.opportunity.document_link_ids.res_id, self.widget.id)

    def test_refuses_a_document_the_user_cannot_read(self):
        secret = self.env["product.template"].create(
            {"name": "Secret widget", "company_id": self.company_b.id}
        )
        with self.assertRaisesRegex(AccessError, "not allowed to read it"):
            self._link(secret, user=self.user_own)
        self.assertFalse(self.opportunity.document_link_ids)

    def test_refuses_a_document_of_another_company(self):
        self.user_own.company_ids = [Command.link(self.company_b.id)]
        theirs = self.env["product.template"].create(
            {"name": "Their widget", "company_id": self.company_b.id}
        )
        both = self.Link.with_context(allowed_company_ids=[self.company.id, self.company_b.id])
        with self.assertRaisesRegex(UserError, "belongs to Links Other Co"):
            both.with_user(self.user_own).create(
                {"opportunity_id": self.opportunity.id, "document_ref": theirs}
            )
        self.assertFalse(self.opportunity.document_link_ids)
        # a shared document (no company) is fine
        self.assertTrue(self._link(self.gadget, user=self.user_own))

    def test_linked_document_cannot_be_replaced(self):
        link = self._link(self.widget)
        with self.assertRaisesRegex(UserError, "cannot be replaced"):
            link.with_user(self.user_own).write({"document_ref": self.gadget})
        with self.assertRaisesRegex(UserError, "cannot be replaced"):
            link.with_user(self.user_own).write({"res_id": self.gadget.id})
        other = self._create_opportunity(name="Other", user_id=self.user_own.id)
        with self.assertRaisesRegex(UserError, "cannot be replaced"):
            link.with_user(self.user_own).write({"opportunity_id": other.id})
        link.with_user(self.user_own).write({"sequence": 3, "res_id": self.widget.id})
        self.assertEqual((link.sequence, link.res_id), (3, self.widget.id))

    # ------------------------------------------------------------
    # Access: the link follows its opportunity
    # ------------------------------------------------------------

    def test_link_rules_follow_the_opportunity(self):
        link = self._link(self.widget, user=self.user_own)
        # allowed: the responsible, a collaborator, a user of All Documents
        self.assertEqual(self.Link.with_user(self.user_own).search([]), link)
        self.assertEqual(self.Link.with_user(self.user_all).search([]), link)
        all_link = self._link(self.gadget, user=self.user_all)
        all_link.with_user(self.user_all).unlink()
        # refused: an Own Documents user on a colleague's opportunity
        Other = self.Link.with_user(self.user_other)
        self.assertFalse(Other.search([]))
        with self.assertRaises(AccessError):
            link.with_user(self.user_other).read(["document_name"])
        with self.assertRaises(AccessError):
            self._link(self.gadget, user=self.user_other)
        with self.assertRaises(AccessError):
            link.with_user(self.user_other).unlink()
        self.assertTrue(link.exists())
        # ...until they collaborate on it
        self.opportunity.collaborator_ids = [Command.link(self.user_other.id)]
        self.assertEqual(Other.search([]), link)
        self._link(self.gadget, user=self.user_other).with_user(self.user_other).unlink()

    def test_a_user_who_may_only_read_the_opportunity_cannot_link(self):
        readers = self.env["res.groups"].create({"name": "Opportunity readers"})
        self.env["ir.rule"].create(
            {
                "name": "Opportunity readers: read every opportunity",
                "model_id": self.env["ir.model"]._get_id("opportunity.opportunity"),
                "domain_force": "[(1, '=', 1)]",
                "groups": [Command.link(readers.id)],
                "perm_read": True,
                "perm_write": False,
                "perm_create": False,
                "perm_unlink": False,
            }
        )
        self.user_other.write({USER_GROUPS: [Command.link(readers.id)]})
        link = self._link(self.widget, user=self.user_own)
        self.assertEqual(self.opportunity.with_user(self.user_other).name, "Linked work")
        with self.assertRaisesRegex(AccessError, "opportunity"):
            self._link(self.gadget, user=self.user_other)
        with self.assertRaisesRegex(AccessError, "opportunity"):
            link.with_user(self.user_other).unlink()
        with self.assertRaisesRegex(AccessError, "opportunity"):
            self.opportunity.with_user(self.user_other).write(
                {"document_link_ids": [Command.create({"document_ref": self.gadget})]}
            )
        self.assertEqual(self.opportunity.document_link_ids, link)

    def test_company_rule_refuses_another_companys_opportunity(self):
        theirs = self._create_opportunity(
            name="Their deal", company_id=self.company_b.id, user_id=False
        )
        link = self._link(self.widget, opportunity=theirs)
        # refused from another company...
        Link = self.Link.with_user(self.user_all)
        self.assertFalse(Link.search([("id", "=", link.id)]))
        with self.assertRaises(AccessError):
            self._link(self.gadget, opportunity=theirs, user=self.user_all)
        with self.assertRaises(AccessError):
            link.with_user(self.user_all).unlink()
        # ...allowed once the user works in that company too
        self.user_all.company_ids = [Command.link(self.company_b.id)]
        Link = Link.with_context(allowed_company_ids=[self.company.id, self.company_b.id])
        self.assertEqual(Link.search([("id", "=", link.id)]), link)
        Link.browse(link.id).unlink()
        self.assertFalse(link.exists())

    # ------------------------------------------------------------
    # Never leak; deleted documents
    # ------------------------------------------------------------

    def test_a_document_the_user_cannot_read_shows_without_its_name(self):
        link = self._link(self.widget, user=self.user_own)
        # later, the product moves to a company the salesperson does not belong to
        self.widget.company_id = self.company_b
        mine = self.opportunity.with_user(self.user_own)
        shown = mine.document_link_ids
        self.assertEqual(shown, link)
        self.assertEqual(shown.document_kind, "Product")
        self.assertEqual(shown.document_name, "A document you cannot open")
        self.assertFalse(shown.document_readable)
        self.assertFalse(shown.document_ref)
        # what the web client reads: the list, and the dialog's picker
        spec = {
            "document_link_ids": {
                "fields": {
                    "document_kind": {},
                    "document_name": {},
                    "document_readable": {},
                    "document_ref": {"fields": {"display_name": {}}},
                }
            }
        }
        values = mine.web_read(spec)
        self.assertNotIn("Process widget", json.dumps(values, default=str))
        self.assertFalse(values[0]["document_link_ids"][0]["document_ref"])
        with self.assertRaisesRegex(AccessError, "not allowed to open this Product"):
            shown.action_open_document()
        # they may still unlink it; the chatter names it by its number
        shown.unlink()
        self.assertNotIn("Process widget", self._notes()[-1])
        self.assertIn(f"#{self.widget.id}</a> unlinked", self._notes()[-1])

    def test_web_read_of_the_picker_names_readable_documents(self):
        link = self._link(self.widget)
        values = link.with_user(self.user_own).web_read(
            {"document_ref": {"fields": {"display_name": {}}}}
        )
        self.assertEqual(
            values[0]["document_ref"],
            {
                "id": {"id": self.widget.id, "model": "product.template"},
                "display_name": "Process widget",
            },
        )
        # what the form reads once the dialog was opened (the picker, invisible in the list)
        values = link.with_user(self.user_own).web_read({"document_ref": {"fields": {}}})
        self.assertEqual(
            values[0]["document_ref"], {"id": {"id": self.widget.id, "model": "product.template"}}
        )
        values = link.with_user(self.user_own).web_read({"document_ref": {}})
        self.assertEqual(values[0]["document_ref"], f"product.template,{self.widget.id}")

    def test_a_deleted_document_disappears_and_its_link_is_cleaned_up(self):
        kept, gone = self._link(self.widget), self._link(self.gadget)
        self.gadget.unlink()
        self.opportunity.invalidate_recordset()
        self.assertEqual(self.opportunity.with_user(self.user_own).document_link_ids, kept)
        Link = self.Link.with_user(self.user_own)
        self.assertEqual(Link.search([("document_exists", "=", False)]), gone)
        self.assertEqual(Link.search([("document_exists", "!=", True)]), gone)
        self.assertEqual(Link.search([("document_exists", "=", True)]), kept)
        self.assertFalse(gone.document_exists)
        with self.assertRaisesRegex(UserError, "no longer exists"):
            gone.with_user(self.user_own).action_open_document()
        # a link to a model that is no longer installed is hidden as well
        self.env.cr.execute(
            SQL(
                "UPDATE opportunity_document_link SET res_model = %s WHERE id = %s",
                "x.gone",
                kept.id,
            )
        )
        self.env.invalidate_all()
        self.assertFalse(self.opportunity.document_link_ids)
        notes_before = len(self._notes())
        self.Link._gc_dangling_links()
        self.assertFalse((kept | gone).exists())
        self.assertEqual(len(self._notes()), notes_before, "no note for a vanished document")


@tagged("post_install", "-at_install", "opportunity_perf")
class TestOpportunityOtherDocumentQueries(OpportunityCommon):
    """Listing the links costs the same queries whatever their number: a few per kind of
    document."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        products = cls.env["product.template"].create([{"name": f"Widget {i}"} for i in range(20)])
        categories = cls.env["product.category"].create(
            [{"name": f"Category {i}"} for i in range(20)]
        )
        cls.few = cls._create_opportunity(name="Few links", user_id=cls.user_own.id)
        cls.many = cls._create_opportunity(name="Many links", user_id=cls.user_own.id)
        cls.env[LINK].create(
            [
                {"opportunity_id": opportunity.id, "document_ref": document}
                for opportunity, documents in (
                    (cls.few, [products[0], categories[0]]),
                    (cls.many, [*products, *categories]),
                )
                for document in documents
            ]
        )

    def _read_links(self, opportunity):
        return opportunity.with_env(self.env).web_read(
            {
                "document_link_ids": {
                    "fields": {
                        "sequence": {},
                        "document_kind": {},
                        "document_name": {},
                        "create_uid": {"fields": {"display_name": {}}},
                        "create_date": {},
                        "document_readable": {},
                    }
                }
            }
        )

    @users("op_own")
    @warmup
    def test_listing_links_costs_the_same_whatever_their_number(self):
        self._read_links(self.few)  # warms the caches (ACLs, views of the models...)
        counts = []
        for opportunity in (self.few, self.many):
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            values = self._read_links(opportunity)
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(len(values[0]["document_link_ids"]), 40)
        self.assertEqual(counts[0], counts[1], f"2 links vs 40 links: {counts}")
        self.env.invalidate_all()
        # the opportunity (2: its row, its collaborators for the access rule), the kinds of the
        # links (1), the links (2), the kinds' names (1), per kind a search and the names
        # (2 x 2, plus 1 for the company rule of products), who linked them (2)
        with self.assertQueryCount(op_own=13):
            self._read_links(self.many)

    def test_an_employee_without_opportunity_rights_reads_no_link(self):
        with self.assertRaises(AccessError):
            self.env[LINK].with_user(self.user_employee).search([])
        with self.assertRaises(AccessError):
            self.many.with_user(self.user_employee).document_link_ids.mapped("document_name")
