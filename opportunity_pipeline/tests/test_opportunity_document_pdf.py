# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""PDF output of Word templates: LibreOffice converts for real, on a private throwaway profile,
and fetches nothing a template links to (the server must not be made to call URLs)."""

import base64
import http.server
import io
import re
import shutil
import subprocess
import threading
import zipfile
from unittest.mock import patch

import docx

from odoo.tests import TransactionCase, tagged

from ..models.opportunity_document_template import FIELD_INSTRUCTIONS

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=="
)


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits = None

    def do_GET(self):
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, *args):
        pass


def linking_docx(port):
    """A .docx whose picture is *linked* to a URL (not embedded), plus an INCLUDEPICTURE field:
    LibreOffice fetches the linked picture while converting."""
    document = docx.Document()
    document.add_paragraph("Hello")
    document.add_picture(io.BytesIO(PNG))
    source = io.BytesIO()
    document.save(source)
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source.getvalue())) as original,
        zipfile.ZipFile(output, "w") as target,
    ):
        for member in original.infolist():
            data = original.read(member)
            if member.filename == "word/document.xml":
                data = data.replace(b'r:embed="', b'r:link="')
                field = (
                    f'<w:p><w:fldSimple w:instr=\'INCLUDEPICTURE "http://127.0.0.1:{port}/field.png"'
                    f" \\d'><w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>"
                )
                data = data.replace(b"<w:body>", b"<w:body>" + field.encode())
            elif member.filename == "word/_rels/document.xml.rels":
                url = f'Target="http://127.0.0.1:{port}/linked.png" TargetMode="External"'
                data = re.sub(rb'(Type="[^"]*/image") Target="[^"]*"', rb"\1 " + url.encode(), data)
            target.writestr(member, data)
    return output.getvalue()


@tagged("post_install", "-at_install")
class TestOpportunityDocumentPdf(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Template = cls.env["opportunity.document.template"]
        if not cls.Template._libreoffice_binary():
            raise AssertionError("LibreOffice (soffice) is needed by these tests: see README")
        cls.hits = []
        handler = type("Recorder", (_Recorder,), {"hits": cls.hits})
        cls.server = http.server.HTTPServer(("127.0.0.1", 0), handler)
        cls.port = cls.server.server_address[1]
        cls.thread = threading.Thread(target=cls.server.serve_forever, daemon=True)
        cls.thread.start()
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)

    def test_conversion_fetches_no_linked_content(self):
        content = linking_docx(self.port)
        pdf = self.Template._docx_to_pdf(content)
        self.assertTrue(pdf and pdf.startswith(b"%PDF"), "LibreOffice converted the document")
        self.assertEqual(self.hits, [], "no URL of the template was fetched")

    def test_external_content_is_made_inert_but_hyperlinks_stay(self):
        content = linking_docx(self.port)
        cleaned = self.Template._unlink_external_content(content)
        with zipfile.ZipFile(io.BytesIO(cleaned)) as archive:
            rels = archive.read("word/_rels/document.xml.rels")
            body = archive.read("word/document.xml")
        self.assertNotIn(b"127.0.0.1", rels)
        self.assertIn(b'Target="about:blank"', rels)
        self.assertNotIn(b"INCLUDEPICTURE", body)
        rels = (
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/'
            b'2006/relationships/hyperlink" Target="https://example.com" TargetMode="External"/>'
            b"</Relationships>"
        )
        self.assertIn(b'Target="https://example.com"', self.Template._inert_relationships(rels))
        # words in the text are not field codes: they stay
        text = b"<w:t>LINK and IMPORT</w:t><w:instrText> LINK Excel.Sheet </w:instrText>"
        cleaned = FIELD_INSTRUCTIONS.sub(self.Template._inert_field, text)
        self.assertEqual(
            cleaned, b"<w:t>LINK and IMPORT</w:t><w:instrText> REMOVED Excel.Sheet </w:instrText>"
        )

    def test_libreoffice_gets_a_private_profile_and_a_timeout(self):
        calls = []

        def fake_run(command, **kwargs):
            calls.append((command, kwargs))
            raise subprocess.TimeoutExpired(command, kwargs.get("timeout"))

        with patch("subprocess.run", fake_run):
            self.assertIsNone(self.Template._docx_to_pdf(linking_docx(self.port)))
        command, kwargs = calls[0]
        profile = next(arg for arg in command if arg.startswith("-env:UserInstallation=file://"))
        self.assertIn("/op-pdf-", profile, "a throwaway folder, not the server's profile")
        self.assertTrue(kwargs["timeout"] and kwargs["timeout"] <= 120)
        self.assertNotIn("PGPASSWORD", kwargs["env"])
        self.assertTrue(shutil.which(command[0]) or command[0].startswith("/"))
