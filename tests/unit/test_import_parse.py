"""tools/importer/parse.py: cells read as the spreadsheet shows them, ambiguity refused."""

import datetime

import pytest

from conftest import tool

VI = (",", ".")  # Vietnamese: 1.500.000,5
EN = (".", ",")  # English: 1,500,000.5


@pytest.fixture(scope="module")
def parse():
    return tool("importer.parse")


@pytest.fixture(scope="module")
def cells():
    return tool("importer.cells")


def code_of(function, *args, **kwargs):
    with pytest.raises(Exception) as caught:
        function(*args, **kwargs)
    return caught.value.code, caught.value.params


# -- text -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, ""),
        (12.0, "12"),
        (12.5, "12.5"),
        (7, "7"),
        ("  Công ty ABC  ", "Công ty ABC"),
        ("Co\u0301ng", "Cóng"),  # decomposed -> composed
        (datetime.date(2026, 12, 31), "2026-12-31"),
        (datetime.datetime(2026, 12, 31), "2026-12-31"),
        (True, "TRUE"),
    ],
)
def test_text(parse, value, expected):
    assert parse.text(value) == expected


def test_items_split_on_commas_semicolons_and_lines(parse):
    assert parse.items("VIP, Hot;Tết\nB2B,, ") == ["VIP", "Hot", "Tết", "B2B"]
    assert parse.items(None) == []


def test_json_cell_keeps_what_the_errors_file_shows(parse, cells):
    assert parse.json_cell(None) == ""
    assert parse.json_cell(5) == 5
    assert parse.json_cell(cells.Percent(0.45)) == "45%"
    assert parse.json_cell(cells.CellError("#N/A")) == "#N/A"
    assert parse.json_cell(datetime.date(2026, 1, 2)) == "2026-01-02"
    assert parse.json_cell(float("nan")) == "nan"
    assert parse.json_cell(datetime.time(10, 30)) == "10:30:00"


# -- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, separators, expected",
    [
        (1500000, EN, 1500000.0),
        ("1,500,000", EN, 1500000.0),
        ("1,500,000.5", EN, 1500000.5),
        ("1.500.000", VI, 1500000.0),
        ("1.500.000,5", VI, 1500000.5),
        ("1500000,5", VI, 1500000.5),
        ("150.000.000 ₫", VI, 150000000.0),
        ("150,000,000 VND", EN, 150000000.0),
        ("$120", EN, 120.0),
        ("1\u00a0500\u00a0000", EN, 1500000.0),
        ("0", EN, 0.0),
    ],
)
def test_numbers_in_the_users_language(parse, value, separators, expected):
    assert parse.number(value, separators) == expected


@pytest.mark.parametrize(
    "value, separators, code",
    [
        ("abc", EN, "not_a_number"),
        ("1,5", EN, "not_a_number"),  # a decimal comma in English is not a number
        ("1.500,000.5", VI, "not_a_number"),  # both separators in the wrong places
        ("12e", EN, "not_a_number"),
        (float("inf"), EN, "not_a_number"),
        (float("nan"), EN, "not_a_number"),
        (True, EN, "not_a_number"),
        (datetime.date(2026, 1, 1), EN, "not_a_number"),
        (-1, EN, "negative"),
        ("-5", EN, "negative"),
        ("45%", EN, "percent_value"),
    ],
)
def test_what_is_not_an_amount(parse, value, separators, code):
    assert code_of(parse.number, value, separators)[0] == code


def test_percent_cell_is_not_an_amount(parse, cells):
    assert code_of(parse.number, cells.Percent(0.45)) == ("percent_value", {"value": "45%"})


def test_error_cell_is_named(parse, cells):
    assert code_of(parse.number, cells.CellError("#DIV/0!")) == (
        "error_cell",
        {"value": "#DIV/0!"},
    )


def test_maximum(parse):
    assert code_of(parse.number, 101, EN, maximum=100) == (
        "above",
        {"value": "101", "maximum": 100},
    )


# -- success rates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [(45, 45.0), ("45", 45.0), ("45%", 45.0), ("45 %", 45.0), ("12,5%", 12.5), (0, 0.0),
     (1, 1.0), (100, 100.0), ("0,5%", 0.5)],
)  # fmt: skip
def test_rates_as_typed(parse, value, expected):
    assert parse.rate(value, VI) == expected


def test_percent_formatted_cell_is_read_as_shown(parse, cells):
    assert parse.rate(cells.Percent(0.45)) == 45.0
    assert parse.rate(cells.Percent(1)) == 100.0
    assert parse.rate(cells.Percent(0.075)) == 7.5


def test_a_fraction_without_percent_format_is_ambiguous(parse):
    assert code_of(parse.rate, 0.45) == ("ambiguous_rate", {"value": "0.45", "percent": "45"})
    assert code_of(parse.rate, "0,45", VI)[0] == "ambiguous_rate"


