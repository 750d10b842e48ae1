"""One person, many sources: exact matches merged, likely ones proposed, and who counts as a contact.

Rows from every source (LinkedIn, contacts files, address books, calendars, mail) become one person
when they share an e-mail address, the canonical profile URL, a phone number (digits only, a leading 00
read as +), or the same folded full name at the same organisation. Two rows with different profile
URLs are never merged automatically, and a pair the user kept apart stays apart; a pair the user merged
stays merged (`decisions`, remembered by the workspace). Everyone from an address book, contacts file or
LinkedIn is a contact; someone known only from mail once mail went both ways, only from calendars once
they shared 2 meetings with the user (numbers: analytics/weights.py, "Identity").

Likely matches are proposed, never merged: the same name where one's e-mail domain matches the other's
company, a known short form of the first name (analytics/nicknames.py), the same name at another
company (perhaps a new job), or simply the same name.

Example:
    >>> linked = pd.DataFrame({"contact_id": ["in:ann"], "name": ["Ann Lee"], "email": ["ann@acme.com"],
    ...                        "sources": ["LinkedIn"]})
    >>> mail = pd.DataFrame({"contact_id": ["email:ann@acme.com"], "name": ["Ann Lee"],
    ...                      "emails": ["ann@acme.com; ann@home.nl"], "sources": ["Email"]})
    >>> r = resolve(linked, mail, pd.DataFrame({"contact_id": ["email:ann@acme.com"]}))
    >>> r.merged, r.contacts[["contact_id", "sources", "emails"]].values.tolist()
    ({'email:ann@acme.com': 'in:ann'}, [['in:ann', 'LinkedIn, Email', 'ann@acme.com; ann@home.nl']])
    >>> r.interactions["contact_id"].tolist()
    ['in:ann']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

import pandas as pd

from analytics import nicknames
from analytics import weights as W
from analytics.i18n import N_, _
from analytics.ingest.people import canonical_url, fold_name
from analytics.limits import MAX_NAMESAKES
from analytics.model import CONTACT_COLUMNS, empty_frame, join_sources, normalize_name

#: A user's decision on two contact ids: "merge" (other_id merged into contact_id) or "apart".
DECISION_COLUMNS = ["contact_id", "other_id", "decision"]
#: A likely match: contact_id would be kept, other_id merged into it; reason says why they may be one.
PROPOSAL_COLUMNS = ["contact_id", "other_id", "reason"]
#: What a resolved contact carries besides CONTACT_COLUMNS: every e-mail address, "; "-joined.
IDENTITY_COLUMNS = [*CONTACT_COLUMNS, "emails"]
_SPLIT = re.compile(r"[;,\s]+")
_LEGAL = frozenset({"bv", "nv", "gmbh", "ag", "kg", "ug", "ohg", "gbr", "srl", "spa", "sas", "sarl", "sa",
                    "ltd", "limited", "inc", "llc", "plc", "co", "corp", "company", "group", "holding"})
_SECOND_LEVEL = frozenset({"co", "com", "org", "ac", "gov", "net"})


@dataclass(frozen=True)
class Resolved:
    """contacts: one row per person who counts (IDENTITY_COLUMNS); interactions: every interaction keyed
    by its person's surviving id; merged: merged-away id -> surviving id; proposals: PROPOSAL_COLUMNS;
    left_out: people known only from mail or calendars who do not count (yet)."""

    contacts: pd.DataFrame
    interactions: pd.DataFrame
    merged: dict[str, str]
    proposals: pd.DataFrame
    left_out: int


def addresses(*values: str) -> list[str]:
    """Every e-mail address in `values` (";", "," or space separated), lower-case, in order, once.

    >>> addresses("Ann@Acme.com; ann@home.nl", "ann@acme.com", "n/a")
    ['ann@acme.com', 'ann@home.nl']
    """
    found = (part.lower() for v in values for part in _SPLIT.split(str(v or "")))
    return list(dict.fromkeys(a for a in found if "@" in a.strip("@")))


def phones(value: str) -> list[str]:
    """Phone numbers in `value` (";" or "," separated) as digits, a leading + or 00 kept as + (and a
    "(0)" after it dropped); numbers with fewer than PHONE_MIN_DIGITS digits are left out. No country is
    guessed: 06 1234 5678 and +31 6 1234 5678 stay two numbers.

    >>> phones("+31 (0)6 1234-5678; 0031 6 1234 5678, 112")
    ['+31612345678', '+31612345678']
    """
    out = []
    for part in re.split(r"[;,]", str(value or "")):
        digits = re.sub(r"\D", "", part.replace("(0)", ""))
        if len(digits) < W.PHONE_MIN_DIGITS:
            continue
        if part.strip().startswith("+"):
            out.append("+" + digits)
        else:
            out.append("+" + digits[2:] if digits.startswith("00") else digits)
    return out


def company_key(company: str) -> str:
    """A company name folded for comparison: letters and digits only, legal forms left out.

    >>> company_key("ACME B.V."), company_key("Stone & Co GmbH")
    ('acme', 'stone')
    """
    words = re.sub(r"[^a-z0-9 ]", "", normalize_name(company).replace("&", " ").replace("-", " ")).split()
    return "".join(w for w in words if w not in _LEGAL)


def domain_label(address: str) -> str:
    """The organisation part of an e-mail domain.

    >>> domain_label("ann@mail.acme.com"), domain_label("bo@stone-bv.co.uk")
    ('acme', 'stonebv')
    """
    parts = address.rsplit("@", 1)[-1].split(".")
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL:
        parts = parts[:-1]
    return re.sub(r"[^a-z0-9]", "", parts[-2] if len(parts) >= 2 else parts[0])


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    """A text column ("" for missing values and for a column the frame lacks)."""
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].astype(object).where(frame[column].notna(), "").astype(str)


def _texts(frame: pd.DataFrame, column: str) -> list[str]:
    """`_text` as a list (iterating a list is many times faster than iterating a text column)."""
    return _text(frame, column).tolist()


def _rows(contacts: pd.DataFrame, people: pd.DataFrame) -> pd.DataFrame:
    """Both frames as one, every identity column present as text, `known` True for `contacts` rows."""
    frames = [f.assign(known=known) for f, known in ((contacts, True), (people, False)) if len(f)]
    rows = pd.concat(frames, ignore_index=True) if frames else empty_frame([*IDENTITY_COLUMNS, "known"])
    for c in IDENTITY_COLUMNS:
        if c != "connected_on":
            rows[c] = _text(rows, c)
    rows["connected_on"] = pd.to_datetime(rows.get("connected_on"), utc=True)
    rows["known"] = rows["known"].astype(bool)
    return rows


class _People:
    """Union-find over rows: a union is refused when it would join two profile URLs or a kept-apart pair."""

    def __init__(self, urls: list[str], apart: dict[int, set[int]]) -> None:
        self.parent = list(range(len(urls)))
        self.urls = [{u} if u else set() for u in urls]
        self.members = [{i} for i in range(len(urls))]
        self.apart = apart

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int, forced: bool = False) -> None:
        a, b = self.find(i), self.find(j)
        if a == b:
            return
        if not forced and (len(self.urls[a] | self.urls[b]) > 1 or self._kept_apart(a, b)):
            return
        if len(self.members[a]) < len(self.members[b]):
            a, b = b, a
        self.parent[b] = a
        self.members[a] |= self.members[b]
        self.members[b] = set()
        self.urls[a] |= self.urls[b]

    def _kept_apart(self, a: int, b: int) -> bool:
        return any(self.apart.get(m, set()) & self.members[b] for m in self.members[a] if m in self.apart)


def _linked(keys: Iterable[tuple[int, str]]) -> Iterator[tuple[int, int]]:
    """(row, row) pairs sharing a key: each row tied to the first row seen with that key."""
    first: dict[str, int] = {}
    for row, key in keys:
        if key:
            if key in first:
                yield first[key], row
            else:
                first[key] = row


def decided(decisions: pd.DataFrame | None, kind: str) -> list[tuple[str, str]]:
    """(contact_id, other_id) of the `kind` ("merge" or "apart") decisions.

    >>> decided(pd.DataFrame({"contact_id": ["a"], "other_id": ["b"], "decision": ["apart"]}), "apart")
    [('a', 'b')]
    """
    if decisions is None or decisions.empty:
        return []
    chosen = decisions[decisions["decision"] == kind]
    return list(zip(chosen["contact_id"], chosen["other_id"], strict=True))


def _own_numbers(values: list[str], names: list[str], sources: list[str]) -> list[tuple[int, str]]:
    """(row, phone number) for numbers that identify one person: a number one source lists under two
    different names is a shared line (an office switchboard, a family landline) and identifies nobody.
    Across sources a different name may be the same person (a nickname, a new surname).

    >>> _own_numbers(["+31 6 1234 5678", "+31 6 1234 5678", "+1 555 3227 8543", "+1 555 3227 8543"],
    ...              ["ann lee", "annie", "dan ireland", "duncan amey"],
    ...              ["LinkedIn", "Address book", "Address book", "Address book"])
    [(0, '+31612345678'), (1, '+31612345678')]
    """
    found = [(i, p) for i, value in enumerate(values) if value for p in phones(value)]
    holders: dict[tuple[str, str], set[str]] = {}
    for i, p in found:
        if names[i]:
            holders.setdefault((p, sources[i]), set()).add(names[i])
    shared = {p for (p, _), held in holders.items() if len(held) > 1}
    return [(i, p) for i, p in found if p not in shared]


def _groups(rows: pd.DataFrame, decisions: pd.DataFrame | None) -> list[int]:
    """The root row of each row's person after decided merges and the exact rules."""
    col = {c: rows[c].tolist()
           for c in ("contact_id", "url", "email", "emails", "phone", "name", "company", "sources")}
    first_row = {cid: i for i, cid in reversed(list(enumerate(col["contact_id"])))}
    apart: dict[int, set[int]] = {}
    for a, b in decided(decisions, "apart"):
        if a in first_row and b in first_row:
            apart.setdefault(first_row[a], set()).add(first_row[b])
            apart.setdefault(first_row[b], set()).add(first_row[a])
    urls = [canonical_url(u) for u in col["url"]]
    people = _People(urls, apart)
    for keep, away in decided(decisions, "merge"):
        if keep in first_row and away in first_row:
            people.union(first_row[keep], first_row[away], forced=True)
    ids = enumerate(col["contact_id"])
    mails = ((i, a) for i, (one, many) in enumerate(zip(col["email"], col["emails"], strict=True))
             if one or many for a in addresses(one, many))
    names = [fold_name(n) for n in col["name"]]
    numbers = _own_numbers(col["phone"], names, col["sources"])
    firms = [fold_name(c) for c in col["company"]]
    named = ((i, f"{n}\t{c}" if n and c else "") for i, (n, c) in enumerate(zip(names, firms, strict=True)))
    for keys in (ids, enumerate(urls), mails, numbers, named):
        for i, j in _linked(keys):
            people.union(i, j)
    return [people.find(i) for i in range(len(rows))]


