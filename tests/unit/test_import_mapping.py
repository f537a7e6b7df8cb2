"""tools/importer/mapping.py and 1Office's names: a team's own file imports with its own headers."""

import unicodedata

import pytest

from conftest import tool


@pytest.fixture(scope="module")
def columns():
    return tool("importer.columns")


@pytest.fixture(scope="module")
def mapping():
    return tool("importer.mapping")


#: The field names of 1Office's guide (Cơ hội: "Tạo mới cơ hội", the list and the settings
#: tables) that are import columns, and the column each one is.
ONEOFFICE = [
    ("Liên hệ", "partner"),
    ("Mã cơ hội", "code"),
    ("Tên cơ hội", "name"),
    ("Thuộc quy trình", "pipeline"),
    ("Quy trình bán hàng", "pipeline"),
    ("Giai đoạn", "stage"),
    ("Hàng hóa", "product"),
    ("Giá trị cơ hội", "amount"),
    ("Tỷ lệ thành công", "probability"),
    ("Kết thúc dự kiến", "date_deadline"),
    ("Người phụ trách", "user"),
    ("Theo dõi và phối hợp thực hiện", "collaborators"),
    ("Mô tả", "description"),
    ("Nhãn", "labels"),
    ("Nhãn cơ hội", "labels"),
]


# -- 1Office's names ---------------------------------------------------------------------------


@pytest.mark.parametrize("header, key", ONEOFFICE)
def test_the_guides_field_names_are_our_columns(columns, header, key):
    assert columns.match_header(header) == (key, "exact")


@pytest.mark.parametrize("header, key", ONEOFFICE)
def test_the_guides_field_names_without_accents(columns, header, key):
    folded = columns.fold(header)
    assert folded != columns.normalize(header) or header.isascii()
    assert columns.match_header(folded.upper()) == (key, "exact" if header.isascii() else "accents")


@pytest.mark.parametrize(
    "header, key",
    [
        ("Hàng hoá", "product"),  # the older accent placement ("hoá"), not the same letters
        ("Tỉ lệ thành công", "probability"),  # "tỉ" and "tỷ" are both written
        (unicodedata.normalize("NFD", "Theo dõi và phối hợp thực hiện"), "collaborators"),
        ("Thời gian kết thúc dự kiến", "date_deadline"),
        ("Giá bán", "price_unit"),
    ],
)
def test_other_spellings_of_the_guides_names(columns, header, key):
    assert columns.match_header(header) == (key, "exact")


def test_a_header_row_of_1office_names_reads_whole(columns):
    header = [name for name, __ in ONEOFFICE if name not in ("Quy trình bán hàng", "Nhãn cơ hội")]
    keys, __, problems = columns.read_header(header)
    assert problems == []
    assert keys == [key for name, key in ONEOFFICE if name in header]


def test_no_accentless_spelling_became_ambiguous(columns):
    # every spelling of 1Office's names folds to one column only: none was lost to a clash
    for header, key in ONEOFFICE:
        assert columns.FOLDED[columns.fold(header)] == key


# -- guesses -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header, key",
    [
        ("Deal value (VND)", "amount"),
        ("Customer name", "partner"),
        ("Expected close date", "date_deadline"),
        ("Giá trị hợp đồng", "amount"),
        ("Người phụ trách chính", "user"),
        ("Tên hàng hóa", "product"),
        ("Sales stage", "stage"),
        ("Ghi chú", "description"),
        ("Owner", "user"),
    ],
)
def test_a_close_name_is_guessed(mapping, header, key):
    guessed, score = mapping.guess_column(header)
    assert guessed == key
    assert mapping.GUESS_THRESHOLD <= score <= 1


@pytest.mark.parametrize(
    "header", ["Colour", "Email", "Số tiền", "Tiền", "Trạng thái", "Phone number", "", "x" * 500]
)
def test_nothing_close_is_not_guessed(mapping, header):
    assert mapping.guess_column(header) == (None, 0.0)


def test_a_guess_avoids_the_columns_taken(mapping):
    assert mapping.guess_column("Customer name")[0] == "partner"
    assert mapping.guess_column("Customer name", exclude={"partner"})[0] == "name"
    assert mapping.guess_column("Customer name", exclude={"partner", "name"}) == (None, 0.0)


# -- the proposed mapping ------------------------------------------------------------------------


