# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Excel downloads built on request and streamed: the import template, an export, the errors
file of an import. Nothing is stored (no ``ir.attachment`` to clean up); each route reads with
the user's own access rights."""

from odoo import http
from odoo.http import content_disposition, request

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class OpportunityDownload(http.Controller):
    @http.route("/opportunity_pipeline/import/template", type="http", auth="user", methods=["GET"])
    def import_template(self):
        Export = request.env["opportunity.export"]
        Export.check_access("create")  # users of the app only (403 for others)
        return self._xlsx(Export._template_xlsx(), request.env._("opportunities_template.xlsx"))

    @http.route(
        "/opportunity_pipeline/export/<int:export_id>", type="http", auth="user", methods=["GET"]
    )
    def export(self, export_id):
        export = self._readable("opportunity.export", export_id)
        content = export._export_xlsx(export._opportunities())
        return self._xlsx(content, request.env._("opportunities.xlsx"))

    @http.route(
        "/opportunity_pipeline/import/<int:history_id>/errors",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def import_errors(self, history_id):
        history = self._readable("opportunity.import.history", history_id)
        return self._xlsx(history._errors_xlsx(), history._errors_file_name())

    @staticmethod
    def _readable(model, record_id):
        record = request.env[model].browse(record_id).exists()
        if not record:
            raise request.not_found()
        record.check_access("read")  # AccessError: 403 for someone else's record
        return record

    @staticmethod
    def _xlsx(content, name):
        return request.make_response(
            content,
            headers=[
                ("Content-Type", XLSX),
                ("Content-Disposition", content_disposition(name)),
                ("Content-Length", str(len(content))),
                ("X-Content-Type-Options", "nosniff"),
                ("Cache-Control", "no-store"),
            ],
        )
