"""Small display pieces several pages share."""

import pandas as pd
import streamlit as st

TIER_HELP = ("Tiers echo Dunbar's layers of 5 / 15 / 50 / 150: Inner circle, Close, Active, Network; "
             "Dormant = a past relationship quiet for 12 months; Never engaged = connected, nothing since.")
COLUMNS = ["name", "company", "position", "strength", "tier", "last_interaction", "reason"]


def contact_list(table: pd.DataFrame, height: int = 420) -> None:
    """Read-only table of contacts with strength bar, tier and the reason for the score."""
    st.dataframe(
        table[COLUMNS], hide_index=True, height=height,
        column_config={
            "strength": st.column_config.ProgressColumn("Strength", min_value=0, max_value=100,
                                                        format="%.0f"),
            "tier": st.column_config.TextColumn("Tier", help=TIER_HELP),
            "last_interaction": st.column_config.DatetimeColumn("Last interaction", format="YYYY-MM-DD"),
            "reason": st.column_config.TextColumn("Why this score", width="large"),
        })
