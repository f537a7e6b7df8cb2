# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Word templates (``opportunity.document.template``): a .docx filled with an opportunity's
plain values in a sandboxed child process, then stripped of external content and converted to
PDF by LibreOffice when asked."""

import base64
import io
import logging
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_amount, format_date, formatLang

from ..tools import docx_render, upload_guard

_logger = logging.getLogger(__name__)

# What a template can print: an explicit allow-list, read with the printing user's rights
# (``read()`` checks record rules and field groups). Documented in the README and on the form.
OPPORTUNITY_FIELDS = (
    "code", "name", "amount", "probability", "date_deadline", "priority", "state",
    "description", "date_closed", "lost_note",
)  # fmt: skip
PARTNER_FIELDS = (
    "name", "ref", "email", "phone", "mobile", "street", "street2", "city", "zip", "state_id",
    "country_id", "vat", "website", "function", "company_name",
)  # fmt: skip
USER_FIELDS = ("name", "login", "email", "phone")
COMPANY_FIELDS = (
    "name", "street", "street2", "city", "zip", "state_id", "country_id", "vat", "phone",
    "email", "website", "company_registry",
)  # fmt: skip
PIPELINE_FIELDS = ("name", "code")
STAGE_FIELDS = ("name",)
LINE_FIELDS = ("product_id", "name", "quantity", "uom_id", "price_unit", "price_subtotal")
# Field codes that make a word processor fetch or run something when the document is opened,
# and where field instructions live (bounded patterns: linear on any input). Text is untouched.
LINKING_FIELD_CODES = re.compile(
    rb"\b(INCLUDEPICTURE|INCLUDETEXT|INCLUDE|LINK|DDEAUTO|DDE|IMPORT|AUTOTEXTLIST)\b", re.I
)
FIELD_INSTRUCTIONS = re.compile(
    rb"(<w:instrText\b[^<>]{0,400}>)([^<]{0,8000})(</w:instrText>)"
    rb"|(w:instr=\")([^\"<]{0,8000})(\")"
    rb"|(w:instr=')([^'<]{0,8000})(')"
)
HYPERLINK_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
# LibreOffice profile: no macros, no links fetched from untrusted places.
LIBREOFFICE_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc">\
<prop oor:name="UseLocking" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""
LIBREOFFICE_TIMEOUT = 60


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
    company_id = fields.Many2one("res.company", index=True, help="Leave empty for every company.")
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
                try:
                    if not raw.startswith(b"PK"):
                        raise upload_guard.FileRefused("damaged")
                    upload_guard.open_docx(raw, upload_guard.Limits(0))
                except upload_guard.FileRefused as error:
                    raise ValidationError(
                        self.env._(
                            "The file of template %(name)s is not a valid .docx document "
                            "(%(reason)s).",
                            name=template.name,
                            reason=error.reason,
                        )
                    ) from None

    # ------------------------------------------------------------
    # What a template sees: plain values read as the printing user
    # ------------------------------------------------------------

    @api.model
    def _read_plain(self, records, field_names):
        """``records`` as a list of dicts of plain values, read with the user's rights.

        Many2one values become their display name; HTML becomes text. Only fields of the
        allow-list that exist on the model are read (``read()`` checks rules and groups).
        """
        names = [name for name in field_names if name in records._fields]
        rows = records.read(names) if records else []
        for row in rows:
            row.pop("id", None)
            for name, value in row.items():
                field = records._fields[name]
                if field.type == "many2one":
                    row[name] = value[1] if value else ""
                elif field.type == "html":
                    row[name] = self.env["opportunity.opportunity"]._html_text(value)
                elif field.type == "selection":
                    row[name] = dict(field._description_selection(self.env)).get(value, "")
                elif value is False and field.type not in ("boolean", "integer", "float"):
                    row[name] = ""
        return rows

    @api.model
    def _opportunity_context(self, opportunity):
        """The render context of ``opportunity``: plain values only, never a record."""
        opportunity.check_access("read")
        values = self._read_plain(opportunity, OPPORTUNITY_FIELDS)[0]
        currency = opportunity.currency_id
        lang = self.env.context.get("lang") or self.env.user.lang
        lines = []
        for line in self._read_plain(opportunity.line_ids, LINE_FIELDS):
            line["product"] = line.pop("product_id")
            line["description"] = line.pop("name")
            line["uom"] = line.pop("uom_id")
            line["subtotal"] = line.pop("price_subtotal")
            line["quantity_text"] = formatLang(
                self.env, line["quantity"], dp="Product Unit of Measure"
            )
            line["price_unit_text"] = self._format_amount(line["price_unit"], currency)
            line["subtotal_text"] = self._format_amount(line["subtotal"], currency)
            lines.append(line)
        today = fields.Date.context_today(self)
        values.update(
            {
                "opportunity": dict(values),
                "partner": (self._read_plain(opportunity.partner_id, PARTNER_FIELDS) or [{}])[0],
                "pipeline": (self._read_plain(opportunity.pipeline_id, PIPELINE_FIELDS) or [{}])[0],
                "stage": (self._read_plain(opportunity.stage_id, STAGE_FIELDS) or [{}])[0],
                "user": (self._read_plain(opportunity.user_id, USER_FIELDS) or [{}])[0],
                "collaborators": self._read_plain(opportunity.collaborator_ids, USER_FIELDS),
                "company": (self._read_plain(opportunity.company_id, COMPANY_FIELDS) or [{}])[0],
                "labels": ", ".join(opportunity.label_ids.mapped("name")),
                "lines": lines,
                "currency": currency.name or "",
                "amount_text": self._format_amount(values["amount"], currency),
                "probability_text": formatLang(self.env, values["probability"], digits=0) + " %",
                "date_deadline_text": format_date(self.env, values["date_deadline"], lang),
                "today": today,
                "today_text": format_date(self.env, today, lang),
            }
        )
        return values

    @api.model
    def _format_amount(self, amount, currency):
        return format_amount(self.env, amount, currency).replace("\xa0", " ")

    # ------------------------------------------------------------
    # Rendering
    # ------------------------------------------------------------

    @api.model
    def _render_budget(self):
        """What one render may cost (a child process): see tools/docx_render.py."""
        return docx_render.Budget()

    def _render_docx(self, opportunity):
        """Return the filled .docx as bytes; any failure of the template is a UserError naming
        the template, never a traceback."""
        self.ensure_one()
        opportunity.ensure_one()
        try:
            context = self._opportunity_context(opportunity)
        except AccessError as error:
            raise UserError(
                self.env._(
                    "The template %(template)s prints data you are not allowed to read: %(error)s",
                    template=self.name,
                    error=str(error),
                )
            ) from None
        try:
            return docx_render.render_isolated(
                base64.b64decode(self.template_file), context, self._render_budget()
            )
        except docx_render.RenderError as error:
            raise UserError(self._render_error_message(error)) from None

    def _render_error_message(self, error):
        """The translated message of a ``docx_render.RenderError``, naming the template: the
        placeholder errors here, the sandbox's limits in ``_render_limit_message``."""
        _ = self.env._
        reason, params = error.reason, error.params
        template = self.name
        if reason == "undefined":
            return _(
                "The template %(template)s uses a placeholder that does not exist: %(error)s. "
                "The placeholders are listed on the template's form.",
                template=template,
                error=params.get("error"),
            )
        if reason == "syntax":
            return _(
                "The template %(template)s has a broken placeholder (line %(line)s): %(error)s.",
                template=template,
                line=params.get("line"),
                error=params.get("error"),
            )
        if reason == "forbidden":
            return _(
                "The template %(template)s uses a placeholder that is not allowed: %(error)s.",
                template=template,
                error=params.get("error"),
            )
        return self._render_limit_message(reason, params)

    def _render_limit_message(self, reason, params):
        """The message of a render stopped by a limit of its sandbox, a broken file or any
        other failure of the template."""
        _ = self.env._
        template = self.name
        if reason == "too_big":
            return _(
                "The template %(template)s produces too much data (limit: %(limit)s).",
                template=template,
                limit=params.get("limit"),
            )
        if reason == "too_slow":
            return _(
                "The template %(template)s takes too long to fill (over %(seconds)s seconds): "
                "simplify its loops.",
                template=template,
                seconds=params.get("seconds"),
            )
        if reason == "broken_file":
            return _(
                "The file of template %(template)s is not a valid Word document: upload it again.",
                template=template,
            )
        return _(
            "The template %(template)s could not be filled: %(error)s.",
            template=template,
            error=params.get("error") or reason,
        )

    # ------------------------------------------------------------
    # PDF
    # ------------------------------------------------------------

    @api.model
    def _libreoffice_binary(self):
        return shutil.which("soffice") or shutil.which("libreoffice")

    @api.model
    def _unlink_external_content(self, docx_bytes):
        """The document without anything a word processor would fetch when opening it:
        external relationships (linked images, OLE objects, attached templates, frames) point
        nowhere, and linking field codes (INCLUDEPICTURE, LINK, DDE...) are neutralised.
        Hyperlinks stay: they are only followed when a reader clicks them."""
        source = zipfile.ZipFile(io.BytesIO(docx_bytes))
        output = io.BytesIO()
        with source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
            for member in source.infolist():
                data = source.read(member)
                if member.filename.endswith(".rels"):
                    data = self._inert_relationships(data)
                elif member.filename.endswith(".xml"):
                    data = FIELD_INSTRUCTIONS.sub(self._inert_field, data)
                target.writestr(member, data)
        return output.getvalue()

    @api.model
    def _inert_relationships(self, data):
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        try:
            root = etree.fromstring(data, parser=parser)
        except etree.XMLSyntaxError:
            return b""  # a broken part: LibreOffice ignores an empty one
        for relationship in root:
            external = relationship.get("TargetMode") == "External"
            if external and relationship.get("Type") != HYPERLINK_TYPE:
                relationship.set("Target", "about:blank")
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    @staticmethod
    def _inert_field(match):
        groups = match.groups()
        start = next(index for index in (0, 3, 6) if groups[index] is not None)
        head, body, tail = groups[start : start + 3]
        return head + LINKING_FIELD_CODES.sub(b"REMOVED", body) + tail

    @api.model
    def _docx_to_pdf(self, docx_bytes):
        """Convert with LibreOffice; None when LibreOffice is not on the server or fails.

        LibreOffice runs on a throwaway private profile (macros off, untrusted links blocked),
        with a minimal environment, a timeout, and a document stripped of external content.
        """
        binary = self._libreoffice_binary()
        if not binary:
            return None
        with tempfile.TemporaryDirectory(prefix="op-pdf-") as folder:
            folder = Path(folder)
            source = folder / "document.docx"
            source.write_bytes(self._unlink_external_content(docx_bytes))
            env = {"PATH": "/usr/bin:/bin", "HOME": str(folder), "LANG": "C.UTF-8"}
            try:
                subprocess.run(
                    self._libreoffice_command(binary, folder, source),
                    check=True,
                    capture_output=True,
                    timeout=LIBREOFFICE_TIMEOUT,
                    env=env,
                    cwd=folder,
                    stdin=subprocess.DEVNULL,
                )
            except (subprocess.SubprocessError, OSError) as error:
                _logger.info("LibreOffice could not convert a document: %s", error)
                return None
            target = folder / "document.pdf"
            return target.read_bytes() if target.exists() else None

    @api.model
    def _libreoffice_command(self, binary, folder, source):
        """The command converting ``source`` to a PDF in ``folder``, on a private profile made
        in ``folder`` (macros off, untrusted links blocked: ``LIBREOFFICE_PROFILE``)."""
        profile = folder / "profile"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(LIBREOFFICE_PROFILE)
        return [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
