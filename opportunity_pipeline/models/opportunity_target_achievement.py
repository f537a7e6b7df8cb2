# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a target has achieved: the opportunities won in its period (by closing date) and the
weighted value of the open ones expected to close in it (by expected closing date).

Computed, never stored (a won opportunity changes the figures of every target it falls in), for
the whole recordset in two grouped queries whatever the number of targets: one of the won
opportunities, one of the open ones, each grouped by company, responsible, sales process and
month over the union of the periods, then summed per target in Python. They run with the rights
of the user who reads them: a salesperson who sees their own opportunities only counts those.
"""

from collections import defaultdict
from datetime import datetime, time, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from odoo import api, fields, models
from odoo.tools import SQL, date_utils, format_amount, formatLang

from .opportunity_target import PERIOD_RANK

# the fields the pivot, the graph and the grouped list total through _read_group below
ACHIEVEMENT_SUMS = ("won_amount", "won_count", "forecast_amount")
ACHIEVEMENT_RATIOS = {
    # ratio field: (achieved field, target field); the ratio of a group is the ratio of its sums
    "won_amount_percent": ("won_amount", "target_amount"),
    "won_count_percent": ("won_count", "target_count"),
    "expected_amount_percent": ("expected_amount", "target_amount"),
}


class OpportunityTarget(models.Model):
    _inherit = "opportunity.target"  # pylint: disable=consider-merging-classes-inherited

    won_amount = fields.Monetary(
        string="Won Value",
        currency_field="currency_id",
        compute="_compute_achievement",
        aggregator="sum",
        help="Value of the opportunities won in the period (by their closing date).",
    )
    won_count = fields.Integer(
        string="Opportunities Won",
        compute="_compute_achievement",
        aggregator="sum",
        help="Number of opportunities won in the period.",
    )
    forecast_amount = fields.Monetary(
        string="Likely Value",
        currency_field="currency_id",
        compute="_compute_achievement",
        aggregator="sum",
        help="Weighted value (value x success rate) of the open opportunities expected to close "
        "in the period.",
    )
    expected_amount = fields.Monetary(
        string="Won + Likely",
        currency_field="currency_id",
        compute="_compute_achievement",
        help="Won value plus the likely value of the open opportunities.",
    )
    won_amount_percent = fields.Float(
        string="Value Achieved (%)",
        digits=(16, 1),
        compute="_compute_achievement",
        aggregator="avg",
        help="Won value / target value. For a group of targets: the won value of the group over "
        "its target value.",
    )
    won_count_percent = fields.Float(
        string="Opportunities Won (%)",
        digits=(16, 1),
        compute="_compute_achievement",
        aggregator="avg",
        help="Opportunities won / opportunities to win.",
    )
    expected_amount_percent = fields.Float(
        string="Won + Likely (%)",
        digits=(16, 1),
        compute="_compute_achievement",
        aggregator="avg",
        help="(Won value + likely value) / target value: where the period should end.",
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends(
        "company_id",
        "user_id",
        "pipeline_id",
        "period_type",
        "date_start",
        "date_end",
        "target_amount",
        "target_count",
    )
    @api.depends_context("uid", "tz")
    def _compute_achievement(self):
        won = self._achievement_by_month(won=True)
        likely = self._achievement_by_month(won=False)
        for target in self:
            won_amount, won_count = target._sum_months(won)
            forecast_amount = target._sum_months(likely)[0]
            target.won_amount = won_amount
            target.won_count = won_count
            target.forecast_amount = forecast_amount
            target.expected_amount = won_amount + forecast_amount
            for ratio, (achieved, goal) in ACHIEVEMENT_RATIOS.items():
                target[ratio] = _percent(target[achieved], target[goal])

    # ------------------------------------------------------------
    # Pivot, graph and grouped list
    # ------------------------------------------------------------

    @api.model
    def _read_group_select(self, aggregate_spec, query):
        """The computed measures have no column: ``_read_group`` below fills and sorts them and
        never sends them to the database. This placeholder answers ``fields_get``, which asks
        whether the aggregate is possible before the web client offers it as a measure."""
        if _measure(aggregate_spec) in _COMPUTED:
            return SQL("NULL")
        return super()._read_group_select(aggregate_spec, query)

    @api.model
    def _read_group(
        self, domain, groupby=(), aggregates=(), having=(), offset=0, limit=None, order=None
    ):
        """Groups of targets with their achievement: the targets of each group come with the
        group (``id:recordset``), their achievement is computed once for all the groups (the
        same two queries), then summed per group; a ratio is the ratio of the group's sums.
        Groups sorted by such a measure are sorted here, then paged."""
        terms = [term.strip() for term in (order or "").split(",") if term.strip()]
        sort_terms = [term for term in terms if _measure(term) in _COMPUTED]
        specs = [*aggregates, *(term.split()[0] for term in sort_terms)]
        computed = list(dict.fromkeys(spec for spec in specs if _measure(spec) in _COMPUTED))
        if not computed:
            return super()._read_group(domain, groupby, aggregates, having, offset, limit, order)
        plain = [spec for spec in aggregates if _measure(spec) not in _COMPUTED]
        sql_order = ", ".join(term for term in terms if term not in sort_terms) or None
        page = (0, None) if sort_terms else (offset, limit)
        rows = super()._read_group(
            domain, groupby, [*plain, "id:recordset"], having, *page, sql_order
        )
        everything = self.browse({target.id for row in rows for target in row[-1]})
        everything.mapped("won_amount")  # one computation for all the groups
        groups = []
        for row in rows:
            targets = everything.browse(row[-1].ids)
            values = dict(zip(plain, row[len(groupby) : -1], strict=True))
            values.update({spec: _group_value(targets, spec) for spec in computed})
            groups.append((row[: len(groupby)], values))
        for term in reversed(sort_terms):
            spec, *direction = term.split()
            descending = bool(direction) and direction[0].lower() == "desc"
            groups.sort(key=lambda group, spec=spec: group[1][spec], reverse=descending)
        if sort_terms:
            groups = groups[offset : offset + limit if limit else None]
        return [(*keys, *(values[spec] for spec in aggregates)) for keys, values in groups]

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_view_won_opportunities(self):
        """The opportunities counted in Won: what the figures are made of."""
        self.ensure_one()
        start = self._utc_midnight(self.date_start)
        end = self._utc_midnight(date_utils.add(self.date_end, days=1))
        domain = [("state", "=", "won"), ("date_closed", ">=", start), ("date_closed", "<", end)]
        return self._action_view_opportunities(domain, self.env._("Won: %s", self.display_name))

    def action_view_forecast_opportunities(self):
        """The open opportunities counted in Likely."""
        self.ensure_one()
        domain = [
            ("state", "=", "open"),
            ("date_deadline", ">=", self.date_start),
            ("date_deadline", "<=", self.date_end),
        ]
        return self._action_view_opportunities(domain, self.env._("Likely: %s", self.display_name))

    def _action_view_opportunities(self, domain, name):
        owner = (
            ("user_id", "=", self.user_id.id)
            if self.target_type == "user"
            else ("pipeline_id", "=", self.pipeline_id.id)
        )
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "opportunity.opportunity",
            "view_mode": "list,kanban,form",
            "domain": [*domain, owner, ("company_id", "=", self.company_id.id)],
            "context": {"create": False},
        }

    # ------------------------------------------------------------
    # The salesperson's current targets (pipeline kanban, forecast)
    # ------------------------------------------------------------

    @api.model
    def get_current_targets(self, include_pipelines=False):
        """The targets of the current user whose period covers today (this month's, then the
        quarter and the year), with their achievement formatted in the user's language and
        the company's currency: what the strip above the pipeline shows. ``include_pipelines``
        adds the sales process targets the user may read (the forecast)."""
        today = fields.Date.context_today(self)
        owner = [("user_id", "=", self.env.uid)]
        if include_pipelines:
            owner = ["|", *owner, ("target_type", "=", "pipeline")]
        targets = self.search([*owner, ("date_start", "<=", today), ("date_end", ">=", today)])
        targets = targets.sorted(
            lambda t: (t.target_type != "user", PERIOD_RANK[t.period_type], t.display_name)
        )
        several_companies = len(targets.company_id) > 1
        return [target._current_target_values(several_companies) for target in targets]

    def _current_target_values(self, with_company=False):
        self.ensure_one()
        titles = {
            "month": self.env._("This month"),
            "quarter": self.env._("This quarter"),
            "year": self.env._("This year"),
        }
        return {
            "id": self.id,
            "title": titles[self.period_type],
            "period": self._period_label(),
            "owner": self.target_type == "pipeline" and self.pipeline_id.name,
            "company": with_company and self.company_id.name,
            "target_amount": bool(self.target_amount) and self._format_money(self.target_amount),
            "won_amount": self._format_money(self.won_amount),
            "forecast_amount": self._format_money(self.forecast_amount),
            "won_amount_percent": bool(self.target_amount)
            and self._format_percent(self.won_amount_percent),
            "expected_amount_percent": bool(self.target_amount)
            and self._format_percent(self.expected_amount_percent),
            **self._strip_bars(),
            "target_count": self.target_count,
            "won_count": self.won_count,
            "won_count_percent": bool(self.target_count)
            and self._format_percent(self.won_count_percent),
        }

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _achievement_by_month(self, won):
        """{(company id, "user" or "pipeline", their id): {first day of month: [value, count]}}
        of the won opportunities (by closing date, ``won``) or the open ones (weighted value, by
        expected closing date) in the periods of these targets, in one grouped query."""
        result = defaultdict(lambda: defaultdict(lambda: [0.0, 0]))
        targets = self.filtered(lambda t: t.date_start and t.date_end and t.company_id)
        if not targets or not (targets.user_id or targets.pipeline_id):
            return result
        start = min(targets.mapped("date_start"))
        end = date_utils.add(max(targets.mapped("date_end")), days=1)
        if won:
            date_field, value_field, state = "date_closed", "amount", "won"
            start, end = self._utc_midnight(start), self._utc_midnight(end)
        else:
            date_field, value_field, state = "date_deadline", "weighted_amount", "open"
        groups = self.env["opportunity.opportunity"]._read_group(
            [
                ("state", "=", state),
                ("company_id", "in", targets.company_id.ids),
                (date_field, ">=", start),
                (date_field, "<", end),
                "|",
                ("user_id", "in", targets.user_id.ids),
                ("pipeline_id", "in", targets.pipeline_id.ids),
            ],
            ["company_id", "user_id", "pipeline_id", f"{date_field}:month"],
            [f"{value_field}:sum", "__count"],
        )
        for company, user, pipeline, month, value, count in groups:
            month = month.date() if isinstance(month, datetime) else month
            for key in (("user", user.id), ("pipeline", pipeline.id)):
                cell = result[(company.id, *key)][month]
                cell[0] += value
                cell[1] += count
        return result

    def _sum_months(self, by_month):
        """(value, count) of this target's months in ``_achievement_by_month``'s result."""
        self.ensure_one()
        if not (self.date_start and self.date_end):
            return 0.0, 0
        owner = (
            ("user", self.user_id.id)
            if self.target_type == "user"
            else ("pipeline", self.pipeline_id.id)
        )
        months = by_month.get((self.company_id.id, *owner), {})
        value, count, month = 0.0, 0, self.date_start
        while month <= self.date_end:
            cell = months.get(month)
            if cell:
                value += cell[0]
                count += cell[1]
            month = date_utils.add(month, months=1)
        return value, count

    @api.model
    def _utc_midnight(self, day):
        """Midnight of ``day`` in the user's timezone, in UTC: the closing dates are grouped by
        month in that timezone (``_read_group`` follows the context's tz; UTC without one)."""
        try:
            tz = ZoneInfo(self.env.context.get("tz") or "UTC")
        except (ValueError, ZoneInfoNotFoundError):
            tz = timezone.utc
        local = datetime.combine(day, time.min, tzinfo=tz)
        return local.astimezone(timezone.utc).replace(tzinfo=None)

    def _strip_bars(self):
        """Widths (%) of the won and likely parts of the strip's bar: by value when the target
        has a value, by count otherwise; never past the end of the bar."""
        if self.target_amount:
            won = min(self.won_amount_percent, 100.0)
            likely = min(self.expected_amount_percent, 100.0) - won
            return {"won_bar": won, "forecast_bar": round(likely, 1)}
        return {"won_bar": min(self.won_count_percent, 100.0), "forecast_bar": 0.0}

    def _format_money(self, amount):
        return format_amount(self.env, amount, self.currency_id)

    def _format_percent(self, value):
        return f"{formatLang(self.env, value, digits=0)}%"


_COMPUTED = (*ACHIEVEMENT_SUMS, *ACHIEVEMENT_RATIOS)


def _measure(spec):
    """The field of an aggregate or order term: "won_amount:sum desc" -> "won_amount"."""
    return spec.split()[0].split(":")[0] if spec.strip() else ""


def _percent(achieved, goal):
    return 100.0 * achieved / goal if goal else 0.0


def _group_value(targets, spec):
    """A measure of a group of targets: the sum of a computed sum; for a ratio, the achievement
    of the targets that have this kind of goal over the sum of their goals."""
    fname = spec.split(":")[0]
    if fname in ACHIEVEMENT_SUMS:
        return sum(targets.mapped(fname))
    achieved, goal = ACHIEVEMENT_RATIOS[fname]
    with_goal = targets.filtered(goal)
    return _percent(sum(with_goal.mapped(achieved)), sum(with_goal.mapped(goal)))
