# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Salespeople and portal users who have no opportunity rights sell as if the bridge were not
installed."""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, new_test_user, tagged

ORDER_SPEC = {"name": {}, "state": {}, "partner_id": {"fields": {"display_name": {}}}}


@tagged("post_install", "-at_install")
class TestSaleWithoutOpportunityRights(HttpCase):
    """The link to an opportunity is only ever read or checked for those who touch it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = new_test_user(
            cls.env,
            login="op_plain_seller",
            groups="base.group_user,sales_team.group_sale_salesman",
        )
        cls.portal = new_test_user(
            cls.env, login="op_plain_portal_buyer", groups="base.group_portal"
        )
        cls.customer = cls.portal.partner_id
        cls.product = cls.env["product.product"].create(
            {"name": "Plain service", "list_price": 50.0, "type": "service"}
        )
        cls.deal_order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": cls.seller.id,
                "opportunity_id": cls.env["opportunity.opportunity"]
                .create({"name": "Secret deal", "partner_id": cls.customer.id})
                .id,
                "order_line": [Command.create({"product_id": cls.product.id})],
            }
        )

    def test_seller_has_no_opportunity_rights(self):
        """The premise of every test below."""
        self.assertFalse(self.seller.has_group("opportunity_pipeline.group_opportunity_user"))
        with self.assertRaises(AccessError):
            self.env["opportunity.opportunity"].with_user(self.seller).search([])

    def test_form_creates_confirms_and_duplicates_an_order(self):
        form = Form(self.env["sale.order"].with_user(self.seller))
        form.partner_id = self.customer
        with form.order_line.new() as line:
            line.product_id = self.product
        order = form.save()
        self.assertNotIn("opportunity_id", order.fields_get(), "the field is not theirs to see")
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        copied = order.copy()
        self.assertEqual(copied.state, "draft")
        saved = copied.web_save({"client_order_ref": "PO-7"}, ORDER_SPEC)
        self.assertEqual(saved[0]["state"], "draft")

    def test_an_order_linked_by_someone_else_is_still_theirs_to_sell(self):
        order = self.deal_order.with_user(self.seller)
        order.web_save({"client_order_ref": "PO-8"}, ORDER_SPEC)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(self.deal_order.opportunity_id.name, "Secret deal", "the link is kept")
        self.assertFalse(order.copy().sudo().opportunity_id, "a copy is not linked")
        with self.assertRaises(AccessError):
            order.write({"opportunity_id": False})

    def test_portal_customer_opens_their_order(self):
        self.deal_order.action_quotation_sent()
        self.authenticate(self.portal.login, self.portal.login)
        response = self.url_open(f"/my/orders/{self.deal_order.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.deal_order.name, response.text)
        self.assertNotIn("Secret deal", response.text)
