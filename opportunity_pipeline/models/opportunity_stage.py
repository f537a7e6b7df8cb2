# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stages of a sales process (``opportunity.stage``): order, default success rate, idle
days, the fields an opportunity needs to enter it, its guidance and activity plan."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import html_translate

from ..compat import Constraint

# fields a stage rule may not require: set by the workflow itself, or technical
RULE_EXCLUDED_FIELDS = (
    "active",
    "company_id",
    "pipeline_id",
    "stage_id",
    "state",
    "date_last_stage_update",
)
RULE_EXCLUDED_PREFIXES = ("message_", "activity_", "website_message")


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
    required_field_ids = fields.Many2many(
        "ir.model.fields",
        "opportunity_stage_required_field_rel",
        "stage_id",
        "field_id",
        # the form's section and the lists' column: one name
        string="Required to Enter",
        # configured by managers (who read the fields of the model); applied to everyone
        groups="opportunity_pipeline.group_opportunity_manager",
        domain=lambda self: self._required_field_domain(),
        help="An opportunity can only enter this stage (from the form, the pipeline, the "
        "update wizard, an import or the API) when these fields are filled in. Opportunities "
        "already in the stage are not blocked.",
    )
    company_id = fields.Many2one(related="pipeline_id.company_id", store=True, index=True)
    # the stage's playbook: see models/opportunity_opportunity_playbook.py
    guidance = fields.Html(
        translate=html_translate,
        help="What to check, ask and send at this stage: shown at the top of the opportunity "
        "form while the opportunity is in this stage.",
    )
    activity_plan_id = fields.Many2one(
        "mail.activity.plan",
        ondelete="set null",
        domain="[('res_model', '=', 'opportunity.opportunity')]",
        help="Launched when an opportunity enters this stage (created in it, moved to it, "
        "updated or imported): its activities go to the opportunity's responsible, or to the "
        "user the plan names, due after the plan's delays counted from that day.",
    )

    _probability_range = Constraint(
        "CHECK(probability >= 0 AND probability <= 100)",
        "The default success rate of a stage must be between 0 and 100.",
    )
    _idle_days_positive = Constraint(
        "CHECK(idle_days >= 0)",
        "The number of days after which an opportunity is idle cannot be negative.",
    )

    required_field_names = fields.Char(
        compute="_compute_required_field_names",
        store=True,
        help="Technical: the names of the required fields, read with the stage (no query of "
        "its own when an opportunity changes stage).",
    )

    @api.depends("required_field_ids")
    def _compute_required_field_names(self):
        for stage in self:
            # sudo: the rule applies to every user, who may not read the fields model
            stage.required_field_names = ",".join(stage.sudo().required_field_ids.mapped("name"))

    @api.model
    def _required_field_domain(self):
        """The fields a stage may require: stored fields of an opportunity that a user edits."""
        domain = [
            ("model", "=", "opportunity.opportunity"),
            ("store", "=", True),
            ("readonly", "=", False),
            ("ttype", "not in", ("boolean", "many2one_reference")),
            ("name", "not in", RULE_EXCLUDED_FIELDS),
        ]
        domain += [("name", "not like", prefix) for prefix in RULE_EXCLUDED_PREFIXES]
        return domain

    @api.constrains("required_field_ids")
    def _check_required_fields(self):
        fields_ = self.required_field_ids
        if not fields_:
            return
        allowed = fields_.search([("id", "in", fields_.ids), *self._required_field_domain()])
        refused = fields_ - allowed
        if refused:
            raise ValidationError(
                self.env._(
                    "A stage can only require fields of an opportunity that users fill in; "
                    "not %(fields)s.",
                    fields=", ".join(refused.mapped("field_description")),
                )
            )

    @api.constrains("activity_plan_id", "company_id")
    def _check_activity_plan(self):
        """A plan for opportunities, shared or of the stage's company. A stage of a shared
        process may take a plan of one company: only that company's opportunities get it."""
        for stage in self.filtered("activity_plan_id"):
            plan = stage.activity_plan_id
            if plan.res_model != "opportunity.opportunity":
                raise ValidationError(
                    self.env._(
                        'The activity plan "%(plan)s" of the stage "%(stage)s" is not a plan for '
                        "opportunities: pick a plan that applies to opportunities.",
                        plan=plan.name,
                        stage=stage.name,
                    )
                )
            if stage.company_id and plan.company_id and plan.company_id != stage.company_id:
                raise ValidationError(
                    self.env._(
                        'The activity plan "%(plan)s" belongs to the company %(plan_company)s: '
                        'the stage "%(stage)s" of %(company)s cannot launch it.',
                        plan=plan.name,
                        plan_company=plan.company_id.name,
                        stage=stage.name,
                        company=stage.company_id.name,
                    )
                )

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
