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
        result = super().write(vals)
        if vals.get("opportunity_id"):
            self._check_opportunity_readable()
        return result

    @api.constrains("opportunity_id", "company_id")
    def _check_opportunity_company(self):
        for record in self:
            company = record.company_id
            if company and record.opportunity_id and record.opportunity_id.company_id != company:
                raise ValidationError(
                    self.env._(
                        "%(document)s belongs to %(company)s: it cannot come from the "
                        "opportunity %(opportunity)s of another company.",
                        document=record.display_name,
                        company=company.display_name,
                        opportunity=record.opportunity_id.display_name,
                    )
                )

    def _check_opportunity_readable(self):
        """A document may only be linked to an opportunity its user can read: the link shows
        the opportunity's name, writes it in the chatter and counts on its smart buttons."""
        if not self.env.su:
            self.opportunity_id.check_access("read")
