# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Add a Link through the web client (static/tests/tours/opportunity_attachment_link_tour.js)."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestOpportunityAttachmentLinkUi(HttpCase):
    def _tour_opportunity(self):
        """The salesperson of the tour and their opportunity, with one uploaded file."""
        env = self.env
        salesperson = new_test_user(
            env,
            login="link_tour",
            name="Link Tour Salesperson",
            groups="base.group_user,opportunity_pipeline.group_opportunity_user",
        )
        pipeline = env["opportunity.pipeline"].create(
            {
                "name": "Link Tour",
                "sequence": 0,
                "stage_ids": [Command.create({"name": "Link Tour Stage"})],
            }
        )
        opportunity = env["opportunity.opportunity"].create(
            {
                "name": "Link tour deal",
                "partner_id": env["res.partner"].create({"name": "Link Tour Customer"}).id,
                "pipeline_id": pipeline.id,
                "user_id": salesperson.id,
            }
        )
        env["ir.attachment"].create(
            {
                "name": "tour-quote.txt",
                "raw": b"quote",
                "res_model": "opportunity.opportunity",
                "res_id": opportunity.id,
            }
        )
        return salesperson, opportunity

    def test_add_a_link_from_the_form_and_from_the_documents(self):
        env = self.env
        salesperson, opportunity = self._tour_opportunity()
        # the tour's refused javascript: link is answered as an error, which odoo.http logs
        with mute_logger("odoo.http"):
            self.start_tour("/web", "opportunity_attachment_link_tour", login="link_tour")
        links = env["ir.attachment"].search(
            [
                ("res_model", "=", "opportunity.opportunity"),
                ("res_id", "=", opportunity.id),
                ("type", "=", "url"),
            ],
            order="id",
        )
        self.assertEqual(
            [(link.name, link.url, link.create_uid) for link in links],
            [
                (
                    "Signed contract on Drive",
                    "https://drive.google.com/file/d/1LinkTour/view?usp=sharing",
                    salesperson,
                ),
                (
                    "https://contoso.sharepoint.com/:w:/s/Sales/LinkTour",
                    "https://contoso.sharepoint.com/:w:/s/Sales/LinkTour",
                    salesperson,
                ),
            ],
        )
        self.assertEqual(opportunity.attachment_count, 3)
