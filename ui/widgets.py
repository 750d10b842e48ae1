"""Small display pieces several pages share."""

import re

import pandas as pd
import streamlit as st

TIER_HELP = ("Tiers echo Dunbar's layers of 5 / 15 / 50 / 150: Inner circle, Close, Active, Network; "
             "Dormant = a past relationship quiet for 12 months; Never engaged = connected, nothing since.")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")
#: Name, score and the reason first: the why is the point and must be on screen at 1280 px.
COLUMNS = ["name", "strength", "tier", "reason", "company", "position", "last_interaction"]
#: A row height above 4rem makes the grid wrap text: three lines, enough for a whole reason or why.
WRAPPED_ROW = 72
#: How every contact table labels and draws the scored columns.
CONTACT_CONFIG = {
    "name": st.column_config.TextColumn("Name"),
    "company": st.column_config.TextColumn("Company"),
    "position": st.column_config.TextColumn("Position"),
    "strength": st.column_config.ProgressColumn("Strength", min_value=0, max_value=100, format="%.0f"),
    "tier": st.column_config.TextColumn("Tier", help=TIER_HELP),
    "last_interaction": st.column_config.DatetimeColumn("Last interaction", format="YYYY-MM-DD"),
    "reason": st.column_config.TextColumn("Why this score", width="large"),
}


def contact_list(table: pd.DataFrame, key: str, height: int = 420) -> None:
    """Read-only table of contacts with strength bar, tier and the reason for the score; selecting a row
    shows that contact's whole reason below the table."""
    event = st.dataframe(table[COLUMNS], hide_index=True, height=height, column_config=CONTACT_CONFIG,
                         key=key, on_select="rerun", selection_mode="single-row")
    rows = event.selection.rows
    if rows and rows[0] < len(table):
        reason_panel(table.iloc[rows[0]])
    else:
        st.caption("Select a row to read that contact's whole reason here.")


def reason_panel(row: pd.Series) -> None:
    """One contact's score, tier and the whole reason, as text (names come from files: escaped)."""
    with st.container(border=True):
        st.markdown(f"**{plain(row['name'])}** — {plain(row['tier'])}, strength {row['strength']:.0f} / 100")
        st.markdown(f"Why this score: {plain(row['reason'])}")


def plain(text: object) -> str:
    r"""`text` from a file (a name, a group, a takeaway quoting them) escaped for every place where
    Streamlit renders markdown (markdown, captions, headers, metric labels, alerts, toasts, button
    labels): no links, images, formulas or formatting, so nothing can load from another host.

    >>> plain("![x](http://evil/x.png) $1")
    '\\!\\[x\\]\\(http\\://evil/x\\.png\\) \\$1'
    """
    return _MARKDOWN.sub(r"\\\1", str(text))
