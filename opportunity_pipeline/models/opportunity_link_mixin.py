# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The link of a document to the opportunity it comes from (``opportunity.link.mixin``, used
by quotations, projects and tasks): company and access checks, and notes in the opportunity's
chatter when the link changes."""

from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class OpportunityLinkMixin(models.AbstractModel):
    """A document that comes from an opportunity (quotation, project, task...).

    The bridge addons add it to their models; the opportunity lists them back with a One2many.
    """

    _name = "opportunity.link.mixin"
    _description = "Linked to an Opportunity"

    opportunity_id = fields.Many2one(
        "opportunity.opportunity",
        index="btree_not_null",
        tracking=True,
        # Not check_company: Odoo 18 projects and tasks usually have no company, and
        # check_company would then offer no opportunity at all. A document with a company
        # takes opportunities of that company (domain and constraint below); one without a
        # company takes those its user may read (record rules).
        domain="[('company_id', '=?', company_id)]",
        copy=False,
        groups="opportunity_pipeline.group_opportunity_user",
        help="The opportunity this document comes from.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._check_opportunity_readable()
        return records

    def write(self, vals):
        if "opportunity_id" not in vals:
            return super().write(vals)
        previous = {document: document.opportunity_id for document in self}
        result = super().write(vals)
        if vals["opportunity_id"]:
            self._check_opportunity_readable()
        self._log_opportunity_link_changes(previous)
        return result

    @api.constrains("opportunity_id", "company_id")
    def _check_opportunity_company(self):
        # sudo: a narrow read of the linked opportunity's company, so that a user without
        # opportunity rights who changes the document's company gets this rule, not an access
        # error; the opportunity's name is only shown to those who may read it (the user's
        # rights: 19.0 runs constraints as sudo)
        user_env = self.env(su=False)
        for record in self:
            company, opportunity = record.company_id, record.sudo().opportunity_id
            if not (company and opportunity) or opportunity.company_id == company:
                continue
            name = (
                opportunity.display_name
                if opportunity.with_env(user_env).has_access("read")
                else self.env._("(an opportunity you cannot open)")
            )
            raise ValidationError(
                self.env._(
                    "%(document)s belongs to %(company)s: it cannot come from the "
                    "opportunity %(opportunity)s of another company.",
                    document=record.display_name,
                    company=company.display_name,
                    opportunity=name,
                )
            )

    def _check_opportunity_readable(self):
        """A document may only be linked to an opportunity its user can read: the link shows
        the opportunity's name, writes it in the chatter and counts on its smart buttons.

        Documents without an opportunity check nothing: a user without opportunity rights (a
        project user creating a task, a salesperson duplicating an order) has no access to the
        model at all, and an empty check would still refuse them. The field is read as sudo:
        it is not theirs to read (its ``groups``, which 19.0 enforces in Python too).
        """
        if self.env.su:
            return
        opportunities = self.sudo().opportunity_id.with_env(self.env)
        if opportunities:
            opportunities.check_access("read")

    # ------------------------------------------------------------
    # The opportunity's chatter
    # ------------------------------------------------------------

    def _opportunity_link_kind(self):
        """What the opportunity's chatter calls this document (Quotation, Project, Task...)."""
        self.ensure_one()
        return self.env["ir.model"]._get(self._name).name

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
