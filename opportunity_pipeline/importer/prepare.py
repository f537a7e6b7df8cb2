# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""From the cells of one record to create/write values (the prepare step of a run).

:class:`RecordPreparer` turns a record of the file (``tools/importer/parse.Record``) into the
values of ``create``, or of ``write`` for an opportunity updated by code (only what changes),
with the references of its batch (:mod:`.resolve`). Its problems go to ``record.errors``,
worded by :mod:`.messages` and placed in the file's columns by the run's
:class:`~.header.Header`. Nothing here writes to the database: a contact or a label to create
is a :class:`New` placeholder, created by the run inside the savepoint of its batch.
"""

from odoo import Command
from odoo.tools import plaintext2html

from ..tools.importer import parse as import_parse
from ..tools.importer.parse import ParseError
from . import messages
from .resolve import match

MAX_MESSAGE_CHARS = 1000
NAME_MAX_LENGTH = 255


class New:
    """A contact or a label that a row needs and that does not exist yet."""

    __slots__ = ("model", "name")

    def __init__(self, model, name):
        self.model, self.name = model, name

    def key(self):
        return (self.model, self.name.casefold())


class RecordPreparer:
    """The values of the records of one run. ``Opportunity`` is the model as the run creates
    with it (its context); ``header`` names the columns of the messages."""

    def __init__(self, env, options, Opportunity, header):
        self.env = env
        self.options = options
        self.Opportunity = Opportunity
        self.header = header
        self.company = env.company
        self.seen_codes = {}  # code -> the row of the file that has it
        lang = env["res.lang"]._lang_get(env.lang or "en_US")
        self.separators = (
            (lang and lang.decimal_point) or ".",
            (lang and lang.thousands_sep) or ",",
        )
        self.can_create = {
            "res.partner": options.create_partners and env["res.partner"].has_access("create"),
            "opportunity.label": options.create_labels
            and env["opportunity.label"].has_access("create"),
        }
        self._default_pipeline = None

    def prepare(self, record, refs):
        """The values of ``record``; its problems go to ``record.errors``. For an opportunity
        updated by code, only what changes."""
        vals = {}
        self._prepare_code(record, refs, vals)
        self._prepare_name(record, vals)
        self._prepare_contact(record, refs, vals)
        self._prepare_pipeline(record, refs, vals)
        self._prepare_numbers(record, vals)
        self._prepare_people(record, refs, vals)
        self._prepare_labels(record, refs, vals)
        lines = self._prepare_lines(record, refs)
        if record.existing:
            return self._changes(record.existing, vals, lines)
        if lines:
            vals["line_ids"] = [Command.create(line) for line in lines]
        return vals

    def error(self, record, row, key, message):
        """A problem of ``record`` at ``row`` in the column ``key``: a :class:`ParseError` or a
        translated message."""
        if isinstance(message, ParseError):
            message = messages.cell_message(self.env, message)
        # messages echo cells: keep what is stored per error bounded
        record.errors.append((row, self.header.label(key), message[:MAX_MESSAGE_CHARS]))

    # -- one concern at a time ----------------------------------------------

    def _prepare_code(self, record, refs, vals):
        _, text = self.env._, import_parse.text
        cells, row = record.cells, record.row
        code = text(cells.get("code"))
        existing = None
        if code in self.seen_codes:
            self.error(
                record,
                row,
                "code",
                _(
                    "The code %(code)s is already used on row %(other)s of this file.",
                    code=code,
                    other=self.seen_codes[code],
                ),
            )
        elif code:
            self.seen_codes[code] = row
        if code and code in refs["taken"]:
            existing = refs["existing"].get(code)
            if not self.options.update_existing:
                message = _(
                    'An opportunity with the code %(code)s already exists: turn on "Update '
                    'existing opportunities by code" to update it.',
                    code=code,
                )
                self.error(record, row, "code", message)
            elif not existing:
                message = _("The opportunity %(code)s exists but you may not change it.", code=code)
                self.error(record, row, "code", message)
        elif code and not self.company.opportunity_code_editable:
            message = self.Opportunity._code_not_editable_message(
                self.company, text(cells.get("name"))
            )
            self.error(record, row, "code", message)
        elif code:
            vals["code"] = code
        record.existing = existing if self.options.update_existing else None

    def _prepare_name(self, record, vals):
        _, row = self.env._, record.row
        name = import_parse.text(record.cells.get("name"))
        if len(name) > NAME_MAX_LENGTH:
            message = _(
                "The name is %(length)s characters long; at most %(max)s are allowed.",
                length=len(name),
                max=NAME_MAX_LENGTH,
            )
            self.error(record, row, "name", message)
        if name:
            vals["name"] = name
        elif not record.existing:
            self.error(record, row, "name", _("The opportunity name is required."))

    def _prepare_contact(self, record, refs, vals):
        _, row = self.env._, record.row
        if "partner" not in record.cells:
            if not record.existing:
                self.error(record, row, "partner", _("The contact is required."))
            return
        value = import_parse.text(record.cells["partner"])
        found = match(refs["partner"], value)
        if len(found) == 1:
            vals["partner_id"] = found[0].id
            return
        if found:
            message = _(
                'Several contacts match "%(value)s": use a reference or an email.', value=value
            )
        elif self.can_create["res.partner"]:
            vals["partner_id"] = New("res.partner", value)
            return
        elif self.options.create_partners:
            message = _(
                'Unknown contact "%(value)s" (you are not allowed to create contacts).',
                value=value,
            )
        else:
            message = _(
                'Unknown contact "%(value)s" (searched by reference, email and exact name). '
                'Create it first or tick "Create missing contacts".',
                value=value,
            )
        self.error(record, row, "partner", message)

    def _prepare_pipeline(self, record, refs, vals):
        _, text, cells, row = self.env._, import_parse.text, record.cells, record.row
        if "pipeline" in cells:
            value = text(cells["pipeline"])
            pipeline = refs["pipelines"].get(value.casefold())
            if not pipeline:
                message = _('Unknown sales process "%(value)s".', value=value)
                self.error(record, row, "pipeline", message)
                return
            vals["pipeline_id"] = pipeline.id
        elif record.existing:
            pipeline = record.existing.pipeline_id
        else:
            pipeline = self._default_pipeline_for()
        if "stage" not in cells or not pipeline:
            return
        value = text(cells["stage"])
        stage = refs["stages"].get((pipeline.id, value.casefold()))
        if stage:
            vals["stage_id"] = stage.id
            return
        other = [s for (__, name), s in refs["stages"].items() if name == value.casefold()]
        if other:
            message = _(
                'The stage "%(stage)s" belongs to the sales process %(other)s, not to '
                "%(pipeline)s.",
                stage=value,
                other=other[0].pipeline_id.name,
                pipeline=pipeline.name,
            )
        else:
            message = _(
                'Unknown stage "%(stage)s" in the sales process %(pipeline)s.',
                stage=value,
                pipeline=pipeline.name,
            )
        self.error(record, row, "stage", message)

    def _default_pipeline_for(self):
        if self._default_pipeline is None:
            self._default_pipeline = self.Opportunity._get_preferred_pipeline()
        return self._default_pipeline

    def _parse(self, record, row, key, parse, value, *args, **kwargs):
        try:
            return parse(value, *args, **kwargs)
        except ParseError as error:
            self.error(record, row, key, error)
            return None

    def _prepare_numbers(self, record, vals):
        cells, row, parse = record.cells, record.row, import_parse
        conversions = {
            "amount": ("amount", parse.number, (self.separators,)),
            "probability": ("probability", parse.rate, (self.separators,)),
            "date_deadline": ("date_deadline", parse.date, ()),
            "priority": ("priority", parse.integer, (3,)),
        }
        for key, (field, function, args) in conversions.items():
            if key in cells:
                value = self._parse(record, row, key, function, cells[key], *args)
                if value is not None:
                    vals[field] = str(value) if key == "priority" else value
        if "description" in cells:
            vals["description"] = plaintext2html(import_parse.text(cells["description"]))

    def _prepare_people(self, record, refs, vals):
        _, cells, row = self.env._, record.cells, record.row
        if "user" in cells:
            value = import_parse.text(cells["user"])
            user = self._one(record, row, "user", refs["user"], value, _("user"))
            if user:
                vals["user_id"] = user.id
        if "collaborators" in cells:
            users = [
                self._one(record, row, "collaborators", refs["user"], value, _("user"))
                for value in import_parse.items(cells["collaborators"])
            ]
            vals["collaborator_ids"] = [Command.set([user.id for user in users if user])]

    def _prepare_labels(self, record, refs, vals):
        if "labels" not in record.cells:
            return
        _, labels = self.env._, []
        for value in import_parse.items(record.cells["labels"]):
            label = refs["labels"].get(value.casefold())
            if label:
                labels.append(label.id)
            elif self.can_create["opportunity.label"]:
                labels.append(New("opportunity.label", value))
            else:
                message = (
                    _('Unknown label "%(value)s".', value=value)
                    if self.env["opportunity.label"].has_access("create")
                    else _(
                        'Unknown label "%(value)s" (only administrators may create labels).',
                        value=value,
                    )
                )
                self.error(record, record.row, "labels", message)
        vals["label_ids"] = [Command.set(labels)]

    def _prepare_lines(self, record, refs):
        _, lines = self.env._, []
        for row, cells in record.lines:
            if "product" not in cells:
                self.error(record, row, "product", _("A product line needs a product."))
                continue
            value = import_parse.text(cells["product"])
            product = self._one(record, row, "product", refs["product"], value, _("product"))
            line = {"product_id": product and product.id}
            for key in ("quantity", "price_unit"):
                if key in cells:
                    number = self._parse(
                        record, row, key, import_parse.number, cells[key], self.separators
                    )
                    line[key] = number
            lines.append(line)
        return lines

    def _one(self, record, row, key, ref, value, what):
        found = match(ref, value)
        if len(found) == 1:
            return found[0]
        _ = self.env._
        if not found:
            self.error(record, row, key, _('Unknown %(what)s "%(value)s".', what=what, value=value))
        else:
            self.error(
                record,
                row,
                key,
                _(
                    'Several %(what)s match "%(value)s": use a reference or an email.',
                    what=what,
                    value=value,
                ),
            )
        return None

    # -- updates ---------------------------------------------------------

    def _changes(self, opportunity, vals, lines):
        """Only what differs from ``opportunity``: an unchanged row writes nothing."""
        changes = {}
        for field, value in vals.items():
            current = opportunity[field]
            if field in ("collaborator_ids", "label_ids"):
                ids = value[0][2]
                if any(isinstance(i, New) for i in ids) or set(ids) != set(current.ids):
                    changes[field] = value
            elif field == "description":
                if opportunity._html_text(value) != opportunity._html_text(current):
                    changes[field] = value
            elif field in ("partner_id", "pipeline_id", "stage_id", "user_id"):
                if isinstance(value, New) or value != current.id:
                    changes[field] = value
            elif field in ("amount", "probability"):
                if round(value - (current or 0.0), 6):
                    changes[field] = value
            elif value != current:
                changes[field] = value
        if lines and not self._same_lines(opportunity, lines):
            changes["line_ids"] = [Command.clear()] + [Command.create(line) for line in lines]
        if "line_ids" in changes or opportunity._value_from_lines():
            changes.pop("amount", None)  # the lines make the value (a rule of the model)
        return changes

    @staticmethod
    def _same_lines(opportunity, lines):
        current = [
            (line.product_id.id, line.quantity, line.price_unit) for line in opportunity.line_ids
        ]
        new = [
            (line["product_id"], line.get("quantity", 1.0), line.get("price_unit"))
            for line in lines
        ]
        return len(current) == len(new) and all(
            a[0] == b[0] and a[1] == b[1] and (b[2] is None or a[2] == b[2])
            for a, b in zip(current, new, strict=True)
        )
