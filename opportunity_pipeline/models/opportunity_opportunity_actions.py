# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a user does to opportunities from the form, the list and the Action menu: mark them
won, lost or open again, open the update, print and lost wizards, the documents and partners.
A batch is refused whole, naming what the user may not change (``_check_bulk_access``)."""

from odoo import models
from odoo.exceptions import AccessError


class OpportunityOpportunity(models.Model):
    _inherit = "opportunity.opportunity"  # pylint: disable=consider-merging-classes-inherited

    def action_set_won(self):
        self._check_bulk_access()
        self.write({"state": "won"})
        return True

    def action_set_lost(self):
        """Ask for the reason (wizard); ``_action_set_lost_confirm`` does the change."""
        self._check_bulk_access()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Mark as Lost"),
            "res_model": "opportunity.lost.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def _action_set_lost_confirm(self, lost_reason, note=False):
        self._check_bulk_access()
        self.write({"state": "lost", "lost_reason_id": lost_reason.id, "lost_note": note or False})
        return True

    def action_reopen(self):
        self._check_bulk_access()
        self.write({"state": "open"})
        return True

    def action_open_update_wizard(self):
        self._check_bulk_access()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Update Opportunities"),
            "res_model": "opportunity.update.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"active_model": self._name, "active_ids": self.ids},
        }

    def action_open_print_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Print with a Template"),
            "res_model": "opportunity.print.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_opportunity_id": self.id},
        }

    def action_view_documents(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Documents"),
            "res_model": "ir.attachment",
            "view_mode": "kanban,list,form",
            "domain": [("res_model", "=", self._name), ("res_id", "=", self.id)],
            "context": {"default_res_model": self._name, "default_res_id": self.id},
        }

    def action_view_related_partners(self):
        self.ensure_one()
        partners = self.partner_id | self.related_partner_ids
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Partners"),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": [("id", "in", partners.ids)],
        }

    def _check_bulk_access(self, operation="write"):
        """Refuse the whole batch, naming the opportunities the user may not change."""
        refused = self - self._filtered_access(operation)
        if refused:
            readable = refused._filtered_access("read")
            names = readable.mapped("display_name") + [f"#{o.id}" for o in refused - readable]
            raise AccessError(
                self.env._(
                    "You are not allowed to change these opportunities, so none was changed: "
                    "%(names)s.",
                    names=", ".join(names),
                )
            )
