import base64
import io
import logging
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_amount

_logger = logging.getLogger(__name__)

try:
    import jinja2
    from docxtpl import DocxTemplate
    from jinja2.sandbox import SandboxedEnvironment
except ImportError:  # declared in external_dependencies: the addon does not install without them
    DocxTemplate = None
    SandboxedEnvironment = object

# What a placeholder may not touch on a record: anything that changes the user, the environment
# or the access rights (``partner.sudo()``, ``opportunity.env[...]``...).
FORBIDDEN_ATTRIBUTES = frozenset(
    {"env", "sudo", "with_user", "with_env", "with_context", "with_company", "pool", "browse"}
)


class PlaceholderSandbox(SandboxedEnvironment):
    """Jinja sandbox for uploaded templates: placeholders read values, they call nothing."""

    def is_safe_attribute(self, obj, attr, value):
        if attr in FORBIDDEN_ATTRIBUTES or attr.startswith("_"):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def is_safe_callable(self, obj):
        return False


class OpportunityDocumentTemplate(models.Model):
    """A .docx uploaded by an administrator, filled with an opportunity's data on demand.

    Placeholders are Jinja expressions (docxtpl): ``{{ code }}``, ``{{ partner.name }}``,
    ``{% for line in lines %}`` rows in a table... The values are read as the user who prints,
    through the ORM: a placeholder cannot reach data that user may not read.
    """

    _name = "opportunity.document.template"
    _description = "Opportunity Document Template"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="Company", index=True, help="Leave empty for every company."
    )
    template_file = fields.Binary(string="Template (.docx)", required=True, attachment=True)
    template_filename = fields.Char(string="File Name")
    output_format = fields.Selection(
        [("docx", "Word (.docx)"), ("pdf", "PDF (needs LibreOffice on the server)")],
        string="Output",
        default="docx",
        required=True,
    )
    note = fields.Text(string="Notes")

    @api.constrains("template_file", "template_filename")
    def _check_template_file(self):
        for template in self:
            if template.template_filename and not template.template_filename.lower().endswith(
                ".docx"
            ):
                raise ValidationError(
                    self.env._(
                        "The template %(name)s must be a Word file (.docx), not %(file)s.",
                        name=template.name,
                        file=template.template_filename,
                    )
                )
            if template.template_file:
                raw = base64.b64decode(template.template_file)
                if not raw.startswith(b"PK"):
                    raise ValidationError(
                        self.env._(
                            "The file of template %(name)s is not a valid .docx document.",
                            name=template.name,
                        )
                    )

    # ------------------------------------------------------------
    # Rendering
    # ------------------------------------------------------------

    @api.model
    def _opportunity_context(self, opportunity):
        """What a template can print. Records are the user's own (no sudo)."""
        lang = self.env.context.get("lang") or self.env.user.lang
        return {
            "opportunity": opportunity,
            "code": opportunity.code or "",
            "name": opportunity.name,
            "partner": opportunity.partner_id,
            "pipeline": opportunity.pipeline_id,
            "stage": opportunity.stage_id,
            "amount": opportunity.amount,
            "amount_text": self._format_amount(opportunity.amount, opportunity.currency_id),
            "currency": opportunity.currency_id,
            "probability": opportunity.probability,
            "date_deadline": opportunity.date_deadline or "",
            "user": opportunity.user_id,
            "collaborators": opportunity.collaborator_ids,
            "labels": ", ".join(opportunity.label_ids.mapped("name")),
            "description": opportunity.description and self._html_to_text(opportunity.description),
            "lines": [
                {
                    "product": line.product_id.display_name,
                    "description": line.name or "",
                    "quantity": line.quantity,
                    "uom": line.uom_id.name or "",
                    "price_unit": line.price_unit,
                    "subtotal": line.price_subtotal,
                    "subtotal_text": self._format_amount(
                        line.price_subtotal, opportunity.currency_id
                    ),
                }
                for line in opportunity.line_ids
            ],
            "company": opportunity.company_id,
            "today": fields.Date.context_today(self),
            "state": dict(
                opportunity.with_context(lang=lang)
                ._fields["state"]
                ._description_selection(opportunity.with_context(lang=lang).env)
            ).get(opportunity.state),
        }

    @api.model
    def _format_amount(self, amount, currency):
        return format_amount(self.env, amount, currency).replace("\xa0", " ")

    @api.model
    def _html_to_text(self, html):
        return re.sub(r"<[^>]+>", "", str(html)).strip()

    def _render_docx(self, opportunity):
        """Return the filled .docx as bytes; a broken template raises a UserError naming the
        placeholder and the template."""
        self.ensure_one()
        opportunity.ensure_one()
        opportunity.check_access("read")
        document = DocxTemplate(io.BytesIO(base64.b64decode(self.template_file)))
        environment = PlaceholderSandbox(undefined=jinja2.StrictUndefined, autoescape=True)
        try:
            document.render(self._opportunity_context(opportunity), jinja_env=environment)
        except jinja2.UndefinedError as error:
            raise UserError(
                self.env._(
                    "The template %(template)s uses a placeholder that does not exist: %(error)s.",
                    template=self.name,
                    error=error.message,
                )
            ) from None
        except jinja2.TemplateSyntaxError as error:
            raise UserError(
                self.env._(
                    "The template %(template)s has a broken placeholder (line %(line)s): "
                    "%(error)s.",
                    template=self.name,
                    line=error.lineno,
                    error=error.message,
                )
            ) from None
        except AccessError as error:
            raise UserError(
                self.env._(
                    "The template %(template)s prints data you are not allowed to read: %(error)s",
                    template=self.name,
                    error=str(error),
                )
            ) from None
        except jinja2.exceptions.SecurityError as error:
            raise UserError(
                self.env._(
                    "The template %(template)s uses a placeholder that is not allowed: %(error)s.",
                    template=self.name,
                    error=str(error),
                )
            ) from None
        output = io.BytesIO()
        document.save(output)
        return output.getvalue()

    @api.model
    def _libreoffice_binary(self):
        return shutil.which("soffice") or shutil.which("libreoffice")

    @api.model
    def _docx_to_pdf(self, docx_bytes):
        """Convert with LibreOffice; None when LibreOffice is not on the server."""
        binary = self._libreoffice_binary()
        if not binary:
            return None
        with tempfile.TemporaryDirectory() as folder:
            source = Path(folder) / "document.docx"
            source.write_bytes(docx_bytes)
            try:
                subprocess.run(
                    [binary, "--headless", "--convert-to", "pdf", "--outdir", folder, str(source)],
                    check=True,
                    capture_output=True,
                    timeout=120,
                )
            except (subprocess.SubprocessError, OSError) as error:
                _logger.info("LibreOffice could not convert a document: %s", error)
                return None
            target = Path(folder) / "document.pdf"
            return target.read_bytes() if target.exists() else None
