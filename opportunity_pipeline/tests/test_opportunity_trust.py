# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Trust findings of the security review, each proved on the path a user takes (Form, RPC-like
calls as the user): wizards are their creator's, the update wizard sees what its user sees,
templates print only allowed plain values, the import history is an audit trail, and locked
codes follow the target company."""

import base64
import datetime
import io
import zipfile
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from ..tools import docx_render
from . import hostile_files
from .common import OpportunityCommon
from .common_import import download, read_xlsx, xlsx_bytes
from .test_opportunity_document_template import docx_text, make_docx


@tagged("post_install", "-at_install")
class TestOpportunityTrust(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._create_opportunity(name="Mine", user_id=cls.user_own.id, amount=10.0)
        cls.secret = cls._create_opportunity(
            name="Secret", user_id=cls.user_other.id, amount=999999.0, probability=42
        )

    # -- 1. every wizard is its creator's --------------------------------------------------

    def _template(self):
        return self.env["opportunity.document.template"].create(
            {"name": "T", "template_file": make_docx(["x"]), "template_filename": "t.docx"}
        )

    def _wizard_vals(self):
        template = self._template()
        reason = self.env["opportunity.lost.reason"].create({"name": "Price"})
        return {
            "opportunity.import.wizard": {
                "file": base64.b64encode(b"Opportunity,Contact\nA,B\n"),
                "file_name": "mine.csv",
            },
            "opportunity.update.wizard": {"opportunity_ids": [Command.set(self.mine.ids)]},
            "opportunity.lost.wizard": {
                "opportunity_ids": [Command.set(self.mine.ids)],
                "lost_reason_id": reason.id,
            },
            "opportunity.print.wizard": {
                "opportunity_id": self.mine.id,
                "template_id": template.id,
            },
        }

    def test_wizards_are_readable_by_their_creator_only(self):
        self.mine.collaborator_ids = [Command.link(self.user_other.id)]
        for model, vals in self._wizard_vals().items():
            with self.subTest(model=model):
                wizard = self.env[model].with_user(self.user_own).create(vals)
                self.assertEqual(wizard.with_user(self.user_own).read(["id"])[0]["id"], wizard.id)
                for intruder in (self.user_other, self.user_manager):
                    Model = self.env[model].with_user(intruder)
                    self.assertFalse(Model.search([("id", "=", wizard.id)]), intruder.login)
                    with self.assertRaises(AccessError):
                        Model.browse(wizard.id).read(["id"])
                    with self.assertRaises(AccessError):
                        Model.browse(wizard.id).write({})

    def test_import_wizard_is_for_opportunity_users(self):
        with self.assertRaises(AccessError):
            self.env["opportunity.import.wizard"].with_user(self.user_employee).create(
                {"file_name": "x.csv"}
            )
        self.env["opportunity.import.wizard"].with_user(self.user_own).create(
            {"file_name": "x.csv"}
        )

    # -- 2. the update wizard sees what its user sees --------------------------------------

    def test_update_wizard_does_not_read_hidden_opportunities(self):
        Wizard = self.env["opportunity.update.wizard"].with_user(self.user_own)
        with self.assertRaises(AccessError):
            wizard = Wizard.create({"opportunity_ids": [Command.set(self.secret.ids)]})
            wizard.read(["amount", "probability", "stage_id", "user_id", "date_deadline"])
        wizard = Wizard.create({"opportunity_ids": [Command.set(self.mine.ids)]})
        self.assertEqual(wizard.amount, 10.0, "the user's own opportunity is pre-filled")

    def test_print_and_import_wizards_relate_as_the_user(self):
        history = (
            self.env["opportunity.import.history"]
            .with_user(self.user_other)
            ._create_with_file(
                {
                    "file_name": "other.csv",
                    "state": "failed",
                    "error_ids": [
                        Command.create({"row": 2, "message": "Secret row", "row_values": [["x"]]})
                    ],
                },
                b"",
            )
        )
        Wizard = self.env["opportunity.import.wizard"].with_user(self.user_own)
        with self.assertRaises(AccessError):
            Wizard.create({"file_name": "x.csv", "history_id": history.id})
        wizard = Wizard.create({"file_name": "x.csv"})
        with self.assertRaises(AccessError):
            wizard.write({"history_id": history.id})
        # and were it linked anyway, its related fields are read as the user
        wizard.sudo().history_id = history
        wizard.invalidate_recordset()
        with self.assertRaises(AccessError):
            wizard.read(["history_error_ids", "history_state"])
        with self.assertRaises(AccessError):
            self.env["opportunity.print.wizard"].with_user(self.user_own).create(
                {"opportunity_id": self.secret.id, "template_id": self._template().id}
            )

    # -- 3 and 4. templates print allowed plain values, and fail cleanly -------------------

    def test_template_cannot_print_a_users_secret(self):
        template = (
            self.env["opportunity.document.template"]
            .with_user(self.user_manager)
            .create(
                {
                    "name": "Leaky",
                    "template_filename": "leaky.docx",
                    "template_file": make_docx(["{{ user.totp_secret }}{{ user.password }}"]),
                }
            )
        )
        self.mine.user_id = self.user_other
        self.mine.collaborator_ids = [Command.link(self.user_manager.id)]
        wizard = (
            self.env["opportunity.print.wizard"]
            .with_user(self.user_manager)
            .create({"opportunity_id": self.mine.id, "template_id": template.id})
        )
        with self.assertRaisesRegex(UserError, "Leaky uses a placeholder that does not exist"):
            wizard.action_print()
        context = template._opportunity_context(self.mine)
        self.assertEqual(set(context["user"]), {"name", "login", "email", "phone"})
        self._assert_plain(context)

    def _assert_plain(self, value):
        if isinstance(value, dict):
            for item in value.values():
                self._assert_plain(item)
        elif isinstance(value, list):
            for item in value:
                self._assert_plain(item)
        else:
            self.assertIsInstance(
                value, str | int | float | bool | datetime.date | type(None), repr(value)
            )

    def test_template_denial_of_service_ends_as_a_message(self):
        Template = self.env["opportunity.document.template"]
        cases = {
            "{{ 'A' * 200000000 }}": "produces too much data",
            "{{ 7 ** (7 ** 8) }}": "produces too much data",
            "{{ '{0:>200000000}'.format(1) }}": "uses a placeholder that is not allowed",
            "{{ name|center(200000000) }}": "has a broken placeholder",
            "{% include 'x.docx' %}": "could not be filled",
            "{{ 1 / 0 }}": "could not be filled",
            "{% for a in description %}{% for b in description %}{% endfor %}{% endfor %}": (
                "takes too long"
            ),
        }
        self.mine.description = "<p>" + "x" * 20000 + "</p>"
        for expression, message in cases.items():
            with self.subTest(expression=expression):
                template = Template.create(
                    {
                        "name": "Hostile",
                        "template_filename": "h.docx",
                        "template_file": make_docx([expression]),
                    }
                )
                budget = docx_render.Budget(cpu_seconds=1, wall_seconds=20)
                with (
                    self.assertRaisesRegex(UserError, f"The template Hostile {message}"),
                    self._patch_budget(budget),
                ):
                    template.with_user(self.user_own)._render_docx(self.mine)

    def test_template_that_is_no_word_document_ends_as_a_message(self):
        Template = self.env["opportunity.document.template"]
        # a zip that passes the upload check but holds no Word document
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w") as archive:
            archive.writestr("word/other.xml", "<x/>")
        broken = Template.create(
            {
                "name": "Hostile",
                "template_filename": "h.docx",
                "template_file": base64.b64encode(output.getvalue()),
            }
        )
        with self.assertRaisesRegex(UserError, "The (file of )?template Hostile"):
            broken.with_user(self.user_own)._render_docx(self.mine)

    def _patch_budget(self, budget):
        Template = self.env.registry["opportunity.document.template"]
        return patch.object(Template, "_render_budget", lambda self: budget)

    def test_formatted_values_are_given_beside_raw_ones(self):
        template = self.env["opportunity.document.template"].create(
            {
                "name": "Vi",
                "template_filename": "vi.docx",
                "template_file": make_docx(
                    ["{{ amount }}|{{ amount_text }}|{{ date_deadline_text }}|{{ partner.name }}"]
                ),
            }
        )
        self.mine.write({"amount": 1500000.0, "date_deadline": "2026-11-30"})
        wizard = Form(
            self.env["opportunity.print.wizard"]
            .with_user(self.user_own)
            .with_context(default_opportunity_id=self.mine.id)
        )
        wizard.template_id = template
        record = wizard.save()
        record.action_print()
        text = docx_text(base64.b64decode(record.result_file))
        self.assertIn("1500000.0|$ 1,500,000.00|11/30/2026|Công ty ABC", text)

    # -- 5. the import history is an audit trail -------------------------------------------

    def _history_of(self, user):
        wizard = (
            self.env["opportunity.import.wizard"]
            .with_user(user)
            .create(
                {
                    "file": base64.b64encode(
                        xlsx_bytes([["Opportunity", "Contact"], ["A", "Nobody"]])
                    ),
                    "file_name": "h.xlsx",
                }
            )
        )
        return wizard._run(dry_run=True)

    def test_history_cannot_be_rewritten(self):
        history = self._history_of(self.user_own)
        self.assertEqual(history.user_id, self.user_own)
        self.assertEqual(history.create_uid, self.user_own)
        line = history.error_ids[:1]
        self.assertTrue(line)
        for user in (self.user_own, self.user_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    history.with_user(user).write({"state": "done", "row_count": 0})
                with self.assertRaises(AccessError):
                    line.with_user(user).write({"message": "nothing to see"})
                with self.assertRaises(AccessError):
                    self.env["opportunity.import.history"].with_user(user).create(
                        {"file_name": "forged.xlsx", "user_id": self.user_other.id}
                    )
                with self.assertRaises(AccessError):
                    self.env["opportunity.import.history.line"].with_user(user).create(
                        {"history_id": history.id, "message": "forged"}
                    )
        with self.assertRaises(AccessError):
            history.with_user(self.user_own).unlink()
        history.with_user(self.user_manager).unlink()

    def test_history_lines_follow_the_company_rule(self):
        history = self._history_of(self.user_manager)
        line = history.error_ids[:1]
        other_company = self.env["res.company"].create({"name": "Elsewhere Co"})
        outsider = new_test_user(
            self.env,
            login="op_manager_elsewhere",
            groups="base.group_user,opportunity_pipeline.group_opportunity_manager",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        Line = self.env["opportunity.import.history.line"]
        self.assertEqual(Line.with_user(self.user_manager).search([("id", "=", line.id)]), line)
        elsewhere = {"allowed_company_ids": other_company.ids}
        self.assertFalse(
            Line.with_user(outsider).with_context(**elsewhere).search([("id", "=", line.id)])
        )
        with self.assertRaises(AccessError):
            line.with_user(outsider).with_context(**elsewhere).read(["message"])

    # -- 6. locked codes follow the company the record goes to -----------------------------

    def test_locked_code_is_checked_in_the_target_company(self):
        self.company.opportunity_code_editable = True
        locked = self.env["res.company"].create(
            {"name": "Locked Co", "opportunity_code_editable": False}
        )
        self.user_all.company_ids = [Command.link(locked.id)]
        opportunity = self._create_opportunity(name="Moving", user_id=self.user_all.id)
        mover = opportunity.with_user(self.user_all).with_context(
            allowed_company_ids=[self.company.id, locked.id]
        )
        with self.assertRaisesRegex(UserError, "cannot be typed or changed in Locked Co"):
            mover.write({"company_id": locked.id, "code": "TYPED-1"})
        self._assert_rolled_back(opportunity, "code", opportunity.code)
        mover.write({"code": "TYPED-2"})
        self.assertEqual(opportunity.code, "TYPED-2", "editable where it is")

    # -- 8. every spreadsheet the addon writes keeps users' text as text -------------------

    def test_export_and_template_write_text_never_formulas(self):
        payloads = hostile_files.FORMULA_PAYLOADS
        opportunities = self.env["opportunity.opportunity"].create(
            [
                {
                    "name": payload,
                    "partner_id": self.partner.id,
                    "pipeline_id": self.pipeline.id,
                    "user_id": self.user_own.id,
                    "description": f"<p>{payload}</p>",
                }
                for payload in payloads
            ]
        )
        Export = self.env["opportunity.export"].with_user(self.user_own)
        for action in (Export._action_export(opportunities), Export.action_download_template()):
            content = download(Export.env, action)
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                sheet = archive.read("xl/worksheets/sheet1.xml").decode()
            self.assertNotIn("<f>", sheet, "no formula in the file")
            self.assertNotIn("hyperlink", sheet.lower())
        rows = read_xlsx(Export._export_xlsx(opportunities))
        self.assertEqual([row[1] for row in rows[1:]], list(payloads))
