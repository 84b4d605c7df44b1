"""The day a timeline entry, a date line or a date heading names, and the order of two days.

A day is read from an ISO date, a month name and a day ("Mar 12", "12th March"), a numeric date
("2024/03/12", "12.03.2024", "29-09-2021"; day and month told apart when one is over 12), "Day 2",
a weekday or "the next day". A day that cannot be placed in order ("Tuesday", "03-10-2021" read
either way) is still a new day: the clock starts again under it.
"""

from __future__ import annotations

import re

from reviewer.patterns import lazy

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_DAY = lazy(
    r"\b(?:(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon2>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*)\b"
    r"(?:,?\s+(?P<year>\d{4}))?", re.I)


# Numeric dates: "2024/03/12", "12.03.2024", "3/12/2024", "3/12" (day and month told apart when one is > 12).
NUMERIC_DATE = lazy(r"\b(?:(?P<y>\d{4})[/.](?P<a>\d{1,2})[/.](?P<b>\d{1,2})|(?P<c>\d{1,2})[/.](?P<d>\d{1,2})"
                    r"(?:[/.](?P<y2>\d{2}|\d{4}))?"
                    # day and month joined by hyphens, with the year: "29-09-2021", "03-10-2021" (without the
                    # year "10-12" is as often a range of hours or of days)
                    r"|(?P<e>\d{1,2})-(?P<f>\d{1,2})-(?P<y3>\d{4}))\b(?![:.]\d)", prefilter=True)
# A day named without a date: "Day 2", "Tuesday", "the next day": a new day, in order only with its kind.
_DAY_NUMBER = lazy(r"\b(?:day|d\+?)\s*(\d{1,2})\b", re.I)
_WEEKDAY = lazy(r"\b(mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|rsday|urday)?\b\.?", re.I)
_NEXT_DAY = lazy(r"\b(?:next|following|second|third) (?:day|morning)\b|\bovernight\b|\(\+\d\)|\+\d ?days?\b",
                       re.I)


def day_of(text: str) -> str | None:
    """A day key: sortable 'YYYY-MM-DD' ('0000-03-12' without a year) or 'day-NN' for "Day N";
    '~' + a label for a day that cannot be ordered ("Tuesday", "the next day", "3/4" read either way)."""
    iso = re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)
    if iso:
        return iso.group()
    match = _MONTH_DAY.search(text)
    if match:
        month = _MONTHS.index((match.group("mon") or match.group("mon2")).lower()[:3]) + 1
        day = int(match.group("day") or match.group("day2"))
        if 1 <= day <= 31:
            return f"{match.group('year') or '0000'}-{month:02d}-{day:02d}"
    numeric = NUMERIC_DATE.search(text)
    if numeric:
        return _numeric_day(numeric)
    number = _DAY_NUMBER.search(text)
    if number:
        return f"day-{int(number.group(1)):02d}"
    weekday = _WEEKDAY.search(text)
    if weekday:
        return "~" + weekday.group(1).lower()
    if _NEXT_DAY.search(text):
        return "~next:" + text[:20]
    return None


def _numeric_day(match: re.Match[str]) -> str | None:
    if match.group("y"):
        year, month, day = match.group("y"), int(match.group("a")), int(match.group("b"))
    else:
        first, second = int(match.group("c") or match.group("e")), int(match.group("d") or match.group("f"))
        year = match.group("y2") or match.group("y3") or "0000"
        year = f"20{year}" if len(year) == 2 else year
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first:
            month, day = first, second
        else:
            return "~" + match.group()  # 3/4: March 4 or 3 April; a new day either way
    return f"{year}-{month:02d}-{day:02d}" if 1 <= month <= 12 and 1 <= day <= 31 else None


def day_order(day: str, before: str) -> int | None:
    """1 when `day` comes after `before`, -1 before, 0 the same day; None when they cannot be ordered."""
    numbered = (day[:4] == "day-", before[:4] == "day-")
    if day[0] == "~" or before[0] == "~" or numbered[0] != numbered[1]:
        return None if day != before else 0
    if not numbered[0] and "0000" in (day[:4], before[:4]):
        day, before = day[5:], before[5:]  # a year on one side only: compare month and day
    return (day > before) - (day < before)
