"""What "codes without gaps" costs under concurrency, next to the default counter and crm.lead.

Several users save new opportunities at the same time, each save its own transaction, retried on
a serialization failure as Odoo's RPC layer does (up to 5 tries, a random wait of up to 2, 4, 8...
seconds). Then one user saves a single opportunity while an import holds a long transaction.
Usage (Odoo 18.0 importable by python3, PostgreSQL reachable):

    python3 benchmarks/bench_code_counters.py [--db op_bench_codes] [--clients 4] [--saves 25]

The database is created with crm + opportunity_pipeline (no demo data) when missing.
"""

import argparse
import getpass
import os
import random
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_vs_crm import odoo_addons_path, prepare_database


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="op_bench_codes")
    parser.add_argument("--clients", type=int, default=4, help="users saving at the same time")
    parser.add_argument("--saves", type=int, default=25, help="saves per user")
    parser.add_argument("--import-rows", type=int, default=2000)
    parser.add_argument("--reset", action="store_true")
    parser.add_argument("--db-host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--db-user", default=os.environ.get("PGUSER") or getpass.getuser())
    return parser.parse_args()


class Bench:
    def __init__(self, args):
        import odoo
        from odoo.modules.registry import Registry
        from odoo.tools import config

        common = prepare_database(args, odoo_addons_path())
        config.parse_config([*common, "--log-level", "warn"])
        odoo.netsvc.init_logger()
        self.odoo = odoo
        self.registry = Registry(args.db)
        self.args = args

    def transaction(self, function):
        """Run ``function(env)`` in a transaction of its own, committed at the end."""
        from odoo import SUPERUSER_ID, api

        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            return function(env)

    def setup(self, no_gap):
        def set_mode(env):
            company = env.ref("base.main_company")
            company.opportunity_code_no_gap = no_gap
            pipeline = env.ref("opportunity_pipeline.opportunity_pipeline_sales")
            partner = env["res.partner"].search([("name", "=", "Bench Partner")], limit=1)
            partner = partner or env["res.partner"].create({"name": "Bench Partner"})
            return pipeline.id, partner.id

        return self.transaction(set_mode)

    def save(self, model, vals):
        """One user's save: (seconds, retries), retried as Odoo's RPC layer does."""
        from psycopg2.errors import SerializationFailure

        start = time.perf_counter()
        for attempt in range(1, 6):
            try:
                self.transaction(lambda env: env[model].create(vals))
                return time.perf_counter() - start, attempt - 1
            except SerializationFailure:
                if attempt == 5:
                    raise
                time.sleep(random.uniform(0.0, 2**attempt))
        raise RuntimeError("unreachable")

    def concurrent_saves(self, model, vals):
        barrier = threading.Barrier(self.args.clients)
        timings, retries, errors = [], [], []

        def user():
            barrier.wait()
            for _i in range(self.args.saves):
                try:
                    seconds, retried = self.save(model, vals)
                    timings.append(seconds)
                    retries.append(retried)
                except Exception as error:  # counted below
                    errors.append(error)

        threads = [threading.Thread(target=user) for _i in range(self.args.clients)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - start
        return {
            "saves/s": len(timings) / wall,
            "median ms": statistics.median(timings) * 1000,
            "worst ms": max(timings) * 1000,
            "retries": sum(retries),
            "failed": len(errors),
        }

    def save_during_import(self, vals):
        """Milliseconds one user waits to save while another transaction imports rows."""
        started, result = threading.Event(), {}

        def importer(env):
            env["opportunity.opportunity"].create([vals] * self.args.import_rows)
            started.set()
            time.sleep(2.0)  # the import goes on with its other rows

        thread = threading.Thread(target=lambda: self.transaction(importer))
        thread.start()
        started.wait()
        result["ms"] = self.save("opportunity.opportunity", vals)[0] * 1000
        thread.join()
        return result["ms"]


def main():
    args = parse_args()
    bench = Bench(args)
    rows = []
    for label, no_gap in (("default counter", False), ("without gaps", True)):
        pipeline_id, partner_id = bench.setup(no_gap)
        vals = {"name": "Bench save", "partner_id": partner_id, "pipeline_id": pipeline_id}
        figures = bench.concurrent_saves("opportunity.opportunity", vals)
        figures["during import ms"] = bench.save_during_import(vals)
        rows.append((f"opportunity, {label}", figures))
    if "crm.lead" in bench.registry:
        crm_vals = {"name": "Bench save", "type": "opportunity"}
        rows.append(("crm.lead (no code)", bench.concurrent_saves("crm.lead", crm_vals)))
    print(
        f"\n{args.clients} users saving {args.saves} new records each at the same time "
        f"(one transaction a save); then one save while {args.import_rows} rows are imported\n"
    )
    columns = [
        "saves/s",
        "median ms",
        "worst ms",
        "retries",
        "failed",
        "during import ms",
    ]
    print(f"{'':28}" + "".join(f"{c:>17}" for c in columns))
    for label, figures in rows:
        cells = "".join(f"{figures[c]:>17.1f}" if c in figures else f"{'-':>17}" for c in columns)
        print(f"{label:28}{cells}")


if __name__ == "__main__":
    main()
