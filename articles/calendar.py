"""Editorial calendar: month and week grids of Paris days, without any request or query.

A day is a calendar day in Europe/Paris, whatever the server or database time zone:
an article at 00h30 in Paris on the 5th belongs to the 5th, although it is the 4th in UTC.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

PARIS = ZoneInfo("Europe/Paris")

# Outside these years a ?mois= or ?semaine= is treated as invalid: navigation can
# never step out of what ``date`` supports.
MIN_YEAR, MAX_YEAR = 1900, 2999

MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
DAYS_SHORT = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."]

MONTH_RE = re.compile(r"([0-9]{4})-([0-9]{1,2})", re.ASCII)
WEEK_RE = re.compile(r"([0-9]{4})-[Ww]([0-9]{1,2})", re.ASCII)

MONTH, WEEK = "month", "week"


# --- Parsing and formatting ------------------------------------------------------------


def parse_month(value):
    """'2026-12' → date(2026, 12, 1); None when invalid."""
    match = MONTH_RE.fullmatch((value or "").strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        return None
    return date(year, month, 1)


def parse_week(value):
    """'2026-W49' (ISO week) → its Monday; None when invalid (2027-W53 does not exist)."""
    match = WEEK_RE.fullmatch((value or "").strip())
    if not match:
        return None
    year, week = int(match[1]), int(match[2])
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        return None


def month_param(day):
    return f"{day.year:04d}-{day.month:02d}"


def week_param(day):
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def paris_day(moment):
    """The Paris calendar day of an aware datetime."""
    return timezone.localtime(moment, PARIS).date()


def paris_today(now=None):
    return paris_day(now or timezone.now())


def format_day(day, with_year=True):
    """'samedi 5 décembre 2026' ('1er' for the first of the month, as in French)."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{DAYS[day.weekday()]} {number} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def format_time(moment):
    """'18h07', in Paris time."""
    local = timezone.localtime(moment, PARIS)
    return f"{local.hour}h{local.minute:02d}"


def format_datetime(moment):
    return f"{format_day(paris_day(moment))} à {format_time(moment)}"


def to_local_input(moment):
    """The value of an <input type="datetime-local"> showing ``moment`` in Paris."""
    return timezone.localtime(moment, PARIS).strftime("%Y-%m-%dT%H:%M")


def paris_midnight(day):
    """Start of a Paris day as an aware datetime (DST never changes at midnight in Paris)."""
    return datetime.combine(day, time.min, tzinfo=PARIS)


# --- Periods ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """What one page of the calendar shows: a month or an ISO week."""

    kind: str
    anchor: date  # first of the month, or Monday of the week
    first: date  # first day in the grid (a Monday)
    last: date  # last day in the grid (a Sunday)

    @property
    def days(self):
        return [self.first + timedelta(days=n) for n in range((self.last - self.first).days + 1)]

    def bounds(self):
        """[start, end) as aware datetimes, for the query on published_at."""
        return paris_midnight(self.first), paris_midnight(self.last + timedelta(days=1))

    def contains(self, day):
        if self.kind == MONTH:
            return (day.year, day.month) == (self.anchor.year, self.anchor.month)
        return self.first <= day <= self.last

    @property
    def param(self):
        if self.kind == MONTH:
            return "mois", month_param(self.anchor)
        return "semaine", week_param(self.anchor)

    @property
    def label(self):
        if self.kind == MONTH:
            return f"{MONTHS[self.anchor.month - 1].capitalize()} {self.anchor.year}"
        week = self.anchor.isocalendar()[1]
        start = format_day(self.first, with_year=self.first.year != self.last.year)
        return f"Semaine {week} : du {start} au {format_day(self.last)}"

    def previous(self):
        if self.kind == MONTH:
            return month_period((self.anchor - timedelta(days=1)).replace(day=1))
        return week_period(self.anchor - timedelta(days=7))

    def next(self):
        if self.kind == MONTH:
            return month_period((self.anchor + timedelta(days=31)).replace(day=1))
        return week_period(self.anchor + timedelta(days=7))

    def in_range(self):
        return MIN_YEAR <= self.anchor.year <= MAX_YEAR


def month_period(day):
    """The month containing ``day``, padded to whole weeks (Monday to Sunday)."""
    anchor = day.replace(day=1)
    following = (anchor + timedelta(days=31)).replace(day=1)
    first = anchor - timedelta(days=anchor.weekday())
    last_of_month = following - timedelta(days=1)
    last = last_of_month + timedelta(days=6 - last_of_month.weekday())
    return Period(MONTH, anchor, first, last)


def week_period(day):
    """The ISO week (Monday to Sunday) containing ``day``."""
    monday = day - timedelta(days=day.weekday())
    return Period(WEEK, monday, monday, monday + timedelta(days=6))


def period_from_query(params, today):
    """(period, error) from ?mois= / ?semaine=; an invalid value gives today's period.

    ``params`` is a mapping such as request.GET; ``error`` is a French message or None.
    """
    if "semaine" in params:
        raw = params.get("semaine") or ""
        monday = parse_week(raw) if raw else today
        if monday is None:
            return week_period(today), f"Semaine « {raw[:20]} » invalide : semaine en cours."
        return week_period(monday), None
    raw = params.get("mois") or ""
    first = parse_month(raw) if raw else today
    if first is None:
        return month_period(today), f"Mois « {raw[:20]} » invalide : mois en cours."
    return month_period(first), None


def switch_kind(period, today):
    """The other view of the same time: the week of today (or of the month's first day),
    or the month of the week's Thursday (the ISO rule for which month a week is in)."""
    if period.kind == MONTH:
        return week_period(today if period.contains(today) else period.anchor)
    return month_period(period.first + timedelta(days=3))


# --- Grids -----------------------------------------------------------------------------


@dataclass
class Day:
    date: date
    in_period: bool
    is_today: bool
    entries: list = field(default_factory=list)
    limit: int | None = None  # how many entries a compact grid shows

    @property
    def shown(self):
        return self.entries if self.limit is None else self.entries[: self.limit]

    @property
    def more(self):
        return len(self.entries) - len(self.shown)

    @property
    def label(self):
        return format_day(self.date)

    @property
    def weekday_short(self):
        return DAYS_SHORT[self.date.weekday()]

    @property
    def week(self):
        return week_param(self.date)


def group_by_day(items, moment=lambda item: item.published_at):
    """{Paris day: [items]} — items in the given order (sort them by time first)."""
    days = {}
    for item in items:
        days.setdefault(paris_day(moment(item)), []).append(item)
    return days


def build_days(period, items, today, moment=lambda item: item.published_at, limit=None):
    """One Day per day of the period's grid, each with its items sorted by time."""
    by_day = group_by_day(sorted(items, key=moment), moment)
    return [
        Day(
            date=day,
            in_period=period.contains(day),
            is_today=day == today,
            entries=by_day.get(day, []),
            limit=limit,
        )
        for day in period.days
    ]


def weeks(days):
    """Split a grid's days into rows of seven."""
    return [days[i : i + 7] for i in range(0, len(days), 7)]
