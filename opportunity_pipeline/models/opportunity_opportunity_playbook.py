# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stage playbooks: the guidance of the opportunity's stage on its form, and the stage's
activity plan launched when an opportunity enters the stage.

"Enters" is the notion of the stage rules (``_stages_before``, opportunity_opportunity_stage.py):
created in the stage (``create`` calls ``_launch_stage_plans`` after the stage rules), or
written into it (form, kanban, update wizard, import, API; ``write`` through ``_enter_stages``),
a new sales process included. Odoo's automation rules ("Stage is set to") do the rest (an
email, a field set on entering a stage): nothing of theirs is repeated here.
"""

from collections import Counter, defaultdict

from odoo import api, fields, models
from odoo.tools import is_html_empty


class OpportunityOpportunity(models.Model):
    _inherit = "opportunity.opportunity"  # pylint: disable=consider-merging-classes-inherited

    stage_guidance = fields.Html(
        compute="_compute_stage_guidance",
        sanitize=False,  # the stage's guidance, sanitized when it was saved on the stage
        help="What to check, ask and send at the opportunity's stage (the stage's guidance).",
    )

    @api.depends("stage_id.guidance")
    @api.depends_context("lang")
    def _compute_stage_guidance(self):
        for opportunity in self:
            guidance = opportunity.stage_id.guidance
            opportunity.stage_guidance = False if is_html_empty(guidance) else guidance

    # ------------------------------------------------------------
    # Stage plans
    # ------------------------------------------------------------

    def _launch_stage_plans(self, new=False):
        """Schedule the activities of the plan of each opportunity's (new) stage, in ONE
        ``mail.activity`` create for the whole batch, as the current user (who has just been
        allowed to change the opportunities).

        Only open, active opportunities get them (an import of won deals gets no calls to
        make). A step whose activity the opportunity still has open is not scheduled twice.
        ``new``: the records were just created (no activity to look for).

        The context key ``opportunity_skip_stage_plans`` (the import's option) and Odoo's own
        ``mail_activity_automation_skip`` launch nothing.
        """
        context = self.env.context
        Activity = self.env["mail.activity"]
        if context.get("opportunity_skip_stage_plans") or context.get(
            "mail_activity_automation_skip"
        ):
            return Activity
        planned = self.filtered(
            lambda o: o.stage_id.activity_plan_id and o.active and o.state == "open"
        )
        if not planned:
            return Activity
        open_steps = set() if new else planned._open_plan_steps()
        vals_list = planned._prepare_stage_plan_activities(open_steps)
        if not vals_list:
            return Activity
        planned._subscribe_plan_assignees(vals_list)
        # no "assigned to you" email per activity (an import of 10,000 opportunities would send
        # 30,000): the activities show in the responsible's activities and chatter
        return Activity.with_context(mail_activity_quick_update=True).create(vals_list)

    def _subscribe_plan_assignees(self, vals_list):
        """Make a user given several steps of one opportunity a follower of it first: Odoo's
        activity create subscribes the assignee once per activity, and would insert the same
        follower twice (one query per user, whatever the batch)."""
        counts = Counter((vals["user_id"], vals["res_id"]) for vals in vals_list)
        ids_by_user = defaultdict(list)
        for (user_id, res_id), count in counts.items():
            if count > 1:
                ids_by_user[user_id].append(res_id)
        for user_id, ids in ids_by_user.items():
            partner = self.env["res.users"].browse(user_id).partner_id
            self.browse(ids).message_subscribe(partner_ids=partner.ids)

    def _stage_plan_templates(self):
        """The steps of the plan of the opportunity's stage that apply to it: an active plan
        for opportunities, shared or of the opportunity's company."""
        self.ensure_one()
        plan = self.stage_id.activity_plan_id
        if (
            not plan.active
            or plan.res_model != self._name
            or (plan.company_id and plan.company_id != self.company_id)
        ):
            return plan.template_ids.browse()
        return plan.template_ids

    def _open_plan_steps(self):
        """{(opportunity id, plan step id)} of the open activities that stage plans created on
        the opportunities of ``self``."""
        # sudo: only whether a step is still open is read (never shown), and a colleague's open
        # activity counts too; one query instead of mail.activity's per-document access checks
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("opportunity_plan_template_id", "!=", False),
                ],
                ["res_id", "opportunity_plan_template_id"],
            )
        )
        return {
            (activity.res_id, activity.opportunity_plan_template_id.id) for activity in activities
        }

    def _prepare_stage_plan_activities(self, open_steps):
        """The values of the activities to schedule: each step assigned to the opportunity's
        responsible (the current user if it has none) unless the step names its own user, due
        after the step's delay counted from today, the day the opportunity entered the stage."""
        today = fields.Date.context_today(self)
        model_id = self.env["ir.model"]._get_id(self._name)
        deadlines = {}
        vals_list = []
        for opportunity in self:
            responsible = opportunity.user_id or self.env.user
            for template in opportunity._stage_plan_templates():
                if (opportunity.id, template.id) in open_steps:
                    continue
                if template not in deadlines:
                    deadlines[template] = template._get_date_deadline(today)
                activity_type = template.activity_type_id
                user = template._determine_responsible(responsible, opportunity)["responsible"]
                user = user or responsible
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": opportunity.id,
                        "activity_type_id": activity_type.id,
                        "summary": template.summary or activity_type.summary,
                        "note": template.note or activity_type.default_note,
                        "date_deadline": deadlines[template],
                        "user_id": user.id,
                        "automated": True,
                        "opportunity_plan_template_id": template.id,
                        # the values of the activity's stored computes, given: no UPDATE of
                        # every row after the INSERT (Odoo recomputes them to the same values)
                        "res_name": opportunity.display_name,
                        "date_done": False,
                        "user_tz": user.tz,
                    }
                )
        return vals_list
