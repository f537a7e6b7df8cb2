from odoo import api, fields, models


class OpportunityLinkMixin(models.AbstractModel):
    """A document that comes from an opportunity (quotation, project, task...).

    The bridge addons add it to their models; the opportunity lists them back with a One2many.
    """

    _name = "opportunity.link.mixin"
    _description = "Linked to an Opportunity"

    opportunity_id = fields.Many2one(
        "opportunity.opportunity",
        string="Opportunity",
        index="btree_not_null",
        tracking=True,
        check_company=True,
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

    def _check_opportunity_readable(self):
        """A document may only be linked to an opportunity its user can read: the link shows
        the opportunity's name, writes it in the chatter and counts on its smart buttons."""
        if not self.env.su:
            self.opportunity_id.check_access("read")
