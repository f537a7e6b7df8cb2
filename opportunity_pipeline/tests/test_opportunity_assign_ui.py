# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Handing an opportunity over, through the web client, as a salesperson who sees their own
opportunities only (tours in static/tests/tours/opportunity_handover_tour.js)."""

from odoo.tests import HttpCase, new_test_user, tagged

OWN = "base.group_user,opportunity_pipeline.group_opportunity_user"


@tagged("post_install", "-at_install")
class TestOpportunityHandoverUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.email = "sales@handover-test.example.com"
        # a login that is not an address, and no email
        cls.user_nga = new_test_user(
            cls.env, login="nga_sales", name="Nga Sales", email=False, groups=OWN
        )
        cls.user_marc = new_test_user(cls.env, login="marc_le", name="Marc Lê", groups=OWN)
        cls.pipeline = cls.env["opportunity.pipeline"].create(
            {"name": "Handover tour", "code": "HT", "stage_ids": [(0, 0, {"name": "New"})]}
        )
        partner = cls.env["res.partner"].create({"name": "Handover Customer"})
        cls.deal, cls.kept = cls.env["opportunity.opportunity"].create(
            [
                {
                    "name": name,
                    "partner_id": partner.id,
                    "pipeline_id": cls.pipeline.id,
                    "user_id": cls.user_nga.id,
                }
                for name in ("Handover tour deal", "Handover tour kept")
            ]
        )

    def _assert_handed_over(self):
        self.assertEqual(self.deal.user_id, self.user_marc)
        self.assertEqual(self.kept.user_id, self.user_nga)
        notification = self.env["mail.message"].search(
            [
                ("model", "=", "opportunity.opportunity"),
                ("res_id", "=", self.deal.id),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertEqual(notification.partner_ids, self.user_marc.partner_id)
        self.assertEqual(notification.author_id, self.user_nga.partner_id)

    def test_salesperson_hands_over_from_the_form(self):
        self.start_tour(
            "/odoo/action-opportunity_pipeline.opportunity_opportunity_action",
            "opportunity_handover_tour",
            login="nga_sales",
        )
        self._assert_handed_over()

    def test_salesperson_hands_over_in_vietnamese(self):
        """Needs the Vietnamese of "Handed over to %s" in i18n/vi.po."""
        self.env["res.lang"]._activate_lang("vi_VN")
        self.user_nga.lang = "vi_VN"
        self.start_tour(
            "/odoo/action-opportunity_pipeline.opportunity_opportunity_action",
            "opportunity_handover_vi_tour",
            login="nga_sales",
        )
        self._assert_handed_over()

    def test_web_save_route_answers_without_the_handed_over_record(self):
        """The client's own route: the save is kept, the answer holds no record to read."""
        self.authenticate("nga_sales", "nga_sales")
        result = self.make_jsonrpc_request(
            "/web/dataset/call_kw/opportunity.opportunity/web_save",
            {
                "model": "opportunity.opportunity",
                "method": "web_save",
                "args": [self.deal.ids, {"user_id": self.user_marc.id}],
                "kwargs": {
                    "specification": {"name": {}, "user_id": {"fields": {"display_name": {}}}},
                    "context": {"lang": "en_US"},
                },
            },
        )
        self.assertEqual(result, [])
        self._assert_handed_over()
