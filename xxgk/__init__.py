"""xxgk: Chinese government information-disclosure annual reports → a DuckDB warehouse → a dashboard."""

__version__ = "0.1.0"
