"""Time and peak memory of .xlsx imports of 10,000 and 100,000 rows: our wizard next to
base_import into crm.lead.

Both run in the same database, as admin, on rows with the same content (name, contact, stage,
value, success rate, expected closing, label), built in memory. Each run is rolled back, so the
script can be run again; the row limit is raised for the run (and rolled back with it). Usage
(Odoo 18.0 importable by python3, PostgreSQL reachable):

    python3 benchmarks/bench_import.py [--db imp_bench] [--rows 10000 100000] [--crm-max 10000]

base_import into crm.lead takes about 25 ms a row here: above ``--crm-max`` rows it is not run
(the table says so) unless asked for.

The database must have crm and opportunity_pipeline installed without demo data:

    odoo -d imp_bench -i crm,opportunity_pipeline --without-demo=all --stop-after-init ...

Peak memory is measured by tracemalloc (Python allocations) in a second, separate run, because
tracemalloc slows the code it watches; the time comes from the first run.
"""

import argparse
import base64
import datetime
import getpass
import io
import os
import sys
import time
import tracemalloc

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="imp_bench")
    parser.add_argument("--rows", type=int, nargs="+", default=[10000, 100000])
    parser.add_argument("--crm-max", type=int, default=10000, help="largest crm.lead run")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--db-host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--db-user", default=os.environ.get("PGUSER") or getpass.getuser())
    return parser.parse_args()


def build_xlsx(headers, rows):
    import xlsxwriter

    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True, "constant_memory": True})
    sheet = workbook.add_worksheet("Data")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, headers)
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row):
            if isinstance(value, datetime.date):
                sheet.write_datetime(
                    r, c, datetime.datetime.combine(value, datetime.time()), date_format
                )
            else:
                sheet.write(r, c, value)
    workbook.close()
    return output.getvalue()


def rows(count, stage_names, partner, label):
    base = datetime.date(2027, 1, 1)
    return [
        [
            f"Bench import {i}",
            partner,
            stage_names[i % len(stage_names)],
            1000.0 + i,
            (i % 10) * 10,
            base + datetime.timedelta(days=i % 300),
            label,
        ]
        for i in range(count)
    ]


def run_ours(env, content):
    wizard = env["opportunity.import.wizard"].create(
        {"file": base64.b64encode(content), "file_name": "bench.xlsx"}
    )
    history = wizard._run(dry_run=False)
    assert history.state == "done", history.error_ids[:5].mapped("message")
    return history.created_count


def run_crm(env, content, count):
    importer = env["base_import.import"].create(
        {
            "res_model": "crm.lead",
            "file": content,
            "file_name": "bench.xlsx",
            "file_type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    )
    fields = [
        "name",
        "partner_id",
        "stage_id",
        "expected_revenue",
        "probability",
        "date_deadline",
        "tag_ids",
    ]
    options = {
        "has_headers": True,
        "date_format": "%Y-%m-%d",
        "datetime_format": "%Y-%m-%d %H:%M:%S",
        "float_decimal_separator": ".",
        "float_thousand_separator": ",",
        "limit": count + 10,
    }
    result = importer.execute_import(fields, fields, options)
    errors = [m for m in result["messages"] if m.get("type") == "error"]
    assert not errors, errors[:3]
    return len(result["ids"])


def measure(env, func, *args, memory=False):
    env.flush_all()
    env.invalidate_all()
    env.cr.execute("SAVEPOINT bench")
    if memory:
        tracemalloc.start()
    start = time.perf_counter()
    count = func(env, *args)
    env.flush_all()
    elapsed = time.perf_counter() - start
    peak = None
    if memory:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    env.cr.execute("ROLLBACK TO SAVEPOINT bench")
    env.invalidate_all()
    env.registry.clear_all_caches()
    return count, elapsed, peak


def main():
    args = parse_args()
    sys.path.insert(0, REPO)
    import odoo
    from odoo.tools import config

    root = os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__)))
    addons = ",".join([REPO, os.path.join(root, "addons"), os.path.join(root, "odoo", "addons")])
    config.parse_config(
        ["--db_host", args.db_host, "--db_user", args.db_user, "--addons-path", addons,
         "--log-level", "warn"]
    )  # fmt: skip
    odoo.netsvc.init_logger()
    registry = odoo.modules.registry.Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        admin = env.ref("base.user_admin")
        env = env(user=admin, context=dict(admin.context_get(), lang="en_US"))
        partner = env["res.partner"].create({"name": "Bench Import Partner"})
        env["opportunity.label"].sudo().create({"name": "Bench Import"})
        env["crm.tag"].sudo().create({"name": "Bench Import"})
        pipeline = env["opportunity.pipeline"].search([], limit=1)
        env["ir.config_parameter"].set_param(
            "opportunity_pipeline.import_max_rows", max(args.rows) + 10
        )
        env.flush_all()
        print(f"database {args.db}, user admin; peak = tracemalloc peak of a second run")
        print(f"{'':34} {'rows':>7} {'file KiB':>8} {'time (s)':>9} {'rows/s':>8} {'peak MiB':>9}")
        for count in args.rows:
            our_content = build_xlsx(
                ["Opportunity", "Contact", "Stage", "Value", "Success Rate (%)",
                 "Expected Closing", "Labels"],
                rows(count, pipeline.stage_ids.mapped("name"), partner.name, "Bench Import"),
            )  # fmt: skip
            crm_content = build_xlsx(
                ["name", "partner_id", "stage_id", "expected_revenue", "probability",
                 "date_deadline", "tag_ids"],
                rows(count, env["crm.stage"].search([]).mapped("name"), partner.name,
                     "Bench Import"),
            )  # fmt: skip
            for label, func, extra, content in (
                ("ours (opportunity.import.wizard)", run_ours, (our_content,), our_content),
                ("base_import -> crm.lead", run_crm, (crm_content, count), crm_content),
            ):
                size = len(content) // 1024
                if func is run_crm and count > args.crm_max:
                    print(f"{label:34} {count:>7} {size:>8} {'not run (--crm-max)':>28}")
                    continue
                print(f"{label:34} ...", end="\r", flush=True)
                done, elapsed, __ = measure(env, func, *extra)
                peak = None
                if not args.no_memory:
                    __, __, peak = measure(env, func, *extra, memory=True)
                peak_text = f"{peak / 1024 / 1024:>9.1f}" if peak is not None else f"{'-':>9}"
                print(
                    f"{label:34} {done:>7} {size:>8} {elapsed:>9.1f} {done / elapsed:>8.0f} "
                    f"{peak_text}"
                )
        cr.rollback()


if __name__ == "__main__":
    main()
