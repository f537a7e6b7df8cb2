# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Helpers of the import tests: spreadsheets built in memory, downloads read back, and
``OpportunityImportCommon`` (wizards, template rows, snapshots of what an import must leave)."""

import base64
import datetime
import io
import re

import openpyxl
import xlsxwriter

from odoo.tools import SQL

from .common import OpportunityCommon

EN = [
    "Code",
    "Opportunity",
    "Contact",
    "Sales Process",
    "Stage",
    "Value",
    "Success Rate (%)",
    "Expected Closing",
    "Responsible",
    "Collaborators",
    "Labels",
    "Priority",
    "Description",
    "Product",
    "Quantity",
    "Unit Price",
]


def xlsx_bytes(rows, merge=None, formulas=None, date_cells=()):
    """An .xlsx built in memory. ``formulas``: {(row, col): (formula, cached value)}."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = workbook.add_worksheet("Opportunities")
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, datetime.date):
                sheet.write_datetime(
                    r, c, datetime.datetime.combine(value, datetime.time()), date_format
                )
            else:
                sheet.write(r, c, value)
    for (r, c), (formula, value) in (formulas or {}).items():
        sheet.write_formula(r, c, formula, None, value)
    if merge:
        sheet.merge_range(merge, rows[1][0])
    workbook.close()
    return output.getvalue()


def download(env, action):
    """The bytes of a download action, built as ``controllers/download.py`` builds them, with
    the same access checks (unit tests have no HTTP; test_opportunity_download goes through the
    real routes)."""
    url = action["url"]
    if url == "/opportunity_pipeline/import/template":
        return env["opportunity.export"]._template_xlsx()
    match = re.fullmatch(r"/opportunity_pipeline/(export|import)/(\d+)(/errors)?", url)
    kind, record_id = match.group(1), int(match.group(2))
    if kind == "export":
        export = env["opportunity.export"].browse(record_id)
        export.check_access("read")
        return export._export_xlsx(export._opportunities())
    history = env["opportunity.import.history"].browse(record_id)
    history.check_access("read")
    return history._errors_xlsx()


def read_xlsx(content):
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    return rows


class OpportunityImportCommon(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        cls.partner.ref = "KH-ABC"
        cls.partner_b = cls.env["res.partner"].create(
            {"name": "Nguyễn Văn B", "email": "b@example.com"}
        )
        cls.product_a.default_code = "CONS"
        cls.Wizard = cls.env["opportunity.import.wizard"]
        cls.Export = cls.env["opportunity.export"]
        cls.History = cls.env["opportunity.import.history"]

    def _wizard(self, content, file_name="opportunities.xlsx", user=None, **options):
        env = self.env(user=user) if user else self.env
        return env["opportunity.import.wizard"].create(
            {"file": base64.b64encode(content), "file_name": file_name, **options}
        )

    def _row(self, **values):
        """A row of the English template; keys are the headers' keys in EN order."""
        keys = [
            "code", "name", "partner", "pipeline", "stage", "amount", "probability", "date",
            "user", "collaborators", "labels", "priority", "description", "product",
            "quantity", "price_unit",
        ]  # fmt: skip
        return [values.get(key) for key in keys]

    def _simple_rows(self, count=2, **values):
        rows = [EN]
        for index in range(count):
            row_values = {"name": f"Deal {index}", "partner": "Công ty ABC", "pipeline": "RT"}
            row_values.update(values)
            rows.append(self._row(**row_values))
        return rows

    def _snapshot(self):
        """What a failed import must leave as it was."""
        self.env.flush_all()
        counts = {}
        for model in (
            "opportunity.opportunity",
            "opportunity.line",
            "opportunity.label",
            "res.partner",
            "mail.message",
        ):
            self.env.cr.execute(
                SQL("SELECT count(*) FROM %s", SQL.identifier(self.env[model]._table))
            )
            counts[model] = self.env.cr.fetchone()[0]
        return counts

    def _run(self, wizard, dry_run=False):
        return wizard._run(dry_run=dry_run)

    def _messages(self, history):
        return [(e.row, e.column, e.message) for e in history.error_ids]
