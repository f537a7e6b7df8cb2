# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Codes under real concurrency: parallel transactions, each on its own database connection.

The transactions must commit for the others to see their work: each runs on a connection of
its own (never the test's cursor), in a ``with cursor:`` block, which commits when the block
ends without error, as a request does. What the test made is removed at the end.
"""

import random
import threading
import time

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.addons.opportunity_pipeline.compat import Transaction
from odoo.modules.registry import Registry
from odoo.sql_db import db_connect
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

CLIENTS = 8


@tagged("post_install", "-at_install")
class TestOpportunityCodeConcurrency(BaseCase):
    """Not a TransactionCase: the test's own transaction would hide the committed data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def _env(self, cr):
        # Tests run inside Registry.new(), which holds the registries' lock: an Environment
        # built on a new cursor would look its registry up under that lock and wait forever
        # in another thread. Hand it the registry directly.
        cr.transaction = Transaction(self.registry)
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def _committed(self, function):
        with db_connect(self.registry.db_name).cursor() as cr:
            return function(self._env(cr))

    def test_first_creates_of_a_new_company_never_clash(self):
        counters = self._race()
        self.assertEqual(counters, list(range(CLIENTS)), "the counter starts at 0, no gap")

    def test_codes_without_gaps_of_a_process_counter_take_turns(self):
        """Without gaps, a transaction waits for the one holding the counter, then fails with a
        serialization error that Odoo's RPC layer retries (as here): no clash, no hole."""
        # the transactions that meet the held counter fail as Odoo's would ("bad query" logged by
        # odoo.sql_db: a serialization failure), then retry
        with mute_logger("odoo.sql_db"):
            counters = self._race(
                retries=True,
                opportunity_code_no_gap=True,
                opportunity_code_pattern="{PIPELINE}-{COUNTER}",
                opportunity_code_per_pipeline=True,
            )
        self.assertEqual(counters, list(range(1, CLIENTS + 1)), "the process counts from 1")

    @staticmethod
    def _race_setup(env, company_vals):
        """A new company of ``company_vals`` with a process of one stage, and a contact: their
        ids."""
        company = env["res.company"].create({"name": "Concurrent Co", **company_vals})
        pipeline = env["opportunity.pipeline"].create(
            {
                "name": "Race",
                "code": "RACE",
                "company_id": company.id,
                "stage_ids": [(0, 0, {"name": "S"})],
            }
        )
        partner = env["res.partner"].create({"name": "Racer"})
        return company.id, pipeline.id, partner.id

    def _race_create(self, ids, index, barrier=None):
        """One try of client ``index``, in a transaction of its own (committed when the block
        ends), started with the others at ``barrier`` if given: the code it got."""
        company_id, pipeline_id, partner_id = ids
        with db_connect(self.registry.db_name).cursor() as cr:
            env = self._env(cr)
            env = env(context=dict(env.context, allowed_company_ids=[company_id]))
            if barrier:
                barrier.wait(timeout=30)
            opportunity = env["opportunity.opportunity"].create(
                {
                    "name": f"Client {index}",
                    "partner_id": partner_id,
                    "pipeline_id": pipeline_id,
                    "company_id": company_id,
                }
            )
            return opportunity.code

    def _race(self, retries=False, **company_vals):
        """CLIENTS transactions create one opportunity each at the same moment in a new company;
        return the counters of their codes, sorted. With ``retries``, a transaction that meets
        a serialization failure is rolled back and tried again, as Odoo's RPC layer does
        (``odoo.service.model.retrying``: up to 5 tries, a random wait between them)."""
        ids = self._committed(lambda env: self._race_setup(env, company_vals))
        company_id, _pipeline_id, partner_id = ids
        barrier = threading.Barrier(CLIENTS)
        errors, codes = [], []

        def client(index):
            try:
                for attempt in range(1, 6):
                    try:
                        codes.append(
                            self._race_create(ids, index, barrier if attempt == 1 else None)
                        )
                        break
                    except SerializationFailure:
                        if not retries or attempt == 5:
                            raise
                        time.sleep(random.uniform(0.0, 2**attempt))
            except Exception as error:  # reported by the assertion below
                errors.append(f"{type(error).__name__}: {error}")

        threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
            self.assertEqual(errors, [])
            self.assertEqual(len(codes), CLIENTS)
            self.assertEqual(len(set(codes)), CLIENTS, f"codes clash: {sorted(codes)}")
            return sorted(int(code.rsplit("-", 1)[1]) for code in codes)
        finally:
            self._committed(lambda env: self._cleanup(env, company_id, partner_id))

    def _cleanup(self, env, company_id, partner_id):
        env["opportunity.opportunity"].with_context(active_test=False).search(
            [("company_id", "=", company_id)]
        ).unlink()
        company = env["res.company"].browse(company_id)
        env["opportunity.stage"].search([("company_id", "=", company_id)]).unlink()
        env["opportunity.pipeline"].with_context(active_test=False).search(
            [("company_id", "=", company_id)]
        ).unlink()
        env["res.partner"].browse(partner_id).unlink()
        sequences = company._opportunity_sequences()
        company.opportunity_sequence_id = False
        sequences.unlink()
        try:
            with env.cr.savepoint():
                partner = company.partner_id
                company.unlink()
                partner.unlink()
        except Exception:  # a company that cannot be deleted is archived
            company.active = False