def test_plan_proposes_a_field_for_every_column(mapping):
    planned = mapping.plan_columns(
        ["Cơ hội", "lien he", "Deal value", "Colour", None, "Contact", "Sales stage", " "]
    )
    assert [(p.index, p.header, p.key, p.how) for p in planned] == [
        (0, "Cơ hội", "name", "exact"),
        (1, "lien he", "partner", "accents"),
        (2, "Deal value", "amount", "guess"),
        (3, "Colour", None, "unknown"),
        (5, "Contact", None, "duplicate"),
        (6, "Sales stage", "stage", "guess"),
    ]
    assert mapping.needs_mapping(planned)


def test_a_file_of_known_names_needs_no_mapping(mapping, columns):
    assert not mapping.needs_mapping(mapping.plan_columns(columns.headers(vietnamese=True)))
    guide = [name for name, __ in ONEOFFICE if name not in ("Quy trình bán hàng", "Nhãn cơ hội")]
    assert not mapping.needs_mapping(mapping.plan_columns(guide))


def test_two_unknown_headers_never_get_one_guess(mapping):
    planned = mapping.plan_columns(["Opportunity", "Customer", "Deal value", "Deal value (VND)"])
    keys = [p.key for p in planned if p.key]
    assert len(keys) == len(set(keys))
    assert planned[1].key == "partner" and planned[1].how == "exact"
    # the closest of the two gets the field, the other a guess of its own or nothing
    assert [p.key for p in planned[2:]].count("amount") == 1


def test_remembered_choices_decide_unknown_headers_only(mapping):
    remembered = {"deal size": "amount", "colour": None, "contact": "name"}
    planned = mapping.plan_columns(["Opportunity", "Contact", " DEAL  size", "Colour"], remembered)
    assert [(p.key, p.how) for p in planned] == [
        ("name", "exact"),
        ("partner", "exact"),  # our own names always mean their column
        ("amount", "remembered"),
        (None, "remembered"),  # remembered as "Do not import"
    ]
    assert not mapping.needs_mapping(planned)
    assert mapping.remembered_mapping(planned) == {
        2: ("amount", "remembered"),
        3: (None, "remembered"),
    }


def test_a_remembered_field_already_taken_is_a_duplicate(mapping):
    planned = mapping.plan_columns(["Opportunity", "Contact", "Client"], {"client": "partner"})
    assert (planned[2].key, planned[2].how) == (None, "duplicate")
    assert mapping.needs_mapping(planned)


@pytest.mark.parametrize(
    "header, key",
    [
        ("Deal Size", "deal size"),
        (unicodedata.normalize("NFD", "Số tiền"), "số tiền"),
        ("  Số\u00a0 tiền ", "số tiền"),
        ("", None),
        ("x" * 129, None),
    ],
)
def test_memory_key(mapping, header, key):
    assert mapping.memory_key(header) == key


# -- checking the user's mapping ----------------------------------------------------------------


def test_two_columns_to_one_field_name_both(mapping, columns):
    problems = mapping.check_mapping(
        [(0, "Opportunity", "name"), (1, "Khách", "partner"), (2, "Client", "partner")]
    )
    assert problems == [
        columns.Problem(
            "duplicate_target", {"column": "Client", "other": "Khách", "key": "partner"}
        )
    ]


def test_required_fields_missing_after_mapping(mapping, columns):
    problems = mapping.check_mapping([(0, "Tên", "name"), (1, "Khách", None), (2, "Tiền", None)])
    assert problems == [columns.Problem("missing_column", {"key": "partner"})]
    assert mapping.check_mapping([(0, "Tên", "name")], optional=("partner",)) == []


def test_a_complete_mapping_has_no_problem(mapping):
    entries = [(0, "Tên", "name"), (3, "Khách", "partner"), (4, "Colour", None)]
    assert mapping.check_mapping(entries) == []


def test_read_header_follows_the_mapping(columns):
    keys, matches, problems = columns.read_header(
        ["Opportunity", "Client", "Colour", "Value"],
        mapping={1: ("partner", "chosen"), 2: (None, "remembered"), 3: (None, "chosen")},
    )
    assert keys == ["name", "partner", None, None]
    assert problems == []
    assert [(m.header, m.key, m.how) for m in matches] == [
        ("Opportunity", "name", "exact"),
        ("Client", "partner", "chosen"),
        ("Colour", None, "remembered"),
        ("Value", None, "chosen"),
    ]


def test_a_mapped_column_on_a_named_one_is_a_duplicate_target(columns):
    __, __, problems = columns.read_header(
        ["Opportunity", "Contact", "Client"], mapping={2: ("partner", "chosen")}
    )
    assert problems == [
        columns.Problem(
            "duplicate_target", {"column": "Client", "other": "Contact", "key": "partner"}
        )
    ]
