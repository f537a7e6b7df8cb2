# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Users: the sales process the pipeline showed a user last, kept from its search panel."""

from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    opportunity_pipeline_id = fields.Many2one(
        "opportunity.pipeline",
        string="Last Sales Process",
        ondelete="set null",
        copy=False,
        # A working preference, not something other users need to read over RPC; the code
        # reads it through ``env.user`` (superuser), which field groups do not restrict.
        groups="base.group_system",
        help="The sales process this user picked last in the pipeline: the Pipeline menu, "
        "a reload and the pipeline's address open on it.",
    )

    @api.model
    def set_opportunity_pipeline(self, pipeline_id):
        """Remember the process the current user picked in the pipeline's search panel.

        Called by the web client (``static/src/search``); only ever writes the current user's
        row, and only a process that user can read.
        """
        if not isinstance(pipeline_id, int) or isinstance(pipeline_id, bool):
            return False  # anything but an id, from a hand-made RPC call
        pipeline = self.env["opportunity.pipeline"].browse(pipeline_id).exists()
        if not pipeline or not pipeline.has_access("read"):
            return False
        user = self.env.user
        if user.opportunity_pipeline_id != pipeline:
            # Users may not write their own res.users row beyond SELF_WRITEABLE_FIELDS; this
            # narrow write stores their own preference, a process they were shown to read.
            user.sudo().opportunity_pipeline_id = pipeline.id
        return True
