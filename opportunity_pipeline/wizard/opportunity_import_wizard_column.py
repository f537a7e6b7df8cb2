# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One column of the file in the import's mapping step
(``opportunity.import.wizard.column``): where it goes, and how it was proposed."""

from odoo import fields, models

from ..models.opportunity_import_mapping import COLUMN_SELECTION


class OpportunityImportWizardColumn(models.TransientModel):
    """One column of the file in the mapping step of the import: where it goes."""

    _name = "opportunity.import.wizard.column"
    _description = "Import Column Mapping"
    _order = "wizard_id, sequence"

    wizard_id = fields.Many2one(
        "opportunity.import.wizard", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(help="Technical: the index of the column in the file (A is 0).")
    column_letter = fields.Char(string="Column", readonly=True)
    header = fields.Char(string="Name in the File", readonly=True)
    sample = fields.Char(string="First Value", readonly=True)
    column_key = fields.Selection(
        COLUMN_SELECTION,
        string="Imported As",
        required=True,
        default="skip",
        help="The field this column fills; your choice for a column name of your own is "
        "remembered for your next imports.",
    )
    proposed_key = fields.Selection(COLUMN_SELECTION, string="Proposed As", readonly=True)
    match = fields.Selection(
        [
            ("exact", "Recognised"),
            ("accents", "Recognised (accents ignored)"),
            ("remembered", "Remembered"),
            ("guess", "Suggested"),
            ("unknown", "Not recognised"),
            ("duplicate", "Repeated"),
        ],
        string="Found",
        readonly=True,
    )

    def _mapping_entry(self):
        """``(index, header, key or None, how)`` for ``import_columns.read_header``."""
        self.ensure_one()
        key = None if self.column_key == "skip" else self.column_key
        if self.column_key == self.proposed_key and self.match in ("exact", "accents"):
            how = self.match
        elif self.column_key == self.proposed_key and self.match == "remembered":
            how = "remembered"
        else:
            how = "chosen"
        return self.sequence, self.header, key, how
