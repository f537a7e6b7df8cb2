"""Load test over XML-RPC: opportunity.opportunity next to crm.lead on a 2-worker Odoo server.

A fresh company is created, with ordinary users (no administrator) of that company only. N client
threads, each with its own XML-RPC connection and login, are released together by a barrier and
run the same bounded mix: one-record creates, kanban reads (web_read_group, read_progress_bar by
stage) and one import (50 rows) each. Every client starts with a create, so the first opportunities
of the fresh company race each other (a lazily created code counter once gave two of them the
same code). The same load then runs on crm.lead. Printed side by side: calls, errors,
throughput, p50/p95 latency per operation, then the duplicate codes among our opportunities of
the company. Usage (Odoo 18.0
importable by python3, PostgreSQL reachable; only 127.0.0.1 is used):

    python3 benchmarks/load_rpc.py [--db op_load] [--clients 8] [--ops 30] [--reuse] [--keep]

The database (crm + opportunity_pipeline, no demo) is recreated unless --reuse and dropped at the
end unless --keep; the server log is /tmp/load_rpc_<db>.log. Exit code: 0 when our side had no
error and its codes are unique (and set), 1 otherwise, 2 when the run itself failed.
"""

import argparse
import base64
import contextlib
import getpass
import io
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import xmlrpc.client
from collections import Counter

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HOST = "127.0.0.1"
PASSWORD = "load-rpc-Passw0rd!"
GROUPS = (
    "opportunity_pipeline.group_opportunity_user_all",
    "sales_team.group_sale_salesman_all_leads",
)
OPERATIONS = ("create", "web_read_group", "read_progress_bar", "import")
COLORS = {"planned": "success", "today": "warning", "overdue": "danger"}  # as in both kanbans
PROGRESS_BAR = {"field": "activity_state", "colors": COLORS}
WIZARD = "opportunity.import.wizard"
CALL_TIMEOUT = 30  # seconds per XML-RPC call
CLEANUP_SECONDS = 30  # kept at the end of --time-limit to stop the server and drop the database


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="op_load", help="database (crm + opportunity_pipeline)")
    parser.add_argument("--port", type=int, default=8370, help="HTTP port (next free one if taken)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent XML-RPC clients")
    parser.add_argument("--ops", type=int, default=30, help="operations per client and model")
    parser.add_argument("--users", type=int, default=4, help="ordinary users shared by the clients")
    parser.add_argument("--rows", type=int, default=50, help="rows of each client's import")
    parser.add_argument("--time-limit", type=float, default=240, help="seconds for the run")
    parser.add_argument("--reuse", action="store_true", help="use the database if it exists")
    parser.add_argument("--keep", action="store_true", help="do not drop the database at the end")
    parser.add_argument("--db-host", default=os.environ.get("PGHOST", "127.0.0.1"))
    parser.add_argument("--db-port", default=os.environ.get("PGPORT", "5432"))
    parser.add_argument("--db-user", default=os.environ.get("PGUSER") or getpass.getuser())
    return parser.parse_args()


def odoo_paths():
    """Addons path and server command. The server runs from odoo-bin, not ``-m odoo``: in prefork
    mode it starts its gevent process from sys.argv[0], which ``-m`` makes odoo/__main__.py, a
    file that cannot run as a script (the start then fails again and again)."""
    import odoo

    root = os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__)))
    addons = ",".join([REPO, os.path.join(root, "addons"), os.path.join(root, "odoo", "addons")])
    script = os.path.join(root, "odoo-bin")
    server = [sys.executable, script] if os.path.isfile(script) else [sys.executable, "-m", "odoo"]
    return addons, server


def left(deadline, reserve=0.0):
    return max(1.0, deadline - time.monotonic() - reserve)


