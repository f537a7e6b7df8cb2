# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Print with a template (``opportunity.print.wizard``): a Word template filled for one
opportunity, downloaded as .docx or PDF and kept in its documents if asked."""

import base64

from odoo import api, fields, models
from odoo.exceptions import UserError


class OpportunityPrintWizard(models.TransientModel):
    _name = "opportunity.print.wizard"
    _description = "Print an Opportunity with a Template"
    _check_company_auto = True

    opportunity_id = fields.Many2one("opportunity.opportunity", required=True, ondelete="cascade")
    template_id = fields.Many2one(
        "opportunity.document.template",
        required=True,
        check_company=True,
        domain="[('company_id', 'in', [False, company_id])]",
    )
    company_id = fields.Many2one(related="opportunity_id.company_id", compute_sudo=False)
    attach = fields.Boolean(
        string="Attach to the Opportunity",
        default=True,
        help="Keep the printed document in the opportunity's documents.",
    )
    result_file = fields.Binary(string="Document", readonly=True, attachment=False)
    result_filename = fields.Char(readonly=True)
    libreoffice_available = fields.Boolean(compute="_compute_libreoffice_available")
    pdf_failed = fields.Boolean(readonly=True, help="Technical: the PDF could not be made.")

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        # the wizard shows the opportunity's name: only for one its user can read
        wizards.opportunity_id.check_access("read")
        wizards.template_id.check_access("read")
        return wizards

    @api.depends("template_id")
    def _compute_libreoffice_available(self):
        available = bool(self.env["opportunity.document.template"]._libreoffice_binary())
        for wizard in self:
            wizard.libreoffice_available = available

    def _render(self):
        """Return (bytes, file name, mimetype): the .docx, or its PDF when asked and possible."""
        self.ensure_one()
        template = self.template_id
        docx = template._render_docx(self.opportunity_id)
        base_name = (self.opportunity_id.code or self.opportunity_id.name).replace("/", "-")
        base_name = f"{base_name} - {template.name}"
        if template.output_format == "pdf":
            pdf = template._docx_to_pdf(docx)
            if pdf:
                return pdf, f"{base_name}.pdf", "application/pdf"
            self.pdf_failed = True
        mimetype = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        return docx, f"{base_name}.docx", mimetype

    def _attach(self, content, filename, mimetype):
        """Keep the printed file in the opportunity's documents."""
        return self.env["ir.attachment"].create(
            {
                "name": filename,
                "raw": content,
                "mimetype": mimetype,
                "res_model": "opportunity.opportunity",
                "res_id": self.opportunity_id.id,
            }
        )

    def action_print(self):
        self.ensure_one()
        if not self.template_id.template_file:
            raise UserError(
                self.env._("The template %(name)s has no file.", name=self.template_id.name)
            )
        content, filename, mimetype = self._render()
        self.write({"result_file": base64.b64encode(content), "result_filename": filename})
        if self.attach and self.opportunity_id.has_access("write"):
            self._attach(content, filename, mimetype)
        # download in a new tab and close the dialog: the form reloads (Documents count)
        download = {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/result_file/{filename}?download=true",
            "target": "new",
            "close": True,
        }
        if not self.pdf_failed:
            return download
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("PDF not possible"),
                "message": self.env._(
                    "The PDF could not be made on the server (LibreOffice is missing or failed): "
                    "here is the Word document instead."
                ),
                "type": "warning",
                "sticky": True,
                "next": download,
            },
        }
