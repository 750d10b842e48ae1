"""Give and take: what you gave to and received from each contact and each group, up to a date.

One definition, used by the Groups page, the Action plan (hygiene), the coach report and the CLI.
An *exchange* is one act of giving or receiving, each counted once (weight 1):
- from the activity ledger: referrals, introductions and purchases (`weights.GIVE_TAKE_KINDS`);
  a purchase you made from a member is something you gave;
- from the LinkedIn export: endorsements and recommendations (`weights.GIVE_TAKE_CHANNELS`).
Direction "out" = you gave, "in" = you received. Meetings, messages and closed business are not
exchanges (closed business is what a referral turned into: counting it too would count it twice).

*You take without giving*: you received at least `weights.TAKE_WITHOUT_GIVE_MIN` exchanges from a
contact and gave them none. *Withdrawal before deposit*: the first referral or closed business you
received from a contact came before the first thing you gave them. *Burnout risk* (per group): you
gave at least `GROUP_BURNOUT_RATIO` times what you received, and `GROUP_BURNOUT_MIN_GIVEN` in all.

Example:
    >>> from analytics.model import empty_network
    >>> per_contact(empty_network(), pd.Timestamp("2026-01-01", tz="UTC")).empty
    True
"""

from __future__ import annotations

import pandas as pd

from analytics import weights as w
from analytics.frames import as_utc, contact_names
from analytics.i18n import _, number
from analytics.model import Network
from analytics.wording import count_of

CONTACT_COLUMNS = ["contact_id", "name", "given", "received", "balance", "first_given", "first_received",
                   "last_received", "received_kinds", "first_withdrawal", "first_withdrawal_kind",
                   "takes_only", "withdrew_before_deposit"]
GROUP_COLUMNS = ["group_id", "name", "given", "received", "balance", "burnout_risk", "reason"]
#: Received kinds that count as a withdrawal (you asked for, or got, business).
WITHDRAWAL_KINDS = ("referral", "closed_business")


