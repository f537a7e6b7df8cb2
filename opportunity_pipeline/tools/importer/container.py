# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What holds the cells: the checks and the XML stream the format readers share.

* :func:`check_content`: the file's bytes are what its extension says (an OLE file for .xls,
  a zip of the right kind for .xlsx/.ods), and not an encrypted workbook; it uses
  :func:`sniff_zip` to tell an .xlsx from an .ods;
* :func:`xml_events`: one XML member of a zip, streamed in chunks, DTDs and entities refused.

Pure Python (no Odoo import); imports :mod:`.cells` only.
"""

import io
import zipfile
from xml.etree import ElementTree

from .cells import ReadError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: An encrypted .xlsx is an OLE file holding an "EncryptionInfo" stream (MS-OFFCRYPTO).
ENCRYPTED_OOXML_MARK = "EncryptionInfo".encode("utf-16-le")
XML_CHUNK = 1 << 16


def check_content(data, extension):
    """Refuse a file whose content is not what its extension says, or that is encrypted.

    An unknown zip passes as the extension's format: its reader finds it damaged.
    """
    if data.startswith(OLE_MAGIC):
        if ENCRYPTED_OOXML_MARK in data:
            raise ReadError("encrypted")
        actual = "xls"
    elif data.startswith(b"PK"):
        actual = sniff_zip(data) or extension
    else:
        raise ReadError("not_a_spreadsheet", extension=extension)
    if actual != extension:
        raise ReadError("wrong_extension", extension=extension, actual=actual)


def sniff_zip(data):
    """What a zip holds: "xlsx", "ods" or None (another archive, or a broken one)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "content.xml" in names and "mimetype" in names:
                with archive.open("mimetype") as stream:
                    mimetype = stream.read(200)
                return "ods" if b"opendocument.spreadsheet" in mimetype else None
    except Exception:  # a broken zip is reported by the reader that opens it
        return None
    return None


def xml_events(archive, part, events=("end",), batches=False):
    """Stream ``(event, element)`` of one XML member of a zip, parsed in chunks by expat.

    A DTD or an entity declaration is refused wherever it sits
    (``upload_guard.check_no_doctype`` looks at the first 4 KiB only); XML spells them in
    capitals, and no other markup starts so. Callers ``clear()`` the elements they are done
    with. With ``batches``, yield one iterator of events per chunk instead (for hot loops).
    """
    parser = ElementTree.XMLPullParser(events)
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(XML_CHUNK):
            block = tail + chunk
            if b"<!DOCTYPE" in block or b"<!ENTITY" in block:
                raise ReadError("doctype", part=part)
            tail = chunk[-16:]
            parser.feed(chunk)
            if batches:
                yield parser.read_events()
            else:
                yield from parser.read_events()
    parser.close()
    if batches:
        yield parser.read_events()
    else:
        yield from parser.read_events()
