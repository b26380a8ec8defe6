"""French formatting of dates and numbers for the site's text (no markup here)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal


# Cached: a large site formats the same few thousand dates tens of thousands of times (babel is slow).
@lru_cache(maxsize=16384)
def long_date(value: dt.date) -> str:
    """« 1er octobre 2019 », « 4 octobre 2019 »: only the first of the month takes an ordinal."""
    if isinstance(value, dt.datetime):
        value = value.date()
    text = format_date(value, "d MMMM y", locale="fr_FR")
    return "1er" + text[1:] if value.day == 1 else text


@lru_cache(maxsize=4096)
def month_year(value: dt.date) -> str:
    """« octobre 2019 »."""
    return format_date(value, "MMMM y", locale="fr_FR")


def number(value: float) -> str:
    """« 1 500 », « 2,5 »: French separators, no useless decimals."""
    return format_decimal(value, locale="fr_FR")
