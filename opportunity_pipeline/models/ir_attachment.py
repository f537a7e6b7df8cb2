# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Attachments of opportunities that are links: web (http/https) addresses only, whatever
path creates them, and *Add a Link* in the opportunity's Documents."""

from odoo import api, models
from odoo.exceptions import UserError, ValidationError

from ..tools import link_url

LINKED_MODEL = "opportunity.opportunity"


class IrAttachment(models.Model):
    """Links kept as documents of an opportunity are web addresses, whatever path made them.

    The wizard, the Documents view's form, an import or an RPC call all end here; attachments
    of every other model are left as Odoo makes them.
    """

    _inherit = "ir.attachment"

    @api.model_create_multi
    def create(self, vals_list):
        attachments = super().create(vals_list)
        for attachment, vals in zip(attachments, vals_list, strict=True):
            attachment._check_opportunity_link(vals.get("url"))
        return attachments

    def write(self, vals):
        result = super().write(vals)
        if {"type", "url", "res_model"} & vals.keys():
            for attachment in self:
                attachment._check_opportunity_link(vals.get("url"))
        return result

    def action_open_opportunity_link_wizard(self):
        """*Add a Link* in an opportunity's Documents (views/ir_attachment_views.xml): the view's
        context names the opportunity; the attachments the button is given do not matter."""
        context = self.env.context
        if context.get("default_res_model") != LINKED_MODEL or not context.get("default_res_id"):
            raise UserError(self.env._("Open the documents of an opportunity to add a link."))
        opportunity = self.env[LINKED_MODEL].browse(context["default_res_id"])
        return opportunity.action_open_link_wizard()

    def _check_opportunity_link(self, given_url=None):
        """Refuse a link of an opportunity that is not an http(s) address with a host.

        ``given_url`` is the value written, checked before the field cuts it at its size (a
        shortened address would lead elsewhere); without one, the stored address is checked.
        """
        self.ensure_one()
        if self.type != "url" or self.res_model != LINKED_MODEL:
            return
        url = given_url if isinstance(given_url, str) else self.url
        try:
            link_url.check_link_url(url or "")
        except link_url.LinkRefused as refused:
            raise ValidationError(self._opportunity_link_message(refused)) from None

    @api.model
    def _opportunity_link_message(self, refused):
        """The translated message of a :class:`~..tools.link_url.LinkRefused`, naming the field."""
        reason = refused.reason
        if reason == "empty":
            return self.env._(
                "URL: enter the address of the document, e.g. https://drive.google.com/…"
            )
        if reason == "too_long":
            return self.env._(
                "URL: the address is longer than %(max)s characters.", max=refused.params["max"]
            )
        if reason == "characters":
            return self.env._(
                "URL: the address contains spaces, line breaks, invisible characters or "
                "backslashes. Copy the link again from the drive's Share button."
            )
        if reason == "credentials":
            return self.env._(
                "URL: the address contains a user name or password (before “@”). Share the "
                "document with a link that carries no credentials."
            )
        if reason == "host":
            return self.env._(
                "URL: the address has no valid server name after http:// or https://."
            )
        return self.env._(
            "URL: only web addresses starting with http:// or https:// can be added as links."
        )
