"""``tools/code_pattern.py`` without Odoo: codes rendered from a ``{KEYWORD}`` pattern, the
patterns refused and why, and the periods of a counter that restarts each year or month."""

import datetime

import pytest

DAY = datetime.date(2026, 11, 26)


def test_issue_example(code_pattern):
    assert code_pattern.render_code("CH{YY}{MM}-{COUNTER}", 7, DAY) == "CH2611-0007"


def test_every_keyword(code_pattern):
    code = code_pattern.render_code(
        "{PIPELINE}-{YYYY}{MM}{DD}-{YY}-{COUNTER}", 12, datetime.date(2026, 3, 5), 5, "DA"
    )
    assert code == "DA-20260305-26-00012"


@pytest.mark.parametrize(
    "padding, expected", [(0, "0"), (1, "0"), (4, "0000"), (12, "0" * 12), (99, "0" * 12)]
)
def test_counter_zero_and_padding(code_pattern, padding, expected):
    assert code_pattern.render_code("{COUNTER}", 0, DAY, padding) == expected


def test_counter_longer_than_padding_is_not_cut(code_pattern):
    assert code_pattern.render_code("{COUNTER}", 123456, DAY, 4) == "123456"


def test_pipeline_keyword_without_pipeline_is_empty(code_pattern):
    assert code_pattern.render_code("{PIPELINE}{COUNTER}", 3, DAY, 2) == "03"


@pytest.mark.parametrize(
    "pattern, reason, keyword",
    [
        ("", "empty", None),
        ("   ", "empty", None),
        ("CH{YY}", "no_counter", "COUNTER"),
        ("CH{FOO}{COUNTER}", "unknown", "FOO"),
        ("CH{yy}{COUNTER}", "unknown", "yy"),
        ("CH{COUNTER", "no_counter", "COUNTER"),
        ("CH{YY-{COUNTER}", "brace", None),
        ("CH}{COUNTER}", "brace", None),
    ],
)
def test_bad_patterns(code_pattern, pattern, reason, keyword):
    with pytest.raises(code_pattern.PatternError) as info:
        code_pattern.check_pattern(pattern)
    assert info.value.reason == reason
    assert info.value.keyword == keyword


def test_good_patterns(code_pattern):
    for pattern in (
        "{COUNTER}",
        "CH{YY}{MM}-{COUNTER}",
        "{PIPELINE}/{YYYY}/{COUNTER}",
        "X-{DD}{COUNTER}Y",
    ):
        code_pattern.check_pattern(pattern)


def test_keywords_listed_in_settings_order(code_pattern):
    assert code_pattern.KEYWORDS == ("YYYY", "YY", "MM", "DD", "COUNTER", "PIPELINE")
    assert code_pattern.pattern_keywords("A{YY}B{COUNTER}") == ["YY", "COUNTER"]


def test_date_is_required(code_pattern):
    with pytest.raises(TypeError):
        code_pattern.render_code("{COUNTER}", 1, "2026-11-26")


@pytest.mark.parametrize(
    "pattern, restart, reason",
    [
        ("CH-{COUNTER}", "year", "restart_needs_year"),
        ("CH{MM}-{COUNTER}", "year", "restart_needs_year"),
        ("CH{YYYY}-{COUNTER}", "month", "restart_needs_month"),
        ("CH{MM}-{COUNTER}", "month", "restart_needs_year"),
    ],
)
def test_a_restarting_counter_needs_its_period_in_the_pattern(
    code_pattern, pattern, restart, reason
):
    with pytest.raises(code_pattern.PatternError) as caught:
        code_pattern.check_restart(pattern, restart)
    assert caught.value.reason == reason


@pytest.mark.parametrize(
    "pattern, restart",
    [
        ("CH-{COUNTER}", "never"),
        ("CH{YY}-{COUNTER}", "year"),
        ("CH{YYYY}{MM}-{COUNTER}", "month"),
        ("{PIPELINE}{YY}/{MM}/{COUNTER}", "month"),
    ],
)
def test_patterns_that_restart_safely(code_pattern, pattern, restart):
    code_pattern.check_restart(pattern, restart)


@pytest.mark.parametrize(
    "day, restart, bounds",
    [
        ((2026, 11, 30), "year", ((2026, 1, 1), (2026, 12, 31))),
        ((2026, 2, 10), "month", ((2026, 2, 1), (2026, 2, 28))),
        ((2028, 2, 29), "month", ((2028, 2, 1), (2028, 2, 29))),
        ((2026, 12, 31), "month", ((2026, 12, 1), (2026, 12, 31))),
    ],
)
def test_counter_periods(code_pattern, day, restart, bounds):
    date = datetime.date(*day)
    assert code_pattern.period(date, restart) == tuple(datetime.date(*b) for b in bounds)
    assert code_pattern.period(date, "never") is None
