from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..tools.code_pattern import MAX_PADDING, PatternError, check_pattern

DEFAULT_CODE_PATTERN = "CH{YY}{MM}-{COUNTER}"


class ResCompany(models.Model):
    _inherit = "res.company"

    opportunity_code_pattern = fields.Char(
        string="Opportunity Code Pattern",
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
    opportunity_sequence_id = fields.Many2one(
        "ir.sequence",
        string="Opportunity Counter",
        copy=False,
        help="Technical sequence behind the {COUNTER} keyword.",
    )

    _sql_constraints = [
        (
            "opportunity_code_padding_range",
            f"CHECK(opportunity_code_padding >= 0 AND opportunity_code_padding <= {MAX_PADDING})",
            "The number of counter digits must be between 0 and 12.",
        ),
    ]

    @api.constrains("opportunity_code_pattern")
    def _check_opportunity_code_pattern(self):
        for company in self:
            try:
                check_pattern(company.opportunity_code_pattern)
            except PatternError as error:
                raise ValidationError(self._opportunity_pattern_error_message(error)) from None

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
        return companies

    @api.model
    def _opportunity_init_counters(self):
        """Module data (install and upgrade): the companies that exist get their counter."""
        self.sudo().with_context(active_test=False).search([])._opportunity_ensure_sequences()
        return True

    def _opportunity_ensure_sequences(self):
        """Give every company of ``self`` its counter sequence (see ``create``)."""
        for company in self.filtered(lambda c: not c.sudo().opportunity_sequence_id):
            company._opportunity_sequence()

    def _opportunity_sequence(self):
        """Return the company's counter sequence, creating it if it is missing.

        The counter may start at 0 while a PostgreSQL sequence starts at 1: the sequence holds the
        counter plus one (see ``_opportunity_draw_counters``).
        """
        self.ensure_one()
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
            company.opportunity_sequence_id = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": self.env._(
                            "Opportunity counter (%(company)s)", company=company.name
                        ),
                        "code": "opportunity.opportunity.counter",
                        "implementation": "standard",
                        "number_next": 1,
                        "number_increment": 1,
                        "padding": 0,
                        "company_id": company.id,
                    }
                )
            )
        return company.opportunity_sequence_id

    def _opportunity_draw_counters(self, count, preview=None):
        """Draw ``count`` consecutive counter values in one query (concurrency-safe).

        ``preview`` (a dict, for a dry run) gives the values the next real draws would give,
        consuming nothing: PostgreSQL sequences ignore rollbacks, and codes are numbers
        accountants read, so a test run must not leave holes. The dict remembers, per company,
        where the previous preview batch of the same run stopped.
        """
        self.ensure_one()
        if count <= 0:
            return []
        if preview is not None:
            start = preview.get(self.id)
            if start is None:
                start = self._opportunity_next_counter()
            preview[self.id] = start + count
            return list(range(start, start + count))
        sequence = self._opportunity_sequence()
        if sequence.implementation != "standard" or sequence.number_increment != 1:
            # Someone switched the technical sequence to "no gap": stay correct, one by one.
            return [int(sequence._next()) - 1 for _i in range(count)]
        self.env.cr.execute(
            SQL(
                "SELECT nextval(%s) FROM generate_series(1, %s)",
                f"ir_sequence_{sequence.id:03d}",
                count,
            )
        )
        return [row[0] - 1 for row in self.env.cr.fetchall()]

    def _opportunity_next_counter(self):
        """The counter value the next opportunity will get (without consuming it)."""
        self.ensure_one()
        sequence = self._opportunity_sequence()
        # read from the PostgreSQL sequence, not from a value cached earlier in the transaction
        sequence.invalidate_recordset(["number_next_actual"])
        return sequence.number_next_actual - 1

    def _opportunity_set_next_counter(self, value):
        self.ensure_one()
        if value < 0:
            raise ValidationError(self.env._("The next counter value cannot be negative."))
        self._opportunity_sequence().write({"number_next": value + 1})
