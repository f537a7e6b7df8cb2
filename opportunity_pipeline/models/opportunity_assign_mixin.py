"""Telling responsibles they were given opportunities: Odoo's own "you have been assigned" for
one, a single message listing them for several (an import of 10,000 rows is not 10,000 mails)."""

from collections import defaultdict

from odoo import models

# Opportunities named in the message to a responsible given several at once; the others are
# counted ("... and 950 more.").
ASSIGNED_LIST_LIMIT = 50


class OpportunityAssignMixin(models.AbstractModel):
    _name = "opportunity.assign.mixin"
    _description = "Opportunity Assignment Notifications"

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
        shown = self[:ASSIGNED_LIST_LIMIT]
        count = len(self)
        values = {
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
        body = env["ir.qweb"]._render(
            "opportunity_pipeline.message_user_assigned_opportunities",
            values,
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
