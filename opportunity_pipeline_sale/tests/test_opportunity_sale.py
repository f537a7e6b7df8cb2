# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quotations from an opportunity: contact, lines and origin copied, confirmed and cancelled
orders, access to the opportunity, and a tour (lost, call, quotation, print)."""

from odoo import Command
from odoo.addons.opportunity_pipeline.tests.common import OpportunityCommon
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOpportunitySale(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            login="op_salesman",
            name="Salesman With Sales",
            groups="opportunity_pipeline.group_opportunity_user,sales_team.group_sale_salesman",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.opportunity = cls._create_opportunity(
            name="Fit-out",
            user_id=cls.salesman.id,
            line_ids=[
                Command.create({"product_id": cls.product_a.id, "quantity": 3, "price_unit": 90}),
                Command.create({"product_id": cls.product_b.id, "quantity": 1}),
            ],
        )

    def test_an_order_links_only_to_a_readable_opportunity(self):
        hidden = self._create_opportunity(name="Not yours", user_id=self.user_other.id)
        order = (
            self.env["sale.order"]
            .with_user(self.salesman)
            .create({"partner_id": self.partner.id, "company_id": self.company.id})
        )
        with self.assertRaises(AccessError):
            order.write({"opportunity_id": hidden.id})
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(self.salesman).create(
                {"partner_id": self.partner.id, "opportunity_id": hidden.id}
            )
        order.write({"opportunity_id": self.opportunity.id})
        self.assertEqual(order.opportunity_id, self.opportunity)
        # a salesman without the opportunity app does not read the link at all
        plain = new_test_user(
            self.env,
            login="op_sales_only",
            groups="sales_team.group_sale_salesman_all_leads",
            company_id=self.company.id,
            company_ids=[Command.set(self.company.ids)],
        )
        with self.assertRaises(AccessError):
            order.with_user(plain).read(["opportunity_id"])
        self.assertEqual(order.with_user(plain).read(["name"])[0]["name"], order.name)

    def test_quotation_carries_contact_lines_and_origin(self):
        action = self.opportunity.with_user(self.salesman).action_new_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        self.assertEqual(order.partner_id, self.partner)
        self.assertEqual(order.opportunity_id, self.opportunity)
        self.assertEqual(order.origin, self.opportunity.code)
        self.assertEqual(
            [(line.product_id, line.product_uom_qty, line.price_unit) for line in order.order_line],
            [(self.product_a, 3, 90), (self.product_b, 1, 2500)],
        )
        self.assertEqual(self.opportunity.with_user(self.salesman).quotation_count, 1)
        self.assertEqual(self.opportunity.quotation_amount, 2770)

    def test_confirming_shows_as_an_order_and_cancelling_keeps_the_link(self):
        action = self.opportunity.action_new_quotation()
        order = self.env["sale.order"].browse(action["res_id"])
        order.action_confirm()
        self.assertEqual((self.opportunity.quotation_count, self.opportunity.order_count), (0, 1))
        self.assertEqual(self.opportunity.order_amount, order.amount_untaxed)
        view = self.opportunity.action_view_orders()
        self.assertEqual(view["res_id"], order.id)
        order._action_cancel()
        self.assertEqual(order.opportunity_id, self.opportunity, "the link stays")
        self.assertEqual(self.opportunity.order_count, 0)
        self.assertIn(order, self.opportunity.order_ids)

    def test_opportunity_with_confirmed_order_cannot_be_deleted(self):
        order = self.env["sale.order"].browse(self.opportunity.action_new_quotation()["res_id"])
        order.action_confirm()
        with self.assertRaisesRegex(UserError, "confirmed sales orders"):
            self.opportunity.unlink()
        self.assertTrue(self.opportunity.exists())

    def test_quotation_needs_access_to_the_opportunity(self):
        with self.assertRaises(AccessError):
            self.opportunity.with_user(self.user_other).action_new_quotation()
        self.assertFalse(self.opportunity.order_ids)

    def test_sale_order_form_links_an_opportunity(self):
        form = Form(self.env["sale.order"].with_user(self.salesman))
        form.partner_id = self.partner
        form.opportunity_id = self.opportunity
        order = form.save()
        self.assertEqual(self.opportunity.quotation_count, 1)
        self.assertEqual(order.opportunity_id, self.opportunity)


@tagged("post_install", "-at_install")
class TestOpportunitySaleUi(HttpCase):
    def test_lost_call_quotation_print(self):
        product = self.env["product.product"].create({"name": "Tour appliance", "list_price": 800})
        partner = self.env["res.partner"].create({"name": "Tour Buyer"})
        self.env["opportunity.lost.reason"].create({"name": "Tour reason"})
        opportunity = self.env["opportunity.opportunity"].create(
            {
                "name": "Tour quotation deal",
                "partner_id": partner.id,
                "user_id": self.env.ref("base.user_admin").id,
                "line_ids": [Command.create({"product_id": product.id, "quantity": 2})],
            }
        )
        action = self.env.ref("opportunity_pipeline.opportunity_opportunity_action")
        self.start_tour(
            f"/odoo/action-{action.id}", "opportunity_pipeline_sale_tour", login="admin"
        )
        self.assertEqual(opportunity.state, "lost")
        self.assertEqual(opportunity.lost_reason_id.name, "Tour reason")
        self.assertEqual(opportunity.lost_note, "Went with a cheaper offer")
        self.assertEqual(
            opportunity.activity_ids.activity_type_id, self.env.ref("mail.mail_activity_data_call")
        )
        self.assertEqual(opportunity.order_ids.order_line.product_id, product)