def prepare_database(args, pg, common, deadline):
    query = f"SELECT 1 FROM pg_database WHERE datname = '{args.db}'"
    psql = ["psql", *pg, "-d", "postgres", "-tAc", query]
    if args.reuse and subprocess.run(psql, capture_output=True, text=True).stdout.strip():
        return
    subprocess.run(["dropdb", *pg, "--if-exists", "--force", args.db], check=True)
    print(f"creating {args.db} with crm + opportunity_pipeline (no demo)...", flush=True)
    subprocess.run(
        [sys.executable, "-m", "odoo", "-d", args.db, "-i", "crm,opportunity_pipeline",
         "--without-demo=all", "--stop-after-init", "--log-level=warn", *common],
        check=True, timeout=left(deadline, 120),
    )  # fmt: skip


def free_port(start):
    for port in range(start, start + 50):
        with socket.socket() as sock, contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Odoo does
            sock.bind((HOST, port))
            return port
    raise RuntimeError(f"no free port in {start}..{start + 49}")


@contextlib.contextmanager
def serve(args, command, common, log_path, deadline):
    """Serve the database with 2 workers in a process group of its own; stop it on the way out."""
    port = free_port(args.port)
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [*command, "-d", args.db, "--db-filter", f"^{args.db}$", "--workers=2",
             "--max-cron-threads=0", "--http-interface", HOST, "--http-port", str(port),
             "--gevent-port", str(free_port(port + 1)), *common],
            stdout=log, stderr=log, start_new_session=True,
        )  # fmt: skip
    url = f"http://{HOST}:{port}"
    print(f"server {url} (2 workers), database {args.db}, log {log_path}", flush=True)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # no proxy: local only
    try:
        while True:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the server is not up (exit code {server.poll()})")
            try:
                opener.open(f"{url}/web/login", timeout=5).close()
                break
            except OSError:
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(15)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGKILL)  # the group started above: leftover workers
        server.wait(10)


class Transport(xmlrpc.client.Transport):
    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = CALL_TIMEOUT
        return connection


