# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.1.0: new internal users get "Opportunities: User: Own Documents Only" by default.

A fresh install gets it from ``security/opportunity_pipeline_security.xml`` (a ``noupdate``
record on ``base.default_user``, which an upgrade skips); a database of an earlier version gets
it here, once: the administrator may take it out of the default access rights afterwards, and
no later upgrade puts it back.

Only the template user receives the group (through the group's ``users``): writing the
template's ``groups_id`` would also give it to every existing internal user (base_setup's
"Default Access Rights"), whose rights the administrator has already chosen.
"""

from odoo import SUPERUSER_ID, Command, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref("base.default_user", raise_if_not_found=False)
    group = env.ref("opportunity_pipeline.group_opportunity_user", raise_if_not_found=False)
    if template and group:
        group.write({"users": [Command.link(template.id)]})
