# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What happens when an opportunity enters a stage: the stage history and the stage's rules
(the fields it requires). ``create``/``write`` (opportunity_opportunity.py) call these."""

from odoo import models
from odoo.exceptions import ValidationError
from odoo.tools import is_html_empty

# how many opportunities a refusal names before "and N more"
MAX_NAMED = 20


class OpportunityOpportunity(models.Model):
    _inherit = "opportunity.opportunity"  # pylint: disable=consider-merging-classes-inherited

    def _stages_before(self, vals):
        """The stage of each record before a write that may change it (a new stage, or a new
        process whose first stage the records take); None when the write cannot."""
        if "stage_id" not in vals and "pipeline_id" not in vals:
            return None
        return {opportunity.id: opportunity.stage_id.id for opportunity in self}

    def _enter_stages(self, stages_before):
        """After a write: the records that entered a stage must meet its rule (else the whole
        write is refused), then get its activity plan (opportunity_opportunity_playbook.py)."""
        if stages_before is None:
            return
        entered = self.filtered(lambda o: o.stage_id.id != stages_before.get(o.id))
        entered._check_stage_rules()
        entered._launch_stage_plans()

    def _check_stage_rules(self):
        """Refuse the opportunities whose (new) stage requires a field they leave empty.

        One message for the whole batch, naming the stage(s), the opportunities and the labels
        of their empty fields (in the user's language). The exception carries the empty fields
        by opportunity (``opportunity_missing_fields``: {id: (stage name, [field names])}) so
        that the import can name the row and the column.
        """
        missing = self._stage_rule_missing()
        if not missing:
            return
        error = ValidationError(self._stage_rule_message(missing))
        error.opportunity_missing_fields = {
            opportunity.id: (opportunity.stage_id.name, names)
            for opportunity, names in missing.items()
        }
        raise error

    def _stage_rule_missing(self):
        """{opportunity: [names of the required fields it leaves empty]} (only those with some).

        The values are read as superuser: only whether a value is present is used (an order of
        another salesperson still counts as an order), and the message names fields, never
        values. The stage's rule comes with the stage (``required_field_names``): a stage without
        one costs no query.
        """
        ruled = self.filtered("stage_id.required_field_names")
        if not ruled:
            return {}
        missing = {}
        for opportunity in ruled:
            record = opportunity.sudo()
            empty = [
                name
                for name in opportunity.stage_id.required_field_names.split(",")
                if name in self._fields and self._is_empty_for_rule(name, record[name])
            ]
            if empty:
                missing[opportunity] = empty
        return missing

    def _is_empty_for_rule(self, name, value):
        """Empty for a stage rule: nothing chosen or typed, and 0 for a number (a stage that
        requires the value means a value above 0)."""
        field = self._fields[name]
        if field.type == "html":
            return is_html_empty(value)
        if field.type in ("char", "text"):
            return not (value or "").strip()
        return not value

    def _stage_rule_message(self, missing):
        _ = self.env._
        labels = {
            name: self._fields[name]._description_string(self.env)
            for names in missing.values()
            for name in names
        }
        stages = {opportunity.stage_id for opportunity in missing}
        stage_names = ", ".join(f'"{stage.name}"' for stage in stages)
        if len(missing) == 1:
            ((opportunity, names),) = missing.items()
            return _(
                "The stage %(stage)s requires %(fields)s: fill in before moving "
                '"%(opportunity)s" to it.',
                stage=stage_names,
                fields=", ".join(labels[name] for name in names),
                opportunity=opportunity.display_name,
            )
        items = list(missing.items())
        lines = [
            f"- {opportunity.display_name}: {', '.join(labels[name] for name in names)}"
            for opportunity, names in items[:MAX_NAMED]
        ]
        if len(items) > MAX_NAMED:
            lines.append(_("- and %(count)s more", count=len(items) - MAX_NAMED))
        return "\n".join(
            [
                _(
                    "The stage %(stage)s requires fields that these opportunities leave empty, "
                    "so none was changed:",
                    stage=stage_names,
                ),
                *lines,
            ]
        )

    def _prepare_stage_logs(self, new_stage_id, now):
        logs = []
        for opportunity in self:
            if opportunity.stage_id.id == new_stage_id or not opportunity.stage_id:
                continue
            date_in = opportunity.date_last_stage_update or opportunity.create_date or now
            hours = max((now - date_in).total_seconds() / 3600.0, 0.0)
            logs.append(
                {
                    "opportunity_id": opportunity.id,
                    "pipeline_id": opportunity.pipeline_id.id,
                    "stage_id": opportunity.stage_id.id,
                    "new_stage_id": new_stage_id,
                    "user_id": self.env.uid,
                    "date_in": date_in,
                    "date_out": now,
                    "duration_hours": hours,
                    "duration_days": hours / 24.0,
                }
            )
        return logs
