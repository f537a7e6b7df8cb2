# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The records a batch of the file names, found with one search per model and batch.

:class:`References` resolves a batch (:meth:`~References.resolve`): contacts, users, labels,
products and the codes already taken; sales processes and stages once per run. The result is
a dict of indexes that :func:`match` looks values up in (by the first key that finds
something: a reference, an email, then the exact name). Nothing here writes.
"""

from ..tools.importer import parse

PARTNER_KEYS = [("ref", False), ("email_normalized", True), ("name", False)]
USER_KEYS = [("login", False), ("email_normalized", True), ("name", False)]
PRODUCT_KEYS = [("default_code", False), ("name", False)]


def index(records, keys):
    """{(field, value): [records]} for matching by the first field that finds something."""
    found = {}
    for record in records:
        for field, lower in keys:
            value = record[field]
            if value:
                found.setdefault((field, value.lower() if lower else value), []).append(record)
    return {"keys": keys, "index": found}


def match(ref, value):
    """The records of the index ``ref`` that ``value`` names (by its first key that finds
    some)."""
    for field, lower in ref["keys"]:
        found = ref["index"].get((field, value.lower() if lower else value))
        if found:
            return found
    return []


class References:
    """The references of the batches of one run; sales processes, stages and the labels seen
    so far are kept from batch to batch."""

    def __init__(self, env, company):
        self.env = env
        self.company = company
        self.labels = {}  # casefolded name -> label, of every batch so far
        self._pipeline_refs = None

    def resolve(self, batch):
        """``{kind: index or dict}`` of what the records of ``batch`` name: ``partner``,
        ``user``, ``product`` (indexes for :func:`match`), ``labels`` (by casefolded name),
        ``taken``/``existing`` (codes), ``pipelines``/``stages``."""
        env, company_ids = self.env, [False, self.company.id]
        wanted = self._wanted(batch)
        refs = dict(self._pipelines())
        refs["partner"] = index(self._partners(wanted["partner"]), PARTNER_KEYS)
        refs["user"] = index(self._users(wanted["user"]), USER_KEYS)
        if wanted["labels"]:
            labels = (
                env["opportunity.label"]
                .with_context(active_test=False)
                .search([("name", "in", list(wanted["labels"]))])
            )
            self.labels.update({label.name.casefold(): label for label in labels})
        refs["labels"] = self.labels
        products = env["product.product"]
        if values := list(wanted["product"]):
            products = products.search(
                [
                    ("company_id", "in", company_ids),
                    "|",
                    ("default_code", "in", values),
                    ("name", "in", values),
                ]
            )
        refs["product"] = index(products, PRODUCT_KEYS)
        refs.update(self._codes(wanted["code"]))
        return refs

    def _wanted(self, batch):
        text, items = parse.text, parse.items
        wanted = {key: set() for key in ("partner", "user", "labels", "product", "code")}
        for record in batch:
            cells = record.cells
            for key in ("partner", "user", "code"):
                if key in cells:
                    wanted[key].add(text(cells[key]))
            wanted["user"].update(items(cells.get("collaborators")))
            wanted["labels"].update(items(cells.get("labels")))
            for __, line_cells in record.lines:
                if "product" in line_cells:
                    wanted["product"].add(text(line_cells["product"]))
        return wanted

    def _partners(self, wanted):
        partners = self.env["res.partner"]
        if values := list(wanted):
            partners = partners.search(
                [
                    ("company_id", "in", [False, self.company.id]),
                    "|",
                    "|",
                    ("ref", "in", values),
                    ("email_normalized", "in", [v.lower() for v in values]),
                    ("name", "in", values),
                ]
            )
        return partners

    def _users(self, wanted):
        # archived users too: an exported file names them and must import back unchanged
        users = self.env["res.users"].with_context(active_test=False)
        if values := list(wanted):
            users = users.search(
                [
                    ("share", "=", False),
                    "|",
                    "|",
                    ("login", "in", values),
                    ("email_normalized", "in", [v.lower() for v in values]),
                    ("name", "in", values),
                ]
            )
        return users

    def _codes(self, codes):
        Opportunity = self.env["opportunity.opportunity"].with_context(active_test=False)
        if not codes:
            return {"taken": {}, "existing": {}}
        # sudo: only tells whether a code is taken in this company, to name the row that
        # clashes; the update itself goes through the user's access rights.
        taken = Opportunity.sudo().search_fetch(
            [("company_id", "=", self.company.id), ("code", "in", list(codes))], ["code"]
        )
        existing = Opportunity.search([("id", "in", taken.ids)])
        return {"taken": {o.code: o.id for o in taken}, "existing": {o.code: o for o in existing}}

    def _pipelines(self):
        """Sales processes by code or name, stages by (process, name), in the user's language
        and in English; searched once per run."""
        if self._pipeline_refs is None:
            pipelines = self.env["opportunity.pipeline"].search(
                [("company_id", "in", [False, self.company.id])]
            )
            by_key, stages = {}, {}
            for pipeline in pipelines:
                for key in {pipeline.code, pipeline.name, pipeline.with_context(lang="en_US").name}:
                    if key:
                        by_key.setdefault(key.casefold(), pipeline)
            for stage in pipelines.stage_ids:
                for name in {stage.name, stage.with_context(lang="en_US").name}:
                    stages.setdefault((stage.pipeline_id.id, name.casefold()), stage)
            self._pipeline_refs = {"pipelines": by_key, "stages": stages}
        return self._pipeline_refs
