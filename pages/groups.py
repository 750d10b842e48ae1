"""Which groups pay off: cost against return, ranking, payback, give/take and members."""

import streamlit as st

st.title("Which groups pay off?")
st.caption("Being built.")
