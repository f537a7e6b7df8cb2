"""Query counts, time and memory of opportunity.opportunity next to Odoo's own crm.lead.

Both models run in the same database, as the same user (admin, record rules on), with the same
volumes. Usage (with the interpreter of Odoo 18.0 or 19.0, PostgreSQL reachable):

    python3 benchmarks/bench_vs_crm.py [--db op_bench] [--sizes 1000,10000] [--reset]

The database is created with crm + opportunity_pipeline (no demo data) when missing.
"""

import argparse
import contextlib
import getpass
import os
import statistics
import subprocess
import sys
import time
import tracemalloc

from lxml import etree

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="op_bench")
    parser.add_argument("--sizes", default="1000,10000", help="records per model, comma separated")
    parser.add_argument("--reset", action="store_true", help="drop and recreate the database")
    parser.add_argument(
        "--batch",
        type=int,
        default=1000,
        help="records of the one create() call given to 3 other responsibles",
    )
    parser.add_argument("--db-host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--db-user", default=os.environ.get("PGUSER") or getpass.getuser())
    return parser.parse_args()


def odoo_series():
    """The major version of the Odoo that this interpreter imports (18 or 19)."""
    import odoo.release

    return odoo.release.version_info[0]


def odoo_addons_path():
    import odoo.release

    # odoo is a namespace package on 19.0 (no odoo.__file__): locate the tree by odoo.release
    root = os.path.dirname(os.path.dirname(os.path.abspath(odoo.release.__file__)))
    return ",".join([REPO, os.path.join(root, "addons"), os.path.join(root, "odoo", "addons")])


