# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""*Add a Link* (``opportunity.attachment.link.wizard``): the web address of a document kept
on a drive, saved as a link in the opportunity's documents."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import link_url


class OpportunityAttachmentLinkWizard(models.TransientModel):
    """*Add a Link*: a document kept on Google Drive, OneDrive, SharePoint... becomes a document
    of the opportunity, as an ``ir.attachment`` of type ``url`` (a link, not a copy)."""

    _name = "opportunity.attachment.link.wizard"
    _description = "Add a Link to an Opportunity"

    opportunity_id = fields.Many2one(
        "opportunity.opportunity",
        required=True,
        ondelete="cascade",
    )
    url = fields.Char(
        string="URL",
        required=True,
        help="The address of the document: paste the link of the drive's Share button "
        "(https://...).",
    )
    name = fields.Char(help="How the document is listed; the URL when left empty.")

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        # adding a document is writing on the opportunity: refused before anything is typed in
        wizards.opportunity_id.check_access("write")
        return wizards

    @api.constrains("url")
    def _check_url(self):
        for wizard in self:
            try:
                link_url.clean_link_url(wizard.url)
            except link_url.LinkRefused as refused:
                message = self.env["ir.attachment"]._opportunity_link_message(refused)
                raise ValidationError(message) from None

    def action_add_link(self):
        self.ensure_one()
        url = link_url.clean_link_url(self.url)
        self.env["ir.attachment"].create(
            {
                "name": (self.name or "").strip() or url,
                "type": "url",
                "url": url,
                # the address serves a drive's page, not the file its name may suggest
                # ("Contract.pdf"): no preview of it as a PDF or an image, a new tab instead
                "mimetype": "application/octet-stream",
                "res_model": "opportunity.opportunity",
                "res_id": self.opportunity_id.id,
            }
        )
        # the dialog closes and the form reloads: its Documents count includes the link
        return {"type": "ir.actions.act_window_close"}
