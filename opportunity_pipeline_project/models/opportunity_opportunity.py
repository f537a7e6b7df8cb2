# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Projects and tasks of an opportunity: created from it pre-filled, counted and opened from
its smart buttons."""

from odoo import api, fields, models


class OpportunityOpportunity(models.Model):
    _inherit = "opportunity.opportunity"

    project_ids = fields.One2many("project.project", "opportunity_id", string="Projects")
    task_ids = fields.One2many("project.task", "opportunity_id", string="Tasks")
    project_count = fields.Integer(
        compute="_compute_project_data", groups="project.group_project_user"
    )
    task_count = fields.Integer(
        compute="_compute_project_data", groups="project.group_project_user"
    )

    @api.depends("project_ids", "task_ids")
    def _compute_project_data(self):
        projects = dict(
            self.env["project.project"]._read_group(
                [("opportunity_id", "in", self.ids)], ["opportunity_id"], ["__count"]
            )
        )
        tasks = dict(
            self.env["project.task"]._read_group(
                [("opportunity_id", "in", self.ids)], ["opportunity_id"], ["__count"]
            )
        )
        for opportunity in self:
            opportunity.project_count = projects.get(opportunity, 0)
            opportunity.task_count = tasks.get(opportunity, 0)

    def _prepare_project_vals(self):
        self.ensure_one()
        return {
            "name": self.name,
            "partner_id": self.partner_id.id,
            "opportunity_id": self.id,
            "company_id": self.company_id.id,
            "user_id": self.user_id.id,
        }

    def action_create_project(self):
        self.ensure_one()
        self.check_access("read")
        project = self.env["project.project"].create(self._prepare_project_vals())
        # a first stage for its tasks, as Odoo gives a project created on the fly (project's
        # name_create: sudo there too, since project users may not create task stages)
        project.type_ids += self.env["project.task.type"].sudo().create({"name": self.env._("New")})
        return {
            "type": "ir.actions.act_window",
            "res_model": "project.project",
            "res_id": project.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    def action_create_task(self):
        """Open a new task pre-filled with the opportunity (and its project if it has one)."""
        self.ensure_one()
        self.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Task"),
            "res_model": "project.task",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {
                "default_opportunity_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_project_id": self.project_ids[:1].id,
                "default_name": self.name,
                "default_user_ids": self.user_id.ids,
            },
        }

    def action_view_projects(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Projects"),
            "res_model": "project.project",
            "view_mode": "list,kanban,form",
            "domain": [("opportunity_id", "=", self.id)],
            "context": {
                "default_opportunity_id": self.id,
                "default_partner_id": self.partner_id.id,
            },
        }

    def action_view_tasks(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Tasks"),
            "res_model": "project.task",
            "view_mode": "list,kanban,form",
            "domain": [("opportunity_id", "=", self.id)],
            "context": {
                "default_opportunity_id": self.id,
                "default_partner_id": self.partner_id.id,
            },
        }