_RANK = ["away", "new", "no_url", "unlisted", "pos"]


def _rank(rows: pd.DataFrame, decisions: pd.DataFrame | None) -> dict[str, object]:
    """Columns ordering the rows of a person, best (the one whose id is kept) first: not merged away by
    the user, already a contact, a LinkedIn profile, from a source whose people are all contacts, then
    the order given."""
    away = {b for _, b in decided(decisions, "merge")}
    return {"away": rows["contact_id"].isin(away), "new": ~rows["known"],
            "no_url": ~rows["contact_id"].str.startswith("in:"), "unlisted": ~rows["listed"],
            "pos": range(len(rows))}


def combine(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per `person` (a column naming each row's person, rows best first): the first non-blank
    value of each column wins, sources and e-mail addresses are joined, the earliest connection kept.

    >>> rows = pd.DataFrame({"person": ["a", "a"], "contact_id": ["a", "b"], "name": ["Ann", "Ann L"],
    ...                      "company": ["", "Acme"], "sources": ["LinkedIn", "Email"],
    ...                      "email": ["", "x@y.z"]})
    >>> combine(rows)[["contact_id", "name", "company", "sources", "email"]].values.tolist()
    [['a', 'Ann', 'Acme', 'LinkedIn, Email', 'x@y.z']]
    """
    rows = rows.reindex(columns=["person", *IDENTITY_COLUMNS])
    rows["contact_id"] = rows["person"]
    text = [c for c in IDENTITY_COLUMNS if c != "connected_on"]
    rows[text] = rows[text].astype(object).where(rows[text].notna(), "").astype(str)
    rows["emails"] = [" ".join(addresses(one, many)) if one or many else ""
                      for one, many in zip(rows["email"].tolist(), rows["emails"].tolist(), strict=True)]
    rows["connected_on"] = pd.to_datetime(rows["connected_on"], utc=True).astype("datetime64[ns, UTC]")
    several = rows["person"].duplicated(keep=False)
    single, many = rows[~several], rows[several]
    grouped = many.groupby("person", sort=False)
    out = many[text].where(many[text].ne(""), None).groupby(many["person"], sort=False).first().fillna("")
    out["sources"] = grouped["sources"].agg(lambda s: join_sources(*s))
    out["emails"] = grouped["emails"].agg(lambda s: " ".join(addresses(*s)))
    out["connected_on"] = grouped["connected_on"].min()
    out = pd.concat([single.set_index("person"), out])
    out["emails"] = out["emails"].str.replace(" ", "; ", regex=False)
    out["email"] = out["email"].where(out["email"].ne(""), out["emails"].str.split(";").str[0].fillna(""))
    return out.reset_index(drop=True)[IDENTITY_COLUMNS]


def remap(ids: pd.Series, mapping: dict[str, str]) -> pd.Series:
    """`ids` with each id in `mapping` replaced (a hash lookup per distinct id, unlike Series.replace,
    which is slow with thousands of keys on a million rows).

    >>> remap(pd.Series(["a", "b", "a"]), {"a": "z"}).tolist()
    ['z', 'b', 'z']
    """
    if not mapping:
        return ids
    codes, uniques = pd.factorize(ids)
    new = pd.Index(uniques).map(lambda cid: mapping.get(cid, cid))
    return pd.Series(new.take(codes) if len(uniques) else ids, index=ids.index, dtype=ids.dtype)


def _counts(persons: pd.DataFrame, interactions: pd.DataFrame) -> pd.Series:
    """Per person id: True when they count as a contact (who-counts rules)."""
    listed = (persons["listed"] | persons["known"]).groupby(persons["person"]).any()
    if listed.all() or interactions.empty:  # no one to check against their mail and meetings
        return listed
    it = interactions.reindex(columns=["contact_id", "channel", "direction"])
    it = it[it["contact_id"].isin(set(listed.index[~listed]))]
    mail = it[it["channel"] == W.EMAIL_CHANNEL].groupby("contact_id")["direction"].nunique() >= 2
    meetings = it[it["channel"].isin(W.TWO_WAY_CHANNELS)].groupby("contact_id").size()
    met = meetings >= W.CALENDAR_MEETINGS_FOR_CONTACT
    return listed | mail.reindex(listed.index, fill_value=False) | met.reindex(listed.index, fill_value=False)


def resolve(contacts: pd.DataFrame, people: pd.DataFrame, interactions: pd.DataFrame,
            decisions: pd.DataFrame | None = None, propose: bool = True) -> Resolved:
    """`contacts` (already contacts: LinkedIn, contacts files, or a workspace's) and `people` from new
    sources (CONTACT_COLUMNS, optionally `emails`) as one row per person, with `interactions` re-keyed to
    each person's surviving id and the likely duplicates among them proposed. `decisions`:
    DECISION_COLUMNS (merges and keep-aparts the user made); `propose=False` skips the proposals (an
    import only needs the merges)."""
    rows = _rows(contacts, people)
    if rows.empty:
        return Resolved(contacts=empty_frame(IDENTITY_COLUMNS), interactions=interactions, merged={},
                        proposals=pd.DataFrame(columns=PROPOSAL_COLUMNS), left_out=0)
    roots = _groups(rows, decisions)
    rows["person"] = roots
    sources = rows["sources"].unique()  # a few distinct texts on 30,000 rows
    listed = {s: any(p.strip() in W.CONTACT_SOURCES for p in s.split(",")) for s in sources}
    rows["listed"] = rows["sources"].map(listed).astype(bool)
    rows = rows.assign(**_rank(rows, decisions)).sort_values(["person", *_RANK], kind="stable")
    survivor = rows.groupby("person", sort=False)["contact_id"].first()
    rows["person"] = rows["person"].map(survivor)
    pairs = zip(rows["contact_id"].tolist(), rows["person"].tolist(), strict=True)
    merged = {cid: keep for cid, keep in pairs if cid != keep}
    it = interactions
    if merged and len(it):
        it = it.assign(contact_id=remap(it["contact_id"], merged))
    counted = _counts(rows, it)
    order = rows.sort_values(_RANK, kind="stable")["person"].drop_duplicates()
    combined = combine(rows).set_index("contact_id").reindex(order)
    kept = combined[counted.reindex(combined.index).to_numpy()].reset_index(names="contact_id")
    found = proposals(kept, decisions) if propose else pd.DataFrame(columns=PROPOSAL_COLUMNS)
    return Resolved(contacts=kept[IDENTITY_COLUMNS], interactions=it, merged=merged, proposals=found,
                    left_out=int((~counted).sum()))


def _first_last(contacts: pd.DataFrame, names: list[str]) -> tuple[list[str], list[str]]:
    """Folded first and last names: the columns, else the name's first word and the rest."""
    words = [n.split() for n in names]
    first = [fold_name(f) or (w[0] if w else "") for f, w in zip(_texts(contacts, "first_name"), words,
                                                                  strict=True)]
    last = [fold_name(x) or " ".join(w[1:])
            for x, w in zip(_texts(contacts, "last_name"), words, strict=True)]
    return first, last


def _buckets(keys: Iterable[tuple[int, str]]) -> Iterator[tuple[int, int]]:
    """Pairs of rows sharing a key, for keys shared by at most MAX_NAMESAKES rows."""
    found: dict[str, list[int]] = {}
    for row, key in keys:
        if key:
            found.setdefault(key, []).append(row)
    for rows in found.values():
        if 1 < len(rows) <= MAX_NAMESAKES:
            yield from combinations(rows, 2)


def _same_name_reason(a: dict, b: dict) -> str:
    for one, other in ((a, b), (b, a)):
        firm = company_key(other["company"])
        for address in addresses(one["email"], one["emails"]):
            label = domain_label(address)
            if firm and len(label) >= 3 and (label.startswith(firm) or firm.startswith(label)):
                return _("same name; the e-mail domain {domain} matches the company {company}").format(
                    domain=address.rsplit("@", 1)[-1], company=other["company"])
    if a["company"] and b["company"] and company_key(a["company"]) != company_key(b["company"]):
        return _("same name at another company ({before}, now {now}?): perhaps a new job").format(
            before=b["company"], now=a["company"])
    return _("same name")


def proposals(contacts: pd.DataFrame, decisions: pd.DataFrame | None = None) -> pd.DataFrame:
    """Likely duplicates among `contacts` (one row per person) as PROPOSAL_COLUMNS, with the reason;
    pairs kept apart, and pairs with two different profile URLs, are left out. The one to keep is the one
    with a LinkedIn profile, else the one listed first.

    >>> people = pd.DataFrame({"contact_id": ["in:rob", "name:bob smith"], "name": ["Robert Smith",
    ...                        "Bob Smith"], "email": ["", ""], "company": ["Acme", ""]})
    >>> proposals(people).values.tolist()
    [['in:rob', 'name:bob smith', 'Bob is a short form of Robert, same last name']]
    """
    fields = ("contact_id", "name", "email", "emails", "company")
    rows = [dict(zip(fields, values, strict=True))
            for values in zip(*(_texts(contacts, c) for c in fields), strict=True)]
    urls = [canonical_url(u) for u in _texts(contacts, "url")]
    folded = [fold_name(r["name"]) for r in rows]
    first, last = _first_last(contacts, folded)
    full = [n if " " in n else "" for n in folded]
    apart = {frozenset(p) for p in decided(decisions, "apart")}
    forms = ((i, f"{la}\t{form}") for i, (fi, la) in enumerate(zip(first, last, strict=True)) if la
             for form in nicknames.forms(fi))
    out: dict[frozenset[str], tuple[str, str, str]] = {}
    for i, j in [*_buckets(enumerate(full)), *_buckets(forms)]:
        if urls[i] and urls[j] and urls[i] != urls[j]:
            continue
        a, b = (j, i) if urls[j] and not urls[i] else (i, j)
        ids = frozenset((rows[a]["contact_id"], rows[b]["contact_id"]))
        if len(ids) < 2 or ids in out or ids in apart:
            continue
        if full[a] and full[a] == full[b]:
            reason = _same_name_reason(rows[a], rows[b])
        else:
            reason = nicknames.relation(rows[a]["name"].split()[0], rows[b]["name"].split()[0])
            if not reason:
                continue
            # TRANSLATORS: {relation} says how two first names relate, e.g. "Bob is a short form of Robert".
            reason = _("{relation}, same last name").format(relation=reason)
        out[ids] = (rows[a]["contact_id"], rows[b]["contact_id"], reason)
    return pd.DataFrame(list(out.values()), columns=PROPOSAL_COLUMNS)


#: What the Possible duplicates page shows of both sides of a pair, and how it labels each field.
COMPARED = {"name": N_("Name"), "company": N_("Company"), "position": N_("Position"), "email": N_("E-mail"),
            "phone": N_("Phone"), "sources": N_("Known from"), "interactions": N_("Interactions")}


def compare(people: pd.DataFrame, interactions: pd.Series, keep: str, away: str) -> pd.DataFrame:
    """Two contacts side by side, one row per COMPARED field: the one kept, then the one merged into it.
    `people` is indexed by contact id; `interactions` counts each contact's interactions.

    >>> people = pd.DataFrame({"name": ["Ann Lee", "Ann Lee"], "company": ["Acme", ""]}, index=["a", "b"])
    >>> compare(people, pd.Series({"a": 3}), "a", "b").iloc[[0, 1, 6]].values.tolist()
    [['Name', 'Ann Lee', 'Ann Lee'], ['Company', 'Acme', ''], ['Interactions', '3', '0']]
    """
    sides = people.reindex([keep, away]).reindex(columns=list(COMPARED))
    sides["interactions"] = [int(interactions.get(keep, 0)), int(interactions.get(away, 0))]
    sides = sides.astype(object).where(sides.notna(), "").astype(str)
    return pd.DataFrame({"field": [_(label) for label in COMPARED.values()], "kept": sides.iloc[0].tolist(),
                         "merged": sides.iloc[1].tolist()})
