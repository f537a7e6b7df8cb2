# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The company's opportunity codes: pattern, padding, yearly or monthly restart, codes without
gaps, one counter per process; and the counter sequences, drawn for a batch in one query."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..compat import Constraint
from ..tools.code_pattern import MAX_PADDING, PatternError, check_pattern, check_restart, period

DEFAULT_CODE_PATTERN = "CH{YY}{MM}-{COUNTER}"
#: ir.sequence code of a sales process's own counter (with the process's id)
PIPELINE_COUNTER_CODE = "opportunity.opportunity.counter.%s"


class ResCompany(models.Model):
    _inherit = "res.company"

    opportunity_code_pattern = fields.Char(
        default=DEFAULT_CODE_PATTERN,
        required=True,
        help="Keywords between braces are replaced when an opportunity is created, "
        "e.g. CH{YY}{MM}-{COUNTER} gives CH2611-0007.",
    )
    opportunity_code_padding = fields.Integer(
        string="Counter Digits",
        default=4,
        help="The counter is padded with zeros to this many digits.",
    )
    opportunity_code_editable = fields.Boolean(
        string="Allow Editing Opportunity Codes",
        help="When off, codes are always generated and nobody can type or change them.",
    )
    opportunity_code_restart = fields.Selection(
        [("never", "Never"), ("year", "Each year"), ("month", "Each month")],
        string="Counter Restarts",
        default="never",
        required=True,
        help="Each year (or month), the counter starts again at the start value: with the year "
        "in the pattern, codes such as CH2026-0001 never repeat.",
    )
    opportunity_code_start = fields.Integer(
        string="Counter Start",
        default=1,
        help="The counter value of the first opportunity of each year or month, when the "
        "counter restarts.",
    )
    opportunity_code_no_gap = fields.Boolean(
        string="Codes Without Gaps",
        help="Counter values are only used by opportunities that are saved: a cancelled "
        "import or a failed save gives its numbers back. The price: opportunities of the "
        "company are numbered one transaction at a time (a long import makes other users' "
        "new opportunities wait until it ends).",
    )
    opportunity_code_per_pipeline = fields.Boolean(
        string="One Counter per Sales Process",
        help="With {PIPELINE} in the code structure, each sales process counts on its own "
        "(SALE-0001, ERP-0001...), starting at the counter start, with the same restarts.",
    )
    opportunity_sequence_id = fields.Many2one(
        "ir.sequence",
        string="Opportunity Counter",
        copy=False,
        help="Technical sequence behind the {COUNTER} keyword.",
    )

    _opportunity_code_padding_range = Constraint(
        f"CHECK(opportunity_code_padding >= 0 AND opportunity_code_padding <= {MAX_PADDING})",
        "The number of counter digits must be between 0 and 12.",
    )

    @api.constrains(
        "opportunity_code_pattern",
        "opportunity_code_restart",
        "opportunity_code_start",
        "opportunity_code_per_pipeline",
    )
    def _check_opportunity_code_pattern(self):
        for company in self:
            if company.opportunity_code_start < 0:
                raise ValidationError(self.env._("The counter start cannot be negative."))
            try:
                check_pattern(company.opportunity_code_pattern)
                check_restart(company.opportunity_code_pattern, company.opportunity_code_restart)
            except PatternError as error:
                raise ValidationError(self._opportunity_pattern_error_message(error)) from None
            if company.opportunity_code_per_pipeline and "{PIPELINE}" not in (
                company.opportunity_code_pattern or ""
            ):
                raise ValidationError(
                    self.env._(
                        "One counter per sales process needs {PIPELINE} in the code structure: "
                        "otherwise two processes would give the same code."
                    )
                )

    @api.model
    def _opportunity_pattern_error_message(self, error):
        if error.reason == "unknown":
            return self.env._(
                "The code pattern uses the unknown keyword {%(keyword)s}. "
                "Use only the keywords listed in the settings.",
                keyword=error.keyword,
            )
        if error.reason == "no_counter":
            return self.env._(
                "The code pattern must contain {COUNTER}, otherwise two opportunities "
                "would get the same code."
            )
        if error.reason == "restart_needs_year":
            return self.env._(
                "A counter that restarts needs the year in the code pattern ({YYYY} or {YY}), "
                "otherwise the codes of two years would be the same."
            )
        if error.reason == "restart_needs_month":
            return self.env._(
                "A counter that restarts each month needs the month in the code pattern ({MM}), "
                "otherwise the codes of two months would be the same."
            )
        if error.reason == "brace":
            return self.env._(
                "The code pattern has an unmatched brace: write keywords as {KEYWORD}."
            )
        return self.env._("The code pattern cannot be empty.")

    # ------------------------------------------------------------
    # Counter
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # The counter exists before the company's first opportunity: concurrent first creates
        # must share one sequence (a lazily created one would give each of them counter 0).
        companies._opportunity_ensure_sequences()
        companies._opportunity_ensure_pipeline_sequences()
        return companies

    def write(self, vals):
        result = super().write(vals)
        if "opportunity_code_no_gap" in vals:
            for company in self:
                for sequence in company._opportunity_sequences():
                    company._opportunity_set_counter_implementation(
                        sequence, company.opportunity_code_no_gap
                    )
        if {"opportunity_code_per_pipeline", "opportunity_code_pattern"} & set(vals):
            self._opportunity_ensure_pipeline_sequences()
        if "opportunity_code_restart" in vals:
            for company in self:
                # sudo: the company's own technical counters (see _opportunity_sequence)
                company._opportunity_sequences().sudo().use_date_range = (
                    company.opportunity_code_restart != "never"
                )
        return result

    @api.model
    def _opportunity_init_counters(self):
        """Module data (install and upgrade): the companies that exist get their counter."""
        # every company, archived ones too: a handful of rows, read once per install/upgrade
        companies = self.sudo().with_context(active_test=False).search([])  # pylint: disable=no-search-all
        companies._opportunity_ensure_sequences()
        return True

    def _opportunity_ensure_sequences(self):
        """Give every company of ``self`` its counter sequence (see ``create``)."""
        for company in self.filtered(lambda c: not c.sudo().opportunity_sequence_id):
            company._opportunity_sequence()

    def _opportunity_counter_pipeline(self, pipeline):
        """The sales process whose own counter numbers ``pipeline``'s opportunities: itself
        when the company counts per process (and its pattern names the process), else none."""
        return pipeline if self._opportunity_counts_per_pipeline() else pipeline.browse()

    def _opportunity_counts_per_pipeline(self):
        self.ensure_one()
        pattern = self.opportunity_code_pattern or ""
        return self.opportunity_code_per_pipeline and "{PIPELINE}" in pattern

    def _opportunity_ensure_pipeline_sequences(self, pipelines=None):
        """Make the process counters of the companies of ``self`` that count per process (for
        ``pipelines``, else every process they use) before their first opportunities: two of
        them created at the same time must share one counter."""
        Pipeline = self.env["opportunity.pipeline"].sudo().with_context(active_test=False)
        for company in self:
            if not company._opportunity_counts_per_pipeline():
                continue
            used = pipelines or Pipeline.search([("company_id", "in", [False, company.id])])
            for pipeline in used.filtered(lambda p, c=company: p.company_id in (c, p.browse())):
                company._opportunity_pipeline_sequence(pipeline)

    def _opportunity_sequences(self):
        """Every counter of the company: its own and those of its sales processes."""
        self.ensure_one()
        # sudo: the company's own technical counters (see _opportunity_sequence)
        return self._opportunity_sequence() | self.env["ir.sequence"].sudo().search(
            [("code", "=like", PIPELINE_COUNTER_CODE % "%"), ("company_id", "=", self.id)]
        )

    def _opportunity_sequence(self, pipeline=None):
        """Return the company's counter sequence (or its ``pipeline``'s own), creating it if it
        is missing.

        The counter may start at 0 while a PostgreSQL sequence starts at 1: the sequence holds the
        counter plus one (see ``_opportunity_draw_counters``).
        """
        self.ensure_one()
        if pipeline:
            return self._opportunity_pipeline_sequence(pipeline)
        # sudo: ir.sequence and res.company are technical records that plain users may not write;
        # only the company's own counter is read or created here.
        company = self.sudo()
        if not company.opportunity_sequence_id:
            # Missing (deleted by hand, or a company older than the module's data): lock the
            # company row so that two transactions cannot each create a counter. The one that
            # waited gets a serialization failure, which Odoo's RPC layer retries; the retry
            # finds the counter.
            self.env.cr.execute(
                SQL(
                    "SELECT opportunity_sequence_id FROM res_company WHERE id = %s "
                    "FOR NO KEY UPDATE",
                    company.id,
                )
            )
            company.invalidate_recordset(["opportunity_sequence_id"])
        if not company.opportunity_sequence_id:
            company.opportunity_sequence_id = company._opportunity_new_sequence()
        return company.opportunity_sequence_id

    def _opportunity_new_sequence(self):
        """A new counter sequence of the company, at the counter's 0 (see
        ``_opportunity_sequence``, which calls it on the company locked in sudo)."""
        self.ensure_one()
        # sudo: the company's own technical counter (see _opportunity_sequence)
        return (
            self.env["ir.sequence"]
            .sudo()
            .create(
                {
                    "name": self.env._("Opportunity counter (%(company)s)", company=self.name),
                    "code": "opportunity.opportunity.counter",
                    "implementation": "no_gap" if self.opportunity_code_no_gap else "standard",
                    "number_next": 1,
                    "number_increment": 1,
                    "padding": 0,
                    "company_id": self.id,
                }
            )
        )

    def _opportunity_pipeline_sequence(self, pipeline):
        """The counter of ``pipeline`` in this company, made at its first opportunity: it
        starts at the company's counter start (with a year or month restart, the ranges do)."""
        # sudo: the company's own technical counters (see _opportunity_sequence)
        company, Sequence = self.sudo(), self.env["ir.sequence"].sudo()
        domain = [("code", "=", PIPELINE_COUNTER_CODE % pipeline.id), ("company_id", "=", self.id)]
        sequence = Sequence.search(domain, limit=1)
        if sequence:
            return sequence
        # Made beforehand (see _opportunity_ensure_pipeline_sequences); else, of two concurrent
        # transactions, the second one to update the company row gets a serialization failure,
        # which Odoo's RPC layer retries: the retry finds the counter.
        self.env.cr.execute(
            SQL("UPDATE res_company SET write_date = write_date WHERE id = %s", self.id)
        )
        return Sequence.search(domain, limit=1) or Sequence.create(
            {
                "name": self.env._(
                    "Opportunity counter (%(company)s, %(pipeline)s)",
                    company=company.name,
                    pipeline=pipeline.name,
                ),
                "code": PIPELINE_COUNTER_CODE % pipeline.id,
                "implementation": "no_gap" if company.opportunity_code_no_gap else "standard",
                "number_next": company.opportunity_code_start + 1,
                "number_increment": 1,
                "padding": 0,
                "use_date_range": company.opportunity_code_restart != "never",
                "company_id": company.id,
            }
        )

    @api.model
    def _opportunity_set_counter_implementation(self, sequence, no_gap):
        """Switch a counter sequence (and its yearly/monthly ranges) between a PostgreSQL
        sequence (``standard``: concurrent, rollbacks leave holes) and a row of its own
        (``no_gap``: one transaction at a time, rollbacks give the numbers back), keeping
        every next value as it is."""
        # sudo: the company's own technical counter (see _opportunity_sequence)
        sequence = sequence.sudo()
        implementation = "no_gap" if no_gap else "standard"
        if sequence.implementation == implementation:
            return
        ranges = sequence.date_range_ids
        # the rows' number_next are stale while a PostgreSQL sequence counts: copy them first
        counters = [sequence, *ranges]
        for counter in counters:
            # read from the PostgreSQL sequences, not from values cached earlier
            counter.invalidate_recordset(["number_next_actual"])
        next_values = {counter: counter.number_next_actual for counter in counters}
        for counter, value in next_values.items():
            counter.number_next = value
        sequence.implementation = implementation
        if implementation == "standard":
            # Odoo starts every range's new PostgreSQL sequence at the parent's value
            for counter_range in ranges:
                counter_range._alter_sequence(number_next=next_values[counter_range])

    def _opportunity_draw_counters(self, count, preview=None, pipeline=None):
        """Draw ``count`` consecutive counter values in one query (concurrency-safe).

        ``preview`` (a dict, for a dry run) gives the values the next real draws would give,
        consuming nothing: PostgreSQL sequences ignore rollbacks, and codes are numbers
        accountants read, so a test run must not leave holes. The dict remembers, per counter,
        where the previous preview batch of the same run stopped. ``pipeline``: the process
        whose own counter is drawn (see ``_opportunity_counter_pipeline``).
        """
        self.ensure_one()
        if count <= 0:
            return []
        pipeline = pipeline or self.env["opportunity.pipeline"]
        if preview is not None:
            key = (self.id, pipeline.id)
            start = preview.get(key)
            if start is None:
                start = self._opportunity_next_counter(pipeline=pipeline)
            preview[key] = start + count
            return list(range(start, start + count))
        sequence = self._opportunity_sequence(pipeline)
        counter_range = self._opportunity_counter_range(create=True, pipeline=pipeline)
        if sequence.implementation != "standard":
            return self._opportunity_draw_row_counters((counter_range or sequence).sudo(), count)
        if sequence.number_increment != 1:
            # Someone changed the technical sequence's step: stay correct, one by one.
            draw = counter_range._next if counter_range else sequence._next
            return [int(draw()) - 1 for _i in range(count)]
        name = f"ir_sequence_{sequence.id:03d}"
        if counter_range:
            name += f"_{counter_range.id:03d}"
        self.env.cr.execute(SQL("SELECT nextval(%s) FROM generate_series(1, %s)", name, count))
        return [row[0] - 1 for row in self.env.cr.fetchall()]

    @api.model
    def _opportunity_draw_row_counters(self, row, count):
        """Codes without gaps: ``count`` numbers of the counter ``row`` (an ``ir.sequence`` or
        its ``ir.sequence.date_range``) in one update of its row, which stays locked until the
        transaction ends (a rollback gives the numbers back)."""
        row.flush_recordset(["number_next"])
        self.env.cr.execute(
            SQL(
                "UPDATE %s SET number_next = number_next + %s WHERE id = %s RETURNING number_next",
                SQL.identifier(row._table),
                count,
                row.id,
            )
        )
        end = self.env.cr.fetchone()[0]
        row.invalidate_recordset(["number_next", "number_next_actual"])
        return list(range(end - count - 1, end - 1))

    def _opportunity_counter_range(self, create=False, restart=None, pipeline=None):
        """The ``ir.sequence.date_range`` of today's period when the counter restarts each year
        or month (``None`` otherwise); with ``create``, made when missing, starting at the
        company's counter start."""
        self.ensure_one()
        restart = restart or self.opportunity_code_restart
        bounds = period(fields.Date.context_today(self), restart)
        if not bounds:
            return None
        # sudo: the company's own technical counter (see _opportunity_sequence)
        sequence = self._opportunity_sequence(pipeline).sudo()
        Range = self.env["ir.sequence.date_range"].sudo()
        domain = [
            ("sequence_id", "=", sequence.id),
            ("date_from", "=", bounds[0]),
            ("date_to", "=", bounds[1]),
        ]
        counter_range = Range.search(domain, limit=1)
        if counter_range or not create:
            return counter_range or None
        # The first code of a period: a real update of the sequence row serialises two
        # transactions creating the same period (the second one is retried and finds it).
        self.env.cr.execute(
            SQL("UPDATE ir_sequence SET write_date = now() WHERE id = %s", sequence.id)
        )
        counter_range = Range.create(
            {"sequence_id": sequence.id, "date_from": bounds[0], "date_to": bounds[1]}
        )
        # Odoo creates the range's PostgreSQL sequence at 1: move it to the counter start
        counter_range.write({"number_next": self.opportunity_code_start + 1})
        return counter_range

    def _opportunity_next_counter(self, restart=None, start=None, pipeline=None):
        """The counter value the next opportunity will get (without consuming it); ``restart``
        and ``start`` stand for settings not saved yet; ``pipeline`` for a process's own
        counter."""
        self.ensure_one()
        restart = restart or self.opportunity_code_restart
        start = self.opportunity_code_start if start is None else start
        if period(fields.Date.context_today(self), restart):
            counter_range = self._opportunity_counter_range(restart=restart, pipeline=pipeline)
            if not counter_range:
                return start
            counter_range.invalidate_recordset(["number_next_actual"])
            return counter_range.number_next_actual - 1
        if pipeline and not self._opportunity_pipeline_sequence_exists(pipeline):
            return start
        sequence = self._opportunity_sequence(pipeline)
        # read from the PostgreSQL sequence, not from a value cached earlier in the transaction
        sequence.invalidate_recordset(["number_next_actual"])
        return sequence.number_next_actual - 1

    def _opportunity_pipeline_sequence_exists(self, pipeline):
        # sudo: the company's own technical counters (see _opportunity_sequence)
        return bool(
            self.env["ir.sequence"]
            .sudo()
            .search_count(
                [("code", "=", PIPELINE_COUNTER_CODE % pipeline.id), ("company_id", "=", self.id)],
                limit=1,
            )
        )

    def _opportunity_set_next_counter(self, value, pipeline=None):
        self.ensure_one()
        if value < 0:
            raise ValidationError(self.env._("The next counter value cannot be negative."))
        target = self._opportunity_counter_range(
            create=True, pipeline=pipeline
        ) or self._opportunity_sequence(pipeline)
        target.sudo().write({"number_next": value + 1})
