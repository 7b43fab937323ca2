"""Whole numbers read from requests: query strings, form fields and path ids.

`str.isdigit()` accepts "²" and "①", which `int()` then refuses, and `int()` itself accepts
Arabic-Indic and other Unicode digits; a number past the database's range raises
`OverflowError` in the driver. Every number a request carries is read here instead: ASCII
digits only, within `MAXIMUM`, or nothing (the caller answers 404 or shows a form error).
The `id` path converter applies the same rule to URLs, so an out-of-range id never matches
(404). Importing this module registers it; `consultation/__init__.py` does so before any
URL pattern is built.
"""

import re

from django.urls import register_converter

# PostgreSQL's `integer`: the type of page ids, comment ids and version numbers.
MAXIMUM = 2**31 - 1
_DIGITS = re.compile(r"[0-9]{1,10}")  # [0-9], not \d: \d matches every script's digits


def whole_number(value, *, minimum: int = 1, maximum: int = MAXIMUM) -> int | None:
    """The number written in `value` if it is plain ASCII digits within the bounds, else None."""
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None


class IdConverter:
    """`<id:comment_id>`: like Django's `int`, bounded to what the database can hold."""

    regex = "[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        number = whole_number(value)
        if number is None:
            raise ValueError(value)  # Django takes this as "no match": a 404
        return number

    def to_url(self, value) -> str:
        return str(value)


register_converter(IdConverter, "id")
