# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Vietnamese: error messages, field labels and menus are translated."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import OpportunityCommon


@tagged("post_install", "-at_install")
class TestOpportunityI18n(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        cls.env["ir.module.module"].search(
            [("name", "=", "opportunity_pipeline")]
        )._update_translations("vi_VN")

    def test_errors_speak_vietnamese(self):
        Opportunity = self.Opportunity.with_context(lang="vi_VN")
        with self.assertRaisesRegex(UserError, "không được nhập hay sửa tại Opportunity Test Co"):
            Opportunity.create(
                {
                    "name": "Mã tay",
                    "partner_id": self.partner.id,
                    "pipeline_id": self.pipeline.id,
                    "code": "TAY-1",
                }
            )

    def test_field_labels_and_menus_speak_vietnamese(self):
        fields = self.Opportunity.with_context(lang="vi_VN").fields_get(["stage_id", "probability"])
        self.assertEqual(fields["stage_id"]["string"], "Giai đoạn")
        self.assertEqual(fields["probability"]["string"], "Tỷ lệ thành công (%)")
        menu = self.env.ref("opportunity_pipeline.opportunity_menu_root").with_context(lang="vi_VN")
        self.assertEqual(menu.name, "Cơ hội")
        self.assertEqual(
            self.env.ref("opportunity_pipeline.opportunity_stage_sales_new")
            .with_context(lang="vi_VN")
            .name,
            "Mới",
        )
