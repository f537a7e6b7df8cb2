"""Sales targets' achievement next to the same figures read from crm.lead, at 10,000 and 100,000
opportunities (and leads).

100 month targets (10 salespeople x 10 months) measured against the opportunities won in each
month (by closing date) and the weighted value of the open ones expected to close in it (by
expected closing date). Odoo CRM has no targets: its closest equivalent is the same two figures
by salesperson and month read from crm.lead with read_group (won: a won stage; likely: the
prorated revenue of the open leads). Same database, same user (admin, record rules on), same
volumes and dates. Usage:

    python3 benchmarks/bench_targets.py [--db op_bench] [--sizes 10000,100000] [--reset]

Records are made as in bench_analysis.py (2,000 through the ORM, then copied in SQL), then spread
the same way on both sides: 10 salespeople, 40 % won, 20 % lost, closing dates over two years.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench_analysis import populate, timed
from bench_vs_crm import (
    Side,
    odoo_addons_path,
    odoo_series,
    parse_args,
    pivot_read_group,
    prepare_database,
)

SALESPEOPLE = 10
MONTHS = 10


def bench_salespeople(env):
    """Ten salespeople of both apps (Own Documents / own leads)."""
    su = env(su=True)
    users = su["res.users"].search([("login", "like", "bench_target_")], order="login")
    if len(users) < SALESPEOPLE:
        groups = [
            su.ref(xmlid).id
            for xmlid in (
                "base.group_user",
                "sales_team.group_sale_salesman",
                "opportunity_pipeline.group_opportunity_user",
            )
        ]
        users |= su["res.users"].create(
            [
                {
                    "name": f"Bench Target {i}",
                    "login": f"bench_target_{i}",
                    "group_ids" if odoo_series() >= 19 else "groups_id": groups,
                }
                for i in range(len(users), SALESPEOPLE)
            ]
        )
    return users


def spread(env, users):
    """The same salespeople, outcomes and closing dates on both sides, by id."""
    from odoo.tools import SQL

    # mod(): Odoo's SQL wrapper takes no escaped %
    user_ids = SQL("(%s::int[])[mod(id, %s) + 1]", users.ids, len(users))
    closed = SQL("CASE WHEN mod(id, 10) < 6 THEN now() - mod(id, 730) * interval '1 day' END")
    env.cr.execute(
        SQL(
            "UPDATE opportunity_opportunity SET user_id = %s, date_closed = %s, state = CASE"
            " WHEN mod(id, 10) < 4 THEN 'won' WHEN mod(id, 10) < 6 THEN 'lost' ELSE 'open' END",
            user_ids,
            closed,
        )
    )
    won_stage = env["crm.stage"].search([("is_won", "=", True)], limit=1)
    env.cr.execute(
        SQL(
            "UPDATE crm_lead SET user_id = %s, date_closed = %s,"
            " stage_id = CASE WHEN mod(id, 10) < 4 THEN %s ELSE stage_id END,"
            " probability = CASE WHEN mod(id, 10) < 4 THEN 100 WHEN mod(id, 10) < 6 THEN 0"
            " ELSE probability END,"
            " active = mod(id, 10) NOT BETWEEN 4 AND 5",
            user_ids,
            closed,
            won_stage.id,
        )
    )
    env.cr.execute("ANALYZE opportunity_opportunity")
    env.cr.execute("ANALYZE crm_lead")
    env.cr.commit()  # benchmark data only, outside any test: keep it between runs


def bench_targets(env, users):
    """100 month targets: each salesperson, the current month and the 9 before."""
    from odoo import fields
    from odoo.tools import date_utils

    Target = env["opportunity.target"]
    targets = Target.search([("user_id", "in", users.ids), ("period_type", "=", "month")])
    if len(targets) < SALESPEOPLE * MONTHS:
        targets.unlink()
        first = date_utils.start_of(fields.Date.today(), "month")
        targets = Target.create(
            [
                {
                    "user_id": user.id,
                    "date_start": date_utils.subtract(first, months=month),
                    "target_amount": 50000,
                    "target_count": 40,
                }
                for user in users
                for month in range(MONTHS)
            ]
        )
        env.cr.commit()
    return targets


# the columns of the targets list (views/opportunity_target_views.xml)
LIST_COLUMNS = [
    "period_key",
    "target_amount",
    "won_amount",
    "won_amount_percent",
    "forecast_amount",
    "expected_amount_percent",
    "won_count",
    "currency_id",
]
LIST_SPEC = {name: {} for name in LIST_COLUMNS}
LIST_SPEC["user_id"] = {"fields": {"display_name": {}}}
PIVOT = ["target_amount:sum", "won_amount:sum", "won_amount_percent:avg"]


def crm_steps(env, users, targets):
    """crm.lead's won and likely by salesperson and month, over the targets' months."""
    from odoo.tools import date_utils

    crm = env["crm.lead"]
    start, end = min(targets.mapped("date_start")), max(targets.mapped("date_end"))
    leads = [("user_id", "in", users.ids), ("type", "=", "opportunity")]
    won = [*leads, ("stage_id.is_won", "=", True)]
    end = date_utils.add(end, days=1)
    won += [("date_closed", ">=", start), ("date_closed", "<", end)]
    likely = [*leads, ("stage_id.is_won", "=", False)]
    likely += [("date_deadline", ">=", start), ("date_deadline", "<", end)]

    def won_by_month():
        by_month = ["user_id", "date_closed:month"]
        return pivot_read_group(crm, won, by_month, ["expected_revenue:sum", "__count"])

    def both():
        won_by_month()
        by_month = ["user_id", "date_deadline:month"]
        pivot_read_group(crm, likely, by_month, ["prorated_revenue:sum"])

    return {
        "won + likely, 100 targets": both,
        "pivot salesperson x period": won_by_month,
        "_won_total": lambda: sum(group["expected_revenue"] for group in won_by_month()),
    }


def our_steps(env, users, targets):
    Target = env["opportunity.target"]

    def screen():
        Target.search([("id", "in", targets.ids)]).mapped("won_amount")

    def one_by_one():
        """What the grouped queries avoid: one query per target."""
        for target in Target.browse(targets.ids):
            domain = [("user_id", "=", target.user_id.id), ("state", "=", "won")]
            domain += [("date_closed", ">=", target.date_start)]
            domain += [("date_closed", "<=", target.date_end)]
            env["opportunity.opportunity"]._read_group(domain, [], ["amount:sum", "__count"])

    return {
        "won + likely, 100 targets": screen,
        "targets list (80 rows)": lambda: Target.web_search_read([], LIST_SPEC, limit=80),
        "pivot salesperson x period": lambda: pivot_read_group(
            Target, [], ["user_id", "period_key"], PIVOT
        ),
        "strip: get_current_targets": Target.with_user(users[0]).get_current_targets,
        "(one query per target, avoided)": one_by_one,
    }


def main():
    args = parse_args()
    if args.sizes == "1000,10000":
        args.sizes = "10000,100000"
    addons_path = odoo_addons_path()
    common = prepare_database(args, addons_path)

    import odoo
    from odoo.tools import config

    config.parse_config(["-d", args.db, "--log-level", "warn", *common])
    odoo.netsvc.init_logger()
    registry = odoo.modules.registry.Registry.new(args.db)
    print(f"Odoo {odoo.release.version}, database {args.db}, user admin (record rules on)")
    print(f"{'step':36} {'records':>8} | {'crm.lead':>17} | {'opportunity':>17}")
    print(f"{'':47}| queries       ms | queries       ms")
    for size in [int(s) for s in args.sizes.split(",")]:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            populate(env, Side(env, "crm"), size)
            populate(env, Side(env, "opportunity"), size)
            users = bench_salespeople(env)
            spread(env, users)
            bench_targets(env, users)
        with registry.cursor() as cr:
            admin = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}).ref("base.user_admin")
            env = odoo.api.Environment(cr, admin.id, {"lang": "en_US", "tz": "UTC"})
            users = bench_salespeople(env).with_env(env)
            targets = bench_targets(env, users).with_env(env)
            crm = crm_steps(env, users, targets)
            same = round(crm.pop("_won_total")(), 2) == round(sum(targets.mapped("won_amount")), 2)
            print(f"{'(same won total on both sides)':36} {size:>8} | {same}")
            for key, ours in our_steps(env, users, targets).items():
                cq, cms = timed(env, crm[key]) if key in crm else (None, None)
                oq, oms = timed(env, ours)
                crm_text = f"{cq:>7.0f} {cms:>8.1f}" if cq is not None else f"{'-':>7} {'-':>8}"
                print(f"{key:36} {size:>8} | {crm_text} | {oq:>7.0f} {oms:>8.1f}", flush=True)
            cr.rollback()


if __name__ == "__main__":
    main()
