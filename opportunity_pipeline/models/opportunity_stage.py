from odoo import api, fields, models
from odoo.exceptions import UserError


class OpportunityStage(models.Model):
    _name = "opportunity.stage"
    _description = "Opportunity Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    pipeline_id = fields.Many2one(
        "opportunity.pipeline",
        string="Sales Process",
        required=True,
        index=True,
        ondelete="cascade",
    )
    # no sums of orders, colour indexes or rates in a list grouped by process
    sequence = fields.Integer(default=10, aggregator=None)
    color = fields.Integer(default=0, aggregator=None)
    probability = fields.Float(
        string="Default Success Rate (%)",
        digits=(16, 2),
        aggregator=None,
        help="Opportunities moved to this stage take this success rate; 0 keeps the rate "
        "the opportunity has.",
    )
    fold = fields.Boolean(string="Folded in Kanban")
    idle_days = fields.Integer(
        string="Idle After (Days)",
        default=0,
        aggregator=None,
        help="An open opportunity that stays in this stage longer than this many days is idle: "
        "a red badge on its card and the Idle filter show it. 0: never idle.",
    )
    description = fields.Text(translate=True, help="What should be done at this stage.")
    company_id = fields.Many2one(related="pipeline_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "probability_range",
            "CHECK(probability >= 0 AND probability <= 100)",
            "The default success rate of a stage must be between 0 and 100.",
        ),
        (
            "idle_days_positive",
            "CHECK(idle_days >= 0)",
            "The number of days after which an opportunity is idle cannot be negative.",
        ),
    ]

    @api.depends("pipeline_id")
    def _compute_display_name(self):
        # In the opportunity's stage field the pipeline is known; elsewhere (filters, group-by
        # across processes) two stages called "New" must be told apart.
        show_pipeline = self.env.context.get("opportunity_stage_show_pipeline")
        for stage in self:
            if show_pipeline and stage.pipeline_id:
                stage.display_name = f"{stage.pipeline_id.name} / {stage.name}"
            else:
                stage.display_name = stage.name

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = (
            self.env["opportunity.opportunity"]
            .with_context(active_test=False)
            ._read_group([("stage_id", "in", self.ids)], ["stage_id"], ["__count"])
        )
        if used:
            raise UserError(
                self.env._(
                    "You cannot delete a stage that still has opportunities (%(stages)s). "
                    "Move them to another stage first, or archive the sales process.",
                    stages=", ".join(f"{stage.name}: {count}" for stage, count in used),
                )
            )
