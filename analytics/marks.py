"""Clients and referrers without a ledger: the user's marks, and suggestions from the LinkedIn export.

A mark is the annotation `role` (client, referrer, prospect, friend). A suggestion is evidence the
export holds — they recommended you (often a former client), you recommended them, you endorsed each
other, or a long two-way message thread (a referral partner) — shown as "suggested: confirm?" and
never counted until the user marks the contact. Contacts already marked anything are not suggested.

Example:
    >>> it = pd.DataFrame({"contact_id": ["a"], "date": [pd.Timestamp("2025-01-01", tz="UTC")],
    ...                    "channel": ["recommendation"], "direction": ["in"]})
    >>> suggestions(it, pd.DataFrame({"contact_id": [], "role": []}),
    ...             pd.Timestamp("2026-01-01", tz="UTC")).values.tolist()
    [['a', 'client', 'they recommended you on LinkedIn (often a former client)']]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics import weights
from analytics.frames import kept
from analytics.i18n import N_, _

SUGGESTION_COLUMNS = ["contact_id", "role", "evidence"]


def marked(annotations: pd.DataFrame, role: str) -> pd.Index:
    """Contact ids the user marked as `role`.

    >>> marked(pd.DataFrame({"contact_id": ["a", "b"], "role": ["client", ""]}), "client").tolist()
    ['a']
    """
    rows = annotations.drop_duplicates("contact_id", keep="last")
    return pd.Index(rows.loc[rows["role"].fillna("") == role, "contact_id"])


def bulk_targets(matched: pd.DataFrame, companies: pd.Series, company: str | None, role: str,
                 suggested_only: bool) -> pd.DataFrame:
    """The rows of `matched` (contacts with `suggested_role`) a bulk mark as `role` applies to: those whose
    company reads `company` in `companies` (one name per company, aligned with `matched`) when one is
    given, and only those the export suggests for `role` when `suggested_only`.

    >>> m = pd.DataFrame({"contact_id": ["a", "b", "c"], "suggested_role": ["client", "", "client"]})
    >>> bulk_targets(m, pd.Series(["Acme", "Acme", "Beta"]), "Acme", "client", True)["contact_id"].tolist()
    ['a']
    """
    chosen = matched if company is None else matched[(companies == company).to_numpy()]
    return chosen[chosen["suggested_role"] == role] if suggested_only else chosen


def export_evidence(interactions: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """contact_id, role ("client" or "referrer"), evidence: what the export says about each contact up to
    `as_of`, whatever the user marked (reads interactions only; `suggestions` leaves out the marked).

    Client: they recommended you. Referrer: you recommended them, you endorsed each other, or a thread
    of SUGGEST_THREAD_MESSAGES messages with SUGGEST_THREAD_EACH_WAY each way. A client suggestion wins
    over a referrer one.
    """
    it = kept(interactions, (interactions["date"] <= as_of) & (interactions["contact_id"].fillna("") != ""))
    codes, ids = pd.factorize(it["contact_id"], sort=True)  # every contact with an interaction, in order
    counts = pd.Index(ids)

    def count(channel: str, direction: str) -> pd.Series:
        rows = ((it["channel"] == channel) & (it["direction"] == direction)).to_numpy(bool)
        return pd.Series(np.bincount(codes[rows], minlength=len(ids)), index=counts)

    out_msgs, in_msgs = count("message", "out"), count("message", "in")
    evidence = {
        ("client", N_("they recommended you on LinkedIn (often a former client)")):
            count("recommendation", "in") > 0,
        ("referrer", N_("you recommended them on LinkedIn")): count("recommendation", "out") > 0,
        ("referrer", N_("you endorsed each other")): (count("endorsement", "out") > 0)
        & (count("endorsement", "in") > 0),
        ("referrer", N_("a long two-way message thread")):
            (out_msgs + in_msgs >= weights.SUGGEST_THREAD_MESSAGES)
            & (out_msgs >= weights.SUGGEST_THREAD_EACH_WAY) & (in_msgs >= weights.SUGGEST_THREAD_EACH_WAY),
    }
    rows = [pd.DataFrame({"contact_id": hit.index[hit], "role": role, "evidence": _(text)})
            for (role, text), hit in evidence.items() if len(counts)]
    found = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=SUGGESTION_COLUMNS)
    found = found.groupby(["contact_id", "role"], as_index=False, sort=False)["evidence"].agg("; ".join)
    return found.sort_values("role", kind="stable").drop_duplicates("contact_id")  # client first


def suggestions(interactions: pd.DataFrame, annotations: pd.DataFrame, as_of: pd.Timestamp,
                found: pd.DataFrame | None = None) -> pd.DataFrame:
    """contact_id, role, evidence: who the export suggests marking (`evidence`), up to `as_of`, leaving
    out the contacts the user already marked. `found` is `export_evidence(...)` when computed."""
    found = export_evidence(interactions, as_of) if found is None else found
    decided = set(annotations.loc[annotations["role"].fillna("") != "", "contact_id"])
    return found[~found["contact_id"].isin(decided)][SUGGESTION_COLUMNS].reset_index(drop=True)
