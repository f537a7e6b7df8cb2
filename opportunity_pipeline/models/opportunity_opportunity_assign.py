"""Who an opportunity belongs to: entering one for a colleague, handing one over.

* A user who sees their own opportunities only (*Own Documents*) may enter one for a colleague
  (form, import, RPC: every path goes through ``create``): they stay on it as a collaborator,
  which is what the record rule lets them see; the responsible is told as usual.
* Handing an opportunity over (a new responsible) may take it out of what its former
  responsible can read: the save still goes through and the form says so (``web_save``,
  ``static/src/views/opportunity_form.js``).
* Telling the new responsible never blocks the change: a user without an email address (a
  login that is not an address is common) notifies with the company's address
  (``_message_compute_author``).
"""

from odoo import Command, api, models
from odoo.tools import email_normalize, formataddr

#: Context key set while the assignment notifications are sent (see _message_compute_author).
AUTHOR_FALLBACK_KEY = "opportunity_notify_author_fallback"


class OpportunityOpportunity(models.Model):
    # one file per concern (house style), not one long model file
    _inherit = "opportunity.opportunity"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group(
            "opportunity_pipeline.group_opportunity_user_all"
        ):
            vals_list = self._prepare_creator_collaborator_vals(vals_list)
        return super().create(vals_list)

    def web_save(self, vals, specification, next_id=None):
        """Save as the web client does, then read back what the user may still read.

        Handing an opportunity over takes it out of the reach of a user who sees their own
        opportunities only: reading it back would refuse, and roll back the hand-over with it.
        Such a record is left out of the answer; the web client takes a record missing from it
        as gone (the opportunity form says "Handed over to ..." and goes back to the list).
        """
        if not self or next_id or set(specification) <= {"id"}:
            return super().web_save(vals, specification, next_id=next_id)
        self.write(vals)
        readable = self._filtered_access("read")
        return readable.with_context(bin_size=True).web_read(specification)

    # ------------------------------------------------------------
    # Notifications
    # ------------------------------------------------------------

    def _message_auto_subscribe_notify(self, partner_ids, template):
        # Odoo's "you have been assigned", on create (_notify_responsibles) and when the
        # responsible changes (mail.thread's write): see _message_compute_author
        return super(
            OpportunityOpportunity, self.with_context(**{AUTHOR_FALLBACK_KEY: True})
        )._message_auto_subscribe_notify(partner_ids, template)

    def _message_compute_author(self, author_id=None, email_from=None, raise_on_email=True):
        """An assignment notification is sent by the user who assigned, with their address;
        without one, with the company's (its email, else its catchall), as Odoo's own account
        notifications do (``res.users._notify_security_setting_update``). When no address is
        configured at all, the message still reaches the inbox (outgoing mail then takes the
        mail server's default sender)."""
        if (
            not self.env.context.get(AUTHOR_FALLBACK_KEY)
            or author_id is not None
            or email_from is not None
            or self.env.user.email
        ):
            return super()._message_compute_author(
                author_id=author_id, email_from=email_from, raise_on_email=raise_on_email
            )
        author = self.env.user.partner_id
        return author.id, self._notify_fallback_email_from(author)

    @api.model
    def _notify_fallback_email_from(self, author):
        """``"Author name" <address>``: the current company's address (its email, else its
        catchall), else OdooBot's; False when none is configured."""
        # OdooBot's address: Odoo's own last resort (res.users' security notices); a user's
        # partner, which every internal user may read, whatever their company
        address = email_normalize(
            self.env.company.email_formatted or self.env.ref("base.partner_root").email
        )
        return formataddr((author.name, address)) if address else False

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    @api.model
    def _prepare_creator_collaborator_vals(self, vals_list):
        """Values in which the current user collaborates on every opportunity they create for
        someone else (or for no one), so that they keep seeing it. Copies: the caller's dicts
        are not ours to change."""
        uid = self.env.uid
        defaults = None
        result = []
        for vals in vals_list:
            vals = dict(vals)
            if defaults is None and ("user_id" not in vals or "collaborator_ids" not in vals):
                defaults = self.default_get(["user_id", "collaborator_ids"])
            user_id = vals["user_id"] if "user_id" in vals else (defaults or {}).get("user_id")
            if user_id != uid:
                collaborators = vals.get("collaborator_ids")
                if "collaborator_ids" not in vals:
                    collaborators = (defaults or {}).get("collaborator_ids")
                vals["collaborator_ids"] = [*_commands(collaborators), Command.link(uid)]
            result.append(vals)
        return result


def _commands(value):
    """The x2many ``value`` of create values (commands, ids or records) as a list of commands."""
    if not value:
        return []
    if isinstance(value, models.BaseModel):
        return [Command.set(value.ids)]
    value = list(value)
    if not isinstance(value[0], tuple | list):
        return [Command.set(value)]
    return value
