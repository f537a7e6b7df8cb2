# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One test or import of one file: read, prepared and written in batches, in savepoints.

:class:`ImportRun` is built from the :class:`~.options.ImportOptions` of the wizard and does
the whole run (:meth:`ImportRun.execute`), top-down:

1. the outer savepoint: a test, a refused file or an all-or-nothing import with errors is
   rolled back in full, so constraints are checked for real and nothing is left behind;
2. the file is read (:mod:`.read`), its header matched (:mod:`.header`), its rows grouped into
   records and batches (``tools/importer/parse``);
3. each batch: its references searched once (:mod:`.resolve`), each record prepared
   (:mod:`.prepare`), then written: one ``create(vals_list)`` in a savepoint; when the database
   refuses the batch, the guilty rows are found one savepoint each;
4. the run decides its :class:`~.history.Outcome` (state, what stays) and writes the history
   (:mod:`.history`), after the rollback.
"""

import logging
import time

import psycopg2

from odoo.exceptions import UserError

from ..compat import constraint_message
from ..tools.importer import parse
from . import history
from .header import Header, read_header
from .prepare import New, RecordPreparer
from .read import ImportFileError, file_error, read_rows
from .resolve import References

_logger = logging.getLogger(__name__)

BATCH_SIZE = 500
#: The column of the file that fills a field (stage rules name the column of an empty field).
FIELD_COLUMNS = {
    "name": "name",
    "partner_id": "partner",
    "amount": "amount",
    "probability": "probability",
    "date_deadline": "date_deadline",
    "user_id": "user",
    "collaborator_ids": "collaborators",
    "label_ids": "labels",
    "priority": "priority",
    "description": "description",
    "line_ids": "product",
}
#: Characters of rejected rows kept for the errors file, per import.
MAX_REJECTED_CHARS = 8_000_000


class ImportRun:
    """State of one test or import (not a model: lives for one request)."""

    def __init__(self, env, options, dry_run):
        self.env = env
        self.options = options
        self.dry_run = dry_run
        self.company = env.company
        context = {"default_company_id": self.company.id}
        if dry_run:
            # a test run shows the codes an import would give, without using them up
            context["opportunity_preview_codes"] = {}
        # the batches notify nobody: the responsibles hear once, at the end (_notify())
        context["opportunity_notify_assigned"] = False
        if not options.launch_stage_plans:
            context["opportunity_skip_stage_plans"] = True
        self.Opportunity = env["opportunity.opportunity"].with_context(**context)
        self.references = References(env, self.company)
        self.header = Header.empty()
        self.preparer = None  # a RecordPreparer, once the header is read
        self.errors = []  # dicts: row, column, message, row_values
        self.row_count = self.rejected_rows = self.rejected_chars = 0
        self.created = self.updated = env["opportunity.opportunity"]
        self.new_records = {}  # New.key() -> record created by an earlier batch

    def execute(self):
        """Test or import the file; return the history record (always written)."""
        start = time.monotonic()
        outer = self.env.cr.savepoint(flush=True)
        rolled_back = False
        try:
            with outer:
                state, kept = self._decide(refused=self._import_file())
                if kept:
                    self._notify()
                else:
                    outer.rollback()
                    rolled_back = True
        finally:
            if rolled_back:
                # the ORM cache may hold records that no longer exist
                self.env.invalidate_all()
        outcome = self._outcome(state, kept, time.monotonic() - start)
        return history.write_history(self.env, self.options, outcome)

    # -- the outcome ----------------------------------------------------

    def _decide(self, refused):
        """``(state, kept)``: the history's state, and whether what the run wrote stays."""
        if self.dry_run:
            return ("failed" if self.errors else "done"), False
        if refused or (self.errors and not self.options.import_valid_rows):
            return "failed", False  # all or nothing
        if self.errors:
            return ("partial" if self.created or self.updated else "failed"), True
        return "done", True

    def _outcome(self, state, kept, duration):
        counted = kept or self.dry_run  # counts of a dry run tell what an import would do
        return history.Outcome(
            mode="test" if self.dry_run else "import",
            state=state,
            row_count=self.row_count,
            created_count=len(self.created) if counted else 0,
            updated_count=len(self.updated) if counted else 0,
            rejected_count=self.rejected_rows,
            created_ids=self.created.ids if kept else [],
            updated_ids=self.updated.ids if kept else [],
            errors=self.errors,
            header=self.header.cells,
            column_notes=self.header.notes,
            duration=duration,
        )

    def _notify(self):
        """One message per responsible for the whole import (not one per batch of 500), when
        the user asks for it and what was created stays."""
        if self.options.notify_responsibles and self.created:
            self.created.with_context(opportunity_notify_assigned=True)._notify_responsibles()

    # -- reading --------------------------------------------------------

    def _import_file(self):
        """Read the file and write its records batch by batch. Return whether the file as a
        whole is refused (unreadable, empty, or a header the import cannot use)."""
        try:
            file_rows = iter(read_rows(self.env, self.options))
            self.header = read_header(self.env, self.options, file_rows)
            if self.header.problems:
                self.errors.extend(self.header.problems)
                return True
            self.preparer = RecordPreparer(self.env, self.options, self.Opportunity, self.header)
            reader = parse.RecordReader(file_rows, self.header.keys)
            for batch in parse.batches(reader, BATCH_SIZE):
                self._process_batch(batch)
            self.row_count = reader.row_count
            if not self.row_count:
                raise file_error(self.env, self.options, "no_data")
        except ImportFileError as error:
            self.errors.append({"row": 0, "column": "", "message": str(error), "row_values": None})
            return True
        return False

    def _process_batch(self, batch):
        # What the previous batches wrote is flushed (savepoints): forget it, so that the ORM
        # cache holds one batch, not the whole file (memory stays flat on 100,000 rows).
        self.env.invalidate_all()
        refs = self.references.resolve(batch)
        to_create, to_update = [], []
        for record in batch:
            vals = self.preparer.prepare(record, refs)
            if record.errors:
                self._reject(record)
            elif record.existing:
                if vals:
                    to_update.append((record, vals))
            else:
                to_create.append((record, vals))
        self._write(to_create, to_update)

    def _reject(self, record, extra=None):
        entries = list(record.errors) + ([extra] if extra else [])
        values = [[parse.json_cell(c) for c in cells] for __, cells in record.raw]
        self.rejected_chars += sum(len(str(cell)) for cells in values for cell in cells)
        if self.rejected_chars > MAX_REJECTED_CHARS:
            values = None  # the errors file keeps the messages, not every rejected cell
        for index, (row, column, message) in enumerate(entries):
            self.errors.append(
                {
                    "row": row,
                    "column": column,
                    "message": message,
                    "row_values": values if index == 0 else None,
                }
            )
        self.rejected_rows += len(record.raw)

    # -- writing --------------------------------------------------------

    def _write(self, to_create, to_update):
        cr = self.env.cr
        try:
            with cr.savepoint(flush=True):
                ready, created_refs = self._create_new([vals for __, vals in to_create + to_update])
                created = self.Opportunity.create(ready[: len(to_create)])
                for (record, __), vals in zip(to_update, ready[len(to_create) :], strict=True):
                    self._updating(record.existing).write(vals)
            self._keep(created_refs, created, [record.existing for record, __ in to_update])
            return
        except (UserError, psycopg2.Error) as error:
            # some row of the batch is refused: find which below
            _logger.debug("Import batch refused, rows retried one by one: %s", error)
        for record, vals in to_create + to_update:
            try:
                with cr.savepoint(flush=True):
                    (vals,), created_refs = self._create_new([vals])
                    if record.existing:
                        self._updating(record.existing).write(vals)
                        created = self.Opportunity
                    else:
                        created = self.Opportunity.create([vals])
                self._keep(created_refs, created, [record.existing] if record.existing else [])
            except (UserError, psycopg2.Error) as error:
                if getattr(error, "opportunity_missing_fields", None):
                    self._reject_stage_rule(record, error.opportunity_missing_fields)
                else:
                    self._reject(record, (record.row, "", self._error_text(error)))

    def _updating(self, opportunity):
        """``opportunity`` as the run writes it: without the stage's activity plans when the
        user turned them off (as for the opportunities it creates)."""
        if self.options.launch_stage_plans:
            return opportunity
        return opportunity.with_context(opportunity_skip_stage_plans=True)

    def _reject_stage_rule(self, record, missing):
        """A row whose stage requires fields it leaves empty: one error per empty field, in
        the column that would fill it."""
        ((stage, names),) = missing.values()
        fields = self.Opportunity._fields
        for name in names:
            key = FIELD_COLUMNS.get(name)
            column = self.header.label(key) if key else fields[name]._description_string(self.env)
            message = self.env._(
                'The stage "%(stage)s" requires this field: fill it in to import the row into '
                "that stage.",
                stage=stage,
            )
            record.errors.append((record.row, column, message))
        self._reject(record)

    def _keep(self, created_refs, created, updated):
        self.new_records.update(created_refs)
        self.created |= created.with_env(self.env)
        self.updated |= self.Opportunity.browse([o.id for o in updated]).with_env(self.env)

    def _create_new(self, vals_list):
        """Create the contacts and labels that the values name as :class:`New` (one ``create``
        per model). Return the values with their ids in place (copies: a rolled back batch
        must not leave ids of records that no longer exist) and ``{New.key(): record}``."""
        wanted = {}
        for vals in vals_list:
            for new in _placeholders(vals):
                if new.key() not in self.new_records:
                    wanted.setdefault(new.key(), new)
        created = {}
        for model in ("res.partner", "opportunity.label"):
            news = [new for new in wanted.values() if new.model == model]
            if news:
                records = self.env[model].create([_new_vals(new) for new in news])
                created.update(zip([new.key() for new in news], records, strict=True))
        known = {**self.new_records, **created}
        return [_with_ids(vals, known) for vals in vals_list], created

    def _error_text(self, error):
        if isinstance(error, psycopg2.Error):
            constraint = getattr(error.diag, "constraint_name", None) or ""
            for model in (self.Opportunity, self.env["opportunity.line"]):
                message = constraint_message(model, constraint)
                if message:
                    # the model's own constraint message, exported with the module's terms
                    return self.env._(message)
            return self.env._("The database refused the row: %(error)s", error=error.pgerror)
        return str(error.args[0] if error.args else error)


def _placeholders(vals):
    if isinstance(vals.get("partner_id"), New):
        yield vals["partner_id"]
    for command in vals.get("label_ids", ()):
        yield from (item for item in command[2] if isinstance(item, New))


def _with_ids(vals, known):
    """``vals`` with the ids of the records its :class:`New` placeholders stand for."""
    if not any(True for __ in _placeholders(vals)):
        return vals
    vals = dict(vals)
    if isinstance(vals.get("partner_id"), New):
        vals["partner_id"] = known[vals["partner_id"].key()].id
    if "label_ids" in vals:
        vals["label_ids"] = [
            (
                command[0],
                command[1],
                [known[i.key()].id if isinstance(i, New) else i for i in command[2]],
            )
            for command in vals["label_ids"]
        ]
    return vals


def _new_vals(new):
    vals = {"name": new.name}
    if new.model == "res.partner" and "@" in new.name:
        vals["email"] = new.name
    return vals
