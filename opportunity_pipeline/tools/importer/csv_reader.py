# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The .csv / .tsv / .txt reader: text cells, in whatever encoding and separator Excel,
LibreOffice or Google Sheets wrote them.

:func:`read_csv` first, then what it uses: :func:`decode_text` (the encoding) and
:func:`sniff_delimiter` (the separator). Pure Python (no Odoo import); imports
:mod:`.cells` and :mod:`.container`.
"""

import codecs
import contextlib
import csv
import io
import itertools
import re
import unicodedata

import chardet

from .cells import ReadError, text
from .container import OLE_MAGIC, check_content

MAX_CSV_FIELDS = 1024
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


def read_csv(data, limits, extension="csv"):
    """Text cells of a delimited text file, in whatever encoding and separator Excel,
    LibreOffice or Google Sheets wrote it (see :func:`decode_text`, :func:`sniff_delimiter`).
    ``limits`` is not used: the size was checked before, every row goes through the guards of
    :mod:`.rows`."""
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


# ------------------------------------------------------------
# The encoding
# ------------------------------------------------------------


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
    guess = chardet.detect(data[: 1 << 16])
    if guess.get("encoding") and (guess.get("confidence") or 0) >= 0.8:
        return guess["encoding"]
    return None


# ------------------------------------------------------------
# The separator
# ------------------------------------------------------------


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