def exchanges(net: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    """contact_id, group_id ("" outside groups), date, kind, direction of every exchange up to `as_of`."""
    as_of = as_utc(as_of)
    led = net.ledger[net.ledger["kind"].isin(w.GIVE_TAKE_KINDS)]
    it = net.interactions[net.interactions["channel"].isin(w.GIVE_TAKE_CHANNELS)]
    both = pd.concat([led[["contact_id", "group_id", "date", "kind", "direction"]],
                      it[["contact_id", "date", "channel", "direction"]].rename(columns={"channel": "kind"})
                      .assign(group_id="")], ignore_index=True)
    both["group_id"] = both["group_id"].fillna("")
    return both[(both["contact_id"].fillna("") != "") & (both["date"] <= as_of)
                & both["direction"].isin(["out", "in"])].reset_index(drop=True)


def _first_withdrawals(net: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    led = net.ledger
    taken = led[led["kind"].isin(WITHDRAWAL_KINDS) & (led["direction"] == "in") & (led["date"] <= as_of)
                & (led["contact_id"].fillna("") != "")]
    first = taken.sort_values(["date", "kind"], kind="stable").drop_duplicates("contact_id")
    return first.set_index("contact_id")[["date", "kind"]].rename(
        columns={"date": "first_withdrawal", "kind": "first_withdrawal_kind"})


def per_contact(net: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per contact with any exchange or withdrawal (CONTACT_COLUMNS), most taken first.

    `received_kinds` says what you received, e.g. "1 introduction, 2 referrals".
    """
    as_of = as_utc(as_of)
    ex = exchanges(net, as_of)
    out, got = ex[ex["direction"] == "out"].groupby("contact_id"), ex[ex["direction"] == "in"]
    kinds = got.groupby(["contact_id", "kind"]).size().unstack(fill_value=0)
    received_kinds = pd.Series([", ".join(count_of(kind, n)
                                          for kind, n in zip(kinds.columns, row, strict=True) if n)
                                for row in kinds.to_numpy().tolist()], index=kinds.index, dtype=object)
    withdrawals = _first_withdrawals(net, as_of)
    frame = pd.DataFrame({"given": out.size(), "received": got.groupby("contact_id").size(),
                          "first_given": out["date"].min(),
                          "first_received": got.groupby("contact_id")["date"].min(),
                          "last_received": got.groupby("contact_id")["date"].max(),
                          "received_kinds": received_kinds})
    frame = frame.join(withdrawals, how="outer").rename_axis("contact_id").reset_index()
    frame[["given", "received"]] = frame[["given", "received"]].fillna(0).astype(int)
    frame["received_kinds"] = frame["received_kinds"].fillna("").astype(object)
    frame["balance"] = frame["given"] - frame["received"]
    frame["takes_only"] = (frame["received"] >= w.TAKE_WITHOUT_GIVE_MIN) & (frame["given"] == 0)
    frame["withdrew_before_deposit"] = frame["first_withdrawal"].notna() & (
        frame["first_given"].isna() | (frame["first_withdrawal"] < frame["first_given"]))
    names = contact_names(net)
    frame["name"] = frame["contact_id"].map(names).astype(object).fillna(frame["contact_id"])
    return frame[CONTACT_COLUMNS].sort_values(["balance", "name"], ignore_index=True)


def per_group(net: Network, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per group (GROUP_COLUMNS): exchanges logged in the group's ledger rows up to `as_of`.

    >>> from analytics.model import empty_network
    >>> list(per_group(empty_network(), pd.Timestamp("2026-01-01", tz="UTC")).columns)[:4]
    ['group_id', 'name', 'given', 'received']
    """
    ex = exchanges(net, as_of)
    counts = ex[ex["group_id"] != ""].groupby(["group_id", "direction"]).size().unstack(fill_value=0)
    frame = net.groups.drop_duplicates("group_id")[["group_id", "name"]].reset_index(drop=True)
    for column, direction in (("given", "out"), ("received", "in")):
        tally = counts[direction] if direction in counts.columns else pd.Series(dtype=int)
        frame[column] = frame["group_id"].map(tally).fillna(0).astype(int)
    frame["balance"] = frame["given"] - frame["received"]
    frame["burnout_risk"] = ((frame["given"] >= w.GROUP_BURNOUT_RATIO * frame["received"])
                             & (frame["given"] >= w.GROUP_BURNOUT_MIN_GIVEN))
    balanced = _("You gave {given} and received {received}.")
    risky = _("You gave {given} and received {received}: burnout risk, ask the group for referrals in "
              "return.")
    frame["reason"] = [(risky if risk else balanced).format(given=number(g), received=number(r))
                       for g, r, risk in zip(frame["given"], frame["received"], frame["burnout_risk"],
                                             strict=True)]
    return frame[GROUP_COLUMNS]


def taking_flags(balance: pd.DataFrame, contact_ids: list[str] | None = None) -> pd.DataFrame:
    """Contacts you take from without giving back, or withdrew from before any deposit (within
    `contact_ids` when given): contact_id, name, given, received, balance and a plain `why`.

    >>> gt = pd.DataFrame({"contact_id": ["a"], "name": ["A"], "given": [0], "received": [2], "balance": [-2],
    ...     "takes_only": [True], "withdrew_before_deposit": [True]})
    >>> taking_flags(gt)["why"].tolist()
    ['you received 2 and gave nothing back; you received before you ever gave']
    """
    rows = balance if contact_ids is None else balance[balance["contact_id"].isin(contact_ids)]
    rows = rows[rows["takes_only"] | rows["withdrew_before_deposit"]]
    why = ["; ".join(p for p in (_("you received {n} and gave nothing back").format(n=number(r)) if t else "",
                                 _("you received before you ever gave") if wd else "") if p)
           for r, t, wd in zip(rows["received"], rows["takes_only"], rows["withdrew_before_deposit"],
                               strict=True)]
    return rows[["contact_id", "name", "given", "received", "balance"]].assign(why=why).reset_index(drop=True)
