# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The import wizard on good files: every column with product lines, Vietnamese headers in any
order, .csv and .xls, formulas, dry runs, partial mode, updates by code, contacts and labels,
rights, and a query count that does not grow per row."""

import base64
import datetime
import io

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

    def _every_column_rows(self):
        """An opportunity with every column and two product lines, and one with a value."""
        return [
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

    def test_import_every_column_with_product_lines(self):
        before = self.Opportunity.search_count([])
        history = self._run(self._wizard(xlsx_bytes(self._every_column_rows())))
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
