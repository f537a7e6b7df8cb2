# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Quick update (``opportunity.update.wizard``): stage, success rate, expected closing, value,
responsible and labels of one opportunity or a selection, in one write."""

from odoo import Command, api, fields, models
from odoo.exceptions import UserError


class OpportunityUpdateWizard(models.TransientModel):
    """Quick update of stage, success rate, expected closing, value, responsible and labels,
    for one opportunity (pre-filled) or a selection (only what is filled in is applied)."""

    _name = "opportunity.update.wizard"
    _description = "Update Opportunities"
    # The values shown are the selected opportunities' own: computed as the user (stored
    # computes would run as superuser), so the wizard never reveals what its user cannot read.

    opportunity_ids = fields.Many2many(
        "opportunity.opportunity",
        string="Opportunities",
        required=True,
        default=lambda self: self._default_opportunity_ids(),
    )
    opportunity_count = fields.Integer(compute="_compute_opportunity_count")
    has_lines = fields.Boolean(
        compute="_compute_opportunity_count",
        help="Technical: one of the opportunities has product lines (its value is their sum).",
    )
    pipeline_id = fields.Many2one(
        "opportunity.pipeline", compute="_compute_pipeline_id", string="Sales Process"
    )
    company_id = fields.Many2one("res.company", compute="_compute_pipeline_id")
    currency_id = fields.Many2one("res.currency", compute="_compute_pipeline_id")
    stage_id = fields.Many2one(
        "opportunity.stage",
        domain="[('pipeline_id', '=', pipeline_id)]",
        compute="_compute_current_values",
        compute_sudo=False,
        store=True,
        readonly=False,
    )
    change_probability = fields.Boolean(string="Change the Success Rate")
    probability = fields.Float(
        string="Success Rate (%)",
        digits=(16, 2),
        compute="_compute_current_values",
        compute_sudo=False,
        store=True,
        readonly=False,
    )
    date_deadline = fields.Date(
        string="Expected Closing",
        compute="_compute_current_values",
        compute_sudo=False,
        store=True,
        readonly=False,
    )
    change_amount = fields.Boolean(string="Change the Value")
    amount = fields.Monetary(
        string="Value",
        compute="_compute_current_values",
        compute_sudo=False,
        store=True,
        readonly=False,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        domain="[('share', '=', False)]",
        compute="_compute_current_values",
        compute_sudo=False,
        store=True,
        readonly=False,
    )
    add_label_ids = fields.Many2many(
        "opportunity.label", "opportunity_update_wizard_add_label_rel", string="Add Labels"
    )
    remove_label_ids = fields.Many2many(
        "opportunity.label", "opportunity_update_wizard_remove_label_rel", string="Remove Labels"
    )

    def _default_opportunity_ids(self):
        if self.env.context.get("active_model") == "opportunity.opportunity":
            return self.env["opportunity.opportunity"].browse(self.env.context.get("active_ids"))
        return self.env["opportunity.opportunity"]

    @api.depends("opportunity_ids")
    def _compute_opportunity_count(self):
        for wizard in self:
            wizard.opportunity_count = len(wizard.opportunity_ids)
            wizard.has_lines = bool(wizard.opportunity_ids.line_ids)

    @api.depends("opportunity_ids")
    def _compute_pipeline_id(self):
        for wizard in self:
            pipelines = wizard.opportunity_ids.pipeline_id
            wizard.pipeline_id = pipelines if len(pipelines) == 1 else False
            companies = wizard.opportunity_ids.company_id
            wizard.company_id = companies[:1] or self.env.company
            wizard.currency_id = wizard.company_id.currency_id

    @api.depends("opportunity_ids")
    def _compute_current_values(self):
        for wizard in self:
            single = wizard.opportunity_ids if len(wizard.opportunity_ids) == 1 else None
            wizard.stage_id = single.stage_id if single else False
            wizard.probability = single.probability if single else 0.0
            wizard.date_deadline = single.date_deadline if single else False
            wizard.amount = single.amount if single else 0.0
            wizard.user_id = single.user_id if single else False
            wizard.change_probability = wizard.change_amount = bool(single)

    @api.onchange("stage_id")
    def _onchange_stage_id(self):
        """Show the stage's default rate as soon as a stage is picked (hint; the rule itself
        lives in _prepare_update_vals and the opportunity's stored compute)."""
        if self.stage_id.probability and len(self.opportunity_ids) == 1:
            self.probability = self.stage_id.probability

    def _prepare_update_vals(self):
        self.ensure_one()
        opportunities = self.opportunity_ids
        single = len(opportunities) == 1
        vals = {}
        if self.stage_id and (not single or self.stage_id != opportunities.stage_id):
            vals["stage_id"] = self.stage_id.id
        stage_changes = "stage_id" in vals
        if self.change_probability and (
            not single or self.probability != opportunities.probability
        ):
            vals["probability"] = self.probability
        elif single and stage_changes and self.stage_id.probability:
            # the rate was left as it was: a new stage brings its default rate, as a kanban
            # drag does
            vals["probability"] = self.stage_id.probability
        if self.date_deadline and (not single or self.date_deadline != opportunities.date_deadline):
            vals["date_deadline"] = self.date_deadline
        if self.change_amount and (not single or self.amount != opportunities.amount):
            with_lines = opportunities._value_from_lines()
            if with_lines:
                raise UserError(
                    self.env._(
                        "The value of %(names)s is the sum of their product lines: change the "
                        "lines instead.",
                        names=", ".join(with_lines.mapped("display_name")),
                    )
                )
            vals["amount"] = self.amount
        if self.user_id and (not single or self.user_id != opportunities.user_id):
            vals["user_id"] = self.user_id.id
        commands = [Command.link(label.id) for label in self.add_label_ids]
        commands += [Command.unlink(label.id) for label in self.remove_label_ids]
        if commands:
            vals["label_ids"] = commands
        return vals

    def action_apply(self):
        self.ensure_one()
        opportunities = self.opportunity_ids
        opportunities._check_bulk_access()
        if self.stage_id:
            elsewhere = opportunities.filtered(lambda o: o.pipeline_id != self.stage_id.pipeline_id)
            if elsewhere:
                raise UserError(
                    self.env._(
                        "The stage %(stage)s is not a stage of the sales process of %(names)s.",
                        stage=self.stage_id.name,
                        names=", ".join(elsewhere.mapped("display_name")),
                    )
                )
        vals = self._prepare_update_vals()
        if vals:
            opportunities.write(vals)
        return {"type": "ir.actions.act_window_close"}
