# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An opportunity's *Other Documents*: the documents of other apps linked to it (the links
themselves are ``opportunity.document.link``, in opportunity_document_link.py)."""

from odoo import fields, models


# One model split by concern into _inherit files named after it (STYLE.md): the
# whole of it in one file would be over the 450-line limit.
class OpportunityOpportunity(models.Model):
    _inherit = "opportunity.opportunity"  # pylint: disable=consider-merging-classes-inherited

    # a document deleted since it was linked disappears from the list at once (the nightly
    # clean-up removes its link)
    document_link_ids = fields.One2many(
        "opportunity.document.link",
        "opportunity_id",
        string="Other Documents",
        domain=[("document_exists", "=", True)],
        help="Documents of any app linked to the opportunity: tasks of a process, approvals, "
        "tickets, purchases, events...",
    )
