"""Streamlit glue shared by the pages: session workspace and cached analysis results."""
