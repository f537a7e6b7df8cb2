# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Activities: the step of a stage's activity plan that created one, so that an opportunity
entering the stage again does not get the step twice."""

from odoo import fields, models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    # Odoo 18 keeps no link from an activity to the plan step that created it: the stage plans
    # of opportunities store it, so that an opportunity entering a stage again does not get a
    # second copy of a step it still has open (see opportunity_opportunity_playbook.py).
    opportunity_plan_template_id = fields.Many2one(
        "mail.activity.plan.template",
        string="Stage Plan Step",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        copy=False,
        help="Technical: the step of a stage's activity plan that created this activity when "
        "its opportunity entered the stage.",
    )
