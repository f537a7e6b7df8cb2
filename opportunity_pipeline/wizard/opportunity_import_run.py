"""One test or import of one file: records resolved in batches and written in savepoints.

The file is read by ``tools/import_readers`` and its rows grouped into records by
``tools/import_parse``; this module is the database side:

* :meth:`ImportRun._resolve`: one search per referenced model and batch (contacts, users,
  labels, products, codes), sales processes and stages once per run;
* ``_prepare_*``: a record's cells turned into ``create``/``write`` values, one method per
  concern. Preparing writes nothing: a contact or a label to create is a :class:`New`
  placeholder, created inside the savepoint of the batch that needs it, so that a rejected row
  leaves nothing behind;
* :meth:`ImportRun._write`: one ``create(vals_list)`` per batch in a savepoint; when the
  database refuses the batch, the guilty rows are found one savepoint each.
"""

import json
import logging

import psycopg2

from odoo import Command
from odoo.exceptions import UserError

from ..tools import import_parse, import_readers
from ..tools.import_columns import read_header
from ..tools.import_parse import ParseError, RecordReader, batches
from . import opportunity_import_messages as messages
from .opportunity_import_prepare import New, RecordPreparer

_logger = logging.getLogger(__name__)

BATCH_SIZE = 500
NAME_MAX_LENGTH = 255
MAX_MESSAGE_CHARS = 1000
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


class ImportFileError(Exception):
    """The file as a whole cannot be imported; carries a translated message."""


