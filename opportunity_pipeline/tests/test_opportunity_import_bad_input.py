# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The import wizard on every bad input (empty, damaged, protected or oversized files, unknown
columns, values, contacts, processes, stages and codes): an exact message, the database as it
was."""

import io
import zipfile

from odoo.tests import tagged

from .common_import import EN, OpportunityImportCommon, xlsx_bytes


@tagged("post_install", "-at_install")
class TestOpportunityImportBadInput(OpportunityImportCommon):
    """Every bad input: an exact message, and the database as it was."""

    def _assert_refused(self, content, expected, file_name="opportunities.xlsx", **options):
        before = self._snapshot()
        history = self._run(self._wizard(content, file_name, **options))
        self.assertEqual(history.state, "failed")
        self.assertEqual(self._snapshot(), before, "a failed import writes nothing")
        self.assertFalse(history.created_opportunity_ids)
        self.assertIn(expected, self._messages(history))
        return history

    def test_empty_file(self):
        self._assert_refused(b"", (0, "", "The file opportunities.xlsx is empty."))
        self._assert_refused(xlsx_bytes([]), (0, "", "The file opportunities.xlsx is empty."))

    def test_header_only(self):
        self._assert_refused(
            xlsx_bytes([EN]),
            (0, "", "The file opportunities.xlsx has a header row but no data rows."),
        )

    def test_wrong_extension(self):
        self._assert_refused(
            b"%PDF-1.4",
            (0, "", 'Unsupported file type ".pdf" (deals.pdf): use .xlsx, .xls, .ods or .csv.'),
            file_name="deals.pdf",
        )

    def test_text_named_xlsx(self):
        self._assert_refused(
            b"Opportunity,Contact\nA,B\n",
            (
                0,
                "",
                "The file opportunities.xlsx is not a real spreadsheet (its content looks like "
                "text or another format): save it from your spreadsheet program as .xlsx, or "
                "name it .csv if it is a CSV file.",
            ),
        )

    def test_corrupted_zip(self):
        content = xlsx_bytes(self._simple_rows(1))
        self._assert_refused(
            content[: len(content) // 2],
            (
                0,
                "",
                "The file opportunities.xlsx is damaged: open it in your spreadsheet program, "
                "save it again and import the new copy.",
            ),
        )
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as handle:
            handle.writestr("hello.txt", "not a workbook")
        self._assert_refused(
            archive.getvalue(),
            (
                0,
                "",
                "The file opportunities.xlsx is damaged: open it in your spreadsheet program, "
                "save it again and import the new copy.",
            ),
        )

    def test_password_protected(self):
        # Excel saves an encrypted .xlsx as an OLE compound file holding an "EncryptionInfo"
        # stream (MS-OFFCRYPTO); its directory entry names it in UTF-16.
        content = (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            + b"\x00" * 504
            + "EncryptionInfo".encode("utf-16-le")
        )
        self._assert_refused(
            content,
            (
                0,
                "",
                "The file opportunities.xlsx is password-protected: remove the password in your "
                "spreadsheet program (Excel: File > Info > Protect Workbook) and import it again.",
            ),
        )

    def test_merged_cells(self):
        rows = self._simple_rows(2)
        self._assert_refused(
            xlsx_bytes(rows, merge="B2:B3"),
            (
                0,
                "",
                "The sheet Opportunities has merged cells (B2:B3): unmerge them and fill every "
                "cell before importing.",
            ),
        )

    def test_unknown_and_missing_columns(self):
        rows = [["Opportunity", "Colour", "Stage"], ["A", "red", "Quoted"]]
        history = self._assert_refused(
            xlsx_bytes(rows),
            (
                1,
                "Colour",
                'Unknown column "Colour": use the column names of the template (in English or '
                "Vietnamese).",
            ),
        )
        self.assertIn((1, "", 'The required column "Contact" is missing.'), self._messages(history))

    def test_not_a_number_negative_value_rate_above_100(self):
        rows = self._simple_rows(3)
        rows[1][EN.index("Value")] = "abc"
        rows[2][EN.index("Value")] = -1000
        rows[3][EN.index("Success Rate (%)")] = 120
        history = self._assert_refused(xlsx_bytes(rows), (2, "Value", '"abc" is not a number.'))
        self.assertEqual(
            self._messages(history),
            [
                (2, "Value", '"abc" is not a number.'),
                (3, "Value", "-1000 is negative: the value must be 0 or more."),
                (4, "Success Rate (%)", "120 is above 100."),
            ],
        )

    def test_unknown_contact_pipeline_stage_and_stage_of_other_pipeline(self):
        rows = [
            EN,
            self._row(name="A", partner="Ghost", pipeline="RT"),
            self._row(name="B", partner="KH-ABC", pipeline="Nowhere"),
            self._row(name="C", partner="KH-ABC", pipeline="RT", stage="Nope"),
            self._row(name="D", partner="KH-ABC", pipeline="RT", stage="Báo giá"),
        ]
        history = self._assert_refused(
            xlsx_bytes(rows), (3, "Sales Process", 'Unknown sales process "Nowhere".')
        )
        messages = self._messages(history)
        self.assertIn(
            (
                2,
                "Contact",
                'Unknown contact "Ghost" (searched by reference, email and exact name). '
                'Create it first or tick "Create missing contacts".',
            ),
            messages,
        )
        self.assertIn((4, "Stage", 'Unknown stage "Nope" in the sales process Retail.'), messages)
        # "Báo giá" may also be a stage of another process (demo data)
        self.assertTrue(
            any(
                row == 5
                and column == "Stage"
                and message.startswith('The stage "Báo giá" belongs to the sales process Dự án')
                and message.endswith("not to Retail.")
                for row, column, message in messages
            ),
            messages,
        )

    def test_duplicate_codes_and_code_editing_off(self):
        existing = self._create_opportunity()
        rows = [
            EN,
            self._row(code="NEW-1", name="A", partner="KH-ABC"),
        ]
        self._assert_refused(
            xlsx_bytes(rows),
            (
                2,
                "Code",
                "Opportunity codes are generated and cannot be typed or changed in "
                "Opportunity Test Co (opportunity A). An administrator can allow it in "
                "Settings > Opportunities.",
            ),
        )
        self.company.opportunity_code_editable = True
        rows = [
            EN,
            self._row(code="DUP-1", name="A", partner="KH-ABC"),
            self._row(code="DUP-1", name="B", partner="KH-ABC"),
            self._row(code=existing.code, name="C", partner="KH-ABC"),
        ]
        history = self._assert_refused(
            xlsx_bytes(rows),
            (3, "Code", "The code DUP-1 is already used on row 2 of this file."),
        )
        self.assertIn(
            (
                4,
                "Code",
                f"An opportunity with the code {existing.code} already exists: turn on "
                '"Update existing opportunities by code" to update it.',
            ),
            self._messages(history),
        )

    def test_name_of_ten_thousand_characters(self):
        rows = self._simple_rows(1, name="x" * 10000)
        self._assert_refused(
            xlsx_bytes(rows),
            (2, "Opportunity", "The name is 10000 characters long; at most 255 are allowed."),
        )

    def test_file_above_the_row_limit(self):
        rows = [["Opportunity", "Contact"]] + [[f"Deal {i}", "KH-ABC"] for i in range(50000)]
        message = (
            0,
            "",
            "The file has more than 20000 rows, the most one import accepts: split it into "
            "several files (an administrator can change the limit with the system parameter "
            "opportunity_pipeline.import_max_rows).",
        )
        self._assert_refused(xlsx_bytes(rows), message)
        # the limit is a setting, and a CSV (no row count up front) is stopped while read
        self.env["ir.config_parameter"].sudo().set_param(
            "opportunity_pipeline.import_max_rows", "3"
        )
        csv_content = "\n".join(["Opportunity,Contact"] + [f"D{i},KH-ABC" for i in range(4)])
        self._assert_refused(
            csv_content.encode(),
            (0, "", message[2].replace("20000", "3")),
            file_name="deals.csv",
        )

    def test_corrupt_xls(self):
        self._assert_refused(
            b"\xd0\xcf\x11\xe0garbage",
            (
                0,
                "",
                "The file old.xls is not a real spreadsheet (its content looks like text or "
                "another format): save it from your spreadsheet program as .xlsx, or name it "
                ".csv if it is a CSV file.",
            ),
            file_name="old.xls",
        )

    def test_partial_mode_still_rolls_back_on_a_file_error(self):
        self._assert_refused(
            xlsx_bytes([EN]),
            (0, "", "The file opportunities.xlsx has a header row but no data rows."),
            import_valid_rows=True,
        )
