"""Read the rows of an uploaded spreadsheet (.xlsx, .xls, .ods, .csv, .tsv, .txt) as typed cells.

Pure Python on purpose (no Odoo import): tested by ``pytest tests/`` without a database. The
Odoo layer (the import wizard) calls :func:`read_rows` and turns a :class:`ReadError` into a
translated message; every size guard of ``upload_guard`` runs before a parser opens the file.

``read_rows(data, file_name, limits)`` returns an iterator of ``(row_number, cells)``:

* ``row_number`` is the row as the user sees it in the sheet (1 for the header when it is on
  the first row), increasing; empty rows are not yielded (the numbers have gaps);
* ``cells`` is a tuple cut to ``upload_guard.MAX_COLUMNS`` cells, without trailing empty cells
  (rows are not padded: a row may be shorter than the header). A cell is ``None`` (empty),
  ``str`` (always Unicode NFC: text typed on a Mac or exported with combining tone marks comes
  out composed), ``int`` or ``float``, :class:`Percent` (a number shown as a percent, the float
  being the stored fraction), ``datetime.date`` (a date cell), ``datetime.datetime`` (a date
  cell with a time of day), ``datetime.time`` (a time-only cell), ``bool``, or
  :class:`CellError` (an error cell such as ``#N/A``). CSV cells are always text.

Every problem is a :class:`ReadError`, raised while iterating (file-level problems on the first
``next()``). ``reason`` is one of these codes, ``params`` fills its message (``upload_guard``'s
``FileRefused`` comes out as a ``ReadError`` with the same reason and params):

========================  =====================================================================
reason                    params, meaning
========================  =====================================================================
unsupported_type          extension (without dot, "" if none): not one of :data:`EXTENSIONS`
empty                     (none): a file of zero bytes
file_too_big              size_mb, limit_mb: the upload is bigger than the row limit allows
part_too_big              part, size_mb, limit_mb: one member of the zip unpacks too big
unpacked_too_big          size_mb, limit_mb: all members together unpack too big
too_many_parts            count, limit: a zip with more members than an office file has
too_many_strings          count, limit: more shared strings than the rows may use
doctype                   part: an XML part declares a DTD or entities (refused for safety)
damaged                   (none): broken archive, broken XML, or a parser failure of any kind
encrypted                 (none): a password-protected workbook (.xlsx, .xls or .ods)
wrong_extension           extension, actual: e.g. an .xls file named .xlsx ("xlsx", "xls"), an
                          .xlsx named .csv ("csv", "xlsx")
not_a_spreadsheet         extension: text or another format named .xlsx/.xls/.ods
merged_cells              sheet, ranges: the first sheet has merged cells; ``ranges`` is text
                          such as "B2:B3, D5:E5" (at most 10 ranges)
csv_binary                (none): a .csv/.txt/.tsv that holds binary data (NUL characters)
csv_encoding              (none): text in no encoding that decodes sensibly
csv_too_wide              limit: a line with more than ``limit`` (1024) fields
csv_quotes                line, error: the csv module gave up at that line (a stray quote)
cell_too_long             cell, length, limit: e.g. cell "C5" holds more than 32767 characters
too_many_rows             limit: more than ``limits.max_rows`` filled rows besides the header
empty_rows                row: the sheet goes on with empty rows past ten times the row limit
========================  =====================================================================
"""

import codecs
import contextlib
import csv
import datetime
import io
import itertools
import logging
import re
import unicodedata
import zipfile
from xml.etree import ElementTree

from . import upload_guard

_logger = logging.getLogger(__name__)

