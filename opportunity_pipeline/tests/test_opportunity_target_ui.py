# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Sales targets through the web client (static/tests/tours/opportunity_target_tour.js): the
salesperson's strip above the pipeline in English and in Vietnamese, the Targets screen and the
Forecast of a sales lead."""

from odoo import Command, fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import date_utils

PIPELINE_URL = "/odoo/opportunity-pipeline"
TZ = "Asia/Ho_Chi_Minh"


@tagged("post_install", "-at_install")
class TestOpportunityTargetUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["res.lang"]._activate_lang("vi_VN")
        cls.pipeline = env["opportunity.pipeline"].create(
            {
                "name": "Target Tour Process",
                "sequence": 0,
                "stage_ids": [
                    Command.create({"name": "Tour Proposal", "probability": 40}),
                    Command.create({"name": "Tour Signing", "probability": 80}),
                ],
            }
        )
        cls.partner = env["res.partner"].create({"name": "Target Tour Customer"})
        cls.today = fields.Date.context_today(env["opportunity.target"].with_context(tz=TZ))
        cls.seller = cls._seller_with_targets("op_target_en", "Target Tour Seller", "en_US")
        cls.seller_vi = cls._seller_with_targets("op_target_vi", "Người Bán Mục Tiêu", "vi_VN")
        cls._other_targets()

    @classmethod
    def _other_targets(cls):
        """Last month's target of the Vietnamese salesperson and the quarter's of the admin (an
        other salesperson): on no salesperson's strip of the tours; the quarter's of the process:
        on the sales lead's forecast."""
        env = cls.env
        env["opportunity.target"].create(
            [
                {
                    "user_id": cls.seller_vi.id,
                    "date_start": date_utils.subtract(cls.today, months=1),
                    "target_amount": 999,
                },
                {
                    "user_id": env.ref("base.user_admin").id,
                    "date_start": cls.today,
                    "target_amount": 1,
                    "period_type": "quarter",
                },
                {
                    "target_type": "pipeline",
                    "pipeline_id": cls.pipeline.id,
                    "period_type": "quarter",
                    "date_start": cls.today,
                    "target_amount": 50000,
                },
            ]
        )

    @classmethod
    def _seller_with_targets(cls, login, name, lang):
        """A salesperson with this month's target (10,000 and 4 opportunities) and this year's
        (120,000), one opportunity won today (3,000) and one open closing today (5,000 at 40 %:
        2,000 likely)."""
        user = new_test_user(
            cls.env,
            login=login,
            password=login,
            name=name,
            tz=TZ,
            lang=lang,
            groups="base.group_user,opportunity_pipeline.group_opportunity_user",
        )
        base = {"target_type": "user", "user_id": user.id, "date_start": cls.today}
        cls.env["opportunity.target"].create(
            [
                dict(base, period_type="month", target_amount=10000, target_count=4),
                dict(base, period_type="year", target_amount=120000),
            ]
        )
        won, cls.likely = cls.env["opportunity.opportunity"].create(
            [
                {
                    "name": title,
                    "partner_id": cls.partner.id,
                    "pipeline_id": cls.pipeline.id,
                    "user_id": user.id,
                    "amount": amount,
                    "date_deadline": cls.today,
                }
                for title, amount in (("Tour won deal", 3000), ("Tour likely deal", 5000))
            ]
        )
        won.action_set_won()
        return user

    def test_strip_above_the_pipeline_in_english(self):
        self.assertEqual(self.likely.weighted_amount, 2000)
        self.start_tour(PIPELINE_URL, "opportunity_target_strip_tour", login="op_target_en")

    def test_strip_above_the_pipeline_in_vietnamese(self):
        self.start_tour(PIPELINE_URL, "opportunity_target_strip_vi_tour", login="op_target_vi")

    def test_targets_screen_of_a_salesperson_shows_their_own(self):
        """Own Documents: the Targets menu is theirs too, with their targets only."""
        self.start_tour(PIPELINE_URL, "opportunity_target_own_screen_tour", login="op_target_en")

    def test_targets_screen_and_forecast_of_a_sales_lead(self):
        self.env.ref("base.user_admin").tz = TZ
        self.start_tour(PIPELINE_URL, "opportunity_target_screen_tour", login="admin")
