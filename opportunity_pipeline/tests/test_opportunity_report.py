# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The opportunity's PDF report: its HTML, the PDF named after the code, its place in the
Print menu and who may print it."""

import io
import subprocess

from odoo import Command
from odoo.addons.opportunity_pipeline.compat import ODOO_19, QWebError
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.pdf import PdfReader
from odoo.tools.safe_eval import safe_eval

from .common import OpportunityCommon


@tagged("post_install", "-at_install")
class TestOpportunityReport(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.opportunity = cls._create_opportunity(
            name="Thiết bị văn phòng",
            user_id=cls.user_own.id,
            date_deadline="2027-03-15",
            description="<p>Needs a demo in March</p>",
            label_ids=[Command.set(cls.label_vip.ids)],
            line_ids=[
                Command.create({"product_id": cls.product_a.id, "quantity": 3}),
                Command.create({"product_id": cls.product_b.id, "quantity": 1, "price_unit": 2400}),
            ],
        )
        cls.report = cls.env.ref("opportunity_pipeline.action_report_opportunity")

    def test_report_html_has_the_opportunity(self):
        html, _type = self.env["ir.actions.report"]._render_qweb_html(
            self.report.report_name, self.opportunity.ids
        )
        html = html.decode()
        for expected in (
            self.opportunity.code,
            "Thiết bị văn phòng",
            "Công ty ABC",
            "Lead In",
            "Consulting test",
            "Appliance test",
            "2,700.00",
            "Needs a demo in March",
            "Own Salesperson",
            "VIP test",
            "03/15/2027",
        ):
            self.assertIn(expected, html)

    # Debian's wkhtmltopdf is built without Odoo's patched Qt: Odoo warns that it ignores the
    # header/footer switches. That is the host's build, not this report; production servers use
    # the patched build (see README).
    @mute_logger("odoo.addons.base.models.ir_actions_report")
    def test_pdf_is_rendered_and_named_after_the_code(self):
        # Assets are fetched from report.url: point it at a closed local port so that wkhtmltopdf
        # never waits on whatever server happens to listen on the default one.
        self.env["ir.config_parameter"].sudo().set_param("report.url", "http://127.0.0.1:9")
        # tests render HTML unless asked for the real thing (wkhtmltopdf)
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        pdf, kind = Report.with_user(self.user_own)._render_qweb_pdf(
            self.report.report_name, self.opportunity.ids
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertEqual(len(PdfReader(io.BytesIO(pdf)).pages), 1)
        info = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True)
        self.assertIn(b"TrueType", info.stdout, "the report's text is in the PDF, not an image")
        name = self.env["ir.actions.report"]._get_report(self.report.report_name)
        self.assertEqual(
            safe_eval(name.print_report_name, {"object": self.opportunity}),
            self.opportunity.code,
        )

    def test_report_is_in_the_print_menu_and_follows_access(self):
        self.assertEqual(self.report.binding_model_id.model, "opportunity.opportunity")
        other = self._create_opportunity(name="Not yours", user_id=self.user_other.id)
        # the user's request starts with an empty cache: no value read by the creator is reused
        self.env.invalidate_all()
        # 18.0 wraps the access error in a QWebError; 19.0 raises Odoo's errors as they are
        with self.assertRaises(AccessError if ODOO_19 else QWebError) as caught:
            self.env["ir.actions.report"].with_user(self.user_own)._render_qweb_html(
                self.report.report_name, other.ids
            )
        error = caught.exception if ODOO_19 else caught.exception.__cause__
        self.assertIsInstance(error, AccessError)
