# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Other documents on the Related tab, through the web client
(static/tests/tours/opportunity_other_document_tour.js)."""

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOpportunityOtherDocumentUi(HttpCase):
    def test_link_open_and_unlink_another_document(self):
        env = self.env
        salesperson = new_test_user(
            env,
            login="other_doc_tour",
            name="Other Document Salesperson",
            groups="base.group_user,opportunity_pipeline.group_opportunity_user",
        )
        pipeline = env["opportunity.pipeline"].create(
            {
                "name": "Other Document Tour",
                "stage_ids": [Command.create({"name": "Other Document Stage"})],
            }
        )
        opportunity = env["opportunity.opportunity"].create(
            {
                "name": "Tour linked work",
                "partner_id": env["res.partner"].create({"name": "Other Doc Customer"}).id,
                "pipeline_id": pipeline.id,
                "user_id": salesperson.id,
            }
        )
        widget = env["product.template"].create({"name": "Tour process widget"})
        self.start_tour(
            f"/odoo/action-opportunity_pipeline.opportunity_opportunity_action/{opportunity.id}",
            "opportunity_other_document_tour",
            login="other_doc_tour",
        )
        self.assertFalse(env["opportunity.document.link"].search([("res_id", "=", widget.id)]))
        self.assertTrue(widget.exists(), "unlinking keeps the document")
        env.flush_all()
        env.cr.precommit.run()
        notes = opportunity.message_ids.filtered(lambda m: "Tour process widget" in m.body)
        self.assertEqual(
            [("linked." in n.body, "unlinked" in n.body) for n in notes.sorted("id")],
            [(True, False), (False, True)],
        )
        self.assertEqual(notes.author_id, salesperson.partner_id)
