# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Reports that do not mislead: rates are averaged and never stacked, the forecast shows the
overdue open deals by default, sample cards show no sums. (Tours:
static/tests/tours/opportunity_report_tour.js.)"""

from ast import literal_eval
from datetime import timedelta

from lxml import etree

from odoo import Command, fields
from odoo.addons.opportunity_pipeline.compat import domain_and, domain_or
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import dateutil as safe_dateutil
from odoo.tools.safe_eval import safe_eval

from .client import web_read_group
from .common import OpportunityCommon

RATES = ("won_rate", "probability", "days_to_close")


@tagged("post_install", "-at_install")
class TestOpportunityReportHonest(OpportunityCommon):
    def _graph_arch(self, xmlid):
        view = self.env.ref(xmlid)
        return etree.fromstring(
            self.Opportunity.get_views([(view.id, "graph")])["views"]["graph"]["arch"]
        )

    def test_rates_are_averaged_by_the_client_and_the_server(self):
        described = self.Opportunity.fields_get(list(RATES), ["aggregator"])
        self.assertEqual(
            {name: described[name]["aggregator"] for name in RATES}, dict.fromkeys(RATES, "avg")
        )
        # two salespeople each at 100 % in one process: the process is at 100 %, not 200 %
        for user in (self.user_own, self.user_other):
            self._create_opportunity(user_id=user.id).action_set_won()
        groups = web_read_group(
            self.Opportunity,
            [("pipeline_id", "=", self.pipeline.id), ("state", "in", ("won", "lost"))],
            ["pipeline_id"],
            ["won_rate:avg", "probability:avg"],
        )
        self.assertEqual([(g["won_rate"], g["probability"]) for g in groups], [(100, 100)])

    def test_rate_graphs_are_never_stacked(self):
        arch = self._graph_arch("opportunity_pipeline.opportunity_opportunity_view_graph_win_rate")
        self.assertEqual(arch.get("stacked"), "0")
        # the view that refuses to stack an averaged measure chosen in Measures (the forecast's
        # extends it with the targets strip: views_lazy/opportunity_forecast_graph.js)
        for xmlid, js_class in (
            ("opportunity_pipeline.opportunity_opportunity_view_graph", "opportunity_graph"),
            (
                "opportunity_pipeline.opportunity_opportunity_view_graph_forecast",
                "opportunity_forecast_graph",
            ),
            (
                "opportunity_pipeline.opportunity_opportunity_view_graph_win_rate",
                "opportunity_graph",
            ),
        ):
            with self.subTest(view=xmlid):
                self.assertEqual(self._graph_arch(xmlid).get("js_class"), js_class)

    def _forecast_domain(self):
        """The Forecast's domain as the web client builds it: the action's domain and its
        default filters (one group: joined by "or")."""
        action = self.env.ref("opportunity_pipeline.opportunity_opportunity_action_forecast")
        context = literal_eval(action.context)
        names = {
            key[len("search_default_") :] for key in context if key.startswith("search_default_")
        }
        arch = self.Opportunity.get_views([(action.search_view_id.id, "search")])["views"][
            "search"
        ]["arch"]
        filters = etree.fromstring(arch).xpath("//filter[@domain]")
        eval_context = {
            "context_today": lambda: safe_datetime.date.fromisoformat(
                fields.Date.to_string(fields.Date.context_today(self.Opportunity))
            ),
            "relativedelta": safe_dateutil.relativedelta.relativedelta,
            "datetime": safe_datetime,
        }
        domains = [
            safe_eval(f.get("domain"), eval_context) for f in filters if f.get("name") in names
        ]
        self.assertEqual(len(domains), 2, "Overdue and the next 6 months, by default")
        return domain_and([literal_eval(action.domain), domain_or(domains)])

    def test_forecast_shows_overdue_open_deals_by_default(self):
        today = fields.Date.context_today(self.Opportunity)
        overdue = self._create_opportunity(name="Overdue", date_deadline=today - timedelta(days=75))
        upcoming = self._create_opportunity(
            name="Upcoming", date_deadline=today + timedelta(days=20)
        )
        later = self._create_opportunity(
            name="Later", date_deadline=fields.Date.add(today, months=8)
        )
        won = self._create_opportunity(name="Won late", date_deadline=today - timedelta(days=75))
        won.action_set_won()
        no_date = self._create_opportunity(name="No date")
        found = self.Opportunity.search(self._forecast_domain())
        mine = overdue | upcoming | later | won | no_date
        self.assertEqual(found & mine, overdue | upcoming)

    def test_overdue_filter_is_open_deals_before_today(self):
        today = fields.Date.context_today(self.Opportunity)
        arch = self.Opportunity.get_views(
            [
                (
                    self.env.ref(
                        "opportunity_pipeline.opportunity_opportunity_view_search_analysis"
                    ).id,
                    "search",
                )
            ]
        )["views"]["search"]["arch"]
        [overdue_filter] = etree.fromstring(arch).xpath("//filter[@name='filter_overdue']")
        domain = safe_eval(
            overdue_filter.get("domain"),
            {"context_today": lambda: safe_datetime.date.fromisoformat(str(today))},
        )
        due_today = self._create_opportunity(date_deadline=today)
        yesterday = self._create_opportunity(date_deadline=today - timedelta(days=1))
        lost = self._create_opportunity(date_deadline=today - timedelta(days=1))
        lost._action_set_lost_confirm(self.env["opportunity.lost.reason"].search([], limit=1))
        found = self.Opportunity.search(domain) & (due_today | yesterday | lost)
        self.assertEqual(found, yesterday)


@tagged("post_install", "-at_install")
class TestOpportunityReportHonestUi(HttpCase):
    browser_size = "1440x900"

    def _rate_tour_data(self):
        """What the win rate and forecast tour reads: two salespeople who won all theirs, an
        overdue and an upcoming open deal, and a won deal that was overdue."""
        env = self.env
        users = [
            new_test_user(
                env,
                login=f"op_rate_{i}",
                groups="base.group_user,opportunity_pipeline.group_opportunity_user",
            )
            for i in range(2)
        ]
        pipeline = env["opportunity.pipeline"].create(
            {
                "name": "Rate Tour",
                "sequence": 0,
                "stage_ids": [Command.create({"name": "Rate Stage", "probability": 40})],
            }
        )
        partner = env["res.partner"].create({"name": "Rate Customer"})
        today = fields.Date.context_today(env["opportunity.opportunity"])
        Opportunity = env["opportunity.opportunity"]

        def create(name, **vals):
            return Opportunity.create(
                {
                    "name": name,
                    "partner_id": partner.id,
                    "pipeline_id": pipeline.id,
                    "amount": 1000,
                    **vals,
                }
            )

        for user in users:  # two salespeople at 100 %
            create(f"Won by {user.login}", user_id=user.id).action_set_won()
        create("Overdue tour deal", date_deadline=today - timedelta(days=75))
        create("Upcoming tour deal", date_deadline=today + timedelta(days=20))
        create("Won overdue tour deal", date_deadline=today - timedelta(days=75)).action_set_won()

    def test_win_rate_and_forecast_as_admin(self):
        self._rate_tour_data()
        self.start_tour(
            "/odoo/action-opportunity_pipeline.opportunity_opportunity_action_win_rate",
            "opportunity_win_rate_tour",
            login="admin",
        )

    def _empty_process_kanban(self, login):
        pipeline = self.env["opportunity.pipeline"].create(
            {
                "name": "Empty Tour",
                "sequence": 0,
                "stage_ids": [Command.create({"name": "Empty Stage"})],
            }
        )
        self.start_tour(
            f"/odoo/opportunity-pipeline?pipeline_id={pipeline.id}",
            "opportunity_kanban_sample_tour",
            login=login,
        )
        self.assertFalse(
            self.env["opportunity.opportunity"].search([("pipeline_id", "=", pipeline.id)])
        )

    def test_sample_cards_show_no_sums_as_admin(self):
        self._empty_process_kanban("admin")

    def test_sample_cards_show_no_sums_as_salesperson(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        new_test_user(
            self.env,
            login="op_sample_vi",
            password="op_sample_vi_pw",
            lang="vi_VN",
            groups="base.group_user,opportunity_pipeline.group_opportunity_user",
        )
        self._empty_process_kanban("op_sample_vi")
