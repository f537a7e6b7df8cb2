# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Word templates: a user fills one for an opportunity and keeps the file; a broken
placeholder is named; placeholders neither escalate nor read beyond the user's rights."""

import base64
import io
from unittest.mock import patch

import docx

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import OpportunityCommon


def make_docx(paragraphs, table_rows=None):
    """A .docx built in memory: paragraphs, and optionally a table (list of rows of cells)."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table_rows:
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for row, cells in zip(table.rows, table_rows, strict=True):
            for cell, text in zip(row.cells, cells, strict=True):
                cell.text = text
    output = io.BytesIO()
    document.save(output)
    return base64.b64encode(output.getvalue())


def docx_text(content):
    document = docx.Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(texts)


@tagged("post_install", "-at_install")
class TestOpportunityDocumentTemplate(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.opportunity = cls._create_opportunity(
            name="Máy chủ & mạng",
            user_id=cls.user_own.id,
            line_ids=[
                Command.create({"product_id": cls.product_a.id, "quantity": 2}),
                Command.create({"product_id": cls.product_b.id, "quantity": 1}),
            ],
        )
        cls.template = cls.env["opportunity.document.template"].create(
            {
                "name": "Proposal",
                "template_filename": "proposal.docx",
                "template_file": make_docx(
                    [
                        "Ref {{ code }}: {{ name }}",
                        "Dear {{ partner.name }},",
                        "Total {{ amount_text }}",
                    ],
                    [
                        ["Product", "Qty", "Subtotal"],
                        ["{%tr for line in lines %}", "", ""],
                        ["{{ line.product }}", "{{ line.quantity }}", "{{ line.subtotal_text }}"],
                        ["{%tr endfor %}", "", ""],
                    ],
                ),
            }
        )

    def _print(self, template, user):
        form = Form(
            self.env["opportunity.print.wizard"]
            .with_user(user)
            .with_context(default_opportunity_id=self.opportunity.id)
        )
        form.template_id = template
        wizard = form.save()
        action = wizard.action_print()
        return wizard, action

    def test_user_fills_the_docx_and_keeps_it(self):
        wizard, action = self._print(self.template, self.user_own)
        self.assertIn("/result_file/", action["url"])
        self.assertTrue(wizard.result_filename.endswith(".docx"))
        self.assertTrue(wizard.result_filename.startswith(self.opportunity.code))
        text = docx_text(base64.b64decode(wizard.result_file))
        self.assertIn(f"Ref {self.opportunity.code}: Máy chủ & mạng", text)
        self.assertIn("Dear Công ty ABC,", text)
        self.assertIn("Consulting test | 2.0 | $ 200.00", text)
        self.assertIn("Appliance test | 1.0 | $ 2,500.00", text)
        self.assertIn("Total $ 2,700.00", text)
        self.assertNotIn("{{", text)
        self.assertEqual(
            self.opportunity.attachment_count, 1, "kept in the opportunity's documents"
        )

    def test_broken_template_names_the_placeholder(self):
        self.template.template_file = make_docx(["Hello {{ partner.nme }}"])
        with self.assertRaisesRegex(
            UserError, r"Proposal uses a placeholder that does not exist: .*nme"
        ):
            self._print(self.template, self.user_own)
        self.template.template_file = make_docx(["Hello {{ partner.name "])
        with self.assertRaisesRegex(UserError, "Proposal has a broken placeholder"):
            self._print(self.template, self.user_own)

    def test_placeholders_cannot_escalate(self):
        for expression in (
            "{{ partner.sudo() }}",
            "{{ opportunity.env.user.name }}",
            "{{ partner._name }}",
        ):
            self.template.template_file = make_docx([expression])
            with self.assertRaises(UserError, msg=expression):
                self._print(self.template, self.user_own)

    def test_placeholders_read_as_the_user(self):
        # related partners are not in the allow-list: the placeholder does not exist
        self.template.template_file = make_docx(["Partners: {{ opportunity.related_partner_ids }}"])
        with self.assertRaisesRegex(UserError, "does not exist"):
            self._print(self.template, self.user_own)
        self.template.template_file = make_docx(["{{ user.login }}"])
        self.opportunity.user_id = self.user_other
        self.opportunity.collaborator_ids = [Command.set(self.user_own.ids)]
        wizard, _action = self._print(self.template, self.user_own)
        self.assertIn("op_other", docx_text(base64.b64decode(wizard.result_file)))

    def test_templates_are_managed_by_administrators(self):
        with self.assertRaises(AccessError):
            self.env["opportunity.document.template"].with_user(self.user_all).create(
                {"name": "Nope", "template_file": make_docx(["x"]), "template_filename": "x.docx"}
            )
        self.env["opportunity.document.template"].with_user(self.user_manager).create(
            {"name": "Yes", "template_file": make_docx(["x"]), "template_filename": "x.docx"}
        )
        with self.assertRaisesRegex(ValidationError, "must be a Word file"), self.cr.savepoint():
            self.template.template_filename = "proposal.odt"
        self.template.invalidate_recordset()
        with self.assertRaisesRegex(ValidationError, "not a valid .docx"), self.cr.savepoint():
            self.template.write(
                {"template_file": base64.b64encode(b"plain text"), "template_filename": "x.docx"}
            )

    def test_pdf_output_uses_libreoffice_when_present(self):
        self.template.output_format = "pdf"
        Template = self.env.registry["opportunity.document.template"]
        with patch.object(Template, "_libreoffice_binary", return_value=None):
            wizard, _action = self._print(self.template, self.user_own)
        self.assertTrue(wizard.result_filename.endswith(".docx"), "no LibreOffice: the .docx")
        with patch.object(Template, "_docx_to_pdf", return_value=b"%PDF-1.4 fake"):
            wizard, _action = self._print(self.template, self.user_own)
        self.assertTrue(wizard.result_filename.endswith(".pdf"))
        self.assertEqual(base64.b64decode(wizard.result_file), b"%PDF-1.4 fake")
