# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which sales process the pipeline (kanban) shows: the menu's server action, the columns of
one process, the process a user picked last (``res.users.opportunity_pipeline_id``)."""

from odoo import api, models

from ..compat import is_leaf


class OpportunityOpportunity(models.Model):
    _inherit = "opportunity.opportunity"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def action_open_pipeline_kanban(self):
        """Menu entry and ``/odoo/opportunity-pipeline``: the kanban of one process, never a mix.

        The web client re-runs this server action on a reload, a bookmark or a shared link (its
        ``path``). Odoo 18.0 passes the address's query as ``params``: the ``pipeline_id``
        written there by ``static/src/search`` wins, then the process the user picked last.
        19.0 passes no ``params`` (and on a reload reuses the action stored in the browser's
        tab): there the search model itself applies the address's process over this default.
        """
        params = self.env.context.get("params") or {}
        pipeline = self.env["opportunity.pipeline"]
        if isinstance(params, dict) and str(params.get("pipeline_id") or "").isdigit():
            pipeline = pipeline.search(
                [
                    ("id", "=", int(params["pipeline_id"])),
                    ("company_id", "in", [False, *self.env.companies.ids]),
                ],
                limit=1,
            )
        return self._action_open_pipeline(pipeline or self._get_preferred_pipeline())

    @api.model
    def _action_open_pipeline(self, pipeline):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "opportunity_pipeline.opportunity_opportunity_action_pipeline"
        )
        # The address of the menu's server action, so that a reload re-runs it (the window
        # action alone would come back on "All"); the web client adds ``?pipeline_id=``.
        action["path"] = "opportunity-pipeline"
        context = {"search_default_filter_open": 1, "opportunity_pipeline_in_url": True}
        if pipeline:
            context["searchpanel_default_pipeline_id"] = pipeline.id
        action["context"] = context
        return action

    @api.model
    def _read_group_expand_stage_ids(self, stages, domain):
        """Kanban columns: every stage of the process(es) the domain filters on.

        The search panel puts ``pipeline_id`` in the domain (on the kanban it offers no "All",
        see ``static/src/search``). Without it, the columns are those of ONE process, the
        ``default_pipeline_id`` of the context or the user's preferred one, never empty columns
        of several processes. Odoo still gives a column to any stage holding a record of the
        domain, which is why the kanban's panel always names a process.
        """
        pipeline_ids = self._pipeline_ids_from_domain(domain)
        if pipeline_ids:
            return stages.search(
                ["|", ("id", "in", stages.ids), ("pipeline_id", "in", pipeline_ids)],
                order=stages._order,
            )
        pipeline = self.env["opportunity.pipeline"]
        if self.env.context.get("default_pipeline_id"):
            pipeline = pipeline.browse(self.env.context["default_pipeline_id"]).exists()
        pipeline = pipeline or self._get_preferred_pipeline()
        return stages.search([("pipeline_id", "=", pipeline.id)], order=stages._order)

    @api.model
    def _pipeline_ids_from_domain(self, domain):
        pipeline_ids = []
        for leaf in domain or []:
            if not is_leaf(leaf) or leaf[0] != "pipeline_id":
                continue
            operator, value = leaf[1], leaf[2]
            if operator == "=" and isinstance(value, int):
                pipeline_ids.append(value)
            elif operator == "in" and isinstance(value, (list, tuple)):
                pipeline_ids.extend(v for v in value if isinstance(v, int))
        return pipeline_ids

    @api.model
    def _get_preferred_pipeline(self):
        """The process the user picked last in the pipeline, else the one of the opportunity
        they touched last, else the first one."""
        Pipeline = self.env["opportunity.pipeline"]
        company_domain = [("company_id", "in", [False, *self.env.companies.ids])]
        remembered = self.env.user.opportunity_pipeline_id  # env.user is the superuser's view
        if remembered:
            pipeline = Pipeline.search([("id", "=", remembered.id), *company_domain], limit=1)
            if pipeline:
                return pipeline
        last = self.search_fetch(
            [("write_uid", "=", self.env.uid), ("pipeline_id.active", "=", True)],
            ["pipeline_id"],
            order="write_date desc, id desc",
            limit=1,
        )
        if last:
            return last.pipeline_id
        return Pipeline.search(company_domain, limit=1)
