# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Settings > Opportunities: the code pattern and counter of the current company, with a
preview of the next code and the keywords a pattern may use."""

from markupsafe import Markup, escape

from odoo import api, fields, models

from ..tools.code_pattern import KEYWORDS, PatternError, check_pattern, render_code


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    opportunity_code_pattern = fields.Char(
        related="company_id.opportunity_code_pattern", readonly=False
    )
    opportunity_code_padding = fields.Integer(
        related="company_id.opportunity_code_padding", readonly=False
    )
    opportunity_code_editable = fields.Boolean(
        related="company_id.opportunity_code_editable", readonly=False
    )
    opportunity_code_restart = fields.Selection(
        related="company_id.opportunity_code_restart", readonly=False
    )
    opportunity_code_start = fields.Integer(
        related="company_id.opportunity_code_start", readonly=False
    )
    opportunity_code_no_gap = fields.Boolean(
        related="company_id.opportunity_code_no_gap", readonly=False
    )
    opportunity_code_per_pipeline = fields.Boolean(
        related="company_id.opportunity_code_per_pipeline", readonly=False
    )
    opportunity_code_next_number = fields.Integer(
        string="Next Counter Value",
        compute="_compute_opportunity_code_next_number",
        store=True,
        readonly=False,
        help="The {COUNTER} value the next opportunity gets. It may start at 0.",
    )
    opportunity_code_preview = fields.Char(
        string="Next Code", compute="_compute_opportunity_code_preview"
    )
    opportunity_code_keywords = fields.Html(
        string="Keywords", compute="_compute_opportunity_code_keywords", sanitize=False
    )

    @api.depends("company_id", "opportunity_code_restart", "opportunity_code_start")
    def _compute_opportunity_code_next_number(self):
        for settings in self:
            settings.opportunity_code_next_number = settings.company_id._opportunity_next_counter(
                settings.opportunity_code_restart, settings.opportunity_code_start
            )

    @api.depends(
        "opportunity_code_pattern",
        "opportunity_code_padding",
        "opportunity_code_next_number",
        "opportunity_code_per_pipeline",
    )
    def _compute_opportunity_code_preview(self):
        today = fields.Date.context_today(self)
        pipeline = self._opportunity_sample_pipeline()
        pipeline_code = pipeline.code or "SALES"
        for settings in self:
            try:
                check_pattern(settings.opportunity_code_pattern)
            except PatternError as error:
                settings.opportunity_code_preview = self.env[
                    "res.company"
                ]._opportunity_pattern_error_message(error)
                continue
            counter = settings.opportunity_code_next_number
            if settings._opportunity_counts_per_pipeline() and pipeline:
                # the sample process's own counter
                counter = settings.company_id._opportunity_next_counter(pipeline=pipeline)
            settings.opportunity_code_preview = render_code(
                settings.opportunity_code_pattern,
                max(counter, 0),
                today,
                settings.opportunity_code_padding,
                pipeline_code,
            )

    @api.depends("opportunity_code_padding", "opportunity_code_next_number")
    def _compute_opportunity_code_keywords(self):
        today = fields.Date.context_today(self)
        pipeline_code = self._opportunity_sample_pipeline().code or "SALES"
        descriptions = {
            "YYYY": self.env._("Year, four digits"),
            "YY": self.env._("Year, two digits"),
            "MM": self.env._("Month, two digits"),
            "DD": self.env._("Day of the month, two digits"),
            "COUNTER": self.env._("Counter, padded to the number of digits (required)"),
            "PIPELINE": self.env._("Code of the opportunity's sales process"),
        }
        header = Markup("<tr><th>%s</th><th>%s</th><th>%s</th></tr>") % (
            self.env._("Keyword"),
            self.env._("Meaning"),
            self.env._("Example"),
        )
        for settings in self:
            rows = Markup()
            for keyword in KEYWORDS:
                example = render_code(
                    "{%s}" % keyword,
                    max(settings.opportunity_code_next_number, 0),
                    today,
                    settings.opportunity_code_padding,
                    pipeline_code,
                )
                rows += Markup("<tr><td><code>{%s}</code></td><td>%s</td><td>%s</td></tr>") % (
                    keyword,
                    descriptions[keyword],
                    escape(example),
                )
            settings.opportunity_code_keywords = Markup(
                '<table class="table table-sm o_opportunity_keywords">%s%s</table>'
            ) % (header, rows)

    def _opportunity_sample_pipeline(self):
        return self.env["opportunity.pipeline"].search([("code", "!=", False)], limit=1)

    def _opportunity_counts_per_pipeline(self):
        self.ensure_one()
        return self.opportunity_code_per_pipeline and "{PIPELINE}" in (
            self.opportunity_code_pattern or ""
        )

    def set_values(self):
        res = super().set_values()
        for settings in self:
            company = settings.company_id
            if settings._opportunity_counts_per_pipeline():
                continue  # each process's next number is set on the process
            if settings.opportunity_code_next_number != company._opportunity_next_counter():
                company._opportunity_set_next_counter(settings.opportunity_code_next_number)
        return res
