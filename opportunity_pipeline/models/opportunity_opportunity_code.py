# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The code of an opportunity: rendered in ``create`` from the company's pattern, its counters
drawn for a whole batch at once; typed by hand only where the company allows it."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.code_pattern import render_code


class OpportunityOpportunity(models.Model):
    _inherit = "opportunity.opportunity"  # pylint: disable=consider-merging-classes-inherited

    code_editable = fields.Boolean(compute="_compute_code_editable")
    code_preview = fields.Char(
        compute="_compute_code_preview",
        string="Next Code",
        help="What the code of this new opportunity will be when it is saved (another user may "
        "save one first).",
    )

    @api.depends("company_id", "pipeline_id")
    def _compute_code_preview(self):
        today = fields.Date.context_today(self)
        for opportunity in self:
            company = opportunity.company_id
            if opportunity._origin or not company:
                opportunity.code_preview = False
                continue
            pipeline = opportunity.pipeline_id
            opportunity.code_preview = render_code(
                company.opportunity_code_pattern,
                company._opportunity_next_counter(
                    pipeline=company._opportunity_counter_pipeline(pipeline)
                ),
                today,
                company.opportunity_code_padding,
                pipeline.code or "",
            )

    @api.depends("company_id")
    def _compute_code_editable(self):
        for opportunity in self:
            company = opportunity.company_id or self.env.company
            opportunity.code_editable = company.opportunity_code_editable

    def write(self, vals):
        """A changed code must be allowed by the company the records belong to after this
        write, and cannot be emptied."""
        if "code" in vals:
            changed = self.filtered(lambda o: o.code != (vals["code"] or False))
            if changed:
                target = self.env["res.company"].browse(vals.get("company_id") or [])
                changed._check_code_editable(target)
                if not vals["code"]:
                    raise UserError(self.env._("The code of an opportunity cannot be emptied."))
        return super().write(vals)

    def _check_code_editable(self, target_company=None):
        """Refuse a typed code where the company does not allow it: ``target_company`` when the
        same write moves the records there, else each record's own company."""
        for opportunity in self:
            company = target_company or opportunity.company_id
            if not company.opportunity_code_editable:
                raise UserError(self._code_not_editable_message(company, opportunity.name))

    @api.model
    def _code_not_editable_message(self, company, name):
        return self.env._(
            "Opportunity codes are generated and cannot be typed or changed in %(company)s "
            "(opportunity %(opportunity)s). An administrator can allow it in "
            "Settings > Opportunities.",
            company=company.display_name,
            opportunity=name,
        )

    @api.model
    def _prepare_codes(self, vals_list):
        """Put a generated code in every ``vals`` that has none; refuse typed codes where the
        company does not allow them. Counters are drawn once per counter (the company's, or a
        sales process's own) for the whole batch."""
        default_company_id = self.env.context.get("default_company_id") or self.env.company.id
        pipelines = {}  # pipeline_id (False: the default one) -> opportunity.pipeline
        to_generate = defaultdict(list)
        for vals in vals_list:
            company = self.env["res.company"].browse(vals.get("company_id") or default_company_id)
            if vals.get("code"):
                if not company.opportunity_code_editable:
                    raise UserError(self._code_not_editable_message(company, vals.get("name")))
                continue
            pipeline = self.env["opportunity.pipeline"]
            if "{PIPELINE}" in company.opportunity_code_pattern:
                pipeline = self._code_pipeline(vals.get("pipeline_id"), pipelines)
            counter = company._opportunity_counter_pipeline(pipeline)
            to_generate[company, counter].append((vals, pipeline))
        today = fields.Date.context_today(self)
        preview = self.env.context.get("opportunity_preview_codes")
        for (company, counter_pipeline), items in to_generate.items():
            counters = company._opportunity_draw_counters(
                len(items), preview=preview, pipeline=counter_pipeline
            )
            for (vals, pipeline), counter in zip(items, counters, strict=True):
                vals["code"] = render_code(
                    company.opportunity_code_pattern,
                    counter,
                    today,
                    company.opportunity_code_padding,
                    pipeline.code or "",
                )

    @api.model
    def _code_pipeline(self, pipeline_id, pipelines):
        """The sales process a new opportunity will have (its own, else the default one),
        remembered in ``pipelines`` for the rest of the batch."""
        if pipeline_id not in pipelines:
            given = pipeline_id or self.default_get(["pipeline_id"]).get("pipeline_id")
            pipelines[pipeline_id] = self.env["opportunity.pipeline"].browse(given)
        return pipelines[pipeline_id]
