# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One source for Odoo 18.0 and 19.0: every API that differs between the two series, in one room.

The rest of the code (and the bridges, and the tests) imports these names instead of testing the
series itself, so a feature is written once. A name here says what it is on both series:

- ``ODOO_19``: true on 19.0 and later;
- ``Constraint``: a SQL constraint declared as a model attribute, 19.0's ``models.Constraint``;
  on 18.0 the same declaration becomes an entry of the class's ``_sql_constraints`` (same name in
  the database, same message, so translations and existing databases carry over);
- ``USER_GROUPS`` / ``GROUP_USERS``: ``res.users`` → groups and ``res.groups`` → users fields
  (``groups_id`` / ``users`` on 18.0, ``group_ids`` / ``user_ids`` on 19.0);
- ``domain_and`` / ``domain_or`` / ``is_leaf``: domain helpers (``odoo.osv.expression`` on 18.0,
  ``odoo.fields.Domain`` on 19.0, where the former is deprecated);
- ``constraint_message``: the message of a model's SQL constraint, by its database name;
- ``QWebError``: what a failing QWeb template raises;
- ``COMPANY_MISMATCH``: a pattern of the error of a ``check_company`` field given a record of
  another company ("Incompatible companies" on 18.0, "company inconsistencies" on 19.0);
- ``INSERT_BATCH_SIZE``: how many rows the ORM inserts per statement (query budgets);
- ``Transaction``: the ORM's transaction object (tests that open their own cursors).
"""

from odoo import models, release

ODOO_19 = release.version_info[:2] >= (19, 0)
SERIES = f"{release.version_info[0]}.{release.version_info[1]}"

if ODOO_19:
    from odoo.addons.base.models.ir_qweb import QWebError
    from odoo.fields import Domain
    from odoo.orm.environments import Transaction
    from odoo.orm.models import INSERT_BATCH_SIZE

    Constraint = models.Constraint
    USER_GROUPS = "group_ids"
    GROUP_USERS = "user_ids"
    COMPANY_MISMATCH = "company inconsistencies"

    def domain_and(domains):
        return list(Domain.AND(domains))

    def domain_or(domains):
        return list(Domain.OR(domains))

    def is_leaf(element):
        return isinstance(element, (list, tuple)) and len(element) == 3

else:
    from odoo.addons.base.models.ir_qweb import QWebException as QWebError
    from odoo.api import Transaction
    from odoo.models import INSERT_BATCH_SIZE
    from odoo.osv import expression

    USER_GROUPS = "groups_id"
    GROUP_USERS = "users"
    COMPANY_MISMATCH = "Incompatible companies"
    domain_and = expression.AND
    domain_or = expression.OR
    is_leaf = expression.is_leaf

    class Constraint:
        """19.0's ``models.Constraint`` on 18.0: ``_name = Constraint(definition, message)``
        appends ``(name, definition, message)`` to the class's own ``_sql_constraints``."""

        def __init__(self, definition, message=""):
            self.definition = definition
            self.message = message

        def __set_name__(self, owner, name):
            entry = (name[1:], self.definition, self.message)
            owner._sql_constraints = [*owner.__dict__.get("_sql_constraints", []), entry]


def constraint_message(model, name):
    """The message of ``model``'s SQL constraint whose database name is ``name``, or ``None``."""
    if ODOO_19:
        constraint = model._table_objects.get(name)
        return constraint.message if isinstance(constraint, models.Constraint) else None
    for key, __, message in model._sql_constraints:
        if name == f"{model._table}_{key}":
            return message
    return None


__all__ = [
    "COMPANY_MISMATCH",
    "GROUP_USERS",
    "INSERT_BATCH_SIZE",
    "ODOO_19",
    "SERIES",
    "USER_GROUPS",
    "Constraint",
    "QWebError",
    "Transaction",
    "constraint_message",
    "domain_and",
    "domain_or",
    "is_leaf",
]
