# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a run leaves behind: its :class:`Outcome`, written as an ``opportunity.import.history``.

The run decides its outcome (:meth:`.run.ImportRun.execute`): the state, whether what it wrote
stays, the counts. :func:`write_history` writes that outcome as it is, with the options of the
run and the file; it works nothing out again.
"""

import dataclasses
import json

from odoo import Command


@dataclasses.dataclass(frozen=True)
class Outcome:
    """How one test or import ended."""

    #: "test" (a dry run) or "import"
    mode: str
    #: the history's state: "done", "partial" (some rows rejected, the others kept) or "failed"
    state: str
    row_count: int
    #: what was (or, for a test, would be) created and updated
    created_count: int
    updated_count: int
    rejected_count: int
    #: the opportunities created and updated that stay (none when the run was rolled back)
    created_ids: list
    updated_ids: list
    #: ``{row, column, message, row_values}`` per problem
    errors: list
    #: the header row's texts and ``[header, key, how]`` per column read
    header: list
    column_notes: list
    duration: float


def write_history(env, options, outcome):
    """The ``opportunity.import.history`` of ``outcome``, with the options and the file."""
    return env["opportunity.import.history"]._create_with_file(
        {
            "file_name": options.file_name,
            "mode": outcome.mode,
            "date": env.cr.now(),
            "options": json.dumps(options.flags()),
            "row_count": outcome.row_count,
            "created_count": outcome.created_count,
            "updated_count": outcome.updated_count,
            "rejected_count": outcome.rejected_count,
            "duration": outcome.duration,
            "state": outcome.state,
            "header": outcome.header,
            "column_notes": outcome.column_notes,
            "error_ids": [Command.create(error) for error in outcome.errors],
            "created_opportunity_ids": [Command.set(outcome.created_ids)],
            "updated_opportunity_ids": [Command.set(outcome.updated_ids)],
        },
        options.content,
    )
