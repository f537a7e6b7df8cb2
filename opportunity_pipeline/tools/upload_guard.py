# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Size guards for uploaded files, checked before any parser opens them.

Pure Python on purpose (no Odoo import): tested by ``pytest tests/`` without a database.

A spreadsheet or a Word document is a zip archive; a few hundred KiB can unpack to gigabytes
(a "zip bomb"), and a shared-strings table of two million tiny strings costs a worker hundreds
of MB before a single row is read. The guards below read only the archive's central directory
and stream the shared strings in chunks, so refusing a hostile file costs milliseconds and a
few MB. CPython's ``zipfile`` never inflates a member beyond its declared ``file_size`` (a lying
header ends in a CRC error), so the declared sizes checked here bound what parsers will read.

Problems are raised as :class:`FileRefused` with a ``reason`` code and parameters; the Odoo
layer turns them into translated messages (as ``code_pattern.PatternError`` does).
"""

import io
import re
import zipfile
import zlib
from xml.etree import ElementTree

MIB = 1024 * 1024

#: Columns read from a sheet: the import knows 16; users' extra columns are ignored past this.
MAX_COLUMNS = 64
#: A zip with more members than this is not an office document.
MAX_MEMBERS = 2000
#: Any part that is not the sheet or the shared strings (styles, theme, properties...).
MAX_OTHER_PART = 16 * MIB
#: The workbook and its relationships, read to find the first sheet.
MAX_SMALL_PART = 4 * MIB
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class FileRefused(ValueError):
    """The file must not be opened. ``reason`` is a code, ``params`` fill its message."""

    def __init__(self, reason, **params):
        super().__init__(reason, params)
        self.reason = reason
        self.params = params


class Limits:
    """How much of a file the import may read, scaled on the row limit.

    ``max_rows`` is the import's row limit (a system parameter, 20,000 by default): a file
    that may hold that many rows may be that big, and no bigger.
    """

    def __init__(self, max_rows):
        self.max_rows = max(int(max_rows), 1)
        # raw upload: 2 KiB a row is generous for 16 columns (long descriptions included)
        self.file_bytes = max(16 * MIB, self.max_rows * 2048)
        # unpacked sheet XML: ~4 KiB a row, whitespace and styles included
        self.sheet_bytes = max(32 * MIB, self.max_rows * 4096)
        # shared strings: every cell of every row a distinct string, at most
        self.shared_strings = max(100_000, self.max_rows * 16)
        self.shared_strings_bytes = max(16 * MIB, self.max_rows * 1536)
        # .xls is read whole by xlrd (about 3 times its size in memory); a BIFF sheet holds at
        # most 65,536 rows, which fit in 32 MB
        self.xls_bytes = min(self.file_bytes, 32 * MIB)
        # all members together
        self.unpacked_bytes = self.sheet_bytes + self.shared_strings_bytes + 64 * MIB


def check_size(data, limits, limit=None):
    """Refuse an upload bigger than the row limit allows (or than ``limit``, in bytes)."""
    limit = limits.file_bytes if limit is None else limit
    if len(data) > limit:
        raise FileRefused("file_too_big", size_mb=_mb(len(data)), limit_mb=_mb(limit))


def open_zip(data, limits, big_parts=()):
    """Open ``data`` as a zip after checking every member's unpacked size.

    ``big_parts`` maps member paths to their own limit (the sheet, the shared strings), or is
    a function that returns that mapping for the open archive; every other member must stay
    under :data:`MAX_OTHER_PART`. Return the open ``ZipFile``.
    """
    check_size(data, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise FileRefused("damaged") from None
    if len(members) > MAX_MEMBERS:
        raise FileRefused("too_many_parts", count=len(members), limit=MAX_MEMBERS)
    check_no_doctype(archive)
    total = 0
    big_parts = big_parts(archive) if callable(big_parts) else dict(big_parts)
    for member in members:
        limit = big_parts.get(member.filename.lstrip("/"), MAX_OTHER_PART)
        if member.file_size > limit:
            raise FileRefused(
                "part_too_big",
                part=member.filename,
                size_mb=_mb(member.file_size),
                limit_mb=_mb(limit),
            )
        total += member.file_size
    if total > limits.unpacked_bytes:
        raise FileRefused(
            "unpacked_too_big", size_mb=_mb(total), limit_mb=_mb(limits.unpacked_bytes)
        )
    return archive


def check_no_doctype(archive):
    """Office files never declare a DTD: a ``<!DOCTYPE`` (entity expansion, external entities)
    in the prolog of any XML part is refused before a parser sees it."""
    for member in archive.infolist():
        if not member.filename.endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with archive.open(member) as stream:
                head = stream.read(4096)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError,
                zlib.error):  # fmt: skip
            raise FileRefused("damaged") from None
        if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
            raise FileRefused("doctype", part=member.filename)


def xlsx_parts(archive):
    """Paths of the first sheet and of the shared strings of an .xlsx (``None`` if absent).

    Read from the workbook's relationships, the way Excel does. Both parts are small in a real
    file (at most :data:`MAX_SMALL_PART`) and parsed by expat, which is linear (no regex here:
    a hostile tag without its ``>`` makes a regex quadratic) and sees no DTD (refused before).
    """
    names = {name.lstrip("/") for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    rels_path = "xl/_rels/workbook.xml.rels"
    if "xl/workbook.xml" in names and rels_path in names:
        workbook = _parse_small_part(archive, "xl/workbook.xml")
        rels = _parse_small_part(archive, rels_path)
        first = next((el for el in workbook.iter() if _local(el.tag) == "sheet"), None)
        rel_id = first is not None and first.get(f"{{{REL_NS}}}id")
        for relationship in rels.iter():
            if _local(relationship.tag) == "Relationship" and relationship.get("Id") == rel_id:
                target = relationship.get("Target")
                if target:
                    sheet = _resolve("xl/", target)
                break
    strings = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else None
    return sheet if sheet in names else None, strings


def _parse_small_part(archive, path):
    size = archive.getinfo(path).file_size
    if size > MAX_SMALL_PART:
        raise FileRefused(
            "part_too_big", part=path, size_mb=_mb(size), limit_mb=_mb(MAX_SMALL_PART)
        )
    try:
        return ElementTree.fromstring(archive.read(path))
    except (ElementTree.ParseError, zipfile.BadZipFile, OSError, EOFError, RuntimeError,
            NotImplementedError, zlib.error, ValueError):  # fmt: skip
        raise FileRefused("damaged") from None


def _local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def open_xlsx(data, limits):
    """Check an .xlsx before openpyxl reads it; return the sheet's path inside the archive.

    Besides the unpacked sizes, the shared strings are counted while streaming (openpyxl loads
    the whole table in memory before the first row): more strings than cells the row limit
    allows is refused.
    """
    parts = {}

    def big_parts(archive):
        parts["sheet"], parts["strings"] = xlsx_parts(archive)
        big = {parts["sheet"]: limits.sheet_bytes} if parts["sheet"] else {}
        if parts["strings"]:
            big[parts["strings"]] = limits.shared_strings_bytes
        return big

    with open_zip(data, limits, big_parts) as archive:
        if parts["strings"]:
            count = count_elements(archive, parts["strings"], b"si", limits.shared_strings)
            if count > limits.shared_strings:
                raise FileRefused("too_many_strings", count=count, limit=limits.shared_strings)
    return parts["sheet"]


def open_docx(data, limits):
    """Check a Word template (.docx) the same way; every part gets the big-part limit."""
    archive = open_zip(data, limits, {"word/document.xml": limits.sheet_bytes})
    archive.close()


def count_elements(archive, path, name, stop_after):
    """Count the elements called ``name`` (bytes, e.g. ``b"si"``, any namespace prefix) of a
    member, streaming in 1 MiB chunks; stop counting once past ``stop_after``."""
    count = 0
    tail = b""
    keep = 64  # longer than one match (a prefix, the name and one character)
    pattern = re.compile(rb"<(?:[\w.-]{1,40}:)?" + re.escape(name) + rb"[\s>/]")
    with archive.open(path) as stream:
        while chunk := stream.read(MIB):
            block = tail + chunk
            # matches starting in the last ``keep`` bytes are counted with the next chunk
            boundary = max(len(block) - keep, 0)
            count += sum(1 for match in pattern.finditer(block) if match.start() < boundary)
            tail = block[boundary:]
            if count > stop_after:
                return count
    return count + len(pattern.findall(tail))


def _resolve(base, target):
    if target.startswith("/"):
        return target.lstrip("/")
    parts = (base + target).split("/")
    resolved = []
    for part in parts:
        if part == "..":
            if resolved:
                resolved.pop()
        elif part and part != ".":
            resolved.append(part)
    return "/".join(resolved)


def _mb(size):
    return round(size / MIB, 1)
