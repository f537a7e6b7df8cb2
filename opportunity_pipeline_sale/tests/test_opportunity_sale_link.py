# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Existing quotations and orders linked from the opportunity form: the picker, who may link
what, other companies, and the chatters' notes when an order moves."""

from lxml import etree, html

from odoo import Command
from odoo.addons.opportunity_pipeline.compat import USER_GROUPS
from odoo.addons.opportunity_pipeline.tests.common import OpportunityCommon
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOpportunitySaleLink(OpportunityCommon):
    """Existing quotations and orders are linked and unlinked from the opportunity form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company_vals = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        sales_own = "opportunity_pipeline.group_opportunity_user,sales_team.group_sale_salesman"
        cls.seller = new_test_user(
            cls.env, login="op_link_seller", groups=sales_own, **company_vals
        )
        cls.seller_other = new_test_user(
            cls.env, login="op_link_seller2", groups=sales_own, **company_vals
        )
        cls.opportunity = cls._create_opportunity(name="Linking deal", user_id=cls.seller.id)
        Order = cls.env["sale.order"]
        cls.order = Order.create({"partner_id": cls.partner.id, "user_id": cls.seller.id})
        cls.order_other = Order.create(
            {"partner_id": cls.partner.id, "user_id": cls.seller_other.id}
        )

    def _link(self, user, opportunity, order):
        with Form(opportunity.with_user(user)) as form:
            form.order_ids.add(order)

    def _notes(self, opportunity):
        """The opportunity's internal notes as text, each with the records it links to."""
        notes = []
        for message in opportunity.message_ids.filtered(lambda m: m.subtype_id.internal):
            body = html.fromstring(message.body)
            links = {(a.get("data-oe-model"), int(a.get("data-oe-id"))) for a in body.iter("a")}
            notes.append((body.text_content(), links))
        return notes

    def test_form_links_and_unlinks_an_existing_order(self):
        self._link(self.seller, self.opportunity, self.order)
        self.assertEqual(self.order.opportunity_id, self.opportunity)
        self.assertEqual(self.opportunity.with_user(self.seller).quotation_count, 1)
        linked = (f"Quotation {self.order.name} linked.", {("sale.order", self.order.id)})
        self.assertIn(linked, self._notes(self.opportunity))

        with Form(self.opportunity.with_user(self.seller)) as form:
            form.order_ids.remove(id=self.order.id)
        self.assertTrue(self.order.exists(), "unlinking keeps the order")
        self.assertFalse(self.order.opportunity_id)
        self.assertFalse(self.opportunity.order_ids)
        unlinked = (f"Quotation {self.order.name} unlinked (it is kept).", linked[1])
        self.assertIn(unlinked, self._notes(self.opportunity))

    def test_unlinking_a_confirmed_order_keeps_it_confirmed(self):
        self.order.opportunity_id = self.opportunity
        self.order.action_confirm()
        with Form(self.opportunity.with_user(self.seller)) as form:
            form.order_ids.remove(id=self.order.id)
        self.assertEqual(self.order.state, "sale")
        self.assertFalse(self.order.opportunity_id)
        # without the link, nothing keeps the opportunity from being deleted any more
        self.opportunity.unlink()
        self.assertTrue(self.order.exists())

    def test_picker_opens_on_the_contact_without_creating(self):
        arch = self.Opportunity.with_user(self.seller).get_views([(False, "form")])["views"]
        field = etree.fromstring(arch["form"]["arch"]).find(".//field[@name='order_ids']")
        self.assertEqual(field.get("widget"), "many2many")
        self.assertIn("'search_default_partner_id': partner_id", field.get("context"))
        self.assertIn("'create': false", field.get("options"))
        search = self.env["sale.order"].get_views([(False, "search")])["views"]["search"]
        self.assertIsNotNone(
            etree.fromstring(search["arch"]).find(".//field[@name='partner_id']"),
            "the default search needs a Customer field",
        )
        # an opportunity user without Sales does not get the list
        arch = self.Opportunity.with_user(self.user_own).get_views([(False, "form")])["views"]
        self.assertIsNone(
            etree.fromstring(arch["form"]["arch"]).find(".//field[@name='order_ids']")
        )

    def test_own_documents_seller_cannot_link_someone_elses_order(self):
        with self.assertRaisesRegex(AccessError, r"sale\.order"), self.cr.savepoint():
            self._link(self.seller, self.opportunity, self.order_other)
        self._assert_rolled_back(self.order_other, "opportunity_id", self.Opportunity)
        # the order's own seller, once on the opportunity, links it
        self.opportunity.collaborator_ids = [Command.link(self.seller_other.id)]
        self._link(self.seller_other, self.opportunity, self.order_other)
        self.assertEqual(self.order_other.opportunity_id, self.opportunity)
        # the first seller does not see it in the list; asking to unlink it anyway is refused
        self.assertFalse(self.opportunity.with_user(self.seller).order_ids)
        with self.assertRaisesRegex(AccessError, r"sale\.order"), self.cr.savepoint():
            self.opportunity.with_user(self.seller).write(
                {"order_ids": [Command.unlink(self.order_other.id)]}
            )
        self._assert_rolled_back(self.order_other, "opportunity_id", self.opportunity)

    def _reader(self):
        """An opportunity user who may read every opportunity but write only theirs, as an
        administrator may set up for an assistant."""
        readers = self.env["res.groups"].create(
            {
                "name": "Opportunity readers",
                "rule_groups": [
                    Command.create(
                        {
                            "name": "Read all opportunities",
                            "model_id": self.env["ir.model"]._get_id("opportunity.opportunity"),
                            "domain_force": "[(1, '=', 1)]",
                            "perm_write": False,
                            "perm_create": False,
                            "perm_unlink": False,
                        }
                    )
                ],
            }
        )
        reader = new_test_user(
            self.env,
            login="op_link_reader",
            groups="opportunity_pipeline.group_opportunity_user,"
            "sales_team.group_sale_salesman_all_leads",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        reader.write({USER_GROUPS: [Command.link(readers.id)]})
        return reader

    def test_user_who_cannot_write_the_opportunity_links_nothing(self):
        reader = self._reader()
        self.assertTrue(self.opportunity.with_user(reader).has_access("read"))
        self.assertFalse(self.opportunity.with_user(reader).has_access("write"))
        refused = r"(?s)'write' access.*opportunity\.opportunity"
        with self.assertRaisesRegex(AccessError, refused), self.cr.savepoint():
            self._link(reader, self.opportunity, self.order)
        self._assert_rolled_back(self.order, "opportunity_id", self.Opportunity)
        self.order.opportunity_id = self.opportunity
        with (
            self.assertRaisesRegex(AccessError, refused),
            self.cr.savepoint(),
            Form(self.opportunity.with_user(reader)) as form,
        ):
            form.order_ids.remove(id=self.order.id)
        self._assert_rolled_back(self.order, "opportunity_id", self.opportunity)
        # and a seller who cannot even read it does not open it
        with self.assertRaisesRegex(AccessError, r"opportunity\.opportunity"):
            self._link(self.seller_other, self.opportunity, self.order_other)

    def test_order_of_another_company_is_refused(self):
        other = self.env["res.company"].create({"name": "Link Other Co"})
        order = self.env["sale.order"].create(
            {"partner_id": self.partner.id, "company_id": other.id, "user_id": self.seller.id}
        )
        # a seller of both companies, both selected: the link mixin's company rule refuses
        self.seller.company_ids = [Command.link(other.id)]
        both = self.opportunity.with_context(allowed_company_ids=[self.company.id, other.id])
        with self.assertRaisesRegex(ValidationError, "of another company"), self.cr.savepoint():
            self._link(self.seller, both, order)
        self._assert_rolled_back(order, "opportunity_id", self.Opportunity)
        # a seller of this company only cannot even read it
        self.seller.company_ids = [Command.unlink(other.id)]
        with self.assertRaisesRegex(AccessError, r"sale\.order"), self.cr.savepoint():
            self._link(self.seller, self.opportunity, order)
        self._assert_rolled_back(order, "opportunity_id", self.Opportunity)

    def test_order_linked_elsewhere_moves_and_both_chatters_say_so(self):
        first = self._create_opportunity(name="First home", user_id=self.seller.id)
        self.order.opportunity_id = first
        self._link(self.seller, self.opportunity, self.order)
        self.assertEqual(self.order.opportunity_id, self.opportunity)
        self.assertFalse(first.order_ids)
        order = ("sale.order", self.order.id)
        self.assertIn(
            (
                f"Quotation {self.order.name} moved to the opportunity "
                f"{self.opportunity.display_name}.",
                {order, ("opportunity.opportunity", self.opportunity.id)},
            ),
            self._notes(first),
        )
        self.assertIn(
            (
                f"Quotation {self.order.name} linked, moved from the opportunity "
                f"{first.display_name}.",
                {order, ("opportunity.opportunity", first.id)},
            ),
            self._notes(self.opportunity),
        )


@tagged("post_install", "-at_install")
class TestOpportunitySaleLinkUi(HttpCase):
    def test_link_a_quotation_and_a_partner_then_unlink(self):
        Partner = self.env["res.partner"]
        company = Partner.create({"name": "Tour Link Co", "is_company": True})
        contact, colleague = Partner.create(
            [
                {"name": "Tour Link Contact", "parent_id": company.id},
                {"name": "Tour Link Colleague", "parent_id": company.id},
            ]
        )
        stranger = Partner.create({"name": "Tour Link Stranger", "is_company": True})
        admin = self.env.ref("base.user_admin")
        order, __ = self.env["sale.order"].create(
            [
                {"partner_id": contact.id, "user_id": admin.id},
                {"partner_id": stranger.id, "user_id": admin.id},
            ]
        )
        opportunity = self.env["opportunity.opportunity"].create(
            {"name": "Tour link deal", "partner_id": contact.id, "user_id": admin.id}
        )
        action = self.env.ref("opportunity_pipeline.opportunity_opportunity_action")
        self.start_tour(
            f"/odoo/action-{action.id}/{opportunity.id}",
            "opportunity_pipeline_sale_link_tour",
            login="admin",
        )
        self.assertTrue(order.exists())
        self.assertFalse(order.opportunity_id)
        self.assertEqual(opportunity.related_partner_ids, colleague)