class ImportRun(RecordPreparer):
    """State of one test or import (not a model: lives for one request)."""

    def __init__(self, wizard, dry_run):
        self.wizard = wizard
        self.env = env = wizard.env
        self.dry_run = dry_run
        self.company = env.company
        context = {"default_company_id": self.company.id}
        if dry_run:
            # a test run shows the codes an import would give, without using them up
            context["opportunity_preview_codes"] = {}
        # the batches notify nobody: the responsibles hear once, at the end (notify())
        context["opportunity_notify_assigned"] = False
        self.Opportunity = env["opportunity.opportunity"].with_context(**context)
        self.errors = []  # dicts: row, column, message, row_values
        self.header, self.keys, self.column_notes = [], [], []
        self.row_count = self.rejected_rows = self.rejected_chars = 0
        self.created = self.updated = env["opportunity.opportunity"]
        self.rolled_back = self.fatal = False
        self.seen_codes = {}
        self.new_records = {}  # New.key() -> record created by an earlier batch
        self.labels = {}  # casefolded name -> label
        lang = env["res.lang"]._lang_get(env.lang or "en_US")
        self.separators = (
            (lang and lang.decimal_point) or ".",
            (lang and lang.thousands_sep) or ",",
        )
        self.can_create = {
            "res.partner": wizard.create_partners and env["res.partner"].has_access("create"),
            "opportunity.label": wizard.create_labels
            and env["opportunity.label"].has_access("create"),
        }
        self._default_pipeline = self._pipeline_refs = None

    # -- errors -------------------------------------------------------

    def file_error(self, message, row=0, column=""):
        self.errors.append({"row": row, "column": column, "message": message, "row_values": None})

    def error(self, record, row, key, message):
        if isinstance(message, ParseError):
            message = messages.cell_message(self.env, message)
        # messages echo cells: keep what is stored per error bounded
        record.errors.append((row, self.label(key), message[:MAX_MESSAGE_CHARS]))

    def label(self, key):
        """A column named as the file names it (or in English when the file has no such
        column)."""
        if key in self.keys:
            return self.header[self.keys.index(key)].strip()
        return messages.column_label(key)

    def reject(self, record, extra=None):
        entries = list(record.errors) + ([extra] if extra else [])
        values = [[import_parse.json_cell(c) for c in cells] for __, cells in record.raw]
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

    # -- main loop ----------------------------------------------------

    def execute(self, rows):
        rows = iter(rows)
        for number, row in rows:
            if any(cell not in (None, "") for cell in row):
                self._read_header(number, row)
                break
        else:
            raise ImportFileError(self._file_message("empty"))
        if self.errors:
            self.fatal = True
            return
        reader = RecordReader(rows, self.keys)
        for batch in batches(reader, BATCH_SIZE):
            self._process_batch(batch)
        self.row_count = reader.row_count
        if not self.row_count:
            raise ImportFileError(self._file_message("no_data"))

    def _file_message(self, reason):
        error = import_readers.ReadError(reason)
        return messages.file_message(self.env, error, self.wizard.file_name)

    def _read_header(self, number, row):
        optional = ("partner",) if self.wizard.update_existing else ()
        mapping = self.wizard._column_mapping(row)
        self.keys, matches, problems = read_header(row, optional, mapping)
        self.header = ["" if cell is None else str(cell) for cell in row[: len(self.keys)]]
        for problem in problems:
            message = messages.header_message(self.env, problem, messages.column_label)
            self.file_error(message, row=number, column=problem.params.get("column", ""))
        self.column_notes = [[match.header, match.key, match.how] for match in matches]

    def _process_batch(self, batch):
        # What the previous batches wrote is flushed (savepoints): forget it, so that the ORM
        # cache holds one batch, not the whole file (memory stays flat on 100,000 rows).
        self.env.invalidate_all()
        refs = self._resolve(batch)
        to_create, to_update = [], []
        for record in batch:
            vals = self._prepare(record, refs)
            if record.errors:
                self.reject(record)
            elif record.existing:
                if vals:
                    to_update.append((record, vals))
            else:
                to_create.append((record, vals))
        self._write(to_create, to_update)

    # -- writing -------------------------------------------------------

    def _write(self, to_create, to_update):
        cr = self.env.cr
        try:
            with cr.savepoint(flush=True):
                ready, created_refs = self._create_new([vals for __, vals in to_create + to_update])
                created = self.Opportunity.create(ready[: len(to_create)])
                for (record, __), vals in zip(to_update, ready[len(to_create) :], strict=True):
                    record.existing.write(vals)
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
                        record.existing.write(vals)
                        created = self.Opportunity
                    else:
                        created = self.Opportunity.create([vals])
                self._keep(created_refs, created, [record.existing] if record.existing else [])
            except (UserError, psycopg2.Error) as error:
                if getattr(error, "opportunity_missing_fields", None):
                    self._reject_stage_rule(record, error.opportunity_missing_fields)
                else:
                    self.reject(record, (record.row, "", self._error_text(error)))

    def _reject_stage_rule(self, record, missing):
        """A row whose stage requires fields it leaves empty: one error per empty field, in
        the column that would fill it."""
        ((stage, names),) = missing.values()
        fields = self.Opportunity._fields
        for name in names:
            key = FIELD_COLUMNS.get(name)
            column = self.label(key) if key else fields[name]._description_string(self.env)
            message = self.env._(
                'The stage "%(stage)s" requires this field: fill it in to import the row into '
                "that stage.",
                stage=stage,
            )
            record.errors.append((record.row, column, message))
        self.reject(record)

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
                for name, __, message in model._sql_constraints:
                    if constraint == f"{model._table}_{name}":
                        # the model's own constraint message, exported with the module's terms
                        return self.env._(message)
            return self.env._("The database refused the row: %(error)s", error=error.pgerror)
        return str(error.args[0] if error.args else error)

    def notify(self):
        """One message per responsible for the whole import (not one per batch of 500), when
        the wizard says so and what was created stays."""
        if self.wizard.notify_responsibles and not self.rolled_back and self.created:
            self.created.with_context(opportunity_notify_assigned=True)._notify_responsibles()

    # -- history ---------------------------------------------------------

    def write_history(self, duration):
        wizard = self.wizard
        if self.dry_run:
            state = "failed" if self.errors else "done"
        elif self.rolled_back:
            state = "failed"
        elif self.errors:
            state = "partial" if (self.created or self.updated) else "failed"
        else:
            state = "done"
        kept = not self.rolled_back
        options = {
            name: wizard[name]
            for name in (
                "create_partners",
                "create_labels",
                "update_existing",
                "import_valid_rows",
                "notify_responsibles",
            )
        }
        counted = kept or self.dry_run  # counts of a dry run tell what an import would do
        return self.env["opportunity.import.history"]._create_with_file(
            {
                "file_name": wizard.file_name,
                "mode": "test" if self.dry_run else "import",
                "date": self.env.cr.now(),
                "options": json.dumps(options),
                "row_count": self.row_count,
                "created_count": len(self.created) if counted else 0,
                "updated_count": len(self.updated) if counted else 0,
                "rejected_count": self.rejected_rows,
                "duration": duration,
                "state": state,
                "header": self.header,
                "column_notes": self.column_notes,
                "error_ids": [Command.create(error) for error in self.errors],
                "created_opportunity_ids": [Command.set(self.created.ids if kept else [])],
                "updated_opportunity_ids": [Command.set(self.updated.ids if kept else [])],
            },
            wizard._file_content(),
        )


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
