"""Small display pieces several pages share."""

import re

import pandas as pd
import streamlit as st

TIER_HELP = ("Tiers echo Dunbar's layers of 5 / 15 / 50 / 150: Inner circle, Close, Active, Network; "
             "Dormant = a past relationship quiet for 12 months; Never engaged = connected, nothing since.")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")
COLUMNS = ["name", "company", "position", "strength", "tier", "last_interaction", "reason"]
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


def contact_list(table: pd.DataFrame, height: int = 420) -> None:
    """Read-only table of contacts with strength bar, tier and the reason for the score."""
    st.dataframe(table[COLUMNS], hide_index=True, height=height, column_config=CONTACT_CONFIG)


def plain(text: object) -> str:
    r"""`text` from a file (a name, a group, a takeaway quoting them) escaped for every place where
    Streamlit renders markdown (markdown, captions, headers, metric labels, alerts, toasts, button
    labels): no links, images, formulas or formatting, so nothing can load from another host.

    >>> plain("![x](http://evil/x.png) $1")
    '\\!\\[x\\]\\(http\\://evil/x\\.png\\) \\$1'
    """
    return _MARKDOWN.sub(r"\\\1", str(text))
