"""The only code that imports streamlit: cached connection and queries, charts, filters."""

from pathlib import Path

# The page files live in views/, not pages/: a populated pages/ folder beside dashboard.py
# switches Streamlit to its legacy page discovery, which bypasses st.navigation (and with it
# the shared sidebar filters) — seen in the browser test, issue #5.
PAGES_DIR = Path(__file__).resolve().parent.parent.parent / "views"
