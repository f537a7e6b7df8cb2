# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""1.1.0: new internal users get "Opportunities: User: Own Documents Only" by default.

A fresh install gets it from ``security/opportunity_pipeline_security.xml`` (a ``noupdate``
function, which an upgrade skips); a database of an earlier version gets it here, once: the
administrator may take it out of the default access rights afterwards, and no later upgrade puts
it back. Only the default rights receive the group (18.0's template user, 19.0's template
group), not the existing internal users, whose rights the administrator has already chosen.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    api.Environment(cr, SUPERUSER_ID, {})["res.groups"]._opportunity_set_default_rights()
