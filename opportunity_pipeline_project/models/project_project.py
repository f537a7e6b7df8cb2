from odoo import models


class ProjectProject(models.Model):
    _name = "project.project"
    _inherit = ["project.project", "opportunity.link.mixin"]

    def _opportunity_link_kind(self):
        return self.env._("Project")
