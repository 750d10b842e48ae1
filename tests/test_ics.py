"""The follow-up .ics export, parsed back with a small RFC 5545 reader."""

import pandas as pd
import pytest

from analytics.ics import escape_text, follow_ups_ics

AS_OF = pd.Timestamp("2026-06-30 09:15:00", tz="UTC")
LONG = "Ünïcödé " * 30


def parse(ics: str) -> list[dict[str, str]]:
    """Components as {property (with params): raw value}, after unfolding continuation lines."""
    assert ics.endswith("\r\n")
    physical = ics.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    assert not any("\n" in line or "\r" in line for line in physical)
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    components, current = [], None
    for line in logical:
        key, value = line.split(":", 1)
        if key == "BEGIN":
            current = {"BEGIN": value}
            components.append(current)
        elif key != "END":
            current[key] = value
    return components


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\":
            out.append("\n" if value[i + 1] in "nN" else value[i + 1])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def items() -> pd.DataFrame:
    return pd.DataFrame({
        "item_key": ["follow_up:in:ann:2026-06-01", "follow_up:in:bob:2026-06-10"],
        "name": ["Ann, Esq.; \\the first", "Bob"],
        "why": ["Card sent.\nFormer client.", LONG],
        "action": ["Ask for a referral now", "Invite for a coffee"],
        "due_on": [pd.Timestamp("2026-06-15", tz="UTC"), pd.NaT]})


def test_ics_parses_back_with_calendar_headers_and_one_all_day_event_per_item():
    ics = follow_ups_ics(items(), AS_OF)
    assert "\r\n " in ics  # the long description was folded
    cal, *events = parse(ics)
    assert (cal["BEGIN"], cal["VERSION"]) == ("VCALENDAR", "2.0")
    assert cal["PRODID"] == "-//Network Ledger//Follow-ups//EN"
    assert len(events) == 2
    ann, bob = events
    assert ann["DTSTART;VALUE=DATE"] == "20260615" and ann["DTEND;VALUE=DATE"] == "20260616"
    assert bob["DTSTART;VALUE=DATE"] == "20260630"  # no due date: as_of
    assert ann["DTSTAMP"] == "20260630T091500Z"
    assert unescape(ann["SUMMARY"]) == "Call Ann, Esq.; \\the first"
    assert unescape(ann["DESCRIPTION"]) == "Ask for a referral now\nCard sent.\nFormer client."
    assert unescape(bob["DESCRIPTION"]) == "Invite for a coffee\n" + LONG.strip()


def test_uid_is_stable_per_item_and_distinct_between_items():
    first = [e["UID"] for e in parse(follow_ups_ics(items(), AS_OF))[1:]]
    again = [e["UID"] for e in parse(follow_ups_ics(items().iloc[::-1], AS_OF + pd.Timedelta(days=3)))[1:]]
    assert first == again[::-1]
    assert len(set(first)) == 2


@pytest.mark.parametrize("text, escaped", [
    ("plain", "plain"),
    ("a,b", "a\\,b"),
    ("a;b", "a\\;b"),
    ("back\\slash", "back\\\\slash"),
    ("two\r\nlines\rand\nmore", "two\\nlines\\nand\\nmore"),
    ("bell\x07gone", "bellgone"),
])
def test_escape_text(text, escaped):
    assert escape_text(text) == escaped
