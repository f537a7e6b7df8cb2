# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Projects and tasks from an opportunity: created from it and pointing back, existing ones
linked, the company and access checks."""

from odoo import Command
from odoo.addons.opportunity_pipeline.tests.common import OpportunityCommon
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOpportunityProject(OpportunityCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.project_user = new_test_user(
            cls.env,
            login="op_project",
            name="Project Manager Sales",
            groups="opportunity_pipeline.group_opportunity_user,project.group_project_manager",
            company_id=cls.company.id,
            company_ids=[Command.set(cls.company.ids)],
        )
        cls.opportunity = cls._create_opportunity(
            name="Factory rollout", user_id=cls.project_user.id
        )

    def test_existing_project_and_task_without_company_can_be_linked(self):
        """Odoo 18 projects usually have no company: the Opportunity field must offer the
        user's opportunities there, not nothing (it used check_company)."""
        Project = self.env["project.project"].with_user(self.project_user)
        project = Project.create({"name": "Existing, no company", "company_id": False})
        task = (
            self.env["project.task"]
            .with_user(self.project_user)
            .create({"name": "Existing task", "project_id": project.id})
        )
        self.assertFalse(project.company_id)
        domain = project._fields["opportunity_id"].domain
        self.assertEqual(domain, "[('company_id', '=?', company_id)]")
        offered = (
            self.env["opportunity.opportunity"]
            .with_user(self.project_user)
            .search([("company_id", "=?", project.company_id.id)])
        )
        self.assertIn(self.opportunity, offered)
        with Form(project) as form:
            form.opportunity_id = self.opportunity
        with Form(task) as form:
            form.opportunity_id = self.opportunity
        self.assertEqual(project.opportunity_id, self.opportunity)
        self.assertEqual(task.opportunity_id, self.opportunity)
        self.assertEqual(self.opportunity.project_count, 1)

    def test_document_of_another_company_cannot_take_the_opportunity(self):
        other = self.env["res.company"].create({"name": "Project Other Co"})
        project = self.env["project.project"].create({"name": "Elsewhere", "company_id": other.id})
        with self.assertRaisesRegex(ValidationError, "of another company"):
            project.opportunity_id = self.opportunity

    def test_project_created_from_the_opportunity_points_back(self):
        action = self.opportunity.with_user(self.project_user).action_create_project()
        project = self.env["project.project"].browse(action["res_id"])
        self.assertEqual(project.opportunity_id, self.opportunity)
        self.assertEqual(project.partner_id, self.partner)
        self.assertEqual(project.name, "Factory rollout")
        self.assertEqual(self.opportunity.with_user(self.project_user).project_count, 1)
        self.assertEqual(
            self.opportunity.action_view_projects()["domain"],
            [("opportunity_id", "=", self.opportunity.id)],
        )

    def test_task_created_from_the_opportunity_points_back(self):
        self.opportunity.action_create_project()
        action = self.opportunity.with_user(self.project_user).action_create_task()
        form = Form(
            self.env["project.task"].with_user(self.project_user).with_context(**action["context"])
        )
        form.name = "Site survey"
        task = form.save()
        self.assertEqual(task.opportunity_id, self.opportunity)
        self.assertEqual(task.project_id, self.opportunity.project_ids)
        self.assertTrue(task.stage_id, "the new project has a stage for its tasks")
        self.assertEqual(task.stage_id, task.project_id.type_ids)
        self.assertEqual(self.opportunity.task_count, 1)
        self.assertIn(task, self.opportunity.task_ids)

    def test_link_an_existing_task(self):
        project = self.env["project.project"].create({"name": "Existing"})
        task = self.env["project.task"].create({"name": "Existing task", "project_id": project.id})
        with Form(task.with_user(self.project_user)) as form:
            form.opportunity_id = self.opportunity
        self.assertEqual(self.opportunity.task_count, 1)

    def test_only_users_who_see_the_opportunity_create_from_it(self):
        with self.assertRaises(AccessError):
            self.opportunity.with_user(self.user_other).action_create_project()
        self.assertFalse(self.opportunity.project_ids)

    def test_related_partners(self):
        consultant = self.env["res.partner"].create({"name": "Consultant Co"})
        self.opportunity.related_partner_ids = [Command.link(consultant.id)]
        action = self.opportunity.action_view_related_partners()
        self.assertEqual(set(action["domain"][0][2]), {self.partner.id, consultant.id})
