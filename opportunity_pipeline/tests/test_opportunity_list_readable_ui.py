# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The opportunity list read by a salesperson's week: at 1440 x 900 in English (admin) and in
Vietnamese (a salesperson of the Own Documents group), names of 30 characters and stage names
are shown whole; on a 390 x 844 phone the list and the product lines stay readable.
(Tours: static/tests/tours/opportunity_list_readable_tour.js.)"""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

NAME_EN = "Annual support renewal for HCM"
NAME_VI = "Triển khai phần mềm kho Đà Lạt"
LIST_URL = "/odoo/action-opportunity_pipeline.opportunity_opportunity_action"


class ReadableCommon(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"].search(
            [("name", "=", "opportunity_pipeline")]
        )._update_translations("vi_VN")
        cls.salesperson = new_test_user(
            cls.env,
            login="op_week_vi",
            password="op_week_vi_pw",
            name="Nguyễn Văn Bán",
            lang="vi_VN",
            groups="base.group_user,opportunity_pipeline.group_opportunity_user",
        )
        cls.pipeline = cls.env["opportunity.pipeline"].create(
            {
                "name": "Readable Process",
                "sequence": 0,
                "stage_ids": [
                    Command.create({"name": "Đã đánh giá", "sequence": 1, "color": 3}),
                    Command.create({"name": "Ký hợp đồng", "sequence": 2, "color": 8}),
                    Command.create({"name": "Negotiation", "sequence": 3, "color": 10}),
                ],
            }
        )
        cls.partner = cls.env["res.partner"].create({"name": "The Jackson Group"})


@tagged("post_install", "-at_install")
class TestOpportunityListReadableUi(ReadableCommon):
    browser_size = "1440x900"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        stages = cls.pipeline.stage_ids
        cls.env["opportunity.opportunity"].create(
            [
                {"name": name, "partner_id": cls.partner.id, "pipeline_id": cls.pipeline.id,
                 "stage_id": stage.id, "user_id": cls.salesperson.id, "amount": 24_300_000}
                for name, stage in ((NAME_EN, stages[1]), (NAME_VI, stages[0]),
                                    ("Short deal", stages[2]))
            ]
        )  # fmt: skip

    def test_list_at_1440_in_english_as_admin(self):
        self.assertEqual((len(NAME_EN), len(NAME_VI)), (30, 30), "the names the tour measures")
        self.start_tour(LIST_URL, "opportunity_list_readable_tour", login="admin")

    def test_list_at_1440_in_vietnamese_as_salesperson(self):
        self.start_tour(LIST_URL, "opportunity_list_readable_tour", login="op_week_vi")


@tagged("post_install", "-at_install")
class TestOpportunityPhoneUi(ReadableCommon):
    browser_size = "390x844"
    touch_enabled = True

    def test_phone_list_and_product_lines_as_salesperson(self):
        product = self.env["product.product"].create(
            {"name": "Phone tour product", "list_price": 1200, "type": "service"}
        )
        self.env["opportunity.opportunity"].create(
            {
                "name": "Phone tour deal",
                "partner_id": self.partner.id,
                "pipeline_id": self.pipeline.id,
                "user_id": self.salesperson.id,
                "line_ids": [Command.create({"product_id": product.id, "quantity": 3})],
            }
        )
        self.start_tour(LIST_URL, "opportunity_phone_tour", login="op_week_vi")
