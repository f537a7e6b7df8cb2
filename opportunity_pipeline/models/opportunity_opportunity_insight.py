# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a sales manager reads before acting: weighted value, win rate and sales cycle, idle
opportunities, other open opportunities of the same customer."""

from difflib import SequenceMatcher

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.sql import create_index


class OpportunityOpportunity(models.Model):
    _inherit = "opportunity.opportunity"  # pylint: disable=consider-merging-classes-inherited
    weighted_amount = fields.Monetary(
        string="Weighted Value",
        currency_field="currency_id",
        compute="_compute_weighted_amount",
        store=True,
        index=True,  # the list sorted by it (see the note on name in opportunity_opportunity.py)
        aggregator="sum",
        help="Value x success rate: what this opportunity should bring, on average.",
    )
    # Closed opportunities only: open ones hold 0, which is why every analysis of these two
    # measures filters on won and lost (see the Win Rate action).
    won_rate = fields.Float(
        string="Win Rate (%)",
        digits=(16, 2),
        compute="_compute_closing_stats",
        store=True,
        aggregator="avg",
        help="100 for a won opportunity, 0 for a lost one: its average over closed opportunities "
        "is the win rate.",
    )
    days_to_close = fields.Integer(
        string="Days to Close",
        compute="_compute_closing_stats",
        store=True,
        aggregator="avg",
        help="Days from creation to won or lost (the sales cycle).",
    )
    days_in_stage = fields.Integer(
        string="Days in Stage",
        compute="_compute_idle",
        help="Days since the opportunity entered its stage.",
    )
    is_idle = fields.Boolean(
        string="Idle",
        compute="_compute_idle",
        search="_search_is_idle",
        help="Open and in its stage for more days than the stage allows (Idle After on the stage).",
    )
    similar_opportunity_count = fields.Integer(
        string="Similar Opportunities",
        compute="_compute_similar_opportunity_count",
        help="Other open opportunities of this contact and of the other contacts of its company.",
    )
    similar_name_warning = fields.Char(
        string="Possible Duplicate",
        compute="_compute_similar_name_warning",
    )

    # ------------------------------------------------------------
    # Computes and searches
    # ------------------------------------------------------------

    @api.depends("amount", "probability")
    def _compute_weighted_amount(self):
        for opportunity in self:
            opportunity.weighted_amount = (
                (opportunity.amount or 0.0) * (opportunity.probability or 0.0) / 100.0
            )

    @api.depends("state", "date_closed", "create_date")
    def _compute_closing_stats(self):
        for opportunity in self:
            closed = opportunity.state in ("won", "lost") and opportunity.date_closed
            opportunity.won_rate = 100.0 if opportunity.state == "won" else 0.0
            if closed and opportunity.create_date:
                delta = opportunity.date_closed - opportunity.create_date
                opportunity.days_to_close = max(delta.days, 0)
            else:
                opportunity.days_to_close = 0

    @api.depends("date_last_stage_update", "state", "stage_id.idle_days")
    def _compute_idle(self):
        now = fields.Datetime.now()
        for opportunity in self:
            since = opportunity.date_last_stage_update or opportunity.create_date
            days = max((now - since).days, 0) if since else 0
            limit = opportunity.stage_id.idle_days
            opportunity.days_in_stage = days
            opportunity.is_idle = opportunity.state == "open" and 0 < limit < days

    @api.model
    def _search_is_idle(self, operator, value):
        """One subquery, evaluated by PostgreSQL with the rest of the domain: open, in a stage
        with ``idle_days > 0``, entered more than ``idle_days`` whole days ago. ``days_in_stage >
        idle_days`` on whole days means at least ``idle_days + 1`` days, as the compute says."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(self.env._("Search on Idle only with = or != and a boolean."))
        idle = (operator == "=") == value
        self.flush_model(["state", "stage_id", "date_last_stage_update", "create_date"])
        self.env["opportunity.stage"].flush_model(["idle_days"])
        subquery = SQL(
            """SELECT o.id FROM %(table)s o
               JOIN opportunity_stage s ON s.id = o.stage_id AND s.idle_days > 0
               WHERE o.state = 'open'
                 AND COALESCE(o.date_last_stage_update, o.create_date)
                     <= %(now)s - make_interval(days => s.idle_days + 1)""",
            table=SQL.identifier(self._table),
            now=fields.Datetime.now(),
        )
        return [("id", "in" if idle else "not in", SQL("(%s)", subquery))]

    @api.depends("partner_id", "state")
    @api.depends_context("uid")
    def _compute_similar_opportunity_count(self):
        commercial = self.partner_id.commercial_partner_id
        counts = {}
        if commercial and self.ids:
            groups = self._read_group(
                [
                    ("partner_id.commercial_partner_id", "in", commercial.ids),
                    ("state", "=", "open"),
                ],
                ["partner_id"],
                ["__count"],
            )
            for partner, count in groups:
                key = partner.commercial_partner_id.id
                counts[key] = counts.get(key, 0) + count
        for opportunity in self:
            total = counts.get(opportunity.partner_id.commercial_partner_id.id, 0)
            if opportunity.id and opportunity.state == "open" and total:
                total -= 1  # itself
            opportunity.similar_opportunity_count = total

    @api.depends("partner_id", "name")
    @api.depends_context("uid")
    def _compute_similar_name_warning(self):
        for opportunity in self:
            # only while creating: a saved opportunity is no longer a possible duplicate
            similar = self.browse() if opportunity._origin else opportunity._find_similar_names()
            opportunity.similar_name_warning = bool(similar) and self.env._(
                "%(contact)s already has an open opportunity with a similar name: "
                "%(opportunities)s. Check that this one is not a duplicate.",
                # the contact's name alone: its display name follows the context (the form's
                # contact field asks for the tax ID, shown after the name)
                contact=opportunity.partner_id.complete_name,
                opportunities=", ".join(similar.mapped("display_name")),
            )

    # ------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------

    def action_view_similar_opportunities(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Similar Opportunities"),
            "res_model": self._name,
            "view_mode": "list,kanban,form",
            "domain": self._similar_opportunity_domain(),
            "context": {"create": False},
        }

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _similar_opportunity_domain(self):
        self.ensure_one()
        return [
            ("partner_id.commercial_partner_id", "=", self.partner_id.commercial_partner_id.id),
            ("state", "=", "open"),
            ("id", "!=", self._origin.id or 0),
        ]

    def _find_similar_names(self, limit=5):
        """Open opportunities of the same contact whose name looks like this one's: one contains
        the other, or they match at 75 % (case and spacing ignored)."""
        self.ensure_one()
        name = " ".join((self.name or "").casefold().split())
        if not name or not self.partner_id:
            return self.browse()
        candidates = self.search(
            [("partner_id", "=", self.partner_id.id), ("state", "=", "open")],
            limit=100,
            order="id desc",
        )
        similar = self.browse()
        for candidate in candidates:
            other = " ".join((candidate.name or "").casefold().split())
            if name in other or other in name or SequenceMatcher(None, name, other).ratio() >= 0.75:
                similar |= candidate
                if len(similar) >= limit:
                    break
        return similar

    def _auto_init(self):
        result = super()._auto_init()
        if not self._auto:
            return result  # the abstract model itself has no table
        # The list's clickable sorts at 100,000 records: crm.lead indexes create_date (with its
        # team) and date_last_stage_update; see benchmarks/bench_analysis.py.
        for column in ("create_date", "date_last_stage_update"):
            create_index(self.env.cr, f"{self._table}_{column}_idx", self._table, [f'"{column}"'])
        return result
