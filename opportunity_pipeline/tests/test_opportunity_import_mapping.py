# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A team's first import is the file it already has: 1Office's column names import as they are,
other names stop at a mapping step the user confirms, and that choice is remembered for the
user's next file (theirs only)."""

import base64
import datetime
import io

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common_import import OpportunityImportCommon

#: The field names of 1Office's guide ("Tạo mới cơ hội", "Nhãn" of the list) as headers.
ONEOFFICE_HEADERS = [
    "Mã cơ hội",
    "Tên cơ hội",
    "Liên hệ",
    "Thuộc quy trình",
    "Giai đoạn",
    "Giá trị cơ hội",
    "Tỷ lệ thành công",
    "Kết thúc dự kiến",
    "Người phụ trách",
    "Theo dõi và phối hợp thực hiện",
    "Mô tả",
    "Nhãn",
    "Hàng hóa",
]
#: A team's own names: three that are not ours.
OWN_HEADERS = ["Tên cơ hội", "Khách", "Deal size", "Colour"]


def openpyxl_bytes(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Cơ hội"
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


@tagged("post_install", "-at_install")
class TestOpportunityImportMapping(OpportunityImportCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Mapping = cls.env["opportunity.import.mapping"]

    def _form_wizard(self, content, user, file_name="khach_hang.xlsx"):
        """A wizard filled in as the web client does, by ``user``."""
        model = self.Wizard.with_user(user).with_context(default_file_name=file_name)
        form = Form(model)
        form.file = base64.b64encode(content)
        return form.save()

    def _own_layout(self, value="12000"):
        return openpyxl_bytes([OWN_HEADERS, ["Hợp đồng bảo trì", "Công ty ABC", value, "xanh"]])

    def _columns(self, wizard):
        return [(c.header, c.column_key, c.match) for c in wizard.column_ids]

    def _set_columns(self, wizard, keys):
        """Change the mapping step's choices through the form: {line index: column key}."""
        with Form(wizard) as form:
            for index, key in keys.items():
                with form.column_ids.edit(index) as line:
                    line.column_key = key

    # -- 1Office's names ---------------------------------------------------------------

    def _oneoffice_file(self):
        """A file with 1Office's field names: an opportunity with every field, and one with a
        product line only."""
        return openpyxl_bytes(
            [
                ONEOFFICE_HEADERS,
                [
                    None,
                    "Triển khai ERP",
                    "Công ty ABC",
                    "Dự án",
                    "Báo giá",
                    25000000,
                    40,
                    datetime.datetime(2026, 12, 31),
                    "op_own",
                    "op_other, op_all",
                    "Khách hàng lớn",
                    "VIP test",
                    None,
                ],
                [
                    None,
                    "Bảo trì",
                    "KH-ABC",
                    "RT",
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    None,
                    "CONS",
                ],
            ]
        )

    def test_a_file_with_1offices_field_names_imports_without_renaming(self):
        wizard = self._form_wizard(self._oneoffice_file(), self.user_own)
        wizard.action_test()
        self.assertFalse(wizard.column_ids, "no mapping step: every name is known")
        self.assertEqual(wizard.history_id.state, "done", self._messages(wizard.history_id))
        action = wizard.action_import()
        history = self.History.browse(action["res_id"])
        self.assertEqual(history.state, "done", self._messages(history))
        erp = history.created_opportunity_ids.filtered(lambda o: o.name == "Triển khai ERP")
        self.assertEqual(erp.pipeline_id, self.pipeline_b)
        self.assertEqual(erp.stage_id, self.stage_b2)
        self.assertEqual(erp.amount, 25000000)
        self.assertEqual(erp.probability, 40)
        self.assertEqual(erp.date_deadline, datetime.date(2026, 12, 31))
        self.assertEqual(erp.user_id, self.user_own)
        self.assertEqual(erp.collaborator_ids, self.user_other | self.user_all)
        self.assertEqual(erp.label_ids, self.label_vip)
        self.assertIn("Khách hàng lớn", erp.description)
        maintenance = history.created_opportunity_ids - erp
        self.assertEqual(maintenance.line_ids.product_id, self.product_a)
        self.assertEqual(
            {how for __, __, how in history.column_notes}, {"exact"}, history.column_notes
        )
        self.assertFalse(self.Mapping.with_user(self.user_own).search([]), "nothing to remember")

    # -- the mapping step --------------------------------------------------------------

    def _mapping_step(self, before):
        """The team's own layout (a bad value in it), by user_own: stopped at the mapping step,
        refused while no column or two go to the contact, then tested with the choices applied;
        nothing written. The wizard, its choices made."""
        histories = self.History.search_count([])
        wizard = self._form_wizard(self._own_layout(value="much"), self.user_own)
        action = wizard.action_test()
        self.assertEqual(action["res_model"], "opportunity.import.wizard")
        self.assertEqual(
            self._columns(wizard),
            [
                ("Tên cơ hội", "name", "exact"),
                ("Khách", "skip", "unknown"),
                ("Deal size", "skip", "unknown"),
                ("Colour", "skip", "unknown"),
            ],
        )
        self.assertEqual(wizard.column_ids[1].sample, "Công ty ABC")
        self.assertEqual(wizard.column_ids[3].column_letter, "D")
        self.assertEqual(self._snapshot(), before, "the mapping step writes nothing")
        self.assertEqual(self.History.search_count([]), histories, "and runs nothing")
        # confirming it as it is: the required contact goes nowhere
        with self.assertRaisesRegex(UserError, 'No column goes to "Contact", which is required'):
            wizard.action_import()
        # two columns sent to one field: both named
        self._set_columns(wizard, {1: "partner", 2: "partner"})
        with self.assertRaisesRegex(
            UserError, 'The columns "Khách" and "Deal size" both go to "Contact"'
        ):
            wizard.action_test()
        self.assertEqual(self._snapshot(), before)
        # the test run shows the file's problems with the mapping applied
        self._set_columns(wizard, {2: "amount"})
        wizard.action_test()
        self.assertEqual(
            self._messages(wizard.history_id), [(2, "Deal size", '"much" is not a number.')]
        )
        self.assertEqual(self._snapshot(), before)
        self.assertFalse(self.Mapping.with_user(self.user_own).search([]), "not before import")
        return wizard

    def test_unknown_headers_stop_at_the_mapping_step_then_import_and_are_remembered(self):
        wizard = self._mapping_step(self._snapshot())
        # a corrected file, same layout: the choices shown are kept
        wizard.file = base64.b64encode(self._own_layout())
        action = wizard.action_import()
        history = self.History.browse(action["res_id"])
        self.assertEqual(history.state, "done", self._messages(history))
        self.assertEqual(history.created_opportunity_ids.partner_id, self.partner)
        self.assertEqual(history.created_opportunity_ids.amount, 12000)
        self.assertEqual(
            history.column_notes_text.splitlines(),
            [
                "Tên cơ hội: Opportunity (as written)",
                "Khách: Contact (chosen by you)",
                "Deal size: Value (chosen by you)",
                "Colour: not imported (chosen by you)",
            ],
        )
        memory = self.Mapping.with_user(self.user_own).search([])
        self.assertEqual(
            sorted((m.header, m.column_key, m.user_id) for m in memory),
            [
                ("colour", "skip", self.user_own),
                ("deal size", "amount", self.user_own),
                ("khách", "partner", self.user_own),
            ],
            "the user's own names, not ours",
        )
        self._assert_remembered_for_its_user_only()

    def _assert_remembered_for_its_user_only(self):
        """After user_own imported their layout: the same layout again needs no mapping step
        for them, and stops at the mapping step for another user."""
        # the same layout again, by the same user: no mapping step
        wizard = self._form_wizard(self._own_layout(), self.user_own, "again.xlsx")
        wizard.action_test()
        self.assertFalse(wizard.column_ids)
        self.assertEqual(wizard.history_id.state, "done", self._messages(wizard.history_id))
        action = wizard.action_import()
        history = self.History.browse(action["res_id"])
        self.assertEqual(history.created_opportunity_ids.partner_id, self.partner)
        self.assertIn(
            "Khách: Contact (as you chose in an earlier import)",
            history.column_notes_text.splitlines(),
        )

        # another user's memory is their own: the same file stops at their mapping step
        wizard = self._form_wizard(self._own_layout(), self.user_other, "theirs.xlsx")
        before = self._snapshot()
        wizard.action_import()
        self.assertEqual(
            [key for __, key, __ in self._columns(wizard)], ["name", "skip", "skip", "skip"]
        )
        self.assertEqual(self._snapshot(), before)
        self.assertFalse(self.Mapping.with_user(self.user_other).search([]))

    def test_a_guess_is_preselected_and_a_remembered_choice_can_be_changed(self):
        content = openpyxl_bytes(
            [["Deal name", "Customer name", "Deal value (VND)"], ["Lẻ", "Công ty ABC", 5]]
        )
        wizard = self._form_wizard(content, self.user_own)
        wizard.action_test()
        self.assertEqual(
            self._columns(wizard),
            [
                ("Deal name", "name", "guess"),
                ("Customer name", "partner", "guess"),
                ("Deal value (VND)", "amount", "guess"),
            ],
        )
        wizard.action_import()
        self.assertEqual(self.Opportunity.search([("name", "=", "Lẻ")]).amount, 5)
        # the Columns button shows the remembered mapping, to change it
        wizard = self._form_wizard(content, self.user_own)
        wizard.action_map_columns()
        self.assertEqual(
            [(key, match) for __, key, match in self._columns(wizard)],
            [("name", "remembered"), ("partner", "remembered"), ("amount", "remembered")],
        )
        self._set_columns(wizard, {2: "skip"})
        history = self.History.browse(wizard.action_import()["res_id"])
        self.assertFalse(history.created_opportunity_ids.amount)
        memory = self.Mapping.with_user(self.user_own).search([("header", "=", "deal value (vnd)")])
        self.assertEqual(memory.column_key, "skip")

    def test_our_own_names_are_never_remembered_over(self):
        """A known column turned off for one import is not off for the next."""
        content = openpyxl_bytes(
            [["Opportunity", "Contact", "Value"], ["One-off", "Công ty ABC", 7]]
        )
        wizard = self._form_wizard(content, self.user_own)
        wizard.action_map_columns()
        self.assertEqual(
            self._columns(wizard),
            [("Opportunity", "name", "exact"), ("Contact", "partner", "exact"),
             ("Value", "amount", "exact")],
        )  # fmt: skip
        self._set_columns(wizard, {2: "skip"})
        history = self.History.browse(wizard.action_import()["res_id"])
        self.assertFalse(history.created_opportunity_ids.amount)
        self.assertFalse(self.Mapping.with_user(self.user_own).search([]))
        history = self._run(self._wizard(content, user=self.user_own))
        self.assertEqual(history.created_opportunity_ids.amount, 7)

    def test_a_new_file_is_mapped_again(self):
        wizard = self._form_wizard(self._own_layout(), self.user_own)
        wizard.action_test()
        self.assertEqual(len(wizard.column_ids), 4)
        other = openpyxl_bytes([["Opportunity", "Client", "Value"], ["X", "Công ty ABC", 1]])
        wizard.write({"file": base64.b64encode(other), "file_name": "other.xlsx"})
        wizard.action_test()
        self.assertEqual(
            self._columns(wizard),
            [("Opportunity", "name", "exact"), ("Client", "skip", "unknown"),
             ("Value", "amount", "exact")],
        )  # fmt: skip
        self.assertFalse(wizard.history_id)

    def test_a_repeated_known_column_is_proposed_as_not_imported(self):
        content = openpyxl_bytes(
            [["Opportunity", "Contact", "Contact"], ["Twice", "Công ty ABC", "Nobody"]]
        )
        wizard = self._form_wizard(content, self.user_own)
        wizard.action_test()
        self.assertEqual(wizard.column_ids[2].match, "duplicate")
        self.assertEqual(wizard.column_ids[2].column_key, "skip")
        history = self.History.browse(wizard.action_import()["res_id"])
        self.assertEqual(history.created_opportunity_ids.partner_id, self.partner)

    def test_an_unreadable_file_is_reported_not_mapped(self):
        wizard = self._form_wizard(b"not a workbook", self.user_own, "broken.xlsx")
        wizard.action_map_columns()
        self.assertFalse(wizard.column_ids)
        self.assertEqual(wizard.history_id.state, "failed")
        self.assertIn("broken.xlsx", wizard.history_id.error_ids.message)

    # -- access ------------------------------------------------------------------------

    def test_remembered_columns_are_their_users_only(self):
        Mine = self.Mapping.with_user(self.user_own)
        mine = Mine.create({"header": "khách", "column_key": "partner"})
        self.assertEqual(mine.user_id, self.user_own)
        self.assertEqual(Mine.search([]), mine)
        self.assertEqual(Mine._remembered(), {"khách": "partner"})
        mine.column_key = "name"
        for intruder in (self.user_other, self.user_manager):
            Theirs = self.Mapping.with_user(intruder)
            self.assertFalse(Theirs.search([]), intruder.login)
            self.assertEqual(Theirs._remembered(), {})
            with self.assertRaises(AccessError):
                Theirs.browse(mine.id).read(["header"])
            with self.assertRaises(AccessError):
                Theirs.browse(mine.id).write({"column_key": "skip"})
            with self.assertRaises(AccessError):
                Theirs.browse(mine.id).unlink()
            with self.assertRaises(AccessError):
                Theirs.create({"header": "x", "column_key": "name", "user_id": self.user_own.id})
        self.assertEqual(mine.column_key, "name")

    def test_wizard_columns_are_their_creators_only(self):
        wizard = self._form_wizard(self._own_layout(), self.user_own)
        wizard.action_test()
        column = wizard.column_ids[0]
        self.assertEqual(column.with_user(self.user_own).read(["header"])[0]["header"],
                         "Tên cơ hội")  # fmt: skip
        for intruder in (self.user_other, self.user_manager):
            Columns = self.env["opportunity.import.wizard.column"].with_user(intruder)
            self.assertFalse(Columns.search([("id", "=", column.id)]))
            with self.assertRaises(AccessError):
                Columns.browse(column.id).write({"column_key": "skip"})

    def test_a_user_without_opportunity_rights_cannot_use_the_wizard(self):
        before = self._snapshot()
        employee = self.user_employee
        with self.assertRaises(AccessError):
            self._form_wizard(self._own_layout(), employee)
        with self.assertRaises(AccessError):
            self.Mapping.with_user(employee).create({"header": "khách", "column_key": "partner"})
        with self.assertRaises(AccessError):
            self.Mapping.with_user(employee).search([])
        with self.assertRaises(AccessError):
            self.env["opportunity.import.wizard.column"].with_user(employee).search([])
        self.assertEqual(self._snapshot(), before)
