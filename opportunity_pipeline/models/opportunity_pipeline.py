from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class OpportunityPipeline(models.Model):
    _name = "opportunity.pipeline"
    _description = "Sales Process"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        help="Short code of the process; the {PIPELINE} keyword of the code pattern prints it.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share the process between companies.",
    )
    stage_ids = fields.One2many("opportunity.stage", "pipeline_id", string="Stages", copy=True)
    stage_count = fields.Integer(compute="_compute_opportunity_stats")
    opportunity_count = fields.Integer(
        string="Open Opportunities", compute="_compute_opportunity_stats"
    )
    opportunity_amount = fields.Monetary(
        string="Open Value", compute="_compute_opportunity_stats", currency_field="currency_id"
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")

    @api.depends("stage_ids")
    def _compute_opportunity_stats(self):
        data = {
            pipeline.id: (count, amount)
            for pipeline, count, amount in self.env["opportunity.opportunity"]._read_group(
                [("pipeline_id", "in", self.ids), ("state", "=", "open")],
                ["pipeline_id"],
                ["__count", "amount:sum"],
            )
        }
        for pipeline in self:
            pipeline.stage_count = len(pipeline.stage_ids)
            pipeline.opportunity_count, pipeline.opportunity_amount = data.get(
                pipeline.id, (0, 0.0)
            )

    @api.depends("company_id")
    @api.depends_context("company")
    def _compute_currency_id(self):
        for pipeline in self:
            pipeline.currency_id = (pipeline.company_id or self.env.company).currency_id

    @api.constrains("code", "company_id")
    def _check_code_unique(self):
        # A SQL unique(code, company_id) would let two shared processes (company empty) share a
        # code: NULLs are distinct for PostgreSQL.
        for pipeline in self.filtered("code"):
            clash = self.with_context(active_test=False).search_count(
                [
                    ("id", "!=", pipeline.id),
                    ("code", "=", pipeline.code),
                    ("company_id", "in", [pipeline.company_id.id, False]),
                ],
                limit=1,
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "The code %(code)s is already used by another sales process.",
                        code=pipeline.code,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = (
            self.env["opportunity.opportunity"]
            .with_context(active_test=False)
            ._read_group([("pipeline_id", "in", self.ids)], ["pipeline_id"], ["__count"])
        )
        if used:
            raise UserError(
                self.env._(
                    "You cannot delete a sales process that still has opportunities "
                    "(%(processes)s). Archive it instead.",
                    processes=", ".join(
                        f"{pipeline.display_name}: {count}" for pipeline, count in used
                    ),
                )
            )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        if "name" not in (default or {}):
            for pipeline, vals in zip(self, vals_list, strict=True):
                vals["name"] = self.env._("%s (copy)", pipeline.name)
                vals.pop("code", None)
        return vals_list

    def action_open_opportunities(self):
        """Open this process's kanban (the button on a process)."""
        self.ensure_one()
        return self.env["opportunity.opportunity"]._action_open_pipeline(self)
