from collections import defaultdict

from markupsafe import Markup

from odoo import models


class OpportunityProjectLinkMixin(models.AbstractModel):
    """A project or a task linked to an opportunity, telling the opportunity's chatter when it
    is linked, moved or unlinked (its own chatter already tracks its Opportunity field)."""

    _name = "opportunity.project.link.mixin"
    _inherit = "opportunity.link.mixin"
    _description = "Project Document Linked to an Opportunity"

    def write(self, vals):
        if "opportunity_id" not in vals:
            return super().write(vals)
        previous = {document: document.opportunity_id for document in self}
        result = super().write(vals)
        self._log_opportunity_link_changes(previous)
        return result

    def _opportunity_link_kind(self):
        """What the opportunity's chatter calls this document (Project, Task)."""
        raise NotImplementedError()

    # The sales bridge carries the same two helpers for sales orders: the bridges do not depend
    # on each other and the core mixin is not theirs to change.
    def _log_opportunity_link_changes(self, previous):
        """Write in the chatter of the opportunities which documents were linked, moved or
        unlinked (the document's own chatter already tracks its Opportunity field).

        :param dict previous: {document: its opportunity before the write}
        """
        notes = defaultdict(list)
        for document in self:
            old, new = previous[document], document.opportunity_id
            if old != new:
                for opportunity, note in document._opportunity_link_notes(old, new):
                    notes[opportunity].append(note)
        if notes:
            # a log, as the tracking of the document itself: the user has just been allowed to
            # change the document, and the opportunity they link it to is one they can read
            opportunities = self.env["opportunity.opportunity"].union(*notes)
            opportunities._message_log_batch(
                {opportunity.id: Markup("<br/>").join(notes[opportunity]) for opportunity in notes}
            )

    def _opportunity_link_notes(self, old, new):
        """[(opportunity, note)] telling that this document left ``old`` for ``new``."""
        self.ensure_one()
        _ = self.env._
        kind, link = self._opportunity_link_kind(), self._get_html_link()
        if not old:
            return [(new, _("%(kind)s %(document)s linked.", kind=kind, document=link))]
        if not new:
            note = _("%(kind)s %(document)s unlinked (it is kept).", kind=kind, document=link)
            return [(old, note)]
        left = _(
            "%(kind)s %(document)s moved to the opportunity %(opportunity)s.",
            kind=kind,
            document=link,
            opportunity=new._get_html_link(),
        )
        # one may move a document of theirs away from an opportunity they cannot read: its
        # name is not theirs to write
        if old.has_access("read"):
            arrived = _(
                "%(kind)s %(document)s linked, moved from the opportunity %(opportunity)s.",
                kind=kind,
                document=link,
                opportunity=old._get_html_link(),
            )
        else:
            arrived = _(
                "%(kind)s %(document)s linked, moved from another opportunity.",
                kind=kind,
                document=link,
            )
        return [(old, left), (new, arrived)]
