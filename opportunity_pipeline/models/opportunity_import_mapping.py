# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The user's memory of the import's column mapping (``opportunity.import.mapping``): what they
chose for a column name of their own, proposed again for their next file."""

from odoo import api, fields, models

from ..compat import Constraint
from ..tools.importer import mapping as import_mapping
from ..tools.importer.columns import COLUMNS

#: The import columns a file's column may go to, and "Do not import".
COLUMN_SELECTION = [(column.key, column.english) for column in COLUMNS] + [
    ("skip", "Do not import")
]


class OpportunityImportMapping(models.Model):
    """What a user chose for a column name of their files, remembered for their next import
    (as Odoo's ``base_import.mapping`` remembers the mappings of the standard import; ours
    belong to one user: one person's names for columns are not another's)."""

    _name = "opportunity.import.mapping"
    _description = "Remembered Import Column"
    _order = "header"
    _rec_name = "header"

    user_id = fields.Many2one(
        "res.users",
        required=True,
        default=lambda self: self.env.user,
        ondelete="cascade",
        index=True,
    )
    header = fields.Char(
        string="Column Name",
        required=True,
        help="The column name of the file, without case, extra spaces or accent composition.",
    )
    column_key = fields.Selection(COLUMN_SELECTION, string="Imported As", required=True)

    _user_header_unique = Constraint(
        "UNIQUE(user_id, header)",
        "A column name is remembered once per user.",
    )

    @api.model
    def _remembered(self):
        """``{header: key or None}`` of the current user (``None``: not imported)."""
        mappings = self.search_fetch([("user_id", "=", self.env.uid)], ["header", "column_key"])
        return {
            mapping.header: None if mapping.column_key == "skip" else mapping.column_key
            for mapping in mappings
        }

    @api.model
    def _remember(self, choices):
        """Remember ``{header: key}`` (file's names, ``skip`` for not imported) for the
        current user: a name seen before takes the new choice."""
        wanted = {}
        for header, key in choices.items():
            if memory_key := import_mapping.memory_key(header):
                wanted[memory_key] = key
        if not wanted:
            return self
        existing = self.search([("user_id", "=", self.env.uid), ("header", "in", list(wanted))])
        for mapping in existing:
            if mapping.column_key != wanted[mapping.header]:
                mapping.column_key = wanted[mapping.header]
        known = set(existing.mapped("header"))
        return existing | self.create(
            [
                {"user_id": self.env.uid, "header": header, "column_key": key}
                for header, key in wanted.items()
                if header not in known
            ]
        )
