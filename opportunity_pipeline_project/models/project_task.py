from odoo import models


class ProjectTask(models.Model):
    _name = "project.task"
    _inherit = ["project.task", "opportunity.link.mixin"]

    def _opportunity_link_kind(self):
        return self.env._("Task")
