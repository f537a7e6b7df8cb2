# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the web client asks the server for grouped views, on Odoo 18.0 and 19.0, for the tests
that call it as the client does.

The two series group through different methods and signatures (18.0: ``web_read_group`` with a
``lazy`` flag and ``read_group`` for the pivot; 19.0: ``web_read_group`` and
``formatted_read_group`` with aggregates, and empty kanban columns only with the context key
``read_group_expand``). Both helpers return the groups the same way: the group-by values under
their spec (``"stage_id"``, ``"date_deadline:month"``), each aggregate under its field name
(``"amount"``), and the number of records under ``"__count"``.
"""

import re

from odoo.addons.opportunity_pipeline.compat import ODOO_19


def _named(groups, aggregates):
    for group in groups:
        for spec in aggregates:
            if spec in group:
                group[spec.split(":")[0]] = group.pop(spec)
    return groups


def web_read_group(model, domain, groupby, aggregates=()):
    """A grouped list or a kanban (one level, its empty columns included): the groups."""
    if ODOO_19:
        result = model.with_context(read_group_expand=True).web_read_group(
            domain, groupby, aggregates
        )
        return _named(result["groups"], aggregates)
    fields = [spec for spec in aggregates if spec != "__count"]
    groups = model.web_read_group(domain, fields, list(groupby), lazy=True)["groups"]
    for group in groups:
        group["__count"] = group.pop(f"{groupby[0].split(':')[0]}_count", group.get("__count"))
    return groups


def pivot_read_group(model, domain, groupby, aggregates, order=None):
    """A pivot or a graph (every level at once): the groups. ``order`` names aggregates by
    their spec (``"won_amount_percent:avg desc"``), as 19.0 does."""
    if ODOO_19:
        groups = model.formatted_read_group(domain, groupby, aggregates, order=order)
        return _named(groups, aggregates)
    fields = [spec for spec in aggregates if spec != "__count"]
    orderby = re.sub(r":\w+", "", order) if order else False
    return model.read_group(domain, fields, list(groupby), orderby=orderby, lazy=False)
