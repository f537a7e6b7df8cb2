# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The import history: what a run records, who sees it, the errors file, undo (and when it is
refused), and Odoo's standard import recorded too."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_import import EN, OpportunityImportCommon, download, read_xlsx, xlsx_bytes


@tagged("post_install", "-at_install")
class TestOpportunityImportHistory(OpportunityImportCommon):
    def _import(self, user, rows=None, **options):
        content = xlsx_bytes(rows or self._simple_rows(2, user=user.login))
        return self._run(self._wizard(content, user=user, **options))

    def test_history_records_the_run(self):
        history = self._import(self.user_own)
        self.assertEqual(history.file_name, "opportunities.xlsx")
        self.assertTrue(history.file)
        self.assertEqual(history.user_id, self.user_own)
        self.assertEqual(
            (history.mode, history.source, history.state), ("import", "wizard", "done")
        )
        self.assertEqual((history.row_count, history.created_count), (2, 2))
        self.assertIn('"update_existing": false', history.options)
        self.assertGreaterEqual(history.duration, 0)
        self.assertEqual(history.header, EN)

    def test_visibility_own_versus_manager(self):
        own = self._import(self.user_own)
        other = self._import(self.user_other)
        History = self.History.with_user(self.user_own)
        self.assertEqual(
            History.search([("id", "in", (own | other).ids)]), own.with_user(self.user_own)
        )
        with self.assertRaises(UserError):  # AccessError is a UserError
            other.with_user(self.user_own).read(["file_name"])
        self.assertEqual(
            self.History.with_user(self.user_all).search_count([("id", "in", (own | other).ids)]),
            0,
            "'all documents' is about opportunities; import history of others is for admins",
        )
        manager_histories = self.History.with_user(self.user_manager).search(
            [("id", "in", (own | other).ids)]
        )
        self.assertEqual(manager_histories.ids, sorted((own | other).ids, reverse=True))

    def test_download_errors(self):
        rows = self._simple_rows(3)
        rows[2][EN.index("Contact")] = "Ghost"
        rows[3][EN.index("Value")] = -1
        history = self._import(self.user_own, rows=rows, import_valid_rows=True)
        self.assertEqual(history.state, "partial")
        action = history.with_user(self.user_own).action_download_errors()
        self.assertTrue(history._errors_file_name().endswith("_errors.xlsx"))
        content = read_xlsx(download(self.env(user=self.user_own), action))
        self.assertEqual(content[0], [*EN, "Error"])
        self.assertEqual(len(content), 3)
        self.assertEqual(content[1][:3], [None, "Deal 1", "Ghost"])
        self.assertEqual(
            content[1][-1],
            'Contact: Unknown contact "Ghost" (searched by reference, email and exact name). '
            'Create it first or tick "Create missing contacts".',
        )
        self.assertEqual(content[2][EN.index("Value")], -1)
        self.assertEqual(content[2][-1], "Value: -1 is negative: the value must be 0 or more.")
        # the errors file, fixed, imports cleanly
        fixed = [row[:-1] for row in content]
        fixed[1][2] = "KH-ABC"
        fixed[2][EN.index("Value")] = 1
        again = self._run(self._wizard(xlsx_bytes(fixed)))
        self.assertEqual(again.state, "done", self._messages(again))
        self.assertEqual(again.created_count, 2)
        clean = self._import(self.user_own)
        with self.assertRaisesRegex(UserError, "This import has no errors to download."):
            clean.action_download_errors()

    def test_undo_allowed(self):
        existing = self._create_opportunity(name="Kept", user_id=self.user_own.id)
        self.company.opportunity_code_editable = True
        rows = self._simple_rows(2, user="op_own")
        rows.append(self._row(code=existing.code, name="Kept renamed"))
        history = self._import(self.user_own, rows=rows, update_existing=True)
        self.assertEqual((history.created_count, history.updated_count), (2, 1))
        created = history.created_opportunity_ids
        action = history.with_user(self.user_own).action_undo()
        self.assertFalse(created.exists())
        self.assertTrue(existing.exists())
        self.assertEqual(history.state, "undone")
        self.assertEqual(
            action["params"]["message"],
            "2 created opportunities deleted. 1 updated opportunities were not restored: their "
            "previous values are in their chatter.",
        )
        with self.assertRaisesRegex(UserError, "Only a finished import can be undone."):
            history.action_undo()

    def test_undo_refused_when_changed_since(self):
        history = self._import(self.user_own)
        first, second = history.created_opportunity_ids.sorted("id")
        second.name = "Edited later"
        self.env.flush_all()
        # a later transaction: its write_date is after the import's date
        self.env.cr.execute(
            "UPDATE opportunity_opportunity SET write_date = write_date + interval '1 minute' "
            "WHERE id = %s",
            [second.id],
        )
        second.invalidate_recordset(["write_date"])
        with self.assertRaisesRegex(
            UserError,
            "This import cannot be undone: these opportunities were changed after the import: "
            rf"\[{second.code}\] Edited later\. Delete them by hand or keep the import\.",
        ):
            history.with_user(self.user_own).action_undo()
        self.assertTrue((first | second).exists())
        self.assertEqual(history.state, "done")

    def test_test_runs_use_up_no_code_numbers(self):
        """Codes are read by accountants: a dry run (ours or Odoo's) leaves no hole."""
        company = self.env.company
        start = company._opportunity_next_counter()
        content = xlsx_bytes(self._simple_rows(3))
        for _attempt in range(2):
            history = self._wizard(content, user=self.user_own)._run(dry_run=True)
            self.assertEqual((history.state, history.created_count), ("done", 3))
        importer = self.env["base_import.import"].create(
            {
                "res_model": "opportunity.opportunity",
                "file": "name,partner_id\nTest deal,Công ty ABC\n".encode(),
                "file_name": "base.csv",
                "file_type": "text/csv",
            }
        )
        options = {"has_headers": True, "quoting": '"', "separator": ",", "encoding": "utf-8"}
        importer.execute_import(["name", "partner_id"], ["name", "partner_id"], options, True)
        self.assertEqual(company._opportunity_next_counter(), start, "nothing used up")
        history = self._wizard(content, user=self.user_own)._run(dry_run=False)
        codes = sorted(history.created_opportunity_ids.mapped("code"))
        self.assertEqual(
            [int(code.rsplit("-", 1)[1]) for code in codes], [start, start + 1, start + 2]
        )

    def test_standard_import_of_someone_else_is_not_recorded(self):
        """base_import records have no owner rule: running another user's upload must not copy
        their file into one's own history; a user without opportunity rights records nothing."""
        importer = (
            self.env["base_import.import"]
            .with_user(self.user_other)
            .create(
                {
                    "res_model": "opportunity.opportunity",
                    "file": "name,partner_id\nSecret deal,Công ty ABC\n".encode(),
                    "file_name": "other_users_file.csv",
                    "file_type": "text/csv",
                }
            )
        )
        options = {"has_headers": True, "quoting": '"', "separator": ",", "encoding": "utf-8"}
        fields = ["name", "partner_id"]
        for user in (self.user_own, self.user_employee):
            importer.with_user(user).execute_import(fields, fields, options, dryrun=True)
        self.assertFalse(
            self.History.sudo().search([("file_name", "=", "other_users_file.csv")]),
            "nothing recorded for the intruders",
        )
        importer.with_user(self.user_other).execute_import(fields, fields, options, dryrun=True)
        recorded = self.History.sudo().search([("file_name", "=", "other_users_file.csv")])
        self.assertEqual(recorded.user_id, self.user_other, "the owner's own run is recorded")

    def test_standard_import_is_recorded(self):
        content = (
            "name,partner_id,pipeline_id,amount\n"
            "Base import deal,Công ty ABC,Retail,700\n"
            "Broken deal,Công ty ABC,No such process,1\n"
        ).encode()
        importer = self.env["base_import.import"].create(
            {
                "res_model": "opportunity.opportunity",
                "file": content,
                "file_name": "base.csv",
                "file_type": "text/csv",
            }
        )
        options = {"has_headers": True, "quoting": '"', "separator": ",", "encoding": "utf-8"}
        fields = ["name", "partner_id", "pipeline_id", "amount"]
        result = importer.execute_import(fields, fields, options, dryrun=True)
        self.assertTrue(result["messages"])
        history = self.History.search([], limit=1)
        self.assertEqual(
            (history.source, history.mode, history.state), ("base_import", "test", "failed")
        )
        self.assertEqual(history.error_ids[:1].row, 3)
        self.assertIn("No such process", history.error_ids[:1].message)

        good = content.decode().splitlines()[:2]
        importer.file = "\n".join(good).encode()
        result = importer.execute_import(fields, fields, options)
        self.assertFalse(result["messages"])
        history = self.History.search([], limit=1)
        self.assertEqual(
            (history.source, history.mode, history.state), ("base_import", "import", "done")
        )
        self.assertEqual(history.created_count, 1)
        self.assertEqual(history.created_opportunity_ids.name, "Base import deal")
        self.assertEqual(history.created_opportunity_ids.amount, 700)
