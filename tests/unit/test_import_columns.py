"""tools/importer/columns.py: headers matched in English or Vietnamese, however they were typed."""

import unicodedata

import pytest

from conftest import tool


@pytest.fixture(scope="module")
def columns():
    return tool("importer.columns")


ENGLISH = ["Code", "Opportunity", "Contact", "Sales Process", "Stage", "Value",
           "Success Rate (%)", "Expected Closing", "Responsible", "Collaborators", "Labels",
           "Priority", "Description", "Product", "Quantity", "Unit Price"]  # fmt: skip


def test_template_headers_in_both_languages(columns):
    assert columns.headers() == ENGLISH
    vietnamese = columns.headers(vietnamese=True)
    assert vietnamese[1] == "Cơ hội" and vietnamese[7] == "Ngày dự kiến chốt"
    assert len(set(vietnamese)) == len(vietnamese) == len(columns.COLUMNS)


@pytest.mark.parametrize("vietnamese", [False, True])
def test_every_template_header_is_read_back_exactly(columns, vietnamese):
    keys, matches, problems = columns.read_header(columns.headers(vietnamese))
    assert keys == list(columns.COLUMN_KEYS)
    assert problems == []
    assert {match.how for match in matches} == {"exact"}


def test_decomposed_vietnamese_header_is_the_same_column(columns):
    nfd = unicodedata.normalize("NFD", "Ngày dự kiến chốt")
    assert nfd != "Ngày dự kiến chốt"
    assert columns.match_header(nfd) == ("date_deadline", "exact")


@pytest.mark.parametrize(
    "header, key",
    [
        ("ngay du kien chot", "date_deadline"),
        ("Ty le thanh cong (%)", "probability"),
        ("NGUOI PHU TRACH", "user"),
        ("Don gia", "price_unit"),
        ("Giai doan", "stage"),
        ("Lien he", "partner"),
    ],
)
def test_headers_without_accents_match_as_a_fallback(columns, header, key):
    assert columns.match_header(header) == (key, "accents")


@pytest.mark.parametrize(
    "header, key",
    [
        ("  success   RATE (%) ", "probability"),
        ("Customer", "partner"),
        ("khách hàng", "partner"),
        ("Sales\u00a0Process", "pipeline"),
        ("OPPORTUNITY", "name"),
    ],
)
def test_spaces_case_and_aliases(columns, header, key):
    assert columns.match_header(header) == (key, "exact")


def test_an_accentless_spelling_of_two_columns_matches_neither(columns):
    # "Mã" (code) folds to "ma": no other column folds to it, so it is recognised
    assert columns.match_header("Ma") == ("code", "accents")
    folded = {}
    for column in columns.COLUMNS:
        for label in (column.english, column.vietnamese, *column.aliases):
            folded.setdefault(columns.fold(label), set()).add(column.key)
    for spelling, keys in folded.items():
        expected = keys.pop() if len(keys) == 1 else None
        assert columns.FOLDED[spelling] == expected


def test_unknown_and_duplicate_columns_are_problems(columns):
    keys, matches, problems = columns.read_header(["Opportunity", "Contact", "Colour", "Contact"])
    assert keys == ["name", "partner", None, None]
    codes = [(p.code, p.params) for p in problems]
    assert ("unknown_column", {"column": "Colour"}) in codes
    assert ("duplicate_column", {"column": "Contact", "other": "Contact"}) in codes
    assert [m.key for m in matches] == ["name", "partner"]


def test_duplicate_across_languages_is_named(columns):
    __, __, problems = columns.read_header(["Cơ hội", "Contact", "Opportunity"])
    assert problems == [
        columns.Problem("duplicate_column", {"column": "Opportunity", "other": "Cơ hội"})
    ]


def test_missing_required_columns(columns):
    __, __, problems = columns.read_header(["Code", "Value"])
    assert [(p.code, p.params["key"]) for p in problems] == [
        ("missing_column", "name"),
        ("missing_column", "partner"),
    ]
    __, __, problems = columns.read_header(["Code", "Opportunity"], optional=("partner",))
    assert problems == []


def test_empty_headers_are_skipped_and_trailing_ones_dropped(columns):
    keys, __, problems = columns.read_header(["Opportunity", None, "", "Contact", " ", None])
    assert keys == ["name", None, None, "partner"]
    assert problems == []


def test_numbers_as_headers_are_unknown_columns(columns):
    __, __, problems = columns.read_header(["Opportunity", "Contact", 2026])
    assert problems[0].params == {"column": "2026"}


@pytest.mark.parametrize("index, letters", [(0, "A"), (25, "Z"), (26, "AA"), (63, "BL")])
def test_column_letters(columns, index, letters):
    assert columns.column_letter(index) == letters


def test_column_name_in_both_languages(columns):
    assert columns.column_name("labels") == "Labels"
    assert columns.column_name("labels", vietnamese=True) == "Nhãn"
