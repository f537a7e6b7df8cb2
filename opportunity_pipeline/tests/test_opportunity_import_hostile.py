# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Hostile uploads through the import wizard: a clear message, nothing written, and a bounded
cost in memory (tracemalloc), whatever the file does. The files: tests/hostile_files.py."""

import io
import tracemalloc
import zipfile

from odoo.tests import tagged

from . import hostile_files
from .common_import import OpportunityImportCommon, download, read_xlsx

MIB = 1024 * 1024


@tagged("post_install", "-at_install")
class TestOpportunityImportHostile(OpportunityImportCommon):
    def _refused(self, content, file_name, message, memory_mb=40):
        """Run the import as a salesperson; it must fail with ``message`` and leave the
        database as it was, having allocated at most ``memory_mb`` MB on the way."""
        before = self._snapshot()
        wizard = self._wizard(content, file_name=file_name, user=self.user_own)
        tracemalloc.start()
        try:
            history = wizard.action_import() and wizard.history_id
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        self.assertEqual(history.state, "failed")
        self.assertEqual(self._snapshot(), before, "nothing written")
        messages = " ".join(history.error_ids.mapped("message"))
        self.assertRegex(messages, message)
        self.assertLess(peak, memory_mb * MIB, f"reading {file_name} cost {peak // MIB} MB")
        return history

    def test_whitespace_bomb_refused_before_unpacking(self):
        content = hostile_files.whitespace_bomb(400)
        self.assertLess(len(content), MIB)
        self._refused(content, "bomb.xlsx", r"unpacks to 400\.\d MB of data", memory_mb=10)

    def test_shared_strings_bomb_refused(self):
        self._refused(
            hostile_files.shared_strings_bomb(2_000_000), "strings.xlsx", "unpacks to", 10
        )
        self._refused(
            hostile_files.shared_strings_bomb(1_000_000),
            "strings.xlsx",
            "more than 320000 different texts",
            10,
        )

    def test_entity_expansion_is_a_damaged_file(self):
        self._refused(hostile_files.entity_expansion(), "laughs.xlsx", "declares XML entities", 10)

    def test_external_entity_reads_no_server_file(self):
        self._refused(hostile_files.external_entity(), "xxe.xlsx", "declares XML entities", 10)
        self.assertFalse(self.Opportunity.search([("create_uid", "=", self.user_own.id)]))

    def test_far_row_and_wide_rows_cost_nothing(self):
        # one cell on row 1,048,576 after the data: read, within the row limit, no padding
        history = self._refused(hostile_files.far_row(), "far.xlsx", "goes on to row", 20)
        self.assertIn("far.xlsx", history.error_ids[0].message)
        wizard = self._wizard(hostile_files.wide_row(), "wide.xlsx", user=self.user_own)
        tracemalloc.start()
        try:
            history = wizard._run(dry_run=True)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        self.assertLess(peak, 40 * MIB)
        self.assertEqual(history.row_count, 198)
        self.assertEqual(history.rejected_count, 198, "no contact named Partner")
        self.assertNotIn("far", history.header, "column XFD is past the columns read")

    def test_wrong_dimension_reads_every_row(self):
        history = self._wizard(
            hostile_files.wrong_dimension(300), "dimension.xlsx", user=self.user_own
        )._run(dry_run=True)
        self.assertEqual(history.row_count, 300, "the <dimension> said 2 rows")

    def test_truncated_renamed_and_oversized_files(self):
        self._refused(hostile_files.truncated_xlsx(), "cut.xlsx", "is damaged")
        self._refused(hostile_files.PNG_BYTES, "image.xlsx", "not a real spreadsheet")
        self._refused(hostile_files.PNG_BYTES, "image.xls", "not a real spreadsheet")
        self._refused(hostile_files.PNG_BYTES, "image.csv", "not UTF-8|binary content")
        self.env["ir.config_parameter"].set_param("opportunity_pipeline.import_max_rows", "100")
        for name in ("big.xls", "big.csv", "big.xlsx"):
            self._refused(
                hostile_files.oversized(17, b"Opportunity,Contact\n"),
                name,
                r"too big \(17\.0 MB, at most 16\.0 MB\)",
                memory_mb=80,
            )

    def test_csv_unclosed_quote(self):
        # Odoo's base_import raises csv.field_size_limit: the 2 MB field is read, and refused
        self._refused(
            hostile_files.csv_unclosed_quote(2), "quote.csv", "cell A2 of quote.csv holds", 60
        )

    def test_rejected_formulas_come_back_as_text(self):
        rows = hostile_files.FORMULA_PAYLOADS
        wizard = self._wizard(hostile_files.formula_xlsx(rows), user=self.user_own)
        wizard.import_valid_rows = True
        history = wizard._run(dry_run=False)
        self.assertEqual(history.rejected_count, len(rows), "the contact does not exist")
        action = history.action_download_errors()
        content = download(self.env(user=self.user_own), action)
        self.assertEqual([row[0] for row in read_xlsx(content)[1:]], list(rows))
        self._assert_text_cells(content, rows)

    def _assert_text_cells(self, content, payloads):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        self.assertNotIn("<f>", sheet, "no formula in the file")
        self.assertNotIn("hyperlink", sheet.lower())
        for payload in payloads:
            self.assertNotIn(f"<v>{payload}</v>", sheet)

    def test_huge_shared_string_reused_by_every_row(self):
        self._refused(
            hostile_files.shared_string_reuse(1_000_000), "reuse.xlsx", "holds 1000000 characters"
        )

    def test_corrupt_stream_and_wide_csv_are_clear_messages(self):
        self._refused(hostile_files.corrupt_sheet_stream(), "corrupt.xlsx", "is damaged", 60)
        self._refused(hostile_files.csv_wide_row(), "wide.csv", "more than 1024 columns")

    def test_odd_cell_values_are_row_errors_not_tracebacks(self):
        wizard = self._wizard(hostile_files.odd_values_xlsx(), "odd.xlsx", user=self.user_own)
        wizard.import_valid_rows = True
        history = wizard._run(dry_run=False)
        self.assertEqual(history.state, "failed")
        messages = self._messages(history)
        # NaN and infinity reach a sheet as error cells (what Excel and xlsxwriter write)
        error = (
            "The cell shows the error %s instead of a value: correct the formula or type the value."
        )
        self.assertIn((2, "Value", error % "#NUM!"), messages)
        self.assertIn((3, "Value", error % "#DIV/0!"), messages)
        self.assertTrue(
            any(row == 4 and column == "Expected Closing" for row, column, _m in messages),
            messages,
        )
        self.assertIn((5, "Value", '"1e999" is not a number.'), messages)
        self.assertIn((5, "Priority", '"nan" is not a number.'), messages)
        # the errors file can be written (times and durations as text)
        self.assertTrue(history._errors_xlsx())
