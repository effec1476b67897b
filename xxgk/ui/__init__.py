"""The only code that imports streamlit: cached connection and queries, charts, filters."""
