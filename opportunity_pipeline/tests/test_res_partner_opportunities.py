# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The contact's *Opportunities* smart button: what it counts, for whom, and where it leads."""

from odoo.addons.opportunity_pipeline.compat import USER_GROUPS
from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, tagged

from .common import OpportunityCommon


@tagged("post_install", "-at_install")
class TestPartnerOpportunities(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.company_partner = Partner.create({"name": "Tập đoàn XYZ", "is_company": True})
        cls.buyer = Partner.create({"name": "Chị Lan", "parent_id": cls.company_partner.id})
        cls.buyer_address = Partner.create(
            {"name": "Kho Bình Dương", "parent_id": cls.buyer.id, "type": "delivery"}
        )
        cls.deal_company = cls._create_opportunity(
            name="XYZ rollout", partner_id=cls.company_partner.id, user_id=cls.user_own.id
        )
        cls.deal_buyer = cls._create_opportunity(
            name="XYZ licences", partner_id=cls.buyer.id, user_id=cls.user_other.id
        )
        cls.deal_address = cls._create_opportunity(
            name="XYZ delivery", partner_id=cls.buyer_address.id, user_id=cls.user_own.id
        )
        won = cls._create_opportunity(
            name="XYZ won", partner_id=cls.buyer.id, user_id=cls.user_own.id
        )
        won.action_set_won()

    def _counts(self, user, *partners):
        partners = self.env["res.partner"].browse([p.id for p in partners]).with_user(user)
        return [partner.opportunity_open_count for partner in partners]

    def test_opportunity_users_get_the_button(self):
        partner = self.company_partner.with_user(self.user_own)
        arch = partner.get_view(self.env.ref("base.view_partner_form").id)["arch"]
        self.assertIn("action_view_opportunities", arch)

    def test_a_company_counts_its_people_a_person_their_own(self):
        self.assertEqual(
            self._counts(self.user_all, self.company_partner, self.buyer, self.buyer_address),
            [3, 2, 1],
            "open ones only; each contact counts itself and everyone below it",
        )

    def test_only_what_the_user_may_open_is_counted(self):
        # own documents: the colleague's deal on the buyer is not theirs to see
        self.assertEqual(self._counts(self.user_own, self.company_partner, self.buyer), [2, 1])
        self.assertEqual(self._counts(self.user_other, self.company_partner, self.buyer), [1, 1])

    def test_another_company_is_not_counted(self):
        other_company = self.env["res.company"].create({"name": "Other Opportunity Co"})
        self.user_all.write({"company_ids": [(4, other_company.id)]})
        self._create_opportunity(
            name="XYZ abroad",
            partner_id=self.company_partner.id,
            company_id=other_company.id,
            pipeline_id=self.env["opportunity.pipeline"]
            .create(
                {
                    "name": "Abroad",
                    "company_id": other_company.id,
                    "stage_ids": [(0, 0, {"name": "New"})],
                }
            )
            .id,
        )
        partner = self.company_partner.with_user(self.user_all)
        self.assertEqual(
            partner.with_context(allowed_company_ids=self.company.ids).opportunity_open_count, 3
        )
        both = [self.company.id, other_company.id]
        self.assertEqual(partner.with_context(allowed_company_ids=both).opportunity_open_count, 4)

    def test_users_without_opportunity_rights_neither_see_nor_read_it(self):
        partner = self.company_partner.with_user(self.user_employee)
        self.assertNotIn("opportunity_open_count", partner.fields_get())
        with self.assertRaises(AccessError):
            partner.read(["opportunity_open_count"])
        arch = partner.get_view(self.env.ref("base.view_partner_form").id)["arch"]
        self.assertNotIn("action_view_opportunities", arch, "no button for them")
        form = Form(partner)  # the contact form still opens for them
        self.assertEqual(form.name, "Tập đoàn XYZ")

    def test_the_button_opens_the_contacts_open_opportunities_and_creates_one_for_it(self):
        partner = self.company_partner.with_user(self.user_own)
        action = partner.action_view_opportunities()
        self.assertEqual(action["res_model"], "opportunity.opportunity")
        context = action["context"]
        self.assertEqual(context["search_default_partner_id"], self.company_partner.id)
        # the search view filters the contact with child_of, as the facet does in the client
        search_view = self.env.ref("opportunity_pipeline.opportunity_opportunity_view_search")
        self.assertIn('name="partner_id" operator="child_of"', search_view.arch)
        Opportunity = self.Opportunity.with_user(self.user_own)
        shown = Opportunity.search(
            [("partner_id", "child_of", self.company_partner.id), ("state", "=", "open")]
        )
        self.assertEqual(shown, self.deal_company | self.deal_address)
        with Form(Opportunity.with_context(**context)) as form:
            self.assertEqual(form.partner_id, self.company_partner)
            form.name = "XYZ second site"
        self.assertEqual(partner.opportunity_open_count, 3)

    def test_counting_costs_the_same_for_one_contact_or_twenty(self):
        partners = self.env["res.partner"].create(
            [{"name": f"Counted {index}", "parent_id": self.buyer.id} for index in range(20)]
        )
        for partner in partners[:5]:
            self._create_opportunity(name=f"Deal of {partner.name}", partner_id=partner.id)
        self.env.invalidate_all()
        one = self.env["res.partner"].browse(self.company_partner.id).with_user(self.user_all)
        self.assertEqual(one.opportunity_open_count, 8)  # warm-up: ACL and rule caches
        # the contacts' companies, ONE grouped count, the counted contacts' parents (two levels)
        budget = 4
        for shown in (one, (partners | self.company_partner).with_user(self.user_all)):
            self.env.invalidate_all()
            with self.assertQueryCount(budget):
                counts = shown.mapped("opportunity_open_count")
            self.assertTrue(all(isinstance(count, int) for count in counts))
        self.assertEqual(one.opportunity_open_count, 8)


@tagged("post_install", "-at_install")
class TestPartnerOpportunitiesUi(HttpCase, OpportunityCommon):
    def test_smart_button_to_the_list_and_a_new_opportunity(self):
        Partner = self.env["res.partner"]
        company = Partner.create({"name": "Partner Tour Company", "is_company": True})
        buyer = Partner.create({"name": "Partner Tour Buyer", "parent_id": company.id})
        admin = self.env.ref("base.user_admin")
        admin.write(
            {
                USER_GROUPS: [
                    (4, self.env.ref("opportunity_pipeline.group_opportunity_user_all").id)
                ],
                "company_ids": [(4, self.company.id)],
                "company_id": self.company.id,
            }
        )
        self._create_opportunity(name="Partner tour deal of the company", partner_id=company.id)
        self._create_opportunity(name="Partner tour deal of the buyer", partner_id=buyer.id)
        self._create_opportunity(name="Partner tour won deal", partner_id=buyer.id).action_set_won()
        self.start_tour(
            f"/odoo/action-base.action_partner_form/{company.id}",
            "opportunity_partner_smart_button_tour",
            login="admin",
        )
        created = self.Opportunity.search([("name", "=", "Partner tour new deal")])
        self.assertEqual(created.partner_id, company)
