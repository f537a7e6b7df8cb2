# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The column-mapping step of the opportunity import: which column of the file goes where.

Pure Python (no Odoo import): tested by ``pytest tests/`` without a database; imports
:mod:`.columns` only.

A header that :func:`.columns.match_header` does not know is not refused any more: the
wizard shows every column of the file with the import column it goes to, and the user changes
what they want before anything is written. This module proposes that mapping
(:func:`plan_columns`), guesses a column for an unknown header by its likeness to the known
names (:func:`guess_column`), and checks the user's choice (:func:`check_mapping`). The wizard
remembers the user's choice per header (:func:`memory_key`) for their next file, as Odoo's
``base_import.mapping`` does.

``how`` of a :class:`Planned` column:

* ``exact``, ``accents``: its name is one of ours (see :mod:`.columns`);
* ``remembered``: the user mapped this header in an earlier import;
* ``guess``: unknown name, the closest known name is proposed;
* ``unknown``: unknown name and nothing close: proposed as *Do not import*;
* ``duplicate``: a second column of the same field: proposed as *Do not import*.
"""

import difflib
import re
import unicodedata
from collections import namedtuple

from .columns import COLUMNS, fold, match_header, normalize, read_header

Planned = namedtuple("Planned", "index header key how")

#: Longer headers are text, not a column name: neither guessed nor remembered.
MAX_HEADER_LENGTH = 128
#: The least likeness (0 to 1) for a guess; below it, the column is not imported.
GUESS_THRESHOLD = 0.72
#: Shorter headers or names are compared as whole words only, not as strings.
MIN_FUZZY_LENGTH = 5
#: Words other tools use for our columns (Odoo, spreadsheets of other CRMs): only guesses, shown
#: to the user to confirm, never read as the column without asking.
GUESS_SYNONYMS = {
    "probability": "probability",
    "xác suất": "probability",
    "close date": "date_deadline",
    "deadline": "date_deadline",
    "hạn chốt": "date_deadline",
    "expected revenue": "amount",
    "doanh thu dự kiến": "amount",
    "salesperson": "user",
    "owner": "user",
    "tags": "labels",
    "notes": "description",
    "note": "description",
    "ghi chú": "description",
    "company": "partner",
    "công ty": "partner",
    "sản phẩm/dịch vụ": "product",
}
#: How of the columns the user must look at before the import runs.
TO_CHECK = ("guess", "unknown", "duplicate")


def header_text(cell):
    """A header cell as the import reads it: composed (NFC) text without outer spaces."""
    return "" if cell is None else unicodedata.normalize("NFC", str(cell)).strip()


def header_columns(cells):
    """``[(index, header text)]`` of the non-empty headers of a header row, as the mapping
    step lists them."""
    texts = [header_text(cell) for cell in cells]
    return [(index, text) for index, text in enumerate(texts) if text]


def fits(shown, cells):
    """Whether the mapping step's lines ``shown`` (``(index, header, ...)`` each, in column
    order) are the columns of the header row ``cells``, not of another file."""
    return [(index, header) for index, header, *__ in shown] == header_columns(cells)


def memory_key(header):
    """The text a mapping is remembered by (case, spaces and composition ignored), or
    ``None`` for a header too long to be a column name."""
    key = normalize(header)
    return key if key and len(key) <= MAX_HEADER_LENGTH else None


def _known_names():
    names = []
    for column in COLUMNS:
        for label in {column.english, column.vietnamese, *column.aliases}:
            names.append((fold(label), column.key))
    names.extend((fold(label), key) for label, key in GUESS_SYNONYMS.items())
    return names


KNOWN_NAMES = _known_names()


def _words(text):
    return " ".join(re.findall(r"\w+", text))


def likeness(header, name):
    """How much the folded ``header`` looks like the folded known ``name``, from 0 to 1: their
    likeness as strings (words of 5 letters or more), or more when the header holds the name
    as whole words (``deal value (vnd)`` holds ``value``), the more as the name fills it."""
    # a letter or two makes another short word ("tien" is not "ten"): short headers must
    # hold a name as words
    short = min(len(header), len(name)) < MIN_FUZZY_LENGTH
    score = 0.0 if short else difflib.SequenceMatcher(None, header, name).ratio()
    words, name_words = _words(header), _words(name)
    if name_words and re.search(r"\b%s\b" % re.escape(name_words), words):
        score = max(score, 0.7 + 0.3 * len(name_words) / max(len(words), 1))
    return score


def guess_column(header, exclude=()):
    """``(key, score)`` of the known column ``header`` looks most like, ``(None, 0.0)`` when
    none reaches :data:`GUESS_THRESHOLD`. Keys in ``exclude`` are not proposed."""
    text = fold(header)
    if not text or len(text) > MAX_HEADER_LENGTH:
        return None, 0.0
    best_key, best = None, 0.0
    for name, key in KNOWN_NAMES:
        if key in exclude:
            continue
        score = likeness(text, name)
        if score > best:
            best_key, best = key, score
    return (best_key, best) if best >= GUESS_THRESHOLD else (None, 0.0)


def plan_columns(cells, remembered=None):
    """The proposed mapping of a header row: one :class:`Planned` per non-empty header, in
    the file's order; ``key`` ``None`` is *Do not import*.

    ``remembered`` is the user's memory, ``{memory_key(header): key or None}``. Our own names
    always mean their column; the memory only speaks for the other headers. Two columns never
    get one key: the second is proposed as *Do not import* (``duplicate``), and guesses go
    to the best-matching column first.
    """
    remembered = remembered or {}
    planned, taken, unknown = {}, set(), []
    for index, cell in enumerate(cells):
        header = header_text(cell)
        if not header:
            continue
        key, how = match_header(header)
        if key is None and memory_key(header) in remembered:
            key, how = remembered[memory_key(header)] or None, "remembered"
        if key is None and how is None:
            unknown.append((index, header))
            continue
        if key in taken:
            key, how = None, "duplicate"
        planned[index] = Planned(index, header, key, how)
        if key:
            taken.add(key)
    guesses = sorted(
        ((guess_column(header, taken), index, header) for index, header in unknown),
        key=lambda item: -item[0][1],
    )
    for (key, __), index, header in guesses:
        if key in taken:
            key, __ = guess_column(header, taken)
        planned[index] = Planned(index, header, key, "guess" if key else "unknown")
        if key:
            taken.add(key)
    return [planned[index] for index in sorted(planned)]


def needs_mapping(planned):
    """Whether the user must check the mapping before the file can be read."""
    return any(column.how in TO_CHECK for column in planned)


def remembered_mapping(planned):
    """``{index: (key, "remembered")}`` of the columns the user's memory decided, for
    :func:`.columns.read_header`."""
    return {
        column.index: (column.key, "remembered") for column in planned if column.how == "remembered"
    }


def check_mapping(entries, optional=()):
    """Problems of the user's mapping: ``entries`` is ``[(index, header, key or None)]`` for
    every column. Return :class:`.columns.Problem` codes ``duplicate_target(column,
    other, key)`` (two columns to one field) and ``missing_column(key)``."""
    width = max((index for index, __, __ in entries), default=-1) + 1
    cells = [""] * width
    for index, header, __ in entries:
        cells[index] = header
    mapping = {index: (key, "chosen") for index, __, key in entries}
    __, __, problems = read_header(cells, optional, mapping)
    return problems
