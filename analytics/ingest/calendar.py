"""Calendar exports (.ics from Google, Outlook, Apple) -> meetings with the people invited.

Parsed with `icalendar`; recurring events expanded by `recurring-ical-events` (EXDATE and RECURRENCE-ID
overrides honoured) from the first occurrence up to the as-of date, at most MAX_OCCURRENCES. Each
occurrence with guests becomes one interaction per guest who is not the owner: channel "one_to_one"
with exactly one other guest, "meeting" with up to CALENDAR_MEETING_MAX_GUESTS, "event" (a gathering,
not a conversation) above that; direction "out" when the owner organised it, else "in". Left out and
counted: cancelled events, events the owner declined, events without guests (all-day ones included),
events whose guests are only the owner, events the owner is not invited to. Rooms and resources are
not people. Summaries, descriptions and locations are never read into the result.

Example:
    >>> ics = (b"BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nUID:1\\r\\nDTSTART:20260105T090000Z\\r\\n"
    ...        b"ORGANIZER:mailto:me@x.org\\r\\nATTENDEE;CN=Ana Lopez:mailto:ana@y.org\\r\\n"
    ...        b"END:VEVENT\\r\\nEND:VCALENDAR\\r\\n")
    >>> rows = read_calendar("c.ics", ics, frozenset({"me@x.org"}), pd.Timestamp("2026-03-01", tz="UTC"))
    >>> rows.interactions[["contact_id", "channel", "direction", "content"]].values.tolist()
    [['name:ana lopez', 'one_to_one', 'out', '']]
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import icalendar
import pandas as pd
import recurring_ical_events

from analytics import weights
from analytics.errors import InputError
from analytics.i18n import _, counted, number
from analytics.i18n import date as day_text
from analytics.ingest import sources as src
from analytics.limits import MAX_EVENTS, MAX_OCCURRENCES
from analytics.model import FileReport

_NOT_PEOPLE = ("ROOM", "RESOURCE")
_PERIOD = {"SECONDLY": 1, "MINUTELY": 60, "HOURLY": 3_600, "DAILY": 86_400, "WEEKLY": 604_800,
           "MONTHLY": 2_419_200, "YEARLY": 31_536_000}  # seconds, shortest month


def _guests(event: icalendar.Event) -> tuple[dict[str, str], dict[str, str], str]:
    """({address: name} of the people invited, {address: PARTSTAT}, the organiser's address)."""
    attendees = event.get("ATTENDEE", [])
    attendees = attendees if isinstance(attendees, list) else [attendees]
    organizer = event.get("ORGANIZER")
    people: dict[str, str] = {}
    status: dict[str, str] = {}
    for who in [*attendees, *([organizer] if organizer is not None else [])]:
        params = getattr(who, "params", {})
        mail = src.address(who)
        if not mail or str(params.get("CUTYPE", "")).upper() in _NOT_PEOPLE:
            continue
        name = " ".join(str(params.get("CN", "")).split())
        people[mail] = people.get(mail) or ("" if src.address(name) == mail else name)
        status.setdefault(mail, str(params.get("PARTSTAT", "")).upper())
    return people, status, src.address(organizer) if organizer is not None else ""


def _utc(value: date | datetime) -> pd.Timestamp:
    stamp = pd.Timestamp(value)
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def _start(event: icalendar.Event) -> pd.Timestamp | None:
    """An event's start in UTC, None when it has none or it cannot be read."""
    try:
        return _utc(event.decoded("DTSTART"))
    except (KeyError, ValueError, TypeError, OverflowError):
        return None


def _owner(calendars: list[icalendar.Calendar], report: FileReport) -> frozenset[str]:
    """The owner's address when none is known: the calendar's name (Google names it so), else the address
    on most events (a warning says so)."""
    for cal in calendars:
        named = src.address(cal.get("X-WR-CALNAME", ""))
        if named:
            return frozenset({named})
    counts = Counter(mail for cal in calendars for e in cal.walk("VEVENT") for mail in _guests(e)[0])
    return src.likely_owner(counts, report, "events")


def _parse(name: str, data: bytes) -> list[icalendar.Calendar]:
    src.check_size(name, data, "calendar")
    if src.source_kind("", data[:64]) != "calendar":
        raise InputError(name, _("not an iCalendar file (it does not start with BEGIN:VCALENDAR)"))
    try:
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
    except (ValueError, KeyError, IndexError, TypeError) as err:
        raise InputError(name, _("not a readable iCalendar file ({error})").format(
            error=str(err).splitlines()[0][:120])) from None
    events = sum(len(cal.walk("VEVENT")) for cal in calendars)
    if not any(_start(e) is not None for cal in calendars for e in cal.walk("VEVENT")):
        raise InputError(name, _("no event with a readable start in the calendar"))
    if events > MAX_EVENTS:
        raise InputError(name, _("{n} events, above the limit of {limit} in one calendar").format(
            n=number(events), limit=number(MAX_EVENTS)))
    return calendars


def _rule_count(rule: dict, start: pd.Timestamp, until: pd.Timestamp) -> float:
    """About how many occurrences one RRULE has from `start` up to `until` (each BY list multiplies)."""
    end = min(until, _utc(rule["UNTIL"][0])) if rule.get("UNTIL") else until
    period = _PERIOD.get(str(rule.get("FREQ", ["DAILY"])[0]).upper(), 86_400)
    every = period * int(rule.get("INTERVAL", [1])[0])
    n = max(0.0, (end - start).total_seconds()) / max(every, 1) + 1
    for key, values in rule.items():
        n *= len(values) if key.startswith("BY") and key != "BYSETPOS" else 1
    return min(n, float(rule["COUNT"][0])) if rule.get("COUNT") else n


def _expected(cal: icalendar.Calendar, until: pd.Timestamp) -> float:
    """About how many occurrences the calendar's events have up to `until`, counted before expanding."""
    total = 0.0
    for event in cal.walk("VEVENT"):
        total += 1
        rules = event.get("RRULE") or []
        try:
            start = _utc(event.decoded("DTSTART"))
            rules = rules if isinstance(rules, list) else [rules]
            total += sum(_rule_count(r, start, until) for r in rules)
        except (KeyError, ValueError, TypeError, OverflowError):
            continue  # a series that cannot be read is skipped when expanding
    return total


def _occurrences(name: str, cal: icalendar.Calendar, until: pd.Timestamp):
    """(start in UTC, occurrence) up to `until`, at most MAX_OCCURRENCES, refused before expanding when
    the rules promise more (a rule repeating every minute for years)."""
    expected = _expected(cal, until)
    if expected > MAX_OCCURRENCES:
        raise InputError(name, _("its repeating events make about {n} occurrences, above {limit} event "
                                 "occurrences up to {day}, the limit for one calendar").format(
                                     n=number(expected), limit=number(MAX_OCCURRENCES), day=day_text(until)))
    starts = [when for e in cal.walk("VEVENT") if (when := _start(e)) is not None]
    if not starts:
        return
    try:
        query = recurring_ical_events.of(cal, skip_bad_series=True)
        found = query.between(min(starts).to_pydatetime(), (until + pd.Timedelta(seconds=1)).to_pydatetime())
    except (ValueError, TypeError, OverflowError) as err:
        why = str(err).splitlines()[0][:120] if str(err) else type(err).__name__
        raise InputError(name, _("a recurring event cannot be expanded ({error})").format(
            error=why)) from None
    if len(found) > MAX_OCCURRENCES:
        raise InputError(name, _("more than {limit} event occurrences up to {day}, the limit for one "
                                 "calendar").format(limit=number(MAX_OCCURRENCES), day=day_text(until)))
    for event in found:
        when = _utc(event.decoded("DTSTART"))
        if when <= until:
            yield when, event


def _channel(others: int) -> str:
    """'one_to_one', 'meeting' or 'event' for an occurrence with `others` guests besides the owner.

    >>> _channel(1), _channel(3), _channel(40)
    ('one_to_one', 'meeting', 'event')
    """
    if others == 1:
        return "one_to_one"
    return "meeting" if others <= weights.CALENDAR_MEETING_MAX_GUESTS else "event"


def read_calendar(name: str, data: bytes, me: frozenset[str], as_of: pd.Timestamp) -> src.SourceRows:
    """Meetings up to `as_of` (end of that day) with everyone invited besides the owner (`me`: the
    owner's addresses, lower-case; guessed when empty). InputError for an unreadable file or one
    over the limits."""
    report = FileReport(file=name, kind="calendar")
    calendars = _parse(name, data)
    me = me or _owner(calendars, report)
    until = as_of.normalize() + pd.Timedelta(days=1) - pd.Timedelta(seconds=1)
    names: dict[str, str] = {}
    cols: tuple[list, ...] = ([], [], [], [], [])
    seen = 0
    for cal in calendars:
        for when, event in _occurrences(name, cal, until):
            seen += 1
            people, status, organizer = _guests(event)
            mine = [m for m in people if m in me]
            others = [m for m in people if m not in me]
            why = (_("cancelled") if str(event.get("STATUS", "")).upper() == "CANCELLED"
                   else _("no guests") if not event.get("ATTENDEE")
                   else _("declined by you") if any(status[m] == "DECLINED" for m in mine)
                   else _("no guest besides you") if not others
                   else _("you are not among the guests") if not mine else "")
            if why:
                report.skip(why)
                continue
            uid = str(event.get("UID", ""))[:200]
            for mail in others:
                names[mail] = people[mail] or names.get(mail, "")
                cols[0].append(mail)
                cols[1].append(when)
                cols[2].append(_channel(len(others)))
                cols[3].append("out" if organizer in me else "in")
                cols[4].append(f"ics:{uid}@{when:%Y%m%dT%H%M%S}")
    ids = {mail: src.person_id("", n, mail) for mail, n in names.items()}
    inter = src.interaction_frame([ids[m] for m in cols[0]], *cols[1:])
    report.rows = len({c for c in cols[4]})
    src.date_range(report, inter["date"])
    # TRANSLATORS: {meetings} is "12 meetings", {occurrences} "40 event occurrences" (both translated apart)
    report.read = _("dates and guests of {meetings} (of {occurrences} up to {day}); titles, descriptions and "
                    "places not read").format(
        meetings=counted("{n} meeting", "{n} meetings", report.rows),
        occurrences=counted("{n} event occurrence", "{n} event occurrences", seen), day=day_text(as_of))
    people = [{"name": n, "emails": [mail]} for mail, n in names.items()]
    return src.source_rows(people, "Calendar", report, inter)
