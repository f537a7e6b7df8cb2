from odoo import fields, models


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
        help="The opportunity this document comes from.",
    )
