"""Dated events: date expressions normalised against the page date, with their precision, for a timeline.

"on Sunday" → the Sunday on or before the page date; "February 24" → that day in the page's year (the year
before, if it would fall after the page date); "in late March" → that month; "in 2014" → that year. Without a
page date, expressions that need one are not placed: they are reported as unplaced rather than guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_QUAL = r"(?:(?P<qual>early|mid|middle\s+of|late|the\s+end\s+of|the\s+beginning\s+of)[\s-]+)?"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("mdy", re.compile(rf"\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})\b", re.I)),
    (
        "dmy",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON}),?\s+(?P<y>(?:19|20)\d{{2}})\b", re.I
        ),
    ),
    ("my", re.compile(rf"\b{_QUAL}(?P<mon>{_MON})\s+(?:of\s+)?(?P<y>(?:19|20)\d{{2}})\b", re.I)),
    ("md", re.compile(rf"\b(?P<mon>{_MON})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*(?:19|20)\d{{2}})", re.I)),
    (
        "dm",
        re.compile(
            rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})\b(?!\s*,?\s*(?:19|20)\d{{2}})", re.I
        ),
    ),
    (
        "m",
        re.compile(
            rf"\b(?:in|by|since|until|from|during|of|early|mid|late|last|next|this)\s+{_QUAL}(?P<mon>{_MON})\b(?!\s*(?:\d|,?\s*(?:19|20)\d{{2}}))",
            re.I,
        ),
    ),
    (
        "y",
        re.compile(r"\b(?:in|since|by|until|from|of|during|before|after)\s+(?P<y>(?:19|20)\d{2})\b(?!\s*[-/]\d)", re.I),
    ),
    (
        "wd",
        re.compile(
            r"\b(?:on|last|this\s+past)\s+(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I
        ),
    ),
    ("rel", re.compile(r"\b(?P<rel>today|yesterday|tomorrow)\b", re.I)),
]


@dataclass(frozen=True, slots=True)
class DatedEvent:
    start: int
    end: int
    date: str | None  # ISO 8601, as precise as known; None when it needs an unknown page date
    precision: str  # "day", "month" or "year"
    qualifier: str | None = None  # early / mid / late, for a month


def _month(name: str) -> int:
    key = name.lower().rstrip(".")[:3]
    return next(i for i, m in enumerate(_MONTHS, 1) if m.startswith(key))


def _qual(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.lower()
    return "early" if "early" in raw or "beginning" in raw else "late" if "late" in raw or "end" in raw else "mid"


def find_dates(text: str, start: int, end: int, page_date: date | None) -> list[DatedEvent]:
    """Date expressions in text[start:end], normalised against *page_date* when they need it."""
    taken: list[tuple[int, int]] = []
    out: list[DatedEvent] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text, start, end):
            a, b = m.span()
            if any(a < y and x < b for x, y in taken):
                continue
            g = m.groupdict()
            try:
                ev = _normalise(kind, g, a, b, page_date)
            except (ValueError, StopIteration):
                continue
            if ev is None:
                continue
            # report the date words, not the preposition before them ("on Sunday" → "Sunday")
            if kind in ("m", "y", "wd"):
                inner = (
                    m.start("qual")
                    if g.get("qual")
                    else m.start("mon" if kind == "m" else "y" if kind == "y" else "wd")
                )
                ev = DatedEvent(inner, b, ev.date, ev.precision, ev.qualifier)
            taken.append((a, b))
            out.append(ev)
    return sorted(out, key=lambda e: e.start)


def _normalise(kind: str, g: dict[str, str | None], a: int, b: int, page: date | None) -> DatedEvent | None:
    if kind == "iso":
        return DatedEvent(a, b, date(int(g["y"]), int(g["m"]), int(g["d"])).isoformat(), "day")  # type: ignore[arg-type]
    if kind in ("mdy", "dmy"):
        d = date(int(g["y"]), _month(g["mon"]), int(g["d"]))  # type: ignore[arg-type]
        return DatedEvent(a, b, d.isoformat(), "day")
    if kind == "my":
        return DatedEvent(a, b, f"{int(g['y']):04d}-{_month(g['mon']):02d}", "month", _qual(g.get("qual")))  # type: ignore[arg-type]
    if kind == "y":
        return DatedEvent(a, b, f"{int(g['y']):04d}", "year")  # type: ignore[arg-type]
    if kind in ("md", "dm"):
        if g["mon"] and g["mon"].lower().rstrip(".") in ("may", "march") and int(g["d"]) > 31:  # type: ignore[arg-type]
            return None
        if page is None:
            return DatedEvent(a, b, None, "day")
        d = date(page.year, _month(g["mon"]), int(g["d"]))  # type: ignore[arg-type]
        if d > page + timedelta(days=31):
            d = d.replace(year=page.year - 1)
        return DatedEvent(a, b, d.isoformat(), "day")
    if kind == "m":
        if page is None:
            return DatedEvent(a, b, None, "month", _qual(g.get("qual")))
        month = _month(g["mon"])  # type: ignore[arg-type]
        return DatedEvent(a, b, f"{page.year:04d}-{month:02d}", "month", _qual(g.get("qual")))
    if kind == "wd":
        if page is None:
            return DatedEvent(a, b, None, "day")
        target = _DAYS.index(g["wd"].lower())  # type: ignore[union-attr]
        back = (page.weekday() - target) % 7
        return DatedEvent(a, b, (page - timedelta(days=back)).isoformat(), "day")
    if kind == "rel":
        if page is None:
            return DatedEvent(a, b, None, "day")
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[g["rel"].lower()]  # type: ignore[union-attr]
        return DatedEvent(a, b, (page + timedelta(days=shift)).isoformat(), "day")
    return None
