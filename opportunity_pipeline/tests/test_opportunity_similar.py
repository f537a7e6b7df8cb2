# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Other open opportunities of the same customer: smart button and duplicate warning."""

from odoo.tests import Form, tagged

from .common import OpportunityCommon


@tagged("post_install", "-at_install")
class TestOpportunitySimilar(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_partner = cls.env["res.partner"].create(
            {"name": "Tập đoàn XYZ", "is_company": True}
        )
        cls.contact_a, cls.contact_b = cls.env["res.partner"].create(
            [
                {"name": "Anh A", "parent_id": cls.company_partner.id},
                {"name": "Chị B", "parent_id": cls.company_partner.id},
            ]
        )
        cls.deal = cls._create_opportunity(
            name="Phần mềm ERP", partner_id=cls.contact_a.id, user_id=cls.user_own.id
        )
        cls.colleague_deal = cls._create_opportunity(
            name="Máy chủ", partner_id=cls.contact_b.id, user_id=cls.user_other.id
        )
        cls.company_deal = cls._create_opportunity(
            name="Bảo trì", partner_id=cls.company_partner.id, user_id=cls.user_own.id
        )
        cls.closed_deal = cls._create_opportunity(
            name="Old", partner_id=cls.contact_a.id, user_id=cls.user_own.id
        )
        cls.closed_deal.action_set_won()
        cls.unrelated = cls._create_opportunity(name="Elsewhere", user_id=cls.user_own.id)

    def test_count_covers_the_company_and_its_contacts_open_only(self):
        self.assertEqual(self.deal.similar_opportunity_count, 2)
        self.assertEqual(self.unrelated.similar_opportunity_count, 0)
        action = self.deal.action_view_similar_opportunities()
        found = self.Opportunity.search(action["domain"])
        self.assertEqual(found, self.colleague_deal | self.company_deal)

    def test_count_and_list_follow_record_rules(self):
        deal = self.deal.with_user(self.user_own)
        self.assertEqual(deal.similar_opportunity_count, 1, "the other salesperson's is hidden")
        action = deal.action_view_similar_opportunities()
        self.assertEqual(
            self.Opportunity.with_user(self.user_own).search(action["domain"]), self.company_deal
        )
        self.assertEqual(self.deal.with_user(self.user_all).similar_opportunity_count, 2)

    def test_warning_on_create_with_a_similar_name_of_the_same_contact(self):
        form = Form(self.Opportunity.with_user(self.user_own))
        form.partner_id = self.contact_a
        form.name = "phần mềm  ERP"
        self.assertIn("Phần mềm ERP", form.similar_name_warning)
        self.assertIn("Anh A", form.similar_name_warning)
        form.name = "Phần mềm ERP giai đoạn 2"
        self.assertTrue(form.similar_name_warning, "one name contains the other")
        form.name = "Đào tạo nhân viên"
        self.assertFalse(form.similar_name_warning)
        form.name = "Phần mềm ERP"
        opportunity = form.save()  # a warning, never a refusal
        self.assertFalse(opportunity.similar_name_warning, "saved: no longer a warning")

    def test_no_warning_for_closed_or_other_contacts_deals(self):
        form = Form(self.Opportunity)
        form.partner_id = self.contact_a
        form.name = "Old"
        self.assertFalse(form.similar_name_warning, "the won one is not a duplicate")
        form.partner_id = self.contact_b
        form.name = "Phần mềm ERP"
        self.assertFalse(form.similar_name_warning, "same contact only")

    def test_warning_does_not_reveal_what_the_user_cannot_read(self):
        form = Form(self.Opportunity.with_user(self.user_own))
        form.partner_id = self.contact_b
        form.name = "Máy chủ"
        self.assertFalse(form.similar_name_warning)
        form = Form(self.Opportunity.with_user(self.user_all))
        form.partner_id = self.contact_b
        form.name = "Máy chủ"
        self.assertIn("Máy chủ", form.similar_name_warning)
