# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sales processes (``opportunity.pipeline``): their stages, code and own counter, figures,
and the email alias that turns emails into opportunities."""

from ast import literal_eval

from odoo import api, fields, models
from odoo.addons.mail.tools.alias_error import AliasError
from odoo.exceptions import UserError, ValidationError


class OpportunityPipeline(models.Model):
    _name = "opportunity.pipeline"
    _description = "Sales Process"
    _inherit = ["mail.alias.mixin"]
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
    alias_id = fields.Many2one(
        help="The email address of this process: each email sent to it creates an opportunity in "
        "the first stage, and the replies land in its chatter."
    )

    code_counter_own = fields.Boolean(
        compute="_compute_code_next_number",
        help="The company numbers each sales process on its own (Settings > Opportunities).",
    )
    code_next_number = fields.Integer(
        string="Next Counter Value",
        compute="_compute_code_next_number",
        inverse="_inverse_code_next_number",
        groups="opportunity_pipeline.group_opportunity_manager",
        help="The {COUNTER} value the next opportunity of this process gets in your current "
        "company, when each sales process has its own counter.",
    )

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

    @api.depends_context("company")
    def _compute_code_next_number(self):
        company = self.env.company
        for pipeline in self:
            own = company._opportunity_counter_pipeline(pipeline._origin)
            pipeline.code_counter_own = bool(own)
            pipeline.code_next_number = own and company._opportunity_next_counter(pipeline=own)

    def _inverse_code_next_number(self):
        company = self.env.company
        for pipeline in self:
            # not through code_counter_own: its compute would overwrite the value being set
            own = company._opportunity_counter_pipeline(pipeline)
            if own and pipeline.code_next_number != company._opportunity_next_counter(pipeline=own):
                company._opportunity_set_next_counter(pipeline.code_next_number, own)

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

    @api.model_create_multi
    def create(self, vals_list):
        pipelines = super().create(vals_list)
        # sudo: which companies number each process on its own (a technical read of settings)
        companies = (
            self.env["res.company"].sudo().search([("opportunity_code_per_pipeline", "=", True)])
        )
        companies._opportunity_ensure_pipeline_sequences(pipelines)
        return pipelines

    def write(self, vals):
        # mail.alias.mixin writes the alias fields as superuser and, when they are the only ones
        # written, skips them without a word for a user who may not write the process: refuse.
        if set(vals) & set(self.env["mail.alias"]._fields):
            self.check_access("write")
        result = super().write(vals)
        if "company_id" in vals:
            # the company given to the opportunities created from the alias follows the process
            for pipeline in self.filtered("alias_id"):
                pipeline.alias_defaults = pipeline._alias_get_creation_values()["alias_defaults"]
        return result

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

    # ------------------------------------------------------------
    # Mail alias
    # ------------------------------------------------------------

    def _alias_get_creation_values(self):
        values = super()._alias_get_creation_values()
        values["alias_model_id"] = self.env["ir.model"]._get_id("opportunity.opportunity")
        if self.id:
            values["alias_defaults"] = defaults = literal_eval(self.alias_defaults or "{}")
            defaults["pipeline_id"] = self.id
            if self.company_id:
                defaults["company_id"] = self.company_id.id
            else:
                defaults.pop("company_id", None)
        return values

    def _alias_get_error(self, message, message_dict, alias):
        """An email to the alias of an archived process, or of one without stages, bounces back
        to its sender instead of creating an opportunity nobody sees (or failing)."""
        if self:
            if not self.active:
                return AliasError(
                    "opportunity_pipeline_archived",
                    self.env._("the sales process %(process)s is archived", process=self.name),
                )
            if not self.stage_ids:
                return AliasError(
                    "opportunity_pipeline_no_stage",
                    self.env._("the sales process %(process)s has no stage", process=self.name),
                    is_config_error=True,
                )
        return super()._alias_get_error(message, message_dict, alias)
