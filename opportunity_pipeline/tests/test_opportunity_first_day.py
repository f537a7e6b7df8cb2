# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A new user's first day (issue "what crashes, blocks or misleads"): the template can be
downloaded before a file is chosen, status and rate agree on every path, no user or product is
created from a field by accident, and a new opportunity shows the code it will get."""

from unittest.mock import patch

from lxml import etree

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import OpportunityCommon
from .common_import import download, read_xlsx
from .test_opportunity_document_template import make_docx


@tagged("post_install", "-at_install")
class TestOpportunityFirstDay(OpportunityCommon):
    def _download(self, action):
        return download(self.env(user=self.user_own), action)

    def test_template_before_choosing_a_file(self):
        form = Form(self.env["opportunity.import.wizard"].with_user(self.user_own))
        wizard = form.save()  # no file: the form does not require one
        content = self._download(wizard.action_download_template())
        header, sample = read_xlsx(content)[:2]
        contact = sample[header.index("Contact")]
        self.assertTrue(
            self.env["res.partner"].search_count(
                ["|", "|", ("name", "=", contact), ("email", "=", contact), ("ref", "=", contact)]
            ),
            f"the sample row's contact {contact!r} exists",
        )
        with self.assertRaisesRegex(UserError, "Choose the file to import first"):
            wizard.action_test()
        with self.assertRaisesRegex(UserError, "Choose the file to import first"):
            wizard.action_import()

    def test_reopen_takes_the_rate_of_the_stage(self):
        opportunity = self._create_opportunity(stage_id=self.stage_quoted.id)  # 50 %
        opportunity.action_set_won()
        self.assertEqual(opportunity.probability, 100)
        opportunity.action_reopen()
        self.assertEqual((opportunity.state, opportunity.probability), ("open", 50))
        opportunity._action_set_lost_confirm(
            self.env["opportunity.lost.reason"].search([], limit=1)
        )
        self.assertEqual(opportunity.probability, 0)
        opportunity.write({"stage_id": self.stage_closing.id})  # no default rate
        opportunity.action_reopen()
        self.assertEqual(opportunity.probability, 0, "the stage has no default: 0, not 100")

    def test_update_applies_the_stage_rate_like_a_kanban_drag(self):
        opportunity = self._create_opportunity(user_id=self.user_own.id)
        self.assertEqual(opportunity.probability, 10)
        form = Form(
            self.env["opportunity.update.wizard"]
            .with_user(self.user_own)
            .with_context(active_model="opportunity.opportunity", active_ids=opportunity.ids)
        )
        form.stage_id = self.stage_quoted
        self.assertEqual(form.probability, 50, "the dialog shows the stage's rate")
        form.save().action_apply()
        self.assertEqual((opportunity.stage_id, opportunity.probability), (self.stage_quoted, 50))
        # the same through RPC (no onchange): the rate left as it was follows the stage
        wizard = self.env["opportunity.update.wizard"].create(
            {"opportunity_ids": [Command.set(opportunity.ids)]}
        )
        wizard.stage_id = self.stage_new
        wizard.action_apply()
        self.assertEqual(opportunity.probability, 10)

    def test_update_does_not_offer_a_value_for_opportunities_with_lines(self):
        opportunity = self._create_opportunity(
            line_ids=[Command.create({"product_id": self.product_a.id, "quantity": 2})]
        )
        form = Form(
            self.env["opportunity.update.wizard"].with_context(
                active_model="opportunity.opportunity", active_ids=opportunity.ids
            )
        )
        self.assertTrue(form.has_lines)
        with self.assertRaises(AssertionError):  # read-only in the dialog
            form.amount = 5

    def test_no_user_or_product_is_created_from_a_field(self):
        view = self.env.ref("opportunity_pipeline.opportunity_opportunity_view_form")
        arch = etree.fromstring(view.arch)
        for path in ("//group[@name='opportunity_people']/field[@name='user_id']",
                     "//group[@name='opportunity_people']/field[@name='collaborator_ids']",
                     "//field[@name='line_ids']//field[@name='product_id']"):  # fmt: skip
            nodes = arch.xpath(path)
            self.assertTrue(nodes, path)
            for node in nodes:
                self.assertIn("'no_create': True", node.get("options") or "", path)

    def test_new_opportunity_shows_its_code_before_saving(self):
        form = Form(self.Opportunity.with_user(self.user_own))
        form.name = "Preview"
        form.partner_id = self.partner
        form.pipeline_id = self.pipeline
        preview = form.code_preview
        self.assertRegex(preview, r"^CH\d{4}-\d{4}$")
        opportunity = form.save()
        self.assertEqual(opportunity.code, preview)
        self.assertFalse(opportunity.code_preview, "a saved opportunity shows its code")

    # -- printing in the user's language ----------------------------------------------------

    def test_builtin_pdf_speaks_the_printing_users_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.env["ir.module.module"].search(
            [("name", "=", "opportunity_pipeline")]
        )._update_translations("vi_VN")
        self.user_own.lang = "vi_VN"
        self.partner.lang = "en_US"  # the contact's language does not decide
        opportunity = self._create_opportunity(
            user_id=self.user_own.id, amount=1500000, date_deadline="2026-11-30"
        )
        report = self.env.ref("opportunity_pipeline.action_report_opportunity")
        html, _type = (
            self.env["ir.actions.report"]
            .with_user(self.user_own)
            .with_context(lang="vi_VN")
            ._render_qweb_html(report.report_name, opportunity.ids)
        )
        html = html.decode()
        self.assertIn("Giai đoạn", html)  # "Stage"
        self.assertIn("1.500.000", html, "Vietnamese thousands separator")
        self.assertIn("30/11/2026", html, "Vietnamese date format")

    def test_pdf_impossible_is_said_and_the_dialog_closes(self):
        template = self.env["opportunity.document.template"].create(
            {
                "name": "As PDF",
                "template_filename": "p.docx",
                "template_file": make_docx(["{{ name }}"]),
                "output_format": "pdf",
            }
        )
        opportunity = self._create_opportunity(user_id=self.user_own.id)
        wizard = (
            self.env["opportunity.print.wizard"]
            .with_user(self.user_own)
            .create({"opportunity_id": opportunity.id, "template_id": template.id})
        )
        Template = self.env.registry["opportunity.document.template"]
        with patch.object(Template, "_docx_to_pdf", return_value=None):
            action = wizard.action_print()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("Word document instead", action["params"]["message"])
        download = action["params"]["next"]
        self.assertTrue(download["url"].endswith(".docx?download=true"))
        self.assertTrue(download["close"], "the dialog closes: the form reloads its documents")

    def test_product_found_by_its_name_in_another_language(self):
        self.env["res.lang"]._activate_lang("vi_VN")
        self.product_a.product_tmpl_id.update_field_translations(
            "name", {"vi_VN": "Tư vấn triển khai"}
        )
        Product = self.env["product.product"].with_user(self.user_own).with_context(lang="en_US")
        self.assertFalse(Product.name_search("Tư vấn triển"), "Odoo alone: English only")
        found = Product.with_context(opportunity_product_any_language=True).name_search(
            "Tư vấn triển"
        )
        self.assertEqual([product_id for product_id, _name in found], self.product_a.ids)
        self.assertFalse(
            Product.with_context(opportunity_product_any_language=True).name_search("50%_x"),
            "LIKE wildcards typed by the user are text",
        )
