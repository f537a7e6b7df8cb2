# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The import's options: built once from the wizard, the only thing a run reads of it; the
"Launch the stages' activity plans" choice reaches the opportunities' create and write."""

import dataclasses
import json
from contextlib import contextmanager
from unittest.mock import patch

from odoo.tests import Form, tagged

from ..importer.options import FLAGS, ImportOptions
from ..importer.run import ImportRun
from .common_import import EN, OpportunityImportCommon, xlsx_bytes


@tagged("post_install", "-at_install")
class TestOpportunityImportOptions(OpportunityImportCommon):
    @contextmanager
    def _plans_skipped(self):
        """Yield the list of ``opportunity_skip_stage_plans`` values the opportunities'
        ``create`` and ``write`` are called with."""
        Opportunity = self.registry["opportunity.opportunity"]
        create, write, seen = Opportunity.create, Opportunity.write, []

        def spy_create(records, vals_list):
            seen.append(("create", records.env.context.get("opportunity_skip_stage_plans")))
            return create(records, vals_list)

        def spy_write(records, vals):
            seen.append(("write", records.env.context.get("opportunity_skip_stage_plans")))
            return write(records, vals)

        with (
            patch.object(Opportunity, "create", spy_create),
            patch.object(Opportunity, "write", spy_write),
        ):
            yield seen

    def test_options_are_read_once_from_the_wizard(self):
        content = xlsx_bytes(self._simple_rows(1))
        wizard = self._wizard(content, create_partners=True, launch_stage_plans=False)
        options = ImportOptions.from_wizard(wizard)
        self.assertEqual(options.content, content, "the file decoded once, into the options")
        self.assertEqual((options.file_name, options.max_rows), ("opportunities.xlsx", 20000))
        self.assertEqual(
            options.flags(),
            dict.fromkeys(FLAGS, False) | {"create_partners": True, "notify_responsibles": True},
        )
        with self.assertRaises(dataclasses.FrozenInstanceError):
            options.update_existing = True

    def test_a_run_needs_the_options_not_the_wizard(self):
        options = ImportOptions(
            file_name="no_wizard.xlsx", content=xlsx_bytes(self._simple_rows(2)), max_rows=10
        )
        history = ImportRun(self.env, options, dry_run=False).execute()
        self.assertEqual((history.state, history.created_count), ("done", 2))
        self.assertEqual(history.file_name, "no_wizard.xlsx")
        self.assertEqual(json.loads(history.options), options.flags())

    def test_the_option_is_on_by_default_and_kept_in_the_history(self):
        form = Form(self.Wizard)
        self.assertTrue(form.launch_stage_plans)
        with self._plans_skipped() as seen:
            history = self._run(self._wizard(xlsx_bytes(self._simple_rows(2))))
        self.assertEqual(history.created_count, 2)
        self.assertIn(("create", None), seen)
        self.assertFalse([call for call in seen if call[1]])
        self.assertIn("Launch the stages' activity plans: yes", history.options_text)

    def test_plans_off_reach_the_create_and_the_update(self):
        existing = self._create_opportunity(name="Moved", amount=100)
        rows = [
            EN,
            self._row(code=existing.code, name="Moved", stage="Quoted"),
            self._row(name="Deal new", partner="Công ty ABC", pipeline="RT"),
        ]
        wizard = self._wizard(xlsx_bytes(rows), update_existing=True, launch_stage_plans=False)
        with self._plans_skipped() as seen:
            history = self._run(wizard)
        self.assertEqual((history.created_count, history.updated_count), (1, 1))
        self.assertEqual(existing.stage_id, self.stage_quoted)
        self.assertIn(("create", True), seen)
        self.assertIn(("write", True), seen)
        self.assertIn("Launch the stages' activity plans: no", history.options_text)
        self.assertEqual(history.header, EN)
