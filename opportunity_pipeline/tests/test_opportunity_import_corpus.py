# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Files as LibreOffice writes them for a Vietnamese user (tests/data/import_corpus, made by
scripts/make_import_corpus.py): every format imports the same three opportunities."""

import datetime

from odoo.tests import tagged
from odoo.tools.misc import file_open

from .common_import import OpportunityImportCommon

CORPUS = "opportunity_pipeline/tests/data/import_corpus/"


@tagged("post_install", "-at_install")
class TestOpportunityImportCorpus(OpportunityImportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("vi_VN")
        # the files name the user "admin" as responsible and collaborator
        cls.env.ref("base.user_admin").company_ids |= cls.company

    def _import(self, name, lang="vi_VN"):
        with file_open(CORPUS + name, "rb") as handle:
            content = handle.read()
        wizard = self._wizard(content, name).with_context(lang=lang)
        return wizard._run(dry_run=False)

    def _assert_the_three_opportunities(self, history):
        self.assertEqual(history.state, "done", self._messages(history))
        self.assertEqual((history.row_count, history.created_count), (3, 3))
        by_name = {o.name: o for o in history.created_opportunity_ids}
        software = by_name["Triển khai phần mềm kế toán"]
        self.assertEqual(software.partner_id, self.partner)
        self.assertEqual(
            (software.pipeline_id, software.stage_id), (self.pipeline_b, self.stage_b1)
        )
        self.assertEqual(software.amount, 150000000)
        self.assertEqual(software.probability, 45, "45 % as the sheet shows it")
        self.assertEqual(software.date_deadline, datetime.date(2025, 3, 15))
        self.assertEqual(software.label_ids, self.label_vip)
        self.assertEqual(software.priority, "2")
        upkeep = by_name["Bảo trì hệ thống năm 2025"]
        self.assertEqual(upkeep.partner_id, self.partner_b)
        self.assertEqual(upkeep.stage_id, self.stage_quoted)
        self.assertEqual(upkeep.probability, 60)
        self.assertEqual(upkeep.date_deadline, datetime.date(2025, 6, 30))
        self.assertEqual(upkeep.label_ids, self.label_vip | self.label_hot)
        self.assertEqual(upkeep.line_ids.product_id, self.product_a)
        self.assertEqual(upkeep.line_ids.quantity, 3)
        self.assertEqual(upkeep.line_ids.price_unit, 2500000.5)
        self.assertEqual(upkeep.amount, 7500001.5, "the value is the lines' sum")
        advice = by_name["Tư vấn chuyển đổi số"]
        self.assertEqual(advice.amount, 80000000)
        self.assertFalse(advice.date_deadline)

    def test_xlsx(self):
        self._assert_the_three_opportunities(self._import("vi_libreoffice.xlsx"))

    def test_xls(self):
        self._assert_the_three_opportunities(self._import("vi_libreoffice.xls"))

    def test_ods(self):
        self._assert_the_three_opportunities(self._import("vi_libreoffice.ods"))

    def test_csv_in_the_vietnamese_windows_code_page(self):
        self._assert_the_three_opportunities(self._import("vi_libreoffice_cp1258.csv"))

    def test_utf16_unicode_text(self):
        self._assert_the_three_opportunities(self._import("vi_libreoffice_unicode.txt"))

    def test_utf8_csv(self):
        self._assert_the_three_opportunities(self._import("vi_libreoffice_utf8.csv"))

    def test_decimal_comma_text_is_refused_in_english(self):
        """``2500000,5`` typed by a Vietnamese user is not a number with English separators:
        refused naming the row and column, never read as 25,000,005."""
        history = self._import("vi_libreoffice_utf8.csv", lang="en_US")
        self.assertEqual(history.state, "failed")
        self.assertIn((3, "Đơn giá", '"2500000,5" is not a number.'), self._messages(history))

    def test_merged_and_password_protected_files_are_refused(self):
        for name, expected in (
            ("en_libreoffice_merged.xlsx", "has merged cells (C2:C3)"),
            ("en_libreoffice_merged.xls", "has merged cells (C2:C3)"),
            ("en_libreoffice_merged.ods", "has merged cells (C2:C3)"),
            ("en_libreoffice_password.xls", "is password-protected"),
            ("en_libreoffice_password.ods", "is password-protected"),
        ):
            with self.subTest(name=name):
                history = self._import(name, lang="en_US")
                self.assertEqual(history.state, "failed")
                self.assertIn(expected, history.error_ids.message)
