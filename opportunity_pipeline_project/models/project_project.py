# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Projects linked to the opportunity they come from (``opportunity.link.mixin``)."""

from odoo import models


class ProjectProject(models.Model):
    _name = "project.project"
    _inherit = ["project.project", "opportunity.link.mixin"]

    def _opportunity_link_kind(self):
        return self.env._("Project")
