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


@lru_cache(maxsize=512)
def month_short(value: dt.date) -> str:
    """« oct. », « mars », « juil. »: the abbreviated month of a date block."""
    return format_date(value, "MMM", locale="fr_FR")


def number(value: float) -> str:
    """« 1 500 », « 2,5 »: French separators, no useless decimals."""
    return format_decimal(value, locale="fr_FR")


_VOWELS = tuple("aeiouyàâäéèêëîïôöûüœAEIOUYÀÂÉÈÊÎÔÛŒhH")
_ARTICLES = (("les ", "des ", "aux "), ("le ", "du ", "au "), ("la ", "de la ", "à la "),
             ("l'", "de l'", "à l'"), ("l’", "de l’", "à l’"))


def contracted(preposition: str, phrase: str) -> str:
    """« de » or « à » before a noun phrase written with its article, as French contracts them.

    « le conseil » gives « du conseil » / « au conseil », « les signataires » « des
    signataires » / « aux signataires », « la commission » « de la commission », « l'assemblée »
    « de l'assemblée »; a phrase without article takes « de » (« d' » before a vowel) or « à ».
    """
    if preposition not in ("de", "à"):
        raise ValueError(preposition)
    lowered = phrase.lower()
    for article, of_form, to_form in _ARTICLES:
        if lowered.startswith(article):
            rest = phrase[len(article):]
            return (of_form if preposition == "de" else to_form) + rest
    if preposition == "de":
        return ("d'" if phrase.startswith(_VOWELS) else "de ") + phrase
    return "à " + phrase


def capitalized(phrase: str) -> str:
    """The phrase with its first letter in capital, the rest untouched (« le conseil » → « Le conseil »)."""
    return phrase[:1].upper() + phrase[1:]
