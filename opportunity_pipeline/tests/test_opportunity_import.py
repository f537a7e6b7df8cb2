import base64
import datetime
import io
import zipfile

import xlwt

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common_import import EN, OpportunityImportCommon, xlsx_bytes


@tagged("post_install", "-at_install")
class TestOpportunityImport(OpportunityImportCommon):
    # ------------------------------------------------------------------
    # Happy paths
    # ------------------------------------------------------------------

    def test_create_missing_labels_is_offered_before_the_first_test(self):
        form = Form(self.Wizard.with_user(self.user_manager))
        self.assertTrue(form.can_create_labels, "administrators see the option at once")
        self.assertFalse(Form(self.Wizard.with_user(self.user_own)).can_create_labels)

    def test_import_every_column_with_product_lines(self):
        rows = [
            EN,
            self._row(
                name="ERP rollout",
                partner="KH-ABC",
                pipeline="Retail",
                stage="Quoted",
                probability=35,
                date=datetime.date(2026, 12, 31),
                user="op_own",
                collaborators="op_other, op_all",
                labels="VIP test, Hot test",
                priority=2,
                description="Needs 120 users\nCall back in May",
                product="CONS",
                quantity=3,
                price_unit=120,
            ),
            self._row(product="Appliance test", quantity=1),
            self._row(name="Small deal", partner="b@example.com", pipeline="DX", amount=5000),
        ]
        before = self.Opportunity.search_count([])
        history = self._run(self._wizard(xlsx_bytes(rows)))
        self.assertEqual(history.state, "done", self._messages(history))
        self.assertEqual((history.row_count, history.created_count), (3, 2))
        self.assertEqual(self.Opportunity.search_count([]), before + 2)
        erp = history.created_opportunity_ids.filtered(lambda o: o.name == "ERP rollout")
        self.assertEqual(erp.partner_id, self.partner)
        self.assertEqual(erp.stage_id, self.stage_quoted)
        self.assertEqual(erp.probability, 35)
        self.assertEqual(erp.date_deadline, datetime.date(2026, 12, 31))
        self.assertEqual(erp.user_id, self.user_own)
        self.assertEqual(erp.collaborator_ids, self.user_other | self.user_all)
        self.assertEqual(erp.label_ids, self.label_vip | self.label_hot)
        self.assertEqual(erp.priority, "2")
        self.assertIn("Call back in May", erp.description)
        self.assertEqual(erp.line_ids.product_id, self.product_a | self.product_b)
        self.assertEqual(erp.amount, 3 * 120 + 2500)
        self.assertTrue(erp.code.startswith("CH"), "codes come from the company pattern")
        small = history.created_opportunity_ids - erp
        self.assertEqual(small.partner_id, self.partner_b)
        self.assertEqual(small.pipeline_id, self.pipeline_b)
        self.assertEqual(small.stage_id, self.stage_b1, "first stage by default")
        self.assertEqual(small.amount, 5000)
        self.assertEqual(small.probability, 20, "the stage's rate by default")

    def test_vietnamese_headers_any_order_and_text_dates(self):
        rows = [
            ["Ngày dự kiến chốt", "Liên hệ", "Cơ hội", "Quy trình bán hàng", "Giai đoạn"],
            ["31/12/2026", "Công ty ABC", "Hợp đồng 1", "Dự án", "Báo giá"],
            ["2027-01-15", "Công ty ABC", "Hợp đồng 2", "DX", None],
            [datetime.date(2026, 1, 1), "Công ty ABC", "Hợp đồng 3", "DX", None],
        ]
        history = self._run(self._wizard(xlsx_bytes(rows)))
        self.assertEqual(history.state, "done", self._messages(history))
        first, second, third = history.created_opportunity_ids.sorted("name")
        self.assertEqual(first.date_deadline, datetime.date(2026, 12, 31))
        self.assertEqual(first.stage_id, self.stage_b2)
        self.assertEqual(second.date_deadline, datetime.date(2027, 1, 15))
        self.assertEqual(third.date_deadline, datetime.date(2026, 1, 1), "a date cell")
        # a plain number in a date column shows as a number in the sheet: refused, not guessed
        rows[3][0] = 46023
        history = self._run(self._wizard(xlsx_bytes(rows)), dry_run=True)
        self.assertEqual(
            self._messages(history),
            [
                (
                    4,
                    "Ngày dự kiến chốt",
                    "46023 is a number, not a date: format the cell as a date, or type the "
                    "date as dd/mm/yyyy.",
                )
            ],
        )

    def test_csv_with_bom_and_semicolons_and_commas(self):
        for delimiter in (";", ","):
            text = delimiter.join(["Opportunity", "Contact", "Sales Process", "Value"]) + "\n"
            text += delimiter.join(["CSV deal", "Công ty ABC", "RT", "1500"]) + "\n"
            content = ("\ufeff" + text).encode() if delimiter == ";" else text.encode()
            history = self._run(self._wizard(content, "deals.csv"))
            self.assertEqual(history.state, "done", self._messages(history))
            self.assertEqual(history.created_opportunity_ids.amount, 1500)

    def test_xls_file(self):
        book = xlwt.Workbook()
        sheet = book.add_sheet("Opportunities")
        for c, header in enumerate(["Opportunity", "Contact", "Sales Process", "Expected Closing"]):
            sheet.write(0, c, header)
        for c, value in enumerate(["XLS deal", "Công ty ABC", "RT"]):
            sheet.write(1, c, value)
        sheet.write(1, 3, datetime.date(2026, 6, 30), xlwt.easyxf(num_format_str="DD/MM/YYYY"))
        output = io.BytesIO()
        book.save(output)
        history = self._run(self._wizard(output.getvalue(), "old.xls"))
        self.assertEqual(history.state, "done", self._messages(history))
        self.assertEqual(history.created_opportunity_ids.date_deadline, datetime.date(2026, 6, 30))

    def test_formula_cells_use_cached_values_and_numbers_as_text(self):
        rows = self._simple_rows(2)
        rows[2][EN.index("Value")] = "2,500,000"
        rows[2][EN.index("Success Rate (%)")] = "45"
        content = xlsx_bytes(rows, formulas={(1, EN.index("Value")): ("=1000*3", 3000)})
        history = self._run(self._wizard(content))
        self.assertEqual(history.state, "done", self._messages(history))
        first, second = history.created_opportunity_ids.sorted("name")
        self.assertEqual(first.amount, 3000)
        self.assertEqual(second.amount, 2500000)
        self.assertEqual(second.probability, 45)

    def test_dry_run_writes_nothing_but_reports(self):
        before = self._snapshot()
        rows = self._simple_rows(3, labels="Brand new label")
        rows.append(self._row(name="Bad", partner="Nobody", pipeline="RT"))
        history = self._run(self._wizard(xlsx_bytes(rows), create_labels=True), dry_run=True)
        self.assertEqual(self._snapshot(), before)
        self.assertEqual((history.mode, history.state), ("test", "failed"))
        self.assertEqual(history.created_count, 3, "what the import would create")
        self.assertFalse(history.created_opportunity_ids)
        self.assertEqual(
            self._messages(history),
            [
                (
                    5,
                    "Contact",
                    'Unknown contact "Nobody" (searched by reference, email and exact name). '
                    'Create it first or tick "Create missing contacts".',
                )
            ],
        )
        clean = self._run(self._wizard(xlsx_bytes(self._simple_rows(2))), dry_run=True)
        self.assertEqual((clean.state, clean.created_count), ("done", 2))
        self.assertEqual(self._snapshot(), before)

    def test_all_or_nothing_then_partial(self):
        rows = self._simple_rows(3)
        rows[2][EN.index("Value")] = -5
        before = self._snapshot()
        history = self._run(self._wizard(xlsx_bytes(rows)))
        self.assertEqual((history.mode, history.state), ("import", "failed"))
        self.assertEqual(self._snapshot(), before)
        self.assertEqual(
            self._messages(history),
            [(3, "Value", "-5 is negative: the value must be 0 or more.")],
        )
        partial = self._run(self._wizard(xlsx_bytes(rows), import_valid_rows=True))
        self.assertEqual(partial.state, "partial")
        self.assertEqual((partial.created_count, partial.rejected_count), (2, 1))
        self.assertEqual(
            sorted(partial.created_opportunity_ids.mapped("name")), ["Deal 0", "Deal 2"]
        )

    def test_partial_mode_finds_rows_refused_by_the_database(self):
        """A row only the ORM/database refuses is isolated by per-row savepoints."""
        self.company.opportunity_code_editable = True
        rows = self._simple_rows(3)
        rows[1][0], rows[2][0], rows[3][0] = "P-1", "P-2", "P-3"
        empty_pipeline = self.env["opportunity.pipeline"].create({"name": "Empty", "code": "EM"})
        rows[2][EN.index("Sales Process")] = "EM"
        history = self._run(self._wizard(xlsx_bytes(rows), import_valid_rows=True))
        self.assertEqual(history.state, "partial")
        self.assertEqual(history.created_opportunity_ids.mapped("code"), ["P-1", "P-3"])
        self.assertEqual(history.error_ids.row, 3)
        self.assertIn(empty_pipeline.name, history.error_ids.message)

    def test_update_by_code(self):
        existing = self._create_opportunity(name="Old name", amount=100)
        rows = [EN, self._row(code=existing.code, name="New name", amount=250, stage="Quoted")]
        refused = self._run(self._wizard(xlsx_bytes(rows)))
        self.assertEqual(refused.state, "failed")
        self.assertEqual(
            refused.error_ids[0].message,
            f'An opportunity with the code {existing.code} already exists: turn on "Update '
            'existing opportunities by code" to update it.',
        )
        history = self._run(self._wizard(xlsx_bytes(rows), update_existing=True))
        self.assertEqual(history.state, "done", self._messages(history))
        self.assertEqual((history.created_count, history.updated_count), (0, 1))
        self.assertEqual(existing.name, "New name")
        self.assertEqual(existing.amount, 250)
        self.assertEqual(existing.stage_id, self.stage_quoted)
        self.assertEqual(existing.partner_id, self.partner, "empty cells keep the value")

    def test_contact_matching_and_creation(self):
        _twin_a, _twin_b = self.env["res.partner"].create([{"name": "Twin"}, {"name": "Twin"}])
        rows = [EN]
        for partner in ("KH-ABC", "B@EXAMPLE.COM", "Nguyễn Văn B", "Twin", "New Customer"):
            rows.append(self._row(name=f"Deal {partner}", partner=partner))
        history = self._run(self._wizard(xlsx_bytes(rows)), dry_run=True)
        self.assertEqual(
            self._messages(history),
            [
                (5, "Contact", 'Several contacts match "Twin": use a reference or an email.'),
                (
                    6,
                    "Contact",
                    'Unknown contact "New Customer" (searched by reference, email and exact '
                    'name). Create it first or tick "Create missing contacts".',
                ),
            ],
        )
        del rows[4]
        rows.append(self._row(name="Second deal", partner="New Customer"))
        history = self._run(self._wizard(xlsx_bytes(rows), create_partners=True))
        self.assertEqual(history.state, "done", self._messages(history))
        partners = history.created_opportunity_ids.sorted("id").partner_id
        self.assertEqual(partners[:2], self.partner | self.partner_b)
        created = self.env["res.partner"].search([("name", "=", "New Customer")])
        self.assertEqual(len(created), 1, "created once for the two rows")

    def test_labels_created_only_if_allowed(self):
        rows = self._simple_rows(1, labels="VIP test, Fresh label")
        content = xlsx_bytes(rows)
        history = self._run(self._wizard(content, user=self.user_all, create_labels=True))
        self.assertEqual(
            history.error_ids.message,
            'Unknown label "Fresh label" (only administrators may create labels).',
        )
        self.assertFalse(self.env["opportunity.label"].search([("name", "=", "Fresh label")]))
        history = self._run(self._wizard(content, user=self.user_manager, create_labels=True))
        self.assertEqual(history.state, "done", self._messages(history))
        self.assertEqual(
            sorted(history.created_opportunity_ids.label_ids.mapped("name")),
            ["Fresh label", "VIP test"],
        )

    def test_user_without_create_rights_is_refused(self):
        before = self._snapshot()
        # the wizard itself is for opportunity users: Odoo names the group to ask for
        with self.assertRaisesRegex(AccessError, "Opportunities/User: Own Documents Only"):
            self._wizard(xlsx_bytes(self._simple_rows(1)), user=self.user_employee)
        self.assertEqual(self._snapshot(), before)
        with self.assertRaises(AccessError):
            self.History.with_user(self.user_employee).search([])

    def test_own_user_imports_through_the_form(self):
        """The wizard driven as the web client does, by a user seeing only own documents."""
        wizard_model = self.Wizard.with_user(self.user_own).with_context(
            default_file_name="mine.xlsx"
        )
        form = Form(wizard_model)
        form.file = base64.b64encode(xlsx_bytes(self._simple_rows(2, user="op_own")))
        wizard = form.save()
        action = wizard.action_test()
        self.assertEqual(action["res_model"], "opportunity.import.wizard")
        self.assertEqual(wizard.history_id.state, "done")
        self.assertIn("2 rows read, 2 to create", wizard.summary)
        action = wizard.action_import()
        history = self.History.browse(action["res_id"])
        self.assertEqual(history.user_id, self.user_own)
        self.assertEqual(len(history.created_opportunity_ids), 2)

    def test_template_reimports_after_filling(self):
        # demo data may hold a label named like the template's sample one
        self.env["opportunity.label"].search([("name", "=", "VIP")]).name = "VIP (existing)"
        content = self.Export.with_user(self.user_own)._template_xlsx()
        wizard = self._wizard(content, user=self.user_own, create_partners=True)
        history = self._run(wizard, dry_run=True)
        # the sample row names a contact that exists; only its example label is unknown
        self.assertEqual(history.row_count, 1)
        self.assertEqual(
            self._messages(history),
            [(2, "Labels", 'Unknown label "VIP" (only administrators may create labels).')],
        )

    def test_query_count_does_not_grow_per_row(self):
        counts = []
        for size in (10, 60):
            content = xlsx_bytes(self._simple_rows(size, labels="VIP test", stage="Quoted"))
            wizard = self._wizard(content)
            self.env.flush_all()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            history = wizard._run(dry_run=False)
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - start)
            self.assertEqual(history.created_count, size)
        # batched: 6x the rows costs far less than 6x the queries
        self.assertLess(counts[1], counts[0] * 2, counts)


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
