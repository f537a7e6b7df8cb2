# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The import engine on what real files and real users do: no side effects of rejected rows,
percent and date cells read as shown, headers however they were typed, the sheet's own
<dimension> never trusted, one rule for the value."""

import io
import re
import unicodedata
import zipfile
from unittest.mock import patch

import xlsxwriter

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..models.opportunity_opportunity import OpportunityOpportunity
from .common_import import EN, OpportunityImportCommon, xlsx_bytes


def formatted_xlsx(rows, formats):
    """An .xlsx with number formats: ``formats`` maps a column index to an Excel format."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = workbook.add_worksheet("Opportunities")
    styles = {col: workbook.add_format({"num_format": code}) for col, code in formats.items()}
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value, styles.get(c) if r else None)
    workbook.close()
    return output.getvalue()


def with_dimension(content, ref):
    """The same .xlsx with its sheet's <dimension> replaced (some writers get it wrong)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<dimension ref="[^"]*"/>', f'<dimension ref="{ref}"/>'.encode(), data
                )
            target.writestr(item, data)
    return output.getvalue()


@tagged("post_install", "-at_install")
class TestOpportunityImportEngine(OpportunityImportCommon):
    # -- no side effects ---------------------------------------------------------

    def test_rejected_rows_leave_no_contact_or_label(self):
        rows = self._simple_rows(2, partner="Brand New Co", labels="Brand new label")
        rows[2][EN.index("Contact")] = "Rejected Co"
        rows[2][EN.index("Labels")] = "Rejected label"
        rows[2][EN.index("Value")] = -5
        wizard = self._wizard(
            xlsx_bytes(rows), create_partners=True, create_labels=True, import_valid_rows=True
        )
        history = self._run(wizard)
        self.assertEqual(history.state, "partial", self._messages(history))
        Partner, Label = self.env["res.partner"], self.env["opportunity.label"]
        self.assertEqual(Partner.search_count([("name", "=", "Brand New Co")]), 1)
        self.assertEqual(Label.search_count([("name", "=", "Brand new label")]), 1)
        self.assertFalse(Partner.search_count([("name", "=", "Rejected Co")]))
        self.assertFalse(Label.search_count([("name", "=", "Rejected label")]))

    def test_a_row_the_database_refuses_takes_its_new_contact_with_it(self):
        rows = self._simple_rows(3, partner="Shared New Co", labels="Shared new label")
        rows[2][EN.index("Opportunity")] = "Refused by the model"
        rows[2][EN.index("Contact")] = "Refused New Co"
        create = OpportunityOpportunity.create

        def refusing_create(records, vals_list):
            if any(vals.get("name") == "Refused by the model" for vals in vals_list):
                raise UserError(records.env._("Refused by a rule of the model"))
            return create(records, vals_list)

        wizard = self._wizard(
            xlsx_bytes(rows), create_partners=True, create_labels=True, import_valid_rows=True
        )
        with patch.object(OpportunityOpportunity, "create", refusing_create):
            history = self._run(wizard)
        self.assertEqual(history.created_count, 2)
        self.assertEqual(self._messages(history), [(3, "", "Refused by a rule of the model")])
        Partner = self.env["res.partner"]
        self.assertFalse(Partner.search_count([("name", "=", "Refused New Co")]))
        shared = Partner.search([("name", "=", "Shared New Co")])
        self.assertEqual(len(shared), 1, "created once, for both rows that use it")
        self.assertEqual(history.created_opportunity_ids.partner_id, shared)
        self.assertEqual(
            self.env["opportunity.label"].search_count([("name", "=ilike", "shared new label")]), 1
        )

    def test_same_new_label_in_several_spellings_is_created_once(self):
        rows = self._simple_rows(3)
        for row, label in zip(rows[1:], ("Tết 2027", "tết 2027", "TẾT 2027"), strict=True):
            row[EN.index("Labels")] = label
        history = self._run(self._wizard(xlsx_bytes(rows), create_labels=True))
        self.assertEqual(history.state, "done", self._messages(history))
        labels = history.created_opportunity_ids.label_ids
        self.assertEqual(len(labels), 1)
        self.assertEqual(labels.name, "Tết 2027")

    def test_a_test_run_creates_nothing(self):
        rows = self._simple_rows(2, partner="Dry Run Co", labels="Dry run label")
        before = self._snapshot()
        history = self._run(
            self._wizard(xlsx_bytes(rows), create_partners=True, create_labels=True), dry_run=True
        )
        self.assertEqual((history.state, history.created_count), ("done", 2))
        self.assertEqual(self._snapshot(), before)

    # -- cells as the spreadsheet shows them ------------------------------------

    def test_percent_cells_are_read_as_shown(self):
        rate = EN.index("Success Rate (%)")
        rows = self._simple_rows(2)
        rows[1][rate], rows[2][rate] = 0.45, 1
        history = self._run(self._wizard(formatted_xlsx(rows, {rate: "0%"})))
        self.assertEqual(history.state, "done", self._messages(history))
        self.assertEqual(
            sorted(history.created_opportunity_ids.mapped("probability")), [45.0, 100.0]
        )

    def test_a_fraction_without_percent_format_is_refused_naming_row_and_column(self):
        rows = self._simple_rows(2)
        rows[2][EN.index("Success Rate (%)")] = 0.45
        history = self._run(self._wizard(xlsx_bytes(rows)), dry_run=True)
        self.assertEqual(
            self._messages(history),
            [
                (
                    3,
                    "Success Rate (%)",
                    "0.45 is ambiguous as a success rate: write 45 for 45 %, or 0.45% for "
                    "less than 1 %.",
                )
            ],
        )

    def test_a_percent_in_the_value_column_is_refused(self):
        value = EN.index("Value")
        rows = self._simple_rows(1)
        rows[1][value] = 0.3
        history = self._run(self._wizard(formatted_xlsx(rows, {value: "0.00%"})), dry_run=True)
        self.assertEqual(
            self._messages(history),
            [(2, "Value", "30% is a percentage: this column takes a number.")],
        )

    def test_error_cells_are_named(self):
        rows = self._simple_rows(1)
        content = xlsx_bytes(rows, formulas={(1, EN.index("Value")): ("=1/0", "#DIV/0!")})
        history = self._run(self._wizard(content), dry_run=True)
        self.assertEqual(
            self._messages(history),
            [
                (
                    2,
                    "Value",
                    "The cell shows the error #DIV/0! instead of a value: correct the formula or "
                    "type the value.",
                )
            ],
        )

    # -- headers -------------------------------------------------------------------

    def test_decomposed_and_accentless_headers(self):
        rows = [
            [unicodedata.normalize("NFD", "Cơ hội"), "lien he", "Quy trinh ban hang"],
            ["Mac deal", "Công ty ABC", "DX"],
        ]
        history = self._run(self._wizard(xlsx_bytes(rows)))
        self.assertEqual(history.state, "done", self._messages(history))
        self.assertEqual(history.created_opportunity_ids.pipeline_id, self.pipeline_b)
        notes = history.column_notes_text.splitlines()
        self.assertEqual(
            notes,
            [
                "Cơ hội: Opportunity (as written)",
                "lien he: Contact (accents and case ignored)",
                "Quy trinh ban hang: Sales Process (accents and case ignored)",
            ],
        )

    def test_text_cells_are_stored_composed(self):
        rows = self._simple_rows(1, name=unicodedata.normalize("NFD", "Hợp đồng bảo trì"))
        rows[1][EN.index("Contact")] = unicodedata.normalize("NFD", "Công ty ABC")
        history = self._run(self._wizard(xlsx_bytes(rows)))
        self.assertEqual(history.state, "done", self._messages(history))
        self.assertEqual(history.created_opportunity_ids.name, "Hợp đồng bảo trì")
        self.assertEqual(history.created_opportunity_ids.partner_id, self.partner)

    # -- the sheet's own size is never trusted -----------------------------------

    def test_wrong_dimension_does_not_lose_rows(self):
        content = with_dimension(xlsx_bytes(self._simple_rows(300)), "A1:C2")
        history = self._run(self._wizard(content), dry_run=True)
        self.assertEqual((history.state, history.row_count), ("done", 300))
        self.assertEqual(history.created_count, 300)

    def test_wrong_dimension_does_not_hide_rows_from_the_limit(self):
        self.env["ir.config_parameter"].set_param("opportunity_pipeline.import_max_rows", 50)
        content = with_dimension(xlsx_bytes(self._simple_rows(60)), "A1:C2")
        history = self._run(self._wizard(content), dry_run=True)
        self.assertEqual(history.state, "failed")
        self.assertIn("more than 50 rows", history.error_ids.message)

    # -- one rule for the value --------------------------------------------------

    def test_value_follows_the_lines_whatever_the_path(self):
        opportunity = self._create_opportunity(
            amount=999,
            line_ids=[(0, 0, {"product_id": self.product_a.id, "quantity": 2, "price_unit": 50})],
        )
        self.assertEqual(opportunity.amount, 100, "create: the lines make the value")
        opportunity.write({"amount": 5})
        self.assertEqual(opportunity.amount, 100, "write (RPC, import): the lines win")
        plain = self._create_opportunity(amount=999)
        plain.write({"amount": 5})
        self.assertEqual(plain.amount, 5, "without lines the value is typed")
        rows = self._simple_rows(1, amount=777, product="CONS", quantity=3, price_unit=10)
        history = self._run(self._wizard(xlsx_bytes(rows)))
        self.assertEqual(history.created_opportunity_ids.amount, 30)

    # -- notifications -------------------------------------------------------------

    def _assigned(self, since_id, user):
        return (
            self.env["mail.message"]
            .sudo()
            .search(
                [
                    ("id", ">", since_id),
                    ("message_type", "=", "user_notification"),
                    ("partner_ids", "in", user.partner_id.ids),
                ]
            )
        )

    def _import_for_two_responsibles(self, dry_run=False, **options):
        rows = self._simple_rows(12)
        for index, row in enumerate(rows[1:]):
            row[EN.index("Responsible")] = ("op_own", "op_other")[index % 2]
        since = self.env["mail.message"].sudo().search([], order="id desc", limit=1).id
        with patch("odoo.addons.opportunity_pipeline.importer.run.BATCH_SIZE", 5):
            history = self._run(self._wizard(xlsx_bytes(rows), **options), dry_run=dry_run)
        self.assertEqual(history.created_count, 12, self._messages(history))
        return since

    def test_each_responsible_hears_once_per_import_not_per_batch(self):
        since = self._import_for_two_responsibles()
        for user in (self.user_own, self.user_other):
            message = self._assigned(since, user)
            self.assertEqual(len(message), 1, "three batches, one message")
            self.assertEqual(message.subject, "You have been assigned 6 opportunities")

    def test_notifying_is_a_choice_of_the_import(self):
        since = self._import_for_two_responsibles(notify_responsibles=False)
        self.assertFalse(
            self._assigned(since, self.user_own) | self._assigned(since, self.user_other)
        )
        since = self._import_for_two_responsibles(dry_run=True)
        self.assertFalse(self._assigned(since, self.user_own), "a test run tells nobody")
