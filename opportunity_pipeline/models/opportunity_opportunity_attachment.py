# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The documents of an opportunity: its files and links in one view, and *Add a Link*."""

from odoo import models


# One model split by concern into _inherit files named after it (STYLE.md): the
# whole of it in one file would be over the 450-line limit.
class OpportunityOpportunity(models.Model):
    """Documents of an opportunity: uploaded files and links to documents kept on a drive."""

    _inherit = "opportunity.opportunity"  # pylint: disable=consider-merging-classes-inherited

    def action_view_documents(self):
        """Files and links together, with *Add a Link* next to *New* (views of our own: Odoo's
        attachment views stay as they are everywhere else)."""
        action = super().action_view_documents()
        kanban = self.env.ref("opportunity_pipeline.ir_attachment_view_kanban_opportunity")
        list_view = self.env.ref("opportunity_pipeline.ir_attachment_view_list_opportunity")
        action["views"] = [(kanban.id, "kanban"), (list_view.id, "list"), (False, "form")]
        return action

    def action_open_link_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Add a Link"),
            "res_model": "opportunity.attachment.link.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_opportunity_id": self.id},
        }
