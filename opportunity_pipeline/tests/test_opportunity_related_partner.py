# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Related contacts of an opportunity, linked and unlinked in the form's Related tab, with
the access and company checks."""

from lxml import etree

from odoo import Command
from odoo.addons.opportunity_pipeline.compat import COMPANY_MISMATCH
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged
from odoo.tools.safe_eval import safe_eval

from .common import OpportunityCommon


@tagged("post_install", "-at_install")
class TestOpportunityRelatedPartner(OpportunityCommon):
    """Existing partners are linked and unlinked in the Related tab of the opportunity form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.buyer = Partner.create({"name": "Buyer Corp", "is_company": True})
        cls.contact, cls.colleague = Partner.create(
            [
                {"name": "Ms Contact", "parent_id": cls.buyer.id},
                {"name": "Mr Colleague", "parent_id": cls.buyer.id},
            ]
        )
        cls.consultant = Partner.create({"name": "Consult Co", "is_company": True})
        cls.opportunity = cls._create_opportunity(
            name="Linked partners", partner_id=cls.contact.id, user_id=cls.user_own.id
        )

    def test_form_links_and_unlinks_an_existing_partner(self):
        with Form(self.opportunity.with_user(self.user_own)) as form:
            form.related_partner_ids.add(self.consultant)
            form.related_partner_ids.add(self.colleague)
        self.assertEqual(self.opportunity.related_partner_ids, self.consultant | self.colleague)
        self._flush_tracking()
        with Form(self.opportunity.with_user(self.user_own)) as form:
            form.related_partner_ids.remove(id=self.consultant.id)
        self.assertEqual(self.opportunity.related_partner_ids, self.colleague)
        self.assertTrue(self.consultant.exists(), "unlinking keeps the partner")
        # the unlink is tracked in the opportunity's chatter
        self._flush_tracking()
        tracked = self.opportunity.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "related_partner_ids"
        )
        last = tracked.sorted("id")[-1:]
        self.assertIn("Consult Co", last.old_value_char)
        self.assertNotIn("Consult Co", last.new_value_char)

    def test_picker_opens_on_the_contacts_company(self):
        arch = self.Opportunity.with_user(self.user_own).get_views([(False, "form")])["views"]
        field = etree.fromstring(arch["form"]["arch"]).find(".//field[@name='related_partner_ids']")
        self.assertEqual(field.get("widget"), "many2many")
        context = field.get("context")
        self.assertIn("'search_default_commercial_partner_id': partner_id", context)
        view = self.env.ref("opportunity_pipeline.res_partner_view_search_opportunity_link")
        self.assertIn(f"'search_view_ref': '{view.xml_id}'", context)
        search = self.env["res.partner"].get_views([(view.id, "search")])["views"]["search"]
        node = etree.fromstring(search["arch"]).find(".//field[@name='commercial_partner_id']")
        # the facet's domain: the contact's company and all its people, nobody else
        domain = safe_eval(node.get("filter_domain"), {"raw_value": self.contact.id})
        everyone = self.buyer | self.contact | self.colleague | self.consultant | self.partner
        found = self.env["res.partner"].search([*domain, ("id", "in", everyone.ids)])
        self.assertEqual(found, self.buyer | self.contact | self.colleague)

    def test_only_who_may_change_the_opportunity_links_partners(self):
        with (
            self.assertRaisesRegex(AccessError, r"opportunity\.opportunity"),
            Form(self.opportunity.with_user(self.user_other)) as form,
        ):
            form.related_partner_ids.add(self.consultant)
        with self.assertRaisesRegex(AccessError, r"opportunity\.opportunity"):
            self.opportunity.with_user(self.user_other).write(
                {"related_partner_ids": [Command.link(self.consultant.id)]}
            )
        self._assert_rolled_back(self.opportunity, "related_partner_ids", self.env["res.partner"])
        self.opportunity.collaborator_ids = [Command.link(self.user_other.id)]
        with Form(self.opportunity.with_user(self.user_other)) as form:
            form.related_partner_ids.add(self.consultant)
        self.assertEqual(self.opportunity.related_partner_ids, self.consultant)

    def test_partner_of_another_company_is_refused(self):
        other = self.env["res.company"].create({"name": "Partner Other Co"})
        outsider = self.env["res.partner"].create({"name": "Outsider", "company_id": other.id})
        self.user_own.company_ids = [Command.link(other.id)]
        both = self.opportunity.with_context(allowed_company_ids=[self.company.id, other.id])
        with (
            self.assertRaisesRegex(UserError, COMPANY_MISMATCH),
            self.cr.savepoint(),
            Form(both.with_user(self.user_own)) as form,
        ):
            form.related_partner_ids.add(outsider)
        self._assert_rolled_back(self.opportunity, "related_partner_ids", self.env["res.partner"])
