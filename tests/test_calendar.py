"""Calendars (analytics/ingest/calendar.py): one interaction per guest but the owner, 1-to-1 / meeting /
event by the number of guests, recurring events expanded up to the as-of date with their exceptions,
declined, cancelled and guest-less events left out, titles and descriptions never stored."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analytics.errors import InputError
from analytics.ingest import calendar, load_files
from analytics.ingest.calendar import read_calendar

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
ME = frozenset({"me@x.org"})
AS_OF = pd.Timestamp("2026-02-01", tz="UTC")


def ics(*events: str, head: str = "") -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{head}{body}END:VCALENDAR\r\n".encode()


def event(uid: str, start: str, *guests: str, organizer: str = "me@x.org", extra: str = "") -> str:
    lines = [f"UID:{uid}", f"DTSTART:{start}", f"ORGANIZER:mailto:{organizer}",
             *(f"ATTENDEE;CN={g.split('@')[0].title()}:mailto:{g}" for g in guests), extra]
    return "\r\n".join(line for line in lines if line)


def rows(data: bytes, me: frozenset[str] = ME, as_of: pd.Timestamp = AS_OF) -> list[tuple]:
    inter = read_calendar("c.ics", data, me, as_of).interactions
    return [(r.contact_id, f"{r.date:%Y-%m-%d %H:%M}", r.channel, r.direction) for r in inter.itertuples()]


@pytest.mark.parametrize(("guests", "channel"), [
    (["ana@y.org"], "one_to_one"),
    (["ana@y.org", "bob@z.org", "me@x.org"], "meeting"),
    ([f"p{i}@big.org" for i in range(9)], "event"),
], ids=["one-other-guest", "two-others", "nine-others"])
def test_channel_follows_the_number_of_other_guests(guests, channel):
    got = rows(ics(event("1", "20260105T090000Z", *guests)))
    assert {c for _, _, c, _ in got} == {channel}
    assert len(got) == len([g for g in guests if g != "me@x.org"])


@pytest.mark.parametrize(("organizer", "direction"), [("me@x.org", "out"), ("ana@y.org", "in")])
def test_direction_follows_the_organiser(organizer, direction):
    got = rows(ics(event("1", "20260105T090000Z", "ana@y.org", "me@x.org", organizer=organizer)))
    assert got == [("name:ana", "2026-01-05 09:00", "one_to_one", direction)]


def test_recurring_event_with_exdate_moved_and_cancelled_occurrences_up_to_as_of():
    weekly = event("w", "20260105T090000Z", "ana@y.org", extra="RRULE:FREQ=WEEKLY\r\nEXDATE:20260112T090000Z")
    moved = event("w", "20260120T150000Z", "ana@y.org", extra="RECURRENCE-ID:20260119T090000Z")
    cancelled = event("w", "20260126T090000Z", "ana@y.org",
                      extra="RECURRENCE-ID:20260126T090000Z\r\nSTATUS:CANCELLED")
    got = rows(ics(weekly, moved, cancelled))
    assert [d for _, d, _, _ in got] == ["2026-01-05 09:00", "2026-01-20 15:00"]  # 12th excluded, 26th off


def test_endless_rule_stops_at_the_as_of_day():
    daily = event("d", "20260101T080000Z", "ana@y.org", extra="RRULE:FREQ=DAILY")
    assert len(rows(ics(daily), as_of=pd.Timestamp("2026-01-10", tz="UTC"))) == 10


def test_too_many_occurrences_is_one_line(monkeypatch):
    monkeypatch.setattr(calendar, "MAX_OCCURRENCES", 50)
    minutely = event("m", "20260101T080000Z", "ana@y.org", extra="RRULE:FREQ=MINUTELY")
    with pytest.raises(InputError) as err:
        rows(ics(minutely))
    assert str(err.value) == ("c.ics: its repeating events make about 45,602 occurrences, above 50 event "
                              "occurrences up to 2026-02-01, the limit for one calendar")


@pytest.mark.parametrize(("ev", "reason"), [
    (event("c", "20260105T090000Z", "ana@y.org", extra="STATUS:CANCELLED"), "cancelled"),
    ("UID:a\r\nDTSTART;VALUE=DATE:20260105\r\nSUMMARY:Holiday", "no guests"),
    ("UID:a\r\nDTSTART:20260105T090000Z\r\nORGANIZER:mailto:me@x.org", "no guests"),
    (event("d", "20260105T090000Z", "bob@z.org", organizer="bob@z.org",
           extra="ATTENDEE;PARTSTAT=DECLINED:mailto:me@x.org"), "declined by you"),
    (event("s", "20260105T090000Z", "me@x.org"), "no guest besides you"),
    (event("n", "20260105T090000Z", "ana@y.org", organizer="bob@z.org"), "you are not among the guests"),
], ids=["cancelled", "all-day-without-guests", "no-attendee", "declined", "only-me", "not-invited"])
def test_left_out_with_a_reason(ev, reason):
    result = read_calendar("c.ics", ics(ev), ME, AS_OF)
    assert (len(result.interactions), result.report.reasons) == (0, {reason: 1})


def test_rooms_are_not_people_and_names_without_cn_use_the_address():
    ev = ("UID:r\r\nDTSTART:20260105T090000Z\r\nORGANIZER:mailto:me@x.org\r\n"
          "ATTENDEE;CUTYPE=ROOM;CN=Room 4:mailto:room4@x.org\r\nATTENDEE:mailto:Cara@Q.org")
    result = read_calendar("c.ics", ics(ev), ME, AS_OF)
    assert result.interactions["contact_id"].tolist() == ["email:cara@q.org"]
    assert result.people[["name", "email"]].values.tolist() == [["cara@q.org", "cara@q.org"]]


@pytest.mark.parametrize(("head", "owner_warning"), [
    ("X-WR-CALNAME:me@x.org\r\n", False),
    ("", True),
], ids=["google-calendar-name", "most-frequent-address"])
def test_owner_is_found_when_not_given(head, owner_warning):
    data = ics(event("1", "20260105T090000Z", "ana@y.org"), event("2", "20260106T090000Z", "bob@z.org"),
               head=head)
    result = read_calendar("c.ics", data, frozenset(), AS_OF)
    assert sorted(result.interactions["contact_id"]) == ["name:ana", "name:bob"]
    assert bool(result.report.warnings) == owner_warning


def test_titles_descriptions_and_places_are_never_stored():
    ev = event("1", "20260105T090000Z", "ana@y.org",
               extra="SUMMARY:Salary talk\r\nDESCRIPTION:secret plan\r\nLOCATION:Hotel Sacher")
    result = read_calendar("c.ics", ics(ev), ME, AS_OF)
    stored = result.interactions.to_csv() + result.people.to_csv()
    assert not any(word in stored for word in ("Salary", "secret", "Sacher"))
    assert result.report.read == ("dates and guests of 1 meeting (of 1 event occurrence up to 2026-02-01); "
                                  "titles, descriptions and places not read")


@pytest.mark.parametrize("data", [b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2026", b"no calendar"])
def test_unreadable_file_is_one_line(data):
    with pytest.raises(InputError) as err:
        read_calendar("c.ics", data, ME, AS_OF)
    assert str(err.value).startswith(("c.ics: not ", "c.ics: no event")) and "\n" not in str(err.value)


def test_calendar_only_people_count_after_two_meetings():
    data = ics(event("1", "20260105T090000Z", "ana@y.org", "bob@z.org"),
               event("2", "20260112T090000Z", "ana@y.org"))
    net = load_files([("c.ics", data)], me=["me@x.org"], as_of=AS_OF)
    assert net.contacts[["contact_id", "sources"]].values.tolist() == [["name:ana", "Calendar"]]
    assert net.interactions["contact_id"].tolist() == ["name:ana", "name:ana"]
    assert net.files[0].warnings[0].startswith("1 person left out")


def test_real_format_sample_blackberry_invitation():
    """A BlackBerry meeting request (icalendar's test corpus, BSD-2-Clause): all-day, three guests, quoted
    CN parameters, MAILTO in capitals; seen from the organiser."""
    data = (FIXTURES / "blackberry_invitation.ics").read_bytes()
    got = rows(data, frozenset({"rembrand@daxlab.com"}), pd.Timestamp("2012-09-01", tz="UTC"))
    assert got == [("name:rembrandxs", "2012-08-14 00:00", "meeting", "out"),
                   ("name:rembrandsb", "2012-08-14 00:00", "meeting", "out")]


def test_real_format_sample_google_export_without_guests():
    """A Google Calendar export (icalendar's test corpus): an event with alarms and no guests."""
    result = read_calendar("g.ics", (FIXTURES / "google_export.ics").read_bytes(), frozenset({"me@x.org"}),
                           pd.Timestamp("2025-01-01", tz="UTC"))
    assert (len(result.interactions), result.report.reasons) == (0, {"no guests": 1})
