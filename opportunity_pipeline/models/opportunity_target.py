# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sales targets: a won value and/or a number of won opportunities set by an administrator for a
salesperson or a sales process, for a month, a quarter or a year. What was achieved is computed
in opportunity_target_achievement.py."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import date_utils

# the strip and the lists show the month first, then the quarter and the year that cover it
PERIOD_RANK = {"month": 0, "quarter": 1, "year": 2}


class OpportunityTarget(models.Model):
    _name = "opportunity.target"
    _description = "Sales Target"
    _order = "date_start desc, period_type, id"
    _check_company_auto = True

    def _default_date_start(self):
        return date_utils.start_of(fields.Date.context_today(self), "month")

    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    target_type = fields.Selection(
        [("user", "Salesperson"), ("pipeline", "Sales Process")],
        string="Target For",
        required=True,
        default="user",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        index=True,
        ondelete="cascade",
        check_company=True,
        domain="[('share', '=', False)]",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        help="The opportunities won by this salesperson (the Responsible) count.",
    )
    pipeline_id = fields.Many2one(
        "opportunity.pipeline",
        string="Sales Process",
        index=True,
        ondelete="cascade",
        check_company=True,
        compute="_compute_pipeline_id",
        store=True,
        readonly=False,
        help="The opportunities won in this sales process count, whoever won them.",
    )
    period_type = fields.Selection(
        [("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        required=True,
        default="month",
    )
    date_start = fields.Date(
        string="Period Start",
        required=True,
        index=True,
        default=lambda self: self._default_date_start(),
        help="Any day of the period: the target starts on the first day of its month, quarter "
        "or year.",
    )
    date_end = fields.Date(
        string="Period End",
        compute="_compute_date_end",
        store=True,
        index=True,
    )
    # 2026-12, 2026-Q4, 2026: the same in every language, sorted by year, and the pivot's and
    # graph's "Period" (a month, a quarter and a year starting on January 1 stay apart)
    period_key = fields.Char(string="Period", compute="_compute_period_key", store=True)
    target_amount = fields.Monetary(
        string="Target Value",
        currency_field="currency_id",
        aggregator="sum",
        help="The value of the opportunities to win in the period.",
    )
    target_count = fields.Integer(
        string="Opportunities to Win",
        aggregator="sum",
        help="The number of opportunities to win in the period.",
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("target_type", "user_id.name", "pipeline_id.name", "period_type", "date_start")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for target in self:
            owner = target.user_id if target.target_type == "user" else target.pipeline_id
            period = target._period_label()
            target.display_name = f"{owner.name} \N{EN DASH} {period}" if owner else period

    @api.depends("target_type")
    def _compute_user_id(self):
        for target in self.filtered(lambda t: t.target_type != "user"):
            target.user_id = False

    @api.depends("target_type")
    def _compute_pipeline_id(self):
        for target in self.filtered(lambda t: t.target_type != "pipeline"):
            target.pipeline_id = False

    @api.depends("period_type", "date_start")
    def _compute_date_end(self):
        for target in self:
            start = target.date_start
            target.date_end = start and date_utils.end_of(start, target.period_type or "month")

    @api.depends("period_type", "date_start")
    def _compute_period_key(self):
        for target in self:
            start = target.date_start
            if not start:
                target.period_key = False
            elif target.period_type == "quarter":
                target.period_key = f"{start.year}-Q{date_utils.get_quarter_number(start)}"
            elif target.period_type == "year":
                target.period_key = str(start.year)
            else:
                target.period_key = f"{start.year}-{start.month:02d}"

    # ------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------

    @api.constrains("target_type", "user_id", "pipeline_id")
    def _check_target_owner(self):
        for target in self:
            if target.target_type == "user" and not target.user_id:
                raise ValidationError(
                    self.env._(
                        "Target %(target)s: choose the salesperson.", target=target.display_name
                    )
                )
            if target.target_type == "pipeline" and not target.pipeline_id:
                raise ValidationError(
                    self.env._(
                        "Target %(target)s: choose the sales process.", target=target.display_name
                    )
                )

    @api.constrains("target_amount", "target_count")
    def _check_target_values(self):
        for target in self:
            if target.target_amount < 0 or target.target_count < 0:
                raise ValidationError(
                    self.env._(
                        "Target %(target)s: the target value and count cannot be negative.",
                        target=target.display_name,
                    )
                )
            if not target.target_amount and not target.target_count:
                raise ValidationError(
                    self.env._(
                        "Target %(target)s: set a target value, a number of opportunities to "
                        "win, or both.",
                        target=target.display_name,
                    )
                )

    @api.constrains("company_id", "user_id", "pipeline_id", "period_type", "date_start")
    def _check_overlap(self):
        """One target per salesperson (or process), kind of period and company: two month
        targets of the same month would each be right and the strip could show only one. A month
        target inside a quarter or a year target is fine (the strip shows all three)."""
        for target in self:
            other = self.search(target._overlap_domain(), limit=1)
            if other:
                raise ValidationError(
                    self.env._(
                        "Target %(target)s overlaps the existing target %(other)s: one target per "
                        "salesperson or sales process and period. Change the period, or change "
                        "the existing target instead.",
                        target=target.display_name,
                        other=other.display_name,
                    )
                )

    @api.onchange("period_type", "date_start")
    def _onchange_period(self):
        """Show the first day of the period at once (create and write store it anyway)."""
        if self.date_start and self.period_type:
            self.date_start = date_utils.start_of(self.date_start, self.period_type)

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("date_start"):
                period_type = vals.get("period_type") or self.default_get(["period_type"]).get(
                    "period_type", "month"
                )
                vals["date_start"] = self._period_start(vals["date_start"], period_type)
        return super().create(vals_list)

    def write(self, vals):
        if "date_start" not in vals and "period_type" not in vals:
            return super().write(vals)
        # the first day of the period may differ from one target to the other
        for target in self:
            start = vals.get("date_start", target.date_start)
            period_type = vals.get("period_type", target.period_type)
            super(OpportunityTarget, target).write(
                dict(vals, date_start=start and self._period_start(start, period_type))
            )
        return True

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    @api.model
    def _period_start(self, day, period_type):
        return date_utils.start_of(fields.Date.to_date(day), period_type)

    def _period_label(self):
        """2026-12, Q4 2026 or 2026 (in the user's language)."""
        self.ensure_one()
        start = self.date_start
        if not start:
            return ""
        if self.period_type == "quarter":
            return self.env._(
                "Q%(quarter)s %(year)s",
                quarter=date_utils.get_quarter_number(start),
                year=start.year,
            )
        if self.period_type == "year":
            return str(start.year)
        return self.env._("%(year)s-%(month)s", year=start.year, month=str(start.month).zfill(2))

    def _overlap_domain(self):
        self.ensure_one()
        return [
            ("id", "!=", self._origin.id or 0),
            ("company_id", "=", self.company_id.id),
            ("period_type", "=", self.period_type),
            ("user_id", "=", self.user_id.id),
            ("pipeline_id", "=", self.pipeline_id.id),
            ("date_start", "<=", self.date_end),
            ("date_end", ">=", self.date_start),
        ]
