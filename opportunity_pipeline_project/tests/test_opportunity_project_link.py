# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Existing projects and tasks linked from the opportunity form: the pickers, who may link
what, other companies, and the chatters' notes when a document moves."""

from lxml import etree, html

from odoo import Command
from odoo.addons.opportunity_pipeline.tests.common import OpportunityCommon
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOpportunityProjectLink(OpportunityCommon):
    """Existing projects and tasks are linked and unlinked from the opportunity form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company_vals = {"company_id": cls.company.id, "company_ids": [Command.set(cls.company.ids)]}
        cls.manager = new_test_user(
            cls.env,
            login="op_link_pm",
            groups="opportunity_pipeline.group_opportunity_user,project.group_project_manager",
            **company_vals,
        )
        cls.member = new_test_user(
            cls.env,
            login="op_link_member",
            groups="opportunity_pipeline.group_opportunity_user,project.group_project_user",
            **company_vals,
        )
        cls.opportunity = cls._create_opportunity(
            name="Plant upgrade",
            user_id=cls.manager.id,
            collaborator_ids=[Command.link(cls.member.id)],
        )
        cls.project = cls.env["project.project"].create(
            {"name": "Plant works", "partner_id": cls.partner.id, "company_id": cls.company.id}
        )
        cls.task = cls.env["project.task"].create(
            {"name": "Wiring", "project_id": cls.project.id, "partner_id": cls.partner.id}
        )

    def _notes(self, opportunity):
        """The opportunity's internal notes as text."""
        notes = opportunity.message_ids.filtered(lambda m: m.subtype_id.internal)
        return [html.fromstring(body).text_content() for body in notes.mapped("body")]

    def test_form_links_and_unlinks_an_existing_project_and_task(self):
        with Form(self.opportunity.with_user(self.manager)) as form:
            form.project_ids.add(self.project)
            form.task_ids.add(self.task)
        self.assertEqual(self.project.opportunity_id, self.opportunity)
        self.assertEqual(self.task.opportunity_id, self.opportunity)
        self.assertEqual(self.opportunity.with_user(self.manager).project_count, 1)
        self.assertEqual(self.opportunity.task_count, 1)
        self.assertIn("Project Plant works linked.", self._notes(self.opportunity))
        self.assertIn("Task Wiring linked.", self._notes(self.opportunity))

        with Form(self.opportunity.with_user(self.manager)) as form:
            form.project_ids.remove(id=self.project.id)
            form.task_ids.remove(id=self.task.id)
        self.assertTrue(self.project.exists() and self.task.exists(), "unlinking keeps them")
        self.assertFalse(self.project.opportunity_id or self.task.opportunity_id)
        self.assertEqual(self.task.project_id, self.project, "the task stays in its project")
        self.assertIn("Project Plant works unlinked (it is kept).", self._notes(self.opportunity))
        self.assertIn("Task Wiring unlinked (it is kept).", self._notes(self.opportunity))

    def test_pickers_open_on_the_contact(self):
        arch = self.Opportunity.with_user(self.member).get_views([(False, "form")])["views"]
        form = etree.fromstring(arch["form"]["arch"])
        for name in ("project_ids", "task_ids"):
            field = form.find(f".//field[@name='{name}']")
            self.assertEqual(field.get("widget"), "many2many", name)
            self.assertIn("'search_default_partner_id': partner_id", field.get("context"))
        for model in ("project.project", "project.task"):
            search = self.env[model].get_views([(False, "search")])["views"]["search"]["arch"]
            self.assertIsNotNone(etree.fromstring(search).find(".//field[@name='partner_id']"))
        arch = self.Opportunity.with_user(self.user_own).get_views([(False, "form")])["views"]
        self.assertIsNone(etree.fromstring(arch["form"]["arch"]).find(".//field[@name='task_ids']"))

    def test_project_user_links_a_task_but_not_a_project(self):
        """Linking writes the document: a project user may write tasks, not projects."""
        with Form(self.opportunity.with_user(self.member)) as form:
            form.task_ids.add(self.task)
        self.assertEqual(self.task.opportunity_id, self.opportunity)
        refused = r"not allowed to modify .*project\.project"
        with (
            self.assertRaisesRegex(AccessError, refused),
            self.cr.savepoint(),
            Form(self.opportunity.with_user(self.member)) as form,
        ):
            form.project_ids.add(self.project)
        self._assert_rolled_back(self.project, "opportunity_id", self.Opportunity)
        self.project.opportunity_id = self.opportunity
        with (
            self.assertRaisesRegex(AccessError, refused),
            self.cr.savepoint(),
            Form(self.opportunity.with_user(self.member)) as form,
        ):
            form.project_ids.remove(id=self.project.id)
        self._assert_rolled_back(self.project, "opportunity_id", self.opportunity)

    def test_task_of_a_private_project_is_refused_to_outsiders(self):
        private = self.env["project.project"].create(
            {"name": "Board only", "privacy_visibility": "followers"}
        )
        task = self.env["project.task"].create({"name": "Secret", "project_id": private.id})
        with (
            self.assertRaisesRegex(AccessError, r"project\.task"),
            self.cr.savepoint(),
            Form(self.opportunity.with_user(self.member)) as form,
        ):
            form.task_ids.add(task)
        self._assert_rolled_back(task, "opportunity_id", self.Opportunity)
        # once a follower of the project, the same user links it
        private.message_subscribe(partner_ids=self.member.partner_id.ids)
        with Form(self.opportunity.with_user(self.member)) as form:
            form.task_ids.add(task)
        self.assertEqual(task.opportunity_id, self.opportunity)

    def test_user_who_cannot_write_the_opportunity_links_nothing(self):
        mine = self._create_opportunity(name="Not shared", user_id=self.user_other.id)
        self.assertFalse(mine.with_user(self.member).has_access("read"))
        with (
            self.assertRaisesRegex(AccessError, r"opportunity\.opportunity"),
            Form(mine.with_user(self.member)) as form,
        ):
            form.task_ids.add(self.task)
        with self.assertRaisesRegex(AccessError, r"opportunity\.opportunity"):
            mine.with_user(self.member).write({"task_ids": [Command.link(self.task.id)]})
        self._assert_rolled_back(self.task, "opportunity_id", self.Opportunity)

    def test_project_of_another_company_is_refused(self):
        other = self.env["res.company"].create({"name": "Link Other Co"})
        self.manager.company_ids = [Command.link(other.id)]
        project = self.env["project.project"].create({"name": "Abroad", "company_id": other.id})
        both = self.opportunity.with_context(allowed_company_ids=[self.company.id, other.id])
        with (
            self.assertRaisesRegex(ValidationError, "of another company"),
            self.cr.savepoint(),
            Form(both.with_user(self.manager)) as form,
        ):
            form.project_ids.add(project)
        self._assert_rolled_back(project, "opportunity_id", self.Opportunity)
        self.manager.company_ids = [Command.unlink(other.id)]
        with (
            self.assertRaisesRegex(AccessError, r"project\.project"),
            self.cr.savepoint(),
            Form(self.opportunity.with_user(self.manager)) as form,
        ):
            form.project_ids.add(project)
        self._assert_rolled_back(project, "opportunity_id", self.Opportunity)

    def test_task_linked_elsewhere_moves_and_both_chatters_say_so(self):
        first = self._create_opportunity(name="Old home", user_id=self.manager.id)
        self.task.opportunity_id = first
        with Form(self.opportunity.with_user(self.manager)) as form:
            form.task_ids.add(self.task)
        self.assertEqual(self.task.opportunity_id, self.opportunity)
        self.assertFalse(first.task_ids)
        self.assertIn(
            f"Task Wiring moved to the opportunity {self.opportunity.display_name}.",
            self._notes(first),
        )
        self.assertIn(
            f"Task Wiring linked, moved from the opportunity {first.display_name}.",
            self._notes(self.opportunity),
        )

    def test_moving_away_from_an_unreadable_opportunity_does_not_name_it(self):
        hidden = self._create_opportunity(name="Hidden home", user_id=self.user_other.id)
        self.task.opportunity_id = hidden
        with Form(self.opportunity.with_user(self.member)) as form:
            form.task_ids.add(self.task)
        self.assertEqual(self.task.opportunity_id, self.opportunity)
        self.assertIn(
            "Task Wiring linked, moved from another opportunity.", self._notes(self.opportunity)
        )
        self.assertIn(
            f"Task Wiring moved to the opportunity {self.opportunity.display_name}.",
            self._notes(hidden),
        )

    def test_pickers_are_plain_lists_without_sample_rows(self):
        """Link a project / a task open Odoo's picker on a list of ours: no sample rows over
        "No record found" when the contact has none, no grouping."""
        form = self.env.ref("opportunity_pipeline.opportunity_opportunity_view_form")
        arch = self.opportunity.with_user(self.member).get_view(form.id)["arch"]
        for name, model in (("project_ids", "project.project"), ("task_ids", "project.task")):
            context = etree.fromstring(arch).xpath(f"//field[@name='{name}']")[0].get("context")
            view_ref = context.split("'list_view_ref': '")[1].split("'")[0]
            views = (
                self.env[model]
                .with_user(self.member)
                .with_context(list_view_ref=view_ref)
                .get_views([(False, "list")])
            )
            picker = etree.fromstring(views["views"]["list"]["arch"])
            self.assertEqual(views["views"]["list"]["id"], self.env.ref(view_ref).id)
            self.assertFalse(picker.get("sample"), model)
            self.assertFalse(picker.get("default_group_by"), model)
