# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Downloads (template, export, errors file) through their real routes: the bytes are built on
request and streamed, nothing is left in ``ir.attachment``, and each route reads with the
user's own rights."""

import base64

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common_import import EN, read_xlsx, xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@tagged("post_install", "-at_install")
class TestOpportunityDownload(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "base.group_user,opportunity_pipeline.group_opportunity_user"
        cls.owner = new_test_user(cls.env, login="op_dl_owner", groups=groups, lang="en_US")
        cls.other = new_test_user(cls.env, login="op_dl_other", groups=groups)
        cls.employee = new_test_user(cls.env, login="op_dl_employee", groups="base.group_user")
        cls.partner = cls.env["res.partner"].create({"name": "Download Co", "ref": "DL-CO"})
        cls.opportunity = cls.env["opportunity.opportunity"].create(
            {"name": '=HYPERLINK("x")', "partner_id": cls.partner.id, "user_id": cls.owner.id}
        )

    def _attachments(self):
        return self.env["ir.attachment"].sudo().search_count([])

    def _get(self, url, status=200):
        # a refused download is logged by odoo.http as a warning: expected here
        with mute_logger("odoo.http"):
            response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, status, url)
        return response

    def test_template_is_streamed(self):
        before = self._attachments()
        self.authenticate("op_dl_owner", "op_dl_owner")
        action = self.env["opportunity.export"].with_user(self.owner).action_download_template()
        response = self._get(action["url"])
        self.assertEqual(response.headers["Content-Type"], XLSX)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        self.assertEqual(read_xlsx(response.content)[0], EN)
        self.assertEqual(self._attachments(), before, "no attachment left behind")

    def test_export_is_streamed_and_read_with_the_users_rights(self):
        Export = self.env["opportunity.export"].with_user(self.owner)
        before = self._attachments()
        action = Export._action_export(self.opportunity.with_user(self.owner))
        self.authenticate("op_dl_owner", "op_dl_owner")
        rows = read_xlsx(self._get(action["url"]).content)
        self.assertEqual(rows[1][EN.index("Opportunity")], '=HYPERLINK("x")', "text, not a formula")
        self.assertEqual(self._attachments(), before)
        # the export record is its creator's: another user gets 403, a missing one 404
        self.authenticate("op_dl_other", "op_dl_other")
        self._get(action["url"], 403)
        self._get("/opportunity_pipeline/export/999999999", 404)
        # an export of the other user's own filter shows only what that user may read
        mine = (
            self.env["opportunity.export"]
            .with_user(self.other)
            .with_context(active_domain=[])
            ._action_export()
        )
        rows = read_xlsx(self._get(mine["url"]).content)
        self.assertNotIn(self.opportunity.name, [row[1] for row in rows[1:]])

    def test_errors_file_is_streamed_to_its_owner_only(self):
        content = xlsx_bytes([EN, [None, "Deal", "Ghost"] + [None] * 13])
        wizard = (
            self.env["opportunity.import.wizard"]
            .with_user(self.owner)
            .create({"file": base64.b64encode(content), "file_name": "deals.xlsx"})
        )
        history = wizard._run(dry_run=True)
        before = self._attachments()
        action = history.action_download_errors()
        self.authenticate("op_dl_owner", "op_dl_owner")
        response = self._get(action["url"])
        self.assertIn("deals_errors.xlsx", response.headers["Content-Disposition"])
        rows = read_xlsx(response.content)
        self.assertEqual(rows[1][2], "Ghost")
        self.assertIn("Unknown contact", rows[1][-1])
        self.assertEqual(self._attachments(), before)
        self.authenticate("op_dl_other", "op_dl_other")
        self._get(action["url"], 403)

    def test_routes_need_a_user_of_the_app(self):
        self.authenticate(None, None)
        response = self._get("/opportunity_pipeline/import/template", 303)
        self.assertIn("/web/login", response.headers["Location"])
        self.authenticate("op_dl_employee", "op_dl_employee")
        self._get("/opportunity_pipeline/import/template", 403)
