# Copyright 2026 opportunity_pipeline developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Render opportunity codes from a ``{KEYWORD}`` pattern.

Pure Python on purpose (no Odoo import): the Odoo-free test suite checks it directly, and the
models call it with the values they gathered in one batch.
"""

import datetime
import re

KEYWORD_RE = re.compile(r"\{([A-Za-z_]+)\}")

#: Keywords in the order the settings page lists them.
KEYWORDS = ("YYYY", "YY", "MM", "DD", "COUNTER", "PIPELINE")

MAX_PADDING = 12


class PatternError(ValueError):
    """A pattern that cannot produce codes; ``keyword`` names the culprit when there is one."""

    def __init__(self, reason, keyword=None):
        super().__init__(reason)
        self.reason = reason
        self.keyword = keyword


def pattern_keywords(pattern):
    """Return the keywords used by ``pattern``, in order of appearance."""
    return KEYWORD_RE.findall(pattern or "")


def check_pattern(pattern):
    """Raise :class:`PatternError` unless ``pattern`` can produce unique codes."""
    if not pattern or not pattern.strip():
        raise PatternError("empty")
    used = pattern_keywords(pattern)
    for keyword in used:
        if keyword not in KEYWORDS:
            raise PatternError("unknown", keyword)
    if "COUNTER" not in used:
        raise PatternError("no_counter", "COUNTER")
    rest = KEYWORD_RE.sub("", pattern)
    if "{" in rest or "}" in rest:
        raise PatternError("brace")


#: When the counter starts again: never, each year, each month.
RESTARTS = ("never", "year", "month")


def check_restart(pattern, restart):
    """Raise :class:`PatternError` when a counter that restarts would repeat codes: restarting
    each year needs the year in the pattern, each month the year and the month."""
    used = set(pattern_keywords(pattern))
    if restart in ("year", "month") and not used & {"YYYY", "YY"}:
        raise PatternError("restart_needs_year", "YYYY")
    if restart == "month" and "MM" not in used:
        raise PatternError("restart_needs_month", "MM")


def period(date, restart):
    """``(first day, last day)`` of the counter period holding ``date`` (``None``: never)."""
    if restart == "year":
        return datetime.date(date.year, 1, 1), datetime.date(date.year, 12, 31)
    if restart == "month":
        following = datetime.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return datetime.date(date.year, date.month, 1), following - datetime.timedelta(days=1)
    return None


def render_code(pattern, counter, date, padding=4, pipeline_code=""):
    """Return the code for one counter value.

    >>> render_code("CH{YY}{MM}-{COUNTER}", 7, datetime.date(2026, 11, 26))
    'CH2611-0007'
    """
    if not isinstance(date, datetime.date):
        raise TypeError("date must be a datetime.date")
    padding = max(0, min(int(padding or 0), MAX_PADDING))
    values = {
        "YYYY": f"{date.year:04d}",
        "YY": f"{date.year % 100:02d}",
        "MM": f"{date.month:02d}",
        "DD": f"{date.day:02d}",
        "COUNTER": str(counter).zfill(padding),
        "PIPELINE": pipeline_code or "",
    }

    def _replace(match):
        keyword = match.group(1)
        if keyword not in values:
            raise PatternError("unknown", keyword)
        return values[keyword]

    return KEYWORD_RE.sub(_replace, pattern)