#: File name extensions read; .tsv and .txt (Excel's "Unicode text") go through the CSV reader.
EXTENSIONS = ("xlsx", "xls", "ods", "csv", "tsv", "txt")
#: Excel's own limit for one cell: a longer cell was not written by a spreadsheet program.
MAX_CELL_CHARS = 32767
MAX_CSV_FIELDS = 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: An encrypted .xlsx is an OLE file holding an "EncryptionInfo" stream (MS-OFFCRYPTO).
ENCRYPTED_OOXML_MARK = "EncryptionInfo".encode("utf-16-le")
XML_CHUNK = 1 << 16
#: csv.Sniffer is quadratic on some inputs: it sees a few lines, at most this many characters.
SNIFF_CHARS = 4096
SNIFF_LINES = 10
DELIMITERS = ",;\t|"
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# cp1258 writes Vietnamese tones as combining marks after the vowel (0xCC 0xEC 0xDE 0xD2 0xF2)
TONE_MARKS = re.compile("[\u0300\u0301\u0303\u0309\u0323]")
# letters of Vietnamese that Western text decoded as cp1258 rarely shows (cp1252 õ ý ð)...
VIETNAMESE_LETTERS = re.compile("[đơưĐƠƯ]")
# ... and letters of cp1258 that Vietnamese never uses
WESTERN_LETTERS = re.compile("[ÄÅÆÇËÏÑÖØÜßäåæçëïñöøüÿŒœŸ]")
COMBINING_MARKS = re.compile("[\u0300-\u036f]")
# quoted text, escaped characters, [colours/locales], padding and fill characters of a format
FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')
ERROR_TEXT = re.compile(
    r"#(?:N/A|NAME\?|NULL!|NUM!|VALUE!|REF!|DIV/0!|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!"
    r"|CONNECT!|UNKNOWN!|BUSY!)|Err:\d{3}"
)


class ReadError(Exception):
    """The file cannot be read. ``reason`` is a code, ``params`` fill its message."""

    def __init__(self, reason, **params):
        super().__init__(reason, params)
        self.reason = reason
        self.params = params


class Percent(float):
    """A number the spreadsheet shows as a percent: the float is the stored fraction (0.45 for
    45 %)."""

    __slots__ = ()

    def __repr__(self):
        return f"Percent({float(self)!r})"


class CellError(str):
    """An error cell (#N/A, #DIV/0!, #REF!...): the text is the error as shown."""

    __slots__ = ()

    def __repr__(self):
        return f"CellError({str(self)!r})"


def read_rows(data, file_name, limits):
    """Yield ``(row_number, cells)`` of the first sheet of ``data``, header included.

    ``file_name`` decides the format (by its extension); ``limits`` is an
    ``upload_guard.Limits``. See the module docstring for the cells and the errors.
    """
    extension = file_name.rsplit(".", 1)[-1].lower() if "." in (file_name or "") else ""
    if extension not in EXTENSIONS:
        raise ReadError("unsupported_type", extension=extension)
    if not data:
        raise ReadError("empty")
    try:
        upload_guard.check_size(data, limits)
        yield from _guarded(_reader(extension)(data, limits), limits)
    except ReadError:
        raise
    except upload_guard.FileRefused as error:
        raise ReadError(error.reason, **error.params) from None
    except MemoryError:
        raise
    except Exception as error:
        # Whatever a broken or hostile file makes a parser raise (zlib, CRC, XML, xlrd...) is
        # a damaged file for the user, never a traceback.
        _logger.info("Import: %s could not be read: %r", file_name, error)
        raise ReadError("damaged") from error


def _reader(extension):
    # imported here: the format modules import this one (ReadError, Percent, CellError)
    if extension == "xlsx":
        from .import_xlsx import read_xlsx

        return read_xlsx
    if extension == "ods":
        from .import_ods import read_ods

        return read_ods
    if extension == "xls":
        return read_xls
    return lambda data, limits: read_csv(data, limits, extension)


def _guarded(rows, limits):
    """The checks every format shares: cell length, row limit, endless empty rows. Readers
    hand in empty rows too (one per row element of the file); they are counted, not yielded."""
    threshold = (limits.max_rows + 1) * 10
    filled = previous = 0
    for seen, (number, cells) in enumerate(rows, 1):
        cells = trim(cells)
        if not cells:
            if seen > threshold:
                # a sheet that goes on for a million formatted but empty rows
                raise ReadError("empty_rows", row=number)
            continue
        if number - 1 > max(previous, threshold):
            # a stray cell far below the data, after a gap of empty rows
            raise ReadError("empty_rows", row=max(previous + 1, threshold + 1))
        previous = number
        _check_lengths(number, cells)
        filled += 1
        if filled > limits.max_rows + 1:  # the header row and max_rows rows
            raise ReadError("too_many_rows", limit=limits.max_rows)
        yield number, cells


def trim(cells):
    """``cells`` cut to the columns read, ``""`` as ``None``, without trailing empty cells."""
    cells = cells[: upload_guard.MAX_COLUMNS]
    end = len(cells)
    while end and (cells[end - 1] is None or cells[end - 1] == ""):
        end -= 1
    return tuple(None if cell == "" else cell for cell in cells[:end])


def _check_lengths(number, cells):
    for index, cell in enumerate(cells):
        if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
            raise ReadError(
                "cell_too_long",
                cell=column_letter(index + 1) + str(number),
                length=len(cell),
                limit=MAX_CELL_CHARS,
            )