@pytest.mark.parametrize("value", [101, "150%", -3])
def test_rates_outside_0_100(parse, cells, value):
    assert code_of(parse.rate, value)[0] in ("above", "negative")


def test_percent_cell_above_100(parse, cells):
    assert code_of(parse.rate, cells.Percent(1.5)) == ("above", {"value": "150%", "maximum": 100})


# -- priorities -----------------------------------------------------------------------------


def test_integer(parse, cells):
    assert parse.integer(2.0, 3) == 2
    assert parse.integer("3", 3) == 3
    assert code_of(parse.integer, 1.5, 3)[0] == "not_an_integer"
    assert code_of(parse.integer, 4, 3)[0] == "above"
    assert code_of(parse.integer, cells.Percent(0.02), 3)[0] == "percent_value"


# -- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        datetime.date(2026, 12, 31),
        datetime.datetime(2026, 12, 31, 15, 30),
        "31/12/2026",
        "31-12-2026",
        "31.12.2026",
        "2026-12-31",
        "2026/12/31",
        "2026-12-31 00:00:00",
        " 31/12/2026 ",
        "31/12/2026 08:00",
        "31/12/26",
        "31.12.26",
    ],
)
def test_dates(parse, value):
    assert parse.date(value) == datetime.date(2026, 12, 31)


def test_month_first_dates_are_refused_not_swapped(parse):
    assert code_of(parse.date, "12/31/2026") == ("not_a_date", {"value": "12/31/2026"})


def test_a_plain_number_in_a_date_column_is_refused(parse):
    assert code_of(parse.date, 46022) == ("date_is_number", {"value": "46022"})
    assert code_of(parse.date, 46022.5)[0] == "date_is_number"


def test_other_non_dates(parse, cells):
    assert code_of(parse.date, "soon")[0] == "not_a_date"
    assert code_of(parse.date, True)[0] == "not_a_date"
    assert code_of(parse.date, cells.CellError("#VALUE!"))[0] == "error_cell"


# -- records --------------------------------------------------------------------------------

KEYS = ["code", "name", "partner", "amount", "product", "quantity", "price_unit"]


def rows(*values):
    return [(number, tuple(row)) for number, row in enumerate(values, 2)]


def test_rows_group_into_records_with_their_lines(parse):
    reader = parse.RecordReader(
        rows(
            (None, "Deal A", "ABC", None, "P1", 2, 10),
            (None, None, None, None, "P2", 1, None),
            (None, "Deal B", "XYZ", 5000, None, None, None),
            (None, None, None, None, "P3", None, None),
        ),
        KEYS,
    )
    records = list(reader)
    assert [r.row for r in records] == [2, 4]
    assert [row for row, __ in records[0].lines] == [2, 3]
    assert [row for row, __ in records[1].lines] == [5]
    assert records[1].cells == {"name": "Deal B", "partner": "XYZ", "amount": 5000}
    assert reader.row_count == 4
    assert [number for number, __ in records[0].raw] == [2, 3]


def test_empty_and_blank_rows_are_skipped(parse):
    reader = parse.RecordReader(
        rows(
            (None,) * 7,
            ("", "  ", None, None, None, None, None),
            (None, "Deal", "ABC", None, None, None, None),
        ),
        KEYS,
    )
    records = list(reader)
    assert len(records) == 1 and reader.row_count == 1


def test_a_line_row_at_the_top_is_its_own_record(parse):
    records = list(parse.RecordReader(rows((None, None, None, None, "P1", 1, 2)), KEYS))
    assert len(records) == 1 and records[0].lines and "name" not in records[0].cells


def test_cells_of_unknown_columns_are_ignored(parse):
    keys = ["name", None, "partner"]
    records = list(parse.RecordReader(rows(("Deal", "ignored", "ABC", "extra")), keys))
    assert records[0].cells == {"name": "Deal", "partner": "ABC"}
    assert records[0].raw[0][1] == ("Deal", "ignored", "ABC")


def test_a_row_with_only_other_cells_starts_a_record(parse):
    # a value without name: a new (invalid) record, not a line of the one above
    records = list(
        parse.RecordReader(
            rows(
                (None, "Deal", "ABC", None, None, None, None),
                (None, None, None, 5, None, None, None),
            ),
            KEYS,
        )
    )
    assert len(records) == 2


def test_batches(parse):
    assert [len(b) for b in parse.batches(iter(range(7)), 3)] == [3, 3, 1]
    assert list(parse.batches(iter([]), 3)) == []


def test_records_are_streamed(parse):
    """The reader does not read the whole file before the first record."""
    consumed = []

    def source():
        for number in range(2, 100_000):
            consumed.append(number)
            yield number, (None, f"Deal {number}", "ABC", None, None, None, None)

    first = next(iter(parse.RecordReader(source(), KEYS)))
    assert first.row == 2 and len(consumed) <= 3
