# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The opportunity (``opportunity.opportunity``): its fields, and the rules every path of
``create``/``write`` goes through (stage of its process, value of its lines, won/lost/reopen,
followers). Other concerns live in the ``opportunity_opportunity_*.py`` files."""

from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext, is_html_empty

from ..compat import Constraint


class OpportunityOpportunity(models.Model):
    _name = "opportunity.opportunity"
    _description = "Opportunity"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "priority desc, date_deadline, id desc"
    _rec_names_search = ["code", "name"]
    _check_company_auto = True

    def _default_pipeline_id(self):
        stage_id = self.env.context.get("default_stage_id")
        if stage_id:
            return self.env["opportunity.stage"].browse(stage_id).exists().pipeline_id
        return self._get_preferred_pipeline()

    # ------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------

    code = fields.Char(copy=False, index="trigram", tracking=True)
    # name, amount, probability, weighted_amount indexed: a list sorted by one reads its first
    # page from the index (100,000 records: 15 ms, crm.lead 50-70; benchmarks/bench_analysis)
    name = fields.Char(string="Opportunity", required=True, tracking=True, index=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        help="The contact this opportunity belongs to.",
    )
    pipeline_id = fields.Many2one(
        "opportunity.pipeline",
        string="Sales Process",
        required=True,
        index=True,
        tracking=True,
        ondelete="restrict",
        check_company=True,
        default=lambda self: self._default_pipeline_id(),
    )
    stage_id = fields.Many2one(
        "opportunity.stage",
        index=True,
        tracking=True,
        ondelete="restrict",
        copy=False,
        compute="_compute_stage_id",
        store=True,
        readonly=False,
        group_expand="_read_group_expand_stage_ids",
        domain="[('pipeline_id', '=', pipeline_id)]",
    )
    stage_color = fields.Integer(related="stage_id.color", string="Stage Color")
    date_last_stage_update = fields.Datetime(
        string="Last Stage Update", default=fields.Datetime.now, readonly=True, copy=False
    )
    state = fields.Selection(
        [("open", "Open"), ("won", "Won"), ("lost", "Lost")],
        string="Status",
        required=True,
        default="open",
        tracking=True,
        copy=False,
        index=True,
    )
    line_ids = fields.One2many("opportunity.line", "opportunity_id", string="Products", copy=True)
    amount = fields.Monetary(
        string="Value",
        currency_field="currency_id",
        compute="_compute_amount",
        store=True,
        readonly=False,
        index=True,
        tracking=True,
        help="Sum of the product lines when there are lines; typed otherwise.",
    )
    probability = fields.Float(
        string="Success Rate (%)",
        digits=(16, 2),
        compute="_compute_probability",
        store=True,
        readonly=False,
        index=True,
        aggregator="avg",
    )
    date_deadline = fields.Date(string="Expected Closing", tracking=True, index=True)
    user_id = fields.Many2one(
        "res.users",
        string="Responsible",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('share', '=', False)]",
    )
    collaborator_ids = fields.Many2many(
        "res.users",
        "opportunity_opportunity_collaborator_rel",
        "opportunity_id",
        "user_id",
        string="Collaborators",
        check_company=True,
        domain="[('share', '=', False)]",
        help="Collaborators see and edit the opportunity and follow it in the chatter.",
    )
    description = fields.Html()
    label_ids = fields.Many2many(
        "opportunity.label",
        "opportunity_opportunity_label_rel",
        "opportunity_id",
        "label_id",
        string="Labels",
    )
    priority = fields.Selection(
        [("0", "Normal"), ("1", "Important"), ("2", "Very Important"), ("3", "Urgent")],
        default="0",
        index=True,
    )
    lost_reason_id = fields.Many2one(
        "opportunity.lost.reason", index=True, tracking=True, copy=False
    )
    lost_note = fields.Text(copy=False)
    date_closed = fields.Datetime(
        string="Closed On", readonly=True, copy=False, help="When it was marked won or lost."
    )
    related_partner_ids = fields.Many2many(
        "res.partner",
        "opportunity_opportunity_related_partner_rel",
        "opportunity_id",
        "partner_id",
        string="Related Partners",
        check_company=True,
        tracking=True,
        help="Other partners involved: consultant, end customer, reseller...",
    )
    stage_log_ids = fields.One2many(
        "opportunity.stage.log", "opportunity_id", string="Stage History", readonly=True
    )
    attachment_count = fields.Integer(string="Documents", compute="_compute_attachment_count")

    _code_company_uniq = Constraint(
        "unique(company_id, code)",
        "An opportunity with this code already exists in this company.",
    )
    _probability_range = Constraint(
        "CHECK(probability >= 0 AND probability <= 100)",
        "The success rate must be between 0 and 100.",
    )
    _amount_positive = Constraint(
        "CHECK(amount >= 0)",
        "The value of an opportunity cannot be negative.",
    )

    # ------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------

    @api.depends("code", "name")
    def _compute_display_name(self):
        for opportunity in self:
            if opportunity.code:
                opportunity.display_name = f"[{opportunity.code}] {opportunity.name or ''}"
            else:
                opportunity.display_name = opportunity.name or ""

    @api.depends("pipeline_id")
    def _compute_stage_id(self):
        for opportunity in self:
            pipeline = opportunity.pipeline_id
            if not pipeline:
                opportunity.stage_id = False
            elif opportunity.stage_id.pipeline_id != pipeline:
                opportunity.stage_id = pipeline.stage_ids[:1]

    @api.depends("line_ids.price_subtotal")
    def _compute_amount(self):
        for opportunity in self:
            if opportunity.line_ids:
                opportunity.amount = sum(opportunity.line_ids.mapped("price_subtotal"))

    @api.depends("stage_id")
    def _compute_probability(self):
        for opportunity in self:
            if opportunity.stage_id.probability:
                opportunity.probability = opportunity.stage_id.probability

    def _compute_attachment_count(self):
        counts = dict(
            self.env["ir.attachment"]._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for opportunity in self:
            opportunity.attachment_count = counts.get(opportunity.id, 0)

    # ------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------

    @api.constrains("stage_id", "pipeline_id")
    def _check_stage_pipeline(self):
        for opportunity in self:
            if not opportunity.stage_id:
                raise ValidationError(
                    self.env._(
                        "The sales process %(pipeline)s has no stage: add a stage to it before "
                        "creating opportunities in it.",
                        pipeline=opportunity.pipeline_id.display_name,
                    )
                )
            if opportunity.stage_id.pipeline_id != opportunity.pipeline_id:
                raise ValidationError(
                    self.env._(
                        "The stage %(stage)s belongs to the sales process %(stage_pipeline)s, "
                        "not to %(pipeline)s (opportunity %(opportunity)s).",
                        stage=opportunity.stage_id.name,
                        stage_pipeline=opportunity.stage_id.pipeline_id.display_name,
                        pipeline=opportunity.pipeline_id.display_name,
                        opportunity=opportunity.display_name,
                    )
                )

    # ------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        # The caller's dicts are not ours to change (the same list may be reused).
        vals_list = [dict(vals) for vals in vals_list]
        # A stage given without its process (RPC, import) brings its process along.
        stage_ids = {
            vals["stage_id"]
            for vals in vals_list
            if vals.get("stage_id") and not vals.get("pipeline_id")
        }
        if stage_ids:
            stages = self.env["opportunity.stage"].browse(stage_ids)
            pipeline_by_stage = {stage.id: stage.pipeline_id.id for stage in stages}
            for vals in vals_list:
                if vals.get("stage_id") and not vals.get("pipeline_id"):
                    vals["pipeline_id"] = pipeline_by_stage.get(vals["stage_id"])
        self._prepare_codes(vals_list)
        for vals in vals_list:
            self._prepare_state_vals(vals)
        # mail.thread subscribes the responsible record by record (one query each); do it for the
        # whole batch instead, together with the collaborators (see _subscribe_people).
        opportunities = super(
            OpportunityOpportunity, self.with_context(opportunity_batch_subscribe=True)
        ).create(vals_list)
        opportunities = opportunities.with_env(self.env)
        opportunities._follow_lines_value()
        # every new opportunity enters its stage: the stage's required fields apply, and its
        # activity plan is launched (opportunity_opportunity_playbook.py) while the records and
        # their stages are still in the cache
        opportunities._check_stage_rules()
        opportunities._launch_stage_plans(new=True)
        opportunities._subscribe_people(notify_responsible=True)
        return opportunities

    def write(self, vals):
        vals = dict(vals)
        reopened = self.browse()
        if vals.get("state"):
            reopened = (
                self.filtered(lambda o: o.state != "open")
                if vals["state"] == "open"
                else self.browse()
            )
            self._prepare_state_vals(vals, reopen=bool(reopened))
        stages_before = self._stages_before(vals)
        stage_logs = []
        if "stage_id" in vals:
            now = fields.Datetime.now()
            vals["date_last_stage_update"] = now
            stage_logs = self._prepare_stage_logs(vals["stage_id"], now)
        result = super().write(vals)
        if "amount" in vals:
            self._follow_lines_value()
        # the records that entered a stage: its required fields, then its activity plan
        self._enter_stages(stages_before)
        if stage_logs:
            # sudo: the history is technical and readable by whoever reads the opportunity; it is
            # written for the records the user has just been allowed to change.
            self.env["opportunity.stage.log"].sudo().create(stage_logs)
        if "collaborator_ids" in vals:
            self._subscribe_people()
        if reopened and "probability" not in vals:
            reopened._reset_probability_from_stage()
        return result

    def _value_from_lines(self):
        """The opportunities whose value is the sum of their product lines."""
        return self.filtered("line_ids")

    def _follow_lines_value(self):
        """The one rule of the value: with product lines, it is their sum, whatever value was
        given (form, import, update wizard, RPC); the ORM recomputes it."""
        with_lines = self._value_from_lines()
        if with_lines:
            self.env.add_to_compute(self._fields["amount"], with_lines)

    @api.model
    def _html_text(self, html):
        """An HTML field as plain text (export, templates, comparisons): empty HTML is ''."""
        return "" if is_html_empty(html) else html2plaintext(html)

    def _reset_probability_from_stage(self):
        """An open opportunity's rate comes from its stage (the 100 % of won and the 0 % of lost
        do not stay after a reopen); 0 when the stage has no default rate."""
        for rate, records in self.grouped(lambda o: o.stage_id.probability).items():
            records.write({"probability": rate})

    def copy_data(self, default=None):
        default = dict(default or {})
        vals_list = super().copy_data(default=default)
        for opportunity, vals in zip(self, vals_list, strict=True):
            if "name" not in default:
                vals["name"] = self.env._("%s (copy)", opportunity.name)
            if "stage_id" not in default:
                vals["stage_id"] = opportunity.pipeline_id.stage_ids[:1].id
        return vals_list

    @api.ondelete(at_uninstall=False)
    def _unlink_except_won(self):
        won = self.filtered(lambda o: o.state == "won")
        if won:
            raise UserError(
                self.env._(
                    "You cannot delete a won opportunity (%(names)s). Archive it instead.",
                    names=", ".join(won.mapped("display_name")),
                )
            )

    # ------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------

    def _prepare_state_vals(self, vals, reopen=False):
        """Won and lost set the rate and the closing date, whatever the path (button, bulk
        action, import, RPC); reopening clears them. Values given explicitly win."""
        state = vals.get("state")
        if state == "won":
            vals.setdefault("probability", 100.0)
            vals.setdefault("date_closed", fields.Datetime.now())
            vals.setdefault("lost_reason_id", False)
        elif state == "lost":
            vals.setdefault("probability", 0.0)
            vals.setdefault("date_closed", fields.Datetime.now())
        elif state == "open" and reopen:
            vals.setdefault("date_closed", False)
            vals.setdefault("lost_reason_id", False)
            vals.setdefault("lost_note", False)

    def _message_auto_subscribe(self, updated_values, followers_existing_policy="skip"):
        if self.env.context.get("opportunity_batch_subscribe"):
            return True  # done once for the batch by create()
        return super()._message_auto_subscribe(
            updated_values, followers_existing_policy=followers_existing_policy
        )

    def _subscribe_people(self, notify_responsible=False):
        """Make the responsible and the collaborators followers, one query per group of
        opportunities sharing the same people; tell the responsibles assigned by someone else
        (see ``_notify_responsibles``)."""
        ids_by_partners = defaultdict(list)
        for opportunity in self:
            users = opportunity.collaborator_ids
            if notify_responsible:
                users |= opportunity.user_id
            partners = users.filtered("active").partner_id
            if partners:
                ids_by_partners[partners].append(opportunity.id)
        for partners, ids in ids_by_partners.items():
            self.browse(ids).message_subscribe(partner_ids=partners.ids)
        if notify_responsible:
            self._notify_responsibles()
