# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The columns of the opportunity import, and how a file's headers are matched to them.

Pure Python (no Odoo import): tested by ``pytest tests/`` without a database; imports nothing
of the package (the readers and the columns know nothing of each other).

The template, the export and the import share :data:`COLUMNS`. Headers are recognised in
English or Vietnamese, and by the field names of 1Office's own guide (*Thuộc quy trình*,
*Giá trị cơ hội*, *Kết thúc dự kiến*, *Theo dõi và phối hợp thực hiện*, *Hàng hóa*...), so
that a file exported from 1Office imports without renaming, whatever languages the database
has:

1. ``exact``: the header, NFC-normalised, spaces collapsed and case ignored, is a known label;
2. ``accents``: failing that, the same with accents ignored (``Ma co hoi``, ``Ngay du kien chot``,
   a header typed without a Vietnamese keyboard), when that spelling belongs to one column only;
3. otherwise the user maps the column in the import wizard (``chosen``), and the wizard
   remembers that choice for their next file (``remembered``): see :mod:`.mapping`.

Problems are returned as :class:`Problem` (a code and parameters); the Odoo layer turns them
into translated messages.
"""

import re
import unicodedata
from collections import namedtuple

Column = namedtuple("Column", "key english vietnamese aliases")
Problem = namedtuple("Problem", "code params")
Match = namedtuple("Match", "index header key how")

# Hard-coded on purpose: recognising a header must not depend on the installed languages.
COLUMNS = (
    Column("code", "Code", "Mã", ("mã cơ hội",)),
    Column("name", "Opportunity", "Cơ hội", ("name", "tên", "tên cơ hội")),
    Column("partner", "Contact", "Liên hệ", ("customer", "khách hàng")),
    Column(
        "pipeline",
        "Sales Process",
        "Quy trình bán hàng",
        ("pipeline", "quy trình", "thuộc quy trình"),
    ),
    Column("stage", "Stage", "Giai đoạn", ()),
    Column("amount", "Value", "Giá trị", ("amount", "giá trị cơ hội")),
    Column(
        "probability",
        "Success Rate (%)",
        "Tỷ lệ thành công (%)",
        ("success rate", "tỷ lệ thành công", "tỉ lệ thành công", "tỉ lệ thành công (%)"),
    ),
    Column(
        "date_deadline",
        "Expected Closing",
        "Ngày dự kiến chốt",
        ("kết thúc dự kiến", "ngày kết thúc dự kiến", "thời gian kết thúc dự kiến"),
    ),
    Column("user", "Responsible", "Người phụ trách", ()),
    Column(
        "collaborators",
        "Collaborators",
        "Người phối hợp",
        ("người cộng tác", "theo dõi và phối hợp thực hiện", "người theo dõi/phối hợp thực hiện"),
    ),
    Column("labels", "Labels", "Nhãn", ("nhãn cơ hội",)),
    Column("priority", "Priority", "Độ ưu tiên", ()),
    Column("description", "Description", "Mô tả", ()),
    # 1Office's "Hàng hóa" (goods) holds the product lines; "hoá" is the older accent placement
    Column("product", "Product", "Sản phẩm", ("hàng hóa", "hàng hoá")),
    Column("quantity", "Quantity", "Số lượng", ()),
    Column("price_unit", "Unit Price", "Đơn giá", ("giá bán",)),
)
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
BY_KEY = {column.key: column for column in COLUMNS}
#: Cells of a product line; a row with only these continues the opportunity above it.
LINE_KEYS = ("product", "quantity", "price_unit")
#: Cells that start a new opportunity.
MAIN_KEYS = ("code", "name", "partner")
#: Columns a file must have (the contact may be left out when updating by code).
REQUIRED_KEYS = ("name", "partner")


def normalize(text):
    """NFC, spaces (non-breaking ones included) collapsed, case folded."""
    text = unicodedata.normalize("NFC", str(text or ""))
    return re.sub(r"\s+", " ", text).strip().casefold()


def fold(text):
    """:func:`normalize` without accents: ``Ngày dự kiến chốt`` -> ``ngay du kien chot``."""
    decomposed = unicodedata.normalize("NFD", normalize(text).replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _build_indexes():
    exact, folded = {}, {}
    for column in COLUMNS:
        for label in (column.english, column.vietnamese, *column.aliases):
            exact[normalize(label)] = column.key
            key = fold(label)
            # a spelling without accents shared by two columns recognises neither
            folded[key] = column.key if folded.get(key, column.key) == column.key else None
    return exact, folded


EXACT, FOLDED = _build_indexes()
#: How a column was read when the user's mapping, not its name, decided.
MAPPED = ("chosen", "remembered")


def match_header(label):
    """``(key, how)`` for one header: how is ``exact`` or ``accents``; ``(None, None)`` when
    unknown."""
    key = EXACT.get(normalize(label))
    if key:
        return key, "exact"
    key = FOLDED.get(fold(label))
    if key:
        return key, "accents"
    return None, None


def read_header(cells, optional=(), mapping=None):
    """Match a header row.

    Return ``(keys, matches, problems)``: ``keys[i]`` is the column key of cell ``i`` (``None``
    for an empty, unknown, skipped or repeated header), ``matches`` the read headers as
    :class:`Match` (a column the user chose not to import has the key ``None``), ``problems``
    :class:`Problem` codes ``unknown_column(column)``, ``duplicate_column(column, other)``,
    ``duplicate_target(column, other, key)`` (two columns the user sent to one field) and
    ``missing_column(key)``. Keys in ``optional`` are not required.

    ``mapping`` is the user's choice for some cells, ``{index: (key, how)}``: ``key`` (``None``:
    do not import) wins over the matching, ``how`` says where it comes from (``chosen``,
    ``remembered``).
    """
    headers = ["" if cell is None else unicodedata.normalize("NFC", str(cell)) for cell in cells]
    while headers and not headers[-1].strip():
        headers.pop()
    mapping = mapping or {}
    keys, matches, problems, seen = [], [], [], {}
    for index, header in enumerate(headers):
        label = header.strip()
        if not label:
            keys.append(None)
            continue
        key, how = mapping[index] if index in mapping else match_header(header)
        if key is None and how is None:
            problems.append(Problem("unknown_column", {"column": label}))
        elif key is None:
            matches.append(Match(index, label, None, how))
        elif key in seen:
            problems.append(_duplicate(Match(index, label, key, how), seen[key]))
            key = None
        else:
            seen[key] = Match(index, label, key, how)
            matches.append(seen[key])
        keys.append(key)
    for key in REQUIRED_KEYS:
        if key not in seen and key not in optional:
            problems.append(Problem("missing_column", {"key": key}))
    return keys, matches, problems


def _duplicate(match, other):
    """A second column of one field: named the same (``duplicate_column``), or sent there by
    the user's mapping (``duplicate_target``, which names the field)."""
    params = {"column": match.header, "other": other.header}
    if match.how in MAPPED or other.how in MAPPED:
        return Problem("duplicate_target", dict(params, key=match.key))
    return Problem("duplicate_column", params)


def headers(vietnamese=False):
    """The template's header row, in English or Vietnamese."""
    return [column.vietnamese if vietnamese else column.english for column in COLUMNS]


def column_name(key, vietnamese=False):
    """The template's name of the column ``key``."""
    column = BY_KEY[key]
    return column.vietnamese if vietnamese else column.english


def column_letter(index):
    """Spreadsheet letters of a 0-based column index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
