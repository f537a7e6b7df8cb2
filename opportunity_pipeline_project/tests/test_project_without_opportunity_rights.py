# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Project users who have no opportunity rights work as if the bridge were not installed."""

from odoo import Command
from odoo.addons.opportunity_pipeline.tests.client import web_read_group
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, HttpCase, new_test_user, tagged

TASK_SPEC = {"name": {}, "stage_id": {"fields": {"display_name": {}}}, "user_ids": {}}


@tagged("post_install", "-at_install")
class TestProjectWithoutOpportunityRights(HttpCase):
    """The link to an opportunity is only ever read or checked for those who touch it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.project_user = new_test_user(
            cls.env,
            login="op_plain_project_user",
            groups="base.group_user,project.group_project_user",
        )
        cls.portal = new_test_user(cls.env, login="op_plain_portal", groups="base.group_portal")
        cls.project = cls.env["project.project"].create(
            {
                "name": "Workshop",
                "privacy_visibility": "portal",
                "type_ids": [Command.create({"name": "To Do"}), Command.create({"name": "Done"})],
            }
        )
        cls.todo, cls.done = cls.project.type_ids
        cls.opportunity_task = cls.env["project.task"].create(
            {
                "name": "Task of a deal",
                "project_id": cls.project.id,
                "opportunity_id": cls.env["opportunity.opportunity"]
                .create({"name": "Deal", "partner_id": cls.env.user.partner_id.id})
                .id,
                "user_ids": [Command.link(cls.project_user.id)],
            }
        )

    def test_project_user_has_no_opportunity_rights(self):
        """The premise of every test below."""
        self.assertFalse(self.project_user.has_group("opportunity_pipeline.group_opportunity_user"))
        with self.assertRaises(AccessError):
            self.env["opportunity.opportunity"].with_user(self.project_user).search([])

    def test_quick_create_in_my_tasks_and_in_a_project(self):
        Task = self.env["project.task"].with_user(self.project_user)
        # My Tasks: the kanban's quick create saves a private task with the user's personal stage
        mine = Task.with_context(default_user_ids=[self.project_user.id]).web_save(
            {"name": "Call the supplier"}, TASK_SPEC
        )
        self.assertEqual(mine[0]["name"], "Call the supplier")
        # a project's kanban: quick create in a column, then its name_create fallback
        in_column = Task.with_context(
            default_project_id=self.project.id, default_stage_id=self.done.id
        ).web_save({"name": "Paint the door"}, TASK_SPEC)
        self.assertEqual(in_column[0]["stage_id"]["id"], self.done.id)
        task_id, name = Task.with_context(default_project_id=self.project.id).name_create("Oil")
        self.assertEqual(name, "Oil")
        self.assertFalse(Task.browse(task_id).sudo().opportunity_id)

    def test_form_creates_edits_and_duplicates_a_task(self):
        Task = self.env["project.task"].with_user(self.project_user)
        form = Form(Task.with_context(default_project_id=self.project.id))
        form.name = "Replace the lock"
        task = form.save()
        self.assertEqual(task.project_id, self.project)
        self.assertNotIn("opportunity_id", Task.fields_get(), "the field is not theirs to see")
        with Form(task) as edit:
            edit.name = "Replace both locks"
        self.assertEqual(task.copy().name, "Replace both locks (copy)")

    def test_move_tasks_in_every_kanban(self):
        Task = self.env["project.task"].with_user(self.project_user)
        task = Task.create({"name": "Sand", "project_id": self.project.id})
        # a project's kanban: group by stage, drag to another column
        groups = web_read_group(Task, [("project_id", "=", self.project.id)], ["stage_id"])
        self.assertTrue(groups)
        task.web_save({"stage_id": self.done.id}, TASK_SPEC)
        self.assertEqual(task.stage_id, self.done)
        # My Tasks: group by personal stage, drag to another personal column
        personal = (
            self.env["project.task.type"]
            .with_user(self.project_user)
            .search([("user_id", "=", self.project_user.id)])
        )
        self.assertGreater(len(personal), 1, "personal stages are made for the user")
        task.write({"user_ids": [Command.link(self.project_user.id)]})
        task.web_save({"personal_stage_type_id": personal[-1].id}, TASK_SPEC)
        self.assertEqual(task.personal_stage_type_id, personal[-1])

    def test_a_task_linked_by_someone_else_is_still_theirs_to_move(self):
        task = self.opportunity_task.with_user(self.project_user)
        task.web_save({"stage_id": self.done.id, "name": "Task of a deal (done)"}, TASK_SPEC)
        self.assertEqual(task.stage_id, self.done)
        self.assertEqual(self.opportunity_task.opportunity_id.name, "Deal", "the link is kept")
        copied = task.copy()
        self.assertFalse(copied.sudo().opportunity_id, "a copy is not linked")
        with self.assertRaises(AccessError):
            task.write({"opportunity_id": False})

    def test_portal_follower_opens_a_shared_task(self):
        self.opportunity_task.message_subscribe(partner_ids=self.portal.partner_id.ids)
        self.project.message_subscribe(partner_ids=self.portal.partner_id.ids)
        self.authenticate(self.portal.login, self.portal.login)
        response = self.url_open(f"/my/tasks/{self.opportunity_task.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Task of a deal", response.text)
        self.assertNotIn("Deal</", response.text.replace("Task of a deal", ""))

    def test_company_rule_of_a_linked_project_speaks_to_them_without_the_name(self):
        other = self.env["res.company"].create({"name": "Other Project Co"})
        manager = new_test_user(
            self.env,
            login="op_plain_project_manager",
            groups="base.group_user,project.group_project_manager",
            company_ids=[Command.set((self.company | other).ids)],
        )
        self.project.sudo().write(
            {
                "company_id": self.company.id,
                "opportunity_id": self.opportunity_task.opportunity_id.id,
            }
        )
        project = self.project.with_user(manager).with_context(
            allowed_company_ids=(self.company | other).ids
        )
        with self.assertRaisesRegex(ValidationError, "an opportunity you cannot open") as caught:
            project.write({"company_id": other.id})
        self.assertNotIn("Deal", str(caught.exception))
        project.write({"name": "Workshop (renamed)"})  # what does not touch the rule still works