# ------------------------------------------------------------
# Helpers of the format readers
# ------------------------------------------------------------


def column_letter(index):
    """1 -> "A", 28 -> "AB"."""
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def text(value):
    """A text cell: NFC (``normalize`` returns its argument unchanged when already NFC)."""
    return unicodedata.normalize("NFC", value)


def date_cell(value):
    """A datetime at midnight is a date (a date cell); other values are kept."""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date()
    return value


def to_number(raw):
    """A number as a file stores it: "3" -> 3, "0.45" or "1E-3" -> float."""
    if "." in raw or "e" in raw or "E" in raw:
        return float(raw)
    try:
        return int(raw)
    except ValueError:
        return float(raw)  # "NaN", "INF"; anything else is a damaged file


def iso_date(raw):
    """An ISO 8601 date or date-time as .ods (``office:date-value``) and strict .xlsx write."""
    raw = raw.strip().removesuffix("Z")
    if "T" not in raw:
        return datetime.date.fromisoformat(raw)
    day, __, time = raw.partition("T")
    time = re.sub(r"(\.\d{1,6})\d*", r"\1", time)  # Python reads at most microseconds
    return date_cell(datetime.datetime.fromisoformat(f"{day}T{time}"))


def is_percent_format(code):
    """Whether a number format (Excel's syntax, also .xls) shows its positive numbers as a
    percent: "0%", "0.00%", "#,##0.0%"; a "%" quoted, escaped or in brackets does not count."""
    return "%" in FORMAT_NOISE.sub("", code or "").split(";", 1)[0]


def error_text(value):
    """Whether a displayed text is a spreadsheet error (#N/A, #DIV/0!, Err:502...)."""
    return bool(value) and ERROR_TEXT.fullmatch(value) is not None


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


# ------------------------------------------------------------
# .xls (BIFF, read by xlrd)
# ------------------------------------------------------------


def read_xls(data, limits):
    import xlrd

    check_content(data, "xls")
    upload_guard.check_size(data, limits, limits.xls_bytes)
    try:
        # .xls is not compressed: the size checked above bounds what xlrd loads
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO()
        )
    except xlrd.XLRDError as error:
        if "encrypted" in str(error).lower():
            raise ReadError("encrypted") from None
        raise ReadError("damaged") from error
    try:
        yield from _xls_rows(book)
    finally:
        book.release_resources()


def _xls_rows(book):
    import xlrd

    sheet = book.sheet_by_index(0)
    if sheet.merged_cells:
        ranges = [
            f"{column_letter(c0 + 1)}{r0 + 1}:{column_letter(c1)}{r1}"
            for r0, r1, c0, c1 in sheet.merged_cells
        ]
        raise ReadError("merged_cells", sheet=sheet.name, ranges=", ".join(ranges[:10]))
    percent = set()
    for index, xf in enumerate(book.xf_list):
        number_format = book.format_map.get(xf.format_key)
        if number_format and is_percent_format(number_format.format_str):
            percent.add(index)
    errors = xlrd.biffh.error_text_from_code
    for index in range(sheet.nrows):
        row = []
        for cell in sheet.row_slice(index, 0, upload_guard.MAX_COLUMNS):
            kind, value = cell.ctype, cell.value
            if kind == xlrd.XL_CELL_TEXT:
                value = text(value)
            elif kind == xlrd.XL_CELL_NUMBER:
                value = Percent(value) if cell.xf_index in percent else value
            elif kind == xlrd.XL_CELL_DATE:
                # not a real date: the number stays, refused by the parser
                with contextlib.suppress(ValueError, OverflowError):
                    moment = xlrd.xldate.xldate_as_datetime(value, book.datemode)
                    # a time of day alone, as the .xlsx and .ods readers give it
                    value = moment.time() if 0 <= value < 1 else date_cell(moment)
            elif kind == xlrd.XL_CELL_BOOLEAN:
                value = bool(value)
            elif kind == xlrd.XL_CELL_ERROR:
                value = CellError(errors.get(value, "#VALUE!"))
            else:
                value = None
            row.append(value)
        yield index + 1, row


# ------------------------------------------------------------
# .csv / .tsv / .txt
# ------------------------------------------------------------


