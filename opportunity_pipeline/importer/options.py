# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The options of one import: a frozen value built once from the wizard.

:class:`ImportOptions` is all that the rest of the import knows of the wizard: the file (its
name and its bytes, decoded once), the row limit, the columns the user mapped, and the user's
choices (:data:`FLAGS`). Nothing below this module reads the wizard.
"""

import base64
import dataclasses

MAX_ROWS_PARAM = "opportunity_pipeline.import_max_rows"
DEFAULT_MAX_ROWS = 20000

#: The user's choices: each is a Boolean field of the wizard and a field of
#: :class:`ImportOptions`, of the same name, and is kept in the history's options (in this
#: order). A new choice is added in these three places, then used where it acts.
FLAGS = (
    "create_partners",
    "create_labels",
    "update_existing",
    "import_valid_rows",
    "notify_responsibles",
    "launch_stage_plans",
)


@dataclasses.dataclass(frozen=True)
class ImportOptions:
    """What one test or import reads: the file, its limits and the user's choices."""

    # -- the file ---------------------------------------------------------
    #: as the wizard has it (``False`` for a file without a name)
    file_name: str
    content: bytes = dataclasses.field(repr=False)
    max_rows: int
    #: the mapping step's lines, ``(index, header, key or None, how)`` in column order; empty
    #: when the step was not shown (the user's memory then maps the unknown headers)
    columns: tuple = ()

    # -- the user's choices (FLAGS) ---------------------------------------
    create_partners: bool = False
    create_labels: bool = False
    update_existing: bool = False
    import_valid_rows: bool = False
    notify_responsibles: bool = True
    #: off: the opportunities are created without the activity plans of their stage
    launch_stage_plans: bool = True

    @classmethod
    def from_wizard(cls, wizard):
        """The options of ``wizard`` (an ``opportunity.import.wizard``), read once."""
        wizard.ensure_one()
        return cls(
            file_name=wizard.file_name,
            content=base64.b64decode(wizard.file or b""),
            max_rows=max_rows(wizard.env),
            columns=tuple(column._mapping_entry() for column in wizard.column_ids),
            **{flag: wizard[flag] for flag in FLAGS},
        )

    def flags(self):
        """``{name: value}`` of the user's choices, in the order of :data:`FLAGS`."""
        return {flag: getattr(self, flag) for flag in FLAGS}


def max_rows(env):
    """The most rows one import accepts (the system parameter :data:`MAX_ROWS_PARAM`)."""
    # sudo: reading one technical setting; users may not read ir.config_parameter.
    value = env["ir.config_parameter"].sudo().get_param(MAX_ROWS_PARAM)
    try:
        return int(value) if value else DEFAULT_MAX_ROWS
    except ValueError:
        return DEFAULT_MAX_ROWS