class Client:
    """One XML-RPC connection of its own, logged in as one user, with a fixed context."""

    def __init__(self, url, db, login, password, context=None):
        common = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/common", transport=Transport())
        self.uid = common.authenticate(db, login, password, {})
        if not self.uid:
            raise RuntimeError(f"login refused for {login}")
        self.proxy = xmlrpc.client.ServerProxy(f"{url}/xmlrpc/2/object", transport=Transport())
        self.db, self.password, self.context = db, password, context or {}

    def __call__(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", self.context)
        return self.proxy.execute_kw(self.db, self.uid, self.password, model, method, args, kwargs)


def error_text(error):
    """First line of the server's exception (the last one of a traceback), or of a local one."""
    if not isinstance(error, xmlrpc.client.Fault):
        return f"{type(error).__name__}: {error}".splitlines()[0]
    lines = [line for line in str(error.faultString).splitlines() if line.strip()]
    code = [i for i, line in enumerate(lines) if line.startswith(" ")]
    if lines and lines[0].startswith("Traceback") and code and code[-1] + 1 < len(lines):
        lines = lines[code[-1] + 1 :]
    if not lines:
        return str(error.faultCode)
    # "The operation cannot be completed:" and the like: the reason is on the next line
    return " ".join(lines[:2]) if lines[0].endswith(":") else lines[0]


def setup_company(url, args, tag):
    """A fresh company, its ordinary users, a partner, a sales process and a crm team."""
    admin = Client(url, args.db, "admin", "admin")
    company = admin("res.company", "create", {"name": f"Load company {tag}"})
    admin.context = {"allowed_company_ids": [company]}
    groups = [admin("ir.model.data", "check_object_reference", *x.split("."))[1] for x in GROUPS]
    logins = [f"load{i}-{tag}" for i in range(args.users)]
    for login in logins:
        admin("res.users", "create", {
            "name": login, "login": login, "password": PASSWORD, "company_id": company,
            "company_ids": [(6, 0, [company])], "groups_id": [(6, 0, groups)],
        })  # fmt: skip
    domain = [("company_id", "in", [False, company])]
    pipelines = admin("opportunity.pipeline", "search_read", domain, ["stage_ids"], limit=1)
    if not pipelines or not pipelines[0]["stage_ids"]:
        stages = [(0, 0, {"name": name, "sequence": i}) for i, name in enumerate("ABCD")]
        vals = {"name": f"Load {tag}", "company_id": company, "stage_ids": stages}
        pipeline = admin("opportunity.pipeline", "create", vals)
        pipelines = admin("opportunity.pipeline", "read", [pipeline], ["stage_ids"])
    team = admin("crm.team", "create", {"name": f"Load {tag}", "company_id": company})
    partner = f"Load partner {tag}"
    return {
        "admin": admin, "company": company, "logins": logins, "team_id": team,
        "partner": partner, "partner_id": admin("res.partner", "create", {"name": partner}),
        "pipeline_id": pipelines[0]["id"], "stage_ids": pipelines[0]["stage_ids"],
    }  # fmt: skip


class Side:
    """The same load on either model: what differs between ours and crm.lead."""

    def __init__(self, name, setup, rows):
        self.ours, self.setup, self.rows = name == "ours", setup, rows
        self.model = "opportunity.opportunity" if self.ours else "crm.lead"
        self.sum_field = "amount" if self.ours else "expected_revenue"
        self.context = {"allowed_company_ids": [setup["company"]]}
        if self.ours:
            self.domain = [("pipeline_id", "=", setup["pipeline_id"])]
        else:
            self.domain = [("type", "=", "opportunity"), ("team_id", "=", setup["team_id"])]
            self.context.update(default_type="opportunity", default_team_id=setup["team_id"])

    def create(self, client, label, number):
        setup, value = self.setup, 1000.0 + number
        vals = {"name": label, "partner_id": setup["partner_id"], "user_id": client.uid}
        vals["company_id"] = setup["company"]
        if self.ours:
            stage = setup["stage_ids"][number % len(setup["stage_ids"])]
            vals.update(pipeline_id=setup["pipeline_id"], stage_id=stage, amount=value)
        else:
            vals.update(type="opportunity", team_id=setup["team_id"], expected_revenue=value)
        client(self.model, "create", vals)

    def run(self, operation, client, label, number):
        if operation == "create":
            self.create(client, label, number)
        elif operation == "web_read_group":
            fields = [f"{self.sum_field}:sum"]
            client(self.model, "web_read_group", self.domain, fields, ["stage_id"], lazy=True)
        elif operation == "read_progress_bar":
            bar = dict(PROGRESS_BAR, sum_field=self.sum_field)
            client(self.model, "read_progress_bar", self.domain, "stage_id", bar)
        elif self.ours:
            self.import_ours(client, [f"{label} row {i}" for i in range(self.rows)])
        else:
            self.import_crm(client, [f"{label} row {i}" for i in range(self.rows)])

    def import_ours(self, client, names):
        import xlsxwriter

        output = io.BytesIO()
        with xlsxwriter.Workbook(output, {"in_memory": True}) as workbook:
            sheet = workbook.add_worksheet()
            sheet.write_row(0, 0, ["Opportunity", "Contact"])
            for number, name in enumerate(names, 1):
                sheet.write_row(number, 0, [name, self.setup["partner"]])
        content = base64.b64encode(output.getvalue()).decode()
        wizard = client(WIZARD, "create", {"file": content, "file_name": "load.xlsx"})
        action = client(WIZARD, "action_import", [wizard])
        if action.get("res_model") != "opportunity.import.history":  # failed: the wizard again
            history = client(WIZARD, "read", [wizard], ["history_id"])[0]["history_id"]
            domain = [("history_id", "=", history[0])]
            lines = client("opportunity.import.history.line", "search_read", domain, ["message"])
            raise RuntimeError(f"import failed: {lines[0]['message'] if lines else '?'}")

    def import_crm(self, client, names):
        # base_import stores the raw bytes of its file, which XML-RPC cannot carry (the browser
        # uploads them over HTTP): the same rows go as a .csv, text that XML-RPC carries as is.
        text = "Opportunity,Contact\n" + "".join(
            f'"{n}","{self.setup["partner"]}"\n' for n in names
        )
        vals = {"res_model": "crm.lead", "file": text, "file_name": "load.csv"}
        importer = client("base_import.import", "create", dict(vals, file_type="text/csv"))
        options = {"has_headers": True, "separator": ",", "quoting": '"', "encoding": "utf-8"}
        fields, columns = ["name", "partner_id"], ["Opportunity", "Contact"]
        result = client(
            "base_import.import", "execute_import", [importer], fields, columns, options
        )
        errors = [m["message"] for m in result["messages"] if m.get("type") == "error"]
        if errors or len(result["ids"] or []) != len(names):
            raise RuntimeError(f"import failed: {errors[0] if errors else result['ids']}")


def plan(ops):
    """Operations of one client: a create first, creates and kanban reads, one import midway."""
    cycle = ("create", "web_read_group", "read_progress_bar")
    steps = [cycle[i % len(cycle)] for i in range(max(ops - 1, 1))]
    if ops > 1:
        steps.insert(ops // 2, "import")
    return steps


def run_phase(side, url, args, deadline):
    """Release the clients together; record (client, operation, seconds, error) per call."""
    records, started = [], []  # list.append is atomic: the threads share them
    barrier = threading.Barrier(args.clients, lambda: started.append(time.perf_counter()))

    def client_thread(index):
        login = side.setup["logins"][index % len(side.setup["logins"])]
        client = None
        try:
            client = Client(url, args.db, login, PASSWORD, side.context)
        except Exception as error:
            records.append((index, "login", None, error_text(error)))
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait(left(deadline))
            for number, operation in enumerate(plan(args.ops) if client else []):
                if time.monotonic() > deadline:
                    records.append(
                        (index, "not run", None, f"time limit reached before {operation}")
                    )
                    break
                start, error = time.perf_counter(), None
                try:
                    side.run(operation, client, f"Load c{index} op{number}", number)
                except Exception as exc:
                    error = error_text(exc)
                records.append((index, operation, time.perf_counter() - start, error))

    threads = [
        threading.Thread(target=client_thread, args=(i,), daemon=True) for i in range(args.clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(left(deadline) + 5)
    if any(thread.is_alive() for thread in threads):
        records.append((-1, "phase", None, "clients still running at the time limit"))
    elapsed = time.perf_counter() - started[0] if started else 0.0
    return summary(list(records), elapsed, side.rows)


def summary(records, elapsed, rows):
    """Calls, errors, p50 and p95 per operation; records without seconds were no call."""
    table = {}
    for operation in OPERATIONS:
        done = [r for r in records if r[1] == operation]
        times = [r[2] * 1000 for r in done if r[3] is None]
        p50 = statistics.median(times) if times else 0.0
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else p50
        table[operation] = (len(done), sum(1 for r in done if r[3]), p50, p95)
    ok = Counter(r[1] for r in records if r[3] is None)
    calls = sum(1 for r in records if r[2] is not None)
    return {
        "table": table, "calls": calls, "errors": [r for r in records if r[3]],
        "throughput": calls / elapsed if elapsed else 0.0, "elapsed": elapsed,
        "expected": ok["create"] + ok["import"] * rows,
    }  # fmt: skip


def failed_starts(log_path):
    """Processes of the server that died at start (a script failing at its top level): here Odoo's
    gevent process, which the prefork server starts again and again, taking CPU from the workers."""
    with open(log_path, errors="replace") as log:
        return len(re.findall(r"^Traceback .*\n  File .*, in <module>$", log.read(), flags=re.M))


def report(args, phases, codes, crm_count):
    from odoo import release

    ours, crm = phases["ours"], phases["crm"]
    print(
        f"Odoo {release.version}, {args.clients} clients x {args.ops} operations per model,"
        f" {args.users} ordinary users of a fresh company; import = {args.rows} rows per client"
        f" (ours: .xlsx through {WIZARD}; crm.lead: the same rows as .csv through"
        " base_import.import)"
    )

    def line(label, *cells):
        print(f"{label:20} | {cells[0]:33} | {cells[1]}".rstrip())

    line("", f"{'opportunity (ours)':^33}", f"{'crm.lead':^33}")
    line("operation", *[f"{'calls':>6} {'errors':>6} {'p50 ms':>9} {'p95 ms':>9}"] * 2)
    for operation in OPERATIONS:
        rows = (ours["table"][operation], crm["table"][operation])
        line(operation, *(f"{c:6} {e:6} {p50:9.1f} {p95:9.1f}" for c, e, p50, p95 in rows))
    line("all calls, errors", *(f"{p['calls']:6} {len(p['errors']):6}" for p in (ours, crm)))
    line("throughput calls/s", *(f"{p['throughput']:6.1f}" for p in (ours, crm)))
    line("phase seconds", *(f"{p['elapsed']:6.1f}" for p in (ours, crm)))
    counts = ((len(codes), ours["expected"]), (crm_count, crm["expected"]))
    line("records (expected)", *(f"{count:6} ({expected})" for count, expected in counts))
    duplicates = sum(count - 1 for count in Counter(codes).values() if count > 1)
    line("duplicate codes", f"{duplicates:6}", "     -")
    line("records without code", f"{codes.count(False):6}", "     -")
    for title, phase in (("ours", ours), ("crm.lead", crm)):
        if phase["errors"]:
            print(f"errors ({title}), first 10 of {len(phase['errors'])}:")
            for index, operation, _seconds, error in phase["errors"][:10]:
                print(f"  client {index} {operation}: {error}")
    return 0 if not ours["errors"] and not duplicates and False not in codes else 1


def main():
    args = parse_args()
    deadline = time.monotonic() + args.time_limit
    pg = ["-h", args.db_host, "-p", args.db_port, "-U", args.db_user]
    addons, command = odoo_paths()
    common = ["--db_host", args.db_host, "--db_port", args.db_port, "--db_user", args.db_user,
              "--addons-path", addons]  # fmt: skip
    log_path = f"/tmp/load_rpc_{args.db}.log"
    try:
        prepare_database(args, pg, common, deadline)
        with serve(args, command, common, log_path, deadline - CLEANUP_SECONDS) as url:
            setup = setup_company(url, args, time.strftime("%Y%m%d-%H%M%S"))
            phases = {}
            for share, name in ((2, "ours"), (1, "crm")):  # ours gets half the time left
                print(f"load on {name}...", flush=True)
                phase_end = time.monotonic() + left(deadline, CLEANUP_SECONDS) / share
                phases[name] = run_phase(Side(name, setup, args.rows), url, args, phase_end)
            admin, domain = setup["admin"], [("company_id", "=", setup["company"])]
            context = dict(admin.context, active_test=False)
            found = admin(
                "opportunity.opportunity", "search_read", domain, ["code"], context=context
            )
            crm_count = admin("crm.lead", "search_count", domain, context=context)
    except Exception as error:
        print(f"run failed: {error_text(error)} (server log: {log_path})")
        return 2
    finally:
        if not args.keep:
            subprocess.run(["dropdb", *pg, "--if-exists", "--force", args.db], check=False)
    if failed := failed_starts(log_path):
        print(f"warning: {failed} server processes died at start (see {log_path}); this costs CPU")
    return report(args, phases, [o["code"] for o in found], crm_count)


if __name__ == "__main__":
    sys.exit(main())
