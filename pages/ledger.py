"""Ledger & groups setup: groups registry, member attribution, activity ledger and imports."""

import streamlit as st

st.title("Ledger & groups setup")
st.caption("Groups, members and the activity ledger (being built).")
