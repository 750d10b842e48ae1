"""Who belongs to a group: attribution rules (event dates, companies, keywords), roster files and the
member candidates the Ledger page offers. Separate from scoring (`analytics.groups`): these decide the
members, the scores then count them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics import i18n
from analytics import weights as w
from analytics.companies import company_key
from analytics.errors import InputError
from analytics.frames import as_utc, matches, name_or_id
from analytics.hygiene import phrase_regex, snippet
from analytics.i18n import N_, _
from analytics.ingest.dates import parse_day
from analytics.ingest.ledger_workbook import (
    ContactIndex,
    Rows,
    data_rows,
    file_sheets,
    group_id,
    label_key,
    text,
)
from analytics.model import MEMBER_COLUMNS, FileReport, Network

#: The attribution rules (stored in English in the `rule` column; shown with `_`).
NEAR_EVENT, COMPANY, KEYWORD = N_("connected near event"), N_("company"), N_("keyword")
#: Keyword evidence per channel, a whole sentence each: the day and the user's own words.
CHANNEL_EVIDENCE = {"invitation": N_("invitation {day}: {text}"), "message": N_("message {day}: {text}")}

ROSTER_COLUMNS = ("contact", "name", "member", "profile url", "url", "linkedin", "linkedin url", "full name")


def roster_names(rows: Rows) -> list[tuple[int, str]]:
    """(row number, name or URL) from a roster: a column named Name/Contact/URL, First + Last Name
    columns, or else the first column (with or without a header)."""
    for i, row in enumerate(rows[:10]):
        labels = [label_key(c) for c in row]
        if "first name" in labels and "last name" in labels:
            f, la = labels.index("first name"), labels.index("last name")
            return [(n, f"{text(r[f]) if f < len(r) else ''} {text(r[la]) if la < len(r) else ''}".strip())
                    for n, r in data_rows(rows, i)]
        hits = [j for j, label in enumerate(labels) if label in ROSTER_COLUMNS]
        if hits:
            return [(n, text(r[hits[0]]) if hits[0] < len(r) else "") for n, r in data_rows(rows, i)]
    return [(n, text(r[0]) if r else "") for n, r in data_rows(rows, -1)]


def read_roster(name: str, data: bytes, contacts: pd.DataFrame,
                group_name: str = "") -> tuple[pd.DataFrame, FileReport]:
    """Members frame (contact_id, group_id of `group_name`) from a CSV/XLSX roster of names or URLs.

    >>> members, rep = read_roster("r.csv", b"Name\\nAnn Lee\\nZed\\n", pd.DataFrame(
    ...     {"contact_id": ["name:ann lee"], "name": ["Ann Lee"], "url": [""]}), "Chamber")
    >>> members.values.tolist(), rep.reasons
    ([['name:ann lee', 'g:chamber']], {'unknown contact': 1})
    """
    report = FileReport(file=name, kind="roster")
    index = ContactIndex(contacts)
    sheets = file_sheets(name, data)
    found: list[str] = []
    for n, cell in roster_names(next(iter(sheets.values()), [])):
        contact_id, why = index.resolve(cell)
        if why:
            report.skip(why)
            report.warnings.append(_("row {row}: {reason} {value!r}").format(row=n, reason=why, value=cell))
            continue
        found.append(contact_id)
    report.rows = len(found)
    members = pd.DataFrame({"contact_id": found, "group_id": group_id(group_name) if group_name else ""},
                           columns=MEMBER_COLUMNS).astype(object)
    return members.drop_duplicates(ignore_index=True), report


ATTRIBUTION_COLUMNS = ["contact_id", "name", "rule", "evidence"]


def _near_events(contacts: pd.DataFrame, event_dates: list[pd.Timestamp], days: int) -> pd.DataFrame:
    events = np.sort(pd.DatetimeIndex([as_utc(d) for d in event_dates]).as_unit("ns").asi8)
    conn = contacts[contacts["connected_on"].notna()]
    ns = conn["connected_on"].dt.as_unit("ns").astype("int64").to_numpy()
    pos = np.searchsorted(events, ns)
    before, after = events[np.clip(pos - 1, 0, len(events) - 1)], events[np.clip(pos, 0, len(events) - 1)]
    nearest = np.where(np.abs(ns - before) <= np.abs(ns - after), before, after)
    gap = (ns - nearest) / 86_400e9
    hit = np.abs(gap) <= days
    found = conn[hit]
    when = pd.to_datetime(nearest[hit], utc=True)
    evidence = [i18n.counted("connected {connected}, {n} day from the event on {event}",
                             "connected {connected}, {n} days from the event on {event}", int(d),
                             connected=i18n.date(c), event=i18n.date(e))
                for c, d, e in zip(found["connected_on"], np.abs(gap[hit]).round().astype(int), when,
                                   strict=True)]
    return pd.DataFrame({"contact_id": found["contact_id"], "rule": NEAR_EVENT, "evidence": evidence},
                        index=found.index)


def _company_match(contacts: pd.DataFrame, companies: list[str]) -> pd.DataFrame:
    rx = phrase_regex({"": tuple(c.strip() for c in companies if c and c.strip())})
    company = contacts["company"].fillna("").astype(str)
    found = contacts[company.str.contains(rx)]
    works = _("works at {company}")
    return pd.DataFrame({"contact_id": found["contact_id"], "rule": COMPANY,
                         "evidence": [works.format(company=c) for c in found["company"].astype(str)]},
                        index=found.index)


def _keyword_match(net: Network, keywords: list[str]) -> pd.DataFrame:
    rx = phrase_regex({"": tuple(k.strip() for k in keywords if k and k.strip())})
    inter = net.interactions
    inter = inter[inter["channel"].isin(["invitation", "message"]) & (inter["contact_id"].fillna("") != "")]
    hits = inter[inter["content"].fillna("").astype(str).str.contains(rx)]
    first = hits.sort_values("date").drop_duplicates("contact_id")
    evidence = [_(CHANNEL_EVIDENCE[ch]).format(day=i18n.date(d), text=snippet(c, rx, 100))
                for ch, d, c in zip(first["channel"], first["date"], first["content"], strict=True)]
    return pd.DataFrame({"contact_id": first["contact_id"], "rule": KEYWORD, "evidence": evidence})


def suggest_attribution(net: Network, group_id: str, event_dates: list[pd.Timestamp] | None = None,
                        days: int = 3, companies: list[str] | None = None,
                        keywords: list[str] | None = None) -> pd.DataFrame:
    """Contacts who probably belong to `group_id` and are not yet listed as members, one row per
    (contact, rule): connected within `days` of an event date; company matching one of `companies`;
    a keyword in an invitation note or message (default: GROUP_KEYWORDS for the group's type plus the
    group's name). Evidence is the user's own text: escape it before it reaches HTML.
    Review the rows, then pass the chosen ids to `apply_attribution`.
    """
    rows = net.groups[net.groups["group_id"] == group_id]
    if rows.empty:
        raise InputError(_("groups"), _("unknown group {name!r}").format(name=group_id))
    group = rows.iloc[0]
    if keywords is None:
        keywords = [*w.GROUP_KEYWORDS.get(group["type"], ()), str(group["name"])]
    found = [_keyword_match(net, keywords)] if keywords else []
    if event_dates:
        found.append(_near_events(net.contacts, event_dates, days))
    if companies:
        found.append(_company_match(net.contacts, companies))
    members = set(net.members.loc[net.members["group_id"] == group_id, "contact_id"])
    out = pd.concat([pd.DataFrame(columns=["contact_id", "rule", "evidence"]), *found], ignore_index=True)
    out = out[~out["contact_id"].isin(members)].drop_duplicates(["contact_id", "rule"])
    out.insert(1, "name", name_or_id(net, out["contact_id"]))
    return out[ATTRIBUTION_COLUMNS].sort_values(["name", "rule"], ignore_index=True)


def apply_attribution(members: pd.DataFrame, group_id: str, contact_ids: list[str]) -> pd.DataFrame:
    """`members` with the chosen contacts added to `group_id` (no duplicates).

    >>> apply_attribution(pd.DataFrame(columns=MEMBER_COLUMNS), "g:bni", ["a", "a"]).values.tolist()
    [['a', 'g:bni']]
    """
    added = pd.DataFrame({"contact_id": list(contact_ids), "group_id": group_id}, columns=MEMBER_COLUMNS)
    return pd.concat([members[MEMBER_COLUMNS], added], ignore_index=True).drop_duplicates(ignore_index=True)


CANDIDATE_COLUMNS = ["contact_id", "name", "company", "position", "tier", "strength", "member"]


def member_candidates(scores: pd.DataFrame, members: pd.DataFrame, group_id: str, query: str = "",
                      tiers: list[str] | None = None, companies: list[str] | None = None,
                      show: str = "all") -> pd.DataFrame:
    """Contacts to assign to / remove from `group_id`: `scores` rows (depth.score_contacts) filtered by
    a search in name/company/position, tiers and companies (every spelling of one); `show` = "all",
    "members" or "others".

    >>> s = pd.DataFrame({"contact_id": ["a", "b"], "name": ["Ann", "Bo"], "company": ["Acme", "Zed"],
    ...     "position": ["", ""], "tier": ["Close", "Network"], "strength": [60.0, 10.0]})
    >>> m = pd.DataFrame({"contact_id": ["b"], "group_id": ["g:x"]})
    >>> member_candidates(s, m, "g:x", show="members")["name"].tolist()
    ['Bo']
    >>> member_candidates(s, m, "g:x", query="acm")[["name", "member"]].values.tolist()
    [['Ann', False]]
    """
    listed = set(members.loc[members["group_id"] == group_id, "contact_id"])
    table = scores.reset_index(drop=True).assign(member=lambda f: f["contact_id"].isin(listed))
    keep = matches(table, query)
    if tiers:
        keep &= table["tier"].isin(tiers)
    if companies:  # any spelling of a chosen company (`companies.company_key`)
        keep &= company_key(table["company"]).isin(set(company_key(pd.Series(companies, dtype=object))))
    if show in ("members", "others"):
        keep &= table["member"] == (show == "members")
    return table.loc[keep, CANDIDATE_COLUMNS].reset_index(drop=True)


def rule_inputs(dates: str, companies: str,
                keywords: str) -> tuple[list[pd.Timestamp], list[str], list[str] | None]:
    """Parse the attribution form: event dates (one per line or comma-separated), company names and
    keywords (comma-separated; no keywords = the defaults for the group's type plus its name).

    >>> when, companies, keywords = rule_inputs("2026-03-05, 12/04/2026", "Acme, ", "")
    >>> [d.strftime("%Y-%m-%d") for d in when], companies, keywords
    (['2026-03-05', '2026-04-12'], ['Acme'], None)
    >>> rule_inputs("next week", "", "")
    Traceback (most recent call last):
    analytics.errors.InputError: event dates: 'next week' is not a date (use 2026-03-05 or 05/03/2026)
    """
    days = []
    for part in filter(None, (p.strip() for p in dates.replace("\n", ",").split(","))):
        when = parse_day(part)
        if when is None:
            reason = _("{value!r} is not a date (use 2026-03-05 or 05/03/2026)").format(value=part)
            raise InputError(_("event dates"), reason)
        days.append(when)
    split = lambda s: [p.strip() for p in s.split(",") if p.strip()]  # noqa: E731
    return days, split(companies), split(keywords) or None
