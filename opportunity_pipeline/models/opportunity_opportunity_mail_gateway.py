# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Opportunities from email: what the mail gateway does with an email sent to the alias of a
sales process (``opportunity.pipeline``, see ``_alias_get_creation_values`` there), and with the
replies to it."""

from odoo import api, models
from odoo.tools.mail import parse_contact_from_email

from ..compat import ODOO_19


class OpportunityOpportunity(models.Model):
    _inherit = "opportunity.opportunity"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A new opportunity from an email: the subject as its name, in the first stage of the
        alias's process, for the contact of the sender (see ``_gateway_contact``).

        The gateway runs as the sender's user, or as its own (superuser) one: nobody is made
        responsible by default (as crm does), the alias defaults may name one.
        """
        values = dict(custom_values or {})
        Pipeline = self.env["opportunity.pipeline"]
        pipeline = Pipeline.browse(values.get("pipeline_id")).exists()
        pipeline = pipeline or self._get_preferred_pipeline()
        # The process's company wins over the one of the gateway user (the cron's, the main
        # company); a shared process gives its opportunities to the gateway user's company.
        company = (
            pipeline.company_id
            or self.env["res.company"].browse(values.get("company_id")).exists()
            or self.env.company
        )
        contact = self._gateway_contact(msg_dict, company, create=True)
        # the chatter shows the email as written by the contact the opportunity belongs to, never
        # by a partner of another company found by the gateway
        msg_dict["author_id"] = contact.id
        subject = (msg_dict.get("subject") or "").strip()
        values.update(
            {
                "name": values.get("name") or subject or self._gateway_no_subject(company),
                "pipeline_id": pipeline.id,
                "company_id": company.id,
                "partner_id": contact.id,
            }
        )
        opportunity = super(
            OpportunityOpportunity, self.with_context(default_user_id=False)
        ).message_new(msg_dict, custom_values=values)
        return opportunity.with_env(self.env)  # without the default_user_id of its creation

    def message_update(self, msg_dict, update_vals=None):
        """A reply lands in the chatter of its opportunity; its author is only a contact the
        opportunity's company may see (none, the bare address then, rather than another's)."""
        for opportunity in self:
            contact = self._gateway_contact(msg_dict, opportunity.company_id, create=False)
            msg_dict["author_id"] = contact.id or False
        return super().message_update(msg_dict, update_vals=update_vals)

    if not ODOO_19:  # 19.0 suggests the contact itself (``_mail_get_partner_fields``)

        def _message_get_suggested_recipients(self):
            """The contact is suggested as recipient when writing from the chatter."""
            recipients = super()._message_get_suggested_recipients()
            for opportunity in self:
                if opportunity.partner_id:
                    opportunity._message_add_suggested_recipient(
                        recipients,
                        partner=opportunity.partner_id,
                        reason=self.env._("Contact"),
                    )
            return recipients

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    @api.model
    def _gateway_contact(self, msg_dict, company, create=False):
        """The contact of the sender of ``msg_dict`` that ``company`` may use.

        The company's own contact first: the gateway's author when it is of ``company``, else
        one of ``company`` with the sender's address; then a shared one, the gateway's author
        first (the gateway's own order differs: 19.0 puts shared contacts first). A sender known
        only in ANOTHER company is not attached to it (the opportunity's ``partner_id`` is
        ``check_company``, and it would show that company's contact to ours): with ``create``, a
        new contact of ``company`` is created from the From header, visible to ``company`` only
        and leaving the other company's contact untouched; the same happens for an unknown sender.
        """
        Partner = self.env["res.partner"]
        author = Partner.browse(msg_dict.get("author_id")).exists()
        if author and author.company_id == company:
            return author
        name, email = parse_contact_from_email(msg_dict.get("email_from") or "")
        candidates = Partner
        if email:
            candidates = Partner.search(
                [("email_normalized", "=", email), ("company_id", "in", [company.id, False])],
                order="id",
            )
        if not author.company_id:
            # a shared author found by the gateway before any other shared contact
            candidates = author | candidates
        # the company's own contact before a shared one
        contact = (candidates.filtered("company_id") or candidates)[:1]
        if contact:
            return contact
        if not create:
            return Partner
        return Partner.create(
            {
                "name": name or email or self._gateway_no_subject(company, unknown_sender=True),
                "email": email or False,
                "company_id": company.id,
            }
        )

    @api.model
    def _gateway_no_subject(self, company, unknown_sender=False):
        """Fallback names, in the language of the company's people rather than the gateway's."""
        env = self.with_context(lang=company.partner_id.lang or self.env.lang).env
        return env._("Unknown Sender") if unknown_sender else env._("No Subject")