def prepare_database(args, addons_path):
    common = ["--db_host", args.db_host, "--db_user", args.db_user, "--addons-path", addons_path]
    if args.reset:
        subprocess.run(["dropdb", "-h", args.db_host, "-U", args.db_user, "--if-exists", args.db])
    exists = subprocess.run(
        [
            "psql",
            "-h",
            args.db_host,
            "-U",
            args.db_user,
            "-d",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{args.db}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        print(f"creating {args.db} with crm + opportunity_pipeline (no demo)...", flush=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "odoo",
                "-d",
                args.db,
                "-i",
                "crm,opportunity_pipeline",
                # no demo data: 18.0 loads it unless told, 19.0 only when asked
                *(["--without-demo=all"] if odoo_series() < 19 else []),
                "--stop-after-init",
                "--log-level=warn",
                *common,
            ],
            check=True,
        )
    return common


class Side:
    """What differs between crm.lead and opportunity.opportunity for each measured step."""

    def __init__(self, env, name):
        self.env = env
        self.name = name
        if name == "crm":
            self.model = env["crm.lead"]
            team = env["crm.team"].search([], limit=1)
            self.stages = env["crm.stage"].search([])
            self.base_vals = {"type": "opportunity", "team_id": team.id}
            self.value_field = "expected_revenue"
            self.tag_field, self.tag_model = "tag_ids", "crm.tag"
            self.kanban_domain = [("type", "=", "opportunity")]
        else:
            self.model = env["opportunity.opportunity"]
            pipeline = env.ref("opportunity_pipeline.opportunity_pipeline_sales")
            self.stages = pipeline.stage_ids
            self.base_vals = {"pipeline_id": pipeline.id}
            self.value_field = "amount"
            self.tag_field, self.tag_model = "label_ids", "opportunity.label"
            self.kanban_domain = [("pipeline_id", "=", pipeline.id)]
        self.partner = env["res.partner"].search([("name", "=", "Bench Partner")], limit=1) or env[
            "res.partner"
        ].create({"name": "Bench Partner"})
        tag = env[self.tag_model].search([("name", "=", "Bench")], limit=1)
        self.tag = tag or env[self.tag_model].sudo().create({"name": "Bench"})
        names = [f"Bench {i}" for i in range(1, 6)]
        tags = env[self.tag_model].search([("name", "in", names)])
        missing = [{"name": n} for n in names if n not in tags.mapped("name")]
        self.tags = tags | env[self.tag_model].sudo().create(missing)
        self.responsibles = bench_responsibles(env)
        # Odoo's own switch for crm.lead, ours for opportunities (the import's checkbox)
        self.no_notify = (
            {"mail_auto_subscribe_no_notify": True}
            if name == "crm"
            else {"opportunity_notify_assigned": False}
        )

    def vals(self, count, prefix="Bench"):
        return [
            dict(
                self.base_vals,
                name=f"{prefix} {i}",
                partner_id=self.partner.id,
                user_id=self.env.uid,
                stage_id=self.stages[i % len(self.stages)].id,
                **{self.value_field: 100.0 + i, self.tag_field: [(6, 0, self.tag.ids)]},
            )
            for i in range(count)
        ]

    def assigned_vals(self, count):
        """An import's shape: 3 responsibles other than the creator, every stage, 5 labels and,
        for opportunities, the two other responsibles as collaborators (crm.lead has none)."""
        users = self.responsibles
        vals_list = []
        for i in range(count):
            user = users[i % len(users)]
            vals = dict(
                self.base_vals,
                name=f"Assigned {i}",
                partner_id=self.partner.id,
                user_id=user.id,
                stage_id=self.stages[i % len(self.stages)].id,
                **{self.value_field: 100.0 + i, self.tag_field: [(6, 0, self.tags.ids)]},
            )
            if self.name == "opportunity":
                vals["collaborator_ids"] = [(6, 0, (users - user).ids)]
            vals_list.append(vals)
        return vals_list

    def list_spec(self):
        arch = self.model.get_views([(False, "list")])["views"]["list"]["arch"]
        spec = {}
        for node in etree.fromstring(arch).iter("field"):
            name = node.get("name")
            if node.get("column_invisible") in ("1", "True") or name not in self.model._fields:
                continue
            field = self.model._fields[name]
            spec[name] = {"fields": {"display_name": {}}} if field.relational else {}
        return spec


def bench_responsibles(env):
    """Three salespeople of both apps, notified by email (Odoo's default for a new user)."""
    su = env(su=True)
    users = su["res.users"].search([("login", "like", "bench_responsible_")], order="login")
    if len(users) < 3:
        groups = [su.ref("base.group_user").id]
        groups += [
            su.ref(x).id
            for x in (
                "sales_team.group_sale_salesman_all_leads",
                "opportunity_pipeline.group_opportunity_user",
            )
        ]
        users = su["res.users"].create(
            [
                {
                    "name": f"Bench Responsible {i}",
                    "login": f"bench_responsible_{i}",
                    "email": f"bench_responsible_{i}@example.com",
                    "group_ids" if odoo_series() >= 19 else "groups_id": [(6, 0, groups)],
                }
                for i in range(1, 4)
            ]
        )
    return users.with_env(env)


def kanban_read_group(model, domain, aggregates):
    """The kanban's grouped read, as the web client of the series sends it (its empty columns
    included on 19.0 through the context key read_group_expand)."""
    if odoo_series() >= 19:
        model = model.with_context(read_group_expand=True)
        return model.web_read_group(domain, ["stage_id"], aggregates)
    return model.web_read_group(domain, aggregates, ["stage_id"], lazy=True)


def pivot_read_group(model, domain, groupby, aggregates):
    """The pivot's grouped read of the series (18.0: read_group, 19.0: formatted_read_group),
    each aggregate under its field name."""
    if odoo_series() >= 19:
        groups = model.formatted_read_group(domain, groupby, aggregates)
        return [{key.split(":")[0]: value for key, value in g.items()} for g in groups]
    fields = [spec for spec in aggregates if spec != "__count"]
    return model.read_group(domain, fields, groupby, lazy=False)


@contextlib.contextmanager
def measure(env, result, key):
    env.flush_all()
    env.invalidate_all()
    cr = env.cr
    start_count = cr.sql_log_count
    tracemalloc.start()
    start = time.perf_counter()
    yield
    env.flush_all()
    elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    result.setdefault(key, []).append((cr.sql_log_count - start_count, elapsed, peak))


def populate(side, size):
    current = side.model.with_context(active_test=False).search_count([])
    missing = size - current
    chunk = 2000
    while missing > 0:
        count = min(chunk, missing)
        side.model.with_context(tracking_disable=True, mail_create_nolog=True).create(
            side.vals(count, "Volume")
        )
        side.env.cr.commit()  # benchmark data only, outside any test: keep it between runs
        missing -= count


def run_side(env, name, batch, repeat=5):
    side = Side(env, name)
    result = {}
    for _ in range(repeat):
        with measure(env, result, f"create {batch}, 3 resp. (notify)"):
            side.model.create(side.assigned_vals(batch))
            env.cr.precommit.run()  # what commit would still do (tracking, followers)
        with measure(env, result, f"create {batch}, 3 resp. (silent)"):
            side.model.with_context(**side.no_notify).create(side.assigned_vals(batch))
            env.cr.precommit.run()
        env.cr.rollback()
        with measure(env, result, "create 1 (mail on)"):
            side.model.create(side.vals(1))
        with measure(env, result, "create 100 (mail on)"):
            side.model.create(side.vals(100))
        with measure(env, result, "create 1 (tracking off)"):
            side.model.with_context(tracking_disable=True).create(side.vals(1))
        record = side.model.create(side.vals(1))
        env.cr.precommit.run()  # a change in the creating transaction is not tracked
        with measure(env, result, "stage change"):
            record.write({"stage_id": side.stages[-1].id})
            env.cr.precommit.run()  # tracking message, as at commit
        with measure(env, result, "kanban web_read_group"):
            kanban_read_group(side.model, side.kanban_domain, [f"{side.value_field}:sum"])
        with measure(env, result, "kanban read_progress_bar"):
            side.model.read_progress_bar(
                side.kanban_domain,
                "stage_id",
                {
                    "field": "activity_state",
                    "colors": {"planned": "success"},
                    "sum_field": side.value_field,
                },
            )
        with measure(env, result, "list page (80 rows)"):
            side.model.web_search_read(side.kanban_domain, side.list_spec(), limit=80)
        env.cr.rollback()
    return {
        key: (
            statistics.median(r[0] for r in runs),
            statistics.median(r[1] for r in runs) * 1000,
            max(r[2] for r in runs) / 1024,
        )
        for key, runs in result.items()
    }


def main():
    args = parse_args()
    addons_path = odoo_addons_path()
    common = prepare_database(args, addons_path)

    import odoo
    from odoo.tools import config

    config.parse_config(["-d", args.db, "--log-level", "warn", *common])
    odoo.netsvc.init_logger()
    registry = odoo.modules.registry.Registry.new(args.db)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"Odoo {odoo.release.version}, database {args.db}, user admin (record rules on)")
    header = f"{'step':32} {'records':>8} | {'crm.lead':>26} | {'opportunity':>26}"
    print(f"{'':43}   queries   ms    peak KiB  |  queries   ms    peak KiB")
    print(header)
    for size in sizes:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            populate(Side(env, "crm"), size)
            populate(Side(env, "opportunity"), size)
        with registry.cursor() as cr:
            admin = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}).ref("base.user_admin")
            env = odoo.api.Environment(cr, admin.id, {"lang": "en_US", "tz": "UTC"})
            crm = run_side(env, "crm", args.batch)
            ours = run_side(env, "opportunity", args.batch)
            cr.rollback()
        for key in crm:
            cq, cms, ckb = crm[key]
            oq, oms, okb = ours[key]
            print(
                f"{key:32} {size:>8} | {cq:>7.0f} {cms:>8.1f} {ckb:>9.0f} |"
                f" {oq:>7.0f} {oms:>8.1f} {okb:>9.0f}"
            )
        for key in (k for k in crm if k.startswith(f"create {args.batch},")):
            print(
                f"{key + ' per record':41} | {crm[key][0] / args.batch:>7.2f} {'':>18} |"
                f" {ours[key][0] / args.batch:>7.2f}"
            )


if __name__ == "__main__":
    main()