def read_csv(data, limits, extension="csv"):
    """Text cells of a delimited text file, in whatever encoding and separator Excel,
    LibreOffice or Google Sheets wrote it (see :func:`decode_text`, :func:`sniff_delimiter`)."""
    if data.startswith((OLE_MAGIC, b"PK\x03\x04")):
        check_content(data, extension)  # a workbook named .csv, or an encrypted one
    content = decode_text(data)
    if "\x00" in content:
        raise ReadError("csv_binary")
    content = text(content)
    first_line, __, rest = content.partition("\n")
    hint = re.fullmatch(r"sep=(.)\r?", first_line)
    if hint:
        # Excel's "sep=;" line: the separator to use, not a row (Excel does not show it)
        content, delimiter = rest, hint.group(1)
    else:
        delimiter = sniff_delimiter(content)
    # the csv module builds a whole row before it can be cut: refuse giant rows first
    widest = max((line.count(delimiter) for line in content.splitlines()), default=0)
    if widest > MAX_CSV_FIELDS:
        raise ReadError("csv_too_wide", limit=MAX_CSV_FIELDS)
    # No field can be longer than the file: the csv module's own limit (131072 characters,
    # process-wide; Odoo's base_import raises it to 500 MB) would turn a long cell into a
    # parse error; the cell-length check gives the clear message instead. Only ever raised.
    if csv.field_size_limit() <= len(content):
        csv.field_size_limit(len(content) + 1)
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, 1)
    except csv.Error as error:
        raise ReadError("csv_quotes", line=reader.line_num, error=str(error)) from None


def decode_text(data):
    """Decode a text file: BOM (UTF-8, UTF-16, UTF-32), UTF-16 without BOM, UTF-8, Windows
    Vietnamese (cp1258, what Excel's "CSV" writes on a Vietnamese Windows), chardet's guess,
    Windows Western (cp1252). Refused only when none of them decodes."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ReadError("csv_encoding") from None
    for encoding in (_utf16_without_bom(data[:4096]), "utf-8"):
        if encoding:
            with contextlib.suppress(UnicodeDecodeError):
                return data.decode(encoding)
    try:
        content = data.decode("cp1258")
    except UnicodeDecodeError:
        content = None
    if content is not None and _looks_vietnamese(content):
        return content
    for encoding in (_chardet_guess(data), "cp1252"):
        if encoding:
            with contextlib.suppress(UnicodeDecodeError, LookupError):
                return data.decode(encoding)
    raise ReadError("csv_encoding")


def _utf16_without_bom(head):
    """UTF-16 without a BOM: text made mostly of ASCII has a NUL in every other byte."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.1:
        return "utf-16-le"
    if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.1:
        return "utf-16-be"
    return None


def _looks_vietnamese(content):
    """cp1258 decodes most bytes: take it for Vietnamese text (tone marks on vowels and
    letters such as ơ, ư, đ), not for Western text that happens to decode (Italian "però",
    Portuguese "São", which cp1258 reads "peṛ", "Săo")."""
    if not (TONE_MARKS.search(content) and VIETNAMESE_LETTERS.search(content)):
        return False
    if WESTERN_LETTERS.search(content):
        return False
    # every tone mark follows a letter it composes with
    return not COMBINING_MARKS.search(unicodedata.normalize("NFC", content))


def _chardet_guess(data):
    try:
        import chardet
    except ImportError:  # an Odoo dependency, optional here
        return None
    guess = chardet.detect(data[: 1 << 16])
    if guess.get("encoding") and (guess.get("confidence") or 0) >= 0.8:
        return guess["encoding"]
    return None


def sniff_delimiter(content):
    """The separator of a delimited text: ",", ";" (Excel where the decimal separator is a
    comma), tab (Excel's "Unicode text") or "|".

    Each candidate splits the first lines (quotes respected); the one that splits the header
    in most fields, the same number on every line, wins; csv.Sniffer's guess breaks ties.
    """
    sample = content[:SNIFF_CHARS]
    try:
        lines = "\n".join(sample.splitlines()[:SNIFF_LINES])
        sniffed = csv.Sniffer().sniff(lines, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = None
    best, best_score = ",", None
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
        try:
            counts = [len(record) for record in itertools.islice(reader, SNIFF_LINES)]
        except csv.Error:  # reported with its line by the reader proper
            counts = []
        if len(content) > len(sample) and len(counts) > 1:
            counts.pop()  # the sample may end inside that record
        header = counts[0] if counts else 0
        alike = sum(count == header for count in counts) / len(counts) if counts else 0
        score = (header > 1, alike, header, delimiter == sniffed)
        if best_score is None or score > best_score:
            best, best_score = delimiter, score
    return best if best_score[0] else ","
