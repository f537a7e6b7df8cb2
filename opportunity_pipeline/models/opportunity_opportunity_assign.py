# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
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
* Telling responsibles they were given opportunities: Odoo's own "you have been assigned" for
  one, a single message listing them for several (an import of 10,000 rows is not 10,000
  mails): ``_notify_responsibles``.
"""

from collections import defaultdict

from odoo import Command, api, models
from odoo.tools import email_normalize, formataddr

#: Context key set while the assignment notifications are sent (see _message_compute_author).
AUTHOR_FALLBACK_KEY = "opportunity_notify_author_fallback"

# Opportunities named in the message to a responsible given several at once; the others are
# counted ("... and 950 more.").
ASSIGNED_LIST_LIMIT = 50


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

    def _message_compute_author(self, author_id=None, email_from=None, **kwargs):
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
            # kwargs: 18.0's raise_on_email (19.0 has none)
            return super()._message_compute_author(
                author_id=author_id, email_from=email_from, **kwargs
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

    # ------------------------------------------------------------
    # Telling the responsibles
    # ------------------------------------------------------------

    def _notify_responsibles(self):
        """Tell each active responsible of ``self`` (just created) other than the current user,
        in their language, in their inbox or by email as they chose: Odoo's own "you have been
        assigned" for a single opportunity, ONE message listing them when the batch gives them
        several (an import of 10,000 rows is not 10,000 messages).

        The context key ``opportunity_notify_assigned=False`` (import wizard, "Notify
        responsibles" unticked) and Odoo's ``mail_auto_subscribe_no_notify`` silence it.
        """
        context = self.env.context
        if (
            not context.get("opportunity_notify_assigned", True)
            or context.get("mail_auto_subscribe_no_notify")
            or not self.env.registry.ready  # as Odoo: no notification while installing
        ):
            return
        ids_by_user = defaultdict(list)
        for opportunity in self:
            user = opportunity.user_id
            if user and user != self.env.user and user.active:
                ids_by_user[user].append(opportunity.id)
        for user, ids in ids_by_user.items():
            opportunities = self.browse(ids).with_context(lang=user.lang)
            if len(opportunities) == 1:
                opportunities._message_auto_subscribe_notify(
                    user.partner_id.ids, "mail.message_user_assigned"
                )
            else:
                opportunities._notify_assigned_several(user)

    def _assigned_several_values(self, user):
        """The values of the message_user_assigned_opportunities template for ``user``: a
        link to each of the first ``ASSIGNED_LIST_LIMIT`` opportunities, a count of the rest."""
        env = self.env
        shown = self[:ASSIGNED_LIST_LIMIT]
        count = len(self)
        return {
            "greeting": env._("Dear %(name)s,", name=user.name),
            "intro": env._("You have been assigned these %(count)s opportunities:", count=count),
            "lines": [
                {
                    "display_name": opportunity.display_name,
                    "url": opportunity._notify_get_action_link("view"),
                }
                for opportunity in shown
            ],
            "more": (
                env._("... and %(count)s more.", count=count - len(shown))
                if count > len(shown)
                else False
            ),
        }

    def _notify_assigned_several(self, user):
        """One message telling ``user`` that they are responsible for the opportunities of
        ``self``, in the language of ``self``'s context, listing at most
        ``ASSIGNED_LIST_LIMIT`` of them, each a link to the record.

        Sent with ``message_notify`` on no record (an empty recordset), as Odoo does to notify
        people without a document (``data_recycle``, ``test_notify_thread``): the message is
        about several records and belongs to no chatter. It still reaches the user's inbox or
        mailbox, as their preference says, and is sent by the current user even when they have
        no email address (``opportunity_notify_author_fallback``: see
        ``opportunity_opportunity_assign``).
        """
        env = self.env
        count = len(self)
        body = env["ir.qweb"]._render(
            "opportunity_pipeline.message_user_assigned_opportunities",
            self._assigned_several_values(user),
            minimal_qcontext=True,
        )
        body = env["mail.render.mixin"]._replace_local_links(body)
        nobody = self.browse().with_context(opportunity_notify_author_fallback=True)
        return nobody.message_notify(
            subject=env._("You have been assigned %(count)s opportunities", count=count),
            body=body,
            partner_ids=user.partner_id.ids,
            email_layout_xmlid="mail.mail_notification_layout",
        )


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
