# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stage playbooks through the import: rows imported into a stage with a plan get its
activities, unless the dialog's "Launch the stages' activity plans" is unticked."""

from freezegun import freeze_time

from odoo.tests import Form, tagged

from .common_import import EN, OpportunityImportCommon, xlsx_bytes
from .test_opportunity_playbook import DAY, PlaybookCommon


@tagged("post_install", "-at_install")
class TestOpportunityPlaybookImport(PlaybookCommon, OpportunityImportCommon):
    def _import(self, launch_stage_plans):
        rows = [EN] + [
            self._row(
                name=name, partner="Công ty ABC", pipeline="RT", stage="Quoted", user="op_own"
            )
            for name in ("Imported A", "Imported B")
        ]
        with Form(self.Wizard) as form:
            form.launch_stage_plans = launch_stage_plans
        wizard = self._wizard(xlsx_bytes(rows), launch_stage_plans=form.launch_stage_plans)
        history = self._run(wizard)
        self.assertEqual(history.created_count, 2, self._messages(history))
        return self.env["opportunity.opportunity"].search([("name", "like", "Imported ")])

    @freeze_time("2027-03-10 09:00:00")
    def test_imported_rows_get_the_plan_of_their_stage(self):
        opportunities = self._import(launch_stage_plans=True)
        self.assertEqual(opportunities.stage_id, self.stage_quoted)
        self.assertEqual(
            self._plan_activities(opportunities),
            sorted(
                self._expected("Imported A", self.user_own, DAY)
                + self._expected("Imported B", self.user_own, DAY)
            ),
        )

    def test_unticked_option_imports_without_activities(self):
        opportunities = self._import(launch_stage_plans=False)
        self.assertEqual(opportunities.stage_id, self.stage_quoted)
        self.assertFalse(self._plan_activities(opportunities))
        # the same opportunities moved later by hand do get the plan
        opportunities[0].stage_id = self.stage_new
        opportunities[0].stage_id = self.stage_quoted
        self.assertEqual(len(self._plan_activities(opportunities)), 3)
