"""LinkedIn export tables -> model frames: contacts, and message/invitation/endorsement/recommendation
interactions. All work is vectorised; per-person logic runs once per distinct participant.

Messages: the owner's messages become one "out" row per recipient (group chats explode); anybody
else's message is one "in" row for its sender, also between two other members of a group chat.
Participants who are not connections keep `contact_key(url, name)` as contact_id but are not added
to contacts (later code joins on contacts).

Example:
    >>> from analytics.ingest.tables import read_table
    >>> body = b"First Name,Last Name,URL,Connected On\\nJane,Doe,linkedin.com/in/jd,1 Jan 2024\\n"
    >>> t = read_table("Connections.csv", body)
    >>> contacts(t)[["contact_id", "name", "url"]].values.tolist()
    [['in:jd', 'Jane Doe', 'https://www.linkedin.com/in/jd']]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.i18n import _, counted, number
from analytics.ingest.dates import parse_dates
from analytics.ingest.people import Pairs, Resolver, canonical_url, is_owner, most_frequent, pair_keys
from analytics.ingest.tables import Table
from analytics.model import CONTACT_COLUMNS, INTERACTION_COLUMNS, Owner

#: Message text kept per interaction (enough to spot a sales pitch).
CONTENT_CHARS = 500
_DIRECTION = {"endorsements_received": "in", "endorsements_given": "out",
              "recommendations_received": "in", "recommendations_given": "out"}
_CHANNEL = {"endorsements_received": "endorsement", "endorsements_given": "endorsement",
            "recommendations_received": "recommendation", "recommendations_given": "recommendation"}


def column(t: Table, field: str) -> pd.Series:
    """A field of `t` (blank text when the file lacks it)."""
    frame = t.frame
    if field in frame:
        return frame[field]
    return pd.Series("", index=frame.index, dtype="str")


def _full_name(t: Table) -> pd.Series:
    return (column(t, "first_name") + " " + column(t, "last_name")).str.strip()


def _truncate(text: pd.Series) -> pd.Series:
    """Texts cut to CONTENT_CHARS characters (one pass, no copy of the full texts first)."""
    return text.str.slice(0, CONTENT_CHARS) if (text.str.len() > CONTENT_CHARS).any() else text


def _date_range(t: Table, dates: pd.Series) -> None:
    if dates.notna().any():
        t.report.date_min, t.report.date_max = dates.min(), dates.max()


def _canonical_urls(urls: pd.Series) -> pd.Series:
    """LinkedIn profile URLs in canonical form; other URLs (websites) kept as written."""
    codes, uniques = pd.factorize(urls)
    canon = pd.array([canonical_url(u) or u for u in uniques], dtype="str")
    return pd.Series(canon.take(codes) if len(uniques) else urls, index=urls.index, dtype="str")


def people_frame(t: Table, names: pd.Series, first: pd.Series, last: pd.Series,
                 source: str = "LinkedIn") -> pd.DataFrame:
    """Contacts frame for a table of people (connections or a generic contacts file), each known from
    `source` (one of model.SOURCES)."""
    urls = column(t, "url")
    email = column(t, "email")
    dates = parse_dates(column(t, "connected_on"))
    keyname = names.where(names.ne(""), email)
    nobody = keyname.eq("") & urls.map(canonical_url).eq("")
    t.report.skip(_("no name, e-mail or profile URL"), int(nobody.sum()))
    bad_dates = int((dates.isna() & column(t, "connected_on").ne("")).sum())
    if bad_dates:
        # TRANSLATORS: English keeps one form; write the singular and plural your language needs
        t.report.warnings.append(counted("{n} connection dates could not be read (left blank)",
                                         "{n} connection dates could not be read (left blank)", bad_dates))
    keep = ~nobody
    urls = urls[keep]
    out = pd.DataFrame({
        "contact_id": pair_keys(urls, keyname[keep]),
        "first_name": first[keep], "last_name": last[keep], "name": names[keep], "url": _canonical_urls(urls),
        "email": email[keep], "company": column(t, "company")[keep], "position": column(t, "position")[keep],
        "connected_on": dates[keep], "phone": column(t, "phone")[keep], "sources": source})
    t.report.rows = len(out)
    _date_range(t, out["connected_on"])
    return out[CONTACT_COLUMNS].reset_index(drop=True)


def contacts(t: Table) -> pd.DataFrame:
    """Connections.csv -> contacts; warns how many lack an e-mail address."""
    out = people_frame(t, _full_name(t), column(t, "first_name"), column(t, "last_name"))
    missing = int(out["email"].eq("").sum())
    if missing:
        # TRANSLATORS: {n} of {total} connections lack an address; the form follows {n} (English has one form)
        t.report.warnings.append(counted(
            "{n} of {total} connections have no email address — normal for LinkedIn (members choose whether "
            "connections may see it)",
            "{n} of {total} connections have no email address — normal for LinkedIn (members choose whether "
            "connections may see it)", missing, total=number(len(out))))
    return out


def owner_from_profile(t: Table) -> Owner:
    """Profile.csv -> Owner (name only; the URL is learnt from messages or invitations)."""
    names = _full_name(t)
    t.report.rows = len(names)
    return Owner(name=str(names.iloc[0]) if len(names) else "")


def _either(mask: np.ndarray, yes: str, no: str, index: pd.Index | None = None) -> pd.Series:
    """A text column of `yes` where `mask` holds, else `no`, built by Arrow (numpy's fixed-width strings
    turned into a text column cost 0.15 s per million rows).

    >>> _either(np.array([True, False]), "in", "out").tolist()
    ['in', 'out']
    """
    return pd.Series(pd.array(pc.if_else(pa.array(mask, type=pa.bool_()), yes, no), dtype="str"), index=index)


def _frame(ids: pd.Series, dates: pd.Series, channel: str, direction, content: pd.Series,
           conversation: pd.Series | str = "") -> pd.DataFrame:
    out = pd.DataFrame({"contact_id": ids, "date": dates, "channel": channel, "direction": direction,
                        "content": content, "conversation_id": conversation})
    return out[INTERACTION_COLUMNS].reset_index(drop=True)


def _dated(t: Table, rows: pd.Series | None = None) -> tuple[pd.Series, pd.Series]:
    """(parsed dates, rows to keep): among `rows` (default all), undated rows are counted and dropped."""
    raw = column(t, "date")
    rows = pd.Series(True, index=raw.index) if rows is None else rows
    dates = parse_dates(raw)
    t.report.skip(_("no date"), int((rows & raw.eq("")).sum()))
    t.report.skip(_("unparseable date"), int((rows & dates.isna() & raw.ne("")).sum()))
    return dates, rows & dates.notna()


def endorsements_or_recommendations(t: Table, resolver: Resolver) -> pd.DataFrame:
    """Endorsement_*_Info.csv / Recommendations_*.csv -> interactions (content = skill or text)."""
    dates, keep = _dated(t)
    names, urls = _full_name(t), column(t, "url")
    nobody = keep & names.eq("") & urls.eq("")
    t.report.skip(_("no name"), int(nobody.sum()))
    keep &= ~nobody
    t.report.rows = int(keep.sum())
    _date_range(t, dates[keep])
    return _frame(resolver.keys(urls[keep], names[keep]), dates[keep], _CHANNEL[t.kind], _DIRECTION[t.kind],
                  _truncate(column(t, "content")[keep]))


def invitations(t: Table, resolver: Resolver) -> pd.DataFrame:
    """Invitations.csv -> interactions: OUTGOING is "out" to the invitee, INCOMING "in" from the inviter."""
    dates, keep = _dated(t)
    way = column(t, "direction").str.upper()
    out = way.eq("OUTGOING")
    unknown = keep & ~out & way.ne("INCOMING")
    t.report.skip(_("unknown direction"), int(unknown.sum()))
    keep &= ~unknown
    names = column(t, "recipient").where(out, column(t, "sender"))[keep]
    urls = column(t, "recipient_url").where(out, column(t, "sender_url"))[keep]
    t.report.rows = int(keep.sum())
    _date_range(t, dates[keep])
    return _frame(resolver.keys(urls, names), dates[keep], "invitation",
                  _either(out[keep].to_numpy(bool), "out", "in", names.index),
                  _truncate(column(t, "content")[keep]))


def owner_from_invitations(t: Table) -> Owner:
    """The inviter of OUTGOING and invitee of INCOMING invitations, by frequency."""
    out = column(t, "direction").str.upper().eq("OUTGOING")
    pairs = Pairs.of(column(t, "sender_url").where(out, column(t, "recipient_url")),
                     column(t, "sender").where(out, column(t, "recipient")))
    return most_frequent((u, n, w) for (u, n), w in zip(pairs.values, pairs.weights(), strict=True))


def split_recipients(urls: str, names: str) -> list[tuple[str, str]]:
    """(url, name) per recipient of one message; URLs pair with names when the counts agree.

    >>> split_recipients("linkedin.com/in/a linkedin.com/in/b", "Ann A, Bob B")
    [('linkedin.com/in/a', 'Ann A'), ('linkedin.com/in/b', 'Bob B')]
    >>> split_recipients("", "Ann A, Bob B")
    [('', 'Ann A'), ('', 'Bob B')]
    """
    url_list = [u for u in re.split(r"[\s,;]+", urls) if u]
    name_list = [n.strip() for n in names.split(",") if n.strip()]
    if not url_list:
        return [("", n) for n in name_list]
    if len(url_list) == 1:
        return [(url_list[0], names.strip())]
    if len(name_list) != len(url_list):
        name_list = [""] * len(url_list)
    return list(zip(url_list, name_list, strict=True))


def _pairs(t: Table, which: str) -> Pairs:
    """Distinct senders ("sender") or recipient lists ("recipient") of a messages table, cached."""
    if which not in t.extra:
        urls = "sender_url" if which == "sender" else "recipient_urls"
        t.extra[which] = Pairs.of(column(t, urls), column(t, "sender" if which == "sender" else "recipients"))
    return t.extra[which]


def infer_owner(t: Table, hint: str = "", connections: frozenset[str] = frozenset()) -> Owner:
    """The most frequent participant across FROM and TO of a messages table (see `most_frequent`)."""
    senders, recipients = _pairs(t, "sender"), _pairs(t, "recipient")
    people = [(u, n, w) for (u, n), w in zip(senders.values, senders.weights(), strict=True)]
    for (urls, names), w in zip(recipients.values, recipients.weights(), strict=True):
        people += [(u, n, w) for u, n in split_recipients(urls, names)]
    return most_frequent(people, hint, connections)


def speaks(t: Table, owner: Owner) -> Owner | None:
    """`owner` completed with the profile URL used in these messages, or None if they never send one."""
    senders = _pairs(t, "sender")
    mine = [(u, n, w) for (u, n), w in zip(senders.values, senders.weights(), strict=True)
            if is_owner(owner, u, n)]
    return Owner(owner.name, owner.url or most_frequent(mine).url) if mine else None


def _explode_recipients(t: Table, out_pos: np.ndarray, owner: Owner, resolver: Resolver):
    """(row positions, contact ids, rows kept) with one entry per non-owner recipient of each row."""
    recipients = _pairs(t, "recipient")
    lists = [[resolver.key(u, n) for u, n in split_recipients(urls, names) if not is_owner(owner, u, n)]
             for urls, names in recipients.values]
    sizes = np.array([len(x) for x in lists], dtype=np.int64)
    inverse = recipients.inverse[out_pos]
    counts = sizes[inverse]
    t.report.skip(_("no recipient"), int((counts == 0).sum()))
    flat = pd.array([k for x in lists for k in x], dtype="str")
    within = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    picks = np.repeat((np.cumsum(sizes) - sizes)[inverse], counts) + within
    return np.repeat(out_pos, counts), flat.take(picks), int((counts > 0).sum())


def _pick(values: pd.Series, rows: np.ndarray) -> pd.Series:
    """values at sorted `rows`, avoiding a (slow, for long text) gather when rows are unique."""
    unique = bool(np.all(np.diff(rows) > 0))
    if unique and len(rows) == len(values):
        return values.reset_index(drop=True)
    if unique:
        mask = np.zeros(len(values), dtype=bool)
        mask[rows] = True
        return values[mask].reset_index(drop=True)
    return values.iloc[rows].reset_index(drop=True)


def messages(t: Table, owner: Owner, resolver: Resolver) -> pd.DataFrame:
    """messages.csv -> interactions (drafts and malformed rows counted as skipped).

    `owner` is who "out" means; a Direction column (2018 layout) overrides. Exports without
    CONVERSATION ID use the other party's contact id as conversation_id. The report's `rows` counts
    messages kept, not interaction rows (a group message gives one row per recipient).
    """
    if "content" in t.frame:  # the full texts are freed before the rows are picked (274 MB of them at 1M)
        t.frame["content"] = _truncate(t.frame["content"])
    draft = column(t, "draft").str.lower().eq("true") | column(t, "conversation_draft").str.lower().eq("true")
    t.report.skip(_("draft"), int(draft.sum()))
    blank = column(t, "date").eq("") & column(t, "sender").eq("") & column(t, "recipients").eq("")
    malformed = ~draft & blank
    t.report.skip(_("malformed row"), int(malformed.sum()))
    dates, keep = _dated(t, ~draft & ~malformed)
    anonymous = keep & column(t, "sender").eq("") & column(t, "sender_url").eq("")
    t.report.skip(_("no sender"), int(anonymous.sum()))
    keep &= ~anonymous

    senders = _pairs(t, "sender")
    sent = senders.mask(lambda u, n: is_owner(owner, u, n))
    way = column(t, "direction").str.upper()
    sent = np.where(way.str.startswith(("OUT", "SENT")), True,
                    np.where(way.str.startswith("IN"), False, sent))
    resolver = resolver.learn(senders)
    positions = np.flatnonzero(keep.to_numpy())
    in_pos = positions[~sent[positions]]
    out_rows, out_ids, n_out = _explode_recipients(t, positions[sent[positions]], owner, resolver)

    rows = np.concatenate([in_pos, out_rows])
    order = np.argsort(rows, kind="stable")
    rows = rows[order]
    ids = pd.concat([senders.keys(resolver.key, in_pos), pd.Series(out_ids, dtype="str")], ignore_index=True)
    ids = ids.take(order).reset_index(drop=True)
    direction = _either(order < len(in_pos), "in", "out")
    conversation = _pick(column(t, "conversation_id"), rows) if "conversation_id" in t.frame else ids
    t.report.rows = len(in_pos) + n_out
    _date_range(t, dates.iloc[positions])
    content = _pick(column(t, "content"), rows)
    return _frame(ids, _pick(dates, rows), "message", direction, content, conversation)
