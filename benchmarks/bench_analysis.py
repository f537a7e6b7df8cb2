"""Analysis budgets of opportunity.opportunity next to crm.lead, at up to 100,000 records each.

Kanban columns with both sums (value and weighted value; crm: expected and prorated revenue),
the progress bar, the Idle search, the list page sorted by each clickable column and the pivot
stage x month, in the same database, as admin (record rules on). Usage:

    python3 benchmarks/bench_analysis.py [--db op_bench] [--sizes 1000,10000,100000] [--reset]

Records are first created through the ORM (2,000 per model), then copied in SQL up to each size
(benchmark data only): the copies carry the stored computes of their originals.
"""

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench_vs_crm import (
    Side,
    kanban_read_group,
    odoo_addons_path,
    parse_args,
    pivot_read_group,
    prepare_database,
)

# clickable list columns: ours -> crm.lead's column for the same sort (None: crm has none)
SORTS = [
    ("create_date desc", "create_date desc"),
    ("code", "name"),
    ("name", "name"),
    ("partner_id", "partner_id"),
    ("pipeline_id", "team_id"),
    ("stage_id", "stage_id"),
    ("amount desc", "expected_revenue desc"),
    ("probability desc", "probability desc"),
    ("weighted_amount desc", "prorated_revenue desc"),
    ("date_deadline", "date_deadline"),
    ("user_id", "user_id"),
    ("state", None),
    ("priority desc", "priority desc"),
    ("date_last_stage_update", "date_last_stage_update"),
    ("company_id", "company_id"),
]
COPIED = {
    "crm.lead": "name, type, team_id, partner_id, user_id, stage_id, company_id, expected_revenue,"
    " prorated_revenue, probability, active, priority, date_deadline, date_last_stage_update,"
    " create_uid, write_uid, create_date, write_date",
    "opportunity.opportunity": "name, active, company_id, partner_id, pipeline_id, stage_id,"
    " state, amount, probability, weighted_amount, user_id, priority, date_deadline,"
    " date_last_stage_update, create_uid, write_uid, create_date, write_date, won_rate,"
    " days_to_close",
}


def populate(env, side, size):
    from odoo.tools import SQL

    model = side.model
    table = model._table
    current = model.with_context(active_test=False).search_count([])
    while current < min(size, 2000):
        count = min(2000, size) - current
        model.with_context(tracking_disable=True, mail_create_nolog=True).create(
            side.vals(count, "Volume")
        )
        current += count
    env.flush_all()
    columns = SQL(COPIED[model._name])
    while current < size:
        count = min(current, size - current)
        env.cr.execute(
            SQL(
                "INSERT INTO %s (%s) SELECT %s FROM %s ORDER BY id LIMIT %s",
                SQL.identifier(table),
                columns,
                columns,
                SQL.identifier(table),
                count,
            )
        )
        current += count
    if model._name == "opportunity.opportunity":  # codes are unique per company
        env.cr.execute("UPDATE opportunity_opportunity SET code = 'B' || id WHERE code IS NULL")
    # spread the dates over two years, the same way on both sides
    env.cr.execute(
        SQL(
            "UPDATE %s SET create_date = now() - (id %% 700) * interval '1 day' - (id %% 24) * "
            "interval '1 hour', date_last_stage_update = now() - (id %% 60) * interval '1 day', "
            "date_deadline = current_date + (id %% 365) - 90",
            SQL.identifier(table),
        )
    )
    env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    env.cr.commit()  # benchmark data only, outside any test: keep it between runs
    env.invalidate_all()


def timed(env, function, repeat=5):
    runs = []
    for _ in range(repeat):
        env.flush_all()
        env.invalidate_all()
        start_count = env.cr.sql_log_count
        start = time.perf_counter()
        function()
        runs.append((env.cr.sql_log_count - start_count, (time.perf_counter() - start) * 1000))
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def steps(side):
    """(label, crm function or None, ours function or None) built from one side's names."""
    model, value = side.model, side.value_field
    weighted = "prorated_revenue" if side.name == "crm" else "weighted_amount"
    result = {
        "kanban web_read_group 2 sums": lambda: kanban_read_group(
            model, side.kanban_domain, [f"{value}:sum", f"{weighted}:sum"]
        ),
        "kanban read_progress_bar": lambda: model.read_progress_bar(
            side.kanban_domain,
            "stage_id",
            {"field": "activity_state", "colors": {"planned": "success"}, "sum_field": value},
        ),
        "pivot stage x month": lambda: pivot_read_group(
            model,
            side.kanban_domain,
            ["stage_id", "date_deadline:month"],
            ["__count", f"{value}:sum", f"{weighted}:sum"],
        ),
    }
    if side.name != "crm":
        result["search is_idle (count)"] = lambda: model.search_count([("is_idle", "=", True)])
        result["search is_idle (page)"] = lambda: model.search([("is_idle", "=", True)], limit=80)
    spec = side.list_spec()
    for ours, crm in SORTS:
        order = crm if side.name == "crm" else ours
        if order:
            result[f"list by {ours}"] = lambda order=order: model.web_search_read(
                side.kanban_domain, spec, limit=80, order=order, count_limit=10001
            )
    return result


def main():
    args = parse_args()
    if args.sizes == "1000,10000":
        args.sizes = "1000,10000,100000"
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
            stages = env.ref("opportunity_pipeline.opportunity_pipeline_sales").stage_ids
            stages[:2].write({"idle_days": 30})
            cr.commit()
        with registry.cursor() as cr:
            admin = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}).ref("base.user_admin")
            env = odoo.api.Environment(cr, admin.id, {"lang": "en_US", "tz": "UTC"})
            crm, ours = steps(Side(env, "crm")), steps(Side(env, "opportunity"))
            for key, function in ours.items():
                cq, cms = timed(env, crm[key]) if key in crm else (None, None)
                oq, oms = timed(env, function)
                crm_text = f"{cq:>7.0f} {cms:>8.1f}" if cq is not None else f"{'-':>7} {'-':>8}"
                print(f"{key:36} {size:>8} | {crm_text} | {oq:>7.0f} {oms:>8.1f}", flush=True)
            cr.rollback()


if __name__ == "__main__":
    main()
